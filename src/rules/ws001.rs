//! WS001 ws-timeout-missing: nothing sets a WebSocket route's lifetime.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::fix::text;
use crate::model::{BackendService, Lifetime, Limit};

pub static RULE: Rule = Rule {
    code: "WS001",
    name: "ws-timeout-missing",
    severity: Severity::Error,
    summary: "a WebSocket route keeps GCP's 30 s default backend timeout",
    doc: include_str!("../../rules/WS001.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    super::websocket::undecided_routes(ctx, &RULE, out);
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        super::websocket::unknown_backends(ctx, &RULE, route, out);
        let backends = match route.ws_lifetime(ctx.model) {
            Lifetime::Backends(backends) => backends,
            Lifetime::Unknown(u) => {
                ctx.undecidable(
                    &RULE,
                    route.primary_span(),
                    "the timeout or backends of this WebSocket route",
                    Some(u),
                    out,
                );
                continue;
            }
            Lifetime::RouteTimeout(_) => continue,
        };
        for b in &backends {
            super::websocket::unknown_limit(ctx, &RULE, route, &b.limit, &b.service.address, out);
        }
        let missing: Vec<_> = backends
            .iter()
            .filter(|b| matches!(b.limit, Limit::Default30))
            .map(|b| (b.service, b.backend.service.span))
            .collect();
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
            d = match &bs.timeout_sec_null {
                // `timeout_sec = null` is no timeout: say where the null came from.
                Some((span, origin)) => {
                    let d = d.label(
                        *span,
                        format!(
                            "`timeout_sec` of `{}` is null, so the default 30 s applies",
                            bs.address
                        ),
                    );
                    super::origin::with_origin(d, origin.as_ref())
                }
                None => d.label(
                    bs.name_span,
                    format!("`{}` has no `timeout_sec` (default 30 s)", bs.address),
                ),
            };
        }
        let classic_timeout = route
            .route_action()
            .and_then(|ra| ra.timeout.as_ref())
            .zip(route.url_map.scheme.as_ref());
        let help = match classic_timeout {
            Some((t, scheme)) => {
                d = d.label(
                    t.span,
                    format!(
                        "ignored: a classic load balancer supports no route timeout ({})",
                        scheme.describe()
                    ),
                );
                format!(
                    "set `timeout_sec` on {} to the longest connection you need (e.g. `timeout_sec = 3600`); a classic load balancer has no route timeout ({})",
                    names.join(", "),
                    ws.reason
                )
            }
            None => format!(
                "set `timeout_sec` on {} to the longest connection you need (e.g. `timeout_sec = 3600`), or set `route_action {{ timeout {{ seconds = \"3600\" }} }}` on this route ({})",
                names.join(", "),
                ws.reason
            ),
        };
        let services: Vec<_> = missing.iter().map(|(bs, _)| *bs).collect();
        if let Some(f) = add_timeouts(ctx, &services) {
            d = d.with_fix(f);
        }
        out.push(d.help(help));
    }
}

/// The unsafe fix: `timeout_sec = N` (`[websocket] fix_timeout_sec`) in each backend service
/// that has none. None when one of them cannot take the edit (one instance of a resource with
/// `count` or `for_each`, `timeout_sec` written but `null`, a `.tf.json` file...).
fn add_timeouts(ctx: &Context, services: &[&BackendService]) -> Option<Fix> {
    let n = ctx.config.fix_timeout_sec.to_string();
    let mut edits = Vec::new();
    for bs in services {
        if text::is_instance(&bs.address) {
            return None;
        }
        let doc = ctx.sources.doc(bs.span)?;
        let edit = text::insert_attr(doc, bs.span, "resource", "timeout_sec", &n)?;
        if !edits.contains(&edit) {
            edits.push(edit);
        }
    }
    let names: Vec<String> = services
        .iter()
        .map(|bs| format!("`{}`", bs.address))
        .collect();
    Some(Fix {
        message: format!("set `timeout_sec = {n}` on {}", names.join(", ")),
        applicability: Applicability::Unsafe,
        edits,
    })
}
