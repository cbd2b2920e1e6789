//! The model: backend kinds, Cloud Run services behind serverless NEGs, and how each url map's
//! and backend service's load-balancing scheme is decided.

use lblint::eval::evaluate_module;
use lblint::model::{
    build, BackendKind, Model, SchemeKind, SchemeSource, ServerlessTarget, Target,
};
use lblint::syntax::{parse, SourceFile};
use std::path::PathBuf;

fn model_with(tf: &str, provider_version: Option<&str>) -> Model {
    let file = SourceFile::new(0, PathBuf::from("main.tf"), "main.tf".into(), tf.into());
    let body = parse(&file).expect("parses");
    build(&evaluate_module(&[&body], &[]), provider_version)
}

fn model(tf: &str) -> Model {
    model_with(tf, None)
}

/// A backend service `bs` with one backend whose group is `group`, plus `extra` declarations.
fn backend(group: &str, extra: &str) -> Model {
    model(&format!(
        r#"{extra}
resource "google_compute_backend_service" "bs" {{
  name = "bs"
  backend {{
    group = {group}
  }}
}}
"#
    ))
}

#[test]
fn backend_kinds_come_from_the_neg_type_or_the_resource_type() {
    let serverless_neg = r#"resource "google_compute_region_network_endpoint_group" "neg" {
  name   = "neg"
  region = "europe-west1"
}"#;
    let m = backend(
        "google_compute_region_network_endpoint_group.neg.id",
        serverless_neg,
    );
    assert_eq!(
        m.backend_services[0].backends[0].kind,
        BackendKind::ServerlessNeg(0)
    );
    assert_eq!(m.backend_services[0].serverless, Some(true));

    let psc = serverless_neg.replace(
        "name   = \"neg\"",
        "name = \"neg\"\n  network_endpoint_type = \"PRIVATE_SERVICE_CONNECT\"",
    );
    let m = backend("google_compute_region_network_endpoint_group.neg.id", &psc);
    assert_eq!(
        m.backend_services[0].backends[0].kind,
        BackendKind::NotServerless
    );
    assert_eq!(m.backend_services[0].serverless, Some(false));

    // Declared nowhere in this module: the type alone decides.
    for group in [
        "google_compute_instance_group_manager.api.instance_group",
        "google_compute_region_instance_group_manager.api.instance_group",
        "google_compute_instance_group.api.self_link",
        "google_compute_network_endpoint_group.api.id",
        "google_compute_global_network_endpoint_group.api.id",
        "\"projects/p/zones/europe-west1-b/instanceGroups/api\"",
    ] {
        let m = backend(group, "");
        assert_eq!(m.backend_services[0].serverless, Some(false), "{group}");
    }
    // A region NEG lblint cannot see, a variable, a data source: unknown.
    for group in [
        "google_compute_region_network_endpoint_group.api.id",
        "var.group",
        "data.google_compute_region_network_endpoint_group.api.id",
        "\"projects/p/regions/europe-west1/networkEndpointGroups/api\"",
    ] {
        let m = backend(group, "variable \"group\" {}");
        assert_eq!(m.backend_services[0].serverless, None, "{group}");
    }
}

#[test]
fn null_and_empty_health_checks_are_no_evidence() {
    for hc in ["null", "[]"] {
        let m = model(&format!(
            r#"resource "google_compute_backend_service" "bs" {{
  name          = "bs"
  health_checks = {hc}
  backend {{
    group = var.group
  }}
}}
variable "group" {{}}
"#
        ));
        assert_eq!(m.backend_services[0].serverless, None, "{hc}");
        assert!(m.backend_services[0].health_checks.is_none(), "{hc}");
    }
    // A backend service with no backend block has no serverless backend.
    let m = model(r#"resource "google_compute_backend_service" "bs" { name = "bs" }"#);
    assert_eq!(m.backend_services[0].serverless, Some(false));
}

