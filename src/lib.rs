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
pub mod fix;
mod load;
pub mod lsp;
pub mod model;
pub mod report;
pub mod rules;
pub mod schema;
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
    /// `--show-unknown`: report TF002 undecidable where a rule could not decide because a
    /// value it needs is unknown.
    pub show_unknown: bool,
    /// `--var-file` and `--var`, in command-line order: they apply to every root module
    /// linted, after its auto-loaded variable files. A file path is relative to the current
    /// directory.
    pub inputs: Vec<CommandLineInput>,
    /// The `TF_VAR_name` environment variables as `(name, value)`, the prefix removed. Empty
    /// unless the caller passes them (the command line passes the process environment's).
    pub tf_vars: Vec<(String, String)>,
    /// File contents to lint instead of what is on disk, by path as discovered (the bytes
    /// `--fix` and `--diff` have computed but not written).
    pub overlay: HashMap<PathBuf, Vec<u8>>,
}

/// A `--var-file FILE` or `--var NAME=VALUE` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandLineInput {
    VarFile(PathBuf),
    Var { name: String, value: String },
}

impl CommandLineInput {
    /// Reads a `--var` argument, `NAME=VALUE` (the value may hold more `=`).
    pub fn parse_var(arg: &str) -> Result<CommandLineInput, String> {
        match arg.split_once('=') {
            Some((name, value)) if !name.is_empty() => Ok(CommandLineInput::Var {
                name: name.to_string(),
                value: value.to_string(),
            }),
            _ => Err(format!(
                "`--var {arg}` is not NAME=VALUE: a variable name and its value separated by `=`"
            )),
        }
    }
}

/// The `TF_VAR_name` variables of the process environment, the prefix removed.
pub fn tf_vars_from_env() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let name = k.to_str()?.strip_prefix("TF_VAR_")?.to_string();
            Some((name, v.into_string().ok()?))
        })
        .collect();
    out.sort();
    out
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
    /// How many fixes `--fix` applied before this lint; `None` when it did not run.
    pub fixed: Option<usize>,
}

impl Outcome {
    /// The outcome of a run that could not start (a bad config): no file, one problem.
    pub fn failed(problem: Problem) -> Outcome {
        Outcome {
            sources: SourceMap::default(),
            diagnostics: Vec::new(),
            modules: 0,
            problems: vec![problem],
            fixed: None,
        }
    }

    /// How many TF002 undecidable findings the run reports (only with `--show-unknown`).
    pub fn undecidable(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.code == rules::UNDECIDABLE)
            .count()
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
    let mut problems = Vec::new();
    let inputs = read_command_line_inputs(&options.inputs, &base, &mut problems);

    let results: Vec<ModuleResult> = modules
        .par_iter()
        .map(|m| {
            let env = ModuleInputs {
                tf_vars: &options.tf_vars,
                command_line: &inputs,
            };
            let flags = Flags {
                no_ignore: options.no_ignore,
                show_unknown: options.show_unknown,
            };
            lint_module(m, &configs[&m.dir], &base, flags, &env, &options.overlay)
        })
        .collect();

