//! Input variables of a root module: the value each one takes, in Terraform's order of
//! precedence, converted to its declared `type`, and where that value came from.
//!
//! Precedence, lowest first (Terraform's "Assigning values to root module variables"):
//! the variable's `default`; `TF_VAR_name` environment variables; `terraform.tfvars`;
//! `terraform.tfvars.json`; `*.auto.tfvars` and `*.auto.tfvars.json` in lexical order of
//! their names; then `--var-file FILE` and `--var NAME=VALUE` in command-line order. The
//! caller lists the [`InputSource`]s in that order (see [`ordered`]); a later assignment
//! of a variable replaces an earlier one.
//!
//! Values in variable definitions files are evaluated as Terraform does, with no variables
//! and no functions: an expression using either is unknown. `TF_VAR_` and `--var` values
//! are text: a variable whose `type` is `string`, `number` or `bool`, or that has no
//! `type`, takes the text as a string; any other type parses it as an HCL expression.
//!
//! The value is then converted to the variable's type as Terraform converts (`"300"` for a
//! `number` is 300, numbers and bools become strings, collections convert element by
//! element, `optional(type, default)` object attributes are filled in); a value Terraform
//! would refuse is unknown with the reason, never guessed. `nullable = false` makes a null
//! value take the default.

use super::{Cause, Scope, Value};
use crate::syntax::ast::{self, Expr, ExprKind, ObjectKey, TemplatePart, Traverse};
use crate::syntax::json::{Json, JsonKind};
use crate::syntax::{SourceFile, Span};
use std::collections::{BTreeMap, HashMap};

/// One place values of variables come from.
#[derive(Debug, Clone, Copy)]
pub enum InputSource<'a> {
    /// A variable definitions file in HCL (`.tfvars`).
    Hcl(&'a ast::Body),
    /// A variable definitions file in JSON (`.tfvars.json`): its root object.
    Json(&'a Json),
    /// An environment variable `TF_VAR_name=value`.
    Env { name: &'a str, value: &'a str },
    /// A `--var name=value` argument.
    Cli { name: &'a str, value: &'a str },
    /// An argument of the module call that created this module instance: its value,
    /// evaluated in the caller, and its expression there.
    Call {
        name: &'a str,
        value: &'a Value,
        expr: &'a Expr,
        /// Where the argument's value came from when an input of the caller set it (a
        /// tfvars value passed down): the finding points there rather than at `expr`.
        origin: Option<&'a Origin>,
    },
}

/// Lists the sources of one root module in Terraform's precedence, lowest first: the
/// `TF_VAR_` environment variables (`(name, value)` pairs, the prefix removed), the
/// module's auto-loaded files (already in Terraform's order: `terraform.tfvars`,
/// `terraform.tfvars.json`, then the `*.auto.tfvars(.json)` files by name), then the
/// command line's `--var-file` and `--var` in their order.
pub fn ordered<'a>(
    env: &'a [(String, String)],
    auto_files: impl IntoIterator<Item = InputSource<'a>>,
    command_line: impl IntoIterator<Item = InputSource<'a>>,
) -> Vec<InputSource<'a>> {
    env.iter()
        .map(|(name, value)| InputSource::Env { name, value })
        .chain(auto_files)
        .chain(command_line)
        .collect()
}

/// Where the value of a variable came from, when it did not come from its `default`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The variable's name (without `var.`).
    pub variable: String,
    pub from: OriginKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginKind {
    /// A variable definitions file, or the argument of the module call that set it: the
    /// span of the value there (of the part of it that the attribute reads, when the
    /// attribute reads into an object or a list).
    File(Span),
    /// The environment variable `TF_VAR_<variable>`.
    Env,
    /// A `--var <variable>=...` argument.
    Cli,
}

impl Origin {
    /// A sentence naming the source, for findings that cannot point into it (environment
    /// and command line): `None` for a file, where a label shows the value instead.
    pub fn note(&self) -> Option<String> {
        match self.from {
            OriginKind::File(_) => None,
            OriginKind::Env => Some(format!(
                "`var.{0}` is set by the environment variable `TF_VAR_{0}`",
                self.variable
            )),
            OriginKind::Cli => Some(format!(
                "`var.{0}` is set by `--var {0}=...` on the command line",
                self.variable
            )),
        }
    }

