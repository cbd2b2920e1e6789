//! Where things sit in a file's tree: the block or attribute a comment applies to, and the
//! logical location of an offset (the chain of blocks around it), which stays the same when
//! unrelated lines are edited.

use super::ast::{Attribute, Block, Body, Comment, ExprKind, File};
use super::{SourceFile, Span};

/// A block or an attribute of a file.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Block(&'a Block),
    Attribute(&'a Attribute),
}

impl<'a> Item<'a> {
    /// The whole item: a block from its identifier to its `}`, an attribute from its name to
    /// the end of its value.
    pub fn span(&self) -> Span {
        match self {
            Item::Block(b) => b.span,
            Item::Attribute(a) => a.span,
        }
    }

    /// How a message names it: "the `path_rule` block", "the `paths` argument".
    pub fn describe(&self) -> String {
        match self {
            Item::Block(b) => format!("the `{}` block", b.ident),
            Item::Attribute(a) => format!("the `{}` argument", a.key),
        }
    }
}

/// Every block and attribute of a file with its first and last line, outer items before
/// the items inside them, in source order.
pub struct Items<'a> {
    items: Vec<(usize, usize, Item<'a>)>,
}

impl<'a> Items<'a> {
    pub fn new(body: &'a Body, src: &SourceFile) -> Items<'a> {
        let mut items = Vec::new();
        collect(body, src, &mut items);
        // Attributes and blocks are kept apart in a body: put them back in source order,
        // keeping each item before the items inside it.
        items.sort_by_key(|(_, _, item): &(usize, usize, Item)| {
            let s = item.span();
            (s.start, std::cmp::Reverse(s.end))
        });
        Items { items }
    }

    /// The item a comment applies to. A comment after code on its line (a trailing comment)
    /// applies to the outermost item that ends on that line, else to the outermost item that
    /// starts there (`path_rule { # ...`). A comment on lines of its own applies to the
    /// outermost item that starts on the next line; comment lines right below it are
    /// skipped, so several such comments can stack above one item. A blank line in between
    /// detaches it.
    pub fn target(
        &self,
        comment: &Comment,
        comments: &[Comment],
        src: &SourceFile,
    ) -> Option<Item<'a>> {
        let start = src.position(comment.span.start as usize);
        let line_text = src.line_text(start.line);
        let before: String = line_text.chars().take(start.column - 1).collect();
        if !before.trim().is_empty() {
            let line = start.line;
            return self
                .items
                .iter()
                .find(|(_, end, _)| *end == line)
                .or_else(|| self.items.iter().find(|(s, _, _)| *s == line))
                .map(|(_, _, item)| *item);
        }
        let mut next = src.position(comment.span.end as usize).line + 1;
        // Stacked comments: a comment that opens the next line moves the target below it.
        for c in comments.iter().filter(|c| c.span.start > comment.span.end) {
            let at = src.position(c.span.start as usize);
            if at.line != next {
                break;
            }
            let before: String = src.line_text(at.line).chars().take(at.column - 1).collect();
            if !before.trim().is_empty() {
                break;
            }
            next = src.position(c.span.end as usize).line + 1;
        }
        self.items
            .iter()
            .find(|(s, _, _)| *s == next)
            .map(|(_, _, item)| *item)
    }
}

fn collect<'a>(body: &'a Body, src: &SourceFile, out: &mut Vec<(usize, usize, Item<'a>)>) {
    let lines = |s: Span| {
        (
            src.position(s.start as usize).line,
            src.position(s.end as usize).line,
        )
    };
    for a in &body.attributes {
        let (s, e) = lines(a.span);
        out.push((s, e, Item::Attribute(a)));
    }
    for b in &body.blocks {
        let (s, e) = lines(b.span);
        out.push((s, e, Item::Block(b)));
        collect(&b.body, src, out);
    }
}

