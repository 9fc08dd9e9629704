//! Promise objects — https://tc39.es/ecma262/#sec-promise-objects
//!
//! Promise abstract operations (CreateResolvingFunctions, FulfillPromise,
//! RejectPromise, TriggerPromiseReactions, NewPromiseCapability,
//! PerformPromiseThen, PromiseResolve, NewPromiseReactionJob,
//! NewPromiseResolveThenableJob), the constructor and its statics
//! (resolve, reject, all, allSettled, race, any, withResolvers), and the
//! prototype (then, catch, finally). Jobs go to the host's queue.
//! HostPromiseRejectionTracker does nothing: unhandled rejections are not
//! part of a transcript (DESIGN §4).

use super::{arg, define_constructor, define_function, define_symbol_function};
use crate::mini::function_objects::create_builtin_function;
use crate::mini::heap::{Trace, Tracer};
use crate::mini::host::Job;
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Abrupt, AbruptKind, Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::PropertyKey;
use crate::mini::value::Value;

/// [[PromiseState]]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// A PromiseCapability Record (#sec-promisecapability-records).
#[derive(Clone, Debug)]
pub struct Capability {
    pub promise: Value,
    pub resolve: Value,
    pub reject: Value,
}

/// A PromiseReaction Record (#sec-promisereaction-records).
#[derive(Clone, Debug)]
pub struct Reaction {
    /// [[Capability]] (None for Await's reactions).
    pub capability: Option<Capability>,
    /// [[Type]]: true for fulfill.
    pub fulfill: bool,
    /// [[Handler]] (undefined for the default handler).
    pub handler: Value,
}

/// The internal slots of a Promise instance.
#[derive(Debug)]
pub struct PromiseData {
    pub state: PromiseState,
    /// [[PromiseResult]]
    pub result: Value,
    pub fulfill_reactions: Vec<Reaction>,
    pub reject_reactions: Vec<Reaction>,
    pub is_handled: bool,
}

impl Trace for PromiseData {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let PromiseData {
            state: _,
            result,
            fulfill_reactions,
            reject_reactions,
            is_handled: _,
        } = self;
        result.trace(tracer);
        for r in fulfill_reactions.iter().chain(reject_reactions) {
            r.handler.trace(tracer);
            if let Some(c) = &r.capability {
                c.promise.trace(tracer);
                c.resolve.trace(tracer);
                c.reject.trace(tracer);
            }
        }
    }
}

fn pending() -> ObjectKind {
    ObjectKind::Promise(Box::new(PromiseData {
        state: PromiseState::Pending,
        result: Value::Undefined,
        fulfill_reactions: Vec::new(),
        reject_reactions: Vec::new(),
        is_handled: false,
    }))
}

fn is_promise(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.borrow().kind, ObjectKind::Promise(_)))
}

impl Interpreter {
    /// A new pending promise from %Promise.prototype%.
    pub fn new_promise(&self) -> Obj {
        Obj::with_kind(
            &self.heap,
            Some(self.realm.promise_prototype.clone()),
            pending(),
        )
    }

    /// The state and result of a promise (for tests and built-ins).
    pub fn promise_state(&self, p: &Obj) -> Option<(PromiseState, Value)> {
        match &p.borrow().kind {
            ObjectKind::Promise(d) => Some((d.state, d.result.clone())),
            _ => None,
        }
    }

    /// CreateResolvingFunctions ( promise ) — https://tc39.es/ecma262/#sec-createresolvingfunctions
    pub fn create_resolving_functions(&self, promise: &Obj) -> (Obj, Obj) {
        // 1. alreadyResolved: a record shared by both functions.
        let already_resolved = Obj::with_kind(&self.heap, None, ObjectKind::Boolean(false));
        let slots = vec![
            Value::Object(promise.clone()),
            Value::Object(already_resolved),
        ];
        let resolve =
            create_builtin_function(self, promise_resolve_function, 1, "", slots.clone(), false);
        let reject = create_builtin_function(self, promise_reject_function, 1, "", slots, false);
        (resolve, reject)
    }

