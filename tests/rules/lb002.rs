//! LB002 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // response_headers_to_add { header_value = "{client_country}" }: the span is the
        // placeholder inside the string.
        case(
            "LB002/trigger",
            None,
            vec![at(
                "LB002",
                "warning",
                "LB002/trigger/main.tf",
                (68, 25),
                (68, 41),
            )],
        )
        .messages(
            "LB002",
            &[
                "`{client_country}` is not a header variable GCP defines; the header value would \
               carry this text literally or be rejected",
            ],
        )
        .help("LB002", "`[websocket] header_variables`"),
        case("LB002/clean", None, vec![]),
        // `[websocket] header_variables = ["client_country"]` extends the list.
        case("LB002/trigger", Some("LB002/header-variables.toml"), vec![]),
        // "{{client_country}}" is literal text.
        case("LB002/escaped", None, vec![]),
        // Plain literal: exact span; with an escape or an interpolation: the whole string.
        case(
            "LB002/string-forms",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (72, 33),
                    (72, 49),
                ),
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (77, 24),
                    (77, 46),
                ),
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (82, 24),
                    (82, 64),
                ),
            ],
        ),
        // "X-Client-Country:  {client_country}" in custom_response_headers: the span skips
        // the name, the colon and both spaces.
        case(
            "LB002/custom-header",
            None,
            vec![at(
                "LB002",
                "warning",
                "LB002/custom-header/main.tf",
                (48, 25),
                (48, 41),
            )],
        )
        .messages(
            "LB002",
            &["`{client_country}` is not a header variable GCP defines; the custom header"],
        ),
        // With --show-unknown: TF002 where LB002 cannot decide.
        case(
            "LB002/unknown",
            None,
            vec![
                at("TF002", "info", "LB002/unknown/main.tf", (20, 3), (20, 46)),
                at("TF002", "info", "LB002/unknown/main.tf", (20, 3), (20, 46)),
                at("TF002", "info", "LB002/unknown/main.tf", (34, 7), (34, 39)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB002 header-variable-unknown cannot decide here: it needs the custom headers of `google_compute_backend_service.web`, to check their {variables}, which is unknown before apply (variable without value: variable `custom_headers` has no default and no value: no variable definitions file, `TF_VAR_custom_headers` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the `custom_request_headers` of `google_compute_backend_service.web`, to check each header, which is unknown before apply (variable without value: variable `custom_headers` has no default and no value: no variable definitions file, `TF_VAR_custom_headers` or `--var` sets it)",
                "LB002 header-variable-unknown cannot decide here: it needs this `header_value` of `google_compute_url_map.main`, to check its {variables}, which is unknown before apply (variable without value: variable `region_header` has no default and no value: no variable definitions file, `TF_VAR_region_header` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB002/unknown/main.tf", (20, 28), (20, 46), "unknown here: variable without value"),
                label("LB002/unknown/main.tf", (20, 28), (20, 46), "unknown here: variable without value"),
                label("LB002/unknown/main.tf", (34, 22), (34, 39), "unknown here: variable without value"),
            ],
        ),
        // Without --show-unknown: nothing at all.
        case("LB002/unknown", None, vec![]),
    ]
}

#[test]
fn lb002_header_variable_unknown() {
    check(&cases());
}
