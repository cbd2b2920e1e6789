//! `lblint config [PATH]`: which config file applies to each module under a path, and the
//! settings it gives.

use super::settings::Settings;
use crate::config::{Config, ConfigError, Finder};
use crate::discover::{self, DiscoverError};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// One module and its config.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleConfig {
    /// The module's directory as shown.
    pub module: String,
    /// The config file as shown; `None` for the built-in defaults.
    pub config: Option<String>,
    pub settings: Settings,
}

/// What `lblint config` found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub modules: Vec<ModuleConfig>,
    /// Directories that could not be walked: the report is incomplete.
    pub problems: Vec<String>,
}

/// Why there is no report.
#[derive(Debug)]
pub enum ReportError {
    Discover(DiscoverError),
    Config(Box<ConfigError>),
}

fn shown(path: &Path, base: &Path) -> String {
    let s = crate::display_path(path, base);
    if s.is_empty() {
        ".".to_string()
    } else {
        s
    }
}

/// The modules under `path` (or `path` itself when it holds none) with the config that
/// applies to each: `explicit` when given, else the nearest `.lblint.toml` or
/// `lblint.toml` at or above the module. Paths are shown relative to `base`.
pub fn report(path: &Path, explicit: Option<&Path>, base: &Path) -> Result<Report, ReportError> {
    // One path: nothing to report when it does not exist (`check` goes on with other paths).
    if !path.exists() {
        return Err(ReportError::Discover(DiscoverError::NotFound(
            path.to_path_buf(),
        )));
    }
    let exclude = discover::build_excludes(&[]).map_err(ReportError::Discover)?;
    let (modules, problems) =
        discover::discover(&[path.to_path_buf()], &exclude).map_err(ReportError::Discover)?;
    let mut dirs: Vec<PathBuf> = modules.into_iter().map(|m| m.dir).collect();
    if dirs.is_empty() {
        dirs.push(if path.is_dir() {
            path.to_path_buf()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        });
    }
    let mut finder = Finder::default();
    let mut loaded: HashMap<Option<PathBuf>, Config> = HashMap::new();
    let mut out = Vec::new();
    for dir in dirs {
        let file = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => finder.find(&discover::absolute(&dir, base)),
        };
        if !loaded.contains_key(&file) {
            let config = match &file {
                Some(p) => Config::load(p).map_err(|e| ReportError::Config(Box::new(e)))?,
                None => Config::default(),
            };
            loaded.insert(file.clone(), config);
        }
        out.push(ModuleConfig {
            module: shown(&dir, base),
            config: file.as_deref().map(|p| shown(p, base)),
            settings: Settings::of(&loaded[&file]),
        });
    }
    Ok(Report {
        version: 1,
        modules: out,
        problems: problems.iter().map(|p| p.to_string()).collect(),
    })
}

impl Report {
    /// The modules with their config, aligned, then the settings of each config used, as
    /// a config file would write them.
    pub fn to_text(&self) -> String {
        let name = |c: &Option<String>| c.clone().unwrap_or_else(|| "built-in defaults".into());
        let width = self
            .modules
            .iter()
            .map(|m| m.module.chars().count())
            .max()
            .unwrap_or(0);
        let mut s = String::new();
        for m in &self.modules {
            let _ = writeln!(s, "{:<width$}  {}", m.module, name(&m.config));
        }
        let mut seen: Vec<&Option<String>> = Vec::new();
        for m in &self.modules {
            if seen.contains(&&m.config) {
                continue;
            }
            seen.push(&m.config);
            let count = self.modules.iter().filter(|o| o.config == m.config).count();
            let _ = writeln!(
                s,
                "\n# Settings from {}, for {count} module{}:",
                name(&m.config),
                if count == 1 { "" } else { "s" }
            );
            s.push_str(&m.settings.to_toml());
        }
        s
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plain data serializes");
        s.push('\n');
        s
    }
}
