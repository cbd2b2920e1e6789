//! JUnit XML, for CI systems that show test reports (GitLab's `junit` artifact, Jenkins,
//! Azure Pipelines).
//!
//! One `<testsuite>` per linted file, named by its path. Each finding is a `<testcase>`
//! (`CODE name at line:column`, class name the file's path); errors and warnings are
//! `<failure>`s, infos pass with their text in `<system-out>`. A file without findings is
//! one passing test case named `lblint`, so a clean run still reports its files. Run
//! problems are `<error>`s in a last suite named `lblint run problems`.

use super::locate;
use super::xml::{escape, escape_text};
use crate::diagnostic::{Diagnostic, Severity};
use crate::Outcome;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The text of a finding: the compact line, the help, and the labels.
fn details(outcome: &Outcome, d: &Diagnostic) -> String {
    let at = locate(outcome, d.span);
    let mut text = format!(
        "{}:{}:{}: {}[{}]: {}",
        at.file, at.start.line, at.start.column, d.severity, d.code, d.message
    );
    for l in &d.labels {
        let la = locate(outcome, l.span);
        text.push_str(&format!(
            "\n  {}:{}:{}: {}",
            la.file, la.start.line, la.start.column, l.message
        ));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    text
}

struct Case {
    name: String,
    classname: String,
    line: Option<usize>,
    /// `(element, type, message, text)`: a `failure` or `error`, or `system-out` for a
    /// passing case with text.
    body: Option<(&'static str, &'static str, String, String)>,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

impl Suite {
    fn count(&self, element: &str) -> usize {
        self.cases
            .iter()
            .filter(|c| c.body.as_ref().is_some_and(|b| b.0 == element))
            .count()
    }
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = outcome
        .sources
        .iter()
        .map(|f| (f.display.as_str(), Vec::new()))
        .collect();
    for d in &outcome.diagnostics {
        let file = outcome.sources.get(d.span.file).display.as_str();
        by_file.entry(file).or_default().push(d);
    }
    let mut suites: Vec<Suite> = by_file
        .into_iter()
        .map(|(file, diags)| {
            let mut cases: Vec<Case> = diags
                .iter()
                .map(|d| {
                    let at = locate(outcome, d.span);
                    let text = details(outcome, d);
                    let body = match d.severity {
                        Severity::Error | Severity::Warning => {
                            ("failure", d.severity.as_str(), d.message.clone(), text)
                        }
                        Severity::Info => ("system-out", "", String::new(), text),
                    };
                    Case {
                        name: format!(
                            "{} {} at {}:{}",
                            d.code, d.name, at.start.line, at.start.column
                        ),
                        classname: file.to_string(),
                        line: Some(at.start.line),
                        body: Some(body),
                    }
                })
                .collect();
            if cases.is_empty() {
                cases.push(Case {
                    name: "lblint".to_string(),
                    classname: file.to_string(),
                    line: None,
                    body: None,
                });
            }
            Suite {
                name: file.to_string(),
                cases,
            }
        })
        .collect();
    if !outcome.problems.is_empty() {
        suites.push(Suite {
            name: "lblint run problems".to_string(),
            cases: outcome
                .problems
                .iter()
                .map(|p| Case {
                    name: p.path.clone().unwrap_or_else(|| "lblint".to_string()),
                    classname: "lblint run problems".to_string(),
                    line: p.span.as_ref().map(|s| s.start.line),
                    body: Some(("error", "run-problem", p.message.clone(), p.to_string())),
                })
                .collect(),
        });
    }
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(|s| s.count("failure")).sum();
    let errors: usize = suites.iter().map(|s| s.count("error")).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="lblint" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    for s in &suites {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="0">"#,
            escape(&s.name),
            s.cases.len(),
            s.count("failure"),
            s.count("error")
        )?;
        for c in &s.cases {
            let line = c
                .line
                .map(|l| format!(r#" line="{l}""#))
                .unwrap_or_default();
            let open = format!(
                r#"    <testcase name="{}" classname="{}"{line}"#,
                escape(&c.name),
                escape(&c.classname)
            );
            match &c.body {
                None => writeln!(out, "{open}/>")?,
                Some(("system-out", _, _, text)) => {
                    writeln!(out, "{open}>")?;
                    writeln!(out, "      <system-out>{}</system-out>", escape_text(text))?;
                    writeln!(out, "    </testcase>")?;
                }
                Some((element, kind, message, text)) => {
                    writeln!(out, "{open}>")?;
                    writeln!(
                        out,
                        r#"      <{element} message="{}" type="{kind}">{}</{element}>"#,
                        escape(message),
                        escape_text(text)
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
