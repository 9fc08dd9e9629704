//! `eval`: PerformEval (https://tc39.es/ecma262/#sec-performeval) for
//! direct and indirect calls, and EvalDeclarationInstantiation
//! (#sec-evaldeclarationinstantiation). Also the `with` statement
//! (#sec-with-statement-runtime-semantics-evaluation), the other construct
//! whose names are found at run time.
//!
//! The eval code is parsed and resolved when the call happens (see
//! `resolver/eval.rs`): its own lexical declarations get the new lexEnv
//! record; every other name is an `Address::Dynamic` looked up by name.
//! A sloppy eval's vars and functions become bindings of the caller's
//! VariableEnvironment (`EnvironmentRecord::eval_bindings`, deletable) or,
//! at the top level, configurable properties of the global object.

use super::{Completion, Flow, Frame, Interpreter};
use crate::mini::environment::{
    BindingKind, Env, EnvKind, new_declarative_environment, new_object_environment,
};
use crate::mini::ir::FunctionKind;
use crate::mini::ir::{DirectEval, Expr, Stmt};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, Property, PropertyDescriptor, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::resolver::{EvalCode, resolve_eval};
use crate::mini::value::{JsStr, Value};

/// Where an eval's var declarations go.
#[derive(Clone)]
pub enum VarEnv {
    /// The Global Environment Record (indirect eval, or top-level code).
    Global,
    /// A function's VariableEnvironment.
    Env(Env),
}

impl Interpreter {
    /// A call `eval(…)` that may be a direct eval
    /// (#sec-function-calls-runtime-semantics-evaluation step 6).
    pub fn eval_direct_eval(&self, frame: &mut Frame, d: &DirectEval) -> Completion<Value> {
        let func = self.get_identifier_value(frame, &d.callee)?;
        let args = self.eval_arguments(frame, &d.args)?;
        let intrinsic = self.realm.intrinsic("%eval%");
        let is_eval = matches!((&func, &intrinsic), (Value::Object(f), Some(e)) if f.ptr_eq(e));
        if !is_eval {
            if !super::object_ops::is_callable(&func) {
                return Err(self.type_error("eval is not a function"));
            }
            return self.call(&func, &Value::Undefined, &args);
        }
        // 6.a.v. PerformEval(evalArg, strictCaller, true).
        let this_value = self.this_of_frame(frame, d.this_ref).ok();
        let (function, new_target) = self.function_of_frame(frame, d.this_ref)?;
        let var_env = match d.var_env_hops {
            None => VarEnv::Global,
            Some(h) => VarEnv::Env(self.env_at(frame, h)?.clone()),
        };
        let x = args.first().cloned().unwrap_or_default();
        self.perform_eval(
            x,
            frame.env.clone(),
            var_env,
            d.strict,
            this_value,
            function,
            new_target,
        )
    }

    /// PerformEval ( x, strictCaller, direct ) — https://tc39.es/ecma262/#sec-performeval
    #[allow(clippy::too_many_arguments)]
    pub fn perform_eval(
        &self,
        x: Value,
        caller_env: Env,
        var_env: VarEnv,
        strict_caller: bool,
        this_value: Option<Value>,
        function: Option<Obj>,
        new_target: Value,
    ) -> Completion<Value> {
        // 2. If x is not a String, return x.
        let Value::String(source) = x else {
            return Ok(x);
        };
        // 4.–11. Parse; early errors are SyntaxErrors.
        let context = self.eval_context(&caller_env, function.as_ref(), strict_caller);
        let script = crate::mini::parse_eval_script(source.as_str(), &context)
            .map_err(|e| self.throw_error(ErrorKind::SyntaxError, &e.message))?;
        let code = resolve_eval(&script, strict_caller, this_environment_hops(&caller_env))
            .map_err(|e| self.throw_error(ErrorKind::SyntaxError, &e.message))?;
        drop(script);
        self.enter_call()?;
        // 16.–20. lexEnv = NewDeclarativeEnvironment(the running LexicalEnvironment);
        // varEnv is the caller's (or lexEnv in strict code).
        // (Arrows in the eval code reach the caller's function environment
        // by hops: see resolve_eval's `this_hops`.)
        let lex_env =
            new_declarative_environment(&self.heap, Some(caller_env), code.lexical_scope.clone());
        let mut frame = Frame {
            registers: self.take_registers(code.register_count as usize),
            env: lex_env,
            this_value,
            function,
            new_target,
            strict: code.strict,
            yielder: None,
            return_value: Value::Undefined,
        };
        let result = self
            .eval_declaration_instantiation(&mut frame, &code, &var_env)
            .and_then(|()| self.eval_with_completion_value(&mut frame, &code));
        self.recycle_registers(&mut frame.registers);
        self.exit_call();
        result
    }

    /// Evaluates the eval code and returns its completion value, which the
    /// lowered body keeps in a register (resolver/completion.rs).
    fn eval_with_completion_value(&self, frame: &mut Frame, code: &EvalCode) -> Completion<Value> {
        self.eval_statements(frame, &code.body)?;
        let value = frame
            .registers
            .get(code.completion_register as usize)
            .cloned()
            .flatten();
        Ok(value.unwrap_or_default())
    }

