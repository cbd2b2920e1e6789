//! `lblint init`: a commented `.lblint.toml` with every option at its default, generated
//! from [`Config::default`] so it follows the code.

use super::settings::{string, Settings};
use crate::config::Config;
use crate::rules;
use std::fmt::Write;
use std::io;
use std::path::{Path, PathBuf};

/// What is written above each `[websocket]` key.
fn websocket_comment(key: &str) -> &'static str {
    match key {
        "paths" => "Globs matched against each route path (case-insensitive): a route with a matching\npath is a WebSocket route. Setting this replaces the default list.",
        "hosts" => "Host globs (case-insensitive): every route of a path matcher serving a matching host\nis a WebSocket route. Setting this replaces the default list.",
        "backends" => "Backend services that carry WebSockets whatever their paths, by resource address,\ne.g. [\"google_compute_backend_service.chat\"].",
        "min_timeout_sec" => "WS002: the shortest acceptable WebSocket lifetime, in seconds.",
        "fix_timeout_sec" => "The timeout the WS001 fix sets on a backend service (`timeout_sec`), in whole\nseconds; the WS002 fix sets a Cloud Run timeout to it, at most 3600.",
        "auth_headers" => "Headers that carry credentials on the WebSocket handshake (compared\ncase-insensitively; WS003, WS004).",
        "auth_passthrough" => "Auth headers you declare as forwarded unchanged: satisfies WS004.",
        "header_variables" => "Extra `{variables}` GCP accepts in header values (LB002, WS003).",
        _ => "",
    }
}

fn commented(text: &str) -> String {
    let mut s = String::new();
    for line in text.lines() {
        let _ = writeln!(s, "# {line}");
    }
    s
}

/// The text `lblint init` writes.
pub fn template() -> String {
    let settings = Settings::of(&Config::default());
    let mut s = String::new();
    s.push_str(
        "# lblint configuration, written by `lblint init` with every option at its default.\n\
         # lblint uses the first .lblint.toml or lblint.toml found in a module's directory or\n\
         # the directories above it; `lblint config` shows which file applies to each module.\n\
         # Every key is optional: delete the ones you do not change.\n\n",
    );
    settings.write_websocket(&mut s, &|key| {
        let gap = if key == "paths" { "" } else { "\n" };
        format!("{gap}{}", commented(websocket_comment(key)))
    });
    s.push_str("\n[platform]\n");
    s.push_str(&commented(
        "The google provider version assumed when a module's required_providers does not\n\
         decide it: it decides the default load-balancing scheme (EXTERNAL before 8.0,\n\
         EXTERNAL_MANAGED from 8.0). Not set by default, and then the scheme is unknown unless\n\
         the configuration says. For example:",
    ));
    let _ = writeln!(s, "# provider_version = {}", string("7.10.0"));
    s.push_str("\n[suppressions]\n");
    s.push_str(&commented(
        "Whether an lblint-ignore comment needs ` -- reason` after its codes; without one it\n\
         has no effect and is reported (TF008).",
    ));
    let _ = writeln!(s, "require_reason = {}", Config::default().require_reason);
    s.push('\n');
    s.push_str(&commented(
        "Each rule's severity: \"error\", \"warning\", \"info\" or \"off\". Uncomment a line to\n\
         change it; `lblint explain CODE` shows a rule's page. `ignorable = false` makes a rule's\n\
         findings impossible to silence with an lblint-ignore comment (TF001, TF005 and TF008\n\
         never can be).",
    ));
    s.push_str("[rules]\n");
    let width = settings
        .rules
        .iter()
        .map(|r| r.code.len())
        .max()
        .unwrap_or(0);
    for r in &settings.rules {
        let rule = rules::find(r.code).expect("settings list registered rules");
        let _ = writeln!(
            s,
            "# {:<w$} = {:<9} # {}",
            format!("{}.severity", r.code),
            string(r.severity),
            rule.name,
            w = width + ".severity".len()
        );
        let _ = writeln!(
            s,
            "# {:<w$} = {}",
            format!("{}.ignorable", r.code),
            Config::default().is_ignorable(r.code),
            w = width + ".severity".len()
        );
    }
    s
}

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    Exists(PathBuf),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::Exists(p) => write!(
                f,
                "{} already exists; lblint init does not overwrite it",
                p.display()
            ),
            InitError::Io(p, e) => write!(f, "{}: cannot write the file: {e}", p.display()),
        }
    }
}

