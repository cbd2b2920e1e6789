//! TF002 cases, run with `--show-unknown` unless said otherwise.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // `timeout_sec = var.chat_timeout`, a variable with no value: WS002 cannot compare it
        // with the minimum (and WS001 does not fire: a timeout is set).
        case(
            "TF002/trigger",
            None,
            vec![at(
                "TF002",
                "info",
                "TF002/trigger/main.tf",
                (48, 3),
                (48, 43),
            )],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "WS002 ws-timeout-too-short cannot decide here: it needs the `timeout_sec` of \
               `google_compute_backend_service.chat`, which is unknown before apply (variable \
               without value: variable `chat_timeout` has no default and no value: no variable \
               definitions file, `TF_VAR_chat_timeout` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![label(
                "TF002/trigger/main.tf",
                (48, 27),
                (48, 43),
                "unknown here: variable without value",
            )],
        )
        .help(
            "TF002",
            "give `var.chat_timeout` a value lblint can read (a default, terraform.tfvars, \
             *.auto.tfvars, `--var-file`, `--var` or `TF_VAR_chat_timeout`) for WS002 to check \
             this",
        ),
        // Without --show-unknown: nothing at all.
        case("TF002/trigger", Some("TF002/trigger/.lblint.toml"), vec![]),
        // The variable has a value: no finding, with or without the flag.
        case("TF002/clean", None, vec![]).show_unknown(),
        // The paths of the path rule come from a variable with no value: no rule can tell
        // whether the route carries WebSockets; WS001 says so once for the WebSocket rules.
        case(
            "TF002/unknown-paths",
            None,
            vec![at(
                "TF002",
                "info",
                "TF002/unknown-paths/main.tf",
                (69, 7),
                (69, 35),
            )],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "WS001 ws-timeout-missing cannot decide here: it needs the paths or header \
               matches that select this route, to tell whether it carries WebSockets",
            ],
        )
        .labels(
            "TF002",
            vec![label(
                "TF002/unknown-paths/main.tf",
                (69, 17),
                (69, 35),
                "unknown here: variable without value",
            )],
        ),
        case(
            "TF002/unknown-paths",
            Some("TF002/trigger/.lblint.toml"),
            vec![],
        ),
    ]
}
