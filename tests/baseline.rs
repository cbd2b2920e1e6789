//! `--write-baseline` and `--baseline`, through the real binary in temporary repositories.

mod common;
use assert_cmd::Command;
use lblint::baseline::{Baseline, Entry};
use std::path::Path;

/// A module with one WebSocket path rule (WS001 and WS004 at its `paths`).
const LB: &str = r#"resource "google_compute_backend_service" "chat" {
  name          = "chat"
  health_checks = ["projects/p/global/healthChecks/hc"]
}

resource "google_compute_url_map" "main" {
  name            = "main"
  default_service = google_compute_backend_service.chat.id

  path_matcher {
    name            = "api"
    default_service = google_compute_backend_service.chat.id
    path_rule {
      paths   = ["/ws"]
      service = google_compute_backend_service.chat.id
    }
  }
}
"#;

const WS001: &str = "WebSocket path rule `/ws` has no timeout: `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds";
const WS004: &str = "WebSocket path rule `/ws` does not say how it handles `Authorization` and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default";

fn lblint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lblint").unwrap();
    cmd.current_dir(dir).args(["check", "--format", "compact"]);
    cmd
}

/// Runs lblint in `dir`; returns stdout and the exit code.
fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = lblint(dir).args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn entry(file: &str, location: &str, code: &str, message: &str) -> Entry {
    Entry {
        file: file.to_string(),
        address: "google_compute_url_map.main".to_string(),
        location: location.to_string(),
        code: code.to_string(),
        message: message.to_string(),
    }
}

const PATH_RULE: &str = "path_matcher[api]/path_rule[/ws]/paths";

#[test]
fn the_baseline_file_is_sorted_json_keyed_by_place_not_line() {
    let repo = common::temp_module(&[("env/lb.tf", LB)]);
    let (out, code) = run(
        repo.path(),
        &["--write-baseline", "lblint-baseline.json", "env"],
    );
    assert_eq!((out.as_str(), code), ("", 0));
    let text = std::fs::read_to_string(repo.path().join("lblint-baseline.json")).unwrap();
    let expected = Baseline {
        entries: vec![
            entry("env/lb.tf", PATH_RULE, "WS001", WS001),
            entry("env/lb.tf", PATH_RULE, "WS004", WS004),
        ],
    };
    assert_eq!(text, expected.to_json());
    assert!(text.starts_with("{\n  \"version\": 1,\n  \"findings\": [\n    {\n      \"file\": \"env/lb.tf\",\n      \"address\": \"google_compute_url_map.main\",\n      \"location\": \"path_matcher[api]/path_rule[/ws]/paths\",\n      \"code\": \"WS001\",\n"), "{text}");
    assert!(!text.contains("\"line\""));
}

