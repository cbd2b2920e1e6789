//! Walks of a url map: every route action and every header action GCP applies, each with
//! where it stands, so rules need not walk the blocks themselves.

use super::*;

/// A route action with the route it belongs to (its path matcher and rule).
#[derive(Debug, Clone, Copy)]
pub struct PlacedRouteAction<'a> {
    pub route: Route<'a>,
    pub action: &'a RouteAction,
}

impl<'a> PlacedRouteAction<'a> {
    /// Where the route action stands in the schema; it displays as its dotted path, e.g.
    /// `path_rule.route_action`.
    pub fn place(&self) -> Place {
        match self.route.kind {
            RouteKind::UrlMapDefault => Place::DefaultRouteAction,
            RouteKind::MatcherDefault => Place::MatcherDefaultRouteAction,
            RouteKind::PathRule(_) => Place::PathRuleRouteAction,
            RouteKind::RouteRule(_) => Place::RouteRuleRouteAction,
        }
    }

    /// The header actions of its weighted backend services.
    pub fn weighted_header_actions(self) -> impl Iterator<Item = PlacedHeaderAction<'a>> {
        self.action
            .weighted_backend_services
            .iter()
            .filter_map(move |w| {
                PlacedHeaderAction::of(HeaderSite::WeightedBackend(self, w), &w.header_action)
            })
    }
}

/// The block a header action GCP applies belongs to.
#[derive(Debug, Clone, Copy)]
pub enum HeaderSite<'a> {
    /// The url map's own `header_action`.
    UrlMap,
    PathMatcher(&'a PathMatcher),
    RouteRule(&'a PathMatcher, &'a RouteRule),
    /// A weighted backend service of a route action.
    WeightedBackend(PlacedRouteAction<'a>, &'a WeightedBackend),
}

/// A header action GCP applies, with the block it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct PlacedHeaderAction<'a> {
    pub site: HeaderSite<'a>,
    pub action: &'a HeaderAction,
}

impl<'a> PlacedHeaderAction<'a> {
    /// The placed action of `site`'s `header_action`, when it has one.
    pub(super) fn of(site: HeaderSite<'a>, action: &'a Option<HeaderAction>) -> Option<Self> {
        action
            .as_ref()
            .map(|action| PlacedHeaderAction { site, action })
    }

    /// Its dotted path in the schema, e.g. `route_rules.header_action` or
    /// `path_rule.route_action.weighted_backend_services.header_action`.
    pub fn path(&self) -> String {
        match self.site {
            HeaderSite::UrlMap => "header_action".to_string(),
            HeaderSite::PathMatcher(_) => "path_matcher.header_action".to_string(),
            HeaderSite::RouteRule(..) => "route_rules.header_action".to_string(),
            HeaderSite::WeightedBackend(ra, _) => {
                format!("{}.weighted_backend_services.header_action", ra.place())
            }
        }
    }

    /// The level it stands at: `url map`, `path matcher`, `route rule` or
    /// `weighted backend service`.
    pub fn level(&self) -> &'static str {
        match self.site {
            HeaderSite::UrlMap => "url map",
            HeaderSite::PathMatcher(_) => "path matcher",
            HeaderSite::RouteRule(..) => "route rule",
            HeaderSite::WeightedBackend(..) => "weighted backend service",
        }
    }
}

impl MisplacedHeaderAction {
    /// Its dotted path in the schema, e.g. `path_rule.header_action`.
    pub fn path(&self) -> String {
        format!("{}.header_action", self.place)
    }
}

/// What the walk of a url map finds: a route action, or the header action of the url map, a
/// path matcher or a route rule.
enum Node<'a> {
    Route(PlacedRouteAction<'a>),
    Header(PlacedHeaderAction<'a>),
}

impl UrlMap {
    /// The route actions and the header actions GCP applies (but those of weighted backend
    /// services), in schema order: the url map's, then for each path matcher its own, its
    /// path rules' and its route rules'.
    fn walk<'a>(&'a self) -> Vec<Node<'a>> {
        let route = |matcher, kind, action: &'a Option<RouteAction>| {
            let route = Route {
                url_map: self,
                matcher,
                kind,
            };
            let action = action.as_ref()?;
            Some(Node::Route(PlacedRouteAction { route, action }))
        };
        let header = |site, action| PlacedHeaderAction::of(site, action).map(Node::Header);
        let mut out = Vec::new();
        out.extend(header(HeaderSite::UrlMap, &self.header_action));
        out.extend(route(
            None,
            RouteKind::UrlMapDefault,
            &self.default_route_action,
        ));
        for pm in &self.path_matchers {
            let matcher = Some(pm);
            out.extend(header(HeaderSite::PathMatcher(pm), &pm.header_action));
            out.extend(route(
                matcher,
                RouteKind::MatcherDefault,
                &pm.default_route_action,
            ));
            for pr in &pm.path_rules {
                out.extend(route(matcher, RouteKind::PathRule(pr), &pr.route_action));
            }
            for rr in &pm.route_rules {
                out.extend(header(HeaderSite::RouteRule(pm, rr), &rr.header_action));
                out.extend(route(matcher, RouteKind::RouteRule(rr), &rr.route_action));
            }
        }
        out
    }

    /// Every route action: the url map's `default_route_action`, then for each path matcher
    /// its `default_route_action` and those of its path rules and route rules.
    pub fn route_actions(&self) -> Vec<PlacedRouteAction<'_>> {
        self.walk()
            .into_iter()
            .filter_map(|n| match n {
                Node::Route(ra) => Some(ra),
                Node::Header(_) => None,
            })
            .collect()
    }

    /// Every header action GCP applies, in schema order: the url map's, the weighted backend
    /// services' of its `default_route_action`, then for each path matcher its own, those of
    /// its route actions' weighted backend services, and its route rules'. The misplaced ones
    /// stand in [`UrlMap::misplaced_header_actions`].
    pub fn header_actions(&self) -> Vec<PlacedHeaderAction<'_>> {
        let mut out = Vec::new();
        for n in self.walk() {
            match n {
                Node::Header(h) => out.push(h),
                Node::Route(ra) => out.extend(ra.weighted_header_actions()),
            }
        }
        out
    }
}
