//! Generators and async functions: bodies that can suspend.
//!
//! - GeneratorStart, GeneratorResume, GeneratorResumeAbrupt, GeneratorYield
//!   (https://tc39.es/ecma262/#sec-generator-abstract-operations)
//! - `yield*` (#sec-generator-function-definitions-runtime-semantics-evaluation)
//! - AsyncFunctionStart, AsyncBlockStart, Await (#sec-await)
//!
//! Design (NON-SPEC machinery): a suspendable body runs on its own native
//! stack, a stackful coroutine (`corosensei`). `yield` and `await` suspend
//! the coroutine from wherever they are in the tree-walking evaluator, which
//! is exactly the spec's "suspend the execution context" — the evaluator's
//! Rust frames are the saved context. The interpreter tracks the bounds of
//! the stack it runs on, so deep recursion inside a generator is still a
//! RangeError (each coroutine stack has its own budget). Stacks of finished
//! bodies are reused.
//!
//! `generator.return(v)` resumes the body with a *return completion*,
//! represented as `Abrupt::ret(v)` so that it unwinds through `finally`
//! blocks like the spec's return completion does.

use std::cell::RefCell;
use std::rc::Rc;

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult};

use super::async_generators::AsyncGeneratorQueue;
use super::function_objects::create_builtin_function;
use super::heap::{Trace, Tracer};
use super::interpreter::{
    Abrupt, AbruptKind, Completion, Frame, Interpreter, StackBounds, approximate_stack_pointer,
};
use super::ir::{Expr, FunctionCode};
use super::object::{Obj, ObjectKind};
use super::property::PropertyKey;
use super::realm::ErrorKind;
use super::value::Value;

/// What a suspended body is resumed with (GeneratorResume /
/// GeneratorResumeAbrupt, and the two outcomes of an awaited promise).
pub enum Resume {
    Next(Value),
    Throw(Value),
    Return(Value),
}

/// Why a body suspended.
pub enum Suspend {
    /// `yield v`: the caller makes `{ value: v, done: false }`.
    Yield(Value),
    /// `yield*` passing an inner iterator result object through unchanged.
    YieldRaw(Value),
    /// `await v`.
    Await(Value),
}

/// The suspension point handed to a body's frame.
pub type Yielder = corosensei::Yielder<Resume, Suspend>;

pub(crate) type Body = Coroutine<Resume, Suspend, Completion<Value>, DefaultStack>;

/// Native stack of each generator / async body (virtual; committed lazily).
pub const BODY_STACK_BYTES: usize = 64 << 20;

/// [[GeneratorState]]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeneratorState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    /// Async generators only: a `return` request waits for its value.
    AwaitingReturn,
    Completed,
}

/// A generator object's or async function activation's slots.
pub struct GeneratorData {
    /// [[GeneratorState]]
    pub state: GeneratorState,
    /// The suspended body (None while it runs, and once it completed).
    pub(crate) body: Option<Body>,
    /// For an async function: the promise its call returned.
    pub async_promise: Option<Obj>,
    /// For an async generator: [[AsyncGeneratorQueue]] (see async_generators.rs).
    pub async_queue: Option<Box<AsyncGeneratorQueue>>,
}

impl Trace for GeneratorData {
    fn trace(&self, tracer: &mut dyn Tracer) {
        // The suspended body's locals live on its native stack and cannot
        // be traced: they count as external references (see heap.rs).
        let GeneratorData {
            state: _,
            body: _,
            async_promise,
            async_queue,
        } = self;
        async_promise.trace(tracer);
        if let Some(q) = async_queue {
            q.trace(tracer);
        }
    }
}

