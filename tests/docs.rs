//! Every rule has a documentation page in rules/, and every page a rule.

use lblint::rules::REGISTRY;
use std::collections::BTreeSet;

#[test]
fn every_rule_has_a_page_and_every_page_a_rule() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let pages: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".md"))
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    let codes: BTreeSet<String> = REGISTRY.iter().map(|r| r.code.to_string()).collect();
    assert_eq!(pages, codes, "rules/*.md and the rule registry differ");
}

#[test]
fn each_embedded_page_names_its_rule_and_default_severity() {
    for rule in REGISTRY {
        let first = rule.doc.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("# {} {}", rule.code, rule.name),
            "{}",
            rule.code
        );
        let severity = format!("Default severity: **{}**", rule.severity);
        assert!(
            rule.doc.contains(&severity),
            "{} page must say `{severity}`",
            rule.code
        );
        for section in [
            "## What it checks",
            "## Example that triggers it",
            "## Fixed",
            "## Fix\n",
            "## Sources",
        ] {
            assert!(
                rule.doc.contains(section),
                "{} page lacks `{section}`",
                rule.code
            );
        }
    }
}

#[test]
fn codes_and_names_are_unique() {
    let codes: BTreeSet<&str> = REGISTRY.iter().map(|r| r.code).collect();
    let names: BTreeSet<&str> = REGISTRY.iter().map(|r| r.name).collect();
    assert_eq!(codes.len(), REGISTRY.len());
    assert_eq!(names.len(), REGISTRY.len());
}

/// The fix each rule offers, by the applicability its page's `## Fix` section names first.
const FIXES: [(&str, &str); 6] = [
    ("WS001", "**Unsafe**"),
    ("WS002", "**Unsafe**"),
    ("WS005", "**Unsafe**"),
    ("LB001", "**Unsafe**"),
    ("LB003", "**Safe**"),
    ("LB005", "**Safe**"),
];

#[test]
fn each_page_says_which_fix_its_rule_offers() {
    for rule in REGISTRY {
        let start = rule.doc.find("## Fix\n").expect(rule.code);
        let section = &rule.doc[start + "## Fix\n".len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        match FIXES.iter().find(|(c, _)| *c == rule.code) {
            Some((_, applicability)) => {
                assert!(section.contains(applicability), "{}: {section}", rule.code)
            }
            None => assert!(
                section.trim().starts_with("None"),
                "{}: {section}",
                rule.code
            ),
        }
    }
}
