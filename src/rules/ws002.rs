//! WS002 ws-timeout-too-short: a WebSocket route's lifetime is below the configured minimum.

use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::value::format_number;

pub static RULE: Rule = Rule {
    code: "WS002",
    name: "ws-timeout-too-short",
    severity: Severity::Warning,
    summary: "a WebSocket route's lifetime is below min_timeout_sec",
    doc: include_str!("../../rules/WS002.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let min = ctx.config.min_timeout_sec;
    let min_s = format_number(min);
    let help = format!(
        "raise it to at least {min_s} s (the `[websocket] min_timeout_sec` of the config), or to the longest connection the product needs"
    );
    let mut found = Vec::new();
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        let label = format!("WebSocket {}", route.describe());
        if let Some(ra) = route.route_action() {
            if ra.timeout_unknown {
                continue;
            }
            if let Some(t) = &ra.timeout {
                if let Ok(secs) = t.seconds {
                    if secs < min {
                        found.push(
                            RULE.diagnostic(
                                t.span,
                                format!(
                                    "this route timeout limits WebSockets to {} s, below the {min_s} s minimum",
                                    format_number(secs)
                                ),
                            )
                            .label(route.label_span(), label.clone())
                            .help(help.clone()),
                        );
                    }
                }
                continue;
            }
        }
        for b in route.backends() {
            let Some(bs) = ctx.model.backend(&b.service.target) else {
                continue;
            };
            if bs.serverless == Some(true) {
                continue; // the serverless platform's timeout governs, not timeout_sec
            }
            let Some(setting) = &bs.timeout_sec else {
                continue;
            };
            if let Some(&secs) = setting.known() {
                if secs < min {
                    found.push(
                        RULE.diagnostic(
                            setting.span,
                            format!(
                                "`timeout_sec = {}` on `{}` closes WebSockets after {} s, below the {min_s} s minimum",
                                format_number(secs),
                                bs.address,
                                format_number(secs)
                            ),
                        )
                        .label(route.label_span(), label.clone())
                        .help(help.clone()),
                    );
                }
            }
        }
    }
    merge_by_span(found, out);
}
