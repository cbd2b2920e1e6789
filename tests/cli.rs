//! The command line: formats, exit codes and bad input, through the real binary.

mod common;
use assert_cmd::Command;
use predicates::prelude::*;

fn lblint() -> Command {
    let mut cmd = Command::cargo_bin("lblint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

const FIX: &str = "fixtures/incident/attempted-fix";

#[test]
fn compact_format_is_one_line_per_finding() {
    let out = stdout_of(lblint().args(["check", FIX, "--format", "compact"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with(
        "fixtures/incident/attempted-fix/lb.tf:15:7: error[WS001]: WebSocket path rule `/ws`"
    ));
    assert!(lines[1].starts_with("fixtures/incident/attempted-fix/lb.tf:15:7: info[WS004]: "));
    assert!(lines[2].starts_with(
        "fixtures/incident/attempted-fix/lb.tf:19:9: error[LB001]: `header_action` is not allowed in `path_rule.route_action`"
    ));
    assert_eq!(
        lines[3],
        "fixtures/incident/attempted-fix/lb.tf:22:29: warning[LB002]: `{authorization}` is not a header variable GCP defines; the header value would carry this text literally or be rejected"
    );
}

#[test]
fn json_format_carries_the_same_findings_as_compact() {
    let json = stdout_of(lblint().args(["check", FIX, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["version"], 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    let compact = stdout_of(lblint().args(["check", FIX, "--format", "compact"]));
    let from_json: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}]: {}",
                d["file"].as_str().unwrap(),
                d["start"]["line"],
                d["start"]["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(from_json, compact.lines().collect::<Vec<_>>());

    let lb002 = &diags[3];
    assert_eq!(lb002["name"], "header-variable-unknown");
    assert_eq!(lb002["start"]["offset"], 650);
    assert_eq!(lb002["end"]["line"], 22);
    assert_eq!(lb002["end"]["column"], 44);
    assert!(lb002["help"].as_str().unwrap().contains("{client_region}"));
    let ws001 = &diags[0];
    let labels = ws001["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(
        labels[1]["file"],
        "fixtures/incident/attempted-fix/backend.tf"
    );
    assert_eq!(labels[1]["start"]["line"], 26);
    assert_eq!(labels[1]["start"]["column"], 43);
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 2, "modules": 1, "errors": 2, "warnings": 1, "infos": 1, "undecidable": 0, "problems": 0})
    );
}

#[test]
fn human_format_matches_the_reviewed_snapshot() {
    let out = stdout_of(lblint().args(["check", FIX, "--color", "never"]));
    insta::assert_snapshot!("human_attempted_fix", out);
}

#[test]
fn human_format_honours_no_color() {
    let colored = stdout_of(lblint().args(["check", FIX, "--color", "always"]));
    assert!(colored.contains('\u{1b}'), "--color always must color");
    let plain = stdout_of(lblint().args(["check", FIX]).env("NO_COLOR", "1"));
    assert!(!plain.contains('\u{1b}'));
    assert!(plain.contains("lb.tf:19:9"));
    assert!(plain.ends_with("2 errors, 1 warning, 1 info in 2 files (1 module)\n"));
}

#[test]
fn exit_codes_follow_fail_on() {
    // Errors present: 1 at every threshold except never.
    for (fail_on, code) in [("error", 1), ("warning", 1), ("info", 1), ("never", 0)] {
        lblint()
            .args(["check", FIX, "--format", "compact", "--fail-on", fail_on])
            .assert()
            .code(code);
    }
}

#[test]
fn warnings_and_infos_fail_only_at_their_threshold() {
    let dir = common::temp_module(&[
        (
            "main.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        (
            "lb.tf",
            &include_str!("../fixtures/incident/original/lb.tf").replace(
                "service = google_compute_backend_service.api_backend.id\n    }\n\n    path_rule {\n      paths   = [\"/api/*\"]",
                "service = google_compute_backend_service.web_backend.id\n    }\n\n    path_rule {\n      paths   = [\"/api/*\"]",
            ),
        ),
    ]);
    // The WebSocket paths now go to web_backend (timeout_sec = 30): WS002 warning + WS004 info.
    let run = |fail_on: &str| {
        let out = lblint()
            .args(["check", "--format", "compact", "--fail-on", fail_on])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        (out.status.code().unwrap(), text)
    };
    let (code, text) = run("error");
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("warning[WS002]"), "{text}");
    assert!(text.contains("info[WS004]"), "{text}");
    assert_eq!(run("warning").0, 1);
    assert_eq!(run("info").0, 1);
}

#[test]
fn clean_input_exits_zero_and_prints_only_the_summary() {
    let dir = common::temp_module(&[(
        "main.tf",
        "resource \"google_storage_bucket\" \"b\" {\n  name     = \"logs\"\n  location = \"EU\"\n}\n",
    )]);
    lblint()
        .args(["check"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout("0 errors, 0 warnings, 0 infos in 1 file (1 module)\n");
}

#[test]
fn a_missing_path_is_a_run_error() {
    lblint()
        .args(["check", "does/not/exist"])
        .assert()
        .code(2)
        .stdout("0 errors, 0 warnings, 0 infos in 0 files (0 modules)\n")
        .stderr("lblint: does/not/exist: no such file or directory\n");
}

#[test]
fn bad_arguments_exit_two() {
    lblint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'xml'"));
}

#[test]
fn a_malformed_config_is_reported_with_its_span_and_exit_two() {
    let dir = common::temp_module(&[
        ("main.tf", "locals {}\n"),
        (".lblint.toml", "[websocket]\nmin_timeout_sec = \"soon\"\n"),
    ]);
    lblint()
        .args(["check", "--format", "compact"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("invalid config: expected a number of seconds, found string")
                .and(predicate::str::contains(".lblint.toml:2:19")),
        );
}

#[test]
fn a_syntax_error_is_a_diagnostic_and_other_files_are_still_linted() {
    let dir = common::temp_module(&[
        ("broken.tf", "resource \"x\" \"y\" {\n  a = \n}\n"),
        (
            "backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        ("lb.tf", include_str!("../fixtures/incident/original/lb.tf")),
    ]);
    let out = lblint()
        .args(["check", "--format", "compact"])
        .arg(dir.path())
        .current_dir(dir.path())
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l == &"broken.tf:2:7: error[TF001]: expected an expression, found a newline"),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("lb.tf:15:7: error[WS001]")),
        "{text}"
    );
}

#[test]
fn a_file_argument_lints_its_whole_module() {
    // backend.tf alone has no url map: the finding is on a route in lb.tf.
    let out = stdout_of(lblint().args([
        "check",
        "fixtures/incident/original/backend.tf",
        "--format",
        "compact",
    ]));
    assert!(
        out.starts_with("fixtures/incident/original/lb.tf:15:7: error[WS001]"),
        "{out}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_columns_stay_right() {
    let lb = include_str!("../fixtures/incident/original/lb.tf");
    let dir = common::temp_module(&[
        (
            "backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        ("lb.tf", &format!("\u{feff}{lb}")),
    ]);
    let out = lblint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &doc["diagnostics"][0];
    assert_eq!(first["code"], "WS001");
    assert_eq!(first["file"], "lb.tf");
    assert_eq!(
        (
            first["start"]["line"].as_u64(),
            first["start"]["column"].as_u64()
        ),
        (Some(15), Some(7))
    );
    // Offsets count the bytes of the file, byte order mark included.
    let plain = lb.find("paths   = [\"/ws\"").unwrap() as u64;
    assert_eq!(first["start"]["offset"].as_u64(), Some(plain + 3));
}

#[test]
fn a_non_utf8_file_is_a_syntax_diagnostic_naming_the_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tf"),
        b"locals {\n  a = \"caf\xe9\"\n}\n",
    )
    .unwrap();
    lblint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "compact"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "main.tf:2:11: error[TF001]: the file is not valid UTF-8 (invalid byte at offset 19)",
        ));
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_named_exits_two_and_the_rest_is_still_reported() {
    let dir = common::temp_module(&[
        (
            "backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        ("lb.tf", include_str!("../fixtures/incident/original/lb.tf")),
    ]);
    // Reading /proc/self/mem at offset 0 fails even for root, unlike a chmod 000 file.
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("unreadable.tf")).unwrap();
    lblint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "compact"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("lb.tf:15:7: error[WS001]"))
        .stderr(predicate::str::contains(
            "unreadable.tf: cannot read the file",
        ));
}

#[test]
fn rule_subcommand_prints_documentation() {
    lblint()
        .args(["rule", "WS001"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# WS001 ws-timeout-missing\n"));
    lblint()
        .args(["rule", "header-action-misplaced"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "# LB001 header-action-misplaced\n",
        ));
    // `rule` is kept as the former name of `rules` and `explain` (tests/commands.rs).
    let list = stdout_of(lblint().args(["rule"]));
    assert_eq!(list, stdout_of(lblint().args(["rules"])));
    assert!(list
        .lines()
        .any(|l| l.starts_with("WS003  ws-auth-header-dropped  ")));
    lblint().args(["rule", "XX999"]).assert().code(2);
}

#[test]
fn output_order_is_file_line_column_code() {
    let out = stdout_of(lblint().args(["check", "fixtures/incident", "--format", "compact"]));
    let keys: Vec<(String, usize, usize, String)> = out
        .lines()
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            let file = parts.next().unwrap().to_string();
            let line = parts.next().unwrap().parse().unwrap();
            let col = parts.next().unwrap().parse().unwrap();
            let code = l
                .split('[')
                .nth(1)
                .unwrap()
                .split(']')
                .next()
                .unwrap()
                .to_string();
            (file, line, col, code)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), 6);
}

#[test]
fn files_as_pre_commit_passes_them_lint_each_module_once() {
    // pre-commit runs the hook from the repository root with every changed file matching
    // `.pre-commit-hooks.yaml`'s `files`: Terraform files in any of their forms and the
    // config file. Each module is linted once, so each finding is printed once.
    let trigger = include_str!("../fixtures/rules/WS001/trigger/main.tf");
    let dir = common::temp_module(&[
        (
            ".lblint.toml",
            include_str!("../fixtures/rules/WS001/.lblint.toml"),
        ),
        ("lb/main.tf", trigger),
        ("lb/terraform.tfvars", ""),
        ("lb/extra.tf.json", "{}"),
        ("lb/prod.tfvars.json", "{}"),
    ]);
    let out = Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "compact",
            ".lblint.toml",
            "lb/extra.tf.json",
            "lb/main.tf",
            "lb/prod.tfvars.json",
            "lb/terraform.tfvars",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("lb/main.tf:65:7: error[WS001]: WebSocket path rule `/ws`"),
        "{text}"
    );
}

#[test]
fn show_unknown_reports_tf002_and_the_summaries_count_it() {
    let fixture = "fixtures/rules/TF002/trigger";
    // Without the flag: nothing.
    lblint()
        .args(["check", "--format", "compact", fixture])
        .assert()
        .code(0)
        .stdout("");
    let out = lblint()
        .args(["check", "--show-unknown", "--color", "never", fixture])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.ends_with("0 errors, 0 warnings, 1 info (1 undecidable) in 1 file (1 module)\n"),
        "{text}"
    );
    let out = lblint()
        .args(["check", "--show-unknown", "--format", "json", fixture])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 1, "modules": 1, "errors": 0, "warnings": 0, "infos": 1, "undecidable": 1, "problems": 0})
    );
    assert_eq!(doc["diagnostics"][0]["code"], "TF002");
}
