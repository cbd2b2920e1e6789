//! WS003 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    let on_ws_route = "on the way of WebSocket path rule `/ws`, `/ws/*`";
    vec![
        // Path matcher header_action removes Authorization: the span is the list element.
        case(
            "WS003/trigger",
            None,
            vec![at(
                "WS003",
                "error",
                "WS003/trigger/main.tf",
                (66, 36),
                (66, 51),
            )],
        )
        .messages(
            "WS003",
            &[
                "the path matcher header action removes `Authorization` before the request \
               reaches the WebSocket backend",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/trigger/main.tf",
                (70, 7),
                (70, 33),
                on_ws_route,
            )],
        )
        .help(
            "WS003",
            "remove `Authorization` from `request_headers_to_remove`",
        ),
        // Removing only an unrelated header.
        case("WS003/clean", None, vec![]),
        // Route rule adds Authorization with replace = true: the span is `replace = true`.
        case(
            "WS003/route-rule-replace",
            None,
            vec![at(
                "WS003",
                "error",
                "WS003/route-rule-replace/main.tf",
                (75, 11),
                (75, 30),
            )],
        )
        .messages(
            "WS003",
            &[
                "the route rule header action replaces `Authorization`, discarding the value the \
               client sent",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/route-rule-replace/main.tf",
                (65, 5),
                (65, 16),
                "on the way of WebSocket route rule (priority 1) for `/ws`",
            )],
        ),
        case("WS003/route-rule-append", None, vec![]),
        // `{authorization}` in a weighted backend's header action: LB002 reports it too.
        case(
            "WS003/weighted-placeholder",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "WS003/weighted-placeholder/main.tf",
                    (74, 38),
                    (74, 53),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/weighted-placeholder/main.tf",
                    (74, 38),
                    (74, 53),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "the weighted backend service header action sets `Authorization` to \
               `{authorization}`, a variable GCP does not define",
            ],
        ),
        // custom_request_headers = ["Authorization: {authorization}"] on the backend service.
        case(
            "WS003/custom-header",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "WS003/custom-header/main.tf",
                    (46, 45),
                    (46, 60),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/custom-header/main.tf",
                    (46, 45),
                    (46, 60),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.chat` sets \
               `Authorization` to `{authorization}`",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/custom-header/main.tf",
                (67, 7),
                (67, 33),
                on_ws_route,
            )],
        ),
        // "AUTHORIZATION" and "sec-websocket-protocol" in the url map's own header action.
        case(
            "WS003/case-insensitive",
            None,
            vec![
                at(
                    "WS003",
                    "error",
                    "WS003/case-insensitive/main.tf",
                    (57, 34),
                    (57, 49),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/case-insensitive/main.tf",
                    (57, 51),
                    (57, 75),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "the url map header action removes `Authorization`",
                "the url map header action removes `Sec-WebSocket-Protocol`",
            ],
        ),
    ]
}

#[test]
fn ws003_auth_header_dropped() {
    check(&cases());
}
