//! `.lblint.toml` / `lblint.toml`: found by walking up from each linted path.

use crate::diagnostic::Severity;
use crate::rules;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names looked for in each directory, in this order.
pub const FILE_NAMES: [&str; 2] = [".lblint.toml", "lblint.toml"];

/// Last path segments that make a path a WebSocket path by default.
pub const DEFAULT_WS_SEGMENTS: [&str; 6] = [
    "ws",
    "websocket",
    "websockets",
    "socket.io",
    "sockjs",
    "cable",
];

#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    pub ws_path_patterns: Vec<String>,
    ws_paths: GlobSet,
    pub ws_backends: Vec<String>,
    pub min_timeout_sec: f64,
    /// `[websocket] fix_timeout_sec`: the `timeout_sec` WS001's fix sets (seconds).
    pub fix_timeout_sec: u32,
    pub auth_headers: Vec<String>,
    pub auth_passthrough: Vec<String>,
    pub header_variables: Vec<String>,
    /// Globs matched against host rule hosts: a path matcher serving such a host carries
    /// WebSockets on every route.
    pub ws_host_patterns: Vec<String>,
    ws_hosts: GlobSet,
    /// `[platform] provider_version`: the google provider version assumed when a module's
    /// `required_providers` does not decide it.
    pub provider_version: Option<String>,
    /// Severity overrides: `None` turns a rule off.
    pub severities: HashMap<String, Option<Severity>>,
    /// `[suppressions] require_reason`: an ignore comment without ` -- reason` is reported
    /// and ignored.
    pub require_reason: bool,
    /// Codes of the rules set `ignorable = false` (`[rules.CODE]`): no comment suppresses
    /// their findings.
    pub unignorable: BTreeSet<String>,
}

impl Default for Config {
    fn default() -> Self {
        let patterns = default_ws_patterns();
        let hosts: Vec<String> = DEFAULT_WS_HOSTS.iter().map(|h| h.to_string()).collect();
        Config {
            path: None,
            ws_paths: build_globs(&patterns).expect("built-in patterns are valid"),
            ws_path_patterns: patterns,
            ws_backends: Vec::new(),
            min_timeout_sec: 300.0,
            fix_timeout_sec: DEFAULT_FIX_TIMEOUT_SEC,
            auth_headers: vec!["Authorization".into(), "Sec-WebSocket-Protocol".into()],
            auth_passthrough: Vec::new(),
            header_variables: Vec::new(),
            ws_hosts: build_host_globs(&hosts).expect("built-in host patterns are valid"),
            ws_host_patterns: hosts,
            provider_version: None,
            severities: HashMap::new(),
            require_reason: false,
            unignorable: BTreeSet::new(),
        }
    }
}

/// The `timeout_sec` WS001's fix sets unless `[websocket] fix_timeout_sec` says otherwise.
pub const DEFAULT_FIX_TIMEOUT_SEC: u32 = 3600;

/// Host globs that make a host a WebSocket host by default.
pub const DEFAULT_WS_HOSTS: [&str; 4] = ["ws.*", "wss.*", "websocket.*", "websockets.*"];

fn build_host_globs(patterns: &[String]) -> Result<GlobSet, (usize, String)> {
    let mut b = GlobSetBuilder::new();
    for (i, p) in patterns.iter().enumerate() {
        let glob = GlobBuilder::new(p)
            .case_insensitive(true)
            .build()
            .map_err(|e| (i, e.kind().to_string()))?;
        b.add(glob);
    }
    b.build().map_err(|e| (0, e.to_string()))
}

fn default_ws_patterns() -> Vec<String> {
    let names = DEFAULT_WS_SEGMENTS.join(",");
    vec![format!("**/{{{names}}}"), format!("**/{{{names}}}/[*]")]
}

fn build_globs(patterns: &[String]) -> Result<GlobSet, (usize, String)> {
    let mut b = GlobSetBuilder::new();
    for (i, p) in patterns.iter().enumerate() {
        let glob = GlobBuilder::new(p)
            .case_insensitive(true)
            .literal_separator(true)
            .build()
            .map_err(|e| (i, e.kind().to_string()))?;
        b.add(glob);
    }
    b.build().map_err(|e| (0, e.to_string()))
}

