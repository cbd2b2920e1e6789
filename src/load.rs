//! Called modules: finding a module call's files on disk (a local `source` directory, or
//! the directory `terraform init` recorded in `.terraform/modules/modules.json`), reading
//! and parsing them once per module instance, and, once rules have run, the caller chain
//! of each finding inside a called module.
//!
//! Each module instance gets its own file ids: a span then says which instance it is in,
//! so a finding names `module.lb["prod"]` and carries a label at each call on the way.
//! Fixes are not offered inside called modules (one file serves every call).

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Label, Problem};
use crate::eval::{Call, LoadedModule, Loader, ModulePath, Request};
use crate::syntax::{FileId, SourceFile, SyntaxError};
use crate::{discover, display_path, parse_sources, read_file, suppress, Loaded, Role};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where `terraform init` records the modules it installed, relative to the root module.
pub const MANIFEST: &str = ".terraform/modules/modules.json";

/// What the loader read, for the run to report on.
#[derive(Default)]
pub(crate) struct LoadedFiles {
    pub(crate) files: Vec<SourceFile>,
    pub(crate) syntax_errors: Vec<SyntaxError>,
    pub(crate) ignores: Vec<suppress::FileIgnores>,
    /// The module instance each file id read here belongs to.
    pub(crate) instance_files: Vec<(FileId, ModulePath)>,
    pub(crate) problems: Vec<Problem>,
}

/// Loads called modules from disk for one root module.
pub(crate) struct DiskLoader<'c> {
    root: PathBuf,
    base: &'c Path,
    config: &'c Config,
    /// Texts read instead of files' (`Options::overlay`).
    overlay: &'c HashMap<PathBuf, Vec<u8>>,
    next_id: Cell<FileId>,
    /// `modules.json` read: module keys to directories, or why it cannot be read.
    manifest: OnceCell<Result<HashMap<String, PathBuf>, String>>,
    out: RefCell<LoadedFiles>,
}

impl<'c> DiskLoader<'c> {
    /// A loader for the root module in `root` whose own files took ids below `first_id`.
    pub(crate) fn new(
        root: &Path,
        base: &'c Path,
        config: &'c Config,
        overlay: &'c HashMap<PathBuf, Vec<u8>>,
        first_id: FileId,
    ) -> DiskLoader<'c> {
        DiskLoader {
            root: root.to_path_buf(),
            base,
            config,
            overlay,
            next_id: Cell::new(first_id),
            manifest: OnceCell::new(),
            out: RefCell::new(LoadedFiles::default()),
        }
    }

    pub(crate) fn finish(self) -> LoadedFiles {
        self.out.into_inner()
    }

    fn manifest(&self) -> &Result<HashMap<String, PathBuf>, String> {
        self.manifest
            .get_or_init(|| read_manifest(&self.root, self.base))
    }

    /// The directory a call's module is in, or why it cannot be found.
    fn resolve(&self, request: &Request) -> Result<PathBuf, String> {
        let source = request.source;
        if is_local(source) {
            let dir = request.caller_dir.join(source);
            return if dir.is_dir() {
                Ok(dir)
            } else {
                Err(format!(
                    "the directory `{}` does not exist",
                    display_path(&dir, self.base)
                ))
            };
        }
        let key = request.path.manifest_key();
        match self.manifest() {
            Err(why) => Err(format!(
                "`{source}` is not a local path and {why}: run `terraform init` (or `terraform get`) in `{}` to download it",
                display_path(&self.root, self.base)
            )),
            Ok(entries) => match entries.get(&key) {
                Some(dir) if dir.is_dir() => Ok(dir.clone()),
                Some(dir) => Err(format!(
                    "`{MANIFEST}` places `{source}` in `{}`, which does not exist: run `terraform init` again",
                    display_path(dir, self.base)
                )),
                None => Err(format!(
                    "`{source}` is not a local path and `{MANIFEST}` has no entry for `{}`: run `terraform init` again",
                    request.path.manifest_key_address()
                )),
            },
        }
    }
}

/// Whether a module `source` is a local path, which Terraform reads in place.
fn is_local(source: &str) -> bool {
    ["./", "../", ".\\", "..\\"]
        .iter()
        .any(|p| source.starts_with(p))
        || source == "."
        || source == ".."
}

/// Reads `.terraform/modules/modules.json` of the root module in `root`.
fn read_manifest(root: &Path, base: &Path) -> Result<HashMap<String, PathBuf>, String> {
    #[derive(serde::Deserialize)]
    struct Manifest {
        #[serde(rename = "Modules")]
        modules: Vec<Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(rename = "Key")]
        key: String,
        #[serde(rename = "Dir")]
        dir: String,
    }
    let path = root.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("there is no `{MANIFEST}`"),
        _ => format!("`{}` cannot be read ({e})", display_path(&path, base)),
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not valid ({e})", display_path(&path, base)))?;
    Ok(manifest
        .modules
        .into_iter()
        .map(|m| (m.key, root.join(m.dir)))
        .collect())
}

