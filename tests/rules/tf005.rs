//! TF005 cases: ignore comments that silence nothing.

use crate::harness::*;

const HELP: &str = "remove it from the comment (the whole comment if it names nothing else)";
const WS001_PATH_RULE: &str = "WebSocket path rule `/ws`, `/ws/*` has no timeout: `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // A trailing ignore on `timeout_sec` covers that argument, where no WS001 can be.
        case(
            "TF005/trigger",
            None,
            vec![at(
                "TF005",
                "warning",
                "TF005/trigger/main.tf",
                (4, 41),
                (4, 46),
            )],
        )
        .messages(
            "TF005",
            &["`WS001` silences nothing: no WS001 finding in the `timeout_sec` argument"],
        )
        .help("TF005", HELP),
        case("TF005/clean", None, vec![]),
        // WS001 and WS004 are silenced; only the unused LB006 is reported, at its code.
        case(
            "TF005/several-codes",
            None,
            vec![at(
                "TF005",
                "warning",
                "TF005/several-codes/main.tf",
                (13, 36),
                (13, 41),
            )],
        )
        .messages(
            "TF005",
            &["`LB006` silences nothing: no LB006 finding in the `path_rule` block"],
        ),
        // `lblint-ignore-file: all` in a file without findings.
        case(
            "TF005/all-in-file",
            None,
            vec![at(
                "TF005",
                "warning",
                "TF005/all-in-file/main.tf",
                (1, 23),
                (1, 26),
            )],
        )
        .messages(
            "TF005",
            &["`all` silences nothing: no finding in this file"],
        ),
        // WS004 is off in the config: its ignore is unused, and says why.
        case(
            "TF005/rule-off",
            None,
            vec![
                at(
                    "TF005",
                    "warning",
                    "TF005/rule-off/main.tf",
                    (13, 22),
                    (13, 27),
                ),
                at(
                    "WS001",
                    "error",
                    "TF005/rule-off/main.tf",
                    (15, 7),
                    (15, 33),
                ),
            ],
        )
        .messages(
            "TF005",
            &["`WS004` silences nothing: WS004 is off in the config"],
        )
        .messages("WS001", &[WS001_PATH_RULE]),
    ]
}

#[test]
fn tf005_unused_suppression() {
    check(&cases());
}
