//! lblint: lints Google Cloud load-balancer Terraform for WebSocket routing mistakes.
//!
//! Data flows one way: [`discover`] → [`syntax`] (parse) → [`eval`] → [`model`] →
//! [`rules`] → [`suppress`] → [`report`]. [`lint`] runs the whole pipeline.

pub mod baseline;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod eval;
pub mod model;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod syntax;

use config::{Config, ConfigError};
use diagnostic::{Diagnostic, Problem, ProblemSpan, Severity};
use discover::{DiscoverError, ModuleFiles};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use syntax::{FileId, SourceFile, SourceMap, Span, SyntaxError};

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    /// A config file to use instead of the one found by walking up from each module.
    pub config: Option<PathBuf>,
    /// Globs of files to leave out.
    pub exclude: Vec<String>,
    /// The directory `file` paths are shown relative to; the current directory by default.
    pub base_dir: Option<PathBuf>,
    /// `--no-ignore`: `lblint-ignore` comments suppress nothing (and TF005 is not reported).
    pub no_ignore: bool,
}

/// A run that could not happen.
#[derive(Debug)]
pub enum RunError {
    Discover(DiscoverError),
    Config(Box<ConfigError>),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Discover(e) => write!(f, "{e}"),
            RunError::Config(e) => write!(f, "{}: {}", e.path.display(), e.message),
        }
    }
}

impl RunError {
    /// The error as a run problem, so that report formats can carry it: a config error
    /// points at the offending text of the file (path shown relative to `base`).
    pub fn problem(&self, base: &Path) -> Problem {
        match self {
            RunError::Discover(e) => e.problem(base),
            RunError::Config(e) => {
                let file = SourceFile::new(0, e.path.clone(), String::new(), e.text.clone());
                // Offsets into the file's bytes; a byte order mark was removed from the text.
                let at = |o: usize| file.position(o.saturating_sub(file.bom_len));
                Problem {
                    path: Some(display_path(&e.path, base)),
                    message: format!("invalid config: {}", e.message),
                    span: Some(ProblemSpan {
                        start: at(e.span.start),
                        end: at(e.span.end),
                    }),
                }
            }
        }
    }
}

/// The result of a run: every diagnostic, in output order, and the files they point into.
#[derive(Debug)]
pub struct Outcome {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub modules: usize,
    /// Problems that make the run incomplete (a missing path, an unreadable file or
    /// directory): every format reports them and the run exits with 2, while everything
    /// else is still linted and reported.
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// The outcome of a run that could not start (a bad config): no file, one problem.
    pub fn failed(problem: Problem) -> Outcome {
        Outcome {
            sources: SourceMap::default(),
            diagnostics: Vec::new(),
            modules: 0,
            problems: vec![problem],
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Runs the whole pipeline. A path that is missing, not Terraform or unreadable is a run
/// problem in [`Outcome::problems`] and the other paths are still linted; only a bad
/// `--exclude` glob or a bad config file stops the run with an `Err`.
pub fn lint(options: &Options) -> Result<Outcome, RunError> {
    let paths = if options.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        options.paths.clone()
    };
    let exclude = discover::build_excludes(&options.exclude).map_err(RunError::Discover)?;
    let (modules, walk_problems) =
        discover::discover(&paths, &exclude).map_err(RunError::Discover)?;
    let mut outcome = lint_modules(&modules, options)?;
    let base = options
        .base_dir
        .clone()
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let mut problems: Vec<Problem> = walk_problems.iter().map(|e| e.problem(&base)).collect();
    problems.append(&mut outcome.problems);
    outcome.problems = problems;
    Ok(outcome)
}

/// Lints modules found by [`discover::discover`] (or listed by hand).
pub fn lint_modules(modules: &[ModuleFiles], options: &Options) -> Result<Outcome, RunError> {
    let configs = load_configs(modules, options.config.as_deref())?;
    let base = options
        .base_dir
        .clone()
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();

    // File ids are given out up front so modules can be linted in parallel.
    let mut first_id = Vec::with_capacity(modules.len());
    let mut next: FileId = 0;
    for m in modules {
        first_id.push(next);
        next += (m.files.len() + m.tfvars.len()) as FileId;
    }
    let results: Vec<ModuleResult> = modules
        .par_iter()
        .zip(first_id.par_iter())
        .map(|(m, &first)| lint_module(m, first, &configs[&m.dir], &base, options.no_ignore))
        .collect();

    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        for f in r.files {
            sources.push(f);
        }
        diagnostics.extend(r.diagnostics);
        problems.extend(r.problems);
    }
    diagnostics.sort_by(|a, b| {
        let (fa, fb) = (sources.get(a.span.file), sources.get(b.span.file));
        (fa.display.as_str(), a.span.start, a.code, a.span.end).cmp(&(
            fb.display.as_str(),
            b.span.start,
            b.code,
            b.span.end,
        ))
    });
    Ok(Outcome {
        sources,
        diagnostics,
        modules: modules.len(),
        problems,
    })
}

fn load_configs(
    modules: &[ModuleFiles],
    explicit: Option<&Path>,
) -> Result<HashMap<PathBuf, Config>, RunError> {
    let mut by_file: HashMap<Option<PathBuf>, Config> = HashMap::new();
    let mut out = HashMap::new();
    let mut finder = config::Finder::default();
    let cwd = std::env::current_dir().unwrap_or_default();
    for m in modules {
        let file = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => finder.find(&discover::absolute(&m.dir, &cwd)),
        };
        if !by_file.contains_key(&file) {
            let c = match &file {
                Some(p) => Config::load(p).map_err(|e| RunError::Config(Box::new(e)))?,
                None => Config::default(),
            };
            by_file.insert(file.clone(), c);
        }
        out.insert(m.dir.clone(), by_file[&file].clone());
    }
    if let (Some(p), true) = (explicit, modules.is_empty()) {
        Config::load(p).map_err(|e| RunError::Config(Box::new(e)))?;
    }
    Ok(out)
}

