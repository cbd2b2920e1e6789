//! `path:line:col: severity[CODE]: message`, one line each: what problem matchers parse.

use crate::Outcome;
use std::io::{self, Write};

pub(super) fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    for d in &outcome.diagnostics {
        let file = outcome.sources.get(d.span.file);
        let pos = file.position(d.span.start as usize);
        let message = d.message.replace('\n', " ");
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            file.display, pos.line, pos.column, d.severity, d.code, message
        )?;
    }
    Ok(())
}
