//! LB002 header-variable-unknown: a `{name}` placeholder GCP does not define.

use super::headers::{split_custom_header, unknown_placeholders};
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Text;

pub static RULE: Rule = Rule {
    code: "LB002",
    name: "header-variable-unknown",
    severity: Severity::Warning,
    summary: "a header value uses a {variable} GCP does not define",
    doc: include_str!("../../rules/LB002.md"),
    check,
};

/// Where a header value stands: a header action's `header_value`, or a backend service's
/// `"Name: value"` custom header (whose value starts after the colon).
#[derive(Clone, Copy)]
enum Source {
    HeaderValue,
    CustomHeader,
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<(Text, Source)> = Vec::new();
    for um in &ctx.model.url_maps {
        // Misplaced header actions too: their values are wrong wherever the block ends up.
        let placed = um.header_actions().into_iter().map(|h| h.action);
        let misplaced = um.misplaced_header_actions.iter().map(|m| &m.action);
        for action in placed.chain(misplaced) {
            for add in action
                .request_headers_to_add
                .iter()
                .chain(&action.response_headers_to_add)
            {
                if let Some(text) = add.value.as_ref().and_then(|v| v.text()) {
                    texts.push((text, Source::HeaderValue));
                }
                if let Some(v) = &add.value {
                    if let Err(u) = &v.value {
                        let needed = format!(
                            "this `header_value` of `{}`, to check its {{variables}}",
                            um.address
                        );
                        ctx.undecidable(&RULE, v.span, &needed, Some(u), out);
                    }
                }
            }
        }
    }
    for bs in &ctx.model.backend_services {
        for list in [&bs.custom_request_headers, &bs.custom_response_headers]
            .into_iter()
            .flatten()
        {
            if let Err(u) = &list.value {
                let needed = format!(
                    "the custom headers of `{}`, to check their {{variables}}",
                    bs.address
                );
                ctx.undecidable(&RULE, list.span, &needed, Some(u), out);
            }
            for item in list.known().into_iter().flatten() {
                texts.push((item.text(), Source::CustomHeader));
            }
        }
    }
    for (text, source) in texts {
        let (value, offset, what) = match source {
            Source::CustomHeader => match split_custom_header(text.value) {
                Some((_, v, at)) => (v, at, "custom header"),
                None => continue,
            },
            Source::HeaderValue => (text.value, 0, "header value"),
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
