//! The crate's own syntax tree: just what evaluation needs, every node with its span.

use super::Span;

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