    // A module that another linted module calls is linted through its calls, not on its
    // own defaults.
    let cwd = std::env::current_dir().unwrap_or_default();
    let dirs: Vec<PathBuf> = modules.iter().map(|m| canonical(&m.dir, &cwd)).collect();
    let index: HashMap<&PathBuf, usize> = dirs.iter().enumerate().map(|(i, d)| (d, i)).collect();
    let called: Vec<Vec<usize>> = results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let dirs: std::collections::HashSet<&PathBuf> = r.called.iter().collect();
            let mut targets: Vec<usize> = dirs
                .into_iter()
                .filter_map(|d| index.get(&canonical(d, &cwd)).copied())
                .filter(|&j| j != i)
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();
    let roots = roots(&called);

    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let mut linted = 0;
    for (r, root) in results.into_iter().zip(roots) {
        problems.extend(r.problems);
        if !root {
            continue;
        }
        linted += 1;
        // Each module numbered its files from 0: they follow the files taken so far.
        let shift = sources.len() as FileId;
        for mut f in r.files {
            f.id += shift;
            sources.push(f);
        }
        diagnostics.extend(r.diagnostics.into_iter().map(|mut d| {
            d.shift_files(shift);
            d
        }));
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
    // A `--var-file` is read once per root module: its own findings (TF001) are the same
    // in each and are reported once.
    diagnostics.dedup_by(|a, b| {
        a.code == b.code
            && a.message == b.message
            && (a.span.start, a.span.end) == (b.span.start, b.span.end)
            && sources.get(a.span.file).display == sources.get(b.span.file).display
    });
    Ok(Outcome {
        sources,
        diagnostics,
        modules: linted,
        problems,
        fixed: None,
    })
}

/// A directory as an absolute path with links resolved, to compare module directories.
fn canonical(dir: &Path, cwd: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| discover::absolute(dir, cwd))
}

/// Which modules are roots, given which others each calls: those no other module calls,
/// then, of modules that call each other in a cycle no root reaches, every one.
fn roots(called: &[Vec<usize>]) -> Vec<bool> {
    let mut root = vec![true; called.len()];
    for &j in called.iter().flatten() {
        root[j] = false;
    }
    let mut reached = root.clone();
    let mut stack: Vec<usize> = (0..called.len()).filter(|&i| root[i]).collect();
    while let Some(i) = stack.pop() {
        for &j in &called[i] {
            if !reached[j] {
                reached[j] = true;
                stack.push(j);
            }
        }
    }
    for (r, reached) in root.iter_mut().zip(reached) {
        *r |= !reached;
    }
    root
}

/// `--var-file` texts (read once) and `--var` values, in command-line order.
struct CommandLineInputs {
    items: Vec<ReadInput>,
}

enum ReadInput {
    /// A `--var-file` that could be read: its path, shown path and bytes.
    VarFile(PathBuf, String, Vec<u8>),
    Var(String, String),
}

fn read_command_line_inputs(
    inputs: &[CommandLineInput],
    base: &Path,
    problems: &mut Vec<Problem>,
) -> CommandLineInputs {
    let mut items = Vec::new();
    for input in inputs {
        match input {
            CommandLineInput::VarFile(path) => {
                let display = display_path(path, base);
                match std::fs::read(path) {
                    Ok(bytes) => items.push(ReadInput::VarFile(path.clone(), display, bytes)),
                    Err(e) => problems.push(Problem::new(
                        Some(display),
                        format!("cannot read the --var-file: {e}"),
                    )),
                }
            }
            CommandLineInput::Var { name, value } => {
                items.push(ReadInput::Var(name.clone(), value.clone()))
            }
        }
    }
    CommandLineInputs { items }
}

/// What sets the variables of a module besides its own files.
struct ModuleInputs<'a> {
    tf_vars: &'a [(String, String)],
    command_line: &'a CommandLineInputs,
}

/// What a file is to its module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A `.tf` or `.tf.json` file.
    Config,
    /// An auto-loaded variable definitions file.
    AutoVars,
    /// A `--var-file`.
    CommandLineVars,
}

/// A file read for a module: its text (or why it is not UTF-8), what it is to the module,
/// and its syntax.
pub(crate) struct Loaded {
    pub(crate) file: SourceFile,
    pub(crate) utf8_error: Option<SyntaxError>,
    pub(crate) role: Role,
    pub(crate) kind: discover::FileKind,
}

