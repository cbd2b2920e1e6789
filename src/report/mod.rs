//! Output formats, one file each, over the one [`Diagnostic`](crate::diagnostic::Diagnostic) type.

mod checkstyle;
mod compact;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod xml;

use crate::diagnostic::Diagnostic;
use crate::syntax::{Position, Span};
use crate::Outcome;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The repository's home page (SARIF `informationUri`).
pub const REPOSITORY_URL: &str = "https://github.com/lblint/lblint";
/// Where each rule's page is published: the page of `WS001` is `{RULES_URL}WS001.md`.
pub const RULES_URL: &str = "https://github.com/lblint/lblint/blob/main/rules/";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Compact,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Checkstyle,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Compact,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
        Format::Checkstyle,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Compact => "compact",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Junit => "junit",
            Format::Checkstyle => "checkstyle",
        }
    }

    /// Whether the report itself carries run problems. The human and compact formats leave
    /// them to stderr (compact lines stay exactly what problem matchers parse), so a run
    /// that could not start (a bad config) writes no human or compact report at all.
    pub fn carries_problems(self) -> bool {
        !matches!(self, Format::Human | Format::Compact)
    }
}

/// One report a run writes: a format, to a file or (`None`) to standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// Pairs `--format` and `--output` arguments, given with their positions on the command
/// line, into the reports to write.
///
/// The rule: arguments are read left to right; each `--format` starts a report, and an
/// `--output FILE` writes the report of the nearest `--format` before it. Without any
/// `--format`, one `--output FILE` writes the human report there. `--output -` is standard
/// output. Refused, with a message saying why: an `--output` before the first `--format`,
/// two `--output`s after one `--format`, two reports on standard output, two reports into
/// one file.
pub fn pair_outputs(
    formats: &[(usize, Format)],
    outputs: &[(usize, PathBuf)],
) -> Result<Vec<Target>, String> {
    let stdout = |p: &Path| p.as_os_str() == "-";
    let mut targets: Vec<Target> = Vec::new();
    if formats.is_empty() {
        match outputs {
            [] => targets.push(Target {
                format: Format::Human,
                output: None,
            }),
            [(_, file)] => targets.push(Target {
                format: Format::Human,
                output: (!stdout(file)).then(|| file.clone()),
            }),
            _ => {
                return Err(
                    "several `--output`s need a `--format` each: write `--format F --output FILE` for every report"
                        .to_string(),
                )
            }
        }
        return Ok(targets);
    }
    // Each report with the position of its `--format` and whether an output was given.
    let mut events: Vec<(usize, Result<Format, &PathBuf>)> = formats
        .iter()
        .map(|&(i, f)| (i, Ok(f)))
        .chain(outputs.iter().map(|(i, p)| (*i, Err(p))))
        .collect();
    events.sort_by_key(|e| e.0);
    let mut given: Vec<Option<&PathBuf>> = Vec::new();
    for (_, e) in events {
        match e {
            Ok(format) => {
                targets.push(Target {
                    format,
                    output: None,
                });
                given.push(None);
            }
            Err(file) => {
                let (Some(t), Some(g)) = (targets.last_mut(), given.last_mut()) else {
                    return Err(format!(
                        "`--output {}` comes before any `--format`: put each `--output FILE` right after the `--format` it is for",
                        file.display()
                    ));
                };
                if let Some(first) = g {
                    return Err(format!(
                        "`--format {}` has two outputs (`{}` and `{}`): repeat `--format {}` before each `--output`",
                        t.format.name(),
                        first.display(),
                        file.display(),
                        t.format.name()
                    ));
                }
                *g = Some(file);
                t.output = (!stdout(file)).then(|| file.clone());
            }
        }
    }
    let on_stdout: Vec<&str> = targets
        .iter()
        .filter(|t| t.output.is_none())
        .map(|t| t.format.name())
        .collect();
    if on_stdout.len() > 1 {
        return Err(format!(
            "{} would all write to standard output: give all but one of them an `--output FILE`",
            on_stdout
                .iter()
                .map(|f| format!("`--format {f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    for t in &targets {
        if let Some(file) = &t.output {
            if let Some(before) = seen.insert(crate::discover::absolute(file, &cwd), file) {
                return Err(format!(
                    "`--output {}` and `--output {}` are the same file: give each report its own file",
                    before.display(),
                    file.display()
                ));
            }
        }
    }
    Ok(targets)
}

/// How the human format draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
    /// `--unsafe-fixes`: unsafe fixes count as applicable (marked as safe ones are).
    pub unsafe_fixes: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
            unsafe_fixes: false,
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
        Format::Sarif => sarif::write(out, outcome),
        Format::Github => github::write(out, outcome),
        Format::Gitlab => gitlab::write(out, outcome),
        Format::Junit => junit::write(out, outcome),
        Format::Checkstyle => checkstyle::write(out, outcome),
    }
}

/// A span as the formats show it: the file's shown path and 1-based start and end
/// positions (columns count characters; the end is the position just past the span).
pub(crate) struct Located<'a> {
    pub file: &'a str,
    pub start: Position,
    pub end: Position,
}

pub(crate) fn locate(outcome: &Outcome, span: Span) -> Located<'_> {
    let f = outcome.sources.get(span.file);
    Located {
        file: f.display.as_str(),
        start: f.position(span.start as usize),
        end: f.position(span.end as usize),
    }
}

