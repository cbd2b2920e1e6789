//! A short, deterministic mutation fuzz run inside `cargo test`, so that a regression found
//! by the long `cargo fuzz` run (see BENCHMARKS.md / README) surfaces in CI: mutated fixtures
//! go through parse, evaluation, model, rules and every report format without a panic, every
//! span stays inside its file, and every fix's edits apply on character boundaries to a file
//! that then lints without a panic.

use lblint::config::Config;
use lblint::report::{self, Format, Style};
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "${",
    "%{",
    "}",
    "<<EOF\n",
    "<<-EOT\n",
    "\nEOF\n",
    "\n",
    "=",
    ":",
    "?",
    ",",
    "...",
    "=>",
    "#",
    "//",
    "/*",
    "*/",
    "\\",
    "\r\n",
    "\u{feff}",
    "é",
    "dynamic \"path_rule\" {\n for_each = var.x\n content {\n paths = [\"/ws\"]\n }\n}\n",
    "header_action {\n request_headers_to_remove = [\"Authorization\"]\n}\n",
    "route_action {\n timeout {\n seconds = \"10\"\n }\n}\n",
    "for k, v in local.m : k => v if v != null",
    "google_compute_backend_service.api_backend.id",
    "var.missing",
    "local.a",
    "count.index",
    "each.value",
    "null",
    "true",
    "-1e400",
    "\"{authorization}\"",
    "\"{{x}}\"",
];

fn corpus() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && (name.ends_with(".tf") || name.ends_with(".tfvars")) {
            out.push(std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(8) {
        let len = data.len();
        let at = rng.below(len + 1);
        match rng.below(5) {
            0 if len > 0 => data[at.min(len - 1)] ^= 1 << rng.below(8),
            1 if len > 0 => {
                let end = (at + rng.below(64)).min(len);
                data.drain(at..end);
            }
            2 if len > 0 => {
                let end = (at + rng.below(64)).min(len);
                let chunk = data[at..end].to_vec();
                let to = rng.below(len + 1);
                data.splice(to..to, chunk);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
        }
    }
    data
}

#[test]
fn mutated_fixtures_never_panic_and_spans_stay_in_bounds() {
    let corpus = corpus();
    assert!(corpus.len() > 50, "the fixture corpus went missing");
    let config = Config::default();
    let mut rng = Rng(0x5eed);
    let mut with_findings = 0;
    let mut fixes = 0;
    for i in 0..1_500 {
        let pick = rng.below(corpus.len());
        let a = mutate(&mut rng, corpus[pick].clone());
        let b = corpus[rng.below(corpus.len())].clone();
        let outcome = lblint::lint_sources(&[("a.tf", &a), ("b.tf", &b)], &config);
        for d in &outcome.diagnostics {
            for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
                let text = &outcome.sources.get(span.file).text;
                assert!(
                    span.start <= span.end && span.end as usize <= text.len(),
                    "iteration {i}: {} span {span:?} outside its file ({} bytes)",
                    d.code,
                    text.len()
                );
                assert!(
                    text.is_char_boundary(span.start as usize)
                        && text.is_char_boundary(span.end as usize)
                );
            }
        }
        for fix in outcome.diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            fixes += 1;
            let mut texts = [
                outcome.sources.get(0).text.clone(),
                outcome.sources.get(1).text.clone(),
            ];
            let mut edits: Vec<_> = fix.edits.iter().collect();
            edits.sort_by_key(|e| (e.span.file, e.span.start));
            for e in edits.iter().rev() {
                let text = &mut texts[e.span.file as usize];
                let (start, end) = (e.span.start as usize, e.span.end as usize);
                assert!(
                    start <= end
                        && end <= text.len()
                        && text.is_char_boundary(start)
                        && text.is_char_boundary(end),
                    "iteration {i}: fix edit {:?} outside its file",
                    e.span
                );
                text.replace_range(start..end, &e.replacement);
            }
            lblint::lint_sources(
                &[("a.tf", texts[0].as_bytes()), ("b.tf", texts[1].as_bytes())],
                &config,
            );
        }
        if !outcome.diagnostics.is_empty() {
            with_findings += 1;
        }
        if i % 50 == 0 {
            for format in Format::ALL {
                report::render(&outcome, format, Style::default());
            }
        }
    }
    // The mutations must keep exercising the rules, not only the parser's error path.
    assert!(
        with_findings > 300,
        "only {with_findings} runs had findings"
    );
    assert!(fixes > 100, "only {fixes} fixes were tried");
}