impl Config {
    /// Whether a route path is a WebSocket path. A trailing `/` is ignored, so a route
    /// rule's `prefix_match = "/ws/"` counts like `/ws`.
    pub fn is_ws_path(&self, path: &str) -> bool {
        let trimmed = path.strip_suffix('/').filter(|p| !p.is_empty());
        self.ws_paths.is_match(path) || trimmed.is_some_and(|p| self.ws_paths.is_match(p))
    }

    /// Whether a host rule's host is a WebSocket host (`[websocket] hosts`).
    pub fn is_ws_host(&self, host: &str) -> bool {
        self.ws_hosts.is_match(host)
    }

    /// Whether a backend service is listed in `[websocket] backends`: by its address, or,
    /// for one instance (`type.name["key"]`, `type.name[0]`), by the resource's address.
    pub fn is_ws_backend(&self, address: &str) -> bool {
        let resource = match address.find('[') {
            Some(at) if address.ends_with(']') => &address[..at],
            _ => address,
        };
        self.ws_backends
            .iter()
            .any(|b| b == address || b == resource)
    }

    pub fn is_auth_header(&self, name: &str) -> Option<&str> {
        self.auth_headers
            .iter()
            .find(|h| h.eq_ignore_ascii_case(name))
            .map(String::as_str)
    }

    /// Whether an ignore comment may suppress a finding of the rule `code`.
    pub fn is_ignorable(&self, code: &str) -> bool {
        !crate::suppress::NEVER_IGNORABLE.contains(&code) && !self.unignorable.contains(code)
    }

    pub fn severity_of(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.severities.get(code) {
            Some(s) => *s,
            None => Some(default),
        }
    }

