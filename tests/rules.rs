//! Every rule against small fixtures under `fixtures/rules/<CODE>/`: a module that triggers
//! it (`trigger`), its clean twin that differs only by the fix (`clean`), and the cases the
//! rule's page promises. Each table lists every finding of a fixture, so anything extra fails.

mod common;
use common::*;
use std::path::Path;

/// One secondary label, compared exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Label {
    file: String,
    start: (usize, usize),
    end: (usize, usize),
    message: String,
}

/// One lint run of a fixture and everything it must report.
struct Case {
    /// The module directory, relative to `fixtures/rules/`.
    dir: &'static str,
    /// A config file relative to `fixtures/rules/`; `None` walks up from the module.
    config: Option<&'static str>,
    /// Every finding, in output order.
    expected: Vec<Finding>,
    /// For a code: one text per diagnostic of that code, in order, that its message contains.
    messages: Vec<(&'static str, Vec<&'static str>)>,
    /// For a code: the labels of all its diagnostics, in order.
    labels: Vec<(&'static str, Vec<Label>)>,
    /// For a code: a text the help of each of its diagnostics contains.
    help: Vec<(&'static str, &'static str)>,
}

fn case(dir: &'static str, config: Option<&'static str>, expected: Vec<Finding>) -> Case {
    Case {
        dir,
        config,
        expected,
        messages: Vec::new(),
        labels: Vec::new(),
        help: Vec::new(),
    }
}

impl Case {
    fn messages(mut self, code: &'static str, texts: &[&'static str]) -> Self {
        self.messages.push((code, texts.to_vec()));
        self
    }

    fn labels(mut self, code: &'static str, labels: Vec<Label>) -> Self {
        self.labels.push((code, labels));
        self
    }

    fn help(mut self, code: &'static str, text: &'static str) -> Self {
        self.help.push((code, text));
        self
    }
}

/// The displayed path of a fixture file given relative to `fixtures/rules/`.
fn path(file: &str) -> String {
    format!("fixtures/rules/{file}")
}

fn at(
    code: &'static str,
    severity: &'static str,
    file: &str,
    start: (usize, usize),
    end: (usize, usize),
) -> Finding {
    Finding::new(code, severity, &path(file), start, end)
}

fn label(file: &str, start: (usize, usize), end: (usize, usize), message: &str) -> Label {
    Label {
        file: path(file),
        start,
        end,
        message: message.to_string(),
    }
}

fn labels_of(outcome: &lblint::Outcome, code: &str) -> Vec<Label> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .flat_map(|d| &d.labels)
        .map(|l| {
            let f = outcome.sources.get(l.span.file);
            let s = f.position(l.span.start as usize);
            let e = f.position(l.span.end as usize);
            Label {
                file: f.display.clone(),
                start: (s.line, s.column),
                end: (e.line, e.column),
                message: l.message.clone(),
            }
        })
        .collect()
}

fn check(cases: &[Case]) {
    for c in cases {
        let dir = path(c.dir);
        let config = c.config.map(path);
        let what = match &config {
            Some(cfg) => format!("{dir} with {cfg}"),
            None => dir.clone(),
        };
        let outcome = run_with(&[&dir], config.as_deref());
        assert!(
            outcome.problems.is_empty(),
            "{what}: {:?}",
            outcome.problems
        );
        assert_eq!(findings(&outcome), c.expected, "findings of {what}");
        for (code, texts) in &c.messages {
            let got = messages(&outcome, code);
            assert_eq!(got.len(), texts.len(), "{what}: {code} messages {got:#?}");
            for (message, text) in got.iter().zip(texts) {
                assert!(
                    message.contains(text),
                    "{what}: {code} message\n  {message}\nlacks\n  {text}"
                );
            }
        }
        for (code, want) in &c.labels {
            assert_eq!(&labels_of(&outcome, code), want, "{what}: {code} labels");
        }
        for (code, text) in &c.help {
            let helps: Vec<&str> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.code == *code)
                .map(|d| d.help.as_deref().unwrap_or(""))
                .collect();
            assert!(!helps.is_empty(), "{what}: no {code} diagnostic");
            for h in helps {
                assert!(
                    h.contains(text),
                    "{what}: {code} help\n  {h}\nlacks\n  {text}"
                );
            }
        }
    }
}

