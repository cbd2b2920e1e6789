//! Recursive descent over bodies and expressions.
//!
//! Recursion is bounded by [`MAX_DEPTH`]: every nested expression, block body
//! and unary operand enters one level, and a chain of binary operators counts
//! one level per operator on top of its deepest operand, so the tree that is
//! built is never deeper than about that many levels (later stages walk it
//! recursively too).

use super::lexer::{self, Tok, Token};
use super::MAX_DEPTH;
use crate::syntax::ast::*;
use crate::syntax::{FileId, Span, SyntaxError};
use std::collections::HashMap;

pub(super) type PResult<T> = Result<T, SyntaxError>;

pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) b: &'a [u8],
    pub(super) file: FileId,
    /// Offset of the next unread byte.
    pub(super) pos: usize,
    /// Whether newlines are tokens at the moment.
    pub(super) nl: bool,
    /// Current nesting depth.
    pub(super) depth: u32,
    /// Deepest level (counting operator chains) reached since the enclosing
    /// binary chain started.
    peak: u32,
    /// Address of a local of the entry point, and how many bytes of stack
    /// below it the parser may use.
    pub(super) stack_base: usize,
    stack_budget: usize,
    /// Set when the stack budget, not the depth limit, stopped the parse.
    pub(super) out_of_stack: bool,
    /// The last token scanned: valid for `cache_pos` and `cache_nl`.
    cache_tok: Token,
    cache_pos: usize,
    cache_nl: bool,
    /// The comments skipped so far, in source order.
    pub(super) comments: Vec<Comment>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(src: &'a str, file: FileId, stack_budget: usize) -> Parser<'a> {
        Parser {
            stack_base: 0,
            stack_budget,
            out_of_stack: false,
            src,
            b: src.as_bytes(),
            file,
            pos: 0,
            nl: true,
            depth: 0,
            peak: 0,
            cache_tok: Token {
                kind: Tok::Eof,
                start: 0,
                end: 0,
            },
            cache_pos: usize::MAX,
            cache_nl: false,
            comments: Vec::new(),
        }
    }

    // ----- tokens -----

    #[inline]
    pub(super) fn peek(&mut self) -> Token {
        if self.cache_pos == self.pos && self.cache_nl == self.nl {
            return self.cache_tok;
        }
        let t = lexer::next(self.src, self.pos, self.nl, self.file, &mut self.comments);
        self.cache_tok = t;
        self.cache_pos = self.pos;
        self.cache_nl = self.nl;
        t
    }

    #[inline]
    pub(super) fn bump(&mut self) -> Token {
        let t = self.peek();
        self.pos = t.end;
        t
    }

    #[inline]
    fn text(&self, t: Token) -> &'a str {
        &self.src[t.start..t.end]
    }

    #[inline]
    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    #[inline]
    fn is_keyword(&self, t: Token, kw: &str) -> bool {
        t.kind == Tok::Ident && self.text(t) == kw
    }

    /// Expects a token of `kind`, or fails saying what was `expected`.
    #[inline]
    pub(super) fn expect(&mut self, kind: Tok, expected: &str) -> PResult<Token> {
        let t = self.peek();
        if t.kind == kind {
            self.pos = t.end;
            Ok(t)
        } else {
            self.unexpected(t, expected)
        }
    }

    // ----- errors -----

    #[cold]
    pub(super) fn error<T>(&self, start: usize, end: usize, message: String) -> PResult<T> {
        Err(SyntaxError {
            span: self.span(start, end),
            message,
        })
    }

    /// How a token reads in an error message.
    #[cold]
    fn describe(&self, t: Token) -> String {
        match t.kind {
            Tok::Newline => "a newline".to_string(),
            Tok::Eof => "the end of the file".to_string(),
            Tok::Quote => "a string".to_string(),
            Tok::Invalid => {
                let c = self.src[t.start..].chars().next().unwrap_or('\0');
                if c.is_control() || c.is_whitespace() {
                    format!("the character {}", c.escape_unicode())
                } else {
                    format!("the character `{c}`")
                }
            }
            _ => {
                let text = self.text(t);
                match text.char_indices().nth(40) {
                    Some((i, _)) => format!("`{}…`", &text[..i]),
                    None => format!("`{text}`"),
                }
            }
        }
    }

    /// Fails at `t`: "expected {expected}, found {t}".
    #[cold]
    pub(super) fn unexpected<T>(&self, t: Token, expected: &str) -> PResult<T> {
        if t.kind == Tok::UnclosedComment {
            return self.error(
                t.start,
                t.end,
                "unclosed comment: `/*` has no matching `*/`".to_string(),
            );
        }
        let found = self.describe(t);
        self.error(
            t.start,
            t.end,
            format!("expected {expected}, found {found}"),
        )
    }

    /// Fails at `t` if it is the end of the file (saying the bracket opened at
    /// `open` is unclosed), else as [`Parser::unexpected`].
    #[cold]
    fn unexpected_in<T>(&self, t: Token, open: Token, expected: &str) -> PResult<T> {
        if t.kind == Tok::Eof {
            let o = self.text(open);
            return self.error(
                open.start,
                open.end,
                format!("unclosed `{o}`: no matching closing bracket before the end of the file"),
            );
        }
        self.unexpected(t, expected)
    }

    #[cold]
    fn too_deep<T>(&self) -> PResult<T> {
        let end = self.src[self.pos..]
            .chars()
            .next()
            .map_or(self.pos, |c| self.pos + c.len_utf8());
        self.error(
            self.pos,
            end,
            format!("nesting too deep: more than {MAX_DEPTH} nested levels"),
        )
    }

    /// 1-based line of a byte offset (for messages).
    #[cold]
    fn line_of(&self, offset: usize) -> usize {
        self.b[..offset].iter().filter(|&&c| c == b'\n').count() + 1
    }

    // ----- depth -----

    #[inline]
    pub(super) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.too_deep();
        }
        if self.stack_base.abs_diff(stack_address()) > self.stack_budget {
            self.out_of_stack = true;
            return self.too_deep();
        }
        if self.depth > self.peak {
            self.peak = self.depth;
        }
        Ok(())
    }

    #[inline]
    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- bodies -----

    /// Parses a whole file.
    #[inline(never)]
    pub(super) fn file(&mut self) -> PResult<File> {
        self.stack_base = stack_address();
        let body = self.body(None)?;
        Ok(File {
            body,
            comments: std::mem::take(&mut self.comments),
        })
    }

    /// Parses one expression from `self.pos` that must reach the end of the text.
    #[inline(never)]
    pub(super) fn whole_expr(&mut self) -> PResult<Expr> {
        self.stack_base = stack_address();
        self.nl = false;
        let e = self.expr()?;
        let t = self.peek();
        if t.kind != Tok::Eof {
            return self.unexpected(t, "the end of the expression");
        }
        Ok(e)
    }

    /// Parses body items up to the end of the file, or up to (not including)
    /// the `}` closing the block `open` (its identifier and brace).
    fn body(&mut self, open: Option<(Token, Token)>) -> PResult<Body> {
        let mut body = Body::default();
        let mut keys: Option<HashMap<&'a str, usize>> = None;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Newline => {
                    self.pos = t.end;
                }
                Tok::Ident => {
                    self.item(t, &mut body, &mut keys)?;
                    let after = self.peek();
                    match after.kind {
                        Tok::Newline => self.pos = after.end,
                        Tok::Eof => {}
                        _ => {
                            let what = if body.attributes.last().is_some_and(|a| a.key_span.start as usize == t.start) {
                                format!("the argument `{}`", self.text(t))
                            } else {
                                format!("the `{}` block", self.text(t))
                            };
                            return self.unexpected(after, &format!("a newline after {what}"));
                        }
                    }
                }
                Tok::RBrace if open.is_some() => return Ok(body),
                Tok::Eof => match open {
                    None => return Ok(body),
                    Some((ident, brace)) => {
                        return self.error(
                            brace.start,
                            brace.end,
                            format!(
                                "unclosed `{{`: the `{}` block has no closing `}}` before the end of the file",
                                self.text(ident)
                            ),
                        )
                    }
                },
                _ => return self.unexpected(t, "an argument or a block"),
            }
        }
    }

    /// Parses one attribute or block starting at the identifier `id`.
    fn item(
        &mut self,
        id: Token,
        body: &mut Body,
        keys: &mut Option<HashMap<&'a str, usize>>,
    ) -> PResult<()> {
        self.pos = id.end;
        let name = self.text(id);
        let t = self.peek();
        match t.kind {
            Tok::Assign => {
                self.pos = t.end;
                let value = self.expr()?;
                self.check_redefined(id, body, keys)?;
                body.attributes.push(Attribute {
                    key: name.to_string(),
                    key_span: self.span(id.start, id.end),
                    span: self.span(id.start, value.span.end as usize),
                    value,
                });
                Ok(())
            }
            Tok::LBrace | Tok::Quote | Tok::Ident => {
                let block = self.block(id)?;
                body.blocks.push(block);
                Ok(())
            }
            _ => self.unexpected(t, &format!("`=` or `{{` after `{name}`")),
        }
    }

    /// Fails if the body already has an attribute named like `id`.
    fn check_redefined(
        &self,
        id: Token,
        body: &Body,
        keys: &mut Option<HashMap<&'a str, usize>>,
    ) -> PResult<()> {
        let name = self.text(id);
        let previous = match keys {
            Some(map) => map.insert(name, id.start),
            None => {
                let found = body
                    .attributes
                    .iter()
                    .find(|a| a.key == name)
                    .map(|a| a.key_span.start as usize);
                if body.attributes.len() >= 16 {
                    let mut map: HashMap<&'a str, usize> = body
                        .attributes
                        .iter()
                        .map(|a| {
                            let s = a.key_span.start as usize;
                            (&self.src[s..a.key_span.end as usize], s)
                        })
                        .collect();
                    map.insert(name, id.start);
                    *keys = Some(map);
                }
                found
            }
        };
        match previous {
            Some(at) => self.error(
                id.start,
                id.end,
                format!(
                    "the argument `{name}` was already set on line {}; each argument may be set only once",
                    self.line_of(at)
                ),
            ),
            None => Ok(()),
        }
    }

    /// Parses a block from its labels on (the identifier `id` is read).
    fn block(&mut self, id: Token) -> PResult<Block> {
        let mut labels = Vec::new();
        let brace = loop {
            let t = self.peek();
            match t.kind {
                Tok::LBrace => {
                    self.pos = t.end;
                    break t;
                }
                Tok::Quote => {
                    self.pos = t.end;
                    let (value, end) = self.label_string(t.start)?;
                    labels.push((value, self.span(t.start, end)));
                }
                Tok::Ident => {
                    self.pos = t.end;
                    labels.push((self.text(t).to_string(), self.span(t.start, t.end)));
                }
                _ => return self.unexpected(t, "a block label or `{`"),
            }
        };
        self.enter()?;
        let t = self.peek();
        let body = match t.kind {
            // At the end of the file `body` reports the unclosed brace.
            Tok::Newline | Tok::Eof => self.body(Some((id, brace)))?,
            Tok::RBrace => Body::default(),
            Tok::Ident => self.single_line_body(t)?,
            _ => return self.unexpected(t, "a newline, an argument or `}`"),
        };
        self.leave();
        let close = self.peek();
        if close.kind != Tok::RBrace {
            return self.unexpected(close, "`}` right after the argument of a single-line block");
        }
        self.pos = close.end;
        Ok(Block {
            ident: self.text(id).to_string(),
            ident_span: self.span(id.start, id.end),
            labels,
            body,
            span: self.span(id.start, close.end),
        })
    }

    /// The body of a one-line block `a { b = 1 }`: one attribute.
    fn single_line_body(&mut self, id: Token) -> PResult<Body> {
        self.pos = id.end;
        let t = self.peek();
        match t.kind {
            Tok::Assign => self.pos = t.end,
            Tok::LBrace | Tok::Quote | Tok::Ident => {
                return self.error(
                    id.start,
                    id.end,
                    "a single-line block can contain only one argument; put a nested block on a line of its own"
                        .to_string(),
                )
            }
            _ => return self.unexpected(t, &format!("`=` after `{}`", self.text(id))),
        }
        let value = self.expr()?;
        let mut body = Body::default();
        body.attributes.push(Attribute {
            key: self.text(id).to_string(),
            key_span: self.span(id.start, id.end),
            span: self.span(id.start, value.span.end as usize),
            value,
        });
        Ok(body)
    }

    // ----- expressions -----

    /// Parses an expression (one nesting level).
    pub(super) fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let e = self.binary()?;
        let e = if self.peek().kind == Tok::Question {
            self.conditional(e)?
        } else {
            e
        };
        self.leave();
        Ok(e)
    }

    #[inline(never)]
    fn conditional(&mut self, cond: Expr) -> PResult<Expr> {
        self.bump();
        let yes = self.expr()?;
        let t = self.peek();
        if t.kind != Tok::Colon {
            return self.unexpected(t, "`:` in the conditional expression");
        }
        self.pos = t.end;
        let no = self.expr()?;
        let span = self.span(cond.span.start as usize, no.span.end as usize);
        Ok(Expr {
            kind: ExprKind::Conditional(Box::new(cond), Box::new(yes), Box::new(no)),
            span,
        })
    }

    #[inline]
    fn peek_binop(&mut self) -> Option<(BinaryOp, u8)> {
        let t = self.peek();
        Some(match t.kind {
            Tok::OrOr => (BinaryOp::Or, 1),
            Tok::AndAnd => (BinaryOp::And, 2),
            Tok::EqEq => (BinaryOp::Eq, 3),
            Tok::NotEq => (BinaryOp::NotEq, 3),
            Tok::Lt => (BinaryOp::Less, 4),
            Tok::Le => (BinaryOp::LessEq, 4),
            Tok::Gt => (BinaryOp::Greater, 4),
            Tok::Ge => (BinaryOp::GreaterEq, 4),
            Tok::Plus => (BinaryOp::Plus, 5),
            Tok::Minus => (BinaryOp::Minus, 5),
            Tok::Star => (BinaryOp::Mul, 6),
            Tok::Slash => (BinaryOp::Div, 6),
            Tok::Percent => (BinaryOp::Mod, 6),
            _ => return None,
        })
    }

    fn binary(&mut self) -> PResult<Expr> {
        let saved = self.peak;
        self.peak = self.depth;
        let first = self.unary()?;
        match self.peek_binop() {
            None => {
                self.peak = self.peak.max(saved);
                Ok(first)
            }
            Some(op) => self.binary_chain(first, op, saved),
        }
    }

    /// Parses a chain of binary operators after its first operand, resolving
    /// precedence with an operator stack (all operators are left-associative).
    #[inline(never)]
    fn binary_chain(&mut self, first: Expr, mut next: (BinaryOp, u8), saved: u32) -> PResult<Expr> {
        fn reduce(operands: &mut Vec<Expr>, ops: &mut Vec<(BinaryOp, u8)>) {
            let (op, _) = ops.pop().expect("operator");
            let rhs = operands.pop().expect("rhs");
            let lhs = operands.pop().expect("lhs");
            let span = Span {
                file: lhs.span.file,
                start: lhs.span.start,
                end: rhs.span.end,
            };
            operands.push(Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                span,
            });
        }
        let mut operands = Vec::with_capacity(4);
        operands.push(first);
        let mut ops: Vec<(BinaryOp, u8)> = Vec::with_capacity(4);
        let mut count: u32 = 0;
        loop {
            let t = self.bump();
            while ops.last().is_some_and(|top| top.1 >= next.1) {
                reduce(&mut operands, &mut ops);
            }
            ops.push(next);
            count += 1;
            if self.peak + count > MAX_DEPTH {
                self.pos = t.start;
                return self.too_deep();
            }
            operands.push(self.unary()?);
            match self.peek_binop() {
                Some(op) => next = op,
                None => break,
            }
        }
        while !ops.is_empty() {
            reduce(&mut operands, &mut ops);
        }
        let eff = self.peak + count;
        if eff > MAX_DEPTH {
            return self.too_deep();
        }
        self.peak = saved.max(eff);
        Ok(operands.pop().expect("result"))
    }

    #[inline]
    fn unary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        match t.kind {
            Tok::Bang | Tok::Minus => self.unary_op(t),
            _ => self.postfix(),
        }
    }

    #[inline(never)]
    fn unary_op(&mut self, t: Token) -> PResult<Expr> {
        self.pos = t.end;
        if t.kind == Tok::Minus {
            // `-` before a number literal (on the same line) is a negative
            // literal, as hcl-edit reads it.
            let i = lexer::skip_inline_space(self.b, t.end);
            if self.b.get(i).is_some_and(u8::is_ascii_digit) {
                if i > t.end + 1 {
                    // `- /* c */ 1`: the comments between were only looked over.
                    lexer::next(self.src, t.end, false, self.file, &mut self.comments);
                }
                let end = lexer::scan_number(self.b, i);
                self.pos = end;
                let v = number_value(&self.src[i..end]);
                let v = if v == 0.0 { 0.0 } else { -v };
                let term = Expr {
                    kind: ExprKind::Number(v),
                    span: self.span(t.start, end),
                };
                return self.postfix_ops(term);
            }
        }
        let op = if t.kind == Tok::Minus {
            UnaryOp::Neg
        } else {
            UnaryOp::Not
        };
        self.enter()?;
        let operand = self.unary()?;
        self.leave();
        let span = self.span(t.start, operand.span.end as usize);
        Ok(Expr {
            kind: ExprKind::Unary(op, Box::new(operand)),
            span,
        })
    }

    #[inline]
    fn postfix(&mut self) -> PResult<Expr> {
        let term = self.term()?;
        self.postfix_ops(term)
    }

    #[inline]
    fn postfix_ops(&mut self, term: Expr) -> PResult<Expr> {
        match self.peek().kind {
            Tok::Dot | Tok::LBrack => self.traversal(term),
            _ => Ok(term),
        }
    }

    /// Attribute access, indexes, legacy indexes and splats after a term.
    #[inline(never)]
    fn traversal(&mut self, term: Expr) -> PResult<Expr> {
        let mut ops = Vec::new();
        let mut end = term.span.end as usize;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Dot => {
                    self.pos = t.end;
                    let n = self.peek();
                    match n.kind {
                        Tok::Ident => ops.push(Traverse::Attr(self.text(n).to_string())),
                        Tok::Star => ops.push(Traverse::Splat),
                        Tok::Number => ops.push(Traverse::LegacyIndex(self.legacy_index(n)?)),
                        _ => {
                            return self
                                .unexpected(n, "an attribute name, an index or `*` after `.`")
                        }
                    }
                    self.pos = n.end;
                    end = n.end;
                }
                Tok::LBrack => {
                    self.pos = t.end;
                    let saved = self.nl;
                    self.nl = false;
                    let n = self.peek();
                    if n.kind == Tok::Star {
                        self.pos = n.end;
                        ops.push(Traverse::Splat);
                    } else {
                        ops.push(Traverse::Index(self.expr()?));
                    }
                    let close = self.peek();
                    if close.kind != Tok::RBrack {
                        return self.unexpected_in(close, t, "`]` to close the index");
                    }
                    self.pos = close.end;
                    self.nl = saved;
                    end = close.end;
                }
                _ => break,
            }
        }
        let span = self.span(term.span.start as usize, end);
        Ok(Expr {
            kind: ExprKind::Traversal(Box::new(term), ops),
            span,
        })
    }

    /// The value of a legacy index `.0`.
    #[cold]
    fn legacy_index(&self, n: Token) -> PResult<u64> {
        let text = self.text(n);
        if let Some((a, b)) = text.split_once('.') {
            return self.error(
                n.start,
                n.end,
                format!(
                    "chained legacy indexes like `.{text}` are not allowed; write `[{a}][{b}]`"
                ),
            );
        }
        match text.parse::<u64>() {
            Ok(v) => Ok(v),
            Err(_) => self.error(
                n.start,
                n.end,
                format!("`.{text}` is not a valid legacy index; write `[{text}]`"),
            ),
        }
    }

    fn term(&mut self) -> PResult<Expr> {
        let t = self.peek();
        match t.kind {
            Tok::Number => {
                self.pos = t.end;
                Ok(Expr {
                    kind: ExprKind::Number(number_value(self.text(t))),
                    span: self.span(t.start, t.end),
                })
            }
            Tok::Ident => self.ident_term(t),
            Tok::Quote => self.string_expr(t),
            Tok::LBrack => self.tuple(t),
            Tok::LBrace => self.object(t),
            Tok::LParen => self.paren(t),
            Tok::Lt if self.b.get(t.end) == Some(&b'<') => self.heredoc(t),
            _ => self.unexpected(t, "an expression"),
        }
    }

    #[inline(never)]
    fn ident_term(&mut self, t: Token) -> PResult<Expr> {
        self.pos = t.end;
        let name = self.text(t);
        let n = self.peek();
        let kind = match n.kind {
            Tok::LParen => return self.call(t, name.to_string()),
            Tok::DoubleColon => {
                let mut full = name.to_string();
                loop {
                    let c = self.peek();
                    if c.kind != Tok::DoubleColon {
                        break;
                    }
                    self.pos = c.end;
                    let part = self.expect(Tok::Ident, "a function name after `::`")?;
                    full.push_str("::");
                    full.push_str(self.text(part));
                }
                let p = self.peek();
                if p.kind != Tok::LParen {
                    return self.unexpected(p, &format!("`(` after the function name `{full}`"));
                }
                return self.call(t, full);
            }
            _ => match name {
                "true" => ExprKind::Bool(true),
                "false" => ExprKind::Bool(false),
                "null" => ExprKind::Null,
                _ => ExprKind::Variable(name.to_string()),
            },
        };
        Ok(Expr {
            kind,
            span: self.span(t.start, t.end),
        })
    }

    /// A function call; the name is read and the next token is `(`.
    #[inline(never)]
    fn call(&mut self, name_tok: Token, name: String) -> PResult<Expr> {
        let open = self.bump();
        let saved = self.nl;
        self.nl = false;
        let mut args = Vec::new();
        let mut expand_final = false;
        loop {
            let t = self.peek();
            if t.kind == Tok::RParen {
                break;
            }
            if t.kind == Tok::Eof {
                return self.unexpected_in(t, open, "");
            }
            args.push(self.expr()?);
            let t = self.peek();
            match t.kind {
                Tok::RParen => break,
                Tok::Comma => self.pos = t.end,
                Tok::Ellipsis => {
                    self.pos = t.end;
                    expand_final = true;
                    let c = self.peek();
                    if c.kind != Tok::RParen {
                        return self.unexpected_in(c, open, "`)` right after `...`");
                    }
                    break;
                }
                _ => {
                    return self.unexpected_in(
                        t,
                        open,
                        &format!("`,` or `)` in the arguments of `{name}`"),
                    )
                }
            }
        }
        let close = self.bump();
        self.nl = saved;
        Ok(Expr {
            kind: ExprKind::FuncCall {
                name,
                args,
                expand_final,
            },
            span: self.span(name_tok.start, close.end),
        })
    }

    #[inline(never)]
    fn paren(&mut self, open: Token) -> PResult<Expr> {
        self.pos = open.end;
        let saved = self.nl;
        self.nl = false;
        let inner = self.expr()?;
        let close = self.peek();
        if close.kind != Tok::RParen {
            return self.unexpected_in(close, open, "`)`");
        }
        self.pos = close.end;
        self.nl = saved;
        Ok(Expr {
            kind: ExprKind::Parenthesis(Box::new(inner)),
            span: self.span(open.start, close.end),
        })
    }

    #[inline(never)]
    fn tuple(&mut self, open: Token) -> PResult<Expr> {
        self.pos = open.end;
        let saved = self.nl;
        self.nl = false;
        let t = self.peek();
        if self.is_keyword(t, "for") {
            let e = self.for_expr(open, false)?;
            self.nl = saved;
            return Ok(e);
        }
        let mut items = Vec::new();
        let close = loop {
            let t = self.peek();
            if t.kind == Tok::RBrack {
                break t;
            }
            if t.kind == Tok::Eof {
                return self.unexpected_in(t, open, "");
            }
            items.push(self.expr()?);
            let t = self.peek();
            match t.kind {
                Tok::RBrack => break t,
                Tok::Comma => self.pos = t.end,
                _ => return self.unexpected_in(t, open, "`,` or `]` in the list"),
            }
        };
        self.pos = close.end;
        self.nl = saved;
        Ok(Expr {
            kind: ExprKind::Array(items),
            span: self.span(open.start, close.end),
        })
    }

    #[inline(never)]
    fn object(&mut self, open: Token) -> PResult<Expr> {
        self.pos = open.end;
        let saved = self.nl;
        self.nl = false;
        let t = self.peek();
        if self.is_keyword(t, "for") {
            let e = self.for_expr(open, true)?;
            self.nl = saved;
            return Ok(e);
        }
        // Newlines separate object items.
        self.nl = true;
        let mut items = Vec::new();
        let close = loop {
            let t = self.peek();
            match t.kind {
                Tok::Newline => {
                    self.pos = t.end;
                    continue;
                }
                Tok::RBrace => break t,
                Tok::Eof => return self.unexpected_in(t, open, ""),
                _ => {}
            }
            let key = self.expr()?;
            let key = match key.kind {
                ExprKind::Variable(name) => ObjectKey::Ident(name),
                _ => ObjectKey::Expr(key),
            };
            let t = self.peek();
            match t.kind {
                Tok::Assign | Tok::Colon => self.pos = t.end,
                _ => return self.unexpected_in(t, open, "`=` or `:` after the object key"),
            }
            let value = self.expr()?;
            items.push((key, value));
            let t = self.peek();
            match t.kind {
                Tok::RBrace => break t,
                Tok::Comma | Tok::Newline => self.pos = t.end,
                _ => {
                    return self.unexpected_in(
                        t,
                        open,
                        "a newline, `,` or `}` after the object item",
                    )
                }
            }
        };
        self.pos = close.end;
        self.nl = saved;
        Ok(Expr {
            kind: ExprKind::Object(items),
            span: self.span(open.start, close.end),
        })
    }

    /// A `for` expression; `open` is its `[` or `{`, the next token is `for`.
    fn for_expr(&mut self, open: Token, object: bool) -> PResult<Expr> {
        self.bump();
        let first = self.expect(Tok::Ident, "a variable name after `for`")?;
        let mut key_var = None;
        let mut value_var = self.text(first).to_string();
        if self.peek().kind == Tok::Comma {
            self.bump();
            let second = self.expect(Tok::Ident, "a variable name after `,`")?;
            key_var = Some(value_var);
            value_var = self.text(second).to_string();
        }
        let t = self.peek();
        if !self.is_keyword(t, "in") {
            return self.unexpected(t, "`in` after the `for` variables");
        }
        self.pos = t.end;
        let collection = self.expr()?;
        let t = self.peek();
        if t.kind != Tok::Colon {
            return self.unexpected_in(t, open, "`:` after the collection of the `for` expression");
        }
        self.pos = t.end;
        let first_expr = self.expr()?;
        let t = self.peek();
        let (key_expr, value_expr) = if t.kind == Tok::FatArrow {
            self.pos = t.end;
            (Some(first_expr), self.expr()?)
        } else {
            (None, first_expr)
        };
        if object && key_expr.is_none() {
            let s = value_expr.span;
            return self.error(
                s.start as usize,
                s.end as usize,
                "an object `for` expression needs a key: `key => value`".to_string(),
            );
        }
        if !object {
            if let Some(k) = &key_expr {
                return self.error(
                    k.span.start as usize,
                    value_expr.span.end as usize,
                    "a list `for` expression cannot have a key (`=>`); use `{ for ... }` for an object"
                        .to_string(),
                );
            }
        }
        let mut grouping = false;
        let t = self.peek();
        if t.kind == Tok::Ellipsis {
            if !object {
                return self.error(
                    t.start,
                    t.end,
                    "grouping `...` is only allowed in an object `for` expression".to_string(),
                );
            }
            self.pos = t.end;
            grouping = true;
        }
        let t = self.peek();
        let cond = if self.is_keyword(t, "if") {
            self.pos = t.end;
            Some(self.expr()?)
        } else {
            None
        };
        let (closer, what) = if object {
            (Tok::RBrace, "`}` to end the `for` expression")
        } else {
            (Tok::RBrack, "`]` to end the `for` expression")
        };
        let close = self.peek();
        if close.kind != closer {
            return self.unexpected_in(close, open, what);
        }
        self.pos = close.end;
        Ok(Expr {
            kind: ExprKind::For(Box::new(ForExpr {
                key_var,
                value_var,
                collection,
                key_expr,
                value_expr,
                grouping,
                cond,
            })),
            span: self.span(open.start, close.end),
        })
    }
}

/// The address of a local variable: where the stack is now.
#[inline(always)]
pub(super) fn stack_address() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

/// The value of a number literal (digits, fraction, exponent).
#[inline]
pub(super) fn number_value(text: &str) -> f64 {
    let b = text.as_bytes();
    if b.len() <= 19 && b.iter().all(u8::is_ascii_digit) {
        let mut v: u64 = 0;
        for &c in b {
            v = v * 10 + u64::from(c - b'0');
        }
        return v as f64;
    }
    text.parse::<f64>().unwrap_or(f64::NAN)
}
