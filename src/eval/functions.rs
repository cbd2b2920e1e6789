//! Terraform's built-in functions. The pure, deterministic ones are evaluated as Terraform
//! does (its behaviour on null, empty collections, type conversion and out-of-range
//! arguments included); every other function of Terraform yields an unknown value whose
//! reason names it. A result lblint cannot compute exactly (grapheme clusters of unusual
//! text, decimal rounding, set orders it does not know) is unknown, never approximated.

mod cidr;
mod encoding;
mod format;
mod regex;

use super::budget::{Budget, MAX_ELEMENTS, MAX_STRING_BYTES, TERRAFORM_RANGE_LIMIT};
use super::value::{format_number, Cause, Value};
use std::collections::BTreeMap;

/// Every built-in function of Terraform (v1.14), by name: the language documentation's
/// function list plus `list`, `map` (removed in 0.15, still recognised to say so) and
/// `type` (only in `terraform console`).
pub const TERRAFORM_FUNCTIONS: &[&str] = &[
    "abs",
    "abspath",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "basename",
    "bcrypt",
    "can",
    "ceil",
    "chomp",
    "chunklist",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "csvdecode",
    "dirname",
    "distinct",
    "element",
    "endswith",
    "ephemeralasnull",
    "file",
    "filebase64",
    "filebase64sha256",
    "filebase64sha512",
    "fileexists",
    "filemd5",
    "fileset",
    "filesha1",
    "filesha256",
    "filesha512",
    "flatten",
    "floor",
    "format",
    "formatdate",
    "formatlist",
    "indent",
    "index",
    "issensitive",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "list",
    "log",
    "lookup",
    "lower",
    "map",
    "matchkeys",
    "max",
    "md5",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "parseint",
    "pathexpand",
    "plantimestamp",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "rsadecrypt",
    "sensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "sha1",
    "sha256",
    "sha512",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "templatefile",
    "templatestring",
    "textdecodebase64",
    "textencodebase64",
    "timeadd",
    "timecmp",
    "timestamp",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "transpose",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "try",
    "type",
    "upper",
    "urldecode",
    "urlencode",
    "uuid",
    "uuidv5",
    "values",
    "yamldecode",
    "yamlencode",
    "zipmap",
];

/// Functions lblint never evaluates, and why: their result depends on the machine, the
/// time, files, randomness or secrets, or lblint does not implement them exactly.
const NOT_EVALUATED: &[(&str, &str)] = &[
    ("abspath", "depends on the directory Terraform runs in"),
    ("basename", "depends on the operating system's path rules"),
    ("dirname", "depends on the operating system's path rules"),
    ("pathexpand", "depends on the home directory of the machine"),
    ("file", "reads a file"),
    ("filebase64", "reads a file"),
    ("filebase64sha256", "reads a file"),
    ("filebase64sha512", "reads a file"),
    ("fileexists", "looks at the file system"),
    ("filemd5", "reads a file"),
    ("fileset", "looks at the file system"),
    ("filesha1", "reads a file"),
    ("filesha256", "reads a file"),
    ("filesha512", "reads a file"),
    ("templatefile", "reads a file"),
    ("timestamp", "returns the time of the run"),
    ("plantimestamp", "returns the time of the plan"),
    ("uuid", "returns a random value"),
    ("bcrypt", "returns a random salt each run"),
    ("rsadecrypt", "decrypts with a private key"),
    ("md5", "is a hash lblint does not compute"),
    ("sha1", "is a hash lblint does not compute"),
    ("sha256", "is a hash lblint does not compute"),
    ("sha512", "is a hash lblint does not compute"),
    ("base64sha256", "is a hash lblint does not compute"),
    ("base64sha512", "is a hash lblint does not compute"),
    ("uuidv5", "is a hash lblint does not compute"),
    ("base64gzip", "compresses, which lblint does not do"),
    (
        "textencodebase64",
        "converts character encodings, which lblint does not do",
    ),
    (
        "textdecodebase64",
        "converts character encodings, which lblint does not do",
    ),
    ("csvdecode", "is not evaluated by lblint"),
    (
        "yamldecode",
        "is not evaluated by lblint (YAML's rules are not reproduced exactly)",
    ),
    (
        "yamlencode",
        "is not evaluated by lblint (YAML's rules are not reproduced exactly)",
    ),
    ("formatdate", "is not evaluated by lblint (time formatting)"),
    ("timeadd", "is not evaluated by lblint (time arithmetic)"),
    ("timecmp", "is not evaluated by lblint (time arithmetic)"),
    (
        "templatestring",
        "renders a template lblint does not evaluate",
    ),
    (
        "issensitive",
        "depends on sensitivity, which lblint does not track",
    ),
    (
        "ephemeralasnull",
        "depends on ephemerality, which lblint does not track",
    ),
    ("type", "exists only in `terraform console`"),
    ("list", "was removed in Terraform 0.15"),
    ("map", "was removed in Terraform 0.15"),
];

/// How lblint handles a function name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    /// Evaluated (its result may still be unknown for some arguments).
    Evaluated,
    /// Always unknown, with the reason.
    Unknown(String),
    /// Not a function Terraform has.
    NotTerraform,
}

