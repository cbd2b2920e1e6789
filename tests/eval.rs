//! Evaluation: values are computed as Terraform would, or unknown with a reason.

use lblint::eval::{evaluate_module, InstanceKey, Instances, Module, Reference, Value};
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
            module: Default::default(),
            resource_type: "google_compute_backend_service".into(),
            name: "api".into(),
            key: None,
            attribute: Some("id".into()),
        })
    );
    // Terraform rejects an instance key on a resource without `count` or `for_each`.
    unknown_because(
        &eval_with(
            decls,
            "google_compute_backend_service.api[0].self_link",
            &[],
        ),
        "is one resource instance, which a number does not index",
    );
    unknown_because(
        &eval_with(decls, "google_compute_backend_service.other.id", &[]),
        "not declared in this module",
    );
    // A call not followed (evaluation without a module loader): its outputs are unknown.
    unknown_because(
        &eval_with(
            "module \"lb\" {\n  source = \"./lb\"\n}\n",
            "module.lb.backend_id",
            &[],
        ),
        "module `lb` is not followed: lblint reads other modules only when it lints files on disk",
    );
    // Terraform rejects a reference to a module call that is not declared.
    unknown_because(
        &eval("module.lb.backend_id"),
        "module `lb` is not declared in this module",
    );
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
    let decls = "variable \"a\" {}\nvariable \"b\" {}\nlocals {\n  t = var.b\n}\nmodule \"lb\" {\n  source = \"./lb\"\n}";
    // The attribute's value starts on line 10 (`  v = ` is 6 bytes); offsets in the file.
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

/// Resources the reference tables below read.
const RESOURCES: &str = r#"
variable "unset" {}
resource "google_compute_backend_service" "other" {
  name        = "other"
  protocol    = "HTTP"
  timeout_sec = 3600
  empty       = null
  labels      = { team = "ws" }
  backend {
    group = "g1"
  }
  backend {
    group = "g2"
  }
}
resource "google_compute_backend_service" "be" {
  for_each    = { api = 30, realtime = null }
  name        = "be-${each.key}"
  timeout_sec = each.value
}
resource "google_compute_backend_service" "n" {
  count       = 3
  name        = "n-${count.index}"
  timeout_sec = count.index * 10
}
resource "google_compute_backend_service" "set" {
  for_each = toset(["b", "a", "b"])
  name     = each.value
}
resource "google_compute_backend_service" "unk" {
  count       = var.unset
  name        = "u-${count.index}"
  protocol    = "HTTP2"
}
resource "google_compute_backend_service" "none" {
  count = 0
  name  = "none"
}
resource "google_cloud_run_v2_service" "run" {
  name = "run"
  template {
    timeout = "3600s"
    containers {
      image = "img"
    }
  }
}
resource "google_compute_backend_service" "chained" {
  name        = "chained"
  timeout_sec = google_compute_backend_service.other.timeout_sec + 1
}
"#;

fn r(t: &str, n: &str, key: Option<InstanceKey>, attribute: Option<&str>) -> Value {
    Value::Ref(Reference {
        module: Default::default(),
        resource_type: t.into(),
        name: n.into(),
        key,
        attribute: attribute.map(Into::into),
    })
}

fn bs(n: &str, key: Option<InstanceKey>, attribute: Option<&str>) -> Value {
    r("google_compute_backend_service", n, key, attribute)
}

fn k(s: &str) -> Option<InstanceKey> {
    Some(InstanceKey::Key(s.into()))
}

fn i(n: usize) -> Option<InstanceKey> {
    Some(InstanceKey::Index(n))
}

fn n(x: f64) -> Value {
    Value::Number(x)
}

