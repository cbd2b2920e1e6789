//! The logic behind the command line's commands other than `check`, and the helpers
//! `check` shares with them, kept in the library so tests can drive them:
//! `rules` ([`rules_list`]), `explain` ([`explain`]), `init` ([`init`]), `config`
//! ([`config_report`]), `--select`/`--ignore` ([`filter`]), and when to colour and show
//! progress ([`tty`]). `src/main.rs` only parses arguments and calls these.

pub mod config_report;
pub mod explain;
pub mod filter;
pub mod init;
pub mod rules_list;
pub mod settings;
pub mod tty;

use crate::rules::{self, Rule};

/// The command that shows a rule's page, as every finding names it.
pub fn explain_command(code: &str) -> String {
    format!("lblint explain {code}")
}

/// Looks a rule up by code (any case) or name (any case); otherwise the rule whose code or
/// name is closest to what was typed, for a "did you mean" message.
pub fn lookup(code_or_name: &str) -> Result<&'static Rule, &'static Rule> {
    if let Some(r) = rules::find(code_or_name) {
        return Ok(r);
    }
    if let Some(r) = rules::REGISTRY
        .iter()
        .copied()
        .find(|r| r.name.eq_ignore_ascii_case(code_or_name))
    {
        return Ok(r);
    }
    Err(closest(code_or_name))
}

/// The rule whose code or name is nearest to `typed` ([`rules::nearest`]).
pub fn closest(typed: &str) -> &'static Rule {
    rules::nearest(typed).0
}

/// The message for a code or name that names no rule.
pub fn unknown_rule_message(typed: &str, context: &str) -> String {
    let near = closest(typed);
    format!(
        "unknown rule `{typed}`{context}; did you mean {} ({})? `lblint rules` lists them",
        near.code, near.name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(typed: &str) -> Result<&'static str, &'static str> {
        lookup(typed).map(|r| r.code).map_err(|r| r.code)
    }

    #[test]
    fn lookup_takes_codes_and_names_in_any_case() {
        assert_eq!(code("ws001"), Ok("WS001"));
        assert_eq!(code("WS-TIMEOUT-MISSING"), Ok("WS001"));
        assert_eq!(code("header-action-misplaced"), Ok("LB001"));
    }

    #[test]
    fn unknown_codes_suggest_the_closest_rule() {
        assert_eq!(code("WS01"), Err("WS001"));
        assert_eq!(code("WS0001"), Err("WS001"));
        assert_eq!(code("ws-timeout-mising"), Err("WS001"));
        assert_eq!(code("LB03"), Err("LB003"));
        assert_eq!(
            unknown_rule_message("WS01", " in --select"),
            "unknown rule `WS01` in --select; did you mean WS001 (ws-timeout-missing)? `lblint rules` lists them"
        );
    }
}
