//! `regex`, `regexall` and `replace` with a `/pattern/`. Terraform uses Go's RE2 syntax;
//! the `regex` crate is close to it, and the differences are translated (`\d`, `\w`, `\s`
//! and `\b` are ASCII in RE2, Unicode in Rust) or make the result unknown (syntax only one
//! of them accepts, repetition counts above RE2's 1000, empty matches).

use super::{Call, R};
use crate::eval::budget::{MAX_ELEMENTS, MAX_STRING_BYTES};
use crate::eval::value::Value;
use regex::Regex;
use std::collections::BTreeMap;

/// Patterns longer than this are not compiled (the compiled program grows with them).
const MAX_PATTERN_BYTES: usize = 4096;

/// Translates an RE2 pattern to the `regex` crate's syntax; `None` when lblint is not
/// sure both mean the same.
fn translate(p: &str) -> Option<String> {
    let c: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    let mut i = 0;
    let mut in_class = false;
    let mut class_start = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '\\' => {
                let e = *c.get(i + 1)?;
                i += 2;
                let (inside, outside) = match e {
                    'd' => ("0-9", "[0-9]"),
                    'D' => ("", "[^0-9]"),
                    'w' => ("0-9A-Za-z_", "[0-9A-Za-z_]"),
                    'W' => ("", "[^0-9A-Za-z_]"),
                    's' => ("\\t\\n\\x0C\\r ", "[\\t\\n\\x0C\\r ]"),
                    'S' => ("", "[^\\t\\n\\x0C\\r ]"),
                    'b' => ("", "(?-u:\\b)"),
                    'B' => ("", "(?-u:\\B)"),
                    '<' | '>' => {
                        out.push(e);
                        continue;
                    }
                    'Q'
                    | 'C'
                    | 'z'
                    | 'A'
                    | 'p'
                    | 'P'
                    | 'x'
                    | 'n'
                    | 't'
                    | 'r'
                    | 'f'
                    | 'v'
                    | 'a'
                    | '0'..='7' => {
                        if matches!(e, 'Q' | 'C') {
                            return None;
                        }
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                    e if e.is_ascii_alphanumeric() => return None,
                    e => {
                        out.push('\\');
                        out.push(e);
                        continue;
                    }
                };
                if in_class {
                    if inside.is_empty() {
                        return None;
                    }
                    out.push_str(inside);
                } else {
                    out.push_str(outside);
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                i += 1;
                if c.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                class_start = i;
                continue;
            }
            '[' if in_class => {
                if c.get(i + 1) == Some(&':') {
                    // A POSIX class, `[:alpha:]`: copied through `:]`.
                    let end = (i + 2..c.len().saturating_sub(1))
                        .find(|&j| c[j] == ':' && c[j + 1] == ']')?;
                    out.extend(&c[i..=end + 1]);
                    i = end + 2;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' if in_class && i == class_start => out.push_str("\\]"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' if in_class && c.get(i + 1) == Some(&ch) => {
                out.push(ch);
                out.push('\\');
                out.push(ch);
                i += 2;
                continue;
            }
            '-' if in_class && c.get(i + 1) == Some(&'-') => return None,
            '(' if !in_class && c.get(i + 1) == Some(&'?') => {
                // Flags and named groups: only what both engines read the same way.
                let rest: String = c[i + 2..].iter().collect();
                if rest.starts_with("P<") || rest.starts_with('<') || rest.starts_with(':') {
                    out.push_str("(?");
                    i += 2;
                    continue;
                }
                let flags: String = rest
                    .chars()
                    .take_while(|x| *x != ')' && *x != ':')
                    .collect();
                if flags.is_empty()
                    || !flags
                        .chars()
                        .all(|x| matches!(x, 'i' | 'm' | 's' | 'U' | '-'))
                {
                    return None;
                }
                out.push_str("(?");
                out.push_str(&flags);
                i += 2 + flags.chars().count();
                continue;
            }
            '{' if !in_class => {
                // RE2 allows at most 1000 repetitions.
                let counts: String = c[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_digit() || **x == ',')
                    .collect();
                if counts
                    .split(',')
                    .any(|n| n.parse::<u32>().map(|n| n > 1000).unwrap_or(false))
                {
                    return None;
                }
                out.push('{');
            }
            _ => out.push(ch),
        }
        i += 1;
    }
    if in_class {
        return None;
    }
    Some(out)
}

fn compile(f: &Call, pattern: &str) -> Result<Regex, Value> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(f.unknown("a pattern too long for lblint"));
    }
    let Some(translated) = translate(pattern) else {
        return Err(f.unknown(format!(
            "the pattern {pattern:?} uses syntax whose meaning lblint does not reproduce exactly"
        )));
    };
    regex::RegexBuilder::new(&translated)
        .size_limit(1 << 20)
        .build()
        .map_err(|_| f.unknown(format!("lblint cannot compile the pattern {pattern:?}")))
}

