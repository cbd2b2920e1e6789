//! LB004 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // The scheme EXTERNAL of the forwarding rule in front, through the https proxy.
        case(
            "LB004/trigger",
            None,
            vec![
                at("LB004", "error", "LB004/trigger/main.tf", (54, 3), (60, 4)),
                at("LB004", "error", "LB004/trigger/main.tf", (75, 9), (75, 46)),
                at("LB004", "error", "LB004/trigger/main.tf", (81, 9), (84, 10)),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (95, 11),
                    (98, 12),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (101, 7),
                    (103, 8),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (110, 9),
                    (110, 36),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (113, 11),
                    (113, 37),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (117, 9),
                    (119, 10),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/trigger/main.tf",
                    (120, 9),
                    (123, 10),
                ),
            ],
        )
        .messages(
            "LB004",
            &[
                "`header_action` is not supported by the classic Application Load \
                  Balancer, and `google_compute_url_map.main` is classic: the scheme \
                  `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.match_rules.path_template_match` is not supported by the \
                  classic Application Load Balancer, and `google_compute_url_map.main` \
                  is classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.route_action.retry_policy` is not supported by the \
                  classic Application Load Balancer, and `google_compute_url_map.main` \
                  is classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.match_rules.header_matches.range_match` is not supported \
                  by the classic Application Load Balancer, and \
                  `google_compute_url_map.main` is classic: the scheme `EXTERNAL` of \
                  forwarding rule `google_compute_global_forwarding_rule.https`",
                "`route_rules.header_action` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.match_rules.regex_match` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.match_rules.header_matches.regex_match` is not supported \
                  by the classic Application Load Balancer, and \
                  `google_compute_url_map.main` is classic: the scheme `EXTERNAL` of \
                  forwarding rule `google_compute_global_forwarding_rule.https`",
                "`route_rules.route_action.timeout` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
                "`route_rules.route_action.cors_policy` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
            ],
        )
        .labels(
            "LB004",
            vec![
                label(
                    "LB004/trigger/main.tf",
                    (145, 3),
                    (145, 37),
                    "`EXTERNAL` is the classic Application Load Balancer"
                );
                9
            ],
        ),
        // The same with EXTERNAL_MANAGED.
        case("LB004/clean", None, vec![]),
        // No scheme anywhere, google provider ~> 6.0: classic by default, so warnings.
        case(
            "LB004/provider-6",
            None,
            vec![
                at(
                    "LB004",
                    "warning",
                    "LB004/provider-6/main.tf",
                    (63, 3),
                    (69, 4),
                ),
                at(
                    "LB004",
                    "warning",
                    "LB004/provider-6/main.tf",
                    (84, 9),
                    (87, 10),
                ),
            ],
        )
        .messages(
            "LB004",
            &[
                "`header_action` is not supported by the classic Application Load \
                  Balancer, and `google_compute_url_map.main` is classic: no \
                  `load_balancing_scheme`, so the default `EXTERNAL` of the google \
                  provider `~> 6.0` the module requires",
                "`path_rule.route_action.retry_policy` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: no `load_balancing_scheme`, so the default `EXTERNAL` of the \
                  google provider `~> 6.0` the module requires",
            ],
        )
        .labels(
            "LB004",
            vec![
                label(
                    "LB004/provider-6/main.tf",
                    (5, 17),
                    (5, 25),
                    "google provider versions before 8.0 default `load_balancing_scheme` to \
                  `EXTERNAL` (classic)"
                );
                2
            ],
        )
        .help(
            "LB004",
            "`load_balancing_scheme = \"EXTERNAL_MANAGED\"` on the backend services \
          and the global forwarding rule, or remove `",
        ),
        // The same with ~> 8.0: EXTERNAL_MANAGED by default.
        case("LB004/provider-8", None, vec![]),
        // No scheme and no provider version: unknown, silent.
        case("LB004/no-version", None, vec![]),
        // The same with `[platform] provider_version = "7.10.0"`: warnings, no label.
        case(
            "LB004/no-version",
            Some("LB004/provider-7.toml"),
            vec![
                at(
                    "LB004",
                    "warning",
                    "LB004/no-version/main.tf",
                    (54, 3),
                    (60, 4),
                ),
                at(
                    "LB004",
                    "warning",
                    "LB004/no-version/main.tf",
                    (75, 9),
                    (78, 10),
                ),
            ],
        )
        .messages(
            "LB004",
            &[
                "`header_action` is not supported by the classic Application Load \
                  Balancer, and `google_compute_url_map.main` is classic: no \
                  `load_balancing_scheme`, so the default `EXTERNAL` of google provider \
                  7.10.0 (`[platform] provider_version`)",
                "`path_rule.route_action.retry_policy` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: no `load_balancing_scheme`, so the default `EXTERNAL` of \
                  google provider 7.10.0 (`[platform] provider_version`)",
            ],
        )
        .labels("LB004", vec![]),
        // The forwarding rule's scheme is set but unknown: the provider default does not apply.
        case("LB004/unknown-scheme", None, vec![]),
        // The scheme of the backend services; weighted_backend_services is a warning.
        case(
            "LB004/backend-scheme",
            None,
            vec![
                at(
                    "LB004",
                    "warning",
                    "LB004/backend-scheme/main.tf",
                    (56, 5),
                    (59, 6),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/backend-scheme/main.tf",
                    (63, 7),
                    (69, 8),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/backend-scheme/main.tf",
                    (71, 5),
                    (76, 6),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/backend-scheme/main.tf",
                    (77, 5),
                    (79, 6),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/backend-scheme/main.tf",
                    (91, 5),
                    (93, 6),
                ),
            ],
        )
        .messages(
            "LB004",
            &[
                "`default_route_action.weighted_backend_services` is most likely not \
                  supported by the classic Application Load Balancer, and \
                  `google_compute_url_map.main` is classic: the scheme `EXTERNAL` of \
                  backend service `google_compute_backend_service.web`",
                "`default_route_action.weighted_backend_services.header_action` is not \
                  supported by the classic Application Load Balancer, and \
                  `google_compute_url_map.main` is classic: the scheme `EXTERNAL` of \
                  backend service `google_compute_backend_service.web`",
                "`default_route_action.fault_injection_policy` is not supported by the \
                  classic Application Load Balancer, and `google_compute_url_map.main` \
                  is classic: the scheme `EXTERNAL` of backend service \
                  `google_compute_backend_service.web`",
                "`default_route_action.request_mirror_policy` is not supported by the \
                  classic Application Load Balancer, and `google_compute_url_map.main` \
                  is classic: the scheme `EXTERNAL` of backend service \
                  `google_compute_backend_service.web`",
                "`path_matcher.header_action` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of backend service \
                  `google_compute_backend_service.web`",
            ],
        )
        .labels(
            "LB004",
            vec![
                label(
                    "LB004/backend-scheme/main.tf",
                    (28, 3),
                    (28, 37),
                    "`EXTERNAL` is the classic Application Load Balancer"
                );
                5
            ],
        ),
        // http_keep_alive_timeout_sec on the proxy of a classic url map.
        case(
            "LB004/keep-alive",
            None,
            vec![at(
                "LB004",
                "error",
                "LB004/keep-alive/main.tf",
                (55, 3),
                (55, 36),
            )],
        )
        .messages(
            "LB004",
            &["`http_keep_alive_timeout_sec` on \
                  `google_compute_target_https_proxy.main` is not supported by the \
                  classic Application Load Balancer, and its url map \
                  `google_compute_url_map.main` is classic: the scheme `EXTERNAL` of \
                  forwarding rule `google_compute_global_forwarding_rule.https`"],
        )
        .labels(
            "LB004",
            vec![label(
                "LB004/keep-alive/main.tf",
                (60, 3),
                (60, 37),
                "`EXTERNAL` is the classic Application Load Balancer",
            )],
        )
        .help("LB004", "or remove `http_keep_alive_timeout_sec`"),
        // A misplaced header_action: LB001 and LB004 both.
        case(
            "LB004/misplaced",
            None,
            vec![
                at(
                    "LB001",
                    "error",
                    "LB004/misplaced/main.tf",
                    (67, 9),
                    (69, 10),
                ),
                at(
                    "LB004",
                    "error",
                    "LB004/misplaced/main.tf",
                    (67, 9),
                    (69, 10),
                ),
            ],
        )
        .messages(
            "LB001",
            &[
                "`header_action` is not allowed in `path_rule.route_action`: the \
                  provider rejects it as an unsupported block, and GCP would never apply \
                  it",
            ],
        )
        .messages(
            "LB004",
            &[
                "`path_rule.route_action.header_action` is not supported by the classic \
                  Application Load Balancer, and `google_compute_url_map.main` is \
                  classic: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.https`",
            ],
        )
        .labels(
            "LB004",
            vec![label(
                "LB004/misplaced/main.tf",
                (91, 3),
                (91, 37),
                "`EXTERNAL` is the classic Application Load Balancer",
            )],
        ),
        // A regular expression: switching to EXTERNAL_MANAGED would not help.
        case(
            "LB004/regex",
            None,
            vec![at("LB004", "error", "LB004/regex/main.tf", (67, 9), (67, 36))],
        )
        .messages(
            "LB004",
            &["`route_rules.match_rules.regex_match` is not supported by the classic Application \
               Load Balancer"],
        )
        .help(
            "LB004",
            "the global external Application Load Balancer does not take regular expressions \
             either: match with `prefix_match` or `full_path_match`",
        ),
        // Region url maps are never classic.
        case("LB004/region", None, vec![]),
        // With --show-unknown: TF002 where LB004 cannot decide.
        case(
            "LB004/unknown-scheme",
            None,
            vec![
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (40, 43), (40, 48)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (52, 43), (52, 48)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (68, 3), (74, 4)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (89, 9), (89, 46)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (95, 9), (98, 10)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (109, 11), (112, 12)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (115, 7), (117, 8)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (124, 9), (124, 36)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (127, 11), (127, 37)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (131, 9), (133, 10)),
                at("TF002", "info", "LB004/unknown-scheme/main.tf", (134, 9), (137, 10)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB008 scheme-mismatch cannot decide here: it needs the load-balancing scheme of forwarding rule `google_compute_global_forwarding_rule.https`, to compare it with `google_compute_backend_service.web`'s, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB008 scheme-mismatch cannot decide here: it needs the load-balancing scheme of forwarding rule `google_compute_global_forwarding_rule.https`, to compare it with `google_compute_backend_service.api`'s, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
                label("LB004/unknown-scheme/main.tf", (159, 27), (159, 37), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb004_classic_lb_unsupported() {
    check(&cases());
}
