//! WS006 cases.

use crate::harness::*;

const NO_AFFINITY: &str = "Cloud Run service `google_cloud_run_v2_service.chat` serves WebSockets \
                           without session affinity: a client that reconnects can land on any \
                           instance";
const V2_HELP: &str = "set `session_affinity = true` in the `template` of \
                       `google_cloud_run_v2_service.chat`, and let clients reconnect: affinity is \
                       best effort";
const WS_ROUTE: &str = "WebSocket path rule `/ws`, `/ws/*`";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // No session_affinity: the finding is on the Cloud Run service's name label.
        case(
            "WS006/trigger",
            None,
            vec![at(
                "WS006",
                "warning",
                "WS006/trigger/main.tf",
                (1, 40),
                (1, 46),
            )],
        )
        .messages("WS006", &[NO_AFFINITY])
        .labels(
            "WS006",
            vec![label("WS006/trigger/main.tf", (48, 7), (48, 33), WS_ROUTE)],
        )
        .help("WS006", V2_HELP),
        case("WS006/clean", None, vec![]),
        case(
            "WS006/affinity-false",
            None,
            vec![at(
                "WS006",
                "warning",
                "WS006/affinity-false/main.tf",
                (7, 5),
                (7, 29),
            )],
        )
        .messages(
            "WS006",
            &[
                "session affinity is off on Cloud Run service `google_cloud_run_v2_service.chat`, \
               which serves WebSockets: a client that reconnects can land on any instance",
            ],
        )
        .labels(
            "WS006",
            vec![label(
                "WS006/affinity-false/main.tf",
                (49, 7),
                (49, 33),
                WS_ROUTE,
            )],
        )
        .help("WS006", V2_HELP),
        // A container port named h2c: the finding is on its `name`.
        case(
            "WS006/h2c",
            None,
            vec![at(
                "WS006",
                "warning",
                "WS006/h2c/main.tf",
                (13, 9),
                (13, 31),
            )],
        )
        .messages(
            "WS006",
            &[
                "Cloud Run service `google_cloud_run_v2_service.chat` serves WebSockets with \
               end-to-end HTTP/2 (a port named `h2c`), which Cloud Run advises against for \
               WebSockets",
            ],
        )
        .labels(
            "WS006",
            vec![label("WS006/h2c/main.tf", (54, 7), (54, 33), WS_ROUTE)],
        )
        .help(
            "WS006",
            "remove `name = \"h2c\"` from the port of `google_cloud_run_v2_service.chat` (or name \
             it `http1`), or serve the WebSocket routes from a Cloud Run service without \
             end-to-end HTTP/2",
        ),
        // v1 service with annotations but no sessionAffinity annotation.
        case(
            "WS006/cloud-run-v1",
            None,
            vec![at(
                "WS006",
                "warning",
                "WS006/cloud-run-v1/main.tf",
                (1, 37),
                (1, 43),
            )],
        )
        .messages(
            "WS006",
            &[
                "Cloud Run service `google_cloud_run_service.chat` serves WebSockets without \
               session affinity: a client that reconnects can land on any instance",
            ],
        )
        .help(
            "WS006",
            "set the annotation `\"run.googleapis.com/sessionAffinity\" = \"true\"` in \
             `template.metadata.annotations` of `google_cloud_run_service.chat`, and let clients \
             reconnect: affinity is best effort",
        ),
        // Two WebSocket routes to the same service: one finding, a label per route.
        case(
            "WS006/shared-service",
            None,
            vec![at(
                "WS006",
                "warning",
                "WS006/shared-service/main.tf",
                (1, 40),
                (1, 46),
            )],
        )
        .labels(
            "WS006",
            vec![
                label("WS006/shared-service/main.tf", (48, 7), (48, 33), WS_ROUTE),
                label(
                    "WS006/shared-service/main.tf",
                    (53, 7),
                    (53, 47),
                    "WebSocket path rule `/socket.io`, `/socket.io/*`",
                ),
            ],
        ),
        // Affinity from a variable, a template with dynamic ports, a Cloud Run service outside
        // the module: silent.
        case("WS006/unknown", None, vec![]),
        // The same service behind routes that are not WebSocket routes.
        case("WS006/not-websocket", None, vec![]),
    ]
}

#[test]
fn ws006_ws_cloud_run_config() {
    check(&cases());
}