// ------------------------------------------------------------------------------------ TF001

fn tf001_cases() -> Vec<Case> {
    vec![
        // `timeout_sec           3600`: the parser stops at the value where `=` is missing.
        case(
            "TF001/trigger",
            None,
            vec![at("TF001", "error", "TF001/trigger/main.tf", (44, 25), (44, 29))],
        )
        .messages("TF001", &["expected `=` or `{` after `timeout_sec`, found `3600`"])
        .help("TF001", "the rest of this module is linted without it"),
        case("TF001/clean", None, vec![]),
        // A syntax error in monitoring.tf does not hide main.tf's own findings.
        case(
            "TF001/two-files",
            None,
            vec![
                at("WS001", "error", "TF001/two-files/main.tf", (65, 7), (65, 33)),
                at("TF001", "error", "TF001/two-files/monitoring.tf", (20, 12), (21, 1)),
            ],
        )
        .messages("TF001", &["expected an expression, found a newline"])
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout"],
        ),
        // A byte order mark parses, and columns on line 1 count from after it.
        case(
            "TF001/bom",
            None,
            vec![at("WS001", "error", "TF001/bom/main.tf", (1, 61), (1, 99))],
        )
        .messages(
            "WS001",
            &["WebSocket default route of `google_compute_url_map.bom` has no timeout"],
        )
        .labels(
            "WS001",
            vec![label(
                "TF001/bom/main.tf",
                (28, 43),
                (28, 49),
                "`google_compute_backend_service.chat` has no `timeout_sec` (default 30 s)",
            )],
        ),
        // A Latin-1 `é` in a comment on line 39.
        case(
            "TF001/latin1",
            None,
            vec![at("TF001", "error", "TF001/latin1/main.tf", (39, 10), (39, 10))],
        )
        .messages(
            "TF001",
            &["the file is not valid UTF-8 (invalid byte at offset 881); Terraform reads only UTF-8"],
        ),
    ]
}

#[test]
fn tf001_syntax_error() {
    // The encoding fixtures must keep their bytes: an editor that re-saves them voids the test.
    let root = root().join("fixtures/rules/TF001");
    let bom = std::fs::read(root.join("bom/main.tf")).unwrap();
    assert!(
        bom.starts_with(b"\xEF\xBB\xBFresource "),
        "bom/main.tf lost its byte order mark"
    );
    let latin1 = std::fs::read(root.join("latin1/main.tf")).unwrap();
    assert_eq!(latin1.iter().position(|&b| b == 0xE9), Some(881));
    assert!(std::str::from_utf8(&latin1).is_err());
    check(&tf001_cases());
}

// ------------------------------------------------------------------------------------ WS001

