//! Builds the [`Model`] from a module's evaluated resources.

use super::*;
use crate::eval::{
    Cause, EAttr, EBlock, EBody, InstanceKey, Instances, Module, Resource, Unknown, Value,
};
use std::collections::HashMap;

const BACKEND_SERVICE_TYPES: [&str; 2] = [
    "google_compute_backend_service",
    "google_compute_region_backend_service",
];
const URL_MAP_TYPES: [&str; 2] = ["google_compute_url_map", "google_compute_region_url_map"];

/// Resource types whose instances are never serverless backends: instance groups, zonal
/// NEGs (GCE_VM_IP_PORT and the like) and global (internet) NEGs. The type in a reference
/// decides, even when lblint cannot see the resource's block.
const NEVER_SERVERLESS_TYPES: [&str; 5] = [
    "google_compute_instance_group",
    "google_compute_instance_group_manager",
    "google_compute_region_instance_group_manager",
    "google_compute_network_endpoint_group",
    "google_compute_global_network_endpoint_group",
];
const REGION_NEG_TYPE: &str = "google_compute_region_network_endpoint_group";
const CLOUD_RUN_TYPES: [&str; 2] = ["google_cloud_run_v2_service", "google_cloud_run_service"];
const PROXY_TYPES: [&str; 4] = [
    "google_compute_target_http_proxy",
    "google_compute_target_https_proxy",
    "google_compute_region_target_http_proxy",
    "google_compute_region_target_https_proxy",
];
const FORWARDING_RULE_TYPES: [&str; 2] = [
    "google_compute_global_forwarding_rule",
    "google_compute_forwarding_rule",
];

/// Builds the model of one evaluated module. `provider_version` is the config's
/// `[platform] provider_version`, used when the module's `required_providers` does not decide.
pub fn build(module: &Module, provider_version: Option<&str>) -> Model {
    let managed: Vec<&Resource> = module
        .resources
        .iter()
        .filter(|r| r.mode == crate::eval::Mode::Managed && r.exists())
        .collect();
    let mut model = Model {
        provider_default: scheme::provider_default(&module.providers, provider_version),
        declared: managed.iter().map(|r| r.address()).collect(),
        budget_hits: module.budget_hits.clone(),
        module_calls: module.calls.clone(),
        ..Model::default()
    };
    let mut index = Index {
        resources: managed.iter().map(|r| (r.address(), *r)).collect(),
        ..Index::default()
    };
    // One node per instance; a resource whose instances are not known has one node that
    // stands for all of them (what differs per instance is unknown in it).
    let instances: Vec<Inst> = managed.iter().flat_map(|r| Inst::all(r)).collect();
    for r in &instances {
        if CLOUD_RUN_TYPES.contains(&r.resource_type.as_str()) {
            index
                .cloud_run
                .insert(r.address(), model.cloud_run_services.len());
            model.cloud_run_services.push(cloud_run_service(r));
        }
    }
    for r in &instances {
        if r.resource_type.ends_with("network_endpoint_group") {
            index
                .negs
                .insert(r.address(), model.network_endpoint_groups.len());
            let neg = network_endpoint_group(r, &model, &index);
            model.network_endpoint_groups.push(neg);
        }
    }
    for r in &instances {
        if BACKEND_SERVICE_TYPES.contains(&r.resource_type.as_str()) {
            let bs = backend_service(r, &model, &index);
            index
                .backend_services
                .insert(bs.address.clone(), model.backend_services.len());
            model.backend_services.push(bs);
        }
    }
    for r in &instances {
        if URL_MAP_TYPES.contains(&r.resource_type.as_str()) {
            let um = url_map(r, &index);
            index
                .url_maps
                .insert(um.address.clone(), model.url_maps.len());
            model.url_maps.push(um);
        }
    }
    for r in &instances {
        if PROXY_TYPES.contains(&r.resource_type.as_str()) {
            let url_map_ref = r.body.attr("url_map").map(|a| ServiceRef {
                span: a.value_span,
                target: target_of(
                    &a.value,
                    a.value_span,
                    &index,
                    &index.url_maps,
                    &URL_MAP_TYPES,
                    Target::UrlMap,
                ),
            });
            index
                .proxies
                .insert(r.address(), model.target_proxies.len());
            model.target_proxies.push(TargetProxy {
                address: r.address(),
                span: r.span,
                regional: is_regional(&r.resource_type),
                https: r.resource_type.ends_with("https_proxy"),
                url_map: url_map_ref.as_ref().and_then(|u| match u.target {
                    Target::UrlMap(i) => Some(i),
                    _ => None,
                }),
                url_map_ref,
                http_keep_alive_timeout_sec: number_setting(
                    r.body.attr("http_keep_alive_timeout_sec"),
                ),
            });
        }
    }
    for r in &instances {
        if FORWARDING_RULE_TYPES.contains(&r.resource_type.as_str()) {
            let proxy = match r.body.attr("target").map(|a| &a.value) {
                Some(Value::Ref(t)) => index.find(&index.proxies, t).ok(),
                _ => None,
            };
            // Forwarding rules to anything but an HTTP(S) proxy (passthrough load balancers,
            // PSC) are not part of the model.
            let Some(proxy) = proxy else { continue };
            model.forwarding_rules.push(ForwardingRule {
                address: r.address(),
                span: r.span,
                name_span: r.name_span,
                regional: r.resource_type == "google_compute_forwarding_rule",
                load_balancing_scheme: string_setting(r.body.attr("load_balancing_scheme")),
                proxy: Some(proxy),
                scheme: None,
            });
        }
    }
    scheme::infer(&mut model);
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

fn is_regional(resource_type: &str) -> bool {
    resource_type.starts_with("google_compute_region_")
}

/// One instance of a managed resource: what a model node is built from. Instances share
/// the resource's spans; the address names the instance (`type.name["key"]`).
struct Inst<'r> {
    resource: &'r Resource,
    key: Option<&'r InstanceKey>,
    resource_type: String,
    span: Span,
    name_span: Span,
    body: &'r EBody,
}