    /// The steps of a promise's resolve function applied directly
    /// (#sec-promise-resolve-functions steps 7–16).
    pub fn resolve_promise(&self, promise: &Obj, resolution: Value) -> Completion<()> {
        // 7. If SameValue(resolution, promise), reject with a TypeError.
        if let Value::Object(r) = &resolution
            && r.ptr_eq(promise)
        {
            let e = self.new_error(
                crate::mini::realm::ErrorKind::TypeError,
                "Chaining cycle detected for promise",
            );
            self.reject_promise(promise, Value::Object(e));
            return Ok(());
        }
        // 8. Not an Object: fulfill.
        let Value::Object(r) = &resolution else {
            self.fulfill_promise(promise, resolution);
            return Ok(());
        };
        // 9. Let then be Completion(Get(resolution, "then")).
        let then = match self
            .get(r, &PropertyKey::from("then"))
            .map_err(Abrupt::into_kind)
        {
            Ok(t) => t,
            Err(AbruptKind::Throw(e)) => {
                self.reject_promise(promise, e);
                return Ok(());
            }
            Err(other) => return Err(other.into()),
        };
        // 12. Not callable: fulfill.
        if !is_callable(&then) {
            self.fulfill_promise(promise, resolution);
            return Ok(());
        }
        // 13.–15. NewPromiseResolveThenableJob(promise, resolution, then).
        self.host.borrow_mut().enqueue_job(Job {
            run: promise_resolve_thenable_job,
            args: vec![Value::Object(promise.clone()), resolution, then],
        });
        Ok(())
    }

    /// FulfillPromise ( promise, value ) — https://tc39.es/ecma262/#sec-fulfillpromise
    pub fn fulfill_promise(&self, promise: &Obj, value: Value) {
        self.settle(promise, PromiseState::Fulfilled, value);
    }

    /// RejectPromise ( promise, reason ) — https://tc39.es/ecma262/#sec-rejectpromise
    pub fn reject_promise(&self, promise: &Obj, reason: Value) {
        self.settle(promise, PromiseState::Rejected, reason);
    }

    fn settle(&self, promise: &Obj, state: PromiseState, value: Value) {
        let reactions = {
            let mut p = promise.borrow_mut();
            let ObjectKind::Promise(d) = &mut p.kind else {
                return;
            };
            if d.state != PromiseState::Pending {
                return;
            }
            // Set [[PromiseResult]] and [[PromiseState]]; clear the reactions.
            d.state = state;
            d.result = value.clone();
            let fulfill = std::mem::take(&mut d.fulfill_reactions);
            let reject = std::mem::take(&mut d.reject_reactions);
            if state == PromiseState::Fulfilled {
                fulfill
            } else {
                reject
            }
        };
        // TriggerPromiseReactions ( reactions, argument ) — #sec-triggerpromisereactions
        for r in reactions {
            self.enqueue_reaction_job(r, value.clone());
        }
    }

    /// NewPromiseReactionJob ( reaction, argument ) enqueued —
    /// https://tc39.es/ecma262/#sec-newpromisereactionjob
    fn enqueue_reaction_job(&self, reaction: Reaction, argument: Value) {
        let (promise, resolve, reject) = match reaction.capability {
            Some(c) => (c.promise, c.resolve, c.reject),
            None => (Value::Undefined, Value::Undefined, Value::Undefined),
        };
        self.host.borrow_mut().enqueue_job(Job {
            run: promise_reaction_job,
            args: vec![
                reaction.handler,
                argument,
                Value::Boolean(reaction.fulfill),
                promise,
                resolve,
                reject,
            ],
        });
    }

    /// NewPromiseCapability ( C ) — https://tc39.es/ecma262/#sec-newpromisecapability
    pub fn new_promise_capability(&self, c: &Value) -> Completion<Capability> {
        let Value::Object(ctor) = c else {
            return Err(self.type_error("Promise capability constructor is not an object"));
        };
        // Fast path: %Promise% itself.
        if self
            .realm
            .intrinsic("%Promise%")
            .is_some_and(|p| p.ptr_eq(ctor))
        {
            let promise = self.new_promise();
            let (resolve, reject) = self.create_resolving_functions(&promise);
            return Ok(Capability {
                promise: Value::Object(promise),
                resolve: Value::Object(resolve),
                reject: Value::Object(reject),
            });
        }
        if !ctor.is_constructor() {
            return Err(self.type_error("Promise capability constructor is not a constructor"));
        }
        // 3.–5. executor = a closure recording resolve and reject.
        let record = self.new_object_with_proto(None);
        let executor = create_builtin_function(
            self,
            capability_executor,
            2,
            "",
            vec![Value::Object(record.clone())],
            false,
        );
        // 6. promise = ? Construct(C, « executor »).
        let promise = self.construct(ctor, &[Value::Object(executor)], None)?;
        let resolve = self.get(&record, &PropertyKey::from("resolve"))?;
        let reject = self.get(&record, &PropertyKey::from("reject"))?;
        // 7.–8. Both must be callable.
        if !is_callable(&resolve) || !is_callable(&reject) {
            return Err(self.type_error("Promise resolve or reject function is not callable"));
        }
        Ok(Capability {
            promise,
            resolve,
            reject,
        })
    }