/// The kind of a variable definitions file: JSON when named `*.tfvars.json`.
fn vars_kind(path: &Path) -> discover::FileKind {
    if path.to_string_lossy().ends_with(".tfvars.json") {
        discover::FileKind::TfvarsJson
    } else {
        discover::FileKind::Tfvars
    }
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
    /// The directories of the modules its calls followed.
    called: Vec<PathBuf>,
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
pub(crate) fn read_file(
    id: FileId,
    path: &Path,
    base: &Path,
    overlay: &HashMap<PathBuf, Vec<u8>>,
    problems: &mut Vec<Problem>,
) -> (SourceFile, Option<SyntaxError>) {
    let display = display_path(path, base);
    // Text given instead of the file's ([`Options::overlay`]), by the path as listed or as
    // an absolute path.
    let given = match overlay.get(path) {
        None if !overlay.is_empty() => overlay.get(&discover::absolute(path, base)),
        found => found,
    };
    if let Some(bytes) = given {
        return source_from_bytes(id, path, display, bytes.clone());
    }
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

/// Lints in-memory files as one module: names ending in `.tfvars` or `.tfvars.json` are
/// variable files, loaded in the order given.
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
    let sources: Vec<Loaded> = files
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let (file, utf8_error) = source_from_bytes(
                i as FileId,
                Path::new(name),
                name.to_string(),
                bytes.to_vec(),
            );
            // A name Terraform would not read is taken as a `.tf` file.
            let kind = discover::FileKind::of_path(Path::new(name))
                .unwrap_or(discover::FileKind::Hcl { is_override: false });
            let role = if kind.is_config() {
                Role::Config
            } else {
                Role::AutoVars
            };
            Loaded {
                file,
                utf8_error,
                role,
                kind,
            }
        })
        .collect();
    let none = CommandLineInputs { items: Vec::new() };
    let inputs = ModuleInputs {
        tf_vars: &[],
        command_line: &none,
    };
    let Checked {
        files,
        mut diagnostics,
        ..
    } = check_module(
        sources,
        None,
        Path::new("."),
        config,
        Flags::default(),
        &inputs,
    );
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
        fixed: None,
    }
}

fn lint_module(
    m: &ModuleFiles,
    config: &Config,
    base: &Path,
    flags: Flags,
    inputs: &ModuleInputs,
    overlay: &HashMap<PathBuf, Vec<u8>>,
) -> ModuleResult {
    let mut problems = Vec::new();
    let all = m
        .files
        .iter()
        .map(|p| {
            let kind = discover::FileKind::of_path(p)
                .unwrap_or(discover::FileKind::Hcl { is_override: false });
            (p, Role::Config, kind)
        })
        .chain(m.tfvars.iter().map(|p| (p, Role::AutoVars, vars_kind(p))));
    let mut sources: Vec<Loaded> = all
        .enumerate()
        .map(|(i, (path, role, kind))| {
            let (file, utf8_error) = read_file(i as FileId, path, base, overlay, &mut problems);
            Loaded {
                file,
                utf8_error,
                role,
                kind,
            }
        })
        .collect();
    for item in &inputs.command_line.items {
        if let ReadInput::VarFile(path, display, bytes) = item {
            let id = sources.len() as FileId;
            let (file, err) = source_from_bytes(id, path, display.clone(), bytes.clone());
            sources.push(Loaded {
                file,
                utf8_error: err,
                role: Role::CommandLineVars,
                kind: vars_kind(path),
            });
        }
    }
    let Checked {
        mut files,
        diagnostics,
        called,
        problems: load_problems,
    } = check_module(
        sources,
        Some((&m.dir, overlay)),
        base,
        config,
        flags,
        inputs,
    );
    problems.extend(load_problems);
    let mut shown = vec![false; files.len()];
    for d in &diagnostics {
        let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span));
        for span in std::iter::once(d.span)
            .chain(d.labels.iter().map(|l| l.span))
            .chain(edits)
        {
            if let Some(slot) = shown.get_mut(span.file as usize) {
                *slot = true;
            }
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
        called,
        problems,
    }
}

