//! Which routes carry WebSockets: shared by the WS rules.

use super::{Context, Rule};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{HeaderMatch, Limit, Model, Route, RouteKind, Target};

/// A WebSocket route and why lblint thinks it is one.
#[derive(Debug, Clone)]
pub struct WsRoute<'a> {
    pub route: Route<'a>,
    pub reason: String,
}

/// Why lblint cannot tell whether a route that is not a WebSocket route as far as lblint
/// sees carries WebSockets: an unknown path, match or header name that selects it.
fn unknown_selector<'a>(route: &Route<'a>) -> Option<&'a crate::eval::Unknown> {
    let err = |s: &'a Option<crate::model::Setting<String>>| {
        s.as_ref().and_then(|s| s.value.as_ref().err())
    };
    match route.kind {
        RouteKind::PathRule(pr) => pr.paths.as_ref().and_then(|p| p.value.as_ref().err()),
        RouteKind::RouteRule(rr) => rr.match_rules.iter().find_map(|m| {
            err(&m.prefix_match)
                .or_else(|| err(&m.full_path_match))
                .or_else(|| err(&m.path_template_match))
                .or_else(|| m.header_matches.iter().find_map(|h| err(&h.header_name)))
        }),
        RouteKind::MatcherDefault | RouteKind::UrlMapDefault => None,
    }
}

/// TF002 (as WS001, the first of the WebSocket rules, once per route) for each route lblint
/// cannot tell is a WebSocket route: every WebSocket rule skips it.
pub(super) fn undecided_routes(ctx: &Context, rule: &Rule, out: &mut Vec<Diagnostic>) {
    if !ctx.show_unknown {
        return;
    }
    let ws: std::collections::HashSet<_> = ctx
        .ws_routes
        .iter()
        .map(|w| w.route.primary_span())
        .collect();
    for route in ctx.model.routes() {
        let span = route.primary_span();
        if ws.contains(&span) {
            continue;
        }
        if let Some(u) = unknown_selector(&route) {
            ctx.undecidable(
                rule,
                span,
                "the paths or header matches that select this route, to tell whether it carries WebSockets",
                Some(u),
                out,
            );
        }
    }
}

/// TF002 for each backend of a WebSocket route that `rule` cannot see: a `service` or
/// `backend_service` lblint cannot resolve, or a `dynamic` list of weighted backends.
pub(super) fn unknown_backends(
    ctx: &Context,
    rule: &Rule,
    route: &Route,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(u) = route.weighted_unknown() {
        ctx.undecidable(
            rule,
            route.primary_span(),
            "the weighted backend services of this WebSocket route",
            Some(u),
            out,
        );
    }
    for b in route.backends() {
        if let Target::Unknown(u) = &b.service.target {
            ctx.undecidable(
                rule,
                b.service.span,
                "the backend service this WebSocket route sends to",
                Some(u),
                out,
            );
        }
    }
}

/// TF002 for a backend service whose limit on WebSockets `rule` cannot tell.
pub(super) fn unknown_limit(
    ctx: &Context,
    rule: &Rule,
    route: &Route,
    limit: &Limit,
    address: &str,
    out: &mut Vec<Diagnostic>,
) {
    if let Limit::Unknown(u) = limit {
        ctx.undecidable(
            rule,
            route.primary_span(),
            &format!("what limits a WebSocket's lifetime on `{address}` (whether its backends are serverless, and their timeouts)"),
            *u,
            out,
        );
    }
}

/// A header match that requires `Upgrade: websocket`.
fn requires_upgrade(m: &HeaderMatch) -> bool {
    let name = m.header_name.as_ref().and_then(|n| n.known());
    if !name.is_some_and(|n| n.eq_ignore_ascii_case("upgrade")) {
        return false;
    }
    if m.invert_match
        .as_ref()
        .and_then(|i| i.known().copied())
        .unwrap_or(false)
    {
        return false;
    }
    let is_ws = |s: &Option<crate::model::Setting<String>>| {
        s.as_ref()
            .and_then(|s| s.known())
            .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    };
    is_ws(&m.exact_match) || is_ws(&m.prefix_match)
}

/// A host of a host rule that sends to this route's path matcher and matches
/// `[websocket] hosts`.
fn ws_host<'a>(route: &Route<'a>, config: &Config) -> Option<&'a str> {
    let name = route.matcher?.name.as_ref()?.known()?;
    route
        .url_map
        .host_rules
        .iter()
        .filter(|h| h.path_matcher.as_ref().and_then(|p| p.known()) == Some(name))
        .flat_map(|h| {
            h.hosts
                .as_ref()
                .and_then(|l| l.known())
                .into_iter()
                .flatten()
        })
        .map(|h| h.value.as_str())
        .find(|h| config.is_ws_host(h))
}

pub(super) fn ws_routes<'a>(model: &'a Model, config: &Config) -> Vec<WsRoute<'a>> {
    let mut out = Vec::new();
    for route in model.routes() {
        let reason = if let Some((p, _)) = route
            .paths()
            .into_iter()
            .find(|(p, _)| config.is_ws_path(p))
        {
            Some(format!("path `{p}` matches the WebSocket path patterns"))
        } else if route.header_matches().into_iter().any(requires_upgrade) {
            Some("the route rule requires `Upgrade: websocket`".to_string())
        } else if let Some(host) = ws_host(&route, config) {
            Some(format!(
                "its path matcher serves host `{host}`, which matches the WebSocket host patterns"
            ))
        } else {
            route
                .backends()
                .into_iter()
                .find_map(|b| match &b.service.target {
                    Target::BackendService(i) => {
                        let address = &model.backend_services[*i].address;
                        config
                            .is_ws_backend(address)
                            .then(|| format!("`{address}` is listed in `[websocket] backends`"))
                    }
                    _ => None,
                })
        };
        if let Some(reason) = reason {
            out.push(WsRoute { route, reason });
        }
    }
    out
}