#[test]
fn references_to_configured_attributes_resolve_to_their_values() {
    let table: Vec<(&str, Value)> = vec![
        (
            "google_compute_backend_service.other.timeout_sec",
            n(3600.0),
        ),
        ("google_compute_backend_service.other.name", s("other")),
        ("google_compute_backend_service.other.protocol", s("HTTP")),
        ("google_compute_backend_service.other.labels.team", s("ws")),
        // Blocks are lists of objects.
        (
            "google_compute_backend_service.other.backend[1].group",
            s("g2"),
        ),
        (
            "google_compute_backend_service.other.backend[*].group",
            Value::List(vec![s("g1"), s("g2")]),
        ),
        (
            "length(google_compute_backend_service.other.backend)",
            n(2.0),
        ),
        (
            "google_cloud_run_v2_service.run.template[0].timeout",
            s("3600s"),
        ),
        (
            "google_cloud_run_v2_service.run.template[0].containers[0].image",
            s("img"),
        ),
        // A resource whose value reads another's.
        (
            "google_compute_backend_service.chained.timeout_sec",
            n(3601.0),
        ),
        (
            "\"${google_compute_backend_service.other.name}-x\"",
            s("other-x"),
        ),
        // Per instance.
        (
            "google_compute_backend_service.be[\"api\"].timeout_sec",
            n(30.0),
        ),
        (
            "google_compute_backend_service.be[\"api\"].name",
            s("be-api"),
        ),
        (
            "google_compute_backend_service.be[\"realtime\"].name",
            s("be-realtime"),
        ),
        ("google_compute_backend_service.n[2].timeout_sec", n(20.0)),
        ("google_compute_backend_service.n.1.name", s("n-1")),
        (
            "google_compute_backend_service.n[*].name",
            Value::List(vec![s("n-0"), s("n-1"), s("n-2")]),
        ),
        ("google_compute_backend_service.set[\"a\"].name", s("a")),
        (
            "keys(google_compute_backend_service.be)",
            Value::List(vec![s("api"), s("realtime")]),
        ),
        ("length(google_compute_backend_service.n)", n(3.0)),
        ("length(google_compute_backend_service.none)", n(0.0)),
        (
            "[for k, v in google_compute_backend_service.be : v.name]",
            Value::List(vec![s("be-api"), s("be-realtime")]),
        ),
        // Instances not known: one body stands for all, what does not differ is known.
        ("google_compute_backend_service.unk[0].protocol", s("HTTP2")),
    ];
    for (expr, want) in table {
        assert_eq!(eval_with(RESOURCES, expr, &[]), want, "{expr}");
    }
}

#[test]
fn references_to_computed_attributes_and_instances_stay_references() {
    let table: Vec<(&str, Value)> = vec![
        (
            "google_compute_backend_service.other.id",
            bs("other", None, Some("id")),
        ),
        (
            "google_compute_backend_service.other.self_link",
            bs("other", None, Some("self_link")),
        ),
        (
            "google_compute_backend_service.other.fingerprint",
            bs("other", None, Some("fingerprint")),
        ),
        // Set to null: the provider's value.
        (
            "google_compute_backend_service.other.empty",
            bs("other", None, Some("empty")),
        ),
        (
            "google_compute_backend_service.other",
            bs("other", None, None),
        ),
        (
            "google_compute_backend_service.be[\"realtime\"].self_link",
            bs("be", k("realtime"), Some("self_link")),
        ),
        // `each.value` is null: the attribute is the provider's.
        (
            "google_compute_backend_service.be[\"realtime\"].timeout_sec",
            bs("be", k("realtime"), Some("timeout_sec")),
        ),
        (
            "google_compute_backend_service.be[\"api\"]",
            bs("be", k("api"), None),
        ),
        (
            "google_compute_backend_service.n[0].id",
            bs("n", i(0), Some("id")),
        ),
        (
            "google_compute_backend_service.n[*].id",
            Value::List(vec![
                bs("n", i(0), Some("id")),
                bs("n", i(1), Some("id")),
                bs("n", i(2), Some("id")),
            ]),
        ),
        (
            "google_compute_backend_service.n",
            Value::List(vec![
                bs("n", i(0), None),
                bs("n", i(1), None),
                bs("n", i(2), None),
            ]),
        ),
        (
            "values(google_compute_backend_service.be)[0].id",
            bs("be", k("api"), Some("id")),
        ),
        (
            "google_compute_backend_service.be",
            Value::Object(
                [
                    ("api".to_string(), bs("be", k("api"), None)),
                    ("realtime".to_string(), bs("be", k("realtime"), None)),
                ]
                .into(),
            ),
        ),
        // Splat on one instance: a list of it.
        (
            "google_compute_backend_service.other[*].id",
            Value::List(vec![bs("other", None, Some("id"))]),
        ),
        (
            "google_compute_backend_service.unk[1].id",
            bs("unk", i(1), Some("id")),
        ),
        (
            "google_compute_backend_service.unk.id",
            bs("unk", None, Some("id")),
        ),
        (
            "google_cloud_run_v2_service.run.uri",
            r("google_cloud_run_v2_service", "run", None, Some("uri")),
        ),
    ];
    for (expr, want) in table {
        assert_eq!(eval_with(RESOURCES, expr, &[]), want, "{expr}");
    }
}