/// Whether a file's text names a resource type that any rule looks at.
/// A module that calls others (`module "x"` in HCL, `"module"` in JSON) may hold one in them.
fn may_hold_load_balancer(text: &str) -> bool {
    text.contains("url_map")
        || text.contains("backend_service")
        || text.contains("module \"")
        || text.contains("\"module\"")
}

/// A parsed variable definitions file.
enum VarsFile {
    Hcl(syntax::ast::Body),
    Json(syntax::json::Json),
}

/// The run's switches that change what a module reports.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    no_ignore: bool,
    show_unknown: bool,
}

/// A module's files read and parsed: their syntax, their ignore comments and the syntax
/// errors of those that did not parse.
pub(crate) struct Parsed {
    pub(crate) files: Vec<SourceFile>,
    pub(crate) syntax_errors: Vec<SyntaxError>,
    /// The configuration files' bodies, override files merged into them.
    pub(crate) bodies: Vec<syntax::ast::Body>,
    auto_vars: Vec<VarsFile>,
    /// One entry per `--var-file`, in order; `None` for one that does not parse.
    cli_vars: Vec<Option<VarsFile>>,
    pub(crate) ignores: Vec<suppress::FileIgnores>,
}

/// Parses a module's files (configuration and variable files).
pub(crate) fn parse_sources(sources: Vec<Loaded>, config: &Config) -> Parsed {
    let mut files = Vec::with_capacity(sources.len());
    let mut syntax_errors = Vec::new();
    let mut bodies = Vec::new();
    let mut auto_vars = Vec::new();
    let mut cli_vars: Vec<Option<VarsFile>> = Vec::new();
    let mut ignores = Vec::new();
    let mut overrides = Vec::new();
    for Loaded {
        file,
        utf8_error,
        role,
        kind,
    } in sources
    {
        use discover::FileKind;
        let parsed = match (utf8_error, kind) {
            (Some(e), _) => {
                syntax_errors.push(e);
                None
            }
            (None, FileKind::TfvarsJson) => match syntax::json::parse(&file.text, file.id) {
                Ok(root) => {
                    let errors = eval::inputs::json_file_errors(&root);
                    let ok = errors.is_empty();
                    syntax_errors.extend(errors);
                    ok.then_some(VarsFile::Json(root))
                }
                Err(e) => {
                    syntax_errors.push(e);
                    None
                }
            },
            // JSON has no comments, so a `.tf.json` file has no `lblint-ignore`.
            (None, FileKind::Json { is_override }) => {
                match syntax::tfjson::parse(&file.text, file.id) {
                    Ok(body) if is_override => overrides.push(body),
                    Ok(body) => bodies.push(body),
                    Err(e) => syntax_errors.push(e),
                }
                None
            }
            (None, FileKind::Hcl { .. } | FileKind::Tfvars) => match syntax::parse_file(&file) {
                Ok(parsed) => {
                    ignores.push(suppress::collect(&parsed, &file, config));
                    match kind {
                        FileKind::Hcl { is_override: true } => {
                            overrides.push(parsed.body);
                            None
                        }
                        FileKind::Hcl { .. } => {
                            bodies.push(parsed.body);
                            None
                        }
                        _ => Some(VarsFile::Hcl(parsed.body)),
                    }
                }
                Err(e) => {
                    syntax_errors.push(e);
                    None
                }
            },
        };
        match role {
            Role::Config => {}
            Role::AutoVars => auto_vars.extend(parsed),
            Role::CommandLineVars => cli_vars.push(parsed),
        }
        files.push(file);
    }
    // Override files are merged into the others before anything is evaluated.
    syntax_errors.extend(syntax::merge::apply(&mut bodies, overrides));
    Parsed {
        files,
        syntax_errors,
        bodies,
        auto_vars,
        cli_vars,
        ignores,
    }
}

/// What one root module's check produced.
struct Checked {
    files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    /// The directories of the modules its calls followed.
    called: Vec<PathBuf>,
    problems: Vec<Problem>,
}

