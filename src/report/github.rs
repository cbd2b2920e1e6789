//! GitHub Actions workflow commands, one line each: an annotation per finding, shown on the
//! pull request's diff and in the run summary without a problem matcher.
//!
//! `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message`; warnings
//! are `::warning`, infos `::notice` (GitHub has no "info"). GitHub keeps columns only when
//! an annotation starts and ends on one line, so a span over several lines gives
//! `line` and `endLine` alone. `endColumn` is the column just past the span, as in the JSON
//! and SARIF formats. Run problems are `::error` annotations titled `lblint run problem`.

use super::locate;
use crate::diagnostic::Severity;
use crate::Outcome;
use std::io::{self, Write};

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The escaping of a command's message: `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping of a property value: the message's, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `file`, `line`, `col`, `endLine`, `endColumn` as properties.
fn position(
    file: &str,
    start: crate::syntax::Position,
    end: crate::syntax::Position,
) -> Vec<(&'static str, String)> {
    let mut props = vec![("file", file.to_string()), ("line", start.line.to_string())];
    if start.line == end.line {
        props.push(("col", start.column.to_string()));
        props.push(("endLine", end.line.to_string()));
        props.push(("endColumn", end.column.to_string()));
    } else {
        props.push(("endLine", end.line.to_string()));
    }
    props
}

fn annotation(
    out: &mut dyn Write,
    cmd: &str,
    props: &[(&str, String)],
    message: &str,
) -> io::Result<()> {
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    writeln!(out, "::{cmd} {}::{}", props.join(","), escape_data(message))
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    for d in &outcome.diagnostics {
        let at = locate(outcome, d.span);
        let mut props = position(at.file, at.start, at.end);
        props.push(("title", format!("{} {}", d.code, d.name)));
        annotation(out, command(d.severity), &props, &d.message)?;
    }
    for p in &outcome.problems {
        let mut props = match (&p.path, &p.span) {
            (Some(path), Some(s)) => position(path, s.start, s.end),
            (Some(path), None) => vec![("file", path.clone())],
            (None, _) => Vec::new(),
        };
        props.push(("title", "lblint run problem".to_string()));
        annotation(out, "error", &props, &p.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(escape_data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(
            escape_property("dir: a, b/100%.tf\n"),
            "dir%3A a%2C b/100%25.tf%0A"
        );
    }
}
