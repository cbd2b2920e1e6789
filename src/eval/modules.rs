//! Module calls: each instance of a `module` block (one, or one per `count` index or
//! `for_each` key) is evaluated as a module of its own, its variables set by the call's
//! arguments; its outputs are what `module.NAME` reads in the caller. Resources keep the
//! module instance that declares them ([`ModulePath`]), so a reference that travels through
//! outputs and inputs still names the resource it started from.
//!
//! Finding a called module's files is the [`Loader`]'s job (the library reads local
//! directories and what `terraform init` put under `.terraform/modules`); a call it cannot
//! follow is recorded with the reason ([`Call::unavailable`]) and its outputs are unknown.

use super::budget::{MAX_MODULE_DEPTH, MAX_MODULE_INSTANCES, MAX_RESOURCE_CHAIN};
use super::value::{Cause, InstanceKey, ModulePath, Value};
use super::{instance_bindings, Bindings, Evaluated, InputSource, Module, Repeat, Scope};
use crate::syntax::ast::{self, ExprKind, Traverse};
use crate::syntax::Span;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Finds and parses the module a call names.
pub trait Loader {
    /// The module `request` asks for, or why it cannot be followed (in words that finish
    /// "the call is not followed: ...").
    fn load(&self, request: &Request) -> Result<LoadedModule, String>;
}

/// What a module call asks the [`Loader`] for.
#[derive(Debug)]
pub struct Request<'r> {
    /// The directory of the calling module (local sources are relative to it).
    pub caller_dir: &'r Path,
    /// The module instance the call creates.
    pub path: &'r ModulePath,
    /// The call's `source`, e.g. `./modules/lb` or `terraform-google-modules/lb-http/google`.
    pub source: &'r str,
    pub version: Option<&'r str>,
}

/// A called module's configuration, parsed (override files already merged).
#[derive(Debug)]
pub struct LoadedModule {
    pub dir: PathBuf,
    pub bodies: Vec<ast::Body>,
}

/// Follows no module call (in-memory linting).
pub struct NoModules;

impl Loader for NoModules {
    fn load(&self, _: &Request) -> Result<LoadedModule, String> {
        Err("lblint reads other modules only when it lints files on disk".to_string())
    }
}

/// One instance of a module call, as evaluation met it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The module instance the call creates (`module.lb["prod"]`); without a key for a call
    /// that was not followed, whatever its instances.
    pub path: ModulePath,
    /// `module "NAME"`: the block's keyword and label.
    pub span: Span,
    /// The `source` argument's value and the span of its expression.
    pub source: String,
    pub source_span: Span,
    /// Where the module's files were found, when the call was followed.
    pub dir: Option<PathBuf>,
    /// Why the call was not followed, when it was not.
    pub unavailable: Option<String>,
}

/// Resources of every module instance evaluated so far, shared by a root module's whole
/// evaluation: a reference that reaches a module through its inputs finds them here.
type Registry = RefCell<HashMap<(ModulePath, String, String), Rc<Evaluated>>>;

/// Where a module instance sits in a root module's evaluation.
pub(super) struct Frame<'a> {
    pub(super) path: ModulePath,
    pub(super) dir: PathBuf,
    pub(super) loader: &'a dyn Loader,
    /// The expression depth the caller was at: nesting counts across modules.
    pub(super) depth: usize,
    /// Resources and module calls being evaluated in the callers.
    pub(super) chain: usize,
    /// The work the caller had left.
    pub(super) work_cap: Option<u64>,
    /// Module instances followed so far by the whole evaluation.
    instances: Rc<Cell<usize>>,
    registry: Rc<Registry>,
}