/// Stable fingerprints of the diagnostics, in order: a SHA-256 of the code, the file, the
/// message and the source text of the primary span, so that editing other lines of the
/// file keeps them. Diagnostics alike in all four are told apart by their rank among
/// their likes.
pub(crate) fn fingerprints(outcome: &Outcome) -> Vec<String> {
    let mut seen: HashMap<[u8; 32], usize> = HashMap::new();
    outcome
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            let file = outcome.sources.get(d.span.file);
            let mut h = Sha256::new();
            for part in [d.code, &file.display, &d.message, file.slice(d.span)] {
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            let key: [u8; 32] = h.clone().finalize().into();
            let rank = seen.entry(key).or_insert(0);
            h.update((*rank as u64).to_le_bytes());
            *rank += 1;
            h.finalize().iter().map(|b| format!("{b:02x}")).collect()
        })
        .collect()
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

/// One line summing up a run, e.g. "2 errors, 1 warning, 0 infos in 3 files (1 module)";
/// when TF002 findings are reported (`--show-unknown`), the infos say how many of them are
/// undecidable: "1 error, 0 warnings, 3 infos (2 undecidable) in 1 file (1 module)".
pub fn summary_line(outcome: &Outcome) -> String {
    use crate::diagnostic::Severity::*;
    let undecidable = match outcome.undecidable() {
        0 => String::new(),
        n => format!(" ({n} undecidable)"),
    };
    let fixed = match outcome.fixed {
        Some(n) => format!("; {} applied", plural(n, "fix", "fixes")),
        None => String::new(),
    };
    format!(
        "{}, {}, {}{undecidable} in {} ({}){fixed}",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(args: &[&str]) -> Result<Vec<(Format, Option<String>)>, String> {
        let mut formats = Vec::new();
        let mut outputs = Vec::new();
        for (i, w) in args.windows(2).enumerate() {
            match w[0] {
                "--format" => formats.push((
                    i + 1,
                    *Format::ALL.iter().find(|f| f.name() == w[1]).unwrap(),
                )),
                "--output" => outputs.push((i + 1, PathBuf::from(w[1]))),
                _ => {}
            }
        }
        pair_outputs(&formats, &outputs).map(|targets| {
            targets
                .into_iter()
                .map(|t| (t.format, t.output.map(|p| p.display().to_string())))
                .collect()
        })
    }

    #[test]
    fn each_output_belongs_to_the_format_before_it() {
        assert_eq!(
            pair(&["--format", "sarif", "--output", "a.sarif", "--format", "github"]),
            Ok(vec![
                (Format::Sarif, Some("a.sarif".into())),
                (Format::Github, None)
            ])
        );
        assert_eq!(
            pair(&["--format", "json", "--format", "junit", "--output", "j.xml"]),
            Ok(vec![
                (Format::Json, None),
                (Format::Junit, Some("j.xml".into()))
            ])
        );
        assert_eq!(pair(&[]), Ok(vec![(Format::Human, None)]));
        assert_eq!(
            pair(&["--output", "report.txt"]),
            Ok(vec![(Format::Human, Some("report.txt".into()))])
        );
        assert_eq!(
            pair(&["--format", "json", "--output", "-", "--format", "sarif", "--output", "s"]),
            Ok(vec![
                (Format::Json, None),
                (Format::Sarif, Some("s".into()))
            ])
        );
    }

    #[test]
    fn ambiguous_pairings_are_refused_with_the_reason() {
        assert_eq!(
            pair(&["--output", "a.json", "--format", "json"]),
            Err("`--output a.json` comes before any `--format`: put each `--output FILE` right after the `--format` it is for".to_string())
        );
        assert_eq!(
            pair(&["--format", "json", "--output", "a", "--output", "b"]),
            Err("`--format json` has two outputs (`a` and `b`): repeat `--format json` before each `--output`".to_string())
        );
        assert_eq!(
            pair(&["--format", "json", "--format", "sarif"]),
            Err("`--format json`, `--format sarif` would all write to standard output: give all but one of them an `--output FILE`".to_string())
        );
        assert_eq!(
            pair(&["--format", "json", "--output", "r", "--format", "sarif", "--output", "./r"]),
            Err(
                "`--output r` and `--output ./r` are the same file: give each report its own file"
                    .to_string()
            )
        );
        assert!(pair(&["--output", "a", "--output", "b"])
            .unwrap_err()
            .starts_with("several `--output`s need a `--format` each"));
    }
}
