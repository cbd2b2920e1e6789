//! LB006 path-rule-invalid: path rules and route rules that the Compute API rejects when the
//! url map is applied, though the provider lets them through `terraform plan`.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{PathMatcher, Text};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB006",
    name: "path-rule-invalid",
    severity: Severity::Error,
    summary: "a path rule path, a route rule priority, or path_rule mixed with route_rules, that GCP rejects at apply",
    doc: include_str!("../../rules/LB006.md"),
    check,
};

/// The largest priority the API accepts.
const MAX_PRIORITY: f64 = 2_147_483_647.0;

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for um in &ctx.model.url_maps {
        for pm in &um.path_matchers {
            let matcher = match pm.name.as_ref().and_then(|n| n.known()) {
                Some(name) => format!("path matcher `{name}`"),
                None => "this path matcher".to_string(),
            };
            both_kinds(pm, &matcher, out);
            paths(pm, &matcher, out);
            priorities(pm, &matcher, out);
            undecided(ctx, pm, &matcher, out);
        }
    }
}

/// TF002 for each `paths` and `priority` whose value LB006 cannot check.
fn undecided(ctx: &Context, pm: &PathMatcher, matcher: &str, out: &mut Vec<Diagnostic>) {
    for pr in &pm.path_rules {
        if let Some(p) = &pr.paths {
            if let Err(u) = &p.value {
                let needed = format!("the paths of this path rule of {matcher}");
                ctx.undecidable(&RULE, p.span, &needed, Some(u), out);
            }
        }
    }
    for rr in &pm.route_rules {
        if let Some(p) = &rr.priority {
            // A value that is not a number at all (`"high"`) is known: the provider reports it.
            let not_a_number = |u: &crate::eval::Unknown| {
                u.cause == crate::eval::Cause::Other
                    && u.span == Some(p.value_span)
                    && u.reason == "`priority` is not a number"
            };
            if let Some(u) = p.value.as_ref().err().filter(|u| !not_a_number(u)) {
                let needed = format!("the priority of this route rule of {matcher}");
                ctx.undecidable(&RULE, p.span, &needed, Some(u), out);
            }
        }
    }
}

/// `path_rule` and `route_rules` in one path matcher.
fn both_kinds(pm: &PathMatcher, matcher: &str, out: &mut Vec<Diagnostic>) {
    let (Some(pr), Some(rr)) = (pm.path_rules.first(), pm.route_rules.first()) else {
        return;
    };
    out.push(
        RULE.diagnostic(
            rr.ident_span,
            format!(
                "{matcher} has both `path_rule` and `route_rules` blocks; GCP accepts only one of \
                 the two in a path matcher and rejects the url map when it is applied"
            ),
        )
        .label(pr.ident_span, "the first path rule")
        .help(
            "write the path rules as `route_rules` whose `match_rules` use `full_path_match` (an \
             exact path) or `prefix_match` (a prefix), or keep only one of the two kinds",
        ),
    );
}

/// The syntax of each known path, and paths listed twice.
fn paths(pm: &PathMatcher, matcher: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, Span)> = Vec::new();
    for pr in &pm.path_rules {
        let Some(items) = pr.paths.as_ref().and_then(|p| p.known()) else {
            continue;
        };
        for item in items {
            let text = item.text();
            if let Some(d) = syntax(text) {
                out.push(d);
            }
            match seen.iter().find(|(p, _)| *p == text.value) {
                Some(&(_, first)) => out.push(
                    RULE.diagnostic(
                        text.span,
                        format!(
                            "path `{}` appears twice in {matcher}; GCP allows each path only once \
                             per path matcher and rejects the url map when it is applied",
                            text.value
                        ),
                    )
                    .label(first, "first listed here")
                    .help(
                        "remove one of them; when they are in path rules with different services, \
                         keep the one whose service should get the path",
                    ),
                ),
                None => seen.push((text.value, text.span)),
            }
        }
    }
}

/// The first rule of path syntax that a path breaks, if any.
fn syntax(text: Text) -> Option<Diagnostic> {
    let path = text.value;
    if !path.starts_with('/') {
        return Some(
            RULE.diagnostic(
                text.span,
                format!(
                    "path `{path}` does not start with `/`; GCP requires every path rule path to \
                     begin with `/` and rejects the url map when it is applied"
                ),
            )
            .help(format!("write it as `/{path}`")),
        );
    }
    for (i, c) in path.char_indices() {
        let span = text.sub_span(i, i + c.len_utf8());
        match c {
            '?' | '#' => {
                return Some(
                    RULE.diagnostic(
                        span,
                        format!(
                            "path `{path}` contains `{c}`; GCP matches paths without the query \
                             string and fragment, allows neither `?` nor `#` in a path rule path, \
                             and rejects the url map when it is applied"
                        ),
                    )
                    .help(
                        "drop the query string or fragment; to route on query parameters, use \
                         `route_rules` with `match_rules.query_parameter_matches`",
                    ),
                );
            }
            '*' if i + 1 != path.len() || !path[..i].ends_with('/') => {
                return Some(
                    RULE.diagnostic(
                        span,
                        format!(
                            "path `{path}` has a `*` other than a trailing `/*`; GCP allows `*` \
                             only as the last character, right after a `/`, and rejects the url \
                             map when it is applied"
                        ),
                    )
                    .help(
                        "to match everything under a prefix, end the path with `/*` (as in \
                         `/videos/*`, which does not match `/videos` itself)",
                    ),
                );
            }
            _ => {}
        }
    }
    None
}

/// Route rule priorities: whole numbers in range, unique within the path matcher.
fn priorities(pm: &PathMatcher, matcher: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(f64, Span)> = Vec::new();
    for rr in &pm.route_rules {
        let Some(setting) = &rr.priority else {
            continue;
        };
        let Some(&value) = setting.known() else {
            continue;
        };
        if !value.is_finite() || value.fract() != 0.0 {
            out.push(RULE.diagnostic(
                setting.value_span,
                format!(
                    "route rule priority {value} is not a whole number; GCP accepts whole numbers \
                     from 0 to 2147483647"
                ),
            ));
        } else if !(0.0..=MAX_PRIORITY).contains(&value) {
            out.push(RULE.diagnostic(
                setting.value_span,
                format!(
                    "route rule priority {value} is outside the range GCP accepts, 0 to 2147483647"
                ),
            ));
        }
        match seen.iter().find(|(p, _)| *p == value) {
            Some(&(_, first)) => out.push(
                RULE.diagnostic(
                    setting.span,
                    format!(
                        "route rule priority {value} is used twice in {matcher}; priorities must \
                         be unique within a path matcher, and GCP rejects the url map when it is \
                         applied"
                    ),
                )
                .label(first, "first used here")
                .help(
                    "give each route rule its own priority; the lowest number is evaluated first, \
                     and gaps (10, 20, 30) leave room for rules added later",
                ),
            ),
            None => seen.push((value, setting.span)),
        }
    }
}
