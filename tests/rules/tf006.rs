//! TF006 cases: each evaluation limit, at the expression it cuts short.

use crate::harness::*;

fn one(dir: &'static str, start: (usize, usize), end: (usize, usize)) -> Case {
    let file = format!("{dir}/main.tf");
    case(dir, None, vec![at("TF006", "info", &file, start, end)])
}

pub(crate) fn cases() -> Vec<Case> {
    vec![
        // Three nested `for` expressions over 1,000 numbers: the work runs out, and the
        // finding is at the outermost `for`.
        one("TF006/trigger", (3, 19), (9, 4))
            .messages(
                "TF006",
                &[
                    "lblint stopped evaluating this expression: the module needs more than \
                   2002000 units of evaluation work; what depends on it is unknown, and rules \
                   say nothing about it",
                ],
            )
            .help(
                "TF006",
                "make the expression smaller, or write the value it computes directly",
            ),
        case("TF006/clean", None, vec![]),
        // local.timeout -> local.base -> local.margin -> local.timeout: at the reference
        // that closes the cycle.
        one("TF006/cycle", (4, 13), (4, 26)).messages(
            "TF006",
            &[
                "local `timeout` refers to itself (local.timeout -> local.base -> local.margin \
               -> local.timeout), which Terraform rejects as a cycle",
            ],
        ),
        // 300 locals each referring to the previous one: the depth limit, once.
        one("TF006/locals-chain", (175, 13), (175, 26)).messages(
            "TF006",
            &["expressions and locals nest more than 256 levels deep"],
        ),
        // `range(1e9)`: Terraform's own limit of 1,024 values.
        one("TF006/range", (4, 27), (4, 37)).messages(
            "TF006",
            &[
                "`range` would generate 1000000000 values; Terraform allows 1024 and fails the \
               plan",
            ],
        ),
        // `format("%1000000000d", 1)`: the width alone is over the string limit.
        one("TF006/format-width", (4, 17), (4, 42))
            .messages("TF006", &["a `format` width or precision above 1048576"]),
        // Locals that double a string with `join`, and a `replace` that multiplies one.
        case(
            "TF006/string-growth",
            None,
            vec![
                at(
                    "TF006",
                    "info",
                    "TF006/string-growth/main.tf",
                    (20, 9),
                    (20, 41),
                ),
                at(
                    "TF006",
                    "info",
                    "TF006/string-growth/main.tf",
                    (35, 10),
                    (35, 44),
                ),
            ],
        )
        .messages(
            "TF006",
            &[
                "`join` would build a string of 2097152 bytes, more than 1048576",
                "`replace` would build a string of 268500992 bytes, more than 1048576",
            ],
        ),
        // `setproduct` of two 1,000-element lists.
        one("TF006/setproduct", (9, 24), (9, 62)).messages(
            "TF006",
            &["`setproduct` would build 1000000 elements, more than 100000"],
        ),
        // `count = 1e9`: at the count value; the resource's instances are unknown.
        one("TF006/count", (2, 17), (2, 20)).messages(
            "TF006",
            &["`count` asks for 1000000000 instances, more than lblint expands (100000)"],
        ),
        // A `for_each` over 200,000 names: at the expression that would build them.
        one("TF006/for-each", (3, 17), (3, 90)).messages(
            "TF006",
            &["`flatten` would build 100001 elements, more than 100000"],
        ),
        // A local nothing refers to is never evaluated.
        case("TF006/unused-local", None, vec![]),
        // A module with no url map and no backend service is not evaluated.
        case("TF006/not-load-balancer", None, vec![]),
        // Unknown values (no value, data source, timestamp()) are not limits.
        case("TF006/unknown-only", None, vec![]),
    ]
}

#[test]
fn tf006_evaluation_budget() {
    check(&cases());
}
