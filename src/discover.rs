//! Finds the `.tf` and `.tf.json` files to lint and groups them into modules (one directory = one module).

use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Directories never walked into, besides hidden ones.
const SKIP_DIRS: [&str; 2] = [".terraform", ".git"];

/// What a Terraform file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Configuration in HCL's native syntax (`.tf`).
    Hcl { is_override: bool },
    /// Configuration in Terraform's JSON syntax (`.tf.json`).
    Json { is_override: bool },
    /// Variable definitions in HCL (`.tfvars`).
    Tfvars,
    /// Variable definitions in JSON (`.tfvars.json`).
    TfvarsJson,
}

impl FileKind {
    /// The kind of a file name, `None` for a file Terraform does not read.
    pub fn of(name: &str) -> Option<FileKind> {
        let override_stem = |stem: &str| stem == "override" || stem.ends_with("_override");
        if let Some(stem) = name.strip_suffix(".tf.json") {
            Some(FileKind::Json {
                is_override: override_stem(stem),
            })
        } else if let Some(stem) = name.strip_suffix(".tf") {
            Some(FileKind::Hcl {
                is_override: override_stem(stem),
            })
        } else if name.ends_with(".tfvars.json") {
            Some(FileKind::TfvarsJson)
        } else if name.ends_with(".tfvars") {
            Some(FileKind::Tfvars)
        } else {
            None
        }
    }

    /// The kind of a path, from its file name.
    pub fn of_path(path: &Path) -> Option<FileKind> {
        FileKind::of(&path.file_name()?.to_string_lossy())
    }

    /// A configuration file (`.tf` or `.tf.json`).
    pub fn is_config(self) -> bool {
        matches!(self, FileKind::Hcl { .. } | FileKind::Json { .. })
    }

    /// An override file, merged after the others (`override.tf`, `*_override.tf.json`, …).
    pub fn is_override(self) -> bool {
        matches!(
            self,
            FileKind::Hcl { is_override: true } | FileKind::Json { is_override: true }
        )
    }

    /// A file in JSON syntax.
    pub fn is_json(self) -> bool {
        matches!(self, FileKind::Json { .. } | FileKind::TfvarsJson)
    }
}

/// One Terraform module: a directory and its configuration and auto-loaded tfvars files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    pub dir: PathBuf,
    /// `.tf` and `.tf.json` files: the others sorted by name, then the override files sorted
    /// by name (the order Terraform merges them in).
    pub files: Vec<PathBuf>,
    /// `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and
    /// `*.auto.tfvars.json` by name: the order Terraform loads them in.
    pub tfvars: Vec<PathBuf>,
}

#[derive(Debug)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NotTerraform(PathBuf),
    BadExclude(String, String),
    Walk(PathBuf, String),
}

/// Why a file argument is refused: the kinds accepted are those a pre-commit hook passes.
const NOT_TERRAFORM: &str = "not a Terraform file (expected a directory, or a .tf, .tf.json, .tfvars, .tfvars.json or .lblint.toml file)";

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscoverError::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            DiscoverError::NotTerraform(p) => write!(f, "{}: {NOT_TERRAFORM}", p.display()),
            DiscoverError::BadExclude(g, e) => write!(f, "invalid --exclude glob `{g}`: {e}"),
            DiscoverError::Walk(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl DiscoverError {
    /// The error as a run problem, its path shown relative to `base` when under it.
    pub fn problem(&self, base: &Path) -> crate::diagnostic::Problem {
        use crate::diagnostic::Problem;
        let shown = |p: &Path| Some(crate::display_path(p, base));
        match self {
            DiscoverError::NotFound(p) => Problem::new(shown(p), "no such file or directory"),
            DiscoverError::NotTerraform(p) => Problem::new(shown(p), NOT_TERRAFORM),
            DiscoverError::BadExclude(..) => Problem::new(None, self.to_string()),
            DiscoverError::Walk(p, e) => Problem::new(shown(p), e.clone()),
        }
    }
}

/// `path` made absolute against `base`, with `.` and `..` resolved lexically (no system
/// call, unlike `canonicalize`).
pub fn absolute(path: &Path, base: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.') && name != "." && name != ".."
}

pub fn build_excludes(globs: &[String]) -> Result<GlobSet, DiscoverError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(
            Glob::new(g).map_err(|e| DiscoverError::BadExclude(g.clone(), e.kind().to_string()))?,
        );
    }
    b.build()
        .map_err(|e| DiscoverError::BadExclude(globs.join(", "), e.to_string()))
}

/// What a file named on the command line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileArgument {
    /// A Terraform file (`.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`): its whole module.
    Module,
    /// A config file (`.lblint.toml`, `lblint.toml`): every module it may configure, that is
    /// its directory walked recursively.
    Config,
}

