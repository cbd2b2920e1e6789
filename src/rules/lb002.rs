//! LB002 header-variable-unknown: a `{name}` placeholder GCP does not define.

use super::headers::{split_custom_header, unknown_placeholders};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{HeaderAction, RouteAction, Text, UrlMap};

pub static RULE: Rule = Rule {
    code: "LB002",
    name: "header-variable-unknown",
    severity: Severity::Warning,
    summary: "a header value uses a {variable} GCP does not define",
    doc: include_str!("../../rules/LB002.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<(Text, &str)> = Vec::new();
    for um in &ctx.model.url_maps {
        for action in header_actions(um) {
            for add in action
                .request_headers_to_add
                .iter()
                .chain(&action.response_headers_to_add)
            {
                if let Some(text) = add.value.as_ref().and_then(|v| v.text()) {
                    texts.push((text, "header value"));
                }
            }
        }
    }
    for bs in &ctx.model.backend_services {
        for list in [&bs.custom_request_headers, &bs.custom_response_headers]
            .into_iter()
            .flatten()
        {
            for item in list.known().into_iter().flatten() {
                texts.push((item.text(), "custom header"));
            }
        }
    }
    for (text, what) in texts {
        let (value, offset) = match what {
            "custom header" => match split_custom_header(text.value) {
                Some((_, v, at)) => (v, at),
                None => continue,
            },
            _ => (text.value, 0),
        };
        for p in unknown_placeholders(value, &ctx.config.header_variables) {
            out.push(
                RULE.diagnostic(
                    text.sub_span(offset + p.start, offset + p.end),
                    format!(
                        "`{{{}}}` is not a header variable GCP defines; the {what} would carry this text literally or be rejected",
                        p.name
                    ),
                )
                .help(
                    "GCP variables cannot copy request headers; use one it defines (e.g. `{client_region}`), write `{{` and `}}` for literal braces, or add the name to `[websocket] header_variables` if GCP defines it",
                ),
            );
        }
    }
}

/// Every header action of a url map, misplaced ones included: their values are wrong
/// wherever the block ends up.
fn header_actions(um: &UrlMap) -> Vec<&HeaderAction> {
    fn weighted(ra: Option<&RouteAction>) -> Vec<&HeaderAction> {
        ra.map(|ra| {
            ra.weighted_backend_services
                .iter()
                .filter_map(|w| w.header_action.as_ref())
                .collect()
        })
        .unwrap_or_default()
    }
    let mut out: Vec<&HeaderAction> = Vec::new();
    out.extend(um.header_action.as_ref());
    out.extend(weighted(um.default_route_action.as_ref()));
    for pm in &um.path_matchers {
        out.extend(pm.header_action.as_ref());
        out.extend(weighted(pm.default_route_action.as_ref()));
        for pr in &pm.path_rules {
            out.extend(weighted(pr.route_action.as_ref()));
        }
        for rr in &pm.route_rules {
            out.extend(rr.header_action.as_ref());
            out.extend(weighted(rr.route_action.as_ref()));
        }
    }
    out.extend(um.misplaced_header_actions.iter().map(|m| &m.action));
    out
}
