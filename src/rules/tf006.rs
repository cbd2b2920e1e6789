//! TF006 evaluation-budget: evaluation of an expression stopped at one of lblint's limits.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "TF006",
    name: "evaluation-budget",
    severity: Severity::Info,
    summary: "lblint stopped evaluating an expression at one of its limits",
    doc: include_str!("../../rules/TF006.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for hit in &ctx.model.budget_hits {
        out.push(
            RULE.diagnostic(
                hit.span,
                format!(
                    "lblint stopped evaluating this expression: {}; what depends on it is unknown, \
                     and rules say nothing about it",
                    hit.what
                ),
            )
            .help("make the expression smaller, or write the value it computes directly"),
        );
    }
}
