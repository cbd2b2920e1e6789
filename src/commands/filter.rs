//! `check --select CODE,...` and `--ignore CODE,...`: which rules' findings a run keeps.

use crate::rules;
use crate::Outcome;
use std::collections::HashSet;

/// Rules kept by `--select` and dropped by `--ignore`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleFilter {
    /// `None`: every rule.
    select: Option<HashSet<&'static str>>,
    ignore: HashSet<&'static str>,
}

/// Codes or names from arguments that may each hold a comma-separated list.
fn codes(args: &[String], option: &str) -> Result<HashSet<&'static str>, String> {
    let mut out = HashSet::new();
    for item in args.iter().flat_map(|a| a.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        match super::lookup(item) {
            Ok(r) => {
                out.insert(r.code);
            }
            Err(_) => return Err(super::unknown_rule_message(item, &format!(" in {option}"))),
        }
    }
    Ok(out)
}

impl RuleFilter {
    /// Reads `--select` and `--ignore` values (codes or names, any case).
    pub fn parse(select: &[String], ignore: &[String]) -> Result<RuleFilter, String> {
        let select = if select.is_empty() {
            None
        } else {
            Some(codes(select, "--select")?)
        };
        Ok(RuleFilter {
            select,
            ignore: codes(ignore, "--ignore")?,
        })
    }

    /// Whether a rule's findings are kept: selected (or no selection) and not ignored.
    pub fn keeps(&self, code: &str) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(code)) && !self.ignore.contains(code)
    }

    /// Drops the findings of rules the filter does not keep.
    pub fn apply(&self, outcome: &mut Outcome) {
        outcome.diagnostics.retain(|d| self.keeps(d.code));
    }

    /// The rules kept, in registry order.
    pub fn kept(&self) -> Vec<&'static str> {
        rules::REGISTRY
            .iter()
            .map(|r| r.code)
            .filter(|c| self.keeps(c))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn select_keeps_only_those_and_ignore_removes() {
        let f =
            RuleFilter::parse(&strings(&["WS001,ws004", "header-action-misplaced"]), &[]).unwrap();
        assert_eq!(f.kept(), ["WS001", "WS004", "LB001"]);
        let f = RuleFilter::parse(
            &strings(&["WS001,WS004"]),
            &strings(&["ws-auth-header-unhandled"]),
        )
        .unwrap();
        assert_eq!(f.kept(), ["WS001"]);
        let f = RuleFilter::parse(&[], &strings(&["TF001, TF003"])).unwrap();
        assert!(!f.keeps("TF001") && !f.keeps("TF003") && f.keeps("WS001"));
        assert_eq!(f.kept().len(), rules::REGISTRY.len() - 2);
        assert_eq!(
            RuleFilter::parse(&[], &[]).unwrap().kept().len(),
            rules::REGISTRY.len()
        );
    }

    #[test]
    fn unknown_codes_are_refused_with_a_suggestion() {
        assert_eq!(
            RuleFilter::parse(&[], &strings(&["WS004,WS0O1"])).unwrap_err(),
            "unknown rule `WS0O1` in --ignore; did you mean WS001 (ws-timeout-missing)? `lblint rules` lists them"
        );
        assert!(RuleFilter::parse(&strings(&["nope"]), &[])
            .unwrap_err()
            .starts_with("unknown rule `nope` in --select;"));
    }
}
