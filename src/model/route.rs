//! Routes: the places where a url map sends a request to backends.

use super::*;

#[derive(Debug, Clone, Copy)]
pub enum RouteKind<'a> {
    PathRule(&'a PathRule),
    RouteRule(&'a RouteRule),
    /// A path matcher's `default_service` / `default_route_action`.
    MatcherDefault,
    /// The url map's own `default_service` / `default_route_action`.
    UrlMapDefault,
}

/// One route of a url map, with the path matcher it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    pub url_map: &'a UrlMap,
    pub matcher: Option<&'a PathMatcher>,
    pub kind: RouteKind<'a>,
}

/// A backend a route sends to, with the weighted-backend entry when there is one.
#[derive(Debug, Clone, Copy)]
pub struct RouteBackend<'a> {
    pub service: &'a ServiceRef,
    pub weighted: Option<&'a WeightedBackend>,
}

pub(super) fn routes_of(url_map: &UrlMap) -> Vec<Route<'_>> {
    let mut out = Vec::new();
    if url_map.default_service.is_some() || url_map.default_route_action.is_some() {
        out.push(Route {
            url_map,
            matcher: None,
            kind: RouteKind::UrlMapDefault,
        });
    }
    for pm in &url_map.path_matchers {
        let matcher = Some(pm);
        for pr in &pm.path_rules {
            out.push(Route {
                url_map,
                matcher,
                kind: RouteKind::PathRule(pr),
            });
        }
        for rr in &pm.route_rules {
            out.push(Route {
                url_map,
                matcher,
                kind: RouteKind::RouteRule(rr),
            });
        }
        if pm.default_service.is_some() || pm.default_route_action.is_some() {
            out.push(Route {
                url_map,
                matcher,
                kind: RouteKind::MatcherDefault,
            });
        }
    }
    out
}

impl<'a> Route<'a> {
    fn default_parts(&self) -> (Option<&'a ServiceRef>, Option<&'a RouteAction>, Span) {
        match (self.kind, self.matcher) {
            (RouteKind::MatcherDefault, Some(pm)) => (
                pm.default_service.as_ref(),
                pm.default_route_action.as_ref(),
                pm.span,
            ),
            _ => (
                self.url_map.default_service.as_ref(),
                self.url_map.default_route_action.as_ref(),
                self.url_map.span,
            ),
        }
    }

    /// Where route-level findings point: a path rule's `paths`, a route rule's block, a
    /// default route's `default_service`.
    pub fn primary_span(&self) -> Span {
        match self.kind {
            RouteKind::PathRule(pr) => pr.paths.as_ref().map(|p| p.span).unwrap_or(pr.span),
            RouteKind::RouteRule(rr) => rr.span,
            _ => {
                let (service, action, span) = self.default_parts();
                service
                    .map(|s| s.span)
                    .or(action.map(|a| a.span))
                    .unwrap_or(span)
            }
        }
    }

    /// A short label span for the route (a route rule's `route_rules` keyword).
    pub fn label_span(&self) -> Span {
        match self.kind {
            RouteKind::RouteRule(rr) => rr.ident_span,
            _ => self.primary_span(),
        }
    }

