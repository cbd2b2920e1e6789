//! Override files (`override.tf`, `*_override.tf`, `override.tf.json`, `*_override.tf.json`)
//! merged into a module's other files on the syntax tree, before evaluation, as Terraform's
//! "Override Files" page describes. Each attribute and block keeps its own span, so a value
//! that came from an override file is reported in that file.
//!
//! The override files are applied in the order given (discovery sorts them by name), each
//! block in source order; every top-level block is merged into the block of the other files
//! with the same type and labels:
//!
//! - an argument replaces the argument of the same name;
//! - nested blocks of a type replace every block of that type, `dynamic` blocks generating
//!   that type included (and a `dynamic "x"` in the override replaces `x` blocks); block types
//!   the override does not name stay; nested blocks' contents are not merged;
//! - a resource's or data source's `lifecycle` is merged argument by argument; `depends_on`
//!   cannot be overridden (an error, as in Terraform);
//! - `locals` are overridden one local value at a time, whichever `locals` block holds them;
//! - in `terraform`, each setting on its own; `required_providers` one provider at a time
//!   (an entry the other files lack is added); a `backend` replaces the `backend` or `cloud`
//!   block, and a `cloud` block either of them;
//! - a `provider` block without `alias` and no counterpart is added as it is (Terraform treats
//!   a missing default provider configuration as an empty one);
//! - any other override block with no counterpart is an error, like in Terraform, at the
//!   override block's header; `moved` blocks cannot be overridden; other block types
//!   (`import`, `check`, `removed`) in an override file are ignored, as Terraform does.

use super::ast::{Attribute, Block, Body};
use super::{Span, SyntaxError};

/// Merges `overrides` (override files, in Terraform's order) into `files` (the module's other
/// files). Returns the errors Terraform would report; what can be merged is merged.
pub fn apply(files: &mut Vec<Body>, overrides: Vec<Body>) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    // Blocks an override adds (an unaliased `provider`, a first `terraform` block).
    let mut added = Body::default();
    for body in overrides {
        for block in body.blocks {
            merge_top_level(files, &mut added, block, &mut errors);
        }
    }
    if !added.blocks.is_empty() {
        files.push(added);
    }
    errors
}

/// The span of a block's header: its type and labels.
fn header(b: &Block) -> Span {
    let end = b.labels.last().map_or(b.ident_span.end, |(_, s)| s.end);
    Span {
        file: b.ident_span.file,
        start: b.ident_span.start,
        end: end.max(b.ident_span.end),
    }
}

fn missing(b: &Block, what: String) -> SyntaxError {
    SyntaxError {
        span: header(b),
        message: format!(
            "{what} to override: an override file can only change blocks declared in the module's other files"
        ),
    }
}

fn labels(b: &Block) -> Vec<&str> {
    b.labels.iter().map(|(l, _)| l.as_str()).collect()
}

/// The first block of the other files with this type and labels.
fn find<'a>(files: &'a mut [Body], added: &'a mut Body, b: &Block) -> Option<&'a mut Block> {
    let want = labels(b);
    files
        .iter_mut()
        .chain(std::iter::once(added))
        .flat_map(|f| f.blocks.iter_mut())
        .find(|o| o.ident == b.ident && labels(o) == want)
}

