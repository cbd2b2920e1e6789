//! Whole configurations under `fixtures/scenarios/`: real shapes of trouble and their fixes.

mod common;
use common::*;

/// Staging at the time of the WebSocket outage: serverless NEG backends with `timeout_sec`,
/// hop-by-hop custom headers, a `/ws` path rule, Cloud Run deployed elsewhere.
#[test]
fn serverless_outage_reports_refused_timeouts_and_hop_by_hop_headers_only() {
    let outcome = run(&["fixtures/scenarios/serverless-outage/original"]);
    let lb = "fixtures/scenarios/serverless-outage/original/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("LB005", "error", lb, (34, 3), (34, 29)),
            Finding::new("LB005", "error", lb, (45, 3), (45, 31)),
            Finding::new("LB003", "warning", lb, (47, 6), (47, 16)),
            Finding::new("LB003", "warning", lb, (48, 6), (48, 13)),
        ]
    );
    assert_eq!(
        messages(&outcome, "LB005")[1],
        "`timeout_sec` on `google_compute_backend_service.chat`, whose backends are serverless \
         NEGs, is refused by the API: \"Timeout sec is not supported for a backend service with \
         Serverless network endpoint groups\""
    );
    assert_eq!(
        messages(&outcome, "LB003")[1],
        "`custom_request_headers` of `google_compute_backend_service.chat` sets `Upgrade`, which \
         Google's docs say custom headers must not use on a global external Application Load \
         Balancer (`load_balancing_scheme = \"EXTERNAL_MANAGED\"`): it is a hop-by-hop header, \
         which the target proxy does not pass on; the proxy handles the WebSocket upgrade itself, \
         so this header does nothing for WebSockets"
    );
    // The Cloud Run services are not in the module: their timeout is unknown, so no WS001 or
    // WS002 (the 3600 s on the backend service is refused, not a lifetime).
    assert!(messages(&outcome, "WS001").is_empty());
    assert!(messages(&outcome, "WS002").is_empty());
}

#[test]
fn serverless_outage_fixed_is_clean() {
    let outcome = run(&["fixtures/scenarios/serverless-outage/fixed"]);
    assert_eq!(findings(&outcome), vec![]);
}

/// The incident's attempted fix on a module that requires google provider `~> 6.0` and sets no
/// scheme: a classic load balancer, where the route timeout does not count.
#[test]
fn attempted_fix_on_provider_6_is_classic() {
    let outcome = run(&["fixtures/scenarios/attempted-fix-classic/provider-6"]);
    let lb = "fixtures/scenarios/attempted-fix-classic/provider-6/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS001", "error", lb, (17, 7), (17, 63)),
            Finding::new("WS004", "info", lb, (17, 7), (17, 63)),
            Finding::new("LB004", "warning", lb, (21, 9), (23, 10)),
            Finding::new("LB001", "error", lb, (25, 9), (31, 10)),
            Finding::new("LB004", "warning", lb, (25, 9), (31, 10)),
            Finding::new("LB002", "warning", lb, (28, 29), (28, 44)),
        ]
    );
    let ws001 = &outcome.diagnostics[0];
    let ignored = ws001.labels.last().expect("label on the route timeout");
    assert_eq!(
        ignored.message,
        "ignored: a classic load balancer supports no route timeout (no `load_balancing_scheme`, \
         so the default `EXTERNAL` of the google provider `~> 6.0` the module requires)"
    );
    assert_eq!(
        messages(&outcome, "LB004"),
        vec![
            "`path_rule.route_action.timeout` is not supported by the classic Application Load \
             Balancer, and `google_compute_url_map.staging` is classic: no \
             `load_balancing_scheme`, so the default `EXTERNAL` of the google provider `~> 6.0` \
             the module requires",
            "`path_rule.route_action.header_action` is not supported by the classic Application \
             Load Balancer, and `google_compute_url_map.staging` is classic: no \
             `load_balancing_scheme`, so the default `EXTERNAL` of the google provider `~> 6.0` \
             the module requires",
        ]
    );
}

