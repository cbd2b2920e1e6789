//! The pure Terraform functions lblint evaluates. Any other function gives an unknown value.

use super::value::{format_number, Value};
use std::collections::BTreeMap;

pub(super) fn call(name: &str, args: Vec<Value>) -> Value {
    // `try` and `coalesce` can decide with some arguments unknown; the others cannot.
    match name {
        "try" => {
            return args
                .into_iter()
                .next()
                .unwrap_or_else(|| Value::unknown("`try` without arguments"))
        }
        "coalesce" => {
            for a in args {
                match a {
                    Value::Null => continue,
                    Value::String(ref s) if s.is_empty() => continue,
                    other => return other,
                }
            }
            return Value::unknown("`coalesce` found no value");
        }
        _ => {}
    }
    if let Some(Value::Unknown(u)) = args.iter().find(|a| !a.is_known()) {
        return Value::Unknown(u.clone());
    }
    let s = |i: usize| args.get(i).and_then(|v| v.to_template_string().ok());
    let out = match name {
        "lower" => s(0).map(|x| Value::String(x.to_lowercase())),
        "upper" => s(0).map(|x| Value::String(x.to_uppercase())),
        "trimspace" => s(0).map(|x| Value::String(x.trim().to_string())),
        "tostring" => s(0).map(Value::String),
        "tonumber" => args.first().and_then(Value::as_f64).map(Value::Number),
        "tobool" => args.first().and_then(Value::as_bool).map(Value::Bool),
        "tolist" | "toset" => args.first().and_then(|v| match v {
            Value::List(items) => {
                let mut items = items.clone();
                if name == "toset" {
                    let mut seen = Vec::new();
                    items.retain(|x| {
                        let new = !seen.contains(x);
                        if new {
                            seen.push(x.clone());
                        }
                        new
                    });
                }
                Some(Value::List(items))
            }
            _ => None,
        }),
        "tomap" => args
            .first()
            .filter(|v| matches!(v, Value::Object(_)))
            .cloned(),
        "concat" => {
            let mut out = Vec::new();
            for a in &args {
                match a {
                    Value::List(items) => out.extend(items.iter().cloned()),
                    _ => return Value::unknown("`concat` of a value that is not a list"),
                }
            }
            Some(Value::List(out))
        }
        "merge" => {
            let mut out = BTreeMap::new();
            for a in &args {
                match a {
                    Value::Object(map) => out.extend(map.clone()),
                    Value::Null => {}
                    _ => return Value::unknown("`merge` of a value that is not an object"),
                }
            }
            Some(Value::Object(out))
        }
        "length" => args.first().and_then(|v| match v {
            Value::List(items) => Some(Value::Number(items.len() as f64)),
            Value::Object(map) => Some(Value::Number(map.len() as f64)),
            Value::String(s) => Some(Value::Number(s.chars().count() as f64)),
            _ => None,
        }),
        "join" => match (s(0), args.get(1)) {
            (Some(sep), Some(Value::List(items))) => {
                let parts: Result<Vec<String>, Value> =
                    items.iter().map(Value::to_template_string).collect();
                match parts {
                    Ok(parts) => Some(Value::String(parts.join(&sep))),
                    Err(u) => return u,
                }
            }
            _ => None,
        },
        "split" => match (s(0), s(1)) {
            (Some(sep), Some(text)) if !sep.is_empty() => Some(Value::List(
                text.split(sep.as_str())
                    .map(|p| Value::String(p.to_string()))
                    .collect(),
            )),
            _ => None,
        },
        "replace" => match (s(0), s(1), s(2)) {
            (Some(text), Some(from), Some(to)) if !from.starts_with('/') && !from.is_empty() => {
                Some(Value::String(text.replace(&from, &to)))
            }
            _ => None,
        },
        "contains" => match (args.first(), args.get(1)) {
            (Some(Value::List(items)), Some(x)) => Some(Value::Bool(items.contains(x))),
            _ => None,
        },
        "lookup" => match (args.first(), s(1)) {
            (Some(Value::Object(map)), Some(key)) => {
                map.get(&key).cloned().or(args.get(2).cloned())
            }
            _ => None,
        },
        "element" => match (args.first(), args.get(1).and_then(Value::as_f64)) {
            (Some(Value::List(items)), Some(i)) if !items.is_empty() && i >= 0.0 => {
                Some(items[(i as usize) % items.len()].clone())
            }
            _ => None,
        },
        "keys" | "values" => args.first().and_then(|v| match v {
            Value::Object(map) => Some(Value::List(if name == "keys" {
                map.keys().map(|k| Value::String(k.clone())).collect()
            } else {
                map.values().cloned().collect()
            })),
            _ => None,
        }),
        "flatten" => args.first().and_then(|v| match v {
            Value::List(items) => {
                let mut out = Vec::new();
                flatten_into(items, &mut out);
                Some(Value::List(out))
            }
            _ => None,
        }),
        "max" | "min" => {
            let nums: Option<Vec<f64>> = args.iter().map(Value::as_f64).collect();
            nums.filter(|n| !n.is_empty()).map(|n| {
                let f = if name == "max" { f64::max } else { f64::min };
                Value::Number(n.into_iter().reduce(f).unwrap_or(0.0))
            })
        }
        "format" => s(0).and_then(|fmt| format(&fmt, &args[1..])),
        "range" => {
            let nums: Option<Vec<f64>> = args.iter().map(Value::as_f64).collect();
            match nums.as_deref() {
                Some([end]) => range(0.0, *end, 1.0),
                Some([start, end]) => range(*start, *end, 1.0),
                Some([start, end, step]) => range(*start, *end, *step),
                _ => None,
            }
        }
        _ => return Value::unknown(format!("function `{name}` is not evaluated by lblint")),
    };
    out.unwrap_or_else(|| Value::unknown(format!("`{name}` got arguments it cannot use")))
}

fn flatten_into(items: &[Value], out: &mut Vec<Value>) {
    for item in items {
        match item {
            Value::List(inner) => flatten_into(inner, out),
            other => out.push(other.clone()),
        }
    }
}

fn range(start: f64, end: f64, step: f64) -> Option<Value> {
    if step == 0.0 || !start.is_finite() || !end.is_finite() {
        return None;
    }
    let n = ((end - start) / step).ceil();
    if n < 0.0 || super::too_many(n as usize) {
        return None;
    }
    Some(Value::List(
        (0..n as usize)
            .map(|i| Value::Number(start + step * i as f64))
            .collect(),
    ))
}

/// `format` with the verbs `%s`, `%d`, `%v` and `%%`.
fn format(fmt: &str, args: &[Value]) -> Option<Value> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'v' => out.push_str(&args.next()?.to_template_string().ok()?),
            'd' => out.push_str(&format_number(args.next()?.as_f64()?.trunc())),
            _ => return None,
        }
    }
    Some(Value::String(out))
}
