//! Findings about a value that an input set: a label at the value in its variable
//! definitions file; for `TF_VAR_` and `--var`, which have no file to point into, a note in
//! the message naming the source.

use crate::diagnostic::Diagnostic;
use crate::eval::Origin;

/// Adds where the value a finding reports came from, when an input set it.
pub(crate) fn with_origin(mut d: Diagnostic, origin: Option<&Origin>) -> Diagnostic {
    let Some(origin) = origin else {
        return d;
    };
    match (origin.file_span(), origin.note()) {
        (Some(span), _) => d.label(span, format!("`var.{}` is set here", origin.variable)),
        (None, Some(note)) => {
            d.message = format!("{} ({note})", d.message);
            d
        }
        (None, None) => d,
    }
}
