//! WS007 ws-backend-protocol: a WebSocket route to a backend service whose protocol does not
//! carry WebSockets.

use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "WS007",
    name: "ws-backend-protocol",
    severity: Severity::Error,
    summary: "a WebSocket route goes to a backend service whose `protocol` is not HTTP or HTTPS",
    doc: include_str!("../../rules/WS007.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        for backend in route.backends() {
            let Some(bs) = ctx.model.backend(&backend.service.target) else {
                continue;
            };
            let Some(protocol) = bs.protocol.as_ref() else {
                continue;
            };
            let value = match &protocol.value {
                Ok(value) => value,
                Err(u) => {
                    ctx.undecidable(
                        &RULE,
                        protocol.span,
                        &format!(
                            "the `protocol` of `{}`, which serves WebSocket routes",
                            bs.address
                        ),
                        Some(u),
                        out,
                    );
                    continue;
                }
            };
            if value.eq_ignore_ascii_case("HTTP") || value.eq_ignore_ascii_case("HTTPS") {
                continue;
            }
            found.push(
                RULE.diagnostic(
                    protocol.span,
                    format!(
                        "`protocol = \"{value}\"` on `{}`, which serves WebSocket routes: the load \
                         balancer carries WebSockets to backends only over HTTP or HTTPS, so the \
                         upgrade never reaches the backend",
                        bs.address
                    ),
                )
                .label(route.label_span(), format!("WebSocket {}", route.describe()))
                .help(format!(
                    "set `protocol = \"HTTP\"` or `\"HTTPS\"` on `{}`, or send the WebSocket routes \
                     to a separate backend service that uses one of them",
                    bs.address
                )),
            );
        }
    }
    merge_by_span(found, out);
}
