//! The unknown-value sweep: every rule's `trigger` fixture, with every value made unknown,
//! gives no finding that depends on a value, and with `--show-unknown` only TF002s.
//!
//! "Every value unknown", precisely: in each `resource`, `data` and `locals` block of the
//! fixture (nested blocks included, `lifecycle` excepted), every string, number and bool
//! literal of an attribute's value, wherever it stands in the expression (the whole value, a
//! list element, an object value, a function argument, a branch of a conditional), becomes
//! `var.unknown_N`, a variable declared in an added `unknowns.tf` with no default, which
//! nothing sets: exactly what lblint sees when a variable has no value. What stays:
//! - references to resources (`google_compute_backend_service.ws.id`, index keys included):
//!   they say which resource routes to which, and are not values but the graph; turning them
//!   into variables would remove the routes themselves, and with them every decision;
//! - object keys, block types and labels, attribute names: the shape of the configuration,
//!   which Terraform itself does not let a variable decide;
//! - the `terraform` block (provider requirements) and `lifecycle` blocks, where Terraform
//!   accepts no variable;
//! - template strings with an interpolation: their literal parts are not values on their own.
//!
//! Some rules decide from the shape alone, and their findings stand whatever the values:
//! TF001 (a syntax error: the fixture does not parse, so it is not swept), TF004 (an
//! attribute or block name the schema lacks), TF003 (a reference to a resource the module
//! does not declare: references stay), LB001 (a `header_action` block where the
//! schema has none), LB006's `path_rule` and `route_rules` in one path matcher, TF007 (a
//! module call's `source`, which Terraform requires to be a literal, cannot be found), and
//! TF005 / TF008 (ignore comments). Their findings must be the original run's, unchanged, by code and
//! line (a replaced literal before them on their line moves their column).

#[path = "common/mod.rs"]
mod common;

use common::*;
use lblint::syntax::ast::{Body, Expr, ExprKind, ObjectKey, TemplatePart};
use lblint::syntax::{parse_file, SourceFile};
use lblint::{lint, Options, Outcome};
use std::path::Path;

/// Findings that do not depend on any value, by code (see the module comment).
const SHAPE_ONLY: [&str; 7] = [
    "TF003", "TF004", "LB001", "LB006", "TF005", "TF007", "TF008",
];

/// The spans (byte ranges) of the literals to replace in an expression.
fn literals(e: &Expr, out: &mut Vec<(usize, usize)>) {
    match &e.kind {
        ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::String(_) => {
            out.push((e.span.start as usize, e.span.end as usize))
        }
        ExprKind::Null | ExprKind::Variable(_) | ExprKind::Traversal(..) => {}
        ExprKind::Template(parts) => {
            for p in parts {
                if let TemplatePart::Interpolation(x) = p {
                    literals(x, out);
                }
            }
        }
        ExprKind::Array(items) => items.iter().for_each(|x| literals(x, out)),
        ExprKind::Object(items) => {
            for (k, v) in items {
                if let ObjectKey::Expr(_) = k {
                    // A key stays: the shape of the object.
                }
                literals(v, out);
            }
        }
        ExprKind::FuncCall { args, .. } => args.iter().for_each(|x| literals(x, out)),
        ExprKind::Conditional(c, t, f) => {
            literals(c, out);
            literals(t, out);
            literals(f, out);
        }
        ExprKind::Unary(_, x) | ExprKind::Parenthesis(x) => literals(x, out),
        ExprKind::Binary(_, l, r) => {
            literals(l, out);
            literals(r, out);
        }
        ExprKind::For(f) => {
            literals(&f.collection, out);
            literals(&f.value_expr, out);
            if let Some(k) = &f.key_expr {
                literals(k, out);
            }
            if let Some(c) = &f.cond {
                literals(c, out);
            }
        }
    }
}