    /// The span of the value in a variable definitions file.
    pub fn file_span(&self) -> Option<Span> {
        match self.from {
            OriginKind::File(span) => Some(span),
            _ => None,
        }
    }
}

/// The spans of a value written in a variables file, with those of its elements and
/// attributes when it is written as a list or object literal.
#[derive(Debug, Clone, Default)]
pub(super) struct SpanTree {
    span: Option<Span>,
    /// `None` for a value that is not a literal list or object.
    children: Option<Vec<(Key, SpanTree)>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Key {
    Name(String),
    Index(usize),
}

impl SpanTree {
    fn of_expr(e: &Expr) -> SpanTree {
        let children = match &e.kind {
            ExprKind::Parenthesis(inner) => return SpanTree::of_expr(inner),
            ExprKind::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (Key::Index(i), SpanTree::of_expr(x)))
                    .collect(),
            ),
            ExprKind::Object(items) => Some(
                items
                    .iter()
                    .filter_map(|(k, v)| {
                        let name = match k {
                            ObjectKey::Ident(s) => s.clone(),
                            ObjectKey::Expr(Expr {
                                kind: ExprKind::String(s),
                                ..
                            }) => s.clone(),
                            ObjectKey::Expr(_) => return None,
                        };
                        Some((Key::Name(name), SpanTree::of_expr(v)))
                    })
                    .collect(),
            ),
            _ => None,
        };
        SpanTree {
            span: Some(e.span),
            children,
        }
    }

    fn of_json(j: &Json) -> SpanTree {
        let children = match &j.kind {
            JsonKind::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (Key::Index(i), SpanTree::of_json(x)))
                    .collect(),
            ),
            JsonKind::Object(members) => Some(
                members
                    .iter()
                    .map(|m| (Key::Name(m.key.clone()), SpanTree::of_json(&m.value)))
                    .collect(),
            ),
            _ => None,
        };
        SpanTree {
            span: Some(j.span),
            children,
        }
    }

    /// The span of the part `key` reads: `None` when the literal has no such part (the
    /// value there came from elsewhere, such as an optional attribute's default); the
    /// whole value when it is not a literal that can be looked into.
    fn child(&self, key: &Key) -> Option<&SpanTree> {
        match &self.children {
            None => Some(self),
            Some(children) => children
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, t)| t),
        }
    }
}

/// How a variable was given its value, as the scope keeps it.
#[derive(Debug, Clone)]
pub(super) struct Given {
    from: OriginKind,
    tree: SpanTree,
}

/// A variable's declared type, as far as conversions go.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Any,
    String,
    Number,
    Bool,
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>),
    Tuple(Vec<Type>),
    Object(Vec<ObjectAttr>),
}

/// One attribute of an `object({...})` type.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectAttr {
    pub name: String,
    pub ty: Type,
    /// Declared with `optional(...)`: it may be left out.
    pub optional: bool,
    /// The second argument of `optional(type, default)`, converted to the type.
    pub default: Option<Value>,
}

impl Type {
    fn is_primitive(&self) -> bool {
        matches!(self, Type::String | Type::Number | Type::Bool)
    }
}

