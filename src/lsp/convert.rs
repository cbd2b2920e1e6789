//! Byte offsets to LSP positions and back, and `file:` URIs to paths and back.

use lsp_types::{Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How a position's `character` counts: UTF-16 code units (LSP's default, which every
/// client understands) or bytes (when the client offers `utf-8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where a text's lines start, to turn offsets into positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The position of a byte offset (clamped into the text, moved back to a character
    /// boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let before = &text[self.starts[line]..offset];
        let character = match enc {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(
            self.position(text, start, enc),
            self.position(text, end, enc),
        )
    }

    /// The byte offset of a position. A line past the end is the end of the text; a
    /// character past the end of its line is the end of the line (before its line break),
    /// as LSP specifies; a position inside a character is that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let wanted = pos.character as usize;
        let mut counted = 0;
        for (i, c) in line.char_indices() {
            let width = match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if counted + width > wanted {
                return start + i;
            }
            counted += width;
        }
        start + line.len()
    }
}

/// The local path a `file:` URI names, percent-decoded; `None` for another scheme or a
/// remote host.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let (host, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => return None,
    };
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    // A query or fragment is no part of a file's path.
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let s = String::from_utf8(bytes).ok()?;
        // `file:///C:/x` names `C:/x`.
        let s = match s.strip_prefix('/') {
            Some(rest) if rest.as_bytes().get(1) == Some(&b':') => rest.to_string(),
            _ => s,
        };
        Some(PathBuf::from(s))
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path: every byte but unreserved characters and `/`
/// percent-encoded.
pub fn path_to_uri(path: &Path) -> Uri {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).expect("a percent-encoded file URI parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 UTF-16 units.
        let text = "a = \"é𝄞x\"\r\nb = 1\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(text, x, Encoding::Utf16), Position::new(0, 8));
        assert_eq!(idx.position(text, x, Encoding::Utf8), Position::new(0, 11));
        let b = text.find('b').unwrap();
        assert_eq!(idx.position(text, b, Encoding::Utf16), Position::new(1, 0));
        assert_eq!(
            idx.position(text, text.len(), Encoding::Utf16),
            Position::new(2, 0)
        );
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for offset in [0, 5, x, b, text.len()] {
                let p = idx.position(text, offset, enc);
                assert_eq!(idx.offset(text, p, enc), offset, "{enc:?} {offset}");
            }
        }
    }

    #[test]
    fn offsets_clamp_to_the_line_and_the_text() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(idx.offset(text, Position::new(1, 99), Encoding::Utf16), 6);
        assert_eq!(idx.offset(text, Position::new(7, 0), Encoding::Utf16), 6);
        // Inside a surrogate pair: the character's start.
        let text = "𝄞z";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(idx.offset(text, Position::new(0, 2), Encoding::Utf16), 4);
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/my lb/ümlaut#1.tf");
        let uri = path_to_uri(path);
        assert_eq!(uri.as_str(), "file:///tmp/my%20lb/%C3%BCmlaut%231.tf");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let host = Uri::from_str("file://localhost/etc/x.tf").unwrap();
        assert_eq!(uri_to_path(&host), Some(PathBuf::from("/etc/x.tf")));
        let remote = Uri::from_str("file://server/share/x.tf").unwrap();
        assert_eq!(uri_to_path(&remote), None);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&other), None);
    }
}
