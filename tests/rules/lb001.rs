//! LB001 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case(
            "LB001/trigger",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/trigger/main.tf",
                (68, 9),
                (74, 10),
            )],
        )
        .messages(
            "LB001",
            &[
                "`header_action` is not allowed in `path_rule.route_action`: the provider rejects \
               it as an unsupported block, and GCP would never apply it",
            ],
        )
        .help(
            "LB001",
            "use a `route_rules` block with its own `header_action`",
        ),
        // The same block inside weighted_backend_services.
        case("LB001/clean", None, vec![]),
        case(
            "LB001/path-rule",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/path-rule/main.tf",
                (68, 7),
                (74, 8),
            )],
        )
        .messages("LB001", &["`header_action` is not allowed in `path_rule`:"]),
        case(
            "LB001/matcher-default-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/matcher-default-route-action/main.tf",
                (64, 7),
                (70, 8),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `path_matcher.default_route_action`:"],
        )
        .help("LB001", "or on the enclosing path matcher or url map"),
        case(
            "LB001/url-map-default-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/url-map-default-route-action/main.tf",
                (55, 5),
                (61, 6),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `default_route_action`:"],
        ),
        case(
            "LB001/route-rule-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/route-rule-route-action/main.tf",
                (71, 9),
                (77, 10),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `route_rules.route_action`:"],
        )
        .help(
            "LB001",
            "move the `header_action` up into the route rule itself",
        ),
        case(
            "LB001/host-rule",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/host-rule/main.tf",
                (60, 5),
                (66, 6),
            )],
        )
        .messages("LB001", &["`header_action` is not allowed in `host_rule`:"])
        .help(
            "LB001",
            "put the `header_action` in the `path_matcher` the host rule names",
        ),
        // Url map, path matcher, route rule and weighted backend service.
        case("LB001/allowed-places", None, vec![]),
    ]
}

#[test]
fn lb001_header_action_misplaced() {
    check(&cases());
}
