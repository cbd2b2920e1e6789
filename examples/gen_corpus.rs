//! Writes a synthetic Terraform monorepo for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --seed 1 --size small|medium|large --out DIR
//! ```
//!
//! `small` is one load-balancer module of 10 files (the pre-commit case), `medium` about
//! 1,000 files / 5 MB, `large` about 20,000 files / 100 MB. `--bytes N` instead of `--size`
//! makes a monorepo of at least N bytes. The same seed gives the same files.

#[path = "corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: gen_corpus [--seed N] (--size small|medium|large | --bytes N) --out DIR";

fn main() -> ExitCode {
    let mut seed = 1u64;
    let mut size = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => args.next(),
        };
        let Some(value) = value else {
            eprintln!("gen_corpus: {arg} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        match arg.as_str() {
            "--seed" => match value.parse() {
                Ok(s) => seed = s,
                Err(_) => {
                    eprintln!("gen_corpus: --seed wants a number, not `{value}`");
                    return ExitCode::from(2);
                }
            },
            "--size" => match corpus::Size::parse(&value) {
                Some(s) => size = Some(s),
                None => {
                    eprintln!("gen_corpus: --size is small, medium or large, not `{value}`");
                    return ExitCode::from(2);
                }
            },
            "--bytes" => match value.parse() {
                Ok(n) => size = Some(corpus::Size::Bytes(n)),
                Err(_) => {
                    eprintln!("gen_corpus: --bytes wants a number, not `{value}`");
                    return ExitCode::from(2);
                }
            },
            "--out" => out = Some(PathBuf::from(value)),
            _ => {
                eprintln!("gen_corpus: unknown argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(size), Some(out)) = (size, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match corpus::generate(seed, size, &out) {
        Ok(stats) => {
            println!(
                "{}: {} files, {} bytes ({:.2} MB), {} modules ({} load-balancer)",
                out.display(),
                stats.files,
                stats.bytes,
                stats.bytes as f64 / 1e6,
                stats.modules,
                stats.lb_modules
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
