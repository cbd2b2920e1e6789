//! Evaluation limits: hostile or runaway configuration ends in an unknown value and a
//! recorded [`BudgetHit`] (reported as TF006 evaluation-budget), never in a hang, a stack
//! overflow or running out of memory.
//!
//! Every limit lblint applies while evaluating is a constant of this module; README.md
//! ("Evaluation limits") and rules/TF006.md list them.

use super::value::{Cause, Value};
use crate::syntax::Span;
use std::cell::{Cell, RefCell};

/// Deepest nesting of expressions being evaluated, counting each local a reference leads
/// into (a chain of locals each referring to the previous one nests one level per local).
pub const MAX_DEPTH: usize = 256;
/// Most elements one list or object built by a function or a `for` expression may hold;
/// also the largest `count` or `for_each` lblint expands.
pub const MAX_ELEMENTS: usize = 100_000;
/// Longest string (in bytes) one function, template or `format` width may build.
pub const MAX_STRING_BYTES: usize = 1 << 20;
/// Work units one module may spend: one per `for` iteration and per function call, plus
/// one per element and per 64 string bytes of every value a function builds or a
/// reference copies.
pub const MAX_WORK: u64 = 2_000_000;
/// Work units added to [`MAX_WORK`] for each top-level block of the module, so that a large
/// module of ordinary blocks never runs out while a small one cannot multiply its way far.
pub const WORK_PER_BLOCK: u64 = 1_000;
/// Most resources evaluated one inside the other: a reference to a resource evaluates it
/// first, and a chain of references longer than this is cut (each level takes far more
/// stack than an expression).
pub const MAX_RESOURCE_CHAIN: usize = 32;
/// Work units each instance of a resource with `count` or `for_each` costs per attribute and
/// block of its body (nested ones included), paid before it is expanded: a module can expand
/// about 200,000 attributes' worth of instances, not millions.
pub const WORK_PER_INSTANCE_NODE: u64 = 10;
/// Most module calls nested one inside the other: a call deeper than this (a module that
/// calls itself, a chain of calls) is not followed.
pub const MAX_MODULE_DEPTH: usize = 16;
/// Most module instances one root module's evaluation follows, all calls and nesting levels
/// together (a `for_each` over a thousand keys in a module called a thousand times).
pub const MAX_MODULE_INSTANCES: usize = 1_000;
/// Terraform's own limit on the length of a `range` result: one more is an error in
/// `terraform plan`.
pub const TERRAFORM_RANGE_LIMIT: usize = 1024;

/// One place where evaluation stopped at a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetHit {
    /// The expression whose evaluation was cut short.
    pub span: Span,
    /// What was too large, in words, naming the limit.
    pub what: String,
}

/// The running account of one module's evaluation.
#[derive(Default)]
pub(super) struct Budget {
    work: Cell<u64>,
    /// The module's work allowance: [`MAX_WORK`] plus [`WORK_PER_BLOCK`] per block.
    allowance: Cell<u64>,
    exhausted: Cell<bool>,
    /// A limit detected below the expression being evaluated, not yet given a span.
    pending: RefCell<Option<String>>,
    hits: RefCell<Vec<BudgetHit>>,
    /// The hit that recorded the exhaustion of [`MAX_WORK`], moved outward to the
    /// outermost `for` expression it happened in.
    exhaustion: Cell<Option<usize>>,
    /// Whether the evaluation under way from the top has already met the depth limit.
    depth_reported: Cell<bool>,
    /// For a called module: the work its caller had left when the call was evaluated.
    cap: Cell<Option<u64>>,
}

impl Budget {
    /// Notes a limit; the innermost expression being evaluated records it at its span.
    /// Returns the unknown value to give back.
    /// Sets the module's work allowance from its number of top-level blocks.
    pub(super) fn allow(&self, blocks: usize) {
        self.allowance
            .set(MAX_WORK.saturating_add(WORK_PER_BLOCK.saturating_mul(blocks as u64)));
    }

    fn limit(&self) -> u64 {
        let own = self.allowance.get().max(MAX_WORK);
        self.cap.get().map_or(own, |cap| own.min(cap))
    }