    /// PerformPromiseThen ( promise, onFulfilled, onRejected [, resultCapability] ) —
    /// https://tc39.es/ecma262/#sec-performpromisethen
    pub fn perform_promise_then(
        &self,
        promise: &Obj,
        on_fulfilled: Value,
        on_rejected: Value,
        capability: Option<Capability>,
    ) {
        // 3.–4. Non-callable handlers become the default (undefined).
        let on_fulfilled = if is_callable(&on_fulfilled) {
            on_fulfilled
        } else {
            Value::Undefined
        };
        let on_rejected = if is_callable(&on_rejected) {
            on_rejected
        } else {
            Value::Undefined
        };
        let fulfill = Reaction {
            capability: capability.clone(),
            fulfill: true,
            handler: on_fulfilled,
        };
        let reject = Reaction {
            capability,
            fulfill: false,
            handler: on_rejected,
        };
        let settled = {
            let mut p = promise.borrow_mut();
            let ObjectKind::Promise(d) = &mut p.kind else {
                return;
            };
            d.is_handled = true;
            match d.state {
                // 9. Pending: append the reactions.
                PromiseState::Pending => {
                    d.fulfill_reactions.push(fulfill.clone());
                    d.reject_reactions.push(reject.clone());
                    None
                }
                // 10.–11. Settled: enqueue a reaction job now.
                PromiseState::Fulfilled => Some((fulfill, d.result.clone())),
                PromiseState::Rejected => Some((reject, d.result.clone())),
            }
        };
        if let Some((reaction, value)) = settled {
            self.enqueue_reaction_job(reaction, value);
        }
    }

    /// PromiseResolve ( %Promise%, x ) — https://tc39.es/ecma262/#sec-promise-resolve
    pub fn promise_resolve_intrinsic(&self, x: Value) -> Completion<Obj> {
        let ctor = self
            .realm
            .intrinsic("%Promise%")
            .map(Value::Object)
            .unwrap_or_default();
        match self.promise_resolve(&ctor, x)? {
            Value::Object(p) => Ok(p),
            _ => Err(self.type_error("PromiseResolve did not return an object")),
        }
    }

    /// PromiseResolve ( C, x ) — https://tc39.es/ecma262/#sec-promise-resolve
    pub fn promise_resolve(&self, c: &Value, x: Value) -> Completion<Value> {
        // 1. If IsPromise(x) and x.constructor is C, return x.
        if is_promise(&x)
            && let Value::Object(xo) = &x
        {
            let ctor = self.get(xo, &PropertyKey::from("constructor"))?;
            if crate::mini::value::same_value(&ctor, c) {
                return Ok(x);
            }
        }
        // 2.–4. A new capability resolved with x.
        let cap = self.new_promise_capability(c)?;
        self.call(&cap.resolve, &Value::Undefined, &[x])?;
        Ok(cap.promise)
    }
}

/// A promise resolve function (#sec-promise-resolve-functions).
fn promise_resolve_function(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let (Value::Object(promise), Value::Object(flag)) =
        (interp.native_slot(0), interp.native_slot(1))
    else {
        return Ok(Value::Undefined);
    };
    // 5.–6. If alreadyResolved.[[Value]] is true, return; set it.
    if take_flag(&flag) {
        return Ok(Value::Undefined);
    }
    interp.resolve_promise(&promise, arg(args, 0))?;
    Ok(Value::Undefined)
}

/// A promise reject function (#sec-promise-reject-functions).
fn promise_reject_function(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let (Value::Object(promise), Value::Object(flag)) =
        (interp.native_slot(0), interp.native_slot(1))
    else {
        return Ok(Value::Undefined);
    };
    if take_flag(&flag) {
        return Ok(Value::Undefined);
    }
    interp.reject_promise(&promise, arg(args, 0));
    Ok(Value::Undefined)
}

