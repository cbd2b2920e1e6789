//! Quoted strings, templates (`${...}` interpolations, `%{...}` directives)
//! and heredocs.
//!
//! A template is first read into a flat list of pieces in source order
//! (literals, interpolations, directive tags), as HashiCorp's parser does;
//! then strip markers (`~`) trim the neighbouring literals, an indented
//! heredoc's common indentation is removed, and the top-level pieces become the
//! [`TemplatePart`]s (a whole `%{if}`/`%{for}` construct becomes one
//! [`TemplatePart::Directive`]).

use super::lexer::{self, Tok, Token};
use super::parser::{PResult, Parser};
use super::MAX_DEPTH;
use crate::syntax::ast::*;

enum Piece {
    Lit(String),
    Interp {
        expr: Expr,
        strip_before: bool,
        strip_after: bool,
    },
    Dir {
        kind: DirKind,
        strip_before: bool,
        strip_after: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DirKind {
    /// `%{if}` or `%{for}`.
    Open,
    /// `%{else}`.
    Middle,
    /// `%{endif}` or `%{endfor}`.
    Close,
}

/// An open directive: whether it is an `if` (and has seen its `else`) or a
/// `for`, and where its tag is.
#[derive(Clone, Copy)]
struct OpenDir {
    is_if: bool,
    has_else: bool,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct Scan {
    pieces: Vec<Piece>,
    lit: String,
    open: Vec<OpenDir>,
}

impl Scan {
    fn flush_lit(&mut self) {
        if !self.lit.is_empty() {
            self.pieces.push(Piece::Lit(std::mem::take(&mut self.lit)));
        }
    }
}

impl<'a> Parser<'a> {
    /// A quoted string or template; `q` is its opening quote.
    #[inline(never)]
    pub(super) fn string_expr(&mut self, q: Token) -> PResult<Expr> {
        self.pos = q.end;
        let mut scan = Scan::default();
        let end = self.scan_quoted(q.start, &mut scan, true)?;
        let span = self.span(q.start, end);
        let kind = if scan.pieces.is_empty() {
            ExprKind::String(scan.lit)
        } else {
            scan.flush_lit();
            ExprKind::Template(finish(scan.pieces, false, false))
        };
        Ok(Expr { kind, span })
    }

    /// A bare template from `self.pos` to the end of the text (see
    /// [`super::parse_template`]).
    #[inline(never)]
    pub(super) fn bare_template(&mut self) -> PResult<Expr> {
        self.stack_base = super::parser::stack_address();
        let b = self.b;
        let src = self.src;
        let start = self.pos;
        let mut scan = Scan::default();
        let mut i = self.pos;
        while i < b.len() {
            let run = i;
            while i < b.len() && !matches!(b[i], b'$' | b'%') {
                i += 1;
            }
            if i > run {
                scan.lit.push_str(&src[run..i]);
            }
            if i < b.len() {
                i = self.template_marker(i, &mut scan, true)?;
            }
        }
        if let Some(d) = scan.open.last() {
            return self.unclosed_directive(*d);
        }
        self.pos = i;
        let span = self.span(start, i);
        let kind = if scan.pieces.is_empty() {
            ExprKind::String(scan.lit)
        } else {
            scan.flush_lit();
            ExprKind::Template(finish(scan.pieces, false, false))
        };
        Ok(Expr { kind, span })
    }

    /// A quoted block label (no templates); the opening quote at `start` is
    /// read. Returns the value and the offset after the closing quote.
    pub(super) fn label_string(&mut self, start: usize) -> PResult<(String, usize)> {
        let mut scan = Scan::default();
        let end = self.scan_quoted(start, &mut scan, false)?;
        Ok((scan.lit, end))
    }

    /// Scans a quoted string's contents from `self.pos` to its closing quote.
    fn scan_quoted(&mut self, open: usize, scan: &mut Scan, templates: bool) -> PResult<usize> {
        let b = self.b;
        let src = self.src;
        let mut i = self.pos;
        loop {
            let run = i;
            while i < b.len() && !matches!(b[i], b'"' | b'\\' | b'$' | b'%' | b'\n' | b'\r') {
                i += 1;
            }
            if i > run {
                scan.lit.push_str(&src[run..i]);
            }
            let Some(&c) = b.get(i) else {
                return self.unclosed_string(open);
            };
            match c {
                b'"' => {
                    if let Some(d) = scan.open.last() {
                        return self.unclosed_directive(*d);
                    }
                    self.pos = i + 1;
                    return Ok(i + 1);
                }
                b'\\' => {
                    let (ch, n) = self.escape(i)?;
                    scan.lit.push(ch);
                    i += n;
                }
                b'$' | b'%' => i = self.template_marker(i, scan, templates)?,
                b'\r' if b.get(i + 1) != Some(&b'\n') => {
                    scan.lit.push('\r');
                    i += 1;
                }
                _ => return self.unclosed_string(open),
            }
        }
    }

    /// At a `$` or `%` in a template: an interpolation or directive, an
    /// escaped `$${` / `%%{`, or a plain character. Returns the next offset.
    fn template_marker(&mut self, i: usize, scan: &mut Scan, templates: bool) -> PResult<usize> {
        let b = self.b;
        let c = b[i];
        if b.get(i + 1) == Some(&b'{') {
            if !templates {
                return self.error(
                    i,
                    i + 2,
                    format!(
                        "template sequences are not allowed in a block label; write `{}{}{{` for a literal `{}{{`",
                        c as char, c as char, c as char
                    ),
                );
            }
            scan.flush_lit();
            if c == b'$' {
                self.interpolation(i, scan)
            } else {
                self.directive(i, scan)
            }
        } else if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&b'{') {
            scan.lit.push(c as char);
            scan.lit.push('{');
            Ok(i + 3)
        } else {
            scan.lit.push(c as char);
            Ok(i + 1)
        }
    }

    /// `${ expr }` starting at `i`; returns the offset after its `}`.
    fn interpolation(&mut self, i: usize, scan: &mut Scan) -> PResult<usize> {
        let (strip_before, saved) = self.open_tag(i);
        let expr = self.expr()?;
        let (strip_after, end) = self.close_tag(i, "`}` to close the interpolation")?;
        self.nl = saved;
        scan.pieces.push(Piece::Interp {
            expr,
            strip_before,
            strip_after,
        });
        Ok(end)
    }

    /// Enters a `${` or `%{` tag starting at `i`: skips it and an optional `~` strip marker,
    /// and turns newlines off inside. Returns whether `~` was there and the newline mode to
    /// restore when the tag closes.
    fn open_tag(&mut self, i: usize) -> (bool, bool) {
        let mut j = i + 2;
        let strip_before = self.b.get(j) == Some(&b'~');
        if strip_before {
            j += 1;
        }
        self.pos = j;
        let saved = self.nl;
        self.nl = false;
        (strip_before, saved)
    }

    /// Reads an optional `~` and the `}` closing a template tag opened at `open`.
    fn close_tag(&mut self, open: usize, expected: &str) -> PResult<(bool, usize)> {
        let mut t = self.peek();
        let strip = t.kind == Tok::Tilde;
        if strip {
            self.pos = t.end;
            t = self.peek();
        }
        if t.kind != Tok::RBrace {
            if t.kind == Tok::Eof {
                let what = &self.src[open..open + 2];
                return self.error(
                    open,
                    open + 2,
                    format!("unclosed `{what}`: no matching `}}` before the end of the file"),
                );
            }
            return self.unexpected(t, expected);
        }
        self.pos = t.end;
        Ok((strip, t.end))
    }

    /// `%{ if/for/else/endif/endfor ... }` starting at `i`.
    fn directive(&mut self, i: usize, scan: &mut Scan) -> PResult<usize> {
        let (strip_before, saved) = self.open_tag(i);
        let kw = self.peek();
        let word = if kw.kind == Tok::Ident {
            &self.src[kw.start..kw.end]
        } else {
            ""
        };
        let kind = match word {
            "if" | "for" => {
                self.pos = kw.end;
                if word == "for" {
                    self.expect(Tok::Ident, "a variable name after `for`")?;
                    if self.peek().kind == Tok::Comma {
                        self.bump();
                        self.expect(Tok::Ident, "a variable name after `,`")?;
                    }
                    let t = self.peek();
                    if !(t.kind == Tok::Ident && &self.src[t.start..t.end] == "in") {
                        return self.unexpected(t, "`in` after the `for` variables");
                    }
                    self.pos = t.end;
                }
                self.expr()?;
                if scan.open.len() >= MAX_DEPTH as usize {
                    self.pos = i;
                    return self.error(
                        i,
                        i + 2,
                        format!("nesting too deep: more than {MAX_DEPTH} nested levels"),
                    );
                }
                scan.open.push(OpenDir {
                    is_if: word == "if",
                    has_else: false,
                    start: i,
                    end: kw.end,
                });
                DirKind::Open
            }
            "else" | "endif" | "endfor" => {
                self.pos = kw.end;
                let want_if = word != "endfor";
                match scan.open.last_mut() {
                    Some(d) if d.is_if == want_if && !(word == "else" && d.has_else) => {
                        if word == "else" {
                            d.has_else = true;
                            DirKind::Middle
                        } else {
                            scan.open.pop();
                            DirKind::Close
                        }
                    }
                    _ => {
                        let opener = if want_if { "if" } else { "for" };
                        return self.error(
                            i,
                            kw.end,
                            format!("`%{{{word}}}` without a matching `%{{{opener}}}`"),
                        );
                    }
                }
            }
            _ => return self.unexpected(kw, "`if`, `for`, `else`, `endif` or `endfor` after `%{`"),
        };
        let (strip_after, end) = self.close_tag(i, "`}` to close the directive")?;
        self.nl = saved;
        scan.pieces.push(Piece::Dir {
            kind,
            strip_before,
            strip_after,
        });
        Ok(end)
    }

    /// An escape sequence at the backslash `i` in a quoted string: the
    /// character and the length of the sequence.
    fn escape(&self, i: usize) -> PResult<(char, usize)> {
        let b = self.b;
        let c = match b.get(i + 1) {
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(&u @ (b'u' | b'U')) => {
                let n = if u == b'u' { 4 } else { 8 };
                let hex = b
                    .get(i + 2..i + 2 + n)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                let Some(hex) = hex else {
                    let end = i
                        + 2
                        + b[i + 2..]
                            .iter()
                            .take(n)
                            .take_while(|c| c.is_ascii_hexdigit())
                            .count();
                    return self.error(
                        i,
                        end,
                        format!("`\\{}` needs exactly {n} hexadecimal digits", u as char),
                    );
                };
                let hex = std::str::from_utf8(hex).unwrap_or("");
                let value = u32::from_str_radix(hex, 16).unwrap_or(u32::MAX);
                match char::from_u32(value) {
                    Some(c) => return Ok((c, 2 + n)),
                    None => {
                        return self.error(
                            i,
                            i + 2 + n,
                            format!("`\\{}{hex}` is not a Unicode character", u as char),
                        )
                    }
                }
            }
            _ => {
                let next = self.src[i + 1..].chars().next();
                let end = i + 1 + next.map_or(0, char::len_utf8);
                let shown = match next {
                    Some(c) if !c.is_control() => format!("`\\{c}`"),
                    _ => "`\\`".to_string(),
                };
                return self.error(
                    i,
                    end,
                    format!(
                        "invalid escape sequence {shown}; the escapes are \\n \\r \\t \\\" \\\\ \\uNNNN \\UNNNNNNNN"
                    ),
                );
            }
        };
        Ok((c, 2))
    }

    #[cold]
    fn unclosed_string<T>(&self, open: usize) -> PResult<T> {
        self.error(
            open,
            open + 1,
            "unclosed string: no closing `\"` before the end of the line".to_string(),
        )
    }

    #[cold]
    fn unclosed_directive<T>(&self, d: OpenDir) -> PResult<T> {
        let (word, end) = if d.is_if {
            ("if", "endif")
        } else {
            ("for", "endfor")
        };
        self.error(
            d.start,
            d.end,
            format!("unclosed `%{{{word}}}` directive: no matching `%{{{end}}}`"),
        )
    }

    /// A heredoc `<<EOF` or `<<-EOF`; `t` is the first `<`.
    #[inline(never)]
    pub(super) fn heredoc(&mut self, t: Token) -> PResult<Expr> {
        let b = self.b;
        let src = self.src;
        let len = b.len();
        let start = t.start;
        let mut i = start + 2;
        let indented = b.get(i) == Some(&b'-');
        if indented {
            i += 1;
        }
        let Some(marker_end) = lexer::scan_ident(src, i) else {
            return self.error(
                start,
                i,
                "expected a heredoc marker (an identifier) after `<<`".to_string(),
            );
        };
        let marker = &src[i..marker_end];
        let mut j = marker_end;
        if b.get(j) == Some(&b'\n') {
            j += 1;
        } else if b.get(j) == Some(&b'\r') && b.get(j + 1) == Some(&b'\n') {
            j += 2;
        } else {
            return self.error(
                start,
                marker_end,
                format!("the heredoc marker `{marker}` must be followed directly by a newline"),
            );
        }
        let mut scan = Scan::default();
        let mut line_start = true;
        let end = loop {
            if line_start {
                match closing_marker(b, j, marker) {
                    Some(end) if end_of_line(b, end) < len => break end,
                    Some(end) => {
                        // HashiCorp's parser needs a newline after the marker.
                        return self.error(
                            start,
                            marker_end,
                            format!(
                                "unterminated heredoc `{marker}`: the closing `{marker}` on line {} must be followed by a newline",
                                self.b[..end].iter().filter(|&&c| c == b'\n').count() + 1
                            ),
                        );
                    }
                    None => {}
                }
            }
            if j >= len {
                return self.error(
                    start,
                    marker_end,
                    format!(
                        "unterminated heredoc `{marker}`: no line with the closing `{marker}` before the end of the file"
                    ),
                );
            }
            let run = j;
            while j < len && !matches!(b[j], b'\n' | b'$' | b'%') {
                j += 1;
            }
            if j > run {
                scan.lit.push_str(&src[run..j]);
                line_start = false;
            }
            match b.get(j) {
                Some(b'\n') => {
                    scan.lit.push('\n');
                    j += 1;
                    line_start = true;
                }
                Some(_) => {
                    j = self.template_marker(j, &mut scan, true)?;
                    line_start = false;
                }
                None => {}
            }
        };
        if let Some(d) = scan.open.last() {
            return self.unclosed_directive(*d);
        }
        scan.flush_lit();
        self.pos = end;
        Ok(Expr {
            kind: ExprKind::Template(finish(scan.pieces, true, indented)),
            span: self.span(start, end),
        })
    }
}

/// If the line at `j` is a heredoc's closing marker (with optional spaces
/// around it), the offset just after the marker.
#[inline]
fn closing_marker(b: &[u8], j: usize, marker: &str) -> Option<usize> {
    let mut k = j;
    while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
        k += 1;
    }
    if !b[k..].starts_with(marker.as_bytes()) {
        return None;
    }
    let end = k + marker.len();
    let e = end_of_line(b, end);
    (e == b.len() || b[e] == b'\n').then_some(end)
}

/// Skips spaces, tabs and carriage returns from `i`.
#[inline]
fn end_of_line(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
        i += 1;
    }
    i
}

