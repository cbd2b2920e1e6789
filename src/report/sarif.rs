//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One run: the driver lists every rule of the registry (with its page's "What it checks"
//! section as full description and a link to the page); each diagnostic is a result with its
//! exact region (columns count Unicode code points, as `columnKind` says) and its labels as
//! related locations; run problems are tool execution notifications and make
//! `executionSuccessful` false. Paths relative to the current directory are relative URIs
//! against the `%SRCROOT%` base.

use super::{fingerprints, locate, Located, REPOSITORY_URL, RULES_URL};
use crate::diagnostic::Severity;
use crate::rules::REGISTRY;
use crate::Outcome;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The base the relative artifact URIs are resolved against.
const SRCROOT: &str = "%SRCROOT%";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: percent-encoded, relative paths with `%SRCROOT%` as their
/// base, absolute ones as `file:` URIs.
fn artifact_location(path: &str) -> Value {
    let absolute = path.starts_with('/');
    let drive =
        path.len() >= 2 && path.as_bytes()[1] == b':' && path.as_bytes()[0].is_ascii_alphabetic();
    if absolute {
        json!({ "uri": format!("file://{}", encode(path)) })
    } else if drive {
        json!({ "uri": format!("file:///{}{}", &path[..2], encode(&path[2..])) })
    } else {
        json!({ "uri": encode(path), "uriBaseId": SRCROOT })
    }
}

/// Percent-encodes everything but unreserved characters and `/` (so a `:` in a relative
/// path cannot be read as a scheme).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(start: crate::syntax::Position, end: crate::syntax::Position) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn physical(at: &Located) -> Value {
    json!({
        "artifactLocation": artifact_location(at.file),
        "region": region(at.start, at.end),
    })
}

/// The text of a rule page's `## What it checks` section.
pub(crate) fn what_it_checks(page: &str) -> &str {
    let Some(start) = page.find("## What it checks\n") else {
        return "";
    };
    let body = &page[start + "## What it checks\n".len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].trim()
}

/// Markdown reduced to plain text: code spans, emphasis and links lose their markup, and
/// lines of a paragraph are joined.
pub(crate) fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {}
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            '[' => {
                // `[text](url)` becomes `text`; a lone `[` stays.
                let rest: String = chars.clone().collect();
                match rest.find("](").and_then(|close| {
                    rest[close + 2..]
                        .find(')')
                        .map(|paren| (close, close + 2 + paren))
                }) {
                    Some((close, paren)) if !rest[..close].contains('[') => {
                        out.push_str(&rest[..close].replace('`', ""));
                        for _ in 0..rest[..=paren].chars().count() {
                            chars.next();
                        }
                    }
                    _ => out.push('['),
                }
            }
            '\n' => {
                if chars.peek() == Some(&'\n') {
                    while chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\n\n");
                } else {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A SARIF `fix`: one artifact change per file, each edit a replacement of a region (an
/// empty region inserts); the applicability is a property.
fn sarif_fix(outcome: &Outcome, fix: &crate::diagnostic::Fix) -> Value {
    let mut changes: Vec<(crate::syntax::FileId, Vec<Value>)> = Vec::new();
    for e in &fix.edits {
        let at = locate(outcome, e.span);
        let replacement = json!({
            "deletedRegion": region(at.start, at.end),
            "insertedContent": { "text": e.replacement },
        });
        match changes.iter_mut().find(|(f, _)| *f == e.span.file) {
            Some((_, r)) => r.push(replacement),
            None => changes.push((e.span.file, vec![replacement])),
        }
    }
    let artifact_changes: Vec<Value> = changes
        .into_iter()
        .map(|(file, replacements)| {
            json!({
                "artifactLocation": artifact_location(&outcome.sources.get(file).display),
                "replacements": replacements,
            })
        })
        .collect();
    let applicability = match fix.applicability {
        crate::diagnostic::Applicability::Safe => "safe",
        crate::diagnostic::Applicability::Unsafe => "unsafe",
    };
    json!({
        "description": { "text": format!("{} ({applicability} fix)", fix.message) },
        "artifactChanges": artifact_changes,
        "properties": { "applicability": applicability },
    })
}

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let full = what_it_checks(r.doc);
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": plain_text(full), "markdown": full },
                "helpUri": format!("{RULES_URL}{}.md", r.code),
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let fingerprints = fingerprints(outcome);
    let results: Vec<Value> = outcome
        .diagnostics
        .iter()
        .zip(&fingerprints)
        .map(|(d, fp)| {
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{ "physicalLocation": physical(&locate(outcome, d.span)) }],
                "partialFingerprints": { "lblint/v1": fp },
            });
            if let Some(i) = REGISTRY.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([sarif_fix(outcome, fix)]);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        json!({
                            "id": i,
                            "message": { "text": l.message },
                            "physicalLocation": physical(&locate(outcome, l.span)),
                        })
                    })
                    .collect();
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = outcome
        .problems
        .iter()
        .map(|p| {
            let mut n = json!({
                "level": "error",
                "message": { "text": p.to_string() },
            });
            if let Some(path) = &p.path {
                let mut location = json!({ "artifactLocation": artifact_location(path) });
                if let Some(s) = &p.span {
                    location["region"] = region(s.start, s.end);
                }
                n["locations"] = json!([{ "physicalLocation": location }]);
            }
            n
        })
        .collect();
    let mut invocation = json!({ "executionSuccessful": outcome.problems.is_empty() });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "lblint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": REPOSITORY_URL,
                    "rules": rules,
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_encoded_against_srcroot() {
        assert_eq!(
            artifact_location("dir with space/a:b/lb.tf"),
            json!({"uri": "dir%20with%20space/a%3Ab/lb.tf", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact_location("/tmp/x #1/lb.tf"),
            json!({"uri": "file:///tmp/x%20%231/lb.tf"})
        );
        assert_eq!(
            artifact_location("C:/work/lb.tf"),
            json!({"uri": "file:///C:/work/lb.tf"})
        );
        assert_eq!(encode("é"), "%C3%A9");
    }

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain_text("A **bold** `code` and [a `link`](https://x.y/z) [x].\nNext line.\n\nPara"),
            "A bold code and a link [x]. Next line.\n\nPara"
        );
    }

    #[test]
    fn every_rule_page_has_a_what_it_checks_section() {
        for r in REGISTRY {
            let s = what_it_checks(r.doc);
            assert!(!s.is_empty() && !s.contains("\n## "), "{}", r.code);
        }
    }
}
