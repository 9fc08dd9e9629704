//! Calling ECMAScript functions and making closures.
//!
//! - [[Call]] — https://tc39.es/ecma262/#sec-ecmascript-function-objects-call-thisargument-argumentslist
//! - [[Construct]] — https://tc39.es/ecma262/#sec-ecmascript-function-objects-construct-argumentslist-newtarget
//! - PrepareForOrdinaryCall, OrdinaryCallBindThis, OrdinaryCallEvaluateBody
//! - InstantiateOrdinaryFunctionObject / Expression, InstantiateArrowFunctionExpression,
//!   InstantiateGeneratorFunctionObject / Expression, the async variants
//!   (one function, [`Interpreter::instantiate_function`], dispatching on kind).

use std::rc::Rc;

use super::{Abrupt, Completion, Flow, Frame, Interpreter};
use crate::mini::environment::{
    Env, ThisBindingStatus, new_declarative_environment, new_function_environment,
};
use crate::mini::function_objects::{
    ConstructorKind, ThisMode, make_constructor, make_method, ordinary_function_create,
    set_function_name,
};
use crate::mini::ir::{Body, FunctionCode, FunctionKind, FunctionRef};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{JsStr, Value};

/// What a call needs from the function object, read once.
#[derive(Clone)]
pub(crate) struct Callee {
    code: Rc<FunctionCode>,
    environment: Env,
    this_mode: ThisMode,
    is_class_constructor: bool,
    constructor_kind: ConstructorKind,
}

fn callee_of(f: &Obj) -> Option<Callee> {
    match &f.borrow().kind {
        ObjectKind::Function(d) => Some(Callee::of(d)),
        _ => None,
    }
}

impl Callee {
    pub(crate) fn of(d: &crate::mini::function_objects::FunctionData) -> Callee {
        Callee {
            code: d.code.clone(),
            environment: d.environment.clone(),
            this_mode: d.this_mode,
            is_class_constructor: d.is_class_constructor,
            constructor_kind: d.constructor_kind,
        }
    }
}

/// A function a built-in is about to call once per element (NON-SPEC:
/// an ECMAScript function's slots are read once for the whole loop;
/// they never change after the function is made).
pub(crate) enum Callback {
    Ordinary(Obj, Callee),
    Other(Value),
}

impl Interpreter {
    /// Reads `f` for repeated calls with [`Interpreter::call_callback`].
    pub(crate) fn prepare_callback(&self, f: &Value) -> Callback {
        if let Value::Object(o) = f
            && let Some(callee) = callee_of(o)
        {
            return Callback::Ordinary(o.clone(), callee);
        }
        Callback::Other(f.clone())
    }

    /// Call ( F, thisArgument, argumentsList ) of a prepared callback.
    pub(crate) fn call_callback(
        &self,
        f: &Callback,
        this: &Value,
        args: &[Value],
    ) -> Completion<Value> {
        match f {
            Callback::Ordinary(o, callee) => self.call_callee(o, callee.clone(), this, args),
            Callback::Other(f) => self.call(f, this, args),
        }
    }

    /// [[Call]] ( thisArgument, argumentsList ) of an ECMAScript function object.
    pub fn call_ecmascript_function(
        &self,
        f: &Obj,
        this: &Value,
        args: &[Value],
    ) -> Completion<Value> {
        let Some(callee) = callee_of(f) else {
            return Err(self.type_error("not a function"));
        };
        self.call_callee(f, callee, this, args)
    }

    /// [[Call]] with the function's slots already read.
    #[inline]
    pub(crate) fn call_callee(
        &self,
        f: &Obj,
        callee: Callee,
        this: &Value,
        args: &[Value],
    ) -> Completion<Value> {
        self.call_callee_with(f, callee, this, args, None)
    }

