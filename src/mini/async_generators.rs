//! Async generators: `async function*` bodies, driven by a queue of
//! `next` / `throw` / `return` requests, each answered by a promise.
//!
//! - AsyncGeneratorStart, AsyncGeneratorEnqueue, AsyncGeneratorResume,
//!   AsyncGeneratorCompleteStep, AsyncGeneratorDrainQueue,
//!   AsyncGeneratorAwaitReturn, AsyncGeneratorYield and
//!   AsyncGeneratorUnwrapYieldResumption
//!   (https://tc39.es/ecma262/#sec-asyncgenerator-abstract-operations)
//! - `yield` and `yield*` in an async generator
//!   (#sec-generator-function-definitions-runtime-semantics-evaluation)
//!
//! The body runs as a coroutine like any generator (see generators.rs):
//! `await` suspends it with [`Suspend::Await`] and a promise reaction
//! resumes it; `yield` awaits its operand in the body, then suspends with
//! [`Suspend::Yield`], which completes the request at the queue's front.

use std::collections::VecDeque;
use std::rc::Rc;

use corosensei::CoroutineResult;

use super::function_objects::create_builtin_function;
use super::generators::{GeneratorData, GeneratorState, Resume, Suspend};
use super::heap::{Trace, Tracer};
use super::interpreter::{Abrupt, AbruptKind, Completion, Frame, Interpreter, arg};
use super::ir::FunctionCode;
use super::object::{Obj, ObjectKind};
use super::property::PropertyKey;
use super::value::Value;

/// Which method made a request (the [[Completion]]'s type).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RequestKind {
    Next,
    Throw,
    Return,
}

/// AsyncGeneratorRequest Record: { [[Completion]], [[Capability]] }.
struct AsyncGeneratorRequest {
    kind: RequestKind,
    value: Value,
    promise: Obj,
}

/// [[AsyncGeneratorQueue]]
#[derive(Default)]
pub struct AsyncGeneratorQueue {
    requests: VecDeque<AsyncGeneratorRequest>,
}

impl Trace for AsyncGeneratorQueue {
    fn trace(&self, tracer: &mut dyn Tracer) {
        for r in &self.requests {
            r.value.trace(tracer);
            tracer.object(&r.promise);
        }
    }
}

fn to_resume(kind: RequestKind, value: Value) -> Resume {
    match kind {
        RequestKind::Next => Resume::Next(value),
        RequestKind::Throw => Resume::Throw(value),
        RequestKind::Return => Resume::Return(value),
    }
}

/// The queue and state of an async generator object, if `g` is one.
fn with_data<R>(g: &Obj, f: impl FnOnce(&mut GeneratorData) -> R) -> Option<R> {
    match &mut g.borrow_mut().kind {
        ObjectKind::Generator(d) if d.async_queue.is_some() => Some(f(d)),
        _ => None,
    }
}

fn state_of(g: &Obj) -> GeneratorState {
    with_data(g, |d| d.state).unwrap_or(GeneratorState::Completed)
}

fn set_state(g: &Obj, state: GeneratorState) {
    with_data(g, |d| {
        d.state = state;
        if state == GeneratorState::Completed {
            d.body = None;
        }
    });
}

fn front(g: &Obj) -> Option<(RequestKind, Value)> {
    with_data(g, |d| {
        d.async_queue
            .as_ref()
            .and_then(|q| q.requests.front().map(|r| (r.kind, r.value.clone())))
    })
    .flatten()
}

impl Interpreter {
    /// True when `frame` runs the body of an async generator.
    pub fn in_async_generator(&self, frame: &Frame) -> bool {
        frame.function.as_ref().is_some_and(|f| {
            matches!(&f.borrow().kind, ObjectKind::Function(d) if d.code.is_async && d.code.is_generator)
        })
    }

    /// EvaluateAsyncGeneratorBody — https://tc39.es/ecma262/#sec-runtime-semantics-evaluateasyncgeneratorbody
    pub fn start_async_generator(
        &self,
        mut frame: Frame<'static>,
        code: Rc<FunctionCode>,
        args: &[Value],
    ) -> Completion<Value> {
        // 1. Perform ? FunctionDeclarationInstantiation(functionObject, argumentsList).
        self.function_declaration_instantiation(&mut frame, &code, args)?;
        // 2. generator = OrdinaryCreateFromConstructor(functionObject, "%AsyncGeneratorPrototype%").
        // 3.–4. AsyncGeneratorStart(generator, FunctionBody): state suspended-start, empty queue.
        let fallback = self.realm.async_generator_prototype.clone();
        let g = self.create_generator_object(frame, code, fallback, Some(Box::default()))?;
        Ok(Value::Object(g))
    }

