//! LB003 custom-header-invalid: backend service custom headers and url map header actions
//! whose names or values the load balancer refuses.

use super::headers::parse_custom_header;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::fix::{self, text};
use crate::model::{BackendService, HeaderSite, HeaderToAdd, ListItem, PathMatcher};
use crate::model::{PlacedHeaderAction, RouteKind, RouteRule, Scheme, SchemeKind, StringList};
use crate::syntax::Span;

pub static RULE: Rule = Rule {
    code: "LB003",
    name: "custom-header-invalid",
    severity: Severity::Error,
    summary: "a custom header is malformed, listed twice, has a name the load balancer refuses, or an empty value where it is rejected",
    doc: include_str!("../../rules/LB003.md"),
    check,
};

/// The kinds of Application Load Balancer whose custom-header rules Google documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lb {
    Classic,
    GlobalExternal,
    RegionalExternal,
    RegionalInternal,
    CrossRegionInternal,
}

impl Lb {
    fn of(regional: bool, scheme: &Scheme) -> Option<Lb> {
        match (regional, &scheme.kind) {
            (false, SchemeKind::External) => Some(Lb::Classic),
            (false, SchemeKind::ExternalManaged) => Some(Lb::GlobalExternal),
            (false, SchemeKind::InternalManaged) => Some(Lb::CrossRegionInternal),
            (true, SchemeKind::ExternalManaged) => Some(Lb::RegionalExternal),
            (true, SchemeKind::InternalManaged) => Some(Lb::RegionalInternal),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Lb::Classic => "classic Application Load Balancer",
            Lb::GlobalExternal => "global external Application Load Balancer",
            Lb::RegionalExternal => "regional external Application Load Balancer",
            Lb::RegionalInternal => "regional internal Application Load Balancer",
            Lb::CrossRegionInternal => "cross-region internal Application Load Balancer",
        }
    }

    fn internal(self) -> bool {
        matches!(self, Lb::RegionalInternal | Lb::CrossRegionInternal)
    }
}

/// What lblint knows about the load balancer a header belongs to.
#[derive(Clone, Copy)]
enum Kind<'a> {
    /// A type the custom-header table covers, and the scheme that decided it.
    Known(Lb, &'a Scheme),
    /// The scheme is unknown: only names refused on every type are reported.
    Unknown,
    /// A scheme outside the table (service mesh, passthrough...): no name or value rules.
    Uncovered,
}