impl<'a> Frame<'a> {
    pub(super) fn root(dir: &Path, loader: &'a dyn Loader) -> Frame<'a> {
        Frame {
            path: ModulePath::default(),
            dir: dir.to_path_buf(),
            loader,
            depth: 0,
            chain: 0,
            work_cap: None,
            instances: Rc::new(Cell::new(0)),
            registry: Rc::new(RefCell::new(HashMap::new())),
        }
    }
}

/// A module call once evaluated.
pub(super) struct CallResult {
    /// What `module.NAME` reads: the outputs of the one instance, a list of them under
    /// `count`, a map under `for_each`.
    value: Value,
    /// One record per instance (one for a call not followed).
    records: Vec<Call>,
    /// The instances evaluated, taken by the caller's result when evaluation ends.
    children: RefCell<Vec<Module>>,
}

impl CallResult {
    /// A call that evaluated no instance and reads as `value`.
    fn of(value: Value) -> CallResult {
        CallResult {
            value,
            records: Vec::new(),
            children: RefCell::new(Vec::new()),
        }
    }
}

/// Arguments of a `module` block that are not input variables.
const CALL_META_ARGUMENTS: [&str; 6] = [
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

impl<'a> Scope<'a> {
    /// The module instance this scope evaluates.
    pub(super) fn path(&self) -> ModulePath {
        self.frame
            .as_ref()
            .map(|f| f.path.clone())
            .unwrap_or_default()
    }

    /// Resources and module calls being evaluated in the callers of this module.
    pub(super) fn outer_chain(&self) -> usize {
        self.frame.as_ref().map_or(0, |f| f.chain)
    }

    /// The evaluated block of a resource another module instance declares.
    pub(super) fn foreign(&self, r: &super::Reference) -> Option<Rc<Evaluated>> {
        let frame = self.frame.as_ref()?;
        let registry = frame.registry.borrow();
        registry
            .get(&(r.module.clone(), r.resource_type.clone(), r.name.clone()))
            .cloned()
    }

    /// Makes this module's resources visible to the rest of the evaluation.
    pub(super) fn register(&self, evaluated: &[Option<Rc<Evaluated>>]) {
        let Some(frame) = &self.frame else { return };
        if frame.path.is_root() {
            return;
        }
        let mut registry = frame.registry.borrow_mut();
        for (types, by_name) in &self.managed {
            for (name, &i) in by_name {
                if let Some(Some(e)) = evaluated.get(i) {
                    registry.insert((frame.path.clone(), types.clone(), name.clone()), e.clone());
                }
            }
        }
    }

    /// What `module.NAME` followed by `ops` reads.
    pub(super) fn module_value(&self, name: &str, ops: &[Traverse], b: &Bindings) -> Value {
        if !self.module_calls.iter().any(|(n, _)| n == name) {
            return Value::error(format!("module `{name}` is not declared in this module"));
        }
        let result = self.call(name);
        let v = self.copy(&result.value);
        self.apply_ops(v, ops, b)
    }

    /// The call `name`, evaluated on first use.
    pub(super) fn call(&self, name: &str) -> Rc<CallResult> {
        if let Some(r) = self.call_results.borrow().get(name) {
            return r.clone();
        }
        if self.call_stack.borrow().iter().any(|n| n == name) {
            // Terraform orders a call's inputs and outputs one by one, so an argument may
            // read an output the module computes without it; lblint evaluates a call whole,
            // so such an output is unknown here (not a cycle, and not reported).
            let v = Value::unknown_because(
                Cause::ModuleOutput,
                format!("an argument of `module.{name}` reads the call's own outputs, which lblint does not evaluate before the call"),
            );
            return Rc::new(CallResult::of(v));
        }
        let Some(&(_, block)) = self.module_calls.iter().find(|(n, _)| n == name) else {
            return Rc::new(CallResult::of(Value::unknown(format!(
                "module `{name}` is not declared"
            ))));
        };
        self.call_stack.borrow_mut().push(name.to_string());
        let result = Rc::new(self.evaluate_call(name, block));
        self.call_stack.borrow_mut().pop();
        self.call_results
            .borrow_mut()
            .insert(name.to_string(), result.clone());
        result
    }

    fn evaluate_call(&self, name: &str, block: &ast::Block) -> CallResult {
        let header = Span {
            end: block
                .labels
                .first()
                .map_or(block.ident_span.end, |l| l.1.end),
            ..block.ident_span
        };
        let mut result = CallResult::of(Value::Null);
        let Some(frame) = &self.frame else {
            result.value = Value::unknown_because(
                Cause::ModuleOutput,
                format!("module `{name}` is not evaluated here"),
            );
            return result;
        };
        let record = |path: ModulePath, source: &str, source_span: Span| Call {
            path,
            span: header,
            source: source.to_string(),
            source_span,
            dir: None,
            unavailable: None,
        };
        let Some(source_attr) = block.body.attribute("source") else {
            let why = format!("`module \"{name}\"` has no `source`, which Terraform requires");
            result.records.push(Call {
                unavailable: Some(why.clone()),
                ..record(frame.path.child(name, None), "", header)
            });
            result.value = Value::unknown_because(Cause::ModuleOutput, why);
            return result;
        };
        let source = match (
            &source_attr.value.kind,
            self.eval(&source_attr.value, &Bindings::default()),
        ) {
            (ExprKind::String(_) | ExprKind::Template(_), Value::String(s)) => s,
            _ => {
                let why =
                    "its `source` is not a literal string, which Terraform requires".to_string();
                result.records.push(Call {
                    unavailable: Some(why.clone()),
                    ..record(frame.path.child(name, None), "", source_attr.value.span)
                });
                result.value = Value::unknown_because(
                    Cause::ModuleOutput,
                    format!("module `{name}` is not followed: {why}"),
                );
                return result;
            }
        };
        let version = block.body.attribute("version").and_then(|a| {
            match self.eval(&a.value, &Bindings::default()) {
                Value::String(s) => Some(s),
                _ => None,
            }
        });
        if frame.path.0.len() >= MAX_MODULE_DEPTH
            || frame.chain + self.resource_stack.borrow().len() >= MAX_RESOURCE_CHAIN
        {
            result.value = self.budget.exceeded(format!(
                "module calls nest more than {MAX_MODULE_DEPTH} levels deep (or through more than {MAX_RESOURCE_CHAIN} resources and calls), so `module.{name}` here is not followed"
            ));
            self.budget.settle(header);
            return result;
        }

        // The instances, as for a resource.
        let (meta, repeat, template) = self.repeat_of(block);
        let by_count = matches!(meta, Some(("count", _)));
        let stand_in = matches!(repeat, Repeat::Unknown(_));
        let instances: Vec<(Option<InstanceKey>, Bindings)> = match repeat {
            Repeat::Single => vec![(None, Bindings::default())],
            // One stand-in instance, what differs per instance unknown in it.
            Repeat::Unknown(_) => vec![(None, template)],
            known => instance_bindings(
                known,
                meta.filter(|(what, _)| *what == "for_each")
                    .map(|(_, a)| &a.value),
            )
            .into_iter()
            .map(|(k, b)| (Some(k), b))
            .collect(),
        };

        if instances.is_empty() {
            // No instance (`count = 0`, an empty `for_each`): nothing to evaluate, but
            // Terraform still installs and parses the module, so its syntax errors count.
            let path = frame.path.child(name, None);
            let request = Request {
                caller_dir: &frame.dir,
                path: &path,
                source: &source,
                version: version.as_deref(),
            };
            if let Ok(loaded) = frame.loader.load(&request) {
                result.records.push(Call {
                    dir: Some(loaded.dir),
                    ..record(path.clone(), &source, source_attr.value.span)
                });
            }
        }
        let mut outputs: Vec<(Option<InstanceKey>, Value)> = Vec::new();
        for (key, bindings) in instances {
            let path = frame.path.child(name, key.clone());
            if frame.instances.get() >= MAX_MODULE_INSTANCES {
                let v = self.budget.exceeded(format!(
                    "more than {MAX_MODULE_INSTANCES} module instances, so `{path}` is not followed"
                ));
                self.budget.settle(header);
                outputs.push((key, v));
                continue;
            }
            frame.instances.set(frame.instances.get() + 1);
            let request = Request {
                caller_dir: &frame.dir,
                path: &path,
                source: &source,
                version: version.as_deref(),
            };
            let loaded = match frame.loader.load(&request) {
                Ok(loaded) => loaded,
                Err(why) => {
                    // Not followed: the same for every instance, recorded once.
                    result.records.push(Call {
                        unavailable: Some(why.clone()),
                        ..record(
                            frame.path.child(name, None),
                            &source,
                            source_attr.value.span,
                        )
                    });
                    result.value = Value::unknown_because(
                        Cause::ModuleOutput,
                        format!("module `{name}` is not followed: {why}"),
                    );
                    return result;
                }
            };
            let args: Vec<(&str, Value, &ast::Expr, Option<super::Origin>)> = block
                .body
                .attributes
                .iter()
                .filter(|a| !CALL_META_ARGUMENTS.contains(&a.key.as_str()))
                .map(|a| {
                    let v = self.eval(&a.value, &bindings);
                    (
                        a.key.as_str(),
                        v,
                        &a.value,
                        self.origin_of(&a.value, &bindings),
                    )
                })
                .collect();
            let sources: Vec<InputSource> = args
                .iter()
                .map(|(n, v, e, o)| InputSource::Call {
                    name: n,
                    value: v,
                    expr: e,
                    origin: o.as_ref(),
                })
                .collect();
            let child_frame = Frame {
                path: path.clone(),
                dir: loaded.dir.clone(),
                loader: frame.loader,
                depth: *self.depth.borrow() + 1,
                chain: frame.chain + self.resource_stack.borrow().len() + 1,
                work_cap: Some(self.budget.remaining()),
                instances: frame.instances.clone(),
                registry: frame.registry.clone(),
            };
            let bodies: Vec<&ast::Body> = loaded.bodies.iter().collect();
            let child = super::evaluate_in(&bodies, &sources, child_frame);
            if !self.budget.spend(child.work) {
                // The caller's work ran out in the call: its remaining expressions are unknown.
                self.budget.settle(header);
            }
            outputs.push((key, Value::Object(child.outputs.clone())));
            result.records.push(Call {
                dir: Some(loaded.dir.clone()),
                ..record(path, &source, source_attr.value.span)
            });
            result.children.borrow_mut().push(child);
        }
        result.value = if stand_in {
            Value::unknown_because(
                Cause::PerInstance,
                format!("the instances of `module.{name}` are not known"),
            )
        } else if by_count {
            Value::List(outputs.into_iter().map(|(_, v)| v).collect())
        } else {
            match outputs.as_slice() {
                [(None, _)] => outputs.pop().map(|(_, v)| v).unwrap_or(Value::Null),
                _ => Value::Object(
                    outputs
                        .into_iter()
                        .filter_map(|(k, v)| match k {
                            Some(InstanceKey::Key(k)) => Some((k, v)),
                            _ => None,
                        })
                        .collect(),
                ),
            }
        };
        result
    }

    /// The module's `output` values.
    pub(super) fn outputs(&self) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        for (name, block) in &self.output_blocks {
            if let Some(value) = block.body.attribute("value") {
                out.insert(name.clone(), self.eval(&value.value, &Bindings::default()));
            }
        }
        out
    }

    /// Moves the calls' records and the instances they evaluated into `module`.
    pub(super) fn take_calls(&self, module: &mut Module) {
        for (name, _) in &self.module_calls {
            let Some(result) = self.call_results.borrow().get(name).cloned() else {
                continue;
            };
            module.calls.extend(result.records.iter().cloned());
            for child in result.children.borrow_mut().drain(..) {
                module.resources.extend(child.resources);
                module.calls.extend(child.calls);
                module.budget_hits.extend(child.budget_hits);
            }
        }
    }
}
