//! `cidrhost`, `cidrnetmask`, `cidrsubnet` and `cidrsubnets` on IPv4 prefixes. IPv6
//! prefixes are unknown.

use super::{Call, R};
use crate::eval::value::Value;

/// An IPv4 prefix: its network address (host bits cleared) and length.
struct Prefix {
    net: u32,
    len: u32,
}

fn parse(f: &Call, text: &str) -> Result<Prefix, Value> {
    if text.contains(':') {
        return Err(f.unknown("IPv6 prefixes are not evaluated by lblint"));
    }
    let bad = || f.err(format!("{text:?} is not a CIDR prefix"));
    let (addr, len) = text.split_once('/').ok_or_else(bad)?;
    let len: u32 = if !len.is_empty() && len.bytes().all(|b| b.is_ascii_digit()) && len.len() <= 3 {
        len.parse().map_err(|_| bad())?
    } else {
        return Err(bad());
    };
    if len > 32 {
        return Err(bad());
    }
    let mut ip: u32 = 0;
    let parts: Vec<&str> = addr.split('.').collect();
    if parts.len() != 4 {
        return Err(bad());
    }
    for p in parts {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let v: u32 = p.parse().map_err(|_| bad())?;
        if v > 255 {
            return Err(bad());
        }
        ip = (ip << 8) | v;
    }
    Ok(Prefix {
        net: ip & mask(len),
        len,
    })
}

fn mask(len: u32) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - len)
    }
}

fn dotted(ip: u32) -> String {
    format!(
        "{}.{}.{}.{}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    )
}

pub(super) fn call(f: &Call, args: &[Value]) -> R {
    match f.name {
        "cidrhost" => {
            f.arity(args, 2, 2)?;
            let p = parse(f, &f.string(&args[0])?)?;
            let n = f.int(&args[1])?;
            let host_bits = 32 - p.len;
            let size: i64 = 1i64 << host_bits;
            let n = if n < 0 { n + size } else { n };
            if n < 0 {
                return Err(f.unknown("a host number below the start of the prefix"));
            }
            if n >= size {
                return Err(f.err(format!(
                    "a prefix of length {} has no host number {}",
                    p.len, args[1]
                )));
            }
            Ok(Value::String(dotted(p.net | n as u32)))
        }
        "cidrnetmask" => {
            f.arity(args, 1, 1)?;
            let p = parse(f, &f.string(&args[0])?)?;
            Ok(Value::String(dotted(mask(p.len))))
        }
        "cidrsubnet" => {
            f.arity(args, 3, 3)?;
            let p = parse(f, &f.string(&args[0])?)?;
            let (bits, num) = (f.int(&args[1])?, f.int(&args[2])?);
            if bits < 0 || num < 0 {
                return Err(f.unknown("a negative argument"));
            }
            let new_len = p.len as i64 + bits;
            if new_len > 32 {
                return Err(f.err(format!(
                    "cannot extend a prefix of length {} by {bits} bits",
                    p.len
                )));
            }
            if num >= 1i64 << bits {
                return Err(f.err(format!("{bits} new bits have no subnet number {num}")));
            }
            let net = p.net | ((num as u64) << (32 - new_len)) as u32;
            Ok(Value::String(format!("{}/{new_len}", dotted(net))))
        }
        _ => {
            f.arity(args, 2, usize::MAX)?;
            let p = parse(f, &f.string(&args[0])?)?;
            let mut lens = Vec::new();
            for a in &args[1..] {
                let bits = f.int(a)?;
                if bits < 1 {
                    return Err(f.unknown("a number of new bits below one"));
                }
                let l = p.len as i64 + bits;
                if l > 32 {
                    return Err(f.err(format!(
                        "cannot extend a prefix of length {} by {bits} bits",
                        p.len
                    )));
                }
                lens.push(l as u32);
            }
            if p.net == 0 {
                // Terraform starts from the subnet before the prefix, which wraps around.
                return Err(f.unknown("subnets of a prefix starting at 0.0.0.0"));
            }
            // Each subnet is the next one of its size after the previous, starting from
            // the start of the prefix.
            let end = u64::from(p.net) + (1u64 << (32 - p.len));
            let mut next_free = u64::from(p.net);
            let mut out = Vec::new();
            for l in lens {
                let size = 1u64 << (32 - l);
                let start = next_free.div_ceil(size) * size;
                if start + size > end {
                    return Err(f.err("not enough address space for all the subnets"));
                }
                out.push(Value::String(format!("{}/{l}", dotted(start as u32))));
                next_free = start + size;
            }
            Ok(Value::List(out))
        }
    }
}
