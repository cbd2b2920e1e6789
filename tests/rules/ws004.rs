//! WS004 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case(
            "WS004/trigger",
            None,
            vec![at(
                "WS004",
                "info",
                "WS004/trigger/main.tf",
                (66, 7),
                (66, 33),
            )],
        )
        .messages(
            "WS004",
            &[
                "WebSocket path rule `/ws`, `/ws/*` does not say how it handles `Authorization` \
               and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default",
            ],
        )
        .help(
            "WS004",
            "`[websocket] auth_passthrough = [\"Authorization\", \"Sec-WebSocket-Protocol\"]`",
        ),
        // The same module with a .lblint.toml declaring both headers as passthrough.
        case("WS004/clean", None, vec![]),
        // Passthrough of `authorization` only (names compare case-insensitively).
        case(
            "WS004/trigger",
            Some("WS004/passthrough-authorization.toml"),
            vec![at(
                "WS004",
                "info",
                "WS004/trigger/main.tf",
                (66, 7),
                (66, 33),
            )],
        )
        .messages(
            "WS004",
            &["does not say how it handles `Sec-WebSocket-Protocol`: GCP forwards it unchanged"],
        ),
        // The path matcher's header action adds both headers.
        case("WS004/addressed", None, vec![]),
        case(
            "WS004/partly-addressed",
            None,
            vec![at(
                "WS004",
                "info",
                "WS004/partly-addressed/main.tf",
                (74, 7),
                (74, 33),
            )],
        )
        .messages(
            "WS004",
            &["does not say how it handles `Authorization`: GCP forwards it unchanged"],
        ),
        // One header name is var.subprotocol_header without a default.
        case("WS004/unknown-name", None, vec![]),
        // A misplaced header_action addresses nothing.
        case(
            "WS004/misplaced",
            None,
            vec![
                at(
                    "WS004",
                    "info",
                    "WS004/misplaced/main.tf",
                    (66, 7),
                    (66, 33),
                ),
                at(
                    "LB001",
                    "error",
                    "WS004/misplaced/main.tf",
                    (69, 9),
                    (71, 10),
                ),
            ],
        )
        .messages(
            "WS004",
            &["handles `Authorization` and `Sec-WebSocket-Protocol`"],
        ),
        // With --show-unknown: TF002 where WS004 cannot decide.
        case(
            "WS004/unknown-name",
            None,
            vec![
                at("TF002", "info", "WS004/unknown-name/main.tf", (76, 9), (76, 46)),
                at("TF002", "info", "WS004/unknown-name/main.tf", (83, 7), (83, 33)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB003 custom-header-invalid cannot decide here: it needs a `header_name` in `request_headers_to_add` of the header action of path matcher `main` of `google_compute_url_map.main`, to check it, which is unknown before apply (variable without value: variable `subprotocol_header` has no default and no value: no variable definitions file, `TF_VAR_subprotocol_header` or `--var` sets it)",
                "WS004 ws-auth-header-unhandled cannot decide here: it needs the header names this WebSocket route's header actions and backend services add or remove, to tell whether it handles the auth headers, which is unknown before apply (variable without value: variable `subprotocol_header` has no default and no value: no variable definitions file, `TF_VAR_subprotocol_header` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("WS004/unknown-name/main.tf", (76, 24), (76, 46), "unknown here: variable without value"),
                label("WS004/unknown-name/main.tf", (76, 24), (76, 46), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn ws004_auth_header_unhandled() {
    check(&cases());
}
