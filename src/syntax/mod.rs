//! Parsing, spans and line/column maps.
//!
//! The parser (`parser/`, lblint's own) is an implementation detail of this
//! module: it builds the crate's small syntax tree in [`ast`] directly, so
//! that the later stages never see parser types. Tests compare it with
//! hcl-edit (through `convert`), which it replaced: see `docs/parser.md`.

pub mod ast;
#[cfg(test)]
mod convert;
pub mod json;
pub mod locate;
pub mod merge;
mod parser;
pub mod tfjson;

use std::path::PathBuf;

/// Index of a file in a [`SourceMap`].
pub type FileId = u32;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Offsets past 4 GiB saturate at `u32::MAX` rather than wrap (no real file gets there).
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(start),
            end: clamp(end.max(start)),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// A sub-span, `start..end` relative to the start of this span.
    pub fn sub(&self, start: usize, end: usize) -> Span {
        Span::new(
            self.file,
            self.start as usize + start,
            self.start as usize + end,
        )
    }
}

/// A 1-based line and column (columns count characters) plus the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// One source file: its path as given and as displayed, its text, and its line starts.
#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    pub path: PathBuf,
    /// Path relative to the current directory when under it, with `/` separators.
    pub display: String,
    /// The text, with a leading byte order mark removed (offsets count from after it).
    pub text: String,
    /// Bytes removed from the start of the file (3 for a UTF-8 byte order mark).
    pub bom_len: usize,
    /// Offsets where lines start, computed on first use: most files never need them.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(id: FileId, path: PathBuf, display: String, mut text: String) -> SourceFile {
        let bom_len = if text.starts_with('\u{feff}') {
            text.drain(..3);
            3
        } else {
            0
        };
        SourceFile {
            id,
            path,
            display,
            text,
            bom_len,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// Frees the text of a file no diagnostic points into: reports need the text only for
    /// the files they show, and a large corpus would otherwise be held whole in memory.
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.line_starts = std::sync::OnceLock::new();
    }

    /// Offsets where lines start (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// Line and column of a byte offset into [`SourceFile::text`].
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts()[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        Position {
            line: line + 1,
            column,
            offset: offset + self.bom_len,
        }
    }

    /// Byte offset of a 1-based line and column (columns in characters).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| start + i)
            .unwrap_or(self.text.len())
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// All files of a run, indexed by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file built elsewhere; its id must be the next one.
    pub fn push(&mut self, file: SourceFile) {
        debug_assert_eq!(file.id as usize, self.files.len());
        self.files.push(file);
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }
}

/// A file that does not parse.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

/// Parses one file into the crate's syntax tree.
pub fn parse(file: &SourceFile) -> Result<ast::Body, SyntaxError> {
    parse_file(file).map(|f| f.body)
}

/// Parses one file into the crate's syntax tree, keeping its comments.
pub fn parse_file(file: &SourceFile) -> Result<ast::File, SyntaxError> {
    parser::parse_file(&file.text, file.id)
}

/// Parses a configuration file in its syntax: Terraform's JSON syntax for a name ending in
/// `.tf.json` (no comments), HCL otherwise.
pub fn parse_config_file(file: &SourceFile) -> Result<ast::File, SyntaxError> {
    if file.path.to_string_lossy().ends_with(".tf.json") {
        return tfjson::parse(&file.text, file.id).map(|body| ast::File {
            body,
            comments: Vec::new(),
        });
    }
    parse_file(file)
}

/// Parses one file with hcl-edit and converts its tree: the reference the
/// parser's differential test compares [`parse`] with.
#[cfg(test)]
pub(crate) fn parse_hcl_edit(file: &SourceFile) -> Result<ast::Body, SyntaxError> {
    match hcl_edit::parser::parse_body(&file.text) {
        Ok(body) => Ok(convert::body(file.id, &body)),
        Err(err) => {
            let loc = err.location();
            let offset = file.offset_of(loc.line(), loc.column());
            Err(SyntaxError {
                span: Span::new(file.id, offset, offset),
                message: err.message().trim().to_string(),
            })
        }
    }
}
