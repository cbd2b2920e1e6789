//! When to colour and when to show progress: decided from whether the stream is a
//! terminal and from the environment (`NO_COLOR`, `CI`, `TERM=dumb`), by pure functions
//! so every case is tested without a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::ffi::OsString;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the environment says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Env {
    /// `NO_COLOR` set to a non-empty value (<https://no-color.org>).
    pub no_color: bool,
    /// `CI` set to a value other than empty, `false` or `0`, as CI services do.
    pub ci: bool,
    /// `TERM=dumb`: a terminal that cannot redraw a line.
    pub dumb_term: bool,
}

impl Env {
    /// Reads the variables through `var`, e.g. `|k| std::env::var_os(k)`.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Env {
        let set = |k: &str| var(k).filter(|v| !v.is_empty());
        Env {
            no_color: set("NO_COLOR").is_some(),
            ci: set("CI").is_some_and(|v| v != "false" && v != "0"),
            dumb_term: var("TERM").is_some_and(|v| v == "dumb"),
        }
    }

    /// The process's environment.
    pub fn current() -> Env {
        Env::from_vars(|k| std::env::var_os(k))
    }
}

/// Whether to colour output going to a stream: `--color always` and `never` decide;
/// `auto` colours only a terminal, and never with `NO_COLOR`. An explicit `--color
/// always` wins over `NO_COLOR`, as no-color.org asks of command-line flags.
pub fn use_color(choice: ColorChoice, is_terminal: bool, env: Env) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !env.no_color && !env.dumb_term,
    }
}

/// Whether a run may show a progress indicator on stderr: only on a terminal, never in
/// CI nor on a dumb terminal.
pub fn use_progress(stderr_is_terminal: bool, env: Env) -> bool {
    stderr_is_terminal && !env.ci && !env.dumb_term
}

/// How long a run goes before its progress indicator appears.
pub const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// A spinner on stderr that appears only when the run outlasts a delay, so quick runs
/// (nearly all) draw nothing. Dropping it or calling [`Progress::finish`] clears it.
pub struct Progress {
    done: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Nothing at all.
    pub fn disabled() -> Progress {
        Progress {
            done: None,
            thread: None,
        }
    }

    /// A spinner with `message` on stderr after `delay`.
    pub fn start(message: String, delay: Duration) -> Progress {
        Progress::start_on(message, delay, ProgressDrawTarget::stderr)
    }

    /// A spinner drawn on the target `target()` makes, after `delay`.
    pub fn start_on(
        message: String,
        delay: Duration,
        target: impl FnOnce() -> ProgressDrawTarget + Send + 'static,
    ) -> Progress {
        let (tx, rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if rx.recv_timeout(delay) != Err(mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            let bar = ProgressBar::with_draw_target(None, target());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .expect("the template is valid"),
            );
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(100));
            // Until the run ends (a message, or the sender dropped).
            let _ = rx.recv();
            bar.finish_and_clear();
        });
        Progress {
            done: Some(tx),
            thread: Some(thread),
        }
    }

    /// Clears the spinner, if it was shown, before the report is written.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(tx) = self.done.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::TermLike;
    use std::sync::{Arc, Mutex};

    fn env(vars: &[(&str, &str)]) -> Env {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Env::from_vars(move |k| {
            vars.iter()
                .find(|(name, _)| name == k)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn environment_is_read_as_the_conventions_say() {
        assert_eq!(env(&[]), Env::default());
        assert!(env(&[("NO_COLOR", "1")]).no_color);
        assert!(
            env(&[("NO_COLOR", "0")]).no_color,
            "any non-empty value counts"
        );
        assert!(
            !env(&[("NO_COLOR", "")]).no_color,
            "an empty value does not"
        );
        assert!(env(&[("CI", "true")]).ci);
        assert!(env(&[("CI", "1")]).ci);
        assert!(!env(&[("CI", "false")]).ci);
        assert!(!env(&[("CI", "0")]).ci);
        assert!(!env(&[("CI", "")]).ci);
        assert!(env(&[("TERM", "dumb")]).dumb_term);
        assert!(!env(&[("TERM", "xterm-256color")]).dumb_term);
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        use ColorChoice::*;
        let plain = Env::default();
        let no_color = env(&[("NO_COLOR", "1")]);
        assert!(use_color(Auto, true, plain));
        assert!(!use_color(Auto, false, plain));
        assert!(!use_color(Auto, true, no_color));
        assert!(!use_color(Auto, true, env(&[("TERM", "dumb")])));
        assert!(
            use_color(Auto, true, env(&[("CI", "true")])),
            "CI logs may show colour"
        );
        assert!(!use_color(Never, true, plain));
        assert!(use_color(Always, false, plain));
        assert!(use_color(Always, false, no_color), "an explicit flag wins");
    }

    #[test]
    fn progress_only_on_a_terminal_outside_ci() {
        assert!(use_progress(true, Env::default()));
        assert!(!use_progress(false, Env::default()));
        assert!(!use_progress(true, env(&[("CI", "true")])));
        assert!(!use_progress(false, env(&[("CI", "true")])));
        assert!(!use_progress(true, env(&[("TERM", "dumb")])));
        assert!(
            use_progress(true, env(&[("NO_COLOR", "1")])),
            "NO_COLOR is about colour"
        );
    }

    /// A terminal that records what is written to it.
    #[derive(Debug, Clone, Default)]
    struct Recorder(Arc<Mutex<String>>);

    impl TermLike for Recorder {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            self.0.lock().unwrap().push('\n');
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn recorded(delay: Duration, run: Duration) -> String {
        let term = Recorder::default();
        let seen = term.0.clone();
        let progress = Progress::start_on("linting 3 paths".into(), delay, move || {
            ProgressDrawTarget::term_like(Box::new(term))
        });
        std::thread::sleep(run);
        progress.finish();
        let s = seen.lock().unwrap().clone();
        s
    }

    #[test]
    fn a_quick_run_draws_nothing() {
        assert_eq!(
            recorded(Duration::from_secs(5), Duration::from_millis(20)),
            ""
        );
    }

    #[test]
    fn a_long_run_shows_a_spinner_after_the_delay() {
        let out = recorded(Duration::from_millis(10), Duration::from_millis(400));
        assert!(out.contains("linting 3 paths"), "{out:?}");
    }
}
