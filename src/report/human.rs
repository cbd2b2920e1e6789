//! The human format: miette's graphical report with the source snippet and labels.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::syntax::Span;
use crate::Outcome;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;
use std::io::{self, Write};

/// A diagnostic as miette wants it: one source, labels in it, and related notes for labels
/// that point into other files.
#[derive(Debug)]
struct Rendered {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn source_span(span: Span) -> SourceSpan {
    (span.start as usize, span.len()).into()
}

fn rendered(outcome: &Outcome, d: &Diagnostic, unsafe_fixes: bool) -> Rendered {
    let file = outcome.sources.get(d.span.file);
    let source = |f: &crate::syntax::SourceFile| {
        NamedSource::new(f.display.clone(), f.text.clone()).with_language("hcl")
    };
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        None,
        source_span(d.span),
    )];
    let mut related = Vec::new();
    for l in &d.labels {
        if l.span.file == d.span.file {
            labels.push(LabeledSpan::new_with_span(
                Some(l.message.clone()),
                source_span(l.span),
            ));
        } else {
            let other = outcome.sources.get(l.span.file);
            related.push(Rendered {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                source: source(other),
                labels: vec![LabeledSpan::new_primary_with_span(
                    None,
                    source_span(l.span),
                )],
                help: None,
                related: Vec::new(),
            });
        }
    }
    Rendered {
        message: d.message.clone(),
        code: Some(format!("{}({})", d.code, d.name)),
        severity: miette_severity(d.severity),
        source: source(file),
        labels,
        help: Some(with_explain(
            d.help.as_deref(),
            fix_line(d, unsafe_fixes).as_deref(),
            d.code,
        )),
        related,
    }
}

/// The help line, the fix line, then where the rule's page is.
fn with_explain(help: Option<&str>, fix: Option<&str>, code: &str) -> String {
    let see = format!("see `{}`", crate::commands::explain_command(code));
    [help, fix, Some(see.as_str())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// `[*] fix available (safe): ...` for a fix `--fix` would apply; unsafe fixes only with
/// `--unsafe-fixes` (the summary counts the others).
fn fix_line(d: &Diagnostic, unsafe_fixes: bool) -> Option<String> {
    let f = d.fix.as_ref()?;
    match f.applicability {
        Applicability::Safe => Some(format!(
            "[*] fix available (safe): {}; `lblint check --fix` applies it",
            f.message
        )),
        Applicability::Unsafe if unsafe_fixes => Some(format!(
            "[*] fix available (unsafe, read it first): {}; `lblint check --fix --unsafe-fixes` applies it",
            f.message
        )),
        Applicability::Unsafe => None,
    }
}

/// Lines after the summary: how many findings `--fix` would fix, and how many more
/// `--unsafe-fixes` would.
fn fixable_lines(outcome: &Outcome, unsafe_fixes: bool) -> Vec<String> {
    let count = |a: Applicability| {
        outcome
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a))
            .count()
    };
    let (safe, unsafe_) = (count(Applicability::Safe), count(Applicability::Unsafe));
    let mut out = Vec::new();
    if unsafe_fixes && safe + unsafe_ > 0 {
        out.push(format!(
            "[*] {} fixable with `lblint check --fix --unsafe-fixes`",
            safe + unsafe_
        ));
    } else {
        if safe > 0 {
            out.push(format!("[*] {safe} fixable with `lblint check --fix`"));
        }
        if unsafe_ > 0 {
            out.push(format!(
                "{unsafe_} more fixable with `--unsafe-fixes` (unsafe: they change what the load balancer does)"
            ));
        }
    }
    out
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome, style: super::Style) -> io::Result<()> {
    let theme = match (style.unicode, style.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    for d in &outcome.diagnostics {
        let mut s = String::new();
        handler
            .render_report(&mut s, &rendered(outcome, d, style.unsafe_fixes))
            .map_err(io::Error::other)?;
        writeln!(out, "{}", s.trim_end())?;
        writeln!(out)?;
    }
    // The summary stays the last line.
    for line in fixable_lines(outcome, style.unsafe_fixes) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", super::summary_line(outcome))
}
