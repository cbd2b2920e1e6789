//! Load-balancing schemes: what a url map, backend service or forwarding rule is, and how
//! lblint decided it (its own attribute, the forwarding rule in front of it, or the google
//! provider's default for the version the module requires).

use super::*;
use crate::eval::ProviderRequirement;

/// A `load_balancing_scheme` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// The classic Application Load Balancer (or, on a region backend service, a passthrough
    /// external Network Load Balancer).
    External,
    /// The global (or regional) external Application Load Balancer.
    ExternalManaged,
    InternalManaged,
    InternalSelfManaged,
    /// A region backend service's default: an internal passthrough Network Load Balancer.
    Internal,
    Other(String),
}

impl SchemeKind {
    pub fn parse(s: &str) -> SchemeKind {
        match s.trim().to_ascii_uppercase().as_str() {
            "EXTERNAL" => SchemeKind::External,
            "EXTERNAL_MANAGED" => SchemeKind::ExternalManaged,
            "INTERNAL_MANAGED" => SchemeKind::InternalManaged,
            "INTERNAL_SELF_MANAGED" => SchemeKind::InternalSelfManaged,
            "INTERNAL" => SchemeKind::Internal,
            _ => SchemeKind::Other(s.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            SchemeKind::External => "EXTERNAL",
            SchemeKind::ExternalManaged => "EXTERNAL_MANAGED",
            SchemeKind::InternalManaged => "INTERNAL_MANAGED",
            SchemeKind::InternalSelfManaged => "INTERNAL_SELF_MANAGED",
            SchemeKind::Internal => "INTERNAL",
            SchemeKind::Other(s) => s,
        }
    }
}

/// How a scheme was decided.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeSource {
    /// The resource's own `load_balancing_scheme`, at this span.
    Attribute(Span),
    /// The `load_balancing_scheme` of the forwarding rule in front of it.
    ForwardingRule { address: String, span: Span },
    /// The explicit scheme of the backend services a url map routes to.
    BackendService { address: String, span: Span },
    /// The google provider's default for the versions the module allows (or the config names).
    ProviderDefault(ProviderDefault),
    /// The provider's default for this resource type, the same in every version
    /// (`google_compute_region_backend_service`: INTERNAL).
    ResourceDefault,
}

/// The google provider version lblint assumes, and where that came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderDefault {
    /// True when every allowed version is before 8.0, where global backend services and
    /// forwarding rules default to EXTERNAL (classic); false when all are 8.0 or later.
    pub classic: bool,
    /// The constraint or version, as written.
    pub version: String,
    /// The `version` expression in `required_providers`; `None` when it came from the config.
    pub span: Option<Span>,
}

/// A scheme with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    pub kind: SchemeKind,
    pub source: SchemeSource,
}

impl Scheme {
    /// A classic Application Load Balancer.
    pub fn is_classic(&self) -> bool {
        self.kind == SchemeKind::External
    }

    /// True when the scheme is the provider's version-dependent default rather than written
    /// in the configuration.
    pub fn from_provider_default(&self) -> bool {
        matches!(self.source, SchemeSource::ProviderDefault(_))
    }

    /// Says how the scheme was decided, e.g. "`load_balancing_scheme` is not set, and the
    /// google provider `~> 6.0` the module requires defaults it to EXTERNAL".
    pub fn describe(&self) -> String {
        let k = self.kind.as_str();
        match &self.source {
            SchemeSource::Attribute(_) => format!("`load_balancing_scheme = \"{k}\"`"),
            SchemeSource::ForwardingRule { address, .. } => {
                format!("the scheme `{k}` of forwarding rule `{address}`")
            }
            SchemeSource::BackendService { address, .. } => {
                format!("the scheme `{k}` of backend service `{address}`")
            }
            SchemeSource::ProviderDefault(p) => match p.span {
                Some(_) => format!(
                    "no `load_balancing_scheme`, so the default `{k}` of the google provider `{}` the module requires",
                    p.version
                ),
                None => format!(
                    "no `load_balancing_scheme`, so the default `{k}` of google provider {} (`[platform] provider_version`)",
                    p.version
                ),
            },
            SchemeSource::ResourceDefault => {
                format!("no `load_balancing_scheme`, so the resource's default `{k}`")
            }
        }
    }

