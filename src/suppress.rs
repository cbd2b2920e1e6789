//! Applies the config's severity overrides and `lblint-ignore` comments, and audits the
//! comments.
//!
//! Ignore comments are read from the parser's comment tokens, never from raw text, so a
//! string that looks like one is not one. `# lblint-ignore: CODE[, CODE...] -- reason` (or
//! `//`, or `/* */`) covers the block or attribute it applies to (see
//! [`Items::target`]) and everything inside it: a finding is suppressed when its primary span
//! lies within that item's span. `# lblint-ignore-file: CODE -- reason` before the first
//! block of a file covers the file. Codes and rule names are accepted, case-insensitively,
//! and `all`.
//!
//! The audit: an ignore that silences nothing is TF005 unused-suppression, reported at each
//! unused code; an ignore that cannot work (an unknown code, a rule that cannot be
//! suppressed, no reason when `[suppressions] require_reason` is set, a comment attached
//! to nothing, a file-level ignore after the first block, a malformed comment) is TF008
//! invalid-suppression, and the part that cannot work has no effect.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, Rule};
use crate::syntax::ast::File;
use crate::syntax::locate::Items;
use crate::syntax::{FileId, SourceFile, Span};

/// The marker of an ignore comment.
pub const MARKER: &str = "lblint-ignore:";
/// The marker of a file-level ignore comment.
pub const FILE_MARKER: &str = "lblint-ignore-file:";

/// Rules no comment can suppress: syntax errors, and the two rules that audit the comments
/// themselves.
pub const NEVER_IGNORABLE: [&str; 3] = ["TF001", "TF005", "TF008"];

/// The ignore comments of one file, and the TF008 findings about them.
#[derive(Debug, Default)]
pub struct FileIgnores {
    ignores: Vec<Ignore>,
    invalid: Vec<Diagnostic>,
    /// No TF005 for what this file's comments did not silence: a called module's file,
    /// evaluated once per instance, may need a comment in one instance and not another.
    quiet: bool,
}

impl FileIgnores {
    /// The same ignores, without TF005 for unused ones.
    pub fn quiet(mut self) -> FileIgnores {
        self.quiet = true;
        self
    }
}

#[derive(Debug)]
struct Ignore {
    /// The item covered (its span and how messages name it), or `None` for the whole file.
    scope: Option<(Span, String)>,
    file: FileId,
    codes: Vec<Code>,
}

#[derive(Debug)]
struct Code {
    span: Span,
    text: String,
    /// The rule's code; `None` for `all`.
    rule: Option<&'static str>,
    used: bool,
}

fn rule(code: &str) -> &'static Rule {
    rules::find(code).expect("a registered rule")
}

/// Finds a rule by code or name, both case-insensitively.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    rules::REGISTRY.iter().copied().find(|r| {
        r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Reads the ignore comments of a parsed file. Cheap when it has none.
pub fn collect(file: &File, src: &SourceFile, config: &Config) -> FileIgnores {
    let mut out = FileIgnores::default();
    let mut items: Option<Items> = None;
    for comment in &file.comments {
        let content = comment.content(&src.text);
        let trimmed = content.trim_start();
        if !trimmed.starts_with("lblint-ignore") {
            continue;
        }
        let at = comment.content_start() + (content.len() - trimmed.len());
        let invalid = |message: String, help: &str| {
            rule("TF008")
                .diagnostic(comment.span, message)
                .help(help.to_string())
        };
        let (file_level, rest, rest_at) = if let Some(rest) = trimmed.strip_prefix(FILE_MARKER) {
            (true, rest, at + FILE_MARKER.len())
        } else if let Some(rest) = trimmed.strip_prefix(MARKER) {
            (false, rest, at + MARKER.len())
        } else {
            out.invalid.push(invalid(
                "malformed ignore comment: it has no effect".to_string(),
                "write `lblint-ignore: CODE[, CODE...] -- reason`, or `lblint-ignore-file:` for a whole file",
            ));
            continue;
        };
        let (codes_text, reason) = match rest.find("--") {
            Some(k) => (
                &rest[..k],
                Some(rest[k + 2..].trim()).filter(|r| !r.is_empty()),
            ),
            None => (rest, None),
        };
        let marker = if file_level {
            "lblint-ignore-file"
        } else {
            "lblint-ignore"
        };
        if config.require_reason && reason.is_none() {
            out.invalid.push(invalid(
                format!("`{marker}` without a reason has no effect: `[suppressions] require_reason` is set"),
                "add ` -- ` and why the finding does not apply after the codes",
            ));
            continue;
        }
        let mut codes = Vec::new();
        for (offset, text) in tokens(codes_text) {
            let span = Span::new(src.id, rest_at + offset, rest_at + offset + text.len());
            if text.eq_ignore_ascii_case("all") {
                codes.push(Code {
                    span,
                    text: text.to_string(),
                    rule: None,
                    used: false,
                });
                continue;
            }
            let Some(r) = find_rule(text) else {
                let help = match suggest(text) {
                    Some(r) => format!("did you mean `{}` ({})?", r.code, r.name),
                    None => "name a rule by code (WS001) or name (ws-timeout-missing), or `all`"
                        .to_string(),
                };
                out.invalid.push(
                    rule("TF008")
                        .diagnostic(
                            span,
                            format!("unknown rule `{text}` in `{marker}`: it suppresses nothing"),
                        )
                        .help(help),
                );
                continue;
            };
            if !config.is_ignorable(r.code) {
                let (message, help) = if NEVER_IGNORABLE.contains(&r.code) {
                    (
                        format!("{} findings cannot be suppressed by a comment", r.code),
                        format!(
                            "fix the finding, or set `[rules.{}] severity = \"off\"` in the config",
                            r.code
                        ),
                    )
                } else {
                    (
                        format!(
                            "{} findings cannot be suppressed: the config sets `[rules.{}] ignorable = false`",
                            r.code, r.code
                        ),
                        "fix the finding; the config makes this rule unsuppressible".to_string(),
                    )
                };
                out.invalid
                    .push(rule("TF008").diagnostic(span, message).help(help));
                continue;
            }
            codes.push(Code {
                span,
                text: text.to_string(),
                rule: Some(r.code),
                used: false,
            });
        }
        if tokens(codes_text).next().is_none() {
            out.invalid.push(invalid(
                format!("`{marker}` names no rule: it has no effect"),
                "name rules by code or name after the colon, e.g. `lblint-ignore: WS004 -- reason`, or `all`",
            ));
            continue;
        }
        if codes.is_empty() {
            continue;
        }
        let scope = if file_level {
            let first = file
                .body
                .attributes
                .iter()
                .map(|a| a.span.start)
                .chain(file.body.blocks.iter().map(|b| b.span.start))
                .min();
            if first.is_some_and(|first| comment.span.start > first) {
                out.invalid.push(invalid(
                    "`lblint-ignore-file` after the first block of the file has no effect"
                        .to_string(),
                    "move it to the top of the file, before the first block",
                ));
                continue;
            }
            None
        } else {
            let items = items.get_or_insert_with(|| Items::new(&file.body, src));
            match items.target(comment, &file.comments, src) {
                Some(item) => Some((item.span(), item.describe())),
                None => {
                    out.invalid.push(invalid(
                        "`lblint-ignore` applies to nothing here: it has no effect".to_string(),
                        "put it on the line right above a block or argument, or at the end of its line",
                    ));
                    continue;
                }
            }
        };
        out.ignores.push(Ignore {
            scope,
            file: src.id,
            codes,
        });
    }
    out
}

