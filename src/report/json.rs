//! The JSON format: `{"version":1,"diagnostics":[...],"problems":[...],"summary":{...}}`.

use crate::diagnostic::Severity;
use crate::syntax::{Position, Span};
use crate::Outcome;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Pos {
    line: usize,
    column: usize,
    offset: usize,
}

impl From<Position> for Pos {
    fn from(p: Position) -> Self {
        Pos {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    start: Pos,
    end: Pos,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    start: Pos,
    end: Pos,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    /// The command that shows the rule's page: `lblint explain CODE`.
    explain: String,
    /// The fix, when the rule knows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: crate::diagnostic::Applicability,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

/// Replace the bytes from `start` to `end` of `file` by `replacement` (an insertion when they
/// are equal).
#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    start: Pos,
    end: Pos,
    replacement: &'a str,
}

/// A run problem: `start` and `end` only when it points into the file's text.
#[derive(Serialize)]
struct JsonProblem<'a> {
    path: Option<&'a str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Pos>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Pos>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    modules: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// TF002 findings (counted in their severity too): reported with `--show-unknown`.
    undecidable: usize,
    problems: usize,
    /// How many fixes `--fix` applied (only with `--fix`).
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    problems: Vec<JsonProblem<'a>>,
    summary: Summary,
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    let at = |span: Span| {
        let f = outcome.sources.get(span.file);
        (
            f.display.as_str(),
            Pos::from(f.position(span.start as usize)),
            Pos::from(f.position(span.end as usize)),
        )
    };
    let diagnostics = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let (file, start, end) = at(d.span);
            JsonDiagnostic {
                code: d.code,
                name: d.name,
                severity: d.severity,
                message: &d.message,
                file,
                start,
                end,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (file, start, end) = at(l.span);
                        JsonLabel {
                            file,
                            start,
                            end,
                            message: &l.message,
                        }
                    })
                    .collect(),
                help: d.help.as_deref(),
                explain: crate::commands::explain_command(d.code),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    applicability: f.applicability,
                    message: &f.message,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| {
                            let (file, start, end) = at(e.span);
                            JsonEdit {
                                file,
                                start,
                                end,
                                replacement: &e.replacement,
                            }
                        })
                        .collect(),
                }),
            }
        })
        .collect();
    let problems = outcome
        .problems
        .iter()
        .map(|p| JsonProblem {
            path: p.path.as_deref(),
            message: &p.message,
            start: p.span.as_ref().map(|s| s.start.into()),
            end: p.span.as_ref().map(|s| s.end.into()),
        })
        .collect();
    let doc = Document {
        version: 1,
        diagnostics,
        problems,
        summary: Summary {
            files: outcome.sources.len(),
            modules: outcome.modules,
            errors: outcome.count(Severity::Error),
            warnings: outcome.count(Severity::Warning),
            infos: outcome.count(Severity::Info),
            undecidable: outcome.undecidable(),
            problems: outcome.problems.len(),
            fixed: outcome.fixed,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