    /// The span to label with [`Scheme::describe`], when there is one.
    pub fn span(&self) -> Option<Span> {
        match &self.source {
            SchemeSource::Attribute(s) => Some(*s),
            SchemeSource::ForwardingRule { span, .. }
            | SchemeSource::BackendService { span, .. } => Some(*span),
            SchemeSource::ProviderDefault(p) => p.span,
            SchemeSource::ResourceDefault => None,
        }
    }
}

/// A version as (major, minor, patch).
type Version = (u64, u64, u64);

/// Parses `6`, `6.1`, `6.1.2` (a leading `v` is allowed; pre-release suffixes are dropped).
fn parse_version(s: &str) -> Option<(Version, usize)> {
    let s = s.trim().trim_start_matches('v');
    let core = s.split(['-', '+']).next()?;
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let mut v = [0u64; 3];
    for (i, p) in parts.iter().enumerate() {
        v[i] = p.parse().ok()?;
    }
    Some(((v[0], v[1], v[2]), parts.len()))
}

/// The half-open range `[lo, hi)` of versions a constraint allows (`hi = None`: no bound), or
/// `None` when the constraint cannot be read.
fn constraint_range(constraint: &str) -> Option<(Version, Option<Version>)> {
    let mut lo: Version = (0, 0, 0);
    let mut hi: Option<Version> = None;
    let lower = |v: Version, lo: &mut Version| {
        if v > *lo {
            *lo = v
        }
    };
    let upper = |v: Version, hi: &mut Option<Version>| {
        if hi.is_none_or(|h| v < h) {
            *hi = Some(v)
        }
    };
    let next = |(a, b, c): Version| (a, b, c + 1);
    for clause in constraint.split(',') {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (op, rest) = ["~>", ">=", "<=", "!=", ">", "<", "="]
            .iter()
            .find_map(|op| clause.strip_prefix(op).map(|r| (*op, r)))
            .unwrap_or(("=", clause));
        let (v, segments) = parse_version(rest)?;
        match op {
            ">=" => lower(v, &mut lo),
            ">" => lower(next(v), &mut lo),
            "<" => upper(v, &mut hi),
            "<=" => upper(next(v), &mut hi),
            "=" => {
                lower(v, &mut lo);
                upper(next(v), &mut hi);
            }
            "!=" => {}
            // `~> 6.1` allows 6.x from 6.1; `~> 6.1.2` allows 6.1.x from 6.1.2; `~> 6`
            // is read as no upper bound (lblint does not guess).
            "~>" => {
                lower(v, &mut lo);
                match segments {
                    2 => upper((v.0 + 1, 0, 0), &mut hi),
                    3 => upper((v.0, v.1 + 1, 0), &mut hi),
                    _ => {}
                }
            }
            _ => return None,
        }
    }
    Some((lo, hi))
}

/// The first version whose global backend services and forwarding rules default to
/// EXTERNAL_MANAGED (TPG 8.0 upgrade guide).
const MANAGED_DEFAULT_FROM: Version = (8, 0, 0);

/// Whether a version constraint allows only versions before 8.0 (`Some(true)`), only 8.0 or
/// later (`Some(false)`), or both or none (`None`).
pub fn classic_by_default(constraint: &str) -> Option<bool> {
    let (lo, hi) = constraint_range(constraint)?;
    if hi.is_some_and(|h| h <= lo) {
        return None; // allows nothing
    }
    if hi.is_some_and(|h| h <= MANAGED_DEFAULT_FROM) {
        Some(true)
    } else if lo >= MANAGED_DEFAULT_FROM {
        Some(false)
    } else {
        None
    }
}

/// The provider default from the module's `required_providers` (the `google` entry), else
/// from the config's `[platform] provider_version`.
pub(super) fn provider_default(
    providers: &[ProviderRequirement],
    config_version: Option<&str>,
) -> Option<ProviderDefault> {
    let google = providers.iter().find(|p| {
        p.name == "google"
            && p.source.as_deref().is_none_or(|s| {
                s.eq_ignore_ascii_case("hashicorp/google") || s.ends_with("/hashicorp/google")
            })
    });
    if let Some((version, span)) = google.and_then(|g| g.version.as_ref()) {
        if let Some(classic) = classic_by_default(version) {
            return Some(ProviderDefault {
                classic,
                version: version.clone(),
                span: Some(*span),
            });
        }
    }
    let version = config_version?;
    Some(ProviderDefault {
        classic: classic_by_default(version)?,
        version: version.to_string(),
        span: None,
    })
}