    pub fn route_action(&self) -> Option<&'a RouteAction> {
        match self.kind {
            RouteKind::PathRule(pr) => pr.route_action.as_ref(),
            RouteKind::RouteRule(rr) => rr.route_action.as_ref(),
            _ => self.default_parts().1,
        }
    }

    /// The route's own `service` / `default_service`, if it has one.
    pub fn service(&self) -> Option<&'a ServiceRef> {
        match self.kind {
            RouteKind::PathRule(pr) => pr.service.as_ref(),
            RouteKind::RouteRule(rr) => rr.service.as_ref(),
            _ => self.default_parts().0,
        }
    }

    /// The backends this route sends to: its `service`, or each weighted backend service.
    pub fn backends(&self) -> Vec<RouteBackend<'a>> {
        if let Some(service) = self.service() {
            return vec![RouteBackend {
                service,
                weighted: None,
            }];
        }
        self.route_action()
            .map(|ra| {
                ra.weighted_backend_services
                    .iter()
                    .filter_map(|w| {
                        w.backend.as_ref().map(|service| RouteBackend {
                            service,
                            weighted: Some(w),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// True when some backend of this route could not be expanded (`dynamic` weighted backends).
    pub fn backends_unknown(&self) -> bool {
        self.weighted_unknown().is_some()
    }

    /// Why some backend of this route could not be expanded, when one could not.
    pub fn weighted_unknown(&self) -> Option<&'a Unknown> {
        if self.service().is_some() {
            return None;
        }
        self.route_action()?.weighted_unknown.as_ref()
    }

    /// Paths that select this route, each with its span: a path rule's `paths`, a route
    /// rule's `prefix_match`, `full_path_match` or `path_template_match`.
    pub fn paths(&self) -> Vec<(&'a str, Span)> {
        match self.kind {
            RouteKind::PathRule(pr) => pr
                .paths
                .as_ref()
                .and_then(|p| p.known())
                .map(|ps| ps.iter().map(|i| (i.value.as_str(), i.span)).collect())
                .unwrap_or_default(),
            RouteKind::RouteRule(rr) => rr
                .match_rules
                .iter()
                .flat_map(|m| [&m.prefix_match, &m.full_path_match, &m.path_template_match])
                .flatten()
                .filter_map(|s| s.known().map(|v| (v.as_str(), s.value_span)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Header matches of a route rule.
    pub fn header_matches(&self) -> Vec<&'a HeaderMatch> {
        match self.kind {
            RouteKind::RouteRule(rr) => rr
                .match_rules
                .iter()
                .flat_map(|m| m.header_matches.iter())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The header actions a request of this route to `backend` goes through, in the order GCP
    /// applies them: the weighted backend service's, the route rule's, the path matcher's, the
    /// url map's.
    pub fn header_chain(&self, backend: &RouteBackend<'a>) -> Vec<PlacedHeaderAction<'a>> {
        let weighted = backend
            .weighted
            .zip(self.route_action())
            .and_then(|(w, action)| {
                let ra = PlacedRouteAction {
                    route: *self,
                    action,
                };
                PlacedHeaderAction::of(HeaderSite::WeightedBackend(ra, w), &w.header_action)
            });
        let route_rule = match (self.kind, self.matcher) {
            (RouteKind::RouteRule(rr), Some(pm)) => {
                PlacedHeaderAction::of(HeaderSite::RouteRule(pm, rr), &rr.header_action)
            }
            _ => None,
        };
        let matcher = self
            .matcher
            .and_then(|pm| PlacedHeaderAction::of(HeaderSite::PathMatcher(pm), &pm.header_action));
        let url_map = PlacedHeaderAction::of(HeaderSite::UrlMap, &self.url_map.header_action);
        [weighted, route_rule, matcher, url_map]
            .into_iter()
            .flatten()
            .collect()
    }

    /// True when some header action on the way to `backend` could not be evaluated completely.
    pub fn header_chain_partial(&self, backend: &RouteBackend<'a>) -> bool {
        let rr = match self.kind {
            RouteKind::RouteRule(rr) => rr.header_action_unknown,
            _ => false,
        };
        rr || backend.weighted.is_some_and(|w| w.partial_header_action)
            || self.matcher.is_some_and(|pm| pm.header_action_unknown)
            || self.url_map.header_action_unknown
            || self.header_chain(backend).iter().any(|l| l.action.partial)
    }

    /// A human description, e.g. "path rule `/ws`, `/ws/*`".
    pub fn describe(&self) -> String {
        let quoted = |paths: Vec<(&str, Span)>| {
            paths
                .iter()
                .map(|(p, _)| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let matcher = self
            .matcher
            .and_then(|pm| pm.name.as_ref())
            .and_then(|n| n.known().cloned());
        match self.kind {
            RouteKind::PathRule(_) => format!("path rule {}", quoted(self.paths())),
            RouteKind::RouteRule(rr) => {
                let prio = rr
                    .priority
                    .as_ref()
                    .and_then(|p| p.known())
                    .map(|p| format!(" (priority {p})"))
                    .unwrap_or_default();
                let paths = self.paths();
                if paths.is_empty() {
                    format!("route rule{prio}")
                } else {
                    format!("route rule{prio} for {}", quoted(paths))
                }
            }
            RouteKind::MatcherDefault => match matcher {
                Some(n) => format!("default route of path matcher `{n}`"),
                None => "default route of a path matcher".to_string(),
            },
            RouteKind::UrlMapDefault => format!("default route of `{}`", self.url_map.address),
        }
    }
}