    /// [[Call]] of an ordinary function whose arguments the caller
    /// evaluated straight into its registers (NON-SPEC: see
    /// `FunctionCode::param_registers`); None when `f` does not qualify
    /// or an argument is spread, and nothing was evaluated.
    pub(crate) fn call_with_argument_registers(
        &self,
        frame: &mut Frame,
        f: &Obj,
        this: &Value,
        args: &[crate::mini::ir::Arg],
    ) -> Option<Completion<Value>> {
        use crate::mini::ir::Arg;
        let callee = match &f.borrow().kind {
            ObjectKind::Function(d)
                if !d.is_class_constructor && d.code.param_registers.is_some() =>
            {
                Callee::of(d)
            }
            _ => return None,
        };
        if args.iter().any(|a| matches!(a, Arg::Spread(_))) {
            return None;
        }
        let params = callee.code.param_registers.as_deref().unwrap_or_default();
        let mut registers = self.take_registers(callee.code.register_count as usize);
        // ArgumentListEvaluation, then FunctionDeclarationInstantiation
        // 24.–26. for a simple parameter list (a later duplicate name wins).
        for (i, a) in args.iter().enumerate() {
            let Arg::Plain(e) = a else { continue };
            let v = match self.eval_expr(frame, e) {
                Ok(v) => v,
                Err(err) => {
                    self.return_registers(registers);
                    return Some(Err(err));
                }
            };
            if let Some(slot) = params.get(i).and_then(|r| registers.get_mut(*r as usize)) {
                *slot = Some(v);
            }
        }
        for r in params.iter().skip(args.len()) {
            if let Some(slot) = registers.get_mut(*r as usize) {
                *slot = Some(Value::Undefined);
            }
        }
        Some(self.call_callee_with(f, callee, this, &[], Some(registers)))
    }

    /// [[Call]]; `bound` holds the frame's registers when the parameters
    /// are bound already (FunctionDeclarationInstantiation is then done).
    #[inline(always)]
    fn call_callee_with(
        &self,
        f: &Obj,
        callee: Callee,
        this: &Value,
        args: &[Value],
        bound: Option<Vec<Option<Value>>>,
    ) -> Completion<Value> {
        // 2. If F.[[IsClassConstructor]] is true, throw a TypeError.
        if callee.is_class_constructor {
            return Err(self.type_error("Class constructor cannot be invoked without 'new'"));
        }
        self.enter_call()?;
        // 3.–5. PrepareForOrdinaryCall and OrdinaryCallBindThis (skipped when
        // nothing reads `this`, NON-SPEC).
        let this_value = if callee.code.uses_this {
            self.ordinary_call_bind_this(callee.this_mode, this)
        } else {
            None
        };
        if callee.code.is_generator || callee.code.is_async {
            let result = self.ordinary_call(f, &callee, this_value, Value::Undefined, args);
            self.exit_call();
            return result;
        }
        // The ordinary case: PrepareForOrdinaryCall, OrdinaryCallBindThis and
        // OrdinaryCallEvaluateBody in this one function (NON-SPEC: fewer Rust
        // frames per JS call; the environment moves into the frame).
        let Callee {
            code, environment, ..
        } = callee;
        let instantiated = bound.is_some();
        let registers = bound.unwrap_or_else(|| self.take_registers(code.register_count as usize));
        let result = {
            let mut frame = self.prepare_for_ordinary_call(
                f,
                &code,
                callee.this_mode,
                environment,
                this_value,
                Value::Undefined,
                registers,
            );
            let result = if instantiated {
                Ok(())
            } else {
                self.function_declaration_instantiation(&mut frame, &code, args)
            }
            .and_then(|()| self.evaluate_body(&mut frame, &code));
            self.recycle_registers(&mut frame.registers);
            result
            // The frame is dropped here, in place.
        };
        self.exit_call();
        // 7.–9. Return the return value (or undefined).
        Ok(result?.unwrap_or_default())
    }

    /// [[Construct]] ( argumentsList, newTarget ) of an ECMAScript function object.
    pub fn construct_ecmascript_function(
        &self,
        f: &Obj,
        args: &[Value],
        new_target: &Obj,
    ) -> Completion<Value> {
        let Some(callee) = callee_of(f) else {
            return Err(self.type_error("not a constructor"));
        };
        self.enter_call()?;
        let result = self.construct_inner(f, &callee, args, new_target);
        self.exit_call();
        result
    }

