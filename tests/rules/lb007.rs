//! LB007 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // EXTERNAL_MANAGED: on the backend service (its own attribute) and the url map (the forwarding rule).
        case(
            "LB007/trigger",
            None,
            vec![
                at("LB007", "error", "LB007/trigger/main.tf", (34, 3), (36, 4)),
                at("LB007", "error", "LB007/trigger/main.tf", (63, 9), (65, 10)),
            ],
        )
        .messages(
            "LB007",
            &[
                "`max_stream_duration` on `google_compute_backend_service.web` is only \
                  allowed with the `INTERNAL_SELF_MANAGED` load-balancing scheme, and \
                  the scheme here is not that: `load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`",
                "`route_rules.route_action.max_stream_duration` on \
                  `google_compute_url_map.main` is only allowed with the \
                  `INTERNAL_SELF_MANAGED` load-balancing scheme, and the scheme here is \
                  not that: the scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_global_forwarding_rule.http`",
            ],
        )
        .labels(
            "LB007",
            vec![
                label(
                    "LB007/trigger/main.tf",
                    (28, 3),
                    (28, 45),
                    "the scheme `EXTERNAL_MANAGED` is decided here",
                ),
                label(
                    "LB007/trigger/main.tf",
                    (78, 3),
                    (78, 45),
                    "the scheme `EXTERNAL_MANAGED` is decided here",
                ),
            ],
        )
        .help(
            "LB007",
            "remove `max_stream_duration`: it is for Cloud Service Mesh",
        ),
        // The same with INTERNAL_SELF_MANAGED.
        case("LB007/clean", None, vec![]),
        // Classic: LB007 only, not LB004 as well.
        case(
            "LB007/classic",
            None,
            vec![
                at("LB007", "error", "LB007/classic/main.tf", (33, 3), (35, 4)),
                at("LB007", "error", "LB007/classic/main.tf", (62, 9), (64, 10)),
            ],
        )
        .messages(
            "LB007",
            &[
                "`max_stream_duration` on `google_compute_backend_service.web` is only \
                  allowed with the `INTERNAL_SELF_MANAGED` load-balancing scheme, and \
                  the scheme here is not that: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.http`",
                "`route_rules.route_action.max_stream_duration` on \
                  `google_compute_url_map.main` is only allowed with the \
                  `INTERNAL_SELF_MANAGED` load-balancing scheme, and the scheme here is \
                  not that: the scheme `EXTERNAL` of forwarding rule \
                  `google_compute_global_forwarding_rule.http`",
            ],
        )
        .labels(
            "LB007",
            vec![
                label(
                    "LB007/classic/main.tf",
                    (77, 3),
                    (77, 37),
                    "the scheme `EXTERNAL` is decided here"
                );
                2
            ],
        ),
        // No scheme, google provider ~> 8.0: EXTERNAL_MANAGED by default.
        case(
            "LB007/provider-8",
            None,
            vec![
                at(
                    "LB007",
                    "error",
                    "LB007/provider-8/main.tf",
                    (42, 3),
                    (44, 4),
                ),
                at(
                    "LB007",
                    "error",
                    "LB007/provider-8/main.tf",
                    (71, 9),
                    (73, 10),
                ),
            ],
        )
        .messages(
            "LB007",
            &[
                "`max_stream_duration` on `google_compute_backend_service.web` is only \
                  allowed with the `INTERNAL_SELF_MANAGED` load-balancing scheme, and \
                  the scheme here is not that: no `load_balancing_scheme`, so the \
                  default `EXTERNAL_MANAGED` of the google provider `~> 8.0` the module \
                  requires",
                "`route_rules.route_action.max_stream_duration` on \
                  `google_compute_url_map.main` is only allowed with the \
                  `INTERNAL_SELF_MANAGED` load-balancing scheme, and the scheme here is \
                  not that: no `load_balancing_scheme`, so the default \
                  `EXTERNAL_MANAGED` of the google provider `~> 8.0` the module requires",
            ],
        )
        .labels(
            "LB007",
            vec![
                label(
                    "LB007/provider-8/main.tf",
                    (5, 17),
                    (5, 25),
                    "the google provider versions allowed here default \
                  `load_balancing_scheme` to `EXTERNAL_MANAGED`"
                );
                2
            ],
        ),
        // No scheme and no provider version: unknown, silent.
        case("LB007/no-version", None, vec![]),
        // The forwarding rule's scheme is set but unknown: silent.
        case("LB007/unknown-scheme", None, vec![]),
        // With --show-unknown: TF002 where LB007 cannot decide.
        case(
            "LB007/unknown-scheme",
            None,
            vec![
                at("TF002", "info", "LB007/unknown-scheme/main.tf", (40, 43), (40, 48)),
                at("TF002", "info", "LB007/unknown-scheme/main.tf", (47, 3), (49, 4)),
                at("TF002", "info", "LB007/unknown-scheme/main.tf", (76, 9), (78, 10)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB008 scheme-mismatch cannot decide here: it needs the load-balancing scheme of forwarding rule `google_compute_global_forwarding_rule.http`, to compare it with `google_compute_backend_service.web`'s, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB007 max-stream-duration-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.web`, to tell whether it is INTERNAL_SELF_MANAGED, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB007 max-stream-duration-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is INTERNAL_SELF_MANAGED, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB007/unknown-scheme/main.tf", (91, 27), (91, 37), "unknown here: variable without value"),
                label("LB007/unknown-scheme/main.tf", (91, 27), (91, 37), "unknown here: variable without value"),
                label("LB007/unknown-scheme/main.tf", (91, 27), (91, 37), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb007_max_stream_duration_unsupported() {
    check(&cases());
}
