//! `format` and `formatlist` with Terraform's verbs: `%%`, `%v` (and `%#v`), `%t`, `%d`,
//! `%b`, `%o`, `%x`, `%X`, `%f`, `%s`, `%q`, with the flags `-`, `+`, ` `, `0`, `#`, a
//! width, a precision and an explicit argument index `[n]`. `%e`, `%E`, `%g` and `%G`,
//! and `%f` where it would round, are unknown: lblint holds numbers as binary floats,
//! Terraform as exact decimals.

use super::encoding::{json_encode, json_string};
use super::{exact, plain_text, Call, R};
use crate::eval::budget::{MAX_ELEMENTS, MAX_STRING_BYTES};
use crate::eval::value::Value;

#[derive(Default)]
struct Verb {
    minus: bool,
    plus: bool,
    space: bool,
    zero: bool,
    sharp: bool,
    width: Option<usize>,
    prec: Option<usize>,
    mode: char,
}

pub(super) fn format(f: &Call, fmt: &str, args: &[Value]) -> Result<String, Value> {
    if let Some(u) = args.iter().find(|a| a.has_unknown()) {
        return Err(match u {
            Value::Unknown(_) => u.clone(),
            _ => f.unknown("an argument is not known yet"),
        });
    }
    let mut out = String::new();
    let mut chars = fmt.char_indices().peekable();
    let mut next_arg = 0usize;
    let mut used_explicit = false;
    while let Some((_, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut v = Verb::default();
        while let Some(&(_, c)) = chars.peek() {
            match c {
                '-' => v.minus = true,
                '+' => v.plus = true,
                ' ' => v.space = true,
                '0' => v.zero = true,
                '#' => v.sharp = true,
                _ => break,
            }
            chars.next();
        }
        let number = |chars: &mut std::iter::Peekable<std::str::CharIndices>| {
            let mut n: Option<usize> = None;
            while let Some(&(_, d)) = chars.peek() {
                let Some(d) = d.to_digit(10) else { break };
                n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
                chars.next();
            }
            n
        };
        v.width = number(&mut chars);
        if chars.peek().map(|p| p.1) == Some('.') {
            chars.next();
            match number(&mut chars) {
                Some(p) => v.prec = Some(p),
                None => return Err(f.err("a `.` in a verb must be followed by a precision")),
            }
        }
        if chars.peek().map(|p| p.1) == Some('[') {
            chars.next();
            let n = number(&mut chars);
            if chars.next().map(|p| p.1) != Some(']') {
                return Err(f.err("an argument index must be `[n]`"));
            }
            match n {
                Some(n) if n >= 1 => next_arg = n - 1,
                _ => return Err(f.err("argument indexes start at 1")),
            }
            used_explicit = true;
        }
        let Some((_, mode)) = chars.next() else {
            return Err(f.err("the format ends in the middle of a verb"));
        };
        v.mode = mode;
        if mode == '%' {
            out.push('%');
            continue;
        }
        if v.width.unwrap_or(0) > MAX_STRING_BYTES || v.prec.unwrap_or(0) > MAX_STRING_BYTES {
            return Err(f.budget.exceeded(format!(
                "a `format` width or precision above {MAX_STRING_BYTES}"
            )));
        }
        let Some(arg) = args.get(next_arg) else {
            return Err(f.err(format!(
                "not enough arguments: the format needs argument {}",
                next_arg + 1
            )));
        };
        next_arg += 1;
        let piece = verb(f, &v, arg)?;
        if out.len() + piece.len() > MAX_STRING_BYTES {
            return Err(f.budget.exceeded(format!(
                "`format` would build a string longer than {MAX_STRING_BYTES} bytes"
            )));
        }
        out.push_str(&piece);
    }
    if next_arg < args.len() && !used_explicit {
        return Err(f.unknown("more arguments than verbs"));
    }
    Ok(out)
}

pub(super) fn formatlist(f: &Call, fmt: &str, args: &[Value]) -> R {
    let mut len: Option<usize> = None;
    for a in args {
        match a {
            Value::List(items) => match len {
                Some(l) if l != items.len() => {
                    return Err(f.err("the list arguments differ in length"));
                }
                _ => len = Some(items.len()),
            },
            Value::Unknown(_) => return Err(a.clone()),
            _ => {}
        }
    }
    let n = len.unwrap_or(1);
    if n > MAX_ELEMENTS {
        return Err(f.budget.exceeded(format!(
            "`formatlist` would build {n} strings, more than {MAX_ELEMENTS}"
        )));
    }
    let mut out = Vec::with_capacity(n);
    let mut total = 0usize;
    for i in 0..n {
        let row: Vec<Value> = args
            .iter()
            .map(|a| match a {
                Value::List(items) => items[i].clone(),
                other => other.clone(),
            })
            .collect();
        let s = format(f, fmt, &row)?;
        total += s.len();
        if total > MAX_STRING_BYTES {
            return Err(f.budget.exceeded(format!(
                "`formatlist` would build more than {MAX_STRING_BYTES} bytes"
            )));
        }
        out.push(Value::String(s));
    }
    Ok(Value::List(out))
}

fn verb(f: &Call, v: &Verb, arg: &Value) -> Result<String, Value> {
    if v.mode != 'v' && matches!(arg, Value::Null) {
        return Err(f.err(format!("a null value cannot be formatted with %{}", v.mode)));
    }
    match v.mode {
        'v' => {
            let text = match arg {
                Value::String(s) if !v.sharp => s.clone(),
                Value::Number(n) if !v.sharp => go_shortest_g(f, *n)?,
                other => {
                    let mut s = String::new();
                    json_encode(f, other, &mut s)?;
                    s
                }
            };
            pad(f, v, text)
        }
        't' => Ok(f.boolean(arg)?.to_string()),
        'd' | 'b' | 'o' | 'x' | 'X' => {
            let n = f.number(arg)?;
            if n.fract() != 0.0 || !n.is_finite() {
                return Err(f.err("an integer is required"));
            }
            if n.abs() >= 9_007_199_254_740_992.0 {
                return Err(f.unknown("an integer too large for lblint"));
            }
            Ok(integer(v, n as i64))
        }
        'f' => {
            let n = f.number(arg)?;
            fixed(v, n).ok_or_else(|| f.unknown("`%f` would round, which lblint does not do"))
        }
        'e' | 'E' | 'g' | 'G' => Err(f.unknown(format!(
            "`%{}` is not evaluated by lblint (decimal rounding)",
            v.mode
        ))),
        's' | 'q' => {
            let mut s = f.string(arg)?;
            if let Some(p) = v.prec {
                if !plain_text(&s) || s.contains('\r') {
                    return Err(f.unknown("a precision on text lblint does not segment"));
                }
                s = s.chars().take(p).collect();
            }
            if v.mode == 'q' {
                let mut q = String::new();
                json_string(f, &s, &mut q)?;
                s = q;
            }
            pad(f, v, s)
        }
        other => Err(f.err(format!("unsupported verb %{other}"))),
    }
}

/// Pads to the width, counted in grapheme clusters: spaces (or zeros with `0`), on the
/// right with `-`.
fn pad(f: &Call, v: &Verb, s: String) -> Result<String, Value> {
    let Some(width) = v.width else { return Ok(s) };
    if !plain_text(&s) || s.contains('\r') {
        return Err(f.unknown("a width on text lblint does not segment"));
    }
    let len = s.chars().count();
    if len >= width {
        return Ok(s);
    }
    let fill = if v.zero { "0" } else { " " }.repeat(width - len);
    Ok(if v.minus { s + &fill } else { fill + &s })
}

/// An integer as Go formats a big integer: sign, `#` prefix, precision zeros, width.
fn integer(v: &Verb, n: i64) -> String {
    let (base, prefix) = match v.mode {
        'b' => (2, "0b"),
        'o' => (8, "0"),
        'x' | 'X' => (16, if v.mode == 'x' { "0x" } else { "0X" }),
        _ => (10, ""),
    };
    let mut digits = radix(n.unsigned_abs(), base);
    if v.mode == 'X' {
        digits = digits.to_uppercase();
    }
    let prefix = if v.sharp { prefix } else { "" };
    let sign = if n < 0 {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let mut zeros = 0;
    if let Some(p) = v.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            return String::new();
        }
    }
    let length = sign.len() + prefix.len() + zeros + digits.len();
    let (mut left, mut right) = (0, 0);
    if let Some(w) = v.width {
        if length < w {
            let d = w - length;
            if v.minus {
                right = d;
            } else if v.zero && v.prec.is_none() {
                zeros = d;
            } else {
                left = d;
            }
        }
    }
    format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    )
}

