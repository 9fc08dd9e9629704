//! Declaration instantiation: creating and initialising the bindings a
//! script, a function or a block declares before its code runs.
//!
//! - GlobalDeclarationInstantiation — https://tc39.es/ecma262/#sec-globaldeclarationinstantiation
//! - FunctionDeclarationInstantiation — https://tc39.es/ecma262/#sec-functiondeclarationinstantiation
//! - BlockDeclarationInstantiation — https://tc39.es/ecma262/#sec-blockdeclarationinstantiation
//! - CreateMappedArgumentsObject / CreateUnmappedArgumentsObject
//!   (#sec-createmappedargumentsobject, #sec-createunmappedargumentsobject)
//!
//! The resolver has already decided which bindings each scope declares
//! (BoundNames, VarDeclaredNames, LexicallyScopedDeclarations …) and where
//! they live; each function carries that as an [`InstantiationPlan`].
//! Creating a scope's record creates all of its bindings, uninitialised
//! (NON-SPEC, see `environment.rs`); the steps below initialise them.

use std::rc::Rc;

use super::environment::{EnvKind, new_declarative_environment};
use super::interpreter::{Completion, Frame, Interpreter};
use super::ir::{BlockScope, FunctionCode, Pattern, ScriptCode};
use super::object::{MappedArguments, Obj, ObjectKind};
use super::property::{Attributes, Property, PropertyDescriptor, PropertyKey};
use super::realm::ErrorKind;
use super::value::Value;

impl Interpreter {
    /// FunctionDeclarationInstantiation ( func, argumentsList ) —
    /// https://tc39.es/ecma262/#sec-functiondeclarationinstantiation
    /// (`frame.env` is the function's record, or its closure environment
    /// when it needs none).
    #[inline]
    pub fn function_declaration_instantiation(
        &self,
        frame: &mut Frame,
        code: &FunctionCode,
        args: &[Value],
    ) -> Completion<()> {
        if code.plan.only_parameters {
            // 24.–26. for a simple parameter list, and nothing else to do.
            for (i, p) in code.params.iter().enumerate() {
                if let Pattern::Ident(id) = &p.target {
                    let v = args.get(i).cloned().unwrap_or_default();
                    self.initialize_identifier(frame, id, v)?;
                }
            }
            return Ok(());
        }
        self.function_declaration_instantiation_general(frame, code, args)
    }

    /// The general case of [`Interpreter::function_declaration_instantiation`].
    fn function_declaration_instantiation_general(
        &self,
        frame: &mut Frame,
        code: &FunctionCode,
        args: &[Value],
    ) -> Completion<()> {
        let plan = &code.plan;
        // 22.–23. The arguments object, when needed (argumentsObjectNeeded).
        if let Some(a) = &plan.arguments {
            let ao = if a.mapped {
                self.create_mapped_arguments_object(frame, &a.parameter_slots, args)
            } else {
                self.create_unmapped_arguments_object(args)
            };
            self.initialize_identifier(frame, &a.binding, Value::Object(ao))?;
        }
        // 24.–26. IteratorBindingInitialization of the formals with the
        // arguments (NON-SPEC: the list is indexed directly, which is
        // unobservable for argument lists).
        if code.simple_params {
            for (i, p) in code.params.iter().enumerate() {
                if let Pattern::Ident(id) = &p.target {
                    let v = args.get(i).cloned().unwrap_or_default();
                    self.initialize_identifier(frame, id, v)?;
                }
            }
        } else {
            for (i, p) in code.params.iter().enumerate() {
                let mut v = args.get(i).cloned().unwrap_or_default();
                if v.is_undefined()
                    && let Some(d) = &p.default
                {
                    v = self.eval_named(frame, d, pattern_name(&p.target))?;
                }
                self.bind_pattern(frame, &p.target, v, true)?;
            }
            if let Some(rest) = &code.rest {
                let rest_values = args
                    .get(code.params.len()..)
                    .map(<[Value]>::to_vec)
                    .unwrap_or_default();
                let array = self.new_array(rest_values);
                self.bind_pattern(frame, rest, Value::Object(array), true)?;
            }
        }
        // 27.–28. Var bindings: in the same record (27), or — when parameters
        // have expressions — in a separate varEnv (28), each starting as
        // undefined or as the same-named parameter's value (28.f.i.4).
        if plan.separate_var_scope
            && let Some(scope) = &plan.var_scope
        {
            frame.env =
                new_declarative_environment(&self.heap, Some(frame.env.clone()), scope.clone());
        }
        for (var, copy_from) in &plan.vars {
            let v = match copy_from {
                Some(param) => self.get_identifier_value(frame, param)?,
                None => Value::Undefined,
            };
            self.initialize_identifier(frame, var, v)?;
        }
        // 34.–35. Lexical declarations start in their TDZ (registers are
        // fresh, records were created uninitialised).
        for r in &plan.tdz_registers {
            if let Some(slot) = frame.registers.get_mut(*r as usize) {
                *slot = None;
            }
        }
        // 36. Instantiate function declarations: InstantiateFunctionObject
        // and SetMutableBinding (they are var-scoped).
        for (id, f) in &plan.functions {
            let fo = self.instantiate_function(frame, f, None);
            self.initialize_identifier(frame, id, Value::Object(fo))?;
        }
        Ok(())
    }

