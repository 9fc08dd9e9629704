//! The evaluator: one [`Interpreter`] per run, holding the heap, the realm,
//! the host (console, timers, job queue) and the run's limits.
//!
//! Evaluation is split by construct, each file named after the spec's
//! runtime semantics it implements:
//! `statements.rs` (blocks, if, switch, try, labels), `loops.rs` (for,
//! for-in/of, while; CreatePerIterationEnvironment), `expressions.rs`,
//! `assignment.rs` (references, PutValue, destructuring), `functions.rs`
//! ([[Call]], [[Construct]], OrdinaryCallBindThis, closures), `classes.rs`,
//! `object_ops.rs` (the object internal methods that may run user code, and
//! Call/Construct for built-ins), `conversions.rs`, `operators.rs`.
//!
//! Shared-state design (NON-SPEC): the interpreter is used through `&self`
//! with interior mutability, because generator and async function bodies
//! run on their own coroutine stacks and must reach it while the caller's
//! frame also holds it.
//!
//! Completions: the spec's throw completion is `Err(Abrupt::throw(value))`;
//! `Abrupt::Halt` stops the whole run (step budget, heap limit) and is never
//! catchable by JS. Return/break/continue are statement results
//! ([`Flow`]).

pub mod assignment;
pub mod classes;
pub mod conversions;
pub mod dispatch;
pub mod dynamic_function;
pub mod eval;
pub mod expressions;
pub mod functions;
pub mod iteration;
pub mod loops;
pub mod object_ops;
pub mod operators;
pub mod statements;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use super::environment::{Env, ScopeInfo, new_global_environment};
use super::generators::Yielder;
use super::heap::Heap;
use super::host::Host;
use super::ir::LabelId;
use super::object::{ArrayStorage, Obj, ObjectKind};
use super::property::{Attributes, PropertyKey};
use super::realm::{ErrorKind, Realm};
use super::value::{JsStr, Sym, Value};
use crate::engine::Limits;

/// Why a run stops regardless of JS handlers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    /// The step budget ran out.
    StepBudget(u64),
    /// The approximate heap passed the limit.
    HeapLimit(usize),
    /// The transcript grew past its size limit.
    OutputLimit(usize),
}

/// What kind of abrupt completion unwinds Rust frames.
#[derive(Clone, Debug)]
pub enum AbruptKind {
    /// A throw completion carrying the thrown value.
    Throw(Value),
    /// A return completion inside an expression: only `generator.return(v)`
    /// makes one (at a `yield`); it unwinds through `finally` blocks and is
    /// never caught by `catch`.
    Return(Value),
    /// The run must stop (not catchable).
    Halt(Halt),
}

/// An abrupt completion (NON-SPEC representation: boxed, so that a
/// `Completion<Value>` is as small as a `Value` and travels in registers;
/// abrupt completions are rare).
#[derive(Clone, Debug)]
pub struct Abrupt(Box<AbruptKind>);

impl Abrupt {
    /// A throw completion.
    pub fn throw(value: Value) -> Self {
        Abrupt(Box::new(AbruptKind::Throw(value)))
    }

    /// A return completion (generator.return).
    pub fn ret(value: Value) -> Self {
        Abrupt(Box::new(AbruptKind::Return(value)))
    }

    /// A halt of the whole run.
    pub fn halt(h: Halt) -> Self {
        Abrupt(Box::new(AbruptKind::Halt(h)))
    }

    pub fn kind(&self) -> &AbruptKind {
        &self.0
    }

    pub fn into_kind(self) -> AbruptKind {
        *self.0
    }

