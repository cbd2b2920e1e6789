//! The load balancer as a graph of url maps, routes, header actions and backend services,
//! built from evaluated resources. Every node carries the span it came from.

mod build;
mod fields;
mod route;
pub mod schema;

use crate::eval::Value;
use crate::syntax::Span;
pub use build::build;
pub use route::{ChainLink, Route, RouteBackend, RouteKind};

/// A value with the span of the attribute (or expression) that set it.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    /// The whole `name = value` statement.
    pub span: Span,
    /// Just the value expression.
    pub value_span: Span,
    /// `Err(reason)` when the value is unknown before apply.
    pub value: Result<T, String>,
    /// The value is a string literal standing verbatim in the source (see [`Text`]).
    pub verbatim: bool,
}

impl<T> Setting<T> {
    pub fn known(&self) -> Option<&T> {
        self.value.as_ref().ok()
    }
}

impl Setting<String> {
    /// The known string as a [`Text`] with its span.
    pub fn text(&self) -> Option<Text<'_>> {
        self.known().map(|value| Text {
            value,
            span: self.value_span,
            verbatim: self.verbatim,
        })
    }
}

/// A known string with the span of the expression it came from.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    pub value: &'a str,
    pub span: Span,
    /// The string is a literal whose text stands verbatim right after the opening quote.
    pub verbatim: bool,
}

impl Text<'_> {
    /// The span of bytes `start..end` of the value: exact when the literal is verbatim,
    /// else the whole expression.
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        if self.verbatim {
            self.span.sub(1 + start, 1 + end)
        } else {
            self.span
        }
    }
}

/// One string of a list, with its span.
#[derive(Debug, Clone)]
pub struct ListItem {
    pub value: String,
    pub span: Span,
    pub verbatim: bool,
}

impl ListItem {
    pub fn text(&self) -> Text<'_> {
        Text {
            value: &self.value,
            span: self.span,
            verbatim: self.verbatim,
        }
    }
}

/// A list of strings, each with its own span.
pub type StringList = Setting<Vec<ListItem>>;

/// Where a `service` or `backend_service` reference points.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A backend service of this module, by its index in [`Model::backend_services`].
    BackendService(usize),
    /// Another kind of resource of this module (a backend bucket, say), by address.
    Other(String),
    /// Not resolvable: a data source, another module, a literal URL, or unknown.
    Unknown(String),
}

#[derive(Debug, Clone)]
pub struct ServiceRef {
    pub span: Span,
    pub target: Target,
}

#[derive(Debug, Clone)]
pub struct HeaderToAdd {
    pub span: Span,
    pub name: Setting<String>,
    pub value: Option<Setting<String>>,
    pub replace: Option<Setting<bool>>,
}

#[derive(Debug, Clone)]
pub struct HeaderAction {
    pub span: Span,
    pub ident_span: Span,
    pub request_headers_to_add: Vec<HeaderToAdd>,
    pub request_headers_to_remove: Option<StringList>,
    pub response_headers_to_add: Vec<HeaderToAdd>,
    /// `dynamic` request/response header blocks that could not be expanded.
    pub partial: bool,
}

/// Where a `header_action` block stands that the provider does not accept.
#[derive(Debug, Clone)]
pub struct MisplacedHeaderAction {
    pub place: Place,
    pub action: HeaderAction,
}

/// A block of a url map that has no `header_action` in the provider schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The url map's `default_route_action`.
    DefaultRouteAction,
    HostRule,
    PathRule,
    PathRuleRouteAction,
    RouteRuleRouteAction,
    /// A path matcher's `default_route_action`.
    MatcherDefaultRouteAction,
    /// Any other block, by its dotted path from the top of the resource.
    Other(String),
}

impl Place {
    /// The place of the block at `path` (block names from the top of the url map).
    pub fn of(path: &[&str]) -> Place {
        match path {
            ["default_route_action"] => Place::DefaultRouteAction,
            ["host_rule"] => Place::HostRule,
            ["path_matcher", "path_rule"] => Place::PathRule,
            ["path_matcher", "path_rule", "route_action"] => Place::PathRuleRouteAction,
            ["path_matcher", "route_rules", "route_action"] => Place::RouteRuleRouteAction,
            ["path_matcher", "default_route_action"] => Place::MatcherDefaultRouteAction,
            _ => Place::Other(path.join(".")),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Place::DefaultRouteAction => "default_route_action",
            Place::HostRule => "host_rule",
            Place::PathRule => "path_rule",
            Place::PathRuleRouteAction => "path_rule.route_action",
            Place::RouteRuleRouteAction => "route_rules.route_action",
            Place::MatcherDefaultRouteAction => "path_matcher.default_route_action",
            Place::Other(path) => path,
        })
    }
}

/// An attribute or block of a covered resource that the provider schema does not accept
/// where it is written (see [`schema`]).
#[derive(Debug, Clone)]
pub struct UnknownField {
    /// The attribute's key, or the block's type identifier (a `dynamic` block's label).
    pub span: Span,
    /// The resource's address.
    pub resource: String,
    pub resource_type: String,
    /// The dotted path of the enclosing block, `""` at the top of the resource.
    pub path: String,
    pub name: String,
    /// How it is written.
    pub written: schema::FieldKind,
    pub wrong: WrongField,
}

