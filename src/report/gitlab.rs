//! GitLab Code Quality: a JSON array of issues in the Code Climate form GitLab reads from a
//! `codequality` report artifact.
//!
//! Each finding has `description` (`CODE: message`), `check_name` (the rule code), a stable
//! `fingerprint` (see [`super::fingerprints`]: it survives edits to other lines), `severity`
//! (error → `major`, warning → `minor`, info → `info`) and `location` with the path and the
//! begin and end positions (1-based line and column). A run problem is an issue with
//! `check_name` `lblint-run-problem` and severity `critical`.

use super::{fingerprints, locate};
use crate::diagnostic::Severity;
use crate::Outcome;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{self, Write};

#[derive(Serialize)]
struct LineColumn {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Positions {
    begin: LineColumn,
    end: LineColumn,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    positions: Positions,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content<'a>>,
    categories: [&'static str; 1],
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    let mut issues: Vec<Issue> = outcome
        .diagnostics
        .iter()
        .zip(fingerprints(outcome))
        .map(|(d, fingerprint)| {
            let at = locate(outcome, d.span);
            Issue {
                kind: "issue",
                check_name: d.code,
                description: format!("{}: {}", d.code, d.message),
                content: d.help.as_deref().map(|body| Content { body }),
                categories: ["Bug Risk"],
                fingerprint,
                severity: severity(d.severity),
                location: Location {
                    path: at.file,
                    positions: Positions {
                        begin: LineColumn {
                            line: at.start.line,
                            column: at.start.column,
                        },
                        end: LineColumn {
                            line: at.end.line,
                            column: at.end.column,
                        },
                    },
                },
            }
        })
        .collect();
    for p in &outcome.problems {
        let (begin, end) = match &p.span {
            Some(s) => (s.start, s.end),
            None => {
                let first = crate::syntax::Position {
                    line: 1,
                    column: 1,
                    offset: 0,
                };
                (first, first)
            }
        };
        let mut h = Sha256::new();
        h.update(b"lblint-run-problem\0");
        h.update(p.to_string().as_bytes());
        issues.push(Issue {
            kind: "issue",
            check_name: "lblint-run-problem",
            description: p.to_string(),
            content: None,
            categories: ["Bug Risk"],
            fingerprint: h.finalize().iter().map(|b| format!("{b:02x}")).collect(),
            severity: "critical",
            location: Location {
                path: p.path.as_deref().unwrap_or("."),
                positions: Positions {
                    begin: LineColumn {
                        line: begin.line,
                        column: begin.column,
                    },
                    end: LineColumn {
                        line: end.line,
                        column: end.column,
                    },
                },
            },
        });
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
