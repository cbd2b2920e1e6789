//! Per-stage benchmarks of the pipeline on a synthetic monorepo.
//!
//! ```text
//! cargo bench --bench pipeline                       # the medium corpus (~1,000 files, 5 MB)
//! LBLINT_BENCH_CORPUS=1000000 cargo bench --bench pipeline   # a 1 MB slice of it
//! LBLINT_BENCH_CORPUS=small cargo bench --bench pipeline     # one 10-file module
//! ```
//!
//! The corpus is written to a temporary directory by the same code as
//! `examples/gen_corpus.rs` (seed 1). Each stage is measured alone on the output of the
//! previous one, one module after the other on one thread; `lint` is the whole library call
//! (discovery, reading from the page cache, all stages, on rayon's threads).
//! Throughput is the corpus's bytes of `.tf` and `.tfvars` files.

#[path = "../examples/corpus/mod.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lblint::config::Config;
use lblint::discover;
use lblint::eval::{self, Module};
use lblint::model::{self, Model};
use lblint::rules;
use lblint::syntax::{self, ast::Body, SourceFile};
use lblint::Options;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One module's files, read into memory.
struct Loaded {
    files: Vec<SourceFile>,
    tfvars: Vec<SourceFile>,
}

struct Parsed {
    files: Vec<Body>,
    tfvars: Vec<Body>,
}

fn corpus_size() -> corpus::Size {
    let v = std::env::var("LBLINT_BENCH_CORPUS").unwrap_or_default();
    if v.is_empty() {
        return corpus::Size::Medium;
    }
    corpus::Size::parse(&v)
        .or_else(|| v.parse().ok().map(corpus::Size::Bytes))
        .unwrap_or_else(|| panic!("LBLINT_BENCH_CORPUS: small, medium, large or bytes, not {v}"))
}

fn load(root: &Path) -> Vec<Loaded> {
    let (modules, problems) = discover::discover(
        &[root.to_path_buf()],
        &discover::build_excludes(&[]).unwrap(),
    )
    .expect("discover the corpus");
    assert!(problems.is_empty(), "walking the corpus failed");
    let mut id = 0;
    let mut read = |p: &PathBuf| {
        let text = std::fs::read_to_string(p).expect("read a corpus file");
        id += 1;
        SourceFile::new(id - 1, p.clone(), p.display().to_string(), text)
    };
    modules
        .iter()
        .map(|m| Loaded {
            files: m.files.iter().map(&mut read).collect(),
            tfvars: m.tfvars.iter().map(&mut read).collect(),
        })
        .collect()
}

fn parse(m: &Loaded) -> Parsed {
    let p = |f: &SourceFile| syntax::parse(f).expect("the corpus parses");
    Parsed {
        files: m.files.iter().map(p).collect(),
        tfvars: m.tfvars.iter().map(p).collect(),
    }
}

fn evaluate(p: &Parsed) -> Module {
    let files: Vec<&Body> = p.files.iter().collect();
    let tfvars: Vec<&Body> = p.tfvars.iter().collect();
    eval::evaluate_module(&files, &tfvars)
}

fn check(model: &Model, config: &Config) -> usize {
    let ctx = rules::Context::new(model, config, &[]);
    rules::check(&ctx).len()
}

fn pipeline(c: &mut Criterion) {
    let size = corpus_size();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("corpus");
    let stats = corpus::generate(1, size, &root).expect("generate the corpus");
    eprintln!(
        "corpus {size:?}: {} files, {} bytes, {} modules ({} load-balancer) in {}",
        stats.files,
        stats.bytes,
        stats.modules,
        stats.lb_modules,
        root.display()
    );

    let loaded = load(&root);
    let bytes: u64 = loaded
        .iter()
        .flat_map(|m| m.files.iter().chain(&m.tfvars))
        .map(|f| f.text.len() as u64)
        .sum();
    let parsed: Vec<Parsed> = loaded.iter().map(parse).collect();
    let evaluated: Vec<Module> = parsed.iter().map(evaluate).collect();
    let models: Vec<Model> = evaluated.iter().map(|m| model::build(m, None)).collect();
    let config = Config::default();
    let findings: usize = models.iter().map(|m| check(m, &config)).sum();
    assert!(findings > 0, "the corpus has findings for lblint");

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(bytes));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for m in &loaded {
                black_box(parse(m));
            }
        })
    });
    g.bench_function("evaluate", |b| {
        b.iter(|| {
            for p in &parsed {
                black_box(evaluate(p));
            }
        })
    });
    g.bench_function("model", |b| {
        b.iter(|| {
            for m in &evaluated {
                black_box(model::build(m, None));
            }
        })
    });
    g.bench_function("rules", |b| {
        b.iter(|| {
            for m in &models {
                black_box(check(m, &config));
            }
        })
    });
    let options = Options {
        paths: vec![root.clone()],
        base_dir: Some(root.clone()),
        ..Options::default()
    };
    g.bench_function("lint", |b| {
        b.iter(|| black_box(lblint::lint(&options).expect("lint the corpus")))
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
