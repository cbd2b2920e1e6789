//! Fuzzes the whole pipeline: parse, evaluate, model, rules, suppress and every report format.
//! The input is one `.tf` file linted beside the incident's backend file, so references to
//! backend services resolve and the rules run on mutated routing.
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
});
