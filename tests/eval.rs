//! Evaluation: values are computed as Terraform would, or unknown with a reason.

use lblint::eval::{evaluate_module, Instances, Module, Reference, Value};
use lblint::syntax::{parse, SourceFile};
use std::path::PathBuf;

fn module(tf: &str, tfvars: &[&str]) -> Module {
    let file = SourceFile::new(0, PathBuf::from("main.tf"), "main.tf".into(), tf.into());
    let body = parse(&file).expect("parses");
    let vars: Vec<_> = tfvars
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let f = SourceFile::new(
                i as u32 + 1,
                PathBuf::from("x.tfvars"),
                "x".into(),
                t.to_string(),
            );
            parse(&f).expect("tfvars parse")
        })
        .collect();
    let var_refs: Vec<_> = vars.iter().collect();
    evaluate_module(&[&body], &var_refs)
}

/// Evaluates `expr` as attribute `v` of a resource, with extra declarations around it.
fn eval_with(decls: &str, expr: &str, tfvars: &[&str]) -> Value {
    let tf = format!("{decls}\nresource \"test_thing\" \"t\" {{\n  v = {expr}\n}}\n");
    let m = module(&tf, tfvars);
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    r.body.attr("v").unwrap().value.clone()
}

fn eval(expr: &str) -> Value {
    eval_with("", expr, &[])
}

fn s(x: &str) -> Value {
    Value::String(x.into())
}

fn unknown_because(v: &Value, part: &str) {
    match v {
        Value::Unknown(u) => assert!(
            u.reason.contains(part),
            "reason `{}` lacks `{part}`",
            u.reason
        ),
        other => panic!("expected unknown, got {other}"),
    }
}

#[test]
fn literals_operators_and_conditionals() {
    assert_eq!(eval("1 + 2 * 3"), Value::Number(7.0));
    assert_eq!(eval("\"a\" == \"a\" && !false"), Value::Bool(true));
    assert_eq!(eval("10 > 3 ? \"big\" : \"small\""), s("big"));
    assert_eq!(eval("-(4 % 3)"), Value::Number(-1.0));
    unknown_because(&eval("1 / 0"), "division by zero");
}

#[test]
fn variables_take_tfvars_then_default() {
    let decls = "variable \"a\" {\n  default = 30\n}\nvariable \"b\" {\n  default = \"x\"\n}\nvariable \"c\" {}\n";
    assert_eq!(eval_with(decls, "var.a", &[]), Value::Number(30.0));
    assert_eq!(
        eval_with(decls, "var.a", &["a = 3600\n"]),
        Value::Number(3600.0)
    );
    // Later tfvars files win, as with terraform.tfvars then *.auto.tfvars.
    assert_eq!(
        eval_with(decls, "var.a", &["a = 1\n", "a = 2\n"]),
        Value::Number(2.0)
    );
    assert_eq!(eval_with(decls, "var.b", &["a = 1\n"]), s("x"));
    unknown_because(&eval_with(decls, "var.c", &[]), "has no default");
    unknown_because(&eval_with(decls, "var.nope", &[]), "not declared");
}

#[test]
fn locals_chain_and_cycles_do_not_hang() {
    let decls =
        "locals {\n  a = \"${local.b}-x\"\n  b = upper(\"ws\")\n  c = local.d\n  d = local.c\n}\n";
    assert_eq!(eval_with(decls, "local.a", &[]), s("WS-x"));
    unknown_because(&eval_with(decls, "local.c", &[]), "refers to itself");
}

#[test]
fn templates_keep_a_single_interpolation_s_type() {
    let decls = "locals {\n  n = 42\n}\n";
    assert_eq!(eval_with(decls, "\"${local.n}\"", &[]), Value::Number(42.0));
    assert_eq!(eval_with(decls, "\"t=${local.n}s\"", &[]), s("t=42s"));
    unknown_because(&eval("\"%{if true}x%{endif}\""), "directives");
}

#[test]
fn for_expressions() {
    assert_eq!(
        eval("[for p in [\"/a\", \"/b\", \"/c\"] : \"${p}/*\" if p != \"/b\"]"),
        Value::List(vec![s("/a/*"), s("/c/*")])
    );
    let v = eval("{ for k, v in { a = 1, b = 2 } : upper(k) => v * 10 }");
    match v {
        Value::Object(m) => {
            assert_eq!(m.get("A"), Some(&Value::Number(10.0)));
            assert_eq!(m.get("B"), Some(&Value::Number(20.0)));
        }
        other => panic!("{other}"),
    }
    unknown_because(&eval("[for x in data.a.b.list : x]"), "data sources");
}

#[test]
fn functions() {
    assert_eq!(eval("lower(\"WS\")"), s("ws"));
    assert_eq!(eval("format(\"%s-%d\", \"a\", 7)"), s("a-7"));
    assert_eq!(eval("join(\",\", concat([\"a\"], [\"b\"]))"), s("a,b"));
    assert_eq!(eval("lookup({ a = 1 }, \"b\", 5)"), Value::Number(5.0));
    assert_eq!(
        eval("length(merge({ a = 1 }, { b = 2 }))"),
        Value::Number(2.0)
    );
    assert_eq!(eval("coalesce(\"\", \"x\")"), s("x"));
    unknown_because(
        &eval("timestamp()"),
        "`timestamp` returns the time of the run",
    );
    unknown_because(&eval("upper(var.missing)"), "not declared");
}