/// Writes the template to `target`: a directory gets `.lblint.toml`, another path is the
/// file itself. An existing file is left alone. Returns the path written.
pub fn write(target: &Path) -> Result<PathBuf, InitError> {
    let path = if target.is_dir() {
        target.join(crate::config::FILE_NAMES[0])
    } else {
        target.to_path_buf()
    };
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(InitError::Exists(path)),
        Err(e) => return Err(InitError::Io(path, e)),
    };
    io::Write::write_all(&mut file, template().as_bytes())
        .map_err(|e| InitError::Io(path.clone(), e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_back_as_the_default_config() {
        let parsed = Config::parse(Path::new(".lblint.toml"), &template()).unwrap();
        assert_eq!(Settings::of(&parsed), Settings::of(&Config::default()));
    }

    #[test]
    fn uncommented_rule_lines_are_the_defaults_too() {
        let text: String = template()
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(".severity") => format!("{rest}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        assert!(
            text.contains("\nWS001.severity = \"error\"   # ws-timeout-missing\n"),
            "{text}"
        );
        let parsed = Config::parse(Path::new(".lblint.toml"), &text).unwrap();
        assert_eq!(parsed.severities.len(), rules::REGISTRY.len());
        assert_eq!(Settings::of(&parsed), Settings::of(&Config::default()));
    }

    /// The keys the config parser accepts where `probe` puts an unknown one, from serde's
    /// own "expected one of" message: a key added to the parser but not to the template
    /// fails the test below.
    fn accepted_keys(probe: &str) -> Vec<String> {
        let err = Config::parse(Path::new("probe.toml"), probe).unwrap_err();
        let list = err
            .message
            .split_once("expected")
            .unwrap_or_else(|| panic!("serde names the expected keys: {}", err.message))
            .1;
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_template_names_every_key_the_parser_accepts() {
        let text = template();
        let tables = accepted_keys("not_a_table = 1\n");
        assert_eq!(tables, ["websocket", "platform", "rules", "suppressions"]);
        for table in &tables {
            assert!(
                text.contains(&format!("\n[{table}]\n")),
                "[{table}] missing"
            );
        }
        let websocket = accepted_keys("[websocket]\nnot_a_key = 1\n");
        assert_eq!(websocket.len(), 8, "{websocket:?}");
        for key in websocket {
            assert!(
                text.contains(&format!("\n{key} = ")),
                "[websocket] {key} missing"
            );
        }
        let platform = accepted_keys("[platform]\nnot_a_key = 1\n");
        assert_eq!(platform, ["provider_version"]);
        assert!(text.contains("\n# provider_version = \"7.10.0\"\n"));
        let suppressions = accepted_keys("[suppressions]\nnot_a_key = 1\n");
        assert_eq!(suppressions, ["require_reason"]);
        assert!(text.contains("\nrequire_reason = false\n"));
        let rule_keys = accepted_keys("[rules.WS001]\nnot_a_key = 1\n");
        assert_eq!(rule_keys, ["severity", "ignorable"]);
        for r in rules::REGISTRY {
            for key in &rule_keys {
                assert!(
                    text.contains(&format!("\n# {}.{key} = ", r.code)),
                    "{}.{key} missing",
                    r.code
                );
            }
        }
    }

    #[test]
    fn refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let written = write(dir.path()).unwrap();
        assert_eq!(written, dir.path().join(".lblint.toml"));
        assert_eq!(std::fs::read_to_string(&written).unwrap(), template());
        std::fs::write(&written, "# mine\n").unwrap();
        let err = write(dir.path()).unwrap_err();
        assert!(
            matches!(err, InitError::Exists(ref p) if *p == written),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "# mine\n");
    }
}
