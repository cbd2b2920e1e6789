//! TF002 undecidable: a rule could not decide because a value it needs is unknown before
//! apply. Reported only with `--show-unknown`; each rule reports it where it bails out, through
//! [`super::Context::undecidable`].

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{Cause, Unknown};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "TF002",
    name: "undecidable",
    severity: Severity::Info,
    summary: "a rule cannot decide because a value it needs is unknown (with --show-unknown)",
    doc: include_str!("../../rules/TF002.md"),
    check,
};

/// Nothing to check on its own: the other rules report TF002 where they cannot decide.
fn check(_: &Context, _: &mut Vec<Diagnostic>) {}

/// The TF002 finding of `rule` at `span`, needing `needed`, unknown because of `unknown`.
pub(super) fn diagnostic(
    rule: &Rule,
    span: Span,
    needed: &str,
    unknown: Option<&Unknown>,
) -> Diagnostic {
    let why = match unknown {
        Some(u) => format!(" ({}: {})", u.cause.kind(), u.reason),
        None => String::new(),
    };
    let mut d = RULE.diagnostic(
        span,
        format!(
            "{} {} cannot decide here: it needs {needed}, which is unknown before apply{why}",
            rule.code, rule.name
        ),
    );
    if let Some(at) = unknown.and_then(|u| u.span).filter(|at| *at != span) {
        d = d.label(
            at,
            format!("unknown here: {}", unknown.map_or("", |u| u.cause.kind())),
        );
    }
    d.help(help(rule, unknown.map(|u| &u.cause)))
}

fn help(rule: &Rule, cause: Option<&Cause>) -> String {
    match cause {
        Some(Cause::NoValue(name)) => format!(
            "give `var.{name}` a value lblint can read (a default, terraform.tfvars, \
             *.auto.tfvars, `--var-file`, `--var` or `TF_VAR_{name}`) for {} to check this",
            rule.code
        ),
        Some(Cause::Budget) => "see TF006: lblint stopped evaluating the expression".to_string(),
        _ => "lblint checks only what it knows before apply; write the value directly, or \
              ignore this finding if the value is right"
            .to_string(),
    }
}

/// Keeps one TF002 per place among the diagnostics a rule added from `first` on: a rule
/// that bails out at the same place for several routes says so once.
pub(super) fn once_per_place(out: &mut Vec<Diagnostic>, first: usize) {
    let mut seen: Vec<Span> = Vec::new();
    let mut i = first;
    while i < out.len() {
        if out[i].code == RULE.code {
            if seen.contains(&out[i].span) {
                out.remove(i);
                continue;
            }
            seen.push(out[i].span);
        }
        i += 1;
    }
}