fn merge_top_level(
    files: &mut [Body],
    added: &mut Body,
    block: Block,
    errors: &mut Vec<SyntaxError>,
) {
    match block.ident.as_str() {
        "resource" | "data" | "variable" | "output" | "module" => {
            if let Some(a) = block.body.attribute("depends_on") {
                if matches!(block.ident.as_str(), "resource" | "data" | "output") {
                    errors.push(SyntaxError {
                        span: a.key_span,
                        message: "`depends_on` cannot be set in an override file: Terraform does not let it be overridden".to_string(),
                    });
                }
            }
            let Some(base) = find(files, added, &block) else {
                let l = labels(&block);
                let what = match (block.ident.as_str(), l.as_slice()) {
                    ("resource", [t, n]) => format!("there is no `{t}` resource named `{n}`"),
                    ("data", [t, n]) => format!("there is no `{t}` data source named `{n}`"),
                    ("variable", [n]) => format!("there is no variable `{n}`"),
                    ("output", [n]) => format!("there is no output `{n}`"),
                    ("module", [n]) => format!("there is no module call `{n}`"),
                    (t, _) => format!("there is no `{t}` block with these labels"),
                };
                errors.push(missing(&block, what));
                return;
            };
            let resource = matches!(block.ident.as_str(), "resource" | "data");
            merge_body(&mut base.body, block.body, resource);
        }
        "locals" => {
            for attr in block.body.attributes {
                let base = files
                    .iter_mut()
                    .chain(std::iter::once(&mut *added))
                    .flat_map(|f| f.blocks.iter_mut())
                    .filter(|b| b.ident == "locals")
                    .flat_map(|b| b.body.attributes.iter_mut())
                    .find(|a| a.key == attr.key);
                match base {
                    Some(base) => *base = attr,
                    None => errors.push(SyntaxError {
                        span: attr.key_span,
                        message: format!(
                            "there is no local value `{}` to override: an override file can only change blocks declared in the module's other files",
                            attr.key
                        ),
                    }),
                }
            }
        }
        "provider" => {
            let alias = |b: &Block| {
                b.body.attribute("alias").and_then(|a| match &a.value.kind {
                    super::ast::ExprKind::String(s) => Some(s.clone()),
                    _ => None,
                })
            };
            let want = alias(&block);
            let name = labels(&block).first().map(|s| s.to_string());
            let base = files
                .iter_mut()
                .chain(std::iter::once(&mut *added))
                .flat_map(|f| f.blocks.iter_mut())
                .find(|b| {
                    b.ident == "provider"
                        && labels(b).first().map(|s| s.to_string()) == name
                        && alias(b) == want
                });
            match (base, &want) {
                (Some(base), _) => merge_body(&mut base.body, block.body, false),
                (None, None) => added.blocks.push(block),
                (None, Some(a)) => {
                    let n = name.unwrap_or_default();
                    errors.push(missing(
                        &block,
                        format!("there is no `{n}` provider configuration with alias `{a}`"),
                    ));
                }
            }
        }
        "terraform" => merge_terraform(files, added, block),
        "moved" => errors.push(SyntaxError {
            span: header(&block),
            message: "a `moved` block cannot be in an override file: Terraform accepts moves only in the module's other files".to_string(),
        }),
        _ => {}
    }
}

/// Terraform's general rule, plus `lifecycle` merged per argument in resources.
fn merge_body(base: &mut Body, over: Body, resource: bool) {
    for attr in over.attributes {
        set_attribute(&mut base.attributes, attr);
    }
    // The block types the override names, `dynamic` blocks counting for the type they make.
    let mut types: Vec<String> = Vec::new();
    for b in &over.blocks {
        let t = generated_type(b).to_string();
        if !types.contains(&t) {
            types.push(t);
        }
    }
    let mut lifecycles = Vec::new();
    let mut others = Vec::new();
    for b in over.blocks {
        if resource && b.ident == "lifecycle" {
            lifecycles.push(b);
        } else {
            others.push(b);
        }
    }
    if !lifecycles.is_empty() {
        types.retain(|t| t != "lifecycle");
        match base.blocks.iter_mut().find(|b| b.ident == "lifecycle") {
            Some(base_lc) => {
                for lc in lifecycles {
                    merge_body(&mut base_lc.body, lc.body, false);
                }
            }
            None => base.blocks.extend(lifecycles),
        }
    }
    base.blocks
        .retain(|b| !types.iter().any(|t| t == generated_type(b)));
    base.blocks.extend(others);
}

/// The type of the blocks a block stands for: its own, or a `dynamic` block's label.
fn generated_type(b: &Block) -> &str {
    match (b.ident.as_str(), b.labels.first()) {
        ("dynamic", Some((t, _))) => t,
        (t, _) => t,
    }
}

/// Replaces the attribute of the same name, or adds it.
fn set_attribute(attrs: &mut Vec<Attribute>, attr: Attribute) {
    match attrs.iter_mut().find(|a| a.key == attr.key) {
        Some(a) => *a = attr,
        None => attrs.push(attr),
    }
}