    /// PerformEval steps 5.–8.: what the caller's function allows in the
    /// eval code (new.target, super.x, no `arguments` in a field
    /// initializer) and the private names of the enclosing classes, found
    /// on the caller's environment chain.
    fn eval_context(
        &self,
        caller_env: &Env,
        function: Option<&Obj>,
        strict: bool,
    ) -> crate::mini::EvalContext {
        let mut context = crate::mini::EvalContext {
            strict,
            ..Default::default()
        };
        if let Some(f) = function
            && let ObjectKind::Function(d) = &f.borrow().kind
        {
            context.in_function = true;
            context.in_method = d.home_object.is_some();
            context.in_derived_constructor = d.code.kind == FunctionKind::ClassConstructor
                && d.constructor_kind == crate::mini::function_objects::ConstructorKind::Derived;
            context.in_class_field_initializer = d.code.kind == FunctionKind::ClassFieldInitializer;
        }
        let mut env = Some(caller_env);
        while let Some(e) = env {
            for name in &e.scope().names {
                if let Some(private) = name.as_str().strip_prefix('#') {
                    context.private_names.push(private.into());
                }
            }
            env = e.outer_env();
        }
        context
    }

    /// EvalDeclarationInstantiation ( body, varEnv, lexEnv, privateEnv, strict ) —
    /// https://tc39.es/ecma262/#sec-evaldeclarationinstantiation
    fn eval_declaration_instantiation(
        &self,
        frame: &mut Frame,
        code: &EvalCode,
        var_env: &VarEnv,
    ) -> Completion<()> {
        let declared: Vec<&JsStr> = code
            .var_names
            .iter()
            .chain(code.functions.iter().map(|(n, _, _)| n))
            .collect();
        if !code.strict {
            // 3.a. varEnv is global: no var may clash with a global lexical declaration.
            if let VarEnv::Global = var_env {
                for name in &declared {
                    if self
                        .global_env
                        .has_declarative_binding(name.as_str())
                        .is_some()
                    {
                        return Err(self.throw_error(
                            ErrorKind::SyntaxError,
                            &format!("Identifier '{name}' has already been declared"),
                        ));
                    }
                }
            }
            // 3.b.–d. Nor with a lexical binding between lexEnv and varEnv
            // (Annex B.3.4: a catch parameter does not count).
            let mut this_env = frame.env.outer_env().cloned();
            while let Some(e) = this_env {
                let stop = match var_env {
                    VarEnv::Env(v) => e.ptr_eq(v),
                    VarEnv::Global => matches!(e.borrow().kind, EnvKind::Global(_)),
                };
                if stop {
                    break;
                }
                let is_object = matches!(e.borrow().kind, EnvKind::Object { .. });
                let is_catch = e
                    .scope()
                    .kinds
                    .iter()
                    .all(|k| *k == BindingKind::CatchParameter);
                if !is_object && !is_catch {
                    for name in &declared {
                        if e.has_declarative_binding(name.as_str()).is_some() {
                            return Err(self.throw_error(
                                ErrorKind::SyntaxError,
                                &format!("Identifier '{name}' has already been declared"),
                            ));
                        }
                    }
                }
                this_env = e.outer_env().cloned();
            }
            // NON-SPEC: with parameter expressions the parameters get their
            // own record between a parameter eval's lexEnv and varEnv
            // (FunctionDeclarationInstantiation 20.); here they share the
            // function's record, so check them as that record would be.
            if let VarEnv::Env(v) = var_env
                && let Some((f, _)) = v.function_fields()
                && matches!(&f.borrow().kind, ObjectKind::Function(d) if d.code.plan.separate_var_scope)
            {
                for name in &declared {
                    if let Some(slot) = v.has_declarative_binding(name.as_str())
                        && v.scope().kinds.get(slot) == Some(&BindingKind::Parameter)
                    {
                        return Err(self.throw_error(
                            ErrorKind::SyntaxError,
                            &format!("Identifier '{name}' has already been declared"),
                        ));
                    }
                }
            }
            // NON-SPEC: a function's top-level lexical declarations share its
            // var record (FunctionDeclarationInstantiation step 30 keeps them
            // in a separate lexEnv); check them as that lexEnv would be.
            if let VarEnv::Env(v) = var_env {
                for name in &declared {
                    if let Some(slot) = v.has_declarative_binding(name.as_str())
                        && v.scope().kinds.get(slot).is_some_and(|k| k.has_tdz())
                    {
                        return Err(self.throw_error(
                            ErrorKind::SyntaxError,
                            &format!("Identifier '{name}' has already been declared"),
                        ));
                    }
                }
            }
        }
        let global = self.realm.global_object.clone();
        // 8.–10. CanDeclareGlobalFunction / CanDeclareGlobalVar.
        if let (false, VarEnv::Global) = (code.strict, var_env) {
            for (name, _, _) in &code.functions {
                let key = PropertyKey::from_js_str(name.clone());
                let ok = match global.get_own_property(&key) {
                    None => global.extensible(),
                    Some(p) if p.configurable() => true,
                    Some(Property::Data { attributes, .. }) => {
                        attributes.writable() && attributes.enumerable()
                    }
                    Some(_) => false,
                };
                if !ok {
                    return Err(
                        self.type_error(&format!("Cannot declare global function '{name}'"))
                    );
                }
            }
            for name in &code.var_names {
                let key = PropertyKey::from_js_str(name.clone());
                if global.get_own_property(&key).is_none() && !global.extensible() {
                    return Err(
                        self.type_error(&format!("Cannot declare global variable '{name}'"))
                    );
                }
            }
        }
        // 15.–16. Lexical declarations are lexEnv's bindings (created with it).
        // 17. Functions: InstantiateFunctionObject in lexEnv, then bind.
        for (name, target, f) in &code.functions {
            let fo = Value::Object(self.instantiate_function(frame, f, None));
            match (target, var_env) {
                (Some(id), _) => self.initialize_identifier(frame, id, fo)?,
                (None, VarEnv::Global) => {
                    // CreateGlobalFunctionBinding ( N, V, true ).
                    let key = PropertyKey::from_js_str(name.clone());
                    let desc = if global
                        .get_own_property(&key)
                        .is_none_or(|p| p.configurable())
                    {
                        PropertyDescriptor::data(fo.clone(), Attributes::all())
                    } else {
                        PropertyDescriptor {
                            value: Some(fo.clone()),
                            ..Default::default()
                        }
                    };
                    self.define_property_or_throw(&global, key.clone(), desc)?;
                    self.set(&global, key, fo, false)?;
                }
                (None, VarEnv::Env(v)) => set_or_create_eval_binding(v, name, fo, true),
            }
        }
        // 18. Vars: CreateGlobalVarBinding ( N, true ) or CreateMutableBinding ( N, true ).
        if code.strict {
            for id in &code.strict_vars {
                self.initialize_identifier(frame, id, Value::Undefined)?;
            }
        } else {
            for name in &code.var_names {
                match var_env {
                    VarEnv::Global => {
                        let key = PropertyKey::from_js_str(name.clone());
                        if global.get_own_property(&key).is_none() && global.extensible() {
                            self.define_property_or_throw(
                                &global,
                                key,
                                PropertyDescriptor::data(Value::Undefined, Attributes::all()),
                            )?;
                        }
                    }
                    VarEnv::Env(v) => set_or_create_eval_binding(v, name, Value::Undefined, false),
                }
            }
        }
        Ok(())
    }

