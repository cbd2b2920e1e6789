//! The one diagnostic type every stage after evaluation speaks.

use crate::syntax::Span;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(format!(
                "unknown severity `{other}`; expected \"error\", \"warning\" or \"info\""
            )),
        }
    }
}

/// A secondary span with a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Edits that resolve the finding, when the rule knows them.
    pub fix: Option<Fix>,
}

/// How far a fix can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Removes or changes only what GCP rejects or ignores, or what the rule proves wrong:
    /// the deployed load balancer can only behave better. `--fix` applies it.
    Safe,
    /// Changes what the deployed load balancer does: the user should read it first.
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
}

/// One text edit: replace the bytes of `span` (in its file) by `replacement`. An empty
/// span inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: what it does in a few words, its applicability and its edits (non-overlapping).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Diagnostic {
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renumbers the files of every span by `by` (a module's files joining a run's).
    pub fn shift_files(&mut self, by: crate::syntax::FileId) {
        self.span.file += by;
        for l in &mut self.labels {
            l.span.file += by;
        }
        if let Some(fix) = &mut self.fix {
            for e in &mut fix.edits {
                e.span.file += by;
            }
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// Where a run problem points, when it points into a file's text (a config error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemSpan {
    pub start: crate::syntax::Position,
    pub end: crate::syntax::Position,
}

/// Something that made the run incomplete: a path that does not exist or is not Terraform,
/// a file or directory that cannot be read, a bad config file. Every report format carries
/// these; the run exits with 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The path concerned, as given on the command line or shown for a file (relative to
    /// the current directory when under it, with `/` separators); `None` for a problem with
    /// the whole run, such as a bad `--exclude` glob.
    pub path: Option<String>,
    pub message: String,
    /// The offending text inside `path`, where there is one.
    pub span: Option<ProblemSpan>,
}

impl Problem {
    pub fn new(path: Option<String>, message: impl Into<String>) -> Problem {
        Problem {
            path,
            message: message.into(),
            span: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, &self.span) {
            (Some(p), Some(s)) => write!(
                f,
                "{p}:{}:{}: {}",
                s.start.line, s.start.column, self.message
            ),
            (Some(p), None) => write!(f, "{p}: {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}