fn radix(mut n: u64, base: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut out = Vec::new();
    while n > 0 {
        out.push(b"0123456789abcdef"[(n % base) as usize]);
        n /= base;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `%f` when no rounding is needed: the number's shortest digits fit the precision.
fn fixed(v: &Verb, n: f64) -> Option<String> {
    if !exact(n) || (n == 0.0 && n.is_sign_negative()) {
        return None;
    }
    let prec = v.prec.unwrap_or(6);
    let plain = format!("{}", n.abs());
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    if frac.len() > prec {
        return None;
    }
    let mut body = int.to_string();
    if prec > 0 {
        body.push('.');
        body.push_str(frac);
        body.push_str(&"0".repeat(prec - frac.len()));
    }
    let sign = if n < 0.0 {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + body.len();
    let padding = v.width.map_or(0, |w| w.saturating_sub(len));
    Some(if v.zero && !v.minus {
        format!("{sign}{}{body}", "0".repeat(padding))
    } else if v.minus {
        format!("{sign}{body}{}", " ".repeat(padding))
    } else {
        format!("{}{sign}{body}", " ".repeat(padding))
    })
}

/// A number as Go's `%g` with the shortest precision writes it (what `%v` gives): plain
/// decimals for exponents from -4 to 5, else `1.5e+06` form.
fn go_shortest_g(f: &Call, n: f64) -> Result<String, Value> {
    if !n.is_finite() || (n == 0.0 && n.is_sign_negative()) {
        return Err(f.unknown("a number lblint cannot write exactly"));
    }
    if n == 0.0 {
        return Ok("0".into());
    }
    let sci = format!("{:e}", n.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if n < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return Ok(format!("{sign}{mant}e{exp_sign}{:02}", exp.abs()));
    }
    Ok(format!("{sign}{}", n.abs()))
}
