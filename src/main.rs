//! The `lblint` command line. Everything else lives in the library.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use lblint::commands::explain::RenderStyle;
use lblint::commands::filter::RuleFilter;
use lblint::commands::tty::{self, ColorChoice, Env, Progress};
use lblint::commands::{config_report, init, rules_list};
use lblint::config::{Config, ConfigError};
use lblint::diagnostic::Severity;
use lblint::report::{self, Format, Style, Target};
use lblint::{Options, RunError};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Linting allocates many small syntax-tree and value nodes; mimalloc makes that markedly
// cheaper than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "lblint",
    version,
    about = "Lint Google Cloud load-balancer Terraform for WebSocket routing mistakes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint .tf files: directories are walked, a file stands for its whole module.
    Check(Box<CheckArgs>),
    /// List the rules with their default severity and the one the config gives them.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Use this config file instead of the one that applies in the current directory.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Show a rule's page: rendered on a terminal, Markdown otherwise.
    Explain {
        /// A rule code (WS001) or name (ws-timeout-missing).
        rule: String,
        /// Print the Markdown as it is, even on a terminal.
        #[arg(long)]
        raw: bool,
    },
    /// Write a commented .lblint.toml with every option at its default.
    Init {
        /// The directory to write .lblint.toml in, or the file to write.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// Show which config file applies to each module under a path, and its settings.
    Config {
        /// A directory or .tf file.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Use this config file for every module, as `check --config` does.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server on stdin and stdout (for editors: see the README's "Editors").
    Lsp,
    /// Print a shell completion script.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Former name of `rules` (no CODE) and `explain CODE`.
    #[command(hide = true)]
    Rule { code: Option<String> },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to lint.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format (repeatable; `human` when not given). Each `--format` may be followed
    /// by an `--output FILE` for its report; at most one report goes to stdout.
    #[arg(long, value_enum)]
    format: Vec<FormatArg>,
    /// Write the report of the `--format` just before to FILE (`-` is stdout).
    #[arg(long, value_name = "FILE")]
    output: Vec<PathBuf>,
    /// Exit with 1 when a diagnostic at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Use this config file instead of looking for .lblint.toml / lblint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Leave out files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Colors in the human format (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Report every finding: `lblint-ignore` comments suppress nothing (no TF005 either).
    #[arg(long)]
    no_ignore: bool,
    /// Also report TF002 undecidable: where a rule could not decide because a value it needs
    /// is unknown before apply (a variable without value, a data source...).
    #[arg(long)]
    show_unknown: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file (replacing it), then report as
    /// with --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only these rules (codes or names, comma-separated; repeatable).
    #[arg(long, value_name = "CODE,...")]
    select: Vec<String>,
    /// Do not report these rules (codes or names, comma-separated; repeatable).
    #[arg(long, value_name = "CODE,...")]
    ignore: Vec<String>,
    /// Read variable values from FILE (.tfvars or .tfvars.json, relative to the current
    /// directory), as `terraform plan -var-file` does, for every root module linted
    /// (repeatable; later `--var-file` and `--var` win).
    #[arg(long, value_name = "FILE")]
    var_file: Vec<PathBuf>,
    /// Set a variable, as `terraform plan -var` does, for every root module linted
    /// (repeatable; later `--var-file` and `--var` win).
    #[arg(long, value_name = "NAME=VALUE")]
    var: Vec<String>,
    /// Apply the safe fixes (and the unsafe ones with --unsafe-fixes) to the files, then
    /// report the findings that remain.
    #[arg(long)]
    fix: bool,
    /// Count unsafe fixes as applicable: with --fix or --diff they are applied too; alone,
    /// the report marks them as fixable.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the unified diff of what --fix would change instead of writing it (and no
    /// report); exit with 1 when there is a diff.
    #[arg(long)]
    diff: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Compact,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Checkstyle,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Compact => Format::Compact,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Gitlab => Format::Gitlab,
            FormatArg::Junit => Format::Junit,
            FormatArg::Checkstyle => Format::Checkstyle,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => {
            let Some(m) = matches.subcommand_matches("check") else {
                unreachable!("clap matched the check subcommand");
            };
            match targets(&args, m).and_then(|t| Ok((t, command_line_inputs(&args, m)?))) {
                Ok((targets, inputs)) => check(*args, &targets, inputs),
                Err(message) => {
                    eprintln!("lblint: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Rules { format, config } => rules_cmd(format, config),
        Command::Explain { rule, raw } => explain(&rule, raw),
        Command::Init { path } => init_cmd(&path),
        Command::Config {
            path,
            format,
            config,
        } => config_cmd(&path, format, config.as_deref()),
        Command::Lsp => ExitCode::from(u8::try_from(lblint::lsp::run()).unwrap_or(1)),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "lblint", &mut out);
            finish(out)
        }
        Command::Rule { code: None } => rules_cmd(ListFormat::Human, None),
        Command::Rule { code: Some(code) } => explain(&code, false),
    }
}

/// Writes text to stdout; a closed pipe is not an error.
fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("lblint: cannot write the output: {e}");
            return ExitCode::from(2);
        }
    }
    finish(out)
}

