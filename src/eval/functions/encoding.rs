//! Base64, URL query escaping and JSON, byte for byte as Terraform writes them.

use super::{exact, Call};
use crate::eval::value::{format_number, Value};
use std::collections::BTreeMap;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64 with padding, strictly: `None` for anything else.
pub(super) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    if !b.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    for (ci, chunk) in b.chunks(4).enumerate() {
        let last = ci == b.len() / 4 - 1;
        let mut n = 0u32;
        let mut pads = 0;
        for (i, &c) in chunk.iter().enumerate() {
            let v = if c == b'=' && last && i >= 2 {
                pads += 1;
                0
            } else if pads > 0 {
                return None;
            } else {
                B64.iter().position(|&x| x == c)? as u32
            };
            n = (n << 6) | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Bits below the last encoded byte must be zero, as Go's strict decoder wants.
        if (pads == 1 && bytes[2] != 0) || (pads == 2 && (bytes[1] != 0 || bytes[2] != 0)) {
            return None;
        }
        out.extend_from_slice(&bytes[..3 - pads]);
    }
    Some(out)
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, a space becomes `+`, every
/// other byte `%XX`.
pub(super) fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Go's `url.QueryUnescape`; `None` for a bad escape or a result that is not UTF-8.
pub(super) fn query_unescape(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A JSON string as Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped as
/// `\u00XX` forms. Backspace and form feed, whose escape changed between Go releases, are
/// unknown.
pub(super) fn json_string(f: &Call, s: &str, out: &mut String) -> Result<(), Value> {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' | '\u{c}' => {
                return Err(f.unknown(
                    "a backspace or form feed, written differently by Terraform releases",
                ));
            }
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(())
}

/// `jsonencode`: compact JSON, object keys sorted.
pub(super) fn json_encode(f: &Call, v: &Value, out: &mut String) -> Result<(), Value> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if exact(*n) && !(*n == 0.0 && n.is_sign_negative()) => {
            out.push_str(&format_number(*n))
        }
        Value::Number(n) if n.is_finite() => out.push_str(&format!("{n}")),
        Value::Number(_) => return Err(f.unknown("a number lblint cannot write exactly")),
        Value::String(s) => json_string(f, s, out)?,
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_encode(f, item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(f, k, out)?;
                out.push(':');
                json_encode(f, item, out)?;
            }
            out.push('}');
        }
        Value::Unknown(_) => return Err(v.clone()),
        Value::Ref(_) => return Err(f.unknown("a reference is only known after apply")),
    }
    if out.len() > crate::eval::budget::MAX_STRING_BYTES {
        return Err(f.budget.exceeded(format!(
            "`jsonencode` would build a string longer than {} bytes",
            crate::eval::budget::MAX_STRING_BYTES
        )));
    }
    Ok(())
}

/// `jsondecode`. `Err((true, why))` for text Terraform rejects, `Err((false, why))` for
/// JSON lblint cannot represent exactly.
pub(super) fn json_decode(text: &str) -> Result<Value, (bool, String)> {
    let mut p = Json {
        s: text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    let v = p.value()?;
    p.ws();
    if p.i != p.b.len() {
        return Err((true, "extra text after the JSON value".into()));
    }
    Ok(v)
}

struct Json<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Json<'_> {
    fn bad(&self, what: &str) -> (bool, String) {
        (true, format!("invalid JSON at byte {}: {what}", self.i))
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Value, (bool, String)> {
        self.depth += 1;
        if self.depth > 128 {
            return Err((false, "JSON nested too deeply for lblint".into()));
        }
        let v = match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut map = BTreeMap::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let k = self.string()?;
                        self.ws();
                        if !self.eat(":") {
                            return Err(self.bad("`:` expected"));
                        }
                        self.ws();
                        let v = self.value()?;
                        if map.insert(k.clone(), v).is_some() {
                            return Err((false, format!("duplicate key {k:?}")));
                        }
                        self.ws();
                        if self.eat(",") {
                            continue;
                        }
                        if self.eat("}") {
                            break;
                        }
                        return Err(self.bad("`,` or `}` expected"));
                    }
                }
                Value::Object(map)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        items.push(self.value()?);
                        self.ws();
                        if self.eat(",") {
                            continue;
                        }
                        if self.eat("]") {
                            break;
                        }
                        return Err(self.bad("`,` or `]` expected"));
                    }
                }
                Value::List(items)
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b't') if self.eat("true") => Value::Bool(true),
            Some(b'f') if self.eat("false") => Value::Bool(false),
            Some(b'n') if self.eat("null") => Value::Null,
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                while matches!(
                    self.b.get(self.i),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.b[start..self.i]).unwrap_or("");
                let leading_zero = t.trim_start_matches('-').starts_with('0')
                    && t.trim_start_matches('-').len() > 1
                    && t.trim_start_matches('-').as_bytes()[1].is_ascii_digit();
                match super::parse_number(t) {
                    Some(_) if leading_zero => return Err(self.bad("a number with a leading zero")),
                    Some(n) if exact(n) || t.len() <= 15 => Value::Number(n),
                    Some(_) => {
                        return Err((
                            false,
                            format!("the number {t} is beyond lblint's precision"),
                        ))
                    }
                    None => return Err(self.bad("invalid number")),
                }
            }
            _ => return Err(self.bad("a value expected")),
        };
        self.depth -= 1;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, (bool, String)> {
        if !self.eat("\"") {
            return Err(self.bad("a string expected"));
        }
        let mut out = String::new();
        loop {
            let Some(&c) = self.b.get(self.i) else {
                return Err(self.bad("unterminated string"));
            };
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let e = *self
                        .b
                        .get(self.i + 1)
                        .ok_or_else(|| self.bad("bad escape"))?;
                    self.i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hex = |p: &Self, at: usize| {
                                std::str::from_utf8(p.b.get(at..at + 4)?)
                                    .ok()
                                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                            };
                            let u = hex(self, self.i).ok_or_else(|| self.bad("bad \\u escape"))?;
                            self.i += 4;
                            if (0xd800..0xdc00).contains(&u) {
                                // A surrogate pair, or (alone) a replacement character.
                                return Err((false, "a \\u surrogate escape".into()));
                            }
                            match char::from_u32(u) {
                                Some(ch) => out.push(ch),
                                None => return Err((false, "a \\u surrogate escape".into())),
                            }
                        }
                        _ => return Err(self.bad("bad escape")),
                    }
                }
                c if c < 0x20 => return Err(self.bad("a control character in a string")),
                _ => {
                    let ch = self.s[self.i..]
                        .chars()
                        .next()
                        .ok_or_else(|| self.bad("bad text"))?;
                    out.push(ch);
                    self.i += ch.len_utf8();
                }
            }
        }
    }
}
