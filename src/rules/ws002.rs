//! WS002 ws-timeout-too-short: a WebSocket route's lifetime is below the configured minimum.

use super::origin::with_origin;
use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::value::format_number;
use crate::fix::{self, text};
use crate::model::{CloudRunService, Lifetime, Limit};
use crate::model::{CLOUD_RUN_DEFAULT_TIMEOUT_SEC, CLOUD_RUN_MAX_TIMEOUT_SEC};

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
                            let mut d = RULE
                                .diagnostic(
                                    span,
                                    format!(
                                        "Cloud Run service `{}` closes WebSockets after {} s ({how}), below the {min_s} s minimum",
                                        svc.address,
                                        format_number(secs)
                                    ),
                                )
                                .label(route.label_span(), label.clone());
                            if let Some(f) = cloud_run_timeout(ctx, svc) {
                                d = d.with_fix(f);
                            }
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

/// The unsafe fix: the Cloud Run request timeout set to `[websocket] fix_timeout_sec` (at
/// most Cloud Run's 3600 s): v2 `template { timeout = "3600s" }`, v1 `template { spec {
/// timeout_seconds = 3600 } }`, the value replaced when it is a literal, else added. None
/// when the value is not a literal (a variable...), the blocks to add it to are missing or
/// generated by `dynamic`, or the service is one instance of several.
fn cloud_run_timeout(ctx: &Context, svc: &CloudRunService) -> Option<Fix> {
    if svc.partial || text::is_instance(&svc.address) {
        return None;
    }
    let n = ctx
        .config
        .fix_timeout_sec
        .min(CLOUD_RUN_MAX_TIMEOUT_SEC as u32);
    let doc = ctx.sources.doc(svc.span)?;
    let (attr, value) = if svc.v2 {
        ("template.timeout", format!("\"{n}s\""))
    } else {
        ("template.spec.timeout_seconds", n.to_string())
    };
    let edit = match &svc.timeout {
        Some(t) => text::set_value(doc, t.span, t.value_span, &value),
        None => {
            let template = text::child_block(doc, svc.span, "resource", "template")?;
            if svc.v2 {
                text::insert_attr(doc, template, "template", "timeout", &value)
            } else {
                let spec = text::child_block(doc, template, "template", "spec")?;
                text::insert_attr(doc, spec, "spec", "timeout_seconds", &value)
            }
        }
    };
    fix::single(
        Applicability::Unsafe,
        format!("set `{attr} = {value}` on `{}`", svc.address),
        edit,
    )
}