impl<'r> Inst<'r> {
    fn all(r: &'r Resource) -> Vec<Inst<'r>> {
        r.instance_bodies()
            .into_iter()
            .map(|(key, body)| Inst {
                resource: r,
                key,
                resource_type: r.resource_type.clone(),
                span: r.span,
                name_span: r.name_span,
                body,
            })
            .collect()
    }

    fn address(&self) -> String {
        self.resource.instance_address(self.key)
    }
}

/// Lookups by address, so that building stays linear in the number of resources.
#[derive(Default)]
struct Index<'m> {
    /// Managed resources that exist, by address without instance key.
    resources: HashMap<String, &'m Resource>,
    cloud_run: HashMap<String, usize>,
    negs: HashMap<String, usize>,
    backend_services: HashMap<String, usize>,
    url_maps: HashMap<String, usize>,
    proxies: HashMap<String, usize>,
}

impl Index<'_> {
    /// The node (in `by_address`, keyed by instance address) a reference names: the instance
    /// its key names; without key, a resource's only instance, or the one node of a resource
    /// whose instances are unknown. `Err` says why there is none.
    fn find(&self, by_address: &HashMap<String, usize>, r: &Reference) -> Result<usize, String> {
        let address = r.address();
        let Some(resource) = self.resources.get(&address) else {
            return Err(format!("`{address}` is not created"));
        };
        let node = match (&resource.instances, &r.key) {
            (Instances::Unknown(_), _) | (Instances::Single, None) => address,
            (Instances::Known(_), Some(k)) => resource.instance_address(Some(k)),
            (Instances::Known(_), None) => match resource.expanded.as_slice() {
                [only] => resource.instance_address(Some(&only.key)),
                all => {
                    return Err(format!(
                        "`{address}` has {} instances and the reference names none of them",
                        all.len()
                    ))
                }
            },
            (Instances::Single, Some(k)) => {
                return Err(format!("`{address}` has no instance {k}"));
            }
        };
        by_address
            .get(&node)
            .copied()
            .ok_or_else(|| format!("`{node}` is not created"))
    }
}