#[test]
fn references_lblint_cannot_resolve_are_unknown() {
    let table: Vec<(&str, &str)> = vec![
        (
            "google_compute_backend_service.be[\"nope\"].name",
            "has no instance [\"nope\"]",
        ),
        (
            "google_compute_backend_service.n[3].name",
            "has no instance [3]",
        ),
        (
            "google_compute_backend_service.be.name",
            "has 2 instances and the reference names none",
        ),
        (
            "google_compute_backend_service.other.count",
            "is a meta-argument",
        ),
        (
            "google_compute_backend_service.unk[*].id",
            "instances of `google_compute_backend_service.unk` are not known",
        ),
        (
            "google_compute_backend_service.unk",
            "instances of `google_compute_backend_service.unk` are not known",
        ),
        (
            "google_compute_backend_service.unk[0].name",
            "`count.index` differs per instance",
        ),
        (
            "google_compute_backend_service.other.self_link.x",
            "`google_compute_backend_service.other.self_link` is only known after apply",
        ),
        (
            "google_compute_backend_service.other.id[0]",
            "is only known after apply",
        ),
        (
            "google_compute_backend_service.other.backend[0].capacity",
            "no attribute `capacity`",
        ),
        (
            "google_cloud_run_v2_service.run.template[0].scaling[0].x",
            "no attribute `scaling`",
        ),
        (
            "google_compute_backend_service.other.nope.x",
            "only known after apply",
        ),
        (
            "\"${google_compute_backend_service.other.id}-x\"",
            "only known after apply",
        ),
    ];
    for (expr, why) in table {
        unknown_because(&eval_with(RESOURCES, expr, &[]), why);
    }
}

