//! Builds the [`Model`] from a module's evaluated resources.

use super::*;
use crate::eval::{EAttr, EBlock, Module, Reference, Resource, Value};
use std::collections::{HashMap, HashSet};

const BACKEND_SERVICE_TYPES: [&str; 2] = [
    "google_compute_backend_service",
    "google_compute_region_backend_service",
];
const URL_MAP_TYPES: [&str; 2] = ["google_compute_url_map", "google_compute_region_url_map"];

/// Builds the model of one evaluated module.
pub fn build(module: &Module) -> Model {
    let managed: Vec<&Resource> = module
        .resources
        .iter()
        .filter(|r| r.mode == crate::eval::Mode::Managed && r.exists())
        .collect();
    let mut model = Model::default();
    let has_backend_services = managed
        .iter()
        .any(|r| BACKEND_SERVICE_TYPES.contains(&r.resource_type.as_str()));
    let mut index = Index::default();
    if has_backend_services {
        // Only backend groups are looked up among all resources.
        index.managed = managed.iter().map(|r| r.address()).collect();
    }
    for r in &managed {
        if r.resource_type.ends_with("network_endpoint_group") {
            index
                .negs
                .insert(r.address(), model.network_endpoint_groups.len());
            model.network_endpoint_groups.push(NetworkEndpointGroup {
                address: r.address(),
                span: r.span,
                network_endpoint_type: string_setting(r.body.attr("network_endpoint_type")),
            });
        }
    }
    for r in &managed {
        if BACKEND_SERVICE_TYPES.contains(&r.resource_type.as_str()) {
            let bs = backend_service(r, &model, &index);
            index
                .backend_services
                .insert(bs.address.clone(), model.backend_services.len());
            model.backend_services.push(bs);
        }
    }
    for r in &managed {
        if URL_MAP_TYPES.contains(&r.resource_type.as_str()) {
            let um = url_map(r, &index);
            model.url_maps.push(um);
        }
    }
    // Terraform checks every resource block against the schema, even one with no instance.
    for r in &module.resources {
        if r.mode == crate::eval::Mode::Managed {
            model
                .unknown_fields
                .extend(super::fields::unknown_fields(r));
        }
    }
    model
}

/// Lookups by address, so that building stays linear in the number of resources.
#[derive(Default)]
struct Index {
    managed: HashSet<String>,
    negs: HashMap<String, usize>,
    backend_services: HashMap<String, usize>,
}

fn setting<T>(attr: &EAttr, f: impl Fn(&Value) -> Option<T>, what: &str) -> Setting<T> {
    let value = match &attr.value {
        Value::Unknown(u) => Err(u.reason.clone()),
        v => f(v).ok_or_else(|| format!("`{}` is not a {what}", attr.name)),
    };
    Setting {
        span: attr.span,
        value_span: attr.value_span,
        value,
        verbatim: attr.verbatim,
    }
}

fn string_setting(attr: Option<&EAttr>) -> Option<Setting<String>> {
    attr.map(|a| {
        setting(
            a,
            |v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(_) | Value::Bool(_) => v.to_template_string().ok(),
                _ => None,
            },
            "string",
        )
    })
}

fn number_setting(attr: Option<&EAttr>) -> Option<Setting<f64>> {
    attr.map(|a| setting(a, Value::as_f64, "number"))
}

fn bool_setting(attr: Option<&EAttr>) -> Option<Setting<bool>> {
    attr.map(|a| setting(a, Value::as_bool, "bool"))
}

fn string_list(attr: Option<&EAttr>) -> Option<StringList> {
    attr.map(|a| {
        setting(
            a,
            |v| {
                let items = v.as_list()?;
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let (span, verbatim) = a.elem_span(i);
                        item.as_str().map(|s| ListItem {
                            value: s.to_string(),
                            span,
                            verbatim,
                        })
                    })
                    .collect()
            },
            "list of strings",
        )
    })
}

fn service_ref(attr: Option<&EAttr>, index: &Index) -> Option<ServiceRef> {
    let attr = attr?;
    let target = match &attr.value {
        Value::Ref(r) if BACKEND_SERVICE_TYPES.contains(&r.resource_type.as_str()) => {
            let address = r.address();
            match index.backend_services.get(&address) {
                Some(&i) => Target::BackendService(i),
                None => Target::Unknown(format!("`{address}` is not created")),
            }
        }
        Value::Ref(r) => Target::Other(r.address()),
        Value::Unknown(u) => Target::Unknown(u.reason.clone()),
        Value::String(s) => Target::Unknown(format!("`{s}` is not a resource of this module")),
        other => Target::Unknown(format!("a service cannot be a {}", other.type_name())),
    };
    Some(ServiceRef {
        span: attr.value_span,
        target,
    })
}