/// What is wrong with an [`UnknownField`].
#[derive(Debug, Clone, PartialEq)]
pub enum WrongField {
    /// No such name at this place.
    Unknown {
        /// The nearest valid name here, when it is close.
        suggestion: Option<String>,
        /// Where else in the resource the name is allowed, and as what.
        allowed: Option<(schema::FieldKind, Vec<String>)>,
        /// Every name valid at this place, sorted.
        valid: Vec<String>,
    },
    /// The name is the other kind here: a block written as an argument, or the reverse.
    Kind,
    /// An attribute the provider computes, which a configuration cannot set.
    ReadOnly,
}

#[derive(Debug, Clone)]
pub struct Timeout {
    /// The `timeout` block.
    pub span: Span,
    /// Seconds plus nanos, when both are known.
    pub seconds: Result<f64, String>,
}

#[derive(Debug, Clone)]
pub struct WeightedBackend {
    pub span: Span,
    pub backend: Option<ServiceRef>,
    pub header_action: Option<HeaderAction>,
    pub partial_header_action: bool,
}

#[derive(Debug, Clone)]
pub struct RouteAction {
    pub span: Span,
    pub timeout: Option<Timeout>,
    /// A `dynamic "timeout"` that could not be expanded.
    pub timeout_unknown: bool,
    pub weighted_backend_services: Vec<WeightedBackend>,
    pub weighted_unknown: bool,
}

#[derive(Debug, Clone)]
pub struct PathRule {
    pub span: Span,
    pub paths: Option<StringList>,
    pub service: Option<ServiceRef>,
    pub route_action: Option<RouteAction>,
}

#[derive(Debug, Clone)]
pub struct HeaderMatch {
    pub span: Span,
    pub header_name: Option<Setting<String>>,
    pub exact_match: Option<Setting<String>>,
    pub prefix_match: Option<Setting<String>>,
    pub regex_match: Option<Setting<String>>,
    pub present_match: Option<Setting<bool>>,
    pub invert_match: Option<Setting<bool>>,
}

#[derive(Debug, Clone)]
pub struct MatchRule {
    pub span: Span,
    pub prefix_match: Option<Setting<String>>,
    pub full_path_match: Option<Setting<String>>,
    pub path_template_match: Option<Setting<String>>,
    pub header_matches: Vec<HeaderMatch>,
}

#[derive(Debug, Clone)]
pub struct RouteRule {
    pub span: Span,
    pub ident_span: Span,
    pub priority: Option<Setting<f64>>,
    pub service: Option<ServiceRef>,
    pub match_rules: Vec<MatchRule>,
    pub match_rules_unknown: bool,
    pub route_action: Option<RouteAction>,
    pub header_action: Option<HeaderAction>,
    pub header_action_unknown: bool,
}

#[derive(Debug, Clone)]
pub struct PathMatcher {
    pub span: Span,
    pub name: Option<Setting<String>>,
    pub default_service: Option<ServiceRef>,
    pub default_route_action: Option<RouteAction>,
    pub header_action: Option<HeaderAction>,
    pub header_action_unknown: bool,
    pub path_rules: Vec<PathRule>,
    pub route_rules: Vec<RouteRule>,
    /// `dynamic` path or route rules that could not be expanded.
    pub rules_unknown: bool,
}

#[derive(Debug, Clone)]
pub struct HostRule {
    pub span: Span,
    pub hosts: Option<StringList>,
    pub path_matcher: Option<Setting<String>>,
}

#[derive(Debug, Clone)]
pub struct UrlMap {
    pub address: String,
    pub regional: bool,
    /// The whole resource block.
    pub span: Span,
    pub name_span: Span,
    pub default_service: Option<ServiceRef>,
    pub default_route_action: Option<RouteAction>,
    pub header_action: Option<HeaderAction>,
    pub header_action_unknown: bool,
    pub host_rules: Vec<HostRule>,
    pub path_matchers: Vec<PathMatcher>,
    pub misplaced_header_actions: Vec<MisplacedHeaderAction>,
}

#[derive(Debug, Clone)]
pub struct Backend {
    pub span: Span,
    pub group: Option<Setting<Value>>,
}

#[derive(Debug, Clone)]
pub struct BackendService {
    pub address: String,
    pub regional: bool,
    pub span: Span,
    pub name_span: Span,
    pub timeout_sec: Option<Setting<f64>>,
    pub custom_request_headers: Option<StringList>,
    pub custom_response_headers: Option<StringList>,
    pub load_balancing_scheme: Option<Setting<String>>,
    pub protocol: Option<Setting<String>>,
    pub backends: Vec<Backend>,
    pub backends_unknown: bool,
    /// Whether a backend is a serverless network endpoint group (Cloud Run, Cloud Functions,
    /// App Engine), where `timeout_sec` is not allowed and the platform's timeout governs.
    /// `None` when a backend group cannot be resolved.
    pub serverless: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct NetworkEndpointGroup {
    pub address: String,
    pub span: Span,
    pub network_endpoint_type: Option<Setting<String>>,
}

/// The load-balancer model of one module.
#[derive(Debug, Default)]
pub struct Model {
    pub url_maps: Vec<UrlMap>,
    pub backend_services: Vec<BackendService>,
    pub network_endpoint_groups: Vec<NetworkEndpointGroup>,
    /// Names the provider schema does not accept where they are written (TF004).
    pub unknown_fields: Vec<UnknownField>,
}

impl Model {
    pub fn backend(&self, target: &Target) -> Option<&BackendService> {
        match target {
            Target::BackendService(i) => self.backend_services.get(*i),
            _ => None,
        }
    }

    /// Every route of every url map.
    pub fn routes(&self) -> Vec<Route<'_>> {
        self.url_maps.iter().flat_map(route::routes_of).collect()
    }
}
