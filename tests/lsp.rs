//! `lblint lsp` as an editor sees it: the built binary started as a child process and driven
//! over JSON-RPC with `Content-Length` framing.

mod lsp_client;

use lsp_client::{uri, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_lblint"))
}

/// A copy of `fixtures/lsp/module` (a backend service file and a url map file, and a config
/// that silences WS004) in a temporary directory, so that tests may write into it.
fn module() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("module");
    std::fs::create_dir(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lsp/module");
    for name in ["backend.tf", "urlmap.tf", ".lblint.toml"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    (tmp, dir)
}

fn range(r: &Value) -> String {
    format!(
        "{}:{}-{}:{}",
        r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"]
    )
}

fn file_name(uri: &Value) -> String {
    uri.as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// A published diagnostic as tests compare it: code, severity, range and related ranges.
fn brief(d: &Value) -> String {
    let related: Vec<String> = d["relatedInformation"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| {
                    format!(
                        "{}@{}",
                        file_name(&r["location"]["uri"]),
                        range(&r["location"]["range"])
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!(
        "{} sev{} {} [{}]",
        d["code"].as_str().unwrap_or("-"),
        d["severity"],
        range(&d["range"]),
        related.join(", ")
    )
}

/// A publishDiagnostics notification: file name, version and each diagnostic's [`brief`].
fn publish(p: &Value) -> (String, Value, Vec<String>) {
    let diags = p["diagnostics"].as_array().unwrap();
    (
        file_name(&p["uri"]),
        p["version"].clone(),
        diags.iter().map(brief).collect(),
    )
}

fn publishes(client: &mut Client, n: usize) -> Vec<(String, Value, Vec<String>)> {
    (0..n).map(|_| publish(&client.next_publish())).collect()
}

fn p(file: &str, version: Value, diags: &[&str]) -> (String, Value, Vec<String>) {
    (
        file.to_string(),
        version,
        diags.iter().map(|s| s.to_string()).collect(),
    )
}

/// WS001 on the url map's `/ws` path rule, caused by the backend service in the other file.
const WS001: &str = "WS001 sev1 14:6-14:32 [urlmap.tf@15:16-15:54, backend.tf@25:42-25:48]";

#[test]
fn diagnostics_follow_the_buffer_across_the_files_of_the_module() {
    let (_tmp, dir) = module();
    let backend = dir.join("backend.tf");
    let urlmap = dir.join("urlmap.tf");
    let mut client = Client::spawn(&bin());
    let init = client.initialize(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(init["serverInfo"]["name"], "lblint");

    // Opening the backend file reports WS001 in the url map file, which is not open.
    let text = std::fs::read_to_string(&backend).unwrap();
    client.did_open(&backend, 1, &text);
    let first = client.next_publish();
    let second = client.next_publish();
    assert_eq!(
        [publish(&first), publish(&second)],
        [
            p("backend.tf", json!(1), &[]),
            p("urlmap.tf", Value::Null, &[WS001])
        ]
    );
    // Every field of the diagnostic, once.
    assert_eq!(second["uri"], uri(&urlmap));
    let d = &second["diagnostics"][0];
    assert_eq!(d["source"], "lblint");
    assert_eq!(d["code"], "WS001");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/lblint/lblint/blob/main/rules/WS001.md"
    );
    assert_eq!(
        d["message"],
        "WebSocket path rule `/ws`, `/ws/*` has no timeout: `google_compute_backend_service.chat` \
         sets no `timeout_sec`, so GCP's 30 s default closes every connection after 30 seconds\n\
         help: set `timeout_sec` on `google_compute_backend_service.chat` to the longest \
         connection you need (e.g. `timeout_sec = 3600`), or set `route_action { timeout { \
         seconds = \"3600\" } }` on this route (path `/ws` matches the WebSocket path patterns)"
    );
    assert_eq!(
        d["relatedInformation"],
        json!([
            {
                "location": {
                    "uri": uri(&urlmap),
                    "range": {"start": {"line": 15, "character": 16}, "end": {"line": 15, "character": 54}}
                },
                "message": "routes to `google_compute_backend_service.chat`"
            },
            {
                "location": {
                    "uri": uri(&backend),
                    "range": {"start": {"line": 25, "character": 42}, "end": {"line": 25, "character": 48}}
                },
                "message": "`google_compute_backend_service.chat` has no `timeout_sec` (default 30 s)"
            }
        ])
    );

    // A timeout in the buffer (unsaved) fixes the route in the other file.
    let timeout = "  timeout_sec           = 3600\n";
    client.did_change(&backend, 2, (30, 0), (30, 0), timeout);
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("backend.tf", json!(2), &[]),
            p("urlmap.tf", Value::Null, &[])
        ]
    );

    // A typo: an argument the provider does not accept, in the edited file, and WS001 back.
    client.did_change(&backend, 3, (30, 13), (30, 13), "s");
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("backend.tf", json!(3), &["TF004 sev1 30:2-30:14 []"]),
            p(
                "urlmap.tf",
                Value::Null,
                &["WS001 sev1 14:6-14:32 [urlmap.tf@15:16-15:54, backend.tf@25:42-25:48]"]
            ),
        ]
    );

    // Removing it clears both files.
    client.did_change(&backend, 4, (30, 13), (30, 14), "");
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("backend.tf", json!(4), &[]),
            p("urlmap.tf", Value::Null, &[])
        ]
    );

    let (response, status) = client.shutdown();
    assert_eq!(response["result"], Value::Null);
    assert_eq!(status.code(), Some(0));
}

