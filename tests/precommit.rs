//! The pre-commit hook (`.pre-commit-hooks.yaml`) as a user meets it: pre-commit installed
//! from PyPI into a temporary virtualenv, a git repository with a commit that must be blocked
//! (a WebSocket route without a timeout) and one that must go through (its fix).
//!
//! Needs `git`, `python3` with the `venv` module (Debian: `python3-venv`) and PyPI. Outside CI
//! the test is skipped, with the reason printed, when one of them is missing; with `CI=true`
//! (as `.ci/run` sets it) it fails instead.
//!
//! pre-commit builds the hook from a git clone of this checkout, so it sees committed state:
//! `pre-commit try-repo` adds changes to tracked files (staged or not) in a temporary commit,
//! but never untracked files, and the installed hook (step 3) uses HEAD only. Commit before
//! running this test on a change to the hook or to lblint.
//!
//! `language: rust` makes pre-commit run `cargo install --path .` on its clone. To keep that
//! quick, the build goes to a target directory kept beside this test's own
//! (`target/pre-commit-hook`), so dependencies compile once and later runs take seconds; its
//! release profile is turned into a fast-to-build one (no optimisation, no LTO) through
//! cargo's `CARGO_PROFILE_RELEASE_*` variables, and cargo resolves dependencies offline from
//! the crates already downloaded for this test run (pre-commit's `cargo install` ignores
//! `Cargo.lock`; offline it cannot pick a newer release than the ones at hand).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TRIGGER: &str = include_str!("../fixtures/rules/WS001/trigger/main.tf");
const CLEAN: &str = include_str!("../fixtures/rules/WS001/clean/main.tf");
/// Silences WS004 (info), which is not the subject here.
const CONFIG: &str = include_str!("../fixtures/rules/WS001/.lblint.toml");
/// The finding on the failing commit, as the hook prints it.
const FINDING: &str = "lb/lb.tf:15:7: error[WS001]: WebSocket path rule `/ws`, `/ws/*` has no timeout: `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds";

/// Skips the test outside CI, fails it in CI.
fn unavailable(reason: &str) {
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !in_ci,
        "CI is set and the pre-commit test cannot run: {reason} (.ci/run installs python3-venv)"
    );
    let line = format!("SKIPPED tests/precommit.rs: {reason}\n");
    // Straight to the terminal where there is one: the test harness captures what the test
    // prints through Rust's stderr.
    use std::io::Write;
    match std::fs::OpenOptions::new().append(true).open("/dev/stderr") {
        Ok(mut tty) => drop(tty.write_all(line.as_bytes())),
        Err(_) => eprint!("{line}"),
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Whether pre-commit's status line for the hook, `lblint....Failed`, ends with `status`.
fn hook_line(shown: &str, status: &str) -> bool {
    shown
        .lines()
        .any(|l| l.starts_with("lblint...") && l.ends_with(status))
}

/// The module's files, one resource each: more files than pre-commit puts in one process
/// (4 at least), so that without `require_serial` a machine with 2 CPUs would lint the module
/// in two processes and show its findings twice.
const FILES: [&str; 5] = [
    "lb/health.tf",
    "lb/mig.tf",
    "lb/web.tf",
    "lb/chat.tf",
    "lb/lb.tf",
];

/// `source` split into [`FILES`], at its top-level `resource` blocks.
fn module(source: &str) -> Vec<(&'static str, String)> {
    let mut starts: Vec<usize> = source
        .match_indices("\nresource \"")
        .map(|(i, _)| i + 1)
        .collect();
    starts.insert(0, 0);
    assert!(source.starts_with("resource \""));
    assert_eq!(starts.len(), FILES.len(), "the fixture changed");
    starts.push(source.len());
    FILES
        .iter()
        .zip(starts.windows(2))
        .map(|(name, w)| (*name, source[w[0]..w[1]].to_string()))
        .collect()
}

struct Env {
    root: tempfile::TempDir,
    venv_bin: PathBuf,
    checkout: PathBuf,
    path: std::ffi::OsString,
    cargo_target: PathBuf,
}

impl Env {
    fn repo(&self) -> PathBuf {
        self.root.path().join("repo")
    }

    /// A command with a controlled environment: its own git config, pre-commit home, cargo
    /// settings and PATH; nothing inherited that would change what git or pre-commit do.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        for (key, _) in std::env::vars_os() {
            let k = key.to_string_lossy();
            if k.starts_with("GIT_") || k.starts_with("PRE_COMMIT") || k == "SKIP" {
                cmd.env_remove(&key);
            }
        }
        cmd.current_dir(self.repo())
            .env("PATH", &self.path)
            .env("GIT_CONFIG_GLOBAL", self.root.path().join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PRE_COMMIT_HOME", self.root.path().join("pre-commit-home"))
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", &self.cargo_target)
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_TERM_COLOR", "never");
        cmd
    }

    fn run(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Output {
        let program = program.as_ref().to_os_string();
        let out = self
            .command(&program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{} {args:?}: {e}", program.to_string_lossy()));
        out
    }

    fn ok(&self, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> String {
        let name = program.as_ref().to_string_lossy().to_string();
        let out = self.run(program, args);
        assert!(out.status.success(), "{name} {args:?}:\n{}", text(&out));
        text(&out)
    }

    fn pre_commit(&self, args: &[&str]) -> Output {
        self.run(self.venv_bin.join("pre-commit"), args)
    }

    fn write(&self, name: &str, contents: &str) {
        let path = self.repo().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    fn head(&self) -> String {
        self.ok("git", &["rev-parse", "HEAD"]).trim().to_string()
    }
}

/// Sets everything up, or says why it cannot be.
fn setup() -> Result<Env, String> {
    let checkout = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // cargo runs this test with its own path in CARGO: pre-commit must find that cargo (it
    // would otherwise download rustup), and the same rustc.
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(cargo) = std::env::var_os("CARGO") {
        if let Some(dir) = Path::new(&cargo).parent() {
            dirs.push(dir.to_path_buf());
        }
    }
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(&dirs).map_err(|e| e.to_string())?;

    for (tool, args) in [("git", ["--version"]), ("python3", ["--version"])] {
        let found = Command::new(tool)
            .args(args)
            .env("PATH", &path)
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            return Err(format!("`{tool}` is not on PATH"));
        }
    }
    let is_git = Command::new("git")
        .args(["rev-parse", "--verify", "HEAD"])
        .current_dir(&checkout)
        .env("PATH", &path)
        .output()
        .is_ok_and(|o| o.status.success());
    if !is_git {
        return Err(format!(
            "{} is not a git checkout with a commit; pre-commit clones the hook repository",
            checkout.display()
        ));
    }

    // Beside this test's own build: target/<profile>/deps/precommit-* -> target.
    let cargo_target = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| checkout.join("target"))
        .join("pre-commit-hook");

    let root = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::create_dir(root.path().join("repo")).unwrap();
    // A git config of our own: no hooksPath, signing or template from the user's.
    std::fs::write(
        root.path().join("gitconfig"),
        "[init]\n\tdefaultBranch = main\n[safe]\n\tdirectory = *\n",
    )
    .unwrap();

    let venv = root.path().join("venv");
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .env("PATH", &path)
        .output()
        .map_err(|e| e.to_string())?;
    if !made.status.success() {
        return Err(format!(
            "`python3 -m venv` fails (Debian: install python3-venv): {}",
            text(&made)
        ));
    }
    let venv_bin = venv.join("bin");
    let pip = Command::new(venv_bin.join("pip"))
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "pre-commit",
        ])
        .env("PATH", &path)
        .output()
        .map_err(|e| e.to_string())?;
    if !pip.status.success() {
        return Err(format!(
            "`pip install pre-commit` fails (is PyPI reachable?): {}",
            text(&pip)
        ));
    }
    Ok(Env {
        root,
        venv_bin,
        checkout,
        path,
        cargo_target,
    })
}