fn ws001_cases() -> Vec<Case> {
    let chat_no_timeout =
        "`google_compute_backend_service.chat` has no `timeout_sec` (default 30 s)";
    vec![
        case(
            "WS001/trigger",
            None,
            vec![at("WS001", "error", "WS001/trigger/main.tf", (65, 7), (65, 33))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout: \
               `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s \
               default closes every connection after 30 seconds"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/trigger/main.tf",
                    (66, 17),
                    (66, 55),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/trigger/main.tf", (39, 43), (39, 49), chat_no_timeout),
            ],
        )
        .help("WS001", "path `/ws` matches the WebSocket path patterns"),
        case("WS001/clean", None, vec![]),
        // Not a WebSocket path, but the route rule requires `Upgrade: websocket`.
        case(
            "WS001/route-rule-upgrade",
            None,
            vec![at("WS001", "error", "WS001/route-rule-upgrade/main.tf", (64, 5), (74, 6))],
        )
        .messages(
            "WS001",
            &["WebSocket route rule (priority 1) for `/` has no timeout"],
        )
        .help("WS001", "the route rule requires `Upgrade: websocket`"),
        // `/events` is a WebSocket route only through `[websocket] backends`.
        case("WS001/config-backend", None, vec![]),
        case(
            "WS001/config-backend",
            Some("WS001/config-backend.toml"),
            vec![at("WS001", "error", "WS001/config-backend/main.tf", (65, 7), (65, 41))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/events`, `/events/*` has no timeout"],
        )
        .help(
            "WS001",
            "`google_compute_backend_service.chat` is listed in `[websocket] backends`",
        ),
        // Two weighted backends, only the canary lacks timeout_sec: one finding about it.
        case(
            "WS001/weighted",
            None,
            vec![at("WS001", "error", "WS001/weighted/main.tf", (78, 7), (78, 31))],
        )
        .messages(
            "WS001",
            &["has no timeout: `google_compute_backend_service.chat_canary` sets no `timeout_sec`"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/weighted/main.tf",
                    (85, 29),
                    (85, 74),
                    "routes to `google_compute_backend_service.chat_canary`",
                ),
                label(
                    "WS001/weighted/main.tf",
                    (52, 43),
                    (52, 56),
                    "`google_compute_backend_service.chat_canary` has no `timeout_sec` (default 30 s)",
                ),
            ],
        ),
        case("WS001/weighted-clean", None, vec![]),
        // route_action.timeout sets the lifetime; the backend's default does not matter.
        case("WS001/route-timeout", None, vec![]),
        // Serverless NEG: timeout_sec is refused there; the same NEG as an internet NEG fires.
        case("WS001/serverless-neg", None, vec![]),
        case(
            "WS001/internet-neg",
            None,
            vec![at("WS001", "error", "WS001/internet-neg/main.tf", (69, 7), (69, 33))],
        ),
        // Service references lblint cannot resolve.
        case("WS001/unknown-backend", None, vec![]),
        case("WS001/data-backend", None, vec![]),
        // timeout_sec = var.chat_timeout, no default: set, value unknown.
        case("WS001/unknown-timeout", None, vec![]),
        // dynamic "path_rule" over a known local: the generated `/ws` rule points at the
        // content block's `paths`.
        case(
            "WS001/dynamic-local",
            None,
            vec![at("WS001", "error", "WS001/dynamic-local/main.tf", (71, 9), (71, 34))],
        )
        .messages(
            "WS001",
            &["WebSocket path rule `/ws`, `/ws/*` has no timeout"],
        )
        .labels(
            "WS001",
            vec![
                label(
                    "WS001/dynamic-local/main.tf",
                    (72, 19),
                    (72, 57),
                    "routes to `google_compute_backend_service.chat`",
                ),
                label("WS001/dynamic-local/main.tf", (43, 43), (43, 49), chat_no_timeout),
            ],
        ),
        // dynamic weighted backends over an unknown variable.
        case("WS001/dynamic-unknown", None, vec![]),
        // The trigger's url map with count = 0.
        case("WS001/count-zero", None, vec![]),
    ]
}

#[test]
fn ws001_timeout_missing() {
    check(&ws001_cases());
}

// ------------------------------------------------------------------------------------ WS002