#[test]
fn serverless_negs_lead_to_cloud_run_services_by_reference_or_name() {
    let tf = r#"
resource "google_cloud_run_v2_service" "chat" {
  name     = "chat"
  location = "europe-west1"
  template {
    timeout          = "900s"
    session_affinity = true
    containers {
      image = "chat"
      ports {
        name           = "h2c"
        container_port = 8080
      }
    }
  }
}
resource "google_cloud_run_service" "web" {
  name     = "web"
  location = "europe-west1"
  template {
    metadata {
      annotations = { "run.googleapis.com/sessionAffinity" = "false" }
    }
    spec {
      timeout_seconds = 120
    }
  }
}
resource "google_compute_region_network_endpoint_group" "by_ref" {
  name   = "a"
  region = "europe-west1"
  cloud_run {
    service = google_cloud_run_v2_service.chat.name
  }
}
resource "google_compute_region_network_endpoint_group" "by_name" {
  name   = "b"
  region = "europe-west1"
  cloud_run {
    service = "web"
  }
}
resource "google_compute_region_network_endpoint_group" "elsewhere" {
  name   = "c"
  region = "europe-west1"
  cloud_run {
    service = "billing"
  }
}
resource "google_compute_region_network_endpoint_group" "function" {
  name   = "d"
  region = "europe-west1"
  cloud_function {
    function = "f"
  }
}
"#;
    let m = model(tf);
    let targets: Vec<_> = m
        .network_endpoint_groups
        .iter()
        .map(|n| n.target.clone())
        .collect();
    assert_eq!(targets[0], Some(ServerlessTarget::CloudRun(0)));
    assert_eq!(targets[1], Some(ServerlessTarget::CloudRun(1)));
    assert_eq!(
        targets[2],
        Some(ServerlessTarget::Unresolved(
            "no Cloud Run service named `billing` in this module".into()
        ))
    );
    assert_eq!(
        targets[3],
        Some(ServerlessTarget::Unresolved(
            "`google_compute_region_network_endpoint_group.function` serves cloud_function".into()
        ))
    );
    let chat = &m.cloud_run_services[0];
    assert_eq!(chat.timeout.as_ref().and_then(|t| t.known()), Some(&900.0));
    assert_eq!(
        chat.session_affinity.as_ref().and_then(|t| t.known()),
        Some(&true)
    );
    assert!(chat.h2c_port.is_some());
    let web = &m.cloud_run_services[1];
    assert!(!web.v2);
    assert_eq!(web.timeout.as_ref().and_then(|t| t.known()), Some(&120.0));
    assert_eq!(
        web.session_affinity.as_ref().and_then(|t| t.known()),
        Some(&false)
    );
    assert!(web.h2c_port.is_none());
}

/// A url map `um` routing to backend service `bs`, behind an HTTPS proxy and a global
/// forwarding rule; `fr_scheme` and `bs_scheme` are extra lines in those resources.
fn lb(fr_scheme: &str, bs_scheme: &str, extra: &str) -> String {
    format!(
        r#"{extra}
resource "google_compute_backend_service" "bs" {{
  name = "bs"
  {bs_scheme}
}}
resource "google_compute_url_map" "um" {{
  name            = "um"
  default_service = google_compute_backend_service.bs.id
}}
resource "google_compute_target_https_proxy" "p" {{
  name    = "p"
  url_map = google_compute_url_map.um.id
}}
resource "google_compute_global_forwarding_rule" "fr" {{
  name   = "fr"
  target = google_compute_target_https_proxy.p.id
  {fr_scheme}
}}
"#
    )
}

fn requires(version: &str) -> String {
    format!(
        r#"terraform {{
  required_providers {{
    google = {{
      source  = "hashicorp/google"
      version = "{version}"
    }}
  }}
}}"#
    )
}

