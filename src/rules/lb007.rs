//! LB007 max-stream-duration-unsupported: `max_stream_duration` on a url map or backend
//! service whose load-balancing scheme is not INTERNAL_SELF_MANAGED.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Scheme, SchemeKind};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB007",
    name: "max-stream-duration-unsupported",
    severity: Severity::Error,
    summary: "max_stream_duration on a load balancer whose scheme is not INTERNAL_SELF_MANAGED",
    doc: include_str!("../../rules/LB007.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, um) in ctx.model.url_maps.iter().enumerate() {
        if let Some(u) = ctx.url_map_scheme_unknown(i) {
            for ra in um.route_actions() {
                if let Some(f) = ra.action.max_stream_duration() {
                    ctx.undecidable(&RULE, f.span, &needed(&um.address), Some(u), out);
                }
            }
        }
        let Some(scheme) = unsupported(&um.scheme) else {
            continue;
        };
        for ra in um.route_actions() {
            if let Some(f) = ra.action.max_stream_duration() {
                out.push(finding(
                    f.span,
                    &format!("`{}.max_stream_duration` on `{}`", ra.place(), um.address),
                    scheme,
                ));
            }
        }
    }
    for (i, bs) in ctx.model.backend_services.iter().enumerate() {
        if let (Some(span), Some(u)) = (bs.max_stream_duration, ctx.backend_scheme_unknown(i)) {
            ctx.undecidable(&RULE, span, &needed(&bs.address), Some(u), out);
        }
        let (Some(span), Some(scheme)) = (bs.max_stream_duration, unsupported(&bs.scheme)) else {
            continue;
        };
        out.push(finding(
            span,
            &format!("`max_stream_duration` on `{}`", bs.address),
            scheme,
        ));
    }
}

/// What LB007 needs to decide, in words.
fn needed(address: &str) -> String {
    format!("the load-balancing scheme of `{address}`, to tell whether it is INTERNAL_SELF_MANAGED")
}

/// A known scheme other than INTERNAL_SELF_MANAGED.
fn unsupported(scheme: &Option<Scheme>) -> Option<&Scheme> {
    scheme
        .as_ref()
        .filter(|s| s.kind != SchemeKind::InternalSelfManaged)
}

fn finding(span: Span, what: &str, scheme: &Scheme) -> Diagnostic {
    let mut d = RULE
        .diagnostic(
            span,
            format!(
                "{what} is only allowed with the `INTERNAL_SELF_MANAGED` load-balancing scheme, and \
                 the scheme here is not that: {}",
                scheme.describe()
            ),
        )
        .help(
            "remove `max_stream_duration`: it is for Cloud Service Mesh (Traffic Director) \
             proxies; on an Application Load Balancer, the backend service's `timeout_sec` (and, \
             except on the classic one, the route's `timeout`) limits how long a request may take",
        );
    if let Some(s) = scheme.span() {
        let k = scheme.kind.as_str();
        let message = if scheme.from_provider_default() {
            format!("the google provider versions allowed here default `load_balancing_scheme` to `{k}`")
        } else {
            format!("the scheme `{k}` is decided here")
        };
        d = d.label(s, message);
    }
    d
}