fn ws002_cases() -> Vec<Case> {
    let ws_route = "WebSocket path rule `/ws`, `/ws/*`";
    vec![
        // The finding is on the setting in backend.tf, the label on the route in main.tf.
        case(
            "WS002/trigger",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/trigger/backend.tf",
                (44, 3),
                (44, 29),
            )],
        )
        .messages(
            "WS002",
            &[
                "`timeout_sec = 60` on `google_compute_backend_service.chat` closes WebSockets \
               after 60 s, below the 300 s minimum",
            ],
        )
        .labels(
            "WS002",
            vec![label("WS002/trigger/main.tf", (15, 7), (15, 33), ws_route)],
        ),
        case("WS002/clean", None, vec![]),
        // timeout_sec on a serverless NEG backend: Cloud Run's timeout governs, not this.
        case("WS002/serverless-neg", None, vec![]),
        // min_timeout_sec lowered below 60 and raised above 3600.
        case("WS002/trigger", Some("WS002/min-timeout-30.toml"), vec![]),
        case(
            "WS002/clean",
            Some("WS002/min-timeout-7200.toml"),
            vec![at(
                "WS002",
                "warning",
                "WS002/clean/backend.tf",
                (44, 3),
                (44, 31),
            )],
        )
        .messages(
            "WS002",
            &[
                "`timeout_sec = 3600` on `google_compute_backend_service.chat` closes WebSockets \
               after 3600 s, below the 7200 s minimum",
            ],
        ),
        // route_action { timeout { seconds = "120" } }: the string is a number of seconds.
        case(
            "WS002/route-timeout",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/route-timeout/main.tf",
                (69, 9),
                (71, 10),
            )],
        )
        .messages(
            "WS002",
            &["this route timeout limits WebSockets to 120 s, below the 300 s minimum"],
        )
        .labels(
            "WS002",
            vec![label(
                "WS002/route-timeout/main.tf",
                (66, 7),
                (66, 33),
                ws_route,
            )],
        ),
        // Two WebSocket routes share the backend: one finding, a label per route.
        case(
            "WS002/shared-backend",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/shared-backend/main.tf",
                (44, 3),
                (44, 29),
            )],
        )
        .labels(
            "WS002",
            vec![
                label("WS002/shared-backend/main.tf", (66, 7), (66, 33), ws_route),
                label(
                    "WS002/shared-backend/main.tf",
                    (71, 7),
                    (71, 47),
                    "WebSocket path rule `/socket.io`, `/socket.io/*`",
                ),
            ],
        ),
        // var.chat_timeout: terraform.tfvars wins over the default, both ways.
        case(
            "WS002/tfvars-override",
            None,
            vec![at(
                "WS002",
                "warning",
                "WS002/tfvars-override/main.tf",
                (49, 3),
                (49, 43),
            )],
        )
        .messages(
            "WS002",
            &["`timeout_sec = 60` on `google_compute_backend_service.chat`"],
        ),
        case("WS002/tfvars-override-clean", None, vec![]),
    ]
}

#[test]
fn ws002_timeout_too_short() {
    check(&ws002_cases());
}

// ------------------------------------------------------------------------------------ WS003

fn ws003_cases() -> Vec<Case> {
    let on_ws_route = "on the way of WebSocket path rule `/ws`, `/ws/*`";
    vec![
        // Path matcher header_action removes Authorization: the span is the list element.
        case(
            "WS003/trigger",
            None,
            vec![at(
                "WS003",
                "error",
                "WS003/trigger/main.tf",
                (66, 36),
                (66, 51),
            )],
        )
        .messages(
            "WS003",
            &[
                "the path matcher header action removes `Authorization` before the request \
               reaches the WebSocket backend",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/trigger/main.tf",
                (70, 7),
                (70, 33),
                on_ws_route,
            )],
        )
        .help(
            "WS003",
            "remove `Authorization` from `request_headers_to_remove`",
        ),
        // Removing only an unrelated header.
        case("WS003/clean", None, vec![]),
        // Route rule adds Authorization with replace = true: the span is `replace = true`.
        case(
            "WS003/route-rule-replace",
            None,
            vec![at(
                "WS003",
                "error",
                "WS003/route-rule-replace/main.tf",
                (75, 11),
                (75, 30),
            )],
        )
        .messages(
            "WS003",
            &[
                "the route rule header action replaces `Authorization`, discarding the value the \
               client sent",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/route-rule-replace/main.tf",
                (65, 5),
                (65, 16),
                "on the way of WebSocket route rule (priority 1) for `/ws`",
            )],
        ),
        case("WS003/route-rule-append", None, vec![]),
        // `{authorization}` in a weighted backend's header action: LB002 reports it too.
        case(
            "WS003/weighted-placeholder",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "WS003/weighted-placeholder/main.tf",
                    (74, 38),
                    (74, 53),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/weighted-placeholder/main.tf",
                    (74, 38),
                    (74, 53),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "the weighted backend service header action sets `Authorization` to \
               `{authorization}`, a variable GCP does not define",
            ],
        ),
        // custom_request_headers = ["Authorization: {authorization}"] on the backend service.
        case(
            "WS003/custom-header",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "WS003/custom-header/main.tf",
                    (46, 45),
                    (46, 60),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/custom-header/main.tf",
                    (46, 45),
                    (46, 60),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "`custom_request_headers` of `google_compute_backend_service.chat` sets \
               `Authorization` to `{authorization}`",
            ],
        )
        .labels(
            "WS003",
            vec![label(
                "WS003/custom-header/main.tf",
                (67, 7),
                (67, 33),
                on_ws_route,
            )],
        ),
        // "AUTHORIZATION" and "sec-websocket-protocol" in the url map's own header action.
        case(
            "WS003/case-insensitive",
            None,
            vec![
                at(
                    "WS003",
                    "error",
                    "WS003/case-insensitive/main.tf",
                    (57, 34),
                    (57, 49),
                ),
                at(
                    "WS003",
                    "error",
                    "WS003/case-insensitive/main.tf",
                    (57, 51),
                    (57, 75),
                ),
            ],
        )
        .messages(
            "WS003",
            &[
                "the url map header action removes `Authorization`",
                "the url map header action removes `Sec-WebSocket-Protocol`",
            ],
        ),
    ]
}