/// Reads a type constraint (`number`, `list(string)`, `object({ a = optional(number, 1) })`).
/// `eval` evaluates the defaults of optional attributes.
pub fn parse_type(expr: &Expr, eval: &dyn Fn(&Expr) -> Value) -> Result<Type, String> {
    let unsupported = || {
        Err(format!(
            "the type constraint at {}..{} is not one lblint reads",
            expr.span.start, expr.span.end
        ))
    };
    match &expr.kind {
        ExprKind::Parenthesis(inner) => parse_type(inner, eval),
        ExprKind::Variable(name) => match name.as_str() {
            "any" => Ok(Type::Any),
            "string" => Ok(Type::String),
            "number" => Ok(Type::Number),
            "bool" => Ok(Type::Bool),
            "list" => Ok(Type::List(Box::new(Type::Any))),
            "set" => Ok(Type::Set(Box::new(Type::Any))),
            "map" => Ok(Type::Map(Box::new(Type::Any))),
            _ => unsupported(),
        },
        ExprKind::FuncCall {
            name,
            args,
            expand_final: false,
        } => match (name.as_str(), args.as_slice()) {
            ("list", [t]) => Ok(Type::List(Box::new(parse_type(t, eval)?))),
            ("set", [t]) => Ok(Type::Set(Box::new(parse_type(t, eval)?))),
            ("map", [t]) => Ok(Type::Map(Box::new(parse_type(t, eval)?))),
            (
                "tuple",
                [Expr {
                    kind: ExprKind::Array(items),
                    ..
                }],
            ) => Ok(Type::Tuple(
                items
                    .iter()
                    .map(|t| parse_type(t, eval))
                    .collect::<Result<_, _>>()?,
            )),
            (
                "object",
                [Expr {
                    kind: ExprKind::Object(items),
                    ..
                }],
            ) => {
                let mut attrs: Vec<ObjectAttr> = Vec::new();
                for (k, v) in items {
                    let name = match k {
                        ObjectKey::Ident(s) => s.clone(),
                        ObjectKey::Expr(Expr {
                            kind: ExprKind::String(s),
                            ..
                        }) => s.clone(),
                        ObjectKey::Expr(_) => return unsupported(),
                    };
                    let attr = match &v.kind {
                        ExprKind::FuncCall { name: f, args, .. } if f == "optional" => {
                            match args.as_slice() {
                                [t] => ObjectAttr {
                                    name,
                                    ty: parse_type(t, eval)?,
                                    optional: true,
                                    default: None,
                                },
                                [t, d] => {
                                    let ty = parse_type(t, eval)?;
                                    let default = convert(eval(d), &ty);
                                    ObjectAttr {
                                        name,
                                        ty,
                                        optional: true,
                                        default: Some(default),
                                    }
                                }
                                _ => return unsupported(),
                            }
                        }
                        _ => ObjectAttr {
                            name,
                            ty: parse_type(v, eval)?,
                            optional: false,
                            default: None,
                        },
                    };
                    attrs.retain(|a| a.name != attr.name);
                    attrs.push(attr);
                }
                Ok(Type::Object(attrs))
            }
            _ => unsupported(),
        },
        _ => unsupported(),
    }
}

/// Converts a value to a type as Terraform does before a variable takes it: an unknown
/// with the reason where Terraform would refuse the value.
pub fn convert(value: Value, ty: &Type) -> Value {
    match (ty, value) {
        (_, v @ (Value::Unknown(_) | Value::Null)) => v,
        // Which resource a reference names is kept; tfvars and defaults hold none.
        (_, v @ Value::Ref(_)) => v,
        (Type::Any, v) => v,
        (Type::String, v) => match v {
            Value::String(_) => v,
            Value::Number(_) | Value::Bool(_) => v
                .to_template_string()
                .map(Value::String)
                .unwrap_or_else(|u| u),
            other => refuse(&other, "a string"),
        },
        (Type::Number, v) => match v {
            Value::Number(_) => v,
            Value::String(s) => match parse_number(&s) {
                Some(n) => Value::Number(n),
                None => Value::unknown(format!(
                    "the string {s:?} is not a number, which Terraform refuses for a `number`"
                )),
            },
            other => refuse(&other, "a number"),
        },
        (Type::Bool, v) => match v {
            Value::Bool(_) => v,
            Value::String(s) => match s.as_str() {
                "true" | "1" => Value::Bool(true),
                "false" | "0" => Value::Bool(false),
                _ => Value::unknown(format!(
                    "the string {s:?} is not a bool, which Terraform refuses for a `bool`"
                )),
            },
            other => refuse(&other, "a bool"),
        },
        (Type::List(elem), Value::List(items)) => {
            collect_list(items.into_iter().map(|x| convert(x, elem)), elem)
        }
        (Type::Set(elem), Value::List(items)) => {
            let converted = collect_list(items.into_iter().map(|x| convert(x, elem)), elem);
            match converted {
                Value::List(items) => set_of(items),
                other => other,
            }
        }
        (Type::Map(elem), Value::Object(map)) => {
            let (keys, values): (Vec<String>, Vec<Value>) =
                map.into_iter().map(|(k, x)| (k, convert(x, elem))).unzip();
            let values = if **elem == Type::Any {
                match unify(values) {
                    Ok(values) => values,
                    Err(u) => return u,
                }
            } else {
                values
            };
            Value::Object(keys.into_iter().zip(values).collect())
        }
        (Type::Tuple(types), Value::List(items)) => {
            if types.len() != items.len() {
                return Value::unknown(format!(
                    "a list of {} elements, where the type is a tuple of {}, which Terraform refuses",
                    items.len(),
                    types.len()
                ));
            }
            Value::List(
                items
                    .into_iter()
                    .zip(types)
                    .map(|(x, t)| convert(x, t))
                    .collect(),
            )
        }
        (Type::Object(attrs), Value::Object(mut map)) => {
            let mut out = BTreeMap::new();
            for a in attrs {
                let v = match map.remove(&a.name) {
                    Some(Value::Null) | None if a.default.is_some() => {
                        a.default.clone().unwrap_or(Value::Null)
                    }
                    Some(v) => convert(v, &a.ty),
                    None if a.optional => Value::Null,
                    None => {
                        return Value::unknown(format!(
                            "the object has no attribute `{}`, which its type requires (Terraform refuses it)",
                            a.name
                        ))
                    }
                };
                out.insert(a.name.clone(), v);
            }
            Value::Object(out)
        }
        (ty, other) => refuse(&other, describe(ty)),
    }
}

