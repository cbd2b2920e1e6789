//! Evaluation bombs end in an unknown value and one TF006 at the offending expression: never
//! a hang, a stack overflow or running out of memory. The tests assert the outcome (the
//! finding and where it is), not the time taken.

use lblint::config::Config;

/// TF006 findings of one file: (line, column, message).
fn tf006(tf: &str) -> Vec<(usize, usize, String)> {
    let outcome = lblint::lint_sources(&[("main.tf", tf.as_bytes())], &Config::default());
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == "TF006")
        .map(|d| {
            let p = outcome
                .sources
                .get(d.span.file)
                .position(d.span.start as usize);
            (p.line, p.column, d.message.clone())
        })
        .collect()
}

const BACKEND: &str = r#"
resource "google_compute_backend_service" "chat" {
  name        = "chat"
  protocol    = "HTTP"
  timeout_sec = local.timeout
}
"#;

#[test]
fn a_chain_of_ten_thousand_locals_stops_at_the_depth_limit() {
    let mut tf = String::from("locals {\n  l0 = 1\n");
    for i in 1..10_000 {
        tf.push_str(&format!("  l{i} = local.l{} + 1\n", i - 1));
    }
    tf.push_str("  timeout = local.l9999\n}\n");
    tf.push_str(BACKEND);
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    // Two expression levels per local (`local.x + 1`): the 128th local from the top
    // reaches depth 256, at its reference to the next one.
    let (line, column, message) = &hits[0];
    assert_eq!((*line, *column), (9874, 11));
    assert!(
        message.contains("nest more than 256 levels deep"),
        "{message}"
    );
}

#[test]
fn for_expressions_that_multiply_stop_at_the_work_limit() {
    // 10,000 names, then every pair of them: 100,000,000 strings.
    let tf = format!(
        r#"locals {{
  names = flatten([for a in range(100) : [for b in range(100) : "${{a}}-${{b}}"]])
  pairs = [for x in local.names : [for y in local.names : "${{x}}/${{y}}"]]
  timeout = length(local.pairs) > 0 ? 3600 : 30
}}
{BACKEND}"#
    );
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let (line, column, message) = &hits[0];
    assert_eq!((*line, *column), (3, 11));
    // Two million units, and a thousand for each of the two top-level blocks.
    assert!(
        message.contains("more than 2002000 units of evaluation work"),
        "{message}"
    );
}

#[test]
fn a_huge_join_strrev_and_format_stop_at_the_string_limit() {
    // 100,000 strings of 64 bytes joined: 6.4 MB.
    let tf = format!(
        r#"locals {{
  chunk   = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  many    = flatten([for a in range(1000) : [for b in range(100) : local.chunk]])
  big     = strrev(join("", local.many))
  wide    = format("%-2000000s|", "x")
  timeout = length(local.big) + length(local.wide)
}}
{BACKEND}"#
    );
    let hits = tf006(&tf);
    let at: Vec<(usize, usize)> = hits.iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(at, [(4, 20), (5, 13)], "{hits:?}");
    assert!(hits[0]
        .2
        .contains("`join` would build a string of 6400000 bytes"));
    assert!(hits[1]
        .2
        .contains("a `format` width or precision above 1048576"));
}

#[test]
fn a_self_referring_local_is_a_cycle() {
    let tf = format!("locals {{\n  timeout = local.timeout + 1\n}}\n{BACKEND}");
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!((hits[0].0, hits[0].1), (2, 13));
    assert!(hits[0]
        .2
        .contains("local `timeout` refers to itself (local.timeout -> local.timeout)"));
}

#[test]
fn a_huge_for_each_is_unknown_not_expanded() {
    // A literal for_each of 100,001 keys: past the elements limit.
    let keys: Vec<String> = (0..100_001).map(|i| format!("k{i} = {i}")).collect();
    let tf = format!(
        "resource \"google_compute_backend_service\" \"chat\" {{\n  for_each = {{ {} }}\n  name = each.key\n}}\n",
        keys.join(", ")
    );
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!((hits[0].0, hits[0].1), (2, 14));
    assert!(hits[0].2.contains("`for_each` asks for 100001 instances"));
}

#[test]
fn an_expression_nested_deeper_than_the_limit_is_cut_at_the_limit() {
    // 300 parentheses: more than hcl-edit accepts, so not a fixture (the parser's
    // differential test reads every fixture with both parsers).
    let inner = format!("{}1{}", "(".repeat(300), ")".repeat(300));
    let tf = format!(
        "resource \"google_compute_backend_service\" \"chat\" {{\n  timeout_sec = {inner} * 3600\n}}\n"
    );
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    // 256 levels are evaluated: the attribute's `*` and 255 parentheses. The 256th
    // parenthesis, at column 16 + 256, is cut short.
    assert_eq!((hits[0].0, hits[0].1), (2, 272));
    assert!(hits[0].2.contains("nest more than 256 levels deep"));
}

#[test]
fn a_count_whose_instances_cost_more_than_the_work_left_is_unknown() {
    // 100,000 instances of 10 attributes: 10,000,000 units at 10 per attribute and instance.
    let attrs: Vec<String> = (0..9).map(|i| format!("  a{i} = count.index")).collect();
    let tf = format!(
        "resource \"google_compute_backend_service\" \"chat\" {{\n  count = 100000\n{}\n}}\n",
        attrs.join("\n")
    );
    let hits = tf006(&tf);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!((hits[0].0, hits[0].1), (2, 11));
    assert!(
        hits[0].2.contains(
            "`count` asks for 100000 instances of a block of 10 attributes and blocks, more \
             evaluation than the module's remaining work allows (2001000 units)"
        ),
        "{}",
        hits[0].2
    );
}

#[test]
fn a_chain_of_ten_thousand_resources_is_cut_at_the_chain_limit() {
    // Written last to first, so that evaluating the first block follows the whole chain.
    let mut tf = String::new();
    for i in (0..10_000).rev() {
        let value = if i == 0 {
            "1".to_string()
        } else {
            format!("google_compute_backend_service.b{}.timeout_sec + 1", i - 1)
        };
        tf.push_str(&format!(
            "resource \"google_compute_backend_service\" \"b{i}\" {{\n  timeout_sec = {value}\n}}\n"
        ));
    }
    let hits = tf006(&tf);
    // `b9999` (lines 1-3) is evaluated first and leads through `b9998`... : the 33rd
    // resource's reference to the next is cut. Later cuts of the chain are not reported again.
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!((hits[0].0, hits[0].1), (95, 17));
    assert!(
        hits[0].2.contains(
            "references lead through more than 32 resources, each evaluated before the one that \
             refers to it"
        ),
        "{}",
        hits[0].2
    );
}