#[test]
fn ws003_auth_header_dropped() {
    check(&ws003_cases());
}

// ------------------------------------------------------------------------------------ WS004

fn ws004_cases() -> Vec<Case> {
    vec![
        case(
            "WS004/trigger",
            None,
            vec![at(
                "WS004",
                "info",
                "WS004/trigger/main.tf",
                (66, 7),
                (66, 33),
            )],
        )
        .messages(
            "WS004",
            &[
                "WebSocket path rule `/ws`, `/ws/*` does not say how it handles `Authorization` \
               and `Sec-WebSocket-Protocol`: GCP forwards them unchanged by default",
            ],
        )
        .help(
            "WS004",
            "`[websocket] auth_passthrough = [\"Authorization\", \"Sec-WebSocket-Protocol\"]`",
        ),
        // The same module with a .lblint.toml declaring both headers as passthrough.
        case("WS004/clean", None, vec![]),
        // Passthrough of `authorization` only (names compare case-insensitively).
        case(
            "WS004/trigger",
            Some("WS004/passthrough-authorization.toml"),
            vec![at(
                "WS004",
                "info",
                "WS004/trigger/main.tf",
                (66, 7),
                (66, 33),
            )],
        )
        .messages(
            "WS004",
            &["does not say how it handles `Sec-WebSocket-Protocol`: GCP forwards it unchanged"],
        ),
        // The path matcher's header action adds both headers.
        case("WS004/addressed", None, vec![]),
        case(
            "WS004/partly-addressed",
            None,
            vec![at(
                "WS004",
                "info",
                "WS004/partly-addressed/main.tf",
                (74, 7),
                (74, 33),
            )],
        )
        .messages(
            "WS004",
            &["does not say how it handles `Authorization`: GCP forwards it unchanged"],
        ),
        // One header name is var.subprotocol_header without a default.
        case("WS004/unknown-name", None, vec![]),
        // A misplaced header_action addresses nothing.
        case(
            "WS004/misplaced",
            None,
            vec![
                at(
                    "WS004",
                    "info",
                    "WS004/misplaced/main.tf",
                    (66, 7),
                    (66, 33),
                ),
                at(
                    "LB001",
                    "error",
                    "WS004/misplaced/main.tf",
                    (69, 9),
                    (71, 10),
                ),
            ],
        )
        .messages(
            "WS004",
            &["handles `Authorization` and `Sec-WebSocket-Protocol`"],
        ),
    ]
}

#[test]
fn ws004_auth_header_unhandled() {
    check(&ws004_cases());
}

// ------------------------------------------------------------------------------------ WS005