/// Opens the backend file of a fresh module copy and waits for its first diagnostics.
fn opened() -> (tempfile::TempDir, PathBuf, Client) {
    let (tmp, dir) = module();
    let backend = dir.join("backend.tf");
    let mut client = Client::spawn(&bin());
    client.initialize(json!({}));
    client.did_open(&backend, 1, &std::fs::read_to_string(&backend).unwrap());
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("backend.tf", json!(1), &[]),
            p("urlmap.tf", Value::Null, &[WS001])
        ]
    );
    (tmp, dir, client)
}

fn code_actions(client: &mut Client, path: &Path, line: u32, character: u32) -> Vec<Value> {
    let r = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(path)},
            "range": {
                "start": {"line": line, "character": character},
                "end": {"line": line, "character": character}
            },
            "context": {"diagnostics": []}
        }),
    );
    r["result"]
        .as_array()
        .expect("a list of code actions")
        .clone()
}

#[test]
fn the_ignore_action_inserts_a_comment_that_suppresses_the_finding() {
    let (_tmp, dir, mut client) = opened();
    let urlmap = dir.join("urlmap.tf");
    let actions = code_actions(&mut client, &urlmap, 14, 10);
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore WS001 here")
        .unwrap_or_else(|| panic!("no ignore action in {actions:?}"));
    assert_eq!(ignore["kind"], "quickfix");
    assert_eq!(ignore["isPreferred"], false);
    assert_eq!(ignore["diagnostics"][0]["code"], "WS001");
    let edit = json!({
        "changes": {
            uri(&urlmap): [{
                "range": {"start": {"line": 14, "character": 0}, "end": {"line": 14, "character": 0}},
                "newText": "      # lblint-ignore: WS001 -- \n"
            }]
        }
    });
    assert_eq!(ignore["edit"], edit);
    // Nothing offered away from a finding, nor for another kind of action.
    assert_eq!(
        code_actions(&mut client, &urlmap, 3, 0),
        Vec::<Value>::new()
    );
    let only_source = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&urlmap)},
            "range": {"start": {"line": 14, "character": 10}, "end": {"line": 14, "character": 10}},
            "context": {"diagnostics": [], "only": ["source.organizeImports"]}
        }),
    );
    assert_eq!(only_source["result"], json!([]));

    // The editor applies the edit to the url map file (opening it) with a reason typed
    // after `-- `: the finding is gone, and the comment is neither unused nor invalid.
    let mut text = std::fs::read_to_string(&urlmap).unwrap();
    let at = text.find("      paths").unwrap();
    text.insert_str(at, "      # lblint-ignore: WS001 -- a test\n");
    client.did_open(&urlmap, 1, &text);
    assert_eq!(publishes(&mut client, 1), [p("urlmap.tf", json!(1), &[])]);
    // Without a reason, as inserted, it suppresses too (no `require_reason` here).
    client.did_change(&urlmap, 2, (14, 32), (14, 38), "");
    assert_eq!(publishes(&mut client, 1), [p("urlmap.tf", json!(2), &[])]);

    // Closing the url map file: the file on disk, without the comment, is linted again.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&urlmap)}}),
    );
    assert_eq!(
        publishes(&mut client, 1),
        [p("urlmap.tf", Value::Null, &[WS001])]
    );
    // Closing the last file of the module clears every file it published to.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&dir.join("backend.tf"))}}),
    );
    assert_eq!(
        publishes(&mut client, 1),
        [p("urlmap.tf", Value::Null, &[])]
    );
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_config_change_on_disk_relints_and_a_bad_config_is_reported_on_its_file() {
    let (_tmp, dir, mut client) = opened();
    let config = dir.join(".lblint.toml");
    let watched = |client: &mut Client| {
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&config), "type": 2}]}),
        );
    };
    let base = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{base}\n[rules.WS001]\nseverity = \"warning\"\n"),
    )
    .unwrap();
    watched(&mut client);
    assert_eq!(
        publishes(&mut client, 1),
        [p(
            "urlmap.tf",
            Value::Null,
            &["WS001 sev2 14:6-14:32 [urlmap.tf@15:16-15:54, backend.tf@25:42-25:48]"]
        )]
    );

    // An unknown key: the error is published on the config file, at the key.
    std::fs::write(
        &config,
        format!("{base}\n[rules.WS001]\nseverity = \"warning\"\nlevel = 1\n"),
    )
    .unwrap();
    watched(&mut client);
    let error = client.next_publish();
    assert_eq!(error["uri"], uri(&config));
    let d = &error["diagnostics"][0];
    assert_eq!(range(&d["range"]), "5:0-5:5");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "lblint");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid config: "),
        "{d}"
    );

    // Saving a fixed config (an editor sends didSave for the config buffer) clears the
    // error and relints with it.
    std::fs::write(&config, &base).unwrap();
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("urlmap.tf", Value::Null, &[WS001]),
            p(".lblint.toml", Value::Null, &[]),
        ]
    );
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn malformed_messages_and_unknown_methods_get_errors_and_the_server_goes_on() {
    let mut client = Client::spawn(&bin());
    // Before `initialize`.
    let early = client.request("textDocument/codeAction", json!({}));
    assert_eq!(early["error"]["code"], -32002);

    client.initialize(json!({}));
    // Not JSON: a parse error, with a null id.
    client.send_body(b"{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": ");
    let parse = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(parse["id"], Value::Null);
    assert_eq!(parse["error"]["code"], -32700);
    // JSON but not JSON-RPC: an invalid request, with its id.
    client.send(&json!({"id": 10, "params": {}}));
    let invalid = client.response(&json!(10));
    assert_eq!(invalid["error"]["code"], -32600);
    // A method the server does not have.
    let unknown = client.request("textDocument/hover", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    assert_eq!(
        unknown["error"]["message"],
        "lblint does not handle `textDocument/hover`"
    );
    // Parameters of the wrong shape.
    let params = client.request("textDocument/codeAction", json!({"range": 3}));
    assert_eq!(params["error"]["code"], -32602);
    // Unknown notifications are ignored; the server still answers.
    client.notify("$/unknownNotification", json!({}));
    let (response, status) = client.shutdown();
    assert_eq!(response["result"], Value::Null);
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_1() {
    let mut client = Client::spawn(&bin());
    client.initialize(json!({}));
    client.notify("exit", Value::Null);
    let status = client.wait_exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (_tmp, dir) = module();
    let urlmap = dir.join("urlmap.tf");
    let mut client = Client::spawn(&bin());
    let init = client.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    // `é` is 2 bytes and 1 UTF-16 unit: the finding ends 1 further in bytes (42, where
    // UTF-16 counts 41).
    let text = std::fs::read_to_string(&urlmap)
        .unwrap()
        .replace(r#""/ws/*"]"#, r#""/ws/*", "/café"]"#);
    client.did_open(&urlmap, 1, &text);
    assert_eq!(
        publishes(&mut client, 1),
        [p(
            "urlmap.tf",
            json!(1),
            &["WS001 sev1 14:6-14:42 [urlmap.tf@15:16-15:54, backend.tf@25:42-25:48]"]
        )]
    );
    client.did_change(&urlmap, 2, (14, 38), (14, 40), "e");
    assert_eq!(
        publishes(&mut client, 1),
        [p(
            "urlmap.tf",
            json!(2),
            &["WS001 sev1 14:6-14:41 [urlmap.tf@15:16-15:54, backend.tf@25:42-25:48]"]
        )]
    );
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_called_module_gets_its_callers_findings_and_its_buffer_is_read_by_them() {
    // fixtures/lsp/calls: main.tf calls ./modules/lb with `timeout_sec = 30`: WS002 on the
    // called module's backend service, which alone (no value for the variable) says nothing.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("calls");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lsp/calls");
    std::fs::create_dir_all(dir.join("modules/lb")).unwrap();
    for name in ["main.tf", ".lblint.toml", "modules/lb/lb.tf"] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    let main = dir.join("main.tf");
    let lb = dir.join("modules/lb/lb.tf");
    const WS002: &str =
        "WS002 sev2 16:2-16:41 [lb.tf@34:6-34:32, main.tf@3:16-3:18, main.tf@0:0-0:13]";
    let mut client = Client::spawn(&bin());
    client.initialize(json!({}));
    client.did_open(&main, 1, &std::fs::read_to_string(&main).unwrap());
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("main.tf", json!(1), &[]),
            p("lb.tf", Value::Null, &[WS002])
        ]
    );
    // Opening the called module's file: its own module has no finding, the caller's stays.
    let lb_text = std::fs::read_to_string(&lb).unwrap();
    client.did_open(&lb, 1, &lb_text);
    assert_eq!(publishes(&mut client, 1), [p("lb.tf", json!(1), &[WS002])]);
    // Its buffer is what the caller reads: no WebSocket path, no WS002.
    client.did_change(&lb, 2, (34, 16), (34, 32), r#"["/chat", "/chat/*"]"#);
    assert_eq!(publishes(&mut client, 1), [p("lb.tf", json!(2), &[])]);
    client.did_change(&lb, 3, (34, 16), (34, 36), r#"["/ws", "/ws/*"]"#);
    assert_eq!(publishes(&mut client, 1), [p("lb.tf", json!(3), &[WS002])]);
    // A long enough timeout in the caller's buffer.
    client.did_change(&main, 2, (3, 16), (3, 18), "3600");
    assert_eq!(
        publishes(&mut client, 2),
        [p("main.tf", json!(2), &[]), p("lb.tf", json!(3), &[])]
    );
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}

/// Byte offset of an LSP position in an ASCII text.
fn offset(text: &str, pos: &Value) -> usize {
    assert!(text.is_ascii());
    let line = pos["line"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + pos["character"].as_u64().unwrap() as usize
}

/// Applies a code action's edits to `path` as an editor does (one didChange, last edit
/// first) and to `text`.
fn apply(client: &mut Client, path: &Path, version: i64, action: &Value, text: &mut String) {
    let mut edits = action["edit"]["changes"][uri(path)]
        .as_array()
        .unwrap_or_else(|| panic!("no edit of {} in {action}", path.display()))
        .clone();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(text, &e["range"]["start"])));
    for e in &edits {
        let (start, end) = (
            offset(text, &e["range"]["start"]),
            offset(text, &e["range"]["end"]),
        );
        text.replace_range(start..end, e["newText"].as_str().unwrap());
    }
    let changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(path), "version": version},
            "contentChanges": changes
        }),
    );
}