/// A list of converted elements; under `list(any)` / `set(any)` the elements must share one
/// type, as Terraform makes them.
fn collect_list(items: impl Iterator<Item = Value>, elem: &Type) -> Value {
    let items: Vec<Value> = items.collect();
    if *elem != Type::Any {
        return Value::List(items);
    }
    match unify(items) {
        Ok(items) => Value::List(items),
        Err(u) => u,
    }
}

/// Gives the elements of a collection of `any` one type, as Terraform does: strings with
/// numbers or bools all become strings; values of one shape stay as they are. Anything else
/// is unknown: Terraform refuses some such mixes and unifies others by rules lblint does
/// not reproduce.
fn unify(items: Vec<Value>) -> Result<Vec<Value>, Value> {
    let known: Vec<&Value> = items
        .iter()
        .filter(|v| !matches!(v, Value::Null | Value::Unknown(_) | Value::Ref(_)))
        .collect();
    let Some(first) = known.first() else {
        return Ok(items);
    };
    if known.iter().all(|v| same_shape(first, v)) {
        return Ok(items);
    }
    let primitive = |v: &&Value| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_));
    if known.iter().all(primitive) {
        if known.iter().any(|v| matches!(v, Value::String(_))) {
            return Ok(items
                .into_iter()
                .map(|v| convert(v, &Type::String))
                .collect());
        }
        return Err(Value::unknown(
            "a collection of numbers and bools, which Terraform refuses for a collection of `any` (no common type)",
        ));
    }
    Err(Value::unknown(
        "a collection of `any` whose elements differ in type: lblint does not unify them as Terraform would",
    ))
}

/// Whether two values have the same type, nulls and unknowns matching anything.
fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null | Value::Unknown(_) | Value::Ref(_), _)
        | (_, Value::Null | Value::Unknown(_) | Value::Ref(_)) => true,
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_)) => true,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_shape(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same_shape(vx, vy))
        }
        _ => false,
    }
}

/// A set: duplicates removed; strings in lexical and numbers in numeric order, as Terraform
/// iterates them (other elements keep their order, which Terraform does not promise).
fn set_of(items: Vec<Value>) -> Value {
    let mut out: Vec<Value> = Vec::with_capacity(items.len());
    for v in items {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    if out.iter().all(|v| matches!(v, Value::String(_))) {
        out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    } else if out.iter().all(|v| matches!(v, Value::Number(_))) {
        out.sort_by(|a, b| {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            x.total_cmp(&y)
        });
    }
    Value::List(out)
}

fn describe(ty: &Type) -> &'static str {
    match ty {
        Type::Any => "any value",
        Type::String => "a string",
        Type::Number => "a number",
        Type::Bool => "a bool",
        Type::List(_) => "a list",
        Type::Set(_) => "a set",
        Type::Map(_) => "a map",
        Type::Tuple(_) => "a tuple",
        Type::Object(_) => "an object",
    }
}

fn refuse(v: &Value, wanted: &str) -> Value {
    let name = v.type_name();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    Value::unknown(format!(
        "{article} {name} where the type requires {wanted}, which Terraform refuses"
    ))
}

