//! Fuzzes the whole pipeline: parse, evaluate, model, rules, suppress and every report format,
//! then each fix: its edits stay inside the file on character boundaries, and the fixed file
//! lints without a panic. The input is one `.tf` file linted beside the incident's backend
//! file, so references to backend services resolve and the rules run on mutated routing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lblint::config::Config;
use lblint::report::{self, Format, Style};

const BACKEND: &[u8] = include_bytes!("../../fixtures/incident/original/backend.tf");

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let outcome = lblint::lint_sources(&[("lb.tf", data), ("backend.tf", BACKEND)], &config);
    for d in &outcome.diagnostics {
        let text = &outcome.sources.get(d.span.file).text;
        assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len());
    }
    for format in Format::ALL {
        report::render(&outcome, format, Style::default());
    }
    for fix in outcome.diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        let mut edits: Vec<_> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.span.file, e.span.start));
        let mut texts: Vec<String> = (0..outcome.sources.len())
            .map(|i| outcome.sources.get(i as u32).text.clone())
            .collect();
        for e in edits.iter().rev() {
            let text = &mut texts[e.span.file as usize];
            let (start, end) = (e.span.start as usize, e.span.end as usize);
            assert!(start <= end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            text.replace_range(start..end, &e.replacement);
        }
        let files: Vec<(&str, &[u8])> = (0..texts.len())
            .map(|i| (if i == 0 { "lb.tf" } else { "backend.tf" }, texts[i].as_bytes()))
            .collect();
        lblint::lint_sources(&files, &config);
    }
});
