//! Checkstyle XML, for tools that read it (Jenkins warnings-ng, reviewdog, SonarQube's
//! external issues, many code review bots).
//!
//! A `<file>` per linted file (sorted by path), an `<error>` per finding with `line`,
//! `column`, `severity` (`error`, `warning` or `info`), `message` and
//! `source="lblint.CODE"`. Run problems are errors with `source="lblint.run-problem"` under
//! the path concerned (with `line` and `column` when they point into it).

use super::{locate, xml::escape};
use crate::Outcome;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    // Each file's `<error>` elements, in output order.
    let mut files: BTreeMap<&str, Vec<String>> = outcome
        .sources
        .iter()
        .map(|f| (f.display.as_str(), Vec::new()))
        .collect();
    for d in &outcome.diagnostics {
        let at = locate(outcome, d.span);
        files.entry(at.file).or_default().push(format!(
            r#"<error line="{}" column="{}" severity="{}" message="{}" source="lblint.{}"/>"#,
            at.start.line,
            at.start.column,
            d.severity,
            escape(&d.message),
            d.code
        ));
    }
    for p in &outcome.problems {
        let at = p
            .span
            .as_ref()
            .map(|s| format!(r#"line="{}" column="{}" "#, s.start.line, s.start.column))
            .unwrap_or_default();
        files
            .entry(p.path.as_deref().unwrap_or(""))
            .or_default()
            .push(format!(
                r#"<error {at}severity="error" message="{}" source="lblint.run-problem"/>"#,
                escape(&p.to_string())
            ));
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for (file, errors) in files {
        if errors.is_empty() {
            writeln!(out, r#"  <file name="{}"/>"#, escape(file))?;
            continue;
        }
        writeln!(out, r#"  <file name="{}">"#, escape(file))?;
        for e in errors {
            writeln!(out, "    {e}")?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