#[test]
fn editing_unrelated_lines_keeps_the_baseline_valid_and_new_findings_show() {
    let repo = common::temp_module(&[("env/lb.tf", LB)]);
    let dir = repo.path();
    run(dir, &["--write-baseline", "lblint-baseline.json", "env"]);
    // Lines above move everything down; another argument and comments inside the url map.
    let edited = format!(
        "# Staging load balancer.\n\nlocals {{\n  region = \"europe-west1\"\n}}\n\n{}",
        LB.replace(
            "  name            = \"main\"\n",
            "  name            = \"main\"\n  description     = \"edited\"\n  # a comment\n",
        )
    );
    std::fs::write(dir.join("env/lb.tf"), &edited).unwrap();
    let (out, code) = run(dir, &["--baseline", "lblint-baseline.json", "env"]);
    assert_eq!((out.as_str(), code), ("", 0));
    // A second WebSocket path rule is new: only its findings are reported.
    let grown = edited.replace(
        "    path_rule {\n      paths   = [\"/ws\"]",
        "    path_rule {\n      paths   = [\"/chat/ws\"]\n      service = google_compute_backend_service.chat.id\n    }\n    path_rule {\n      paths   = [\"/ws\"]",
    );
    std::fs::write(dir.join("env/lb.tf"), &grown).unwrap();
    let (out, code) = run(dir, &["--baseline", "lblint-baseline.json", "env"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "env/lb.tf:22:7: error[WS001]: WebSocket path rule `/chat/ws` has no timeout: `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds\n\
         env/lb.tf:22:7: info[WS004]: WebSocket path rule `/chat/ws` does not say how it handles `Authorization` and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default\n"
    );
}

#[test]
fn write_baseline_prunes_fixed_findings() {
    let repo = common::temp_module(&[("env/lb.tf", LB)]);
    let dir = repo.path();
    run(dir, &["--write-baseline", "b.json", "env"]);
    // The backend service gets a timeout: WS001 is fixed, WS004 stays.
    let fixed = LB.replace(
        "  health_checks = [\"projects/p/global/healthChecks/hc\"]\n}",
        "  health_checks = [\"projects/p/global/healthChecks/hc\"]\n  timeout_sec   = 3600\n}",
    );
    std::fs::write(dir.join("env/lb.tf"), fixed).unwrap();
    let (out, code) = run(dir, &["--write-baseline", "b.json", "env"]);
    assert_eq!((out.as_str(), code), ("", 0));
    let b = Baseline::load(&dir.join("b.json")).unwrap();
    assert_eq!(b.entries, [entry("env/lb.tf", PATH_RULE, "WS004", WS004)]);
}

#[test]
fn a_baseline_in_another_directory_works_from_any_current_directory() {
    let repo = common::temp_module(&[("env/staging/lb.tf", LB), ("ci/.keep", "")]);
    let dir = repo.path();
    // Written from the repository root into ci/: file names are relative to ci/.
    run(
        dir,
        &["--write-baseline", "ci/baseline.json", "env/staging"],
    );
    let b = Baseline::load(&dir.join("ci/baseline.json")).unwrap();
    assert_eq!(b.entries[0].file, "../env/staging/lb.tf");
    // Read from inside the module, by a relative and by an absolute path.
    let module = dir.join("env/staging");
    let (out, code) = run(&module, &["--baseline", "../../ci/baseline.json", "."]);
    assert_eq!((out.as_str(), code), ("", 0));
    let abs = dir.join("ci/baseline.json");
    let (out, code) = run(&module, &["--baseline", abs.to_str().unwrap(), "lb.tf"]);
    assert_eq!((out.as_str(), code), ("", 0));
    // Written again from inside the module: the same file.
    let before = std::fs::read_to_string(&abs).unwrap();
    run(
        &module,
        &["--write-baseline", "../../ci/baseline.json", "."],
    );
    assert_eq!(std::fs::read_to_string(&abs).unwrap(), before);
}

#[test]
fn a_reworded_message_still_matches_but_each_entry_matches_once() {
    let repo = common::temp_module(&[("env/lb.tf", LB)]);
    let dir = repo.path();
    // As if an older lblint had worded both messages differently.
    let old = Baseline {
        entries: vec![
            entry("env/lb.tf", PATH_RULE, "WS001", "older wording"),
            entry("env/lb.tf", PATH_RULE, "WS004", WS004),
        ],
    };
    std::fs::write(dir.join("b.json"), old.to_json()).unwrap();
    let (out, code) = run(dir, &["--baseline", "b.json", "env"]);
    assert_eq!((out.as_str(), code), ("", 0));
    // One WS001 entry covers one WS001 finding: a second at the same place is new.
    let one = Baseline {
        entries: vec![entry("env/lb.tf", PATH_RULE, "WS004", WS004)],
    };
    std::fs::write(dir.join("b.json"), one.to_json()).unwrap();
    let (out, code) = run(dir, &["--baseline", "b.json", "env"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("env/lb.tf:14:7: error[WS001]"), "{out}");
}

#[test]
fn a_bad_baseline_or_an_incomplete_run_is_a_run_error() {
    let repo = common::temp_module(&[
        ("env/lb.tf", LB),
        ("bad.json", "{\"version\": 2, \"findings\": []}"),
    ]);
    let dir = repo.path();
    let out = lblint(dir)
        .args(["--baseline", "bad.json", "env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "lblint: bad.json: baseline version 2 is not supported (this lblint writes version 1)\n"
    );
    let out = lblint(dir)
        .args(["--baseline", "missing.json", "env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A file that cannot be read: the baseline would lose its entries, so it is not
    // written. (Reading /proc/self/mem at offset 0 fails even for root.)
    std::os::unix::fs::symlink("/proc/self/mem", dir.join("env/unreadable.tf")).unwrap();
    let out = lblint(dir)
        .args(["--write-baseline", "b.json", "env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("b.json").exists());
    let out = lblint(dir)
        .args(["--write-baseline", "b.json", "env", "gone"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("b.json").exists());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("the run is incomplete: not writing b.json"));
    // --baseline and --write-baseline together are refused.
    let out = lblint(dir)
        .args(["--baseline", "a.json", "--write-baseline", "b.json", "env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_baseline_records_what_the_run_reports() {
    let repo = common::temp_module(&[("env/lb.tf", LB)]);
    let dir = repo.path();
    let (_, code) = run(
        dir,
        &["--write-baseline", "b.json", "--select", "WS004", "env"],
    );
    assert_eq!(code, 0);
    let b = Baseline::load(&dir.join("b.json")).unwrap();
    assert_eq!(b.entries, [entry("env/lb.tf", PATH_RULE, "WS004", WS004)]);
    // Without the selection, WS001 is new.
    let (out, code) = run(dir, &["--baseline", "b.json", "env"]);
    assert_eq!(code, 1);
    assert_eq!(out, format!("env/lb.tf:14:7: error[WS001]: {WS001}\n"));
}
