//! A config's effective settings as data: what `lblint config` shows and `lblint init`
//! writes, both generated from [`Config`] so they follow it.

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::rules;
use serde::Serialize;
use std::fmt::Write;

/// Every setting of a [`Config`], defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    pub websocket: Websocket,
    pub platform: Platform,
    pub suppressions: Suppressions,
    /// Every rule, in registry order.
    pub rules: Vec<RuleSetting>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Websocket {
    pub paths: Vec<String>,
    pub hosts: Vec<String>,
    pub backends: Vec<String>,
    pub min_timeout_sec: f64,
    pub fix_timeout_sec: u32,
    pub auth_headers: Vec<String>,
    pub auth_passthrough: Vec<String>,
    pub header_variables: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Platform {
    pub provider_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppressions {
    pub require_reason: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetting {
    pub code: &'static str,
    pub name: &'static str,
    pub default: Severity,
    /// `"error"`, `"warning"`, `"info"` or `"off"`.
    pub severity: &'static str,
    /// Whether an `lblint-ignore` comment can suppress its findings (never for TF001,
    /// TF005 and TF008; not for rules the config sets `ignorable = false`).
    pub ignorable: bool,
}

/// A severity as the config writes it, `"off"` for a rule turned off.
pub fn level(s: Option<Severity>) -> &'static str {
    s.map_or("off", |s| s.as_str())
}

impl Settings {
    pub fn of(config: &Config) -> Settings {
        Settings {
            websocket: Websocket {
                paths: config.ws_path_patterns.clone(),
                hosts: config.ws_host_patterns.clone(),
                backends: config.ws_backends.clone(),
                min_timeout_sec: config.min_timeout_sec,
                fix_timeout_sec: config.fix_timeout_sec,
                auth_headers: config.auth_headers.clone(),
                auth_passthrough: config.auth_passthrough.clone(),
                header_variables: config.header_variables.clone(),
            },
            platform: Platform {
                provider_version: config.provider_version.clone(),
            },
            suppressions: Suppressions {
                require_reason: config.require_reason,
            },
            rules: rules::REGISTRY
                .iter()
                .map(|r| RuleSetting {
                    code: r.code,
                    name: r.name,
                    default: r.severity,
                    severity: level(config.severity_of(r.code, r.severity)),
                    ignorable: config.is_ignorable(r.code),
                })
                .collect(),
        }
    }

    /// The settings as a config file, without comments but the defaults of changed
    /// severities: reading it back gives the same settings.
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        self.write_websocket(&mut s, &|_| String::new());
        s.push_str("\n[platform]\n");
        match &self.platform.provider_version {
            Some(v) => {
                let _ = writeln!(s, "provider_version = {}", string(v));
            }
            None => s.push_str("# provider_version is not set\n"),
        }
        s.push_str("\n[suppressions]\n");
        let _ = writeln!(s, "require_reason = {}", self.suppressions.require_reason);
        s.push_str("\n[rules]\n");
        let width = self.rules.iter().map(|r| r.code.len()).max().unwrap_or(0);
        for r in &self.rules {
            let key = format!("{}.severity", r.code);
            let _ = write!(
                s,
                "{key:<w$} = {:<9}",
                string(r.severity),
                w = width + ".severity".len()
            );
            if r.severity != r.default.as_str() {
                let _ = write!(s, " # default: {}", r.default);
            }
            s.truncate(s.trim_end().len());
            s.push('\n');
        }
        // Rules the config makes unignorable (TF001, TF005 and TF008 always are, and the
        // config may not say so).
        for r in &self.rules {
            if !r.ignorable && !crate::suppress::NEVER_IGNORABLE.contains(&r.code) {
                let _ = writeln!(s, "{}.ignorable = false", r.code);
            }
        }
        s
    }

    /// `[websocket]` with every key; `comment(key)` gives the lines written above a key.
    pub(crate) fn write_websocket(&self, s: &mut String, comment: &dyn Fn(&str) -> String) {
        let w = &self.websocket;
        s.push_str("[websocket]\n");
        let mut key = |name: &str, value: String| {
            s.push_str(&comment(name));
            let _ = writeln!(s, "{name} = {value}");
        };
        key("paths", array(&w.paths));
        key("hosts", array(&w.hosts));
        key("backends", array(&w.backends));
        key("min_timeout_sec", number(w.min_timeout_sec));
        key("fix_timeout_sec", w.fix_timeout_sec.to_string());
        key("auth_headers", array(&w.auth_headers));
        key("auth_passthrough", array(&w.auth_passthrough));
        key("header_variables", array(&w.header_variables));
    }
}

/// A TOML basic string.
pub(crate) fn string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML array of strings: on one line when short, else one item a line.
pub(crate) fn array(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| string(i)).collect();
    let one_line = format!("[{}]", quoted.join(", "));
    if one_line.len() <= 72 {
        return one_line;
    }
    let mut s = String::from("[\n");
    for q in quoted {
        let _ = writeln!(s, "  {q},");
    }
    s.push(']');
    s
}

/// A number of seconds: an integer when it is one.
pub(crate) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn settings_written_as_toml_read_back_the_same() {
        let text = "[websocket]\nbackends = [\"google_compute_backend_service.chat\"]\nmin_timeout_sec = 12.5\nheader_variables = [\"{x}\"]\nauth_headers = [\"Authorization\", \"X-\\\"Quoted\\\"\"]\n\n[platform]\nprovider_version = \"7.10.0\"\n\n[rules.WS004]\nseverity = \"off\"\n\n[rules.LB002]\nseverity = \"error\"\n\n[rules.WS003]\nignorable = false\n\n[suppressions]\nrequire_reason = true\n";
        let config = Config::parse(Path::new("x.toml"), text).unwrap();
        let settings = Settings::of(&config);
        let toml = settings.to_toml();
        assert!(
            toml.contains("WS004.severity = \"off\"     # default: info\n"),
            "{toml}"
        );
        assert!(
            toml.contains("LB002.severity = \"error\"   # default: warning\n"),
            "{toml}"
        );
        assert!(toml.contains("WS001.severity = \"error\"\n"), "{toml}");
        assert!(toml.contains("min_timeout_sec = 12.5\n"), "{toml}");
        assert!(
            toml.contains("\n[suppressions]\nrequire_reason = true\n"),
            "{toml}"
        );
        assert!(toml.ends_with("\nWS003.ignorable = false\n"), "{toml}");
        let again = Config::parse(Path::new("y.toml"), &toml).unwrap();
        assert_eq!(Settings::of(&again), settings);
    }

    #[test]
    fn numbers_and_arrays() {
        assert_eq!(number(300.0), "300");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(array(&[]), "[]");
        assert_eq!(array(&["a".into(), "b".into()]), "[\"a\", \"b\"]");
        let long: Vec<String> = (0..10)
            .map(|i| format!("google_compute_backend_service.b{i}"))
            .collect();
        assert!(array(&long).starts_with("[\n  \"google_compute_backend_service.b0\",\n"));
    }
}
