//! Terraform's JSON configuration syntax (`.tf.json`) read into the crate's syntax tree, so
//! that evaluation, the model and the rules see a JSON file exactly like a `.tf` file. Every
//! node's span points into the JSON text: a finding on a `.tf.json` file is at its JSON value.
//!
//! The mapping follows Terraform's "JSON Configuration Syntax" page:
//!
//! - the root object's properties are top-level block types; each label is one more level of
//!   object nesting (`"resource": {"TYPE": {"NAME": {body}}}`), and at any level an array of
//!   objects stands for several blocks;
//! - in a block body a property is an argument or a nested block. Terraform decides with the
//!   provider's schema; lblint uses its own (`schema/google-provider.json`) for the resource
//!   types it covers, and Terraform's documented meta-arguments everywhere (`count`,
//!   `for_each`, `provider`, `depends_on`, `lifecycle`, `provisioner`, `connection`,
//!   `dynamic`). **A property that neither names** — any property of a resource type, data
//!   source or provider the schema does not cover, or one the schema does not list — **is read
//!   as an argument**, whatever its value: an object stays an object value and an array of
//!   objects a list of objects. Nothing is invented that way (a value read as a block would
//!   give it blocks Terraform might not), and no rule looks inside resource types the schema
//!   does not cover;
//! - a string where an expression is expected is a string template: `"${var.x}"` is the
//!   expression `var.x` itself. A string with no JSON escape is parsed in place, so every part
//!   of the template has its own span; a string with escapes is parsed from its decoded text
//!   and every part has the span of the whole string;
//! - Terraform's literal arguments stay literal (`variable` `default` and `description`,
//!   `module` `source` and `version`, everything in `terraform`, …), and the arguments that
//!   take references or keywords (`provider`, `depends_on`, `ignore_changes`, `iterator`,
//!   `type`, module `providers`) are parsed as expressions;
//! - properties named `"//"` in the root and in block bodies are comments and are skipped.
//!
//! Errors (a root that is not an object, an unknown top-level block type, a block that is not
//! an object, a template that does not parse, an argument set twice) carry the JSON position.

use super::ast::*;
use super::json::{Json, JsonKind, Member};
use super::parser;
use super::{FileId, Span, SyntaxError};
use crate::schema;

/// Parses a `.tf.json` file's text into the crate's syntax tree.
pub fn parse(text: &str, file: FileId) -> Result<Body, SyntaxError> {
    let root = super::json::parse(text, file)?;
    convert(&root, text, file)
}

/// Converts a parsed `.tf.json` document (`text` is the file's text, for templates).
pub fn convert(root: &Json, text: &str, file: FileId) -> Result<Body, SyntaxError> {
    Converter { text, file }.file(root)
}

