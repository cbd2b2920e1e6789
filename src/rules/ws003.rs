//! WS003 ws-auth-header-dropped: a header action removes, replaces or garbles an auth header
//! on a WebSocket route's way to its backend.

use super::headers::{split_custom_header, unknown_placeholders};
use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::HeaderAction;

pub static RULE: Rule = Rule {
    code: "WS003",
    name: "ws-auth-header-dropped",
    severity: Severity::Error,
    summary:
        "an auth header is removed, replaced or set to an undefined variable on a WebSocket route",
    doc: include_str!("../../rules/WS003.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        let route_label = format!("on the way of WebSocket {}", route.describe());
        for b in route.backends() {
            for link in route.header_chain(&b) {
                check_action(ctx, link.level(), link.action, &mut |d: Diagnostic| {
                    found.push(d.label(route.label_span(), route_label.clone()))
                });
            }
            let Some(bs) = ctx.model.backend(&b.service.target) else {
                continue;
            };
            let items = match bs.custom_request_headers.as_ref().map(|c| (c, &c.value)) {
                Some((_, Ok(items))) => items,
                Some((c, Err(u))) => {
                    ctx.undecidable(
                        &RULE,
                        c.span,
                        &format!("the `custom_request_headers` of `{}`", bs.address),
                        Some(u),
                        out,
                    );
                    continue;
                }
                None => continue,
            };
            for item in items {
                let Some((name, value, value_at)) = split_custom_header(&item.value) else {
                    continue;
                };
                let Some(auth) = ctx.config.is_auth_header(name) else {
                    continue;
                };
                if let Some(p) = unknown_placeholders(value, &ctx.config.header_variables).first() {
                    let span = item.text().sub_span(value_at + p.start, value_at + p.end);
                    found.push(
                        RULE.diagnostic(
                            span,
                            format!(
                                "`custom_request_headers` of `{}` sets `{auth}` to `{{{}}}`, a variable GCP does not define, so the backend never sees the client's `{auth}`",
                                bs.address, p.name
                            ),
                        )
                        .label(route.label_span(), route_label.clone())
                        .help(format!("remove this entry: GCP forwards the client's `{auth}` unchanged when nothing sets it")),
                    );
                }
            }
        }
    }
    merge_by_span(found, out);
}

fn check_action(
    ctx: &Context,
    level: &str,
    action: &HeaderAction,
    emit: &mut dyn FnMut(Diagnostic),
) {
    if let Some(items) = action
        .request_headers_to_remove
        .as_ref()
        .and_then(|r| r.known())
    {
        for item in items {
            if let Some(auth) = ctx.config.is_auth_header(&item.value) {
                emit(
                    RULE.diagnostic(
                        item.span,
                        format!("the {level} header action removes `{auth}` before the request reaches the WebSocket backend"),
                    )
                    .help(format!("remove `{}` from `request_headers_to_remove`; the backend needs it to authenticate the connection", item.value)),
                );
            }
        }
    }
    for add in &action.request_headers_to_add {
        let Some(name) = add.name.known() else {
            continue;
        };
        let Some(auth) = ctx.config.is_auth_header(name) else {
            continue;
        };
        if let Some(text) = add.value.as_ref().and_then(|v| v.text()) {
            if let Some(p) = unknown_placeholders(text.value, &ctx.config.header_variables).first()
            {
                emit(
                    RULE.diagnostic(
                        text.sub_span(p.start, p.end),
                        format!(
                            "the {level} header action sets `{auth}` to `{{{}}}`, a variable GCP does not define, so the client's `{auth}` never reaches the backend",
                            p.name
                        ),
                    )
                    .help(format!(
                        "delete this `request_headers_to_add` block: GCP forwards the client's `{auth}` unchanged when no header action touches it"
                    )),
                );
                continue;
            }
        }
        if let Some(replace) = &add.replace {
            if replace.known() == Some(&true) {
                emit(
                    RULE.diagnostic(
                        replace.span,
                        format!("the {level} header action replaces `{auth}`, discarding the value the client sent"),
                    )
                    .help("set `replace = false` to append, or remove the block to forward the client's value unchanged"),
                );
            }
        }
    }
}
