//! Inline suppressions: what an `lblint-ignore` comment covers, and `--no-ignore`. The
//! audit (TF005, TF008) has its tables in tests/rules/tf005.rs and tf008.rs.
//!
//! Each fixture under fixtures/suppress/ is linted twice: with its comments, and with
//! `no_ignore`, which must bring back exactly the findings the comments silenced. So
//! turning suppression off makes these tests fail, and so does a comment that silences
//! more than it should.

mod common;
use assert_cmd::Command;
use common::*;
use lblint::{lint, Options};

fn lint_fixture(dir: &str, no_ignore: bool) -> Vec<Finding> {
    let root = root();
    let outcome = lint(&Options {
        paths: vec![root.join("fixtures/suppress").join(dir)],
        base_dir: Some(root),
        no_ignore,
        ..Options::default()
    })
    .unwrap();
    assert!(outcome.problems.is_empty());
    findings(&outcome)
}

fn at(code: &'static str, severity: &'static str, dir: &str, start: (usize, usize)) -> Finding {
    let end = (start.0, start.1 + 26);
    Finding::new(
        code,
        severity,
        &format!("fixtures/suppress/{dir}/main.tf"),
        start,
        end,
    )
}

/// The path rule's WS001 and WS004, both at its `paths` argument.
fn path_rule(dir: &str, line: usize) -> Vec<Finding> {
    vec![
        at("WS001", "error", dir, (line, 7)),
        at("WS004", "info", dir, (line, 7)),
    ]
}

#[test]
fn an_ignore_above_a_block_covers_the_findings_inside_it() {
    // `# lblint-ignore: WS001, WS004` above `path_rule {`; both findings point at `paths`,
    // inside the block.
    assert_eq!(lint_fixture("block", false), []);
    assert_eq!(lint_fixture("block", true), path_rule("block", 15));
}

#[test]
fn an_ignore_names_only_the_rules_it_lists() {
    assert_eq!(
        lint_fixture("other-rule", false),
        [at("WS001", "error", "other-rule", (15, 7))]
    );
    assert_eq!(
        lint_fixture("other-rule", true),
        path_rule("other-rule", 15)
    );
}

#[test]
fn rule_names_and_any_case_are_accepted() {
    // `ws-timeout-missing, ws004`
    assert_eq!(lint_fixture("names", false), []);
    assert_eq!(lint_fixture("names", true), path_rule("names", 15));
}

#[test]
fn a_trailing_comment_covers_the_argument_or_block_of_its_line() {
    // On `paths = [...] # lblint-ignore: WS001`: only WS001 of that argument. On
    // `path_rule { // lblint-ignore: WS001, WS004`: the whole second path rule.
    assert_eq!(
        lint_fixture("trailing", false),
        [at("WS004", "info", "trailing", (14, 7))]
    );
    let all = lint_fixture("trailing", true);
    assert_eq!(all.len(), 4);
    assert_eq!(all[..2], path_rule("trailing", 14));
    assert_eq!(
        (all[2].code, all[3].code, all[2].start, all[3].start),
        ("WS001", "WS004", (18, 7), (18, 7))
    );
}

#[test]
fn block_comments_and_stacked_comments_apply_to_the_item_below() {
    // `/* lblint-ignore: WS001 */` then `// lblint-ignore: WS004` then `path_rule {`.
    assert_eq!(lint_fixture("styles", false), []);
    assert_eq!(lint_fixture("styles", true), path_rule("styles", 16));
}

#[test]
fn a_file_level_ignore_covers_the_whole_file() {
    // Below an ordinary comment, before the first block.
    assert_eq!(
        lint_fixture("file", false),
        [at("WS001", "error", "file", (17, 7))]
    );
    assert_eq!(lint_fixture("file", true), path_rule("file", 17));
}

#[test]
fn ignores_cover_findings_of_expanded_dynamic_blocks() {
    // Two path rules expanded from one `dynamic "path_rule"`: an ignore above the dynamic
    // block covers WS004 of both, one on `paths` inside `content` covers WS001 of both.
    assert_eq!(lint_fixture("dynamic", false), []);
    let all = lint_fixture("dynamic", true);
    let codes: Vec<(&str, (usize, usize))> = all.iter().map(|f| (f.code, f.start)).collect();
    assert_eq!(
        codes,
        [
            ("WS001", (17, 9)),
            ("WS001", (17, 9)),
            ("WS004", (17, 9)),
            ("WS004", (17, 9)),
        ]
    );
}

#[test]
fn no_ignore_on_the_command_line_shows_everything_and_no_tf005() {
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "compact", "--no-ignore"])
        .args(["fixtures/suppress/block", "fixtures/rules/TF005/trigger"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let codes: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('[').nth(1).unwrap().split(']').next().unwrap())
        .collect();
    assert_eq!(codes, ["WS001", "WS004"], "{stdout}");
    assert_eq!(out.status.code(), Some(1));
    // Without the flag: the block's findings are silenced and the unused ignore reported.
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(root())
        .args(["check", "--format", "compact"])
        .args(["fixtures/suppress/block", "fixtures/rules/TF005/trigger"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "fixtures/rules/TF005/trigger/main.tf:4:41: warning[TF005]: `WS001` silences nothing: no WS001 finding in the `timeout_sec` argument\n"
    );
}