/// What the properties of a JSON object standing for a block body are.
#[derive(Clone, Copy)]
enum Kind {
    /// A `resource` or `data` block before its labels are known.
    ResourceDecl {
        managed: bool,
    },
    /// The body of a resource or data block, with the schema of its type when covered.
    Resource(Option<&'static schema::Block>),
    /// A nested block of a resource, with its schema when known.
    Nested(Option<&'static schema::Block>),
    /// A `dynamic` block before its label: the schema of the block it sits in.
    Dynamic(Option<&'static schema::Block>),
    /// A `dynamic` block's body: the schema of the blocks it generates.
    DynamicBody(Option<&'static schema::Block>),
    Lifecycle,
    /// `precondition`, `postcondition`, `validation`.
    Condition,
    Provisioner,
    Connection,
    Variable,
    Output,
    Module,
    Provider,
    Terraform,
    /// Every argument literal, object values included (`required_providers`, `backend`).
    Literal,
    /// Every property an argument holding an expression (`locals`, other block types).
    Arguments,
}

/// How one property of a block body is read.
enum Item {
    /// An argument whose value is an expression (strings are templates).
    Expr,
    /// An argument whose value is taken literally.
    Literal,
    /// An argument whose strings are references or keywords.
    Reference,
    /// Nested blocks with this many labels.
    Block(usize, Kind),
}

impl Kind {
    /// The kind of a block body once its labels are known.
    fn with_labels(self, labels: &[(String, Span)]) -> Kind {
        match (self, labels.first()) {
            (Kind::ResourceDecl { managed: true }, Some((t, _))) => {
                Kind::Resource(schema::resource(t))
            }
            (Kind::ResourceDecl { .. }, _) => Kind::Resource(None),
            (Kind::Dynamic(parent), Some((t, _))) => {
                Kind::DynamicBody(parent.and_then(|p| p.blocks.get(t)))
            }
            (Kind::Dynamic(_), None) => Kind::DynamicBody(None),
            (other, _) => other,
        }
    }

    fn item(self, key: &str) -> Item {
        match self {
            Kind::Resource(s) => match key {
                "count" | "for_each" => Item::Expr,
                "provider" | "depends_on" => Item::Reference,
                "lifecycle" => Item::Block(0, Kind::Lifecycle),
                "provisioner" => Item::Block(1, Kind::Provisioner),
                "connection" => Item::Block(0, Kind::Connection),
                "dynamic" => Item::Block(1, Kind::Dynamic(s)),
                _ => schema_item(s, key),
            },
            Kind::Nested(s) => match key {
                "dynamic" => Item::Block(1, Kind::Dynamic(s)),
                _ => schema_item(s, key),
            },
            Kind::DynamicBody(s) => match key {
                "iterator" => Item::Reference,
                "content" => Item::Block(0, Kind::Nested(s)),
                _ => Item::Expr,
            },
            Kind::Lifecycle => match key {
                "create_before_destroy" | "prevent_destroy" => Item::Literal,
                "ignore_changes" | "replace_triggered_by" => Item::Reference,
                "precondition" | "postcondition" => Item::Block(0, Kind::Condition),
                _ => Item::Expr,
            },
            Kind::Provisioner => match key {
                "when" | "on_failure" => Item::Reference,
                "connection" => Item::Block(0, Kind::Connection),
                _ => Item::Expr,
            },
            Kind::Connection => match key {
                "type" => Item::Literal,
                _ => Item::Expr,
            },
            Kind::Variable => match key {
                "type" => Item::Reference,
                "validation" => Item::Block(0, Kind::Condition),
                _ => Item::Literal,
            },
            Kind::Output => match key {
                "description" | "sensitive" | "ephemeral" => Item::Literal,
                "depends_on" => Item::Reference,
                "precondition" => Item::Block(0, Kind::Condition),
                _ => Item::Expr,
            },
            Kind::Module => match key {
                "source" | "version" => Item::Literal,
                "providers" | "depends_on" => Item::Reference,
                _ => Item::Expr,
            },
            Kind::Provider => match key {
                "alias" | "version" => Item::Literal,
                _ => Item::Expr,
            },
            Kind::Terraform => match key {
                "required_providers" | "cloud" => Item::Block(0, Kind::Literal),
                "backend" | "provider_meta" => Item::Block(1, Kind::Literal),
                _ => Item::Literal,
            },
            Kind::Literal => Item::Literal,
            Kind::Condition | Kind::Arguments | Kind::ResourceDecl { .. } | Kind::Dynamic(_) => {
                Item::Expr
            }
        }
    }
}

/// A property of a resource's body or nested block, as its schema says (an argument when the
/// schema does not know it: see the module documentation).
fn schema_item(s: Option<&'static schema::Block>, key: &str) -> Item {
    match s.and_then(|s| s.blocks.get(key)) {
        Some(block) => Item::Block(0, Kind::Nested(Some(block))),
        None => Item::Expr,
    }
}

/// The top-level block types and how many labels each has.
fn top_level(key: &str) -> Option<(usize, Kind)> {
    Some(match key {
        "resource" => (2, Kind::ResourceDecl { managed: true }),
        "data" => (2, Kind::ResourceDecl { managed: false }),
        "variable" => (1, Kind::Variable),
        "output" => (1, Kind::Output),
        "module" => (1, Kind::Module),
        "provider" => (1, Kind::Provider),
        "locals" => (0, Kind::Arguments),
        "terraform" => (0, Kind::Terraform),
        "check" => (1, Kind::Arguments),
        "moved" | "import" | "removed" => (0, Kind::Arguments),
        _ => return None,
    })
}

const TOP_LEVEL: &str =
    "resource, data, variable, output, locals, module, provider, terraform, check, moved, import or removed";

struct Converter<'t> {
    text: &'t str,
    file: FileId,
}

fn error(span: Span, message: String) -> SyntaxError {
    SyntaxError { span, message }
}

impl Converter<'_> {
    fn line_of(&self, offset: u32) -> usize {
        let end = (offset as usize).min(self.text.len());
        memchr::memchr_iter(b'\n', &self.text.as_bytes()[..end]).count() + 1
    }

    fn file(&self, root: &Json) -> Result<Body, SyntaxError> {
        let Some(members) = root.members() else {
            return Err(error(
                root.span,
                format!(
                    "the root of a .tf.json file must be an object whose properties are block types, found {} {}",
                    article(root.type_name()),
                    root.type_name()
                ),
            ));
        };
        let mut body = Body::default();
        for m in members {
            if m.key == "//" {
                continue;
            }
            let Some((labels, kind)) = top_level(&m.key) else {
                return Err(error(
                    m.key_span,
                    format!(
                        "`{}` is not a block type Terraform accepts at the top level of a configuration (expected {TOP_LEVEL})",
                        m.key
                    ),
                ));
            };
            self.blocks(
                m,
                &m.value,
                labels,
                &mut Vec::new(),
                kind,
                m.key_span.start,
                &mut body.blocks,
            )?;
        }
        Ok(body)
    }

    /// The blocks named by property `ident` whose value (at this level) is `value`, with
    /// `left` labels still to read; `start` is where the block's span starts.
    #[allow(clippy::too_many_arguments)]
    fn blocks(
        &self,
        ident: &Member,
        value: &Json,
        left: usize,
        labels: &mut Vec<(String, Span)>,
        kind: Kind,
        start: u32,
        out: &mut Vec<Block>,
    ) -> Result<(), SyntaxError> {
        match &value.kind {
            JsonKind::Array(items) => {
                for item in items {
                    if !matches!(item.kind, JsonKind::Object(_)) {
                        return Err(self.not_a_block(ident, item, left, labels));
                    }
                    self.blocks(ident, item, left, labels, kind, item.span.start, out)?;
                }
                Ok(())
            }
            JsonKind::Object(members) if left > 0 => {
                for m in members {
                    if m.key == "//" {
                        continue;
                    }
                    labels.push((m.key.clone(), m.key_span));
                    let r = self.blocks(
                        ident,
                        &m.value,
                        left - 1,
                        labels,
                        kind,
                        m.key_span.start,
                        out,
                    );
                    labels.pop();
                    r?;
                }
                Ok(())
            }
            JsonKind::Object(members) => {
                let body = self.body(members, kind.with_labels(labels))?;
                out.push(Block {
                    ident: ident.key.clone(),
                    ident_span: ident.key_span,
                    labels: labels.clone(),
                    body,
                    span: Span {
                        file: self.file,
                        start,
                        end: value.span.end,
                    },
                });
                Ok(())
            }
            _ => Err(self.not_a_block(ident, value, left, labels)),
        }
    }

    fn not_a_block(
        &self,
        ident: &Member,
        value: &Json,
        left: usize,
        labels: &[(String, Span)],
    ) -> SyntaxError {
        let what = if left > 0 {
            format!(
                "an object whose properties are its {} labels",
                if labels.is_empty() { "block" } else { "next" }
            )
        } else {
            "an object (its body) or an array of objects".to_string()
        };
        let mut header = ident.key.clone();
        for (l, _) in labels {
            header.push_str(&format!(" \"{l}\""));
        }
        error(
            value.span,
            format!(
                "`{header}` is a block: its value must be {what}, found {} {}",
                article(value.type_name()),
                value.type_name()
            ),
        )
    }

    fn body(&self, members: &[Member], kind: Kind) -> Result<Body, SyntaxError> {
        let mut body = Body::default();
        for m in members {
            if m.key == "//" {
                continue;
            }
            let value = match kind.item(&m.key) {
                Item::Block(labels, k) => {
                    self.blocks(
                        m,
                        &m.value,
                        labels,
                        &mut Vec::new(),
                        k,
                        m.key_span.start,
                        &mut body.blocks,
                    )?;
                    continue;
                }
                Item::Expr => self.expr(&m.value)?,
                Item::Literal => literal(&m.value),
                Item::Reference => self.reference(&m.value)?,
            };
            if let Some(first) = body.attributes.iter().find(|a| a.key == m.key) {
                return Err(error(
                    m.key_span,
                    format!(
                        "the argument `{}` is set twice in this block (first on line {})",
                        m.key,
                        self.line_of(first.key_span.start)
                    ),
                ));
            }
            body.attributes.push(Attribute {
                key: m.key.clone(),
                key_span: m.key_span,
                span: Span {
                    file: self.file,
                    start: m.key_span.start,
                    end: m.value.span.end,
                },
                value,
            });
        }
        Ok(body)
    }

    /// A JSON value where an expression is expected.
    fn expr(&self, v: &Json) -> Result<Expr, SyntaxError> {
        let kind = match &v.kind {
            JsonKind::String(s) => return self.template(s, v.span),
            JsonKind::Array(items) => ExprKind::Array(
                items
                    .iter()
                    .map(|i| self.expr(i))
                    .collect::<Result<_, _>>()?,
            ),
            JsonKind::Object(members) => ExprKind::Object(
                members
                    .iter()
                    .map(|m| {
                        let key = self.template(&m.key, m.key_span)?;
                        Ok((ObjectKey::Expr(key), self.expr(&m.value)?))
                    })
                    .collect::<Result<_, SyntaxError>>()?,
            ),
            _ => return Ok(literal(v)),
        };
        Ok(Expr { kind, span: v.span })
    }

    /// A JSON value whose strings are references or keywords (`"google.beta"`, `"all"`).
    fn reference(&self, v: &Json) -> Result<Expr, SyntaxError> {
        let kind = match &v.kind {
            JsonKind::String(s) => {
                return self.parse_in_string(s, v.span, parser::parse_expression);
            }
            JsonKind::Array(items) => ExprKind::Array(
                items
                    .iter()
                    .map(|i| self.reference(i))
                    .collect::<Result<_, _>>()?,
            ),
            JsonKind::Object(members) => ExprKind::Object(
                members
                    .iter()
                    .map(|m| {
                        let key = Expr {
                            kind: ExprKind::String(m.key.clone()),
                            span: m.key_span,
                        };
                        Ok((ObjectKey::Expr(key), self.reference(&m.value)?))
                    })
                    .collect::<Result<_, SyntaxError>>()?,
            ),
            _ => return Ok(literal(v)),
        };
        Ok(Expr { kind, span: v.span })
    }

    /// A JSON string read as a template.
    fn template(&self, value: &str, span: Span) -> Result<Expr, SyntaxError> {
        if !value.contains("${") && !value.contains("%{") {
            return Ok(Expr {
                kind: ExprKind::String(value.to_string()),
                span,
            });
        }
        self.parse_in_string(value, span, parser::parse_template)
    }

    /// Parses a JSON string's text with `parse`: in place when the string has no escape
    /// (spans point into the file), else from its decoded value (every span is the string's).
    /// The result's own span is the whole string, quotes included, as in HCL.
    fn parse_in_string(
        &self,
        value: &str,
        span: Span,
        parse: fn(&str, FileId, usize) -> Result<Expr, SyntaxError>,
    ) -> Result<Expr, SyntaxError> {
        let (open, close) = (span.start as usize + 1, span.end as usize - 1);
        let raw = self.text.get(open..close).unwrap_or("");
        // The parser sees the string's text alone: its end is the end of the string.
        let in_string = |mut e: SyntaxError| {
            e.message = e
                .message
                .replace("the end of the file", "the end of the string");
            e
        };
        let mut expr = if !raw.contains('\\') {
            parse(&self.text[..close], self.file, open).map_err(in_string)?
        } else {
            let mut e =
                parse(value, self.file, 0).map_err(|e| error(span, in_string(e).message))?;
            respan(&mut e, span);
            e
        };
        expr.span = span;
        Ok(expr)
    }
}

/// "a" or "an" before a JSON type name.
fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'o']) {
        "an"
    } else {
        "a"
    }
}