fn setting<T>(attr: &EAttr, f: impl Fn(&Value) -> Option<T>, what: &str) -> Setting<T> {
    let value = match &attr.value {
        Value::Unknown(u) => Err(u.clone().placed(attr.value_span)),
        v => f(v).ok_or_else(|| {
            Unknown::at(attr.value_span, format!("`{}` is not a {what}", attr.name))
        }),
    };
    Setting {
        span: attr.span,
        value_span: attr.value_span,
        value,
        verbatim: attr.verbatim,
        origin: attr.origin.clone(),
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

/// Where a reference to one of `types` points, given the resources of those types by address;
/// `found` makes the target of a resource found at an index.
fn target_of(
    value: &Value,
    at: Span,
    index: &Index,
    by_address: &HashMap<String, usize>,
    types: &[&str],
    found: fn(usize) -> Target,
) -> Target {
    match value {
        Value::Ref(r) if types.contains(&r.resource_type.as_str()) => {
            match index.find(by_address, r) {
                Ok(i) => found(i),
                Err(why) => Target::Unknown(Unknown::at(at, why)),
            }
        }
        Value::Ref(r) => Target::Other(r.instance_address()),
        Value::Unknown(u) => match &u.cause {
            Cause::Undeclared(r) => Target::Undeclared((**r).clone()),
            _ => Target::Unknown(u.clone().placed(at)),
        },
        Value::String(s) => Target::Unknown(Unknown::at(
            at,
            format!("`{s}` is not a resource of this module"),
        )),
        other => Target::Unknown(Unknown::at(
            at,
            format!("a service cannot be a {}", other.type_name()),
        )),
    }
}

fn service_ref(attr: Option<&EAttr>, index: &Index) -> Option<ServiceRef> {
    let attr = attr?;
    Some(ServiceRef {
        span: attr.value_span,
        target: target_of(
            &attr.value,
            attr.value_span,
            index,
            &index.backend_services,
            &BACKEND_SERVICE_TYPES,
            Target::BackendService,
        ),
    })
}

/// A value that names at least one health check: a non-empty list, a reference or a string.
fn names_something(v: &Value) -> bool {
    match v {
        Value::List(items) => !items.is_empty(),
        Value::Ref(_) => true,
        Value::String(s) => !s.is_empty(),
        _ => false,
    }
}

fn backend_service(r: &Inst, model: &Model, index: &Index) -> BackendService {
    let body = &r.body;
    let backends: Vec<Backend> = body
        .blocks("backend")
        .map(|b| {
            let group = b
                .body
                .attr("group")
                .map(|a| setting(a, |v| Some(v.clone()), ""));
            let kind = match &group {
                None => BackendKind::Unknown(Unknown::at(b.span, "the backend has no `group`")),
                Some(g) => match &g.value {
                    Ok(v) => backend_kind(v, g.value_span, model, index),
                    Err(u) => backend_kind(&Value::Unknown(u.clone()), g.value_span, model, index),
                },
            };
            let undeclared_group = match b.body.attr("group").map(|a| &a.value) {
                Some(Value::Unknown(u)) => match &u.cause {
                    Cause::Undeclared(r) => Some((**r).clone()),
                    _ => None,
                },
                _ => None,
            };
            Backend {
                span: b.span,
                group,
                kind,
                undeclared_group,
                settings: b
                    .body
                    .attrs
                    .iter()
                    .filter(|a| a.name != "group" && a.value != Value::Null)
                    .map(|a| SetAttr {
                        name: a.name.clone(),
                        span: a.span,
                        key_span: a.key_span,
                        value: Some(a.value.clone()),
                    })
                    .collect(),
            }
        })
        .collect();
    let backends_unknown = body.has_unknown_blocks("backend");
    // Serverless when any backend is a serverless NEG (GCP does not mix them); not serverless
    // when every backend is known not to be (or there is none).
    let mut serverless = Some(false);
    for b in &backends {
        serverless = match (serverless, &b.kind) {
            (_, BackendKind::ServerlessNeg(_)) | (Some(true), _) => Some(true),
            (Some(false), BackendKind::NotServerless) => Some(false),
            _ => None,
        };
    }
    if backends_unknown && serverless == Some(false) {
        serverless = None;
    }
    let health_checks = body
        .attr("health_checks")
        .filter(|a| !matches!(&a.value, Value::List(items) if items.is_empty()))
        .map(|a| setting(a, |v| Some(v.clone()), ""));
    // GCP refuses health checks on backend services with serverless NEG backends, so a
    // backend service that names a health check serves no serverless NEG.
    if serverless.is_none()
        && health_checks
            .as_ref()
            .and_then(|h| h.known())
            .is_some_and(names_something)
    {
        serverless = Some(false);
    }
    BackendService {
        address: r.address(),
        regional: is_regional(&r.resource_type),
        span: r.span,
        name_span: r.name_span,
        timeout_sec: number_setting(body.attr("timeout_sec")),
        timeout_sec_null: body
            .attrs
            .iter()
            .find(|a| a.name == "timeout_sec" && a.value == Value::Null)
            .map(|a| (a.span, a.origin.clone())),
        custom_request_headers: string_list(body.attr("custom_request_headers")),
        custom_response_headers: string_list(body.attr("custom_response_headers")),
        load_balancing_scheme: string_setting(body.attr("load_balancing_scheme")),
        protocol: string_setting(body.attr("protocol")),
        health_checks,
        max_stream_duration: body.block("max_stream_duration").map(|b| b.span),
        backends,
        backends_unknown,
        serverless,
        scheme: None,
        own_scheme: None,
    }
}

/// What a backend `group` value is.
fn backend_kind(v: &Value, at: Span, model: &Model, index: &Index) -> BackendKind {
    let unknown = |reason: String| BackendKind::Unknown(Unknown::at(at, reason));
    let r = match v {
        Value::Ref(r) => r,
        Value::Unknown(u) => match &u.cause {
            // A reference to a resource the module does not declare: its type still says
            // what it is.
            Cause::Undeclared(r) if NEVER_SERVERLESS_TYPES.contains(&r.resource_type.as_str()) => {
                return BackendKind::NotServerless
            }
            _ => return BackendKind::Unknown(u.clone().placed(at)),
        },
        // A self link: instance groups, zonal and global NEGs are never serverless.
        Value::String(s) => {
            let zonal_or_global_neg = s.contains("/networkEndpointGroups/")
                && (s.contains("/zones/") || s.contains("/global/"));
            return if s.contains("/instanceGroups/") || zonal_or_global_neg {
                BackendKind::NotServerless
            } else {
                unknown(format!("`{s}` is not a resource of this module"))
            };
        }
        other => return unknown(format!("`group` is a {}", other.type_name())),
    };
    if NEVER_SERVERLESS_TYPES.contains(&r.resource_type.as_str()) {
        return BackendKind::NotServerless;
    }
    match index.find(&index.negs, r).ok() {
        Some(i) => match model.network_endpoint_groups[i].serverless {
            Some(true) => BackendKind::ServerlessNeg(i),
            Some(false) => BackendKind::NotServerless,
            None => BackendKind::Unknown(
                model.network_endpoint_groups[i]
                    .network_endpoint_type
                    .as_ref()
                    .and_then(|t| t.value.as_ref().err().cloned())
                    .unwrap_or_else(|| {
                        Unknown::at(
                            at,
                            format!(
                                "the `network_endpoint_type` of `{}` is not known",
                                r.address()
                            ),
                        )
                    }),
            ),
        },
        None => unknown(format!(
            "`{}` is not a network endpoint group or instance group of this module",
            r.address()
        )),
    }
}

fn network_endpoint_group(r: &Inst, model: &Model, index: &Index) -> NetworkEndpointGroup {
    let regional = r.resource_type == REGION_NEG_TYPE;
    let network_endpoint_type = string_setting(r.body.attr("network_endpoint_type"));
    let serverless = match &network_endpoint_type {
        // The provider's default network_endpoint_type for region NEGs is SERVERLESS.
        None => Some(regional),
        Some(s) => s.known().map(|t| t.eq_ignore_ascii_case("SERVERLESS")),
    };
    let target = (serverless == Some(true)).then(|| serverless_target(r, model, index));
    NetworkEndpointGroup {
        address: r.address(),
        span: r.span,
        regional,
        network_endpoint_type,
        serverless,
        target,
    }
}

/// What a serverless NEG sends to: a Cloud Run service of this module, by reference or name.
fn serverless_target(r: &Inst, model: &Model, index: &Index) -> ServerlessTarget {
    let Some(cloud_run) = r.body.block("cloud_run") else {
        let what = ["cloud_function", "app_engine", "serverless_deployment"]
            .into_iter()
            .find(|b| r.body.block(b).is_some())
            .unwrap_or("no `cloud_run`");
        return ServerlessTarget::Unresolved(format!("`{}` serves {what}", r.address()));
    };
    let unresolved = |why: String| ServerlessTarget::Unresolved(why);
    match cloud_run.body.attr("service").map(|a| &a.value) {
        Some(Value::Ref(s)) => match index.find(&index.cloud_run, s) {
            Ok(i) => ServerlessTarget::CloudRun(i),
            Err(_) if !CLOUD_RUN_TYPES.contains(&s.resource_type.as_str()) => unresolved(format!(
                "`{}` is not a Cloud Run service of this module",
                s.instance_address()
            )),
            Err(why) => unresolved(why),
        },
        Some(Value::String(name)) => model
            .cloud_run_services
            .iter()
            .position(|c| c.name.as_ref().and_then(|n| n.known()) == Some(name))
            .map(ServerlessTarget::CloudRun)
            .unwrap_or_else(|| {
                unresolved(format!(
                    "no Cloud Run service named `{name}` in this module"
                ))
            }),
        Some(Value::Unknown(u)) => unresolved(u.reason.clone()),
        Some(other) => unresolved(format!("`cloud_run.service` is a {}", other.type_name())),
        None => unresolved("`cloud_run` names no `service` (a URL mask)".to_string()),
    }
}

/// Parses a duration such as `"3600s"` or `"1.5s"` into seconds.
fn duration_seconds(v: &Value) -> Option<f64> {
    let s = v.as_str()?.trim();
    s.strip_suffix('s')?
        .parse()
        .ok()
        .filter(|n: &f64| n.is_finite())
}

fn cloud_run_service(r: &Inst) -> CloudRunService {
    let v2 = r.resource_type == "google_cloud_run_v2_service";
    let template = r.body.block("template");
    let t = template.map(|t| &t.body);
    let mut partial = r.body.has_unknown_blocks("template");
    let (timeout, session_affinity, containers) = if v2 {
        let timeout = t
            .and_then(|t| t.attr("timeout"))
            .map(|a| setting(a, duration_seconds, "duration such as \"3600s\""));
        let affinity = bool_setting(t.and_then(|t| t.attr("session_affinity")));
        (
            timeout,
            affinity,
            t.map(|t| t.blocks("containers").collect::<Vec<_>>()),
        )
    } else {
        let spec = t.and_then(|t| t.block("spec")).map(|s| &s.body);
        partial |=
            t.is_some_and(|t| t.has_unknown_blocks("spec") || t.has_unknown_blocks("metadata"));
        let timeout = number_setting(spec.and_then(|s| s.attr("timeout_seconds")));
        let affinity = t
            .and_then(|t| t.block("metadata"))
            .and_then(|m| m.body.attr("annotations"))
            .and_then(|a| {
                let value = match &a.value {
                    Value::Object(map) => map.get("run.googleapis.com/sessionAffinity")?.clone(),
                    Value::Unknown(u) => Value::Unknown(u.clone()),
                    _ => return None,
                };
                Some(Setting {
                    span: a.span,
                    value_span: a.value_span,
                    value: match value {
                        Value::Unknown(u) => Err(u.placed(a.value_span)),
                        v => v.as_bool().ok_or_else(|| {
                            Unknown::at(a.value_span, "the annotation is not a bool")
                        }),
                    },
                    verbatim: false,
                    origin: a.origin.clone(),
                })
            });
        (
            timeout,
            affinity,
            spec.map(|s| s.blocks("containers").collect::<Vec<_>>()),
        )
    };
    let mut h2c_port = None;
    for c in containers.into_iter().flatten() {
        partial |= c.body.has_unknown_blocks("ports");
        for p in c.body.blocks("ports") {
            if let Some(name) = string_setting(p.body.attr("name")) {
                if name.known().is_some_and(|n| n == "h2c") {
                    h2c_port.get_or_insert(name);
                }
            }
        }
    }
    CloudRunService {
        address: r.address(),
        span: r.span,
        name_span: r.name_span,
        v2,
        name: string_setting(r.body.attr("name")),
        timeout,
        session_affinity,
        h2c_port,
        partial,
    }
}

fn header_to_add(block: &EBlock, name_attr: &str, value_attr: &str) -> HeaderToAdd {
    HeaderToAdd {
        span: block.span,
        name: string_setting(block.body.attr(name_attr)).unwrap_or(Setting {
            span: block.span,
            value_span: block.span,
            value: Err(Unknown::at(block.span, format!("no `{name_attr}`"))),
            verbatim: false,
            origin: None,
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

/// The fields of a route action besides `timeout` and `weighted_backend_services`.
const ROUTE_ACTION_FIELDS: [&str; 6] = [
    "retry_policy",
    "cors_policy",
    "fault_injection_policy",
    "request_mirror_policy",
    "url_rewrite",
    "max_stream_duration",
];

/// The blocks and (non-null) attributes of `body` named in `names`, in source order.
fn set_fields(body: &EBody, names: &[&str]) -> Vec<SetAttr> {
    let mut out: Vec<SetAttr> = body
        .blocks
        .iter()
        .filter(|b| names.contains(&b.ident.as_str()))
        .map(|b| SetAttr {
            name: b.ident.clone(),
            span: b.span,
            key_span: b.ident_span,
            value: None,
        })
        .chain(
            body.attrs
                .iter()
                .filter(|a| names.contains(&a.name.as_str()) && a.value != Value::Null)
                .map(|a| SetAttr {
                    name: a.name.clone(),
                    span: a.span,
                    key_span: a.key_span,
                    value: Some(a.value.clone()),
                }),
        )
        .collect();
    out.sort_by_key(|f| f.span);
    out
}

struct Ctx<'m> {
    index: &'m Index<'m>,
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
                    Err(u.clone().placed(t.span))
                }
                (s, n) => {
                    let s = s.map(Value::as_f64).unwrap_or(Some(0.0));
                    let n = n.map(Value::as_f64).unwrap_or(Some(0.0));
                    match (s, n) {
                        (Some(s), Some(n)) => Ok(s + n / 1e9),
                        _ => Err(Unknown::at(t.span, "`timeout` is not a number")),
                    }
                }
            };
            Timeout {
                span: t.span,
                seconds,
                origin: t.body.attr("seconds").and_then(|a| a.origin.clone()),
            }
        });
        Some(RouteAction {
            span: block.span,
            timeout,
            timeout_unknown: body.unknown_blocks_of("timeout").cloned(),
            weighted_backend_services: body
                .blocks("weighted_backend_services")
                .map(|w| WeightedBackend {
                    span: w.span,
                    backend: service_ref(w.body.attr("backend_service"), self.index),
                    header_action: w.body.block("header_action").map(header_action),
                    partial_header_action: w.body.has_unknown_blocks("header_action"),
                })
                .collect(),
            weighted_unknown: body.unknown_blocks_of("weighted_backend_services").cloned(),
            fields: set_fields(body, &ROUTE_ACTION_FIELDS),
        })
    }

    fn path_matcher(&mut self, block: &EBlock) -> PathMatcher {
        let body = &block.body;
        let path_rules = body
            .blocks("path_rule")
            .map(|pr| PathRule {
                span: pr.span,
                ident_span: pr.ident_span,
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
        regex_match: string_setting(body.attr("regex_match")),
        header_matches: body
            .blocks("header_matches")
            .map(|h| HeaderMatch {
                span: h.span,
                header_name: string_setting(h.body.attr("header_name")),
                exact_match: string_setting(h.body.attr("exact_match")),
                prefix_match: string_setting(h.body.attr("prefix_match")),
                regex_match: string_setting(h.body.attr("regex_match")),
                range_match: h.body.block("range_match").map(|b| b.span),
                present_match: bool_setting(h.body.attr("present_match")),
                invert_match: bool_setting(h.body.attr("invert_match")),
            })
            .collect(),
    }
}

fn url_map(r: &Inst, index: &Index) -> UrlMap {
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
        regional: is_regional(&r.resource_type),
        span: r.span,
        name_span: r.name_span,
        default_service: service_ref(body.attr("default_service"), index),
        default_route_action,
        header_action: body.block("header_action").map(header_action),
        header_action_unknown: body.has_unknown_blocks("header_action"),
        host_rules,
        path_matchers,
        // Where the provider schema has no `header_action` (LB001).
        misplaced_header_actions: super::fields::misplaced_header_actions(&r.resource_type, r.body),
        scheme: None,
    }
}