fn body_literals(body: &Body, out: &mut Vec<(usize, usize)>) {
    for a in &body.attributes {
        literals(&a.value, out);
    }
    for b in &body.blocks {
        if b.ident != "lifecycle" {
            body_literals(&b.body, out);
        }
    }
}

/// The text of a `.tf` file with every value unknown, numbering variables from `*next`.
fn unknowns_of(text: &str, next: &mut usize) -> String {
    let file = SourceFile::new(0, "main.tf".into(), "main.tf".into(), text.to_string());
    let parsed = parse_file(&file).expect("the fixture parses");
    let mut spans = Vec::new();
    for b in &parsed.body.blocks {
        if matches!(b.ident.as_str(), "resource" | "data" | "locals") {
            body_literals(&b.body, &mut spans);
        }
    }
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        out.push_str(&format!("var.unknown_{next}"));
        *next += 1;
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Copies `dir` into a temporary module with every value unknown.
fn swept(dir: &Path) -> tempfile::TempDir {
    let mut next = 0;
    let mut files = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if name.ends_with(".tf") {
            unknowns_of(&text, &mut next)
        } else {
            text
        };
        files.push((name, text));
    }
    let decls: String = (0..next)
        .map(|i| format!("variable \"unknown_{i}\" {{}}\n"))
        .collect();
    files.push(("unknowns.tf".to_string(), decls));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    temp_module(&refs)
}

fn run_dir(dir: &Path, show_unknown: bool) -> Outcome {
    lint(&Options {
        paths: vec![dir.to_path_buf()],
        base_dir: Some(dir.to_path_buf()),
        show_unknown,
        ..Options::default()
    })
    .unwrap()
}

fn codes(o: &Outcome) -> Vec<String> {
    findings(o)
        .iter()
        .map(|f| format!("{} {}:{}", f.code, f.file, f.start.0))
        .collect()
}

#[test]
fn every_rule_with_every_value_unknown_reports_only_undecidable() {
    let mut undecidable_rules = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for rule in lblint::rules::REGISTRY {
        let dir = root().join(format!("fixtures/rules/{}/trigger", rule.code));
        if !dir.exists() || rule.code == "TF001" {
            continue; // TF002 has no value-bearing trigger of its own kind; TF001 does not parse.
        }
        let original = run_dir(&dir, false);
        let shape: Vec<String> = codes(&original)
            .into_iter()
            .filter(|c| SHAPE_ONLY.iter().any(|s| c.starts_with(s)))
            .collect();
        let tmp = swept(&dir);
        let plain = run_dir(tmp.path(), false);
        assert!(
            plain.problems.is_empty(),
            "{}: {:?}",
            rule.code,
            plain.problems
        );
        let got = codes(&plain);
        let value_free: Vec<&String> = got.iter().filter(|c| !shape.contains(c)).collect();
        if !value_free.is_empty() {
            failures.push(format!(
                "{}: with every value unknown, findings beyond the shape-only ones {shape:?}: {value_free:?}",
                rule.code
            ));
        }
        let shown = run_dir(tmp.path(), true);
        for d in &shown.diagnostics {
            if d.code == "TF002" {
                undecidable_rules.insert(d.message.split(' ').next().unwrap().to_string());
            }
        }
        // Every WebSocket route of these fixtures is selected by a path or header that is now
        // unknown: lblint says it cannot tell (as WS001, once per route).
        if rule.code.starts_with("WS") && shown.undecidable() == 0 {
            failures.push(format!("{}: no TF002 with --show-unknown", rule.code));
        }
        if plain.undecidable() != 0 {
            failures.push(format!("{}: TF002 without --show-unknown", rule.code));
        }
        let rest: Vec<String> = codes(&shown)
            .into_iter()
            .filter(|c| !c.starts_with("TF002"))
            .collect();
        if rest != got {
            failures.push(format!(
                "{}: --show-unknown adds more than TF002: {rest:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(undecidable_rules.contains("WS001"), "{undecidable_rules:?}");
}