/// A JSON value taken literally: strings are not templates.
fn literal(v: &Json) -> Expr {
    let kind = match &v.kind {
        JsonKind::Null => ExprKind::Null,
        JsonKind::Bool(b) => ExprKind::Bool(*b),
        JsonKind::Number(n) => ExprKind::Number(*n),
        JsonKind::String(s) => ExprKind::String(s.clone()),
        JsonKind::Array(items) => ExprKind::Array(items.iter().map(literal).collect()),
        JsonKind::Object(members) => ExprKind::Object(
            members
                .iter()
                .map(|m| {
                    let key = Expr {
                        kind: ExprKind::String(m.key.clone()),
                        span: m.key_span,
                    };
                    (ObjectKey::Expr(key), literal(&m.value))
                })
                .collect(),
        ),
    };
    Expr { kind, span: v.span }
}

/// Gives every node of an expression the span `span`.
fn respan(e: &mut Expr, span: Span) {
    e.span = span;
    match &mut e.kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Number(_)
        | ExprKind::String(_)
        | ExprKind::Variable(_) => {}
        ExprKind::Template(parts) => {
            for p in parts {
                if let TemplatePart::Interpolation(x) = p {
                    respan(x, span);
                }
            }
        }
        ExprKind::Array(items) => items.iter_mut().for_each(|x| respan(x, span)),
        ExprKind::Object(items) => {
            for (k, v) in items {
                if let ObjectKey::Expr(k) = k {
                    respan(k, span);
                }
                respan(v, span);
            }
        }
        ExprKind::Traversal(base, steps) => {
            respan(base, span);
            for s in steps {
                if let Traverse::Index(x) = s {
                    respan(x, span);
                }
            }
        }
        ExprKind::FuncCall { args, .. } => args.iter_mut().for_each(|x| respan(x, span)),
        ExprKind::Conditional(a, b, c) => {
            respan(a, span);
            respan(b, span);
            respan(c, span);
        }
        ExprKind::Unary(_, x) | ExprKind::Parenthesis(x) => respan(x, span),
        ExprKind::Binary(_, a, b) => {
            respan(a, span);
            respan(b, span);
        }
        ExprKind::For(f) => {
            respan(&mut f.collection, span);
            if let Some(k) = &mut f.key_expr {
                respan(k, span);
            }
            respan(&mut f.value_expr, span);
            if let Some(c) = &mut f.cond {
                respan(c, span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(text: &str) -> Body {
        parse(text, 7).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    fn slice(text: &str, s: Span) -> &str {
        &text[s.start as usize..s.end as usize]
    }

    fn local<'a>(body: &'a Body, name: &str) -> &'a Expr {
        &body
            .blocks_of("locals")
            .flat_map(|b| &b.body.attributes)
            .find(|a| a.key == name)
            .unwrap_or_else(|| panic!("local {name}"))
            .value
    }

    /// A variable's name or a traversal's `root.attr.attr` path.
    fn path(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Variable(v) => v.clone(),
            ExprKind::Traversal(base, steps) => {
                let mut s = path(base);
                for t in steps {
                    if let Traverse::Attr(a) = t {
                        s.push('.');
                        s.push_str(a);
                    }
                }
                s
            }
            other => panic!("not a reference: {other:?}"),
        }
    }

    #[test]
    fn templates_are_parsed_in_place_with_spans_into_the_json() {
        let text =
            r#"{"locals": {"a": "x-${var.y}", "b": "${var.z}", "c": "$${lit}", "d": "plain"}}"#;
        let body = conv(text);
        let a = local(&body, "a");
        assert_eq!(slice(text, a.span), r#""x-${var.y}""#);
        let ExprKind::Template(parts) = &a.kind else {
            panic!("{a:?}")
        };
        assert!(matches!(&parts[0], TemplatePart::Literal(s) if s == "x-"));
        let TemplatePart::Interpolation(y) = &parts[1] else {
            panic!("{parts:?}")
        };
        assert_eq!((path(y).as_str(), slice(text, y.span)), ("var.y", "var.y"));
        // A lone interpolation: the expression itself when evaluated (one part).
        let b = local(&body, "b");
        assert!(matches!(&b.kind, ExprKind::Template(p) if p.len() == 1));
        assert!(matches!(&local(&body, "c").kind, ExprKind::String(s) if s == "${lit}"));
        let d = local(&body, "d");
        assert!(matches!(&d.kind, ExprKind::String(s) if s == "plain"));
        assert_eq!(slice(text, d.span), "\"plain\"");
    }

    #[test]
    fn a_template_with_escapes_has_the_whole_string_span() {
        let text = r#"{"locals": {"a": "${lookup(var.m, \"k\")}"}}"#;
        let body = conv(text);
        let a = local(&body, "a");
        let ExprKind::Template(parts) = &a.kind else {
            panic!("{a:?}")
        };
        let TemplatePart::Interpolation(call) = &parts[0] else {
            panic!()
        };
        let ExprKind::FuncCall { name, args, .. } = &call.kind else {
            panic!("{call:?}")
        };
        assert_eq!(name, "lookup");
        assert!(matches!(&args[1].kind, ExprKind::String(s) if s == "k"));
        for s in [a.span, call.span, args[0].span, args[1].span] {
            assert_eq!(slice(text, s), r#""${lookup(var.m, \"k\")}""#);
        }
    }

    #[test]
    fn literal_and_reference_arguments_follow_terraform() {
        let text = r#"{
  "variable": {"v": {"type": "list(string)", "default": ["${x}"], "description": "${y}"}},
  "module": {"m": {"source": "./${z}", "providers": {"google": "google.beta"}, "n": "${var.a}"}},
  "resource": {"google_compute_url_map": {"u": {
    "provider": "google.beta",
    "depends_on": ["google_compute_backend_service.b"],
    "lifecycle": {"ignore_changes": "all", "create_before_destroy": true}
  }}},
  "terraform": {"required_version": ">= 1.5", "required_providers": {"google": {"source": "hashicorp/google", "version": "~> ${v}"}}}
}"#;
        let body = conv(text);
        let var = body.blocks_of("variable").next().unwrap();
        let ty = &var.body.attribute("type").unwrap().value;
        assert!(matches!(&ty.kind, ExprKind::FuncCall { name, .. } if name == "list"));
        let default = &var.body.attribute("default").unwrap().value;
        assert!(
            matches!(&default.kind, ExprKind::Array(i) if matches!(&i[0].kind, ExprKind::String(s) if s == "${x}"))
        );
        let desc = &var.body.attribute("description").unwrap().value;
        assert!(matches!(&desc.kind, ExprKind::String(s) if s == "${y}"));

        let m = body.blocks_of("module").next().unwrap();
        assert!(
            matches!(&m.body.attribute("source").unwrap().value.kind, ExprKind::String(s) if s == "./${z}")
        );
        let ExprKind::Object(p) = &m.body.attribute("providers").unwrap().value.kind else {
            panic!()
        };
        assert_eq!(path(&p[0].1), "google.beta");
        assert!(matches!(
            &m.body.attribute("n").unwrap().value.kind,
            ExprKind::Template(_)
        ));

        let r = body.blocks_of("resource").next().unwrap();
        assert_eq!(
            path(&r.body.attribute("provider").unwrap().value),
            "google.beta"
        );
        let ExprKind::Array(deps) = &r.body.attribute("depends_on").unwrap().value.kind else {
            panic!()
        };
        assert_eq!(path(&deps[0]), "google_compute_backend_service.b");
        assert_eq!(
            slice(text, deps[0].span),
            "\"google_compute_backend_service.b\""
        );
        let lc = r.body.blocks_of("lifecycle").next().unwrap();
        assert_eq!(
            path(&lc.body.attribute("ignore_changes").unwrap().value),
            "all"
        );

        let tf = body.blocks_of("terraform").next().unwrap();
        let rp = tf.body.blocks_of("required_providers").next().unwrap();
        let ExprKind::Object(g) = &rp.body.attribute("google").unwrap().value.kind else {
            panic!()
        };
        assert!(matches!(&g[1].1.kind, ExprKind::String(s) if s == "~> ${v}"));
    }

    #[test]
    fn blocks_or_arguments_follow_the_schema_and_unknown_names_are_arguments() {
        let text = r#"{
  "//": "generated",
  "resource": {
    "google_compute_url_map": {"u": {
      "//": "a comment",
      "host_rule": [{"hosts": ["a"]}, {"hosts": ["b"]}],
      "path_matcher": {"name": "m", "path_rule": {"paths": ["/ws"]}},
      "not_in_schema": {"a": 1},
      "dynamic": {"path_matcher": {"for_each": "${var.pm}", "iterator": "pm",
        "content": {"name": "${pm.key}", "path_rule": {"paths": ["/x"]}}}}
    }},
    "other_type": {"o": {"block_like": {"a": 1}, "list_like": [{"b": 2}]}}
  }
}"#;
        let body = conv(text);
        let mut resources = body.blocks_of("resource");
        let u = resources.next().unwrap();
        assert_eq!(
            u.labels.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(),
            ["google_compute_url_map", "u"]
        );
        assert_eq!(
            &text[u.span.start as usize..u.span.start as usize + 4],
            "\"u\":"
        );
        assert_eq!(u.body.blocks_of("host_rule").count(), 2);
        let pm = u.body.blocks_of("path_matcher").next().unwrap();
        assert_eq!(pm.body.blocks_of("path_rule").count(), 1);
        assert!(u.body.attribute("not_in_schema").is_some());
        assert!(u.body.attribute("//").is_none());
        let dynamic = u.body.blocks_of("dynamic").next().unwrap();
        assert_eq!(dynamic.labels[0].0, "path_matcher");
        assert!(
            matches!(&dynamic.body.attribute("iterator").unwrap().value.kind, ExprKind::Variable(v) if v == "pm")
        );
        let content = dynamic.body.blocks_of("content").next().unwrap();
        // The content is read with the schema of `path_matcher`: `path_rule` is a block.
        assert_eq!(content.body.blocks_of("path_rule").count(), 1);

        let o = resources.next().unwrap();
        assert!(o.body.blocks.is_empty());
        assert!(matches!(
            &o.body.attribute("block_like").unwrap().value.kind,
            ExprKind::Object(_)
        ));
        assert!(matches!(
            &o.body.attribute("list_like").unwrap().value.kind,
            ExprKind::Array(_)
        ));
    }

    #[test]
    fn labels_may_be_given_as_arrays_of_objects() {
        let text = r#"{"provider": {"google": [{"region": "a"}, {"alias": "b", "region": "b"}]},
  "output": [{"x": {"value": "${1}"}}, {"y": {"value": 2}}]}"#;
        let body = conv(text);
        let providers: Vec<_> = body.blocks_of("provider").collect();
        assert_eq!(providers.len(), 2);
        assert!(providers.iter().all(|p| p.labels[0].0 == "google"));
        assert_eq!(
            slice(text, providers[1].span),
            r#"{"alias": "b", "region": "b"}"#
        );
        let outputs: Vec<&str> = body
            .blocks_of("output")
            .map(|o| o.labels[0].0.as_str())
            .collect();
        assert_eq!(outputs, ["x", "y"]);
    }
}