    fn construct_inner(
        &self,
        f: &Obj,
        callee: &Callee,
        args: &[Value],
        new_target: &Obj,
    ) -> Completion<Value> {
        // 1.–3. A base constructor allocates `this` from newTarget.prototype.
        let this_argument = if callee.constructor_kind == ConstructorKind::Base {
            let proto =
                self.get_prototype_from_constructor(new_target, &self.realm.object_prototype)?;
            Some(self.new_object_with_proto(Some(proto)))
        } else {
            None
        };
        // 4.–8. Run the body with `this` bound (base) or uninitialised
        // (derived), fields initialised first for base classes.
        let this_value = this_argument.clone().map(Value::Object);
        let mut frame = self.prepare_for_ordinary_call(
            f,
            &callee.code,
            callee.this_mode,
            callee.environment.clone(),
            this_value,
            Value::Object(new_target.clone()),
            self.take_registers(callee.code.register_count as usize),
        );
        if let Some(t) = &this_argument {
            // 6.b. InitializeInstanceElements ( thisArgument, F ).
            self.initialize_instance_elements(t, f)?;
        }
        let returned = self
            .function_declaration_instantiation(&mut frame, &callee.code, args)
            .and_then(|()| self.evaluate_body(&mut frame, &callee.code));
        let returned = match returned {
            Ok(r) => r,
            Err(e) => {
                self.recycle_registers(&mut frame.registers);
                return Err(e);
            }
        };
        // 10. If result is a return completion:
        if let Some(v) = returned {
            // 10.a. If it is an Object, return it.
            if matches!(v, Value::Object(_)) {
                return Ok(v);
            }
            // 10.b. If kind is base, return thisArgument.
            if let Some(t) = this_argument {
                return Ok(Value::Object(t));
            }
            // 10.c. If result.[[Value]] is not undefined, throw a TypeError.
            if !v.is_undefined() {
                return Err(
                    self.type_error("Derived constructors may only return object or undefined")
                );
            }
        } else if let Some(t) = this_argument {
            return Ok(Value::Object(t));
        }
        // 12. Return ? constructorEnv.GetThisBinding().
        let this = self
            .this_of_frame(&frame, if callee.code.this_in_env { FunctionRef::Env { hops: 0 } } else { FunctionRef::Frame })
            .map_err(|_| self.reference_error("Must call super constructor in derived class before accessing 'this' or returning from derived constructor"));
        self.recycle_registers(&mut frame.registers);
        this
    }

    /// OrdinaryCallBindThis ( F, calleeContext, thisArgument ) —
    /// https://tc39.es/ecma262/#sec-ordinarycallbindthis (the value it binds).
    pub fn ordinary_call_bind_this(
        &self,
        this_mode: ThisMode,
        this_argument: &Value,
    ) -> Option<Value> {
        match this_mode {
            // 2. If thisMode is lexical, return unused.
            ThisMode::Lexical => None,
            // 5. If thisMode is strict, let thisValue be thisArgument.
            ThisMode::Strict => Some(this_argument.clone()),
            // 6.a–b. Else: undefined/null → globalThis; else ToObject.
            ThisMode::Global => Some(match this_argument {
                Value::Undefined | Value::Null => Value::Object(self.realm.global_object.clone()),
                Value::Object(_) => this_argument.clone(),
                other => match self.to_object(other) {
                    Ok(o) => Value::Object(o),
                    Err(_) => Value::Undefined,
                },
            }),
        }
    }

    /// PrepareForOrdinaryCall step 4, NewFunctionEnvironment ( F, newTarget ),
    /// and OrdinaryCallBindThis 7.–8. (localEnv.BindThisValue) when `this`
    /// is bound.
    fn new_local_environment(
        &self,
        f: &Obj,
        this_mode: ThisMode,
        outer: Env,
        new_target: Value,
        scope: &Rc<crate::mini::environment::ScopeInfo>,
        this_value: Option<&Value>,
    ) -> Env {
        let status = if this_mode == ThisMode::Lexical {
            ThisBindingStatus::Lexical
        } else {
            ThisBindingStatus::Uninitialized
        };
        let local = new_function_environment(
            &self.heap,
            f.clone(),
            Some(outer),
            new_target,
            status,
            scope.clone(),
        );
        if let Some(t) = this_value {
            let _ = local.bind_this_value(t.clone());
        }
        local
    }