/// How lblint handles the function `name` (`core::` prefix allowed).
pub fn function_support(name: &str) -> Support {
    let name = name.strip_prefix("core::").unwrap_or(name);
    if name.starts_with("provider::") {
        return Support::Unknown(format!(
            "`{name}` is a provider-defined function, which only its provider computes"
        ));
    }
    if let Some((_, why)) = NOT_EVALUATED.iter().find(|(n, _)| *n == name) {
        return Support::Unknown(format!("`{name}` {why}"));
    }
    if TERRAFORM_FUNCTIONS.contains(&name) {
        Support::Evaluated
    } else {
        Support::NotTerraform
    }
}

/// What a function gives: a value, or an unknown (possibly a Terraform error).
type R = Result<Value, Value>;

pub(super) fn call(name: &str, args: Vec<Value>, budget: &Budget) -> Value {
    let name = name.strip_prefix("core::").unwrap_or(name);
    match function_support(name) {
        Support::Evaluated => {}
        Support::Unknown(why) => {
            return Value::unknown_because(Cause::Function(name.to_string()), why)
        }
        Support::NotTerraform => {
            return Value::error(format!("`{name}` is not a Terraform function"));
        }
    }
    match name {
        "try" => return try_(args),
        "can" => return can(args),
        _ => {}
    }
    // Terraform evaluates every argument first: an error in any is the call's error.
    if let Some(e) = args.iter().find(|a| a.is_error()) {
        return e.clone();
    }
    let f = Call { name, budget };
    match f.dispatch(&args) {
        Ok(v) | Err(v) => v,
    }
}

/// `try`: the first argument Terraform evaluates without an error; unknown as soon as one
/// is unknown (Terraform cannot tell yet whether it would fail).
fn try_(args: Vec<Value>) -> Value {
    if args.is_empty() {
        return Value::error("`try` needs at least one argument");
    }
    for a in args {
        if a.is_error() {
            continue;
        }
        if let Some(u) = a.first_unknown() {
            return Value::Unknown(u.clone());
        }
        return a;
    }
    Value::error("`try`: no argument evaluates without an error")
}

/// `can`: whether its argument evaluates without an error.
fn can(args: Vec<Value>) -> Value {
    match args.as_slice() {
        [a] if a.is_error() => Value::Bool(false),
        // Unknown while its argument is: the argument's cause is the call's.
        [a] => match a.first_unknown() {
            Some(u) => Value::Unknown(u.clone()),
            None => Value::Bool(true),
        },
        _ => Value::error("`can` takes exactly one argument"),
    }
}

struct Call<'a> {
    name: &'a str,
    budget: &'a Budget,
}

/// Text whose grapheme clusters are its characters: printable ASCII, tabs and line feeds
/// (a `\r\n` pair is one cluster), Latin, Greek, basic Cyrillic and CJK ideographs. Only
/// for such text does lblint count characters the way Terraform counts them.
pub(super) fn plain_text(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c as u32,
            0x09 | 0x0a | 0x20..=0x7e | 0xa0..=0x2ff | 0x370..=0x3ff | 0x400..=0x482
                | 0x48a..=0x52f | 0x4e00..=0x9fff)
    })
}

/// A number Terraform and f64 agree on exactly: an integer below 2^53, or a multiple of
/// 1/1024 below 2^40.
pub(crate) fn exact(n: f64) -> bool {
    n.is_finite()
        && ((n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0)
            || ((n * 1024.0).fract() == 0.0 && n.abs() < 1_099_511_627_776.0))
}

