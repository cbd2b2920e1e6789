//! The crate's own syntax tree: just what evaluation needs, every node with its span.

use super::Span;

/// A parsed file: its body and its comments.
#[derive(Debug, Clone, Default)]
pub struct File {
    pub body: Body,
    /// Every comment outside strings and heredocs, in source order.
    pub comments: Vec<Comment>,
}

/// A comment: `# ...` or `// ...` (the span ends before the line break) or `/* ... */`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub kind: CommentKind,
}

impl Comment {
    /// The comment's text in the file's `src`, markers included.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.span.start as usize..self.span.end as usize)
            .unwrap_or("")
    }

    /// The text between the markers (`#`, `//`, or `/*` and `*/`).
    pub fn content<'a>(&self, src: &'a str) -> &'a str {
        let t = self.text(src);
        match self.kind {
            CommentKind::Hash => t.strip_prefix('#').unwrap_or(t),
            CommentKind::DoubleSlash => t.strip_prefix("//").unwrap_or(t),
            CommentKind::Block => {
                let t = t.strip_prefix("/*").unwrap_or(t);
                t.strip_suffix("*/").unwrap_or(t)
            }
        }
    }

    /// Offset in the file of the text [`Comment::content`] returns.
    pub fn content_start(&self) -> usize {
        self.span.start as usize
            + match self.kind {
                CommentKind::Hash => 1,
                CommentKind::DoubleSlash | CommentKind::Block => 2,
            }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `# ...`
    Hash,
    /// `// ...`
    DoubleSlash,
    /// `/* ... */`
    Block,
}

#[derive(Debug, Clone, Default)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attribute(&self, key: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.key == key)
    }

    pub fn blocks_of<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.ident == ident)
    }
}

#[derive(Debug, Clone)]
pub struct Attribute {
    pub key: String,
    pub key_span: Span,
    pub value: Expr,
    /// The whole `key = value` statement.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub ident: String,
    pub ident_span: Span,
    pub labels: Vec<(String, Span)>,
    pub body: Body,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A string or heredoc with interpolations or directives.
    Template(Vec<TemplatePart>),
    Array(Vec<Expr>),
    Object(Vec<(ObjectKey, Expr)>),
    Variable(String),
    Traversal(Box<Expr>, Vec<Traverse>),
    FuncCall {
        name: String,
        args: Vec<Expr>,
        expand_final: bool,
    },
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    For(Box<ForExpr>),
    Parenthesis(Box<Expr>),
}

#[derive(Debug, Clone)]
pub enum ObjectKey {
    Ident(String),
    Expr(Expr),
}

#[derive(Debug, Clone)]
pub enum Traverse {
    Attr(String),
    Index(Expr),
    LegacyIndex(u64),
    Splat,
}

#[derive(Debug, Clone)]
pub enum TemplatePart {
    Literal(String),
    Interpolation(Expr),
    /// An `%{if}` or `%{for}` directive: evaluation treats the template as unknown.
    Directive,
}

#[derive(Debug, Clone)]
pub struct ForExpr {
    pub key_var: Option<String>,
    pub value_var: String,
    pub collection: Expr,
    pub key_expr: Option<Expr>,
    pub value_expr: Expr,
    pub grouping: bool,
    pub cond: Option<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    LessEq,
    GreaterEq,
    Less,
    Greater,
    Plus,
    Minus,
    Mul,
    Div,
    Mod,
    And,
    Or,
}
