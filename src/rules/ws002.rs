//! WS002 ws-timeout-too-short: a WebSocket route's lifetime is below the configured minimum.

use super::origin::with_origin;
use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::value::format_number;
use crate::model::{Lifetime, Limit, CLOUD_RUN_DEFAULT_TIMEOUT_SEC, CLOUD_RUN_MAX_TIMEOUT_SEC};

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
        super::websocket::unknown_backends(ctx, &RULE, route, out);
        let backends = match route.ws_lifetime(ctx.model) {
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
            Lifetime::RouteTimeout(t) => {
                if let Err(u) = &t.seconds {
                    ctx.undecidable(
                        &RULE,
                        t.span,
                        "the seconds of this route timeout",
                        Some(u),
                        out,
                    );
                }
                if let Ok(secs) = t.seconds {
                    if secs < min {
                        let d = RULE
                            .diagnostic(
                                t.span,
                                format!(
                                    "this route timeout limits WebSockets to {} s, below the {min_s} s minimum",
                                    format_number(secs)
                                ),
                            )
                            .label(route.label_span(), label.clone());
                        found.push(with_origin(d, t.origin.as_ref()).help(help.clone()));
                    }
                }
                continue;
            }
            Lifetime::Backends(backends) => backends,
        };
        for b in backends {
            let bs = b.service;
            match b.limit {
                Limit::TimeoutSec(setting) => {
                    let secs = match &setting.value {
                        Ok(secs) => *secs,
                        Err(u) => {
                            ctx.undecidable(
                                &RULE,
                                setting.span,
                                &format!("the `timeout_sec` of `{}`", bs.address),
                                Some(u),
                                out,
                            );
                            continue;
                        }
                    };
                    if secs < min {
                        let d = RULE
                            .diagnostic(
                                setting.span,
                                format!(
                                    "`timeout_sec = {}` on `{}` closes WebSockets after {} s, below the {min_s} s minimum",
                                    format_number(secs),
                                    bs.address,
                                    format_number(secs)
                                ),
                            )
                            .label(route.label_span(), label.clone());
                        found.push(with_origin(d, setting.origin.as_ref()).help(help.clone()));
                    }
                }
                Limit::CloudRun(services) => {
                    for svc in services {
                        let (span, secs, how, origin) = match &svc.timeout {
                            Some(t) => match &t.value {
                                Ok(secs) => {
                                    (t.span, *secs, "its request timeout", t.origin.as_ref())
                                }
                                Err(u) => {
                                    ctx.undecidable(
                                        &RULE,
                                        t.span,
                                        &format!("the request timeout of `{}`", svc.address),
                                        Some(u),
                                        out,
                                    );
                                    continue;
                                }
                            },
                            None if svc.partial => {
                                ctx.undecidable(
                                    &RULE,
                                    svc.name_span,
                                    &format!(
                                        "the `template` of `{}`, which a `dynamic` block builds",
                                        svc.address
                                    ),
                                    None,
                                    out,
                                );
                                continue;
                            }
                            None => (
                                svc.name_span,
                                CLOUD_RUN_DEFAULT_TIMEOUT_SEC,
                                "its default request timeout",
                                None,
                            ),
                        };
                        // At Cloud Run's maximum nothing is left to raise: clients must reconnect.
                        if secs < min && secs < CLOUD_RUN_MAX_TIMEOUT_SEC {
                            let attr = if svc.v2 {
                                "template.timeout"
                            } else {
                                "template.spec.timeout_seconds"
                            };
                            let d = RULE
                                .diagnostic(
                                    span,
                                    format!(
                                        "Cloud Run service `{}` closes WebSockets after {} s ({how}), below the {min_s} s minimum",
                                        svc.address,
                                        format_number(secs)
                                    ),
                                )
                                .label(route.label_span(), label.clone());
                            found.push(with_origin(d, origin).help(format!(
                                    "set `{attr}` on `{}` to at least {} s (Cloud Run allows up to 3600 s); behind a serverless NEG the Cloud Run request timeout is the WebSocket's lifetime",
                                    svc.address,
                                    format_number(min.min(CLOUD_RUN_MAX_TIMEOUT_SEC))
                                )),
                            );
                        }
                    }
                }
                Limit::Unknown(_) => {
                    super::websocket::unknown_limit(ctx, &RULE, route, &b.limit, &bs.address, out)
                }
                Limit::Default30 => {}
            }
        }
    }
    merge_by_span(found, out);
}
