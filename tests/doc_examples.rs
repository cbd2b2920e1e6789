//! The examples in each rule's page do what the page says: the triggering example fires the
//! rule, the fixed one does not.

mod common;
use lblint::rules::REGISTRY;

/// The fenced blocks of a language inside the section that starts with `heading`.
fn blocks(doc: &str, heading: &str, lang: &str) -> Vec<String> {
    let Some(start) = doc.find(heading) else {
        return Vec::new();
    };
    let rest = &doc[start + heading.len()..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut s = section;
    while let Some(i) = s.find(&fence) {
        let body = &s[i + fence.len()..];
        let end = body.find("```").expect("closed fence");
        out.push(body[..end].to_string());
        s = &body[end..][3..];
    }
    out
}

/// Lints the section's HCL (or, for a fix made in the config alone, the triggering
/// example's HCL) with the section's TOML as `.lblint.toml`.
/// A block whose first line is `# file: PATH` is written to PATH (a called module's file);
/// the others together make `main.tf`.
fn codes_for(doc: &str, heading: &str) -> Vec<&'static str> {
    let mut section = blocks(doc, heading, "hcl");
    if section.is_empty() {
        section = blocks(doc, TRIGGER, "hcl");
    }
    let (named, main): (Vec<String>, Vec<String>) =
        section.into_iter().partition(|b| b.starts_with("# file: "));
    let hcl = main.join("\n");
    assert!(!hcl.is_empty(), "no hcl example under {heading}");
    let mut files = vec![("main.tf".to_string(), hcl)];
    for block in named {
        let (first, rest) = block.split_once('\n').unwrap_or((&block, ""));
        files.push((
            first["# file: ".len()..].trim().to_string(),
            rest.to_string(),
        ));
    }
    if let Some(toml) = blocks(doc, heading, "toml").first() {
        files.push((".lblint.toml".to_string(), toml.clone()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = common::temp_module(&refs);
    // With --show-unknown: TF002's examples need it, and it adds only TF002 to the others.
    let outcome = lblint::lint(&lblint::Options {
        paths: vec![dir.path().to_path_buf()],
        base_dir: Some(dir.path().to_path_buf()),
        show_unknown: true,
        ..lblint::Options::default()
    })
    .expect("lint");
    outcome.diagnostics.iter().map(|d| d.code).collect()
}

const TRIGGER: &str = "## Example that triggers it";

#[test]
fn triggering_examples_fire_and_fixed_examples_do_not() {
    let mut failures = Vec::new();
    for rule in REGISTRY {
        let trig = codes_for(rule.doc, TRIGGER);
        if !trig.contains(&rule.code) {
            failures.push(format!("{}: triggering example gives {trig:?}", rule.code));
        }
        let fixed = codes_for(rule.doc, "## Fixed");
        if fixed.contains(&rule.code) {
            failures.push(format!(
                "{}: fixed example still gives {fixed:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
