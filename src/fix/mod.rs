//! Fixes: the text edits rules attach to their findings ([`text`] computes them from the
//! model's spans), and applying them to the files (`lblint check --fix`).
//!
//! Applying goes in rounds: the fixes of one lint are sorted by position and taken in that
//! order, a fix whose edits overlap (or touch) an edit already taken waits for the next
//! round; the files are then linted again with the new texts, and so on until no fix is left
//! to apply, or [`MAX_ROUNDS`] rounds. A file with a syntax error (TF001) is never changed.
//! Nothing is written before the last round: then each changed file is replaced atomically
//! (a temporary file in the same directory, renamed over it), keeping its permissions.

pub mod text;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Problem};
use crate::discover::FileKind;
use crate::syntax::{FileId, SourceFile, Span, SyntaxError};
use crate::{Options, Outcome, RunError};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
pub use text::Doc;

/// The most rounds of fixes applied in one run.
pub const MAX_ROUNDS: usize = 10;

/// The files of a module rules may compute fixes in.
#[derive(Clone, Copy, Default)]
pub struct Sources<'a> {
    files: &'a [SourceFile],
    syntax_errors: &'a [SyntaxError],
}

impl<'a> Sources<'a> {
    pub fn new(files: &'a [SourceFile], syntax_errors: &'a [SyntaxError]) -> Sources<'a> {
        Sources {
            files,
            syntax_errors,
        }
    }

    /// The file `span` points into, when a fix may edit it: configuration in HCL's native
    /// syntax (not `.tf.json`, not a variable definitions file) that parsed.
    pub fn doc(&self, span: Span) -> Option<Doc<'a>> {
        // Ids are consecutive within a module.
        let first = self.files.first()?.id;
        let file = self
            .files
            .get(span.file.checked_sub(first)? as usize)
            .filter(|f| f.id == span.file)?;
        let name = file.path.file_name()?.to_string_lossy();
        let native = match FileKind::of(&name) {
            Some(FileKind::Hcl { .. }) | None => true,
            Some(_) => false,
        };
        let broken = self.syntax_errors.iter().any(|e| e.span.file == file.id);
        (native && !broken && span.end as usize <= file.text.len()).then(|| Doc::new(file))
    }
}

/// A fix of one edit, when the edit could be computed.
pub fn single(
    applicability: Applicability,
    message: impl Into<String>,
    edit: Option<Edit>,
) -> Option<Fix> {
    edit.map(|e| Fix {
        message: message.into(),
        applicability,
        edits: vec![e],
    })
}

