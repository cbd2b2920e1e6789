//! WS001 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    let chat_no_timeout =
        "`google_compute_backend_service.chat` has no `timeout_sec` (default 30 s)";
    vec![
        case(
            "WS001/trigger",
            None,
            vec![at("WS001", "error", "WS001/trigger/main.tf", (65, 7), (65, 33))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
               `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s \
               default closes every connection after 30 seconds"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/trigger/main.tf",
                    (66, 17),
                    (66, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/trigger/main.tf", (39, 43), (39, 49), chat_no_timeout),
            ],
        )
        .help("WS001", "path `/ws` matches the WebSocket path patterns"),
        case("WS001/clean", None, vec![]),
        // Not a WebSocket path, but the route rule requires `Upgrade: websocket`.
        case(
            "WS001/route-rule-upgrade",
            None,
            vec![at("WS001", "error", "WS001/route-rule-upgrade/main.tf", (64, 5), (74, 6))],
        )
        .messages(
            "WS001",
            &["WebSocket route rule (priority 1) for `/` has no timeout"],
        )
        .help("WS001", "the route rule requires `Upgrade: websocket`"),
        // `/events` is a WebSocket route only through `[websocket] backends`.
        case("WS001/config-backend", None, vec![]),
        case(
            "WS001/config-backend",
            Some("WS001/config-backend.toml"),
            vec![at("WS001", "error", "WS001/config-backend/main.tf", (65, 7), (65, 41))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/events`, `/events/*` has no timeout"],
        )
        .help(
            "WS001",
            "`google_compute_backend_service.chat` is listed in `[websocket] backends`",
        ),
        // Two weighted backends, only the canary lacks timeout_sec: one finding about it.
        case(
            "WS001/weighted",
            None,
            vec![at("WS001", "error", "WS001/weighted/main.tf", (78, 7), (78, 31))],
        )
        .messages(
            "WS001",
            &["has no timeout: `google_compute_backend_service.chat_canary` sets no `timeout_sec`"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/weighted/main.tf",
                    (85, 29),
                    (85, 74),
                    "routes to `google_compute_backend_service.chat_canary`",
                ),
                label(
                    "WS001/weighted/main.tf",
                    (52, 43),
                    (52, 56),
                    "`google_compute_backend_service.chat_canary` has no `timeout_sec` (default 30 s)",
                ),
            ],
        ),
        case("WS001/weighted-clean", None, vec![]),
        // route_action.timeout sets the lifetime; the backend's default does not matter.
        case("WS001/route-timeout", None, vec![]),
        // Serverless NEG: timeout_sec is refused there; the same NEG as an internet NEG fires.
        case("WS001/serverless-neg", None, vec![]),
        case(
            "WS001/internet-neg",
            None,
            vec![at("WS001", "error", "WS001/internet-neg/main.tf", (69, 7), (69, 33))],
        ),
        // Service references lblint cannot resolve.
        case("WS001/unknown-backend", None, vec![]),
        case("WS001/data-backend", None, vec![]),
        // timeout_sec = var.chat_timeout, no default: set, value unknown.
        case("WS001/unknown-timeout", None, vec![]),
        // dynamic "path_rule" over a known local: the generated `/ws` rule points at the
        // content block's `paths`.
        case(
            "WS001/dynamic-local",
            None,
            vec![at("WS001", "error", "WS001/dynamic-local/main.tf", (71, 9), (71, 34))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/dynamic-local/main.tf",
                    (72, 19),
                    (72, 57),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/dynamic-local/main.tf", (43, 43), (43, 49), chat_no_timeout),
            ],
        ),
        // dynamic weighted backends over an unknown variable.
        case("WS001/dynamic-unknown", None, vec![]),
        // The trigger's url map with count = 0.
        case("WS001/count-zero", None, vec![]),
        // The instance group manager is declared in another module: `instance_group_manager`
        // in the reference's type says the backend is not serverless.
        case(
            "WS001/igm-elsewhere",
            None,
            vec![
                // Terraform refuses a reference to a resource the module does not declare.
                at("TF003", "warning", "WS001/igm-elsewhere/main.tf", (21, 13), (21, 69)),
                at("TF003", "warning", "WS001/igm-elsewhere/main.tf", (33, 13), (33, 69)),
                at("WS001", "error", "WS001/igm-elsewhere/main.tf", (51, 7), (51, 33)),
            ],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
               `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s \
               default closes every connection after 30 seconds"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/igm-elsewhere/main.tf",
                    (52, 17),
                    (52, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/igm-elsewhere/main.tf", (25, 43), (25, 49), chat_no_timeout),
            ],
        ),
        // `timeout_sec = null` leaves the 30 s default.
        case(
            "WS001/timeout-null",
            None,
            vec![at("WS001", "error", "WS001/timeout-null/main.tf", (66, 7), (66, 33))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
               `google_compute_backend_service.chat` sets no `timeout_sec`"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/timeout-null/main.tf",
                    (67, 17),
                    (67, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label(
                    "WS001/timeout-null/main.tf",
                    (44, 3),
                    (44, 31),
                    "`timeout_sec` of `google_compute_backend_service.chat` is null, so the \
                     default 30 s applies",
                ),
            ],
        ),
        // The tfvars file sets the variable to null: labelled where it does.
        case(
            "WS001/null-from-tfvars",
            None,
            vec![at("WS001", "error", "WS001/null-from-tfvars/main.tf", (28, 7), (28, 33))],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/null-from-tfvars/main.tf",
                    (29, 17),
                    (29, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label(
                    "WS001/null-from-tfvars/main.tf",
                    (10, 3),
                    (10, 41),
                    "`timeout_sec` of `google_compute_backend_service.chat` is null, so the \
                     default 30 s applies",
                ),
                label(
                    "WS001/null-from-tfvars/terraform.tfvars",
                    (2, 14),
                    (2, 18),
                    "`var.ws_timeout` is set here",
                ),
            ],
        ),
        // Groups lblint cannot resolve, with `health_checks = null` and `= []`: no evidence
        // that the backends are not serverless NEGs, so silent.
        case("WS001/health-checks-null", None, vec![]),
        // A serverless NEG with `health_checks = null` is still serverless.
        case("WS001/serverless-health-checks-null", None, vec![]),
        // `ws.example.com` matches `[websocket] hosts`: its path matcher's routes carry
        // WebSockets whatever their paths.
        case(
            "WS001/ws-host",
            None,
            vec![at("WS001", "error", "WS001/ws-host/main.tf", (77, 23), (77, 61))],
        )
        .messages(
            "WS001",
            &["WebSocket default route of path matcher `realtime` has no timeout"],
        )
        .labels(
            "WS001",
            vec![label("WS001/ws-host/main.tf", (39, 43), (39, 49), chat_no_timeout)],
        )
        .help(
            "WS001",
            "(its path matcher serves host `ws.example.com`, which matches the WebSocket host patterns)",
        ),
        // A classic load balancer ignores the route timeout: the backend's 30 s applies.
        case(
            "WS001/classic-route-timeout",
            None,
            vec![
                at("WS001", "error", "WS001/classic-route-timeout/main.tf", (65, 7), (65, 33)),
                // The timeout itself is unsupported on classic.
                at("LB004", "error", "WS001/classic-route-timeout/main.tf", (69, 9), (71, 10)),
            ],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/classic-route-timeout/main.tf",
                    (66, 17),
                    (66, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/classic-route-timeout/main.tf", (39, 43), (39, 49), chat_no_timeout),
                label(
                    "WS001/classic-route-timeout/main.tf",
                    (69, 9),
                    (71, 10),
                    "ignored: a classic load balancer supports no route timeout (the scheme \
                     `EXTERNAL` of backend service `google_compute_backend_service.web`)",
                ),
            ],
        )
        .help(
            "WS001",
            "set `timeout_sec` on `google_compute_backend_service.chat` to the longest connection you need (e.g. `timeout_sec = 3600`); a classic load balancer has no route timeout",
        ),
    ]
}

#[test]
fn ws001_timeout_missing() {
    check(&cases());
}