    /// Parses a config file's text.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let err = |span: Range<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            text: text.to_string(),
            span,
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            err(span, e.message().to_string())
        })?;
        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(ws) = raw.websocket {
            let strings = |v: Vec<Spanned<String>>| -> Vec<String> {
                v.into_iter().map(Spanned::into_inner).collect()
            };
            if let Some(paths) = ws.paths {
                let spans: Vec<Range<usize>> = paths.iter().map(|p| p.span()).collect();
                let patterns = strings(paths);
                config.ws_paths = build_globs(&patterns).map_err(|(i, msg)| {
                    err(
                        spans.get(i).cloned().unwrap_or(0..0),
                        format!("invalid glob: {msg}"),
                    )
                })?;
                config.ws_path_patterns = patterns;
            }
            if let Some(b) = ws.backends {
                for item in &b {
                    let a = item.get_ref();
                    if a.split('.').count() != 2 || a.starts_with("data.") {
                        return Err(err(
                            item.span(),
                            format!("`{a}` is not a resource address like \"google_compute_backend_service.chat\""),
                        ));
                    }
                }
                config.ws_backends = strings(b);
            }
            if let Some(t) = ws.min_timeout_sec {
                let span = t.span();
                let n = match t.into_inner() {
                    toml::Value::Integer(i) => i as f64,
                    toml::Value::Float(f) => f,
                    other => {
                        return Err(err(
                            span,
                            format!("expected a number of seconds, found {}", other.type_str()),
                        ))
                    }
                };
                if !(0.0..=2_147_483_647.0).contains(&n) {
                    return Err(err(span, "min_timeout_sec must be 0 or more".to_string()));
                }
                config.min_timeout_sec = n;
            }
            if let Some(t) = ws.fix_timeout_sec {
                let span = t.span();
                match t.into_inner() {
                    toml::Value::Integer(i) if (1..=i64::from(i32::MAX)).contains(&i) => {
                        config.fix_timeout_sec = i as u32;
                    }
                    toml::Value::Integer(_) => {
                        return Err(err(
                            span,
                            "fix_timeout_sec must be between 1 and 2147483647".to_string(),
                        ))
                    }
                    other => {
                        return Err(err(
                            span,
                            format!(
                                "expected a whole number of seconds, found {}",
                                other.type_str()
                            ),
                        ))
                    }
                }
            }
            if let Some(h) = ws.auth_headers {
                config.auth_headers = strings(h);
            }
            if let Some(h) = ws.auth_passthrough {
                config.auth_passthrough = strings(h);
            }
            if let Some(hosts) = ws.hosts {
                let spans: Vec<Range<usize>> = hosts.iter().map(|p| p.span()).collect();
                let patterns = strings(hosts);
                config.ws_hosts = build_host_globs(&patterns).map_err(|(i, msg)| {
                    err(
                        spans.get(i).cloned().unwrap_or(0..0),
                        format!("invalid glob: {msg}"),
                    )
                })?;
                config.ws_host_patterns = patterns;
            }
            if let Some(v) = ws.header_variables {
                config.header_variables = strings(v)
                    .into_iter()
                    .map(|s| s.trim_matches(|c| c == '{' || c == '}').to_string())
                    .collect();
            }
        }
        if let Some(version) = raw.platform.and_then(|p| p.provider_version) {
            let v = version.get_ref();
            let plain = !v.is_empty()
                && v.split('.').count() <= 3
                && v.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !plain {
                return Err(err(
                    version.span(),
                    format!("`{v}` is not a provider version like \"7.10.0\""),
                ));
            }
            config.provider_version = Some(version.into_inner());
        }
        if let Some(require) = raw.suppressions.and_then(|s| s.require_reason) {
            config.require_reason = require;
        }
        for (code, raw_rule) in raw.rules.unwrap_or_default() {
            let code_span = code.span();
            let code = code.into_inner();
            let Some(rule) = rules::find(&code) else {
                let known: Vec<&str> = rules::REGISTRY.iter().map(|r| r.code).collect();
                return Err(err(
                    code_span,
                    format!("unknown rule `{code}`; rules are {}", known.join(", ")),
                ));
            };
            if let Some(sev) = raw_rule.severity {
                let span = sev.span();
                let sev = match sev.get_ref().as_str() {
                    "off" => None,
                    other => Some(
                        other
                            .parse::<Severity>()
                            .map_err(|_| {
                                err(
                                    span,
                                    format!("unknown severity `{other}`; expected \"error\", \"warning\", \"info\" or \"off\""),
                                )
                            })?,
                    ),
                };
                config.severities.insert(rule.code.to_string(), sev);
            }
            if let Some(ignorable) = raw_rule.ignorable {
                let never = crate::suppress::NEVER_IGNORABLE.contains(&rule.code);
                if *ignorable.get_ref() && never {
                    return Err(err(
                        ignorable.span(),
                        format!(
                            "{} findings can never be suppressed by a comment",
                            rule.code
                        ),
                    ));
                }
                if !*ignorable.get_ref() {
                    config.unignorable.insert(rule.code.to_string());
                }
            }
        }
        Ok(config)
    }

    /// Loads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            text: String::new(),
            span: 0..0,
            message: format!("cannot read the config file: {e}"),
        })?;
        Config::parse(path, &text)
    }
}

/// Finds config files by walking up from directories, remembering what each directory
/// resolved to: modules of one tree share their ancestors, so each is looked at once.
#[derive(Debug, Default)]
pub struct Finder {
    cache: HashMap<PathBuf, Option<PathBuf>>,
}

impl Finder {
    /// The config file that applies to `dir` (an absolute path): the first of
    /// [`FILE_NAMES`] found in it or its nearest ancestor.
    pub fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.cache.get(dir) {
            return hit.clone();
        }
        let here = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file());
        let found = match here {
            Some(p) => Some(p),
            None => dir.parent().and_then(|parent| self.find(parent)),
        };
        self.cache.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// An invalid config file, with the span of the offending text.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    websocket: Option<RawWebsocket>,
    platform: Option<RawPlatform>,
    rules: Option<BTreeMap<Spanned<String>, RawRule>>,
    suppressions: Option<RawSuppressions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppressions {
    require_reason: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWebsocket {
    paths: Option<Vec<Spanned<String>>>,
    backends: Option<Vec<Spanned<String>>>,
    min_timeout_sec: Option<Spanned<toml::Value>>,
    fix_timeout_sec: Option<Spanned<toml::Value>>,
    auth_headers: Option<Vec<Spanned<String>>>,
    auth_passthrough: Option<Vec<Spanned<String>>>,
    header_variables: Option<Vec<Spanned<String>>>,
    hosts: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatform {
    provider_version: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    severity: Option<Spanned<String>>,
    ignorable: Option<Spanned<bool>>,
}