/// Turns the scanned pieces into template parts.
fn finish(mut pieces: Vec<Piece>, heredoc: bool, flush: bool) -> Vec<TemplatePart> {
    // Strip markers (before dedenting, as HashiCorp's parser does).
    for i in 0..pieces.len() {
        let (before, after) = match &pieces[i] {
            Piece::Lit(_) => continue,
            Piece::Interp {
                strip_before,
                strip_after,
                ..
            }
            | Piece::Dir {
                strip_before,
                strip_after,
                ..
            } => (*strip_before, *strip_after),
        };
        // In a heredoc HashiCorp's parser holds one literal per line, and a
        // marker trims only the neighbouring one: the end of the previous
        // line segment, the start of the next.
        if before && i > 0 {
            if let Piece::Lit(s) = &mut pieces[i - 1] {
                let from = if heredoc {
                    let body = s.strip_suffix('\n').unwrap_or(s);
                    body.rfind('\n').map_or(0, |k| k + 1)
                } else {
                    0
                };
                let n = from + s[from..].trim_end_matches(char::is_whitespace).len();
                s.truncate(n);
            }
        }
        if after {
            if let Some(Piece::Lit(s)) = pieces.get_mut(i + 1) {
                let to = if heredoc {
                    s.find('\n').map_or(s.len(), |k| k + 1)
                } else {
                    s.len()
                };
                let n = to - s[..to].trim_start_matches(char::is_whitespace).len();
                s.drain(..n);
            }
        }
    }
    if flush {
        flush_indent(&mut pieces);
    }
    let mut parts: Vec<TemplatePart> = Vec::with_capacity(pieces.len());
    let mut level = 0usize;
    for piece in pieces {
        match piece {
            Piece::Lit(s) if level == 0 && !s.is_empty() => match parts.last_mut() {
                Some(TemplatePart::Literal(prev)) => prev.push_str(&s),
                _ => parts.push(TemplatePart::Literal(s)),
            },
            Piece::Interp { expr, .. } if level == 0 => {
                parts.push(TemplatePart::Interpolation(expr))
            }
            Piece::Dir { kind, .. } => match kind {
                DirKind::Open => {
                    if level == 0 {
                        parts.push(TemplatePart::Directive);
                    }
                    level += 1;
                }
                DirKind::Middle => {}
                DirKind::Close => level = level.saturating_sub(1),
            },
            _ => {}
        }
    }
    parts
}