struct ModuleResult {
    files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    problems: Vec<Problem>,
}

/// The path shown for a file: relative to `base` when under it, with `/` separators.
pub fn display_path(path: &Path, base: &Path) -> String {
    // `.` and `..` are resolved lexically, so `../x` shown from `x` reads well.
    let norm = discover::absolute(path, base);
    let shown = norm
        .strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or(norm);
    let mut parts: Vec<String> = Vec::new();
    for c in shown.components() {
        match c {
            std::path::Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().to_string()),
        }
    }
    if parts.len() == 1 && parts[0].is_empty() {
        return "/".to_string();
    }
    parts.join("/")
}

/// Makes a source file of bytes; invalid UTF-8 leaves a lossy text and a syntax error.
fn source_from_bytes(
    id: FileId,
    path: &Path,
    display: String,
    bytes: Vec<u8>,
) -> (SourceFile, Option<SyntaxError>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(id, path.to_path_buf(), display, text), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(id, path.to_path_buf(), display, text);
            // An empty span: past the first invalid byte, offsets in the lossy text
            // no longer match the file's.
            let start = at.saturating_sub(file.bom_len);
            let err = SyntaxError {
                span: Span::new(id, start, start),
                message: format!(
                    "the file is not valid UTF-8 (invalid byte at offset {at}); Terraform reads only UTF-8"
                ),
            };
            (file, Some(err))
        }
    }
}

/// Reads one file; a read error is a problem and leaves an empty text.
fn read_file(
    id: FileId,
    path: &Path,
    base: &Path,
    problems: &mut Vec<Problem>,
) -> (SourceFile, Option<SyntaxError>) {
    let display = display_path(path, base);
    match std::fs::read(path) {
        Ok(bytes) => source_from_bytes(id, path, display, bytes),
        Err(e) => {
            problems.push(Problem::new(
                Some(display.clone()),
                format!("cannot read the file: {e}"),
            ));
            (
                SourceFile::new(id, path.to_path_buf(), display, String::new()),
                None,
            )
        }
    }
}