impl Call<'_> {
    fn err(&self, msg: impl std::fmt::Display) -> Value {
        Value::error(format!("`{}`: {msg}", self.name))
    }

    fn unknown(&self, msg: impl std::fmt::Display) -> Value {
        Value::unknown_because(
            Cause::Function(self.name.to_string()),
            format!("`{}`: {msg}", self.name),
        )
    }

    fn arity(&self, args: &[Value], min: usize, max: usize) -> Result<(), Value> {
        if args.len() < min || args.len() > max {
            let want = if min == max {
                format!("{min}")
            } else if max == usize::MAX {
                format!("at least {min}")
            } else {
                format!("{min} to {max}")
            };
            return Err(self.err(format!(
                "takes {want} argument{}, not {}",
                if max == 1 { "" } else { "s" },
                args.len()
            )));
        }
        Ok(())
    }

    /// An argument converted to a string, as Terraform converts numbers and bools.
    fn string(&self, v: &Value) -> Result<String, Value> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) if n.is_finite() => Ok(format_number(*n)),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Null => Err(self.err("an argument is null")),
            Value::List(_) | Value::Object(_) => Err(self.err("a string is required")),
            Value::Unknown(_) => Err(v.clone()),
            Value::Ref(r) => Err(Value::unknown(format!(
                "`{}` is only known after apply",
                r.address()
            ))),
            Value::Number(_) => Err(self.unknown("a number lblint cannot write exactly")),
        }
    }

    /// An argument converted to a number, as Terraform converts strings.
    fn number(&self, v: &Value) -> Result<f64, Value> {
        match v {
            Value::Number(n) => Ok(*n),
            Value::String(s) => match parse_number(s) {
                Some(n) => Ok(n),
                None if s.bytes().any(|b| b.is_ascii_digit()) => {
                    Err(self.unknown(format!("{s:?} may or may not be a number to Terraform")))
                }
                None => Err(self.err(format!("{s:?} is not a number"))),
            },
            Value::Null => Err(self.err("an argument is null")),
            Value::Bool(_) | Value::List(_) | Value::Object(_) => {
                Err(self.err("a number is required"))
            }
            Value::Unknown(_) => Err(v.clone()),
            Value::Ref(_) => Err(self.unknown("a reference is only known after apply")),
        }
    }

    /// A whole number argument.
    fn int(&self, v: &Value) -> Result<i64, Value> {
        let n = self.number(v)?;
        if n.fract() != 0.0 || !n.is_finite() {
            return Err(self.err(format!("{} is not a whole number", format_number(n))));
        }
        if n.abs() > 9_007_199_254_740_992.0 {
            return Err(self.unknown("a number too large for lblint"));
        }
        Ok(n as i64)
    }

    fn boolean(&self, v: &Value) -> Result<bool, Value> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s == "true" => Ok(true),
            Value::String(s) if s == "false" => Ok(false),
            Value::Unknown(_) => Err(v.clone()),
            Value::Ref(_) => Err(self.unknown("a reference is only known after apply")),
            Value::Null => Err(self.err("an argument is null")),
            _ => Err(self.err("a bool is required")),
        }
    }

    fn list<'v>(&self, v: &'v Value) -> Result<&'v [Value], Value> {
        match v {
            Value::List(items) => Ok(items),
            Value::Unknown(_) => Err(v.clone()),
            Value::Ref(_) => Err(self.unknown("a reference is only known after apply")),
            Value::Null => Err(self.err("an argument is null")),
            _ => Err(self.err("a list is required")),
        }
    }

    fn object<'v>(&self, v: &'v Value) -> Result<&'v BTreeMap<String, Value>, Value> {
        match v {
            Value::Object(map) => Ok(map),
            Value::Unknown(_) => Err(v.clone()),
            Value::Ref(_) => Err(self.unknown("a reference is only known after apply")),
            Value::Null => Err(self.err("an argument is null")),
            _ => Err(self.err("a map or object is required")),
        }
    }

    /// Elements that must all be known (a function that looks at every one of them).
    fn known_list<'v>(&self, v: &'v Value) -> Result<&'v [Value], Value> {
        let items = self.list(v)?;
        if let Some(u) = items.iter().find(|i| i.has_unknown() || has_ref(i)) {
            return Err(match u {
                Value::Unknown(_) => u.clone(),
                _ => self.unknown("an element is not known yet"),
            });
        }
        Ok(items)
    }

    /// A string result, checked against [`MAX_STRING_BYTES`] before it is built.
    fn check_len(&self, len: usize) -> Result<(), Value> {
        if len > MAX_STRING_BYTES {
            return Err(self.budget.exceeded(format!(
                "`{}` would build a string of {len} bytes, more than {MAX_STRING_BYTES}",
                self.name
            )));
        }
        Ok(())
    }

    /// A collection result, checked against [`MAX_ELEMENTS`] before it is built.
    fn check_count(&self, n: usize) -> Result<(), Value> {
        if n > MAX_ELEMENTS {
            return Err(self.budget.exceeded(format!(
                "`{}` would build {n} elements, more than {MAX_ELEMENTS}",
                self.name
            )));
        }
        Ok(())
    }

    fn text_fn(&self, args: &[Value], f: impl Fn(&str) -> Option<String>) -> R {
        self.arity(args, 1, 1)?;
        let s = self.string(&args[0])?;
        match f(&s) {
            Some(out) => Ok(Value::String(out)),
            None => Err(self.unknown("text beyond plain ASCII is not converted by lblint")),
        }
    }

    fn dispatch(&self, args: &[Value]) -> R {
        // A null or unknown argument at the top: most functions reject the first and
        // cannot decide with the second.
        let lenient = matches!(
            self.name,
            "coalesce"
                | "coalescelist"
                | "merge"
                | "concat"
                | "tostring"
                | "tonumber"
                | "tobool"
                | "tolist"
                | "toset"
                | "tomap"
                | "sensitive"
                | "nonsensitive"
                | "lookup"
                | "element"
                | "one"
                | "format"
                | "formatlist"
                | "jsonencode"
                | "alltrue"
                | "anytrue"
                | "length"
        );
        if !lenient {
            if let Some(u) = args.iter().find(|a| matches!(a, Value::Unknown(_))) {
                return Err(u.clone());
            }
        }
        let s = |i: usize| self.string(&args[i]);
        match self.name {
            // Numbers.
            "abs" | "ceil" | "floor" | "signum" => {
                self.arity(args, 1, 1)?;
                let n = self.number(&args[0])?;
                Ok(Value::Number(match self.name {
                    "abs" => n.abs(),
                    "ceil" => n.ceil(),
                    "floor" => n.floor(),
                    _ if n == 0.0 => 0.0,
                    _ => n.signum(),
                }))
            }
            "max" | "min" => {
                self.arity(args, 1, usize::MAX)?;
                let mut best: Option<f64> = None;
                for a in args {
                    let n = self.number(a)?;
                    best = Some(match best {
                        None => n,
                        Some(b) if self.name == "max" => b.max(n),
                        Some(b) => b.min(n),
                    });
                }
                Ok(Value::Number(best.unwrap_or(0.0)))
            }
            "log" => {
                self.arity(args, 2, 2)?;
                let (n, base) = (self.number(&args[0])?, self.number(&args[1])?);
                let guess = (n.ln() / base.ln()).round();
                if n > 0.0 && base > 1.0 && guess.abs() < 64.0 && base.powf(guess) == n {
                    Ok(Value::Number(guess))
                } else {
                    Err(self.unknown("a logarithm that is not a whole number"))
                }
            }
            "pow" => {
                self.arity(args, 2, 2)?;
                let (a, b) = (self.number(&args[0])?, self.number(&args[1])?);
                let r = a.powf(b);
                if a.fract() == 0.0 && b.fract() == 0.0 && b >= 0.0 && exact(r) && r.fract() == 0.0
                {
                    Ok(Value::Number(r))
                } else {
                    Err(self.unknown("a power lblint cannot compute exactly"))
                }
            }
            "parseint" => {
                self.arity(args, 2, 2)?;
                let text = s(0)?;
                let base = self.int(&args[1])?;
                parse_int(&text, base).map(Value::Number).map_err(|e| {
                    if e {
                        self.err(format!("cannot parse {text:?} in base {base}"))
                    } else {
                        self.unknown("a number too large for lblint")
                    }
                })
            }
            "sum" => {
                self.arity(args, 1, 1)?;
                let items = self.known_list(&args[0])?;
                if items.is_empty() {
                    return Err(self.err("cannot sum an empty list"));
                }
                let mut total = 0.0;
                for i in items {
                    total += self.number(i)?;
                }
                if exact(total) && items.iter().all(|i| i.as_f64().is_some_and(exact)) {
                    Ok(Value::Number(total))
                } else {
                    Err(self.unknown("a sum lblint cannot compute exactly"))
                }
            }

            // Strings.
            "chomp" => self.text_fn(args, |x| Some(x.trim_end_matches(['\r', '\n']).to_string())),
            "trimspace" => self.text_fn(args, |x| Some(x.trim().to_string())),
            "lower" => self.text_fn(args, |x| x.is_ascii().then(|| x.to_ascii_lowercase())),
            "upper" => self.text_fn(args, |x| x.is_ascii().then(|| x.to_ascii_uppercase())),
            "title" => self.text_fn(args, |x| x.is_ascii().then(|| title(x))),
            "strrev" => self.text_fn(args, |x| {
                (plain_text(x) && !x.contains('\r')).then(|| x.chars().rev().collect())
            }),
            "startswith" | "endswith" | "strcontains" => {
                self.arity(args, 2, 2)?;
                let (a, b) = (s(0)?, s(1)?);
                Ok(Value::Bool(match self.name {
                    "startswith" => a.starts_with(&b),
                    "endswith" => a.ends_with(&b),
                    _ => a.contains(&b),
                }))
            }
            "trim" => {
                self.arity(args, 2, 2)?;
                let (a, cut) = (s(0)?, s(1)?);
                Ok(Value::String(
                    a.trim_matches(|c| cut.contains(c)).to_string(),
                ))
            }
            "trimprefix" => {
                self.arity(args, 2, 2)?;
                let (a, p) = (s(0)?, s(1)?);
                Ok(Value::String(
                    a.strip_prefix(p.as_str()).unwrap_or(&a).to_string(),
                ))
            }
            "trimsuffix" => {
                self.arity(args, 2, 2)?;
                let (a, p) = (s(0)?, s(1)?);
                Ok(Value::String(
                    a.strip_suffix(p.as_str()).unwrap_or(&a).to_string(),
                ))
            }
            "indent" => {
                self.arity(args, 2, 2)?;
                let n = self.int(&args[0])?;
                let text = s(1)?;
                if n < 0 {
                    return Err(self.unknown("a negative indent"));
                }
                let lines = text.matches('\n').count();
                self.check_len(text.len().saturating_add(lines.saturating_mul(n as usize)))?;
                Ok(Value::String(
                    text.replace('\n', &format!("\n{}", " ".repeat(n as usize))),
                ))
            }
            "join" => {
                self.arity(args, 2, usize::MAX)?;
                let sep = s(0)?;
                let mut parts = Vec::new();
                for a in &args[1..] {
                    for item in self.list(a)? {
                        match item {
                            Value::Null => return Err(self.err("an element is null")),
                            other => parts.push(self.string(other)?),
                        }
                    }
                }
                let len = parts.iter().map(String::len).sum::<usize>()
                    + sep.len().saturating_mul(parts.len().saturating_sub(1));
                self.check_len(len)?;
                Ok(Value::String(parts.join(&sep)))
            }
            "split" => {
                self.arity(args, 2, 2)?;
                let (sep, text) = (s(0)?, s(1)?);
                let parts: Vec<Value> = if sep.is_empty() {
                    text.chars().map(|c| Value::String(c.to_string())).collect()
                } else {
                    text.split(sep.as_str())
                        .map(|p| Value::String(p.to_string()))
                        .collect()
                };
                self.check_count(parts.len())?;
                Ok(Value::List(parts))
            }
            "replace" => {
                self.arity(args, 3, 3)?;
                let (text, from, to) = (s(0)?, s(1)?, s(2)?);
                if from.len() > 1 && from.starts_with('/') && from.ends_with('/') {
                    return regex::replace(self, &text, &from[1..from.len() - 1], &to);
                }
                let n = if from.is_empty() {
                    text.chars().count() + 1
                } else {
                    text.matches(from.as_str()).count()
                };
                self.check_len(text.len().saturating_add(n.saturating_mul(to.len())))?;
                Ok(Value::String(text.replace(from.as_str(), &to)))
            }
            "substr" => {
                self.arity(args, 3, 3)?;
                let text = s(0)?;
                let (offset, length) = (self.int(&args[1])?, self.int(&args[2])?);
                substr(&text, offset, length)
                    .map(Value::String)
                    .ok_or_else(|| {
                        self.unknown("counts grapheme clusters in text lblint does not segment")
                    })
            }
            "format" => {
                self.arity(args, 1, usize::MAX)?;
                let fmt = s(0)?;
                format::format(self, &fmt, &args[1..]).map(Value::String)
            }
            "formatlist" => {
                self.arity(args, 1, usize::MAX)?;
                let fmt = s(0)?;
                format::formatlist(self, &fmt, &args[1..])
            }
            "regex" | "regexall" => {
                self.arity(args, 2, 2)?;
                let (pattern, text) = (s(0)?, s(1)?);
                regex::regex(self, &pattern, &text, self.name == "regexall")
            }

            // Collections.
            "length" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::List(items) => Ok(Value::Number(items.len() as f64)),
                    Value::Object(map) => Ok(Value::Number(map.len() as f64)),
                    Value::String(x) if plain_text(x) => Ok(Value::Number(
                        (x.chars().count() - x.matches("\r\n").count()) as f64,
                    )),
                    Value::String(_) => {
                        Err(self
                            .unknown("counts grapheme clusters in text lblint does not segment"))
                    }
                    Value::Null => Err(self.err("the argument is null")),
                    Value::Unknown(_) => Err(args[0].clone()),
                    Value::Ref(_) => Err(self.unknown("a reference is only known after apply")),
                    _ => Err(self.err("a collection or string is required")),
                }
            }
            "alltrue" | "anytrue" => {
                self.arity(args, 1, 1)?;
                let want = self.name == "anytrue";
                for item in self.list(&args[0])? {
                    match item {
                        Value::Null => return Err(self.unknown("a null element")),
                        other if self.boolean(other)? == want => return Ok(Value::Bool(want)),
                        _ => {}
                    }
                }
                Ok(Value::Bool(!want))
            }
            "chunklist" => {
                self.arity(args, 2, 2)?;
                let items = self.list(&args[0])?;
                let size = self.int(&args[1])?;
                if size < 0 {
                    return Err(self.err("the size must not be negative"));
                }
                if size == 0 {
                    return Err(self.unknown("a chunk size of zero"));
                }
                Ok(Value::List(
                    items
                        .chunks(size as usize)
                        .map(|c| Value::List(c.to_vec()))
                        .collect(),
                ))
            }
            "coalesce" => coalesce(self, args),
            "coalescelist" => {
                self.arity(args, 1, usize::MAX)?;
                for a in args {
                    match a {
                        Value::Null => {}
                        Value::List(items) if items.is_empty() => {}
                        Value::List(_) => return Ok(a.clone()),
                        Value::Unknown(_) => return Err(a.clone()),
                        Value::Ref(_) => {
                            return Err(self.unknown("a reference is only known after apply"))
                        }
                        _ => return Err(self.err("every argument must be a list")),
                    }
                }
                Err(self.err("no non-empty list among the arguments"))
            }
            "compact" => {
                self.arity(args, 1, 1)?;
                let mut out = Vec::new();
                for item in self.known_list(&args[0])? {
                    match item {
                        Value::Null => {}
                        other => {
                            let t = self.string(other)?;
                            if !t.is_empty() {
                                out.push(Value::String(t));
                            }
                        }
                    }
                }
                Ok(Value::List(out))
            }
            "concat" => {
                let mut out = Vec::new();
                for a in args {
                    out.extend(self.list(a)?.iter().cloned());
                }
                self.check_count(out.len())?;
                Ok(Value::List(out))
            }
            "contains" => {
                self.arity(args, 2, 2)?;
                let items = self.known_list(&args[0])?;
                let x = &args[1];
                if x.has_unknown() || has_ref(x) {
                    return Err(self.unknown("the value to look for is not known yet"));
                }
                if items.contains(x) {
                    return Ok(Value::Bool(true));
                }
                if items.iter().any(|i| !same_kind(i, x)) {
                    return Err(self.unknown("elements of another type than the value"));
                }
                Ok(Value::Bool(false))
            }
            "distinct" => {
                self.arity(args, 1, 1)?;
                let items = self.known_list(&args[0])?;
                let mut out: Vec<Value> = Vec::new();
                for i in items {
                    if !out.contains(i) {
                        out.push(i.clone());
                    }
                }
                Ok(Value::List(out))
            }
            "element" => {
                self.arity(args, 2, 2)?;
                let items = self.list(&args[0])?;
                let i = self.int(&args[1])?;
                if items.is_empty() {
                    return Err(self.err("cannot take an element of an empty list"));
                }
                // Recent Terraform releases wrap negative indexes from the end too (older ones
                // reject them, so a configuration that plans uses the newer meaning).
                Ok(items[i.rem_euclid(items.len() as i64) as usize].clone())
            }
            "flatten" => {
                self.arity(args, 1, 1)?;
                let mut out = Vec::new();
                flatten_into(self, self.list(&args[0])?, &mut out)?;
                self.check_count(out.len())?;
                Ok(Value::List(out))
            }
            "index" => {
                self.arity(args, 2, 2)?;
                let items = self.known_list(&args[0])?;
                let x = &args[1];
                if x.has_unknown() || has_ref(x) {
                    return Err(self.unknown("the value to look for is not known yet"));
                }
                match items.iter().position(|i| i == x) {
                    Some(p) => Ok(Value::Number(p as f64)),
                    None if items.iter().all(|i| same_kind(i, x)) => {
                        Err(self.err("the value is not in the list"))
                    }
                    None => Err(self.unknown("elements of another type than the value")),
                }
            }
            "keys" | "values" => {
                self.arity(args, 1, 1)?;
                let map = self.object(&args[0])?;
                Ok(Value::List(if self.name == "keys" {
                    map.keys().map(|k| Value::String(k.clone())).collect()
                } else {
                    map.values().cloned().collect()
                }))
            }
            "lookup" => {
                self.arity(args, 2, 3)?;
                let map = self.object(&args[0])?;
                let key = s(1)?;
                match (map.get(&key), args.get(2)) {
                    (Some(v), Some(d))
                        if !same_kind(v, d)
                            && !matches!(d, Value::Null)
                            && !matches!(v, Value::Ref(_) | Value::Unknown(_)) =>
                    {
                        Err(self.unknown("the default has another type than the map's values"))
                    }
                    (Some(v), _) => Ok(v.clone()),
                    (None, Some(d)) => Ok(d.clone()),
                    (None, None) => Err(self.err(format!("no key {key:?} and no default"))),
                }
            }
            "matchkeys" => {
                self.arity(args, 3, 3)?;
                let values = self.list(&args[0])?;
                let keys = self.known_list(&args[1])?;
                let search = self.known_list(&args[2])?;
                if values.len() != keys.len() {
                    return Err(self.err("the values and keys lists differ in length"));
                }
                Ok(Value::List(
                    values
                        .iter()
                        .zip(keys)
                        .filter(|(_, k)| search.contains(k))
                        .map(|(v, _)| v.clone())
                        .collect(),
                ))
            }
            "merge" => {
                let mut out = BTreeMap::new();
                for a in args {
                    match a {
                        Value::Null => {}
                        other => out.extend(self.object(other)?.clone()),
                    }
                    self.check_count(out.len())?;
                }
                Ok(Value::Object(out))
            }
            "one" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Err(self.unknown("a null argument")),
                    other => match self.list(other)? {
                        [] => Ok(Value::Null),
                        [x] => Ok(x.clone()),
                        _ => Err(self.err("the list has more than one element")),
                    },
                }
            }
            "range" => range(self, args),
            "reverse" => {
                self.arity(args, 1, 1)?;
                let mut items = self.list(&args[0])?.to_vec();
                items.reverse();
                Ok(Value::List(items))
            }
            "setintersection" | "setsubtract" | "setunion" => set_op(self, args),
            "setproduct" => {
                if args.len() < 2 {
                    return Err(self.err("needs at least two arguments"));
                }
                let lists: Vec<&[Value]> = args
                    .iter()
                    .map(|a| self.list(a))
                    .collect::<Result<_, _>>()?;
                let total = lists
                    .iter()
                    .try_fold(1usize, |acc, l| acc.checked_mul(l.len()))
                    .unwrap_or(usize::MAX);
                self.check_count(total)?;
                let mut out: Vec<Vec<Value>> = vec![Vec::new()];
                for l in &lists {
                    out = out
                        .into_iter()
                        .flat_map(|prefix| {
                            l.iter().map(move |x| {
                                let mut p = prefix.clone();
                                p.push(x.clone());
                                p
                            })
                        })
                        .collect();
                }
                Ok(Value::List(out.into_iter().map(Value::List).collect()))
            }
            "slice" => {
                self.arity(args, 3, 3)?;
                let items = self.list(&args[0])?;
                let (a, b) = (self.int(&args[1])?, self.int(&args[2])?);
                if a < 0 || b < a || b as usize > items.len() {
                    return Err(self.err(format!(
                        "indexes {a} to {b} are out of range for a list of {}",
                        items.len()
                    )));
                }
                Ok(Value::List(items[a as usize..b as usize].to_vec()))
            }
            "sort" => {
                self.arity(args, 1, 1)?;
                let mut out = Vec::new();
                for i in self.known_list(&args[0])? {
                    if matches!(i, Value::Null) {
                        return Err(self.err("a null element cannot be sorted"));
                    }
                    out.push(self.string(i)?);
                }
                out.sort();
                Ok(Value::List(out.into_iter().map(Value::String).collect()))
            }
            "transpose" => {
                self.arity(args, 1, 1)?;
                let mut out: BTreeMap<String, Value> = BTreeMap::new();
                for (k, v) in self.object(&args[0])? {
                    for item in self.known_list(v)? {
                        let key = self.string(item)?;
                        match out.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(l) => l.push(Value::String(k.clone())),
                            _ => unreachable!("transpose builds lists"),
                        }
                    }
                }
                Ok(Value::Object(out))
            }
            "zipmap" => {
                self.arity(args, 2, 2)?;
                let keys = self.known_list(&args[0])?;
                let values = self.list(&args[1])?;
                if keys.len() != values.len() {
                    return Err(self.err("the keys and values lists differ in length"));
                }
                let mut out = BTreeMap::new();
                for (k, v) in keys.iter().zip(values) {
                    out.insert(self.string(k)?, v.clone());
                }
                Ok(Value::Object(out))
            }

            // Types.
            "tostring" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Ok(Value::Null),
                    v => self.string(v).map(Value::String),
                }
            }
            "tonumber" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Ok(Value::Null),
                    v => self.number(v).map(Value::Number),
                }
            }
            "tobool" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Ok(Value::Null),
                    v => self.boolean(v).map(Value::Bool),
                }
            }
            "tolist" | "toset" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Ok(Value::Null),
                    v => {
                        let items = unify(self, self.list(v)?)?;
                        if self.name == "toset" {
                            set_order(self, items).map(Value::List)
                        } else {
                            Ok(Value::List(items))
                        }
                    }
                }
            }
            "tomap" => {
                self.arity(args, 1, 1)?;
                match &args[0] {
                    Value::Null => Ok(Value::Null),
                    v => {
                        let map = self.object(v)?;
                        let values: Vec<Value> = map.values().cloned().collect();
                        let values = unify(self, &values)?;
                        Ok(Value::Object(map.keys().cloned().zip(values).collect()))
                    }
                }
            }
            "sensitive" | "nonsensitive" => {
                self.arity(args, 1, 1)?;
                Ok(args[0].clone())
            }

            // Encodings.
            "base64encode" => {
                self.arity(args, 1, 1)?;
                Ok(Value::String(encoding::base64_encode(s(0)?.as_bytes())))
            }
            "base64decode" => {
                self.arity(args, 1, 1)?;
                let bytes =
                    encoding::base64_decode(&s(0)?).ok_or_else(|| self.err("not valid base64"))?;
                String::from_utf8(bytes)
                    .map(Value::String)
                    .map_err(|_| self.err("the decoded bytes are not UTF-8"))
            }
            "urlencode" => {
                self.arity(args, 1, 1)?;
                Ok(Value::String(encoding::query_escape(&s(0)?)))
            }
            "urldecode" => {
                self.arity(args, 1, 1)?;
                let t = s(0)?;
                encoding::query_unescape(&t)
                    .map(Value::String)
                    .ok_or_else(|| self.unknown(format!("cannot decode {t:?}")))
            }
            "jsonencode" => {
                self.arity(args, 1, 1)?;
                let mut out = String::new();
                encoding::json_encode(self, &args[0], &mut out)?;
                Ok(Value::String(out))
            }
            "jsondecode" => {
                self.arity(args, 1, 1)?;
                let t = s(0)?;
                encoding::json_decode(&t).map_err(|(error, why)| {
                    if error {
                        self.err(why)
                    } else {
                        self.unknown(why)
                    }
                })
            }

            // IP networks.
            "cidrhost" | "cidrnetmask" | "cidrsubnet" | "cidrsubnets" => cidr::call(self, args),

            other => Err(Value::unknown(format!(
                "`{other}` is not evaluated by lblint"
            ))),
        }
    }
}