/// Reads and sets an alreadyResolved record; true if it was set already.
fn take_flag(flag: &Obj) -> bool {
    let mut f = flag.borrow_mut();
    match &mut f.kind {
        ObjectKind::Boolean(b) => std::mem::replace(b, true),
        _ => true,
    }
}

/// GetCapabilitiesExecutor closure (#sec-newpromisecapability step 4).
fn capability_executor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let Value::Object(record) = interp.native_slot(0) else {
        return Ok(Value::Undefined);
    };
    let resolve_key = PropertyKey::from("resolve");
    let reject_key = PropertyKey::from("reject");
    if !interp.get(&record, &resolve_key)?.is_undefined()
        || !interp.get(&record, &reject_key)?.is_undefined()
    {
        return Err(interp.type_error("Promise executor has already been invoked"));
    }
    interp.create_data_property(&record, resolve_key, arg(args, 0));
    interp.create_data_property(&record, reject_key, arg(args, 1));
    Ok(Value::Undefined)
}

/// PromiseReactionJob — https://tc39.es/ecma262/#sec-newpromisereactionjob
/// args: handler, argument, fulfill?, capability promise, resolve, reject.
fn promise_reaction_job(interp: &Interpreter, args: &[Value]) -> Completion<()> {
    let handler = arg(args, 0);
    let argument = arg(args, 1);
    let fulfill = arg(args, 2).to_boolean();
    let resolve = arg(args, 4);
    let reject = arg(args, 5);
    // 1.c–f. Default handlers pass the value through or rethrow it.
    let result = if handler.is_undefined() {
        if fulfill {
            Ok(argument)
        } else {
            Err(Abrupt::throw(argument))
        }
    } else {
        interp.call(&handler, &Value::Undefined, &[argument])
    };
    // 1.g. No capability (Await): done.
    if resolve.is_undefined() && reject.is_undefined() {
        return match result {
            Err(e) if e.is_halt() || e.thrown().is_some() => Err(e),
            _ => Ok(()),
        };
    }
    // 1.h–i. Resolve or reject the derived promise.
    match result.map_err(Abrupt::into_kind) {
        Ok(v) => interp.call(&resolve, &Value::Undefined, &[v]).map(|_| ()),
        Err(AbruptKind::Throw(e)) => interp.call(&reject, &Value::Undefined, &[e]).map(|_| ()),
        Err(other) => Err(other.into()),
    }
}

/// PromiseResolveThenableJob — https://tc39.es/ecma262/#sec-newpromiseresolvethenablejob
/// args: promiseToResolve, thenable, then.
fn promise_resolve_thenable_job(interp: &Interpreter, args: &[Value]) -> Completion<()> {
    let Value::Object(promise) = arg(args, 0) else {
        return Ok(());
    };
    // 1.a. resolvingFunctions = CreateResolvingFunctions(promiseToResolve).
    let (resolve, reject) = interp.create_resolving_functions(&promise);
    // 1.b. thenCallResult = Call(then, thenable, « resolve, reject »).
    let result = interp.call(
        &arg(args, 2),
        &arg(args, 1),
        &[Value::Object(resolve), Value::Object(reject.clone())],
    );
    // 1.c. If abrupt, call reject with the error.
    match result.map_err(Abrupt::into_kind) {
        Err(AbruptKind::Throw(e)) => interp
            .call_object(&reject, &Value::Undefined, &[e])
            .map(|_| ()),
        Err(other) => Err(other.into()),
        Ok(_) => Ok(()),
    }
}