/// A string as Terraform reads it for a `number`: a decimal with an optional sign, fraction
/// and exponent (no spaces, no hexadecimal, no infinity).
pub fn parse_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    if let Some(b'+' | b'-') = b.first() {
        i = 1;
    }
    let int = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    i += int;
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac;
    }
    if int + frac == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != b.len() {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Whether an expression needs nothing but itself: Terraform evaluates variable definitions
/// files and `--var` values with no variables and no functions.
fn is_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::String(_) => true,
        ExprKind::Template(parts) => parts.iter().all(|p| match p {
            TemplatePart::Literal(_) => true,
            TemplatePart::Interpolation(x) => is_constant(x),
            TemplatePart::Directive => false,
        }),
        ExprKind::Array(items) => items.iter().all(is_constant),
        ExprKind::Object(items) => items.iter().all(|(k, v)| {
            (match k {
                ObjectKey::Ident(_) => true,
                ObjectKey::Expr(x) => is_constant(x),
            }) && is_constant(v)
        }),
        ExprKind::Traversal(base, ops) => {
            is_constant(base)
                && ops.iter().all(|op| match op {
                    Traverse::Index(x) => is_constant(x),
                    _ => true,
                })
        }
        ExprKind::Conditional(c, t, f) => is_constant(c) && is_constant(t) && is_constant(f),
        ExprKind::Unary(_, x) | ExprKind::Parenthesis(x) => is_constant(x),
        ExprKind::Binary(_, l, r) => is_constant(l) && is_constant(r),
        ExprKind::Variable(_) | ExprKind::FuncCall { .. } | ExprKind::For(_) => false,
    }
}

/// A value of a variable definitions file's expression.
fn file_value(consts: &Scope, e: &Expr) -> Value {
    if is_constant(e) {
        consts.eval(e, &super::Bindings::default())
    } else {
        Value::unknown(
            "the value in the variable definitions file uses a variable, a function or a `for` expression, which Terraform does not allow there",
        )
    }
}

/// The value of a JSON document, as a `.tfvars.json` file gives it.
pub fn json_value(j: &Json) -> Value {
    match &j.kind {
        JsonKind::Null => Value::Null,
        JsonKind::Bool(b) => Value::Bool(*b),
        JsonKind::Number(n) => Value::Number(*n),
        JsonKind::String(s) if s.contains("${") || s.contains("%{") => Value::unknown(
            "a JSON string holding a template sequence (`${` or `%{`), which lblint does not evaluate",
        ),
        JsonKind::String(s) => Value::String(s.clone()),
        JsonKind::Array(items) => Value::List(items.iter().map(json_value).collect()),
        JsonKind::Object(members) => {
            Value::Object(members.iter().map(|m| (m.key.clone(), json_value(&m.value))).collect())
        }
    }
}

/// What makes a `.tfvars.json` file unreadable to Terraform beyond its JSON syntax: a root
/// that is not an object, a variable assigned twice.
pub fn json_file_errors(root: &Json) -> Vec<crate::syntax::SyntaxError> {
    let Some(members) = root.members() else {
        return vec![crate::syntax::SyntaxError {
            span: root.span,
            message: format!(
                "a variable definitions file in JSON holds one object of variable values, not {} {}",
                if root.type_name() == "array" { "an" } else { "a" },
                root.type_name()
            ),
        }];
    };
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut out = Vec::new();
    for m in members {
        if seen.insert(&m.key, m.key_span).is_some() {
            out.push(crate::syntax::SyntaxError {
                span: m.key_span,
                message: format!(
                    "`{}` is assigned twice in this file, which Terraform refuses",
                    m.key
                ),
            });
        }
    }
    out
}

/// A `TF_VAR_` or `--var` text as Terraform reads it for a variable of this type.
fn text_value(name: &str, text: &str, ty: &Result<Type, String>) -> Value {
    match ty {
        Ok(t) if t.is_primitive() => Value::String(text.to_string()),
        Ok(_) => {
            let file = SourceFile::new(
                crate::syntax::FileId::MAX,
                std::path::PathBuf::from(format!("<value for var.{name}>")),
                String::new(),
                format!("v = {text}\n"),
            );
            match crate::syntax::parse(&file) {
                Ok(body) if body.blocks.is_empty() && body.attributes.len() == 1 => {
                    file_value(&Scope::default(), &body.attributes[0].value)
                }
                _ => Value::unknown(format!(
                    "the value given for `var.{name}` is not an HCL expression, which Terraform refuses"
                )),
            }
        }
        Err(reason) => Value::unknown(reason.clone()),
    }
}

