//! `.tf.json` files and override files: Terraform's JSON syntax read with spans into the JSON,
//! and override files merged into the module's other files before evaluation.

mod common;
use common::*;
use lblint::config::Config;
use lblint::discover::{self, FileKind};
use std::path::PathBuf;

const WS001_CHAT: &str = "WebSocket path rule `/ws`, `/ws/*` has no timeout: \
    `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes \
    every connection after 30 seconds";

/// The url map, backend services and path rule of WS001's trigger fixture, written in JSON
/// (with `"//"` comments, a label level given as an array, templates and a variable).
#[test]
fn tf_json_websocket_path_without_timeout_is_ws001_at_its_json_span() {
    let outcome = run(&["fixtures/scenarios/tf-json/trigger"]);
    let file = "fixtures/scenarios/tf-json/trigger/main.tf.json";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("WS001", "error", file, (61, 15), (61, 62))]
    );
    assert_eq!(messages(&outcome, "WS001"), vec![WS001_CHAT]);
    assert!(outcome.problems.is_empty());
}

/// The same in JSON with the timeout from a variable through a template, `dynamic` backends
/// and paths from a local: clean (and the timeout is known: at 10 s it is WS002, below).
#[test]
fn tf_json_fixed_is_clean_and_its_values_are_evaluated() {
    let outcome = run(&["fixtures/scenarios/tf-json/fixed"]);
    assert_eq!(findings(&outcome), vec![]);

    let text =
        std::fs::read_to_string(root().join("fixtures/scenarios/tf-json/fixed/main.tf.json"))
            .unwrap()
            .replace("\"default\": 3600", "\"default\": 10");
    let outcome = lblint::lint_sources(&[("main.tf.json", text.as_bytes())], &Config::default());
    let found: Vec<(&str, String)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let f = outcome.sources.get(d.span.file);
            let (s, e) = (
                f.position(d.span.start as usize),
                f.position(d.span.end as usize),
            );
            (
                d.code,
                format!("{}:{}-{}:{}", s.line, s.column, e.line, e.column),
            )
        })
        .collect();
    // `"timeout_sec": "${var.ws_timeout}"`: the attribute from its key to its value; WS004 at
    // `"paths": "${local.ws_paths}"`.
    assert_eq!(
        found,
        [
            ("WS002", "43:9-43:43".to_string()),
            ("WS004", "68:13-68:41".to_string())
        ]
    );
}

/// An override file that adds the missing timeout: clean, in HCL and in JSON.
#[test]
fn override_file_adding_the_timeout_is_clean() {
    for dir in ["fixed", "json"] {
        let outcome = run(&[&format!("fixtures/scenarios/override/{dir}")]);
        assert_eq!(findings(&outcome), vec![], "{dir}");
        assert!(outcome.problems.is_empty(), "{dir}");
    }
}

/// A value from an override file is reported in the override file.
#[test]
fn override_file_value_is_reported_where_it_is_written() {
    let outcome = run(&["fixtures/scenarios/override/short"]);
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "WS002",
            "warning",
            "fixtures/scenarios/override/short/lb_override.tf",
            (3, 3),
            (3, 19)
        )]
    );
}

/// An override block with nothing to override is an error in Terraform: TF001 at its header,
/// and the module is linted without it.
#[test]
fn override_block_without_original_is_tf001() {
    let outcome = run(&["fixtures/scenarios/override/missing-base"]);
    let dir = "fixtures/scenarios/override/missing-base";
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new(
                "WS001",
                "error",
                &format!("{dir}/main.tf"),
                (65, 7),
                (65, 33)
            ),
            Finding::new(
                "TF001",
                "error",
                &format!("{dir}/override.tf"),
                (2, 1),
                (2, 49)
            ),
        ]
    );
    assert_eq!(
        messages(&outcome, "TF001"),
        vec![
            "there is no `google_compute_backend_service` resource named `caht` to override: an \
             override file can only change blocks declared in the module's other files"
        ]
    );
}

/// What does not read as Terraform's JSON syntax is TF001 at its JSON position.
#[test]
fn tf_json_errors_are_tf001_at_the_json_position() {
    let rows: &[(&str, (usize, usize), &str)] = &[
        ("[]", (1, 1), "the root of a .tf.json file must be an object whose properties are block types, found an array"),
        ("{\n  \"resources\": {}\n}", (2, 3), "`resources` is not a block type Terraform accepts at the top level of a configuration (expected resource, data, variable, output, locals, module, provider, terraform, check, moved, import or removed)"),
        ("{\"resource\": {\"google_compute_url_map\": {\"m\": 1}}}", (1, 47), "`resource \"google_compute_url_map\" \"m\"` is a block: its value must be an object (its body) or an array of objects, found a number"),
        ("{\"resource\": {\"google_compute_url_map\": [\"m\"]}}", (1, 42), "`resource \"google_compute_url_map\"` is a block: its value must be an object whose properties are its next labels, found a string"),
        ("{\"locals\": {\"a\": \"${var.x\"}}", (1, 19), "unclosed `${`: no matching `}` before the end of the string"),
        ("{\"locals\": {\"a\": \"${1 +\\n}\"}}", (1, 18), "expected an expression, found `}`"),
        ("{\"locals\": {\"a\": 1,\n \"a\": 2}}", (2, 2), "the argument `a` is set twice in this block (first on line 1)"),
        ("{\"locals\": {\"a\": 1,}}", (1, 20), "expected a string key, found `}`"),
    ];
    for (text, (line, column), message) in rows {
        let outcome =
            lblint::lint_sources(&[("main.tf.json", text.as_bytes())], &Config::default());
        let d = &outcome.diagnostics;
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        let at = outcome.sources.get(0).position(d[0].span.start as usize);
        assert_eq!(
            (d[0].code, at.line, at.column, d[0].message.as_str()),
            ("TF001", *line, *column, *message),
            "{text}"
        );
    }
}