    /// %AsyncGeneratorPrototype%.next / return / throw: validate, enqueue,
    /// and resume the body when it is suspended
    /// (#sec-asyncgenerator-prototype-next and siblings).
    pub fn async_generator_request(&self, generator: &Value, resume: Resume) -> Completion<Value> {
        let (kind, value) = match resume {
            Resume::Next(v) => (RequestKind::Next, v),
            Resume::Throw(v) => (RequestKind::Throw, v),
            Resume::Return(v) => (RequestKind::Return, v),
        };
        // 1.–2. promiseCapability = ! NewPromiseCapability(%Promise%).
        let promise = self.new_promise();
        // 3.–4. AsyncGeneratorValidate; IfAbruptRejectPromise.
        let g = match generator {
            Value::Object(g) if with_data(g, |_| ()).is_some() => g.clone(),
            _ => {
                let e = self.type_error("not an async generator");
                match e.into_kind() {
                    AbruptKind::Throw(v) => self.reject_promise(&promise, v),
                    other => return Err(other.into()),
                }
                return Ok(Value::Object(promise));
            }
        };
        let mut state = state_of(&g);
        match kind {
            RequestKind::Next if state == GeneratorState::Completed => {
                // next: a completed generator answers { undefined, done: true }.
                let r = self.create_iter_result_object(Value::Undefined, true);
                self.resolve_promise(&promise, r)?;
                return Ok(Value::Object(promise));
            }
            RequestKind::Throw => {
                if state == GeneratorState::SuspendedStart {
                    set_state(&g, GeneratorState::Completed);
                    state = GeneratorState::Completed;
                }
                if state == GeneratorState::Completed {
                    self.reject_promise(&promise, value);
                    return Ok(Value::Object(promise));
                }
            }
            _ => {}
        }
        // AsyncGeneratorEnqueue ( generator, completion, promiseCapability ).
        with_data(&g, |d| {
            if let Some(q) = &mut d.async_queue {
                q.requests.push_back(AsyncGeneratorRequest {
                    kind,
                    value: value.clone(),
                    promise: promise.clone(),
                });
            }
        });
        match (kind, state) {
            // return: suspended-start or completed → awaiting-return.
            (RequestKind::Return, GeneratorState::SuspendedStart | GeneratorState::Completed) => {
                set_state(&g, GeneratorState::AwaitingReturn);
                self.async_generator_await_return(&g)?;
            }
            // Suspended: AsyncGeneratorResume(generator, completion).
            (_, GeneratorState::SuspendedStart | GeneratorState::SuspendedYield) => {
                self.async_generator_resume(&g, to_resume(kind, value))?;
            }
            // Executing or awaiting-return: the request waits in the queue.
            _ => {}
        }
        Ok(Value::Object(promise))
    }

    /// AsyncGeneratorResume ( generator, completion ), and the body's run
    /// up to its next suspension.
    fn async_generator_resume(&self, g: &Obj, input: Resume) -> Completion<()> {
        let mut input = input;
        loop {
            set_state(g, GeneratorState::Executing);
            match self.resume_body(g, input)? {
                CoroutineResult::Yield(Suspend::Await(v)) => {
                    // Await: resume once the promise settles.
                    let awaited = match self.promise_resolve_intrinsic(v).map_err(Abrupt::into_kind)
                    {
                        Ok(p) => p,
                        Err(AbruptKind::Throw(e)) => {
                            input = Resume::Throw(e);
                            continue;
                        }
                        Err(other) => return Err(other.into()),
                    };
                    let slots = vec![Value::Object(g.clone())];
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
                    return Ok(());
                }
                CoroutineResult::Yield(Suspend::Yield(v) | Suspend::YieldRaw(v)) => {
                    // AsyncGeneratorYield: complete the front request with { v, done: false }.
                    self.async_generator_complete_step(g, RequestKind::Next, v, false)?;
                    // Another request waiting: continue with it without suspending.
                    match front(g) {
                        Some((kind, value)) => input = to_resume(kind, value),
                        None => {
                            set_state(g, GeneratorState::SuspendedYield);
                            return Ok(());
                        }
                    }
                }
                CoroutineResult::Return(result) => {
                    // AsyncGeneratorStart step 4: the body finished.
                    set_state(g, GeneratorState::Completed);
                    match result.map_err(Abrupt::into_kind) {
                        Ok(v) | Err(AbruptKind::Return(v)) => {
                            self.async_generator_complete_step(g, RequestKind::Next, v, true)?
                        }
                        Err(AbruptKind::Throw(e)) => {
                            self.async_generator_complete_step(g, RequestKind::Throw, e, true)?
                        }
                        Err(halt) => return Err(halt.into()),
                    }
                    return self.async_generator_drain_queue(g);
                }
            }
        }
    }

