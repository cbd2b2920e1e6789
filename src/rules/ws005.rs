//! WS005 ws-path-pair-incomplete: `/x/*` is a WebSocket route but `/x` is not, or the reverse.

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::fix::{self, text};
use crate::model::{PathMatcher, PathRule, Route, RouteKind, Target, UrlMap};
use std::collections::{HashMap, HashSet};

pub static RULE: Rule = Rule {
    code: "WS005",
    name: "ws-path-pair-incomplete",
    severity: Severity::Warning,
    summary: "`/x/*` goes to a WebSocket backend but `/x` does not, or the reverse",
    doc: include_str!("../../rules/WS005.md"),
    check,
};

/// Whether a path matcher holds a WebSocket path rule (only there can WS005 fire).
fn ws_rules_here(_: &UrlMap, pm: &PathMatcher, is_ws: &dyn Fn(&PathRule) -> bool) -> bool {
    pm.path_rules.iter().any(is_ws)
}

/// The other half of a path pair: `/x` for `/x/*`, `/x/*` for `/x`.
fn counterpart(path: &str) -> Option<String> {
    if let Some(base) = path.strip_suffix("/*") {
        (!base.is_empty()).then(|| base.to_string())
    } else {
        let base = path.trim_end_matches('/');
        (!base.is_empty() && !path.contains('*')).then(|| format!("{base}/*"))
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let ws_rules: HashSet<*const PathRule> = ctx
        .ws_routes
        .iter()
        .filter_map(|w| match w.route.kind {
            RouteKind::PathRule(p) => Some(p as *const PathRule),
            _ => None,
        })
        .collect();
    let is_ws = |pr: &PathRule| ws_rules.contains(&(pr as *const PathRule));
    for um in &ctx.model.url_maps {
        for pm in &um.path_matchers {
            check_matcher(ctx, um, pm, &is_ws, out);
        }
    }
}

fn check_matcher(
    ctx: &Context,
    um: &UrlMap,
    pm: &PathMatcher,
    is_ws: &dyn Fn(&PathRule) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    if pm.rules_unknown {
        return;
    }
    let mut rules = Vec::new();
    for pr in &pm.path_rules {
        match pr.paths.as_ref().map(|p| p.known()) {
            Some(Some(paths)) => rules.push((pr, paths)),
            Some(None) => {
                // Unknown paths: cannot tell which halves exist.
                if ws_rules_here(um, pm, is_ws) {
                    let paths = pr.paths.as_ref().map(|p| (p.span, p.value.as_ref().err()));
                    if let Some((span, u)) = paths {
                        ctx.undecidable(&RULE, span, "the paths of this path rule", u, out);
                    }
                }
                return;
            }
            None => {}
        }
    }
    // Which rule holds each path (the first, as GCP refuses a path twice in a matcher).
    let mut holders: HashMap<&str, &PathRule> = HashMap::new();
    for (pr, paths) in &rules {
        for item in paths.iter() {
            holders.entry(item.value.as_str()).or_insert(pr);
        }
    }
    let default_target = pm.default_service.as_ref().map(|s| &s.target);
    for (pr, paths) in &rules {
        if !is_ws(pr) {
            continue;
        }
        let route = Route {
            url_map: um,
            matcher: Some(pm),
            kind: RouteKind::PathRule(pr),
        };
        let own_targets: Vec<&Target> = route
            .backends()
            .into_iter()
            .map(|b| &b.service.target)
            .collect();
        if !own_targets.is_empty()
            && default_target.is_some_and(|d| {
                !matches!(d, Target::Unknown(_)) && own_targets.iter().all(|t| *t == d)
            })
        {
            continue; // the other half falls to the same backend
        }
        let mut problems = Vec::new();
        for item in paths.iter() {
            let Some(other) = counterpart(&item.value) else {
                continue;
            };
            let fate = match holders.get(other.as_str()) {
                Some(h) if is_ws(h) => continue,
                Some(_) => Fate::OtherRoute,
                None => Fate::MatcherDefault,
            };
            let why = if item.value.ends_with("/*") {
                format!("GCP's `{}` does not match `{other}`", item.value)
            } else {
                format!("GCP's `{}` matches only that exact path", item.value)
            };
            problems.push((item.value.clone(), other, fate, why));
        }
        if problems.is_empty() {
            continue;
        }
        let message = problems
            .iter()
            .map(|(have, other, fate, why)| {
                format!("`{have}` goes to a WebSocket backend but `{other}` does not ({why}, so `{other}` {})", fate.describe())
            })
            .collect::<Vec<_>>()
            .join("; ");
        let missing: Vec<String> = problems.iter().map(|p| format!("\"{}\"", p.1)).collect();
        let mut d = RULE
            .diagnostic(
                pr.paths.as_ref().map(|p| p.span).unwrap_or(pr.span),
                message,
            )
            .help(format!(
                "add {} to this `paths` list so both forms reach the WebSocket backend",
                missing.join(", ")
            ));
        if let Some(f) = add_missing(ctx, um, pr, &problems) {
            d = d.with_fix(f);
        }
        if let Some(ds) = &pm.default_service {
            if problems.iter().any(|p| matches!(p.2, Fate::MatcherDefault)) {
                d = d.label(
                    ds.span,
                    "the path matcher's default service gets those requests",
                );
            }
        }
        out.push(d);
    }
}

/// The unsafe fix: the missing halves go into the same `paths` list, next to the half that
/// is there. None when a missing half is another route's (a path may appear once per
/// matcher), when the list is not a literal, or in a path rule a `dynamic` block generates.
fn add_missing(
    ctx: &Context,
    um: &UrlMap,
    pr: &PathRule,
    problems: &[(String, String, Fate, String)],
) -> Option<Fix> {
    let paths = pr.paths.as_ref()?;
    let items = paths.known()?;
    if problems
        .iter()
        .any(|p| !matches!(p.2, Fate::MatcherDefault))
        || text::is_instance(&um.address)
    {
        return None;
    }
    let doc = ctx.sources.doc(paths.value_span)?;
    if !text::is_block(doc, pr.span, "path_rule") || text::has_dynamic(doc, um.span) {
        return None;
    }
    let mut inserts = Vec::new();
    for (have, other, _, _) in problems {
        let i = items.iter().position(|it| &it.value == have)?;
        // `/x` goes before `/x/*`, `/x/*` after `/x`.
        let at = if have.ends_with("/*") { i } else { i + 1 };
        if inserts.iter().all(|(_, t)| *t != text::quoted(other)) {
            inserts.push((at, text::quoted(other)));
        }
    }
    let spans: Vec<_> = items.iter().map(|it| it.span).collect();
    let added: Vec<&str> = inserts.iter().map(|(_, t)| t.as_str()).collect();
    fix::single(
        Applicability::Unsafe,
        format!("add {} to this `paths` list", added.join(", ")),
        text::add_list_elems(doc, paths.value_span, &spans, &inserts),
    )
}

/// Where the other half of a WebSocket path pair goes.
#[derive(Clone, Copy)]
enum Fate {
    /// Another path rule, which is not a WebSocket route.
    OtherRoute,
    /// No path rule: the path matcher's default service.
    MatcherDefault,
}

impl Fate {
    fn describe(self) -> &'static str {
        match self {
            Fate::OtherRoute => "goes to a route that is not a WebSocket route",
            Fate::MatcherDefault => "falls to the path matcher's default service",
        }
    }
}