    /// Limits a called module's work to what its caller has left, so that module calls
    /// do not multiply the allowance.
    pub(super) fn cap(&self, units: u64) {
        self.cap.set(Some(units));
    }

    /// Work units spent so far.
    pub(super) fn used(&self) -> u64 {
        self.work.get()
    }

    pub(super) fn exceeded(&self, what: String) -> Value {
        let v = Value::unknown_because(Cause::Budget, format!("evaluation stopped: {what}"));
        self.pending.borrow_mut().get_or_insert(what);
        v
    }

    /// Spends `units` of work; false (and a pending hit the first time) once the module's
    /// work is spent.
    pub(super) fn spend(&self, units: u64) -> bool {
        if self.exhausted.get() {
            return false;
        }
        let w = self.work.get().saturating_add(units);
        self.work.set(w);
        if w > self.limit() {
            self.exhausted.set(true);
            self.pending.borrow_mut().get_or_insert(format!(
                "the module needs more than {} units of evaluation work",
                self.limit()
            ));
            return false;
        }
        true
    }

    /// Work units left of the module's allowance.
    pub(super) fn remaining(&self) -> u64 {
        if self.exhausted.get() {
            return 0;
        }
        self.limit().saturating_sub(self.work.get())
    }

    /// The unknown value evaluation gives once the work is spent.
    pub(super) fn spent(&self) -> Value {
        Value::unknown_because(
            Cause::Budget,
            format!(
                "evaluation stopped: the module needs more than {} units of evaluation work",
                self.limit()
            ),
        )
    }

    /// Starts the evaluation of a top-level expression.
    pub(super) fn start_top(&self) {
        self.depth_reported.set(false);
    }

    /// The depth limit, reported once per top-level evaluation: every sibling of the
    /// expression that met it would meet it too.
    pub(super) fn too_deep(&self, span: Span) -> Value {
        let v = Value::unknown_because(
            Cause::Budget,
            format!(
                "evaluation stopped: expressions and locals nest more than {MAX_DEPTH} levels deep"
            ),
        );
        if !self.depth_reported.replace(true) {
            self.exceeded(format!(
                "expressions and locals nest more than {MAX_DEPTH} levels deep"
            ));
            self.settle(span);
        }
        v
    }

    pub(super) fn is_exhausted(&self) -> bool {
        self.exhausted.get()
    }

    /// Records a pending limit at `span`, once per span.
    pub(super) fn settle(&self, span: Span) {
        let Some(what) = self.pending.borrow_mut().take() else {
            return;
        };
        let mut hits = self.hits.borrow_mut();
        if hits.iter().any(|h| h.span == span) {
            return;
        }
        if self.exhausted.get() && self.exhaustion.get().is_none() {
            self.exhaustion.set(Some(hits.len()));
        }
        hits.push(BudgetHit { span, what });
    }

    /// A `for` expression in which the work ran out takes the hit: the outermost one
    /// finishes last, so the finding lands on the expression that multiplies.
    pub(super) fn claim_exhaustion(&self, span: Span) {
        if let Some(i) = self.exhaustion.get() {
            let mut hits = self.hits.borrow_mut();
            if !hits.iter().any(|h| h.span == span) {
                hits[i].span = span;
            }
        }
    }

    pub(super) fn into_hits(self) -> Vec<BudgetHit> {
        self.hits.into_inner()
    }
}

/// The work a value stands for: one per element, one per 64 string bytes; stops counting
/// at `cap`.
pub(super) fn cost(v: &Value, cap: u64) -> u64 {
    fn walk(v: &Value, acc: &mut u64, cap: u64) {
        if *acc > cap {
            return;
        }
        match v {
            Value::String(s) => *acc += 1 + (s.len() / 64) as u64,
            Value::List(items) => {
                *acc += 1;
                for i in items {
                    walk(i, acc, cap);
                }
            }
            Value::Object(map) => {
                *acc += 1;
                for (k, i) in map {
                    *acc += (k.len() / 64) as u64;
                    walk(i, acc, cap);
                }
            }
            _ => *acc += 1,
        }
    }
    let mut acc = 0;
    walk(v, &mut acc, cap);
    acc
}
