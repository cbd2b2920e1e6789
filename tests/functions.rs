//! Terraform's functions, evaluated through lblint's parser and evaluator: one row per
//! example, the input expression and what it gives, checked against the behaviour the
//! Terraform language documentation describes (examples in our own values where we could),
//! with edge cases: null, empty collections, type conversion, negative and out-of-range
//! indexes. `?` means unknown (lblint cannot tell, or the function depends on the machine,
//! time, files or randomness); `!` means Terraform fails on the expression (`try` moves
//! past it, `can` is false).

use lblint::eval::{evaluate_module, function_support, Support, Value, TERRAFORM_FUNCTIONS};
use lblint::syntax::{parse, SourceFile};
use std::path::PathBuf;

/// Evaluates `expr` as an attribute of a resource, after `decls`.
fn eval_in(decls: &str, expr: &str) -> Value {
    let tf = format!("{decls}\nresource \"test_thing\" \"t\" {{\n  v = {expr}\n}}\n");
    let file = SourceFile::new(0, PathBuf::from("main.tf"), "main.tf".into(), tf);
    let body = parse(&file).unwrap_or_else(|e| panic!("{expr}: {}", e.message));
    let m = evaluate_module(&[&body], &[]);
    let r = m.resources.iter().find(|r| r.name == "t").unwrap();
    r.body
        .attrs
        .iter()
        .find(|a| a.name == "v")
        .unwrap()
        .value
        .clone()
}

fn eval(expr: &str) -> Value {
    eval_in(
        "variable \"unset\" {}\nresource \"google_compute_backend_service\" \"api\" {}",
        expr,
    )
}

