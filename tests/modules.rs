//! Module calls: local and downloaded modules evaluated with their inputs, outputs flowing
//! back, findings inside a called module with their caller chain, TF007 for calls lblint
//! cannot follow, the limits on module nesting, and roots versus called modules.

mod common;
use common::*;
use lblint::Outcome;

/// A label as compared: file, start line:column, end line:column, message.
type Shown = (String, (usize, usize), (usize, usize), String);

/// Every label of the diagnostics with `code`.
fn labels(outcome: &Outcome, code: &str) -> Vec<Shown> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .flat_map(|d| d.labels.iter())
        .map(|l| {
            let f = outcome.sources.get(l.span.file);
            let s = f.position(l.span.start as usize);
            let e = f.position(l.span.end as usize);
            (
                f.display.clone(),
                (s.line, s.column),
                (e.line, e.column),
                l.message.clone(),
            )
        })
        .collect()
}

fn label(file: &str, start: (usize, usize), end: (usize, usize), message: &str) -> Shown {
    (file.to_string(), start, end, message.to_string())
}

/// The root routes `/ws` to `module.lb.backend_services["realtime"]`; the local module makes
/// its backend services from a map input in which `realtime` has no `timeout_sec`.
#[test]
fn a_local_module_map_input_without_timeout_gives_one_ws001_with_the_caller_chain() {
    let outcome = run(&["fixtures/scenarios/modules-local"]);
    let root = "fixtures/scenarios/modules-local/main.tf";
    let lb = "fixtures/scenarios/modules-local/modules/lb/main.tf";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("WS001", "error", root, (23, 7), (23, 33))]
    );
    assert_eq!(
        messages(&outcome, "WS001"),
        ["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
          `module.lb.google_compute_backend_service.this[\"realtime\"]` sets no `timeout_sec`, \
          so GCP's 30 s default closes every connection after 30 seconds"]
    );
    assert_eq!(
        labels(&outcome, "WS001"),
        vec![
            label(
                root,
                (24, 17),
                (24, 65),
                "routes to `module.lb.google_compute_backend_service.this[\"realtime\"]`"
            ),
            // `optional(number)` leaves `timeout_sec` null for `realtime`.
            label(
                lb,
                (13, 3),
                (13, 49),
                "`timeout_sec` of `module.lb.google_compute_backend_service.this[\"realtime\"]` \
                 is null, so the default 30 s applies"
            ),
            // Through `each.value` to the call's map: the entry that leaves it out.
            label(root, (6, 16), (6, 31), "`var.backends` is set here"),
            label(root, (3, 1), (3, 12), "`module.lb` is called here"),
        ]
    );
    // The called module is linted through its call only: one module.
    assert_eq!(outcome.modules, 1);
}

/// Two calls of one local module, which calls another: only `chat_us` passes 10 s down.
#[test]
fn a_short_timeout_two_modules_down_is_reported_once_naming_its_call() {
    let outcome = run(&["fixtures/scenarios/modules-two-level"]);
    let dir = "fixtures/scenarios/modules-two-level";
    let root = format!("{dir}/main.tf");
    let ws_lb = format!("{dir}/modules/ws-lb/main.tf");
    let backend = format!("{dir}/modules/backend/main.tf");
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "WS002",
            "warning",
            &backend,
            (13, 3),
            (13, 42)
        )]
    );
    assert_eq!(
        messages(&outcome, "WS002"),
        ["`timeout_sec = 10` on \
          `module.chat_us.module.backend.google_compute_backend_service.this` closes \
          WebSockets after 10 s, below the 300 s minimum"]
    );
    assert_eq!(
        labels(&outcome, "WS002"),
        vec![
            label(
                &ws_lb,
                (29, 7),
                (29, 33),
                "WebSocket path rule `/ws`, `/ws/*`"
            ),
            // The value comes from the root's argument, through `ws-lb`'s variable.
            label(&root, (12, 17), (12, 19), "`var.timeout_sec` is set here"),
            label(&root, (9, 1), (9, 17), "`module.chat_us` is called here"),
            label(
                &ws_lb,
                (9, 1),
                (9, 17),
                "`module.chat_us.module.backend` is called here"
            ),
        ]
    );
    assert_eq!(outcome.modules, 1);
}

