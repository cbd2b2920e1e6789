//! Applies the config's severity overrides and inline `# lblint-ignore: CODE` comments.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::syntax::SourceFile;

/// The marker of an inline suppression comment.
pub const MARKER: &str = "lblint-ignore:";

/// Keeps a diagnostic at its configured severity, or drops it when its rule is off or an
/// inline comment on its line or the line above ignores it.
pub fn apply(mut d: Diagnostic, config: &Config, file: &SourceFile) -> Option<Diagnostic> {
    d.severity = config.severity_of(d.code, d.severity)?;
    if d.code != "TF001" && ignored(&d, file) {
        return None;
    }
    Some(d)
}

fn ignored(d: &Diagnostic, file: &SourceFile) -> bool {
    let line = file.position(d.span.start as usize).line;
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|l| *l >= 1)
        .any(|l| line_ignores(file.line_text(l), d.code))
}

/// Whether a line carries `# lblint-ignore: CODE[, CODE...]` (or `//` / `/*`) naming `code`
/// or `all`.
fn line_ignores(line: &str, code: &str) -> bool {
    let Some(at) = line.find(MARKER) else {
        return false;
    };
    let before = line[..at].trim_end();
    if !(before.ends_with('#') || before.ends_with("//") || before.ends_with("/*")) {
        return false;
    }
    line[at + MARKER.len()..]
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|c| c.trim_end_matches("*/"))
        .take_while(|c| !c.starts_with('-'))
        .any(|c| c.eq_ignore_ascii_case(code) || c == "all")
}

#[cfg(test)]
mod tests {
    use super::line_ignores;

    #[test]
    fn parses_ignore_comments() {
        assert!(line_ignores("  # lblint-ignore: WS004", "WS004"));
        assert!(line_ignores(
            "paths = [\"/ws\"] # lblint-ignore: WS001, ws004",
            "WS004"
        ));
        assert!(line_ignores("// lblint-ignore: all -- reason", "LB002"));
        assert!(!line_ignores("# lblint-ignore: WS001", "WS004"));
        assert!(!line_ignores("x = \"lblint-ignore: WS004\"", "WS004"));
        assert!(!line_ignores(
            "# lblint-ignore: WS001 -- not WS004",
            "WS004"
        ));
    }
}
