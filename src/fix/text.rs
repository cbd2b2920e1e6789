//! Text edits that leave a file as `terraform fmt` would: attributes inserted at their block's
//! indentation (read from the file) with `=` aligned across the group of single-line
//! attributes they join, attribute and block lines removed with the blank line they leave,
//! list elements added or removed keeping the list's one-line or multi-line style.
//!
//! Rules call these with spans from the model; every helper returns `None` when it cannot
//! compute the exact edit (a block written on one line, a heredoc or a `/* */` comment where
//! the edit would have to re-align, a list that is not a literal...), and the rule then offers
//! no fix. Alignment follows `terraform fmt`: consecutive lines that each hold a whole
//! `key = value` share one `=` column (one space after the longest key), and consecutive
//! lines that end in a comment after code share one comment column.

use crate::diagnostic::Edit;
use crate::syntax::{SourceFile, Span};

/// A file's text seen line by line (0-based lines).
#[derive(Clone, Copy)]
pub struct Doc<'a> {
    file: &'a SourceFile,
}

impl<'a> Doc<'a> {
    pub fn new(file: &'a SourceFile) -> Doc<'a> {
        Doc { file }
    }

    pub fn text(&self) -> &'a str {
        &self.file.text
    }

    /// The text of a span, or `""` when it is out of bounds.
    pub fn slice(&self, span: Span) -> &'a str {
        self.file
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    fn count(&self) -> usize {
        self.file.line_starts().len()
    }

    fn start(&self, line: usize) -> usize {
        self.file.line_starts()[line]
    }

    /// Where the line after `line` starts (the end of the text for the last line).
    fn next_start(&self, line: usize) -> usize {
        self.file
            .line_starts()
            .get(line + 1)
            .copied()
            .unwrap_or(self.file.text.len())
    }

    /// A line without its line break.
    fn line(&self, line: usize) -> &'a str {
        self.file.text[self.start(line)..self.next_start(line)].trim_end_matches(['\n', '\r'])
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.file.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The line break the file uses: `\r\n` when its first line ends so.
    fn newline(&self) -> &'static str {
        let text = self.file.text.as_bytes();
        match self.file.line_starts().get(1) {
            Some(&s) if s >= 2 && text[s - 2] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    fn edit(&self, start: usize, end: usize, replacement: String) -> Edit {
        Edit {
            span: Span::new(self.file.id, start, end),
            replacement,
        }
    }
}

/// How `terraform fmt` sees one line: the code before an assignment's `=`, the assignment,
/// and a comment after code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cells {
    /// End of the code before the `=` (trimmed), or of all the code without assignment.
    lead_end: usize,
    /// The `=` of an assignment whose value ends on this line.
    assign: Option<usize>,
    /// End of the code (trimmed), before any comment.
    code_end: usize,
    /// A comment that follows code on this line.
    comment: Option<usize>,
    /// Opening minus closing brackets in the code.
    net: i32,
    /// The first `=` of the line (an attribute's, whether or not its value ends here).
    eq: Option<usize>,
}

/// Skips a quoted string starting at `i` (a `"`): the offset after its closing quote.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            b'$' | b'%' if b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&b'{') => i += 3,
            b'$' | b'%' if b.get(i + 1) == Some(&b'{') => i = skip_interpolation(b, i + 2)?,
            _ => i += 1,
        }
    }
    None
}