    /// BlockDeclarationInstantiation ( code, env ) — https://tc39.es/ecma262/#sec-blockdeclarationinstantiation
    /// preceded by NewDeclarativeEnvironment: makes `frame.env` the block's
    /// record (when it needs one). The caller restores the old env after.
    pub fn block_declaration_instantiation(
        &self,
        frame: &mut Frame,
        scope: &BlockScope,
    ) -> Completion<()> {
        if let Some(info) = &scope.env {
            // Block : { StatementList } step 2–4: blockEnv = NewDeclarativeEnvironment(oldEnv).
            frame.env =
                new_declarative_environment(&self.heap, Some(frame.env.clone()), info.clone());
        }
        // 3.a. Lexical bindings start uninitialised.
        for r in &scope.tdz_registers {
            if let Some(slot) = frame.registers.get_mut(*r as usize) {
                *slot = None;
            }
        }
        // 3.b. Function declarations: InstantiateFunctionObject(d, env) and
        // InitializeBinding (Annex B: if the binding is initialised already,
        // SetMutableBinding — same effect here).
        for (id, code) in &scope.functions {
            let fo = self.instantiate_function(frame, code, None);
            self.initialize_identifier(frame, id, Value::Object(fo))?;
        }
        Ok(())
    }

    /// GlobalDeclarationInstantiation ( script, env ) —
    /// https://tc39.es/ecma262/#sec-globaldeclarationinstantiation
    pub fn global_declaration_instantiation(
        &self,
        frame: &mut Frame,
        script: &ScriptCode,
    ) -> Completion<()> {
        let global = self.realm.global_object.clone();
        let env = self.global_env.clone();
        let has_var_declaration = |name: &str| matches!(&env.borrow().kind, EnvKind::Global(g) if g.var_names.iter().any(|v| v.as_str() == name));
        // 3. For each lexically declared name: no clash with a var or a
        // restricted (non-configurable) global property.
        for name in &script.lexical_scope.names {
            if has_var_declaration(name.as_str()) {
                return Err(self.throw_error(
                    ErrorKind::SyntaxError,
                    &format!("Identifier '{name}' has already been declared"),
                ));
            }
            let key = PropertyKey::from_js_str(name.clone());
            // HasRestrictedGlobalProperty ( N ) — #sec-hasrestrictedglobalproperty
            if global
                .get_own_property(&key)
                .is_some_and(|p| !p.configurable())
            {
                return Err(self.throw_error(
                    ErrorKind::SyntaxError,
                    &format!("Identifier '{name}' has already been declared"),
                ));
            }
        }
        // 8.–9. CanDeclareGlobalFunction for each function to initialise.
        for (name, _) in &script.functions {
            let key = PropertyKey::from_js_str(name.clone());
            if !can_declare_global_function(&global, &key) {
                return Err(self.type_error(&format!("Cannot declare global function '{name}'")));
            }
        }
        // 10. CanDeclareGlobalVar for each var name.
        for name in &script.var_names {
            let key = PropertyKey::from_js_str(name.clone());
            if global.get_own_property(&key).is_none() && !global.extensible() {
                return Err(self.type_error(&format!("Cannot declare global variable '{name}'")));
            }
        }
        // 15.–16. Lexical declarations are the declarative record's
        // bindings, created uninitialised with the record.
        // 17. CreateGlobalFunctionBinding ( N, V, D ) for each function —
        // https://tc39.es/ecma262/#sec-createglobalfunctionbinding
        for (name, code) in &script.functions {
            let fo = self.instantiate_function(frame, code, None);
            let key = PropertyKey::from_js_str(name.clone());
            let existing = global.get_own_property(&key);
            let desc = if existing.is_none_or(|p| p.configurable()) {
                PropertyDescriptor::data(
                    Value::Object(fo.clone()),
                    Attributes::new(true, true, false),
                )
            } else {
                PropertyDescriptor {
                    value: Some(Value::Object(fo.clone())),
                    ..Default::default()
                }
            };
            self.define_property_or_throw(&global, key.clone(), desc)?;
            self.set(&global, key, Value::Object(fo), false)?;
            self.add_var_name(name);
        }
        // 18. CreateGlobalVarBinding ( N, D ) for each var (and Annex B
        // B.3.2.2 function) name — https://tc39.es/ecma262/#sec-createglobalvarbinding
        for name in script.var_names.iter().chain(&script.annex_b_var_names) {
            let key = PropertyKey::from_js_str(name.clone());
            if global.get_own_property(&key).is_none() && global.extensible() {
                self.define_property_or_throw(
                    &global,
                    key,
                    PropertyDescriptor::data(Value::Undefined, Attributes::new(true, true, false)),
                )?;
            }
            self.add_var_name(name);
        }
        Ok(())
    }