fn has_ref(v: &Value) -> bool {
    match v {
        Value::Ref(_) => true,
        Value::List(items) => items.iter().any(has_ref),
        Value::Object(map) => map.values().any(has_ref),
        _ => false,
    }
}

/// Both values are of the same primitive kind (or both collections).
fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Terraform's strict decimal number syntax: `-12`, `3.5`, `1e3`.
pub(super) fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    s.parse().ok().filter(|n: &f64| n.is_finite())
}

/// `parseint`: Err(true) for text Terraform rejects, Err(false) for a result too large.
fn parse_int(text: &str, base: i64) -> Result<f64, bool> {
    if !(2..=62).contains(&base) {
        return Err(true);
    }
    let (neg, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() {
        return Err(true);
    }
    let mut n: u64 = 0;
    for c in digits.bytes() {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' if base <= 36 => c - b'A' + 10,
            b'A'..=b'Z' => c - b'A' + 36,
            _ => return Err(true),
        } as i64;
        if d >= base {
            return Err(true);
        }
        n = n
            .checked_mul(base as u64)
            .and_then(|n| n.checked_add(d as u64))
            .ok_or(false)?;
    }
    if n > 1 << 53 {
        return Err(false);
    }
    Ok(if neg { -(n as f64) } else { n as f64 })
}

