//! LB005 cases.

use crate::harness::*;

const TIMEOUT: &str = "`timeout_sec` on `google_compute_backend_service.chat`, whose backends are \
                       serverless NEGs, is refused by the API: \"Timeout sec is not supported for \
                       a backend service with Serverless network endpoint groups\"";
const NEG: &str = "`google_compute_region_network_endpoint_group.chat` is a serverless NEG";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // timeout_sec on a backend service whose NEG serves a Cloud Run v2 service of the
        // module: the help names that service.
        case(
            "LB005/trigger",
            None,
            vec![at(
                "LB005",
                "error",
                "LB005/trigger/main.tf",
                (28, 3),
                (28, 29),
            )],
        )
        .messages("LB005", &[TIMEOUT])
        .labels(
            "LB005",
            vec![label("LB005/trigger/main.tf", (31, 13), (31, 65), NEG)],
        )
        .help(
            "LB005",
            "remove `timeout_sec` and set the Cloud Run request timeout instead, e.g. \
             `template.timeout = \"3600s\"` on `google_cloud_run_v2_service.chat` (Cloud Run \
             allows up to 3600 s)",
        ),
        case("LB005/clean", None, vec![]),
        case(
            "LB005/health-checks",
            None,
            vec![at(
                "LB005",
                "error",
                "LB005/health-checks/main.tf",
                (36, 3),
                (36, 64),
            )],
        )
        .messages(
            "LB005",
            &[
                "`health_checks` on `google_compute_backend_service.chat`, whose backends are \
               serverless NEGs, is refused by the API: \"A backend service cannot have a \
               healthcheck with Serverless network endpoint group backends\"",
            ],
        )
        .labels(
            "LB005",
            vec![label(
                "LB005/health-checks/main.tf",
                (39, 13),
                (39, 65),
                NEG,
            )],
        )
        .help(
            "LB005",
            "remove `health_checks`: the load balancer does not health-check serverless backends",
        ),
        // timeout_sec = null, health_checks = [] or null, backend settings = null: nothing sent.
        case("LB005/null-and-empty", None, vec![]),
        // balancing_mode = "RATE" and max_utilization are refused; capacity_scaler and
        // balancing_mode = "UTILIZATION" are not reported.
        case(
            "LB005/backend-settings",
            None,
            vec![
                at(
                    "LB005",
                    "error",
                    "LB005/backend-settings/main.tf",
                    (31, 5),
                    (31, 29),
                ),
                at(
                    "LB005",
                    "error",
                    "LB005/backend-settings/main.tf",
                    (32, 5),
                    (32, 26),
                ),
            ],
        )
        .messages(
            "LB005",
            &[
                "`balancing_mode` on the serverless NEG backend of \
                 `google_compute_backend_service.chat` is refused by the API: \"Balancing mode is \
                 not supported for Serverless network endpoint groups\"",
                "`max_utilization` on the serverless NEG backend of \
                 `google_compute_backend_service.chat` is refused by the API: \"Max utilization \
                 is not supported for Serverless network endpoint groups\"",
            ],
        )
        .labels(
            "LB005",
            vec![
                label("LB005/backend-settings/main.tf", (30, 23), (30, 75), NEG),
                label("LB005/backend-settings/main.tf", (30, 23), (30, 75), NEG),
            ],
        )
        .help(
            "LB005",
            "a serverless NEG takes no balancing mode or capacity settings (the provider's \
             default balancing mode, UTILIZATION, is accepted)",
        ),
        // Unknown values, and a backend group lblint cannot see: silent.
        case("LB005/unknown", None, vec![]),
        // A v1 Cloud Run service named by its name: the help gives the v1 attribute.
        case(
            "LB005/cloud-run-v1",
            None,
            vec![at(
                "LB005",
                "error",
                "LB005/cloud-run-v1/main.tf",
                (31, 3),
                (31, 31),
            )],
        )
        .messages("LB005", &[TIMEOUT])
        .help(
            "LB005",
            "remove `timeout_sec` and set the Cloud Run request timeout instead, e.g. \
             `template.spec.timeout_seconds = 3600` on `google_cloud_run_service.chat` (Cloud \
             Run allows up to 3600 s)",
        ),
        // The Cloud Run service is not in the module: still refused, the help is generic.
        case(
            "LB005/unresolved-service",
            None,
            vec![at(
                "LB005",
                "error",
                "LB005/unresolved-service/main.tf",
                (16, 3),
                (16, 31),
            )],
        )
        .messages("LB005", &[TIMEOUT])
        .labels(
            "LB005",
            vec![label(
                "LB005/unresolved-service/main.tf",
                (19, 13),
                (19, 65),
                NEG,
            )],
        )
        .help(
            "LB005",
            "remove `timeout_sec` and set the request timeout on the serverless service instead; \
             for Cloud Run that is `template.timeout = \"3600s\"` (`google_cloud_run_v2_service`) \
             or `template.spec.timeout_seconds` (`google_cloud_run_service`)",
        ),
        // With --show-unknown: TF002 where LB005 cannot decide.
        case(
            "LB005/unknown",
            None,
            vec![
                at("TF002", "info", "LB005/unknown/main.tf", (45, 3), (45, 38)),
                at("TF002", "info", "LB005/unknown/main.tf", (46, 3), (46, 44)),
                at("TF002", "info", "LB005/unknown/main.tf", (50, 5), (50, 42)),
                at("TF002", "info", "LB005/unknown/main.tf", (59, 3), (59, 29)),
                at("TF002", "info", "LB005/unknown/main.tf", (63, 5), (63, 26)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB005 serverless-backend-setting cannot decide here: it needs the `timeout_sec` of `google_compute_backend_service.chat`, whose backends are serverless NEGs, which is unknown before apply (variable without value: variable `timeout` has no default and no value: no variable definitions file, `TF_VAR_timeout` or `--var` sets it)",
                "LB005 serverless-backend-setting cannot decide here: it needs the `health_checks` of `google_compute_backend_service.chat`, whose backends are serverless NEGs, which is unknown before apply (variable without value: variable `health_checks` has no default and no value: no variable definitions file, `TF_VAR_health_checks` or `--var` sets it)",
                "LB005 serverless-backend-setting cannot decide here: it needs the `max_utilization` of the serverless NEG backend of `google_compute_backend_service.chat`, which is unknown before apply (variable without value: variable `max_utilization` has no default and no value: no variable definitions file, `TF_VAR_max_utilization` or `--var` sets it)",
                "LB005 serverless-backend-setting cannot decide here: it needs the backend groups of `google_compute_backend_service.other`, to tell whether they are serverless NEGs, which is unknown before apply (variable without value: variable `group` has no default and no value: no variable definitions file, `TF_VAR_group` or `--var` sets it)",
                "LB005 serverless-backend-setting cannot decide here: it needs the backend groups of `google_compute_backend_service.other`, to tell whether they are serverless NEGs, which is unknown before apply (variable without value: variable `group` has no default and no value: no variable definitions file, `TF_VAR_group` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB005/unknown/main.tf", (45, 27), (45, 38), "unknown here: variable without value"),
                label("LB005/unknown/main.tf", (46, 27), (46, 44), "unknown here: variable without value"),
                label("LB005/unknown/main.tf", (50, 23), (50, 42), "unknown here: variable without value"),
                label("LB005/unknown/main.tf", (62, 23), (62, 32), "unknown here: variable without value"),
                label("LB005/unknown/main.tf", (62, 23), (62, 32), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb005_serverless_backend_setting() {
    check(&cases());
}
