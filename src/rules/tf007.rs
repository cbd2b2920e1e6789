//! TF007 module-not-available: a module call lblint could not follow.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "TF007",
    name: "module-not-available",
    severity: Severity::Info,
    summary: "a module call lblint could not follow, so what the module builds is not checked",
    doc: include_str!("../../rules/TF007.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut seen = Vec::new();
    for call in &ctx.model.module_calls {
        let Some(why) = &call.unavailable else {
            continue;
        };
        // Once per call, whatever its instances.
        if seen.contains(&call.source_span) {
            continue;
        }
        seen.push(call.source_span);
        let help = if why.contains("terraform init") {
            "run `terraform init` in the root module, then lint again: lblint reads the modules it downloads under `.terraform/modules`"
        } else {
            "point `source` at the module's directory (`./modules/x`), or run `terraform init` for a registry or git source"
        };
        out.push(
            RULE.diagnostic(
                call.source_span,
                format!(
                    "`{}` is not followed: {why}; the resources it creates and its outputs are not checked",
                    call.path.manifest_key_address()
                ),
            )
            .label(call.span, "the module call")
            .help(help),
        );
    }
}