fn merge_terraform(files: &mut [Body], added: &mut Body, block: Block) {
    let mut bases: Vec<&mut Block> = files
        .iter_mut()
        .chain(std::iter::once(&mut *added))
        .flat_map(|f| f.blocks.iter_mut())
        .filter(|b| b.ident == "terraform")
        .collect();
    if bases.is_empty() {
        added.blocks.push(block);
        return;
    }
    for attr in block.body.attributes {
        // A setting replaces the same setting wherever it is, or goes to the first block.
        let found = bases
            .iter_mut()
            .flat_map(|b| b.body.attributes.iter_mut())
            .find(|a| a.key == attr.key);
        match found {
            Some(a) => *a = attr,
            None => bases[0].body.attributes.push(attr),
        }
    }
    for nested in block.body.blocks {
        match nested.ident.as_str() {
            "required_providers" => {
                let shell = nested.clone_header();
                for entry in nested.body.attributes {
                    let found = bases
                        .iter_mut()
                        .flat_map(|b| b.body.blocks.iter_mut())
                        .filter(|b| b.ident == "required_providers")
                        .flat_map(|b| b.body.attributes.iter_mut())
                        .find(|a| a.key == entry.key);
                    match found {
                        Some(a) => *a = entry,
                        None => {
                            let first = &mut bases[0].body;
                            match first
                                .blocks
                                .iter_mut()
                                .find(|b| b.ident == "required_providers")
                            {
                                Some(rp) => rp.body.attributes.push(entry),
                                None => first.blocks.push(Block {
                                    body: Body {
                                        attributes: vec![entry],
                                        blocks: Vec::new(),
                                    },
                                    ..shell.clone()
                                }),
                            }
                        }
                    }
                }
            }
            t => {
                // `backend` and `cloud` replace each other; other blocks replace their type.
                let replaced: &[&str] = match t {
                    "backend" | "cloud" => &["backend", "cloud"],
                    _ => &[],
                };
                for b in bases.iter_mut() {
                    b.body
                        .blocks
                        .retain(|x| x.ident != t && !replaced.contains(&x.ident.as_str()));
                }
                bases[0].body.blocks.push(nested);
            }
        }
    }
}

impl Block {
    /// A block with this one's type, labels and spans and an empty body.
    fn clone_header(&self) -> Block {
        Block {
            ident: self.ident.clone(),
            ident_span: self.ident_span,
            labels: self.labels.clone(),
            body: Body::default(),
            span: self.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::ExprKind;
    use crate::syntax::parser::parse_file;

    fn hcl(text: &str, file: u32) -> Body {
        parse_file(text, file).unwrap().body
    }

    /// Merges one override file (file id 1) into one file (file id 0).
    fn merged(base: &str, over: &str) -> (Vec<Body>, Vec<SyntaxError>) {
        let mut files = vec![hcl(base, 0)];
        let errors = apply(&mut files, vec![hcl(over, 1)]);
        (files, errors)
    }

    fn number(b: &Body, key: &str) -> Option<(f64, u32)> {
        let a = b.attribute(key)?;
        match a.value.kind {
            ExprKind::Number(n) => Some((n, a.span.file)),
            _ => None,
        }
    }

    fn types(b: &Body) -> Vec<String> {
        b.blocks
            .iter()
            .map(|x| match x.labels.first() {
                Some((l, _)) => format!("{} {l}", x.ident),
                None => x.ident.clone(),
            })
            .collect()
    }

    #[test]
    fn arguments_replace_and_nested_blocks_replace_their_type() {
        let (files, errors) = merged(
            r#"resource "t" "r" {
  a = 1
  b = 2
  x { v = 1 }
  x { v = 2 }
  dynamic "y" {
    for_each = []
    content {}
  }
  z {}
}
resource "t" "other" { a = 1 }
"#,
            r#"resource "t" "r" {
  b = 20
  c = 30
  x { v = 3 }
  dynamic "z" {
    for_each = []
    content {}
  }
  y {}
}
"#,
        );
        assert!(errors.is_empty());
        let r = &files[0].blocks[0].body;
        assert_eq!(number(r, "a"), Some((1.0, 0)));
        assert_eq!(number(r, "b"), Some((20.0, 1)));
        assert_eq!(number(r, "c"), Some((30.0, 1)));
        // `x` blocks replaced by the override's one; `dynamic "y"` replaced by `y`; `z`
        // replaced by `dynamic "z"`.
        assert_eq!(types(r), ["x", "dynamic z", "y"]);
        assert_eq!(r.blocks[0].span.file, 1);
        assert_eq!(number(&files[0].blocks[1].body, "a"), Some((1.0, 0)));
    }

