//! Evaluated values: known, a reference to a resource of the module, or unknown with a reason.

use crate::syntax::Span;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Object(BTreeMap<String, Value>),
    /// An attribute of a resource declared in the same module, e.g.
    /// `google_compute_backend_service.api.id`. Its value is only known after apply,
    /// but which resource it names is known now.
    Ref(Reference),
    Unknown(Unknown),
}

/// One module call on the way from a root module to a module instance: the call's name
/// and, under `count` or `for_each`, the instance's key (`module.lb["prod"]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallStep {
    pub name: String,
    pub key: Option<InstanceKey>,
}

/// Where a module instance sits: the calls from the root module to it; empty for the root.
/// Displayed as Terraform writes it in addresses: `module.lb["prod"].module.negs`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModulePath(pub Vec<CallStep>);

impl ModulePath {
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path of the instance `key` of the call `name` made here.
    pub fn child(&self, name: &str, key: Option<InstanceKey>) -> ModulePath {
        let mut steps = self.0.clone();
        steps.push(CallStep {
            name: name.to_string(),
            key,
        });
        ModulePath(steps)
    }

    /// The path of the module that called this one (the root for the root).
    pub fn parent(&self) -> ModulePath {
        let mut steps = self.0.clone();
        steps.pop();
        ModulePath(steps)
    }

    /// `address` inside this module: `module.lb.type.name`, or `address` in the root.
    pub fn prefix(&self, address: &str) -> String {
        if self.is_root() {
            address.to_string()
        } else {
            format!("{self}.{address}")
        }
    }

    /// The key `.terraform/modules/modules.json` gives this module: the call names joined
    /// by dots, without instance keys (`lb.negs`).
    pub fn manifest_key(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|s| s.name.as_str()).collect();
        names.join(".")
    }

    /// The calls without instance keys, as Terraform writes a module call's address:
    /// `module.lb.module.negs`.
    pub fn manifest_key_address(&self) -> String {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|s| format!("module.{}", s.name))
            .collect();
        names.join(".")
    }
}

impl fmt::Display for ModulePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "module.{}", step.name)?;
            if let Some(k) = &step.key {
                write!(f, "{k}")?;
            }
        }
        Ok(())
    }
}

/// A reference to a resource, or to one instance of it, and maybe to one of its attributes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    /// The module instance that declares the resource.
    pub module: ModulePath,
    pub resource_type: String,
    pub name: String,
    /// The instance, for a resource with `count` (`x[0]`) or `for_each` (`x["ws"]`);
    /// `None` for the resource as a whole (one without `count` or `for_each`, or one whose
    /// instances are not known).
    pub key: Option<InstanceKey>,
    /// The attribute read, e.g. `id`; `None` for the resource (instance) itself.
    pub attribute: Option<String>,
}

impl Reference {
    /// The resource address, `type.name` (`module.lb.type.name` in a called module),
    /// without the instance key.
    pub fn address(&self) -> String {
        self.module
            .prefix(&format!("{}.{}", self.resource_type, self.name))
    }

    /// The address of the instance: `type.name`, `type.name[0]` or `type.name["ws"]`.
    pub fn instance_address(&self) -> String {
        match &self.key {
            Some(k) => format!("{}{k}", self.address()),
            None => self.address(),
        }
    }
}

/// The key of one instance of a resource: a number under `count`, a string under `for_each`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InstanceKey {
    Index(usize),
    Key(String),
}

impl InstanceKey {
    /// The key as a value, as `count.index` or `each.key` give it.
    pub fn value(&self) -> Value {
        match self {
            InstanceKey::Index(i) => Value::Number(*i as f64),
            InstanceKey::Key(k) => Value::String(k.clone()),
        }
    }
}

/// As Terraform writes it in an address: `[0]`, `["ws"]`.
impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceKey::Index(i) => write!(f, "[{i}]"),
            InstanceKey::Key(k) => {
                write!(f, "[\"")?;
                for c in k.chars() {
                    match c {
                        '"' => write!(f, "\\\"")?,
                        '\\' => write!(f, "\\\\")?,
                        '\n' => write!(f, "\\n")?,
                        c => write!(f, "{c}")?,
                    }
                }
                write!(f, "\"]")
            }
        }
    }
}

/// A value lblint cannot know before apply, why, and where it became unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub reason: String,
    pub cause: Cause,
    /// The expression that made the value unknown (the `var.x` reference, the `data.`
    /// reference, the function call...): the innermost expression evaluated to this
    /// unknown, so that where two unknowns meet the first one's place is kept. `None`
    /// until an expression is evaluated to it.
    pub span: Option<Span>,
    /// Terraform itself fails on this expression (a function given a value it rejects, an
    /// index past the end of a list): `try` moves past it and `can` is false.
    pub error: bool,
}