/// Go's `strings.Title` on ASCII text: a letter after anything but a letter, digit,
/// underscore or apostrophe-free word character is upper-cased.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_sep = true;
    for c in s.chars() {
        if prev_sep {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        prev_sep = !(c.is_ascii_alphanumeric() || c == '_');
    }
    out
}

/// `substr` on plain text; `None` when grapheme clusters cannot be counted exactly.
fn substr(text: &str, offset: i64, length: i64) -> Option<String> {
    if !plain_text(text) || text.contains('\r') {
        return None;
    }
    if length == 0 && offset >= 0 {
        return Some(String::new());
    }
    let chars: Vec<char> = text.chars().collect();
    let total = chars.len() as i64;
    let mut offset = offset;
    if offset < 0 {
        offset += total;
    }
    let start = offset.max(0);
    if start >= total && offset > 0 {
        return Some(String::new());
    }
    let start = start.min(total) as usize;
    // A length of zero after a negative offset takes the rest, as Terraform does.
    let end = if length <= 0 {
        chars.len()
    } else {
        (start + length as usize).min(chars.len())
    };
    Some(chars[start..end].iter().collect())
}

fn flatten_into(f: &Call, items: &[Value], out: &mut Vec<Value>) -> Result<(), Value> {
    for item in items {
        match item {
            Value::List(inner) => flatten_into(f, inner, out)?,
            Value::Unknown(_) => return Err(item.clone()),
            Value::Ref(_) => return Err(f.unknown("an element is only known after apply")),
            other => out.push(other.clone()),
        }
        if out.len() > MAX_ELEMENTS {
            f.check_count(out.len())?;
        }
    }
    Ok(())
}