    /// AsyncGeneratorCompleteStep ( generator, completion, done ): settle
    /// the front request's promise.
    fn async_generator_complete_step(
        &self,
        g: &Obj,
        kind: RequestKind,
        value: Value,
        done: bool,
    ) -> Completion<()> {
        let next = with_data(g, |d| {
            d.async_queue.as_mut().and_then(|q| q.requests.pop_front())
        })
        .flatten();
        let Some(next) = next else { return Ok(()) };
        if kind == RequestKind::Throw {
            self.reject_promise(&next.promise, value);
            return Ok(());
        }
        let r = self.create_iter_result_object(value, done);
        self.resolve_promise(&next.promise, r)
    }

    /// AsyncGeneratorDrainQueue ( generator ): answer the requests left
    /// once the body completed.
    fn async_generator_drain_queue(&self, g: &Obj) -> Completion<()> {
        while let Some((kind, value)) = front(g) {
            match kind {
                RequestKind::Return => {
                    set_state(g, GeneratorState::AwaitingReturn);
                    return self.async_generator_await_return(g);
                }
                RequestKind::Throw => {
                    self.async_generator_complete_step(g, RequestKind::Throw, value, true)?
                }
                RequestKind::Next => self.async_generator_complete_step(
                    g,
                    RequestKind::Next,
                    Value::Undefined,
                    true,
                )?,
            }
        }
        Ok(())
    }

    /// AsyncGeneratorAwaitReturn ( generator ): a `return` request on a
    /// generator that is not running awaits its value, then answers.
    fn async_generator_await_return(&self, g: &Obj) -> Completion<()> {
        let Some((_, value)) = front(g) else {
            return Ok(());
        };
        let promise = match self
            .promise_resolve_intrinsic(value)
            .map_err(Abrupt::into_kind)
        {
            Ok(p) => p,
            Err(AbruptKind::Throw(e)) => {
                set_state(g, GeneratorState::Completed);
                self.async_generator_complete_step(g, RequestKind::Throw, e, true)?;
                return self.async_generator_drain_queue(g);
            }
            Err(other) => return Err(other.into()),
        };
        let slots = vec![Value::Object(g.clone())];
        let on_fulfilled =
            create_builtin_function(self, return_fulfilled, 1, "", slots.clone(), false);
        let on_rejected = create_builtin_function(self, return_rejected, 1, "", slots, false);
        self.perform_promise_then(
            &promise,
            Value::Object(on_fulfilled),
            Value::Object(on_rejected),
            None,
        );
        Ok(())
    }

    /// `yield v` / `yield* v` in an async generator body.
    pub fn async_generator_eval_yield(
        &self,
        frame: &mut Frame,
        value: Value,
        delegate: bool,
    ) -> Completion<Value> {
        if delegate {
            return self.async_yield_star(frame, value);
        }
        // Yield: return ? AsyncGeneratorYield(? Await(value)).
        let value = self.await_value(frame, value)?;
        match self.async_generator_yield(frame, value)? {
            Resume::Next(v) => Ok(v),
            Resume::Throw(e) => Err(Abrupt::throw(e)),
            Resume::Return(v) => Err(Abrupt::ret(v)),
        }
    }

    /// AsyncGeneratorYield ( value ) with AsyncGeneratorUnwrapYieldResumption:
    /// suspend; a `return` resumption awaits its value (a rejection
    /// becomes a throw).
    fn async_generator_yield(&self, frame: &mut Frame, value: Value) -> Completion<Resume> {
        match self.suspend(frame, Suspend::Yield(value))? {
            Resume::Return(v) => match self.await_value(frame, v).map_err(Abrupt::into_kind) {
                Ok(awaited) => Ok(Resume::Return(awaited)),
                Err(AbruptKind::Throw(e)) => Ok(Resume::Throw(e)),
                Err(other) => Err(other.into()),
            },
            other => Ok(other),
        }
    }

