//! TF008 invalid-suppression: an ignore comment that cannot work.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "TF008",
    name: "invalid-suppression",
    severity: Severity::Warning,
    summary: "an lblint-ignore comment names an unknown or unsuppressible rule, lacks a required reason, or covers nothing",
    doc: include_str!("../../rules/TF008.md"),
    check,
};

/// Nothing to check on the model: ignore comments are syntax, which rules never see; the
/// suppress stage reports TF008 while it reads them (see `crate::suppress`).
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}