/// Discovery: a directory with only `.tf.json` files is a module, and override files come
/// after the others, each group by name.
#[test]
fn discovery_lists_tf_json_and_override_files_last() {
    let dir = temp_module(&[
        ("json-only/main.tf.json", "{}"),
        ("mixed/b.tf", ""),
        ("mixed/a.tf.json", "{}"),
        ("mixed/override.tf", ""),
        ("mixed/a_override.tf.json", "{}"),
        ("mixed/z.tf", ""),
        ("mixed/notes.json", "{}"),
    ]);
    let exclude = discover::build_excludes(&[]).unwrap();
    let (modules, problems) = discover::discover(&[dir.path().to_path_buf()], &exclude).unwrap();
    assert!(problems.is_empty());
    let names: Vec<Vec<String>> = modules
        .iter()
        .map(|m| {
            m.files
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        names,
        [
            vec!["main.tf.json"],
            vec![
                "a.tf.json",
                "b.tf",
                "z.tf",
                "a_override.tf.json",
                "override.tf"
            ],
        ]
    );
}

#[test]
fn file_kinds_follow_terraform_names() {
    let rows: &[(&str, Option<FileKind>)] = &[
        ("main.tf", Some(FileKind::Hcl { is_override: false })),
        ("main.tf.json", Some(FileKind::Json { is_override: false })),
        ("override.tf", Some(FileKind::Hcl { is_override: true })),
        ("lb_override.tf", Some(FileKind::Hcl { is_override: true })),
        (
            "override.tf.json",
            Some(FileKind::Json { is_override: true }),
        ),
        (
            "lb_override.tf.json",
            Some(FileKind::Json { is_override: true }),
        ),
        ("lboverride.tf", Some(FileKind::Hcl { is_override: false })),
        ("override_lb.tf", Some(FileKind::Hcl { is_override: false })),
        ("prod.tfvars", Some(FileKind::Tfvars)),
        ("prod.tfvars.json", Some(FileKind::TfvarsJson)),
        ("main.json", None),
        ("main.tf.bak", None),
    ];
    for (name, kind) in rows {
        assert_eq!(FileKind::of(name), *kind, "{name}");
    }
    assert!(FileKind::of_path(&PathBuf::from("a/b/x_override.tf.json"))
        .unwrap()
        .is_override());
}

/// A baseline names a `.tf.json` finding by its blocks, as for a `.tf` file.
#[test]
fn baseline_entries_locate_tf_json_findings() {
    let outcome = run(&["fixtures/scenarios/tf-json/trigger"]);
    let entries = lblint::baseline::entries(&outcome, &root());
    let got: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.file.as_str(), e.address.as_str(), e.location.as_str()))
        .collect();
    assert_eq!(
        got,
        [(
            "fixtures/scenarios/tf-json/trigger/main.tf.json",
            "google_compute_url_map.main",
            "path_matcher[main]/path_rule[[\"${var.ws_path}\",\"${var.ws_path}/*\"]]/paths"
        )]
    );
}

/// Every prefix of the JSON fixtures, and each with one byte replaced by a quote, a brace, a
/// backslash or `$`, is linted without a panic and every span stays inside its file.
#[test]
fn mutated_tf_json_never_panics_and_spans_stay_in_bounds() {
    for fixture in [
        "fixtures/scenarios/tf-json/trigger/main.tf.json",
        "fixtures/scenarios/tf-json/fixed/main.tf.json",
    ] {
        let text = std::fs::read(root().join(fixture)).unwrap();
        let mut variants: Vec<Vec<u8>> = (0..text.len())
            .step_by(7)
            .map(|n| text[..n].to_vec())
            .collect();
        for (i, b) in (0..text.len())
            .step_by(5)
            .zip([b'"', b'{', b'\\', b'$'].iter().cycle())
        {
            let mut t = text.clone();
            t[i] = *b;
            variants.push(t);
        }
        for v in variants {
            let outcome = lblint::lint_sources(&[("main.tf.json", &v)], &Config::default());
            let len = outcome.sources.get(0).text.len() as u32;
            for d in &outcome.diagnostics {
                assert!(d.span.start <= d.span.end && d.span.end <= len, "{d:?}");
            }
        }
    }
}
