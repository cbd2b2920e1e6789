//! TF004 unknown-field: an argument or block the provider schema does not accept where it is
//! written, in the load-balancer resources lblint has schema data for.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{UnknownField, WrongField};
use crate::schema::{self, FieldKind};

pub static RULE: Rule = Rule {
    code: "TF004",
    name: "unknown-field",
    severity: Severity::Error,
    summary: "an argument or block the provider does not accept where it is written",
    doc: include_str!("../../rules/TF004.md"),
    check,
};

/// Beyond this many valid names, the help points to the provider documentation instead.
const MAX_LISTED: usize = 12;
/// Beyond this many places, the help names the first ones and counts the others.
const MAX_PLACES: usize = 4;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for f in &ctx.model.unknown_fields {
        let (message, help) = describe(f);
        out.push(RULE.diagnostic(f.span, message).help(help));
    }
}

/// `path` of `type`, or just `type` at the top level.
fn place(path: &str, resource_type: &str) -> String {
    if path.is_empty() {
        format!("`{resource_type}`")
    } else {
        format!("`{path}` of `{resource_type}`")
    }
}

/// The names quoted and joined, `the resource's top level` for `""`; past `max`, the first
/// `max - 1` and a count of the others.
fn list(names: &[String], max: usize) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| {
            if n.is_empty() {
                "the resource's top level".to_string()
            } else {
                format!("`{n}`")
            }
        })
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        all if all.len() > max => format!(
            "{} and {} other places",
            all[..max - 1].join(", "),
            all.len() - (max - 1)
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn describe(f: &UnknownField) -> (String, String) {
    let here = place(&f.path, &f.resource_type);
    let name = &f.name;
    match &f.wrong {
        WrongField::Unknown {
            suggestion,
            allowed,
            valid,
        } => {
            let mut message = format!("`{name}` is not {} of {here}", a(f.written));
            if let Some(s) = suggestion {
                message.push_str(&format!(": did you mean `{s}`?"));
            }
            let help = match allowed {
                Some((kind, places)) => format!(
                    "`{name}` is {} of {}, not of {}",
                    a(*kind),
                    list(places, MAX_PLACES),
                    list(std::slice::from_ref(&f.path), 1)
                ),
                None if valid.len() <= MAX_LISTED => {
                    format!("valid names here: {}", list(valid, usize::MAX))
                }
                None => format!(
                    "see the provider documentation of `{}` for the arguments and blocks it accepts",
                    f.resource_type
                ),
            };
            (
                message,
                format!(
                    "{help}; the provider ({}) rejects it at `terraform validate`",
                    schema::schema().version
                ),
            )
        }
        WrongField::Kind => match f.written {
            FieldKind::Attribute => (
                format!("`{name}` is a block of {here}, not an argument"),
                format!("write it as a block, `{name} {{ ... }}`, without `=`"),
            ),
            FieldKind::Block => (
                format!("`{name}` is an argument of {here}, not a block"),
                format!("write it as an argument, `{name} = ...`"),
            ),
        },
        WrongField::ReadOnly => (
            format!("`{name}` of {here} is computed by the provider and cannot be set"),
            "remove it: Terraform rejects a value for a read-only attribute".to_string(),
        ),
    }
}

fn a(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Attribute => "an argument",
        FieldKind::Block => "a block",
    }
}