/// Whether `--fix` applies a fix: safe ones always, unsafe ones with `--unsafe-fixes`.
pub fn applies(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

/// A file the fixes changed: its bytes before and after (a byte order mark kept).
#[derive(Debug, Clone)]
pub struct Changed {
    pub path: PathBuf,
    pub display: String,
    pub before: Vec<u8>,
    pub after: Vec<u8>,
}

/// What applying fixes did.
#[derive(Debug)]
pub struct FixRun {
    /// The lint of the fixed texts: the findings that remain.
    pub outcome: Outcome,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
    pub rounds: usize,
    /// Fixes were still left to apply after [`MAX_ROUNDS`] rounds.
    pub unfinished: bool,
    /// The files whose bytes changed, in path order.
    pub changed: Vec<Changed>,
}

/// One round's choice: the new text of each file the chosen fixes edit.
struct Round {
    applied: usize,
    /// Path, display name, byte order mark length, new text.
    files: Vec<(PathBuf, String, usize, String)>,
}

/// Lints, applies the fixes `keep` keeps (safe ones, and unsafe ones with `unsafe_fixes`),
/// lints again, and so on (see the module's documentation). Nothing is written: the caller
/// writes [`FixRun::changed`] with [`write`] or shows it with [`unified_diff`].
pub fn run(
    options: &Options,
    unsafe_fixes: bool,
    keep: &dyn Fn(&Diagnostic) -> bool,
) -> Result<FixRun, RunError> {
    let mut options = options.clone();
    let mut originals: BTreeMap<PathBuf, (String, Vec<u8>)> = BTreeMap::new();
    let mut applied = 0;
    let mut rounds = 0;
    loop {
        let outcome = crate::lint(&options)?;
        let round = plan(&outcome, unsafe_fixes, keep);
        if round.applied == 0 || rounds == MAX_ROUNDS {
            let unfinished = round.applied > 0;
            let changed = originals
                .into_iter()
                .filter_map(|(path, (display, before))| {
                    let after = options.overlay.get(&path)?.clone();
                    (after != before).then_some(Changed {
                        path,
                        display,
                        before,
                        after,
                    })
                })
                .collect();
            return Ok(FixRun {
                outcome,
                applied,
                rounds,
                unfinished,
                changed,
            });
        }
        for (path, display, bom, text) in round.files {
            if !originals.contains_key(&path) {
                let before = match options.overlay.get(&path) {
                    Some(b) => b.clone(),
                    None => match std::fs::read(&path) {
                        Ok(b) => b,
                        // Gone since the lint read it: leave it alone.
                        Err(_) => continue,
                    },
                };
                originals.insert(path.clone(), (display, before));
            }
            let mut bytes = originals[&path].1[..bom].to_vec();
            bytes.extend_from_slice(text.as_bytes());
            options.overlay.insert(path, bytes);
        }
        applied += round.applied;
        rounds += 1;
    }
}

/// Chooses the fixes of one round and applies them to the texts.
fn plan(outcome: &Outcome, unsafe_fixes: bool, keep: &dyn Fn(&Diagnostic) -> bool) -> Round {
    // Files with a syntax error are never changed.
    let broken: HashSet<&Path> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == "TF001")
        .map(|d| outcome.sources.get(d.span.file).path.as_path())
        .collect();
    let file_of = |id: FileId| outcome.sources.get(id);
    let usable = |e: &Edit| {
        let f = file_of(e.span.file);
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        !broken.contains(f.path.as_path())
            && t <= f.text.len()
            && f.text.is_char_boundary(s)
            && f.text.is_char_boundary(t)
    };
    let mut taken: BTreeMap<&Path, Vec<&Edit>> = BTreeMap::new();
    let mut seen: HashSet<Vec<(&Path, u32, u32, &str)>> = HashSet::new();
    let mut applied = 0;
    for d in &outcome.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if !keep(d) || !applies(fix, unsafe_fixes) || fix.edits.is_empty() {
            continue;
        }
        if !fix.edits.iter().all(usable) {
            continue;
        }
        let key: Vec<_> = fix
            .edits
            .iter()
            .map(|e| {
                let p = file_of(e.span.file).path.as_path();
                (p, e.span.start, e.span.end, e.replacement.as_str())
            })
            .collect();
        if !seen.insert(key) {
            continue; // the same fix on another finding (instances of one resource)
        }
        let overlaps = fix.edits.iter().enumerate().any(|(i, e)| {
            let p = file_of(e.span.file).path.as_path();
            let others = fix.edits[..i].iter().filter(|o| o.span.file == e.span.file);
            let earlier = taken.get(p).into_iter().flatten().copied();
            earlier.chain(others).any(|o| touches(o.span, e.span))
        });
        if overlaps {
            continue;
        }
        for e in &fix.edits {
            let p = file_of(e.span.file).path.as_path();
            taken.entry(p).or_default().push(e);
        }
        applied += 1;
    }
    let mut files = Vec::new();
    for (path, mut edits) in taken {
        let Some(first) = edits.first() else { continue };
        let file = file_of(first.span.file);
        edits.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
        let mut text = file.text.clone();
        for e in edits {
            text.replace_range(e.span.start as usize..e.span.end as usize, &e.replacement);
        }
        files.push((path.to_path_buf(), file.display.clone(), file.bom_len, text));
    }
    Round { applied, files }
}