thread_local! {
    /// Stacks of finished bodies, for reuse.
    static STACK_POOL: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

fn take_stack() -> Option<DefaultStack> {
    if let Some(s) = STACK_POOL.with(|p| p.borrow_mut().pop()) {
        return Some(s);
    }
    DefaultStack::new(BODY_STACK_BYTES).ok()
}

fn recycle(body: Body) {
    if body.done() {
        let stack = body.into_stack();
        STACK_POOL.with(|p| {
            let mut pool = p.borrow_mut();
            if pool.len() < 16 {
                pool.push(stack);
            }
        });
    }
}

impl Interpreter {
    /// OrdinaryCallEvaluateBody for generator and async bodies:
    /// EvaluateGeneratorBody (#sec-runtime-semantics-evaluategeneratorbody)
    /// and EvaluateAsyncFunctionBody / EvaluateAsyncConciseBody
    /// (#sec-runtime-semantics-evaluateasyncfunctionbody).
    pub fn start_suspendable_body(
        &self,
        mut frame: Frame<'static>,
        code: Rc<FunctionCode>,
        args: &[Value],
    ) -> Completion<Value> {
        if code.is_async && code.is_generator {
            return self.start_async_generator(frame, code, args);
        }
        if code.is_async {
            // 1. Let promiseCapability be ! NewPromiseCapability(%Promise%).
            let promise = self.new_promise();
            // 2.–3. FunctionDeclarationInstantiation; an error rejects the promise.
            match self
                .function_declaration_instantiation(&mut frame, &code, args)
                .map_err(Abrupt::into_kind)
            {
                Ok(()) => {}
                Err(AbruptKind::Throw(e)) => {
                    self.reject_promise(&promise, e);
                    return Ok(Value::Object(promise));
                }
                Err(other) => return Err(other.into()),
            }
            // 4. AsyncFunctionStart(promiseCapability, FunctionBody).
            let body = self.make_body(frame, code)?;
            let activation = Obj::with_kind(
                &self.heap,
                None,
                ObjectKind::Generator(Box::new(GeneratorData {
                    state: GeneratorState::SuspendedStart,
                    body: Some(body),
                    async_promise: Some(promise.clone()),
                    async_queue: None,
                })),
            );
            self.async_step(&activation, Resume::Next(Value::Undefined))?;
            return Ok(Value::Object(promise));
        }
        // EvaluateGeneratorBody 1. FunctionDeclarationInstantiation.
        self.function_declaration_instantiation(&mut frame, &code, args)?;
        // 2. G = OrdinaryCreateFromConstructor(functionObject, "%GeneratorPrototype%").
        // 4. GeneratorStart(G, FunctionBody).
        let fallback = self.realm.generator_prototype.clone();
        let g = self.create_generator_object(frame, code, fallback, None)?;
        Ok(Value::Object(g))
    }

    /// OrdinaryCreateFromConstructor(functionObject, fallback prototype) for a
    /// generator or async generator, with its body suspended at the start
    /// (GeneratorStart / AsyncGeneratorStart). `async_queue` is the
    /// AsyncGenerator's request queue, `None` for a plain generator.
    pub(crate) fn create_generator_object(
        &self,
        frame: Frame<'static>,
        code: Rc<FunctionCode>,
        fallback: Obj,
        async_queue: Option<Box<AsyncGeneratorQueue>>,
    ) -> Completion<Obj> {
        let proto = match &frame.function {
            Some(f) => match self.get(f, &PropertyKey::from("prototype"))? {
                Value::Object(p) => p,
                _ => fallback,
            },
            None => fallback,
        };
        let body = self.make_body(frame, code)?;
        Ok(Obj::with_kind(
            &self.heap,
            Some(proto),
            ObjectKind::Generator(Box::new(GeneratorData {
                state: GeneratorState::SuspendedStart,
                body: Some(body),
                async_promise: None,
                async_queue,
            })),
        ))
    }

    /// GeneratorStart's closure: the body evaluated on a new stack.
    pub(crate) fn make_body(
        &self,
        frame: Frame<'static>,
        code: Rc<FunctionCode>,
    ) -> Completion<Body> {
        let interp = self.rc();
        let Some(stack) = take_stack() else {
            return Err(self.range_error("Cannot allocate a stack for a generator"));
        };
        let Frame {
            registers,
            env,
            this_value,
            function,
            new_target,
            strict,
            yielder: _,
            return_value: _,
        } = frame;
        Ok(Coroutine::with_stack(
            stack,
            move |yielder: &Yielder, _first: Resume| {
                interp.swap_stack(StackBounds {
                    base: approximate_stack_pointer(),
                    size: BODY_STACK_BYTES - (64 << 10),
                });
                let mut frame = Frame {
                    registers,
                    env,
                    this_value,
                    function,
                    new_target,
                    strict,
                    yielder: Some(yielder),
                    return_value: Value::Undefined,
                };
                match interp
                    .evaluate_body(&mut frame, &code)
                    .map_err(Abrupt::into_kind)
                {
                    Ok(v) => Ok(v.unwrap_or_default()),
                    // A return completion injected by generator.return(v).
                    Err(AbruptKind::Return(v)) => Ok(v),
                    Err(e) => Err(e.into()),
                }
            },
        ))
    }

    /// Resumes a suspended body, restoring this stack's bounds after.
    pub(crate) fn resume_body(
        &self,
        g: &Obj,
        input: Resume,
    ) -> Completion<CoroutineResult<Suspend, Completion<Value>>> {
        let body = match &mut g.borrow_mut().kind {
            ObjectKind::Generator(d) => d.body.take(),
            _ => None,
        };
        let Some(mut body) = body else {
            return Err(self.type_error("generator body is missing"));
        };
        let saved = self.swap_stack(self.stack_bounds());
        let depth = self.call_depth();
        let result = body.resume(input);
        self.swap_stack(saved);
        self.set_call_depth(depth);
        match &result {
            CoroutineResult::Yield(_) => {
                if let ObjectKind::Generator(d) = &mut g.borrow_mut().kind {
                    d.body = Some(body);
                }
            }
            CoroutineResult::Return(_) => recycle(body),
        }
        Ok(result)
    }

    /// Suspends the running body (GeneratorYield / Await step "suspend"),
    /// returning what it is resumed with.
    pub(crate) fn suspend(&self, frame: &Frame, why: Suspend) -> Completion<Resume> {
        let Some(y) = frame.yielder else {
            return Err(self.throw_error(
                ErrorKind::SyntaxError,
                "yield or await outside a generator or async function",
            ));
        };
        let own = self.stack_bounds();
        let resumed = y.suspend(why);
        self.swap_stack(own);
        Ok(resumed)
    }

    /// Yield / `yield v` — https://tc39.es/ecma262/#sec-yield
    pub fn eval_yield(
        &self,
        frame: &mut Frame,
        argument: Option<&Expr>,
        delegate: bool,
    ) -> Completion<Value> {
        let value = match argument {
            Some(e) => self.eval_expr(frame, e)?,
            None => Value::Undefined,
        };
        if self.in_async_generator(frame) {
            return self.async_generator_eval_yield(frame, value, delegate);
        }
        if delegate {
            return self.yield_star(frame, value);
        }
        match self.suspend(frame, Suspend::Yield(value))? {
            Resume::Next(v) => Ok(v),
            Resume::Throw(e) => Err(Abrupt::throw(e)),
            Resume::Return(v) => Err(Abrupt::ret(v)),
        }
    }

    /// YieldExpression : yield * AssignmentExpression (sync generators).
    fn yield_star(&self, frame: &mut Frame, iterable: Value) -> Completion<Value> {
        // 3.–4. iteratorRecord = ? GetIterator(value, sync).
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let Some(method) = self.get_method(&iterable, &key)? else {
            return Err(self.type_error("yield* target is not iterable"));
        };
        let super::interpreter::iteration::IteratorRecord::Generic {
            iterator,
            next_method,
            ..
        } = self.get_iterator_from_method(&iterable, &method)?
        else {
            return Err(self.type_error("yield* target is not iterable"));
        };
        // 5.–7. received = NormalCompletion(undefined); repeat.
        let mut received = Resume::Next(Value::Undefined);
        loop {
            let inner = match received {
                // 7.a. Normal: innerResult = Call(next, iterator, « v »).
                Resume::Next(v) => self.call(&next_method, &iterator, &[v])?,
                // 7.b. Throw: call `throw` if present, else close and TypeError.
                Resume::Throw(e) => {
                    match self.get_method(&iterator, &PropertyKey::from("throw"))? {
                        Some(throw) => self.call(&throw, &iterator, &[e])?,
                        None => {
                            let record = super::interpreter::iteration::IteratorRecord::Generic {
                                iterator: iterator.clone(),
                                next_method: next_method.clone(),
                                done: false,
                            };
                            self.iterator_close(&record)?;
                            return Err(
                                self.type_error("The iterator does not provide a 'throw' method")
                            );
                        }
                    }
                }
                // 7.c. Return: call `return` if present, else return v.
                Resume::Return(v) => match self
                    .get_method(&iterator, &PropertyKey::from("return"))?
                {
                    None => return Err(Abrupt::ret(v)),
                    Some(ret) => {
                        let r = self.call(&ret, &iterator, &[v])?;
                        let Value::Object(ro) = &r else {
                            return Err(self.type_error("Iterator result is not an object"));
                        };
                        if self.get(ro, &PropertyKey::from("done"))?.to_boolean() {
                            return Err(Abrupt::ret(self.get(ro, &PropertyKey::from("value"))?));
                        }
                        received = self.suspend(frame, Suspend::YieldRaw(r))?;
                        continue;
                    }
                },
            };
            let Value::Object(io) = &inner else {
                return Err(self.type_error("Iterator result is not an object"));
            };
            // done → the value of the yield* expression.
            if self.get(io, &PropertyKey::from("done"))?.to_boolean() {
                return self.get(io, &PropertyKey::from("value"));
            }
            // GeneratorYield(innerResult) passes the object through.
            received = self.suspend(frame, Suspend::YieldRaw(inner))?;
        }
    }

    /// Await ( value ) — https://tc39.es/ecma262/#await
    pub fn await_value(&self, frame: &mut Frame, value: Value) -> Completion<Value> {
        match self.suspend(frame, Suspend::Await(value))? {
            Resume::Next(v) => Ok(v),
            Resume::Throw(e) => Err(Abrupt::throw(e)),
            Resume::Return(v) => Err(Abrupt::ret(v)),
        }
    }

    /// GeneratorResume / GeneratorResumeAbrupt ( generator, value/abruptCompletion ) —
    /// https://tc39.es/ecma262/#sec-generatorresume
    pub fn generator_resume(&self, generator: &Value, input: Resume) -> Completion<Value> {
        // GeneratorValidate: a generator object not already running.
        let Value::Object(g) = generator else {
            return Err(self.type_error("not a generator"));
        };
        let state = match &g.borrow().kind {
            ObjectKind::Generator(d) if d.async_promise.is_none() && d.async_queue.is_none() => {
                d.state
            }
            _ => return Err(self.type_error("not a generator")),
        };
        let set_state = |s: GeneratorState| {
            if let ObjectKind::Generator(d) = &mut g.borrow_mut().kind {
                d.state = s;
                if s == GeneratorState::Completed {
                    d.body = None;
                }
            }
        };
        match (state, &input) {
            (GeneratorState::Executing, _) => {
                return Err(self.type_error("Generator is already running"));
            }
            // GeneratorResumeAbrupt 2.: suspendedStart + abrupt → completed.
            (GeneratorState::SuspendedStart | GeneratorState::Completed, Resume::Return(v)) => {
                set_state(GeneratorState::Completed);
                return Ok(self.create_iter_result_object(v.clone(), true));
            }
            (GeneratorState::SuspendedStart | GeneratorState::Completed, Resume::Throw(e)) => {
                set_state(GeneratorState::Completed);
                return Err(Abrupt::throw(e.clone()));
            }
            // GeneratorResume 3.: completed → { undefined, done: true }.
            (GeneratorState::Completed, Resume::Next(_)) => {
                return Ok(self.create_iter_result_object(Value::Undefined, true));
            }
            _ => {}
        }
        set_state(GeneratorState::Executing);
        let result = self.resume_body(g, input);
        match result {
            Err(e) => {
                set_state(GeneratorState::Completed);
                Err(e)
            }
            Ok(CoroutineResult::Yield(Suspend::Yield(v))) => {
                set_state(GeneratorState::SuspendedYield);
                Ok(self.create_iter_result_object(v, false))
            }
            Ok(CoroutineResult::Yield(Suspend::YieldRaw(o))) => {
                set_state(GeneratorState::SuspendedYield);
                Ok(o)
            }
            Ok(CoroutineResult::Yield(Suspend::Await(_))) => {
                set_state(GeneratorState::Completed);
                Err(self.throw_error(ErrorKind::SyntaxError, "await in a generator"))
            }
            Ok(CoroutineResult::Return(r)) => {
                set_state(GeneratorState::Completed);
                r.map(|v| self.create_iter_result_object(v, true))
            }
        }
    }

    /// Runs an async function's body until its next `await` or its end
    /// (AsyncBlockStart, and the continuation Await installs).
    pub fn async_step(&self, activation: &Obj, input: Resume) -> Completion<()> {
        let promise = match &activation.borrow().kind {
            ObjectKind::Generator(d) => d.async_promise.clone(),
            _ => None,
        };
        let Some(promise) = promise else {
            return Err(self.type_error("not an async activation"));
        };
        match self.resume_body(activation, input)? {
            CoroutineResult::Yield(Suspend::Await(v)) => {
                // Await 2. promise = ? PromiseResolve(%Promise%, value).
                let awaited = match self.promise_resolve_intrinsic(v).map_err(Abrupt::into_kind) {
                    Ok(p) => p,
                    Err(AbruptKind::Throw(e)) => {
                        return self.async_step(activation, Resume::Throw(e));
                    }
                    Err(other) => return Err(other.into()),
                };
                // 3.–9. onFulfilled / onRejected resume the body; PerformPromiseThen.
                let slots = vec![Value::Object(activation.clone())];
                let on_fulfilled =
                    create_builtin_function(self, await_fulfilled, 1, "", slots.clone(), false);
                let on_rejected =
                    create_builtin_function(self, await_rejected, 1, "", slots, false);
                self.perform_promise_then(
                    &awaited,
                    Value::Object(on_fulfilled),
                    Value::Object(on_rejected),
                    None,
                );
                Ok(())
            }
            CoroutineResult::Yield(_) => {
                Err(self.throw_error(ErrorKind::SyntaxError, "yield in an async function"))
            }
            // AsyncBlockStart 2.e–g: resolve with the return value, reject with the error.
            CoroutineResult::Return(Ok(v)) => {
                self.resolve_promise(&promise, v)?;
                Ok(())
            }
            CoroutineResult::Return(Err(e)) => match e.into_kind() {
                AbruptKind::Throw(e) => {
                    self.reject_promise(&promise, e);
                    Ok(())
                }
                AbruptKind::Return(v) => {
                    self.resolve_promise(&promise, v)?;
                    Ok(())
                }
                halt => Err(halt.into()),
            },
        }
    }

    /// The stack bounds in force now.
    pub fn stack_bounds(&self) -> StackBounds {
        let b = self.swap_stack(StackBounds { base: 0, size: 0 });
        self.swap_stack(b);
        b
    }
}

/// Await's onFulfilled closure: resume the body with the value.
fn await_fulfilled(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Value::Object(a) = interp.native_slot(0) {
        interp.async_step(&a, Resume::Next(super::interpreter::arg(args, 0)))?;
    }
    Ok(Value::Undefined)
}

/// Await's onRejected closure: resume the body with a throw.
fn await_rejected(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Value::Object(a) = interp.native_slot(0) {
        interp.async_step(&a, Resume::Throw(super::interpreter::arg(args, 0)))?;
    }
    Ok(Value::Undefined)
}