/// One `variable` block as evaluation needs it.
struct Declaration<'a> {
    ty: Result<Type, String>,
    /// Whether it has a `type`: without one, `TF_VAR_` and `--var` text is a string.
    typed: bool,
    nullable: bool,
    default: Option<&'a Expr>,
}

/// Sets every declared variable of the module in `scope` from its default and the sources
/// (lowest precedence first), and records where each value came from. Returns where
/// evaluating a file's values stopped at a limit.
pub(super) fn assign(
    scope: &mut Scope,
    files: &[&ast::Body],
    sources: &[InputSource],
) -> Vec<super::BudgetHit> {
    let consts = Scope::default();
    let eval_const = |e: &Expr| consts.eval(e, &super::Bindings::default());
    let mut declared: BTreeMap<&str, Declaration> = BTreeMap::new();
    for body in files {
        for block in body.blocks_of("variable") {
            let Some((name, _)) = block.labels.first() else {
                continue;
            };
            let type_attr = block.body.attribute("type");
            let ty = match type_attr {
                Some(t) => parse_type(&t.value, &eval_const).map_err(|_| {
                    format!("lblint does not read the type constraint of `var.{name}`")
                }),
                None => Ok(Type::Any),
            };
            let nullable = !matches!(
                block.body.attribute("nullable").map(|a| &a.value.kind),
                Some(ExprKind::Bool(false))
            );
            declared.insert(
                name,
                Declaration {
                    ty,
                    typed: type_attr.is_some(),
                    nullable,
                    default: block.body.attribute("default").map(|a| &a.value),
                },
            );
        }
    }

    let mut assigned: HashMap<&str, (Value, Given)> = HashMap::new();
    for source in sources {
        match source {
            InputSource::Hcl(body) => {
                for attr in &body.attributes {
                    if let Some((&name, _)) = declared.get_key_value(attr.key.as_str()) {
                        let given = Given {
                            from: OriginKind::File(attr.value.span),
                            tree: SpanTree::of_expr(&attr.value),
                        };
                        assigned.insert(name, (file_value(&consts, &attr.value), given));
                    }
                }
            }
            InputSource::Json(root) => {
                for m in root.members().unwrap_or_default() {
                    if let Some((&name, _)) = declared.get_key_value(m.key.as_str()) {
                        let given = Given {
                            from: OriginKind::File(m.value.span),
                            tree: SpanTree::of_json(&m.value),
                        };
                        assigned.insert(name, (json_value(&m.value), given));
                    }
                }
            }
            InputSource::Call {
                name,
                value,
                expr,
                origin,
            } => {
                if let Some((&name, _)) = declared.get_key_value(*name) {
                    let given = match origin {
                        Some(o) => Given {
                            from: o.from,
                            tree: SpanTree {
                                span: o.file_span(),
                                children: None,
                            },
                        },
                        None => Given {
                            from: OriginKind::File(expr.span),
                            tree: SpanTree::of_expr(expr),
                        },
                    };
                    assigned.insert(name, ((*value).clone(), given));
                }
            }
            InputSource::Env { name, value } | InputSource::Cli { name, value } => {
                // Terraform ignores `TF_VAR_` for undeclared variables; a `--var` applies to
                // every root being linted, so one a root does not declare is left out there.
                let Some((&name, decl)) = declared.get_key_value(*name) else {
                    continue;
                };
                let ty = if decl.typed {
                    decl.ty.clone()
                } else {
                    Ok(Type::String)
                };
                let from = match source {
                    InputSource::Env { .. } => OriginKind::Env,
                    _ => OriginKind::Cli,
                };
                let given = Given {
                    from,
                    tree: SpanTree::default(),
                };
                assigned.insert(name, (text_value(name, value, &ty), given));
            }
        }
    }

    let mut values = Vec::with_capacity(declared.len());
    for (name, decl) in &declared {
        let default = || match (decl.default, &decl.ty) {
            (Some(e), Ok(ty)) => Some(convert(scope.eval(e, &super::Bindings::default()), ty)),
            (Some(_), Err(reason)) => Some(Value::unknown(reason.clone())),
            (None, _) => None,
        };
        let (value, given) = match assigned.remove(name) {
            Some((raw, given)) => match &decl.ty {
                Ok(ty) => (convert(raw, ty), Some(given)),
                Err(reason) => (Value::unknown(reason.clone()), None),
            },
            None => match default() {
                Some(v) => (v, None),
                None => {
                    let path = scope.path();
                    let reason = if path.is_root() {
                        format!(
                            "variable `{name}` has no default and no value: no variable definitions file, `TF_VAR_{name}` or `--var` sets it"
                        )
                    } else {
                        format!(
                            "variable `{name}` has no default and the call of `{path}` does not set it"
                        )
                    };
                    (
                        Value::unknown_because(Cause::NoValue(name.to_string()), reason),
                        None,
                    )
                }
            },
        };
        let (value, given) = match value {
            // `nullable = false`: a null value takes the default; without one Terraform fails.
            Value::Null if !decl.nullable => match default() {
                Some(v) => (v, None),
                None => (
                    Value::unknown(format!(
                        "`var.{name}` is null but declared `nullable = false` with no default, which Terraform refuses"
                    )),
                    None,
                ),
            },
            v => (v, given),
        };
        values.push((name.to_string(), value, given));
    }
    for (name, value, given) in values {
        if let Some(given) = given {
            scope.given.insert(name.clone(), given);
        }
        scope.variables.insert(name, value);
    }
    consts.budget.into_hits()
}

