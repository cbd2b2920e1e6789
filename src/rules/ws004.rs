//! WS004 ws-auth-header-unhandled: nothing on a WebSocket route addresses an auth header.

use super::headers::split_custom_header;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{HeaderAction, Target};

pub static RULE: Rule = Rule {
    code: "WS004",
    name: "ws-auth-header-unhandled",
    severity: Severity::Info,
    summary: "a WebSocket route forwards an auth header unchanged without saying so",
    doc: include_str!("../../rules/WS004.md"),
    check,
};

/// Header names an action addresses, or `None` when some name is unknown.
fn addressed(action: &HeaderAction, names: &mut Vec<String>) -> Option<()> {
    if action.partial {
        return None;
    }
    for add in &action.request_headers_to_add {
        names.push(add.name.known()?.clone());
    }
    if let Some(remove) = &action.request_headers_to_remove {
        names.extend(remove.known()?.iter().map(|i| i.value.clone()));
    }
    Some(())
}

fn route_addresses(ctx: &Context, ws: &super::WsRoute) -> Option<Vec<String>> {
    let route = &ws.route;
    let backends = route.backends();
    if backends.is_empty() || route.backends_unknown() {
        return None;
    }
    let mut names = Vec::new();
    for b in backends {
        if route.header_chain_partial(&b) {
            return None;
        }
        for link in route.header_chain(&b) {
            addressed(link.action, &mut names)?;
        }
        match &b.service.target {
            Target::BackendService(_) => {
                let bs = ctx.model.backend(&b.service.target)?;
                if let Some(custom) = &bs.custom_request_headers {
                    for item in custom.known()? {
                        if let Some((name, _, _)) = split_custom_header(&item.value) {
                            names.push(name.to_string());
                        }
                    }
                }
            }
            Target::Other(_) | Target::UrlMap(_) => {}
            Target::Unknown(_) | Target::Undeclared(_) => return None,
        }
    }
    Some(names)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for ws in &ctx.ws_routes {
        let Some(names) = route_addresses(ctx, ws) else {
            continue;
        };
        let unhandled: Vec<&String> = ctx
            .config
            .auth_headers
            .iter()
            .filter(|h| !names.iter().any(|n| n.eq_ignore_ascii_case(h)))
            .filter(|h| {
                !ctx.config
                    .auth_passthrough
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(h))
            })
            .collect();
        if unhandled.is_empty() {
            continue;
        }
        let list: Vec<String> = unhandled.iter().map(|h| format!("`{h}`")).collect();
        let quoted: Vec<String> = unhandled.iter().map(|h| format!("\"{h}\"")).collect();
        out.push(
            RULE.diagnostic(
                ws.route.primary_span(),
                format!(
                    "WebSocket {} does not say how it handles {}: GCP forwards {} unchanged by default",
                    ws.route.describe(),
                    list.join(" and "),
                    if unhandled.len() == 1 { "it" } else { "them" }
                ),
            )
            .help(format!(
                "if forwarding unchanged is intended, declare it in .lblint.toml: `[websocket] auth_passthrough = [{}]`",
                quoted.join(", ")
            )),
        );
    }
}
