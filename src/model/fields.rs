//! Names that the provider schema does not accept where they are written: the data of
//! TF004 (unknown fields) and LB001 (misplaced `header_action`).

use super::{MisplacedHeaderAction, Place, UnknownField, WrongField};
use crate::eval::{EBody, Resource};
use crate::schema::{self, Block, FieldKind};
use crate::syntax::Span;
use std::collections::HashSet;

/// Terraform's meta-arguments, valid at the top level of every resource.
const META_ATTRIBUTES: [&str; 4] = ["count", "for_each", "provider", "depends_on"];
/// Terraform's meta-blocks; their contents are Terraform's, not the provider's.
const META_BLOCKS: [&str; 3] = ["lifecycle", "provisioner", "connection"];

/// Custom header lists on a region backend service, which has none: LB003 reports them with
/// what to do instead, so TF004 does not report them a second time.
fn custom_headers_on_region_backend(resource_type: &str, top_level: bool, name: &str) -> bool {
    top_level
        && resource_type == "google_compute_region_backend_service"
        && matches!(name, "custom_request_headers" | "custom_response_headers")
}

/// Whether LB001 reports a `header_action` block written directly in `node`: in url maps,
/// wherever the schema has no `header_action` block.
fn misplaced_header_action(resource_type: &str, node: &Block, ident: &str) -> bool {
    ident == "header_action"
        && resource_type.ends_with("url_map")
        && node.kind_of("header_action").is_none()
}

/// Every `header_action` block of a url map standing where the schema has none, in source
/// order; blocks inside unknown blocks are left to TF004.
pub(super) fn misplaced_header_actions(
    resource_type: &str,
    body: &EBody,
) -> Vec<MisplacedHeaderAction> {
    let mut out = Vec::new();
    if let Some(top) = schema::resource(resource_type) {
        misplaced_in(resource_type, body, top, &mut Vec::new(), &mut out);
    }
    out
}

fn misplaced_in<'a>(
    resource_type: &str,
    body: &'a EBody,
    node: &Block,
    path: &mut Vec<&'a str>,
    out: &mut Vec<MisplacedHeaderAction>,
) {
    for b in &body.blocks {
        if let Some(child) = node.blocks.get(&b.ident) {
            path.push(&b.ident);
            misplaced_in(resource_type, &b.body, child, path, out);
            path.pop();
        } else if misplaced_header_action(resource_type, node, &b.ident) {
            out.push(MisplacedHeaderAction {
                place: Place::of(path),
                action: super::build::header_action(b),
            });
        }
    }
}

/// Every attribute and block of a covered resource that the provider schema does not accept
/// where it stands, at any depth, once per source position.
pub(super) fn unknown_fields(r: &Resource) -> Vec<UnknownField> {
    let Some(top) = schema::resource(&r.resource_type) else {
        return Vec::new();
    };
    let mut walk = Walk {
        resource: r,
        top,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    walk.body(&r.body, top, &mut Vec::new());
    walk.out
}

struct Walk<'r> {
    resource: &'r Resource,
    top: &'static Block,
    seen: HashSet<Span>,
    out: Vec<UnknownField>,
}

impl<'r> Walk<'r> {
    fn body(&mut self, body: &'r EBody, node: &'static Block, path: &mut Vec<&'r str>) {
        let top_level = path.is_empty();
        for a in &body.attrs {
            if top_level && META_ATTRIBUTES.contains(&a.name.as_str())
                || custom_headers_on_region_backend(
                    &self.resource.resource_type,
                    top_level,
                    &a.name,
                )
            {
                continue;
            }
            match (node.kind_of(&a.name), node.attributes.get(&a.name)) {
                (Some(FieldKind::Attribute), Some(attr)) if attr.read_only => self.push(
                    a.key_span,
                    path,
                    &a.name,
                    FieldKind::Attribute,
                    WrongField::ReadOnly,
                ),
                (Some(FieldKind::Attribute), _) => {}
                (Some(FieldKind::Block), _) => self.push(
                    a.key_span,
                    path,
                    &a.name,
                    FieldKind::Attribute,
                    WrongField::Kind,
                ),
                (None, _) => self.unknown(a.key_span, node, path, &a.name, FieldKind::Attribute),
            }
        }
        for b in &body.blocks {
            if top_level && META_BLOCKS.contains(&b.ident.as_str()) {
                continue;
            }
            match node.blocks.get(&b.ident) {
                Some(child) => {
                    path.push(&b.ident);
                    self.body(&b.body, child, path);
                    path.pop();
                }
                None => self.block_name(b.ident_span, node, path, &b.ident, true),
            }
        }
        for u in &body.unknown_blocks {
            if node.kind_of(&u.ident) != Some(FieldKind::Block) {
                // LB001 cannot report a block it cannot see: the name is checked here.
                self.block_name(u.ident_span, node, path, &u.ident, false);
            }
        }
    }

    /// A block whose type `node` has no block of.
    fn block_name(&mut self, span: Span, node: &Block, path: &[&str], ident: &str, expanded: bool) {
        if expanded && misplaced_header_action(&self.resource.resource_type, node, ident) {
            return; // LB001's finding.
        }
        if node.kind_of(ident) == Some(FieldKind::Attribute) {
            self.push(span, path, ident, FieldKind::Block, WrongField::Kind);
        } else {
            self.unknown(span, node, path, ident, FieldKind::Block);
        }
    }

    fn unknown(&mut self, span: Span, node: &Block, path: &[&str], name: &str, kind: FieldKind) {
        let other = match kind {
            FieldKind::Attribute => FieldKind::Block,
            FieldKind::Block => FieldKind::Attribute,
        };
        let allowed = [kind, other]
            .into_iter()
            .map(|k| (k, self.top.places_of(name, k)))
            .find(|(_, places)| !places.is_empty());
        let wrong = WrongField::Unknown {
            suggestion: node.suggestion(name).map(str::to_string),
            allowed,
            valid: node.valid_names().into_iter().map(str::to_string).collect(),
        };
        self.push(span, path, name, kind, wrong);
    }

    fn push(
        &mut self,
        span: Span,
        path: &[&str],
        name: &str,
        written: FieldKind,
        wrong: WrongField,
    ) {
        if !self.seen.insert(span) {
            return; // A block of a `dynamic` block expanded several times.
        }
        self.out.push(UnknownField {
            span,
            resource: self.resource.address(),
            resource_type: self.resource.resource_type.clone(),
            path: path.join("."),
            name: name.to_string(),
            written,
            wrong,
        });
    }
}
