//! The staging incident, reconstructed twice: the original routing and the attempted fix.

mod common;
use common::*;

#[test]
fn original_routing_reports_missing_timeout_and_unhandled_auth() {
    let outcome = run(&["fixtures/incident/original"]);
    let lb = "fixtures/incident/original/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS001", "error", lb, (15, 7), (15, 63)),
            Finding::new("WS004", "info", lb, (15, 7), (15, 63)),
        ]
    );
    let ws001 = &outcome.diagnostics[0];
    assert_eq!(
        ws001.message,
        "WebSocket path rule `/ws`, `/ws/*`, `/websocket`, `/websocket/*` has no timeout: \
         `google_compute_backend_service.api_backend` sets no `timeout_sec`, so GCP's 30 s \
         default closes every connection after 30 seconds"
    );
    // A label points at the backend service in the other file of the module.
    let backend = ws001
        .labels
        .iter()
        .find(|l| {
            outcome
                .sources
                .get(l.span.file)
                .display
                .ends_with("backend.tf")
        })
        .expect("label on the backend service");
    let pos = outcome
        .sources
        .get(backend.span.file)
        .position(backend.span.start as usize);
    assert_eq!((pos.line, pos.column), (26, 43));
}

#[test]
fn attempted_fix_reports_misplaced_header_action_and_bogus_variable() {
    let outcome = run(&["fixtures/incident/attempted-fix"]);
    let lb = "fixtures/incident/attempted-fix/lb.tf";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS001", "error", lb, (15, 7), (15, 63)),
            Finding::new("WS004", "info", lb, (15, 7), (15, 63)),
            Finding::new("LB001", "error", lb, (19, 9), (25, 10)),
            Finding::new("LB002", "warning", lb, (22, 29), (22, 44)),
        ]
    );
    // The misplaced block never applies, so it is not reported as replacing Authorization.
    assert!(messages(&outcome, "WS003").is_empty());
}
