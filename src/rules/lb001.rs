//! LB001 header-action-misplaced: a `header_action` where the provider rejects it.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::fix::text::{self, BlockEdit, Doc};
use crate::model::{MisplacedHeaderAction, Place, RouteAction, ServiceRef, UrlMap};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB001",
    name: "header-action-misplaced",
    severity: Severity::Error,
    summary: "a header_action stands where the provider rejects it",
    doc: include_str!("../../rules/LB001.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for um in &ctx.model.url_maps {
        for m in &um.misplaced_header_actions {
            let advice = match m.place {
                Place::PathRule | Place::PathRuleRouteAction => {
                    "for headers on these paths, use a `route_rules` block with its own `header_action`, or put the `header_action` inside `route_action.weighted_backend_services`"
                }
                Place::RouteRuleRouteAction => {
                    "move the `header_action` up into the route rule itself, next to its `route_action`, or put it inside `route_action.weighted_backend_services`"
                }
                Place::HostRule => "for headers on this host, put the `header_action` in the `path_matcher` the host rule names",
                Place::DefaultRouteAction
                | Place::MatcherDefaultRouteAction
                | Place::Other(_) => "put the `header_action` inside the route action's `weighted_backend_services`, or on the enclosing path matcher or url map",
            };
            let d = RULE
                .diagnostic(
                    m.action.span,
                    format!(
                        "`header_action` is not allowed in `{}`: the provider rejects it as an unsupported block, and GCP would never apply it",
                        m.place
                    ),
                )
                .help(format!(
                    "{advice}; `header_action` is allowed at the url map's top level, in `path_matcher`, in `path_matcher.route_rules`, and in `weighted_backend_services`"
                ));
            out.push(match move_action(ctx, um, m) {
                Some(f) => d.with_fix(f),
                None => d,
            });
        }
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

/// The unsafe fix: the block moves to where it applies to the same traffic. From a route
/// rule's `route_action` up into the route rule; from any other `route_action` (a path
/// rule's, a default one) into each of its `weighted_backend_services`, or, when the route
/// sends to a `service` (`default_service`), into a new `weighted_backend_services` entry for
/// that service with weight 100 that replaces it. None where no such place exists (a
/// `host_rule`, a `path_rule` itself, a route that already has a header action there), on a
/// classic load balancer (which refuses `header_action` anywhere), or where the edit cannot
/// be exact (`dynamic` blocks, instances, `.tf.json`).
fn move_action(ctx: &crate::rules::Context, um: &UrlMap, m: &MisplacedHeaderAction) -> Option<Fix> {
    let span = m.action.span;
    if text::is_instance(&um.address) || um.scheme.as_ref().is_some_and(|s| s.is_classic()) {
        return None;
    }
    let doc = ctx.sources.doc(span)?;
    if text::has_dynamic(doc, um.span) || !text::is_block(doc, span, "header_action") {
        return None;
    }
    let lines = text::block_text(doc, span, "header_action", "")?;
    let mut edit = BlockEdit::new(doc);
    let message = match m.place {
        Place::RouteRuleRouteAction => {
            let (rr, ra) = um
                .path_matchers
                .iter()
                .flat_map(|pm| &pm.route_rules)
                .find_map(|rr| {
                    let ra = rr.route_action.as_ref()?;
                    contains(ra.span, span).then_some((rr, ra))
                })?;
            if rr.header_action.is_some() || rr.header_action_unknown {
                return None;
            }
            remove_from(&mut edit, doc, ra, span)?;
            edit.append(rr.span, "route_rules", &lines)?;
            "move the `header_action` up into the route rule"
        }
        Place::PathRuleRouteAction => {
            let pr = um
                .path_matchers
                .iter()
                .flat_map(|pm| &pm.path_rules)
                .find(|pr| {
                    pr.route_action
                        .as_ref()
                        .is_some_and(|ra| contains(ra.span, span))
                })?;
            let ra = pr.route_action.as_ref()?;
            into_weighted(
                &mut edit,
                doc,
                ra,
                pr.service.as_ref(),
                "service",
                span,
                &lines,
            )?
        }
        Place::MatcherDefaultRouteAction => {
            let pm = um.path_matchers.iter().find(|pm| {
                pm.default_route_action
                    .as_ref()
                    .is_some_and(|ra| contains(ra.span, span))
            })?;
            let ra = pm.default_route_action.as_ref()?;
            let service = pm.default_service.as_ref();
            into_weighted(&mut edit, doc, ra, service, "default_service", span, &lines)?
        }
        Place::DefaultRouteAction => {
            let ra = um.default_route_action.as_ref()?;
            let service = um.default_service.as_ref();
            into_weighted(&mut edit, doc, ra, service, "default_service", span, &lines)?
        }
        Place::HostRule | Place::PathRule | Place::Other(_) => return None,
    };
    Some(Fix {
        message: message.to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![edit.edit()?],
    })
}

/// Removes the header action from its route action: the whole route action when nothing
/// else is in it.
fn remove_from(edit: &mut BlockEdit, doc: Doc, ra: &RouteAction, action: Span) -> Option<()> {
    let ident = doc.slice(ra.span).split([' ', '{']).next()?.to_string();
    if ident != "route_action" && ident != "default_route_action" {
        return None;
    }
    let alone = ra.timeout.is_none()
        && ra.weighted_backend_services.is_empty()
        && ra.fields.is_empty()
        && text::block_text(doc, ra.span, &ident, "")?.len()
            == text::block_text(doc, action, "header_action", "")?.len() + 2;
    if alone {
        edit.remove(ra.span, Some(&ident))
    } else {
        edit.remove(action, Some("header_action"))
    }
}

/// Moves the header action into each weighted backend service of the route action, or into
/// a new one for the route's service (which it replaces).
fn into_weighted(
    edit: &mut BlockEdit,
    doc: Doc,
    ra: &RouteAction,
    service: Option<&ServiceRef>,
    service_key: &str,
    action: Span,
    lines: &[String],
) -> Option<&'static str> {
    if ra.weighted_unknown.is_some() {
        return None;
    }
    let ident = doc.slice(ra.span).split([' ', '{']).next()?.to_string();
    if ident != "route_action" && ident != "default_route_action" {
        return None;
    }
    if !ra.weighted_backend_services.is_empty() {
        if service.is_some() {
            return None;
        }
        for wb in &ra.weighted_backend_services {
            if wb.header_action.is_some() || wb.partial_header_action {
                return None;
            }
            edit.append(wb.span, "weighted_backend_services", lines)?;
        }
        edit.remove(action, Some("header_action"))?;
        return Some("move the `header_action` into the route's `weighted_backend_services`");
    }
    let service = service?;
    let statement = text::statement_of(doc, service.span, service_key)?;
    let mut wbs = vec![
        "weighted_backend_services {".to_string(),
        format!("  backend_service = {}", doc.slice(service.span)),
        "  weight = 100".to_string(),
    ];
    wbs.extend(lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!("  {l}")
        }
    }));
    wbs.push("}".to_string());
    edit.remove(statement, None)?;
    edit.remove(action, Some("header_action"))?;
    edit.append(ra.span, &ident, &wbs)?;
    Some("replace the route's service by a `weighted_backend_services` entry for it (weight 100) that carries the `header_action`")
}
