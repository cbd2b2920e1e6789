//! `.lblint.toml`: parsing, errors with spans, discovery and effects on rules.

mod common;
use common::*;
use lblint::config::Config;
use lblint::diagnostic::Severity;
use lblint::{lint, Options, RunError};
use std::path::Path;

fn parse_err(text: &str) -> (String, (usize, usize)) {
    let err = Config::parse(Path::new("lblint.toml"), text).expect_err("must fail");
    let before = &text[..err.span.start];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (err.message, (line, col))
}

#[test]
fn config_errors_carry_message_and_position() {
    let cases: &[(&str, &str, (usize, usize))] = &[
        ("[websocket\n", "invalid table header", (1, 11)),
        (
            "[websocket]\npath = [\"/ws\"]\n",
            "unknown field `path`",
            (2, 1),
        ),
        (
            "[websocket]\nmin_timeout_sec = -5\n",
            "min_timeout_sec must be 0 or more",
            (2, 19),
        ),
        (
            "[websocket]\nfix_timeout_sec = 0\n",
            "fix_timeout_sec must be between 1 and 2147483647",
            (2, 19),
        ),
        (
            "[websocket]\nfix_timeout_sec = 60.5\n",
            "expected a whole number of seconds, found float",
            (2, 19),
        ),
        (
            "[websocket]\npaths = [\"/ws\", \"/a/{b\"]\n",
            "invalid glob",
            (2, 17),
        ),
        (
            "[platform]\nprovider_version = \"~> 6.0\"\n",
            "`~> 6.0` is not a provider version like \"7.10.0\"",
            (2, 20),
        ),
        (
            "[platform]\nversion = \"6.0\"\n",
            "unknown field `version`",
            (2, 1),
        ),
        (
            "[websocket]\nhosts = [\"ws.*\", \"{a\"]\n",
            "invalid glob",
            (2, 18),
        ),
        (
            "[websocket]\nbackends = [\"chat\"]\n",
            "is not a resource address",
            (2, 13),
        ),
        (
            "[rules.WS999]\nseverity = \"error\"\n",
            "unknown rule `WS999`",
            (1, 8),
        ),
        (
            "[rules.WS004]\nseverity = \"loud\"\n",
            "unknown severity `loud`",
            (2, 12),
        ),
    ];
    for (text, want, pos) in cases {
        let (message, at) = parse_err(text);
        assert!(message.contains(want), "{text:?}: {message}");
        assert_eq!(at, *pos, "{text:?}: {message}");
    }
}

#[test]
fn defaults_and_overrides() {
    let c = Config::default();
    assert_eq!(c.min_timeout_sec, 300.0);
    assert_eq!(
        c.auth_headers,
        vec!["Authorization", "Sec-WebSocket-Protocol"]
    );
    for p in [
        "/ws",
        "/ws/*",
        "/api/v1/WebSocket",
        "/socket.io/",
        "/cable",
        "/x/sockjs/*",
    ] {
        assert!(c.is_ws_path(p), "{p}");
    }
    for p in ["/wss", "/ws/foo", "/api/*", "/news", "/websocket-docs"] {
        assert!(!c.is_ws_path(p), "{p}");
    }
    let c = Config::parse(
        Path::new("lblint.toml"),
        "[websocket]\npaths = [\"/live/**\"]\nmin_timeout_sec = 3600\nheader_variables = [\"{my_var}\"]\n\n[rules.WS004]\nseverity = \"error\"\n[rules.ws001]\nseverity = \"off\"\n",
    )
    .unwrap();
    assert!(c.is_ws_path("/live/feed") && !c.is_ws_path("/ws"));
    assert_eq!(c.min_timeout_sec, 3600.0);
    assert_eq!(c.header_variables, vec!["my_var"]);
    assert_eq!(
        c.severity_of("WS004", Severity::Info),
        Some(Severity::Error)
    );
    assert_eq!(c.severity_of("WS001", Severity::Error), None);
    assert_eq!(
        c.severity_of("LB002", Severity::Warning),
        Some(Severity::Warning)
    );
}

#[test]
fn severity_overrides_and_off_apply_to_findings() {
    let dir = temp_module(&[
        (
            "tf/backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        (
            "tf/lb.tf",
            include_str!("../fixtures/incident/original/lb.tf"),
        ),
        (
            ".lblint.toml",
            "[rules.WS004]\nseverity = \"error\"\n\n[rules.WS001]\nseverity = \"off\"\n",
        ),
    ]);
    // The config sits in the parent of the module directory: found by walking up.
    let outcome = run_abs(&dir.path().join("tf"), dir.path());
    assert_eq!(
        findings(&outcome),
        vec![Finding::new(
            "WS004",
            "error",
            "tf/lb.tf",
            (15, 7),
            (15, 63)
        )]
    );
}

