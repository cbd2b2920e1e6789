//! The load balancer as a graph of url maps, routes, header actions and backend services,
//! built from evaluated resources. Every node carries the span it came from.

mod build;
mod fields;
mod lifetime;
mod route;
mod scheme;
mod walk;

use crate::eval::{Reference, Unknown, Value};
use crate::syntax::Span;
pub use build::build;
pub use lifetime::{
    BackendLifetime, Lifetime, Limit, CLOUD_RUN_DEFAULT_TIMEOUT_SEC, CLOUD_RUN_MAX_TIMEOUT_SEC,
};
pub use route::{Route, RouteBackend, RouteKind};
pub use scheme::{ProviderDefault, Scheme, SchemeKind, SchemeSource};
pub use walk::{HeaderSite, PlacedHeaderAction, PlacedRouteAction};

/// A value with the span of the attribute (or expression) that set it.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    /// The whole `name = value` statement.
    pub span: Span,
    /// Just the value expression.
    pub value_span: Span,
    /// `Err` when the value is unknown before apply (or of a type that does not fit): why,
    /// and the expression that made it unknown.
    pub value: Result<T, Unknown>,
    /// The value is a string literal standing verbatim in the source (see [`Text`]).
    pub verbatim: bool,
    /// Where the value came from when an input set it (a variable definitions file,
    /// `TF_VAR_`, `--var`): findings reporting the value point there too.
    pub origin: Option<crate::eval::Origin>,
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
    /// A url map of this module (a proxy's `url_map`), by its index in [`Model::url_maps`].
    UrlMap(usize),
    /// Another kind of resource of this module (a backend bucket, say), by address.
    Other(String),
    /// A resource this module does not declare: a typo, or a resource of another module.
    Undeclared(Reference),
    /// Not resolvable: a data source, another module, a literal URL, or unknown.
    Unknown(Unknown),
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
    pub written: crate::schema::FieldKind,
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
        allowed: Option<(crate::schema::FieldKind, Vec<String>)>,
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
    pub seconds: Result<f64, Unknown>,
    /// Where `seconds` came from when an input set it.
    pub origin: Option<crate::eval::Origin>,
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
    /// A `dynamic "timeout"` that could not be expanded, and why.
    pub timeout_unknown: Option<Unknown>,
    pub weighted_backend_services: Vec<WeightedBackend>,
    /// `dynamic "weighted_backend_services"` that could not be expanded, and why.
    pub weighted_unknown: Option<Unknown>,
    /// Its other fields that are set, in source order, each by name and span: `retry_policy`,
    /// `cors_policy`, `fault_injection_policy`, `request_mirror_policy`, `url_rewrite`,
    /// `max_stream_duration`.
    pub fields: Vec<SetAttr>,
}

impl RouteAction {
    /// The `max_stream_duration` block, when set.
    pub fn max_stream_duration(&self) -> Option<&SetAttr> {
        self.fields.iter().find(|f| f.name == "max_stream_duration")
    }
}

#[derive(Debug, Clone)]
pub struct PathRule {
    pub span: Span,
    pub ident_span: Span,
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
    /// The `range_match` block.
    pub range_match: Option<Span>,
    pub present_match: Option<Setting<bool>>,
    pub invert_match: Option<Setting<bool>>,
}

#[derive(Debug, Clone)]
pub struct MatchRule {
    pub span: Span,
    pub prefix_match: Option<Setting<String>>,
    pub full_path_match: Option<Setting<String>>,
    pub path_template_match: Option<Setting<String>>,
    pub regex_match: Option<Setting<String>>,
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
    /// The load-balancing scheme and how lblint decided it; `None` when it cannot tell.
    pub scheme: Option<Scheme>,
}

/// What a backend's `group` is.
#[derive(Debug, Clone, PartialEq)]
pub enum BackendKind {
    /// A serverless network endpoint group of this module, by index in
    /// [`Model::network_endpoint_groups`].
    ServerlessNeg(usize),
    /// An instance group or a NEG that is not serverless (zonal, internet, private service
    /// connect...), by the resource type or the NEG's `network_endpoint_type`.
    NotServerless,
    /// Cannot be told: why, and where.
    Unknown(Unknown),
}

/// An attribute set in a block (not `null`), or a nested block, by name and span.
#[derive(Debug, Clone)]
pub struct SetAttr {
    pub name: String,
    pub span: Span,
    pub key_span: Span,
    /// The evaluated value of an attribute (never `null`: a `null` attribute is absent);
    /// `None` for a block.
    pub value: Option<Value>,
}

#[derive(Debug, Clone)]
pub struct Backend {
    pub span: Span,
    pub group: Option<Setting<Value>>,
    pub kind: BackendKind,
    /// The resource `group` names when this module does not declare it (a typo, say).
    pub undeclared_group: Option<Reference>,
    /// Every attribute of the block but `group` (balancing mode, capacity settings...).
    pub settings: Vec<SetAttr>,
}

#[derive(Debug, Clone)]
pub struct BackendService {
    pub address: String,
    pub regional: bool,
    pub span: Span,
    pub name_span: Span,
    pub timeout_sec: Option<Setting<f64>>,
    /// `timeout_sec` written but `null` (the default applies): the statement and, when an
    /// input set the null, where.
    pub timeout_sec_null: Option<(Span, Option<crate::eval::Origin>)>,
    pub custom_request_headers: Option<StringList>,
    pub custom_response_headers: Option<StringList>,
    pub load_balancing_scheme: Option<Setting<String>>,
    pub protocol: Option<Setting<String>>,
    /// `health_checks` when set to something other than `null` or `[]`.
    pub health_checks: Option<Setting<Value>>,
    /// `max_stream_duration` block.
    pub max_stream_duration: Option<Span>,
    pub backends: Vec<Backend>,
    pub backends_unknown: bool,
    /// Whether a backend is a serverless network endpoint group (Cloud Run, Cloud Functions,
    /// App Engine), where `timeout_sec` is not allowed and the platform's timeout governs.
    /// `None` when a backend group cannot be resolved.
    pub serverless: Option<bool>,
    /// The load-balancing scheme and how lblint decided it; `None` when it cannot tell.
    pub scheme: Option<Scheme>,
    /// The scheme the backend service itself sends to the API: its attribute, else the
    /// resource's or the provider's default (never the forwarding rule's). `None` when unknown.
    pub own_scheme: Option<Scheme>,
}