fn explicit(setting: &Option<Setting<String>>) -> Option<Option<Scheme>> {
    let s = setting.as_ref()?;
    Some(s.known().map(|v| Scheme {
        kind: SchemeKind::parse(v),
        source: SchemeSource::Attribute(s.span),
    }))
}

fn default_scheme(p: &Option<ProviderDefault>) -> Option<Scheme> {
    p.as_ref().map(|p| Scheme {
        kind: if p.classic {
            SchemeKind::External
        } else {
            SchemeKind::ExternalManaged
        },
        source: SchemeSource::ProviderDefault(p.clone()),
    })
}

/// Decides the scheme of every forwarding rule, url map and backend service.
pub(super) fn infer(model: &mut Model) {
    let default = model.provider_default.clone();
    // Forwarding rules: their own attribute, else (global ones) the provider default.
    for fr in &mut model.forwarding_rules {
        fr.scheme = match explicit(&fr.load_balancing_scheme) {
            Some(s) => s,
            None if !fr.regional => default_scheme(&default),
            None => None,
        };
    }
    // Url maps: the forwarding rule in front (its own attribute before a default).
    let mut from_rule: Vec<Option<Scheme>> = vec![None; model.url_maps.len()];
    // Url maps behind a forwarding rule whose `load_balancing_scheme` is set but unknown: the
    // provider default does not apply to them (nor to their backend services).
    let mut undecided = vec![false; model.url_maps.len()];
    for fr in &model.forwarding_rules {
        let Some(um) = fr.proxy.and_then(|p| model.target_proxies[p].url_map) else {
            continue;
        };
        if fr.scheme.is_none() && fr.load_balancing_scheme.is_some() {
            undecided[um] = true;
        }
        let Some(scheme) = &fr.scheme else { continue };
        let scheme = match &scheme.source {
            SchemeSource::Attribute(span) => Scheme {
                kind: scheme.kind.clone(),
                source: SchemeSource::ForwardingRule {
                    address: fr.address.clone(),
                    span: *span,
                },
            },
            _ => scheme.clone(),
        };
        let slot = &mut from_rule[um];
        if slot
            .as_ref()
            .is_none_or(|s| s.from_provider_default() && !scheme.from_provider_default())
        {
            *slot = Some(scheme);
        }
    }
    for (i, um) in model.url_maps.iter_mut().enumerate() {
        um.scheme = from_rule[i].take();
    }
    // A url map no forwarding rule decides: the explicit scheme its backend services agree on.
    for i in 0..model.url_maps.len() {
        let um = &model.url_maps[i];
        if um
            .scheme
            .as_ref()
            .is_some_and(|s| !s.from_provider_default())
        {
            continue;
        }
        let mut agreed: Option<Scheme> = None;
        let mut conflict = false;
        for bs in um.backend_services() {
            let bs = &model.backend_services[bs];
            let Some(Some(s)) = explicit(&bs.load_balancing_scheme) else {
                continue;
            };
            let span = s.span().unwrap_or(bs.span);
            match &agreed {
                Some(a) if a.kind != s.kind => conflict = true,
                Some(_) => {}
                None => {
                    agreed = Some(Scheme {
                        kind: s.kind,
                        source: SchemeSource::BackendService {
                            address: bs.address.clone(),
                            span,
                        },
                    })
                }
            }
        }
        let um = &mut model.url_maps[i];
        if let (Some(a), false) = (agreed, conflict) {
            um.scheme = Some(a);
        } else if um.scheme.is_none() && !um.regional {
            um.scheme = default_scheme(&default);
        }
    }
    for (um, undecided) in model.url_maps.iter_mut().zip(&undecided) {
        if *undecided {
            um.scheme = um.scheme.take().filter(|s| !s.from_provider_default());
        }
    }
    // Backend services: their own attribute; else the explicit scheme of a forwarding rule in
    // front of a url map that routes to them; else the default.
    let mut via_rule: Vec<Option<Scheme>> = vec![None; model.backend_services.len()];
    let mut bs_undecided = vec![false; model.backend_services.len()];
    for (i, um) in model.url_maps.iter().enumerate() {
        if undecided[i] {
            for bs in um.backend_services() {
                bs_undecided[bs] = true;
            }
        }
    }
    for um in &model.url_maps {
        let Some(s) = &um.scheme else { continue };
        if !matches!(s.source, SchemeSource::ForwardingRule { .. }) {
            continue;
        }
        for bs in um.backend_services() {
            via_rule[bs].get_or_insert_with(|| s.clone());
        }
    }
    for (i, bs) in model.backend_services.iter_mut().enumerate() {
        bs.own_scheme = match explicit(&bs.load_balancing_scheme) {
            Some(s) => s,
            None if bs.regional => Some(Scheme {
                kind: SchemeKind::Internal,
                source: SchemeSource::ResourceDefault,
            }),
            None => default_scheme(&default),
        };
        bs.scheme = match (&bs.load_balancing_scheme, bs.regional) {
            (Some(_), _) | (None, true) => bs.own_scheme.clone(),
            (None, false) => via_rule[i].take().or_else(|| {
                (!bs_undecided[i])
                    .then(|| default_scheme(&default))
                    .flatten()
            }),
        };
    }
}

