//! `--var-file`, `--var` and `TF_VAR_` through the real binary: Terraform's precedence, with
//! the exact findings of each case.

use assert_cmd::Command;

const LB: &str = "fixtures/scenarios/inputs/lb";
const STAGING: &str = "fixtures/scenarios/inputs/lb/staging.tfvars";
const PROD: &str = "fixtures/scenarios/inputs/lb/prod.tfvars";

fn lblint(env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::cargo_bin("lblint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("TF_VAR_ws_timeout");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs `check --format compact` and gives the exit code and stdout.
fn compact(env: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let out = lblint(env)
        .args(["check", "--format", "compact"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn ws002(secs: &str, note: &str) -> String {
    format!(
        "fixtures/scenarios/inputs/lb/main.tf:20:3: warning[WS002]: `timeout_sec = {secs}` on \
         `google_compute_backend_service.chat` closes WebSockets after {secs} s, below the 300 s \
         minimum{note}\n"
    )
}

const FROM_ENV: &str = " (`var.ws_timeout` is set by the environment variable `TF_VAR_ws_timeout`)";
const FROM_VAR: &str = " (`var.ws_timeout` is set by `--var ws_timeout=...` on the command line)";

/// A case: what it shows, environment, arguments, exit code, compact output.
type Case<'a> = (
    &'a str,
    &'a [(&'a str, &'a str)],
    &'a [&'a str],
    i32,
    String,
);

#[test]
fn each_precedence_case_gives_exactly_its_findings() {
    let staging = ws002("60", "");
    let cases: &[Case] = &[
        // No value anywhere: the timeout is unknown, so neither WS001 nor WS002.
        ("no value", &[], &[LB], 0, String::new()),
        (
            "--var-file staging",
            &[],
            &[LB, "--var-file", STAGING],
            1,
            staging.clone(),
        ),
        (
            "--var-file prod",
            &[],
            &[LB, "--var-file", PROD],
            0,
            String::new(),
        ),
        (
            "TF_VAR_",
            &[("TF_VAR_ws_timeout", "45")],
            &[LB],
            1,
            ws002("45", FROM_ENV),
        ),
        (
            "a --var-file over TF_VAR_",
            &[("TF_VAR_ws_timeout", "45")],
            &[LB, "--var-file", PROD],
            0,
            String::new(),
        ),
        (
            "a --var-file over TF_VAR_ (short)",
            &[("TF_VAR_ws_timeout", "3600")],
            &[LB, "--var-file", STAGING],
            1,
            staging.clone(),
        ),
        (
            "--var",
            &[],
            &[LB, "--var", "ws_timeout=30"],
            1,
            ws002("30", FROM_VAR),
        ),
        (
            "--var after --var-file",
            &[],
            &[LB, "--var-file", PROD, "--var", "ws_timeout=30"],
            1,
            ws002("30", FROM_VAR),
        ),
        (
            "--var-file after --var",
            &[],
            &[LB, "--var", "ws_timeout=30", "--var-file", PROD],
            0,
            String::new(),
        ),
        (
            "the later --var-file",
            &[],
            &[LB, "--var-file", PROD, "--var-file", STAGING],
            1,
            staging.clone(),
        ),
        (
            "the later --var-file (prod)",
            &[],
            &[LB, "--var-file", STAGING, "--var-file", PROD],
            0,
            String::new(),
        ),
        (
            "--var over TF_VAR_",
            &[("TF_VAR_ws_timeout", "3600")],
            &[LB, "--var", "ws_timeout=20"],
            1,
            ws002("20", FROM_VAR),
        ),
        (
            "a .tfvars.json string converted to a number",
            &[],
            &[
                LB,
                "--var-file",
                "fixtures/scenarios/inputs/lb/staging.tfvars.json",
            ],
            1,
            ws002("120", ""),
        ),
        (
            "a --var that is not a number: unknown, so silent",
            &[],
            &[LB, "--var", "ws_timeout=soon"],
            0,
            String::new(),
        ),
    ];
    for (what, env, args, code, stdout) in cases {
        assert_eq!(compact(env, args), (*code, stdout.clone()), "{what}");
    }
}

/// The auto-loaded files: terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json)
/// by name; b.auto.tfvars (40) is the last. TF_VAR_ is below all of them; --var above.
#[test]
fn auto_loaded_files_apply_in_terraforms_order() {
    let auto = "fixtures/scenarios/inputs/auto";
    let line = |secs: &str, note: &str| {
        format!(
            "{auto}/main.tf:20:3: warning[WS002]: `timeout_sec = {secs}` on \
             `google_compute_backend_service.chat` closes WebSockets after {secs} s, below the \
             300 s minimum{note}\n"
        )
    };
    assert_eq!(compact(&[], &[auto]), (1, line("40", "")));
    assert_eq!(
        compact(&[("TF_VAR_ws_timeout", "3600")], &[auto]),
        (1, line("40", ""))
    );
    assert_eq!(
        compact(&[], &[auto, "--var", "ws_timeout=50"]),
        (1, line("50", FROM_VAR))
    );
    // The label is at the value in b.auto.tfvars.
    let out = lblint(&[])
        .args(["check", "--format", "json", auto])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let label = &doc["diagnostics"][0]["labels"][1];
    assert_eq!(label["file"], format!("{auto}/b.auto.tfvars"));
    assert_eq!(label["message"], "`var.ws_timeout` is set here");
    assert_eq!(
        (&label["start"]["line"], &label["start"]["column"]),
        (&1.into(), &14.into())
    );
}

#[test]
fn the_finding_has_a_label_at_the_value_in_the_var_file() {
    let out = lblint(&[])
        .args(["check", "--format", "json", LB, "--var-file", STAGING])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "WS002");
    assert_eq!(d["file"], "fixtures/scenarios/inputs/lb/main.tf");
    assert_eq!(
        (
            &d["start"]["line"],
            &d["start"]["column"],
            &d["end"]["column"]
        ),
        (&20.into(), &3.into(), &41.into())
    );
    let labels: Vec<(String, u64, u64, u64, String)> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["file"].as_str().unwrap().to_string(),
                l["start"]["line"].as_u64().unwrap(),
                l["start"]["column"].as_u64().unwrap(),
                l["end"]["column"].as_u64().unwrap(),
                l["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (
                "fixtures/scenarios/inputs/lb/main.tf".to_string(),
                42,
                7,
                33,
                "WebSocket path rule `/ws`, `/ws/*`".to_string()
            ),
            (
                STAGING.to_string(),
                2,
                14,
                16,
                "`var.ws_timeout` is set here".to_string()
            ),
        ]
    );
    // A .tfvars.json value is labelled at its JSON span.
    let out = lblint(&[])
        .args(["check", "--format", "json", LB, "--var-file"])
        .arg("fixtures/scenarios/inputs/lb/staging.tfvars.json")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let label = &doc["diagnostics"][0]["labels"][1];
    assert_eq!(
        label["file"],
        "fixtures/scenarios/inputs/lb/staging.tfvars.json"
    );
    assert_eq!(
        (
            &label["start"]["line"],
            &label["start"]["column"],
            &label["end"]["column"]
        ),
        (&2.into(), &17.into(), &22.into())
    );
}

