//! TF001 syntax-error: a `.tf` file that does not parse.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "TF001",
    name: "syntax-error",
    severity: Severity::Error,
    summary: "a .tf file does not parse",
    doc: include_str!("../../rules/TF001.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for err in ctx.syntax_errors {
        out.push(
            RULE.diagnostic(err.span, err.message.clone())
                .help("fix the file so that Terraform can read it; the rest of this module is linted without it"),
        );
    }
}
