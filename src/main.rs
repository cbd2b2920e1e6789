//! The `lblint` command line. Everything else lives in the library.

use clap::{Parser, Subcommand, ValueEnum};
use lblint::diagnostic::Severity;
use lblint::report::{self, Format, Style};
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
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
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file (replacing it), then report as
    /// with --baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Compact,
    Json,
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
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

fn check(args: CheckArgs) -> ExitCode {
    let options = Options {
        paths: args.paths,
        config: args.config,
        exclude: args.exclude,
        base_dir: None,
        no_ignore: args.no_ignore,
    };
    let mut outcome = match lblint::lint(&options) {
        Ok(o) => o,
        Err(RunError::Config(e)) => {
            let report = lblint::report::config_error(&e);
            eprintln!("{report:?}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("lblint: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = apply_baseline(&args.baseline, &args.write_baseline, &mut outcome) {
        return code;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Compact => Format::Compact,
        FormatArg::Json => Format::Json,
    };
    let style = Style {
        color,
        ..Style::default()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = report::write(&mut out, &outcome, format, style) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("lblint: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("lblint: cannot write the report: {e}");
            return ExitCode::from(2);
        }
    }
    drop(out);
    if !outcome.problems.is_empty() {
        for p in &outcome.problems {
            eprintln!("lblint: {p}");
        }
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