#[test]
fn the_hook_blocks_a_websocket_route_without_timeout_once_and_lets_its_fix_through() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    // Without it pre-commit splits the files over one process per CPU, each linting the
    // whole module: a 1-CPU machine would not show the duplicate, so it is checked here too.
    assert!(hooks.contains("\n  require_serial: true\n"), "{hooks}");

    let env = match setup() {
        Ok(env) => env,
        Err(reason) => return unavailable(&reason),
    };
    let checkout = env.checkout.to_str().unwrap().to_string();
    let version = env.ok(env.venv_bin.join("pre-commit"), &["--version"]);
    eprintln!("{}", version.trim());

    env.ok("git", &["init", "--quiet"]);
    env.ok("git", &["config", "user.name", "lblint test"]);
    env.ok("git", &["config", "user.email", "lblint-test@example.com"]);
    env.ok("git", &["config", "commit.gpgsign", "false"]);
    env.write("README.md", "infrastructure\n");
    env.ok("git", &["add", "README.md"]);
    env.ok("git", &["commit", "--quiet", "-m", "start"]);

    // The failing change: a WebSocket route whose backend keeps the 30 s default.
    for (name, text) in module(TRIGGER) {
        env.write(name, &text);
        env.ok("git", &["add", name]);
    }
    assert!(module(TRIGGER)[4].1.contains("path_rule"));
    env.write(".lblint.toml", CONFIG);
    env.ok("git", &["add", ".lblint.toml"]);

    // 1. `pre-commit try-repo` against this checkout, as a new user tries it.
    let mut args = vec!["try-repo", &checkout, "lblint", "--files", ".lblint.toml"];
    args.extend(FILES);
    let out = env.pre_commit(&args);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert_eq!(shown.matches(FINDING).count(), 1, "{shown}");
    assert_eq!(shown.matches("error[").count(), 1, "{shown}");
    assert!(hook_line(&shown, "Failed"), "{shown}");

    // 2. The README's local form, with the `lblint` this test run built on PATH.
    let local = readme_config("repo: local");
    let local_config = env.root.path().join("local-config.yaml");
    std::fs::write(&local_config, &local).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_lblint")).parent().unwrap();
    let mut dirs = vec![bin_dir.to_path_buf()];
    dirs.extend(std::env::split_paths(&env.path));
    let with_lblint = std::env::join_paths(dirs).unwrap();
    let run_local = |files: &[&str]| {
        let mut args = vec!["run", "--config", local_config.to_str().unwrap(), "--files"];
        args.extend(files);
        let out = env
            .command(env.venv_bin.join("pre-commit"))
            .env("PATH", &with_lblint)
            .args(&args)
            .output()
            .unwrap();
        (out.status.code(), text(&out))
    };
    let mut all = vec![".lblint.toml"];
    all.extend(FILES);
    let (code, shown) = run_local(&all);
    assert_eq!(code, Some(1), "{local}\n{shown}");
    assert_eq!(shown.matches(FINDING).count(), 1, "{shown}");
    assert_eq!(shown.matches("error[").count(), 1, "{shown}");
    assert!(hook_line(&shown, "Failed"), "{shown}");
    // Every kind of file the hook runs on, alone, lints the module; other files do not run it.
    let hooks_files = hooks.lines().find(|l| l.trim().starts_with("files:"));
    let local_files = local.lines().find(|l| l.trim().starts_with("files:"));
    assert_eq!(hooks_files.map(str::trim), local_files.map(str::trim));
    for (name, contents) in [
        (".lblint.toml", CONFIG),
        ("lb/lb.tf", module(TRIGGER)[4].1.as_str()),
        ("lb/extra.tf.json", "{}"),
        ("lb/terraform.tfvars", ""),
        ("lb/prod.tfvars.json", "{}"),
    ] {
        env.write(name, contents);
        let (code, shown) = run_local(&[name]);
        assert_eq!(code, Some(1), "{name}:\n{shown}");
        assert_eq!(shown.matches(FINDING).count(), 1, "{name}:\n{shown}");
    }
    for name in [
        "lb/extra.tf.json",
        "lb/terraform.tfvars",
        "lb/prod.tfvars.json",
    ] {
        std::fs::remove_file(env.repo().join(name)).unwrap();
    }
    let (code, shown) = run_local(&["README.md"]);
    assert_eq!(code, Some(0), "{shown}");
    assert!(hook_line(&shown, "(no files to check)Skipped"), "{shown}");

    // 3. The README's remote-repository form with this checkout as the repository, installed
    // as the git hook: the commit is blocked, the finding shown once.
    let config = readme_config("repo: https://github.com/<owner>/lblint")
        .replace("https://github.com/<owner>/lblint", &checkout)
        .replace("<tag or commit>", &git_head(&env.checkout, &env));
    env.write(".pre-commit-config.yaml", &config);
    env.ok("git", &["add", ".pre-commit-config.yaml"]);
    env.ok(env.venv_bin.join("pre-commit"), &["install"]);
    let before = env.head();
    let out = env.run("git", &["commit", "-m", "chat route"]);
    let shown = text(&out);
    assert!(!out.status.success(), "the commit went through:\n{shown}");
    assert_eq!(env.head(), before, "{shown}");
    assert_eq!(shown.matches(FINDING).count(), 1, "{shown}");
    assert_eq!(shown.matches("error[").count(), 1, "{shown}");

    // The fix touches chat.tf only: the hook gets that one file and lints its module.
    let fixed = module(CLEAN);
    assert_eq!(fixed[3].0, "lb/chat.tf");
    assert!(fixed[3].1.contains("timeout_sec           = 3600"));
    env.write("lb/chat.tf", &fixed[3].1);
    env.ok("git", &["add", "lb/chat.tf"]);
    let out = env.run("git", &["commit", "-m", "chat route with a 1 h timeout"]);
    let shown = text(&out);
    assert!(
        out.status.success(),
        "the fixed commit was blocked:\n{shown}"
    );
    assert!(hook_line(&shown, "Passed"), "{shown}");
    assert_ne!(env.head(), before);
    let committed = env.ok("git", &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        committed.lines().collect::<Vec<_>>(),
        [
            ".lblint.toml",
            ".pre-commit-config.yaml",
            "lb/chat.tf",
            "lb/health.tf",
            "lb/lb.tf",
            "lb/mig.tf",
            "lb/web.tf"
        ]
    );
}

/// The `.pre-commit-config.yaml` example of the README's pre-commit section containing `marker`.
fn readme_config(marker: &str) -> String {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n### ")
        .find(|s| s.starts_with("As a pre-commit hook\n"))
        .expect("the README has a pre-commit section");
    section
        .split("```yaml\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap())
        .find(|block| block.contains(marker))
        .unwrap_or_else(|| panic!("no yaml example with `{marker}`"))
        .to_string()
}

/// The commit the installed hook is built from.
fn git_head(checkout: &Path, env: &Env) -> String {
    let out = env
        .command("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(checkout)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}
