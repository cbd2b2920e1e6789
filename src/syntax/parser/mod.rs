//! lblint's own parser for HCL's native syntax, as Terraform reads it.
//!
//! It builds the crate's [`ast`](super::ast) directly, with byte-offset spans
//! that match what the hcl-edit conversion produces. Unlike hcl-edit it
//! follows HashiCorp's rules for newlines (significant only at the body level
//! and between object items; ignored inside parentheses, brackets, `for`
//! expressions, function arguments and interpolations), accepts repeated
//! object keys, strips template `~` markers and dedents `<<-` heredocs.
//!
//! It stops at the first error and runs in linear time. Nesting is limited
//! to [`MAX_DEPTH`] levels. So that no input can overflow the stack, the
//! parser also measures the stack it uses: a parse that needs more than
//! [`STACK_BUDGET`] bytes (only input nested hundreds of levels deep) is
//! retried once on a thread of its own with a large stack, so the depth
//! limit is the same in optimised and unoptimised builds and on small
//! thread stacks.

mod lexer;
#[allow(clippy::module_inception)]
mod parser;
mod template;
#[cfg(test)]
mod tests;

use super::ast::{Expr, File};
use super::{FileId, SyntaxError};

/// How deeply expressions, blocks and operator chains may nest.
pub const MAX_DEPTH: u32 = 512;

/// Stack the parser may use on the caller's thread (which may have as
/// little as 2 MiB in all, like test and rayon threads).
pub const STACK_BUDGET: usize = 512 << 10;

/// The stack of the thread for deeply nested input, and what the parser may
/// use of it: enough for [`MAX_DEPTH`] levels of the costliest nesting in an
/// unoptimised build (under 9 KiB a level).
const BIG_STACK: usize = 32 << 20;
const BIG_STACK_BUDGET: usize = 24 << 20;

/// Parses a whole file's text (without a byte order mark; spans are offsets
/// into `text`), keeping its comments.
pub fn parse_file(text: &str, file: FileId) -> Result<File, SyntaxError> {
    run(text, file, 0, parser::Parser::file)
}

/// Parses `text[start..]` as a bare template, the way Terraform reads a string of a JSON
/// configuration file: `${...}` and `%{...}` sequences (`$${` and `%%{` for literal ones),
/// every other character literal, no escapes and no closing quote. Spans are offsets into
/// `text`. The result is a `String` when there is no template sequence, else a `Template`.
pub fn parse_template(text: &str, file: FileId, start: usize) -> Result<Expr, SyntaxError> {
    run(text, file, start, parser::Parser::bare_template)
}

/// Parses `text[start..]` as one expression that must reach the end of `text` (a reference
/// or a type expression given as a JSON string). Spans are offsets into `text`.
pub fn parse_expression(text: &str, file: FileId, start: usize) -> Result<Expr, SyntaxError> {
    run(text, file, start, parser::Parser::whole_expr)
}

/// Runs a parse from `start`, retried on a big-stack thread when it ran out of stack.
fn run<'a, T: Send>(
    text: &'a str,
    file: FileId,
    start: usize,
    f: fn(&mut parser::Parser<'a>) -> Result<T, SyntaxError>,
) -> Result<T, SyntaxError> {
    let mut p = parser::Parser::new(text, file, STACK_BUDGET);
    p.pos = start;
    let result = f(&mut p);
    if !p.out_of_stack {
        return result;
    }
    let retry = std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("lblint-deep-parse".to_string())
            .stack_size(BIG_STACK)
            .spawn_scoped(s, || {
                let mut p = parser::Parser::new(text, file, BIG_STACK_BUDGET);
                p.pos = start;
                f(&mut p)
            })
            .ok()?;
        Some(
            handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    // If no thread could be started, the first error stands.
    retry.unwrap_or(result)
}
