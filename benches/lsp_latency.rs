//! How long the language server takes from a `didChange` to the `publishDiagnostics` of the
//! changed document: the real `lblint lsp` (built in release by `cargo bench`) driven over
//! stdio, as an editor would, one keystroke at a time.
//!
//! ```text
//! cargo bench --bench lsp_latency
//! LBLINT_LSP_CHANGES=500 cargo bench --bench lsp_latency
//! LBLINT_BENCH_LARGE=/tmp/lblint-bench/large cargo bench --bench lsp_latency  # reuse a corpus
//! ```
//!
//! Two modules, from the corpora of `examples/gen_corpus.rs` (seed 1): the 10-file module
//! (`small`) and the largest load-balancer module of the large corpus. In each, the url map
//! file is opened, then a character is typed into and deleted from a string of it,
//! alternately, waiting for each change's diagnostics before the next change (so nothing is
//! coalesced: every change is one lint). Prints the median and the spread over the changes,
//! after 20 warm-up changes.

#[path = "../examples/corpus/mod.rs"]
mod corpus;
#[path = "../tests/lsp_client/mod.rs"]
mod lsp_client;

use lsp_client::{uri, Client};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WARM_UP: usize = 20;

fn tf_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.is_file() && (name.ends_with(".tf") || name.ends_with(".tfvars"))
        })
        .collect();
    files.sort();
    files
}

/// The module directories under `root` with a url map, and their bytes.
fn lb_modules(root: &Path, out: &mut Vec<(u64, PathBuf)>) {
    let files = tf_files(root);
    if files.iter().any(|f| {
        std::fs::read_to_string(f)
            .unwrap()
            .contains("\"google_compute_url_map\"")
    }) {
        let bytes = files.iter().map(|f| f.metadata().unwrap().len()).sum();
        out.push((bytes, root.to_path_buf()));
    }
    for e in std::fs::read_dir(root).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            lb_modules(&e.path(), out);
        }
    }
}

struct Figures {
    files: usize,
    bytes: u64,
    diagnostics: usize,
    times: Vec<Duration>,
}

/// Opens the module's url map file and times `changes` edits.
fn measure(bin: &Path, dir: &Path, changes: usize) -> Figures {
    let files = tf_files(dir);
    let bytes = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    let file = files
        .iter()
        .find(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("\"google_compute_url_map\"")
        })
        .expect("a url map file")
        .clone();
    let text = std::fs::read_to_string(&file).unwrap();
    // Inside the first `name = "..."` string.
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let at = l.find("name")?;
            let quote = l[at..].find('"')? + at + 1;
            Some((i as u32, quote as u32))
        })
        .expect("a name argument");
    let mut client = Client::spawn(bin);
    client.initialize(json!({}));
    let target = uri(&file);
    let published = |client: &mut Client, version: i64| {
        let t = target.clone();
        let p = client.wait_for(move |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == t.as_str()
                && m["params"]["version"] == version
        });
        p["params"]["diagnostics"].as_array().unwrap().len()
    };
    client.did_open(&file, 1, &text);
    published(&mut client, 1);
    client.clear_pending();
    let mut times = Vec::with_capacity(changes);
    for i in 0..WARM_UP + changes {
        let version = i as i64 + 2;
        let start = Instant::now();
        if i % 2 == 0 {
            client.did_change(&file, version, (line, column), (line, column), "x");
        } else {
            client.did_change(&file, version, (line, column), (line, column + 1), "");
        }
        published(&mut client, version);
        let took = start.elapsed();
        client.clear_pending();
        if i >= WARM_UP {
            times.push(took);
        }
    }
    // The findings of the whole module, from a lint of the file as it is on disk.
    let out = std::process::Command::new(bin)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&file)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap().len();
    let (_, status) = client.shutdown();
    assert!(status.success());
    Figures {
        files: files.len(),
        bytes,
        diagnostics,
        times,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn report(name: &str, f: &mut Figures) {
    f.times.sort();
    let n = f.times.len();
    let at = |q: f64| f.times[((n - 1) as f64 * q).round() as usize];
    let mean = f.times.iter().sum::<Duration>() / n as u32;
    println!(
        "| {name} | {} | {:.1} | {} | {n} | {} | {} | {} | {} | {} |",
        f.files,
        f.bytes as f64 / 1000.0,
        f.diagnostics,
        ms(at(0.5)),
        ms(at(0.9)),
        ms(f.times[0]),
        ms(f.times[n - 1]),
        ms(mean),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no argument.
    let benching = std::env::args().any(|a| a == "--bench");
    let changes: usize = std::env::var("LBLINT_LSP_CHANGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 200 } else { 4 });
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_lblint"));
    let tmp = tempfile::tempdir().unwrap();

    let small = tmp.path().join("small");
    corpus::generate(1, corpus::Size::Small, &small).unwrap();
    let large = match std::env::var_os("LBLINT_BENCH_LARGE") {
        Some(dir) => PathBuf::from(dir),
        None if benching => {
            let dir = tmp.path().join("large");
            eprintln!("lsp_latency: writing the large corpus to {}", dir.display());
            corpus::generate(1, corpus::Size::Large, &dir).unwrap();
            dir
        }
        // Outside `cargo bench`, a slice of the corpus is enough to check this runs.
        None => {
            let dir = tmp.path().join("slice");
            corpus::generate(1, corpus::Size::Bytes(300_000), &dir).unwrap();
            dir
        }
    };
    let mut lbs = Vec::new();
    lb_modules(&large, &mut lbs);
    lbs.sort();
    let (_, biggest) = lbs.last().expect("a load-balancer module").clone();

    println!(
        "didChange → publishDiagnostics of the changed document, ms ({changes} changes after {WARM_UP} warm-up)\n"
    );
    println!("| module | files | kB | findings | changes | median | p90 | min | max | mean |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    report(
        "10-file module (small)",
        &mut measure(&bin, &small, changes),
    );
    let name = format!(
        "largest load-balancer module of the large corpus ({})",
        biggest.strip_prefix(&large).unwrap().display()
    );
    report(&name, &mut measure(&bin, &biggest, changes));
}
