//! Fixes: each fixture under fixtures/fixes/<CODE>/<case>/ holds `main.tf`, the bytes its
//! fixes must give (`main.tf.fixed`) and the diff `--diff` must print (`main.tf.diff`).
//! Applied through the library and through the command line, on copies in a temporary
//! directory; then re-linted.

mod common;

use assert_cmd::Command;
use lblint::diagnostic::Diagnostic;
use lblint::{fix, Options};
use std::fs;
use std::path::{Path, PathBuf};

/// `(fixture directory, the rule whose fixes it applies, the findings of that rule it has)`.
const CASES: [(&str, &str, usize); 11] = [
    ("WS005/single-line", "WS005", 1),
    ("WS005/multi-line", "WS005", 1),
    ("WS001/backend-service", "WS001", 1),
    ("WS002/cloud-run-v2", "WS002", 1),
    ("LB001/path-rule-service", "LB001", 1),
    ("LB001/route-rule", "LB001", 1),
    ("LB003/hop-by-hop", "LB003", 2),
    ("LB003/repeated", "LB003", 2),
    ("LB005/serverless", "LB005", 2),
    ("rounds/header-list", "LB003", 3),
    ("syntax-error", "WS001", 1),
];

fn fixture(case: &str) -> PathBuf {
    common::root().join("fixtures/fixes").join(case)
}

/// A copy of a fixture's `.tf` files in a new temporary directory.
fn copy(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(fixture(case)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "tf") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn options(dir: &Path) -> Options {
    Options {
        paths: vec![dir.to_path_buf()],
        base_dir: Some(dir.to_path_buf()),
        ..Options::default()
    }
}

fn codes<'a>(diags: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

#[test]
fn each_fixture_is_fixed_as_expected_through_the_library() {
    for (case, code, findings) in CASES {
        let dir = copy(case);
        let before = lblint::lint(&options(dir.path())).unwrap();
        let fixable: Vec<_> = codes(&before.diagnostics, code)
            .into_iter()
            .filter(|d| d.fix.is_some())
            .collect();
        assert_eq!(fixable.len(), findings, "{case}: fixable {code} findings");
        let keep = |d: &Diagnostic| d.code == code;
        let run = fix::run(&options(dir.path()), true, &keep).unwrap();
        assert!(!run.unfinished, "{case}");
        assert_eq!(run.changed.len(), 1, "{case}: one file changed");
        fix::write(&run.changed);
        let expected = fs::read(fixture(case).join("main.tf.fixed")).unwrap();
        let got = fs::read(dir.path().join("main.tf")).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&expected),
            "{case}: fixed bytes"
        );
        // Re-linted: the rule's findings are gone, and the fixes broke no syntax.
        let after = lblint::lint(&options(dir.path())).unwrap();
        assert_eq!(
            codes(&after.diagnostics, code).len(),
            0,
            "{case}: {code} left"
        );
        assert_eq!(
            codes(&after.diagnostics, "TF001").len(),
            codes(&before.diagnostics, "TF001").len(),
            "{case}: TF001"
        );
        assert_eq!(
            after.diagnostics, run.outcome.diagnostics,
            "{case}: final lint"
        );
    }
}

#[test]
fn check_fix_on_the_command_line_writes_the_expected_bytes() {
    for (case, code, findings) in CASES {
        let dir = copy(case);
        let out = Command::cargo_bin("lblint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", ".", "--fix", "--unsafe-fixes", "--select", code])
            .args(["--format", "json", "--fail-on", "never"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{case}: {out:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["summary"]["fixed"], findings, "{case}");
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{case}");
        let expected = fs::read(fixture(case).join("main.tf.fixed")).unwrap();
        assert_eq!(
            fs::read(dir.path().join("main.tf")).unwrap(),
            expected,
            "{case}"
        );
    }
}

#[test]
fn check_diff_prints_the_expected_diff_and_writes_nothing() {
    for (case, code, _) in CASES {
        let dir = copy(case);
        let original = fs::read(dir.path().join("main.tf")).unwrap();
        let out = Command::cargo_bin("lblint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", ".", "--diff", "--unsafe-fixes", "--select", code])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{case}: a diff exits with 1");
        let expected = fs::read_to_string(fixture(case).join("main.tf.diff")).unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{case}");
        assert_eq!(fs::read(dir.path().join("main.tf")).unwrap(), original);
    }
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    // WS005's fix is unsafe: --fix alone leaves the file and reports the finding.
    let dir = copy("WS005/single-line");
    let original = fs::read(dir.path().join("main.tf")).unwrap();
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check", ".", "--fix", "--select", "WS005", "--color", "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.ends_with("1 more fixable with `--unsafe-fixes` (unsafe: they change what the load balancer does)\n0 errors, 1 warning, 0 infos in 1 file (1 module); 0 fixes applied\n"),
        "{text}"
    );
    assert_eq!(fs::read(dir.path().join("main.tf")).unwrap(), original);
    // --diff without --unsafe-fixes: nothing to show, exit 0.
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--diff", "--select", "WS005"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_human_format_marks_fixable_findings() {
    let dir = copy("LB005/serverless");
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--color", "never"])
        .output()
        .unwrap();
    // Help lines wrap at the report's width.
    let text = String::from_utf8_lossy(&out.stdout).replace("\n        ", " ");
    assert!(
        text.contains(
            "[*] fix available (safe): remove `timeout_sec`; `lblint check --fix` applies it"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "[*] 2 fixable with `lblint check --fix`\n2 errors, 0 warnings, 0 infos in 1 file (1 module)\n"
        ),
        "{text}"
    );
    // With --unsafe-fixes, unsafe fixes are marked too.
    let dir = copy("WS001/backend-service");
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--color", "never", "--unsafe-fixes"])
        .output()
        .unwrap();
    // Help lines wrap at the report's width.
    let text = String::from_utf8_lossy(&out.stdout).replace("\n        ", " ");
    assert!(
        text.contains("[*] fix available (unsafe, read it first): set `timeout_sec = 3600` on `google_compute_backend_service.chat`; `lblint check --fix --unsafe-fixes` applies it"),
        "{text}"
    );
}