    fn add_var_name(&self, name: &super::value::JsStr) {
        if let EnvKind::Global(g) = &mut self.global_env.borrow_mut().kind
            && !g.var_names.contains(name)
        {
            g.var_names.push(name.clone());
        }
    }

    /// CreateUnmappedArgumentsObject ( argumentsList ) —
    /// https://tc39.es/ecma262/#sec-createunmappedargumentsobject
    pub fn create_unmapped_arguments_object(&self, args: &[Value]) -> Obj {
        let obj = Obj::with_kind(
            &self.heap,
            Some(self.realm.object_prototype.clone()),
            ObjectKind::UnmappedArguments,
        );
        self.fill_arguments_object(&obj, args);
        // 8. "callee" is an accessor that throws (%ThrowTypeError%).
        let thrower = self
            .realm
            .intrinsic("%ThrowTypeError%")
            .map(Value::Object)
            .unwrap_or_default();
        obj.define_own_property(
            PropertyKey::from("callee"),
            PropertyDescriptor::accessor(
                thrower.clone(),
                thrower,
                Attributes::new(false, false, false),
            ),
        );
        obj
    }

    /// CreateMappedArgumentsObject ( func, formals, argumentsList, env ) —
    /// https://tc39.es/ecma262/#sec-createmappedargumentsobject
    fn create_mapped_arguments_object(
        &self,
        frame: &Frame,
        parameter_slots: &[Option<u32>],
        args: &[Value],
    ) -> Obj {
        // 15.–17. Each index below the parameter count aliases its binding.
        let slots = (0..args.len())
            .map(|i| parameter_slots.get(i).copied().flatten())
            .collect();
        let obj = Obj::with_kind(
            &self.heap,
            Some(self.realm.object_prototype.clone()),
            ObjectKind::MappedArguments(MappedArguments {
                env: frame.env.clone(),
                slots,
            }),
        );
        self.fill_arguments_object(&obj, args);
        // 20. "callee" is the function.
        let callee = frame
            .function
            .clone()
            .map(Value::Object)
            .unwrap_or_default();
        obj.define_data("callee", callee, Attributes::builtin());
        obj
    }

    fn fill_arguments_object(&self, obj: &Obj, args: &[Value]) {
        let mut data = obj.borrow_mut();
        for (i, v) in args.iter().enumerate() {
            data.properties.insert(
                PropertyKey::Index(i as u32),
                Property::data(v.clone(), Attributes::all()),
            );
        }
        data.properties.insert(
            PropertyKey::from("length"),
            Property::data(Value::from(args.len()), Attributes::builtin()),
        );
        if let Some(values) = self.realm.intrinsic("%Array.prototype.values%") {
            data.properties.insert(
                PropertyKey::Symbol(self.symbols.iterator.clone()),
                Property::data(Value::Object(values), Attributes::builtin()),
            );
        }
    }
}

/// CanDeclareGlobalFunction ( N ) — https://tc39.es/ecma262/#sec-candeclareglobalfunction
fn can_declare_global_function(global: &Obj, key: &PropertyKey) -> bool {
    match global.get_own_property(key) {
        // 4. If existingProp is undefined, return ? IsExtensible(globalObject).
        None => global.extensible(),
        // 5. If existingProp.[[Configurable]] is true, return true.
        Some(p) if p.configurable() => true,
        // 6. A writable, enumerable data property may be redefined.
        Some(Property::Data { attributes, .. }) => attributes.writable() && attributes.enumerable(),
        Some(_) => false,
    }
}

/// The name NamedEvaluation gives an anonymous function default
/// (`function f(a = function(){}) {}` names it "a").
pub fn pattern_name(p: &Pattern) -> Option<&super::value::JsStr> {
    match p {
        Pattern::Ident(id) => Some(&id.name),
        _ => None,
    }
}

#[allow(dead_code)]
fn _rc(_: Rc<()>) {}
