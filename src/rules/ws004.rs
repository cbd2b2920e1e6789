//! WS004 ws-auth-header-unhandled: nothing on a WebSocket route addresses an auth header.

use super::headers::split_custom_header;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::Unknown;
use crate::model::{HeaderAction, Target};

pub static RULE: Rule = Rule {
    code: "WS004",
    name: "ws-auth-header-unhandled",
    severity: Severity::Info,
    summary: "a WebSocket route forwards an auth header unchanged without saying so",
    doc: include_str!("../../rules/WS004.md"),
    check,
};

/// Why WS004 cannot list the header names a route addresses.
enum Bail<'a> {
    /// Nothing to decide (no backend), or another rule's finding (an undeclared service).
    Silent,
    /// A value it needs is unknown: why, when lblint knows.
    Unknown(Option<&'a Unknown>),
}

/// Header names an action addresses; `Err` when some name is unknown.
fn addressed<'a>(action: &'a HeaderAction, names: &mut Vec<String>) -> Result<(), Bail<'a>> {
    if action.partial {
        return Err(Bail::Unknown(None));
    }
    for add in &action.request_headers_to_add {
        match &add.name.value {
            Ok(name) => names.push(name.clone()),
            Err(u) => return Err(Bail::Unknown(Some(u))),
        }
    }
    if let Some(remove) = &action.request_headers_to_remove {
        match &remove.value {
            Ok(items) => names.extend(items.iter().map(|i| i.value.clone())),
            Err(u) => return Err(Bail::Unknown(Some(u))),
        }
    }
    Ok(())
}

fn route_addresses<'a>(ctx: &'a Context, ws: &super::WsRoute<'a>) -> Result<Vec<String>, Bail<'a>> {
    let route = &ws.route;
    let backends = route.backends();
    if let Some(u) = route.weighted_unknown() {
        return Err(Bail::Unknown(Some(u)));
    }
    if backends.is_empty() {
        return Err(Bail::Silent);
    }
    let mut names = Vec::new();
    for b in backends {
        if route.header_chain_partial(&b) {
            return Err(Bail::Unknown(None));
        }
        for link in route.header_chain(&b) {
            addressed(link.action, &mut names)?;
        }
        match &b.service.target {
            Target::BackendService(_) => {
                let Some(bs) = ctx.model.backend(&b.service.target) else {
                    return Err(Bail::Silent);
                };
                if let Some(custom) = &bs.custom_request_headers {
                    let items = custom.value.as_ref().map_err(|u| Bail::Unknown(Some(u)))?;
                    for item in items {
                        if let Some((name, _, _)) = split_custom_header(&item.value) {
                            names.push(name.to_string());
                        }
                    }
                }
            }
            Target::Other(_) | Target::UrlMap(_) => {}
            Target::Unknown(u) => return Err(Bail::Unknown(Some(u))),
            Target::Undeclared(_) => return Err(Bail::Silent),
        }
    }
    Ok(names)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for ws in &ctx.ws_routes {
        let names = match route_addresses(ctx, ws) {
            Ok(names) => names,
            Err(Bail::Silent) => continue,
            Err(Bail::Unknown(u)) => {
                let passthrough = |h: &String| {
                    ctx.config
                        .auth_passthrough
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case(h))
                };
                if ctx.config.auth_headers.iter().all(passthrough) {
                    continue;
                }
                ctx.undecidable(
                    &RULE,
                    ws.route.primary_span(),
                    "the header names this WebSocket route's header actions and backend services add or remove, to tell whether it handles the auth headers",
                    u,
                    out,
                );
                continue;
            }
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
