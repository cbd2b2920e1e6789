//! Code actions: a finding's fix, and an ignore comment above it.

use super::convert::{Encoding, LineIndex};
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::discover::FileKind;
use crate::syntax::ast::Body;
use crate::syntax::{SourceFile, SourceMap};
use lsp_types as lsp;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where the texts of a lint's files are: in its outcome, or, for files whose text the
/// outcome released (no finding points into them), in the editor's buffers or on disk.
pub struct Texts<'a> {
    pub sources: &'a SourceMap,
    pub overlays: &'a HashMap<PathBuf, String>,
}

impl Texts<'_> {
    fn text(&self, file: u32) -> (&SourceFile, Cow<'_, str>) {
        let f = self.sources.get(file);
        if !f.text.is_empty() {
            return (f, Cow::Borrowed(&f.text));
        }
        let key = crate::discover::absolute(&f.path, Path::new("/"));
        if let Some(t) = self.overlays.get(&key) {
            return (f, Cow::Borrowed(t));
        }
        let disk = std::fs::read_to_string(&f.path).unwrap_or_default();
        let disk = match disk.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => disk,
        };
        (f, Cow::Owned(disk))
    }
}

/// The config that applies to a module directory, as `lblint check` finds it (the
/// defaults when there is none or it does not load).
pub fn config_for(dir: &Path) -> Config {
    crate::config::Finder::default()
        .find(dir)
        .and_then(|p| Config::load(&p).ok())
        .unwrap_or_default()
}

/// A fix as a quick fix: preferred when safe, its title marked when unsafe.
// `lsp_types::Uri` hashes and compares its text only: the lint's "interior mutability" (a
// cache inside the parsed URI) does not change its key.
#[allow(clippy::mutable_key_type)]
pub fn fix_action(
    fix: &Fix,
    diagnostic: &lsp::Diagnostic,
    texts: &Texts,
    enc: Encoding,
    uri_of: &dyn Fn(&Path) -> lsp::Uri,
) -> lsp::CodeAction {
    let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
    let mut indexes: HashMap<u32, LineIndex> = HashMap::new();
    for edit in &fix.edits {
        let (file, text) = texts.text(edit.span.file);
        let index = indexes
            .entry(edit.span.file)
            .or_insert_with(|| LineIndex::new(&text));
        let range = index.range(&text, edit.span.start as usize, edit.span.end as usize, enc);
        changes
            .entry(uri_of(&file.path))
            .or_default()
            .push(lsp::TextEdit::new(range, edit.replacement.clone()));
    }
    let safe = fix.applicability == Applicability::Safe;
    lsp::CodeAction {
        title: if safe {
            fix.message.clone()
        } else {
            format!("{} (unsafe)", fix.message)
        },
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(safe),
        ..Default::default()
    }
}

/// "Ignore CODE here": an `lblint-ignore` comment on a line of its own above the line where
/// the innermost block or argument holding the finding starts, at that line's indentation,
/// so that it applies to an item that holds the finding. `None` in a JSON file, which has
/// no comments.
pub fn ignore_action(
    d: &Diagnostic,
    diagnostic: &lsp::Diagnostic,
    texts: &Texts,
    enc: Encoding,
    uri_of: &dyn Fn(&Path) -> lsp::Uri,
) -> Option<lsp::CodeAction> {
    let (file, text) = texts.text(d.span.file);
    let kind = FileKind::of_path(&file.path)?;
    if kind.is_json() {
        return None;
    }
    let (at, insert) = ignore_insertion(&text, d.code, d.span.start as usize);
    let index = LineIndex::new(&text);
    let pos = index.position(&text, at, enc);
    let edit = lsp::TextEdit::new(lsp::Range::new(pos, pos), insert);
    Some(lsp::CodeAction {
        title: format!("Ignore {} here", d.code),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri_of(&file.path), vec![edit])])),
            ..Default::default()
        }),
        is_preferred: Some(false),
        ..Default::default()
    })
}

