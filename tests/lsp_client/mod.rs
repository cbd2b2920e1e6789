//! A minimal LSP client for tests and the latency benchmark: spawns `lblint lsp` and speaks
//! JSON-RPC to it over its stdin and stdout with `Content-Length` framing.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait for any one message before a test fails.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    /// Messages read while waiting for something else.
    pending: VecDeque<Value>,
    next_id: i64,
}

/// The `file:` URI of an absolute path (no character in the test paths needs escaping).
pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Starts `bin lsp`.
    pub fn spawn(bin: &Path) -> Client {
        let mut child = Command::new(bin)
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start lblint lsp");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            pending: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Writes raw bytes as one framed message body.
    pub fn send_body(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        self.send_body(message.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message, `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response(&json!(id))
    }

    /// Waits for the response with this id; messages read meanwhile are kept.
    pub fn response(&mut self, id: &Value) -> Value {
        self.wait_for(|m| m.get("method").is_none() && &m["id"] == id)
    }

    /// The next message that satisfies `pred`, in order; others stay pending.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.rx.recv_timeout(left).unwrap_or_else(|e| {
                panic!(
                    "no awaited message from lblint lsp: {e}; pending: {:?}",
                    self.pending
                )
            });
            if pred(&m) {
                return m;
            }
            self.pending.push_back(m);
        }
    }

    /// The next `textDocument/publishDiagnostics`' params.
    pub fn next_publish(&mut self) -> Value {
        let m = self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
        m["params"].clone()
    }

    /// Initializes with these client capabilities and sends `initialized`; returns the
    /// `initialize` result.
    pub fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r["result"].clone()
    }

    pub fn did_open(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": uri(path), "languageId": "terraform", "version": version, "text": text
            }}),
        );
    }

    /// One incremental change: replace `[start, end)` (line, character) by `text`.
    pub fn did_change(
        &mut self,
        path: &Path,
        version: i64,
        start: (u32, u32),
        end: (u32, u32),
        text: &str,
    ) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(path), "version": version},
                "contentChanges": [{
                    "range": {
                        "start": {"line": start.0, "character": start.1},
                        "end": {"line": end.0, "character": end.1}
                    },
                    "text": text
                }]
            }),
        );
    }

    /// `shutdown` then `exit`; returns how the process ended.
    pub fn shutdown(mut self) -> (Value, ExitStatus) {
        let r = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = wait_with_timeout(&mut self.child);
        (r, status)
    }

    /// Closes the server's input and waits for it to end.
    pub fn wait_exit(mut self) -> ExitStatus {
        drop(self.stdin.take());
        wait_with_timeout(&mut self.child)
    }

    /// Ends the process without the protocol (a failing test).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

fn wait_with_timeout(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "lblint lsp did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Reads one framed message; `None` at the end of the stream.
pub fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    r.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

impl Client {
    /// Forgets the messages kept while waiting for others.
    pub fn clear_pending(&mut self) {
        self.pending.clear();
    }
}