    #[test]
    fn lifecycle_is_merged_per_argument() {
        let (files, errors) = merged(
            "resource \"t\" \"r\" {\n  lifecycle {\n    ignore_changes = all\n    prevent_destroy = false\n  }\n}\n",
            "resource \"t\" \"r\" {\n  lifecycle {\n    prevent_destroy = true\n    create_before_destroy = true\n  }\n}\n",
        );
        assert!(errors.is_empty());
        let lc = &files[0].blocks[0].body.blocks[0].body;
        let keys: Vec<(&str, u32)> = lc
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.span.file))
            .collect();
        assert_eq!(
            keys,
            [
                ("ignore_changes", 0),
                ("prevent_destroy", 1),
                ("create_before_destroy", 1)
            ]
        );
    }

    #[test]
    fn locals_variables_and_outputs_are_merged_per_entry() {
        let (files, errors) = merged(
            "locals { a = 1 }\nlocals { b = 2 }\nvariable \"v\" {\n  type = number\n  default = 1\n}\noutput \"o\" {\n  value = 1\n  description = \"d\"\n}\n",
            "locals {\n  b = 20\n  nope = 3\n}\nvariable \"v\" { default = 10 }\noutput \"o\" { value = 10 }\n",
        );
        let blocks = &files[0].blocks;
        assert_eq!(number(&blocks[0].body, "a"), Some((1.0, 0)));
        assert_eq!(number(&blocks[1].body, "b"), Some((20.0, 1)));
        assert!(blocks[2].body.attribute("type").is_some());
        assert_eq!(number(&blocks[2].body, "default"), Some((10.0, 1)));
        assert_eq!(number(&blocks[3].body, "value"), Some((10.0, 1)));
        assert!(blocks[3].body.attribute("description").is_some());
        let errors: Vec<(u32, u32, &str)> = errors
            .iter()
            .map(|e| (e.span.file, e.span.start, e.message.as_str()))
            .collect();
        assert_eq!(
            errors,
            [(1, 20, "there is no local value `nope` to override: an override file can only change blocks declared in the module's other files")]
        );
    }

    #[test]
    fn terraform_settings_and_providers_are_merged_one_by_one() {
        let (files, errors) = merged(
            r#"terraform {
  required_version = ">= 1.0"
  required_providers {
    google = { source = "hashicorp/google", version = "~> 5.0" }
    random = { source = "hashicorp/random" }
  }
  cloud { organization = "o" }
}
"#,
            r#"terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 6.0" }
    null = { source = "hashicorp/null" }
  }
  backend "gcs" { bucket = "b" }
}
provider "google" { region = "x" }
provider "google" {
  alias = "beta"
}
"#,
        );
        let tf = &files[0].blocks[0].body;
        assert!(tf.attribute("required_version").is_some());
        let rp = &tf.blocks_of("required_providers").next().unwrap().body;
        let entries: Vec<(&str, u32)> = rp
            .attributes
            .iter()
            .map(|a| (a.key.as_str(), a.span.file))
            .collect();
        assert_eq!(entries, [("google", 1), ("random", 0), ("null", 1)]);
        assert_eq!(types(tf), ["required_providers", "backend gcs"]);
        // The unaliased provider is added; the aliased one has no original.
        assert_eq!(types(&files[1]), ["provider google"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "there is no `google` provider configuration with alias `beta` to override: an override file can only change blocks declared in the module's other files"
        );
    }

    #[test]
    fn what_terraform_refuses_is_an_error_at_the_override() {
        let (_, errors) = merged(
            "resource \"t\" \"r\" {}\noutput \"o\" { value = 1 }\n",
            "resource \"t\" \"r\" { depends_on = [] }\ndata \"t\" \"d\" {}\nmodule \"m\" {}\nvariable \"v\" {}\noutput \"p\" {}\nmoved {\n  from = a.b\n  to = a.c\n}\n",
        );
        let msgs: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "`depends_on` cannot be set in an override file: Terraform does not let it be overridden",
                "there is no `t` data source named `d` to override: an override file can only change blocks declared in the module's other files",
                "there is no module call `m` to override: an override file can only change blocks declared in the module's other files",
                "there is no variable `v` to override: an override file can only change blocks declared in the module's other files",
                "there is no output `p` to override: an override file can only change blocks declared in the module's other files",
                "a `moved` block cannot be in an override file: Terraform accepts moves only in the module's other files",
            ]
        );
        // At the block header: `data "t" "d"`.
        assert_eq!((errors[1].span.start, errors[1].span.end), (37, 49));
    }

    #[test]
    fn later_overrides_win() {
        let mut files = vec![hcl("resource \"t\" \"r\" { a = 1 }\n", 0)];
        let errors = apply(
            &mut files,
            vec![
                hcl("resource \"t\" \"r\" { a = 2 }\n", 1),
                hcl("resource \"t\" \"r\" { a = 3 }\n", 2),
            ],
        );
        assert!(errors.is_empty());
        assert_eq!(number(&files[0].blocks[0].body, "a"), Some((3.0, 2)));
    }
}