/// Promise ( executor ) — https://tc39.es/ecma262/#sec-promise-executor
fn promise_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError.
    let Some(nt) = interp.new_target() else {
        return Err(interp.type_error("Promise constructor cannot be invoked without 'new'"));
    };
    // 2. If IsCallable(executor) is false, throw a TypeError.
    let executor = arg(args, 0);
    if !is_callable(&executor) {
        return Err(interp.type_error("Promise resolver is not a function"));
    }
    // 3.–7. promise = OrdinaryCreateFromConstructor(NewTarget, "%Promise.prototype%").
    let promise = interp.ordinary_create_from_constructor(
        Some(&nt),
        &interp.realm.promise_prototype,
        pending(),
    )?;
    // 8. resolvingFunctions = CreateResolvingFunctions(promise).
    let (resolve, reject) = interp.create_resolving_functions(&promise);
    // 9.–10. Call the executor; an abrupt completion rejects.
    match interp
        .call(
            &executor,
            &Value::Undefined,
            &[Value::Object(resolve), Value::Object(reject.clone())],
        )
        .map_err(Abrupt::into_kind)
    {
        Ok(_) => {}
        Err(AbruptKind::Throw(e)) => {
            interp.call_object(&reject, &Value::Undefined, &[e])?;
        }
        Err(other) => return Err(other.into()),
    }
    Ok(Value::Object(promise))
}

fn this_promise(interp: &Interpreter, this: &Value) -> Completion<Obj> {
    match this {
        Value::Object(o) if matches!(o.borrow().kind, ObjectKind::Promise(_)) => Ok(o.clone()),
        _ => Err(interp.type_error("receiver is not a Promise")),
    }
}

/// SpeciesConstructor(promise, %Promise%).
fn promise_species(interp: &Interpreter, promise: &Obj) -> Completion<Value> {
    let default = interp
        .realm
        .intrinsic("%Promise%")
        .expect("installed with Promise");
    Ok(Value::Object(super::species_constructor(
        interp, promise, &default,
    )?))
}

/// Promise.prototype.then ( onFulfilled, onRejected ) — https://tc39.es/ecma262/#sec-promise.prototype.then
fn then(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let promise = this_promise(interp, this)?;
    // 3. C = ? SpeciesConstructor(promise, %Promise%).
    let c = promise_species(interp, &promise)?;
    // 4. resultCapability = ? NewPromiseCapability(C).
    let cap = interp.new_promise_capability(&c)?;
    let result = cap.promise.clone();
    // 5. PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability).
    interp.perform_promise_then(&promise, arg(args, 0), arg(args, 1), Some(cap));
    Ok(result)
}

/// Promise.prototype.catch ( onRejected ) — https://tc39.es/ecma262/#sec-promise.prototype.catch
fn catch(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.invoke(
        this,
        &PropertyKey::from("then"),
        &[Value::Undefined, arg(args, 0)],
    )
}

/// Promise.prototype.finally ( onFinally ) — https://tc39.es/ecma262/#sec-promise.prototype.finally
fn finally(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let Value::Object(promise) = this else {
        return Err(interp.type_error("receiver is not an object"));
    };
    let c = promise_species(interp, promise)?;
    let on_finally = arg(args, 0);
    let (then_finally, catch_finally) = if !is_callable(&on_finally) {
        (on_finally.clone(), on_finally)
    } else {
        let slots = vec![on_finally, c];
        (
            Value::Object(create_builtin_function(
                interp,
                then_finally_fn,
                1,
                "",
                slots.clone(),
                false,
            )),
            Value::Object(create_builtin_function(
                interp,
                catch_finally_fn,
                1,
                "",
                slots,
                false,
            )),
        )
    };
    interp.invoke(
        this,
        &PropertyKey::from("then"),
        &[then_finally, catch_finally],
    )
}

fn then_finally_fn(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let result = interp.call(&interp.native_slot(0), &Value::Undefined, &[])?;
    let p = interp.promise_resolve(&interp.native_slot(1), result)?;
    let value = arg(args, 0);
    let value_thunk = create_builtin_function(interp, return_slot, 0, "", vec![value], false);
    interp.invoke(
        &p,
        &PropertyKey::from("then"),
        &[Value::Object(value_thunk)],
    )
}

fn catch_finally_fn(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let result = interp.call(&interp.native_slot(0), &Value::Undefined, &[])?;
    let p = interp.promise_resolve(&interp.native_slot(1), result)?;
    let reason = arg(args, 0);
    let thrower = create_builtin_function(interp, throw_slot, 0, "", vec![reason], false);
    interp.invoke(&p, &PropertyKey::from("then"), &[Value::Object(thrower)])
}

fn return_slot(interp: &Interpreter, _this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(interp.native_slot(0))
}

fn throw_slot(interp: &Interpreter, _this: &Value, _args: &[Value]) -> Completion<Value> {
    Err(Abrupt::throw(interp.native_slot(0)))
}

