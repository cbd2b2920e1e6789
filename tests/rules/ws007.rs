//! WS007 cases.

use crate::harness::*;

const WS_ROUTE: &str = "WebSocket path rule `/ws`, `/ws/*`";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case(
            "WS007/trigger",
            None,
            vec![at(
                "WS007",
                "error",
                "WS007/trigger/main.tf",
                (23, 3),
                (23, 34),
            )],
        )
        .messages(
            "WS007",
            &["`protocol = \"HTTP2\"` on `google_compute_backend_service.chat`, which serves \
               WebSocket routes: the load balancer carries WebSockets to backends only over HTTP \
               or HTTPS, so the upgrade never reaches the backend"],
        )
        .labels(
            "WS007",
            vec![label("WS007/trigger/main.tf", (46, 7), (46, 33), WS_ROUTE)],
        )
        .help(
            "WS007",
            "set `protocol = \"HTTP\"` or `\"HTTPS\"` on `google_compute_backend_service.chat`, or \
             send the WebSocket routes to a separate backend service that uses one of them",
        ),
        case("WS007/clean", None, vec![]),
        // H2C behind two WebSocket routes: one finding, a label per route.
        case(
            "WS007/shared-backend",
            None,
            vec![at(
                "WS007",
                "error",
                "WS007/shared-backend/main.tf",
                (23, 3),
                (23, 32),
            )],
        )
        .messages("WS007", &["`protocol = \"H2C\"` on `google_compute_backend_service.chat`"])
        .labels(
            "WS007",
            vec![
                label("WS007/shared-backend/main.tf", (46, 7), (46, 33), WS_ROUTE),
                label(
                    "WS007/shared-backend/main.tf",
                    (51, 7),
                    (51, 47),
                    "WebSocket path rule `/socket.io`, `/socket.io/*`",
                ),
            ],
        ),
        // Weighted backends: HTTPS passes, GRPC is reported.
        case(
            "WS007/weighted",
            None,
            vec![at(
                "WS007",
                "error",
                "WS007/weighted/main.tf",
                (35, 3),
                (35, 33),
            )],
        )
        .messages(
            "WS007",
            &["`protocol = \"GRPC\"` on `google_compute_backend_service.grpc`"],
        )
        .labels(
            "WS007",
            vec![label("WS007/weighted/main.tf", (58, 7), (58, 31), WS_ROUTE)],
        ),
        // protocol from a variable without default, and no protocol (the provider's HTTP).
        case("WS007/unknown", None, vec![]),
        // HTTP2 on a backend service that serves no WebSocket route.
        case("WS007/not-websocket", None, vec![]),
    ]
}

#[test]
fn ws007_ws_backend_protocol() {
    check(&cases());
}