/// Whether two edits of one file overlap or touch: such edits wait for different rounds.
fn touches(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Writes each changed file atomically; a file that cannot be written is a problem.
pub fn write(changed: &[Changed]) -> Vec<Problem> {
    changed
        .iter()
        .filter_map(|c| {
            write_atomic(&c.path, &c.after).err().map(|e| {
                Problem::new(
                    Some(c.display.clone()),
                    format!("cannot write the fixes: {e}"),
                )
            })
        })
        .collect()
}

/// Replaces a file's bytes: a temporary file in the same directory (same permissions), then
/// renamed over it, so a reader sees the old or the new file, never a part. A symbolic link
/// is followed: its target is replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let target = std::fs::canonicalize(path)?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.lblint-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let done = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::set_permissions(&tmp, permissions))
        .and_then(|()| std::fs::rename(&tmp, &target));
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// The unified diff of the changed files (`--- a/FILE`, `+++ b/FILE`, three lines of context).
pub fn unified_diff(changed: &[Changed]) -> String {
    let mut out = String::new();
    for c in changed {
        let before = String::from_utf8_lossy(&c.before);
        let after = String::from_utf8_lossy(&c.after);
        let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
        let text = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", c.display), &format!("b/{}", c.display))
            .to_string();
        out.push_str(&text);
        // A last line without a line break, left as context.
        if !out.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::syntax::SourceMap;

    fn diag(code: &'static str, span: Span, fix: Option<Fix>) -> Diagnostic {
        Diagnostic {
            code,
            name: "x",
            severity: Severity::Error,
            message: String::new(),
            span,
            labels: Vec::new(),
            help: None,
            fix,
        }
    }

    fn edit(start: usize, end: usize, with: &str) -> Fix {
        Fix {
            message: String::new(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: Span::new(0, start, end),
                replacement: with.to_string(),
            }],
        }
    }

    fn outcome(diagnostics: Vec<Diagnostic>) -> Outcome {
        let mut sources = SourceMap::default();
        sources.push(SourceFile::new(
            0,
            "a.tf".into(),
            "a.tf".into(),
            "abcdef".to_string(),
        ));
        Outcome {
            sources,
            diagnostics,
            modules: 1,
            problems: Vec::new(),
            fixed: None,
        }
    }

    #[test]
    fn overlapping_and_touching_edits_wait_for_the_next_round() {
        let o = outcome(vec![
            diag("A", Span::new(0, 0, 1), Some(edit(0, 2, "X"))),
            diag("B", Span::new(0, 1, 2), Some(edit(2, 3, "Y"))),
            diag("C", Span::new(0, 2, 3), Some(edit(1, 2, "Z"))),
            diag("D", Span::new(0, 4, 5), Some(edit(4, 4, "W"))),
            // The same fix again (another instance's finding): applied once.
            diag("E", Span::new(0, 4, 5), Some(edit(4, 4, "W"))),
        ]);
        let round = plan(&o, false, &|_| true);
        assert_eq!(round.applied, 2);
        assert_eq!(round.files[0].3, "XcdWef");
    }

    #[test]
    fn a_file_with_a_syntax_error_gets_no_edit() {
        let o = outcome(vec![
            diag("TF001", Span::new(0, 5, 6), None),
            diag("A", Span::new(0, 0, 1), Some(edit(0, 1, "X"))),
        ]);
        let round = plan(&o, true, &|_| true);
        assert_eq!(round.applied, 0);
        assert!(round.files.is_empty());
    }

    #[test]
    fn unsafe_fixes_need_unsafe_fixes_and_kept_findings() {
        let mut f = edit(0, 1, "X");
        f.applicability = Applicability::Unsafe;
        let o = outcome(vec![diag("A", Span::new(0, 0, 1), Some(f))]);
        assert_eq!(plan(&o, false, &|_| true).applied, 0);
        assert_eq!(plan(&o, true, &|d| d.code != "A").applied, 0);
        assert_eq!(plan(&o, true, &|_| true).applied, 1);
    }
}
