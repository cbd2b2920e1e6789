//! The `lblint` command line. Everything else lives in the library.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use lblint::diagnostic::Severity;
use lblint::report::{self, Format, Style, Target};
use lblint::{rules, Options, RunError};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    Check(CheckArgs),
    /// Show a rule's documentation, or list the rules.
    Rule {
        /// A rule code (WS001) or name (ws-timeout-missing); lists all rules when left out.
        code: Option<String>,
    },
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
            match targets(&args, m) {
                Ok(targets) => check(args, &targets),
                Err(message) => {
                    eprintln!("lblint: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Rule { code } => rule(code),
    }
}

fn rule(code: Option<String>) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match code {
        None => {
            for r in rules::REGISTRY {
                let _ = writeln!(
                    out,
                    "{}  {:<26} {:<8} {}",
                    r.code, r.name, r.severity, r.summary
                );
            }
            ExitCode::SUCCESS
        }
        Some(code) => match rules::find(&code) {
            Some(r) => {
                let _ = write!(out, "{}", r.doc);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("lblint: no rule `{code}`; `lblint rule` lists them");
                ExitCode::from(2)
            }
        },
    }
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

fn check(args: CheckArgs, targets: &[Target]) -> ExitCode {
    let options = Options {
        paths: args.paths,
        config: args.config,
        exclude: args.exclude,
        base_dir: None,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (color, stdout_color) = match args.color {
        ColorArg::Always => (true, true),
        ColorArg::Never => (false, false),
        // Colors only on a terminal: never into a file.
        ColorArg::Auto => (false, !no_color && std::io::stdout().is_terminal()),
    };
    let style = Style {
        color,
        ..Style::default()
    };
    let outcome = match lblint::lint(&options) {
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
