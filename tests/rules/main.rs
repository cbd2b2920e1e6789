//! Every rule against small fixtures under `fixtures/rules/<CODE>/`: a module that triggers
//! it (`trigger`), its clean twin that differs only by the fix (`clean`), and the cases the
//! rule's page promises. One file per rule holds its table; each table lists every finding of
//! a fixture, so anything extra fails.

#[path = "../common/mod.rs"]
mod common;
mod harness;

mod lb001;
mod lb002;
mod lb003;
mod lb004;
mod lb005;
mod lb006;
mod lb007;
mod lb008;
mod tf001;
mod tf002;
mod tf003;
mod tf004;
mod tf005;
mod tf006;
mod tf007;
mod tf008;
mod ws001;
mod ws002;
mod ws003;
mod ws004;
mod ws005;
mod ws006;
mod ws007;

use harness::*;
use std::path::Path;

/// Each rule has a `trigger` that fires only that rule and a `clean` twin with no finding,
/// and every fixture directory under fixtures/rules/ is run by some case.
#[test]
fn every_rule_has_a_trigger_and_a_clean_twin_and_every_fixture_a_case() {
    let tables = [
        ("TF001", tf001::cases()),
        ("TF002", tf002::cases()),
        ("TF003", tf003::cases()),
        ("TF004", tf004::cases()),
        ("TF005", tf005::cases()),
        ("TF006", tf006::cases()),
        ("TF007", tf007::cases()),
        ("TF008", tf008::cases()),
        ("WS001", ws001::cases()),
        ("WS002", ws002::cases()),
        ("WS003", ws003::cases()),
        ("WS004", ws004::cases()),
        ("WS005", ws005::cases()),
        ("WS006", ws006::cases()),
        ("WS007", ws007::cases()),
        ("LB001", lb001::cases()),
        ("LB002", lb002::cases()),
        ("LB003", lb003::cases()),
        ("LB004", lb004::cases()),
        ("LB005", lb005::cases()),
        ("LB006", lb006::cases()),
        ("LB007", lb007::cases()),
        ("LB008", lb008::cases()),
    ];
    let codes: Vec<&str> = tables.iter().map(|(code, _)| *code).collect();
    let registry: Vec<&str> = lblint::rules::REGISTRY.iter().map(|r| r.code).collect();
    assert_eq!(codes, registry, "one table per rule");
    let mut listed = std::collections::BTreeSet::new();
    for (code, cases) in &tables {
        let find = |dir: String| {
            cases
                .iter()
                .find(|c| c.dir == dir && c.config.is_none())
                .unwrap_or_else(|| panic!("no case runs {dir} with its own config"))
        };
        let trigger = find(format!("{code}/trigger"));
        assert!(
            !trigger.expected.is_empty(),
            "{code}/trigger expects nothing"
        );
        for f in &trigger.expected {
            assert_eq!(f.code, *code, "{code}/trigger fires {}", f.code);
        }
        assert!(find(format!("{code}/clean")).expected.is_empty());
        for c in cases {
            assert!(
                c.dir.starts_with(&format!("{code}/")),
                "{} under {code}",
                c.dir
            );
            listed.insert(c.dir.to_string());
        }
    }
    let base = root().join("fixtures/rules");
    let mut on_disk = std::collections::BTreeSet::new();
    for rule in std::fs::read_dir(&base).unwrap() {
        let rule = rule.unwrap().path();
        if !rule.is_dir() {
            continue;
        }
        for dir in std::fs::read_dir(&rule).unwrap() {
            let dir = dir.unwrap().path();
            if has_tf(&dir) {
                let rel = dir.strip_prefix(&base).unwrap().to_string_lossy();
                on_disk.insert(rel.replace('\\', "/"));
            }
        }
    }
    assert_eq!(listed, on_disk, "fixture directories and test cases differ");
}

fn has_tf(dir: &Path) -> bool {
    dir.is_dir()
        && std::fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "tf"))
}
