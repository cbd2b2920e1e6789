//! LB008 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // Forwarding rule EXTERNAL_MANAGED, backend service without a scheme under provider `~> 6.0`
        // (EXTERNAL): on the backend service name, label on the forwarding rule scheme.
        case(
            "LB008/trigger",
            None,
            vec![at(
                "LB008",
                "error",
                "LB008/trigger/main.tf",
                (35, 43),
                (35, 48),
            )],
        )
        .messages(
            "LB008",
            &[
                "backend service `google_compute_backend_service.api` has no \
                  `load_balancing_scheme`, so the default `EXTERNAL` of the google provider `~> \
                  6.0` the module requires, but forwarding rule \
                  `google_compute_global_forwarding_rule.main`, which reaches it through url map \
                  `google_compute_url_map.main`, has `load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`; a forwarding rule and the backend services behind it must \
                  use the same load-balancing scheme, and the Compute API rejects the mismatch",
            ],
        )
        .labels(
            "LB008",
            vec![label(
                "LB008/trigger/main.tf",
                (61, 3),
                (61, 45),
                "the forwarding rule's scheme `EXTERNAL_MANAGED`",
            )],
        )
        .help(
            "LB008",
            "give the forwarding rule and the backend service the same `load_balancing_scheme`",
        ),
        // Both EXTERNAL_MANAGED.
        case("LB008/clean", None, vec![]),
        // Two forwarding rules on one url map, two backend services: one finding per backend service
        // per forwarding rule that disagrees.
        case(
            "LB008/explicit",
            None,
            vec![
                at(
                    "LB008",
                    "error",
                    "LB008/explicit/main.tf",
                    (28, 3),
                    (28, 45),
                ),
                at(
                    "LB008",
                    "error",
                    "LB008/explicit/main.tf",
                    (41, 3),
                    (41, 37),
                ),
            ],
        )
        .messages(
            "LB008",
            &[
                "backend service `google_compute_backend_service.api` has `load_balancing_scheme \
                  = \"EXTERNAL_MANAGED\"`, but forwarding rule \
                  `google_compute_global_forwarding_rule.classic`, which reaches it through url \
                  map `google_compute_url_map.main`, has `load_balancing_scheme = \"EXTERNAL\"`; a \
                  forwarding rule and the backend services behind it must use the same \
                  load-balancing scheme, and the Compute API rejects the mismatch",
                "backend service `google_compute_backend_service.static` has \
                  `load_balancing_scheme = \"EXTERNAL\"`, but forwarding rule \
                  `google_compute_global_forwarding_rule.managed`, which reaches it through url \
                  map `google_compute_url_map.main`, has `load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`; a forwarding rule and the backend services behind it must \
                  use the same load-balancing scheme, and the Compute API rejects the mismatch",
            ],
        )
        .labels(
            "LB008",
            vec![
                label(
                    "LB008/explicit/main.tf",
                    (81, 3),
                    (81, 37),
                    "the forwarding rule's scheme `EXTERNAL`",
                ),
                label(
                    "LB008/explicit/main.tf",
                    (93, 3),
                    (93, 45),
                    "the forwarding rule's scheme `EXTERNAL_MANAGED`",
                ),
            ],
        ),
        // The forwarding rule defaults to EXTERNAL (provider `~> 6.0`): label on its name.
        case(
            "LB008/forwarding-rule-default",
            None,
            vec![at(
                "LB008",
                "error",
                "LB008/forwarding-rule-default/main.tf",
                (37, 3),
                (37, 45),
            )],
        )
        .messages(
            "LB008",
            &[
                "backend service `google_compute_backend_service.api` has `load_balancing_scheme \
                  = \"EXTERNAL_MANAGED\"`, but forwarding rule \
                  `google_compute_global_forwarding_rule.main`, which reaches it through url map \
                  `google_compute_url_map.main`, has no `load_balancing_scheme`, so the default \
                  `EXTERNAL` of the google provider `~> 6.0` the module requires; a forwarding \
                  rule and the backend services behind it must use the same load-balancing scheme, \
                  and the Compute API rejects the mismatch",
            ],
        )
        .labels(
            "LB008",
            vec![label(
                "LB008/forwarding-rule-default/main.tf",
                (58, 50),
                (58, 56),
                "this forwarding rule has no `load_balancing_scheme`: `EXTERNAL` by default",
            )],
        ),
        // Provider `~> 8.0`: the default is EXTERNAL_MANAGED, so they agree.
        case("LB008/provider-8", None, vec![]),
        // No provider version, an unknown backend service scheme, an unknown forwarding rule
        // scheme: silent.
        case("LB008/unknown", None, vec![]),
        // A region backend service defaults to INTERNAL; the forwarding rule is INTERNAL_MANAGED.
        case(
            "LB008/region-default",
            None,
            vec![at(
                "LB008",
                "error",
                "LB008/region-default/main.tf",
                (26, 50),
                (26, 55),
            )],
        )
        .messages(
            "LB008",
            &[
                "backend service `google_compute_region_backend_service.api` has no \
                  `load_balancing_scheme`, so the resource's default `INTERNAL`, but forwarding \
                  rule `google_compute_forwarding_rule.main`, which reaches it through url map \
                  `google_compute_region_url_map.main`, has `load_balancing_scheme = \
                  \"INTERNAL_MANAGED\"`; a forwarding rule and the backend services behind it must \
                  use the same load-balancing scheme, and the Compute API rejects the mismatch",
            ],
        )
        .labels(
            "LB008",
            vec![label(
                "LB008/region-default/main.tf",
                (56, 3),
                (56, 45),
                "the forwarding rule's scheme `INTERNAL_MANAGED`",
            )],
        ),
        // With --show-unknown: TF002 where LB008 cannot decide.
        case(
            "LB008/unknown",
            None,
            vec![
                at("TF002", "info", "LB008/unknown/main.tf", (42, 3), (42, 37)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB008 scheme-mismatch cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.other`, to compare it with forwarding rule `google_compute_global_forwarding_rule.main`'s, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB008/unknown/main.tf", (42, 27), (42, 37), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb008_scheme_mismatch() {
    check(&cases());
}