/// What a file argument stands for, `None` for a file lblint has nothing to do with. Every
/// kind a pre-commit hook may pass (see `.pre-commit-hooks.yaml`) is accepted.
fn file_argument(path: &Path) -> Option<FileArgument> {
    let name = path.file_name()?.to_string_lossy();
    if crate::config::FILE_NAMES.contains(&name.as_ref()) {
        return Some(FileArgument::Config);
    }
    FileKind::of(&name).map(|_| FileArgument::Module)
}

/// Walks the given paths. A directory is walked recursively; a Terraform file argument
/// stands for its whole module, a config file argument for its directory. Errors that concern
/// one path (a missing path, a file that is not Terraform, an unreadable directory) are
/// returned beside the modules so that nothing else is lost; none of them fails the walk.
pub fn discover(
    paths: &[PathBuf],
    exclude: &GlobSet,
) -> Result<(Vec<ModuleFiles>, Vec<DiscoverError>), DiscoverError> {
    let mut dirs: BTreeMap<PathBuf, ()> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in paths {
        // A path that is missing or not Terraform is a problem of its own: the other paths
        // are still linted.
        let Ok(meta) = std::fs::metadata(path) else {
            problems.push(DiscoverError::NotFound(path.clone()));
            continue;
        };
        let mut walk_root = path.clone();
        if meta.is_file() {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            match file_argument(path) {
                Some(FileArgument::Module) => {
                    dirs.insert(dir, ());
                    continue;
                }
                Some(FileArgument::Config) => walk_root = dir,
                None => {
                    problems.push(DiscoverError::NotTerraform(path.clone()));
                    continue;
                }
            }
        }
        let walker = WalkDir::new(&walk_root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() == 0 || !e.file_type().is_dir() {
                    return true;
                }
                let name = e.file_name().to_string_lossy();
                !is_hidden(&name) && !SKIP_DIRS.contains(&name.as_ref())
            });
        for entry in walker {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_file()
                        || (e.file_type().is_symlink() && e.path().is_file());
                    let config = FileKind::of(&e.file_name().to_string_lossy())
                        .is_some_and(FileKind::is_config);
                    if is_file && config {
                        if let Some(parent) = e.path().parent() {
                            dirs.insert(parent.to_path_buf(), ());
                        }
                    }
                }
                Err(err) => {
                    let p = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| walk_root.clone());
                    problems.push(DiscoverError::Walk(p, err.to_string()));
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    let cwd = std::env::current_dir().unwrap_or_default();
    let dirs: Vec<PathBuf> = dirs
        .into_keys()
        .filter(|dir| seen.insert(absolute(dir, &cwd)))
        .collect();
    // Listing each module's directory is independent work: done in parallel, kept in order.
    let listed: Vec<Result<ModuleFiles, DiscoverError>> = dirs
        .par_iter()
        .map(|dir| module_files(dir, exclude))
        .collect();
    let mut modules = Vec::new();
    for m in listed {
        match m {
            Ok(m) if !m.files.is_empty() => modules.push(m),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
    Ok((modules, problems))
}

/// The `.tf`, `.tf.json` and tfvars files directly in one directory.
pub fn module_files(dir: &Path, exclude: &GlobSet) -> Result<ModuleFiles, DiscoverError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| DiscoverError::Walk(dir.to_path_buf(), e.to_string()))?;
    let mut files = Vec::new();
    let mut overrides = Vec::new();
    let mut auto = Vec::new();
    let mut tfvars = Vec::new();
    let mut tfvars_json = None;
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path.strip_prefix(".").unwrap_or(&path);
        // The entry's type needs no extra system call; a symlink is followed like Terraform
        // does, and a directory named `x.tf` is skipped.
        let is_file = match entry.file_type() {
            Ok(t) if t.is_symlink() => path.is_file(),
            Ok(t) => t.is_file(),
            Err(_) => false,
        };
        if !is_file || exclude.is_match(relative) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_string();
        // Terraform ignores editor leftovers and hidden files.
        if name.starts_with('.') || name.starts_with('#') || name.ends_with('~') {
            continue;
        }
        let kind = FileKind::of(&name);
        if kind.is_some_and(FileKind::is_override) {
            overrides.push(path);
        } else if kind.is_some_and(FileKind::is_config) {
            files.push(path);
        } else if name == "terraform.tfvars" {
            tfvars.push(path);
        } else if name == "terraform.tfvars.json" {
            tfvars_json = Some(path);
        } else if name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json") {
            auto.push(path);
        }
    }
    files.sort();
    overrides.sort();
    files.extend(overrides);
    auto.sort();
    tfvars.extend(tfvars_json);
    tfvars.extend(auto);
    Ok(ModuleFiles {
        dir: dir.to_path_buf(),
        files,
        tfvars,
    })
}
