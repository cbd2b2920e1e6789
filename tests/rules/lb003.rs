//! LB003 cases.

use crate::harness::*;

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // The staging outage: a serverless backend service with "Connection: upgrade" and
        // "Upgrade: websocket": one warning per entry, on the name inside each string.
        case(
            "LB003/trigger",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/trigger/main.tf",
                    (29, 6),
                    (29, 16),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/trigger/main.tf",
                    (30, 6),
                    (30, 13),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.chat` sets \
                  `Connection`, which Google's docs say custom headers must not use on a global \
                  external Application Load Balancer (`load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`): it is a hop-by-hop header, which the target proxy does \
                  not pass on; the proxy handles the WebSocket upgrade itself, so this header does \
                  nothing for WebSockets",
                "`custom_request_headers` of `google_compute_backend_service.chat` sets \
                  `Upgrade`, which Google's docs say custom headers must not use on a global \
                  external Application Load Balancer (`load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`): it is a hop-by-hop header, which the target proxy does \
                  not pass on; the proxy handles the WebSocket upgrade itself, so this header does \
                  nothing for WebSockets",
            ],
        )
        .help(
            "LB003",
            "remove this header: WebSockets work through the load balancer without it",
        ),
        // The same backend service with a custom header GCP accepts.
        case("LB003/clean", None, vec![]),
        // No colon, nothing before the colon (whole entry); a space or `(` in the name, in a
        // backend service list and in a header action; an empty `header_name`.
        case(
            "LB003/malformed",
            None,
            vec![
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (34, 5),
                    (34, 17),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (35, 5),
                    (35, 16),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (36, 6),
                    (36, 14),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (39, 31),
                    (39, 40),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (52, 23),
                    (52, 28),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/malformed/main.tf",
                    (57, 22),
                    (57, 24),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "custom header `X-No-Colon` in `custom_request_headers` of \
                  `google_compute_backend_service.api` has no colon; GCP requires each entry in \
                  the form `Name: value`",
                "custom header `: no name` in `custom_request_headers` of \
                  `google_compute_backend_service.api` has no name before the colon; GCP requires \
                  each entry in the form `Name: value`",
                "header name `X Spaced` in `custom_request_headers` of \
                  `google_compute_backend_service.api` is not a valid HTTP header name: ' ' is not \
                  allowed; GCP requires a header field name as defined by RFC 7230",
                "header name `Bad(Name)` in `custom_response_headers` of \
                  `google_compute_backend_service.api` is not a valid HTTP header name: `(` is not \
                  allowed; GCP requires a header field name as defined by RFC 7230",
                "header name `X Bad` in `request_headers_to_add` of the top-level header action \
                  of `google_compute_url_map.main` is not a valid HTTP header name: ' ' is not \
                  allowed; GCP requires a header field name as defined by RFC 7230",
                "a header in `request_headers_to_add` of the top-level header action of \
                  `google_compute_url_map.main` has an empty `header_name`; GCP requires a header \
                  name",
            ],
        ),
        // A name twice in one list, ignoring case: the second is the finding, the first a label.
        // The same name in the response list, or in `response_headers_to_add`, is not a repeat. The
        // first `Upgrade` is reported as refused, its repeat only as a repeat (one finding per entry).
        case(
            "LB003/duplicate",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/duplicate/main.tf",
                    (35, 6),
                    (35, 13),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/duplicate/main.tf",
                    (36, 6),
                    (36, 14),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/duplicate/main.tf",
                    (37, 6),
                    (37, 13),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/duplicate/main.tf",
                    (57, 23),
                    (57, 28),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `Upgrade`, which Google's docs say custom headers must not use on a global \
                  external Application Load Balancer (`load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`): it is a hop-by-hop header, which the target proxy does \
                  not pass on; the proxy handles the WebSocket upgrade itself, so this header does \
                  nothing for WebSockets",
                "header `x-tenant` appears twice in `custom_request_headers` of \
                  `google_compute_backend_service.api` (first as `X-Tenant`; header names are \
                  case-insensitive); GCP allows each header name only once",
                "header `upgrade` appears twice in `custom_request_headers` of \
                  `google_compute_backend_service.api` (first as `Upgrade`; header names are \
                  case-insensitive); GCP allows each header name only once",
                "header `X-Env` appears twice in `request_headers_to_add` of the top-level \
                  header action of `google_compute_url_map.main`; GCP allows each header name only \
                  once",
            ],
        )
        .labels(
            "LB003",
            vec![
                label(
                    "LB003/duplicate/main.tf",
                    (34, 6),
                    (34, 14),
                    "first set here",
                ),
                label(
                    "LB003/duplicate/main.tf",
                    (35, 6),
                    (35, 13),
                    "first set here",
                ),
                label(
                    "LB003/duplicate/main.tf",
                    (52, 23),
                    (52, 28),
                    "first set here",
                ),
            ],
        ),
        // Classic: CDN-Loop, Proxy-Authorization and X-Goog- are refused; Host, authority and an
        // empty value are not.
        case(
            "LB003/classic",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/classic/main.tf",
                    (34, 6),
                    (34, 14),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/classic/main.tf",
                    (35, 6),
                    (35, 25),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/classic/main.tf",
                    (38, 6),
                    (38, 18),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `CDN-Loop`, which Google's docs say custom headers must not use on a classic \
                  Application Load Balancer (`load_balancing_scheme = \"EXTERNAL\"`): Google Cloud \
                  reserves this name",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `Proxy-Authorization`, which Google's docs say custom headers must not use on a \
                  classic Application Load Balancer (`load_balancing_scheme = \"EXTERNAL\"`): it \
                  is a hop-by-hop header, which the target proxy does not pass on",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `X-Goog-Thing`, which Google's docs say custom headers must not use on a classic \
                  Application Load Balancer (`load_balancing_scheme = \"EXTERNAL\"`): names \
                  starting with `X-Goog-` are reserved",
            ],
        ),
        // Global external: authority and Keep-Alive are refused on the backend service, Host is
        // not; Host in the url map header action is (scheme from the backend services); empty values
        // are allowed.
        case(
            "LB003/global-external",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/global-external/main.tf",
                    (35, 6),
                    (35, 15),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/global-external/main.tf",
                    (36, 6),
                    (36, 16),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/global-external/main.tf",
                    (51, 23),
                    (51, 27),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `authority`, which Google's docs say custom headers must not use on a global \
                  external Application Load Balancer (`load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`): Google Cloud reserves it on Envoy-based load balancers \
                  and the header cannot be changed",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `Keep-Alive`, which Google's docs say custom headers must not use on a global \
                  external Application Load Balancer (`load_balancing_scheme = \
                  \"EXTERNAL_MANAGED\"`): it is a hop-by-hop header, which the target proxy does \
                  not pass on",
                "`request_headers_to_add` of the top-level header action of \
                  `google_compute_url_map.main` sets `Host`, which Google's docs say custom \
                  headers must not use on a global external Application Load Balancer (the scheme \
                  `EXTERNAL_MANAGED` of backend service `google_compute_backend_service.api`): \
                  Google Cloud reserves it on Envoy-based load balancers and the header cannot be \
                  changed",
            ],
        ),
        // Every header action GCP applies: top level, path matcher, route rule, weighted backend
        // service (scheme from the forwarding rule).
        case(
            "LB003/header-action-places",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/header-action-places/main.tf",
                    (45, 23),
                    (45, 33),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/header-action-places/main.tf",
                    (62, 25),
                    (62, 39),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/header-action-places/main.tf",
                    (78, 27),
                    (78, 39),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/header-action-places/main.tf",
                    (99, 31),
                    (99, 46),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`request_headers_to_add` of the top-level header action of \
                  `google_compute_url_map.main` sets `X-Goog-Top`, which Google's docs say custom \
                  headers must not use on a global external Application Load Balancer (the scheme \
                  `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_global_forwarding_rule.main`): names starting with `X-Goog-` are \
                  reserved",
                "`response_headers_to_add` of the header action of path matcher `main` of \
                  `google_compute_url_map.main` sets `X-Goog-Matcher`, which Google's docs say \
                  custom headers must not use on a global external Application Load Balancer (the \
                  scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_global_forwarding_rule.main`): names starting with `X-Goog-` are \
                  reserved",
                "`request_headers_to_add` of the header action of route rule 1 of path matcher \
                  `main` of `google_compute_url_map.main` sets `X-Goog-Route`, which Google's docs \
                  say custom headers must not use on a global external Application Load Balancer \
                  (the scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_global_forwarding_rule.main`): names starting with `X-Goog-` are \
                  reserved",
                "`request_headers_to_add` of a `weighted_backend_services` header action in \
                  route rule 2 of path matcher `main` of `google_compute_url_map.main` sets \
                  `X-Goog-Weighted`, which Google's docs say custom headers must not use on a \
                  global external Application Load Balancer (the scheme `EXTERNAL_MANAGED` of \
                  forwarding rule `google_compute_global_forwarding_rule.main`): names starting \
                  with `X-Goog-` are reserved",
            ],
        ),
        // Regional external: Host and X-User-IP refused (warnings), CDN-Loop and
        // Proxy-Authorization not listed; an empty and a missing value are errors.
        case(
            "LB003/regional-external",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/regional-external/main.tf",
                    (47, 23),
                    (47, 27),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/regional-external/main.tf",
                    (63, 22),
                    (63, 24),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/regional-external/main.tf",
                    (66, 5),
                    (69, 6),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/regional-external/main.tf",
                    (71, 23),
                    (71, 32),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`request_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` sets `Host`, which Google's docs say custom \
                  headers must not use on a regional external Application Load Balancer (the \
                  scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`): Google Cloud reserves it on Envoy-based \
                  load balancers and the header cannot be changed",
                "header `X-Empty` in `request_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` has an empty value; a regional external \
                  Application Load Balancer (the scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`) rejects empty header values",
                "header `X-Absent` in `request_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` has an empty value; a regional external \
                  Application Load Balancer (the scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`) rejects empty header values",
                "`response_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` sets `X-User-IP`, which Google's docs say \
                  custom headers must not use on a regional external Application Load Balancer \
                  (the scheme `EXTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`): Google Cloud reserves this name",
            ],
        ),
        // Regional internal: an empty value is a warning (unconfirmed); authority refused;
        // Proxy-Authenticate not listed.
        case(
            "LB003/regional-internal",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/regional-internal/main.tf",
                    (48, 22),
                    (48, 24),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/regional-internal/main.tf",
                    (52, 23),
                    (52, 32),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "header `X-Empty` in `request_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` has an empty value; on a regional internal \
                  Application Load Balancer (the scheme `INTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`) an empty header value is probably \
                  rejected, as it is on the regional external Application Load Balancer (Google's \
                  docs do not say)",
                "`request_headers_to_add` of the top-level header action of \
                  `google_compute_region_url_map.main` sets `authority`, which Google's docs say \
                  custom headers must not use on a regional internal Application Load Balancer \
                  (the scheme `INTERNAL_MANAGED` of forwarding rule \
                  `google_compute_forwarding_rule.main`): Google Cloud reserves it on Envoy-based \
                  load balancers and the header cannot be changed",
            ],
        ),
        // Scheme unknown: only names refused on every type (X-User-IP, the prefixes, hop-by-hop);
        // CDN-Loop, Host, authority, Proxy-Authenticate and the empty value stay silent.
        case(
            "LB003/unknown-scheme",
            None,
            vec![
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (36, 6),
                    (36, 15),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (37, 6),
                    (37, 20),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (38, 6),
                    (38, 17),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (39, 6),
                    (39, 16),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (40, 6),
                    (40, 23),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (41, 6),
                    (41, 8),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (42, 6),
                    (42, 13),
                ),
                at(
                    "LB003",
                    "warning",
                    "LB003/unknown-scheme/main.tf",
                    (61, 23),
                    (61, 33),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `X-User-IP`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): Google Cloud reserves this name",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `X-Google-Thing`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): names starting with `X-Google` are \
                  reserved",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `X-GFE-Thing`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): names starting with `X-GFE` are \
                  reserved",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `X-Amz-Date`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): names starting with `X-Amz-` are \
                  reserved",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `Transfer-Encoding`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): it is a hop-by-hop header, which the \
                  target proxy does not pass on",
                "`custom_request_headers` of `google_compute_backend_service.api` sets `TE`, \
                  which Google's docs say custom headers must not use on any Application Load \
                  Balancer (lblint cannot tell the load-balancing scheme, so it reports only names \
                  refused on every type): it is a hop-by-hop header, which the target proxy does \
                  not pass on",
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `Trailer`, which Google's docs say custom headers must not use on any \
                  Application Load Balancer (lblint cannot tell the load-balancing scheme, so it \
                  reports only names refused on every type): it is a hop-by-hop header, which the \
                  target proxy does not pass on",
                "`request_headers_to_add` of the top-level header action of \
                  `google_compute_url_map.main` sets `Keep-Alive`, which Google's docs say custom \
                  headers must not use on any Application Load Balancer (lblint cannot tell the \
                  load-balancing scheme, so it reports only names refused on every type): it is a \
                  hop-by-hop header, which the target proxy does not pass on",
            ],
        ),
        // Unknown list, unknown header name, unknown value on a regional external load balancer:
        // silent.
        case("LB003/unknown-values", None, vec![]),
        // No scheme, provider `~> 6.0`: classic; the message says so.
        case(
            "LB003/provider-default",
            None,
            vec![at(
                "LB003",
                "warning",
                "LB003/provider-default/main.tf",
                (42, 6),
                (42, 14),
            )],
        )
        .messages(
            "LB003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.api` sets \
                  `CDN-Loop`, which Google's docs say custom headers must not use on a classic \
                  Application Load Balancer (no `load_balancing_scheme`, so the default `EXTERNAL` \
                  of the google provider `~> 6.0` the module requires): Google Cloud reserves this \
                  name",
            ],
        ),
        // Custom headers on a region backend service: one error per attribute, none per entry.
        case(
            "LB003/region-backend-service",
            None,
            vec![
                at(
                    "LB003",
                    "error",
                    "LB003/region-backend-service/main.tf",
                    (34, 3),
                    (34, 52),
                ),
                at(
                    "LB003",
                    "error",
                    "LB003/region-backend-service/main.tf",
                    (35, 3),
                    (35, 54),
                ),
            ],
        )
        .messages(
            "LB003",
            &[
                "`google_compute_region_backend_service.api` sets `custom_request_headers`, \
                  which `google_compute_region_backend_service` does not have: only the global \
                  `google_compute_backend_service` takes custom headers, and Terraform rejects the \
                  argument",
                "`google_compute_region_backend_service.api` sets `custom_response_headers`, \
                  which `google_compute_region_backend_service` does not have: only the global \
                  `google_compute_backend_service` takes custom headers, and Terraform rejects the \
                  argument",
            ],
        ),
        // INTERNAL_SELF_MANAGED is not an Application Load Balancer: no name or value checks, but a
        // repeated name is still reported.
        case(
            "LB003/service-mesh",
            None,
            vec![at(
                "LB003",
                "error",
                "LB003/service-mesh/main.tf",
                (40, 6),
                (40, 18),
            )],
        )
        .messages(
            "LB003",
            &[
                "header `x-goog-thing` appears twice in `custom_request_headers` of \
                  `google_compute_backend_service.api` (first as `X-Goog-Thing`; header names are \
                  case-insensitive); GCP allows each header name only once",
            ],
        )
        .labels(
            "LB003",
            vec![label(
                "LB003/service-mesh/main.tf",
                (38, 6),
                (38, 18),
                "first set here",
            )],
        ),
        // With --show-unknown: TF002 where LB003 cannot decide.
        case(
            "LB003/unknown-values",
            None,
            vec![
                at("TF002", "info", "LB003/unknown-values/main.tf", (48, 3), (48, 39)),
                at("TF002", "info", "LB003/unknown-values/main.tf", (48, 3), (48, 39)),
                at("TF002", "info", "LB003/unknown-values/main.tf", (63, 7), (63, 38)),
                at("TF002", "info", "LB003/unknown-values/main.tf", (63, 7), (63, 38)),
                at("TF002", "info", "LB003/unknown-values/main.tf", (67, 7), (67, 37)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB002 header-variable-unknown cannot decide here: it needs the custom headers of `google_compute_backend_service.global`, to check their {variables}, which is unknown before apply (variable without value: variable `headers` has no default and no value: no variable definitions file, `TF_VAR_headers` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the `custom_request_headers` of `google_compute_backend_service.global`, to check each header, which is unknown before apply (variable without value: variable `headers` has no default and no value: no variable definitions file, `TF_VAR_headers` or `--var` sets it)",
                "LB002 header-variable-unknown cannot decide here: it needs this `header_value` of `google_compute_region_url_map.main`, to check its {variables}, which is unknown before apply (variable without value: variable `header_value` has no default and no value: no variable definitions file, `TF_VAR_header_value` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the `header_value` of `X-Empty-Maybe` in `request_headers_to_add` of the top-level header action of `google_compute_region_url_map.main`, to tell whether it is empty, which is unknown before apply (variable without value: variable `header_value` has no default and no value: no variable definitions file, `TF_VAR_header_value` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs a `header_name` in `request_headers_to_add` of the top-level header action of `google_compute_region_url_map.main`, to check it, which is unknown before apply (variable without value: variable `header_name` has no default and no value: no variable definitions file, `TF_VAR_header_name` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB003/unknown-values/main.tf", (48, 28), (48, 39), "unknown here: variable without value"),
                label("LB003/unknown-values/main.tf", (48, 28), (48, 39), "unknown here: variable without value"),
                label("LB003/unknown-values/main.tf", (63, 22), (63, 38), "unknown here: variable without value"),
                label("LB003/unknown-values/main.tf", (63, 22), (63, 38), "unknown here: variable without value"),
                label("LB003/unknown-values/main.tf", (67, 22), (67, 37), "unknown here: variable without value"),
            ],
        ),
        // With --show-unknown: TF002 where LB003 cannot decide.
        case(
            "LB003/unknown-scheme",
            None,
            vec![
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (36, 6), (36, 15)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (37, 6), (37, 20)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (38, 6), (38, 17)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (39, 6), (39, 16)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (40, 6), (40, 23)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (41, 6), (41, 8)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (42, 6), (42, 13)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (43, 6), (43, 14)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (44, 6), (44, 10)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (45, 6), (45, 15)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (46, 6), (46, 24)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (47, 6), (47, 13)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (59, 3), (70, 4)),
                at("LB003", "warning", "LB003/unknown-scheme/main.tf", (61, 23), (61, 33)),
                at("TF002", "info", "LB003/unknown-scheme/main.tf", (66, 23), (66, 27)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.api`, to tell whether header `CDN-Loop` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.api`, to tell whether header `Host` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.api`, to tell whether header `authority` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.api`, to tell whether header `Proxy-Authenticate` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_backend_service.api`, to tell whether header `X-Empty` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB004 classic-lb-unsupported cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether it is the classic Application Load Balancer, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
                "LB003 custom-header-invalid cannot decide here: it needs the load-balancing scheme of `google_compute_url_map.main`, to tell whether header `Host` is allowed there, which is unknown before apply (variable without value: variable `scheme` has no default and no value: no variable definitions file, `TF_VAR_scheme` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
                label("LB003/unknown-scheme/main.tf", (30, 27), (30, 37), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb003_custom_header_invalid() {
    check(&cases());
}
