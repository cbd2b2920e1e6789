//! Baselines: the findings a repository already has, recorded so that only new ones are
//! reported.
//!
//! `lblint check --write-baseline FILE` writes every current finding; `--baseline FILE`
//! leaves out the findings it lists. An entry is not a line number: it is the rule's code,
//! the file (relative to the baseline file's directory, so the baseline works from any
//! current directory), the resource address and the logical location inside it
//! ([`crate::syntax::locate::location`]: the chain of blocks around the finding and the
//! argument it points at), and the message. Editing unrelated lines keeps it valid.
//!
//! The message tells apart two findings at the same place, but a new lblint version that
//! rewords a message should not bring back every baselined finding. So findings are matched
//! in two passes: first on everything including the message, then the findings still
//! unmatched on code, file, address and location alone, against the entries still unused.
//! Each entry matches at most one finding: a second finding of the same rule at the same
//! place is new.

use crate::diagnostic::Diagnostic;
use crate::syntax::{self, locate, SourceFile};
use crate::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

/// The version of the file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the baseline file's directory, with `/` separators.
    pub file: String,
    /// `google_compute_url_map.main`; empty for a finding outside any block.
    pub address: String,
    /// Inside the resource: `path_matcher[api]/path_rule[/ws]/paths`.
    pub location: String,
    pub code: String,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// A baseline file that cannot be used.
#[derive(Debug)]
pub struct BaselineError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The findings of a baseline, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| err(format!("cannot read the baseline: {e}")))?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| err(format!("not an lblint baseline: {e}")))?;
        if file.version != VERSION {
            return Err(err(format!(
                "baseline version {} is not supported (this lblint writes version {VERSION})",
                file.version
            )));
        }
        Ok(Baseline {
            entries: file.findings,
        })
    }

    /// The baseline of a run's findings, for a baseline file in `dir`.
    pub fn of(outcome: &Outcome, dir: &Path) -> Baseline {
        let mut entries = entries(outcome, dir);
        entries.sort();
        Baseline { entries }
    }

    /// The file's text: JSON, entries sorted by file, address, location, code and message.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            findings: self.entries.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a baseline serializes");
        text.push('\n');
        text
    }

    /// Leaves out of a run's findings those this baseline (a file in `dir`) lists; returns
    /// how many were left out.
    pub fn filter(&self, outcome: &mut Outcome, dir: &Path) -> usize {
        let keys = entries(outcome, dir);
        let mut exact: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.entries {
            *exact.entry(e).or_default() += 1;
        }
        let mut known = vec![false; keys.len()];
        for (k, known) in keys.iter().zip(known.iter_mut()) {
            if let Some(n) = exact.get_mut(k).filter(|n| **n > 0) {
                *n -= 1;
                *known = true;
            }
        }
        // Entries left over match on the place alone (a reworded message).
        let mut loose: BTreeMap<(&str, &str, &str, &str), usize> = BTreeMap::new();
        for (e, n) in exact {
            *loose.entry(place(e)).or_default() += n;
        }
        for (k, known) in keys.iter().zip(known.iter_mut()) {
            if *known {
                continue;
            }
            if let Some(n) = loose.get_mut(&place(k)).filter(|n| **n > 0) {
                *n -= 1;
                *known = true;
            }
        }
        let before = outcome.diagnostics.len();
        let mut it = known.into_iter();
        outcome
            .diagnostics
            .retain(|_| !it.next().expect("one key per diagnostic"));
        before - outcome.diagnostics.len()
    }
}

fn place(e: &Entry) -> (&str, &str, &str, &str) {
    (&e.code, &e.file, &e.address, &e.location)
}

/// The entry of each diagnostic of a run, in order, for a baseline file in `dir` (relative
/// to the current directory when relative). Each file with findings is parsed again (the
/// run keeps the text of every file a finding points into).
pub fn entries(outcome: &Outcome, dir: &Path) -> Vec<Entry> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let dir = crate::discover::absolute(dir, &cwd);
    let mut parsed: HashMap<u32, Option<syntax::ast::File>> = HashMap::new();
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let src = outcome.sources.get(d.span.file);
            let tree = parsed
                .entry(d.span.file)
                .or_insert_with(|| syntax::parse_config_file(src).ok());
            entry(d, src, tree.as_ref(), &dir, &cwd)
        })
        .collect()
}

fn entry(
    d: &Diagnostic,
    src: &SourceFile,
    tree: Option<&syntax::ast::File>,
    dir: &Path,
    cwd: &Path,
) -> Entry {
    let loc = tree
        .map(|t| locate::location(t, &src.text, d.span.start))
        .unwrap_or_default();
    Entry {
        file: relative(&crate::discover::absolute(&src.path, cwd), dir),
        address: loc.address,
        location: loc.path,
        code: d.code.to_string(),
        message: d.message.clone(),
    }
}

/// `path` relative to `base` (both absolute and normalised), with `..` where needed and `/`
/// separators.
fn relative(path: &Path, base: &Path) -> String {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        // Another drive or root: nothing in common to be relative to.
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    parts.join("/")
}

/// Writes the baseline of a run's findings to `path`, replacing the file.
pub fn write(outcome: &Outcome, path: &Path) -> Result<Baseline, BaselineError> {
    let baseline = Baseline::of(outcome, &parent(path));
    std::fs::write(path, baseline.to_json()).map_err(|e| BaselineError {
        path: path.to_path_buf(),
        message: format!("cannot write the baseline: {e}"),
    })?;
    Ok(baseline)
}

/// The directory of a baseline file, which its file names are relative to.
pub fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn paths_relative_to_the_baseline_directory() {
        let r = |p: &str, b: &str| relative(Path::new(p), Path::new(b));
        assert_eq!(r("/repo/env/lb.tf", "/repo"), "env/lb.tf");
        assert_eq!(r("/repo/env/lb.tf", "/repo/ci"), "../env/lb.tf");
        assert_eq!(r("/repo/lb.tf", "/repo"), "lb.tf");
    }
}