    /// PrepareForOrdinaryCall ( F, newTarget ) — https://tc39.es/ecma262/#sec-prepareforordinarycall
    /// plus the binding half of OrdinaryCallBindThis: a new frame whose
    /// LexicalEnvironment is a new Function Environment Record (when the
    /// function needs one, NON-SPEC) over F.[[Environment]].
    /// (`code`, `this_mode` and `environment` are F's slots, read once by the
    /// caller; `registers` may come with the parameters already bound.)
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn prepare_for_ordinary_call(
        &self,
        f: &Obj,
        code: &FunctionCode,
        this_mode: ThisMode,
        environment: Env,
        this_value: Option<Value>,
        new_target: Value,
        registers: Vec<Option<Value>>,
    ) -> Frame<'static> {
        let env = match &code.plan.function_scope {
            // 4. Let localEnv be NewFunctionEnvironment(F, newTarget).
            Some(scope) => self.new_local_environment(
                f,
                this_mode,
                environment,
                new_target.clone(),
                scope,
                this_value.as_ref(),
            ),
            None => environment,
        };
        Frame {
            registers,
            env,
            this_value,
            function: Some(f.clone()),
            new_target,
            strict: code.strict,
            yielder: None,
            return_value: Value::Undefined,
        }
    }

    /// The common path of [[Call]]: prepare, instantiate, evaluate.
    #[inline]
    fn ordinary_call(
        &self,
        f: &Obj,
        callee: &Callee,
        this_value: Option<Value>,
        new_target: Value,
        args: &[Value],
    ) -> Completion<Value> {
        let code = &callee.code;
        let mut frame = self.prepare_for_ordinary_call(
            f,
            code,
            callee.this_mode,
            callee.environment.clone(),
            this_value,
            new_target,
            self.take_registers(code.register_count as usize),
        );
        if code.is_generator || code.is_async {
            // OrdinaryCallEvaluateBody for generator / async bodies:
            // instantiate now, then run the body on its own stack.
            return self.start_suspendable_body(frame, code.clone(), args);
        }
        let result = self
            .function_declaration_instantiation(&mut frame, code, args)
            .and_then(|()| self.evaluate_body(&mut frame, code));
        self.recycle_registers(&mut frame.registers);
        Ok(result?.unwrap_or_default())
    }

    /// OrdinaryCallEvaluateBody for ordinary bodies: Some(value) for a
    /// return completion (or a concise body's value), None for normal
    /// completion.
    #[inline]
    pub fn evaluate_body(
        &self,
        frame: &mut Frame,
        code: &FunctionCode,
    ) -> Completion<Option<Value>> {
        match &code.body {
            Body::Expression(e) => Ok(Some(self.eval_expr(frame, e)?)),
            Body::Statements(stmts) => match self.eval_statements(frame, stmts)? {
                Flow::Return => Ok(Some(std::mem::take(&mut frame.return_value))),
                _ => Ok(None),
            },
        }
    }

    /// `this` as seen from code in `frame` through `r` (ResolveThisBinding,
    /// https://tc39.es/ecma262/#sec-resolvethisbinding, resolved statically).
    pub fn this_of_frame(&self, frame: &Frame, r: FunctionRef) -> Completion<Value> {
        match r {
            FunctionRef::Frame => frame.this_value.clone().ok_or_else(|| {
                self.reference_error("Must call super constructor before accessing 'this'")
            }),
            FunctionRef::Env { hops } => {
                let env = self.env_at(frame, hops)?;
                env.get_this_binding().map_err(|_| {
                    self.reference_error("Must call super constructor before accessing 'this'")
                })
            }
            FunctionRef::Global => Ok(Value::Object(self.realm.global_object.clone())),
        }
    }

    /// The [[FunctionObject]] and [[NewTarget]] of the function `r` refers
    /// to (GetThisEnvironment, resolved).
    pub fn function_of_frame(
        &self,
        frame: &Frame,
        r: FunctionRef,
    ) -> Completion<(Option<Obj>, Value)> {
        match r {
            FunctionRef::Frame => Ok((frame.function.clone(), frame.new_target.clone())),
            FunctionRef::Env { hops } => {
                let env = self.env_at(frame, hops)?;
                Ok(env
                    .function_fields()
                    .map(|(f, nt)| (Some(f), nt))
                    .unwrap_or((None, Value::Undefined)))
            }
            FunctionRef::Global => Ok((None, Value::Undefined)),
        }
    }

    /// Instantiates a function from its code in the running environment:
    /// InstantiateOrdinaryFunctionObject / InstantiateOrdinaryFunctionExpression
    /// (https://tc39.es/ecma262/#sec-runtime-semantics-instantiateordinaryfunctionexpression),
    /// InstantiateArrowFunctionExpression (#sec-runtime-semantics-instantiatearrowfunctionexpression),
    /// and the generator / async variants. `name` is the NamedEvaluation
    /// name of an anonymous function.
    pub fn instantiate_function(
        &self,
        frame: &Frame,
        code: &Rc<FunctionCode>,
        name: Option<&JsStr>,
    ) -> Obj {
        // A named function expression gets funcEnv holding its own name
        // (steps 2–4), if the body refers to it.
        let env = match &code.self_name_scope {
            Some(scope) => {
                new_declarative_environment(&self.heap, Some(frame.env.clone()), scope.clone())
            }
            None => frame.env.clone(),
        };
        let closure = self.make_function_object(code, env.clone());
        let fname = code
            .name
            .clone()
            .or_else(|| name.cloned())
            .unwrap_or_else(|| JsStr::from(""));
        set_function_name(&closure, &PropertyKey::from_js_str(fname), None);
        if code.self_name_scope.is_some() {
            // 8. Perform ! funcEnv.InitializeBinding(name, closure).
            env.initialize_binding(0, Value::Object(closure.clone()));
        }
        closure
    }

    /// OrdinaryFunctionCreate with the prototype and `prototype` property
    /// each kind of function gets (MakeConstructor for ordinary functions;
    /// a fresh %GeneratorPrototype% object for generators; nothing for
    /// arrows, methods and async functions).
    pub fn make_function_object(&self, code: &Rc<FunctionCode>, env: Env) -> Obj {
        let realm = &self.realm;
        let proto = match (code.is_async, code.is_generator) {
            (false, false) => &realm.function_prototype,
            (false, true) => &realm.generator_function_prototype,
            (true, false) => &realm.async_function_prototype,
            (true, true) => &realm.async_generator_function_prototype,
        };
        let closure = ordinary_function_create(self, proto.clone(), code, env);
        match (code.kind, code.is_generator, code.is_async) {
            (_, true, is_async) => {
                let p = if is_async {
                    &realm.async_generator_prototype
                } else {
                    &realm.generator_prototype
                };
                let prototype = self.new_object_with_proto(Some(p.clone()));
                closure.define_data(
                    "prototype",
                    Value::Object(prototype),
                    Attributes::new(true, false, false),
                );
            }
            (FunctionKind::Normal, false, false) => make_constructor(self, &closure, true, None),
            _ => {}
        }
        closure
    }

    /// DefineMethod's closure: a method with [[HomeObject]] `home`.
    pub fn make_method(
        &self,
        frame: &Frame,
        code: &Rc<FunctionCode>,
        home: &Obj,
        key: &PropertyKey,
        prefix: Option<&str>,
    ) -> Obj {
        let closure = self.make_function_object(code, frame.env.clone());
        make_method(&closure, home.clone());
        set_function_name(&closure, key, prefix);
        closure
    }

    /// Runs a closure-held initializer (class field or static block) with
    /// `this` = `receiver`.
    pub fn call_initializer(&self, initializer: &Obj, receiver: &Value) -> Completion<Value> {
        let Some(callee) = callee_of(initializer) else {
            return Ok(Value::Undefined);
        };
        self.enter_call()?;
        let result = self.ordinary_call(
            initializer,
            &callee,
            Some(receiver.clone()),
            Value::Undefined,
            &[],
        );
        self.exit_call();
        result
    }

    /// Throws the TypeError for calling a non-callable value.
    pub fn not_callable(&self, what: &str) -> Abrupt {
        self.type_error(&format!("{what} is not a function"))
    }
}
