//! Parse fidelity against HashiCorp's own HCL parser (the Go parser Terraform uses): every
//! fixture file is accepted by lblint exactly when HashiCorp's parser accepts it, and a
//! rejected file is rejected on the same line.
//!
//! HashiCorp's verdicts are data, `tests/fidelity/verdicts.json`, written by
//! `tests/fidelity/generate.js` with the npm package `@cdktf/hcl2json` (the parser compiled to
//! WebAssembly), so this test needs only Rust. After adding or changing a fixture:
//! `npm ci --prefix tests/fidelity && node tests/fidelity/generate.js`. `.ci/run` runs the
//! script with `--check`, which fails when the committed verdicts are stale.

use lblint::syntax::{parse, SourceFile};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture files, named as in verdicts.json: relative to the repository root, with `/`.
fn fixture_files() -> Vec<String> {
    walkdir::WalkDir::new(root().join("fixtures"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".tf") || n.ends_with(".tfvars")
        })
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap();
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

/// HashiCorp's verdict on each file: `None` when accepted, else the error's line and text.
fn hashicorp() -> BTreeMap<String, Option<(usize, String)>> {
    let path = root().join("tests/fidelity/verdicts.json");
    let text = std::fs::read_to_string(&path).expect("tests/fidelity/verdicts.json");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        doc["parser"]
            .as_str()
            .unwrap()
            .starts_with("@cdktf/hcl2json "),
        "{}",
        doc["parser"]
    );
    doc["files"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(file, v)| {
            let verdict = if v["accepted"].as_bool().unwrap() {
                None
            } else {
                let line = v["line"].as_u64().unwrap() as usize;
                Some((line, v["error"].as_str().unwrap().to_string()))
            };
            (file.clone(), verdict)
        })
        .collect()
}

/// Files rejected on purpose at another line than HashiCorp's parser: for an unterminated
/// heredoc it points at the end of the file, lblint at the `<<` that opens it.
const POSITION_DIFFERS: &[&str] = &["heredoc_marker_at_eof.tf", "unterminated_heredoc.tf"];

#[test]
fn lblint_accepts_exactly_what_hashicorps_parser_accepts() {
    let files = fixture_files();
    assert!(files.len() > 100, "fixtures went missing");
    let mut theirs = hashicorp();
    let mut mismatches = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for name in &files {
        let path = root().join(name);
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            // Not UTF-8: a JavaScript string cannot carry the invalid bytes to HashiCorp's
            // parser (node replaces them), so there is nothing to compare. lblint's TF001 for
            // it is tested in tests/rules.rs.
            assert!(
                !theirs.contains_key(name),
                "{name} is not UTF-8 yet has a verdict"
            );
            continue;
        };
        let Some(their) = theirs.remove(name) else {
            mismatches.push(format!(
                "{name}: no verdict in tests/fidelity/verdicts.json: run `npm ci --prefix tests/fidelity && node tests/fidelity/generate.js`"
            ));
            continue;
        };
        let file = SourceFile::new(0, path.clone(), name.clone(), text);
        match (parse(&file), their) {
            (Ok(_), None) => accepted += 1,
            (Err(e), Some((line, _))) => {
                rejected += 1;
                let ours = file.position(e.span.start as usize).line;
                let file_name = path.file_name().unwrap().to_string_lossy();
                let allowed = POSITION_DIFFERS.contains(&file_name.as_ref());
                if (ours != line) != allowed {
                    mismatches.push(format!(
                        "{name}: lblint rejects at line {ours}, HashiCorp at line {line} (listed as differing: {allowed})"
                    ));
                }
            }
            (Ok(_), Some((_, err))) => {
                mismatches.push(format!("{name}: lblint accepts, HashiCorp rejects: {err}"))
            }
            (Err(e), None) => mismatches.push(format!(
                "{name}: HashiCorp accepts, lblint rejects: {}",
                e.message
            )),
        }
    }
    for stale in theirs.keys() {
        mismatches.push(format!(
            "{stale}: in tests/fidelity/verdicts.json but not a fixture: run `node tests/fidelity/generate.js`"
        ));
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(
        accepted > 80 && rejected > 25,
        "{accepted} accepted, {rejected} rejected"
    );
}
