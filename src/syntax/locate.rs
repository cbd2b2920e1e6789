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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn source(text: &str) -> SourceFile {
        SourceFile::new(0, PathBuf::from("t.tf"), "t.tf".into(), text.into())
    }

    /// The location of the first occurrence of `needle`.
    fn loc(text: &str, needle: &str) -> (String, String) {
        let file = super::super::parse_file(&source(text)).unwrap();
        let at = text.find(needle).unwrap() as u32;
        let l = location(&file, text, at);
        (l.address, l.path)
    }

    const TEXT: &str = r#"resource "google_compute_url_map" "main" {
  path_matcher {
    name = "api"
    path_rule {
      paths = ["/ws", "/ws/*"]
      route_action {
        timeout { seconds = 10 }
      }
    }
    route_rules {
      priority = 2
      service  = "s2"
    }
    header_action {
      request_headers_to_add { header_name = "a1" }
    }
    header_action {
      request_headers_to_add { header_name = "a2" }
    }
    dynamic "path_rule" {
      for_each = var.x
      content { service = "d" }
    }
  }
  default_route_action {
    weighted_backend_services { backend_service = google_compute_backend_service.a.id }
  }
}
data "google_compute_backend_service" "b" { name = "b" }
module "m" { source = "./m" }
variable "v" { default = 1 }
locals { l = 1 }
top = 1
"#;

    #[test]
    fn locations_name_blocks_by_key_labels_or_index() {
        let l = |n| loc(TEXT, n);
        let um = "google_compute_url_map.main".to_string();
        assert_eq!(
            l("seconds"),
            (
                um.clone(),
                "path_matcher[api]/path_rule[/ws,/ws/*]/route_action/timeout/seconds".into()
            )
        );
        assert_eq!(
            l("\"s2\""),
            (
                um.clone(),
                "path_matcher[api]/route_rules[2]/service".into()
            )
        );
        assert_eq!(
            l("\"a2\""),
            (
                um.clone(),
                "path_matcher[api]/header_action[1]/request_headers_to_add/header_name".into()
            )
        );
        assert_eq!(
            l("\"d\""),
            (
                um.clone(),
                "path_matcher[api]/dynamic.path_rule/content/service".into()
            )
        );
        assert_eq!(
            l("backend_service = "),
            (
                um.clone(),
                "default_route_action/weighted_backend_services/backend_service".into()
            )
        );
        // A block's opening line is the block itself.
        assert_eq!(l("path_matcher {"), (um, "path_matcher[api]".into()));
        assert_eq!(
            l("name = \"b\""),
            (
                "data.google_compute_backend_service.b".into(),
                "name".into()
            )
        );
        assert_eq!(l("source = "), ("module.m".into(), "source".into()));
        assert_eq!(l("default = 1"), ("var.v".into(), "default".into()));
        assert_eq!(l("l = 1"), ("locals".into(), "l".into()));
        assert_eq!(l("top"), ("top".into(), String::new()));
    }

    #[test]
    fn keys_that_are_not_literals_use_their_text() {
        let text = "resource \"r\" \"n\" {\n  backend { group = google_compute_instance_group.a.id }\n  backend {\n    group = google_compute_instance_group.b.id\n    x = 1\n  }\n}\n";
        assert_eq!(
            loc(text, "x = 1"),
            (
                "r.n".into(),
                "backend[google_compute_instance_group.b.id]/x".into()
            )
        );
    }

    /// What the comment holding `needle` applies to, as its text.
    fn target<'a>(text: &'a str, needle: &str) -> Option<&'a str> {
        let src = source(text);
        let file = super::super::parse_file(&src).unwrap();
        let at = text.find(needle).unwrap() as u32;
        let c = file
            .comments
            .iter()
            .find(|c| c.span.start <= at && at < c.span.end)?;
        let items = Items::new(&file.body, &src);
        let span = items.target(c, &file.comments, &src)?.span();
        Some(&text[span.start as usize..span.end as usize])
    }

    #[test]
    fn comments_apply_to_the_item_below_or_the_item_of_their_line() {
        let text = "# above a\na {\n  b = 1 # on b\n  # above c\n  # stacked\n  c {\n    d = 2\n  } # on c's end\n  # before a blank\n\n  e = 3\n  f { g = 1 } # on f\n  h { # on h's first line\n  }\n  # at the end\n}\n";
        assert_eq!(target(text, "above a").map(|t| &t[..3]), Some("a {"));
        assert_eq!(target(text, "on b"), Some("b = 1"));
        assert_eq!(target(text, "above c"), Some("c {\n    d = 2\n  }"));
        assert_eq!(target(text, "stacked"), Some("c {\n    d = 2\n  }"));
        assert_eq!(target(text, "on c's end"), Some("c {\n    d = 2\n  }"));
        assert_eq!(target(text, "before a blank"), None);
        assert_eq!(target(text, "on f"), Some("f { g = 1 }"));
        assert_eq!(target(text, "on h's"), Some("h { # on h's first line\n  }"));
        assert_eq!(target(text, "at the end"), None);
    }
}