/// A `--var-file` path is relative to the current directory, not to the module.
#[test]
fn var_file_paths_are_relative_to_the_current_directory() {
    let out = lblint(&[])
        .current_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/scenarios/inputs"
        ))
        .args([
            "check",
            "--format",
            "compact",
            "lb",
            "--var-file",
            "lb/staging.tfvars",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("lb/main.tf:20:3: warning[WS002]: `timeout_sec = 60`"),);
}

#[test]
fn a_broken_var_file_is_tf001_at_the_position_once_for_every_root() {
    // Both roots read the file; its error is reported once.
    let (code, out) = compact(
        &[],
        &[
            "fixtures/scenarios/inputs",
            "--var-file",
            "fixtures/scenarios/inputs/lb/broken.tfvars.json",
        ],
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "fixtures/scenarios/inputs/auto/main.tf:20:3: warning[WS002]: `timeout_sec = 40` on `google_compute_backend_service.chat` closes WebSockets after 40 s, below the 300 s minimum",
            "fixtures/scenarios/inputs/lb/broken.tfvars.json:2:16: error[TF001]: expected `:` after an object key, found `1`",
        ]
    );
}

#[test]
fn a_missing_var_file_is_a_run_problem() {
    let out = lblint(&[])
        .args([
            "check",
            "--format",
            "compact",
            LB,
            "--var-file",
            "nope.tfvars",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("lblint: nope.tfvars: cannot read the --var-file: "),
        "{stderr}"
    );
}

#[test]
fn a_var_without_equals_is_refused() {
    let out = lblint(&[])
        .args(["check", LB, "--var", "ws_timeout"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "lblint: `--var ws_timeout` is not NAME=VALUE: a variable name and its value separated by `=`\n"
    );
}
