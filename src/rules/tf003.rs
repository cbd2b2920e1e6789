//! TF003 unresolved-reference: a load-balancer reference to a resource the module does not
//! declare.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::eval::{Reference, Unknown};
use crate::model::{RouteKind, ServiceRef, Target, UrlMap};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "TF003",
    name: "unresolved-reference",
    severity: Severity::Warning,
    summary:
        "a service, backend group or url map reference names a resource the module does not declare",
    doc: include_str!("../../rules/TF003.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // A file of the module that does not parse may declare the resource: cannot tell.
    if !ctx.syntax_errors.is_empty() {
        return;
    }
    let model = ctx.model;
    let mut refs: Vec<(&'static str, Span, &Reference)> = Vec::new();
    let undecided = |what: &str, span: Span, u: &Unknown, out: &mut Vec<Diagnostic>| {
        if may_hide_reference(u, span) {
            let needed =
                format!("the resource this `{what}` names, to tell whether it is declared");
            ctx.undecidable(&RULE, span, &needed, Some(u), out);
        }
    };
    for um in &model.url_maps {
        for (what, s) in url_map_refs(um) {
            match &s.target {
                Target::Undeclared(r) => refs.push((what, s.span, r)),
                Target::Unknown(u) => undecided(what, s.span, u, out),
                _ => {}
            }
        }
    }
    for bs in &model.backend_services {
        for b in &bs.backends {
            if let (Some(r), Some(g)) = (&b.undeclared_group, &b.group) {
                refs.push(("group", g.value_span, r));
            } else if let Some((g, Err(u))) = b.group.as_ref().map(|g| (g, &g.value)) {
                undecided("group", g.value_span, u, out);
            }
        }
    }
    for p in &model.target_proxies {
        if let Some(u) = &p.url_map_ref {
            match &u.target {
                Target::Undeclared(r) => refs.push(("url_map", u.span, r)),
                Target::Unknown(unknown) => undecided("url_map", u.span, unknown, out),
                _ => {}
            }
        }
    }
    for (what, span, r) in refs {
        // Only resource types a module could declare; anything else is not a resource.
        if !r.resource_type.starts_with("google_") {
            continue;
        }
        let address = r.address();
        let terraform = "Terraform stops with \"Reference to undeclared resource\"";
        let help = match suggestion(r, &model.declared) {
            Some(s) => format!("did you mean `{s}`? {terraform}"),
            None => format!("declare `{address}` in this module or fix the reference; {terraform}"),
        };
        out.push(
            RULE.diagnostic(
                span,
                format!("`{what}` names `{address}`, which this module does not declare"),
            )
            .help(help),
        );
    }
}

/// Whether an unknown value may hide a reference lblint would check: the unknown is a part of
/// a larger expression, which may choose between references, as in `var.blue ?
/// google_compute_backend_service.a.id : google_compute_backend_service.b.id`. A value that is
/// unknown as a whole (`var.service`, `module.lb.id`, `data.x.y.id`) names no resource of this
/// module, nor does one lblint knows but cannot use (a literal URL).
fn may_hide_reference(u: &Unknown, value: Span) -> bool {
    u.span.is_some_and(|at| {
        at != value && at.file == value.file && value.start <= at.start && at.end <= value.end
    })
}

/// Every service reference of a url map's routes, with the attribute that holds it: the
/// route's own service and every weighted backend of its route action.
fn url_map_refs(um: &UrlMap) -> Vec<(&'static str, &ServiceRef)> {
    let mut out = Vec::new();
    for route in um.routes() {
        let what = match route.kind {
            RouteKind::PathRule(_) | RouteKind::RouteRule(_) => "service",
            RouteKind::MatcherDefault | RouteKind::UrlMapDefault => "default_service",
        };
        out.extend(route.service().map(|s| (what, s)));
        let weighted = route
            .route_action()
            .into_iter()
            .flat_map(|ra| &ra.weighted_backend_services);
        out.extend(weighted.filter_map(|w| w.backend.as_ref().map(|b| ("backend_service", b))));
    }
    out
}

/// The declared address the reference most likely meant: the closest name among resources
/// of the same type (within a third of the name's length, at least 2 edits), else a
/// resource of another type with exactly this name.
fn suggestion(r: &Reference, declared: &[String]) -> Option<String> {
    let len = r.name.chars().count();
    let limit = (len / 3).max(2);
    let same_type = declared
        .iter()
        .filter_map(|a| {
            let name = a.strip_prefix(&r.resource_type)?.strip_prefix('.')?;
            let d = strsim::osa_distance(&r.name, name);
            (d <= limit && d < len).then_some((d, a))
        })
        .min_by_key(|(d, a)| (*d, a.as_str()));
    if let Some((_, a)) = same_type {
        return Some(a.clone());
    }
    declared
        .iter()
        .filter_map(|a| {
            let (ty, name) = a.rsplit_once('.')?;
            (name == r.name && ty != r.resource_type)
                .then(|| (strsim::osa_distance(ty, &r.resource_type), a))
        })
        .min_by_key(|(d, a)| (*d, a.as_str()))
        .map(|(_, a)| a.clone())
}