/// Parses, evaluates, models and checks one root module's files (ids from 0), following
/// its module calls from its directory, reading files through the overlay (`None`: calls
/// are not followed).
fn check_module(
    sources: Vec<Loaded>,
    disk: Option<(&Path, &HashMap<PathBuf, Vec<u8>>)>,
    base: &Path,
    config: &Config,
    flags: Flags,
    inputs: &ModuleInputs,
) -> Checked {
    let Parsed {
        mut files,
        mut syntax_errors,
        bodies,
        auto_vars,
        cli_vars,
        mut ignores,
    } = parse_sources(sources, config);
    let mut called = Vec::new();
    let mut problems = Vec::new();
    let mut instance_files: Vec<(FileId, eval::ModulePath)> = Vec::new();
    let mut calls = Vec::new();
    // Every rule needs a url map or a backend service: a module none of whose files names one
    // (or calls a module that might) can only have syntax errors, so it is not evaluated (its
    // files are still parsed, so that syntax errors are reported everywhere).
    let model = if files.iter().any(|f| may_hold_load_balancer(&f.text)) {
        let body_refs: Vec<&syntax::ast::Body> = bodies.iter().collect();
        fn source(v: &VarsFile) -> eval::InputSource<'_> {
            match v {
                VarsFile::Hcl(b) => eval::InputSource::Hcl(b),
                VarsFile::Json(j) => eval::InputSource::Json(j),
            }
        }
        let mut cli_files = cli_vars.iter();
        let command_line = inputs
            .command_line
            .items
            .iter()
            .filter_map(|item| match item {
                ReadInput::VarFile(..) => cli_files.next().and_then(|f| f.as_ref()).map(source),
                ReadInput::Var(name, value) => Some(eval::InputSource::Cli { name, value }),
            });
        let sources =
            eval::inputs::ordered(inputs.tf_vars, auto_vars.iter().map(source), command_line);
        let module = match disk {
            Some((dir, overlay)) => {
                let loader =
                    load::DiskLoader::new(dir, base, config, overlay, files.len() as FileId);
                let module = eval::evaluate_root_with(&body_refs, &sources, dir, &loader);
                let loaded = loader.finish();
                files.extend(loaded.files);
                syntax_errors.extend(loaded.syntax_errors);
                ignores.extend(loaded.ignores);
                instance_files = loaded.instance_files;
                problems = loaded.problems;
                module
            }
            None => eval::evaluate_root(&body_refs, &sources),
        };
        drop(sources);
        drop(body_refs);
        drop(bodies);
        drop(auto_vars);
        drop(cli_vars);
        called = module.calls.iter().filter_map(|c| c.dir.clone()).collect();
        calls = module.calls.clone();
        model::build(&module, config.provider_version.as_deref())
    } else {
        model::Model::default()
    };
    let mut ctx = rules::Context::new(&model, config, &syntax_errors);
    ctx.show_unknown = flags.show_unknown;
    ctx.sources = fix::Sources::new(&files, &syntax_errors);
    let found = rules::check(&ctx);
    drop(ctx);
    let diagnostics = suppress::apply(found, ignores, config, flags.no_ignore);
    let diagnostics = load::caller_chains(diagnostics, &instance_files, &calls, &files);
    Checked {
        files,
        diagnostics,
        called,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::roots;

    #[test]
    fn roots_are_the_modules_no_other_calls_and_unreached_cycles() {
        // 0 calls 1, 1 calls 2: only 0 is a root.
        assert_eq!(roots(&[vec![1], vec![2], vec![]]), [true, false, false]);
        // 0 and 1 call each other and nothing else calls them: both are roots; 2 calls 3.
        assert_eq!(
            roots(&[vec![1], vec![0], vec![3], vec![]]),
            [true, true, true, false]
        );
        // A cycle a root reaches is linted through the root.
        assert_eq!(roots(&[vec![1], vec![2], vec![1]]), [true, false, false]);
    }
}
