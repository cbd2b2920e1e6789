//! Tokens of HCL's native syntax, scanned on demand.
//!
//! The parser asks for one token at a time at a byte offset, saying whether
//! newlines are significant there (they are at the body level and between
//! object items, and not inside parentheses, brackets, `for` expressions,
//! function arguments and template interpolations). Strings and heredocs are
//! not tokens: the parser scans their contents itself when it meets a `"` or a
//! `<<`.

use crate::syntax::ast::{Comment, CommentKind};
use crate::syntax::{FileId, Span};

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Ident,
    Number,
    /// The opening `"` of a string.
    Quote,
    LBrace,
    RBrace,
    LBrack,
    RBrack,
    LParen,
    RParen,
    Comma,
    Dot,
    Ellipsis,
    Colon,
    DoubleColon,
    Question,
    Tilde,
    /// `=`
    Assign,
    /// `=>`
    FatArrow,
    EqEq,
    NotEq,
    Bang,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    AndAnd,
    OrOr,
    Newline,
    Eof,
    /// A character that starts no token.
    Invalid,
    /// A `/*` comment without its `*/` (the token covers the `/*`).
    UnclosedComment,
}

/// A token: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Tok,
    pub start: usize,
    pub end: usize,
}

/// Whether `c` may start an identifier (ID_Start or `_`).
#[inline]
pub(super) fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '_'
    } else {
        unicode_ident::is_xid_start(c)
    }
}

/// Whether `c` may continue an identifier (ID_Continue or `-`).
#[inline]
pub(super) fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_' || c == '-'
    } else {
        unicode_ident::is_xid_continue(c)
    }
}

/// ASCII bytes that continue an identifier: letters, digits, `_` and `-`.
static IDENT_CONTINUE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        c += 1;
    }
    t
};

/// The end of the identifier that starts at `i`, or `None` if none starts there.
#[inline]
pub(super) fn scan_ident(src: &str, i: usize) -> Option<usize> {
    let b = src.as_bytes();
    let first = *b.get(i)?;
    let mut j = if first.is_ascii_alphabetic() || first == b'_' {
        i + 1
    } else if first >= 0x80 {
        let c = src[i..].chars().next()?;
        if !is_id_start(c) {
            return None;
        }
        i + c.len_utf8()
    } else {
        return None;
    };
    loop {
        while j < b.len() && IDENT_CONTINUE[b[j] as usize] {
            j += 1;
        }
        match b.get(j) {
            Some(&c) if c >= 0x80 => {
                // `j` is on a char boundary: everything before it was whole chars.
                let ch = src[j..].chars().next().unwrap_or('\0');
                if is_id_continue(ch) {
                    j += ch.len_utf8();
                } else {
                    return Some(j);
                }
            }
            _ => return Some(j),
        }
    }
}

/// The end of the number literal that starts at `i` (a digit):
/// `digits ('.' digits)? ([eE] [+-]? digits)?`.
#[inline]
pub(super) fn scan_number(b: &[u8], i: usize) -> usize {
    let digits = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut j = digits(i);
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j = digits(j + 1);
    }
    if j < b.len() && (b[j] == b'e' || b[j] == b'E') {
        let mut k = j + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            j = digits(k);
        }
    }
    j
}

/// Skips spaces, tabs and `/* */` comments on one line (never a newline or a
/// line comment) from `i`; returns the new offset. Used to look ahead.
pub(super) fn skip_inline_space(b: &[u8], mut i: usize) -> usize {
    loop {
        match b.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(b'/') if b.get(i + 1) == Some(&b'*') => match find_comment_end(b, i + 2) {
                Some(end) => i = end,
                None => return i,
            },
            _ => return i,
        }
    }
}

/// The offset just after the `*/` that closes a comment whose body starts at `i`.
fn find_comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    while i + 1 < b.len() {
        match b[i + 1..].iter().position(|&c| c == b'/') {
            Some(p) => {
                let slash = i + 1 + p;
                if b[slash - 1] == b'*' {
                    return Some(slash + 1);
                }
                i = slash;
            }
            None => return None,
        }
    }
    None
}

/// Records a comment the lexer skipped, once: the parser never moves back, and a
/// comment scanned again (a token peeked twice, or with and without newlines) starts no
/// later than the last one recorded.
#[cold]
fn record(comments: &mut Vec<Comment>, file: FileId, start: usize, end: usize, kind: CommentKind) {
    if comments
        .last()
        .is_none_or(|c| (c.span.start as usize) < start)
    {
        comments.push(Comment {
            span: Span::new(file, start, end),
            kind,
        });
    }
}

