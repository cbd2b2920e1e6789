//! Output formats, one file each, over the one [`Diagnostic`](crate::diagnostic::Diagnostic) type.

mod compact;
mod human;
mod json;

use crate::Outcome;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Compact,
    Json,
}

/// How the human format draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
        }
    }
}

/// Writes the outcome in a format.
pub fn write(
    out: &mut dyn Write,
    outcome: &Outcome,
    format: Format,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, outcome, style),
        Format::Compact => compact::write(out, outcome),
        Format::Json => json::write(out, outcome),
    }
}

/// Renders to a string (for tests and embedding).
pub fn render(outcome: &Outcome, format: Format, style: Style) -> String {
    let mut buf = Vec::new();
    write(&mut buf, outcome, format, style).expect("writing to memory cannot fail");
    String::from_utf8_lossy(&buf).into_owned()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line summing up a run, e.g. "2 errors, 1 warning, 0 infos in 3 files (1 module)".
pub fn summary_line(outcome: &Outcome) -> String {
    use crate::diagnostic::Severity::*;
    format!(
        "{}, {}, {} in {} ({})",
        plural(outcome.count(Error), "error", "errors"),
        plural(outcome.count(Warning), "warning", "warnings"),
        plural(outcome.count(Info), "info", "infos"),
        plural(outcome.sources.len(), "file", "files"),
        plural(outcome.modules, "module", "modules"),
    )
}

/// A config error as a miette report pointing at the offending text of the file.
pub fn config_error(e: &crate::config::ConfigError) -> miette::Report {
    let diag = miette::MietteDiagnostic::new(format!("invalid config: {}", e.message))
        .with_code("config")
        .with_label(miette::LabeledSpan::new_primary_with_span(
            Some(e.message.clone()),
            e.span.clone(),
        ));
    let cwd = std::env::current_dir().unwrap_or_default();
    let name = crate::display_path(&e.path, &cwd);
    miette::Report::new(diag)
        .with_source_code(miette::NamedSource::new(name, e.text.clone()).with_language("toml"))
}
