//! Hostile input: never a panic, a hang or an out-of-memory; always a clear diagnostic.

mod common;
use common::*;

fn lint_one(name: &str, bytes: &[u8]) -> lblint::Outcome {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    run_abs(dir.path(), dir.path())
}

fn tf001_at(outcome: &lblint::Outcome) -> Vec<(usize, usize)> {
    findings(outcome)
        .into_iter()
        .filter(|f| f.code == "TF001")
        .map(|f| f.start)
        .collect()
}

#[test]
fn binary_garbage_is_a_syntax_error() {
    // A deterministic pseudo-random byte soup, with NULs and invalid UTF-8 kept out by a
    // mask so that the parser (not the UTF-8 check) has to reject it.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x as u8 & 0x7f).max(1)
        })
        .collect();
    let outcome = lint_one("garbage.tf", &bytes);
    assert_eq!(tf001_at(&outcome).len(), 1);
    let raw: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let outcome = lint_one("raw.tf", &raw);
    assert_eq!(tf001_at(&outcome).len(), 1);
    assert!(outcome.diagnostics[0].message.contains("not valid UTF-8"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep_lists = format!("a = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_blocks = format!("{}{}", "b {\n".repeat(10_000), "}\n".repeat(10_000));
    let deep_parens = format!("a = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000));
    for text in [deep_lists, deep_blocks, deep_parens] {
        let outcome = lint_one("deep.tf", text.as_bytes());
        assert_eq!(tf001_at(&outcome).len(), 1);
        assert!(
            outcome.diagnostics[0].message.contains("nest"),
            "{}",
            outcome.diagnostics[0].message
        );
    }
    // Moderate nesting that Terraform accepts never panics.
    let ok = format!("a = {}1{}\n", "[".repeat(40), "]".repeat(40));
    assert!(lint_one("ok.tf", ok.as_bytes()).diagnostics.is_empty());
}

#[test]
fn a_million_element_list_is_linted() {
    let mut text = String::from("locals {\n  big = [");
    for i in 0..1_000_000 {
        text.push_str(&format!("{i},"));
    }
    text.push_str("]\n}\n");
    let outcome = lint_one("big.tf", text.as_bytes());
    assert!(outcome.diagnostics.is_empty(), "{:?}", findings(&outcome));
}

#[test]
fn crlf_files_keep_columns_right() {
    let lb = include_str!("../fixtures/incident/original/lb.tf").replace('\n', "\r\n");
    let backend = include_str!("../fixtures/incident/original/backend.tf").replace('\n', "\r\n");
    let dir = temp_module(&[("lb.tf", &lb), ("backend.tf", &backend)]);
    let outcome = run_abs(dir.path(), dir.path());
    assert_eq!(
        findings(&outcome),
        vec![
            Finding::new("WS001", "error", "lb.tf", (15, 7), (15, 63)),
            Finding::new("WS004", "info", "lb.tf", (15, 7), (15, 63)),
        ]
    );
}

#[test]
fn the_deepest_nesting_the_parser_accepts_is_evaluated_without_overflow() {
    // Just under the parser's limit: parsed, evaluated (expressions past the evaluator's
    // depth limit become unknown) and checked, on a test thread's small stack.
    let n = 500;
    let cases = [
        format!("a = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        format!("a = {}1{}\n", "[".repeat(n), "]".repeat(n)),
        format!("a = {}1{}\n", "{x = ".repeat(n), "}".repeat(n)),
        format!("{}{}", "b {\n".repeat(n), "}\n".repeat(n)),
        format!(
            "resource \"google_compute_url_map\" \"m\" {{\n{}{}}}\n",
            "path_matcher {\n".repeat(n),
            "}\n".repeat(n)
        ),
    ];
    for text in &cases[..4] {
        let outcome = lint_one("deep.tf", text.as_bytes());
        assert!(outcome.diagnostics.is_empty(), "{:?}", findings(&outcome));
    }
    // A path matcher has no `path_matcher` block: TF004 reports the outermost wrong one and
    // does not descend into it.
    let outcome = lint_one("deep.tf", cases[4].as_bytes());
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("TF004", "error", "deep.tf", (3, 1), (3, 13))]
    );
}

#[test]
fn a_100_mb_file_is_linted_whole() {
    // The incident's two files, renamed apart and repeated into one file of 100 MB.
    let lb = include_str!("../fixtures/incident/original/lb.tf");
    let backend = include_str!("../fixtures/incident/original/backend.tf");
    let chunk = format!("{lb}\n{backend}\n");
    let rename = |i: usize| {
        chunk
            .replace("\"staging\"", &format!("\"staging{i}\""))
            .replace(".staging.", &format!(".staging{i}."))
            .replace("api_backend", &format!("api_backend{i}"))
            .replace("web_backend", &format!("web_backend{i}"))
            .replace("\"api\"", &format!("\"api{i}\""))
            .replace(".api.", &format!(".api{i}."))
    };
    let mut text = String::with_capacity(101 << 20);
    let mut copies = 0;
    while text.len() < 100 << 20 {
        text.push_str(&rename(copies));
        copies += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.tf"), &text).unwrap();
    drop(text);
    let out = assert_cmd::Command::cargo_bin("lblint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "compact"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // Each copy's WebSocket route: WS001 and WS004, nothing else.
    assert_eq!(stdout.lines().count(), 2 * copies);
    assert_eq!(stdout.matches("error[WS001]").count(), copies);
    let last_line = 1 + (copies - 1) * (chunk_lines(lb, backend)) + 14;
    assert!(
        stdout.contains(&format!("big.tf:{last_line}:7: error[WS001]")),
        "no finding at line {last_line}"
    );
}

fn chunk_lines(lb: &str, backend: &str) -> usize {
    format!("{lb}\n{backend}\n").matches('\n').count()
}
