//! Conversion from hcl-edit's tree to the crate's own [`ast`](super::ast).

use super::ast::*;
use super::{FileId, Span};
use hcl_edit::expr::{self as hx, Expression};
use hcl_edit::structure as hs;
use hcl_edit::template as ht;
use hcl_edit::Span as _;

struct Conv {
    file: FileId,
}

impl Conv {
    fn span(&self, r: Option<std::ops::Range<usize>>) -> Span {
        let r = r.unwrap_or(0..0);
        Span::new(self.file, r.start, r.end)
    }

    fn body(&self, body: &hs::Body) -> Body {
        let mut out = Body::default();
        for structure in body.iter() {
            match structure {
                hs::Structure::Attribute(attr) => out.attributes.push(Attribute {
                    key: attr.key.as_str().to_string(),
                    key_span: self.span(attr.key.span()),
                    value: self.expr(&attr.value),
                    span: self.span(attr.span()),
                }),
                hs::Structure::Block(block) => out.blocks.push(self.block(block)),
            }
        }
        out
    }

    fn block(&self, block: &hs::Block) -> Block {
        Block {
            ident: block.ident.as_str().to_string(),
            ident_span: self.span(block.ident.span()),
            labels: block
                .labels
                .iter()
                .map(|l| {
                    let span = match l {
                        hs::BlockLabel::Ident(i) => i.span(),
                        hs::BlockLabel::String(s) => s.span(),
                    };
                    (l.as_str().to_string(), self.span(span))
                })
                .collect(),
            body: self.body(&block.body),
            span: self.span(block.span()),
        }
    }

    fn expr(&self, expr: &Expression) -> Expr {
        let span = self.span(expr.span());
        let kind = match expr {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => ExprKind::Number(n.value().as_f64().unwrap_or(f64::NAN)),
            Expression::String(s) => ExprKind::String(s.value().clone()),
            Expression::Array(a) => ExprKind::Array(a.iter().map(|e| self.expr(e)).collect()),
            Expression::Object(o) => ExprKind::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            hx::ObjectKey::Ident(i) => ObjectKey::Ident(i.as_str().to_string()),
                            hx::ObjectKey::Expression(e) => ObjectKey::Expr(self.expr(e)),
                        };
                        (key, self.expr(v.expr()))
                    })
                    .collect(),
            ),
            Expression::StringTemplate(t) => ExprKind::Template(self.template(t.iter(), None)),
            Expression::HeredocTemplate(h) => {
                ExprKind::Template(self.template(h.template.iter(), h.indent()))
            }
            Expression::Parenthesis(p) => ExprKind::Parenthesis(Box::new(self.expr(p.inner()))),
            Expression::Variable(v) => ExprKind::Variable(v.as_str().to_string()),
            Expression::Conditional(c) => ExprKind::Conditional(
                Box::new(self.expr(&c.cond_expr)),
                Box::new(self.expr(&c.true_expr)),
                Box::new(self.expr(&c.false_expr)),
            ),
            Expression::FuncCall(f) => {
                let mut name = String::new();
                for ns in &f.name.namespace {
                    name.push_str(ns.as_str());
                    name.push_str("::");
                }
                name.push_str(f.name.name.as_str());
                ExprKind::FuncCall {
                    name,
                    args: f.args.iter().map(|e| self.expr(e)).collect(),
                    expand_final: f.args.expand_final(),
                }
            }
            Expression::Traversal(t) => ExprKind::Traversal(
                Box::new(self.expr(&t.expr)),
                t.operators
                    .iter()
                    .map(|op| match op.value() {
                        hx::TraversalOperator::GetAttr(i) => Traverse::Attr(i.as_str().to_string()),
                        hx::TraversalOperator::Index(e) => Traverse::Index(self.expr(e)),
                        hx::TraversalOperator::LegacyIndex(i) => Traverse::LegacyIndex(*i.value()),
                        hx::TraversalOperator::AttrSplat(_)
                        | hx::TraversalOperator::FullSplat(_) => Traverse::Splat,
                    })
                    .collect(),
            ),
            Expression::UnaryOp(u) => ExprKind::Unary(
                match u.operator.value() {
                    hx::UnaryOperator::Neg => UnaryOp::Neg,
                    hx::UnaryOperator::Not => UnaryOp::Not,
                },
                Box::new(self.expr(&u.expr)),
            ),
            Expression::BinaryOp(b) => {
                use hx::BinaryOperator as B;
                let op = match b.operator.value() {
                    B::Eq => BinaryOp::Eq,
                    B::NotEq => BinaryOp::NotEq,
                    B::LessEq => BinaryOp::LessEq,
                    B::GreaterEq => BinaryOp::GreaterEq,
                    B::Less => BinaryOp::Less,
                    B::Greater => BinaryOp::Greater,
                    B::Plus => BinaryOp::Plus,
                    B::Minus => BinaryOp::Minus,
                    B::Mul => BinaryOp::Mul,
                    B::Div => BinaryOp::Div,
                    B::Mod => BinaryOp::Mod,
                    B::And => BinaryOp::And,
                    B::Or => BinaryOp::Or,
                };
                ExprKind::Binary(
                    op,
                    Box::new(self.expr(&b.lhs_expr)),
                    Box::new(self.expr(&b.rhs_expr)),
                )
            }
            Expression::ForExpr(f) => ExprKind::For(Box::new(ForExpr {
                key_var: f.intro.key_var.as_ref().map(|k| k.as_str().to_string()),
                value_var: f.intro.value_var.as_str().to_string(),
                collection: self.expr(&f.intro.collection_expr),
                key_expr: f.key_expr.as_ref().map(|e| self.expr(e)),
                value_expr: self.expr(&f.value_expr),
                grouping: f.grouping,
                cond: f.cond.as_ref().map(|c| self.expr(&c.expr)),
            })),
        };
        Expr { kind, span }
    }

    fn template<'a>(
        &self,
        elements: impl Iterator<Item = &'a ht::Element>,
        indent: Option<usize>,
    ) -> Vec<TemplatePart> {
        let mut parts: Vec<TemplatePart> = elements
            .map(|e| match e {
                ht::Element::Literal(s) => TemplatePart::Literal(s.value().clone()),
                ht::Element::Interpolation(i) => TemplatePart::Interpolation(self.expr(&i.expr)),
                ht::Element::Directive(_) => TemplatePart::Directive,
            })
            .collect();
        if let Some(n) = indent {
            // An indented heredoc (`<<-`): strip the common indentation from literal lines.
            let only_literals = parts.iter().all(|p| matches!(p, TemplatePart::Literal(_)));
            if only_literals {
                let text: String = parts
                    .iter()
                    .map(|p| match p {
                        TemplatePart::Literal(s) => s.as_str(),
                        _ => "",
                    })
                    .collect();
                let dedented: String = text
                    .split_inclusive('\n')
                    .map(|line| {
                        let strip = line
                            .char_indices()
                            .take_while(|(i, c)| *i < n && (*c == ' ' || *c == '\t'))
                            .count();
                        &line[strip..]
                    })
                    .collect();
                parts = vec![TemplatePart::Literal(dedented)];
            } else {
                parts.push(TemplatePart::Directive);
            }
        }
        parts
    }
}

pub(super) fn body(file: FileId, body: &hs::Body) -> Body {
    Conv { file }.body(body)
}