    /// The thrown value of a throw completion.
    pub fn thrown(&self) -> Option<&Value> {
        match &*self.0 {
            AbruptKind::Throw(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_halt(&self) -> bool {
        matches!(*self.0, AbruptKind::Halt(_))
    }
}

impl From<AbruptKind> for Abrupt {
    fn from(k: AbruptKind) -> Self {
        Abrupt(Box::new(k))
    }
}

/// The spec's Completion Record for operations that can only complete
/// normally or throw: `?` propagates the throw.
pub type Completion<T> = Result<T, Abrupt>;

/// How a statement completed normally (#sec-completion-record-specification-type).
///
/// NON-SPEC representation: `Copy` and 8 bytes, so that a
/// `Completion<Flow>` travels in registers and needs no drop. A return
/// completion's value waits in [`Frame::return_value`]; labels are ids
/// the resolver gave them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Normal,
    /// A return completion; its value is in `Frame::return_value`.
    Return,
    Break(Option<LabelId>),
    Continue(Option<LabelId>),
}

/// The running execution context of ECMAScript code (#sec-execution-contexts),
/// plus its registers (NON-SPEC).
pub struct Frame<'y> {
    /// Bindings no closure captures (None = uninitialised, in its TDZ).
    pub registers: Vec<Option<Value>>,
    /// The LexicalEnvironment component.
    pub env: Env,
    /// The function's `this` when it is kept in the frame; None before
    /// `super()` in a derived constructor.
    pub this_value: Option<Value>,
    /// The Function component (None in script code).
    pub function: Option<Obj>,
    /// [[NewTarget]] of the function (undefined for [[Call]]).
    pub new_target: Value,
    /// Whether the code is strict.
    pub strict: bool,
    /// The suspension point of a generator or async body.
    pub yielder: Option<&'y Yielder>,
    /// The value of the return completion being propagated ([`Flow::Return`]).
    pub return_value: Value,
}

/// A built-in function activation: what `interp.active_function()` and
/// `interp.new_target()` answer inside native code.
struct NativeActivation {
    callee: Obj,
    new_target: Option<Obj>,
}

/// The native stack available to the code running now (NON-SPEC).
#[derive(Clone, Copy, Debug)]
pub struct StackBounds {
    /// Address of a local near the bottom of the stack.
    pub base: usize,
    /// Usable bytes below `base`.
    pub size: usize,
}

/// Bytes of native stack kept free: a RangeError is thrown before less
/// than this remains.
const STACK_MARGIN: usize = 256 * 1024;

/// The interpreter: heap, realm, host, limits.
pub struct Interpreter {
    pub heap: Heap,
    pub realm: Realm,
    pub host: RefCell<Host>,
    /// The Global Environment Record.
    pub global_env: Env,
    self_ref: Weak<Interpreter>,
    steps_left: Cell<u64>,
    step_budget: u64,
    depth: Cell<usize>,
    max_depth: usize,
    stack: Cell<StackBounds>,
    natives: RefCell<Vec<NativeActivation>>,
    /// Register vectors of finished calls, for reuse (NON-SPEC).
    register_pool: RefCell<Vec<Vec<Option<Value>>>>,
    /// Argument vectors of finished calls, for reuse (NON-SPEC).
    args_pool: RefCell<Vec<Vec<Value>>>,
    /// [[KeptAlive]] of the agent (#sec-agents): WeakRef targets kept until
    /// ClearKeptObjects at the end of the job.
    kept_alive: RefCell<Vec<Obj>>,
    /// The GlobalSymbolRegistry (#sec-symbol.for).
    pub symbol_registry: RefCell<HashMap<JsStr, Sym>>,
    /// Well-known symbols (#sec-well-known-symbols).
    pub symbols: WellKnownSymbols,
}

/// The well-known symbols the engine uses.
pub struct WellKnownSymbols {
    pub iterator: Sym,
    pub async_iterator: Sym,
    pub has_instance: Sym,
    pub to_primitive: Sym,
    pub to_string_tag: Sym,
    pub species: Sym,
    pub unscopables: Sym,
    pub is_concat_spreadable: Sym,
    pub match_: Sym,
    pub match_all: Sym,
    pub replace: Sym,
    pub search: Sym,
    pub split: Sym,
}

impl WellKnownSymbols {
    fn new() -> Self {
        let s = |d: &str| Sym::new(Some(JsStr::from(d)));
        WellKnownSymbols {
            iterator: s("Symbol.iterator"),
            async_iterator: s("Symbol.asyncIterator"),
            has_instance: s("Symbol.hasInstance"),
            to_primitive: s("Symbol.toPrimitive"),
            to_string_tag: s("Symbol.toStringTag"),
            species: s("Symbol.species"),
            unscopables: s("Symbol.unscopables"),
            is_concat_spreadable: s("Symbol.isConcatSpreadable"),
            match_: s("Symbol.match"),
            match_all: s("Symbol.matchAll"),
            replace: s("Symbol.replace"),
            search: s("Symbol.search"),
            split: s("Symbol.split"),
        }
    }
}

thread_local! {
    /// The interpreter running on this thread (NON-SPEC: lets lazily kept
    /// function properties allocate their objects).
    static CURRENT: RefCell<Weak<Interpreter>> = const { RefCell::new(Weak::new()) };
}

/// Runs `f` with the interpreter running on this thread, if any.
pub fn with_current<R>(f: impl FnOnce(&Interpreter) -> R) -> Option<R> {
    let interp = CURRENT.with(|c| c.borrow().upgrade())?;
    Some(f(&interp))
}

/// Address of a local: how deep the native stack is.
#[inline(always)]
pub fn approximate_stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl Interpreter {
    /// A fresh realm and host under `limits`, with every built-in installed.
    /// `stack` describes the native stack the interpreter runs on.
    pub fn new(
        limits: &Limits,
        stack: StackBounds,
        global_lexical_scope: Rc<ScopeInfo>,
    ) -> Rc<Interpreter> {
        let heap = Heap::new(limits.heap_bytes);
        let realm = Realm::new(&heap);
        let global_env = new_global_environment(
            &heap,
            realm.global_object.clone(),
            realm.global_object.clone(),
            global_lexical_scope,
        );
        let interp = Rc::new_cyclic(|self_ref| Interpreter {
            heap,
            realm,
            host: RefCell::new(Host::new()),
            global_env,
            self_ref: self_ref.clone(),
            steps_left: Cell::new(limits.steps),
            step_budget: limits.steps,
            depth: Cell::new(0),
            max_depth: limits.max_depth,
            stack: Cell::new(stack),
            natives: RefCell::new(Vec::new()),
            register_pool: RefCell::new(Vec::new()),
            args_pool: RefCell::new(Vec::new()),
            kept_alive: RefCell::new(Vec::new()),
            symbol_registry: RefCell::new(HashMap::new()),
            symbols: WellKnownSymbols::new(),
        });
        CURRENT.with(|c| *c.borrow_mut() = Rc::downgrade(&interp));
        super::builtins::install(&interp);
        interp
    }

    /// ScriptEvaluation ( scriptRecord ) — https://tc39.es/ecma262/#sec-runtime-semantics-scriptevaluation
    pub fn run_script(&self, code: &super::ir::ScriptCode) -> Completion<()> {
        // 5.–12. A new execution context whose Variable- and LexicalEnvironment
        // are the global environment.
        let mut frame = Frame {
            registers: vec![None; code.register_count as usize],
            env: self.global_env.clone(),
            this_value: Some(Value::Object(self.realm.global_object.clone())),
            function: None,
            new_target: Value::Undefined,
            strict: code.strict,
            yielder: None,
            return_value: Value::Undefined,
        };
        // 13. GlobalDeclarationInstantiation(script, globalEnv).
        self.global_declaration_instantiation(&mut frame, code)?;
        // 14. Evaluate the ScriptBody.
        self.eval_statements(&mut frame, &code.body)?;
        Ok(())
    }

    /// Releases everything the run made (NON-SPEC): drops queued jobs and
    /// timers and empties every heap container, breaking all cycles
    /// (including those through suspended generator stacks).
    pub fn teardown(&self) {
        self.host.borrow_mut().clear_queues();
        self.clear_kept_objects();
        self.heap.teardown();
    }

    /// A counted handle to this interpreter (for coroutine bodies).
    pub fn rc(&self) -> Rc<Interpreter> {
        self.self_ref
            .upgrade()
            .expect("the interpreter is alive while it runs code")
    }

    // ----- limits -----

    /// Counts one evaluation step (loop iterations and calls) and checks the
    /// heap limit: the safe points where a run may be stopped.
    #[inline(always)]
    pub fn tick(&self) -> Completion<()> {
        let left = self.steps_left.get();
        if left != 0 && !self.heap.over_limit() {
            self.steps_left.set(left - 1);
            return Ok(());
        }
        Err(self.tick_halt(left))
    }

    /// The rare end of [`Interpreter::tick`]: the budget is spent, or the
    /// step is counted and the heap is over its limit.
    #[cold]
    #[inline(never)]
    fn tick_halt(&self, left: u64) -> Abrupt {
        if left == 0 {
            return Abrupt::halt(Halt::StepBudget(self.step_budget));
        }
        self.steps_left.set(left - 1);
        Abrupt::halt(Halt::HeapLimit(self.heap.limit_bytes()))
    }

    /// Enters a function call: counts a step, and throws a RangeError when
    /// the call depth or the native stack runs out.
    #[inline]
    pub fn enter_call(&self) -> Completion<()> {
        self.tick()?;
        let depth = self.depth.get() + 1;
        let stack = self.stack.get();
        let used = stack.base.saturating_sub(approximate_stack_pointer());
        if depth > self.max_depth || used + STACK_MARGIN > stack.size {
            return Err(self.throw_error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        self.depth.set(depth);
        Ok(())
    }

    /// Leaves a function call entered with [`Interpreter::enter_call`].
    #[inline]
    pub fn exit_call(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    pub fn call_depth(&self) -> usize {
        self.depth.get()
    }

    /// Replaces the stack bounds (when switching to or from a coroutine
    /// stack); returns the previous ones.
    pub fn swap_stack(&self, bounds: StackBounds) -> StackBounds {
        self.stack.replace(bounds)
    }

    /// Sets the call depth (a coroutine restores its caller's).
    pub fn set_call_depth(&self, depth: usize) {
        self.depth.set(depth);
    }

    // ----- register vectors (NON-SPEC) -----

    /// `n` fresh (uninitialised) registers, reusing a pooled vector.
    #[inline]
    pub fn take_registers(&self, n: usize) -> Vec<Option<Value>> {
        if n == 0 {
            return Vec::new();
        }
        let mut v = self.register_pool.borrow_mut().pop().unwrap_or_default();
        v.reserve(n);
        v.extend(std::iter::repeat_with(|| None).take(n));
        v
    }

    /// Returns a frame's registers to the pool, leaving it none (without
    /// moving the vector through the caller).
    #[inline]
    pub fn recycle_registers(&self, v: &mut Vec<Option<Value>>) {
        if v.capacity() != 0 {
            self.pool_registers(std::mem::take(v));
        }
    }

    /// Returns a call's registers to the pool.
    #[inline]
    pub fn return_registers(&self, v: Vec<Option<Value>>) {
        if v.capacity() != 0 {
            self.pool_registers(v);
        }
    }

    #[inline(never)]
    fn pool_registers(&self, mut v: Vec<Option<Value>>) {
        v.clear();
        let mut pool = self.register_pool.borrow_mut();
        if pool.len() < 256 {
            pool.push(v);
        }
    }

    /// An empty argument vector, reusing a pooled one.
    #[inline]
    pub fn take_args(&self) -> Vec<Value> {
        self.args_pool.borrow_mut().pop().unwrap_or_default()
    }

    /// Returns an argument vector to the pool.
    #[inline]
    pub fn return_args(&self, v: Vec<Value>) {
        if v.capacity() != 0 && v.capacity() <= 64 {
            self.pool_args(v);
        }
    }

    #[inline(never)]
    fn pool_args(&self, mut v: Vec<Value>) {
        v.clear();
        let mut pool = self.args_pool.borrow_mut();
        if pool.len() < 256 {
            pool.push(v);
        }
    }

    // ----- built-in activations -----

    pub(crate) fn push_native(&self, callee: Obj, new_target: Option<Obj>) {
        self.natives
            .borrow_mut()
            .push(NativeActivation { callee, new_target });
    }

    pub(crate) fn pop_native(&self) {
        self.natives.borrow_mut().pop();
    }

    /// The active function object of the running built-in.
    pub fn active_function(&self) -> Option<Obj> {
        self.natives.borrow().last().map(|a| a.callee.clone())
    }

    /// NewTarget of the running built-in: None when called, not constructed.
    pub fn new_target(&self) -> Option<Obj> {
        self.natives
            .borrow()
            .last()
            .and_then(|a| a.new_target.clone())
    }

    /// Internal slot `i` of the running built-in closure (see
    /// `BuiltinFunction::slots`).
    pub fn native_slot(&self, i: usize) -> Value {
        let natives = self.natives.borrow();
        let Some(a) = natives.last() else {
            return Value::Undefined;
        };
        match &a.callee.borrow().kind {
            ObjectKind::Builtin(b) => b.slots.get(i).cloned().unwrap_or_default(),
            _ => Value::Undefined,
        }
    }

    /// Writes internal slot `i` of the running built-in closure.
    pub fn set_native_slot(&self, i: usize, value: Value) {
        let natives = self.natives.borrow();
        let Some(a) = natives.last() else { return };
        if let ObjectKind::Builtin(b) = &mut a.callee.borrow_mut().kind
            && let Some(s) = b.slots.get_mut(i)
        {
            *s = value;
        }
    }

    // ----- WeakRef support -----

    /// AddToKeptObjects ( value ) — https://tc39.es/ecma262/#sec-addtokeptobjects
    pub fn add_to_kept_objects(&self, object: Obj) {
        self.kept_alive.borrow_mut().push(object);
    }

    /// ClearKeptObjects ( ) — https://tc39.es/ecma262/#sec-clear-kept-objects
    pub fn clear_kept_objects(&self) {
        let kept = std::mem::take(&mut *self.kept_alive.borrow_mut());
        drop(kept);
    }

    // ----- object creation helpers -----

    /// OrdinaryObjectCreate ( %Object.prototype% ).
    pub fn new_object(&self) -> Obj {
        Obj::with_kind(
            &self.heap,
            Some(self.realm.object_prototype.clone()),
            ObjectKind::Ordinary,
        )
    }

    /// OrdinaryObjectCreate ( proto ).
    pub fn new_object_with_proto(&self, proto: Option<Obj>) -> Obj {
        Obj::with_kind(&self.heap, proto, ObjectKind::Ordinary)
    }

    /// CreateArrayFromList ( elements ) — https://tc39.es/ecma262/#sec-createarrayfromlist
    pub fn new_array(&self, values: Vec<Value>) -> Obj {
        self.heap.note_bytes(values.len() * 24);
        Obj::with_kind(
            &self.heap,
            Some(self.realm.array_prototype.clone()),
            ObjectKind::Array(ArrayStorage::from_values(values)),
        )
    }

    /// A new Error object of `kind` with `message` (not thrown).
    pub fn new_error(&self, kind: ErrorKind, message: &str) -> Obj {
        let e = Obj::with_kind(
            &self.heap,
            Some(self.realm.error_prototype(kind).clone()),
            ObjectKind::Error,
        );
        e.define_data("message", Value::from(message), Attributes::builtin());
        e
    }

    /// A throw completion carrying a new `kind` error.
    pub fn throw_error(&self, kind: ErrorKind, message: &str) -> Abrupt {
        Abrupt::throw(Value::Object(self.new_error(kind, message)))
    }

    pub fn type_error(&self, message: &str) -> Abrupt {
        self.throw_error(ErrorKind::TypeError, message)
    }

    pub fn reference_error(&self, message: &str) -> Abrupt {
        self.throw_error(ErrorKind::ReferenceError, message)
    }

    pub fn range_error(&self, message: &str) -> Abrupt {
        self.throw_error(ErrorKind::RangeError, message)
    }

    /// A string value, counted against the heap limit.
    pub fn new_string(&self, s: String) -> Value {
        self.heap.note_bytes(s.len());
        Value::String(JsStr::from(s))
    }

    /// Defines a built-in data property (writable, configurable, not
    /// enumerable) on `target`.
    pub fn define_builtin_property(&self, target: &Obj, key: impl Into<PropertyKey>, value: Value) {
        target.define_data(key, value, Attributes::builtin());
    }
}

/// The `i`th argument or undefined (the spec's "args[i] if present").
#[inline]
pub fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}
