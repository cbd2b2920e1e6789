//! TF003 cases.

use crate::harness::*;

const TERRAFORM: &str = "Terraform stops with \"Reference to undeclared resource\"";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // A typo in a path rule's service: the closest backend service is suggested.
        case(
            "TF003/trigger",
            None,
            vec![at(
                "TF003",
                "warning",
                "TF003/trigger/main.tf",
                (47, 17),
                (47, 55),
            )],
        )
        .messages(
            "TF003",
            &["`service` names `google_compute_backend_service.caht`, which this module does not \
               declare"],
        )
        .help(
            "TF003",
            "did you mean `google_compute_backend_service.chat`? Terraform stops with \
             \"Reference to undeclared resource\"",
        ),
        case("TF003/clean", None, vec![]),
        // A backend's `group`.
        case(
            "TF003/group",
            None,
            vec![at(
                "TF003",
                "warning",
                "TF003/group/main.tf",
                (17, 13),
                (17, 65),
            )],
        )
        .messages(
            "TF003",
            &["`group` names `google_compute_region_network_endpoint_group.chta`, which this \
               module does not declare"],
        )
        .help(
            "TF003",
            "did you mean `google_compute_region_network_endpoint_group.chat`?",
        ),
        // A target proxy's `url_map`.
        case(
            "TF003/url-map",
            None,
            vec![at(
                "TF003",
                "warning",
                "TF003/url-map/main.tf",
                (54, 13),
                (54, 43),
            )],
        )
        .messages(
            "TF003",
            &["`url_map` names `google_compute_url_map.mian`, which this module does not declare"],
        )
        .help("TF003", "did you mean `google_compute_url_map.main`?"),
        // No backend service named `static`, but a backend bucket is.
        case(
            "TF003/other-type",
            None,
            vec![at(
                "TF003",
                "warning",
                "TF003/other-type/main.tf",
                (57, 17),
                (57, 57),
            )],
        )
        .messages(
            "TF003",
            &["`service` names `google_compute_backend_service.static`, which this module does \
               not declare"],
        )
        .help("TF003", "did you mean `google_compute_backend_bucket.static`?"),
        // Nothing close: no suggestion.
        case(
            "TF003/no-suggestion",
            None,
            vec![at(
                "TF003",
                "warning",
                "TF003/no-suggestion/main.tf",
                (47, 17),
                (47, 59),
            )],
        )
        .help(
            "TF003",
            "declare `google_compute_backend_service.payments` in this module or fix the \
             reference; Terraform stops with \"Reference to undeclared resource\"",
        ),
        // Url map and path matcher default_service, a route rule's service, a weighted
        // backend service (too far from `chat` for a suggestion).
        case(
            "TF003/all-places",
            None,
            vec![
                at(
                    "TF003",
                    "warning",
                    "TF003/all-places/main.tf",
                    (35, 21),
                    (35, 59),
                ),
                at(
                    "TF003",
                    "warning",
                    "TF003/all-places/main.tf",
                    (44, 23),
                    (44, 60),
                ),
                at(
                    "TF003",
                    "warning",
                    "TF003/all-places/main.tf",
                    (48, 18),
                    (48, 57),
                ),
                at(
                    "TF003",
                    "warning",
                    "TF003/all-places/main.tf",
                    (69, 29),
                    (69, 72),
                ),
            ],
        )
        .messages(
            "TF003",
            &[
                "`default_service` names `google_compute_backend_service.chta`",
                "`default_service` names `google_compute_backend_service.cht`",
                "`service` names `google_compute_backend_service.chats`",
                "`backend_service` names `google_compute_backend_service.chat_beta`",
            ],
        )
        .help("TF003", TERRAFORM),
        // Module outputs, data sources, variables and non-google types: silent.
        case("TF003/unknown", None, vec![]),
        // The resource is declared in a file that does not parse: lblint cannot tell.
        case(
            "TF003/broken-file",
            None,
            vec![at("TF001", "error", "TF003/broken-file/api.tf", (5, 17), (5, 21))],
        ),
        // With --show-unknown: TF002 where TF003 cannot decide.
        case(
            "TF003/unknown-condition",
            None,
            vec![
                at("TF002", "info", "TF003/unknown-condition/main.tf", (25, 21), (25, 111)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "TF003 unresolved-reference cannot decide here: it needs the resource this `default_service` names, to tell whether it is declared, which is unknown before apply (variable without value: variable `blue` has no default and no value: no variable definitions file, `TF_VAR_blue` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("TF003/unknown-condition/main.tf", (25, 21), (25, 29), "unknown here: variable without value"),
            ],
        ),
        // Without --show-unknown: nothing at all.
        case("TF003/unknown-condition", None, vec![]),
        // A value unknown as a whole names no resource of this module: no TF002.
        case("TF003/unknown", None, vec![]).show_unknown(),
    ]
}

#[test]
fn tf003_unresolved_reference() {
    check(&cases());
}
