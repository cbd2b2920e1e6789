//! Tests of the native parser: one group per syntax feature (AST shape and
//! spans), errors, limits, a differential test against the hcl-edit
//! conversion, and the fixture sets under `fixtures/syntax*`.

use super::MAX_DEPTH;
use crate::syntax::ast::*;
// `parse` is hcl-edit (the reference), `parse_native` the parser under test.
use crate::syntax::{
    parse as parse_native, parse_hcl_edit as parse, SourceFile, Span, SyntaxError,
};
use std::path::{Path, PathBuf};

// ----- helpers -----

fn source(text: &str) -> SourceFile {
    SourceFile::new(
        0,
        PathBuf::from("test.tf"),
        "test.tf".to_string(),
        text.to_string(),
    )
}

#[track_caller]
fn parse_ok(text: &str) -> Body {
    match parse_native(&source(text)) {
        Ok(body) => body,
        Err(e) => panic!("{text:?} failed to parse: {e:?}"),
    }
}

#[track_caller]
fn parse_err(text: &str) -> SyntaxError {
    match parse_native(&source(text)) {
        Ok(body) => panic!("{text:?} parsed but should not: {body:?}"),
        Err(e) => e,
    }
}

/// The value of `x = <v>` and the text it was parsed from.
#[track_caller]
fn value(v: &str) -> (Expr, String) {
    let text = format!("x = {v}\n");
    let body = parse_ok(&text);
    assert_eq!(body.attributes.len(), 1, "{text:?}");
    (body.attributes[0].value.clone(), text)
}

fn at(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// The line and column where an error starts.
fn err_pos(text: &str) -> (usize, usize, String) {
    let file = source(text);
    let e = parse_native(&file).expect_err("should fail");
    let p = file.position(e.span.start as usize);
    (p.line, p.column, e.message)
}

fn var(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Variable(v) => v,
        k => panic!("not a variable: {k:?}"),
    }
}

fn num(e: &Expr) -> f64 {
    match &e.kind {
        ExprKind::Number(n) => *n,
        k => panic!("not a number: {k:?}"),
    }
}

fn string(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::String(s) => s,
        k => panic!("not a string: {k:?}"),
    }
}

fn parts(e: &Expr) -> &[TemplatePart] {
    match &e.kind {
        ExprKind::Template(p) => p,
        k => panic!("not a template: {k:?}"),
    }
}

fn lit(p: &TemplatePart) -> &str {
    match p {
        TemplatePart::Literal(s) => s,
        p => panic!("not a literal: {p:?}"),
    }
}

fn interp(p: &TemplatePart) -> &Expr {
    match p {
        TemplatePart::Interpolation(e) => e,
        p => panic!("not an interpolation: {p:?}"),
    }
}

fn binary(e: &Expr) -> (BinaryOp, &Expr, &Expr) {
    match &e.kind {
        ExprKind::Binary(op, l, r) => (*op, l, r),
        k => panic!("not a binary operation: {k:?}"),
    }
}

fn traversal(e: &Expr) -> (&Expr, &[Traverse]) {
    match &e.kind {
        ExprKind::Traversal(t, ops) => (t, ops),
        k => panic!("not a traversal: {k:?}"),
    }
}

fn call(e: &Expr) -> (&str, &[Expr], bool) {
    match &e.kind {
        ExprKind::FuncCall {
            name,
            args,
            expand_final,
        } => (name, args, *expand_final),
        k => panic!("not a call: {k:?}"),
    }
}

fn object(e: &Expr) -> &[(ObjectKey, Expr)] {
    match &e.kind {
        ExprKind::Object(items) => items,
        k => panic!("not an object: {k:?}"),
    }
}

fn array(e: &Expr) -> &[Expr] {
    match &e.kind {
        ExprKind::Array(items) => items,
        k => panic!("not an array: {k:?}"),
    }
}

fn for_expr(e: &Expr) -> &ForExpr {
    match &e.kind {
        ExprKind::For(f) => f,
        k => panic!("not a for expression: {k:?}"),
    }
}

fn conditional(e: &Expr) -> (&Expr, &Expr, &Expr) {
    match &e.kind {
        ExprKind::Conditional(c, t, f) => (c, t, f),
        k => panic!("not a conditional: {k:?}"),
    }
}

fn key_ident(k: &ObjectKey) -> &str {
    match k {
        ObjectKey::Ident(s) => s,
        k => panic!("not an identifier key: {k:?}"),
    }
}

/// Runs `f` on a thread with a 2 MiB stack (the test harness default), so
/// stack limits are checked the same way whatever `RUST_MIN_STACK` says.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the parser overflowed or panicked on a 2 MiB stack");
}

// ----- bodies -----

#[test]
fn attributes_and_their_spans() {
    let text = "a = 1\nbb   =   \"x\" # comment\nc = [1,\n  2] // trailing\n";
    let body = parse_ok(text);
    let a: Vec<_> = body.attributes.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(a, ["a", "bb", "c"]);
    assert_eq!(at(text, body.attributes[0].span), "a = 1");
    assert_eq!(at(text, body.attributes[1].span), "bb   =   \"x\"");
    assert_eq!(at(text, body.attributes[1].key_span), "bb");
    assert_eq!(at(text, body.attributes[1].value.span), "\"x\"");
    assert_eq!(at(text, body.attributes[2].span), "c = [1,\n  2]");
    assert!(body.blocks.is_empty());
}

#[test]
fn blocks_labels_and_spans() {
    let text = "resource \"google_compute_url_map\" default {\n  name = \"m\"\n  host_rule {\n    hosts = []\n  }\n}\n";
    let body = parse_ok(text);
    let b = &body.blocks[0];
    assert_eq!(b.ident, "resource");
    assert_eq!(at(text, b.ident_span), "resource");
    assert_eq!(b.labels.len(), 2);
    assert_eq!(b.labels[0].0, "google_compute_url_map");
    assert_eq!(at(text, b.labels[0].1), "\"google_compute_url_map\"");
    assert_eq!(b.labels[1].0, "default");
    assert_eq!(at(text, b.labels[1].1), "default");
    assert!(at(text, b.span).starts_with("resource \""));
    assert!(at(text, b.span).ends_with("  }\n}"));
    assert_eq!(b.body.attributes[0].key, "name");
    let inner = &b.body.blocks[0];
    assert_eq!(inner.ident, "host_rule");
    assert_eq!(at(text, inner.span), "host_rule {\n    hosts = []\n  }");
    assert_eq!(body.blocks_of("resource").count(), 1);
}

#[test]
fn block_label_escapes() {
    let text = "a \"x\\\"y\\u00e9$${z}\" {}\n";
    let body = parse_ok(text);
    assert_eq!(body.blocks[0].labels[0].0, "x\"yé${z}");
    assert_eq!(
        at(text, body.blocks[0].labels[0].1),
        "\"x\\\"y\\u00e9$${z}\""
    );
}

#[test]
fn one_line_blocks() {
    let text = "variable \"a\" { default = 1 }\nb {}\nc { }\nd {\n}\n";
    let body = parse_ok(text);
    assert_eq!(body.blocks.len(), 4);
    let a = &body.blocks[0];
    assert_eq!(at(text, a.span), "variable \"a\" { default = 1 }");
    assert_eq!(at(text, a.body.attributes[0].span), "default = 1");
    assert!(body.blocks[1..]
        .iter()
        .all(|b| b.body.attributes.is_empty()));
    // Only one argument, and no nested block, on one line.
    assert!(parse_err("a { b = 1, c = 2 }\n")
        .message
        .contains("single-line block"));
    assert!(parse_err("a { b {} }\n")
        .message
        .contains("single-line block"));
}