impl<'a> Kind<'a> {
    fn of(regional: bool, scheme: Option<&'a Scheme>) -> Kind<'a> {
        match scheme {
            None => Kind::Unknown,
            Some(s) => match Lb::of(regional, s) {
                Some(lb) => Kind::Known(lb, s),
                None => match s.kind {
                    SchemeKind::Other(_) => Kind::Unknown,
                    _ => Kind::Uncovered,
                },
            },
        }
    }
}

/// A reserved name (or prefix) and why it is refused.
enum Refusal {
    /// Refused on every Application Load Balancer type.
    Reserved,
    Prefix(&'static str),
    HopByHop,
    /// Reserved by Google Cloud on Envoy-based load balancers.
    Envoy,
}

const PREFIXES: [&str; 4] = ["X-Google", "X-Goog-", "X-GFE", "X-Amz-"];
const HOP_BY_HOP: [&str; 6] = [
    "Connection",
    "Keep-Alive",
    "TE",
    "Trailer",
    "Transfer-Encoding",
    "Upgrade",
];

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Why Google's docs refuse a name on this load balancer, if they do. With an unknown
/// type, only the names refused on every type count.
fn refusal(name: &str, kind: Kind, on_url_map: bool) -> Option<Refusal> {
    if matches!(kind, Kind::Uncovered) {
        return None;
    }
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("X-User-IP") {
        return Some(Refusal::Reserved);
    }
    if let Some(p) = PREFIXES.iter().find(|p| starts_with_ci(name, p)) {
        return Some(Refusal::Prefix(p));
    }
    if HOP_BY_HOP.iter().any(|h| is(h)) {
        return Some(Refusal::HopByHop);
    }
    let Kind::Known(lb, _) = kind else {
        return None;
    };
    let classic_or_global = matches!(lb, Lb::Classic | Lb::GlobalExternal);
    if classic_or_global && is("CDN-Loop") {
        return Some(Refusal::Reserved);
    }
    if classic_or_global && (is("Proxy-Authorization") || is("Proxy-Authenticate")) {
        return Some(Refusal::HopByHop);
    }
    if lb != Lb::Classic && is("authority") {
        return Some(Refusal::Envoy);
    }
    // The global external load balancer allows `Host` on backend services (with limits
    // the docs do not spell out), not in url map header actions.
    let host_reserved = match lb {
        Lb::Classic => false,
        Lb::GlobalExternal => on_url_map,
        _ => true,
    };
    if host_reserved && is("Host") {
        return Some(Refusal::Envoy);
    }
    None
}

/// The first character of a header name that is not an RFC 9110 token character.
fn bad_char(name: &str) -> Option<(usize, char)> {
    name.char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for bs in &ctx.model.backend_services {
        for (attr, list) in [
            ("custom_request_headers", &bs.custom_request_headers),
            ("custom_response_headers", &bs.custom_response_headers),
        ] {
            let Some(list) = list else { continue };
            if bs.regional {
                out.push(regional_backend_service(bs, attr, list));
                continue;
            }
            custom_headers(ctx, bs, attr, list, out);
        }
    }
    for um in &ctx.model.url_maps {
        let kind = Kind::of(um.regional, um.scheme.as_ref());
        // Fixes only where each block is one block: no instances, no `dynamic` blocks.
        let fixable = !text::is_instance(&um.address)
            && ctx
                .sources
                .doc(um.span)
                .is_some_and(|doc| !text::has_dynamic(doc, um.span));
        // Misplaced header actions are LB001's.
        for h in um.header_actions() {
            let (level, action) = (describe(&h), h.action);
            for (attr, adds) in [
                ("request_headers_to_add", &action.request_headers_to_add),
                ("response_headers_to_add", &action.response_headers_to_add),
            ] {
                let whence = format!("`{attr}` of {level} of `{}`", um.address);
                header_action_list(ctx, fixable, kind, &whence, adds, out);
            }
        }
    }
}

fn regional_backend_service(bs: &BackendService, attr: &str, list: &StringList) -> Diagnostic {
    RULE.diagnostic(
        list.span,
        format!(
            "`{}` sets `{attr}`, which `google_compute_region_backend_service` does not have: only the global `google_compute_backend_service` takes custom headers, and Terraform rejects the argument",
            bs.address
        ),
    )
    .help(
        "on a regional Application Load Balancer, add headers in the region url map's `header_action` (`request_headers_to_add`, `response_headers_to_add`)",
    )
}

/// The type of load balancer and how the scheme was decided, for messages.
fn on_lb(lb: Lb, scheme: &Scheme) -> String {
    format!("a {} ({})", lb.name(), scheme.describe())
}

/// The fix that removes entry `i` of a custom header list: safe for a hop-by-hop header
/// (the proxy drops it anyway) and for a repeat of an earlier entry with the same value,
/// unsafe for a repeat with another value (which value GCP would have used is not known:
/// it refuses the list). None unless the list is a literal with an own span per entry.
fn remove_entry(
    ctx: &Context,
    bs: &BackendService,
    attr: &str,
    list: &StringList,
    i: usize,
    applicability: Applicability,
) -> Option<Fix> {
    let items = list.known()?;
    if text::is_instance(&bs.address) {
        return None;
    }
    let doc = ctx.sources.doc(list.value_span)?;
    let spans: Vec<Span> = items.iter().map(|it| it.span).collect();
    let message = format!("remove `{}` from `{attr}`", items.get(i)?.value);
    // The last entry takes the attribute with it.
    let edit = if items.len() == 1 {
        text::remove_list_elem(doc, list.value_span, &spans, i)?;
        text::remove_attr(doc, list.span)
    } else {
        text::remove_list_elem(doc, list.value_span, &spans, i)
    };
    fix::single(applicability, message, edit)
}

fn attach(d: Diagnostic, fix: Option<Fix>) -> Diagnostic {
    match fix {
        Some(f) => d.with_fix(f),
        None => d,
    }
}

fn custom_headers(
    ctx: &Context,
    bs: &BackendService,
    attr: &str,
    list: &StringList,
    out: &mut Vec<Diagnostic>,
) {
    let Some(items) = list.known() else { return };
    let kind = Kind::of(false, bs.scheme.as_ref());
    let whence = format!("`{attr}` of `{}`", bs.address);
    let mut seen: Vec<(String, Span)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some((name, start, value)) = split(item) else {
            out.push(
                RULE.diagnostic(
                    item.span,
                    format!(
                        "custom header `{}` in {whence} has no colon; GCP requires each entry in the form `Name: value`",
                        item.value
                    ),
                )
                .help("write the header name, a colon, then the value, as in `X-Client-Region: {client_region}`"),
            );
            continue;
        };
        let name_span = item.text().sub_span(start, start + name.len());
        if name.is_empty() {
            out.push(RULE.diagnostic(
                item.span,
                format!(
                    "custom header `{}` in {whence} has no name before the colon; GCP requires each entry in the form `Name: value`",
                    item.value
                ),
            ));
            continue;
        }
        if let Some(d) = invalid_name(name, name_span, &whence) {
            out.push(d);
            continue;
        }
        if let Some(d) = duplicate(name, name_span, &whence, &mut seen) {
            // The same value as the first entry of that name: nothing is lost.
            let same = items[..i].iter().any(|earlier| {
                split(earlier).is_some_and(|(n, _, v)| n.eq_ignore_ascii_case(name) && v == value)
            });
            let applicability = if same {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            out.push(attach(
                d,
                remove_entry(ctx, bs, attr, list, i, applicability),
            ));
            continue;
        }
        let empty = value.is_empty();
        if let Some(d) = refused_or_empty(kind, false, name, name_span, empty, item.span, &whence) {
            let hop = matches!(refusal(name, kind, false), Some(Refusal::HopByHop));
            let fix = hop
                .then(|| remove_entry(ctx, bs, attr, list, i, Applicability::Safe))
                .flatten();
            out.push(attach(d, fix));
        }
    }
}

/// Splits `Name: value` into the trimmed name, its byte offset, and the trimmed value.
fn split(item: &ListItem) -> Option<(&str, usize, &str)> {
    parse_custom_header(&item.value).map(|h| (h.name, h.name_at, h.value))
}

fn invalid_name(name: &str, span: Span, whence: &str) -> Option<Diagnostic> {
    let (_, c) = bad_char(name)?;
    let shown = if c.is_whitespace() || c.is_control() {
        format!("{c:?}")
    } else {
        format!("`{c}`")
    };
    Some(
        RULE.diagnostic(
            span,
            format!(
                "header name `{name}` in {whence} is not a valid HTTP header name: {shown} is not allowed; GCP requires a header field name as defined by RFC 7230"
            ),
        )
        .help("header names may hold only letters, digits and ``!#$%&'*+-.^_`|~``"),
    )
}

fn duplicate(
    name: &str,
    span: Span,
    whence: &str,
    seen: &mut Vec<(String, Span)>,
) -> Option<Diagnostic> {
    match seen.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        Some((first_name, first)) => Some(
            RULE.diagnostic(
                span,
                if first_name == name {
                    format!("header `{name}` appears twice in {whence}; GCP allows each header name only once")
                } else {
                    format!(
                        "header `{name}` appears twice in {whence} (first as `{first_name}`; header names are case-insensitive); GCP allows each header name only once"
                    )
                },
            )
            .label(*first, "first set here")
            .help("keep one entry; to send several values, join them with commas in one entry"),
        ),
        None => {
            seen.push((name.to_string(), span));
            None
        }
    }
}

/// A refused name, or an empty value where the load balancer rejects it. An empty value that
/// is an error outranks a refused name, which is a warning.
fn refused_or_empty(
    kind: Kind,
    on_url_map: bool,
    name: &str,
    name_span: Span,
    empty: bool,
    value_span: Span,
    whence: &str,
) -> Option<Diagnostic> {
    let empty = empty
        .then(|| empty_value(kind, name, value_span, whence))
        .flatten();
    if let Some(d) = &empty {
        if d.severity == Severity::Error {
            return empty;
        }
    }
    match refusal(name, kind, on_url_map) {
        Some(r) => Some(refused(name, name_span, kind, r, whence)),
        None => empty,
    }
}

fn refused(name: &str, span: Span, kind: Kind, r: Refusal, whence: &str) -> Diagnostic {
    let on = match kind {
        Kind::Known(lb, scheme) => on_lb(lb, scheme),
        _ => "any Application Load Balancer (lblint cannot tell the load-balancing scheme, so it reports only names refused on every type)".to_string(),
    };
    let why = match r {
        Refusal::Reserved => "Google Cloud reserves this name".to_string(),
        Refusal::Prefix(p) => format!("names starting with `{p}` are reserved"),
        Refusal::HopByHop => {
            "it is a hop-by-hop header, which the target proxy does not pass on".to_string()
        }
        Refusal::Envoy => {
            "Google Cloud reserves it on Envoy-based load balancers and the header cannot be changed"
                .to_string()
        }
    };
    let ws = if name.eq_ignore_ascii_case("Connection") || name.eq_ignore_ascii_case("Upgrade") {
        "; the proxy handles the WebSocket upgrade itself, so this header does nothing for WebSockets"
    } else {
        ""
    };
    let mut d = RULE
        .diagnostic(
            span,
            format!(
                "{whence} sets `{name}`, which Google's docs say custom headers must not use on {on}: {why}{ws}"
            ),
        )
        .help(if ws.is_empty() {
            "remove this header, or use a name of your own (for example `X-My-Host` instead of `Host`)"
        } else {
            "remove this header: WebSockets work through the load balancer without it"
        });
    d.severity = Severity::Warning;
    d
}

fn empty_value(kind: Kind, name: &str, span: Span, whence: &str) -> Option<Diagnostic> {
    let Kind::Known(lb, scheme) = kind else {
        return None;
    };
    if lb == Lb::RegionalExternal {
        return Some(
            RULE.diagnostic(
                span,
                format!(
                    "header `{name}` in {whence} has an empty value; {} rejects empty header values",
                    on_lb(lb, scheme)
                ),
            )
            .help("give the header a value, or remove it"),
        );
    }
    if lb.internal() {
        let mut d = RULE
            .diagnostic(
                span,
                format!(
                    "header `{name}` in {whence} has an empty value; on {} an empty header value is probably rejected, as it is on the regional external Application Load Balancer (Google's docs do not say)",
                    on_lb(lb, scheme)
                ),
            )
            .help("give the header a value, or remove it");
        d.severity = Severity::Warning;
        return Some(d);
    }
    None
}

/// The fix that removes a `request_headers_to_add` / `response_headers_to_add` block (as
/// [`remove_entry`] decides its applicability). None for a block a `dynamic` block generates.
fn remove_header_block(
    ctx: &Context,
    add: &HeaderToAdd,
    applicability: Applicability,
) -> Option<Fix> {
    let doc = ctx.sources.doc(add.span)?;
    let ident = doc.slice(add.span).split([' ', '{']).next()?;
    if ident != "request_headers_to_add" && ident != "response_headers_to_add" {
        return None;
    }
    let name = add.name.known()?;
    fix::single(
        applicability,
        format!("remove this `{ident}` block (`{}`)", name.trim()),
        text::remove_block(doc, add.span, ident),
    )
}

/// Whether two header blocks add the same header the same way.
fn same_header(a: &HeaderToAdd, b: &HeaderToAdd) -> bool {
    let value = |h: &HeaderToAdd| h.value.as_ref().map(|v| v.known().cloned());
    let replace = |h: &HeaderToAdd| h.replace.as_ref().map(|r| r.known().copied());
    let known = |h: &HeaderToAdd| {
        h.value.as_ref().is_none_or(|v| v.known().is_some())
            && h.replace.as_ref().is_none_or(|r| r.known().is_some())
    };
    known(a) && known(b) && value(a) == value(b) && replace(a) == replace(b)
}

fn header_action_list(
    ctx: &Context,
    fixable: bool,
    kind: Kind,
    whence: &str,
    adds: &[HeaderToAdd],
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<(String, Span)> = Vec::new();
    for (i, add) in adds.iter().enumerate() {
        let Some(name) = add.name.known() else {
            continue;
        };
        let text = add.name.text().expect("known name");
        let name_trim = name.trim();
        let lead = name.len() - name.trim_start().len();
        let name_span = text.sub_span(lead, lead + name_trim.len());
        if name_trim.is_empty() {
            out.push(RULE.diagnostic(
                add.name.value_span,
                format!(
                    "a header in {whence} has an empty `header_name`; GCP requires a header name"
                ),
            ));
            continue;
        }
        if let Some(d) = invalid_name(name_trim, name_span, whence) {
            out.push(d);
            continue;
        }
        if let Some(d) = duplicate(name_trim, name_span, whence, &mut seen) {
            let same = adds[..i].iter().any(|earlier| {
                earlier
                    .name
                    .known()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(name_trim))
                    && same_header(earlier, add)
            });
            let applicability = if same {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fix = fixable
                .then(|| remove_header_block(ctx, add, applicability))
                .flatten();
            out.push(attach(d, fix));
            continue;
        }
        // No `header_value` sends an empty value; an unknown one is not known to be empty.
        let (empty, value_span) = match &add.value {
            None => (true, add.span),
            Some(v) => (v.known().is_some_and(|s| s.trim().is_empty()), v.value_span),
        };
        if let Some(d) =
            refused_or_empty(kind, true, name_trim, name_span, empty, value_span, whence)
        {
            let hop = matches!(refusal(name_trim, kind, true), Some(Refusal::HopByHop));
            let fix = (hop && fixable)
                .then(|| remove_header_block(ctx, add, Applicability::Safe))
                .flatten();
            out.push(attach(d, fix));
        }
    }
}

/// Where a header action GCP applies stands, in prose, e.g. "the header action of route rule
/// 1 of path matcher `api`".
fn describe(h: &PlacedHeaderAction) -> String {
    match h.site {
        HeaderSite::UrlMap => "the top-level header action".to_string(),
        HeaderSite::PathMatcher(pm) => format!("the header action of {}", matcher(pm)),
        HeaderSite::RouteRule(pm, rr) => format!("the header action of {}", route_rule(pm, rr)),
        HeaderSite::WeightedBackend(ra, _) => {
            let level = match (ra.route.matcher, ra.route.kind) {
                (Some(pm), RouteKind::RouteRule(rr)) => route_rule(pm, rr),
                (Some(pm), _) => matcher(pm),
                (None, _) => "the `default_route_action`".to_string(),
            };
            format!("a `weighted_backend_services` header action in {level}")
        }
    }
}

fn matcher(pm: &PathMatcher) -> String {
    match pm.name.as_ref().and_then(|n| n.known()) {
        Some(n) => format!("path matcher `{n}`"),
        None => "a path matcher".to_string(),
    }
}

fn route_rule(pm: &PathMatcher, rr: &RouteRule) -> String {
    match rr.priority.as_ref().and_then(|p| p.known()) {
        Some(p) => format!("route rule {p} of {}", matcher(pm)),
        None => format!("a route rule of {}", matcher(pm)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens() {
        assert_eq!(bad_char("X-Client_Region.v2~"), None);
        assert_eq!(bad_char("X Spaced"), Some((1, ' ')));
        assert_eq!(bad_char(":authority"), Some((0, ':')));
        assert_eq!(bad_char("Ünicode"), Some((0, 'Ü')));
    }

    #[test]
    fn unknown_scheme_reports_only_names_refused_everywhere() {
        for name in [
            "x-user-ip",
            "X-Goog-A",
            "x-googlebot",
            "X-GFEx",
            "X-Amz-Date",
            "te",
        ] {
            assert!(refusal(name, Kind::Unknown, false).is_some(), "{name}");
        }
        for name in [
            "CDN-Loop",
            "Host",
            "authority",
            "Proxy-Authorization",
            "X-Goo",
            "X-Amz",
        ] {
            assert!(refusal(name, Kind::Unknown, true).is_none(), "{name}");
        }
    }
}