/// Promise.resolve ( x ) — https://tc39.es/ecma262/#sec-promise.resolve
fn resolve(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    if !matches!(this, Value::Object(_)) {
        return Err(interp.type_error("Promise.resolve called on non-object"));
    }
    interp.promise_resolve(this, arg(args, 0))
}

/// Promise.reject ( r ) — https://tc39.es/ecma262/#sec-promise.reject
fn reject(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let cap = interp.new_promise_capability(this)?;
    interp.call(&cap.reject, &Value::Undefined, &[arg(args, 0)])?;
    Ok(cap.promise)
}

/// Promise.withResolvers ( ) — https://tc39.es/ecma262/#sec-promise.withResolvers
fn with_resolvers(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let cap = interp.new_promise_capability(this)?;
    let o = interp.new_object();
    interp.create_data_property(&o, PropertyKey::from("promise"), cap.promise);
    interp.create_data_property(&o, PropertyKey::from("resolve"), cap.resolve);
    interp.create_data_property(&o, PropertyKey::from("reject"), cap.reject);
    Ok(Value::Object(o))
}

/// Which combinator an element closure belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
}

/// Promise.all / allSettled / any: PerformPromiseAll and friends
/// (#sec-performpromiseall, #sec-performpromiseallsettled, #sec-performpromiseany).
fn combinator(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    kind: Combinator,
) -> Completion<Value> {
    let cap = interp.new_promise_capability(this)?;
    let result = (|| -> Completion<Value> {
        let resolve_fn = interp.get_v(this, &PropertyKey::from("resolve"))?;
        if !is_callable(&resolve_fn) {
            return Err(interp.type_error("Promise.resolve is not callable"));
        }
        let items = interp.iterate_to_vec(&arg(args, 0))?;
        // values / errors list shared by the element closures, plus a
        // remaining-elements counter (index 0 of `state`).
        let values = interp.new_array(vec![Value::Undefined; items.len()]);
        let state = interp.new_array(vec![Value::Number(1.0)]);
        for (index, item) in items.into_iter().enumerate() {
            let next = interp.call(&resolve_fn, this, &[item])?;
            let remaining = interp.get(&state, &PropertyKey::Index(0))?;
            interp.set(
                &state,
                PropertyKey::Index(0),
                Value::Number(interp.to_number(&remaining)? + 1.0),
                true,
            )?;
            let slots = |fulfill: bool| {
                vec![
                    Value::Object(values.clone()),
                    Value::Object(state.clone()),
                    Value::from(index),
                    cap.resolve.clone(),
                    cap.reject.clone(),
                    Value::Boolean(fulfill),
                    Value::Object(Obj::with_kind(
                        &interp.heap,
                        None,
                        ObjectKind::Boolean(false),
                    )),
                ]
            };
            let (on_ful, on_rej) = match kind {
                Combinator::All => (
                    Value::Object(create_builtin_function(
                        interp,
                        all_element,
                        1,
                        "",
                        slots(true),
                        false,
                    )),
                    cap.reject.clone(),
                ),
                Combinator::AllSettled => {
                    let s = slots(true);
                    let mut r = s.clone();
                    r[5] = Value::Boolean(false);
                    (
                        Value::Object(create_builtin_function(
                            interp,
                            all_settled_element,
                            1,
                            "",
                            s,
                            false,
                        )),
                        Value::Object(create_builtin_function(
                            interp,
                            all_settled_element,
                            1,
                            "",
                            r,
                            false,
                        )),
                    )
                }
                Combinator::Any => (
                    cap.resolve.clone(),
                    Value::Object(create_builtin_function(
                        interp,
                        any_element,
                        1,
                        "",
                        slots(false),
                        false,
                    )),
                ),
            };
            interp.invoke(&next, &PropertyKey::from("then"), &[on_ful, on_rej])?;
        }
        finish_element(
            interp,
            &values,
            &state,
            &cap.resolve,
            &cap.reject,
            kind == Combinator::Any,
        )?;
        Ok(cap.promise.clone())
    })();
    match result.map_err(Abrupt::into_kind) {
        Err(AbruptKind::Throw(e)) => {
            interp.call(&cap.reject, &Value::Undefined, &[e])?;
            Ok(cap.promise)
        }
        Err(other) => Err(other.into()),
        Ok(v) => Ok(v),
    }
}