/// One step into a value: an attribute or a literal index; `None` for a computed index or a
/// splat, past which the whole value read so far is the source.
type Step = Option<Key>;

fn step(op: &Traverse) -> Step {
    match op {
        Traverse::Attr(a) => Some(Key::Name(a.clone())),
        Traverse::LegacyIndex(i) => Some(Key::Index(*i as usize)),
        Traverse::Index(Expr {
            kind: ExprKind::String(s),
            ..
        }) => Some(Key::Name(s.clone())),
        Traverse::Index(Expr {
            kind: ExprKind::Number(n),
            ..
        }) if *n >= 0.0 && n.fract() == 0.0 => Some(Key::Index(*n as usize)),
        _ => None,
    }
}

impl Scope<'_> {
    /// Where the value of an attribute's expression came from, when it reads a variable
    /// set by an input (directly, through parentheses, `"${...}"`, a chain of locals, or
    /// `each.value` of a `for_each` over such a variable). When the value the input gives
    /// leaves out the part read (an `optional()` attribute left to its default, say), the
    /// object that leaves it out is where it came from.
    pub(super) fn origin_of(&self, e: &Expr, b: &super::Bindings) -> Option<Origin> {
        self.origin_through(e, Vec::new(), 0, b)
    }

    fn origin_through(
        &self,
        e: &Expr,
        after: Vec<Step>,
        depth: usize,
        b: &super::Bindings,
    ) -> Option<Origin> {
        if depth > 32 || self.given.is_empty() {
            return None;
        }
        let (root, ops) = match &e.kind {
            ExprKind::Parenthesis(inner) => return self.origin_through(inner, after, depth + 1, b),
            ExprKind::Template(parts) => match parts.as_slice() {
                [TemplatePart::Interpolation(inner)] => {
                    return self.origin_through(inner, after, depth + 1, b)
                }
                _ => return None,
            },
            ExprKind::Traversal(base, ops) => match &base.kind {
                ExprKind::Variable(root) => (root.as_str(), ops.as_slice()),
                _ => return None,
            },
            _ => return None,
        };
        let Some(Traverse::Attr(name)) = ops.first() else {
            return None;
        };
        let steps: Vec<Step> = ops[1..].iter().map(step).chain(after).collect();
        match root {
            // `each.value...` of an instance: the `for_each` value at the instance's key.
            "each" if name == "value" => {
                let (for_each, key) = b.each_origin.as_deref()?;
                let steps = std::iter::once(Some(Key::Name(key.clone())))
                    .chain(steps)
                    .collect();
                self.origin_through(for_each, steps, depth + 1, &super::Bindings::default())
            }
            "var" => {
                let given = self.given.get(name)?;
                let from = match given.from {
                    OriginKind::File(_) => {
                        let mut tree = &given.tree;
                        for key in &steps {
                            let Some(key) = key else { break };
                            match tree.child(key) {
                                Some(t) => tree = t,
                                // Left out where the input is written: the object there.
                                None => break,
                            }
                        }
                        OriginKind::File(tree.span?)
                    }
                    other => other,
                };
                Some(Origin {
                    variable: name.clone(),
                    from,
                })
            }
            "local" => {
                let expr = self.locals.get(name)?;
                self.origin_through(expr, steps, depth + 1, b)
            }
            _ => None,
        }
    }
}