/// Why each url map's and backend service's load-balancing scheme is not known, where an
/// unknown value is the reason (see [`Model::scheme_unknowns`]), by index.
#[derive(Debug, Default)]
pub struct SchemeUnknowns<'a> {
    pub url_maps: Vec<Option<&'a Unknown>>,
    pub backend_services: Vec<Option<&'a Unknown>>,
}

impl Model {
    /// Why each scheme is not known, when an unknown value is the reason, in one pass over
    /// the model. A url map: the unknown `load_balancing_scheme` of the first forwarding rule
    /// in front of it, else of the first backend service it routes to. A backend service: its
    /// own unknown `load_balancing_scheme`, else the reason of the first url map routing to it.
    /// `None` where the scheme is known, or not known for another reason (no google provider
    /// version lblint can read).
    pub fn scheme_unknowns(&self) -> SchemeUnknowns<'_> {
        fn unknown(s: &Option<Setting<String>>) -> Option<&Unknown> {
            s.as_ref().and_then(|s| s.value.as_ref().err())
        }
        let mut url_maps: Vec<Option<&Unknown>> = vec![None; self.url_maps.len()];
        for fr in &self.forwarding_rules {
            let Some(u) = fr.proxy.and_then(|p| self.target_proxies[p].url_map) else {
                continue;
            };
            if url_maps[u].is_none() && self.url_maps[u].scheme.is_none() {
                url_maps[u] = unknown(&fr.load_balancing_scheme);
            }
        }
        let routed: Vec<Vec<usize>> = self
            .url_maps
            .iter()
            .map(|um| um.backend_services())
            .collect();
        for (u, um) in self.url_maps.iter().enumerate() {
            if url_maps[u].is_none() && um.scheme.is_none() {
                url_maps[u] = routed[u]
                    .iter()
                    .find_map(|&b| unknown(&self.backend_services[b].load_balancing_scheme));
            }
        }
        let mut backend_services: Vec<Option<&Unknown>> = self
            .backend_services
            .iter()
            .map(|bs| match (&bs.scheme, &bs.load_balancing_scheme) {
                (Some(_), _) => None,
                (None, Some(s)) => s.value.as_ref().err(),
                (None, None) => None,
            })
            .collect();
        let mut decided: Vec<bool> = self
            .backend_services
            .iter()
            .map(|bs| bs.scheme.is_some() || bs.load_balancing_scheme.is_some())
            .collect();
        for (u, reason) in url_maps.iter().enumerate() {
            let Some(reason) = reason else { continue };
            for &b in &routed[u] {
                if !decided[b] {
                    decided[b] = true;
                    backend_services[b] = Some(reason);
                }
            }
        }
        SchemeUnknowns {
            url_maps,
            backend_services,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::classic_by_default;

    #[test]
    fn version_constraints_decide_the_default_scheme() {
        for (c, want) in [
            ("~> 6.0", Some(true)),
            ("~> 7.12", Some(true)),
            ("~> 7.12.1", Some(true)),
            (">= 5.0, < 7.0", Some(true)),
            ("6.45.0", Some(true)),
            ("= 7.0.0", Some(true)),
            ("<= 7.45.0", Some(true)),
            ("< 8.0.0", Some(true)),
            ("~> 8.0", Some(false)),
            (">= 8.1", Some(false)),
            ("8.2.0", Some(false)),
            (">= 4.50.0", None),
            (">= 6.0, < 9", None),
            ("~> 6", None),
            ("< 8.0.1", None),
            ("> 7.0, < 7.0", None),
            ("latest", None),
            ("", None),
        ] {
            assert_eq!(classic_by_default(c), want, "{c:?}");
        }
    }
}