/// (expression, expected): an HCL literal, `?` for unknown, `!` for a Terraform error.
const ROWS: &[(&str, &str)] = &[
    // Numbers.
    ("abs(23)", "23"),
    ("abs(0)", "0"),
    ("abs(-12.5)", "12.5"),
    ("abs(\"-4\")", "4"),
    ("abs(null)", "!"),
    ("ceil(5)", "5"),
    ("ceil(5.1)", "6"),
    ("floor(4.9)", "4"),
    ("floor(-1.5)", "-2"),
    ("log(16, 2)", "4"),
    ("log(1000, 10)", "3"),
    ("log(50, 10)", "?"),
    ("max(12, 54, 3)", "54"),
    ("max([12, 54, 3]...)", "54"),
    ("min(5, \"3\")", "3"),
    ("min(7)", "7"),
    ("max()", "!"),
    ("max(1, \"x\")", "!"),
    ("parseint(\"100\", 10)", "100"),
    ("parseint(\"FF\", 16)", "255"),
    ("parseint(\"-10\", 16)", "-16"),
    ("parseint(\"1011111011101111\", 2)", "48879"),
    ("parseint(\"aA\", 62)", "656"),
    ("parseint(\"12\", 2)", "!"),
    ("parseint(\"7\", 1)", "!"),
    ("pow(3, 2)", "9"),
    ("pow(4, 0)", "1"),
    ("pow(2, -1)", "?"),
    ("signum(-13)", "-1"),
    ("signum(0)", "0"),
    ("signum(344)", "1"),
    ("sum([10, 13, 6, 4.5])", "33.5"),
    ("sum([])", "!"),
    ("sum([0.1, 0.2])", "?"),
    // Strings.
    ("chomp(\"hello\\n\")", "\"hello\""),
    ("chomp(\"hello\\r\\n\")", "\"hello\""),
    ("chomp(\"hello\\n\\n\")", "\"hello\""),
    ("chomp(\"\")", "\"\""),
    ("endswith(\"hello world\", \"world\")", "true"),
    ("endswith(\"hello world\", \"hello\")", "false"),
    ("startswith(\"hello world\", \"hello\")", "true"),
    ("startswith(\"hello\", \"\")", "true"),
    ("strcontains(\"hello world\", \"wor\")", "true"),
    ("strcontains(\"hello\", \"cat\")", "false"),
    ("format(\"Hello, %s!\", \"Ander\")", "\"Hello, Ander!\""),
    ("format(\"There are %d lights\", 4)", "\"There are 4 lights\""),
    ("format(\"%#v\", \"hello\")", "\"\\\"hello\\\"\""),
    ("format(\"%#v\", true)", "\"true\""),
    ("format(\"%#v\", {a = 1})", "\"{\\\"a\\\":1}\""),
    ("format(\"%#v\", [true])", "\"[true]\""),
    ("format(\"%#v\", null)", "\"null\""),
    ("format(\"%v\", null)", "\"null\""),
    ("format(\"%v\", 1000000)", "\"1e+06\""),
    ("format(\"%v\", 123456)", "\"123456\""),
    ("format(\"%v\", 0.5)", "\"0.5\""),
    ("format(\"%5.2f\", 3)", "\" 3.00\""),
    ("format(\"%.1f\", 0.25)", "?"),
    ("format(\"%03d\", 7)", "\"007\""),
    ("format(\"%+d|% d\", 7, 7)", "\"+7| 7\""),
    ("format(\"%-5s|\", \"ab\")", "\"ab   |\""),
    ("format(\"%5s|\", \"ab\")", "\"   ab|\""),
    ("format(\"%.2s\", \"abcdef\")", "\"ab\""),
    ("format(\"%x %X %o %b\", 255, 255, 8, 5)", "\"ff FF 10 101\""),
    ("format(\"%#x %#o\", 255, 8)", "\"0xff 010\""),
    ("format(\"%q\", \"a\\\"b\")", "\"\\\"a\\\\\\\"b\\\"\""),
    ("format(\"%t\", \"true\")", "\"true\""),
    ("format(\"%d\", \"5\")", "\"5\""),
    ("format(\"%[2]s %[1]s\", \"a\", \"b\")", "\"b a\""),
    ("format(\"100%%\")", "\"100%\""),
    ("format(\"%d\", 1.5)", "!"),
    ("format(\"%s\")", "!"),
    ("format(\"%s\", null)", "!"),
    ("format(\"%y\", 1)", "!"),
    ("format(\"%e\", 1)", "?"),
    ("format(\"%s\", var.unset)", "?"),
    (
        "formatlist(\"Hello, %s!\", [\"Valentina\", \"Ander\"])",
        "[\"Hello, Valentina!\", \"Hello, Ander!\"]",
    ),
    (
        "formatlist(\"%s, %s!\", \"Salutations\", [\"Valentina\", \"Ander\"])",
        "[\"Salutations, Valentina!\", \"Salutations, Ander!\"]",
    ),
    ("formatlist(\"%s\", [])", "[]"),
    ("formatlist(\"%s-%s\", [\"a\"], [\"b\", \"c\"])", "!"),
    ("indent(2, \"[\\n  foo,\\n]\")", "\"[\\n    foo,\\n  ]\""),
    ("indent(4, \"one line\")", "\"one line\""),
    ("join(\", \", [\"foo\", \"bar\", \"baz\"])", "\"foo, bar, baz\""),
    ("join(\", \", [\"foo\"])", "\"foo\""),
    ("join(\"-\", [\"a\"], [\"b\", 1])", "\"a-b-1\""),
    ("join(\",\", [])", "\"\""),
    ("join(\",\", [\"a\", null])", "!"),
    ("join(\",\", [\"a\", var.unset])", "?"),
    ("lower(\"HELLO\")", "\"hello\""),
    ("lower(\"ÀÉ\")", "?"),
    ("lower(null)", "!"),
    ("upper(\"hello\")", "\"HELLO\""),
    ("upper(5)", "\"5\""),
    ("regex(\"[a-z]+\", \"53453453.345345aaabbbccc23454\")", "\"aaabbbccc\""),
    (
        "regex(\"(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)\", \"2019-02-01\")",
        "[\"2019\", \"02\", \"01\"]",
    ),
    (
        "regex(\"^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?\", \"https://terraform.io/docs/\")",
        "{ authority = \"terraform.io\", scheme = \"https\" }",
    ),
    // RE2's \w is ASCII: the accented letter is not a word character.
    ("regex(\"\\\\w+\", \"é a\")", "\"a\""),
    ("regex(\"[a-z]+\", \"123\")", "!"),
    ("regex(\"(?x) a\", \"a\")", "?"),
    ("regex(\"a{1001}\", \"a\")", "?"),
    ("regexall(\"[a-z]+\", \"1234abcd5678efgh9\")", "[\"abcd\", \"efgh\"]"),
    ("length(regexall(\"[a-z]+\", \"1234\"))", "0"),
    ("regexall(\"(\\\\d+)=(\\\\w+)\", \"1=a 2=b\")", "[[\"1\", \"a\"], [\"2\", \"b\"]]"),
    ("replace(\"1 + 2 + 3\", \"+\", \"-\")", "\"1 - 2 - 3\""),
    ("replace(\"hello world\", \"/w.*d/\", \"everybody\")", "\"hello everybody\""),
    ("replace(\"abc\", \"/(b)/\", \"[$1]\")", "\"a[b]c\""),
    ("replace(\"a.b.c\", \".\", \"\")", "\"abc\""),
    ("replace(\"aaa\", \"\", \"-\")", "\"-a-a-a-\""),
    ("split(\",\", \"foo,bar,baz\")", "[\"foo\", \"bar\", \"baz\"]"),
    ("split(\",\", \"foo\")", "[\"foo\"]"),
    ("split(\",\", \"\")", "[\"\"]"),
    ("split(\"\", \"abc\")", "[\"a\", \"b\", \"c\"]"),
    ("strrev(\"hello\")", "\"olleh\""),
    ("strrev(\"\")", "\"\""),
    ("substr(\"hello world\", 1, 4)", "\"ello\""),
    ("substr(\"hello world\", -5, -1)", "\"world\""),
    ("substr(\"hello\", 10, 2)", "\"\""),
    ("substr(\"hello\", 1, 0)", "\"\""),
    ("substr(\"hello\", -3, 0)", "\"llo\""),
    ("substr(\"hello\", 1, 100)", "\"ello\""),
    ("substr(\"hello\", -10, 2)", "\"he\""),
    ("substr(\"hello\", 1.5, 1)", "!"),
    ("substr(\"🤔🤷\", 0, 1)", "?"),
    ("title(\"hello world\")", "\"Hello World\""),
    ("title(\"web-socket_path\")", "\"Web-Socket_path\""),
    ("trim(\"?!hello?!\", \"!?\")", "\"hello\""),
    ("trim(\"foobar\", \"far\")", "\"oob\""),
    ("trimprefix(\"helloworld\", \"hello\")", "\"world\""),
    ("trimprefix(\"helloworld\", \"cat\")", "\"helloworld\""),
    ("trimsuffix(\"helloworld\", \"world\")", "\"hello\""),
    ("trimspace(\"  hello\\n\\n\")", "\"hello\""),
    ("templatestring(\"x\", {})", "?"),
    // Collections.
    ("alltrue([\"true\", true])", "true"),
    ("alltrue([true, false])", "false"),
    ("alltrue([])", "true"),
    ("alltrue([\"yes\"])", "!"),
    ("anytrue([\"true\"])", "true"),
    ("anytrue([])", "false"),
    ("anytrue([false, var.unset])", "?"),
    (
        "chunklist([\"a\", \"b\", \"c\", \"d\", \"e\"], 2)",
        "[[\"a\", \"b\"], [\"c\", \"d\"], [\"e\"]]",
    ),
    ("chunklist([\"a\", \"b\"], 1)", "[[\"a\"], [\"b\"]]"),
    ("chunklist([], 3)", "[]"),
    ("chunklist([\"a\"], -1)", "!"),
    ("coalesce(\"a\", \"b\")", "\"a\""),
    ("coalesce(\"\", \"b\")", "\"b\""),
    ("coalesce(1, 2)", "1"),
    ("coalesce(null, \"x\")", "\"x\""),
    ("coalesce(null, \"\")", "!"),
    ("coalesce(1, \"a\")", "?"),
    ("coalesce(var.unset, \"x\")", "?"),
    (
        "coalesce(null, google_compute_backend_service.api.id)",
        "google_compute_backend_service.api.id",
    ),
    ("coalescelist([\"a\", \"b\"], [\"c\", \"d\"])", "[\"a\", \"b\"]"),
    ("coalescelist([], [\"c\", \"d\"])", "[\"c\", \"d\"]"),
    ("coalescelist([], [])", "!"),
    ("compact([\"a\", \"\", \"b\", null, \"c\"])", "[\"a\", \"b\", \"c\"]"),
    ("compact([])", "[]"),
    ("concat([\"a\", \"\"], [\"b\", \"c\"])", "[\"a\", \"\", \"b\", \"c\"]"),
    ("concat()", "[]"),
    ("concat([\"a\"], \"b\")", "!"),
    ("contains([\"a\", \"b\", \"c\"], \"a\")", "true"),
    ("contains([\"a\", \"b\", \"c\"], \"d\")", "false"),
    ("contains([], \"d\")", "false"),
    ("contains([1, 2], \"1\")", "?"),
    (
        "distinct([\"a\", \"b\", \"a\", \"c\", \"d\", \"b\"])",
        "[\"a\", \"b\", \"c\", \"d\"]",
    ),
    ("distinct([])", "[]"),
    ("element([\"a\", \"b\", \"c\"], 1)", "\"b\""),
    ("element([\"a\", \"b\", \"c\"], 3)", "\"a\""),
    ("element([\"a\", \"b\", \"c\"], -1)", "\"c\""),
    ("element([\"a\", \"b\", \"c\"], \"2\")", "\"c\""),
    ("element([], 0)", "!"),
    ("flatten([[\"a\", \"b\"], [], [\"c\"]])", "[\"a\", \"b\", \"c\"]"),
    ("flatten([[[\"a\", \"b\"], []], [\"c\"]])", "[\"a\", \"b\", \"c\"]"),
    ("flatten([])", "[]"),
    ("index([\"a\", \"b\", \"c\"], \"b\")", "1"),
    ("index([\"a\"], \"z\")", "!"),
    ("keys({ a = 1, c = 2, d = 3 })", "[\"a\", \"c\", \"d\"]"),
    ("keys({})", "[]"),
    ("values({ a = 3, c = 2, d = 1 })", "[3, 2, 1]"),
    ("length([])", "0"),
    ("length([\"a\", \"b\"])", "2"),
    ("length({ a = \"b\" })", "1"),
    ("length(\"hello\")", "5"),
    ("length(\"\")", "0"),
    ("length(\"👾🕹️\")", "?"),
    ("length(null)", "!"),
    ("length(var.unset)", "?"),
    ("lookup({ a = \"ay\", b = \"bee\" }, \"a\", \"what?\")", "\"ay\""),
    ("lookup({ a = \"ay\", b = \"bee\" }, \"c\", \"what?\")", "\"what?\""),
    ("lookup({ a = \"ay\" }, \"a\")", "\"ay\""),
    ("lookup({ a = \"ay\" }, \"c\")", "!"),
    (
        "matchkeys([\"i-123\", \"i-abc\", \"i-def\"], [\"us-west\", \"us-east\", \"us-east\"], [\"us-east\"])",
        "[\"i-abc\", \"i-def\"]",
    ),
    ("matchkeys([\"a\"], [\"x\", \"y\"], [\"x\"])", "!"),
    (
        "merge({ a = \"b\", c = \"d\" }, { e = \"f\", c = \"z\" })",
        "{ a = \"b\", c = \"z\", e = \"f\" }",
    ),
    ("merge({ a = \"b\" }, null)", "{ a = \"b\" }"),
    ("merge()", "{}"),
    ("merge({ a = 1 }, [\"b\"])", "!"),
    ("one([])", "null"),
    ("one([\"hello\"])", "\"hello\""),
    ("one([\"hello\", \"goodbye\"])", "!"),
    ("one(null)", "?"),
    ("range(3)", "[0, 1, 2]"),
    ("range(1, 4)", "[1, 2, 3]"),
    ("range(1, 8, 2)", "[1, 3, 5, 7]"),
    ("range(1, 4, 0.5)", "[1, 1.5, 2, 2.5, 3, 3.5]"),
    ("range(4, 1)", "[4, 3, 2]"),
    ("range(10, 5, -2)", "[10, 8, 6]"),
    ("range(-3)", "[0, -1, -2]"),
    ("range(0)", "[]"),
    ("range(1, 4, 0)", "!"),
    ("range(1, 4, -1)", "!"),
    ("range(2000)", "!"),
    ("range(0, 1, 0.1)", "?"),
    ("reverse([1, 2, 3])", "[3, 2, 1]"),
    ("reverse([])", "[]"),
    ("setintersection([\"a\", \"b\"], [\"b\", \"c\"], [\"b\", \"d\"])", "[\"b\"]"),
    (
        "setproduct([\"development\", \"staging\"], [\"app1\", \"app2\"])",
        "[[\"development\", \"app1\"], [\"development\", \"app2\"], [\"staging\", \"app1\"], [\"staging\", \"app2\"]]",
    ),
    ("setproduct([], [\"a\"])", "[]"),
    ("setproduct([\"a\"])", "!"),
    ("setsubtract([\"a\", \"b\", \"c\"], [\"a\", \"c\"])", "[\"b\"]"),
    ("setunion([\"b\", \"a\"], [\"b\", \"c\"], [\"d\"])", "[\"a\", \"b\", \"c\", \"d\"]"),
    ("setunion([{ a = 1 }], [{ b = 2 }])", "?"),
    ("slice([\"a\", \"b\", \"c\", \"d\"], 1, 3)", "[\"b\", \"c\"]"),
    ("slice([\"a\", \"b\"], 1, 1)", "[]"),
    ("slice([\"a\"], 0, 2)", "!"),
    ("slice([\"a\"], -1, 1)", "!"),
    ("sort([\"e\", \"d\", \"a\", \"x\"])", "[\"a\", \"d\", \"e\", \"x\"]"),
    ("sort([3, 10, 1])", "[\"1\", \"10\", \"3\"]"),
    ("sort([])", "[]"),
    (
        "transpose({ a = [\"1\", \"2\"], b = [\"2\", \"3\"] })",
        "{ \"1\" = [\"a\"], \"2\" = [\"a\", \"b\"], \"3\" = [\"b\"] }",
    ),
    ("zipmap([\"a\", \"b\"], [1, 2])", "{ a = 1, b = 2 }"),
    ("zipmap([], [])", "{}"),
    ("zipmap([\"a\"], [])", "!"),
    // Encodings.
    ("base64encode(\"Hello World\")", "\"SGVsbG8gV29ybGQ=\""),
    ("base64encode(\"\")", "\"\""),
    ("base64decode(\"SGVsbG8gV29ybGQ=\")", "\"Hello World\""),
    ("base64decode(\"SGVsbG8\")", "!"),
    ("jsonencode({ hello = \"world\" })", "\"{\\\"hello\\\":\\\"world\\\"}\""),
    ("jsonencode([\"<a&b>\"])", "\"[\\\"\\\\u003ca\\\\u0026b\\\\u003e\\\"]\""),
    ("jsonencode(1000000)", "\"1000000\""),
    ("jsonencode(null)", "\"null\""),
    ("jsonencode({ b = [1, true], a = null })", "\"{\\\"a\\\":null,\\\"b\\\":[1,true]}\""),
    ("jsonencode(var.unset)", "?"),
    ("jsondecode(\"{\\\"hello\\\": \\\"world\\\"}\")", "{ hello = \"world\" }"),
    ("jsondecode(\"true\")", "true"),
    ("jsondecode(\"[1, 2.5, null]\")", "[1, 2.5, null]"),
    ("jsondecode(\"{\")", "!"),
    ("jsondecode(\"{\\\"a\\\": 1, \\\"a\\\": 2}\")", "?"),
    ("urlencode(\"Hello World!\")", "\"Hello+World%21\""),
    ("urlencode(\"☃\")", "\"%E2%98%83\""),
    ("urldecode(\"Hello+World%21\")", "\"Hello World!\""),
    ("yamldecode(\"a: 1\")", "?"),
    ("yamlencode({ a = 1 })", "?"),
    ("csvdecode(\"a,b\\n1,2\\n\")", "?"),
    ("base64gzip(\"x\")", "?"),
    ("textencodebase64(\"x\", \"UTF-16LE\")", "?"),
    ("textdecodebase64(\"eAA=\", \"UTF-16LE\")", "?"),
    // Type conversion.
    ("tostring(\"hello\")", "\"hello\""),
    ("tostring(1)", "\"1\""),
    ("tostring(true)", "\"true\""),
    ("tostring(null)", "null"),
    ("tostring([])", "!"),
    ("tonumber(1)", "1"),
    ("tonumber(\"5\")", "5"),
    ("tonumber(\"-2.5\")", "-2.5"),
    ("tonumber(null)", "null"),
    ("tonumber(\"no\")", "!"),
    ("tobool(true)", "true"),
    ("tobool(\"false\")", "false"),
    ("tobool(null)", "null"),
    ("tobool(\"no\")", "!"),
    ("tobool(1)", "!"),
    ("tolist([\"a\", \"b\", \"c\"])", "[\"a\", \"b\", \"c\"]"),
    ("tolist([\"a\", 1, true])", "[\"a\", \"1\", \"true\"]"),
    ("tolist({ a = 1 })", "!"),
    ("toset([\"c\", \"b\", \"b\"])", "[\"b\", \"c\"]"),
    ("toset([3, 1, 2, 1])", "[1, 2, 3]"),
    ("toset([\"a\", 1])", "[\"1\", \"a\"]"),
    ("toset([])", "[]"),
    ("tomap({ a = 1, b = 2 })", "{ a = 1, b = 2 }"),
    ("tomap({ a = \"foo\", b = true })", "{ a = \"foo\", b = \"true\" }"),
    ("try(\"x\", \"y\")", "\"x\""),
    ("try(regex(\"[0-9]+\", \"abc\"), \"none\")", "\"none\""),
    ("try([\"a\"][5], \"fallback\")", "\"fallback\""),
    ("try(var.unset, \"x\")", "?"),
    ("try(tonumber(\"x\"), tobool(\"y\"))", "!"),
    ("can(regex(\"^[a-z]+$\", \"abc\"))", "true"),
    ("can(regex(\"^[a-z]+$\", \"123\"))", "false"),
    ("can(var.unset)", "?"),
    ("sensitive(\"x\")", "\"x\""),
    ("nonsensitive(\"x\")", "\"x\""),
    ("issensitive(\"x\")", "?"),
    ("ephemeralasnull(\"x\")", "?"),
    ("type(1)", "?"),
    // IP networks.
    ("cidrhost(\"10.12.112.0/20\", 16)", "\"10.12.112.16\""),
    ("cidrhost(\"10.12.112.0/20\", 268)", "\"10.12.113.12\""),
    ("cidrhost(\"10.12.112.0/20\", -2)", "\"10.12.127.254\""),
    ("cidrhost(\"10.0.0.0/30\", 4)", "!"),
    ("cidrhost(\"fd00:fd12:3456:7890:00a2::/72\", 34)", "?"),
    ("cidrnetmask(\"172.16.0.0/12\")", "\"255.240.0.0\""),
    ("cidrnetmask(\"10.0.0.0/33\")", "!"),
    ("cidrsubnet(\"172.16.0.0/12\", 4, 2)", "\"172.18.0.0/16\""),
    ("cidrsubnet(\"10.1.2.0/24\", 4, 15)", "\"10.1.2.240/28\""),
    ("cidrsubnet(\"10.1.2.0/24\", 4, 16)", "!"),
    ("cidrsubnet(\"10.1.2.0/24\", 9, 0)", "!"),
    (
        "cidrsubnets(\"10.1.0.0/16\", 4, 4, 8, 4)",
        "[\"10.1.0.0/20\", \"10.1.16.0/20\", \"10.1.32.0/24\", \"10.1.48.0/20\"]",
    ),
    ("cidrsubnets(\"10.0.0.0/30\", 1, 1, 1)", "!"),
    // The machine, the time, files, randomness, hashes.
    ("timestamp()", "?"),
    ("plantimestamp()", "?"),
    ("formatdate(\"YYYY\", \"2024-01-01T00:00:00Z\")", "?"),
    ("timeadd(\"2024-01-01T00:00:00Z\", \"1h\")", "?"),
    ("timecmp(\"2024-01-01T00:00:00Z\", \"2024-01-01T00:00:00Z\")", "?"),
    ("file(\"x\")", "?"),
    ("fileexists(\"x\")", "?"),
    ("templatefile(\"x.tftpl\", {})", "?"),
    ("abspath(\".\")", "?"),
    ("basename(\"a/b\")", "?"),
    ("uuid()", "?"),
    ("bcrypt(\"x\")", "?"),
    ("md5(\"x\")", "?"),
    ("sha256(\"x\")", "?"),
    ("provider::google::region_from_id(\"x\")", "?"),
    ("core::upper(\"a\")", "\"A\""),
    ("notafunction(1)", "!"),
    // Arithmetic lblint keeps only where binary floats agree with Terraform's decimals.
    ("7 / 2", "3.5"),
    ("0.1 + 0.2", "?"),
    ("\"5\" + 1", "6"),
];

