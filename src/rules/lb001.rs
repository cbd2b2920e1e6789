//! LB001 header-action-misplaced: a `header_action` where the provider rejects it.

use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Place;

pub static RULE: Rule = Rule {
    code: "LB001",
    name: "header-action-misplaced",
    severity: Severity::Error,
    summary: "a header_action stands where the provider rejects it",
    doc: include_str!("../../rules/LB001.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for um in &ctx.model.url_maps {
        for m in &um.misplaced_header_actions {
            let advice = match m.place {
                Place::PathRule | Place::PathRuleRouteAction => {
                    "for headers on these paths, use a `route_rules` block with its own `header_action`, or put the `header_action` inside `route_action.weighted_backend_services`"
                }
                Place::RouteRuleRouteAction => {
                    "move the `header_action` up into the route rule itself, next to its `route_action`, or put it inside `route_action.weighted_backend_services`"
                }
                Place::HostRule => "for headers on this host, put the `header_action` in the `path_matcher` the host rule names",
                Place::DefaultRouteAction
                | Place::MatcherDefaultRouteAction
                | Place::Other(_) => "put the `header_action` inside the route action's `weighted_backend_services`, or on the enclosing path matcher or url map",
            };
            out.push(
                RULE.diagnostic(
                    m.action.span,
                    format!(
                        "`header_action` is not allowed in `{}`: the provider rejects it as an unsupported block, and GCP would never apply it",
                        m.place
                    ),
                )
                .help(format!(
                    "{advice}; `header_action` is allowed at the url map's top level, in `path_matcher`, in `path_matcher.route_rules`, and in `weighted_backend_services`"
                )),
            );
        }
    }
}
