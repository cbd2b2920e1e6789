//! LB008 scheme-mismatch: a forwarding rule and a backend service behind its url map with
//! different load-balancing schemes, which the Compute API rejects.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{BackendService, Model, ProviderDefault, Scheme, SchemeKind, SchemeSource};
use crate::model::{Target, UrlMap};

pub static RULE: Rule = Rule {
    code: "LB008",
    name: "scheme-mismatch",
    severity: Severity::Error,
    summary:
        "a forwarding rule and a backend service behind it have different load-balancing schemes",
    doc: include_str!("../../rules/LB008.md"),
    check,
};

/// The scheme a backend service itself sends: its attribute, else the resource's or the
/// provider's default. Not the forwarding rule's scheme that lblint infers for messages of
/// other rules: that would always agree.
fn own_scheme(bs: &BackendService, default: Option<&ProviderDefault>) -> Option<Scheme> {
    match &bs.load_balancing_scheme {
        Some(s) => s.known().map(|v| Scheme {
            kind: SchemeKind::parse(v),
            source: SchemeSource::Attribute(s.span),
        }),
        None if bs.regional => Some(Scheme {
            kind: SchemeKind::Internal,
            source: SchemeSource::ResourceDefault,
        }),
        None => default.map(|p| Scheme {
            kind: if p.classic {
                SchemeKind::External
            } else {
                SchemeKind::ExternalManaged
            },
            source: SchemeSource::ProviderDefault(p.clone()),
        }),
    }
}

/// The backend services a url map routes to, by index, in order.
fn backend_services_of(model: &Model, um: &UrlMap) -> Vec<usize> {
    let mut out: Vec<usize> = model
        .routes()
        .iter()
        .filter(|r| std::ptr::eq(r.url_map, um))
        .flat_map(|r| r.backends())
        .filter_map(|b| match b.service.target {
            Target::BackendService(i) => Some(i),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for fr in &model.forwarding_rules {
        let Some(fr_scheme) = &fr.scheme else {
            continue;
        };
        if matches!(fr_scheme.kind, SchemeKind::Other(_)) {
            continue;
        }
        let Some(um) = fr
            .proxy
            .and_then(|p| model.target_proxies[p].url_map)
            .map(|u| &model.url_maps[u])
        else {
            continue;
        };
        for i in backend_services_of(model, um) {
            let bs = &model.backend_services[i];
            let Some(bs_scheme) = own_scheme(bs, model.provider_default.as_ref()) else {
                continue;
            };
            if matches!(bs_scheme.kind, SchemeKind::Other(_)) || bs_scheme.kind == fr_scheme.kind {
                continue;
            }
            let primary = bs
                .load_balancing_scheme
                .as_ref()
                .map(|s| s.span)
                .unwrap_or(bs.name_span);
            let (label_span, label) = match &fr_scheme.source {
                SchemeSource::Attribute(span) => (
                    *span,
                    format!("the forwarding rule's scheme `{}`", fr_scheme.kind.as_str()),
                ),
                _ => (
                    fr.name_span,
                    format!(
                        "this forwarding rule has no `load_balancing_scheme`: `{}` by default",
                        fr_scheme.kind.as_str()
                    ),
                ),
            };
            out.push(
                RULE.diagnostic(
                    primary,
                    format!(
                        "backend service `{}` has {}, but forwarding rule `{}`, which reaches it through url map `{}`, has {}; a forwarding rule and the backend services behind it must use the same load-balancing scheme, and the Compute API rejects the mismatch",
                        bs.address,
                        bs_scheme.describe(),
                        fr.address,
                        um.address,
                        fr_scheme.describe()
                    ),
                )
                .label(label_span, label)
                .help(
                    "give the forwarding rule and the backend service the same `load_balancing_scheme`; writing it on both keeps it from changing with the provider's default (`EXTERNAL` before google provider 8.0, `EXTERNAL_MANAGED` from 8.0)",
                ),
            );
        }
    }
}