/// Scans the token at or after `i` (after whitespace and comments), adding the
/// comments it skips to `comments`.
pub(super) fn next(
    src: &str,
    mut i: usize,
    newlines: bool,
    file: FileId,
    comments: &mut Vec<Comment>,
) -> Token {
    let b = src.as_bytes();
    let len = b.len();
    let tok = |kind, start, end| Token { kind, start, end };
    // Whitespace and comments.
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        let Some(&c) = b.get(i) else {
            return tok(Tok::Eof, len, len);
        };
        match c {
            b' ' | b'\t' => i += 1,
            b'\n' => {
                if newlines {
                    return tok(Tok::Newline, i, i + 1);
                }
                i += 1;
            }
            b'\r' => {
                if newlines && b.get(i + 1) == Some(&b'\n') {
                    return tok(Tok::Newline, i, i + 2);
                }
                i += 1;
            }
            b'#' => {
                let end = line_end(b, i);
                record(comments, file, i, end, CommentKind::Hash);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = line_end(b, i);
                record(comments, file, i, end, CommentKind::DoubleSlash);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => match find_comment_end(b, i + 2) {
                Some(end) => {
                    record(comments, file, i, end, CommentKind::Block);
                    i = end;
                }
                None => return tok(Tok::UnclosedComment, i, i + 2),
            },
            // A byte order mark at the very start (SourceFile removes it, but
            // text may come from elsewhere).
            0xEF if i == 0 && src.starts_with('\u{feff}') => i += 3,
            _ => break,
        }
    }
    let start = i;
    let c = b[i];
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    let (kind, n) = match c {
        b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
            let mut end = i + 1;
            while end < len && IDENT_CONTINUE[b[end] as usize] {
                end += 1;
            }
            if end < len && b[end] >= 0x80 {
                end = scan_ident(src, i).unwrap_or(end);
            }
            return tok(Tok::Ident, start, end);
        }
        b'0'..=b'9' => return tok(Tok::Number, start, scan_number(b, i)),
        b'"' => (Tok::Quote, 1),
        b'{' => (Tok::LBrace, 1),
        b'}' => (Tok::RBrace, 1),
        b'[' => (Tok::LBrack, 1),
        b']' => (Tok::RBrack, 1),
        b'(' => (Tok::LParen, 1),
        b')' => (Tok::RParen, 1),
        b',' => (Tok::Comma, 1),
        b'.' if at(1) == b'.' && at(2) == b'.' => (Tok::Ellipsis, 3),
        b'.' => (Tok::Dot, 1),
        b':' if at(1) == b':' => (Tok::DoubleColon, 2),
        b':' => (Tok::Colon, 1),
        b'?' => (Tok::Question, 1),
        b'~' => (Tok::Tilde, 1),
        b'=' if at(1) == b'=' => (Tok::EqEq, 2),
        b'=' if at(1) == b'>' => (Tok::FatArrow, 2),
        b'=' => (Tok::Assign, 1),
        b'!' if at(1) == b'=' => (Tok::NotEq, 2),
        b'!' => (Tok::Bang, 1),
        b'<' if at(1) == b'=' => (Tok::Le, 2),
        b'<' => (Tok::Lt, 1),
        b'>' if at(1) == b'=' => (Tok::Ge, 2),
        b'>' => (Tok::Gt, 1),
        b'+' => (Tok::Plus, 1),
        b'-' => (Tok::Minus, 1),
        b'*' => (Tok::Star, 1),
        b'/' => (Tok::Slash, 1),
        b'%' => (Tok::Percent, 1),
        b'&' if at(1) == b'&' => (Tok::AndAnd, 2),
        b'|' if at(1) == b'|' => (Tok::OrOr, 2),
        0x80.. => {
            if let Some(end) = scan_ident(src, i) {
                return tok(Tok::Ident, start, end);
            }
            let w = src[i..].chars().next().map_or(1, char::len_utf8);
            (Tok::Invalid, w)
        }
        _ => (Tok::Invalid, 1),
    };
    tok(kind, start, start + n)
}

/// The offset of the line break (`\n`, or the `\r` of `\r\n`) ending the line at `i`.
#[inline]
fn line_end(b: &[u8], i: usize) -> usize {
    match b[i..].iter().position(|&c| c == b'\n') {
        Some(p) => {
            let nl = i + p;
            if nl > i && b[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            }
        }
        None => b.len(),
    }
}
