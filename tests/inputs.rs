//! Input variables: Terraform's precedence and type conversions, through the evaluator.

use lblint::eval::inputs::{ordered, parse_number};
use lblint::eval::{evaluate_module, evaluate_root, InputSource, Module, Value};
use lblint::syntax::ast::Body;
use lblint::syntax::json::{self, Json};
use lblint::syntax::{parse, SourceFile};
use std::path::PathBuf;

fn body(id: u32, text: &str) -> Body {
    let f = SourceFile::new(id, PathBuf::from("x"), "x".into(), text.to_string());
    parse(&f).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

/// The value of attribute `x` of the resource `test_thing.t`, nulls included.
fn x_of(m: &Module) -> Value {
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    r.body
        .attrs
        .iter()
        .find(|a| a.name == "x")
        .unwrap()
        .value
        .clone()
}

/// A literal written in HCL, evaluated.
fn lit(expr: &str) -> Value {
    let b = body(
        0,
        &format!("resource \"test_thing\" \"t\" {{\n  x = {expr}\n}}\n"),
    );
    x_of(&evaluate_module(&[&b], &[]))
}

/// One way a value is given to `var.v`.
#[derive(Clone, Copy)]
enum Given<'a> {
    Tfvars(&'a str),
    Json(&'a str),
    Env(&'a str),
    Cli(&'a str),
}

/// `var.v` declared with `decl` (the inside of its block), given values in this order.
fn var_value(decl: &str, given: &[Given]) -> Value {
    let tf = body(
        0,
        &format!(
            "variable \"v\" {{\n{decl}\n}}\nresource \"test_thing\" \"t\" {{\n  x = var.v\n}}\n"
        ),
    );
    let hcl: Vec<Option<Body>> = given
        .iter()
        .enumerate()
        .map(|(i, g)| match g {
            Given::Tfvars(v) => Some(body(i as u32 + 1, &format!("v = {v}\n"))),
            _ => None,
        })
        .collect();
    let docs: Vec<Option<Json>> = given
        .iter()
        .enumerate()
        .map(|(i, g)| match g {
            Given::Json(v) => Some(json::parse(&format!("{{\"v\": {v}}}"), i as u32 + 1).unwrap()),
            _ => None,
        })
        .collect();
    let sources: Vec<InputSource> = given
        .iter()
        .enumerate()
        .map(|(i, g)| match g {
            Given::Tfvars(_) => InputSource::Hcl(hcl[i].as_ref().unwrap()),
            Given::Json(_) => InputSource::Json(docs[i].as_ref().unwrap()),
            Given::Env(value) => InputSource::Env { name: "v", value },
            Given::Cli(value) => InputSource::Cli { name: "v", value },
        })
        .collect();
    x_of(&evaluate_root(&[&tf], &sources))
}

/// What a row expects: a value (written in HCL) or an unknown whose reason has this text.
enum Expect<'a> {
    Is(&'a str),
    Unknown(&'a str),
}
use Expect::*;

fn check(row: usize, what: &str, got: Value, want: &Expect) {
    match want {
        Is(expr) => assert_eq!(got, lit(expr), "row {row}: {what}"),
        Unknown(part) => match &got {
            Value::Unknown(u) => assert!(
                u.reason.contains(part),
                "row {row}: {what}: reason `{}` lacks `{part}`",
                u.reason
            ),
            other => panic!("row {row}: {what}: expected unknown ({part}), got {other}"),
        },
    }
}

/// Conversions of a value from a variable definitions file to the declared type.
#[test]
fn tfvars_values_convert_to_the_declared_type() {
    let rows: &[(&str, &str, Expect)] = &[
        ("number", r#""300""#, Is("300")),
        ("number", r#""1e3""#, Is("1000")),
        ("number", r#""-2.5""#, Is("-2.5")),
        ("number", r#"" 300""#, Unknown("is not a number")),
        ("number", r#""0x10""#, Unknown("is not a number")),
        ("number", r#""Inf""#, Unknown("is not a number")),
        (
            "number",
            "true",
            Unknown("a bool where the type requires a number"),
        ),
        (
            "number",
            "[1]",
            Unknown("a list where the type requires a number"),
        ),
        ("number", "null", Is("null")),
        ("string", "300", Is(r#""300""#)),
        ("string", "1.5", Is(r#""1.5""#)),
        ("string", "true", Is(r#""true""#)),
        (
            "string",
            "{ a = 1 }",
            Unknown("an object where the type requires a string"),
        ),
        ("bool", r#""true""#, Is("true")),
        ("bool", r#""0""#, Is("false")),
        ("bool", r#""yes""#, Unknown("is not a bool")),
        ("list(number)", r#"["1", 2]"#, Is("[1, 2]")),
        (
            "list(string)",
            "{ a = 1 }",
            Unknown("an object where the type requires a list"),
        ),
        ("list(any)", r#"[1, "a"]"#, Is(r#"["1", "a"]"#)),
        ("list(any)", "[1, true]", Unknown("no common type")),
        (
            "list(any)",
            "[{ a = 1 }, { b = 1 }]",
            Unknown("differ in type"),
        ),
        ("list", "[[1], [2]]", Is("[[1], [2]]")),
        ("set(string)", r#"["b", "a", "b"]"#, Is(r#"["a", "b"]"#)),
        ("set(number)", "[10, 9, 10]", Is("[9, 10]")),
        (
            "map(number)",
            r#"{ a = "1", b = 2 }"#,
            Is("{ a = 1, b = 2 }"),
        ),
        (
            "map(any)",
            r#"{ a = 1, b = "x" }"#,
            Is(r#"{ a = "1", b = "x" }"#),
        ),
        (
            "map(string)",
            "[1]",
            Unknown("a list where the type requires a map"),
        ),
        ("tuple([string, number])", r#"[1, "2"]"#, Is(r#"["1", 2]"#)),
        ("tuple([string])", "[1, 2]", Unknown("a tuple of 1")),
        (
            "object({ t = number })",
            r#"{ t = "30", extra = 1 }"#,
            Is("{ t = 30 }"),
        ),
        ("object({ t = number })", "{}", Unknown("no attribute `t`")),
        (
            "object({ t = optional(number, 3600), n = optional(string) })",
            "{}",
            Is("{ t = 3600, n = null }"),
        ),
        (
            "object({ t = optional(number, 3600) })",
            "{ t = null }",
            Is("{ t = 3600 }"),
        ),
        (
            "object({ t = optional(number, \"60\") })",
            "{}",
            Is("{ t = 60 }"),
        ),
        (
            "list(object({ name = string, t = optional(number, 30) }))",
            r#"[{ name = "a" }, { name = "b", t = "60" }]"#,
            Is(r#"[{ name = "a", t = 30 }, { name = "b", t = 60 }]"#),
        ),
        (
            "map(object({ t = optional(number, 30), hdr = optional(list(string), []) }))",
            "{ ws = {}, api = { t = 5, hdr = [1] } }",
            Is(r#"{ ws = { t = 30, hdr = [] }, api = { t = 5, hdr = ["1"] } }"#),
        ),
        ("any", r#"[1, "a"]"#, Is(r#"[1, "a"]"#)),
        ("number", "max(1, 2)", Unknown("a function")),
        ("number", "var.other", Unknown("uses a variable")),
    ];
    for (i, (ty, value, want)) in rows.iter().enumerate() {
        let got = var_value(&format!("  type = {ty}"), &[Given::Tfvars(value)]);
        check(i, &format!("{ty} from {value}"), got, want);
    }
}

/// `TF_VAR_` and `--var` text: a string for a primitive type or no type, HCL otherwise.
#[test]
fn environment_and_command_line_text_is_read_by_the_declared_type() {
    let rows: &[(&str, &str, Expect)] = &[
        ("type = number", "300", Is("300")),
        ("type = number", "abc", Unknown("is not a number")),
        ("type = string", "300", Is(r#""300""#)),
        ("type = string", "[1]", Is(r#""[1]""#)),
        ("type = bool", "1", Is("true")),
        ("", "[1]", Is(r#""[1]""#)),
        ("", "300", Is(r#""300""#)),
        ("type = list(number)", r#"[1, "2"]"#, Is("[1, 2]")),
        ("type = any", r#"{ t = 1 }"#, Is("{ t = 1 }")),
        ("type = any", "300", Is("300")),
        (
            "type = map(string)",
            "{ a = ",
            Unknown("not an HCL expression"),
        ),
        (
            "type = map(string)",
            "{ a = 1 }\nb = 2",
            Unknown("not an HCL expression"),
        ),
        ("type = list(number)", "[max(1, 2)]", Unknown("a function")),
        (
            "type = object({ t = optional(number, 3600) })",
            "{}",
            Is("{ t = 3600 }"),
        ),
    ];
    for (i, (decl, text, want)) in rows.iter().enumerate() {
        for given in [Given::Env(text), Given::Cli(text)] {
            let got = var_value(decl, &[given]);
            check(i, &format!("`{decl}` from {text:?}"), got, want);
        }
    }
}

/// `.tfvars.json` values are JSON: strings stay strings until the type converts them.
#[test]
fn json_values_convert_like_hcl_ones() {
    let rows: &[(&str, &str, Expect)] = &[
        ("type = number", r#""300""#, Is("300")),
        ("type = string", "300", Is(r#""300""#)),
        (
            "",
            r#"{"a": [1, null, true]}"#,
            Is("{ a = [1, null, true] }"),
        ),
        ("type = map(number)", r#"{"a": "1"}"#, Is("{ a = 1 }")),
        (
            "type = string",
            r#""${var.x}""#,
            Unknown("template sequence"),
        ),
    ];
    for (i, (decl, text, want)) in rows.iter().enumerate() {
        let got = var_value(decl, &[Given::Json(text)]);
        check(i, &format!("`{decl}` from {text}"), got, want);
    }
}

/// Defaults, `nullable` and variables with no value at all.
#[test]
fn defaults_null_and_nullable() {
    let rows: &[(&str, &[Given], Expect)] = &[
        ("type = number\ndefault = \"30\"", &[], Is("30")),
        (
            "type = number\ndefault = 30",
            &[Given::Tfvars("null")],
            Is("null"),
        ),
        (
            "type = number\ndefault = 30\nnullable = false",
            &[Given::Tfvars("null")],
            Is("30"),
        ),
        (
            "type = number\nnullable = false",
            &[Given::Tfvars("null")],
            Unknown("nullable = false"),
        ),
        ("type = number", &[], Unknown("has no default and no value")),
        (
            "type = \"number\"",
            &[Given::Tfvars("1")],
            Unknown("does not read the type"),
        ),
        (
            "type = numbr",
            &[Given::Cli("1")],
            Unknown("does not read the type"),
        ),
    ];
    for (i, (decl, given, want)) in rows.iter().enumerate() {
        check(i, decl, var_value(decl, given), want);
    }
}

/// A later source wins, in the order [`ordered`] lists them.
#[test]
fn later_sources_win_in_terraforms_order() {
    let decl = "type = number\ndefault = 1";
    let rows: &[(&[Given], &str)] = &[
        (&[], "1"),
        (&[Given::Env("2")], "2"),
        (&[Given::Env("2"), Given::Tfvars("3")], "3"),
        (&[Given::Tfvars("3"), Given::Json("4")], "4"),
        (
            &[Given::Json("4"), Given::Tfvars("5"), Given::Cli("6")],
            "6",
        ),
        (&[Given::Cli("6"), Given::Tfvars("7")], "7"),
    ];
    for (i, (given, want)) in rows.iter().enumerate() {
        check(i, "precedence", var_value(decl, given), &Is(want));
    }
    // `ordered` puts the environment first, then the module's files, then the command line.
    let env = vec![("v".to_string(), "2".to_string())];
    let file = body(1, "v = 3\n");
    let sources = ordered(
        &env,
        [InputSource::Hcl(&file)],
        [InputSource::Cli {
            name: "v",
            value: "4",
        }],
    );
    let kinds: Vec<&str> = sources
        .iter()
        .map(|s| match s {
            InputSource::Env { .. } => "env",
            InputSource::Hcl(_) | InputSource::Json(_) => "file",
            InputSource::Cli { .. } => "cli",
            InputSource::Call { .. } => "call",
        })
        .collect();
    assert_eq!(kinds, ["env", "file", "cli"]);
}

#[test]
fn numbers_as_terraform_reads_them_from_strings() {
    let rows: &[(&str, Option<f64>)] = &[
        ("300", Some(300.0)),
        ("+3", Some(3.0)),
        ("-0.5", Some(-0.5)),
        (".5", Some(0.5)),
        ("5.", Some(5.0)),
        ("1E2", Some(100.0)),
        ("1e-2", Some(0.01)),
        ("", None),
        (".", None),
        ("1e", None),
        (" 1", None),
        ("1 ", None),
        ("1_000", None),
        ("0x1F", None),
        ("inf", None),
        ("NaN", None),
    ];
    for (text, want) in rows {
        assert_eq!(parse_number(text), *want, "{text:?}");
    }
}

/// The label follows the attribute into the value it reads: through locals and into the
/// object written in the tfvars file; a value an optional attribute's default filled in has
/// no label (the file does not hold it).
#[test]
fn the_origin_points_at_the_part_of_the_value_an_attribute_reads() {
    let tf = r#"
variable "cfg" {
  type = map(object({ timeout = optional(number, 100) }))
}

locals {
  ws = var.cfg["ws"]
}

resource "test_thing" "t" {
  a = local.ws.timeout
  b = "${var.cfg.api.timeout}"
  c = var.cfg.other.timeout
  d = var.cfg
}
"#;
    let tfvars =
        "cfg = {\n  ws  = { timeout = 10 }\n  api = { timeout = \"20\" }\n  other = {}\n}\n";
    let tf_body = body(0, tf);
    let vars = body(1, tfvars);
    let m = evaluate_root(&[&tf_body], &[InputSource::Hcl(&vars)]);
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    let at = |name: &str| {
        let a = r.body.attrs.iter().find(|a| a.name == name).unwrap();
        a.origin.as_ref().map(|o| {
            let span = o.file_span().unwrap();
            (
                o.variable.clone(),
                &tfvars[span.start as usize..span.end as usize],
            )
        })
    };
    assert_eq!(at("a"), Some(("cfg".to_string(), "10")));
    assert_eq!(at("b"), Some(("cfg".to_string(), "\"20\"")));
    // `other = {}` leaves `timeout` out, so its default applies: the object that leaves it
    // out is where to set it.
    assert_eq!(at("c"), Some(("cfg".to_string(), "{}")));
    assert_eq!(
        at("d").map(|(_, text)| text.starts_with("{\n  ws")),
        Some(true)
    );
    // The values themselves: converted, and the default filled in.
    let value = |name: &str| {
        r.body
            .attrs
            .iter()
            .find(|a| a.name == name)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(value("a"), Value::Number(10.0));
    assert_eq!(value("b"), Value::Number(20.0));
    assert_eq!(value("c"), Value::Number(100.0));
}

/// An attribute reading a variable that only its default sets has no origin.
#[test]
fn defaults_and_literals_have_no_origin() {
    let tf = "variable \"t\" {\n  default = 5\n}\nresource \"test_thing\" \"t\" {\n  a = var.t\n  b = 7\n}\n";
    let tf_body = body(0, tf);
    let env = vec![("other".to_string(), "1".to_string())];
    let m = evaluate_root(&[&tf_body], &ordered(&env, [], []));
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    assert!(r.body.attrs.iter().all(|a| a.origin.is_none()));
}

/// `each.value` of a `for_each` over a variable set by a tfvars file: the origin is the
/// instance's entry there (the part read, or the entry that leaves it out).
#[test]
fn the_origin_follows_each_value_to_the_instance_entry() {
    let tf = r#"
variable "backends" {
  type = map(object({ timeout = optional(number) }))
}

resource "test_thing" "t" {
  for_each = var.backends
  a        = each.value.timeout
}
"#;
    let tfvars = "backends = {\n  api = { timeout = 60 }\n  ws  = {}\n}\n";
    let tf_body = body(0, tf);
    let vars = body(1, tfvars);
    let m = evaluate_root(&[&tf_body], &[InputSource::Hcl(&vars)]);
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    let origins: Vec<(String, &str)> = r
        .expanded
        .iter()
        .map(|i| {
            let a = i.body.attrs.iter().find(|a| a.name == "a").unwrap();
            let span = a.origin.as_ref().and_then(|o| o.file_span()).unwrap();
            (
                i.key.to_string(),
                &tfvars[span.start as usize..span.end as usize],
            )
        })
        .collect();
    assert_eq!(
        origins,
        [
            ("[\"api\"]".to_string(), "60"),
            ("[\"ws\"]".to_string(), "{}")
        ]
    );
}
