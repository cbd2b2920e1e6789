//! WS005 cases.

use crate::harness::*;

/// WS005's fixtures share a .lblint.toml that makes `chat` a WebSocket backend.
pub(crate) fn cases() -> Vec<Case> {
    let default_gets = "the path matcher's default service gets those requests";
    vec![
        case(
            "WS005/trigger",
            None,
            vec![at("WS005", "warning", "WS005/trigger/main.tf", (66, 7), (66, 28))],
        )
        .messages(
            "WS005",
            &["`/chat/*` goes to a WebSocket backend but `/chat` does not (GCP's `/chat/*` does \
               not match `/chat`, so `/chat` falls to the path matcher's default service)"],
        )
        .labels(
            "WS005",
            vec![label("WS005/trigger/main.tf", (63, 23), (63, 60), default_gets)],
        )
        .help("WS005", "add \"/chat\" to this `paths` list"),
        case("WS005/clean", None, vec![]),
        case(
            "WS005/reverse",
            None,
            vec![at("WS005", "warning", "WS005/reverse/main.tf", (66, 7), (66, 26))],
        )
        .messages(
            "WS005",
            &["`/chat` goes to a WebSocket backend but `/chat/*` does not (GCP's `/chat` matches \
               only that exact path, so `/chat/*` falls to the path matcher's default service)"],
        )
        .labels(
            "WS005",
            vec![label("WS005/reverse/main.tf", (63, 23), (63, 60), default_gets)],
        ),
        // `/chat` sits in another path rule that goes to the web backend: no default label.
        case(
            "WS005/other-rule-not-ws",
            None,
            vec![at("WS005", "warning", "WS005/other-rule-not-ws/main.tf", (66, 7), (66, 28))],
        )
        .messages(
            "WS005",
            &["so `/chat` goes to a route that is not a WebSocket route"],
        )
        .labels("WS005", vec![]),
        // `/chat` in another path rule to the same WebSocket backend.
        case("WS005/other-rule-ws", None, vec![]),
        // The path matcher's default_service is the WebSocket backend itself.
        case("WS005/same-default", None, vec![]),
        // paths = var.chat_paths without a default.
        case("WS005/unknown-paths", None, vec![]),
        // A dynamic "path_rule" over an unknown value may hold the other half.
        case("WS005/dynamic-unknown", None, vec![]),
    ]
}

#[test]
fn ws005_path_pair_incomplete() {
    check(&cases());
}