#[test]
fn json_carries_each_fix_with_offsets_and_positions() {
    let dir = copy("WS005/single-line");
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json", "--select", "WS005"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(
        fix,
        &serde_json::json!({
            "applicability": "unsafe",
            "message": "add \"/ws\" to this `paths` list",
            "edits": [{
                "file": "main.tf",
                "start": {"line": 30, "column": 18, "offset": 669},
                "end": {"line": 30, "column": 18, "offset": 669},
                "replacement": "\"/ws\", ",
            }],
        })
    );
}

#[test]
fn sarif_carries_fixes() {
    let dir = copy("LB005/serverless");
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fixes = &sarif["runs"][0]["results"][0]["fixes"];
    assert_eq!(
        fixes,
        &serde_json::json!([{
            "description": {"text": "remove `timeout_sec` (safe fix)"},
            "artifactChanges": [{
                "artifactLocation": {"uri": "main.tf", "uriBaseId": "%SRCROOT%"},
                "replacements": [{
                    "deletedRegion": {"startLine": 35, "startColumn": 1, "endLine": 36, "endColumn": 1},
                    "insertedContent": {"text": ""},
                }],
            }],
            "properties": {"applicability": "safe"},
        }])
    );
}

#[test]
fn a_file_with_a_syntax_error_is_never_changed() {
    let dir = copy("syntax-error");
    let broken = fs::read(dir.path().join("broken.tf")).unwrap();
    let keep = |_: &Diagnostic| true;
    let run = fix::run(&options(dir.path()), true, &keep).unwrap();
    assert!(run.changed.iter().all(|c| !c.path.ends_with("broken.tf")));
    fix::write(&run.changed);
    assert_eq!(fs::read(dir.path().join("broken.tf")).unwrap(), broken);
    assert_eq!(codes(&run.outcome.diagnostics, "TF001").len(), 1);
}

#[test]
fn overlapping_fixes_are_applied_over_rounds() {
    // Three entries of one list on one line: each removal touches the next.
    let dir = copy("rounds/header-list");
    let keep = |d: &Diagnostic| d.code == "LB003";
    let run = fix::run(&options(dir.path()), false, &keep).unwrap();
    assert_eq!((run.applied, run.rounds), (3, 2));
    assert!(!run.unfinished);
    let fixed = String::from_utf8(run.changed[0].after.clone()).unwrap();
    assert_eq!(
        fixed,
        fs::read_to_string(fixture("rounds/header-list").join("main.tf.fixed")).unwrap()
    );
}

/// Every file under `from`, copied under `to`.
fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

#[test]
fn fixing_every_fixture_twice_gives_the_bytes_of_once() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&common::root().join("fixtures"), dir.path());
    let keep = |_: &Diagnostic| true;
    let first = fix::run(&options(dir.path()), true, &keep).unwrap();
    assert!(first.applied > 0);
    assert!(!first.unfinished);
    assert!(fix::write(&first.changed).is_empty());
    // Files with syntax errors kept their bytes.
    for d in first
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == "TF001")
    {
        let file = first.outcome.sources.get(d.span.file);
        let original = common::root().join("fixtures").join(&file.display);
        assert_eq!(
            fs::read(&file.path).unwrap(),
            fs::read(&original).unwrap(),
            "{}",
            file.display
        );
    }
    let second = fix::run(&options(dir.path()), true, &keep).unwrap();
    assert_eq!(
        second.applied,
        0,
        "{:?}",
        second
            .changed
            .iter()
            .map(|c| &c.display)
            .collect::<Vec<_>>()
    );
    assert!(second.changed.is_empty());
    // No fix is left that the first run did not apply.
    let left: Vec<_> = second
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.code)
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn fixes_keep_permissions_and_write_atomically() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy("LB005/serverless");
    let path = dir.path().join("main.tf");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let keep = |_: &Diagnostic| true;
    let run = fix::run(&options(dir.path()), false, &keep).unwrap();
    assert!(fix::write(&run.changed).is_empty());
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["main.tf"]);
}
