//! TF008 cases: ignore comments that cannot work.

use crate::harness::*;

const WS001: &str = "WebSocket path rule `/ws`, `/ws/*` has no timeout: `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds";
const WS004: &str = "WebSocket path rule `/ws`, `/ws/*` does not say how it handles `Authorization` and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default";
const MALFORMED: &str = "malformed ignore comment: it has no effect";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case(
            "TF008/trigger",
            None,
            vec![at("TF008", "warning", "TF008/trigger/main.tf", (4, 20), (4, 24))],
        )
        .messages(
            "TF008",
            &["unknown rule `WS01` in `lblint-ignore`: it suppresses nothing"],
        )
        .help("TF008", "did you mean `WS001` (ws-timeout-missing)?"),
        case("TF008/clean", None, vec![]),
        // `[suppressions] require_reason = true`: the ignore without a reason does nothing.
        case(
            "TF008/require-reason",
            None,
            vec![
                at("TF008", "warning", "TF008/require-reason/main.tf", (13, 5), (13, 34)),
                at("WS001", "error", "TF008/require-reason/main.tf", (15, 7), (15, 33)),
                at("WS004", "info", "TF008/require-reason/main.tf", (15, 7), (15, 33)),
            ],
        )
        .messages(
            "TF008",
            &["`lblint-ignore` without a reason has no effect: `[suppressions] require_reason` is set"],
        )
        .messages("WS001", &[WS001])
        .messages("WS004", &[WS004]),
        // `[rules.WS001] ignorable = false`: WS001 stays, WS004 of the same comment is silenced.
        case(
            "TF008/unignorable",
            None,
            vec![
                at("TF008", "warning", "TF008/unignorable/main.tf", (13, 22), (13, 27)),
                at("WS001", "error", "TF008/unignorable/main.tf", (15, 7), (15, 33)),
            ],
        )
        .messages(
            "TF008",
            &["WS001 findings cannot be suppressed: the config sets `[rules.WS001] ignorable = false`"],
        )
        .messages("WS001", &[WS001]),
        // TF001, TF005 and TF008 can never be suppressed by a comment.
        case(
            "TF008/never-ignorable",
            None,
            vec![
                at("TF008", "warning", "TF008/never-ignorable/main.tf", (1, 23), (1, 28)),
                at("TF008", "warning", "TF008/never-ignorable/main.tf", (1, 30), (1, 35)),
                at("TF008", "warning", "TF008/never-ignorable/main.tf", (5, 20), (5, 25)),
            ],
        )
        .messages(
            "TF008",
            &[
                "TF005 findings cannot be suppressed by a comment",
                "TF008 findings cannot be suppressed by a comment",
                "TF001 findings cannot be suppressed by a comment",
            ],
        ),
        // A blank line between the comment and the path rule detaches it.
        case(
            "TF008/detached",
            None,
            vec![
                at("TF008", "warning", "TF008/detached/main.tf", (13, 5), (13, 58)),
                at("WS001", "error", "TF008/detached/main.tf", (16, 7), (16, 33)),
                at("WS004", "info", "TF008/detached/main.tf", (16, 7), (16, 33)),
            ],
        )
        .messages(
            "TF008",
            &["`lblint-ignore` applies to nothing here: it has no effect"],
        )
        .help(
            "TF008",
            "put it on the line right above a block or argument, or at the end of its line",
        ),
        case(
            "TF008/file-after-block",
            None,
            vec![at("TF008", "warning", "TF008/file-after-block/main.tf", (6, 1), (6, 40))],
        )
        .messages(
            "TF008",
            &["`lblint-ignore-file` after the first block of the file has no effect"],
        ),
        // No colon, no codes, an unknown form; prose that mentions the marker is no ignore.
        case(
            "TF008/malformed",
            None,
            vec![
                at("TF008", "warning", "TF008/malformed/main.tf", (2, 3), (2, 24)),
                at("TF008", "warning", "TF008/malformed/main.tf", (4, 3), (4, 31)),
                at("TF008", "warning", "TF008/malformed/main.tf", (6, 3), (6, 35)),
            ],
        )
        .messages(
            "TF008",
            &[
                MALFORMED,
                "`lblint-ignore` names no rule: it has no effect",
                MALFORMED,
            ],
        ),
        // The code review's case: a string that reads like an ignore comment, on the line
        // above the default route's findings, is a string. Nothing is suppressed or reported.
        case(
            "TF008/string",
            None,
            vec![
                at("WS001", "error", "TF008/string/main.tf", (9, 21), (9, 59)),
                at("WS004", "info", "TF008/string/main.tf", (9, 21), (9, 59)),
                at("WS001", "error", "TF008/string/main.tf", (13, 23), (13, 61)),
                at("WS004", "info", "TF008/string/main.tf", (13, 23), (13, 61)),
                at("WS001", "error", "TF008/string/main.tf", (15, 7), (15, 33)),
                at("WS004", "info", "TF008/string/main.tf", (15, 7), (15, 33)),
            ],
        )
        .messages(
            "WS001",
            &[
                "WebSocket default route of `google_compute_url_map.main` has no timeout",
                "WebSocket default route of path matcher `main` has no timeout",
                WS001,
            ],
        ),
    ]
}

#[test]
fn tf008_invalid_suppression() {
    check(&cases());
}
