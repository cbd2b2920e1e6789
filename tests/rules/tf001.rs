//! TF001 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // `timeout_sec           3600`: the parser stops at the value where `=` is missing.
        case(
            "TF001/trigger",
            None,
            vec![at("TF001", "error", "TF001/trigger/main.tf", (44, 25), (44, 29))],
        )
        .messages("TF001", &["expected `=` or `{` after `timeout_sec`, found `3600`"])
        .help("TF001", "the rest of this module is linted without it"),
        case("TF001/clean", None, vec![]),
        // A syntax error in monitoring.tf does not hide main.tf's own findings.
        case(
            "TF001/two-files",
            None,
            vec![
                at("WS001", "error", "TF001/two-files/main.tf", (65, 7), (65, 33)),
                at("TF001", "error", "TF001/two-files/monitoring.tf", (20, 12), (21, 1)),
            ],
        )
        .messages("TF001", &["expected an expression, found a newline"])
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout"],
        ),
        // A byte order mark parses, and columns on line 1 count from after it.
        case(
            "TF001/bom",
            None,
            vec![at("WS001", "error", "TF001/bom/main.tf", (1, 61), (1, 99))],
        )
        .messages(
            "WS001",
            &["WebSocket default route of `google_compute_url_map.bom` has no timeout"],
        )
        .labels(
            "WS001",
            vec![label(
                "TF001/bom/main.tf",
                (28, 43),
                (28, 49),
                "`google_compute_backend_service.chat` has no `timeout_sec` (default 30 s)",
            )],
        ),
        // A Latin-1 `é` in a comment on line 39.
        case(
            "TF001/latin1",
            None,
            vec![at("TF001", "error", "TF001/latin1/main.tf", (39, 10), (39, 10))],
        )
        .messages(
            "TF001",
            &["the file is not valid UTF-8 (invalid byte at offset 881); Terraform reads only UTF-8"],
        ),
    ]
}

#[test]
fn tf001_syntax_error() {
    // The encoding fixtures must keep their bytes: an editor that re-saves them voids the test.
    let root = root().join("fixtures/rules/TF001");
    let bom = std::fs::read(root.join("bom/main.tf")).unwrap();
    assert!(
        bom.starts_with(b"\xEF\xBB\xBFresource "),
        "bom/main.tf lost its byte order mark"
    );
    let latin1 = std::fs::read(root.join("latin1/main.tf")).unwrap();
    assert_eq!(latin1.iter().position(|&b| b == 0xE9), Some(881));
    assert!(std::str::from_utf8(&latin1).is_err());
    check(&cases());
}
