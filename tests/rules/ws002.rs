//! WS002 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    let ws_route = "WebSocket path rule `/ws`, `/ws/*`";
    vec![
        // The finding is on the setting in backend.tf, the label on the route in main.tf.
        case(
            "WS002/trigger",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/trigger/backend.tf",
                (44, 3),
                (44, 29),
            )],
        )
        .messages(
            "WS002",
            &[
                "`timeout_sec = 60` on `google_compute_backend_service.chat` closes WebSockets \
               after 60 s, below the 300 s minimum",
            ],
        )
        .labels(
            "WS002",
            vec![label("WS002/trigger/main.tf", (15, 7), (15, 33), ws_route)],
        ),
        case("WS002/clean", None, vec![]),
        // timeout_sec on a serverless NEG backend: Cloud Run's timeout governs, not this.
        // The API refuses the setting there: LB005's finding.
        case(
            "WS002/serverless-neg",
            None,
            vec![at(
                "LB005",
                "error",
                "WS002/serverless-neg/main.tf",
                (54, 3),
                (54, 29),
            )],
        ),
        // min_timeout_sec lowered below 60 and raised above 3600.
        case("WS002/trigger", Some("WS002/min-timeout-30.toml"), vec![]),
        case(
            "WS002/clean",
            Some("WS002/min-timeout-7200.toml"),
            vec![at(
                "WS002",
                "warning",
                "WS002/clean/backend.tf",
                (44, 3),
                (44, 31),
            )],
        )
        .messages(
            "WS002",
            &[
                "`timeout_sec = 3600` on `google_compute_backend_service.chat` closes WebSockets \
               after 3600 s, below the 7200 s minimum",
            ],
        ),
        // route_action { timeout { seconds = "120" } }: the string is a number of seconds.
        case(
            "WS002/route-timeout",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/route-timeout/main.tf",
                (69, 9),
                (71, 10),
            )],
        )
        .messages(
            "WS002",
            &["this route timeout limits WebSockets to 120 s, below the 300 s minimum"],
        )
        .labels(
            "WS002",
            vec![label(
                "WS002/route-timeout/main.tf",
                (66, 7),
                (66, 33),
                ws_route,
            )],
        ),
        // Two WebSocket routes share the backend: one finding, a label per route.
        case(
            "WS002/shared-backend",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/shared-backend/main.tf",
                (44, 3),
                (44, 29),
            )],
        )
        .labels(
            "WS002",
            vec![
                label("WS002/shared-backend/main.tf", (66, 7), (66, 33), ws_route),
                label(
                    "WS002/shared-backend/main.tf",
                    (71, 7),
                    (71, 47),
                    "WebSocket path rule `/socket.io`, `/socket.io/*`",
                ),
            ],
        ),
        // var.chat_timeout: terraform.tfvars wins over the default, both ways.
        case(
            "WS002/tfvars-override",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/tfvars-override/main.tf",
                (49, 3),
                (49, 43),
            )],
        )
        .messages(
            "WS002",
            &["`timeout_sec = 60` on `google_compute_backend_service.chat`"],
        ),
        case("WS002/tfvars-override-clean", None, vec![]),
        // Behind a serverless NEG the Cloud Run request timeout is the WebSocket's lifetime.
        case(
            "WS002/cloud-run-timeout",
            None,
            vec![at("WS002", "warning", "WS002/cloud-run-timeout/main.tf", (44, 5), (44, 30))],
        )
        .messages(
            "WS002",
            &["Cloud Run service `google_cloud_run_v2_service.chat` closes WebSockets after 120 s (its request timeout), below the 300 s minimum"],
        )
        .labels(
            "WS002",
            vec![label(
                "WS002/cloud-run-timeout/main.tf",
                (87, 7),
                (87, 33),
                "WebSocket path rule `/ws`, `/ws/*`",
            )],
        )
        .help(
            "WS002",
            "set `template.timeout` on `google_cloud_run_v2_service.chat` to at least 300 s (Cloud Run allows up to 3600 s); behind a serverless NEG the Cloud Run request timeout is the WebSocket's lifetime",
        ),
        // The v1 resource: `template.spec.timeout_seconds`, found through the NEG's service name.
        case(
            "WS002/cloud-run-v1-timeout",
            None,
            vec![at("WS002", "warning", "WS002/cloud-run-v1-timeout/main.tf", (51, 7), (51, 27))],
        )
        .messages(
            "WS002",
            &["Cloud Run service `google_cloud_run_service.chat` closes WebSockets after 60 s (its request timeout), below the 300 s minimum"],
        )
        .help("WS002", "set `template.spec.timeout_seconds` on `google_cloud_run_service.chat`"),
        // Cloud Run's default is 300 s: enough for the default minimum, not for 7200 s.
        case("WS002/cloud-run-default", None, vec![]),
        case(
            "WS002/cloud-run-default",
            Some("WS002/min-timeout-7200.toml"),
            vec![at("WS002", "warning", "WS002/cloud-run-default/main.tf", (39, 40), (39, 46))],
        )
        .messages(
            "WS002",
            &["Cloud Run service `google_cloud_run_v2_service.chat` closes WebSockets after 300 s (its default request timeout), below the 7200 s minimum"],
        )
        .help("WS002", "to at least 3600 s (Cloud Run allows up to 3600 s)"),
        // At Cloud Run's maximum there is nothing left to raise.
        case("WS002/cloud-run-long", Some("WS002/min-timeout-7200.toml"), vec![]),
        case("WS002/cloud-run-long", None, vec![]),
    ]
}

#[test]
fn ws002_timeout_too_short() {
    check(&cases());
}