/// What made a value unknown: the typed reason (`Unknown::reason` says it in words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// Anything not listed below; `reason` says what.
    Other,
    /// A reference to a resource this module does not declare (a typo, or a resource of
    /// another module): which resource it names is known, its value is not.
    Undeclared(Box<Reference>),
    /// A variable with no value: declared with no default and set by no input, or not
    /// declared at all. Its name.
    NoValue(String),
    /// A data source, read at plan time.
    DataSource,
    /// An attribute of a resource that is only known after apply (`.id`, `.self_link`...).
    Computed,
    /// A function lblint does not evaluate (impure, provider-defined, or a case lblint
    /// cannot compute exactly). Its name.
    Function(String),
    /// An output of a module call lblint did not evaluate.
    ModuleOutput,
    /// `count.index`, `each` or `self`: different in each instance.
    PerInstance,
    /// A `dynamic` block whose `for_each` lblint could not iterate over.
    DynamicBlock,
    /// Evaluation stopped at one of lblint's limits (TF006).
    Budget,
}

impl Cause {
    /// A few words for the kind of cause, as messages name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Cause::Other => "unknown value",
            Cause::Undeclared(_) => "undeclared resource",
            Cause::NoValue(_) => "variable without value",
            Cause::DataSource => "data source",
            Cause::Computed => "computed attribute",
            Cause::Function(_) => "function lblint does not evaluate",
            Cause::ModuleOutput => "module output",
            Cause::PerInstance => "per-instance value",
            Cause::DynamicBlock => "dynamic block",
            Cause::Budget => "evaluation budget",
        }
    }
}

impl Unknown {
    /// An unknown of a cause, not yet placed.
    pub fn new(cause: Cause, reason: impl Into<String>) -> Unknown {
        Unknown {
            reason: reason.into(),
            cause,
            span: None,
            error: false,
        }
    }

    /// An unknown made by the expression at `span`, as a model stage states it (a value of
    /// the wrong type, say).
    pub fn at(span: Span, reason: impl Into<String>) -> Unknown {
        Unknown {
            span: Some(span),
            ..Unknown::new(Cause::Other, reason)
        }
    }

    /// This unknown placed at `span` unless it already has a place (the first cause wins).
    pub fn placed(mut self, span: Span) -> Unknown {
        self.span.get_or_insert(span);
        self
    }
}

impl Value {
    pub fn unknown(reason: impl Into<String>) -> Value {
        Value::Unknown(Unknown::new(Cause::Other, reason))
    }

    /// An unknown with a typed cause.
    pub fn unknown_because(cause: Cause, reason: impl Into<String>) -> Value {
        Value::Unknown(Unknown::new(cause, reason))
    }

    /// An expression Terraform fails on, and why.
    pub fn error(reason: impl Into<String>) -> Value {
        Value::Unknown(Unknown {
            error: true,
            ..Unknown::new(Cause::Other, reason)
        })
    }

    /// True when Terraform fails evaluating this value: it is, or holds, an error.
    pub fn is_error(&self) -> bool {
        match self {
            Value::Unknown(u) => u.error,
            Value::List(items) => items.iter().any(Value::is_error),
            Value::Object(map) => map.values().any(Value::is_error),
            _ => false,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown(_))
    }

    /// The first unknown in this value (itself, or the first inside it in order).
    pub fn first_unknown(&self) -> Option<&Unknown> {
        match self {
            Value::Unknown(u) => Some(u),
            Value::List(items) => items.iter().find_map(Value::first_unknown),
            Value::Object(map) => map.values().find_map(Value::first_unknown),
            _ => None,
        }
    }

    /// True when this value or anything inside it is unknown.
    pub fn has_unknown(&self) -> bool {
        match self {
            Value::Unknown(_) => true,
            Value::List(items) => items.iter().any(Value::has_unknown),
            Value::Object(map) => map.values().any(Value::has_unknown),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number, converting a numeric string as Terraform does.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A bool, converting "true"/"false" as Terraform does.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s == "true" => Some(true),
            Value::String(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// Converts a primitive to its string form, as Terraform does for interpolation.
    pub fn to_template_string(&self) -> Result<String, Value> {
        match self {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(format_number(*n)),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Unknown(_) => Err(self.clone()),
            Value::Ref(r) => Err(Value::unknown_because(
                Cause::Computed,
                format!("`{r}` is only known after apply"),
            )),
            Value::Null => Err(Value::unknown("null value in a string template")),
            Value::List(_) | Value::Object(_) => {
                Err(Value::unknown("a collection cannot be interpolated"))
            }
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Ref(_) => "reference",
            Value::Unknown(_) => "unknown",
        }
    }
}

/// `type.name[key].attribute`, as written in a configuration.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instance_address())?;
        if let Some(a) = &self.attribute {
            write!(f, ".{a}")?;
        }
        Ok(())
    }
}

pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => write!(f, "null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{}", format_number(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::List(items) => {
                write!(f, "[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{v}")?;
                }
                write!(f, "]")
            }
            Value::Object(map) => {
                write!(f, "{{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k} = {v}")?;
                }
                write!(f, "}}")
            }
            Value::Ref(r) => write!(f, "{r}"),
            Value::Unknown(u) => write!(f, "(unknown: {})", u.reason),
        }
    }
}