    /// YieldExpression : yield * AssignmentExpression, generatorKind async.
    /// A sync iterable stands in through CreateAsyncFromSyncIterator: its
    /// results are not awaited, their values are.
    fn async_yield_star(&self, frame: &mut Frame, iterable: Value) -> Completion<Value> {
        // 3.–4. iteratorRecord = ? GetIterator(value, async).
        let (iterator, next_method, is_sync) = self.get_async_iterator(&iterable)?;
        let mut received = Resume::Next(Value::Undefined);
        loop {
            let inner = match received {
                // 7.a. innerResult = ? Await(? Call(next, iterator, « value »)).
                Resume::Next(v) => self.call(&next_method, &iterator, &[v])?,
                // 7.b. Throw: forward to `throw`, or close the iterator and fail.
                Resume::Throw(e) => {
                    match self.get_method(&iterator, &PropertyKey::from("throw"))? {
                        Some(throw) => self.call(&throw, &iterator, &[e])?,
                        None => {
                            if let Some(ret) =
                                self.get_method(&iterator, &PropertyKey::from("return"))?
                            {
                                let r = self.call(&ret, &iterator, &[])?;
                                if !is_sync {
                                    self.await_value(frame, r)?;
                                }
                            }
                            return Err(
                                self.type_error("The iterator does not provide a 'throw' method")
                            );
                        }
                    }
                }
                // 7.c. Return: forward to `return`, or return the awaited value.
                Resume::Return(v) => {
                    match self.get_method(&iterator, &PropertyKey::from("return"))? {
                        None => {
                            let v = self.await_value(frame, v)?;
                            return Err(Abrupt::ret(v));
                        }
                        Some(ret) => {
                            let r = self.call(&ret, &iterator, &[v])?;
                            let (done, value) = self.async_inner_result(frame, r, is_sync)?;
                            if done {
                                let value = self.await_value(frame, value)?;
                                return Err(Abrupt::ret(value));
                            }
                            received = self.async_generator_yield(frame, value)?;
                            continue;
                        }
                    }
                }
            };
            let (done, value) = self.async_inner_result(frame, inner, is_sync)?;
            if done {
                return Ok(value);
            }
            // AsyncGeneratorYield(? IteratorValue(innerResult)): no second await.
            received = self.async_generator_yield(frame, value)?;
        }
    }

    /// Awaits an inner iterator result (async) or its value (sync), and
    /// reads IteratorComplete and IteratorValue.
    fn async_inner_result(
        &self,
        frame: &mut Frame,
        result: Value,
        is_sync: bool,
    ) -> Completion<(bool, Value)> {
        let result = if is_sync {
            result
        } else {
            self.await_value(frame, result)?
        };
        let Value::Object(r) = &result else {
            return Err(self.type_error("Iterator result is not an object"));
        };
        let done = self.get(r, &PropertyKey::from("done"))?.to_boolean();
        let mut value = self.get(r, &PropertyKey::from("value"))?;
        if is_sync {
            value = self.await_value(frame, value)?;
        }
        Ok((done, value))
    }
}

fn generator_slot(interp: &Interpreter) -> Option<Obj> {
    match interp.native_slot(0) {
        Value::Object(g) => Some(g),
        _ => None,
    }
}

/// Await's onFulfilled in an async generator: resume the body.
fn await_fulfilled(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Some(g) = generator_slot(interp) {
        interp.async_generator_resume(&g, Resume::Next(arg(args, 0)))?;
    }
    Ok(Value::Undefined)
}

/// Await's onRejected in an async generator: resume the body with a throw.
fn await_rejected(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Some(g) = generator_slot(interp) {
        interp.async_generator_resume(&g, Resume::Throw(arg(args, 0)))?;
    }
    Ok(Value::Undefined)
}

/// AsyncGeneratorAwaitReturn's fulfilledClosure: { value, done: true }.
fn return_fulfilled(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Some(g) = generator_slot(interp) {
        set_state(&g, GeneratorState::Completed);
        interp.async_generator_complete_step(&g, RequestKind::Next, arg(args, 0), true)?;
        interp.async_generator_drain_queue(&g)?;
    }
    Ok(Value::Undefined)
}

/// AsyncGeneratorAwaitReturn's rejectedClosure: reject the request.
fn return_rejected(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Some(g) = generator_slot(interp) {
        set_state(&g, GeneratorState::Completed);
        interp.async_generator_complete_step(&g, RequestKind::Throw, arg(args, 0), true)?;
        interp.async_generator_drain_queue(&g)?;
    }
    Ok(Value::Undefined)
}