/// The codes of an ignore comment with their offsets: separated by commas or spaces, and
/// ending at a closing `*/`.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive(|c: char| c == ',' || c.is_whitespace())
        .filter_map(move |piece| {
            let at = offset;
            offset += piece.len();
            let t = piece.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
            let t = t.trim_end_matches("*/");
            (!t.is_empty()).then_some((at, t))
        })
}

/// The registered rule whose code or name is within two edits of a misspelt one.
fn suggest(text: &str) -> Option<&'static Rule> {
    let (rule, distance) = rules::nearest(text);
    (distance <= 2).then_some(rule)
}

/// Applies config severities and the ignore comments of a module's files to its
/// diagnostics, and adds the audit's findings: TF008 for ignores that cannot work, and,
/// unless `no_ignore` (which suppresses nothing), TF005 for each code that silenced nothing.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    mut files: Vec<FileIgnores>,
    config: &Config,
    no_ignore: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(diagnostics.len());
    for mut d in diagnostics {
        let Some(severity) = config.severity_of(d.code, d.severity) else {
            continue;
        };
        d.severity = severity;
        if !no_ignore && config.is_ignorable(d.code) && silence(&d, &mut files) {
            continue;
        }
        out.push(d);
    }
    let mut audit = Vec::new();
    for f in &mut files {
        audit.append(&mut f.invalid);
        if no_ignore || f.quiet {
            continue;
        }
        for ignore in &f.ignores {
            for code in ignore.codes.iter().filter(|c| !c.used) {
                audit.push(unused(code, ignore, config));
            }
        }
    }
    for mut d in audit {
        if let Some(severity) = config.severity_of(d.code, d.severity) {
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// Whether some ignore covers the diagnostic; marks every code that does as used.
fn silence(d: &Diagnostic, files: &mut [FileIgnores]) -> bool {
    let mut silenced = false;
    for ignore in files.iter_mut().flat_map(|f| &mut f.ignores) {
        if ignore.file != d.span.file {
            continue;
        }
        let within = match &ignore.scope {
            None => true,
            Some((span, _)) => span.start <= d.span.start && d.span.end <= span.end,
        };
        if !within {
            continue;
        }
        for code in &mut ignore.codes {
            if code.rule.is_none_or(|r| r == d.code) {
                code.used = true;
                silenced = true;
            }
        }
    }
    silenced
}

fn unused(code: &Code, ignore: &Ignore, config: &Config) -> Diagnostic {
    let place = match &ignore.scope {
        Some((_, what)) => what.clone(),
        None => "this file".to_string(),
    };
    let message = match code.rule.map(rule) {
        Some(r) if config.severity_of(r.code, r.severity).is_none() => {
            format!(
                "`{}` silences nothing: {} is off in the config",
                code.text, r.code
            )
        }
        Some(r) => format!(
            "`{}` silences nothing: no {} finding in {place}",
            code.text, r.code
        ),
        None => format!("`{}` silences nothing: no finding in {place}", code.text),
    };
    rule("TF005")
        .diagnostic(code.span, message)
        .help("remove it from the comment (the whole comment if it names nothing else)")
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn codes_are_split_on_commas_and_spaces_with_offsets() {
        let got: Vec<(usize, &str)> = tokens(" WS001, ws-timeout-missing  all */").collect();
        assert_eq!(got, [(1, "WS001"), (8, "ws-timeout-missing"), (28, "all")]);
        assert_eq!(tokens("WS001*/").collect::<Vec<_>>(), [(0, "WS001")]);
        assert_eq!(tokens("  ").count(), 0);
    }
}
