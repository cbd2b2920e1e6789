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
    ]
}

#[test]
fn ws004_auth_header_unhandled() {
    check(&cases());
}
