//! The rules: one file each, one registry. Each rule's documentation is
//! `rules/<CODE>.md` at the top of the repository, embedded in the binary.

mod headers;
mod lb001;
mod lb002;
mod lb003;
mod lb004;
mod lb005;
mod lb006;
mod lb007;
mod lb008;
mod origin;
mod tf001;
mod tf002;
mod tf003;
mod tf004;
mod tf005;
mod tf006;
mod tf007;
mod tf008;
mod websocket;
mod ws001;
mod ws002;
mod ws003;
mod ws004;
mod ws005;
mod ws006;
mod ws007;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::{Span, SyntaxError};
pub use websocket::WsRoute;

/// The code of TF002 undecidable, which the summaries count apart.
pub const UNDECIDABLE: &str = "TF002";

/// What a rule sees: the model, the evaluated configuration and the files that did not parse.
pub struct Context<'a> {
    pub model: &'a Model,
    pub config: &'a Config,
    pub syntax_errors: &'a [SyntaxError],
    /// The WebSocket routes of the model, computed once for all rules.
    pub ws_routes: Vec<WsRoute<'a>>,
    /// `--show-unknown`: rules report where an unknown value kept them from deciding
    /// (TF002, see [`Context::undecidable`]).
    pub show_unknown: bool,
    /// The module's files, for rules computing the text edits of a fix (with the helpers of
    /// [`crate::fix::text`]); empty when nothing may be edited.
    pub sources: crate::fix::Sources<'a>,
}

impl<'a> Context<'a> {
    pub fn new(model: &'a Model, config: &'a Config, syntax_errors: &'a [SyntaxError]) -> Self {
        Context {
            model,
            config,
            syntax_errors,
            ws_routes: websocket::ws_routes(model, config),
            show_unknown: false,
            sources: crate::fix::Sources::default(),
        }
    }

    /// TF002: `rule` cannot decide at `span` because `needed` is unknown, for the reason
    /// and at the place `unknown` gives (when one is known). Nothing unless `--show-unknown`
    /// asked for it, or when `rule` is turned off.
    pub fn undecidable(
        &self,
        rule: &Rule,
        span: Span,
        needed: &str,
        unknown: Option<&crate::eval::Unknown>,
        out: &mut Vec<Diagnostic>,
    ) {
        if !self.show_unknown || self.config.severity_of(rule.code, rule.severity).is_none() {
            return;
        }
        out.push(tf002::diagnostic(rule, span, needed, unknown));
    }
}

pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// The rule's Markdown page.
    pub doc: &'static str,
    pub check: fn(&Context, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A diagnostic of this rule at its default severity.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.code,
            name: self.name,
            severity: self.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }
}

pub static REGISTRY: &[&Rule] = &[
    &tf001::RULE,
    &tf002::RULE,
    &tf003::RULE,
    &tf004::RULE,
    &tf005::RULE,
    &tf006::RULE,
    &tf007::RULE,
    &tf008::RULE,
    &ws001::RULE,
    &ws002::RULE,
    &ws003::RULE,
    &ws004::RULE,
    &ws005::RULE,
    &ws006::RULE,
    &ws007::RULE,
    &lb001::RULE,
    &lb002::RULE,
    &lb003::RULE,
    &lb004::RULE,
    &lb005::RULE,
    &lb006::RULE,
    &lb007::RULE,
    &lb008::RULE,
];

/// Looks a rule up by code (case-insensitive) or name.
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// The rule whose code or name is nearest to a misspelt `typed` (case-insensitive
/// Damerau-Levenshtein distance to the code or the name), with that distance.
pub fn nearest(typed: &str) -> (&'static Rule, usize) {
    let typed = typed.to_ascii_lowercase();
    REGISTRY
        .iter()
        .copied()
        .map(|r| {
            let code = strsim::damerau_levenshtein(&typed, &r.code.to_ascii_lowercase());
            (r, code.min(strsim::damerau_levenshtein(&typed, r.name)))
        })
        .min_by_key(|&(_, d)| d)
        .expect("the registry is not empty")
}

/// Runs every rule over one module.
pub fn check(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in REGISTRY {
        let first = out.len();
        (rule.check)(ctx, &mut out);
        tf002::once_per_place(&mut out, first);
    }
    merge_instances(out)
}

/// Instances of a resource (`count`, `for_each`) share their block's spans, so a rule can
/// report the same finding at the same place once per instance. Findings with the same code,
/// span and message are one (labels kept once each, the first help); findings whose messages
/// differ (most name the instance, `type.name["key"]`) stay apart, one per instance.
fn merge_instances(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    let mut at: std::collections::HashMap<(&'static str, Span, String), usize> =
        std::collections::HashMap::new();
    for d in diags {
        match at.entry((d.code, d.span, d.message.clone())) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = &mut merged[*e.get()];
                for l in d.labels {
                    if !first.labels.contains(&l) {
                        first.labels.push(l);
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(merged.len());
                merged.push(d);
            }
        }
    }
    merged
}

/// Merges diagnostics that share code and primary span, keeping every label once. Rules
/// that report a statement affecting several routes use it to give one finding per
/// statement with a label per route.
pub(crate) fn merge_by_span(diags: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
    let mut merged: Vec<Diagnostic> = Vec::new();
    let mut at: std::collections::HashMap<(&'static str, Span), usize> =
        std::collections::HashMap::new();
    for d in diags {
        match at.get(&(d.code, d.span)) {
            Some(&i) => {
                for l in d.labels {
                    if !merged[i].labels.contains(&l) {
                        merged[i].labels.push(l);
                    }
                }
            }
            None => {
                at.insert((d.code, d.span), merged.len());
                merged.push(d);
            }
        }
    }
    out.extend(merged);
}
