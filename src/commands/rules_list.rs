//! `lblint rules`: every rule with its default severity and the one a config gives it.

use super::settings::level;
use crate::config::Config;
use crate::rules;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
struct Row {
    code: &'static str,
    name: &'static str,
    default: &'static str,
    severity: &'static str,
    summary: &'static str,
    explain: String,
}

#[derive(Debug, Serialize)]
struct Document {
    version: u32,
    /// The config file the effective severities come from; `null` for the built-in defaults.
    config: Option<String>,
    rules: Vec<Row>,
}

fn rows(config: &Config) -> Vec<Row> {
    rules::REGISTRY
        .iter()
        .map(|r| Row {
            code: r.code,
            name: r.name,
            default: r.severity.as_str(),
            severity: level(config.severity_of(r.code, r.severity)),
            summary: r.summary,
            explain: super::explain_command(r.code),
        })
        .collect()
}

/// Where a config came from, as shown: its path, or "built-in defaults".
pub fn source_name(config: &Config, shown: impl Fn(&std::path::Path) -> String) -> String {
    config
        .path
        .as_deref()
        .map_or_else(|| "built-in defaults".to_string(), shown)
}

/// The table: one row a rule, columns aligned, then the config the severities come from.
/// `config_name` is how the config's file is shown.
pub fn table(config: &Config, config_name: &str) -> String {
    let rows = rows(config);
    let header = ["CODE", "NAME", "DEFAULT", "SEVERITY", "SUMMARY"];
    let cells: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [r.code, r.name, r.default, r.severity, r.summary])
        .collect();
    let mut widths = header.map(str::len);
    for c in &cells {
        for (w, cell) in widths.iter_mut().zip(c) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for line in std::iter::once(header).chain(cells) {
        let mut s = String::new();
        for (i, cell) in line.iter().enumerate() {
            if i + 1 == line.len() {
                s.push_str(cell);
            } else {
                let _ = write!(s, "{cell:<w$}  ", w = widths[i]);
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\nSEVERITY is the one configured by {config_name}; `lblint explain CODE` shows a rule's page."
    );
    out
}

/// The JSON document of `lblint rules --format json`.
pub fn json(config: &Config, config_name: Option<String>) -> String {
    let doc = Document {
        version: 1,
        config: config_name,
        rules: rows(config),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("plain data serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn table_columns_line_up() {
        let config = Config::parse(
            Path::new(".lblint.toml"),
            "[rules.WS004]\nseverity = \"off\"\n",
        )
        .unwrap();
        let t = table(&config, ".lblint.toml");
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), rules::REGISTRY.len() + 3);
        assert_eq!(
            lines[0],
            "CODE   NAME                             DEFAULT  SEVERITY  SUMMARY"
        );
        let ws004 = lines.iter().find(|l| l.starts_with("WS004")).unwrap();
        assert!(
            ws004.starts_with("WS004  ws-auth-header-unhandled         info     off       "),
            "{ws004}"
        );
        // Every column starts at the same offset on every row.
        let summary_at = lines[0].find("SUMMARY").unwrap();
        for l in &lines[1..=rules::REGISTRY.len()] {
            assert_eq!(l.as_bytes()[summary_at - 1], b' ', "{l}");
            assert_ne!(l.as_bytes()[summary_at], b' ', "{l}");
        }
        assert_eq!(
            lines.last().unwrap(),
            &"SEVERITY is the one configured by .lblint.toml; `lblint explain CODE` shows a rule's page."
        );
    }
}
