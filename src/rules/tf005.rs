//! TF005 unused-suppression: an ignore comment that silences nothing.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "TF005",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "an lblint-ignore comment names a rule with no finding in what it covers",
    doc: include_str!("../../rules/TF005.md"),
    check,
};

/// Nothing to check on the model: the suppress stage reports TF005 once it knows which
/// findings each ignore comment silenced (see `crate::suppress`).
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
