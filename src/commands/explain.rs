//! `lblint explain CODE`: a rule's Markdown page, rendered for a terminal.
//!
//! The pages use a small part of Markdown (headings, paragraphs, `-` and `1.` lists,
//! fenced code blocks, a table, inline code, bold and links), so a small renderer does:
//! headings are underlined, paragraphs and list items re-wrapped to the width, code
//! blocks indented and kept exactly, tables kept as written. With colour, headings are
//! bold, inline code and code blocks cyan, and backticks and `**` are dropped; without
//! colour, backticks stay so code still reads as code.

use std::fmt::Write;

const BOLD: &str = "\x1b[1m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderStyle {
    pub color: bool,
    /// Columns to wrap paragraphs at.
    pub width: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Plain,
    Code,
    Bold,
    Link,
}

/// A piece of a word with one style.
type Piece = (String, Kind);
/// A word: pieces written without space between them.
type Word = Vec<Piece>;

/// Splits inline Markdown into styled runs.
fn runs(text: &str, color: bool) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, out: &mut Vec<Piece>| {
        if !plain.is_empty() {
            out.push((std::mem::take(plain), Kind::Plain));
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                flush(&mut plain, &mut out);
                let code = &rest[1..1 + end];
                let shown = if color {
                    code.to_string()
                } else {
                    format!("`{code}`")
                };
                out.push((shown, Kind::Code));
                rest = &rest[end + 2..];
                continue;
            }
        } else if rest.starts_with("**") {
            if let Some(end) = rest[2..].find("**") {
                flush(&mut plain, &mut out);
                out.push((rest[2..2 + end].to_string(), Kind::Bold));
                rest = &rest[end + 4..];
                continue;
            }
        } else if c == '[' {
            if let Some((label, url, len)) = link(rest) {
                flush(&mut plain, &mut out);
                out.push((label.to_string(), Kind::Plain));
                out.push((format!(" ({url})"), Kind::Link));
                rest = &rest[len..];
                continue;
            }
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &mut out);
    out
}

/// `[label](url)` at the start of `s`: label, url and the length taken.
fn link(s: &str) -> Option<(&str, &str, usize)> {
    let close = s.find("](")?;
    let label = &s[1..close];
    if label.contains('[') || label.contains(']') {
        return None;
    }
    let url_len = s[close + 2..].find(')')?;
    let url = &s[close + 2..close + 2 + url_len];
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url, close + 2 + url_len + 1))
}

