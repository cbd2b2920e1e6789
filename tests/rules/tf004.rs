//! TF004 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // A typo at the top of a backend service, a block in a place that has none, and a
        // typo deep in a url map.
        case(
            "TF004/trigger",
            None,
            vec![
                at("TF004", "error", "TF004/trigger/main.tf", (44, 3), (44, 13)),
                at("TF004", "error", "TF004/trigger/main.tf", (59, 5), (59, 17)),
                at(
                    "TF004",
                    "error",
                    "TF004/trigger/main.tf",
                    (79, 15),
                    (79, 25),
                ),
            ],
        )
        .messages(
            "TF004",
            &[
                "`timout_sec` is not an argument of `google_compute_backend_service`: did you \
                 mean `timeout_sec`?",
                "`route_action` is not a block of `host_rule` of `google_compute_url_map`",
                "`header_nam` is not an argument of `path_matcher.path_rule.route_action.\
                 weighted_backend_services.header_action.request_headers_to_add` of \
                 `google_compute_url_map`: did you mean `header_name`?",
            ],
        )
        .help(
            "TF004",
            "the provider (v7.45.0) rejects it at `terraform validate`",
        ),
        case("TF004/clean", None, vec![]),
        case(
            "TF004/wrong-kind",
            None,
            vec![
                at(
                    "TF004",
                    "error",
                    "TF004/wrong-kind/main.tf",
                    (7, 3),
                    (7, 13),
                ),
                at(
                    "TF004",
                    "error",
                    "TF004/wrong-kind/main.tf",
                    (18, 5),
                    (18, 10),
                ),
            ],
        )
        .messages(
            "TF004",
            &[
                "`log_config` is a block of `google_compute_backend_service`, not an argument",
                "`hosts` is an argument of `host_rule` of `google_compute_url_map`, not a block",
            ],
        ),
        case(
            "TF004/dynamic",
            None,
            vec![
                // Generated twice, reported once, at the `dynamic` label.
                at(
                    "TF004",
                    "error",
                    "TF004/dynamic/main.tf",
                    (26, 11),
                    (26, 26),
                ),
                // Unknown `for_each`: the type name is still checked.
                at(
                    "TF004",
                    "error",
                    "TF004/dynamic/main.tf",
                    (49, 13),
                    (49, 25),
                ),
                at(
                    "TF004",
                    "error",
                    "TF004/dynamic/main.tf",
                    (61, 15),
                    (61, 30),
                ),
            ],
        )
        .messages(
            "TF004",
            &[
                "`custom_metric` is not a block of `google_compute_backend_service`: did you \
                 mean `custom_metrics`?",
                "`path_rules` is not a block of `path_matcher` of `google_compute_url_map`: \
                 did you mean `path_rule`?",
                "`header_action` is not a block of `path_matcher.path_rule` of \
                 `google_compute_url_map`",
            ],
        ),
        case(
            "TF004/deep-typo",
            None,
            vec![
                at(
                    "TF004",
                    "error",
                    "TF004/deep-typo/main.tf",
                    (30, 13),
                    (30, 23),
                ),
                at(
                    "TF004",
                    "error",
                    "TF004/deep-typo/main.tf",
                    (48, 11),
                    (48, 20),
                ),
            ],
        )
        .messages(
            "TF004",
            &[
                "`range_strt` is not an argument of `path_matcher.route_rules.match_rules.\
                 header_matches.range_match` of `google_compute_url_map`: did you mean \
                 `range_start`?",
                // Three edits from `num_retries`: too far for a suggestion.
                "`num_retry` is not an argument of `path_matcher.route_rules.route_action.\
                 retry_policy` of `google_compute_url_map`",
            ],
        ),
        case(
            "TF004/read-only",
            None,
            vec![
                at("TF004", "error", "TF004/read-only/main.tf", (7, 3), (7, 12)),
                at(
                    "TF004",
                    "error",
                    "TF004/read-only/main.tf",
                    (13, 3),
                    (13, 14),
                ),
            ],
        )
        .messages(
            "TF004",
            &[
                "`self_link` of `google_compute_backend_service` is computed by the provider \
                 and cannot be set",
                "`fingerprint` of `google_compute_url_map` is computed by the provider and \
                 cannot be set",
            ],
        )
        .help("TF004", "remove it"),
        // count, for_each, provider, depends_on, lifecycle, provisioner, timeouts.
        case("TF004/meta-arguments", None, vec![]),
        // `max_in_flight_requests` is only in the google-beta provider.
        case("TF004/beta-fields", None, vec![]),
        // A backend bucket and a data source: no schema data.
        case("TF004/not-covered", None, vec![]),
    ]
}

/// The help names where a misplaced block is allowed, and counts the places past three.
#[test]
fn tf004_help_names_the_allowed_places() {
    let outcome = run_with(&[&path("TF004/trigger")], None);
    let helps: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.help.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        helps[1],
        "`route_action` is a block of `path_matcher.path_rule` and `path_matcher.route_rules`, \
         not of `host_rule`; the provider (v7.45.0) rejects it at `terraform validate`"
    );
    assert_eq!(
        helps[2],
        "valid names here: `header_name`, `header_value` and `replace`; the provider (v7.45.0) \
         rejects it at `terraform validate`"
    );
    let outcome = run_with(&[&path("TF004/dynamic")], None);
    assert_eq!(
        outcome.diagnostics[2].help.as_deref(),
        Some(
            "`header_action` is a block of the resource's top level, \
             `default_route_action.weighted_backend_services`, `path_matcher` and 4 other \
             places, not of `path_matcher.path_rule`; the provider (v7.45.0) rejects it at \
             `terraform validate`"
        )
    );
}

#[test]
fn tf004_unknown_field() {
    check(&cases());
}