#[test]
fn references_to_resources_of_the_module() {
    let decls = "resource \"google_compute_backend_service\" \"api\" {}\n";
    assert_eq!(
        eval_with(decls, "google_compute_backend_service.api.id", &[]),
        Value::Ref(Reference {
            resource_type: "google_compute_backend_service".into(),
            name: "api".into(),
            attribute: Some("id".into()),
        })
    );
    assert!(matches!(
        eval_with(decls, "google_compute_backend_service.api[0].self_link", &[]),
        Value::Ref(Reference { attribute: Some(a), .. }) if a == "self_link"
    ));
    unknown_because(
        &eval_with(decls, "google_compute_backend_service.other.id", &[]),
        "not declared in this module",
    );
    unknown_because(&eval("module.lb.backend_id"), "module output");
    unknown_because(
        &eval_with(decls, "\"${google_compute_backend_service.api.id}/x\"", &[]),
        "only known after apply",
    );
}

#[test]
fn dynamic_blocks_expand_over_known_values_only() {
    let tf = r#"
locals {
  paths = ["/ws", "/chat"]
}
resource "test_thing" "t" {
  dynamic "path_rule" {
    for_each = local.paths
    iterator = p
    content {
      paths = [p.value, "${p.value}/*"]
    }
  }
  dynamic "route_rules" {
    for_each = var.unknown_rules
    content {
      priority = route_rules.key
    }
  }
}
"#;
    let m = module(tf, &[]);
    let body = &m.resources[0].body;
    let rules: Vec<_> = body.blocks("path_rule").collect();
    assert_eq!(rules.len(), 2);
    assert_eq!(
        rules[1].body.attr("paths").unwrap().value,
        Value::List(vec![s("/chat"), s("/chat/*")])
    );
    assert!(rules.iter().all(|r| r.generated));
    assert!(body.has_unknown_blocks("route_rules"));
    assert!(!body.has_unknown_blocks("path_rule"));
}

#[test]
fn count_and_for_each_decide_existence() {
    let tf = "resource \"a\" \"zero\" {\n  count = 0\n}\nresource \"a\" \"two\" {\n  count = 2\n  name = \"n-${count.index}\"\n}\nresource \"a\" \"each\" {\n  for_each = toset([\"x\", \"y\", \"x\"])\n}\nresource \"a\" \"unk\" {\n  count = var.n\n}\n";
    let m = module(tf, &[]);
    let by = |n: &str| m.resources.iter().find(|r| r.name == n).unwrap();
    assert!(!by("zero").exists());
    assert_eq!(by("two").instances, Instances::Known(2));
    unknown_because(
        &by("two").body.attr("name").unwrap().value,
        "differs per instance",
    );
    assert_eq!(by("each").instances, Instances::Known(2));
    assert!(matches!(by("unk").instances, Instances::Unknown(_)));
    assert!(by("unk").exists());
}

#[test]
fn deep_expressions_stop_at_the_depth_limit_instead_of_overflowing() {
    use lblint::syntax::ast::{Attribute, Block, Body, Expr, ExprKind};
    use lblint::syntax::Span;
    // Built by hand: deeper than any parser lets through today.
    let sp = Span::new(0, 0, 0);
    let mut e = Expr {
        kind: ExprKind::Number(1.0),
        span: sp,
    };
    for _ in 0..5_000 {
        e = Expr {
            kind: ExprKind::Parenthesis(Box::new(e)),
            span: sp,
        };
    }
    let attr = Attribute {
        key: "v".into(),
        key_span: sp,
        value: e,
        span: sp,
    };
    let block = Block {
        ident: "resource".into(),
        ident_span: sp,
        labels: vec![("a".into(), sp), ("b".into(), sp)],
        body: Body {
            attributes: vec![attr],
            blocks: vec![],
        },
        span: sp,
    };
    let body = Body {
        attributes: vec![],
        blocks: vec![block],
    };
    let m = evaluate_module(&[&body], &[]);
    unknown_because(
        &m.resources[0].body.attr("v").unwrap().value,
        "nest more than 256 levels deep",
    );
}

/// Each unknown says why (typed) and where: the innermost expression that made it unknown,
/// the first one where two meet.
#[test]
fn unknowns_carry_their_cause_and_the_span_that_made_them() {
    use lblint::eval::Cause;
    let decls = "variable \"a\" {}\nvariable \"b\" {}\nlocals {\n  t = var.b\n}";
    // The attribute's value starts on line 7 (`  v = ` is 6 bytes); offsets in the file.
    let tf_prefix = format!("{decls}\nresource \"test_thing\" \"t\" {{\n  v = ");
    let at = |needle: &str, expr: &str| {
        let start = if needle.starts_with("local-def:") {
            decls.find("var.b").unwrap()
        } else {
            tf_prefix.len() + expr.find(needle).unwrap()
        };
        let len = needle.trim_start_matches("local-def:").len();
        (start as u32, (start + len) as u32)
    };
    let cases: [(&str, Cause, &str); 6] = [
        ("var.a + var.b", Cause::NoValue("a".into()), "var.a"),
        ("max(1, var.b)", Cause::NoValue("b".into()), "var.b"),
        ("local.t", Cause::NoValue("b".into()), "local-def:var.b"),
        ("data.x.y.z", Cause::DataSource, "data.x.y.z"),
        (
            "timestamp()",
            Cause::Function("timestamp".into()),
            "timestamp()",
        ),
        ("module.lb.x", Cause::ModuleOutput, "module.lb.x"),
    ];
    for (expr, cause, needle) in cases {
        let Value::Unknown(u) = eval_with(decls, expr, &[]) else {
            panic!("{expr} is known");
        };
        assert_eq!(u.cause, cause, "{expr}");
        let span = u.span.unwrap_or_else(|| panic!("{expr}: no span"));
        assert_eq!(
            (span.start, span.end),
            at(needle, expr),
            "{expr}: {}",
            u.reason
        );
    }
}