/// Removes the common leading whitespace of an indented heredoc's lines, as
/// HashiCorp's parser does: lines that are blank do not count (and are kept
/// as they are), and a line that starts with an interpolation or directive
/// has no indentation, so then nothing is removed.
fn flush_indent(pieces: &mut [Piece]) {
    let mut min = usize::MAX;
    let mut line_start = true;
    for piece in pieces.iter() {
        match piece {
            Piece::Lit(s) => {
                for seg in s.split_inclusive('\n') {
                    if line_start {
                        let rest = seg.trim_start_matches(char::is_whitespace);
                        if !(rest.is_empty() && seg.ends_with('\n')) {
                            min = min.min(seg[..seg.len() - rest.len()].chars().count());
                        }
                    }
                    line_start = seg.ends_with('\n');
                }
            }
            _ => {
                if line_start {
                    min = 0;
                }
                line_start = false;
            }
        }
    }
    if min == 0 || min == usize::MAX {
        return;
    }
    let mut line_start = true;
    for piece in pieces.iter_mut() {
        match piece {
            Piece::Lit(s) => {
                let mut out = String::with_capacity(s.len());
                for seg in s.split_inclusive('\n') {
                    let blank = seg.trim_start_matches(char::is_whitespace).is_empty()
                        && seg.ends_with('\n');
                    if line_start && !blank {
                        let cut = seg.char_indices().nth(min).map_or(seg.len(), |(k, _)| k);
                        out.push_str(&seg[cut..]);
                    } else {
                        out.push_str(seg);
                    }
                    line_start = seg.ends_with('\n');
                }
                *s = out;
            }
            _ => line_start = false,
        }
    }
}