/// WS005's fixtures share a .lblint.toml that makes `chat` a WebSocket backend.
fn ws005_cases() -> Vec<Case> {
    let default_gets = "the path matcher's default service gets those requests";
    vec![
        case(
            "WS005/trigger",
            None,
            vec![at("WS005", "warning", "WS005/trigger/main.tf", (66, 7), (66, 28))],
        )
        .messages(
            "WS005",
            &["`/chat/*` goes to a WebSocket backend but `/chat` does not (GCP's `/chat/*` does \
               not match `/chat`, so `/chat` falls to the path matcher's default service)"],
        )
        .labels(
            "WS005",
            vec![label("WS005/trigger/main.tf", (63, 23), (63, 60), default_gets)],
        )
        .help("WS005", "add \"/chat\" to this `paths` list"),
        case("WS005/clean", None, vec![]),
        case(
            "WS005/reverse",
            None,
            vec![at("WS005", "warning", "WS005/reverse/main.tf", (66, 7), (66, 26))],
        )
        .messages(
            "WS005",
            &["`/chat` goes to a WebSocket backend but `/chat/*` does not (GCP's `/chat` matches \
               only that exact path, so `/chat/*` falls to the path matcher's default service)"],
        )
        .labels(
            "WS005",
            vec![label("WS005/reverse/main.tf", (63, 23), (63, 60), default_gets)],
        ),
        // `/chat` sits in another path rule that goes to the web backend: no default label.
        case(
            "WS005/other-rule-not-ws",
            None,
            vec![at("WS005", "warning", "WS005/other-rule-not-ws/main.tf", (66, 7), (66, 28))],
        )
        .messages(
            "WS005",
            &["so `/chat` goes to a route that is not a WebSocket route"],
        )
        .labels("WS005", vec![]),
        // `/chat` in another path rule to the same WebSocket backend.
        case("WS005/other-rule-ws", None, vec![]),
        // The path matcher's default_service is the WebSocket backend itself.
        case("WS005/same-default", None, vec![]),
        // paths = var.chat_paths without a default.
        case("WS005/unknown-paths", None, vec![]),
        // A dynamic "path_rule" over an unknown value may hold the other half.
        case("WS005/dynamic-unknown", None, vec![]),
    ]
}

#[test]
fn ws005_path_pair_incomplete() {
    check(&ws005_cases());
}

// ------------------------------------------------------------------------------------ LB001

fn lb001_cases() -> Vec<Case> {
    vec![
        case(
            "LB001/trigger",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/trigger/main.tf",
                (68, 9),
                (74, 10),
            )],
        )
        .messages(
            "LB001",
            &[
                "`header_action` is not allowed in `path_rule.route_action`: the provider rejects \
               it as an unsupported block, and GCP would never apply it",
            ],
        )
        .help(
            "LB001",
            "use a `route_rules` block with its own `header_action`",
        ),
        // The same block inside weighted_backend_services.
        case("LB001/clean", None, vec![]),
        case(
            "LB001/path-rule",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/path-rule/main.tf",
                (68, 7),
                (74, 8),
            )],
        )
        .messages("LB001", &["`header_action` is not allowed in `path_rule`:"]),
        case(
            "LB001/matcher-default-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/matcher-default-route-action/main.tf",
                (64, 7),
                (70, 8),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `path_matcher.default_route_action`:"],
        )
        .help("LB001", "or on the enclosing path matcher or url map"),
        case(
            "LB001/url-map-default-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/url-map-default-route-action/main.tf",
                (55, 5),
                (61, 6),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `default_route_action`:"],
        ),
        case(
            "LB001/route-rule-route-action",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/route-rule-route-action/main.tf",
                (71, 9),
                (77, 10),
            )],
        )
        .messages(
            "LB001",
            &["`header_action` is not allowed in `route_rules.route_action`:"],
        )
        .help(
            "LB001",
            "move the `header_action` up into the route rule itself",
        ),
        case(
            "LB001/host-rule",
            None,
            vec![at(
                "LB001",
                "error",
                "LB001/host-rule/main.tf",
                (60, 5),
                (66, 6),
            )],
        )
        .messages("LB001", &["`header_action` is not allowed in `host_rule`:"])
        .help(
            "LB001",
            "put the `header_action` in the `path_matcher` the host rule names",
        ),
        // Url map, path matcher, route rule and weighted backend service.
        case("LB001/allowed-places", None, vec![]),
    ]
}

#[test]
fn lb001_header_action_misplaced() {
    check(&lb001_cases());
}

// ------------------------------------------------------------------------------------ LB002

