//! `lblint lsp`: a language server over stdin and stdout.
//!
//! It lints the module (directory) of each open document with [`crate::lint`], exactly as
//! `lblint check` does (config discovery, auto-loaded tfvars, `TF_VAR_` variables of the
//! server's environment), with the editor's unsaved buffers read instead of the files on
//! disk ([`crate::Options::overlay`]). Documents are synchronised incrementally. Changes
//! are coalesced: every message already queued is applied before a module is linted again,
//! so a burst of keystrokes costs one lint.
//!
//! It publishes diagnostics for every file of the module, offers each finding's fix and an
//! "ignore" comment as code actions, and re-lints when a config file is saved or changes
//! on disk.

mod actions;
pub mod convert;
pub mod transport;

use crate::diagnostic::Severity;
use crate::RunError;
use convert::{path_to_uri, uri_to_path, Encoding, LineIndex};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc;
use transport::Incoming;

/// Runs the server on stdin and stdout until `exit`; returns the process exit code (0
/// after `shutdown` then `exit`, 1 otherwise, as LSP specifies).
pub fn run() -> i32 {
    serve(
        std::io::BufReader::new(std::io::stdin()),
        std::io::stdout().lock(),
    )
}

/// Runs the server on any pair of streams (see [`run`]).
pub fn serve<R: BufRead + Send + 'static, W: Write>(input: R, output: W) -> i32 {
    let (tx, rx) = mpsc::channel();
    // Reading on a thread of its own lets the main loop see everything already sent when
    // it is done linting, and coalesce it.
    std::thread::spawn(move || {
        let mut input = input;
        loop {
            match transport::read(&mut input) {
                Ok(Some(m)) => {
                    if tx.send(m).is_err() {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    eprintln!("lblint lsp: cannot read the input: {e}");
                    break;
                }
            }
        }
    });
    Server::new(output).main_loop(&rx)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lifecycle {
    Uninitialized,
    Running,
    ShutDown,
}

/// An open document.
struct Doc {
    /// As the client spelled it: diagnostics for the document are published to it.
    uri: lsp::Uri,
    version: i32,
}

/// What was last published for one file.
struct Published {
    /// Each diagnostic with its index in the module's outcome.
    items: Vec<(lsp::Diagnostic, usize)>,
}

/// A linted module: its last outcome and what was published from it.
struct Module {
    outcome: crate::Outcome,
    files: HashMap<PathBuf, Published>,
    /// Every file the lint read: the module's own and those of the modules it calls.
    read: HashSet<PathBuf>,
}

struct Server<W: Write> {
    out: W,
    /// Set when writing failed: the client is gone.
    broken: bool,
    enc: Encoding,
    lifecycle: Lifecycle,
    /// Whether the client can watch files for us (dynamic registration).
    can_watch: bool,
    docs: BTreeMap<PathBuf, Doc>,
    /// The open documents' texts, by path.
    overlays: HashMap<PathBuf, String>,
    modules: HashMap<PathBuf, Module>,
    /// Module directories to lint before answering or waiting again.
    dirty: BTreeSet<PathBuf>,
    /// Documents opened or changed since the last lint: their diagnostics are published
    /// even when they did not change, so the client knows that version was linted.
    touched: HashSet<PathBuf>,
    /// Files whose diagnostics are published again after the lints under way.
    to_publish: BTreeSet<PathBuf>,
    /// Config files with a published error, and their URIs.
    config_errors: HashMap<PathBuf, lsp::Uri>,
    /// A config file was saved or changed since the last lint: errors are looked at again.
    config_changed: bool,
    /// Config files whose error the current lints reported.
    config_errors_now: HashSet<PathBuf>,
    tf_vars: Vec<(String, String)>,
    next_id: i32,
}

/// Config file names and Terraform file globs watched when the client can watch files.
const WATCHED: [&str; 6] = [
    "**/.lblint.toml",
    "**/lblint.toml",
    "**/*.tf",
    "**/*.tf.json",
    "**/*.tfvars",
    "**/*.tfvars.json",
];

fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| crate::config::FILE_NAMES.contains(&n.to_string_lossy().as_ref()))
}