#[test]
fn empty_and_comment_only_files() {
    for text in ["", "\n\n", "# c", "// c\n/* d */\n", "  \t\n"] {
        let body = parse_ok(text);
        assert!(body.attributes.is_empty() && body.blocks.is_empty());
    }
    // No newline at the end of the file.
    let body = parse_ok("a = 1");
    assert_eq!(num(&body.attributes[0].value), 1.0);
}

#[test]
fn attribute_redefined_is_an_error() {
    let e = parse_err("a = 1\nb = 2\na = 3\n");
    assert!(e.message.contains("`a` was already set on line 1"), "{e:?}");
    assert_eq!((e.span.start, e.span.end), (12, 13));
    // Same names in different bodies are fine; so are many distinct keys.
    parse_ok("a = 1\nb {\n  a = 2\n}\n");
    let many: String = (0..100).map(|i| format!("k{i} = {i}\n")).collect();
    assert_eq!(parse_ok(&many).attributes.len(), 100);
    let dup = format!("{many}k42 = 0\n");
    assert!(parse_err(&dup)
        .message
        .contains("`k42` was already set on line 43"));
}

// ----- literals -----

#[test]
fn literals() {
    assert!(matches!(value("null").0.kind, ExprKind::Null));
    assert!(matches!(value("true").0.kind, ExprKind::Bool(true)));
    assert!(matches!(value("false").0.kind, ExprKind::Bool(false)));
    for (src, n) in [
        ("0", 0.0),
        ("42", 42.0),
        ("3.25", 3.25),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("2.5e-3", 0.0025),
        ("6e+2", 600.0),
        ("18446744073709551616", 18446744073709551616.0),
        ("-7", -7.0),
        ("-1.5e3", -1500.0),
    ] {
        let (e, text) = value(src);
        assert_eq!(num(&e), n, "{src}");
        assert_eq!(at(&text, e.span), src);
    }
    // A negative literal with space after the minus (as hcl-edit reads it).
    let (e, text) = value("- 3");
    assert_eq!(num(&e), -3.0);
    assert_eq!(at(&text, e.span), "- 3");
}