#[test]
fn an_unsafe_fix_in_another_file_is_offered_and_applied() {
    let (_tmp, dir, mut client) = opened();
    let backend = dir.join("backend.tf");
    let urlmap = dir.join("urlmap.tf");
    let actions = code_actions(&mut client, &urlmap, 14, 10);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "set `timeout_sec = 3600` on `google_compute_backend_service.chat` (unsafe)",
            "Ignore WS001 here"
        ]
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], false);
    assert_eq!(fix["diagnostics"][0]["code"], "WS001");
    // The finding is on the url map; the fix edits the backend service's file.
    assert_eq!(
        fix["edit"],
        json!({"changes": {uri(&backend): [{
            "range": {"start": {"line": 31, "character": 0}, "end": {"line": 31, "character": 0}},
            "newText": "  timeout_sec           = 3600\n"
        }]}})
    );
    let mut text = std::fs::read_to_string(&backend).unwrap();
    apply(&mut client, &backend, 2, fix, &mut text);
    assert_eq!(
        publishes(&mut client, 2),
        [
            p("backend.tf", json!(2), &[]),
            p("urlmap.tf", Value::Null, &[])
        ]
    );
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn safe_fixes_are_preferred_and_give_the_fixed_file_of_the_cli() {
    // fixtures/fixes/LB005/serverless: `timeout_sec` and `health_checks` on a serverless
    // backend service, each removed by a safe fix; main.tf.fixed is what `--fix` writes.
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fixes/LB005/serverless");
    let main = tmp.path().join("main.tf");
    std::fs::copy(src.join("main.tf"), &main).unwrap();
    let mut text = std::fs::read_to_string(&main).unwrap();
    let mut client = Client::spawn(&bin());
    client.initialize(json!({}));
    client.did_open(&main, 1, &text);
    assert_eq!(
        publishes(&mut client, 1),
        [p(
            "main.tf",
            json!(1),
            &[
                "LB005 sev1 34:2-34:28 [main.tf@39:12-39:64]",
                "LB005 sev1 36:2-36:63 [main.tf@39:12-39:64]"
            ]
        )]
    );
    // The lower finding first, so the upper one's line stays where it is.
    for (version, line) in [(2, 36), (3, 34)] {
        let actions = code_actions(&mut client, &main, line, 4);
        let fix = &actions[0];
        assert_eq!(fix["isPreferred"], true, "{fix}");
        assert!(!fix["title"].as_str().unwrap().contains("unsafe"), "{fix}");
        assert_eq!(actions[1]["title"], "Ignore LB005 here");
        apply(&mut client, &main, version, fix, &mut text);
        client.wait_for(|m| m["params"]["version"] == version);
    }
    assert_eq!(
        text,
        std::fs::read_to_string(src.join("main.tf.fixed")).unwrap()
    );
    let actions = code_actions(&mut client, &main, 34, 4);
    assert_eq!(actions, Vec::<Value>::new());
    let (_, status) = client.shutdown();
    assert_eq!(status.code(), Some(0));
}