/// Where an offset lies in a file, by the blocks around it rather than by line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The top-level block: `google_compute_url_map.main`, `data.x.y`, `module.m`,
    /// `var.v`, `output.o`, or for other blocks their type and labels joined by `.`; a
    /// top-level attribute (a `.tfvars` file) has its name; empty outside any item.
    pub address: String,
    /// The blocks inside it, outermost first, then the attribute holding the offset:
    /// `path_matcher[api]/path_rule[/ws]/paths`. A block is its type, its labels after
    /// `.`, and a key in brackets (see [`location`]).
    pub path: String,
}

/// Attributes whose value tells a block from its siblings of the same type, in the order
/// they are tried.
const KEYS: [&str; 5] = ["name", "paths", "priority", "hosts", "group"];

/// The logical location of `offset` in a file's tree (`src` is the file's text).
///
/// A nested block's key is the value of its first attribute among `name`, `paths`,
/// `priority`, `hosts` and `group` (a literal's value; a list of literals joined by `,`;
/// otherwise the expression's text with spaces removed); a block with none of them is
/// numbered among its siblings of the same type (`[0]`, `[1]`) when it has any, and gets no
/// key when it is the only one.
pub fn location(file: &File, src: &str, offset: u32) -> Location {
    let mut loc = Location::default();
    let body = &file.body;
    if let Some(a) = body.attributes.iter().find(|a| contains(a.span, offset)) {
        loc.address = a.key.clone();
        return loc;
    }
    let Some(top) = body.blocks.iter().find(|b| contains(b.span, offset)) else {
        return loc;
    };
    let labels: Vec<&str> = top.labels.iter().map(|(l, _)| l.as_str()).collect();
    loc.address = match (top.ident.as_str(), labels.as_slice()) {
        ("resource", [t, n]) => format!("{t}.{n}"),
        ("data", [t, n]) => format!("data.{t}.{n}"),
        ("module", [n]) => format!("module.{n}"),
        ("variable", [n]) => format!("var.{n}"),
        ("output", [n]) => format!("output.{n}"),
        (ident, labels) => std::iter::once(ident)
            .chain(labels.iter().copied())
            .collect::<Vec<_>>()
            .join("."),
    };
    let mut parts = Vec::new();
    let mut body = &top.body;
    loop {
        if let Some(a) = body.attributes.iter().find(|a| contains(a.span, offset)) {
            parts.push(a.key.clone());
            break;
        }
        let Some((i, b)) = body
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| contains(b.span, offset))
        else {
            break;
        };
        parts.push(segment(body, i, b, src));
        body = &b.body;
    }
    loc.path = parts.join("/");
    loc
}

fn contains(span: Span, offset: u32) -> bool {
    span.start <= offset && (offset < span.end || offset == span.start)
}

/// One block of a location: `path_rule[/ws,/ws/*]`, `dynamic.path_rule`, `backend[1]`.
fn segment(parent: &Body, index: usize, block: &Block, src: &str) -> String {
    let mut s = block.ident.clone();
    for (label, _) in &block.labels {
        s.push('.');
        s.push_str(label);
    }
    let key = KEYS
        .iter()
        .find_map(|k| block.body.attribute(k))
        .map(|a| key_text(a, src));
    match key {
        Some(k) => {
            s.push('[');
            s.push_str(&k);
            s.push(']');
        }
        None => {
            let same = |b: &&Block| b.ident == block.ident && b.labels == block.labels;
            if parent.blocks.iter().filter(same).count() > 1 {
                let n = parent.blocks[..index].iter().filter(same).count();
                s.push_str(&format!("[{n}]"));
            }
        }
    }
    s
}

fn key_text(a: &Attribute, src: &str) -> String {
    let literal = |e: &super::ast::Expr| match &e.kind {
        ExprKind::String(s) => Some(s.clone()),
        ExprKind::Number(n) => Some(n.to_string()),
        ExprKind::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let value = match &a.value.kind {
        ExprKind::Array(items) => items
            .iter()
            .map(literal)
            .collect::<Option<Vec<_>>>()
            .map(|v| v.join(",")),
        _ => literal(&a.value),
    };
    value.unwrap_or_else(|| {
        let span = a.value.span;
        src.get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .split_whitespace()
            .collect()
    })
}