fn lb002_cases() -> Vec<Case> {
    vec![
        // response_headers_to_add { header_value = "{client_country}" }: the span is the
        // placeholder inside the string.
        case(
            "LB002/trigger",
            None,
            vec![at(
                "LB002",
                "warning",
                "LB002/trigger/main.tf",
                (68, 25),
                (68, 41),
            )],
        )
        .messages(
            "LB002",
            &[
                "`{client_country}` is not a header variable GCP defines; the header value would \
               carry this text literally or be rejected",
            ],
        )
        .help("LB002", "`[websocket] header_variables`"),
        case("LB002/clean", None, vec![]),
        // `[websocket] header_variables = ["client_country"]` extends the list.
        case("LB002/trigger", Some("LB002/header-variables.toml"), vec![]),
        // "{{client_country}}" is literal text.
        case("LB002/escaped", None, vec![]),
        // Plain literal: exact span; with an escape or an interpolation: the whole string.
        case(
            "LB002/string-forms",
            None,
            vec![
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (72, 33),
                    (72, 49),
                ),
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (77, 24),
                    (77, 46),
                ),
                at(
                    "LB002",
                    "warning",
                    "LB002/string-forms/main.tf",
                    (82, 24),
                    (82, 64),
                ),
            ],
        ),
        // "X-Client-Country:  {client_country}" in custom_response_headers: the span skips
        // the name, the colon and both spaces.
        case(
            "LB002/custom-header",
            None,
            vec![at(
                "LB002",
                "warning",
                "LB002/custom-header/main.tf",
                (48, 25),
                (48, 41),
            )],
        )
        .messages(
            "LB002",
            &["`{client_country}` is not a header variable GCP defines; the custom header"],
        ),
    ]
}

#[test]
fn lb002_header_variable_unknown() {
    check(&lb002_cases());
}

// ------------------------------------------------------------------------------------ layout

/// Each rule has a `trigger` that fires only that rule and a `clean` twin with no finding,
/// and every fixture directory under fixtures/rules/ is run by some case.
#[test]
fn every_rule_has_a_trigger_and_a_clean_twin_and_every_fixture_a_case() {
    let tables = [
        ("TF001", tf001_cases()),
        ("WS001", ws001_cases()),
        ("WS002", ws002_cases()),
        ("WS003", ws003_cases()),
        ("WS004", ws004_cases()),
        ("WS005", ws005_cases()),
        ("LB001", lb001_cases()),
        ("LB002", lb002_cases()),
    ];
    let codes: Vec<&str> = tables.iter().map(|(code, _)| *code).collect();
    let registry: Vec<&str> = lblint::rules::REGISTRY.iter().map(|r| r.code).collect();
    assert_eq!(codes, registry, "one table per rule");
    let mut listed = std::collections::BTreeSet::new();
    for (code, cases) in &tables {
        let find = |dir: String| {
            cases
                .iter()
                .find(|c| c.dir == dir && c.config.is_none())
                .unwrap_or_else(|| panic!("no case runs {dir} with its own config"))
        };
        let trigger = find(format!("{code}/trigger"));
        assert!(
            !trigger.expected.is_empty(),
            "{code}/trigger expects nothing"
        );
        for f in &trigger.expected {
            assert_eq!(f.code, *code, "{code}/trigger fires {}", f.code);
        }
        assert!(find(format!("{code}/clean")).expected.is_empty());
        for c in cases {
            assert!(
                c.dir.starts_with(&format!("{code}/")),
                "{} under {code}",
                c.dir
            );
            listed.insert(c.dir.to_string());
        }
    }
    let base = root().join("fixtures/rules");
    let mut on_disk = std::collections::BTreeSet::new();
    for rule in std::fs::read_dir(&base).unwrap() {
        let rule = rule.unwrap().path();
        if !rule.is_dir() {
            continue;
        }
        for dir in std::fs::read_dir(&rule).unwrap() {
            let dir = dir.unwrap().path();
            if has_tf(&dir) {
                let rel = dir.strip_prefix(&base).unwrap().to_string_lossy();
                on_disk.insert(rel.replace('\\', "/"));
            }
        }
    }
    assert_eq!(listed, on_disk, "fixture directories and test cases differ");
}

fn has_tf(dir: &Path) -> bool {
    dir.is_dir()
        && std::fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().path().extension().is_some_and(|x| x == "tf"))
}
