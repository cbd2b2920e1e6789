//! LB008 scheme-mismatch: a forwarding rule and a backend service behind its url map with
//! different load-balancing schemes, which the Compute API rejects.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{SchemeKind, SchemeSource};

pub static RULE: Rule = Rule {
    code: "LB008",
    name: "scheme-mismatch",
    severity: Severity::Error,
    summary:
        "a forwarding rule and a backend service behind it have different load-balancing schemes",
    doc: include_str!("../../rules/LB008.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for fr in &model.forwarding_rules {
        let um = fr
            .proxy
            .and_then(|p| model.target_proxies[p].url_map)
            .map(|u| &model.url_maps[u]);
        let primary = |bs: &crate::model::BackendService| {
            bs.load_balancing_scheme
                .as_ref()
                .map(|s| s.span)
                .unwrap_or(bs.name_span)
        };
        let Some(fr_scheme) = &fr.scheme else {
            let unknown = fr
                .load_balancing_scheme
                .as_ref()
                .and_then(|s| s.value.as_ref().err());
            if let (Some(u), Some(um)) = (unknown, um) {
                for i in um.backend_services() {
                    let bs = &model.backend_services[i];
                    // Only where the backend service's own scheme is known, or unknown too.
                    let own_unknown = bs
                        .load_balancing_scheme
                        .as_ref()
                        .is_some_and(|s| s.value.is_err());
                    let own_known = bs
                        .own_scheme
                        .as_ref()
                        .is_some_and(|s| !matches!(s.kind, SchemeKind::Other(_)));
                    if !own_known && !own_unknown {
                        continue;
                    }
                    ctx.undecidable(
                        &RULE,
                        primary(bs),
                        &format!(
                            "the load-balancing scheme of forwarding rule `{}`, to compare it with `{}`'s",
                            fr.address, bs.address
                        ),
                        Some(u),
                        out,
                    );
                }
            }
            continue;
        };
        if matches!(fr_scheme.kind, SchemeKind::Other(_)) {
            continue;
        }
        let Some(um) = um else {
            continue;
        };
        for i in um.backend_services() {
            let bs = &model.backend_services[i];
            // What the backend service itself sends: the scheme lblint infers for it from
            // the forwarding rule would always agree.
            let Some(bs_scheme) = &bs.own_scheme else {
                if let Some(s) = &bs.load_balancing_scheme {
                    if let Err(u) = &s.value {
                        ctx.undecidable(
                            &RULE,
                            s.span,
                            &format!(
                                "the load-balancing scheme of `{}`, to compare it with forwarding rule `{}`'s",
                                bs.address, fr.address
                            ),
                            Some(u),
                            out,
                        );
                    }
                }
                continue;
            };
            if matches!(bs_scheme.kind, SchemeKind::Other(_)) || bs_scheme.kind == fr_scheme.kind {
                continue;
            }
            let primary = primary(bs);
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