impl Loader for DiskLoader<'_> {
    fn load(&self, request: &Request) -> Result<LoadedModule, String> {
        let dir = self.resolve(request)?;
        let listed = discover::module_files(&dir, &globset::GlobSet::empty())
            .map_err(|e| e.problem(self.base).message)?;
        if listed.files.is_empty() {
            return Err(format!(
                "`{}` holds no `.tf` or `.tf.json` file",
                display_path(&dir, self.base)
            ));
        }
        let mut out = self.out.borrow_mut();
        let mut sources = Vec::with_capacity(listed.files.len());
        for path in &listed.files {
            let id = self.next_id.get();
            self.next_id.set(id + 1);
            let (file, utf8_error) =
                read_file(id, path, self.base, self.overlay, &mut out.problems);
            let kind = discover::FileKind::of_path(path)
                .unwrap_or(discover::FileKind::Hcl { is_override: false });
            out.instance_files.push((id, request.path.clone()));
            sources.push(Loaded {
                file,
                utf8_error,
                role: Role::Config,
                kind,
            });
        }
        let parsed = parse_sources(sources, self.config);
        out.files.extend(parsed.files);
        out.syntax_errors.extend(parsed.syntax_errors);
        out.ignores
            .extend(parsed.ignores.into_iter().map(suppress::FileIgnores::quiet));
        Ok(LoadedModule {
            dir,
            bodies: parsed.bodies,
        })
    }
}

/// Adds the caller chain to findings inside called modules: a label at each module call on
/// the way to every module instance a finding points into, and the instance in the message
/// when it does not name it. A finding that several instances share (the same rule, place
/// and message but for the instance) is reported once, naming them all.
pub(crate) fn caller_chains(
    diagnostics: Vec<Diagnostic>,
    instance_files: &[(FileId, ModulePath)],
    calls: &[Call],
    files: &[SourceFile],
) -> Vec<Diagnostic> {
    if instance_files.is_empty() {
        return diagnostics;
    }
    let instance: HashMap<FileId, &ModulePath> =
        instance_files.iter().map(|(id, p)| (*id, p)).collect();
    let call_at: HashMap<&ModulePath, &Call> = calls
        .iter()
        .filter(|c| c.unavailable.is_none())
        .map(|c| (&c.path, c))
        .collect();
    // Findings by what they say whatever the instance: the first one's index in `out`.
    let mut seen: HashMap<(&'static str, String, u32, u32, String), usize> = HashMap::new();
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut also: Vec<Vec<String>> = Vec::new();
    for mut d in diagnostics {
        // A called module's file serves every call of it: an edit there would change them
        // all, whatever each call passes, so findings inside called modules offer no fix.
        if let Some(fix) = &d.fix {
            if fix
                .edits
                .iter()
                .any(|e| instance.contains_key(&e.span.file))
            {
                d.fix = None;
            }
        }
        let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
        let mut chain: Vec<ModulePath> = Vec::new();
        for span in spans {
            let Some(path) = instance.get(&span.file) else {
                continue;
            };
            for k in 1..=path.0.len() {
                let step = ModulePath(path.0[..k].to_vec());
                if !chain.contains(&step) {
                    chain.push(step);
                }
            }
        }
        if chain.is_empty() {
            out.push(d);
            also.push(Vec::new());
            continue;
        }
        let place = |span: crate::syntax::Span| {
            let shown = files.get(span.file as usize).map(|f| f.display.as_str());
            (shown, span.start, span.end)
        };
        for step in &chain {
            let Some(call) = call_at.get(step) else {
                continue;
            };
            // A module calling itself has every call at one place: labelled once.
            if d.labels.iter().any(|l| place(l.span) == place(call.span)) {
                continue;
            }
            d.labels.push(Label {
                span: call.span,
                message: format!("`{step}` is called here"),
            });
        }
        let Some(path) = instance.get(&d.span.file).map(|p| p.to_string()) else {
            out.push(d);
            also.push(Vec::new());
            continue;
        };
        let display = files
            .get(d.span.file as usize)
            .map(|f| f.display.clone())
            .unwrap_or_default();
        let key = (
            d.code,
            display,
            d.span.start,
            d.span.end,
            d.message.replace(&path, "\u{0}"),
        );
        if let Some(&first) = seen.get(&key) {
            also[first].push(path);
            continue;
        }
        if !d.message.contains(&path) {
            d.message = format!("{} (in `{path}`)", d.message);
        }
        seen.insert(key, out.len());
        out.push(d);
        also.push(Vec::new());
    }
    for (d, others) in out.iter_mut().zip(also) {
        if !others.is_empty() {
            let names: Vec<String> = others.iter().map(|p| format!("`{p}`")).collect();
            d.message = format!("{} (also in {})", d.message, names.join(", "));
        }
    }
    out
}
