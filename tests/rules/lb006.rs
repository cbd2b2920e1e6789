//! LB006 cases.

use crate::harness::*;

macro_rules! star {
    ($path:literal) => {
        concat!(
            "path `",
            $path,
            "` has a `*` other than a trailing `/*`; GCP allows `*` only as the last character, \
             right after a `/`, and rejects the url map when it is applied"
        )
    };
}

macro_rules! query {
    ($path:literal, $c:literal) => {
        concat!(
            "path `",
            $path,
            "` contains `",
            $c,
            "`; GCP matches paths without the query string and fragment, allows neither `?` nor \
             `#` in a path rule path, and rejects the url map when it is applied"
        )
    };
}

fn e(dir: &str, start: (usize, usize), end: (usize, usize)) -> Finding {
    at(
        "LB006",
        "error",
        &format!("LB006/{dir}/main.tf"),
        start,
        end,
    )
}

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // paths = ["/api*"]: the span is the `*`.
        case(
            "LB006/trigger",
            None,
            vec![e("trigger", (66, 23), (66, 24))],
        )
        .messages("LB006", &[star!("/api*")])
        .help("LB006", "end the path with `/*` (as in `/videos/*`"),
        // paths = ["/api/*"].
        case("LB006/clean", None, vec![]),
        // One finding per bad path, at the offending character when the literal is verbatim;
        // "/ok/*" and "/*" are valid.
        case(
            "LB006/path-syntax",
            None,
            vec![
                e("path-syntax", (71, 9), (71, 16)),
                e("path-syntax", (72, 17), (72, 18)),
                e("path-syntax", (73, 15), (73, 16)),
                e("path-syntax", (74, 13), (74, 14)),
                e("path-syntax", (75, 17), (75, 18)),
                e("path-syntax", (76, 17), (76, 18)),
                // "/\"quoted\"/*?": an escape, so the whole item; the `*` comes before the `?`.
                e("path-syntax", (79, 9), (79, 25)),
                // "/${local.section}*": a template, so the whole item.
                e("path-syntax", (80, 9), (80, 29)),
            ],
        )
        .messages(
            "LB006",
            &[
                "path `api/*` does not start with `/`; GCP requires every path rule path to begin \
                 with `/` and rejects the url map when it is applied",
                query!("/search?q=1", "?"),
                query!("/docs#top", "#"),
                star!("/a/*/b"),
                star!("/videos*"),
                star!("/files/**"),
                star!("/\"quoted\"/*?"),
                star!("/shop*"),
            ],
        ),
        // "/api" twice in one path rule, "/api/*" in two path rules.
        case(
            "LB006/duplicate-path",
            None,
            vec![
                e("duplicate-path", (66, 36), (66, 42)),
                e("duplicate-path", (71, 27), (71, 35)),
            ],
        )
        .messages(
            "LB006",
            &[
                "path `/api` appears twice in path matcher `main`; GCP allows each path only once \
                 per path matcher and rejects the url map when it is applied",
                "path `/api/*` appears twice in path matcher `main`; GCP allows each path only \
                 once per path matcher and rejects the url map when it is applied",
            ],
        )
        .labels(
            "LB006",
            vec![
                label(
                    "LB006/duplicate-path/main.tf",
                    (66, 18),
                    (66, 24),
                    "first listed here",
                ),
                label(
                    "LB006/duplicate-path/main.tf",
                    (66, 26),
                    (66, 34),
                    "first listed here",
                ),
            ],
        )
        .help("LB006", "remove one of them"),
        // Priorities 10, 20, 10: the second `priority = 10` statement.
        case(
            "LB006/duplicate-priority",
            None,
            vec![e("duplicate-priority", (82, 7), (82, 20))],
        )
        .messages(
            "LB006",
            &[
                "route rule priority 10 is used twice in path matcher `main`; priorities must be \
               unique within a path matcher, and GCP rejects the url map when it is applied",
            ],
        )
        .labels(
            "LB006",
            vec![label(
                "LB006/duplicate-priority/main.tf",
                (66, 7),
                (66, 20),
                "first used here",
            )],
        )
        .help("LB006", "give each route rule its own priority"),
        // 0 and 2147483647 are fine; -1, 2147483648 and 1.5 are not.
        case(
            "LB006/priority-range",
            None,
            vec![
                e("priority-range", (74, 18), (74, 20)),
                e("priority-range", (90, 18), (90, 28)),
                e("priority-range", (98, 18), (98, 21)),
            ],
        )
        .messages(
            "LB006",
            &[
                "route rule priority -1 is outside the range GCP accepts, 0 to 2147483647",
                "route rule priority 2147483648 is outside the range GCP accepts, 0 to 2147483647",
                "route rule priority 1.5 is not a whole number; GCP accepts whole numbers from 0 \
                 to 2147483647",
            ],
        ),
        // A path_rule and a route_rules block in one path matcher.
        case(
            "LB006/both-kinds",
            None,
            vec![e("both-kinds", (70, 5), (70, 16))],
        )
        .messages(
            "LB006",
            &[
                "path matcher `main` has both `path_rule` and `route_rules` blocks; GCP accepts \
               only one of the two in a path matcher and rejects the url map when it is applied",
            ],
        )
        .labels(
            "LB006",
            vec![label(
                "LB006/both-kinds/main.tf",
                (65, 5),
                (65, 14),
                "the first path rule",
            )],
        )
        .help("LB006", "or keep only one of the two kinds"),
        // google_compute_region_url_map is checked the same way.
        case(
            "LB006/region-url-map",
            None,
            vec![e("region-url-map", (19, 24), (19, 25))],
        )
        .messages("LB006", &[star!("/api/*/v1")]),
        // Known duplicates are reported even with unknown paths or priorities between them.
        case(
            "LB006/known-beside-unknown",
            None,
            vec![
                e("known-beside-unknown", (84, 18), (84, 26)),
                e("known-beside-unknown", (110, 7), (110, 20)),
            ],
        )
        .messages(
            "LB006",
            &[
                "path `/api/*` appears twice in path matcher `paths`; GCP allows each path only \
                 once per path matcher and rejects the url map when it is applied",
                "route rule priority 10 is used twice in path matcher `priorities`; priorities \
                 must be unique within a path matcher, and GCP rejects the url map when it is \
                 applied",
            ],
        )
        .labels(
            "LB006",
            vec![
                label(
                    "LB006/known-beside-unknown/main.tf",
                    (74, 18),
                    (74, 26),
                    "first listed here",
                ),
                label(
                    "LB006/known-beside-unknown/main.tf",
                    (94, 7),
                    (94, 20),
                    "first used here",
                ),
            ],
        ),
        // Unknown paths (a variable, a list with an unknown element) next to a known "/api/*";
        // unknown and non-numeric ("high" twice) priorities; a path_rule next to a dynamic
        // "route_rules" over an unknown list.
        case("LB006/unknown", None, vec![]),
        // With --show-unknown: TF002 where LB006 cannot decide (and WS001 for the routes
        // whose paths are unknown); none for the priorities that are not numbers.
        case(
            "LB006/unknown",
            None,
            vec![
                at("TF002", "info", "LB006/unknown/main.tf", (71, 7), (71, 26)),
                at("TF002", "info", "LB006/unknown/main.tf", (71, 7), (71, 26)),
                at("TF002", "info", "LB006/unknown/main.tf", (76, 7), (76, 41)),
                at("TF002", "info", "LB006/unknown/main.tf", (76, 7), (76, 41)),
                at("TF002", "info", "LB006/unknown/main.tf", (91, 7), (91, 36)),
                at("TF002", "info", "LB006/unknown/main.tf", (99, 7), (99, 37)),
            ],
        )
        .show_unknown()
        .messages(
            "TF002",
            &[
                "WS001 ws-timeout-missing cannot decide here: it needs the paths or header matches that select this route, to tell whether it carries WebSockets, which is unknown before apply (variable without value: variable `paths` has no default and no value: no variable definitions file, `TF_VAR_paths` or `--var` sets it)",
                "LB006 path-rule-invalid cannot decide here: it needs the paths of this path rule of path matcher `paths`, which is unknown before apply (variable without value: variable `paths` has no default and no value: no variable definitions file, `TF_VAR_paths` or `--var` sets it)",
                "WS001 ws-timeout-missing cannot decide here: it needs the paths or header matches that select this route, to tell whether it carries WebSockets, which is unknown before apply (unknown value: `paths` is not a list of strings)",
                "LB006 path-rule-invalid cannot decide here: it needs the paths of this path rule of path matcher `paths`, which is unknown before apply (unknown value: `paths` is not a list of strings)",
                "LB006 path-rule-invalid cannot decide here: it needs the priority of this route rule of path matcher `priorities`, which is unknown before apply (variable without value: variable `first_priority` has no default and no value: no variable definitions file, `TF_VAR_first_priority` or `--var` sets it)",
                "LB006 path-rule-invalid cannot decide here: it needs the priority of this route rule of path matcher `priorities`, which is unknown before apply (variable without value: variable `second_priority` has no default and no value: no variable definitions file, `TF_VAR_second_priority` or `--var` sets it)",
            ],
        )
        .labels(
            "TF002",
            vec![
                label("LB006/unknown/main.tf", (71, 17), (71, 26), "unknown here: variable without value"),
                label("LB006/unknown/main.tf", (71, 17), (71, 26), "unknown here: variable without value"),
                label("LB006/unknown/main.tf", (76, 17), (76, 41), "unknown here: unknown value"),
                label("LB006/unknown/main.tf", (76, 17), (76, 41), "unknown here: unknown value"),
                label("LB006/unknown/main.tf", (91, 18), (91, 36), "unknown here: variable without value"),
                label("LB006/unknown/main.tf", (99, 18), (99, 37), "unknown here: variable without value"),
            ],
        ),
    ]
}

#[test]
fn lb006_path_rule_invalid() {
    check(&cases());
}
