//! Helpers shared by the integration tests.
#![allow(dead_code)]

use lblint::{lint, Options, Outcome};
use std::path::{Path, PathBuf};

/// The repository root: fixture paths are shown relative to it.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lints paths under the repository root, showing files relative to it.
pub fn run(paths: &[&str]) -> Outcome {
    run_with(paths, None)
}

pub fn run_with(paths: &[&str], config: Option<&str>) -> Outcome {
    let root = root();
    let options = Options {
        paths: paths.iter().map(|p| root.join(p)).collect(),
        config: config.map(|c| root.join(c)),
        base_dir: Some(root),
        ..Options::default()
    };
    lint(&options).unwrap_or_else(|e| panic!("lint failed: {e}"))
}

/// One finding as tests compare it: code, severity, file, start line:column, end line:column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: &'static str,
    pub file: String,
    pub start: (usize, usize),
    pub end: (usize, usize),
}

impl Finding {
    pub fn new(
        code: &'static str,
        severity: &'static str,
        file: &str,
        start: (usize, usize),
        end: (usize, usize),
    ) -> Self {
        Finding {
            code,
            severity,
            file: file.to_string(),
            start,
            end,
        }
    }
}

pub fn findings(outcome: &Outcome) -> Vec<Finding> {
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let f = outcome.sources.get(d.span.file);
            let s = f.position(d.span.start as usize);
            let e = f.position(d.span.end as usize);
            Finding {
                code: d.code,
                severity: d.severity.as_str(),
                file: f.display.clone(),
                start: (s.line, s.column),
                end: (e.line, e.column),
            }
        })
        .collect()
}

/// The messages of the diagnostics with a code.
pub fn messages(outcome: &Outcome, code: &str) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

/// Writes files into a fresh temporary directory.
pub fn temp_module(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Lints an absolute path, showing files relative to `base`.
pub fn run_abs(path: &Path, base: &Path) -> Outcome {
    lint(&Options {
        paths: vec![path.to_path_buf()],
        base_dir: Some(base.to_path_buf()),
        ..Options::default()
    })
    .unwrap_or_else(|e| panic!("lint failed: {e}"))
}