fn backend_service(r: &Resource, model: &Model, index: &Index) -> BackendService {
    let body = &r.body;
    let backends: Vec<Backend> = body
        .blocks("backend")
        .map(|b| Backend {
            span: b.span,
            group: b
                .body
                .attr("group")
                .map(|a| setting(a, |v| Some(v.clone()), "")),
        })
        .collect();
    let backends_unknown = body.has_unknown_blocks("backend");
    let mut serverless = Some(false);
    for b in &backends {
        let kind = match b.group.as_ref().map(|g| &g.value) {
            Some(Ok(Value::Ref(r))) => serverless_neg(r, model, index),
            _ => None,
        };
        serverless = match (serverless, kind) {
            (_, Some(true)) | (Some(true), _) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        };
    }
    if backends_unknown && serverless == Some(false) {
        serverless = None;
    }
    // GCP refuses health checks on backend services with serverless NEG backends, so a
    // backend service with `health_checks` serves no serverless NEG.
    if serverless.is_none() && body.attr("health_checks").is_some() {
        serverless = Some(false);
    }
    BackendService {
        address: r.address(),
        regional: r.resource_type.contains("region"),
        span: r.span,
        name_span: r.name_span,
        timeout_sec: number_setting(body.attr("timeout_sec")),
        custom_request_headers: string_list(body.attr("custom_request_headers")),
        custom_response_headers: string_list(body.attr("custom_response_headers")),
        load_balancing_scheme: string_setting(body.attr("load_balancing_scheme")),
        protocol: string_setting(body.attr("protocol")),
        backends,
        backends_unknown,
        serverless,
    }
}

/// Whether a backend group reference is a serverless NEG; `None` when it cannot be told.
fn serverless_neg(r: &Reference, model: &Model, index: &Index) -> Option<bool> {
    let address = r.address();
    if r.resource_type == "google_compute_region_network_endpoint_group" {
        let neg = &model.network_endpoint_groups[*index.negs.get(&address)?];
        // The provider's default network_endpoint_type for region NEGs is SERVERLESS.
        return match &neg.network_endpoint_type {
            None => Some(true),
            Some(s) => s.known().map(|t| t.eq_ignore_ascii_case("SERVERLESS")),
        };
    }
    // Any other resource of this module (instance groups, zonal or internet NEGs).
    index.managed.contains(&address).then_some(false)
}

fn header_to_add(block: &EBlock, name_attr: &str, value_attr: &str) -> HeaderToAdd {
    HeaderToAdd {
        span: block.span,
        name: string_setting(block.body.attr(name_attr)).unwrap_or(Setting {
            span: block.span,
            value_span: block.span,
            value: Err(format!("no `{name_attr}`")),
            verbatim: false,
        }),
        value: string_setting(block.body.attr(value_attr)),
        replace: bool_setting(block.body.attr("replace")),
    }
}

pub(super) fn header_action(block: &EBlock) -> HeaderAction {
    let body = &block.body;
    HeaderAction {
        span: block.span,
        ident_span: block.ident_span,
        request_headers_to_add: body
            .blocks("request_headers_to_add")
            .map(|b| header_to_add(b, "header_name", "header_value"))
            .collect(),
        request_headers_to_remove: string_list(body.attr("request_headers_to_remove")),
        response_headers_to_add: body
            .blocks("response_headers_to_add")
            .map(|b| header_to_add(b, "header_name", "header_value"))
            .collect(),
        partial: body.has_unknown_blocks("request_headers_to_add")
            || body.has_unknown_blocks("response_headers_to_add"),
    }
}

struct Ctx<'m> {
    index: &'m Index,
}