#[test]
fn auth_passthrough_satisfies_ws004_and_lblint_toml_is_found_too() {
    let dir = temp_module(&[
        (
            "backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        ("lb.tf", include_str!("../fixtures/incident/original/lb.tf")),
        (
            "lblint.toml",
            "[websocket]\nauth_passthrough = [\"authorization\"]\n",
        ),
    ]);
    let outcome = run_abs(dir.path(), dir.path());
    let ws004 = messages(&outcome, "WS004");
    assert_eq!(ws004.len(), 1);
    assert!(
        ws004[0].contains(
            "does not say how it handles `Sec-WebSocket-Protocol`: GCP forwards it unchanged"
        ),
        "{}",
        ws004[0]
    );
}

#[test]
fn explicit_config_flag_wins_and_bad_config_is_a_run_error() {
    let dir = temp_module(&[
        ("m/main.tf", "locals {}\n"),
        ("bad.toml", "[rules.WS004]\nseverity = 3\n"),
    ]);
    let err = lint(&Options {
        paths: vec![dir.path().join("m")],
        config: Some(dir.path().join("bad.toml")),
        ..Options::default()
    })
    .expect_err("bad config");
    match err {
        RunError::Config(e) => {
            assert!(
                e.message
                    .contains("invalid type: integer `3`, expected a string"),
                "{}",
                e.message
            );
            assert_eq!(&e.text[e.span.clone()], "3");
        }
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn platform_version_and_websocket_hosts() {
    let c = Config::parse(
        Path::new("lblint.toml"),
        "[platform]\nprovider_version = \"7.10.0\"\n[websocket]\nhosts = [\"realtime.*\"]\n",
    )
    .unwrap();
    assert_eq!(c.provider_version.as_deref(), Some("7.10.0"));
    assert!(c.is_ws_host("realtime.example.com"));
    assert!(c.is_ws_host("REALTIME.example.com"));
    assert!(!c.is_ws_host("ws.example.com"));
    let d = Config::default();
    assert_eq!(d.provider_version, None);
    for host in [
        "ws.example.com",
        "wss.example.com",
        "websocket.a.b",
        "websockets.x",
    ] {
        assert!(d.is_ws_host(host), "{host}");
    }
    for host in ["www.example.com", "api.ws.example.com", "news.example.com"] {
        assert!(!d.is_ws_host(host), "{host}");
    }
}

#[test]
fn suppression_keys() {
    let c = Config::parse(
        Path::new("lblint.toml"),
        "[suppressions]\nrequire_reason = true\n\n[rules.ws-timeout-missing]\nignorable = false\n\n[rules.WS004]\nignorable = true\n",
    )
    .unwrap();
    assert!(c.require_reason);
    assert!(!c.is_ignorable("WS001"));
    assert!(c.is_ignorable("WS004"));
    assert!(!c.is_ignorable("TF001"));
    let d = Config::default();
    assert!(!d.require_reason);
    assert!(d.is_ignorable("WS001"));
    assert!(!d.is_ignorable("TF005") && !d.is_ignorable("TF008"));
    assert_eq!(
        parse_err("[rules.TF001]\nignorable = true\n"),
        (
            "TF001 findings can never be suppressed by a comment".to_string(),
            (2, 13)
        )
    );
    assert_eq!(
        parse_err("[suppressions]\nrequire_reasons = true\n").0,
        "unknown field `require_reasons`, expected `require_reason`"
    );
}

#[test]
fn the_readme_config_example_parses_with_its_suppression_keys() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Configuration\n").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let toml = &section[start..start + section[start..].find("```").unwrap()];
    let c = Config::parse(Path::new("README.md"), toml).unwrap();
    assert!(!c.require_reason);
    assert!(!c.is_ignorable("WS004"));
    assert!(c.is_ignorable("WS001"));
}

#[test]
fn fix_timeout_sec_sets_the_ws001_fix_value() {
    assert_eq!(lblint::config::Config::default().fix_timeout_sec, 3600);
    let c = Config::parse(
        Path::new("lblint.toml"),
        "[websocket]\nfix_timeout_sec = 7200\n",
    )
    .unwrap();
    assert_eq!(c.fix_timeout_sec, 7200);
    let outcome = lblint::lint_sources(
        &[(
            "main.tf",
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("fixtures/fixes/WS001/backend-service/main.tf"),
            )
            .unwrap()
            .as_slice(),
        )],
        &c,
    );
    let fix = outcome.diagnostics[0].fix.as_ref().unwrap();
    assert_eq!(fix.edits[0].replacement, "  timeout_sec           = 7200\n");
}
