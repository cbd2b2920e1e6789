//! LB004 classic-lb-unsupported: url map and target proxy features that the classic
//! Application Load Balancer (`load_balancing_scheme = "EXTERNAL"`) does not support.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{MatchRule, PlacedRouteAction, Scheme, UrlMap};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB004",
    name: "classic-lb-unsupported",
    severity: Severity::Error,
    summary: "a header action, route action field, match kind or proxy setting that the classic Application Load Balancer does not support",
    doc: include_str!("../../rules/LB004.md"),
    check,
};

/// One unsupported feature: where it stands (e.g. `path_rule.route_action.retry_policy`), its
/// span, and whether the classic load balancer's refusal of it is only inferred.
struct Feature {
    place: String,
    span: Span,
    inferred: bool,
}

#[derive(Default)]
struct Found(Vec<Feature>);

impl Found {
    fn add(&mut self, place: String, span: Span) {
        self.0.push(Feature {
            place,
            span,
            inferred: false,
        });
    }

    /// Every field of a route action but `url_rewrite` (and `max_stream_duration`, which
    /// LB007 reports whatever the scheme but INTERNAL_SELF_MANAGED).
    fn route_action(&mut self, ra: &PlacedRouteAction) {
        let place = ra.place();
        let action = ra.action;
        if let Some(t) = &action.timeout {
            self.add(format!("{place}.timeout"), t.span);
        }
        for f in &action.fields {
            if f.name != "url_rewrite" && f.name != "max_stream_duration" {
                self.add(format!("{place}.{}", f.name), f.span);
            }
        }
        if let Some(w) = action.weighted_backend_services.first() {
            self.0.push(Feature {
                place: format!("{place}.weighted_backend_services"),
                span: w.span,
                inferred: true,
            });
        }
    }

    fn match_rule(&mut self, m: &MatchRule) {
        let place = "route_rules.match_rules";
        if let Some(s) = &m.path_template_match {
            self.add(format!("{place}.path_template_match"), s.span);
        }
        if let Some(s) = &m.regex_match {
            self.add(format!("{place}.regex_match"), s.span);
        }
        for h in &m.header_matches {
            if let Some(s) = &h.regex_match {
                self.add(format!("{place}.header_matches.regex_match"), s.span);
            }
            if let Some(span) = h.range_match {
                self.add(format!("{place}.header_matches.range_match"), span);
            }
        }
    }
}

/// The unsupported features of a url map, in no particular order.
fn features(um: &UrlMap) -> Vec<Feature> {
    let mut found = Found::default();
    for h in um.header_actions() {
        found.add(h.path(), h.action.span);
    }
    for m in &um.misplaced_header_actions {
        found.add(m.path(), m.action.span);
    }
    for ra in um.route_actions() {
        found.route_action(&ra);
    }
    let route_rules = um.path_matchers.iter().flat_map(|pm| &pm.route_rules);
    for m in route_rules.flat_map(|rr| &rr.match_rules) {
        found.match_rule(m);
    }
    found.0
}

/// The scheme of a global url map when it is classic.
fn classic(um: &UrlMap) -> Option<&Scheme> {
    um.scheme
        .as_ref()
        .filter(|s| !um.regional && s.is_classic())
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (i, um) in ctx.model.url_maps.iter().enumerate() {
        if !um.regional {
            if let Some(u) = ctx.url_map_scheme_unknown(i) {
                for f in features(um) {
                    ctx.undecidable(
                        &RULE,
                        f.span,
                        &format!(
                            "the load-balancing scheme of `{}`, to tell whether it is the classic Application Load Balancer",
                            um.address
                        ),
                        Some(u),
                        out,
                    );
                }
            }
        }
        let Some(scheme) = classic(um) else { continue };
        for f in features(um) {
            let verb = if f.inferred {
                "is most likely not supported"
            } else {
                "is not supported"
            };
            let d = RULE.diagnostic(
                f.span,
                format!(
                    "`{}` {verb} by the classic Application Load Balancer, and `{}` is classic: {}",
                    f.place,
                    um.address,
                    scheme.describe()
                ),
            );
            out.push(finish(d, scheme, &f.place, f.inferred));
        }
    }
    for proxy in &ctx.model.target_proxies {
        let Some(setting) = &proxy.http_keep_alive_timeout_sec else {
            continue;
        };
        let Some((i, um)) = proxy.url_map.map(|i| (i, &ctx.model.url_maps[i])) else {
            continue;
        };
        if let Some(u) = ctx.url_map_scheme_unknown(i).filter(|_| !um.regional) {
            ctx.undecidable(
                &RULE,
                setting.span,
                &format!(
                    "the load-balancing scheme of `{}`, to tell whether it is the classic Application Load Balancer",
                    um.address
                ),
                Some(u),
                out,
            );
        }
        let Some(scheme) = classic(um) else { continue };
        let d = RULE.diagnostic(
            setting.span,
            format!(
                "`http_keep_alive_timeout_sec` on `{}` is not supported by the classic Application \
                 Load Balancer, and its url map `{}` is classic: {}",
                proxy.address,
                um.address,
                scheme.describe()
            ),
        );
        out.push(finish(d, scheme, "http_keep_alive_timeout_sec", false));
    }
}

/// Adds the scheme label, the help and the severity.
fn finish(mut d: Diagnostic, scheme: &Scheme, place: &str, inferred: bool) -> Diagnostic {
    if let Some(span) = scheme.span() {
        let message = if scheme.from_provider_default() {
            "google provider versions before 8.0 default `load_balancing_scheme` to `EXTERNAL` (classic)"
        } else {
            "`EXTERNAL` is the classic Application Load Balancer"
        };
        d = d.label(span, message);
    }
    if inferred || scheme.from_provider_default() {
        d.severity = Severity::Warning;
    }
    let field = place.rsplit('.').next().unwrap_or(place);
    if field == "regex_match" {
        // The global external Application Load Balancer takes no regular expressions either.
        let instead = if place.contains("header_matches") {
            "`exact_match`, `prefix_match`, `suffix_match` or `present_match`"
        } else {
            "`prefix_match` or `full_path_match` (or, with `EXTERNAL_MANAGED`, `path_template_match`)"
        };
        return d.help(format!(
            "the global external Application Load Balancer does not take regular expressions \
             either: match with {instead} instead"
        ));
    }
    d.help(format!(
        "switch to the global external Application Load Balancer with \
         `load_balancing_scheme = \"EXTERNAL_MANAGED\"` on the backend services and the global \
         forwarding rule, or remove `{field}`"
    ))
}
