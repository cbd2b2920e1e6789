//! How long a WebSocket on a route may live: one decision that WS001 and WS002 share.

use super::*;

/// Cloud Run's request timeout when `timeout` / `timeout_seconds` is not set (seconds).
pub const CLOUD_RUN_DEFAULT_TIMEOUT_SEC: f64 = 300.0;
/// The longest request timeout Cloud Run allows (seconds).
pub const CLOUD_RUN_MAX_TIMEOUT_SEC: f64 = 3600.0;

/// What limits a WebSocket's lifetime on a route.
#[derive(Debug, Clone)]
pub enum Lifetime<'a> {
    /// The route's `route_action.timeout` (not on a classic load balancer, which ignores it).
    RouteTimeout(&'a Timeout),
    /// Each backend's own limit.
    Backends(Vec<BackendLifetime<'a>>),
    /// Something that decides it is unknown (a `dynamic` timeout or weighted backends): why.
    Unknown(&'a Unknown),
}

/// One backend service of a route and what limits a WebSocket through it.
#[derive(Debug, Clone)]
pub struct BackendLifetime<'a> {
    pub backend: RouteBackend<'a>,
    pub service: &'a BackendService,
    pub limit: Limit<'a>,
}

#[derive(Debug, Clone)]
pub enum Limit<'a> {
    /// The backend service's `timeout_sec` (its value may still be unknown).
    TimeoutSec(&'a Setting<f64>),
    /// No `timeout_sec` on a backend service that is known not to be serverless: GCP's 30 s.
    Default30,
    /// Serverless NEGs to Cloud Run services of this module: their request timeouts.
    CloudRun(Vec<&'a CloudRunService>),
    /// Cannot be told (a backend group or a serverless target lblint cannot see): why, when
    /// an unknown value decides it.
    Unknown(Option<&'a Unknown>),
}

impl<'a> Route<'a> {
    /// What limits a WebSocket's lifetime on this route.
    pub fn ws_lifetime(&self, model: &'a Model) -> Lifetime<'a> {
        // A classic load balancer supports no route timeout: the backends decide.
        let classic = self.url_map.scheme.as_ref().is_some_and(Scheme::is_classic);
        if let Some(ra) = self.route_action() {
            if !classic {
                if let Some(t) = &ra.timeout {
                    return Lifetime::RouteTimeout(t);
                }
                if let Some(u) = &ra.timeout_unknown {
                    return Lifetime::Unknown(u);
                }
            }
        }
        if let Some(u) = self.weighted_unknown() {
            return Lifetime::Unknown(u);
        }
        let backends = self
            .backends()
            .into_iter()
            .filter_map(|backend| {
                let service = model.backend(&backend.service.target)?;
                Some(BackendLifetime {
                    backend,
                    service,
                    limit: limit_of(service, model),
                })
            })
            .collect();
        Lifetime::Backends(backends)
    }
}

fn limit_of<'a>(bs: &'a BackendService, model: &'a Model) -> Limit<'a> {
    match bs.serverless {
        // Serverless NEGs refuse `timeout_sec` (LB005): the platform's timeout governs.
        Some(true) => match model.cloud_run_of(bs) {
            Some(services) if !services.is_empty() => Limit::CloudRun(services),
            _ => Limit::Unknown(None),
        },
        Some(false) => match &bs.timeout_sec {
            Some(t) => Limit::TimeoutSec(t),
            None => Limit::Default30,
        },
        None => match &bs.timeout_sec {
            // Whatever the backends are, a timeout that is set applies or is refused (LB005).
            Some(t) => Limit::TimeoutSec(t),
            None => Limit::Unknown(bs.backends.iter().find_map(|b| match &b.kind {
                BackendKind::Unknown(u) => Some(u),
                _ => None,
            })),
        },
    }
}