/// Styled runs cut into words at spaces; styles that touch stay in one word.
fn words(pieces: Vec<Piece>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Word = Vec::new();
    for (text, kind) in pieces {
        let mut first = true;
        for part in text.split(' ') {
            if !first && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            first = false;
            if !part.is_empty() {
                current.push((part.to_string(), kind));
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn word_width(w: &Word) -> usize {
    w.iter().map(|(t, _)| t.chars().count()).sum()
}

fn paint(s: &mut String, text: &str, kind: Kind, color: bool) {
    let code = match kind {
        Kind::Plain => None,
        Kind::Code => Some(CYAN),
        Kind::Bold => Some(BOLD),
        Kind::Link => Some(DIM),
    };
    match code {
        Some(c) if color => {
            let _ = write!(s, "{c}{text}{RESET}");
        }
        _ => s.push_str(text),
    }
}

/// Wraps inline Markdown to `width`, the first line after `first`, the others after `rest`.
fn wrap(out: &mut String, text: &str, first: &str, rest: &str, style: RenderStyle) {
    let mut line = String::from(first);
    let mut col = first.chars().count();
    let mut empty = true;
    for w in words(runs(text, style.color)) {
        let ww = word_width(&w);
        if !empty && col + 1 + ww > style.width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            col = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            col += 1;
        }
        for (t, k) in &w {
            paint(&mut line, t, *k, style.color);
        }
        col += ww;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
}

/// A list item's marker (`- `, `1. `) and the text after it.
fn list_item(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix("- ") {
        return Some(("-", rest));
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(". ") {
        return Some((&trimmed[..digits + 1], &trimmed[digits + 2..]));
    }
    None
}

fn heading(out: &mut String, text: &str, under: char, style: RenderStyle) {
    let mut plain = String::new();
    for (t, _) in runs(text, true) {
        plain.push_str(&t);
    }
    if style.color {
        let _ = writeln!(out, "{BOLD}{plain}{RESET}");
    } else {
        let _ = writeln!(out, "{plain}");
    }
    let _ = writeln!(
        out,
        "{}",
        under
            .to_string()
            .repeat(plain.chars().count().min(style.width))
    );
}

/// Renders a rule page for a terminal.
pub fn render(markdown: &str, style: RenderStyle) -> String {
    let mut out = String::new();
    let mut lines = markdown.lines().peekable();
    // The current paragraph or list item: its first-line prefix, continuation prefix, text.
    let mut block: Option<(String, String, String)> = None;
    let flush = |block: &mut Option<(String, String, String)>, out: &mut String| {
        if let Some((first, rest, text)) = block.take() {
            wrap(out, &text, &first, &rest, style);
        }
    };
    while let Some(line) = lines.next() {
        if line.starts_with("```") {
            flush(&mut block, &mut out);
            for code in lines.by_ref() {
                if code.starts_with("```") {
                    break;
                }
                if code.is_empty() {
                    out.push('\n');
                } else if style.color {
                    let _ = writeln!(out, "    {CYAN}{code}{RESET}");
                } else {
                    let _ = writeln!(out, "    {code}");
                }
            }
        } else if let Some(h) = line.strip_prefix("# ") {
            flush(&mut block, &mut out);
            heading(&mut out, h, '=', style);
        } else if let Some(h) = line.strip_prefix("## ").or(line.strip_prefix("### ")) {
            flush(&mut block, &mut out);
            heading(&mut out, h, '-', style);
        } else if line.trim().is_empty() {
            flush(&mut block, &mut out);
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
        } else if line.starts_with('|') {
            flush(&mut block, &mut out);
            let _ = writeln!(out, "{line}");
        } else if let Some((marker, text)) = list_item(line) {
            flush(&mut block, &mut out);
            let indent = " ".repeat(line.len() - line.trim_start().len());
            let bullet = if marker == "-" {
                if indent.is_empty() {
                    "•"
                } else {
                    "◦"
                }
            } else {
                marker
            };
            let first = format!("  {indent}{bullet} ");
            let rest = " ".repeat(first.chars().count());
            block = Some((first, rest, text.to_string()));
        } else {
            match &mut block {
                Some((_, _, text)) => {
                    text.push(' ');
                    text.push_str(line.trim());
                }
                None => block = Some((String::new(), String::new(), line.trim().to_string())),
            }
        }
    }
    flush(&mut block, &mut out);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: RenderStyle = RenderStyle {
        color: false,
        width: 40,
    };

    #[test]
    fn renders_headings_paragraphs_lists_and_code() {
        let md = "# WS001 ws-timeout-missing\n\nDefault severity: **error**\n\n## What it checks\n\nA route keeps the `timeout_sec`\ndefault of 30 s, which closes every WebSocket after thirty seconds.\n\n- one item that is long enough to wrap onto the next line\n  with its continuation\n- [docs](https://example.com/x)\n  - nested\n1. first\n\n```hcl\nresource \"x\" \"y\" {\n\n  a = 1\n}\n```\n| a | b |\n";
        let want = "\
WS001 ws-timeout-missing
========================

Default severity: error

What it checks
--------------

A route keeps the `timeout_sec` default
of 30 s, which closes every WebSocket
after thirty seconds.

  • one item that is long enough to wrap
    onto the next line with its
    continuation
  • docs (https://example.com/x)
    ◦ nested
  1. first

    resource \"x\" \"y\" {

      a = 1
    }
| a | b |
";
        assert_eq!(render(md, PLAIN), want);
    }

    #[test]
    fn colour_styles_code_and_headings_and_drops_markers() {
        let style = RenderStyle {
            color: true,
            width: 80,
        };
        let out = render(
            "## Fixed\n\nSet `timeout_sec` on **the** backend.\n\n```hcl\na = 1\n```\n",
            style,
        );
        assert_eq!(
            out,
            "\x1b[1mFixed\x1b[0m\n-----\n\nSet \x1b[36mtimeout_sec\x1b[0m on \x1b[1mthe\x1b[0m backend.\n\n    \x1b[36ma = 1\x1b[0m\n"
        );
    }

    #[test]
    fn every_rule_page_renders_without_markdown_markers_outside_code() {
        for r in crate::rules::REGISTRY {
            let out = render(
                r.doc,
                RenderStyle {
                    color: true,
                    width: 100,
                },
            );
            assert!(
                out.starts_with(&format!("\x1b[1m{} {}\x1b[0m\n", r.code, r.name)),
                "{}",
                r.code
            );
            assert!(!out.contains("```"), "{}", r.code);
            assert!(!out.contains("\n## "), "{}", r.code);
            let plain = render(
                r.doc,
                RenderStyle {
                    color: false,
                    width: 100,
                },
            );
            assert!(!plain.contains('\x1b'), "{}", r.code);
            for line in plain
                .lines()
                .filter(|l| !l.starts_with("    ") && !l.starts_with('|'))
            {
                assert!(
                    line.chars().count() <= 100 || !line.contains(' '),
                    "{}: {line}",
                    r.code
                );
            }
        }
    }
}