fn is_terraform_file(path: &Path) -> bool {
    crate::discover::FileKind::of_path(path).is_some()
}

/// A path as the server keys files: absolute with `.` and `..` resolved (a called module's
/// files are read as `caller/./modules/x/...`).
fn norm(path: &Path) -> PathBuf {
    crate::discover::absolute(path, Path::new("/"))
}

/// The path of a `file:` URI, as the server keys files.
fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    uri_to_path(uri).map(|p| norm(&p))
}

fn module_dir(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

impl<W: Write> Server<W> {
    fn new(out: W) -> Server<W> {
        Server {
            out,
            broken: false,
            enc: Encoding::Utf16,
            lifecycle: Lifecycle::Uninitialized,
            can_watch: false,
            docs: BTreeMap::new(),
            overlays: HashMap::new(),
            modules: HashMap::new(),
            dirty: BTreeSet::new(),
            touched: HashSet::new(),
            to_publish: BTreeSet::new(),
            config_errors: HashMap::new(),
            config_changed: false,
            config_errors_now: HashSet::new(),
            tf_vars: crate::tf_vars_from_env(),
            next_id: 0,
        }
    }

    fn main_loop(&mut self, rx: &mpsc::Receiver<Incoming>) -> i32 {
        while let Ok(first) = rx.recv() {
            if let Some(code) = self.handle(first) {
                return code;
            }
            // Everything already queued is applied before linting: a burst of changes is
            // linted once.
            while let Ok(next) = rx.try_recv() {
                if let Some(code) = self.handle(next) {
                    return code;
                }
            }
            self.flush();
            if self.broken {
                return 1;
            }
        }
        // The client closed the stream without `exit`.
        if self.lifecycle == Lifecycle::ShutDown {
            0
        } else {
            1
        }
    }

    fn send(&mut self, message: Message) {
        if transport::write(&mut self.out, &message).is_err() {
            self.broken = true;
        }
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    fn reply_error(&mut self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        )));
    }

    fn log(&mut self, typ: lsp::MessageType, message: String) {
        self.notify("window/logMessage", lsp::LogMessageParams { typ, message });
    }

    /// Handles one message; `Some(code)` when the server must exit.
    fn handle(&mut self, incoming: Incoming) -> Option<i32> {
        match incoming {
            Incoming::Malformed { id, code, message } => {
                if transport::write_error(&mut self.out, id, code, &message).is_err() {
                    self.broken = true;
                }
                None
            }
            Incoming::Message(Message::Request(r)) => {
                self.request(r);
                None
            }
            Incoming::Message(Message::Notification(n)) => self.notification(n),
            // Answers to our registration request: nothing to do.
            Incoming::Message(Message::Response(_)) => None,
        }
    }

    fn request(&mut self, r: Request) {
        match (self.lifecycle, r.method.as_str()) {
            (Lifecycle::Uninitialized, "initialize") => self.initialize(r),
            (Lifecycle::Uninitialized, _) => self.reply_error(
                r.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet".to_string(),
            ),
            (Lifecycle::ShutDown, _) => self.reply_error(
                r.id,
                ErrorCode::InvalidRequest,
                "the server is shut down: only `exit` is expected".to_string(),
            ),
            (Lifecycle::Running, "initialize") => self.reply_error(
                r.id,
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            ),
            (Lifecycle::Running, "shutdown") => {
                self.lifecycle = Lifecycle::ShutDown;
                self.send(Message::Response(Response::new_ok(r.id, Value::Null)));
            }
            (Lifecycle::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<lsp::CodeActionParams>(r.params) {
                    Ok(params) => {
                        let actions = self.code_actions(&params);
                        self.send(Message::Response(Response::new_ok(r.id, actions)));
                    }
                    Err(e) => self.reply_error(r.id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (Lifecycle::Running, method) => {
                let message = format!("lblint does not handle `{method}`");
                self.reply_error(r.id, ErrorCode::MethodNotFound, message)
            }
        }
    }

    fn initialize(&mut self, r: Request) {
        if !r.params.is_object() {
            let message = "`initialize` takes an object of parameters".to_string();
            return self.reply_error(r.id, ErrorCode::InvalidParams, message);
        }
        let caps = &r.params["capabilities"];
        let offers_utf8 = caps["general"]["positionEncodings"]
            .as_array()
            .is_some_and(|a| a.iter().any(|e| e == "utf-8"));
        self.enc = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.can_watch = caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"]
            .as_bool()
            .unwrap_or(false);
        let capabilities = lsp::ServerCapabilities {
            position_encoding: Some(match self.enc {
                Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
                Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                        lsp::SaveOptions {
                            include_text: Some(false),
                        },
                    )),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    resolve_provider: Some(false),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "lblint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        self.lifecycle = Lifecycle::Running;
        self.send(Message::Response(Response::new_ok(r.id, result)));
    }

    /// Handles a notification; `Some(code)` on `exit`.
    fn notification(&mut self, n: Notification) -> Option<i32> {
        if n.method == "exit" {
            return Some(if self.lifecycle == Lifecycle::ShutDown {
                0
            } else {
                1
            });
        }
        if self.lifecycle != Lifecycle::Running {
            return None;
        }
        fn params<T: serde::de::DeserializeOwned>(n: Notification) -> Option<T> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            "initialized" => self.register_watchers(),
            "textDocument/didOpen" => {
                if let Some(p) = params::<lsp::DidOpenTextDocumentParams>(n) {
                    self.did_open(p.text_document);
                }
            }
            "textDocument/didChange" => {
                if let Some(p) = params::<lsp::DidChangeTextDocumentParams>(n) {
                    self.did_change(p);
                }
            }
            "textDocument/didSave" => {
                if let Some(p) = params::<lsp::DidSaveTextDocumentParams>(n) {
                    self.did_save(&p.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = params::<lsp::DidCloseTextDocumentParams>(n) {
                    self.did_close(&p.text_document.uri);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                if let Some(p) = params::<lsp::DidChangeWatchedFilesParams>(n) {
                    for change in p.changes {
                        if let Some(path) = path_of(&change.uri) {
                            self.file_changed_on_disk(&path);
                        }
                    }
                }
            }
            // Other notifications (`$/cancelRequest`, `$/setTrace`, ...) need nothing.
            _ => {}
        }
        None
    }

    fn register_watchers(&mut self) {
        if !self.can_watch {
            return;
        }
        let watchers = WATCHED
            .iter()
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "lblint-watched-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".to_string(),
            params,
        )));
    }

    fn did_open(&mut self, doc: lsp::TextDocumentItem) {
        let Some(path) = path_of(&doc.uri) else {
            return;
        };
        if !is_terraform_file(&path) {
            return;
        }
        self.overlays.insert(path.clone(), doc.text);
        self.docs.insert(
            path.clone(),
            Doc {
                uri: doc.uri,
                version: doc.version,
            },
        );
        self.edited(&path);
        self.touched.insert(path);
    }

    /// A file's text changed: its module is linted again, and every module that read it
    /// (a module calling its module).
    fn edited(&mut self, path: &Path) {
        self.dirty.insert(module_dir(path));
        let callers: Vec<PathBuf> = self
            .modules
            .iter()
            .filter(|(_, m)| m.read.contains(path))
            .map(|(dir, _)| dir.clone())
            .collect();
        self.dirty.extend(callers);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let Some(path) = path_of(&p.text_document.uri) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(&path) else {
            return;
        };
        doc.version = p.text_document.version;
        let enc = self.enc;
        let Some(text) = self.overlays.get_mut(&path) else {
            return;
        };
        for change in p.content_changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(text);
                    let start = index.offset(text, range.start, enc);
                    let end = index.offset(text, range.end, enc).max(start);
                    text.replace_range(start..end, &change.text);
                }
                None => *text = change.text,
            }
        }
        self.edited(&path);
        self.touched.insert(path);
    }

    fn did_save(&mut self, uri: &lsp::Uri) {
        let Some(path) = path_of(uri) else {
            return;
        };
        self.file_changed_on_disk(&path);
        if self.docs.contains_key(&path) {
            self.edited(&path);
        }
    }

    /// A file was saved or changed on disk: a config file re-lints every open module, a
    /// Terraform file its module when it is open (an open document is read from its buffer).
    fn file_changed_on_disk(&mut self, path: &Path) {
        if is_config_file(path) {
            let dirs: Vec<PathBuf> = self.docs.keys().map(|p| module_dir(p)).collect();
            self.dirty.extend(dirs);
            self.config_changed = true;
        } else if is_terraform_file(path) && !self.docs.contains_key(path) {
            // Linted modules are those with an open document; any other is skipped when
            // linting.
            self.edited(path);
        }
    }

    fn did_close(&mut self, uri: &lsp::Uri) {
        let Some(path) = path_of(uri) else {
            return;
        };
        if self.docs.remove(&path).is_none() {
            return;
        }
        self.overlays.remove(&path);
        self.touched.remove(&path);
        // The file on disk now stands for the closed buffer; a module with no open document
        // left is forgotten and its diagnostics cleared when it comes to be linted.
        self.edited(&path);
    }

    /// Forgets a module, and publishes again every file it had published to (without its
    /// findings: usually no diagnostic at all).
    fn clear_module(&mut self, dir: &Path) {
        if let Some(m) = self.modules.remove(dir) {
            self.to_publish.extend(m.files.into_keys());
        }
    }

    fn publish(&mut self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    fn uri_of(&self, path: &Path) -> lsp::Uri {
        let path = norm(path);
        match self.docs.get(&path) {
            Some(d) => d.uri.clone(),
            None => path_to_uri(&path),
        }
    }

    /// Lints every module changed since the last time.
    fn flush(&mut self) {
        let dirty = std::mem::take(&mut self.dirty);
        self.config_errors_now.clear();
        for dir in dirty {
            self.lint_module(&dir);
        }
        let paths = std::mem::take(&mut self.to_publish);
        self.republish(paths);
        self.touched.clear();
        if std::mem::take(&mut self.config_changed) {
            self.recheck_config_errors();
        }
    }

    fn lint_module(&mut self, dir: &Path) {
        // A file of the module stands for it (a directory would be walked into its
        // subdirectories); a buffer never saved is not on disk, so not in the module yet.
        let anchor = self
            .docs
            .keys()
            .filter(|p| p.parent() == Some(dir))
            .find(|p| p.is_file())
            .cloned();
        let Some(anchor) = anchor else {
            self.clear_module(dir);
            return;
        };
        // The buffers are lent to the lint and taken back: no text is copied.
        let overlay = std::mem::take(&mut self.overlays)
            .into_iter()
            .map(|(p, t)| (p, t.into_bytes()))
            .collect();
        let mut options = crate::Options {
            paths: vec![anchor],
            base_dir: Some(dir.to_path_buf()),
            tf_vars: self.tf_vars.clone(),
            overlay,
            ..crate::Options::default()
        };
        let result = crate::lint(&options);
        self.overlays = std::mem::take(&mut options.overlay)
            .into_iter()
            .map(|(p, b)| {
                let text = String::from_utf8(b)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                (p, text)
            })
            .collect();
        match result {
            Ok(outcome) => {
                for p in &outcome.problems {
                    let message = format!("lblint: {p}");
                    self.log(lsp::MessageType::WARNING, message);
                }
                self.publish_module(dir, outcome);
            }
            Err(RunError::Config(e)) => self.config_error(&e),
            Err(e) => self.log(lsp::MessageType::ERROR, format!("lblint: {e}")),
        }
    }

    /// Publishes a module's outcome: each file with findings whose findings changed (or
    /// that was just edited), and no finding for each file that had some and has none now.
    fn publish_module(&mut self, dir: &Path, outcome: crate::Outcome) {
        let mut by_file: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, d) in outcome.diagnostics.iter().enumerate() {
            by_file.entry(d.span.file).or_default().push(i);
        }
        let mut indexes: HashMap<u32, LineIndex> = HashMap::new();
        let mut files: HashMap<PathBuf, Published> = HashMap::new();
        for (file, list) in by_file {
            let path = norm(&outcome.sources.get(file).path);
            let items = list
                .into_iter()
                .map(|i| (self.to_lsp(&outcome, i, &mut indexes), i))
                .collect();
            files.insert(path, Published { items });
        }
        let old = self
            .modules
            .remove(dir)
            .map(|m| m.files)
            .unwrap_or_default();
        let same = |a: &Published, b: &Published| {
            a.items.len() == b.items.len() && a.items.iter().zip(&b.items).all(|(x, y)| x.0 == y.0)
        };
        let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
        for (path, p) in &files {
            if old.get(path).is_none_or(|o| !same(o, p)) {
                paths.insert(path.clone());
            }
        }
        paths.extend(old.keys().filter(|p| !files.contains_key(*p)).cloned());
        // An edited document without findings before or after still hears that its new
        // version was linted.
        paths.extend(
            self.touched
                .iter()
                .filter(|p| p.parent() == Some(dir) && self.docs.contains_key(*p))
                .cloned(),
        );
        let read = outcome.sources.iter().map(|f| norm(&f.path)).collect();
        self.modules.insert(
            dir.to_path_buf(),
            Module {
                outcome,
                files,
                read,
            },
        );
        self.to_publish.extend(paths);
    }

    /// Publishes the diagnostics of these files: what every linted module found in each
    /// (a file may belong to a module and be called by another).
    fn republish(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut sends: Vec<(lsp::Uri, Vec<lsp::Diagnostic>, Option<i32>)> = paths
            .into_iter()
            .map(|path| {
                let mut dirs: Vec<&PathBuf> = self.modules.keys().collect();
                dirs.sort();
                let mut diags: Vec<lsp::Diagnostic> = Vec::new();
                for d in dirs {
                    for (diag, _) in self.modules[d]
                        .files
                        .get(&path)
                        .into_iter()
                        .flat_map(|p| &p.items)
                    {
                        if !diags.contains(diag) {
                            diags.push(diag.clone());
                        }
                    }
                }
                (
                    self.uri_of(&path),
                    diags,
                    self.docs.get(&path).map(|d| d.version),
                )
            })
            .collect();
        sends.sort_by(|a, b| a.0.cmp(&b.0));
        for (uri, diags, version) in sends {
            self.publish(uri, diags, version);
        }
    }

    fn to_lsp(
        &self,
        outcome: &crate::Outcome,
        i: usize,
        indexes: &mut HashMap<u32, LineIndex>,
    ) -> lsp::Diagnostic {
        let d = &outcome.diagnostics[i];
        let enc = self.enc;
        let mut range_of = |span: crate::syntax::Span| {
            let file = outcome.sources.get(span.file);
            let index = indexes
                .entry(span.file)
                .or_insert_with(|| LineIndex::new(&file.text));
            let range = index.range(&file.text, span.start as usize, span.end as usize, enc);
            (file.path.clone(), range)
        };
        let (_, range) = range_of(d.span);
        let related: Vec<lsp::DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .map(|l| {
                let (path, range) = range_of(l.span);
                lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(self.uri_of(&path), range),
                    message: l.message.clone(),
                }
            })
            .collect();
        let message = match &d.help {
            Some(help) => format!("{}\nhelp: {help}", d.message),
            None => d.message.clone(),
        };
        let href = format!("{}{}.md", crate::report::RULES_URL, d.code);
        lsp::Diagnostic {
            range,
            severity: Some(match d.severity {
                Severity::Error => lsp::DiagnosticSeverity::ERROR,
                Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            }),
            code: Some(lsp::NumberOrString::String(d.code.to_string())),
            code_description: lsp::Uri::from_str(&href)
                .ok()
                .map(|href| lsp::CodeDescription { href }),
            source: Some("lblint".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            // An ignore comment that silences nothing can go: editors grey it out.
            tags: (d.code == "TF005").then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
            data: None,
        }
    }

    /// A config file that does not load: its error is published on it (the modules it
    /// configures keep their last diagnostics until it loads again).
    fn config_error(&mut self, e: &crate::config::ConfigError) {
        // The editor's text has no byte order mark; the error's offsets count it.
        let (text, bom) = match e.text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, 3),
            None => (e.text.as_str(), 0),
        };
        let index = LineIndex::new(text);
        let range = index.range(
            text,
            e.span.start.saturating_sub(bom),
            e.span.end.saturating_sub(bom),
            self.enc,
        );
        let uri = self.uri_of(&e.path);
        let diagnostic = lsp::Diagnostic {
            range,
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("lblint".to_string()),
            message: format!("invalid config: {}", e.message),
            ..Default::default()
        };
        self.config_errors.insert(e.path.clone(), uri.clone());
        self.config_errors_now.insert(e.path.clone());
        self.publish(uri, vec![diagnostic], None);
    }

    /// After a config file changed: clears the error of each config file that no lint
    /// reported again and that loads now (or is gone).
    fn recheck_config_errors(&mut self) {
        if self.config_errors.is_empty() {
            return;
        }
        let fixed: Vec<PathBuf> = self
            .config_errors
            .keys()
            .filter(|p| !self.config_errors_now.contains(*p))
            .filter(|p| crate::config::Config::load(p).is_ok() || !p.exists())
            .cloned()
            .collect();
        for path in fixed {
            if let Some(uri) = self.config_errors.remove(&path) {
                self.publish(uri, Vec::new(), None);
            }
        }
    }

    fn code_actions(&mut self, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        // Actions are computed from the current text.
        self.flush();
        let wants_quickfix = params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|k| k.as_str().is_empty() || *k == lsp::CodeActionKind::QUICKFIX)
        });
        let Some(path) = path_of(&params.text_document.uri) else {
            return Vec::new();
        };
        if !wants_quickfix {
            return Vec::new();
        }
        let overlaps = |r: &lsp::Range| r.start <= params.range.end && params.range.start <= r.end;
        let uri_of = |p: &Path| self.uri_of(p);
        let mut dirs: Vec<&PathBuf> = self.modules.keys().collect();
        dirs.sort();
        let mut out: Vec<lsp::CodeAction> = Vec::new();
        // Every module that reported into the file (its own, and those calling it).
        for dir in dirs {
            let module = &self.modules[dir];
            let Some(published) = module.files.get(&path) else {
                continue;
            };
            let texts = actions::Texts {
                sources: &module.outcome.sources,
                overlays: &self.overlays,
            };
            let config = actions::config_for(dir);
            for (lsp_diag, i) in published.items.iter().filter(|(d, _)| overlaps(&d.range)) {
                let d = &module.outcome.diagnostics[*i];
                let mut found = Vec::new();
                if let Some(fix) = &d.fix {
                    found.push(actions::fix_action(
                        fix, lsp_diag, &texts, self.enc, &uri_of,
                    ));
                }
                if config.is_ignorable(d.code) {
                    found.extend(actions::ignore_action(
                        d, lsp_diag, &texts, self.enc, &uri_of,
                    ));
                }
                for a in found {
                    if !out.contains(&a) {
                        out.push(a);
                    }
                }
            }
        }
        out.into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect()
    }
}