#[test]
fn attempted_fix_written_for_external_managed_is_clean() {
    let outcome = run(&["fixtures/scenarios/attempted-fix-classic/managed"]);
    assert_eq!(findings(&outcome), vec![]);
}

/// Url maps using every feature the provider documents for the global external, classic and
/// regional internal load balancers: no finding at all (no false error, no unknown field).
#[test]
fn documented_url_map_features_give_no_finding() {
    for dir in ["global-managed", "classic", "regional-internal"] {
        let outcome = run(&[&format!("fixtures/scenarios/url-map-features/{dir}")]);
        assert_eq!(findings(&outcome), vec![], "{dir}");
        assert!(outcome.problems.is_empty(), "{dir}");
    }
}

/// Backend services made by `for_each`: the url map routes `/ws` to the instance whose
/// `timeout_sec` is null, and `/api/*` to the one with 30 s. References to configured
/// attributes read their values: `live` copies 30 s from `be["api"]`, `chat` 3600 s from
/// `long`.
#[test]
fn for_each_instances_are_reported_by_key() {
    let outcome = run(&["fixtures/scenarios/instances/for-each"]);
    let lb = "fixtures/scenarios/instances/for-each/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS002", "warning", lb, (43, 3), (43, 79)),
            Finding::new("WS001", "error", lb, (66, 7), (66, 33)),
        ]
    );
    assert_eq!(
        messages(&outcome, "WS001"),
        vec![
            "WebSocket path rule `/ws`, `/ws/*` has no timeout: \
             `google_compute_backend_service.be[\"realtime\"]` sets no `timeout_sec`, so GCP's \
             30 s default closes every connection after 30 seconds"
        ]
    );
    let labels: Vec<(usize, usize, &str)> = outcome.diagnostics[1]
        .labels
        .iter()
        .map(|l| {
            let p = outcome
                .sources
                .get(l.span.file)
                .position(l.span.start as usize);
            (p.line, p.column, l.message.as_str())
        })
        .collect();
    assert_eq!(
        labels,
        vec![
            (
                67,
                17,
                "routes to `google_compute_backend_service.be[\"realtime\"]`"
            ),
            // Instances share the block's spans: the label is at the statement that is null
            // for this instance.
            (
                19,
                3,
                "`timeout_sec` of `google_compute_backend_service.be[\"realtime\"]` is null, so \
                 the default 30 s applies"
            ),
        ]
    );
    assert_eq!(
        messages(&outcome, "WS002"),
        vec![
            "`timeout_sec = 30` on `google_compute_backend_service.live` closes WebSockets after \
             30 s, below the 300 s minimum"
        ]
    );
}

/// Load balancers made by `count`: each instance is checked with its own `count.index`, and
/// a finding that is the same in every instance is reported once.
#[test]
fn count_instances_are_reported_once_per_distinct_finding() {
    let outcome = run(&["fixtures/scenarios/instances/count"]);
    let lb = "fixtures/scenarios/instances/count/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS001", "error", lb, (46, 7), (46, 33)),
            Finding::new("WS001", "error", lb, (51, 7), (51, 47)),
        ]
    );
    let ws001 = messages(&outcome, "WS001");
    assert!(
        ws001[0].contains("`google_compute_backend_service.shard[1]` sets no `timeout_sec`"),
        "{}",
        ws001[0]
    );
    assert!(
        ws001[1].contains("`google_compute_backend_service.legacy` sets no `timeout_sec`"),
        "{}",
        ws001[1]
    );
}

/// Instances lblint cannot know (a `for_each` over a variable without value) leave their
/// values unknown, so nothing is reported; `count = 0` creates nothing to report on.
#[test]
fn unknown_and_absent_instances_give_no_finding() {
    let outcome = run(&["fixtures/scenarios/instances/unknown"]);
    assert_eq!(findings(&outcome), vec![]);
}