/// Skips a template interpolation whose `${` ends before `i`: the offset after its `}`.
fn skip_interpolation(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 1;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i = skip_string(b, i)?;
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The cells of a line; `None` for what this reader does not follow (a heredoc, a `/* */`
/// comment, a string left open).
fn cells(line: &str) -> Option<Cells> {
    let b = line.as_bytes();
    let (mut i, mut net, mut code_end) = (0, 0i32, 0usize);
    let mut eq: Option<(usize, i32)> = None;
    let mut comment = None;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'"' => {
                i = skip_string(b, i)?;
                code_end = i;
                continue;
            }
            b'#' => {
                comment = Some(i);
                break;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                comment = Some(i);
                break;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => return None,
            b'<' if b.get(i + 1) == Some(&b'<') => return None,
            b'(' | b'[' | b'{' => net += 1,
            b')' | b']' | b'}' => net -= 1,
            b'=' => {
                let prev = if i > 0 { b[i - 1] } else { b' ' };
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if eq.is_none()
                    && code_end > 0
                    && !matches!(prev, b'=' | b'!' | b'<' | b'>')
                    && !matches!(next, b'=' | b'>')
                {
                    eq = Some((i, net));
                }
            }
            _ => {}
        }
        i += 1;
        code_end = i;
    }
    // A comment alone on its line is no comment cell.
    let comment = comment.filter(|_| code_end > 0);
    let (lead_end, assign) = match eq {
        Some((at, before)) if net == before => (line[..at].trim_end().len(), Some(at)),
        _ => (code_end, None),
    };
    Some(Cells {
        lead_end,
        assign,
        code_end,
        comment,
        net,
        eq: eq.map(|e| e.0),
    })
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Aligns `=` and trailing comments across the lines as `terraform fmt` does, and trims
/// trailing spaces.
fn align(lines: &mut [String]) -> Option<()> {
    let all: Vec<Cells> = lines.iter().map(|l| cells(l)).collect::<Option<_>>()?;
    let mut codes: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if all[i].assign.is_none() {
            let l = &lines[i];
            codes.push(match all[i].comment {
                Some(_) => l[..all[i].code_end].to_string(),
                None => l.trim_end().to_string(),
            });
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && all[j].assign.is_some() {
            j += 1;
        }
        let max = (i..j)
            .map(|k| width(&lines[k][..all[k].lead_end]))
            .max()
            .unwrap_or(0);
        for k in i..j {
            let (c, l) = (all[k], &lines[k]);
            let lead = &l[..c.lead_end];
            let assign = &l[c.assign.unwrap_or(c.lead_end)..c.code_end];
            codes.push(format!(
                "{lead}{}{assign}",
                " ".repeat(max - width(lead) + 1)
            ));
        }
        i = j;
    }
    let mut i = 0;
    while i < lines.len() {
        if all[i].comment.is_none() {
            lines[i] = std::mem::take(&mut codes[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && all[j].comment.is_some() {
            j += 1;
        }
        let max = (i..j).map(|k| width(&codes[k])).max().unwrap_or(0);
        for k in i..j {
            let comment = lines[k][all[k].comment.unwrap_or(0)..]
                .trim_end()
                .to_string();
            let code = std::mem::take(&mut codes[k]);
            let pad = " ".repeat(max - width(&code) + 1);
            lines[k] = format!("{code}{pad}{comment}");
        }
        i = j;
    }
    Some(())
}

/// Line replacements in one file, turned into one edit that also re-aligns the groups of
/// attributes and comments they touch.
pub struct Lines<'a> {
    doc: Doc<'a>,
    /// `(first, end, new)`: old lines `first..end` become `new`.
    changes: Vec<(usize, usize, Vec<String>)>,
}

impl<'a> Lines<'a> {
    pub fn new(doc: Doc<'a>) -> Lines<'a> {
        Lines {
            doc,
            changes: Vec::new(),
        }
    }

    /// Old lines `first..end` become `new` (an insertion when `first == end`).
    pub fn replace(&mut self, first: usize, end: usize, new: Vec<String>) {
        self.changes.push((first, end, new));
    }

    /// The edit; `None` when the changes overlap, change nothing, or the lines to re-align
    /// cannot be read.
    pub fn edit(mut self) -> Option<Edit> {
        let doc = self.doc;
        self.changes.sort_by_key(|c| (c.0, c.1));
        if self.changes.is_empty() || self.changes.windows(2).any(|w| w[0].1 > w[1].0) {
            return None;
        }
        let lo = self.changes[0].0;
        let hi = self.changes.last().map_or(lo, |c| c.1);
        let mut mid: Vec<String> = Vec::new();
        let mut at = lo;
        for (first, end, new) in std::mem::take(&mut self.changes) {
            mid.extend((at..first).map(|k| doc.line(k).to_string()));
            mid.extend(new);
            at = end;
        }
        let count = doc.count();
        let delta = mid.len() as isize - (hi - lo) as isize;
        let new_count = (count as isize + delta) as usize;
        let get = |j: usize| -> &str {
            if j < lo {
                doc.line(j)
            } else if j < lo + mid.len() {
                &mid[j - lo]
            } else {
                doc.line((j as isize - delta) as usize)
            }
        };
        // Lines that chain with their neighbour: both whole assignments, or both ending in a
        // comment after code. The lines either side of the change may join its groups.
        let chained = |x: &str, y: &str| -> Option<bool> {
            let (a, b) = (cells(x)?, cells(y)?);
            Some(
                (a.assign.is_some() && b.assign.is_some())
                    || (a.comment.is_some() && b.comment.is_some()),
            )
        };
        // The lines next to the change are re-aligned too: their group may have lost or
        // gained a line.
        let (mut a, mut b) = (lo.saturating_sub(1), (lo + mid.len() + 1).min(new_count));
        while a > 0 && chained(get(a - 1), get(a))? {
            a -= 1;
        }
        while b < new_count && b > 0 && chained(get(b - 1), get(b))? {
            b += 1;
        }
        let mut region: Vec<String> = (a..b).map(|j| get(j).to_string()).collect();
        align(&mut region)?;
        let old_end_line = (b as isize - delta) as usize;
        let start = doc.start(a);
        let end = if old_end_line < count {
            doc.start(old_end_line)
        } else {
            doc.text().len()
        };
        let nl = doc.newline();
        let mut replacement = String::new();
        for (k, line) in region.iter().enumerate() {
            replacement.push_str(line);
            if old_end_line < count || k + 1 < region.len() {
                replacement.push_str(nl);
            }
        }
        minimal(doc, start, end, replacement)
    }
}

/// The smallest edit that turns `start..end` into `replacement`; `None` when they are equal.
fn minimal(doc: Doc, start: usize, end: usize, replacement: String) -> Option<Edit> {
    let old = &doc.text()[start..end];
    if old == replacement {
        return None;
    }
    let (ob, nb) = (old.as_bytes(), replacement.as_bytes());
    let mut p = ob.iter().zip(nb).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(p) && replacement.is_char_boundary(p)) {
        p -= 1;
    }
    let max_s = ob.len().min(nb.len()) - p;
    let mut s = ob
        .iter()
        .rev()
        .zip(nb.iter().rev())
        .take(max_s)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(ob.len() - s) && replacement.is_char_boundary(nb.len() - s)) {
        s -= 1;
    }
    let (from, to) = (start + p, end - s);
    let (from, to, text) = slide(doc.text(), from, to, &replacement[p..nb.len() - s]);
    Some(doc.edit(from, to, text))
}

/// Where an insertion or a deletion reads best: a run of repeated text lets it slide (after
/// `["/ws` inserting `", "/ws` is inserting `"/ws", ` after `[`). The leftmost place right
/// after a line break, a bracket, a comma or a space wins; else one whose text starts with
/// a comma or a space; else the place found.
fn slide(text: &str, from: usize, to: usize, with: &str) -> (usize, usize, String) {
    let t = text.as_bytes();
    let boundary =
        |p: usize| p == 0 || matches!(t[p - 1], b'\n' | b'[' | b'(' | b'{' | b',' | b' ');
    let good = |b: &[u8]| matches!(b.first(), Some(b',' | b' '));
    // Candidates as (from, inserted or deleted bytes).
    let mut cands: Vec<(usize, Vec<u8>)> = Vec::new();
    if from == to && !with.is_empty() {
        let mut seq = with.as_bytes().to_vec();
        let mut p = from;
        while p > 0 && Some(&t[p - 1]) == seq.last() {
            seq.rotate_right(1);
            p -= 1;
        }
        while p <= t.len() {
            cands.push((p, seq.clone()));
            if p < t.len() && t[p] == seq[0] {
                seq.rotate_left(1);
                p += 1;
            } else {
                break;
            }
        }
    } else if with.is_empty() && to > from {
        let len = to - from;
        let mut p = from;
        while p > 0 && t[p - 1] == t[p + len - 1] {
            p -= 1;
        }
        while p + len <= t.len() {
            cands.push((p, t[p..p + len].to_vec()));
            if p + len < t.len() && t[p + len] == t[p] {
                p += 1;
            } else {
                break;
            }
        }
    }
    let fits = |(p, b): &&(usize, Vec<u8>)| {
        text.is_char_boundary(*p)
            && std::str::from_utf8(b).is_ok()
            && (from == to || text.is_char_boundary(*p + b.len()))
    };
    let pick = cands
        .iter()
        .filter(fits)
        .find(|(p, _)| boundary(*p))
        .or_else(|| cands.iter().filter(fits).find(|(_, b)| good(b)));
    match pick {
        Some((p, b)) if from == to => (*p, *p, String::from_utf8_lossy(b).into_owned()),
        Some((p, b)) => (*p, *p + b.len(), String::new()),
        None => (from, to, with.to_string()),
    }
}

/// Where a multi-line block's body opens and closes.
#[derive(Debug, Clone)]
pub struct BlockLines {
    /// The line of the block's first token and its opening `{`.
    pub open: usize,
    /// The line of its closing `}`.
    pub close: usize,
    /// The indentation of the block's first line.
    pub indent: String,
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// Whether `rest` (the text after some code on a line) holds only spaces or a comment.
fn blank_or_comment(rest: &str) -> bool {
    let t = rest.trim();
    t.is_empty() || t.starts_with('#') || t.starts_with("//")
}

/// The lines of the block at `span` whose type is `ident`, written over several lines with
/// `{` ending its first line and `}` alone on its last. `None` for anything else: another
/// type (a block a `dynamic` generated spans its `content` block), a block on one line.
pub fn block_lines(doc: Doc, span: Span, ident: &str) -> Option<BlockLines> {
    let text = doc.text();
    let (s, e) = (span.start as usize, span.end as usize);
    let src = text.get(s..e)?;
    let after = src.as_bytes().get(ident.len()).copied();
    if !src.starts_with(ident) || after.is_some_and(is_ident_byte) || !src.ends_with('}') {
        return None;
    }
    let open = doc.line_of(s);
    let first = doc.line(open);
    let col = s - doc.start(open);
    if !first[..col].trim().is_empty() {
        return None;
    }
    // The `{` after the type and the labels.
    let b = first.as_bytes();
    let mut i = col + ident.len();
    while i < b.len() && b[i] != b'{' {
        match b[i] {
            b'"' => i = skip_string(b, i)?,
            c if c == b' ' || c == b'\t' || is_ident_byte(c) => i += 1,
            _ => return None,
        }
    }
    if i >= b.len() || !blank_or_comment(&first[i + 1..]) {
        return None;
    }
    let close = doc.line_of(e - 1);
    let last = doc.line(close);
    let ccol = e - 1 - doc.start(close);
    if close == open || !last[..ccol].trim().is_empty() || !blank_or_comment(&last[ccol + 1..]) {
        return None;
    }
    Some(BlockLines {
        open,
        close,
        indent: first[..col].to_string(),
    })
}

/// Replaces the value of the attribute statement at `span` (its value at `value`) by `new`,
/// when the value is a literal: a number, `true`/`false`, or a string without
/// interpolation (an expression, a reference to a variable, gets no edit).
pub fn set_value(doc: Doc, span: Span, value: Span, new: &str) -> Option<Edit> {
    let old = doc.slice(value);
    let literal = old.parse::<f64>().is_ok()
        || old == "true"
        || old == "false"
        || (old.len() >= 2
            && old.starts_with('"')
            && old.ends_with('"')
            && !old.contains("${")
            && !old.contains("%{")
            && !old[1..old.len() - 1].contains('"'));
    let (first, last) = own_lines(doc, span)?;
    let line = doc.line_of(value.start as usize);
    if !literal || first != last || line != first {
        return None;
    }
    let mut lines = Lines::new(doc);
    let new_line = splice_line(doc, line, value.start as usize, value.end as usize, new);
    lines.replace(line, line + 1, vec![new_line]);
    lines.edit()
}

/// The only nested block of type `ident` in the body of the block at `span` (of type
/// `parent`); `None` when there is none, several, or a `dynamic` one.
pub fn child_block(doc: Doc, span: Span, parent: &str, ident: &str) -> Option<Span> {
    let bl = block_lines(doc, span, parent)?;
    let mut found = None;
    for it in body_items(doc, &bl)? {
        let line = doc.line(it.first);
        let t = line.trim_start();
        let word = t
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .next();
        if it.key.is_some() {
            continue;
        }
        if word == Some("dynamic") && t.contains(&format!("\"{ident}\"")) {
            return None;
        }
        if word == Some(ident) {
            if found.is_some() {
                return None;
            }
            let start = doc.start(it.first) + (line.len() - t.len());
            let close = doc.line(it.last);
            let end = doc.start(it.last) + close.rfind('}')? + 1;
            found = Some(Span::new(span.file, start, end));
        }
    }
    found
}

/// Whether the block at `span` is written as a block of type `ident` (a block a `dynamic`
/// block generated spans its `content` block instead).
pub fn is_block(doc: Doc, span: Span, ident: &str) -> bool {
    let src = doc.slice(span);
    src.starts_with(ident)
        && !src
            .as_bytes()
            .get(ident.len())
            .copied()
            .is_some_and(is_ident_byte)
}

/// The whole statement `key = value` whose value is at `value`, when it stands on lines of
/// its own.
pub fn statement_of(doc: Doc, value: Span, key: &str) -> Option<Span> {
    let line = doc.line_of(value.start as usize);
    let l = doc.line(line);
    let t = l.trim_start();
    let rest = t.strip_prefix(key)?;
    if !rest.trim_start().starts_with('=') || rest.starts_with(|c: char| is_ident_byte(c as u8)) {
        return None;
    }
    let start = doc.start(line) + (l.len() - t.len());
    let span = Span::new(value.file, start, value.end as usize);
    own_lines(doc, span)?;
    Some(span)
}

/// Whether the text at `span` holds a `dynamic` block: a fix inside a resource with one
/// would have to know which blocks it generates, so it is offered only in resources without.
pub fn has_dynamic(doc: Doc, span: Span) -> bool {
    doc.slice(span).lines().any(|l| {
        l.trim_start()
            .strip_prefix("dynamic")
            .is_some_and(|rest| rest.starts_with([' ', '"']))
    })
}

/// Whether a model address names one instance of a resource with `count` or `for_each` (or
/// of a module called with them): such instances share their block's text, so an edit for
/// one would change them all.
pub fn is_instance(address: &str) -> bool {
    address.contains('[')
}

/// One top-level item of a block's body.
#[derive(Debug, Clone)]
struct Item {
    first: usize,
    /// Its last line (inclusive).
    last: usize,
    /// The attribute's name, for an attribute.
    key: Option<String>,
}

/// The items of a block's body; `None` when a line cannot be read.
fn body_items(doc: Doc, bl: &BlockLines) -> Option<Vec<Item>> {
    let mut items: Vec<Item> = Vec::new();
    let mut depth = 0i32;
    for k in bl.open + 1..bl.close {
        let line = doc.line(k);
        let c = cells(line)?;
        if depth == 0 {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
                continue;
            }
            let key = c.eq.and_then(|at| {
                let k = line[..at].trim();
                (!k.is_empty() && k.bytes().all(is_ident_byte)).then(|| k.to_string())
            });
            items.push(Item {
                first: k,
                last: k,
                key,
            });
        }
        depth += c.net;
        if depth < 0 {
            return None;
        }
        if let Some(it) = items.last_mut() {
            it.last = k;
        }
    }
    (depth == 0).then_some(items)
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The indentation of a block's body: its items', else one level (two spaces) past the
/// block's own.
fn body_indent(doc: Doc, bl: &BlockLines, items: &[Item]) -> String {
    match items.first() {
        Some(it) => indent_of(doc.line(it.first)).to_string(),
        None => format!("{}  ", bl.indent),
    }
}

/// Inserts `key = value` into the block at `span` (of type `ident`), after its last
/// attribute (or first in the body), aligned with the attributes next to it. `None` when
/// the block already sets `key`.
pub fn insert_attr(doc: Doc, span: Span, ident: &str, key: &str, value: &str) -> Option<Edit> {
    let bl = block_lines(doc, span, ident)?;
    let items = body_items(doc, &bl)?;
    if items.iter().any(|it| it.key.as_deref() == Some(key)) {
        return None;
    }
    let indent = body_indent(doc, &bl, &items);
    let last_attr = items.iter().rfind(|i| i.key.is_some());
    let at = last_attr.map_or(bl.open + 1, |i| i.last + 1);
    let mut new = vec![format!("{indent}{key} = {value}")];
    // Before the first nested block, set apart by a blank line as attributes usually are.
    if last_attr.is_none() && at < bl.close && !doc.line(at).trim().is_empty() {
        new.push(String::new());
    }
    let mut lines = Lines::new(doc);
    lines.replace(at, at, new);
    lines.edit()
}

/// The lines `first..=last` a statement at `span` stands on, when nothing but spaces comes
/// before it and nothing but a comma, spaces or a comment after it.
fn own_lines(doc: Doc, span: Span) -> Option<(usize, usize)> {
    let (s, e) = (span.start as usize, span.end as usize);
    if e <= s || e > doc.text().len() {
        return None;
    }
    let first = doc.line_of(s);
    let last = doc.line_of(e - 1);
    if !doc.text()[doc.start(first)..s].trim().is_empty() {
        return None;
    }
    let rest = &doc.text()[e..doc.start(last) + doc.line(last).len()];
    let rest = rest.trim_start().strip_prefix(',').unwrap_or(rest);
    blank_or_comment(rest).then_some((first, last))
}

/// Removes the lines of the statement at `span`, and a blank line it would leave next to
/// another or next to the block's braces.
fn remove_own_lines(doc: Doc, span: Span) -> Option<Edit> {
    let (first, last) = own_lines(doc, span)?;
    let (mut f, mut e) = (first, last + 1);
    let blank = |k: usize| k < doc.count() && doc.line(k).trim().is_empty();
    let closes = |k: usize| k < doc.count() && doc.line(k).trim_start().starts_with('}');
    let opens = |k: usize| doc.line(k).trim_end().ends_with('{');
    if first > 0 && blank(first - 1) && (blank(e) || closes(e)) {
        f -= 1;
    } else if first > 0 && opens(first - 1) && blank(e) {
        e += 1;
    }
    let mut lines = Lines::new(doc);
    lines.replace(f, e, Vec::new());
    lines.edit()
}

/// Removes the attribute whose whole statement (`name = value`) is `span`.
pub fn remove_attr(doc: Doc, span: Span) -> Option<Edit> {
    let src = doc.slice(span);
    let c = cells(src.lines().next()?)?;
    c.eq?;
    remove_own_lines(doc, span)
}

/// Removes the block at `span`, of type `ident`.
pub fn remove_block(doc: Doc, span: Span, ident: &str) -> Option<Edit> {
    block_lines(doc, span, ident)?;
    remove_own_lines(doc, span)
}

/// A list literal: its brackets and elements.
struct ListLit {
    open: usize,
    close: usize,
    elems: Vec<(usize, usize)>,
}

fn list_lit(doc: Doc, value: Span, elems: &[Span]) -> Option<ListLit> {
    let src = doc.slice(value);
    if !src.starts_with('[') || !src.ends_with(']') {
        return None;
    }
    let (open, close) = (value.start as usize, value.end as usize - 1);
    let mut prev = open + 1;
    let mut out = Vec::new();
    for e in elems {
        let (s, t) = (e.start as usize, e.end as usize);
        if e.file != value.file || s < prev || t > close || t <= s {
            return None;
        }
        out.push((s, t));
        prev = t;
    }
    Some(ListLit {
        open,
        close,
        elems: out,
    })
}

/// Replaces bytes `s..e` of line `line` by `with`, as a line change.
fn splice_line(doc: Doc, line: usize, s: usize, e: usize, with: &str) -> String {
    let start = doc.start(line);
    let l = doc.line(line);
    format!("{}{with}{}", &l[..s - start], &l[e - start..])
}

/// Removes element `i` of the list literal at `value` (elements at `elems`) with its comma.
pub fn remove_list_elem(doc: Doc, value: Span, elems: &[Span], i: usize) -> Option<Edit> {
    let list = list_lit(doc, value, elems)?;
    let n = list.elems.len();
    let (s, e) = *list.elems.get(i)?;
    let open_line = doc.line_of(list.open);
    let close_line = doc.line_of(list.close);
    let mut lines = Lines::new(doc);
    if open_line == close_line || n == 1 {
        // One line (or the only element): the bytes go, with the comma that separates it.
        let (from, to) = if n == 1 {
            (list.open + 1, list.close)
        } else if i + 1 < n {
            (s, list.elems[i + 1].0)
        } else {
            (list.elems[i - 1].1, e)
        };
        if doc.line_of(from) != doc.line_of(to) && n != 1 {
            return None;
        }
        let new = format!(
            "{}{}{}",
            &doc.text()[doc.start(open_line)..from],
            "",
            &doc.text()[to..doc.start(close_line) + doc.line(close_line).len()]
        );
        lines.replace(open_line, close_line + 1, vec![new]);
    } else {
        let (first, last) = own_lines(doc, Span::new(value.file, s, e))?;
        if first <= open_line || last >= close_line {
            return None;
        }
        lines.replace(first, last + 1, Vec::new());
    }
    lines.edit()
}

/// Adds `elem` (source text) to the list literal at `value` (elements at `elems`) before
/// element `at` (at the end when `at` is the number of elements), in the list's style: on
/// its line for a one-line list, on a line of its own for a multi-line one.
pub fn add_list_elem(doc: Doc, value: Span, elems: &[Span], at: usize, elem: &str) -> Option<Edit> {
    add_list_elems(doc, value, elems, &[(at, elem.to_string())])
}

/// [`add_list_elem`] for several elements at once, each `(at, elem)` placed before the
/// element `at` of the list as it is (in the order given when they share a place).
pub fn add_list_elems(
    doc: Doc,
    value: Span,
    elems: &[Span],
    inserts: &[(usize, String)],
) -> Option<Edit> {
    let list = list_lit(doc, value, elems)?;
    let n = list.elems.len();
    if inserts.is_empty() || inserts.iter().any(|(at, _)| *at > n) {
        return None;
    }
    let mut inserts: Vec<(usize, &str)> = inserts.iter().map(|(a, e)| (*a, e.as_str())).collect();
    inserts.sort_by_key(|(a, _)| *a);
    let open_line = doc.line_of(list.open);
    let close_line = doc.line_of(list.close);
    let mut lines = Lines::new(doc);
    if open_line == close_line {
        // One line: the new elements go in with their commas, right to left.
        let start = doc.start(open_line);
        let mut line = doc.line(open_line).to_string();
        let mut all: Vec<&str> = Vec::new();
        for (k, &(s, e)) in list.elems.iter().enumerate() {
            all.extend(inserts.iter().filter(|(a, _)| *a == k).map(|(_, t)| *t));
            all.push(&doc.text()[s..e]);
        }
        all.extend(inserts.iter().filter(|(a, _)| *a == n).map(|(_, t)| *t));
        let (from, to) = match (list.elems.first(), list.elems.last()) {
            (Some(f), Some(l)) => (f.0, l.1),
            _ => (list.open + 1, list.close),
        };
        line.replace_range(from - start..to - start, &all.join(", "));
        lines.replace(open_line, open_line + 1, vec![line]);
        return lines.edit();
    }
    // Multi-line: every element on lines of its own.
    let mut own = Vec::new();
    for &(s, e) in &list.elems {
        let (f, l) = own_lines(doc, Span::new(value.file, s, e))?;
        if f <= open_line || l >= close_line || own.last().is_some_and(|&(_, pl)| pl >= f) {
            return None;
        }
        own.push((f, l));
    }
    let &(first, _) = own.first()?;
    let indent = indent_of(doc.line(first)).to_string();
    for (k, &(line, _)) in own.iter().enumerate() {
        let new: Vec<String> = inserts
            .iter()
            .filter(|(a, _)| *a == k)
            .map(|(_, t)| format!("{indent}{t},"))
            .collect();
        if !new.is_empty() {
            lines.replace(line, line, new);
        }
    }
    let tail: Vec<&str> = inserts
        .iter()
        .filter(|(a, _)| *a == n)
        .map(|(_, t)| *t)
        .collect();
    if !tail.is_empty() {
        let (_, last) = own[n - 1];
        let end = list.elems[n - 1].1;
        let rest = &doc.text()[end..doc.start(last) + doc.line(last).len()];
        let comma = rest.trim_start().starts_with(',');
        let mut new: Vec<String> = Vec::new();
        if !comma {
            // The last element had no comma: it gets one, and the new last goes without.
            new.push(splice_line(doc, last, end, end, ","));
        }
        for (i, t) in tail.iter().enumerate() {
            let sep = if comma || i + 1 < tail.len() { "," } else { "" };
            new.push(format!("{indent}{t}{sep}"));
        }
        let from = if comma { last + 1 } else { last };
        lines.replace(from, last + 1, new);
    }
    lines.edit()
}

/// A string as an HCL quoted string literal.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The block at `span` (of type `ident`) as lines re-indented from its own indentation to
/// `indent`; `None` when a line cannot be read (a heredoc would change).
pub fn block_text(doc: Doc, span: Span, ident: &str, indent: &str) -> Option<Vec<String>> {
    let bl = block_lines(doc, span, ident)?;
    let mut out = Vec::new();
    for k in bl.open..=bl.close {
        let line = doc.line(k);
        cells(line)?;
        if line.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let rest = line.strip_prefix(bl.indent.as_str())?;
        out.push(format!("{indent}{rest}"));
    }
    Some(out)
}

/// A planned set of line changes inside one block, for fixes that move text.
pub struct BlockEdit<'a> {
    pub lines: Lines<'a>,
    doc: Doc<'a>,
}

impl<'a> BlockEdit<'a> {
    pub fn new(doc: Doc<'a>) -> BlockEdit<'a> {
        BlockEdit {
            lines: Lines::new(doc),
            doc,
        }
    }

    /// Removes the lines of the block at `span` (of type `ident`), or of the attribute
    /// statement at `span` when `ident` is `None`.
    pub fn remove(&mut self, span: Span, ident: Option<&str>) -> Option<()> {
        if let Some(ident) = ident {
            block_lines(self.doc, span, ident)?;
        }
        let (first, last) = own_lines(self.doc, span)?;
        self.lines.replace(first, last + 1, Vec::new());
        Some(())
    }

    /// Inserts `new` (lines without the body's indentation) at the end of the body of the
    /// block at `span` (of type `ident`), indented as the body.
    pub fn append(&mut self, span: Span, ident: &str, new: &[String]) -> Option<()> {
        let bl = block_lines(self.doc, span, ident)?;
        let items = body_items(self.doc, &bl)?;
        let indent = body_indent(self.doc, &bl, &items);
        let lines = new
            .iter()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("{indent}{l}")
                }
            })
            .collect();
        self.lines.replace(bl.close, bl.close, lines);
        Some(())
    }

    /// The body indentation of the block at `span`.
    pub fn indent_in(&self, span: Span, ident: &str) -> Option<String> {
        let bl = block_lines(self.doc, span, ident)?;
        let items = body_items(self.doc, &bl)?;
        Some(body_indent(self.doc, &bl, &items))
    }

    pub fn edit(self) -> Option<Edit> {
        self.lines.edit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(0, "main.tf".into(), "main.tf".into(), text.to_string())
    }

    fn apply(text: &str, e: &Edit) -> String {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        format!("{}{}{}", &text[..s], e.replacement, &text[t..])
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).expect(needle);
        Span::new(0, s, s + needle.len())
    }

    #[test]
    fn cells_of_lines() {
        let c = cells("  name = \"a=b\" # x").unwrap();
        assert_eq!((c.lead_end, c.assign, c.comment), (6, Some(7), Some(15)));
        // A value that goes on below has no assignment cell.
        assert_eq!(cells("  paths = [").unwrap().assign, None);
        assert_eq!(cells("  x = a == b ? 1 : 2").unwrap().assign, Some(4));
        assert_eq!(cells("  # only a comment").unwrap().comment, None);
        assert_eq!(cells("  x = \"${a[\"k\"]}\"").unwrap().assign, Some(4));
        assert!(cells("  x = <<EOT").is_none());
        assert!(cells("  x = 1 /* c */").is_none());
    }

    #[test]
    fn insert_realigns_the_group() {
        let text =
            "resource \"t\" \"n\" {\n  name = \"a\"\n  port = 1 # p\n  backend { group = x }\n}\n";
        let f = file(text);
        let e = insert_attr(
            Doc::new(&f),
            span_of(text, &text[..text.len() - 1]),
            "resource",
            "timeout_sec",
            "3600",
        )
        .unwrap();
        assert_eq!(
            apply(text, &e),
            "resource \"t\" \"n\" {\n  name        = \"a\"\n  port        = 1 # p\n  timeout_sec = 3600\n  backend { group = x }\n}\n"
        );
    }

    #[test]
    fn insert_into_block_without_attributes() {
        let text = "a {\n    b {\n    }\n}\n";
        let f = file(text);
        let e = insert_attr(
            Doc::new(&f),
            span_of(text, "a {\n    b {\n    }\n}"),
            "a",
            "k",
            "1",
        )
        .unwrap();
        assert_eq!(apply(text, &e), "a {\n    k = 1\n\n    b {\n    }\n}\n");
        // Already set: no insertion.
        let text = "a {\n  k = null\n}\n";
        let f = file(text);
        assert!(insert_attr(
            Doc::new(&f),
            span_of(text, "a {\n  k = null\n}"),
            "a",
            "k",
            "1"
        )
        .is_none());
        // One-line block: no edit.
        let text = "a { k = 1 }\n";
        let f = file(text);
        assert!(insert_attr(Doc::new(&f), span_of(text, "a { k = 1 }"), "a", "j", "1").is_none());
    }

    #[test]
    fn remove_realigns_and_cleans_blank_lines() {
        let text = "x {\n  a           = 1\n  timeout_sec = 2\n\n  b {}\n}\n";
        let f = file(text);
        let e = remove_attr(Doc::new(&f), span_of(text, "timeout_sec = 2")).unwrap();
        assert_eq!(apply(text, &e), "x {\n  a = 1\n\n  b {}\n}\n");
        let text = "x {\n  a = 1\n\n  hc = 2\n}\n";
        let f = file(text);
        let e = remove_attr(Doc::new(&f), span_of(text, "hc = 2")).unwrap();
        assert_eq!(apply(text, &e), "x {\n  a = 1\n}\n");
        // A multi-line attribute between two groups joins them.
        let text = "x {\n  a = 1\n  hc = [\n    \"h\",\n  ]\n  long = 2\n}\n";
        let f = file(text);
        let e = remove_attr(Doc::new(&f), span_of(text, "hc = [\n    \"h\",\n  ]")).unwrap();
        assert_eq!(apply(text, &e), "x {\n  a    = 1\n  long = 2\n}\n");
    }

    #[test]
    fn list_elements() {
        let text = "p = [\"/ws/*\", \"/b\"]\n";
        let f = file(text);
        let d = Doc::new(&f);
        let v = span_of(text, "[\"/ws/*\", \"/b\"]");
        let el = [span_of(text, "\"/ws/*\""), span_of(text, "\"/b\"")];
        assert_eq!(
            apply(text, &add_list_elem(d, v, &el, 0, "\"/ws\"").unwrap()),
            "p = [\"/ws\", \"/ws/*\", \"/b\"]\n"
        );
        assert_eq!(
            apply(text, &add_list_elem(d, v, &el, 2, "\"/c\"").unwrap()),
            "p = [\"/ws/*\", \"/b\", \"/c\"]\n"
        );
        assert_eq!(
            apply(text, &remove_list_elem(d, v, &el, 0).unwrap()),
            "p = [\"/b\"]\n"
        );
        assert_eq!(
            apply(text, &remove_list_elem(d, v, &el, 1).unwrap()),
            "p = [\"/ws/*\"]\n"
        );
        let text = "p = [\n  \"a\",\n  \"b\"\n]\n";
        let f = file(text);
        let d = Doc::new(&f);
        let v = span_of(text, "[\n  \"a\",\n  \"b\"\n]");
        let el = [span_of(text, "\"a\""), span_of(text, "\"b\"")];
        assert_eq!(
            apply(text, &add_list_elem(d, v, &el, 2, "\"c\"").unwrap()),
            "p = [\n  \"a\",\n  \"b\",\n  \"c\"\n]\n"
        );
        assert_eq!(
            apply(text, &add_list_elem(d, v, &el, 1, "\"c\"").unwrap()),
            "p = [\n  \"a\",\n  \"c\",\n  \"b\"\n]\n"
        );
        assert_eq!(
            apply(text, &remove_list_elem(d, v, &el, 1).unwrap()),
            "p = [\n  \"a\",\n]\n"
        );
        assert_eq!(
            apply(text, &remove_list_elem(d, v, &el, 0).unwrap()),
            "p = [\n  \"b\"\n]\n"
        );
    }

    #[test]
    fn crlf_is_kept() {
        let text = "x {\r\n  a = 1\r\n}\r\n";
        let f = file(text);
        let e = insert_attr(
            Doc::new(&f),
            span_of(text, "x {\r\n  a = 1\r\n}"),
            "x",
            "bb",
            "2",
        )
        .unwrap();
        assert_eq!(apply(text, &e), "x {\r\n  a  = 1\r\n  bb = 2\r\n}\r\n");
    }
}
