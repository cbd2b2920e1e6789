//! The commands besides `check` (`rules`, `explain`, `init`, `config`, `completions`),
//! `check --select/--ignore`, and what the binary does on a terminal and off it, through
//! the real binary.

mod common;
use assert_cmd::Command;
use lblint::commands::settings::Settings;
use lblint::config::Config;
use predicates::prelude::*;
use std::path::Path;

fn lblint() -> Command {
    let mut cmd = Command::cargo_bin("lblint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env_remove("LBLINT_PROGRESS_DELAY_MS");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

const FIX: &str = "fixtures/incident/attempted-fix";

/// Runs the binary on a pseudo-terminal (util-linux `script`, part of every Debian
/// system): stdout and stderr are both the terminal. Returns what the terminal showed,
/// with `\r\n` made `\n`, and the exit code.
fn on_terminal(args: &str, dir: &Path, env: &[(&str, &str)]) -> (String, i32) {
    let bin = assert_cmd::cargo::cargo_bin("lblint");
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("'{}' {args}", bin.display()), "/dev/null"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env_remove("LBLINT_PROGRESS_DELAY_MS")
        .env("TERM", "xterm");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .expect("`script` (util-linux) runs the binary on a pseudo-terminal");
    let text = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    (text, out.status.code().unwrap_or(-1))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---- rules ----

#[test]
fn rules_lists_every_rule_in_aligned_columns() {
    let out = stdout_of(lblint().args(["rules"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), lblint::rules::REGISTRY.len() + 3, "{out}");
    assert_eq!(
        lines[0],
        "CODE   NAME                             DEFAULT  SEVERITY  SUMMARY"
    );
    assert_eq!(
        lines.iter().find(|l| l.starts_with("WS001")).unwrap(),
        &"WS001  ws-timeout-missing               error    error     a WebSocket route keeps GCP's 30 s default backend timeout"
    );
    assert_eq!(
        lines.last().unwrap(),
        &"SEVERITY is the one configured by the built-in defaults; `lblint explain CODE` shows a rule's page."
    );
}

const TEAM_CONFIG: &str = "[websocket]\nmin_timeout_sec = 600\n\n[rules.WS004]\nseverity = \"off\"\n\n[rules.header-variable-unknown]\nseverity = \"error\"\n";

#[test]
fn rules_shows_the_severity_of_the_config_that_applies_here() {
    let dir = common::temp_module(&[(".lblint.toml", TEAM_CONFIG), ("sub/main.tf", "")]);
    let out = stdout_of(lblint().current_dir(dir.path().join("sub")).args(["rules"]));
    assert!(
        out.contains(
            "\nWS004  ws-auth-header-unhandled         info     off       a WebSocket route"
        ),
        "{out}"
    );
    assert!(
        out.contains("\nLB002  header-variable-unknown          warning  error     a header value"),
        "{out}"
    );
    let config = dir.path().join(".lblint.toml");
    assert!(out.ends_with(&format!(
        "SEVERITY is the one configured by {}; `lblint explain CODE` shows a rule's page.\n",
        config.display()
    )));
    // --config names the file instead.
    let json = stdout_of(
        lblint()
            .args(["rules", "--format", "json", "--config"])
            .arg(&config),
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["config"], config.display().to_string());
    let rules = doc["rules"].as_array().unwrap();
    assert_eq!(rules.len(), lblint::rules::REGISTRY.len());
    let ws004 = rules.iter().find(|r| r["code"] == "WS004").unwrap();
    assert_eq!(
        ws004,
        &serde_json::json!({
            "code": "WS004",
            "name": "ws-auth-header-unhandled",
            "default": "info",
            "severity": "off",
            "summary": "a WebSocket route forwards an auth header unchanged without saying so",
            "explain": "lblint explain WS004"
        })
    );
}

#[test]
fn rules_json_without_config_says_null() {
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(lblint().args(["rules", "--format", "json"]))).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["config"], serde_json::Value::Null);
    assert_eq!(doc["rules"][0]["code"], "TF001");
    assert_eq!(doc["rules"][0]["severity"], "error");
}

#[test]
fn rules_with_a_bad_config_exits_two_naming_the_spot() {
    let dir = common::temp_module(&[(".lblint.toml", "[rules.WS999]\nseverity = \"off\"\n")]);
    lblint()
        .current_dir(dir.path())
        .args(["rules"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("unknown rule `WS999`")
                .and(predicate::str::contains(".lblint.toml:1:8")),
        );
}

// ---- explain ----

#[test]
fn explain_raw_prints_the_page_exactly() {
    let page = std::fs::read_to_string(root().join("rules/WS001.md")).unwrap();
    lblint()
        .args(["explain", "WS001", "--raw"])
        .assert()
        .code(0)
        .stdout(page.clone());
    // Piped, the page is Markdown too; names and any case work.
    lblint()
        .args(["explain", "ws-timeout-missing"])
        .assert()
        .code(0)
        .stdout(page.clone());
    lblint().args(["explain", "ws001"]).assert().stdout(page);
}

#[test]
fn explain_renders_the_page_on_a_terminal() {
    let (out, code) = on_terminal("explain WS001", root(), &[]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("\u{1b}[1mWS001 ws-timeout-missing\u{1b}[0m\n========================\n\nDefault severity: \u{1b}[1merror\u{1b}[0m\n"),
        "{out:?}"
    );
    assert!(out.contains("\n\u{1b}[1mWhat it checks\u{1b}[0m\n--------------\n"));
    assert!(out.contains(
        "\n    \u{1b}[36mresource \"google_compute_backend_service\" \"chat\" {\u{1b}[0m\n"
    ));
    assert!(!out.contains("```"));

    let (plain, _) = on_terminal("explain WS001", root(), &[("NO_COLOR", "1")]);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.starts_with(
        "WS001 ws-timeout-missing\n========================\n\nDefault severity: error\n"
    ));
    assert!(
        plain.contains("\n  • One of its paths matches a glob in `[websocket] paths`."),
        "{plain}"
    );

    let (raw, _) = on_terminal("explain WS001 --raw", root(), &[]);
    assert_eq!(
        raw,
        std::fs::read_to_string(root().join("rules/WS001.md")).unwrap()
    );
}

#[test]
fn explain_of_an_unknown_code_suggests_the_closest() {
    lblint()
        .args(["explain", "WS01"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("lblint: unknown rule `WS01`; did you mean WS001 (ws-timeout-missing)? `lblint rules` lists them\n");
    lblint()
        .args(["explain", "header-action-misplace"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean LB001 (header-action-misplaced)?",
        ));
}

#[test]
fn every_finding_names_lblint_explain() {
    let json = stdout_of(lblint().args(["check", FIX, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let explains: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["explain"].as_str().unwrap())
        .collect();
    assert_eq!(
        explains,
        [
            "lblint explain WS001",
            "lblint explain WS004",
            "lblint explain LB001",
            "lblint explain LB002"
        ]
    );
    let human = stdout_of(lblint().args(["check", FIX, "--color", "never"]));
    for code in ["WS001", "WS004", "LB001", "LB002"] {
        assert!(
            human.contains(&format!("\n        see `lblint explain {code}`\n")),
            "{human}"
        );
    }
}

// ---- init ----

#[test]
fn init_writes_the_default_config_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    lblint()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("lblint: wrote .lblint.toml; `lblint config` shows which modules it applies to\n");
    let path = dir.path().join(".lblint.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, lblint::commands::init::template());
    assert!(text.starts_with("# lblint configuration, written by `lblint init`"));
    assert!(text.contains("\nmin_timeout_sec = 300\n"));
    assert!(text.contains("\n# WS004.severity = \"info\"    # ws-auth-header-unhandled\n"));
    let parsed = Config::parse(&path, &text).unwrap();
    assert_eq!(Settings::of(&parsed), Settings::of(&Config::default()));

    std::fs::write(&path, "# my own\n").unwrap();
    lblint()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".lblint.toml already exists; lblint init does not overwrite it",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my own\n");
}

#[test]
fn init_takes_a_directory_or_a_file_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("infra")).unwrap();
    lblint()
        .current_dir(dir.path())
        .args(["init", "infra"])
        .assert()
        .code(0);
    assert!(dir.path().join("infra/.lblint.toml").is_file());
    lblint()
        .current_dir(dir.path())
        .args(["init", "infra/lblint.toml"])
        .assert()
        .code(0)
        .stderr(
            "lblint: wrote infra/lblint.toml; `lblint config` shows which modules it applies to\n",
        );
    lblint()
        .current_dir(dir.path())
        .args(["init", "missing/dir/.lblint.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing/dir/.lblint.toml: cannot write the file",
        ));
}

// ---- config ----

fn config_tree() -> tempfile::TempDir {
    let tf = "resource \"google_storage_bucket\" \"logs\" {\n  name     = \"logs\"\n  location = \"EU\"\n}\n";
    common::temp_module(&[
        ("team/.lblint.toml", TEAM_CONFIG),
        ("team/lb/main.tf", tf),
        (
            "team/edge/lblint.toml",
            "[platform]\nprovider_version = \"7.10.0\"\n",
        ),
        ("team/edge/main.tf", tf),
        ("plain/main.tf", tf),
    ])
}

#[test]
fn config_names_the_file_that_applies_to_each_module() {
    let dir = config_tree();
    let out = stdout_of(lblint().current_dir(dir.path()).args(["config"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "plain      built-in defaults",
            "team/edge  team/edge/lblint.toml",
            "team/lb    team/.lblint.toml",
            "",
        ]
    );
    let blocks: Vec<&str> = out.split("\n# Settings from ").skip(1).collect();
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0].starts_with("built-in defaults, for 1 module:\n[websocket]\npaths = [\n"));
    assert!(blocks[0].contains("\nmin_timeout_sec = 300\n"));
    assert!(blocks[0].contains("\n[platform]\n# provider_version is not set\n"));
    assert!(blocks[1].starts_with("team/edge/lblint.toml, for 1 module:\n"));
    assert!(blocks[1].contains("\n[platform]\nprovider_version = \"7.10.0\"\n"));
    assert!(blocks[2].starts_with("team/.lblint.toml, for 1 module:\n"));
    assert!(blocks[2].contains("\nmin_timeout_sec = 600\n"));
    assert!(blocks[2].contains("\nWS004.severity = \"off\"     # default: info\n"));
    assert!(blocks[2].contains("\nLB002.severity = \"error\"   # default: warning\n"));
    assert!(blocks[2].contains("\nWS001.severity = \"error\"\n"));

    // A module's settings, written as a config file, read back the same.
    let toml = blocks[2].split_once('\n').unwrap().1;
    let again = Config::parse(Path::new("x.toml"), toml).unwrap();
    let team = Config::load(&dir.path().join("team/.lblint.toml")).unwrap();
    assert_eq!(Settings::of(&again), Settings::of(&team));
}

#[test]
fn config_json_and_explicit_config() {
    let dir = config_tree();
    let json = stdout_of(
        lblint()
            .current_dir(dir.path())
            .args(["config", "team", "--format", "json"]),
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let modules = doc["modules"].as_array().unwrap();
    let pairs: Vec<(&str, &serde_json::Value)> = modules
        .iter()
        .map(|m| (m["module"].as_str().unwrap(), &m["config"]))
        .collect();
    assert_eq!(
        pairs,
        [
            ("team/edge", &serde_json::json!("team/edge/lblint.toml")),
            ("team/lb", &serde_json::json!("team/.lblint.toml")),
        ]
    );
    let lb = &modules[1]["settings"];
    assert_eq!(lb["websocket"]["min_timeout_sec"], 600.0);
    assert_eq!(lb["platform"]["provider_version"], serde_json::Value::Null);
    let ws004 = lb["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "WS004")
        .unwrap();
    assert_eq!(
        ws004,
        &serde_json::json!({"code": "WS004", "name": "ws-auth-header-unhandled", "default": "info", "severity": "off", "ignorable": true})
    );
    assert_eq!(
        lb["suppressions"],
        serde_json::json!({"require_reason": false})
    );
    assert_eq!(doc["problems"], serde_json::json!([]));

    // --config: one file for every module, as `check --config` does.
    let out = stdout_of(lblint().current_dir(dir.path()).args([
        "config",
        "--config",
        "team/edge/lblint.toml",
    ]));
    assert!(out.starts_with(
        "plain      team/edge/lblint.toml\nteam/edge  team/edge/lblint.toml\nteam/lb    team/edge/lblint.toml\n\n# Settings from team/edge/lblint.toml, for 3 modules:\n"
    ), "{out}");
}

#[test]
fn config_of_a_directory_without_modules_shows_that_directory() {
    let dir = config_tree();
    let out = stdout_of(
        lblint()
            .current_dir(dir.path().join("team"))
            .args(["config"]),
    );
    assert!(
        out.starts_with("edge  edge/lblint.toml\nlb    .lblint.toml\n"),
        "{out}"
    );
    std::fs::create_dir(dir.path().join("team/empty")).unwrap();
    let out = stdout_of(
        lblint()
            .current_dir(dir.path())
            .args(["config", "team/empty"]),
    );
    assert!(
        out.starts_with("team/empty  team/.lblint.toml\n\n"),
        "{out}"
    );
}

#[test]
fn config_errors_exit_two() {
    lblint()
        .args(["config", "does/not/exist"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("lblint: does/not/exist: no such file or directory\n");
    let dir = common::temp_module(&[
        ("main.tf", ""),
        (".lblint.toml", "[websocket]\nmin_timeout_sec = -1\n"),
    ]);
    lblint()
        .current_dir(dir.path())
        .args(["config"])
        .env("NO_COLOR", "1")
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("min_timeout_sec must be 0 or more")
                .and(predicate::str::contains(".lblint.toml:2:19")),
        );
}

// ---- completions ----

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_lblint()"),
        ("zsh", "#compdef lblint"),
        ("fish", "complete -c lblint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "set edit:completion:arg-completer[lblint]"),
    ] {
        let out = stdout_of(lblint().args(["completions", shell]));
        assert!(out.contains(marker), "{shell}: {out}");
        for sub in ["check", "rules", "explain", "init", "config", "completions"] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
        // fish writes `-l select`, the others `--select`.
        assert!(out.contains("select"), "{shell} lacks --select");
    }
    lblint()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
}

// ---- check --select / --ignore ----

const LINES: [&str; 4] = [
    "fixtures/incident/attempted-fix/lb.tf:15:7: error[WS001]: WebSocket path rule `/ws`, `/ws/*`, `/websocket`, `/websocket/*` has no timeout: `google_compute_backend_service.api_backend` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds",
    "fixtures/incident/attempted-fix/lb.tf:15:7: info[WS004]: WebSocket path rule `/ws`, `/ws/*`, `/websocket`, `/websocket/*` does not say how it handles `Authorization` and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default",
    "fixtures/incident/attempted-fix/lb.tf:19:9: error[LB001]: `header_action` is not allowed in `path_rule.route_action`: the provider rejects it as an unsupported block, and GCP would never apply it",
    "fixtures/incident/attempted-fix/lb.tf:22:29: warning[LB002]: `{authorization}` is not a header variable GCP defines; the header value would carry this text literally or be rejected",
];

fn compact(extra: &[&str]) -> (String, i32) {
    let out = lblint()
        .args(["check", FIX, "--format", "compact"])
        .args(extra)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn lines(idx: &[usize]) -> String {
    idx.iter().map(|&i| format!("{}\n", LINES[i])).collect()
}

#[test]
fn select_and_ignore_pick_the_rules_reported() {
    assert_eq!(compact(&[]), (lines(&[0, 1, 2, 3]), 1));
    assert_eq!(
        compact(&["--select", "WS001,header-variable-unknown"]),
        (lines(&[0, 3]), 1)
    );
    assert_eq!(
        compact(&["--select", "ws004"]),
        (lines(&[1]), 0),
        "an info alone does not fail"
    );
    assert_eq!(
        compact(&["--ignore", "WS004", "--ignore", "LB001,LB002"]),
        (lines(&[0]), 1)
    );
    assert_eq!(
        compact(&["--select", "WS001,WS004", "--ignore", "WS001"]),
        (lines(&[1]), 0)
    );
    assert_eq!(compact(&["--select", "LB005"]), (String::new(), 0));
    // The summary counts what is reported.
    let human =
        stdout_of(lblint().args(["check", FIX, "--color", "never", "--ignore", "WS001,LB001"]));
    assert!(
        human.ends_with("\n0 errors, 1 warning, 1 info in 2 files (1 module)\n"),
        "{human}"
    );
}

#[test]
fn select_does_not_turn_on_a_rule_the_config_turns_off() {
    let dir = common::temp_module(&[(".lblint.toml", "[rules.WS004]\nseverity = \"off\"\n")]);
    let out = lblint()
        .args([
            "check",
            FIX,
            "--format",
            "compact",
            "--select",
            "WS004,LB002",
            "--config",
        ])
        .arg(dir.path().join(".lblint.toml"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), lines(&[3]));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn select_or_ignore_of_an_unknown_rule_exits_two() {
    lblint()
        .args(["check", FIX, "--select", "WS001,WS010"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("lblint: unknown rule `WS010` in --select; did you mean WS001 (ws-timeout-missing)? `lblint rules` lists them\n");
    lblint()
        .args(["check", FIX, "--ignore", "ws-timeout"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "lblint: unknown rule `ws-timeout` in --ignore; did you mean",
        ));
}

// ---- terminal behaviour ----

#[test]
fn piped_output_has_no_colour_and_no_progress() {
    // A zero delay would show the spinner at once if the decision allowed it.
    for ci in [Some("true"), None] {
        let mut cmd = lblint();
        cmd.args(["check", FIX])
            .env("LBLINT_PROGRESS_DELAY_MS", "0");
        if let Some(v) = ci {
            cmd.env("CI", v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "CI={ci:?}");
        assert!(!out.stdout.contains(&0x1b));
    }
    // miette's config errors on a piped stderr: no colour either.
    let dir = common::temp_module(&[
        ("main.tf", ""),
        (".lblint.toml", "[websocket]\nmin_timeout_sec = \"x\"\n"),
    ]);
    let out = lblint()
        .current_dir(dir.path())
        .args(["check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Many modules, so that a run lasts long enough for a spinner with no delay to draw.
fn big_tree() -> tempfile::TempDir {
    let lb = std::fs::read_to_string(root().join("fixtures/incident/original/lb.tf")).unwrap();
    let backend =
        std::fs::read_to_string(root().join("fixtures/incident/original/backend.tf")).unwrap();
    let mut files = Vec::new();
    for i in 0..400 {
        files.push((format!("m{i:03}/lb.tf"), lb.clone()));
        files.push((format!("m{i:03}/backend.tf"), backend.clone()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    common::temp_module(&refs)
}

#[test]
fn on_a_terminal_colour_and_a_progress_spinner_appear_but_not_in_ci() {
    let dir = big_tree();
    let (out, code) = on_terminal(
        "check . --format compact",
        dir.path(),
        &[("LBLINT_PROGRESS_DELAY_MS", "0")],
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("linting 1 path"),
        "no spinner on a terminal: {out:.300}"
    );
    assert!(out.contains("m000/lb.tf:15:7: error[WS001]"));

    let (ci, _) = on_terminal(
        "check . --format compact",
        dir.path(),
        &[("LBLINT_PROGRESS_DELAY_MS", "0"), ("CI", "true")],
    );
    assert!(!ci.contains("linting"), "{ci:.300}");
    assert!(!ci.contains('\u{1b}'), "{ci:.300}");

    // The default delay: a quick run on a terminal shows no spinner.
    let (quick, _) = on_terminal(
        &format!("check '{}' --format compact", root().join(FIX).display()),
        dir.path(),
        &[],
    );
    assert!(!quick.contains("linting"), "{quick}");

    let (human, _) = on_terminal(
        &format!("check '{}'", root().join(FIX).display()),
        dir.path(),
        &[],
    );
    assert!(
        human.contains("\u{1b}["),
        "colour on a terminal: {human:.300}"
    );
    let (no_color, _) = on_terminal(
        &format!("check '{}'", root().join(FIX).display()),
        dir.path(),
        &[("NO_COLOR", "1")],
    );
    assert!(!no_color.contains('\u{1b}'), "{no_color:.300}");
    assert!(no_color.ends_with("2 errors, 1 warning, 1 info in 2 files (1 module)\n"));
}