#[test]
fn string_escapes() {
    let (e, text) = value(r#""a\nb\tc\rd\"e\\f \u00e9 \U0001F600 $${x} %%{y} $ % $$ %%""#);
    assert_eq!(string(&e), "a\nb\tc\rd\"e\\f é 😀 ${x} %{y} $ % $$ %%");
    assert_eq!(at(&text, e.span).len(), text.len() - 5);
    assert!(at(&text, e.span).starts_with('"') && at(&text, e.span).ends_with('"'));
    assert_eq!(string(&value("\"\"").0), "");
    assert_eq!(string(&value("\"ünï 🚀\"").0), "ünï 🚀");
    for bad in [
        r#""\q""#,
        r#""\u12""#,
        r#""\UD800D800""#,
        r#""\uD800""#,
        "\"\\",
    ] {
        let e = parse_err(&format!("x = {bad}\n"));
        assert_eq!(e.span.start, 5, "{bad}: {e:?}");
    }
}

// ----- templates -----

#[test]
fn templates_with_interpolations() {
    let (e, text) = value(r#""hello ${var.name}!""#);
    let p = parts(&e);
    assert_eq!(p.len(), 3);
    assert_eq!(lit(&p[0]), "hello ");
    assert_eq!(at(&text, interp(&p[1]).span), "var.name");
    assert_eq!(lit(&p[2]), "!");
    assert_eq!(at(&text, e.span), r#""hello ${var.name}!""#);

    let (e, text) = value(r#""${ a }${b}""#);
    let p = parts(&e);
    assert_eq!(p.len(), 2);
    assert_eq!(at(&text, interp(&p[0]).span), "a");
    assert_eq!(var(interp(&p[1])), "b");

    // Nested strings and objects inside an interpolation.
    let (e, _) = value(r#""outer ${"inner ${x}"} ${ {a = 1}.a }""#);
    let p = parts(&e);
    assert_eq!(lit(&parts(interp(&p[1]))[0]), "inner ");
    traversal(interp(&p[3]));

    // Newlines are ignored inside an interpolation.
    let (e, _) = value("\"${join(\",\",\n  var.list,\n)}\"");
    assert_eq!(call(interp(&parts(&e)[0])).0, "join");

    // Escaped markers stay literal.
    let (e, _) = value(r#""a $${b} %%{c} ${d}""#);
    assert_eq!(lit(&parts(&e)[0]), "a ${b} %{c} ");
}

#[test]
fn template_directives() {
    let (e, _) = value(r#""%{ if var.x }on%{ else }off%{ endif }""#);
    assert!(matches!(parts(&e), [TemplatePart::Directive]));
    let (e, _) = value(r#""a %{ for k, v in var.m }${k}=${v}%{ endfor } b ${c}""#);
    let p = parts(&e);
    assert_eq!(p.len(), 4);
    assert_eq!(lit(&p[0]), "a ");
    assert!(matches!(p[1], TemplatePart::Directive));
    assert_eq!(lit(&p[2]), " b ");
    assert_eq!(var(interp(&p[3])), "c");
    let (e, _) = value(r#""%{for x in l}%{if x != ""}${x}%{endif}%{endfor}""#);
    assert!(matches!(parts(&e), [TemplatePart::Directive]));

    for (bad, msg) in [
        (r#""%{ endif }""#, "without a matching `%{if}`"),
        (r#""%{ if x }a%{ endfor }""#, "without a matching `%{for}`"),
        (r#""%{ if x }a""#, "unclosed `%{if}`"),
        (r#""%{ for x in y }a""#, "unclosed `%{for}`"),
        (
            r#""%{ if x }a%{else}b%{else}c%{endif}""#,
            "`%{else}` without",
        ),
        (r#""%{ while x }""#, "expected `if`, `for`"),
    ] {
        let e = parse_err(&format!("x = {bad}\n"));
        assert!(e.message.contains(msg), "{bad}: {e:?}");
    }
}

#[test]
fn template_strip_markers() {
    let lits = |v: &str| -> Vec<String> {
        parts(&value(v).0)
            .iter()
            .map(|p| match p {
                TemplatePart::Literal(s) => s.clone(),
                TemplatePart::Interpolation(_) => "${}".to_string(),
                TemplatePart::Directive => "%{}".to_string(),
            })
            .collect()
    };
    assert_eq!(lits(r#""a   ${~ x ~}   b""#), ["a", "${}", "b"]);
    assert_eq!(lits(r#""a   ${~ x}   b""#), ["a", "${}", "   b"]);
    assert_eq!(lits(r#""a   ${x ~}   b""#), ["a   ", "${}", "b"]);
    assert_eq!(
        lits(r#""x  %{~ if y ~}  yes  %{~ endif ~}  z""#),
        ["x", "%{}", "z"]
    );
    // In a heredoc a marker trims only its own line's neighbouring text.
    let heredoc = "<<EOF\nstart\n  %{~ for s in l ~}\n  ${s}\n  %{~ endfor ~}\nend\nEOF";
    assert_eq!(lits(heredoc), ["start\n", "%{}", "end\n"]);
    let heredoc = "<<EOF\na  \n  ${~ x ~}  \nb\nEOF";
    assert_eq!(lits(heredoc), ["a  \n", "${}", "b\n"]);
}

// ----- heredocs -----

#[test]
fn heredocs() {
    let (e, text) = value("<<EOF\nline one\n  line two\nEOF");
    assert_eq!(lit(&parts(&e)[0]), "line one\n  line two\n");
    assert_eq!(at(&text, e.span), "<<EOF\nline one\n  line two\nEOF");

    let (e, text) = value("<<EOT\nname = ${var.name} $${x}\n  EOT  ");
    let p = parts(&e);
    assert_eq!(lit(&p[0]), "name = ");
    assert_eq!(at(&text, interp(&p[1]).span), "var.name");
    assert_eq!(lit(&p[2]), " ${x}\n");
    assert!(at(&text, e.span).ends_with("  EOT"));

    // Empty and blank heredocs.
    assert!(parts(&value("<<EOF\nEOF").0).is_empty());
    assert_eq!(lit(&parts(&value("<<EOF\n\nEOF").0)[0]), "\n");

    // The marker only ends the heredoc on a line of its own.
    let (e, _) = value("<<EOF\nEOF here\nEOFX\n EOF.\nEOF");
    assert_eq!(lit(&parts(&e)[0]), "EOF here\nEOFX\n EOF.\n");

    // CRLF line endings are kept in the text.
    let text = "x = <<EOF\r\na\r\nEOF\r\ny = 1\r\n";
    let body = parse_ok(text);
    assert_eq!(lit(&parts(&body.attributes[0].value)[0]), "a\r\n");
    assert_eq!(at(text, body.attributes[0].span), "x = <<EOF\r\na\r\nEOF");
    assert_eq!(body.attributes[1].key, "y");

    // Inside a call: the closing parenthesis comes on a later line.
    let (e, _) = value("jsonencode(<<JSON\n{\"a\": 1}\nJSON\n)");
    assert_eq!(lit(&parts(&call(&e).1[0])[0]), "{\"a\": 1}\n");

    for bad in [
        "<<EOF\nno end\n",
        "<<EOF\nno end\nEOF",
        "<<EOF x\nEOF\n",
        "<<\nEOF\n",
    ] {
        let e = parse_err(&format!("x = {bad}"));
        assert_eq!(e.span.start, 4, "{bad:?}: {e:?}");
    }
    assert!(parse_err("x = <<EOF\na\n")
        .message
        .contains("unterminated heredoc `EOF`"));
}

#[test]
fn indented_heredocs_strip_common_indentation() {
    let one = |v: &str| lit(&parts(&value(v).0)[0]).to_string();
    assert_eq!(one("<<-EOT\n    a\n      b\n    EOT"), "a\n  b\n");
    assert_eq!(one("<<-EOT\n\t\ta\n\t\tb\n\t\tEOT"), "a\nb\n");
    // Blank lines do not count and are kept.
    assert_eq!(
        one("<<-EOT\n    a\n\n      b\n  \n    EOT"),
        "a\n\n  b\n  \n"
    );
    // A line that starts with an interpolation has no indentation.
    let (e, _) = value("<<-EOT\n${x}\n    y\n    EOT");
    assert_eq!(lit(&parts(&e)[1]), "\n    y\n");
    // Interpolations later in a line do not matter.
    let (e, _) = value("<<-EOT\n    v: ${x}\n      w\n    EOT");
    let p = parts(&e);
    assert_eq!(lit(&p[0]), "v: ");
    assert_eq!(lit(&p[2]), "\n  w\n");
}

// ----- collections -----

#[test]
fn tuples() {
    let (e, text) = value("[1, \"a\", [], {},]");
    let items = array(&e);
    assert_eq!(items.len(), 4);
    assert_eq!(at(&text, items[1].span), "\"a\"");
    assert_eq!(at(&text, e.span), "[1, \"a\", [], {},]");
    let (e, _) = value("[\n  1\n  ,\n  2 +\n  3\n]");
    assert_eq!(array(&e).len(), 2);
    binary(&array(&e)[1]);
    assert!(array(&value("[]").0).is_empty());
    assert!(parse_err("x = [1 2]\n").message.contains("`,` or `]`"));
    assert!(parse_err("x = [1,\n").message.contains("unclosed `[`"));
}

#[test]
fn objects() {
    let (e, text) = value("{ a = 1, \"b\" = 2, c: 3, (d) = 4, e.f = 5, null = 6 }");
    let items = object(&e);
    assert_eq!(key_ident(&items[0].0), "a");
    assert!(
        matches!(&items[1].0, ObjectKey::Expr(k) if string(k) == "b" && at(&text, k.span) == "\"b\"")
    );
    assert_eq!(key_ident(&items[2].0), "c");
    assert!(matches!(
        &items[3].0,
        ObjectKey::Expr(Expr {
            kind: ExprKind::Parenthesis(_),
            ..
        })
    ));
    assert!(matches!(
        &items[4].0,
        ObjectKey::Expr(Expr {
            kind: ExprKind::Traversal(..),
            ..
        })
    ));
    assert!(matches!(
        &items[5].0,
        ObjectKey::Expr(Expr {
            kind: ExprKind::Null,
            ..
        })
    ));
    assert_eq!(at(&text, items[2].1.span), "3");

    let (e, _) = value("{\n  a = 1\n\n  b = 2,\n  c = 3 # comment\n  # d = 4\n}");
    let keys: Vec<_> = object(&e).iter().map(|(k, _)| key_ident(k)).collect();
    assert_eq!(keys, ["a", "b", "c"]);
    assert!(object(&value("{}").0).is_empty());
    assert!(object(&value("{\n}").0).is_empty());
    // Keywords are fine as keys unless `for` comes first.
    let (e, _) = value("{ for_each = 1, if = 2, in = 3 }");
    assert_eq!(object(&e).len(), 3);

    assert!(parse_err("x = { a = 1 b = 2 }\n")
        .message
        .contains("`,` or `}`"));
    assert!(parse_err("x = { a 1 }\n").message.contains("`=` or `:`"));
    // A newline ends an item value: the expression may not continue on the next line.
    assert!(parse_err("x = { a = 1 +\n 2 }\n")
        .message
        .contains("expected an expression"));
}

#[test]
fn duplicate_object_keys_are_accepted() {
    let (e, _) = value("{\n  env = \"dev\"\n  env = \"prod\"\n}");
    let items = object(&e);
    assert_eq!(items.len(), 2);
    assert_eq!(string(&items[1].1), "prod");
}

// ----- variables, traversals, calls -----

#[test]
fn variables_and_traversals() {
    let (e, text) = value("var.list[0].name");
    let (root, ops) = traversal(&e);
    assert_eq!(var(root), "var");
    assert_eq!(at(&text, root.span), "var");
    assert!(matches!(&ops[0], Traverse::Attr(a) if a == "list"));
    assert!(matches!(&ops[1], Traverse::Index(i) if num(i) == 0.0 && at(&text, i.span) == "0"));
    assert!(matches!(&ops[2], Traverse::Attr(a) if a == "name"));
    assert_eq!(at(&text, e.span), "var.list[0].name");

    let (e, _) = value("a[\n  \"k\"\n]");
    assert!(matches!(&traversal(&e).1[0], Traverse::Index(i) if string(i) == "k"));

    // Traversals apply to any term.
    for src in ["f(x).y", "(a).b", "[1][0]", "{a = 1}.a", "\"s\"[0]"] {
        let (e, text) = value(src);
        assert_eq!(at(&text, e.span), src);
        traversal(&e);
    }
}

#[test]
fn legacy_index() {
    let (e, text) = value("var.list.0.name");
    let ops = traversal(&e).1;
    assert!(matches!(ops[1], Traverse::LegacyIndex(0)));
    assert!(matches!(&ops[2], Traverse::Attr(a) if a == "name"));
    assert_eq!(at(&text, e.span), "var.list.0.name");
    assert!(matches!(
        traversal(&value("a.12").0).1[0],
        Traverse::LegacyIndex(12)
    ));
    assert!(parse_err("x = a.0.1\n")
        .message
        .contains("chained legacy indexes"));
}

#[test]
fn splats() {
    let (e, text) = value("var.list.*.id");
    assert!(matches!(
        traversal(&e).1,
        [Traverse::Attr(_), Traverse::Splat, Traverse::Attr(_)]
    ));
    assert_eq!(at(&text, e.span), "var.list.*.id");
    let (e, text) = value("var.list[*].tags[\"n\"]");
    assert!(matches!(
        traversal(&e).1,
        [
            Traverse::Attr(_),
            Traverse::Splat,
            Traverse::Attr(_),
            Traverse::Index(_)
        ]
    ));
    assert_eq!(at(&text, e.span), "var.list[*].tags[\"n\"]");
    let (e, text) = value("a[ * ]");
    assert!(matches!(traversal(&e).1, [Traverse::Splat]));
    assert_eq!(at(&text, e.span), "a[ * ]");
}

#[test]
fn function_calls() {
    let (e, text) = value("merge(var.a, { b = 1 },)");
    let (name, args, expand) = call(&e);
    assert_eq!((name, args.len(), expand), ("merge", 2, false));
    assert_eq!(at(&text, args[1].span), "{ b = 1 }");
    assert_eq!(at(&text, e.span), "merge(var.a, { b = 1 },)");

    let (e, _) = value("timestamp()");
    assert!(call(&e).1.is_empty());

    let (e, _) = value("max(var.numbers...)");
    let (name, args, expand) = call(&e);
    assert_eq!((name, args.len(), expand), ("max", 1, true));

    let (e, text) = value("provider::google::project_id(var.link)");
    assert_eq!(call(&e).0, "provider::google::project_id");
    assert_eq!(at(&text, e.span), "provider::google::project_id(var.link)");

    // Newlines anywhere inside the argument list.
    let (e, _) = value("join(\n  \",\",\n  var.list\n  ...\n)");
    let (name, args, expand) = call(&e);
    assert_eq!((name, args.len(), expand), ("join", 2, true));
    let (e, _) = value("format(\"%s\",\n  var.a ? 1\n  : 2,\n)");
    conditional(&call(&e).1[1]);
    let (e, _) = value("lower (\"A\")");
    assert_eq!(call(&e).0, "lower");

    assert!(parse_err("x = f(a b)\n").message.contains("`,` or `)`"));
    assert!(parse_err("x = f(a..., b)\n")
        .message
        .contains("right after `...`"));
    assert!(parse_err("x = p::f\n")
        .message
        .contains("`(` after the function name"));
    assert!(parse_err("x = f(1,\n").message.contains("unclosed `(`"));
}

// ----- operators -----

#[test]
fn operator_precedence() {
    // 1 + 2 * 3 - 4  =>  (1 + (2 * 3)) - 4
    let (e, text) = value("1 + 2 * 3 - 4");
    let (op, l, r) = binary(&e);
    assert_eq!(op, BinaryOp::Minus);
    assert_eq!(num(r), 4.0);
    assert_eq!(at(&text, l.span), "1 + 2 * 3");
    let (op, l2, r2) = binary(l);
    assert_eq!((op, num(l2)), (BinaryOp::Plus, 1.0));
    assert_eq!(binary(r2).0, BinaryOp::Mul);
    assert_eq!(at(&text, r2.span), "2 * 3");

    // Levels: || < && < == != < comparisons < + - < * / %.
    let (e, _) = value("a || b && c == d < e + f * g");
    let (op, _, r) = binary(&e);
    assert_eq!(op, BinaryOp::Or);
    let (op, _, r) = binary(r);
    assert_eq!(op, BinaryOp::And);
    let (op, _, r) = binary(r);
    assert_eq!(op, BinaryOp::Eq);
    let (op, _, r) = binary(r);
    assert_eq!(op, BinaryOp::Less);
    let (op, _, r) = binary(r);
    assert_eq!(op, BinaryOp::Plus);
    assert_eq!(binary(r).0, BinaryOp::Mul);

    // Left associativity.
    let (e, text) = value("a - b - c");
    let (_, l, r) = binary(&e);
    assert_eq!(var(r), "c");
    assert_eq!(at(&text, l.span), "a - b");
    let (e, _) = value("a == b != c");
    assert_eq!(binary(&e).0, BinaryOp::NotEq);

    let all = [
        ("==", BinaryOp::Eq),
        ("!=", BinaryOp::NotEq),
        ("<=", BinaryOp::LessEq),
        (">=", BinaryOp::GreaterEq),
        ("<", BinaryOp::Less),
        (">", BinaryOp::Greater),
        ("+", BinaryOp::Plus),
        ("-", BinaryOp::Minus),
        ("*", BinaryOp::Mul),
        ("/", BinaryOp::Div),
        ("%", BinaryOp::Mod),
        ("&&", BinaryOp::And),
        ("||", BinaryOp::Or),
    ];
    for (src, op) in all {
        assert_eq!(binary(&value(&format!("a {src} b")).0).0, op, "{src}");
        // Without spaces (after a number: `a-b` is one identifier).
        assert_eq!(binary(&value(&format!("1{src}b")).0).0, op, "{src}");
    }
}

#[test]
fn unary_operators() {
    let (e, text) = value("!var.enabled && -var.count < 0");
    let (op, l, r) = binary(&e);
    assert_eq!(op, BinaryOp::And);
    assert!(
        matches!(&l.kind, ExprKind::Unary(UnaryOp::Not, x) if at(&text, x.span) == "var.enabled")
    );
    assert_eq!(at(&text, l.span), "!var.enabled");
    let (op, l, _) = binary(r);
    assert_eq!(op, BinaryOp::Less);
    assert!(matches!(&l.kind, ExprKind::Unary(UnaryOp::Neg, _)));
    let (e, _) = value("!!true");
    assert!(
        matches!(&e.kind, ExprKind::Unary(UnaryOp::Not, x) if matches!(x.kind, ExprKind::Unary(UnaryOp::Not, _)))
    );
    let (e, _) = value("- -1");
    assert!(matches!(&e.kind, ExprKind::Unary(UnaryOp::Neg, x) if num(x) == -1.0));
    // A minus after an operand is subtraction.
    assert_eq!(binary(&value("a -1").0).0, BinaryOp::Minus);
}

#[test]
fn conditionals_and_parentheses() {
    let (e, text) = value("a >= 10 ? \"big\" : b ? \"x\" : \"y\"");
    let (c, t, f) = conditional(&e);
    assert_eq!(at(&text, c.span), "a >= 10");
    assert_eq!(string(t), "big");
    assert_eq!(at(&text, f.span), "b ? \"x\" : \"y\"");
    conditional(f);
    assert_eq!(at(&text, e.span), "a >= 10 ? \"big\" : b ? \"x\" : \"y\"");

    let (e, text) = value("(1 + 2) * 3");
    let (_, l, _) = binary(&e);
    assert!(matches!(&l.kind, ExprKind::Parenthesis(inner) if at(&text, inner.span) == "1 + 2"));
    assert_eq!(at(&text, l.span), "(1 + 2)");

    // Newlines are ignored inside parentheses.
    let (e, _) = value("(\n  var.a\n  ? 1\n  : 2\n)");
    assert!(
        matches!(&e.kind, ExprKind::Parenthesis(inner) if matches!(inner.kind, ExprKind::Conditional(..)))
    );
    // ... but end the attribute at the body level.
    assert!(parse_err("x = a ?\n 1 : 2\n")
        .message
        .contains("expected an expression, found a newline"));
    assert!(parse_err("x = (1\n").message.contains("unclosed `(`"));
}

// ----- for expressions -----

#[test]
fn for_expressions() {
    let (e, text) = value("[for i, s in var.list : upper(s) if s != \"\"]");
    let f = for_expr(&e);
    assert_eq!(f.key_var.as_deref(), Some("i"));
    assert_eq!(f.value_var, "s");
    assert_eq!(at(&text, f.collection.span), "var.list");
    assert!(f.key_expr.is_none());
    assert_eq!(at(&text, f.value_expr.span), "upper(s)");
    assert_eq!(at(&text, f.cond.as_ref().unwrap().span), "s != \"\"");
    assert!(!f.grouping);
    assert_eq!(
        at(&text, e.span),
        "[for i, s in var.list : upper(s) if s != \"\"]"
    );

    let (e, text) = value("{ for s in var.list : s.region => s.name... if s.on }");
    let f = for_expr(&e);
    assert_eq!(f.key_var, None);
    assert_eq!(at(&text, f.key_expr.as_ref().unwrap().span), "s.region");
    assert_eq!(at(&text, f.value_expr.span), "s.name");
    assert!(f.grouping);
    assert!(f.cond.is_some());

    // Nested for expressions.
    let (e, _) = value("[for x in [for y in l : y * 2] : { for z in x : z => z }]");
    let f = for_expr(&e);
    for_expr(&f.collection);
    for_expr(&f.value_expr);

    assert!(parse_err("x = { for a in b : a }\n")
        .message
        .contains("needs a key"));
    assert!(parse_err("x = [for a in b : a => a]\n")
        .message
        .contains("cannot have a key"));
    assert!(parse_err("x = [for a in b : a...]\n")
        .message
        .contains("grouping"));
    assert!(parse_err("x = [for a b : a]\n").message.contains("`in`"));
}

#[test]
fn newlines_inside_for_expressions() {
    // The two patterns from the parser note: hcl-edit rejects both.
    let text = "locals {\n  x = { for k in local.names : k => local.c == \"none\" ? local.a[k] :\n    local.b[k]\n  }\n}\n";
    let body = parse_ok(text);
    let f = for_expr(&body.blocks[0].body.attributes[0].value);
    let (c, t, e) = conditional(&f.value_expr);
    assert_eq!(at(text, c.span), "local.c == \"none\"");
    assert_eq!(at(text, t.span), "local.a[k]");
    assert_eq!(at(text, e.span), "local.b[k]");
    assert!(
        parse(&source(text)).is_err(),
        "hcl-edit now accepts this: update the note"
    );

    let text = "users = {\n  for k, v in var.users : k =>\n  local.is_mysql\n  ? { name = k }\n  : { name = v.name }\n}\n";
    let body = parse_ok(text);
    let f = for_expr(&body.attributes[0].value);
    let (c, t, e) = conditional(&f.value_expr);
    assert_eq!(at(text, c.span), "local.is_mysql");
    assert_eq!(key_ident(&object(t)[0].0), "name");
    assert_eq!(at(text, e.span), "{ name = v.name }");
}

// ----- trivia and encodings -----

#[test]
fn comments_anywhere() {
    let text = "# a\n// b\n/* c\n d */ a = /* v */ 1 # e\nb = [ # f\n  1, // g\n  /* h */ 2 /* i */\n]\nc = f(/* j */ 1 /* k */, 2)\nd = { # l\n  x = 1 // m\n  /* n */ y = 2\n}\n# end";
    let body = parse_ok(text);
    assert_eq!(body.attributes.len(), 4);
    assert_eq!(at(text, body.attributes[0].span), "a = /* v */ 1");
    assert_eq!(array(&body.attributes[1].value).len(), 2);
    assert_eq!(at(text, call(&body.attributes[2].value).1[0].span), "1");
    assert_eq!(object(&body.attributes[3].value).len(), 2);
    assert!(parse_err("a = 1 /* open\n")
        .message
        .contains("unclosed comment"));
}

#[test]
fn crlf_and_tabs() {
    let text = "locals {\r\n\ta\t=\t1\r\n\tb = [\r\n\t\t1,\r\n\t]\r\n\td = {\r\n\t\tx = 1 # c\r\n\t}\r\n}\r\n";
    let body = parse_ok(text);
    let attrs = &body.blocks[0].body.attributes;
    assert_eq!(attrs.len(), 3);
    assert_eq!(at(text, attrs[0].span), "a\t=\t1");
    assert_eq!(at(text, body.blocks[0].span), &text[..text.len() - 2]);
}

#[test]
fn unicode_identifiers_and_strings() {
    let text =
        "café = \"crème\"\n名前 = local.café\nwith-dash = 1\n_u = 2\nresource \"r\" \"ünï\" {}\n";
    let body = parse_ok(text);
    let keys: Vec<_> = body.attributes.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(keys, ["café", "名前", "with-dash", "_u"]);
    assert_eq!(at(text, body.attributes[1].key_span), "名前");
    assert!(matches!(&traversal(&body.attributes[1].value).1[0], Traverse::Attr(a) if a == "café"));
    assert_eq!(body.blocks[0].labels[1].0, "ünï");
    // A dash continues an identifier; spaces make it subtraction.
    assert_eq!(var(&value("a-b").0), "a-b");
    assert_eq!(binary(&value("a - b").0).0, BinaryOp::Minus);
}

#[test]
fn byte_order_mark() {
    // SourceFile removes it; spans count from after it.
    let file = source("\u{feff}a = 1\n");
    let body = parse_native(&file).unwrap();
    assert_eq!(file.slice(body.attributes[0].span), "a = 1");
    // Text that still has one parses too, with offsets into that text.
    let body = super::parse_file("\u{feff}a = 1\n", 0).unwrap().body;
    assert_eq!(body.attributes[0].span.start, 3);
}

// ----- errors -----

#[test]
fn error_messages_and_positions() {
    let cases = [
        ("foo 1\n", (1, 5), "expected `=` or `{` after `foo`"),
        ("a {\n  b = 1\n", (1, 3), "unclosed `{`"),
        ("a = \"abc\n", (1, 5), "unclosed string"),
        ("a = \"abc", (1, 5), "unclosed string"),
        ("a = <<EOF\nabc\n", (1, 5), "unterminated heredoc `EOF`"),
        (
            "a = 1 b = 2\n",
            (1, 7),
            "expected a newline after the argument `a`",
        ),
        ("a {\n  b = 1 }\n", (2, 9), "expected a newline"),
        (
            "a {} b {}\n",
            (1, 6),
            "expected a newline after the `a` block",
        ),
        ("}\n", (1, 1), "expected an argument or a block, found `}`"),
        (
            "a =\n1\n",
            (1, 4),
            "expected an expression, found a newline",
        ),
        ("a = 1 @\n", (1, 7), "found the character `@`"),
        (
            "a = \"${x\"\n",
            (1, 9),
            "expected `}` to close the interpolation",
        ),
        (
            "\"a\" = 1\n",
            (1, 1),
            "expected an argument or a block, found a string",
        ),
        ("a \"b\" = 1\n", (1, 7), "expected a block label or `{`"),
        ("a = {\n", (1, 5), "unclosed `{`"),
        ("a = [for x in y : x\n", (1, 5), "unclosed `[`"),
        (
            "resource \"a_${x}\" {}\n",
            (1, 13),
            "not allowed in a block label",
        ),
    ];
    for (text, pos, msg) in cases {
        let (line, col, message) = err_pos(text);
        assert_eq!((line, col), pos, "{text:?}: {message}");
        assert!(message.contains(msg), "{text:?}: {message}");
    }
}

#[test]
fn garbage_never_panics() {
    // Binary garbage: every byte value, NULs, invalid UTF-8 (made lossy).
    let all: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let text = String::from_utf8_lossy(&all).into_owned();
    let _ = parse_native(&source(&text));

    // Deterministic pseudo-random inputs: random bytes, and valid files with
    // bytes deleted, inserted, swapped or cut off.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"abc_- =\n\r\t{}[]()\"'$%~<>!?:;.,*/#\\0123456789EeuU+&|@\x00\xc3\xa9";
    let mut bases: Vec<Vec<u8>> = fixture_files(&fixtures_dir().join("syntax"))
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    bases.push(Vec::new());
    for round in 0..3000 {
        let mut bytes = if round % 4 == 0 {
            let n = (rnd() % 200) as usize;
            (0..n)
                .map(|_| alphabet[(rnd() % alphabet.len() as u64) as usize])
                .collect()
        } else {
            bases[(rnd() % bases.len() as u64) as usize].clone()
        };
        for _ in 0..1 + rnd() % 4 {
            if bytes.is_empty() {
                break;
            }
            let i = (rnd() % bytes.len() as u64) as usize;
            match rnd() % 4 {
                0 => {
                    bytes.remove(i);
                }
                1 => bytes.insert(i, alphabet[(rnd() % alphabet.len() as u64) as usize]),
                2 => bytes.truncate(i),
                _ => {
                    let j = (rnd() % bytes.len() as u64) as usize;
                    bytes.swap(i, j);
                }
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let file = source(&text);
        if let Err(e) = parse_native(&file) {
            let (s, end) = (e.span.start as usize, e.span.end as usize);
            assert!(s <= end && end <= file.text.len(), "{text:?}: {e:?}");
            assert!(
                file.text.is_char_boundary(s) && file.text.is_char_boundary(end),
                "{text:?}: {e:?}"
            );
            assert!(!e.message.is_empty());
        }
    }
}

// ----- limits -----

/// `open^n` + `middle` + `close^n` as an attribute value.
fn nested(open: &str, middle: &str, close: &str, n: usize) -> String {
    let mut s = String::from("x = ");
    s.push_str(&open.repeat(n));
    s.push_str(middle);
    s.push_str(&close.repeat(n));
    s.push('\n');
    s
}

const NESTINGS: &[(&str, &str, &str)] = &[
    ("[", "1", "]"),
    ("(", "1", ")"),
    ("{a = ", "1", "}"),
    ("f(", "1", ")"),
    ("\"${", "1", "}\""),
    ("!", "true", ""),
    ("-", "a", ""),
    ("a ? b : ", "c", ""),
    ("a[", "0", "]"),
    ("[for x in ", "l", " : x]"),
    ("<<EOF\n${", "1", "}\nEOF\n"),
];

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    on_small_stack(|| {
        for &(open, middle, close) in NESTINGS {
            let e = parse_native(&source(&nested(open, middle, close, 10_000))).expect_err(open);
            assert!(e.message.contains("nesting too deep"), "{open}: {e:?}");
            // Just below the limit parses.
            let n = MAX_DEPTH as usize - 2;
            let text = nested(open, middle, close, n);
            assert!(parse_native(&source(&text)).is_ok(), "{open} at {n}");
        }
        let blocks = format!("{}{}", "a {\n".repeat(10_000), "}\n".repeat(10_000));
        let e = parse_native(&source(&blocks)).unwrap_err();
        assert!(e.message.contains("nesting too deep"));
        let ok = format!("{}{}", "a {\n".repeat(500), "}\n".repeat(500));
        parse_native(&source(&ok)).unwrap();
    });
}

#[test]
fn long_operator_chains_are_bounded() {
    on_small_stack(|| {
        // The tree of a chain is as deep as the chain is long.
        let long = format!("x = {}1\n", "1 + ".repeat(100_000));
        let e = parse_native(&source(&long)).unwrap_err();
        assert!(e.message.contains("nesting too deep"));
        let ok = format!("x = {}1\n", "1 + ".repeat(400));
        parse_native(&source(&ok)).unwrap();
        // Chains inside chains add up.
        let inner = format!("({}1)", "1 * ".repeat(300));
        let outer = format!("x = {}{inner}\n", "1 + ".repeat(300));
        assert!(parse_native(&source(&outer)).is_err());
        // Many short chains side by side are fine.
        let wide = format!("x = [{}]\n", "1 + 2 * 3, ".repeat(10_000));
        parse_native(&source(&wide)).unwrap();
    });
}

#[test]
fn large_inputs_parse_or_fail_as_they_should() {
    // These would take minutes if anything were quadratic (speed itself is measured by the
    // criterion benches); here each must end with the right verdict.
    let n = 200_000;
    for (text, parses) in [
        (format!("x = {}", "[".repeat(n)), false),
        (format!("x = \"{}", "$".repeat(n)), false),
        (format!("x = \"{}\"\n", "a".repeat(n)), true),
        (format!("x = <<EOF\n{}EOF\n", "EO\n".repeat(n)), true),
        (format!("x = <<EOF\n{}", "EOF x\n".repeat(n)), false),
        (format!("x = {}1\n", "/* */".repeat(n)), true),
        ("# comment\n".repeat(n), true),
        (format!("x = [{}]\n", "a.b.c[0], ".repeat(n / 10)), true),
        ((0..n / 10).map(|i| format!("k{i} = {i}\n")).collect(), true),
    ] {
        let got = parse_native(&source(&text)).is_ok();
        assert_eq!(got, parses, "{}...", &text[..text.len().min(30)]);
    }
}

// ----- differential test against hcl-edit -----

/// Compares two trees: kinds, values and spans; returns the first difference.
fn diff_body(a: &Body, b: &Body, path: &str) -> Result<(), String> {
    if a.attributes.len() != b.attributes.len() || a.blocks.len() != b.blocks.len() {
        return Err(format!("{path}: different numbers of attributes or blocks"));
    }
    for (x, y) in a.attributes.iter().zip(&b.attributes) {
        let p = format!("{path}.{}", x.key);
        if x.key != y.key || x.key_span != y.key_span || x.span != y.span {
            return Err(format!(
                "{p}: key/span {:?} {:?} {:?} vs {:?} {:?} {:?}",
                x.key, x.key_span, x.span, y.key, y.key_span, y.span
            ));
        }
        diff_expr(&x.value, &y.value, &p)?;
    }
    for (i, (x, y)) in a.blocks.iter().zip(&b.blocks).enumerate() {
        let p = format!("{path}.{}[{i}]", x.ident);
        if x.ident != y.ident
            || x.ident_span != y.ident_span
            || x.labels != y.labels
            || x.span != y.span
        {
            return Err(format!(
                "{p}: block header {:?} {:?} {:?} vs {:?} {:?} {:?}",
                x.ident_span, x.labels, x.span, y.ident_span, y.labels, y.span
            ));
        }
        diff_body(&x.body, &y.body, &p)?;
    }
    Ok(())
}

fn diff_exprs(a: &[Expr], b: &[Expr], path: &str) -> Result<(), String> {
    if a.len() != b.len() {
        return Err(format!("{path}: {} vs {} items", a.len(), b.len()));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        diff_expr(x, y, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

fn diff_opt(a: &Option<Expr>, b: &Option<Expr>, path: &str) -> Result<(), String> {
    match (a, b) {
        (None, None) => Ok(()),
        (Some(x), Some(y)) => diff_expr(x, y, path),
        _ => Err(format!("{path}: present in only one tree")),
    }
}

fn diff_expr(a: &Expr, b: &Expr, path: &str) -> Result<(), String> {
    use ExprKind as K;
    let mismatch = || Err(format!("{path}: {:?}\n  vs {:?}", a, b));
    if a.span != b.span {
        return Err(format!("{path}: span {:?} vs {:?}", a.span, b.span));
    }
    match (&a.kind, &b.kind) {
        (K::Null, K::Null) => Ok(()),
        (K::Bool(x), K::Bool(y)) if x == y => Ok(()),
        (K::Number(x), K::Number(y)) if x == y => Ok(()),
        (K::String(x), K::String(y)) if x == y => Ok(()),
        (K::Variable(x), K::Variable(y)) if x == y => Ok(()),
        (K::Template(x), K::Template(y)) => {
            if x.len() != y.len() {
                return mismatch();
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                match (p, q) {
                    (TemplatePart::Literal(s), TemplatePart::Literal(t)) if s == t => {}
                    (TemplatePart::Interpolation(e), TemplatePart::Interpolation(f)) => {
                        diff_expr(e, f, &format!("{path}.part[{i}]"))?
                    }
                    (TemplatePart::Directive, TemplatePart::Directive) => {}
                    _ => return mismatch(),
                }
            }
            Ok(())
        }
        (K::Array(x), K::Array(y)) => diff_exprs(x, y, path),
        (K::Object(x), K::Object(y)) => {
            if x.len() != y.len() {
                return mismatch();
            }
            for (i, ((k1, v1), (k2, v2))) in x.iter().zip(y).enumerate() {
                let p = format!("{path}.item[{i}]");
                match (k1, k2) {
                    (ObjectKey::Ident(s), ObjectKey::Ident(t)) if s == t => {}
                    (ObjectKey::Expr(e), ObjectKey::Expr(f)) => diff_expr(e, f, &p)?,
                    _ => return Err(format!("{p}: key {k1:?} vs {k2:?}")),
                }
                diff_expr(v1, v2, &p)?;
            }
            Ok(())
        }
        (K::Traversal(e, ops), K::Traversal(f, ops2)) => {
            diff_expr(e, f, path)?;
            if ops.len() != ops2.len() {
                return mismatch();
            }
            for (i, (o, p)) in ops.iter().zip(ops2).enumerate() {
                match (o, p) {
                    (Traverse::Attr(s), Traverse::Attr(t)) if s == t => {}
                    (Traverse::LegacyIndex(s), Traverse::LegacyIndex(t)) if s == t => {}
                    (Traverse::Splat, Traverse::Splat) => {}
                    (Traverse::Index(x), Traverse::Index(y)) => {
                        diff_expr(x, y, &format!("{path}.op[{i}]"))?
                    }
                    _ => return mismatch(),
                }
            }
            Ok(())
        }
        (
            K::FuncCall {
                name,
                args,
                expand_final,
            },
            K::FuncCall {
                name: n2,
                args: a2,
                expand_final: e2,
            },
        ) if name == n2 && expand_final == e2 => diff_exprs(args, a2, &format!("{path}.{name}()")),
        (K::Conditional(c, t, f), K::Conditional(c2, t2, f2)) => {
            diff_expr(c, c2, &format!("{path}.cond"))?;
            diff_expr(t, t2, &format!("{path}.then"))?;
            diff_expr(f, f2, &format!("{path}.else"))
        }
        (K::Unary(o, e), K::Unary(o2, e2)) if o == o2 => diff_expr(e, e2, path),
        (K::Binary(o, l, r), K::Binary(o2, l2, r2)) if o == o2 => {
            diff_expr(l, l2, &format!("{path}.lhs"))?;
            diff_expr(r, r2, &format!("{path}.rhs"))
        }
        (K::Parenthesis(e), K::Parenthesis(f)) => diff_expr(e, f, path),
        (K::For(f), K::For(g)) => {
            if f.key_var != g.key_var || f.value_var != g.value_var || f.grouping != g.grouping {
                return mismatch();
            }
            diff_expr(&f.collection, &g.collection, &format!("{path}.in"))?;
            diff_opt(&f.key_expr, &g.key_expr, &format!("{path}.key"))?;
            diff_expr(&f.value_expr, &g.value_expr, &format!("{path}.value"))?;
            diff_opt(&f.cond, &g.cond, &format!("{path}.if"))
        }
        _ => mismatch(),
    }
}

/// Parses `text` with both parsers; both must accept it and agree.
fn differential(name: &str, text: &str) -> Result<(), String> {
    let file = source(text);
    let theirs = parse(&file).map_err(|e| format!("{name}: hcl-edit rejects it: {e:?}"))?;
    compare_with(name, &file, &theirs)
}

fn compare_with(name: &str, file: &SourceFile, theirs: &Body) -> Result<(), String> {
    let ours =
        parse_native(file).map_err(|e| format!("{name}: native parser rejects it: {e:?}"))?;
    diff_body(&ours, theirs, name).map_err(|e| format!("{name}: {e}"))
}

/// Snippets that hcl-edit accepts, one or more per syntax feature.
const DIFFERENTIAL_CORPUS: &[&str] = &[
    "a = 1\n",
    "a = 1",
    "a = null\nb = true\nc = false\n",
    "n = [0, 42, 3.25, 1e3, 2.5E-3, 6e+2, 18446744073709551616, -7, -1.5, - 2]\n",
    "s = \"plain\"\n",
    "s = \"\"\n",
    "s = \"esc \\n \\t \\r \\\" \\\\ \\u00e9 \\U0001F600\"\n",
    "s = \"dollar $${x} %%{y} $ % $$ %%\"\n",
    "t = \"hello ${var.name}!\"\n",
    "t = \"${a}${b}\"\n",
    "t = \"${ a }\"\n",
    "t = \"a ${\"b ${c}\"} d\"\n",
    "t = \"${ {a = 1}.a }\"\n",
    "t = \"%{ if a }x%{ else }y%{ endif }\"\n",
    "t = \"a %{ for k, v in m }${k}%{ endfor } b ${c}\"\n",
    "t = \"${join(\",\",\n  var.list,\n)}\"\n",
    "h = <<EOF\nline\n  indented\nEOF\n",
    "h = <<EOF\nname = ${var.name} $${x}\nEOF\n",
    "h = <<EOF\nEOF\n",
    "h = <<EOF\n\nEOF\n",
    "h = <<-EOF\n    uniform\n    indent\n    EOF\n",
    "h = <<EOF\n%{ for x in l }${x}%{ endfor }\nEOF\n",
    "h = jsonencode(<<JSON\n{\"a\": 1}\nJSON\n)\n",
    "l = []\nm = [1]\nn = [1, 2, 3,]\n",
    "l = [\n  1,\n  2\n]\n",
    "l = [\n  var.a\n  + var.b,\n  var.c\n  ? 1\n  : 2,\n]\n",
    "o = {}\np = {\n}\n",
    "o = { a = 1, b = 2 }\n",
    "o = { a: 1, \"b\" = 2, (c) = 3, d.e = 4, \"${f}\" = 5 }\n",
    "o = {\n  a = 1\n\n  b = 2,\n  c = 3 # c\n}\n",
    "o = { for_each = 1, if = 2, in = 3 }\n",
    "o = { a = { b = { c = [1, { d = 2 }] } } }\n",
    "v = var.a.b[0].c\n",
    "v = var.list.0.name\n",
    "v = var.list.*.id\n",
    "v = var.list[*].tags[\"n\"]\n",
    "v = values(m)[*].name\n",
    "v = f(x).y\n",
    "v = (a).b\n",
    "v = [1][0]\n",
    "f = merge(var.a, { b = 1 },)\n",
    "f = timestamp()\n",
    "f = max(var.n...)\n",
    "f = concat(\n  var.a,\n  var.b...\n)\n",
    "f = provider::google::project_id(var.link)\n",
    "f = lookup(lookup(m, \"a\", {}), \"b\",\n  null)\n",
    "e = 1 + 2 * 3 - 4 / 2 % 3\n",
    "e = a || b && c == d != e < f <= g > h >= i + j - k * l / m % n\n",
    "e = !a && -b < 0\n",
    "e = !!true\n",
    "e = - -1\n",
    "e = -a.b\n",
    "e = a - b - c\n",
    "e = a ? b : c ? d : e\n",
    "e = a >= 10 ? \"big\" : \"small\"\n",
    "e = (1 + 2) * 3\n",
    "e = (\n  var.a\n  + var.b\n)\n",
    "e = (a &&\n  b ||\n  c)\n",
    "e = (\n  a\n  ? 1\n  : 2\n)\n",
    "e = a[\n  \"k\"\n]\n",
    "r = [for s in l : upper(s)]\n",
    "r = [for i, s in l : \"${i}=${s}\" if s != \"\"]\n",
    "r = { for k, v in m : k => v }\n",
    "r = { for s in l : s.region => s.name... }\n",
    "r = { for s in l : s.region => s.name... if s.on }\n",
    "r = {\n  for k, v in m :\n  k => v\n  if v != null\n}\n",
    "r = flatten([\n  for a, b in m : [\n    for c in b : {\n      x = a\n      y = c\n    }\n  ]\n])\n",
    "r = [for x in [for y in l : y * 2] : x + 1]\n",
    "# c\n// d\n/* e\n */\na = /* f */ 1 # g\nb = [ # h\n  1, // i\n  /* j */ 2\n]\n",
    "c = f(/* a */ 1, /* b */ 2)\n",
    "c = var.a /* x */ + /* y */ var.b\n",
    "a {\n}\nb \"l\" {\n  c = 1\n}\nd \"l1\" l2 \"l3\" {\n  e {\n    f = 2\n  }\n}\n",
    "variable \"a\" { default = 1 }\nb {}\nc { }\n",
    "resource \"a\" \"b\" {\n  x = 1\n\n  y {\n    z = 2\n  }\n}\n",
    "a \"esc\\\"aped\" {}\n",
    "locals {\r\n  a = 1\r\n  b = [\r\n    1,\r\n  ]\r\n  c = <<EOF\r\nx\r\nEOF\r\n}\r\n",
    "locals {\n\ta\t=\t1\n\tb = {\n\t\tc\t= \"t\tt\"\n\t}\n}\n",
    "café = \"crème\"\n名前 = local.café\nwith-dash = 1\n_u = 2\n",
    "a = \"rocket 🚀 ünï\"\n",
];

#[test]
fn differential_against_hcl_edit() {
    let mut failures = Vec::new();
    for (i, text) in DIFFERENTIAL_CORPUS.iter().enumerate() {
        if let Err(e) = differential(&format!("corpus[{i}]"), text) {
            failures.push(e);
        }
    }
    // Every .tf file in the repository's fixtures that hcl-edit accepts,
    // except where the two parsers knowingly differ.
    let known_differences = [
        // hcl-edit rejects these (the reason this parser exists).
        "duplicate_object_key.tf",
        "multiline_conditional_in_for.tf",
        // Strip markers: hcl-edit keeps the whitespace, HashiCorp's parser
        // (and this one) remove it.
        "templates_strip.tf",
        // Indented heredocs whose lines are not all equally indented: the
        // conversion from hcl-edit dedents twice, or marks the template
        // unknown when it has interpolations.
        "heredocs_indented.tf",
        // hcl-edit reads an empty heredoc on to the next heredoc's marker.
        "heredoc_empty.tf",
    ];
    let (mut compared, mut both_reject) = (0, 0);
    for path in fixture_files(&fixtures_dir()) {
        let name = path
            .strip_prefix(fixtures_dir())
            .unwrap()
            .display()
            .to_string();
        if name.starts_with("syntax-invalid") {
            continue;
        }
        // (The encoding fixtures of other rules include invalid UTF-8.)
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file_name = path.file_name().unwrap().to_str().unwrap();
        if known_differences.contains(&file_name) && name.starts_with("syntax") {
            assert!(
                differential(&name, &text).is_err(),
                "{name} no longer differs: remove it from known_differences"
            );
            continue;
        }
        let file = source(&text);
        match parse(&file) {
            Ok(theirs) => {
                compared += 1;
                if let Err(e) = compare_with(&name, &file, &theirs) {
                    failures.push(e);
                }
            }
            // Files with syntax errors (the TF001 rule's): both must reject them.
            Err(_) => {
                both_reject += 1;
                if parse_native(&file).is_ok() {
                    failures.push(format!(
                        "{name}: hcl-edit rejects it, the native parser accepts it"
                    ));
                }
            }
        }
    }
    assert!(compared >= 50, "only {compared} fixture files compared");
    assert!(both_reject >= 1);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

// ----- fixtures -----

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// All `.tf` files under `dir`, sorted.
fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "tf") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn read_fixture(path: &Path) -> SourceFile {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).expect("fixtures are UTF-8");
    SourceFile::new(0, path.to_path_buf(), path.display().to_string(), text)
}

#[test]
fn valid_syntax_fixtures_parse() {
    let files = fixture_files(&fixtures_dir().join("syntax"));
    assert!(files.len() >= 20, "{files:?}");
    for path in &files {
        let file = read_fixture(path);
        if let Err(e) = parse_native(&file) {
            let p = file.position(e.span.start as usize);
            panic!("{}:{}:{}: {}", path.display(), p.line, p.column, e.message);
        }
    }
    // The encoding fixtures are what their names say.
    let bom = std::fs::read(fixtures_dir().join("syntax/bom.tf")).unwrap();
    assert!(bom.starts_with(b"\xEF\xBB\xBF"));
    let crlf = std::fs::read_to_string(fixtures_dir().join("syntax/crlf.tf")).unwrap();
    assert!(crlf.contains("\r\n") && !crlf.replace("\r\n", "").contains('\n'));
    let tabs = std::fs::read_to_string(fixtures_dir().join("syntax/tabs.tf")).unwrap();
    assert!(tabs.contains('\t'));
}

/// Each invalid fixture starts with `# error: LINE:COL text`: the error
/// must start there and its message contain the text.
#[test]
fn invalid_syntax_fixtures_fail_where_expected() {
    let files = fixture_files(&fixtures_dir().join("syntax-invalid"));
    assert!(files.len() >= 4, "{files:?}");
    for path in &files {
        let file = read_fixture(path);
        let header = file.line_text(1);
        let spec = header
            .strip_prefix("# error: ")
            .unwrap_or_else(|| panic!("{}: no `# error: L:C text` header", path.display()));
        let (pos, text) = spec.split_once(' ').unwrap_or((spec, ""));
        let (line, col) = pos.split_once(':').expect("L:C");
        let want = (
            line.parse::<usize>().unwrap(),
            col.parse::<usize>().unwrap(),
        );
        let e = match parse_native(&file) {
            Ok(_) => panic!("{} parsed but should not", path.display()),
            Err(e) => e,
        };
        let p = file.position(e.span.start as usize);
        assert_eq!(
            (p.line, p.column),
            want,
            "{}: {}",
            path.display(),
            e.message
        );
        assert!(
            e.message.contains(text),
            "{}: {:?} lacks {text:?}",
            path.display(),
            e.message
        );
    }
}

// ----- comments -----

/// The comments of a text: kind and text, in order.
fn comments(text: &str) -> Vec<(CommentKind, &str)> {
    let file = super::parse_file(text, 0).unwrap();
    file.comments
        .iter()
        .map(|c| (c.kind, c.text(text)))
        .collect()
}

#[test]
fn comments_are_kept_once_in_order_and_never_from_strings() {
    use CommentKind::*;
    let text = concat!(
        "# top\r\n",
        "a = 1 // after a\n",
        "b = \"# not a comment\" /* block */\n",
        "c {\n",
        "  /* multi\n",
        "     line */\n",
        "  d = [ # in a list\n",
        "    1, // item\n",
        "  ]\n",
        "  e = <<EOT\n",
        "  # heredoc text\n",
        "  EOT\n",
        "  f = \"${x # in an interpolation\n",
        "  }\"\n",
        "  g = - /* neg */ 1\n",
        "}\n",
        "# end",
    );
    assert_eq!(
        comments(text),
        [
            (Hash, "# top"),
            (DoubleSlash, "// after a"),
            (Block, "/* block */"),
            (Block, "/* multi\n     line */"),
            (Hash, "# in a list"),
            (DoubleSlash, "// item"),
            (Hash, "# in an interpolation"),
            (Block, "/* neg */"),
            (Hash, "# end"),
        ]
    );
    let file = super::parse_file(text, 0).unwrap();
    assert_eq!(file.comments[0].span, Span::new(0, 0, 5));
    assert_eq!(file.comments[0].content(text), " top");
    assert_eq!(file.comments[2].content(text), " block ");
    assert_eq!(
        file.comments[2].content_start(),
        text.find("/* block").unwrap() + 2
    );
    // The tree is the same as without comments.
    assert_eq!(file.body.attributes.len(), 2);
    assert_eq!(file.body.blocks[0].body.attributes.len(), 4);
}

#[test]
fn a_file_without_comments_has_none() {
    assert!(comments("a = 1\nb { c = \"#x//y/*z*/\" }\n").is_empty());
}