fn finish(mut out: impl Write) -> ExitCode {
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("lblint: cannot write the output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn config_failed(e: &ConfigError) -> ExitCode {
    eprintln!("{:?}", report::config_error(e));
    ExitCode::from(2)
}

fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    lblint::display_path(path, &cwd)
}

fn rules_cmd(format: ListFormat, explicit: Option<PathBuf>) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    let file = explicit.or_else(|| lblint::config::Finder::default().find(&cwd));
    let config = match &file {
        Some(p) => match Config::load(p) {
            Ok(c) => c,
            Err(e) => return config_failed(&e),
        },
        None => Config::default(),
    };
    let name = file.as_deref().map(shown);
    print(&match format {
        ListFormat::Human => {
            rules_list::table(&config, name.as_deref().unwrap_or("the built-in defaults"))
        }
        ListFormat::Json => rules_list::json(&config, name),
    })
}

fn explain(typed: &str, raw: bool) -> ExitCode {
    let rule = match lblint::commands::lookup(typed) {
        Ok(r) => r,
        Err(_) => {
            eprintln!(
                "lblint: {}",
                lblint::commands::unknown_rule_message(typed, "")
            );
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    if raw || !stdout.is_terminal() {
        return print(rule.doc);
    }
    let width = terminal_size::terminal_size_of(&stdout)
        .map_or(80, |(w, _)| usize::from(w.0))
        .clamp(40, 100);
    let style = RenderStyle {
        color: tty::use_color(ColorChoice::Auto, true, Env::current()),
        width,
    };
    print(&lblint::commands::explain::render(rule.doc, style))
}

fn init_cmd(path: &Path) -> ExitCode {
    match init::write(path) {
        Ok(written) => {
            eprintln!(
                "lblint: wrote {}; `lblint config` shows which modules it applies to",
                shown(&written)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lblint: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--write-baseline` records the run's findings (not from an incomplete run); then it, or
/// `--baseline`, leaves the recorded findings out of the report.
fn apply_baseline(
    read: &Option<PathBuf>,
    write: &Option<PathBuf>,
    outcome: &mut lblint::Outcome,
) -> Result<(), ExitCode> {
    use lblint::baseline::{self, Baseline};
    let baseline = match (read, write) {
        (_, Some(path)) => {
            if !outcome.problems.is_empty() {
                for p in &outcome.problems {
                    eprintln!("lblint: {p}");
                }
                eprintln!(
                    "lblint: the run is incomplete: not writing {}",
                    path.display()
                );
                return Err(ExitCode::from(2));
            }
            let b = baseline::write(outcome, path).map_err(|e| {
                eprintln!("lblint: {e}");
                ExitCode::from(2)
            })?;
            eprintln!(
                "lblint: wrote {} finding(s) to {}",
                b.entries.len(),
                path.display()
            );
            (b, path)
        }
        (Some(path), None) => match Baseline::load(path) {
            Ok(b) => (b, path),
            Err(e) => {
                eprintln!("lblint: {e}");
                return Err(ExitCode::from(2));
            }
        },
        (None, None) => return Ok(()),
    };
    baseline.0.filter(outcome, &baseline::parent(baseline.1));
    Ok(())
}

fn config_cmd(path: &Path, format: ListFormat, explicit: Option<&Path>) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    let report = match config_report::report(path, explicit, &cwd) {
        Ok(r) => r,
        Err(config_report::ReportError::Config(e)) => return config_failed(&e),
        Err(config_report::ReportError::Discover(e)) => {
            eprintln!("lblint: {e}");
            return ExitCode::from(2);
        }
    };
    let code = print(&match format {
        ListFormat::Human => report.to_text(),
        ListFormat::Json => report.to_json(),
    });
    if !report.problems.is_empty() {
        for p in &report.problems {
            eprintln!("lblint: {p}");
        }
        return ExitCode::from(2);
    }
    code
}

/// How long a run goes before a progress spinner shows; `LBLINT_PROGRESS_DELAY_MS`
/// changes it (for tests of the terminal behaviour).
fn progress_delay() -> std::time::Duration {
    std::env::var("LBLINT_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(tty::PROGRESS_DELAY, std::time::Duration::from_millis)
}

/// The reports to write, from the `--format` and `--output` arguments in command-line order
/// (the pairing rule is [`report::pair_outputs`]'s).
fn targets(args: &CheckArgs, m: &clap::ArgMatches) -> Result<Vec<Target>, String> {
    let formats: Vec<(usize, Format)> = m
        .indices_of("format")
        .into_iter()
        .flatten()
        .zip(&args.format)
        .map(|(i, &f)| (i, f.into()))
        .collect();
    let outputs: Vec<(usize, PathBuf)> = m
        .indices_of("output")
        .into_iter()
        .flatten()
        .zip(args.output.iter().cloned())
        .collect();
    report::pair_outputs(&formats, &outputs)
}

/// The `--var-file` and `--var` arguments in command-line order.
fn command_line_inputs(
    args: &CheckArgs,
    m: &clap::ArgMatches,
) -> Result<Vec<lblint::CommandLineInput>, String> {
    let mut inputs: Vec<(usize, lblint::CommandLineInput)> = Vec::new();
    for (i, path) in m
        .indices_of("var_file")
        .into_iter()
        .flatten()
        .zip(&args.var_file)
    {
        inputs.push((i, lblint::CommandLineInput::VarFile(path.clone())));
    }
    for (i, arg) in m.indices_of("var").into_iter().flatten().zip(&args.var) {
        inputs.push((i, lblint::CommandLineInput::parse_var(arg)?));
    }
    inputs.sort_by_key(|(i, _)| *i);
    Ok(inputs.into_iter().map(|(_, input)| input).collect())
}

/// Writes one report to its file or to stdout; a broken pipe on stdout is not an error.
fn write_report(
    target: &Target,
    outcome: &lblint::Outcome,
    style: Style,
    stdout_color: bool,
) -> Result<(), String> {
    match &target.output {
        None => {
            let style = Style {
                color: stdout_color,
                ..style
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let written =
                report::write(&mut out, outcome, target.format, style).and_then(|()| out.flush());
            match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write the report: {e}"))
                }
                _ => Ok(()),
            }
        }
        Some(path) => {
            let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
            let file = std::fs::File::create(path).map_err(fail)?;
            let mut out = std::io::BufWriter::new(file);
            report::write(&mut out, outcome, target.format, style).map_err(fail)?;
            out.flush().map_err(fail)
        }
    }
}

/// `--diff`: the unified diff on stdout, a count on stderr; 1 when there is a diff.
fn show_diff(
    outcome: &lblint::Outcome,
    applied: usize,
    changed: &[lblint::fix::Changed],
) -> ExitCode {
    let code = print(&lblint::fix::unified_diff(changed));
    for p in &outcome.problems {
        eprintln!("lblint: {p}");
    }
    eprintln!(
        "lblint: {applied} fix(es) would change {} file(s)",
        changed.len()
    );
    if code != ExitCode::SUCCESS || !outcome.problems.is_empty() {
        return ExitCode::from(2);
    }
    ExitCode::from(u8::from(!changed.is_empty()))
}

fn check(args: CheckArgs, targets: &[Target], inputs: Vec<lblint::CommandLineInput>) -> ExitCode {
    let filter = match RuleFilter::parse(&args.select, &args.ignore) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("lblint: {e}");
            return ExitCode::from(2);
        }
    };
    let env = Env::current();
    let progress = if tty::use_progress(std::io::stderr().is_terminal(), env) {
        let n = args.paths.len();
        let what = if n == 1 {
            "1 path".to_string()
        } else {
            format!("{n} paths")
        };
        Progress::start(format!("linting {what}"), progress_delay())
    } else {
        Progress::disabled()
    };
    let options = Options {
        paths: args.paths,
        config: args.config,
        exclude: args.exclude,
        base_dir: None,
        no_ignore: args.no_ignore,
        show_unknown: args.show_unknown,
        inputs,
        tf_vars: lblint::tf_vars_from_env(),
        overlay: Default::default(),
    };
    let mut fixes = None;
    let result = if args.fix || args.diff {
        let keep = |d: &lblint::diagnostic::Diagnostic| filter.keeps(d.code);
        lblint::fix::run(&options, args.unsafe_fixes, &keep).map(|run| {
            fixes = Some((run.applied, run.unfinished, run.changed));
            run.outcome
        })
    } else {
        lblint::lint(&options)
    };
    progress.finish();
    let choice = match args.color {
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
        ColorArg::Auto => ColorChoice::Auto,
    };
    // Colors only on a terminal: never into a file unless `--color always`.
    let stdout_color = tty::use_color(choice, std::io::stdout().is_terminal(), env);
    let style = Style {
        color: matches!(args.color, ColorArg::Always),
        unsafe_fixes: args.unsafe_fixes,
        ..Style::default()
    };
    let mut outcome = match result {
        Ok(o) => o,
        Err(RunError::Config(e)) => {
            eprintln!("{:?}", lblint::report::config_error(&e));
            // The run could not start; the formats that carry run problems still write a
            // document, so a CI job parsing one always gets it.
            let cwd = std::env::current_dir().unwrap_or_default();
            let failed = lblint::Outcome::failed(RunError::Config(e).problem(&cwd));
            for t in targets.iter().filter(|t| t.format.carries_problems()) {
                if let Err(message) = write_report(t, &failed, style, stdout_color) {
                    eprintln!("lblint: {message}");
                }
            }
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("lblint: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some((applied, unfinished, changed)) = fixes {
        if args.diff {
            return show_diff(&outcome, applied, &changed);
        }
        outcome.problems.extend(lblint::fix::write(&changed));
        outcome.fixed = Some(applied);
        if unfinished {
            eprintln!(
                "lblint: fixes were still left after {} rounds; run `lblint check --fix` again",
                lblint::fix::MAX_ROUNDS
            );
        }
    }
    filter.apply(&mut outcome);
    if let Err(code) = apply_baseline(&args.baseline, &args.write_baseline, &mut outcome) {
        return code;
    }
    let mut write_failed = false;
    for t in targets {
        if let Err(message) = write_report(t, &outcome, style, stdout_color) {
            eprintln!("lblint: {message}");
            write_failed = true;
        }
    }
    // Run problems also go to stderr, whatever the formats, for whoever reads the log.
    for p in &outcome.problems {
        eprintln!("lblint: {p}");
    }
    if write_failed || !outcome.problems.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| outcome.diagnostics.iter().any(|d| d.severity >= t));
    ExitCode::from(u8::from(failed))
}
