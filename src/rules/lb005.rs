//! LB005 serverless-backend-setting: settings the Compute API refuses on a backend service
//! whose backends are serverless network endpoint groups.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::eval::Value;
use crate::fix::{self, text};
use crate::model::{Backend, BackendKind, BackendService, Model};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB005",
    name: "serverless-backend-setting",
    severity: Severity::Error,
    summary: "a backend service with serverless NEG backends sets `timeout_sec`, `health_checks` or a backend capacity setting the API refuses",
    doc: include_str!("../../rules/LB005.md"),
    check,
};

/// The safe fix that removes an attribute the API refuses; none on one instance of a
/// resource with `count` or `for_each` (the attribute is every instance's).
fn removal(ctx: &Context, bs: &BackendService, span: Span, name: &str) -> Option<Fix> {
    if text::is_instance(&bs.address) {
        return None;
    }
    let doc = ctx.sources.doc(span)?;
    fix::single(
        Applicability::Safe,
        format!("remove `{name}`"),
        text::remove_attr(doc, span),
    )
}

fn with_fix(d: Diagnostic, fix: Option<Fix>) -> Diagnostic {
    match fix {
        Some(f) => d.with_fix(f),
        None => d,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for bs in &model.backend_services {
        if bs.serverless != Some(true) {
            continue;
        }
        let negs: Vec<(&Backend, &str)> = bs
            .backends
            .iter()
            .filter_map(|b| match b.kind {
                BackendKind::ServerlessNeg(i) => {
                    Some((b, model.network_endpoint_groups[i].address.as_str()))
                }
                _ => None,
            })
            .collect();
        let with_neg_labels = |mut d: Diagnostic| {
            for (b, neg) in &negs {
                d = d.label(group_span(b), format!("`{neg}` is a serverless NEG"));
            }
            d
        };
        if let Some(t) = &bs.timeout_sec {
            if t.known().is_some() {
                let fix = removal(ctx, bs, t.span, "timeout_sec");
                out.push(with_fix(
                    with_neg_labels(
                        RULE.diagnostic(
                            t.span,
                            format!(
                            "`timeout_sec` on `{}`, whose backends are serverless NEGs, is refused \
                             by the API: \"Timeout sec is not supported for a backend service with \
                             Serverless network endpoint groups\"",
                            bs.address
                        ),
                        )
                        .help(timeout_help(bs, model)),
                    ),
                    fix,
                ));
            }
        }
        if let Some(h) = &bs.health_checks {
            if h.known().is_some_and(names_something) {
                let fix = removal(ctx, bs, h.span, "health_checks");
                out.push(with_fix(
                    with_neg_labels(
                        RULE.diagnostic(
                            h.span,
                            format!(
                                "`health_checks` on `{}`, whose backends are serverless NEGs, is \
                             refused by the API: \"A backend service cannot have a healthcheck \
                             with Serverless network endpoint group backends\"",
                                bs.address
                            ),
                        )
                        .help(
                            "remove `health_checks`: the load balancer does not health-check \
                         serverless backends",
                        ),
                    ),
                    fix,
                ));
            }
        }
        for (b, neg) in &negs {
            for s in &b.settings {
                let refused = match s.name.as_str() {
                    "max_utilization" => s.value.as_ref().and_then(Value::as_f64).is_some_and(|v| v != 0.0).then_some(
                        "\"Max utilization is not supported for Serverless network endpoint groups\"",
                    ),
                    "balancing_mode" => s
                        .value
                        .as_ref()
                        .and_then(Value::as_str)
                        .is_some_and(|m| m.eq_ignore_ascii_case("RATE"))
                        .then_some(
                            "\"Balancing mode is not supported for Serverless network endpoint groups\"",
                        ),
                    _ => None,
                };
                let Some(api) = refused else { continue };
                // Not in a block a `dynamic` block generates: the edit would change them all.
                let fix = ctx
                    .sources
                    .doc(b.span)
                    .filter(|doc| text::is_block(*doc, b.span, "backend"))
                    .and_then(|_| removal(ctx, bs, s.span, &s.name));
                out.push(with_fix(
                    RULE.diagnostic(
                        s.span,
                        format!(
                            "`{}` on the serverless NEG backend of `{}` is refused by the API: {api}",
                            s.name, bs.address
                        ),
                    )
                    .label(group_span(b), format!("`{neg}` is a serverless NEG"))
                    .help(format!(
                        "remove `{}`: a serverless NEG takes no balancing mode or capacity \
                         settings (the provider's default balancing mode, UTILIZATION, is accepted)",
                        s.name
                    )),
                    fix,
                ));
            }
        }
    }
}

/// Where to label a backend's serverless NEG: its `group` value, else the block.
fn group_span(b: &Backend) -> crate::syntax::Span {
    b.group.as_ref().map(|g| g.value_span).unwrap_or(b.span)
}

/// A value that names at least one health check.
fn names_something(v: &Value) -> bool {
    match v {
        Value::List(items) => !items.is_empty(),
        Value::Ref(_) => true,
        Value::String(s) => !s.is_empty(),
        _ => false,
    }
}

/// Where the request timeout goes instead: the Cloud Run services when lblint knows them.
fn timeout_help(bs: &BackendService, model: &Model) -> String {
    let services = model.cloud_run_of(bs).unwrap_or_default();
    if services.is_empty() {
        return "remove `timeout_sec` and set the request timeout on the serverless service \
                instead; for Cloud Run that is `template.timeout = \"3600s\"` \
                (`google_cloud_run_v2_service`) or `template.spec.timeout_seconds` \
                (`google_cloud_run_service`)"
            .to_string();
    }
    let mut places: Vec<String> = Vec::new();
    for svc in services {
        let place = if svc.v2 {
            format!("`template.timeout = \"3600s\"` on `{}`", svc.address)
        } else {
            format!(
                "`template.spec.timeout_seconds = 3600` on `{}`",
                svc.address
            )
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    format!(
        "remove `timeout_sec` and set the Cloud Run request timeout instead, e.g. {} (Cloud Run allows up to 3600 s)",
        places.join(", ")
    )
}