/// A registry module that `terraform init` downloaded, found through modules.json.
#[test]
fn a_registry_module_is_read_from_terraform_modules_json() {
    let outcome = run(&["fixtures/scenarios/modules-registry"]);
    let dir = "fixtures/scenarios/modules-registry";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "WS001",
            "error",
            &format!("{dir}/main.tf"),
            (27, 7),
            (27, 33)
        )]
    );
    assert_eq!(
        labels(&outcome, "WS001")[1],
        label(
            &format!("{dir}/.terraform/modules/lb/main.tf"),
            (13, 3),
            (13, 49),
            "`timeout_sec` of `module.lb.google_compute_backend_service.this[\"realtime\"]` is \
             null, so the default 30 s applies"
        )
    );
}

/// The same call without `terraform init`: TF007 and nothing else, not even TF002.
#[test]
fn a_registry_module_without_init_gives_tf007_only() {
    let outcome = run(&["fixtures/scenarios/modules-no-init"]);
    let main = "fixtures/scenarios/modules-no-init/main.tf";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("TF007", "info", main, (3, 13), (3, 54))]
    );
}

/// `for_each` on a module call: each instance is evaluated; the same finding in both is
/// reported once, naming both.
#[test]
fn module_instances_share_one_finding_naming_each() {
    let outcome = run(&["fixtures/scenarios/modules-for-each"]);
    let chat = "fixtures/scenarios/modules-for-each/modules/chat/main.tf";
    let root = "fixtures/scenarios/modules-for-each/main.tf";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("WS001", "error", chat, (26, 7), (26, 33))]
    );
    assert_eq!(
        messages(&outcome, "WS001"),
        ["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
          `module.chat[\"prod\"].google_compute_backend_service.chat` sets no `timeout_sec`, so \
          GCP's 30 s default closes every connection after 30 seconds (also in \
          `module.chat[\"staging\"]`)"]
    );
    assert_eq!(
        labels(&outcome, "WS001").last().unwrap(),
        &label(
            root,
            (2, 1),
            (2, 14),
            "`module.chat[\"prod\"]` is called here"
        )
    );
}

/// A called module linted on its own (its directory named alone) is a root: its variables
/// have no value, so nothing is decided, and `--show-unknown` says why.
#[test]
fn a_child_module_linted_alone_is_a_root_on_its_own_defaults() {
    let outcome = run(&["fixtures/scenarios/modules-local/modules/lb"]);
    assert_eq!(findings(&outcome), vec![]);
    assert_eq!(outcome.modules, 1);
}

/// A module that calls itself stops at the nesting limit: one TF006 at the call.
#[test]
fn a_module_calling_itself_ends_in_tf006() {
    let outcome = run(&["fixtures/scenarios/modules-self-call"]);
    let main = "fixtures/scenarios/modules-self-call/main.tf";
    assert_eq!(
        findings(&outcome),
        vec![Finding::new("TF006", "info", main, (2, 1), (2, 15))]
    );
    assert!(messages(&outcome, "TF006")[0].contains("module calls nest more than 16 levels deep"));
}

/// A chain of 100 module calls, each passing a value down and an output up: cut at 16
/// levels with one TF006, and the root's use of the chain's output is unknown (no finding).
#[test]
fn a_chain_of_100_module_calls_ends_in_tf006() {
    let mut files: Vec<(String, String)> = Vec::new();
    files.push((
        "main.tf".into(),
        "module \"m\" {\n  source  = \"./m0\"\n  timeout = 10\n}\n\n\
         resource \"google_compute_backend_service\" \"chat\" {\n  name        = \"chat\"\n  \
         timeout_sec = module.m.timeout\n}\n"
            .into(),
    ));
    for i in 0..100 {
        let next = if i < 99 {
            format!(
                "module \"m\" {{\n  source  = \"../m{}\"\n  timeout = var.timeout\n}}\n\n\
                 output \"timeout\" {{\n  value = module.m.timeout\n}}\n",
                i + 1
            )
        } else {
            "output \"timeout\" {\n  value = var.timeout\n}\n".to_string()
        };
        files.push((
            format!("m{i}/main.tf"),
            format!("variable \"timeout\" {{}}\n\n{next}"),
        ));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = temp_module(&refs);
    let outcome = run_abs(dir.path(), dir.path());
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "TF006",
            "info",
            "m15/main.tf",
            (3, 1),
            (3, 11)
        )]
    );
    assert_eq!(outcome.modules, 1);
}