#[test]
fn each_instance_is_evaluated_with_its_key() {
    let m = module(RESOURCES, &[]);
    let by = |n: &str| m.resources.iter().find(|r| r.name == n).unwrap();
    let be = by("be");
    assert_eq!(be.instances, Instances::Known(2));
    let keys: Vec<String> = be.expanded.iter().map(|i| i.key.to_string()).collect();
    assert_eq!(keys, ["[\"api\"]", "[\"realtime\"]"]);
    assert_eq!(
        be.expanded[0].body.attr("timeout_sec").unwrap().value,
        n(30.0)
    );
    // Null is absent.
    assert!(be.expanded[1].body.attr("timeout_sec").is_none());
    // The block evaluated once keeps `each` unknown.
    unknown_because(
        &be.body.attr("name").unwrap().value,
        "`each` differs per instance",
    );
    assert_eq!(
        be.instance_address(Some(&be.expanded[1].key)),
        "google_compute_backend_service.be[\"realtime\"]"
    );
    let set = by("set");
    let keys: Vec<String> = set.expanded.iter().map(|i| i.key.to_string()).collect();
    assert_eq!(keys, ["[\"a\"]", "[\"b\"]"]);
    let nn = by("n");
    let bodies = nn.instance_bodies();
    assert_eq!(bodies.len(), 3);
    assert_eq!(bodies[2].0, Some(&InstanceKey::Index(2)));
    assert_eq!(bodies[2].1.attr("name").unwrap().value, s("n-2"));
    assert!(by("none").instance_bodies().is_empty());
    // Unknown instances: the one body, without key.
    let unk = by("unk");
    assert!(matches!(unk.instances, Instances::Unknown(_)));
    assert_eq!(unk.instance_bodies().len(), 1);
    assert_eq!(unk.instance_bodies()[0].0, None);
    assert_eq!(by("other").instance_bodies().len(), 1);
    // Finding an instance as a reference names it.
    let api = InstanceKey::Key("api".into());
    assert_eq!(
        be.instance(Some(&api)).unwrap().attr("name").unwrap().value,
        s("be-api")
    );
    assert_eq!(
        be.instance(None).unwrap_err(),
        "`google_compute_backend_service.be` has 2 instances and the reference names none of them"
    );
    assert_eq!(
        nn.instance(Some(&InstanceKey::Index(5))).unwrap_err(),
        "`google_compute_backend_service.n` has no instance [5]"
    );
    assert!(unk.instance(Some(&InstanceKey::Index(7))).is_ok());
    assert!(by("other").instance(None).is_ok());
}

#[test]
fn count_and_for_each_values_terraform_rejects_are_unknown() {
    for (meta, why) in [
        ("count = -1", "`count` is -1, not a whole number"),
        ("count = 1.5", "`count` is 1.5, not a whole number"),
        ("count = null", "`count` is a null"),
        ("for_each = [\"a\", null]", "holds null"),
        ("for_each = \"a\"", "`for_each` is a string"),
    ] {
        let tf = format!("resource \"a\" \"x\" {{\n  {meta}\n}}\n");
        let m = module(&tf, &[]);
        match &m.resources[0].instances {
            Instances::Unknown(reason) => assert!(reason.contains(why), "{meta}: {reason}"),
            other => panic!("{meta}: {other:?}"),
        }
    }
    let m = module("resource \"a\" \"x\" {\n  count = \"2\"\n}\n", &[]);
    assert_eq!(m.resources[0].instances, Instances::Known(2));
}

#[test]
fn reference_cycles_between_resources_are_unknown() {
    let tf = r#"
resource "google_compute_backend_service" "a" {
  name        = "a"
  timeout_sec = google_compute_backend_service.b.timeout_sec
}
resource "google_compute_backend_service" "b" {
  name        = google_compute_backend_service.a.name
  timeout_sec = google_compute_backend_service.a.timeout_sec
}
resource "google_compute_backend_service" "self" {
  count = length(google_compute_backend_service.self)
}
resource "google_compute_backend_service" "c" {
  timeout_sec = google_compute_backend_service.a.name == "a" ? 1 : 2
}
"#;
    let m = module(tf, &[]);
    let by = |n: &str| m.resources.iter().find(|r| r.name == n).unwrap();
    unknown_because(
        &by("a").body.attr("timeout_sec").unwrap().value,
        "refers to itself (google_compute_backend_service.a -> google_compute_backend_service.b -> google_compute_backend_service.a)",
    );
    // `b` was evaluated inside `a`, so its reference back to `a` met the cycle.
    unknown_because(
        &by("b").body.attr("name").unwrap().value,
        "refers to itself",
    );
    match &by("self").instances {
        Instances::Unknown(reason) => assert!(reason.contains("refers to itself"), "{reason}"),
        other => panic!("{other:?}"),
    }
    // Outside the cycle, what `a` sets is known.
    assert_eq!(by("c").body.attr("timeout_sec").unwrap().value, n(1.0));
    assert!(!m.budget_hits.is_empty());
}