/// Decrements remainingElements; at zero resolves (or, for `any`, rejects
/// with an AggregateError).
fn finish_element(
    interp: &Interpreter,
    values: &Obj,
    state: &Obj,
    resolve: &Value,
    reject: &Value,
    any: bool,
) -> Completion<()> {
    let remaining = interp.to_number(&interp.get(state, &PropertyKey::Index(0))?)? - 1.0;
    interp.set(state, PropertyKey::Index(0), Value::Number(remaining), true)?;
    if remaining == 0.0 {
        if any {
            let e = super::error::new_aggregate_error(
                interp,
                values.clone(),
                "All promises were rejected",
            );
            interp.call(reject, &Value::Undefined, &[Value::Object(e)])?;
        } else {
            interp.call(resolve, &Value::Undefined, &[Value::Object(values.clone())])?;
        }
    }
    Ok(())
}

fn element_common(interp: &Interpreter, value: Value, any: bool) -> Completion<Value> {
    let (Value::Object(values), Value::Object(state), Value::Object(called)) = (
        interp.native_slot(0),
        interp.native_slot(1),
        interp.native_slot(6),
    ) else {
        return Ok(Value::Undefined);
    };
    if take_flag(&called) {
        return Ok(Value::Undefined);
    }
    let index = interp.to_number(&interp.native_slot(2))? as u32;
    interp.set(&values, PropertyKey::Index(index), value, true)?;
    finish_element(
        interp,
        &values,
        &state,
        &interp.native_slot(3),
        &interp.native_slot(4),
        any,
    )?;
    Ok(Value::Undefined)
}

fn all_element(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    element_common(interp, arg(args, 0), false)
}

fn any_element(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    element_common(interp, arg(args, 0), true)
}

fn all_settled_element(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let fulfilled = interp.native_slot(5).to_boolean();
    let o = interp.new_object();
    interp.create_data_property(
        &o,
        PropertyKey::from("status"),
        Value::from(if fulfilled { "fulfilled" } else { "rejected" }),
    );
    interp.create_data_property(
        &o,
        PropertyKey::from(if fulfilled { "value" } else { "reason" }),
        arg(args, 0),
    );
    element_common(interp, Value::Object(o), false)
}

fn all(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    combinator(interp, this, args, Combinator::All)
}

fn all_settled(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    combinator(interp, this, args, Combinator::AllSettled)
}

fn any(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    combinator(interp, this, args, Combinator::Any)
}

/// Promise.race ( iterable ) — https://tc39.es/ecma262/#sec-promise.race
fn race(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let cap = interp.new_promise_capability(this)?;
    let result = (|| -> Completion<()> {
        let resolve_fn = interp.get_v(this, &PropertyKey::from("resolve"))?;
        for item in interp.iterate_to_vec(&arg(args, 0))? {
            let next = interp.call(&resolve_fn, this, &[item])?;
            interp.invoke(
                &next,
                &PropertyKey::from("then"),
                &[cap.resolve.clone(), cap.reject.clone()],
            )?;
        }
        Ok(())
    })();
    match result.map_err(Abrupt::into_kind) {
        Err(AbruptKind::Throw(e)) => {
            interp.call(&cap.reject, &Value::Undefined, &[e])?;
        }
        Err(other) => return Err(other.into()),
        Ok(()) => {}
    }
    Ok(cap.promise)
}

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.promise_prototype.clone();
    let ctor = define_constructor(interp, "Promise", 1, promise_constructor, &proto);
    interp.realm.set_intrinsic("%Promise%", ctor.clone());
    define_function(interp, &proto, "then", 2, then);
    define_function(interp, &proto, "catch", 1, catch);
    define_function(interp, &proto, "finally", 1, finally);
    define_function(interp, &ctor, "resolve", 1, resolve);
    define_function(interp, &ctor, "reject", 1, reject);
    define_function(interp, &ctor, "all", 1, all);
    define_function(interp, &ctor, "allSettled", 1, all_settled);
    define_function(interp, &ctor, "any", 1, any);
    define_function(interp, &ctor, "race", 1, race);
    define_function(interp, &ctor, "withResolvers", 0, with_resolvers);
    super::define_species_getter(interp, &ctor);
    proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("Promise"),
        crate::mini::property::Attributes::new(false, false, true),
    );
    let _ = define_symbol_function;
}