/// Module instances multiply (40 calls × 40 instances): cut at 1,000 instances, where the
/// inner calls stop and where the outer call's remaining instances stop.
#[test]
fn multiplying_module_instances_end_in_tf006() {
    let main = "module \"outer\" {\n  for_each = toset([for i in range(40) : tostring(i)])\n  \
                source   = \"./outer\"\n}\n";
    let outer = "module \"inner\" {\n  for_each = toset([for i in range(40) : tostring(i)])\n  \
                 source   = \"../inner\"\n}\n";
    let inner = "resource \"google_compute_backend_service\" \"chat\" {\n  name = \"chat\"\n}\n";
    let dir = temp_module(&[
        ("main.tf", main),
        ("outer/main.tf", outer),
        ("inner/main.tf", inner),
    ]);
    let outcome = run_abs(dir.path(), dir.path());
    let f = findings(&outcome);
    assert_eq!(
        f,
        vec![
            Finding::new("TF006", "info", "main.tf", (1, 1), (1, 15)),
            Finding::new("TF006", "info", "outer/main.tf", (1, 1), (1, 15)),
        ]
    );
    assert!(messages(&outcome, "TF006")[0].contains("more than 1000 module instances"));
}

/// Terraform orders a module call's inputs and outputs one by one, so an argument may read an
/// output of the same call (cloud-foundation-fabric's `project` module does), and a resource
/// may feed a call that feeds it back. lblint evaluates a call whole: those reads are unknown,
/// never a cycle (both were false TF006 findings on the precision corpus).
#[test]
fn a_call_reading_its_own_outputs_is_not_a_cycle() {
    let main = "module \"project\" {\n  source = \"./project\"\n  name   = \"p\"\n  \
                owner  = module.project.id\n}\n\n\
                resource \"aws_customer_gateway\" \"gw\" {\n  ip_address = module.vpn.ip\n}\n\n\
                module \"vpn\" {\n  source = \"./vpn\"\n  peer   = aws_customer_gateway.gw.id\n}\n\n\
                resource \"google_compute_backend_service\" \"chat\" {\n  name = \"chat\"\n}\n";
    let project =
        "variable \"name\" {}\nvariable \"owner\" {}\noutput \"id\" {\n  value = var.name\n}\n";
    let vpn = "variable \"peer\" {}\noutput \"ip\" {\n  value = \"10.0.0.1\"\n}\n";
    let dir = temp_module(&[
        ("main.tf", main),
        ("project/main.tf", project),
        ("vpn/main.tf", vpn),
    ]);
    let outcome = run_abs(dir.path(), dir.path());
    assert_eq!(findings(&outcome), vec![]);
}

/// A call with `count = 0` creates nothing, but Terraform still installs and parses the
/// module: its syntax error is reported (once, in the module's file).
#[test]
fn a_module_called_zero_times_still_reports_its_syntax_errors() {
    let main = "module \"off\" {\n  count  = 0\n  source = \"./off\"\n}\n";
    let off = "resource \"google_compute_backend_service\" \"x\" {\n  name = \n}\n";
    let dir = temp_module(&[("main.tf", main), ("off/main.tf", off)]);
    let outcome = run_abs(dir.path(), dir.path());
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "TF001",
            "error",
            "off/main.tf",
            (2, 10),
            (3, 1)
        )]
    );
    assert!(messages(&outcome, "TF001")[0].ends_with("(in `module.off`)"));
    assert_eq!(outcome.modules, 1);
}