impl Ctx<'_> {
    fn route_action(&mut self, block: Option<&EBlock>) -> Option<RouteAction> {
        let block = block?;
        let body = &block.body;
        let timeout = body.block("timeout").map(|t| {
            let secs = t.body.attr("seconds").map(|a| &a.value);
            let nanos = t.body.attr("nanos").map(|a| &a.value);
            let seconds = match (secs, nanos) {
                (Some(Value::Unknown(u)), _) | (_, Some(Value::Unknown(u))) => {
                    Err(u.reason.clone())
                }
                (s, n) => {
                    let s = s.map(Value::as_f64).unwrap_or(Some(0.0));
                    let n = n.map(Value::as_f64).unwrap_or(Some(0.0));
                    match (s, n) {
                        (Some(s), Some(n)) => Ok(s + n / 1e9),
                        _ => Err("`timeout` is not a number".to_string()),
                    }
                }
            };
            Timeout {
                span: t.span,
                seconds,
            }
        });
        Some(RouteAction {
            span: block.span,
            timeout,
            timeout_unknown: body.has_unknown_blocks("timeout"),
            weighted_backend_services: body
                .blocks("weighted_backend_services")
                .map(|w| WeightedBackend {
                    span: w.span,
                    backend: service_ref(w.body.attr("backend_service"), self.index),
                    header_action: w.body.block("header_action").map(header_action),
                    partial_header_action: w.body.has_unknown_blocks("header_action"),
                })
                .collect(),
            weighted_unknown: body.has_unknown_blocks("weighted_backend_services"),
        })
    }

    fn path_matcher(&mut self, block: &EBlock) -> PathMatcher {
        let body = &block.body;
        let path_rules = body
            .blocks("path_rule")
            .map(|pr| PathRule {
                span: pr.span,
                paths: string_list(pr.body.attr("paths")),
                service: service_ref(pr.body.attr("service"), self.index),
                route_action: self.route_action(pr.body.block("route_action")),
            })
            .collect();
        let route_rules = body
            .blocks("route_rules")
            .map(|rr| RouteRule {
                span: rr.span,
                ident_span: rr.ident_span,
                priority: number_setting(rr.body.attr("priority")),
                service: service_ref(rr.body.attr("service"), self.index),
                match_rules: rr.body.blocks("match_rules").map(match_rule).collect(),
                match_rules_unknown: rr.body.has_unknown_blocks("match_rules"),
                route_action: self.route_action(rr.body.block("route_action")),
                header_action: rr.body.block("header_action").map(header_action),
                header_action_unknown: rr.body.has_unknown_blocks("header_action"),
            })
            .collect();
        PathMatcher {
            span: block.span,
            name: string_setting(body.attr("name")),
            default_service: service_ref(body.attr("default_service"), self.index),
            default_route_action: self.route_action(body.block("default_route_action")),
            header_action: body.block("header_action").map(header_action),
            header_action_unknown: body.has_unknown_blocks("header_action"),
            path_rules,
            route_rules,
            rules_unknown: body.has_unknown_blocks("path_rule")
                || body.has_unknown_blocks("route_rules"),
        }
    }
}

fn match_rule(block: &EBlock) -> MatchRule {
    let body = &block.body;
    MatchRule {
        span: block.span,
        prefix_match: string_setting(body.attr("prefix_match")),
        full_path_match: string_setting(body.attr("full_path_match")),
        path_template_match: string_setting(body.attr("path_template_match")),
        header_matches: body
            .blocks("header_matches")
            .map(|h| HeaderMatch {
                span: h.span,
                header_name: string_setting(h.body.attr("header_name")),
                exact_match: string_setting(h.body.attr("exact_match")),
                prefix_match: string_setting(h.body.attr("prefix_match")),
                regex_match: string_setting(h.body.attr("regex_match")),
                present_match: bool_setting(h.body.attr("present_match")),
                invert_match: bool_setting(h.body.attr("invert_match")),
            })
            .collect(),
    }
}

fn url_map(r: &Resource, index: &Index) -> UrlMap {
    let body = &r.body;
    let mut ctx = Ctx { index };
    let default_route_action = ctx.route_action(body.block("default_route_action"));
    let host_rules = body
        .blocks("host_rule")
        .map(|h| HostRule {
            span: h.span,
            hosts: string_list(h.body.attr("hosts")),
            path_matcher: string_setting(h.body.attr("path_matcher")),
        })
        .collect();
    let path_matchers = body
        .blocks("path_matcher")
        .map(|pm| ctx.path_matcher(pm))
        .collect();
    UrlMap {
        address: r.address(),
        regional: r.resource_type.contains("region"),
        span: r.span,
        name_span: r.name_span,
        default_service: service_ref(body.attr("default_service"), index),
        default_route_action,
        header_action: body.block("header_action").map(header_action),
        header_action_unknown: body.has_unknown_blocks("header_action"),
        host_rules,
        path_matchers,
        // Where the provider schema has no `header_action` (LB001).
        misplaced_header_actions: super::fields::misplaced_header_actions(r),
    }
}