/// `coalesce`: the first argument that is not null nor an empty string; unknown when an
/// earlier argument is unknown, or when the arguments' types differ (Terraform converts
/// them to one type first).
fn coalesce(f: &Call, args: &[Value]) -> R {
    f.arity(args, 1, usize::MAX)?;
    // A reference (to a resource's id, say) stands for a value of the type of the others.
    let kinds: Vec<&Value> = args
        .iter()
        .filter(|a| !matches!(a, Value::Null | Value::Ref(_) | Value::Unknown(_)))
        .collect();
    if kinds.windows(2).any(|w| !same_kind(w[0], w[1])) {
        return Err(f.unknown("arguments of different types"));
    }
    for a in args {
        match a {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            Value::Unknown(_) => return Err(a.clone()),
            // Which resource it names is known; its value is never null nor empty.
            other => return Ok(other.clone()),
        }
    }
    Err(f.err("no non-null, non-empty argument"))
}

fn range(f: &Call, args: &[Value]) -> R {
    f.arity(args, 1, 3)?;
    let nums: Vec<f64> = args.iter().map(|a| f.number(a)).collect::<Result<_, _>>()?;
    let (start, end, step) = match nums.as_slice() {
        [end] => (0.0, *end, if *end < 0.0 { -1.0 } else { 1.0 }),
        [start, end] => (*start, *end, if end < start { -1.0 } else { 1.0 }),
        [start, end, step] => (*start, *end, *step),
        _ => unreachable!("arity checked"),
    };
    if step == 0.0 {
        return Err(f.err("the step must not be zero"));
    }
    if (step < 0.0 && end > start) || (step > 0.0 && end < start) {
        return Err(f.err("the step goes away from the end"));
    }
    let n = ((end - start) / step).ceil().max(0.0);
    if n > TERRAFORM_RANGE_LIMIT as f64 {
        // Terraform stops with an error; lblint says so once, as a limit it met.
        f.budget.exceeded(format!(
            "`range` would generate {} values; Terraform allows {TERRAFORM_RANGE_LIMIT} and fails the plan",
            format_number(n)
        ));
        return Err(f.err(format!(
            "more than {TERRAFORM_RANGE_LIMIT} values would be generated"
        )));
    }
    if !(exact(start) && exact(end) && exact(step)) {
        return Err(f.unknown("a range lblint cannot compute exactly"));
    }
    let mut out = Vec::new();
    let mut x = start;
    while (step > 0.0 && x < end) || (step < 0.0 && x > end) {
        out.push(Value::Number(x));
        x += step;
    }
    Ok(Value::List(out))
}