impl BackendService {
    /// The serverless NEGs among the backends, by index in [`Model::network_endpoint_groups`].
    pub fn serverless_negs(&self) -> impl Iterator<Item = usize> + '_ {
        self.backends.iter().filter_map(|b| match b.kind {
            BackendKind::ServerlessNeg(i) => Some(i),
            _ => None,
        })
    }
}

/// What a serverless NEG sends requests to.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerlessTarget {
    /// A Cloud Run service of this module, by index in [`Model::cloud_run_services`].
    CloudRun(usize),
    /// A Cloud Run service not in this module, a Cloud Function, an App Engine app or a URL
    /// mask: lblint cannot see its settings. Why.
    Unresolved(String),
}

#[derive(Debug, Clone)]
pub struct NetworkEndpointGroup {
    pub address: String,
    pub span: Span,
    pub regional: bool,
    pub network_endpoint_type: Option<Setting<String>>,
    /// `Some(true)` for a serverless NEG; `None` when the type is unknown.
    pub serverless: Option<bool>,
    /// For a serverless NEG: what it sends to.
    pub target: Option<ServerlessTarget>,
}

/// A `google_cloud_run_v2_service` or `google_cloud_run_service`.
#[derive(Debug, Clone)]
pub struct CloudRunService {
    pub address: String,
    pub span: Span,
    pub name_span: Span,
    /// `google_cloud_run_v2_service` (else the v1 `google_cloud_run_service`).
    pub v2: bool,
    pub name: Option<Setting<String>>,
    /// The request timeout in seconds: v2 `template.timeout` ("3600s"), v1
    /// `template.spec.timeout_seconds`. `None` when left at the default.
    pub timeout: Option<Setting<f64>>,
    /// v2 `template.session_affinity`, or the v1 `run.googleapis.com/sessionAffinity`
    /// annotation. `None` when not set.
    pub session_affinity: Option<Setting<bool>>,
    /// A container port named `h2c` (end-to-end HTTP/2): the `name` attribute's span.
    pub h2c_port: Option<Setting<String>>,
    /// Parts of the template lblint could not expand (`dynamic` blocks).
    pub partial: bool,
}

/// A target HTTP(S) proxy.
#[derive(Debug, Clone)]
pub struct TargetProxy {
    pub address: String,
    pub span: Span,
    pub regional: bool,
    pub https: bool,
    /// The url map it sends to, by index in [`Model::url_maps`].
    pub url_map: Option<usize>,
    pub url_map_ref: Option<ServiceRef>,
    pub http_keep_alive_timeout_sec: Option<Setting<f64>>,
}

/// A forwarding rule whose target is a target HTTP(S) proxy.
#[derive(Debug, Clone)]
pub struct ForwardingRule {
    pub address: String,
    pub span: Span,
    pub name_span: Span,
    pub regional: bool,
    pub load_balancing_scheme: Option<Setting<String>>,
    /// The proxy it sends to, by index in [`Model::target_proxies`].
    pub proxy: Option<usize>,
    /// The scheme: its own, or the provider default.
    pub scheme: Option<Scheme>,
}

/// The load-balancer model of one module.
#[derive(Debug, Default)]
pub struct Model {
    pub url_maps: Vec<UrlMap>,
    pub backend_services: Vec<BackendService>,
    pub network_endpoint_groups: Vec<NetworkEndpointGroup>,
    pub cloud_run_services: Vec<CloudRunService>,
    pub target_proxies: Vec<TargetProxy>,
    pub forwarding_rules: Vec<ForwardingRule>,
    /// What the google provider's version says about scheme defaults.
    pub provider_default: Option<ProviderDefault>,
    /// Addresses of every managed resource the module declares, for suggestions.
    pub declared: Vec<String>,
    /// Names the provider schema does not accept where they are written (TF004).
    pub unknown_fields: Vec<UnknownField>,
    /// Where evaluation stopped at one of lblint's limits (TF006).
    pub budget_hits: Vec<crate::eval::BudgetHit>,
    /// Module calls evaluation met, nested ones included; those not followed say why (TF007).
    pub module_calls: Vec<crate::eval::Call>,
}

impl UrlMap {
    /// Every route of this url map.
    pub fn routes(&self) -> Vec<Route<'_>> {
        route::routes_of(self)
    }

    /// The backend services this url map routes to, by index in [`Model::backend_services`],
    /// each once, in index order.
    pub fn backend_services(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .routes()
            .iter()
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
        self.url_maps.iter().flat_map(UrlMap::routes).collect()
    }

    /// The Cloud Run services behind a backend service's serverless NEGs; `None` when one of
    /// them cannot be resolved.
    pub fn cloud_run_of(&self, bs: &BackendService) -> Option<Vec<&CloudRunService>> {
        bs.serverless_negs()
            .map(|i| match self.network_endpoint_groups[i].target {
                Some(ServerlessTarget::CloudRun(c)) => Some(&self.cloud_run_services[c]),
                _ => None,
            })
            .collect()
    }
}