/// Where to insert the ignore comment for a finding at `offset` (the start of a line) and
/// the comment line, with the reason left for the user to write after `-- `.
pub fn ignore_insertion(text: &str, code: &str, offset: usize) -> (usize, String) {
    let parsed = crate::syntax::parse_file(&SourceFile::new(
        0,
        PathBuf::new(),
        String::new(),
        text.to_string(),
    ));
    let item_start = parsed
        .ok()
        .and_then(|f| innermost_start(&f.body, offset as u32))
        .map_or(offset, |s| s as usize)
        .min(text.len());
    let line_start = text[..item_start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let indent = &line[..indent_len];
    let newline = match line.find('\n') {
        Some(i) if line[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    (
        line_start,
        format!("{indent}# {} {code} -- {newline}", crate::suppress::MARKER),
    )
}

/// The start of the innermost block or argument holding `offset`.
fn innermost_start(body: &Body, offset: u32) -> Option<u32> {
    let holds = |s: crate::syntax::Span| s.start <= offset && offset < s.end.max(s.start + 1);
    if let Some(a) = body.attributes.iter().find(|a| holds(a.span)) {
        return Some(a.span.start);
    }
    let b = body.blocks.iter().find(|b| holds(b.span))?;
    Some(innermost_start(&b.body, offset).unwrap_or(b.span.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comment_goes_above_the_item_holding_the_finding() {
        let text = "resource \"x\" \"y\" {\n  paths = [\n    \"/a\",\n    \"/ws/*\",\n  ]\n}\n";
        let at = text.find("\"/ws/*\"").unwrap();
        let (offset, line) = ignore_insertion(text, "WS005", at);
        assert_eq!(offset, text.find("  paths").unwrap());
        assert_eq!(line, "  # lblint-ignore: WS005 -- \n");
        // A block header: above the block.
        let (offset, line) = ignore_insertion(text, "LB005", 0);
        assert_eq!((offset, line.as_str()), (0, "# lblint-ignore: LB005 -- \n"));
    }

    #[test]
    fn crlf_files_get_a_crlf_line_and_unparsable_ones_the_finding_line() {
        let text = "a = 1\r\n\tb = {\r\n";
        let at = text.find('{').unwrap();
        let (offset, line) = ignore_insertion(text, "TF003", at);
        assert_eq!(offset, text.find('\t').unwrap());
        assert_eq!(line, "\t# lblint-ignore: TF003 -- \r\n");
    }

    #[test]
    #[allow(clippy::mutable_key_type)]
    fn a_fix_is_a_quick_fix_preferred_when_safe_and_marked_when_unsafe() {
        use crate::diagnostic::Edit;
        use crate::syntax::Span;
        let text = "x {\n  é = 1\n  timeout_sec = 30\n}\n";
        let mut sources = SourceMap::default();
        sources.push(SourceFile::new(
            0,
            PathBuf::from("/m/a.tf"),
            "a.tf".to_string(),
            text.to_string(),
        ));
        let overlays = HashMap::new();
        let texts = Texts {
            sources: &sources,
            overlays: &overlays,
        };
        let start = text.find("timeout_sec").unwrap();
        let line_end = text[start..].find('\n').unwrap() + start + 1;
        let fix = |applicability| Fix {
            message: "remove `timeout_sec`".to_string(),
            applicability,
            edits: vec![Edit {
                span: Span::new(0, start - 2, line_end),
                replacement: String::new(),
            }],
        };
        let uri_of = |p: &Path| super::super::convert::path_to_uri(p);
        let diagnostic = lsp::Diagnostic::default();
        let safe = fix_action(
            &fix(Applicability::Safe),
            &diagnostic,
            &texts,
            Encoding::Utf16,
            &uri_of,
        );
        assert_eq!(safe.title, "remove `timeout_sec`");
        assert_eq!(safe.is_preferred, Some(true));
        assert_eq!(safe.kind, Some(lsp::CodeActionKind::QUICKFIX));
        let changes = safe.edit.unwrap().changes.unwrap();
        let edits = &changes[&uri_of(Path::new("/m/a.tf"))];
        assert_eq!(
            edits,
            &[lsp::TextEdit::new(
                lsp::Range::new(lsp::Position::new(2, 0), lsp::Position::new(3, 0)),
                String::new()
            )]
        );
        let unsafe_ = fix_action(
            &fix(Applicability::Unsafe),
            &diagnostic,
            &texts,
            Encoding::Utf16,
            &uri_of,
        );
        assert_eq!(unsafe_.title, "remove `timeout_sec` (unsafe)");
        assert_eq!(unsafe_.is_preferred, Some(false));
    }
}
