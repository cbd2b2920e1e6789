//! Parse fidelity against HashiCorp's own HCL parser (the Go parser Terraform uses, run from
//! the npm package `@cdktf/hcl2json`, installed by `.ci/run` with
//! `npm ci --prefix tests/fidelity`): every fixture file is accepted by lblint exactly when
//! HashiCorp's parser accepts it, and a rejected file is rejected on the same line.

use lblint::syntax::{parse, SourceFile};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let n = p.to_string_lossy();
            n.ends_with(".tf") || n.ends_with(".tfvars")
        })
        .collect()
}

/// HashiCorp's verdict on each file: `None` when accepted, else the error's first line.
fn hashicorp(files: &[PathBuf]) -> Vec<Option<(usize, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fidelity");
    assert!(
        dir.join("node_modules/@cdktf/hcl2json").exists(),
        "HashiCorp's parser is not installed: run `npm ci --prefix tests/fidelity` (as .ci/run does)"
    );
    let out = Command::new("node")
        .arg(dir.join("accepts.js"))
        .args(files)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let verdicts: Vec<Option<(usize, String)>> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if v["ok"].as_bool().unwrap() {
                return None;
            }
            // "...: parse config: [FILE:LINE,COL-...: Summary; detail]"
            let err = v["error"].as_str().unwrap().to_string();
            let file = v["file"].as_str().unwrap();
            let after = err.split(&format!("{file}:")).nth(1).unwrap_or("0");
            let line = after.split(',').next().unwrap().parse().unwrap_or(0);
            Some((line, err))
        })
        .collect();
    assert_eq!(verdicts.len(), files.len());
    verdicts
}

/// Files rejected on purpose at another line than HashiCorp's parser: for an unterminated
/// heredoc it points at the end of the file, lblint at the `<<` that opens it.
const POSITION_DIFFERS: &[&str] = &["heredoc_marker_at_eof.tf", "unterminated_heredoc.tf"];

#[test]
fn lblint_accepts_exactly_what_hashicorps_parser_accepts() {
    let files = fixture_files();
    assert!(files.len() > 100, "fixtures went missing");
    let theirs = hashicorp(&files);
    let mut mismatches = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for (path, their) in files.iter().zip(theirs) {
        let bytes = std::fs::read(path).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            // Not UTF-8: a JavaScript string cannot carry the invalid bytes to HashiCorp's
            // parser (node replaces them), so there is nothing to compare. lblint's TF001 for
            // it is tested in tests/rules.rs.
            continue;
        };
        let file = SourceFile::new(0, path.clone(), String::new(), text);
        match (parse(&file), their) {
            (Ok(_), None) => accepted += 1,
            (Err(e), Some((line, _))) => {
                rejected += 1;
                let ours = file.position(e.span.start as usize).line;
                let name = path.file_name().unwrap().to_string_lossy();
                let allowed = POSITION_DIFFERS.contains(&name.as_ref());
                if (ours != line) != allowed {
                    mismatches.push(format!(
                        "{}: lblint rejects at line {ours}, HashiCorp at line {line} (listed as differing: {allowed})",
                        path.display()
                    ));
                }
            }
            (Ok(_), Some((_, err))) => mismatches.push(format!(
                "{}: lblint accepts, HashiCorp rejects: {err}",
                path.display()
            )),
            (Err(e), None) => mismatches.push(format!(
                "{}: HashiCorp accepts, lblint rejects: {}",
                path.display(),
                e.message
            )),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(
        accepted > 80 && rejected > 25,
        "{accepted} accepted, {rejected} rejected"
    );
}