/// Converts the elements of a list (or the values of a map) to one type, as Terraform's
/// `tolist`, `toset` and `tomap` do: mixed primitives become strings; anything else mixed
/// is unknown.
fn unify(f: &Call, items: &[Value]) -> Result<Vec<Value>, Value> {
    let non_null: Vec<&Value> = items.iter().filter(|i| !matches!(i, Value::Null)).collect();
    if non_null.windows(2).all(|w| same_kind(w[0], w[1])) {
        return Ok(items.to_vec());
    }
    if non_null
        .iter()
        .all(|i| matches!(i, Value::String(_) | Value::Number(_) | Value::Bool(_)))
    {
        return items
            .iter()
            .map(|i| match i {
                Value::Null => Ok(Value::Null),
                other => f.string(other).map(Value::String),
            })
            .collect();
    }
    Err(f.unknown("elements of different types that lblint does not convert"))
}

/// The order Terraform iterates a set in: strings sorted, numbers ascending. Other sets
/// have an order lblint does not know.
fn set_order(f: &Call, items: Vec<Value>) -> Result<Vec<Value>, Value> {
    if items.iter().any(|i| matches!(i, Value::Null)) {
        return Err(f.err("a set cannot hold null"));
    }
    if items.iter().any(|i| i.has_unknown() || has_ref(i)) {
        return Err(f.unknown("an element is not known yet"));
    }
    let mut items = items;
    if items.iter().all(|i| matches!(i, Value::String(_))) {
        items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if items.iter().all(|i| matches!(i, Value::Number(_))) {
        items.sort_by(|a, b| {
            a.as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    } else {
        return Err(f.unknown("a set whose order lblint does not know"));
    }
    items.dedup();
    Ok(items)
}

fn set_op(f: &Call, args: &[Value]) -> R {
    f.arity(args, 1, usize::MAX)?;
    let sets: Vec<Vec<Value>> = args
        .iter()
        .map(|a| f.known_list(a).and_then(|l| unify(f, l)))
        .collect::<Result<_, _>>()?;
    let mut acc = sets[0].clone();
    for s in &sets[1..] {
        match f.name {
            "setunion" => acc.extend(s.iter().cloned()),
            "setintersection" => acc.retain(|x| s.contains(x)),
            _ => acc.retain(|x| !s.contains(x)),
        }
    }
    if f.name == "setsubtract" && args.len() != 2 {
        return Err(f.err("takes exactly two sets"));
    }
    set_order(f, acc).map(Value::List)
}