/// The result for one match: the text, a list of the groups, or an object of the named
/// groups.
fn captures(f: &Call, re: &Regex, caps: &regex::Captures) -> R {
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    if names.is_empty() {
        return Ok(Value::String(caps[0].to_string()));
    }
    let named = names.iter().filter(|n| n.is_some()).count();
    if named != 0 && named != names.len() {
        return Err(f.unknown("a pattern mixing named and unnamed groups"));
    }
    let mut list = Vec::new();
    let mut map = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let Some(m) = caps.get(i + 1) else {
            return Err(f.unknown("a group that does not take part in the match"));
        };
        let v = Value::String(m.as_str().to_string());
        match name {
            Some(n) => {
                map.insert(n.to_string(), v);
            }
            None => list.push(v),
        }
    }
    Ok(if named > 0 {
        Value::Object(map)
    } else {
        Value::List(list)
    })
}

pub(super) fn regex(f: &Call, pattern: &str, text: &str, all: bool) -> R {
    let re = compile(f, pattern)?;
    if !all {
        return match re.captures(text) {
            Some(c) if c[0].is_empty() => Err(f.unknown("an empty match")),
            Some(c) => captures(f, &re, &c),
            None => Err(f.err("the pattern does not match the string")),
        };
    }
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        if c[0].is_empty() {
            return Err(f.unknown("an empty match"));
        }
        out.push(captures(f, &re, &c)?);
        if out.len() > MAX_ELEMENTS {
            return Err(f.budget.exceeded(format!(
                "`regexall` would build more than {MAX_ELEMENTS} matches"
            )));
        }
    }
    Ok(Value::List(out))
}

pub(super) fn replace(f: &Call, text: &str, pattern: &str, to: &str) -> R {
    let re = compile(f, pattern)?;
    let refs = to.matches('$').count();
    let mut out = String::new();
    let mut last = 0;
    for c in re.captures_iter(text) {
        let m = c.get(0).expect("group 0 is the match");
        if m.is_empty() {
            return Err(f.unknown("an empty match"));
        }
        out.push_str(&text[last..m.start()]);
        // No group is longer than the match: a bound on this expansion before building it.
        let most = to.len().saturating_add(refs.saturating_mul(m.len()));
        if out.len().saturating_add(most) > MAX_STRING_BYTES {
            let mut one = String::new();
            if most <= MAX_STRING_BYTES {
                c.expand(to, &mut one);
            }
            if most > MAX_STRING_BYTES || out.len() + one.len() > MAX_STRING_BYTES {
                return Err(f.budget.exceeded(format!(
                    "`replace` would build a string longer than {MAX_STRING_BYTES} bytes"
                )));
            }
            out.push_str(&one);
            last = m.end();
            continue;
        }
        c.expand(to, &mut out);
        last = m.end();
        if out.len() > MAX_STRING_BYTES {
            return Err(f.budget.exceeded(format!(
                "`replace` would build a string longer than {MAX_STRING_BYTES} bytes"
            )));
        }
    }
    out.push_str(&text[last..]);
    Ok(Value::String(out))
}
