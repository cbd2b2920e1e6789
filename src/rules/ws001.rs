//! WS001 ws-timeout-missing: nothing sets a WebSocket route's lifetime.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "WS001",
    name: "ws-timeout-missing",
    severity: Severity::Error,
    summary: "a WebSocket route keeps GCP's 30 s default backend timeout",
    doc: include_str!("../../rules/WS001.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        if let Some(ra) = route.route_action() {
            if ra.timeout.is_some() || ra.timeout_unknown {
                continue;
            }
        }
        if route.backends_unknown() {
            continue;
        }
        let mut missing = Vec::new();
        for b in route.backends() {
            let Some(bs) = ctx.model.backend(&b.service.target) else {
                continue;
            };
            // Serverless NEGs refuse timeout_sec; an unresolvable group cannot be told apart.
            if bs.timeout_sec.is_none() && bs.serverless == Some(false) {
                missing.push((bs, b.service.span));
            }
        }
        if missing.is_empty() {
            continue;
        }
        let names: Vec<String> = missing
            .iter()
            .map(|(bs, _)| format!("`{}`", bs.address))
            .collect();
        let mut d = RULE.diagnostic(
            route.primary_span(),
            format!(
                "WebSocket {} has no timeout: {} {} no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds",
                route.describe(),
                names.join(", "),
                if missing.len() == 1 { "sets" } else { "set" }
            ),
        );
        for (bs, ref_span) in &missing {
            if *ref_span != route.primary_span() {
                d = d.label(*ref_span, format!("routes to `{}`", bs.address));
            }
            d = d.label(
                bs.name_span,
                format!("`{}` has no `timeout_sec` (default 30 s)", bs.address),
            );
        }
        out.push(d.help(format!(
            "set `timeout_sec` on {} to the longest connection you need (e.g. `timeout_sec = 3600`), or set `route_action {{ timeout {{ seconds = \"3600\" }} }}` on this route ({})",
            names.join(", "),
            ws.reason
        )));
    }
}