/// Lints in-memory files as one module: names ending in `.tfvars` are variable files.
/// For editors, fuzzing and tests; nothing touches the file system.
///
/// ```
/// use lblint::config::Config;
///
/// let lb = br#"
/// resource "google_compute_backend_service" "chat" {
///   name          = "chat"
///   health_checks = ["projects/p/global/healthChecks/hc"]
/// }
///
/// resource "google_compute_url_map" "main" {
///   name            = "main"
///   default_service = google_compute_backend_service.chat.id
///
///   path_matcher {
///     name            = "main"
///     default_service = google_compute_backend_service.chat.id
///     path_rule {
///       paths   = ["/ws", "/ws/*"]
///       service = google_compute_backend_service.chat.id
///     }
///   }
/// }
/// "#;
/// let outcome = lblint::lint_sources(&[("lb.tf", lb)], &Config::default());
/// let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code).collect();
/// // The route keeps the 30 s default timeout and says nothing about auth headers.
/// assert_eq!(codes, ["WS001", "WS004"]);
/// let at = outcome.sources.get(0).position(outcome.diagnostics[0].span.start as usize);
/// assert_eq!((at.line, at.column), (15, 7));
/// ```
pub fn lint_sources(files: &[(&str, &[u8])], config: &Config) -> Outcome {
    let sources: Vec<(SourceFile, Option<SyntaxError>, bool)> = files
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let (f, e) = source_from_bytes(
                i as FileId,
                Path::new(name),
                name.to_string(),
                bytes.to_vec(),
            );
            (f, e, name.ends_with(".tfvars"))
        })
        .collect();
    let (files, mut diagnostics) = check_module(sources, config, false);
    diagnostics.sort_by_key(|d| (d.span.file, d.span.start, d.code, d.span.end));
    let mut map = SourceMap::default();
    for f in files {
        map.push(f);
    }
    Outcome {
        sources: map,
        diagnostics,
        modules: 1,
        problems: Vec::new(),
    }
}

fn lint_module(
    m: &ModuleFiles,
    first: FileId,
    config: &Config,
    base: &Path,
    no_ignore: bool,
) -> ModuleResult {
    let mut problems = Vec::new();
    let all = m
        .files
        .iter()
        .map(|p| (p, false))
        .chain(m.tfvars.iter().map(|p| (p, true)));
    let sources = all
        .enumerate()
        .map(|(i, (path, is_tfvars))| {
            let (file, err) = read_file(first + i as FileId, path, base, &mut problems);
            (file, err, is_tfvars)
        })
        .collect();
    let (mut files, diagnostics) = check_module(sources, config, no_ignore);
    let mut shown = vec![false; files.len()];
    for d in &diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            shown[(span.file - first) as usize] = true;
        }
    }
    for (file, shown) in files.iter_mut().zip(shown) {
        if !shown {
            file.release_text();
        }
    }
    ModuleResult {
        files,
        diagnostics,
        problems,
    }
}

/// Whether a file's text names a resource type that any rule looks at.
fn may_hold_load_balancer(text: &str) -> bool {
    text.contains("url_map") || text.contains("backend_service")
}

/// Parses, evaluates, models and checks one module's files.
fn check_module(
    sources: Vec<(SourceFile, Option<SyntaxError>, bool)>,
    config: &Config,
    no_ignore: bool,
) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::with_capacity(sources.len());
    let mut syntax_errors = Vec::new();
    let mut bodies = Vec::new();
    let mut tfvars = Vec::new();
    let mut ignores = Vec::new();
    for (file, utf8_error, is_tfvars) in sources {
        match utf8_error {
            Some(e) => syntax_errors.push(e),
            None => match syntax::parse_file(&file) {
                Ok(parsed) => {
                    ignores.push(suppress::collect(&parsed, &file, config));
                    if is_tfvars {
                        tfvars.push(parsed.body);
                    } else {
                        bodies.push(parsed.body);
                    }
                }
                Err(e) => syntax_errors.push(e),
            },
        }
        files.push(file);
    }
    // Every rule needs a url map or a backend service: a module none of whose files names one
    // can only have syntax errors, so it is not evaluated (its files are still parsed, so that
    // syntax errors are reported everywhere).
    let model = if files.iter().any(|f| may_hold_load_balancer(&f.text)) {
        let body_refs: Vec<&syntax::ast::Body> = bodies.iter().collect();
        let tfvars_refs: Vec<&syntax::ast::Body> = tfvars.iter().collect();
        let module = eval::evaluate_module(&body_refs, &tfvars_refs);
        drop(body_refs);
        drop(tfvars_refs);
        drop(bodies);
        drop(tfvars);
        model::build(&module, config.provider_version.as_deref())
    } else {
        model::Model::default()
    };
    let ctx = rules::Context::new(&model, config, &syntax_errors);
    let diagnostics = suppress::apply(rules::check(&ctx), ignores, config, no_ignore);
    (files, diagnostics)
}
