//! WS006 ws-cloud-run-config: a Cloud Run service behind a WebSocket route without session
//! affinity, or with end-to-end HTTP/2.

use super::{merge_by_span, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::CloudRunService;

pub static RULE: Rule = Rule {
    code: "WS006",
    name: "ws-cloud-run-config",
    severity: Severity::Warning,
    summary: "a Cloud Run service behind a WebSocket route lacks session affinity or uses end-to-end HTTP/2",
    doc: include_str!("../../rules/WS006.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for ws in &ctx.ws_routes {
        let route = &ws.route;
        let label = format!("WebSocket {}", route.describe());
        for backend in route.backends() {
            let Some(bs) = ctx.model.backend(&backend.service.target) else {
                continue;
            };
            if bs.serverless != Some(true) {
                continue;
            }
            let Some(services) = ctx.model.cloud_run_of(bs) else {
                continue;
            };
            for svc in services {
                if let Some(s) = &svc.session_affinity {
                    if let Err(u) = &s.value {
                        ctx.undecidable(
                            &RULE,
                            s.span,
                            &format!(
                                "the session affinity of Cloud Run service `{}`",
                                svc.address
                            ),
                            Some(u),
                            out,
                        );
                    }
                }
                if let Some(d) = affinity(svc) {
                    found.push(d.label(route.label_span(), label.clone()));
                }
                if let Some(d) = h2c(svc) {
                    found.push(d.label(route.label_span(), label.clone()));
                }
            }
        }
    }
    merge_by_span(found, out);
}

/// No session affinity, or affinity known to be off.
fn affinity(svc: &CloudRunService) -> Option<Diagnostic> {
    let help = if svc.v2 {
        format!(
            "set `session_affinity = true` in the `template` of `{}`, and let clients reconnect: \
             affinity is best effort",
            svc.address
        )
    } else {
        format!(
            "set the annotation `\"run.googleapis.com/sessionAffinity\" = \"true\"` in \
             `template.metadata.annotations` of `{}`, and let clients reconnect: affinity is best \
             effort",
            svc.address
        )
    };
    let (span, message) = match &svc.session_affinity {
        None if svc.partial => return None,
        None => (
            svc.name_span,
            format!(
                "Cloud Run service `{}` serves WebSockets without session affinity: a client that \
                 reconnects can land on any instance",
                svc.address
            ),
        ),
        Some(s) => match s.known() {
            Some(false) => (
                s.span,
                format!(
                    "session affinity is off on Cloud Run service `{}`, which serves WebSockets: a \
                     client that reconnects can land on any instance",
                    svc.address
                ),
            ),
            _ => return None,
        },
    };
    Some(RULE.diagnostic(span, message).help(help))
}

/// A container port named `h2c`: end-to-end HTTP/2.
fn h2c(svc: &CloudRunService) -> Option<Diagnostic> {
    let port = svc.h2c_port.as_ref()?;
    Some(
        RULE.diagnostic(
            port.span,
            format!(
                "Cloud Run service `{}` serves WebSockets with end-to-end HTTP/2 (a port named \
                 `h2c`), which Cloud Run advises against for WebSockets",
                svc.address
            ),
        )
        .help(format!(
            "remove `name = \"h2c\"` from the port of `{}` (or name it `http1`), or serve the \
             WebSocket routes from a Cloud Run service without end-to-end HTTP/2",
            svc.address
        )),
    )
}