#[test]
fn schemes_come_from_attributes_then_the_forwarding_rule_then_the_provider_default() {
    // The forwarding rule's own scheme decides the url map and a backend service without one.
    let m = model(&lb("load_balancing_scheme = \"EXTERNAL_MANAGED\"", "", ""));
    let um = m.url_maps[0].scheme.as_ref().unwrap();
    assert_eq!(um.kind, SchemeKind::ExternalManaged);
    assert!(
        matches!(&um.source, SchemeSource::ForwardingRule { address, .. }
        if address == "google_compute_global_forwarding_rule.fr")
    );
    assert_eq!(
        m.backend_services[0].scheme.as_ref().unwrap().describe(),
        "the scheme `EXTERNAL_MANAGED` of forwarding rule `google_compute_global_forwarding_rule.fr`"
    );

    // The backend service's own attribute wins for itself.
    let m = model(&lb(
        "load_balancing_scheme = \"EXTERNAL_MANAGED\"",
        "load_balancing_scheme = \"EXTERNAL\"",
        "",
    ));
    let bs = m.backend_services[0].scheme.as_ref().unwrap();
    assert_eq!(bs.kind, SchemeKind::External);
    assert!(matches!(bs.source, SchemeSource::Attribute(_)));

    // Nothing set: the provider version the module requires decides.
    let m = model(&lb("", "", &requires("~> 6.0")));
    let um = m.url_maps[0].scheme.as_ref().unwrap();
    assert_eq!(um.kind, SchemeKind::External);
    assert!(um.from_provider_default());
    assert_eq!(
        um.describe(),
        "no `load_balancing_scheme`, so the default `EXTERNAL` of the google provider `~> 6.0` the module requires"
    );
    let m = model(&lb("", "", &requires(">= 8.0")));
    assert_eq!(
        m.url_maps[0].scheme.as_ref().unwrap().kind,
        SchemeKind::ExternalManaged
    );

    // A constraint that spans 7.x and 8.x does not decide; the config's version then does.
    let m = model(&lb("", "", &requires(">= 5.0")));
    assert!(m.url_maps[0].scheme.is_none());
    assert!(m.backend_services[0].scheme.is_none());
    let m = model_with(&lb("", "", &requires(">= 5.0")), Some("7.10.0"));
    let um = m.url_maps[0].scheme.as_ref().unwrap();
    assert_eq!(um.kind, SchemeKind::External);
    assert_eq!(
        um.describe(),
        "no `load_balancing_scheme`, so the default `EXTERNAL` of google provider 7.10.0 (`[platform] provider_version`)"
    );

    // Nothing at all: unknown.
    let m = model(&lb("", "", ""));
    assert!(m.url_maps[0].scheme.is_none());

    // No forwarding rule: the backend services' explicit scheme decides the url map.
    let tf = lb("", "load_balancing_scheme = \"EXTERNAL_MANAGED\"", "");
    let tf = &tf[..tf
        .find("resource \"google_compute_target_https_proxy\"")
        .unwrap()];
    let m = model(tf);
    let um = m.url_maps[0].scheme.as_ref().unwrap();
    assert_eq!(um.kind, SchemeKind::ExternalManaged);
    assert!(matches!(um.source, SchemeSource::BackendService { .. }));

    // Region backend services default to INTERNAL in every version.
    let m = model(r#"resource "google_compute_region_backend_service" "r" { name = "r" }"#);
    let r = m.backend_services[0].scheme.as_ref().unwrap();
    assert_eq!(r.kind, SchemeKind::Internal);
    assert_eq!(r.source, SchemeSource::ResourceDefault);
}

#[test]
fn url_map_walks_list_route_actions_and_applied_header_actions_with_their_place() {
    let m = model(
        r#"
resource "google_compute_url_map" "um" {
  name            = "um"
  default_service = "x"
  header_action {
    request_headers_to_remove = ["A"]
  }
  default_route_action {
    weighted_backend_services {
      backend_service = "x"
      weight          = 100
      header_action {
        request_headers_to_remove = ["B"]
      }
    }
  }
  path_matcher {
    name            = "api"
    default_service = "x"
    header_action {
      request_headers_to_remove = ["C"]
    }
    path_rule {
      paths = ["/a"]
      route_action {
        weighted_backend_services {
          backend_service = "x"
          weight          = 100
          header_action {
            request_headers_to_remove = ["D"]
          }
        }
      }
      header_action {
        request_headers_to_remove = ["misplaced"]
      }
    }
  }
  path_matcher {
    name            = "web"
    default_service = "x"
    default_route_action {
      timeout {
        seconds = 5
      }
    }
    route_rules {
      priority = 1
      header_action {
        request_headers_to_remove = ["E"]
      }
      route_action {
        weighted_backend_services {
          backend_service = "x"
          weight          = 100
          header_action {
            request_headers_to_remove = ["F"]
          }
        }
      }
    }
  }
}
"#,
    );
    let um = &m.url_maps[0];
    let places: Vec<(String, Option<&str>)> = um
        .route_actions()
        .iter()
        .map(|ra| {
            let matcher = ra.route.matcher.and_then(|pm| pm.name.as_ref()?.known());
            (ra.place().to_string(), matcher.map(String::as_str))
        })
        .collect();
    let expected = [
        ("default_route_action", None),
        ("path_rule.route_action", Some("api")),
        ("path_matcher.default_route_action", Some("web")),
        ("route_rules.route_action", Some("web")),
    ];
    let expected: Vec<(String, Option<&str>)> =
        expected.iter().map(|(p, m)| (p.to_string(), *m)).collect();
    assert_eq!(places, expected);

    let removed = |h: &lblint::model::PlacedHeaderAction| {
        let list = h.action.request_headers_to_remove.as_ref().unwrap();
        list.known().unwrap()[0].value.clone()
    };
    let headers: Vec<(String, String, &str)> = um
        .header_actions()
        .iter()
        .map(|h| (removed(h), h.path(), h.level()))
        .collect();
    let expected = [
        ("A", "header_action", "url map"),
        (
            "B",
            "default_route_action.weighted_backend_services.header_action",
            "weighted backend service",
        ),
        ("C", "path_matcher.header_action", "path matcher"),
        (
            "D",
            "path_rule.route_action.weighted_backend_services.header_action",
            "weighted backend service",
        ),
        ("E", "route_rules.header_action", "route rule"),
        (
            "F",
            "route_rules.route_action.weighted_backend_services.header_action",
            "weighted backend service",
        ),
    ];
    let expected: Vec<(String, String, &str)> = expected
        .iter()
        .map(|(n, p, l)| (n.to_string(), p.to_string(), *l))
        .collect();
    assert_eq!(headers, expected);

    // The misplaced one stays apart, with its own path.
    let misplaced: Vec<String> = um
        .misplaced_header_actions
        .iter()
        .map(|m| m.path())
        .collect();
    assert_eq!(misplaced, ["path_rule.header_action"]);

    // A route's header chain is the same placed actions, nearest first.
    let routes = m.routes();
    let rule = routes
        .iter()
        .find(|r| matches!(r.kind, lblint::model::RouteKind::RouteRule(_)))
        .unwrap();
    let backend = rule.backends()[0];
    let chain: Vec<String> = rule
        .header_chain(&backend)
        .iter()
        .map(|h| h.path())
        .collect();
    assert_eq!(
        chain,
        [
            "route_rules.route_action.weighted_backend_services.header_action",
            "route_rules.header_action",
            "header_action",
        ]
    );
}

/// Resources with `count` or `for_each` give one node per instance, addressed by key and
/// sharing the block's spans; references find the instance they name.
#[test]
fn nodes_are_built_per_instance_and_references_find_their_instance() {
    let m = model(
        r#"
variable "unset" {}
resource "google_compute_backend_service" "be" {
  for_each    = { api = 30, realtime = null }
  name        = "be-${each.key}"
  timeout_sec = each.value
}
resource "google_compute_backend_service" "one" {
  count       = 1
  name        = "one"
}
resource "google_compute_backend_service" "unk" {
  count       = var.unset
  name        = "unk-${count.index}"
}
resource "google_compute_backend_service" "none" {
  count       = 0
  name        = "none"
}
resource "google_compute_url_map" "um" {
  for_each        = toset(["a", "b"])
  name            = "um-${each.key}"
  default_service = google_compute_backend_service.be["api"].id
  path_matcher {
    name            = "m"
    default_service = google_compute_backend_service.be[each.key == "a" ? "api" : "realtime"].id
    path_rule {
      paths   = ["/one"]
      service = google_compute_backend_service.one.id
    }
    path_rule {
      paths   = ["/unk"]
      service = google_compute_backend_service.unk[3].id
    }
    path_rule {
      paths   = ["/none"]
      service = google_compute_backend_service.none[0].id
    }
    path_rule {
      paths   = ["/all"]
      service = google_compute_backend_service.be.id
    }
  }
}
resource "google_compute_target_http_proxy" "p" {
  for_each = google_compute_url_map.um
  name     = "p-${each.key}"
  url_map  = each.value.id
}
"#,
    );
    let addresses: Vec<&str> = m
        .backend_services
        .iter()
        .map(|b| b.address.as_str())
        .collect();
    assert_eq!(
        addresses,
        [
            "google_compute_backend_service.be[\"api\"]",
            "google_compute_backend_service.be[\"realtime\"]",
            "google_compute_backend_service.one[0]",
            "google_compute_backend_service.unk",
        ]
    );
    // Instances share the block's spans.
    assert_eq!(m.backend_services[0].span, m.backend_services[1].span);
    assert_eq!(
        m.backend_services[0].timeout_sec.as_ref().unwrap().known(),
        Some(&30.0)
    );
    assert!(m.backend_services[1].timeout_sec.is_none());
    // The model keeps every declared resource's address, without keys.
    assert!(m
        .declared
        .contains(&"google_compute_backend_service.be".to_string()));

    let um: Vec<&str> = m.url_maps.iter().map(|u| u.address.as_str()).collect();
    assert_eq!(
        um,
        [
            "google_compute_url_map.um[\"a\"]",
            "google_compute_url_map.um[\"b\"]"
        ]
    );
    let target = |u: usize, pm_default: bool, rule: usize| {
        let pm = &m.url_maps[u].path_matchers[0];
        if pm_default {
            pm.default_service.as_ref().unwrap().target.clone()
        } else {
            pm.path_rules[rule].service.as_ref().unwrap().target.clone()
        }
    };
    assert_eq!(target(0, true, 0), Target::BackendService(0));
    assert_eq!(target(1, true, 0), Target::BackendService(1));
    // The only instance of `count = 1`; the one node of unknown instances.
    assert_eq!(target(0, false, 0), Target::BackendService(2));
    assert_eq!(target(0, false, 1), Target::BackendService(3));
    assert!(matches!(target(0, false, 2), Target::Unknown(_)));
    // Several instances and no key: Terraform rejects it, lblint cannot tell which.
    match target(0, false, 3) {
        Target::Unknown(why) => assert!(
            why.reason
                .contains("has 2 instances and the reference names none"),
            "{}",
            why.reason
        ),
        other => panic!("{other:?}"),
    }
    // Proxies made from the url maps' instances: each finds its own.
    let proxies: Vec<(&str, Option<usize>)> = m
        .target_proxies
        .iter()
        .map(|p| (p.address.as_str(), p.url_map))
        .collect();
    assert_eq!(
        proxies,
        [
            ("google_compute_target_http_proxy.p[\"a\"]", Some(0)),
            ("google_compute_target_http_proxy.p[\"b\"]", Some(1)),
        ]
    );
}
