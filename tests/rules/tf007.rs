//! TF007 cases: module calls lblint cannot follow, once per call, at the `source`.

use crate::harness::*;

const INIT: &str = "run `terraform init` in the root module, then lint again: lblint reads the modules it downloads under `.terraform/modules`";

pub(crate) fn cases() -> Vec<Case> {
    vec![
        case(
            "TF007/trigger",
            None,
            vec![at("TF007", "info", "TF007/trigger/main.tf", (3, 13), (3, 54))],
        )
        .messages(
            "TF007",
            &["`module.lb` is not followed: `terraform-google-modules/lb-http/google` is not a local path and there is no `.terraform/modules/modules.json`: run `terraform init` (or `terraform get`) in `fixtures/rules/TF007/trigger` to download it; the resources it creates and its outputs are not checked"],
        )
        .labels(
            "TF007",
            vec![label("TF007/trigger/main.tf", (2, 1), (2, 12), "the module call")],
        )
        .help("TF007", INIT),
        case("TF007/clean", None, vec![]),
        case(
            "TF007/missing-dir",
            None,
            vec![at("TF007", "info", "TF007/missing-dir/main.tf", (3, 12), (3, 37))],
        )
        .messages(
            "TF007",
            &["`module.lb` is not followed: the directory `fixtures/rules/TF007/missing-dir/modules/load-balancer` does not exist"],
        )
        .help("TF007", "point `source` at the module's directory (`./modules/x`), or run `terraform init` for a registry or git source"),
        case(
            "TF007/no-entry",
            None,
            vec![at("TF007", "info", "TF007/no-entry/main.tf", (3, 13), (3, 51))],
        )
        .messages(
            "TF007",
            &["`module.negs` is not followed: `GoogleCloudPlatform/cloud-run/google` is not a local path and `.terraform/modules/modules.json` has no entry for `module.negs`: run `terraform init` again"],
        ),
        // Three instances, one finding.
        case(
            "TF007/for-each",
            None,
            vec![at("TF007", "info", "TF007/for-each/main.tf", (4, 14), (4, 58))],
        ),
        case(
            "TF007/not-literal",
            None,
            vec![at("TF007", "info", "TF007/not-literal/main.tf", (8, 12), (8, 25))],
        )
        .messages(
            "TF007",
            &["`module.lb` is not followed: its `source` is not a literal string, which Terraform requires"],
        ),
    ]
}

#[test]
fn tf007_module_not_available() {
    check(&cases());
}