fn describe(v: &Value) -> String {
    match v {
        Value::Unknown(u) if u.error => format!("! ({})", u.reason),
        Value::Unknown(u) => format!("? ({})", u.reason),
        other => other.to_string(),
    }
}

#[test]
fn functions_match_terraform() {
    let mut failures = Vec::new();
    for (expr, want) in ROWS {
        let got = eval(expr);
        let ok = match *want {
            "?" => matches!(&got, Value::Unknown(u) if !u.error),
            "!" => matches!(&got, Value::Unknown(u) if u.error),
            literal => {
                let expected = eval(literal);
                assert!(!expected.has_unknown(), "bad expected value {literal}");
                got == expected
            }
        };
        if !ok {
            failures.push(format!(
                "{expr}\n    want {want}\n    got  {}",
                describe(&got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}

/// Terraform's built-in functions (v1.14): the Terraform language documentation's
/// function list, plus `list` and `map` (removed in 0.15) and `type` (console only).
const TERRAFORM: &[&str] = &[
    "abs",
    "abspath",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "base64gzip",
    "base64sha256",
    "base64sha512",
    "basename",
    "bcrypt",
    "can",
    "ceil",
    "chomp",
    "chunklist",
    "cidrhost",
    "cidrnetmask",
    "cidrsubnet",
    "cidrsubnets",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "csvdecode",
    "dirname",
    "distinct",
    "element",
    "endswith",
    "ephemeralasnull",
    "file",
    "filebase64",
    "filebase64sha256",
    "filebase64sha512",
    "fileexists",
    "filemd5",
    "fileset",
    "filesha1",
    "filesha256",
    "filesha512",
    "flatten",
    "floor",
    "format",
    "formatdate",
    "formatlist",
    "indent",
    "index",
    "issensitive",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "list",
    "log",
    "lookup",
    "lower",
    "map",
    "matchkeys",
    "max",
    "md5",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "parseint",
    "pathexpand",
    "plantimestamp",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "rsadecrypt",
    "sensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "sha1",
    "sha256",
    "sha512",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "templatefile",
    "templatestring",
    "textdecodebase64",
    "textencodebase64",
    "timeadd",
    "timecmp",
    "timestamp",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "transpose",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "try",
    "type",
    "upper",
    "urldecode",
    "urlencode",
    "uuid",
    "uuidv5",
    "values",
    "yamldecode",
    "yamlencode",
    "zipmap",
];

#[test]
fn every_terraform_function_is_handled() {
    let mut mine: Vec<&str> = TERRAFORM_FUNCTIONS.to_vec();
    mine.sort_unstable();
    let mut listed = TERRAFORM.to_vec();
    listed.sort_unstable();
    assert_eq!(
        mine, listed,
        "lblint's function list and Terraform's differ"
    );
    for name in TERRAFORM {
        assert_ne!(function_support(name), Support::NotTerraform, "{name}");
        // Called with no arguments: a value, or unknown with a reason naming the function.
        if let Value::Unknown(u) = eval(&format!("{name}()")) {
            assert!(
                u.reason.contains(&format!("`{name}`")),
                "{name}(): reason `{}` does not name it",
                u.reason
            );
        }
        if let Support::Unknown(why) = function_support(name) {
            assert!(why.contains(&format!("`{name}`")), "{name}: {why}");
        }
    }
    assert!(matches!(
        function_support("provider::google::region_from_id"),
        Support::Unknown(_)
    ));
    assert_eq!(function_support("notafunction"), Support::NotTerraform);
}

#[test]
fn every_evaluated_function_has_rows() {
    let missing: Vec<&str> = TERRAFORM
        .iter()
        .copied()
        .filter(|n| function_support(n) == Support::Evaluated)
        .filter(|n| !ROWS.iter().any(|(e, _)| e.starts_with(&format!("{n}("))))
        .collect();
    assert!(missing.is_empty(), "no rows for {missing:?}");
}