    /// `with (object) body` — https://tc39.es/ecma262/#sec-with-statement-runtime-semantics-evaluation
    pub fn eval_with(&self, frame: &mut Frame, object: &Expr, body: &Stmt) -> Completion<Flow> {
        // 1.–3. obj = ? ToObject(? GetValue(val)).
        let v = self.eval_expr(frame, object)?;
        let obj = self.to_object(&v)?;
        // 4.–6. newEnv = NewObjectEnvironment(obj, true, oldEnv).
        let old_env = frame.env.clone();
        frame.env = new_object_environment(&self.heap, obj, true, Some(old_env.clone()));
        let result = self.eval_statement(frame, body);
        // 8. Restore oldEnv.
        frame.env = old_env;
        result
    }
}

/// CreateMutableBinding ( N, true ) + InitializeBinding on a function's
/// VariableEnvironment for a sloppy eval's declaration — or, when the
/// binding exists, SetMutableBinding for a function (vars keep their value).
fn set_or_create_eval_binding(env: &Env, name: &JsStr, value: Value, overwrite: bool) {
    if let Some(slot) = env.has_declarative_binding(name.as_str()) {
        if overwrite {
            env.set_slot(slot, value);
        }
        return;
    }
    let mut r = env.borrow_mut();
    match r.eval_bindings.iter_mut().find(|(n, _)| n == name) {
        Some(b) if overwrite => b.1 = value,
        Some(_) => {}
        None => r.eval_bindings.push((name.clone(), value)),
    }
}

/// The global `eval ( x )` — https://tc39.es/ecma262/#sec-eval-x (an
/// indirect eval: global code).
pub fn global_eval(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let x = args.first().cloned().unwrap_or_default();
    interp.perform_eval(
        x,
        interp.global_env.clone(),
        VarEnv::Global,
        false,
        Some(Value::Object(interp.realm.global_object.clone())),
        None,
        Value::Undefined,
    )
}

/// GetThisEnvironment from `env`, as a hop count (None: the global
/// environment) — https://tc39.es/ecma262/#sec-getthisenvironment
fn this_environment_hops(env: &Env) -> Option<u32> {
    let mut current = Some(env);
    let mut hops = 0;
    while let Some(e) = current {
        if e.has_this_binding() {
            return match e.borrow().kind {
                EnvKind::Global(_) => None,
                _ => Some(hops),
            };
        }
        current = e.outer_env();
        hops += 1;
    }
    None
}
