//! Identifier resolution at run time: the Reference Record for identifiers
//! (https://tc39.es/ecma262/#sec-reference-record-specification-type),
//! GetIdentifierReference, ResolveBinding, and GetValue / PutValue /
//! InitializeReferencedBinding on *resolved* addresses.
//!
//! NON-SPEC: the resolver has already turned every identifier into an
//! [`Address`] — a frame register, `(hops, slot)` in the environment chain,
//! or a global look-up — so the evaluator never searches local scopes by
//! name. In debug builds every `(hops, slot)` access is cross-checked
//! against the spec's by-name [`get_identifier_reference`] walk.

use super::environment::Env;
use super::environment::{BindingError, EnvKind};
use super::interpreter::{Completion, Frame, Interpreter};
use super::ir::{Address, Ident};
use super::object::Obj;
use super::property::PropertyKey;
use super::value::{JsStr, Value};

/// Where a by-name look-up found a binding.
#[derive(Debug, PartialEq)]
pub enum ReferenceBase {
    /// A declarative binding: the environment `hops` out, at `slot`.
    Declarative { hops: u32, slot: usize },
    /// A property of the global object (object record).
    GlobalObject,
    /// Not found anywhere: an unresolvable reference.
    Unresolvable,
}

/// GetIdentifierReference ( env, name, strict ) — https://tc39.es/ecma262/#sec-getidentifierreference
///
/// The by-name walk the resolver makes unnecessary; kept for the debug
/// cross-check and for tests.
pub fn get_identifier_reference(interp: &Interpreter, env: &Env, name: &str) -> ReferenceBase {
    let mut current = Some(env);
    let mut hops = 0;
    while let Some(e) = current {
        // 2. Let exists be ? env.HasBinding(name).
        if let Some(slot) = e.has_declarative_binding(name) {
            // 3. If exists is true, return the Reference Record { [[Base]]: env … }.
            return ReferenceBase::Declarative { hops, slot };
        }
        if let EnvKind::Global(g) = &e.borrow().kind {
            // The object record: HasBinding is HasProperty(globalObject, name).
            if interp
                .has_property(&g.object_record, &PropertyKey::from(name))
                .unwrap_or(false)
            {
                return ReferenceBase::GlobalObject;
            }
        }
        // 4. Let outer be env.[[OuterEnv]]; 5. Return ? GetIdentifierReference(outer, name, strict).
        current = e.outer_env();
        hops += 1;
    }
    // 1. If env is null, return an unresolvable Reference Record.
    ReferenceBase::Unresolvable
}

/// Debug-build check that a resolved `(hops, slot)` names the binding the
/// spec's by-name walk finds.
#[cfg(debug_assertions)]
fn cross_check(interp: &Interpreter, frame: &Frame, id: &Ident, hops: u32, slot: u32) {
    let found = get_identifier_reference(interp, &frame.env, id.name.as_str());
    debug_assert_eq!(
        found,
        ReferenceBase::Declarative {
            hops,
            slot: slot as usize
        },
        "resolved address of `{}` disagrees with GetIdentifierReference",
        id.name
    );
}

/// What a run-time by-name walk found (GetIdentifierReference at run time,
/// for `with` bodies and eval code).
pub enum DynamicBinding {
    /// A declarative binding: environment and slot.
    Slot(Env, usize),
    /// A binding a sloppy direct eval created: environment and name.
    EvalVar(Env, JsStr),
    /// A property of a `with` object or of the global object.
    Object(Obj),
    /// A property of a `with` object: like `Object`, but the object is
    /// also the reference's this value (WithBaseObject).
    WithObject(Obj),
    /// Not found: an unresolvable reference.
    Unresolvable,
}

impl Interpreter {
    /// GetIdentifierReference ( env, name, strict ) walked at run time —
    /// https://tc39.es/ecma262/#sec-getidentifierreference — through
    /// declarative, eval-created, object (`with`) and global bindings.
    pub fn resolve_dynamic(&self, env: &Env, name: &JsStr) -> Completion<DynamicBinding> {
        let key = PropertyKey::from_js_str(name.clone());
        let mut current = Some(env.clone());
        while let Some(e) = current {
            // HasBinding of the declarative part.
            if let Some(slot) = e.has_declarative_binding(name.as_str()) {
                return Ok(DynamicBinding::Slot(e, slot));
            }
            let object = {
                let r = e.borrow();
                if r.eval_bindings.iter().any(|(n, _)| n == name) {
                    return Ok(DynamicBinding::EvalVar(e.clone(), name.clone()));
                }
                match &r.kind {
                    EnvKind::Object {
                        binding_object,
                        is_with_environment,
                    } => Some((binding_object.clone(), *is_with_environment)),
                    EnvKind::Global(g) => Some((g.object_record.clone(), false)),
                    _ => None,
                }
            };
            if let Some((o, is_with)) = object {
                // Object Environment Record HasBinding ( N ) — #sec-object-environment-records-hasbinding-n
                if self.has_property(&o, &key)? {
                    let blocked = is_with && {
                        let unscopables =
                            self.get(&o, &PropertyKey::Symbol(self.symbols.unscopables.clone()))?;
                        match unscopables {
                            Value::Object(u) => self.get(&u, &key)?.to_boolean(),
                            _ => false,
                        }
                    };
                    if !blocked {
                        return Ok(if is_with {
                            DynamicBinding::WithObject(o)
                        } else {
                            DynamicBinding::Object(o)
                        });
                    }
                }
            }
            current = e.outer_env().cloned();
        }
        Ok(DynamicBinding::Unresolvable)
    }

    /// GetValue of a run-time-resolved reference.
    #[inline(never)]
    fn get_dynamic_value(
        &self,
        frame: &Frame,
        name: &JsStr,
        for_typeof: bool,
    ) -> Completion<Value> {
        match self.resolve_dynamic(&frame.env, name)? {
            DynamicBinding::Slot(env, slot) => env
                .get_binding_value(slot)
                .map_err(|e| self.binding_error(name, e)),
            DynamicBinding::EvalVar(env, n) => Ok(env
                .borrow()
                .eval_bindings
                .iter()
                .find(|(x, _)| *x == n)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()),
            DynamicBinding::Object(o) | DynamicBinding::WithObject(o) => {
                self.get(&o, &PropertyKey::from_js_str(name.clone()))
            }
            DynamicBinding::Unresolvable if for_typeof => Ok(Value::Undefined),
            DynamicBinding::Unresolvable => {
                Err(self.reference_error(&format!("{name} is not defined")))
            }
        }
    }

    /// A call's function and this value for a run-time-resolved callee:
    /// EvaluateCall step 1.b, `this` is the reference base's
    /// WithBaseObject — the `with` object, else undefined.
    pub fn get_dynamic_callee(&self, frame: &Frame, name: &JsStr) -> Completion<(Value, Value)> {
        if let DynamicBinding::WithObject(o) = self.resolve_dynamic(&frame.env, name)? {
            let f = self.get(&o, &PropertyKey::from_js_str(name.clone()))?;
            return Ok((f, Value::Object(o)));
        }
        Ok((
            self.get_dynamic_value(frame, name, false)?,
            Value::Undefined,
        ))
    }

    /// PutValue of a run-time-resolved reference.
    fn put_dynamic_value(&self, frame: &Frame, name: &JsStr, value: Value) -> Completion<()> {
        match self.resolve_dynamic(&frame.env, name)? {
            DynamicBinding::Slot(env, slot) => env
                .set_mutable_binding(slot, value, frame.strict)
                .map(|_| ())
                .map_err(|e| self.binding_error(name, e)),
            DynamicBinding::EvalVar(env, n) => {
                if let Some(b) = env
                    .borrow_mut()
                    .eval_bindings
                    .iter_mut()
                    .find(|(x, _)| *x == n)
                {
                    b.1 = value;
                }
                Ok(())
            }
            DynamicBinding::Object(o) | DynamicBinding::WithObject(o) => self.set(
                &o,
                PropertyKey::from_js_str(name.clone()),
                value,
                frame.strict,
            ),
            DynamicBinding::Unresolvable => self.put_global_value(name, value, frame.strict),
        }
    }

    /// `delete name` in sloppy code for a run-time-resolved reference.
    pub fn delete_dynamic(&self, frame: &Frame, name: &JsStr) -> Completion<bool> {
        match self.resolve_dynamic(&frame.env, name)? {
            DynamicBinding::Slot(..) => Ok(false),
            DynamicBinding::EvalVar(env, n) => {
                env.borrow_mut().eval_bindings.retain(|(x, _)| *x != n);
                Ok(true)
            }
            DynamicBinding::Object(o) | DynamicBinding::WithObject(o) => {
                Ok(o.delete(&PropertyKey::from_js_str(name.clone())))
            }
            DynamicBinding::Unresolvable => Ok(true),
        }
    }

    #[cold]
    #[inline(never)]
    fn binding_error(&self, name: &JsStr, e: BindingError) -> super::interpreter::Abrupt {
        match e {
            BindingError::Uninitialized => {
                self.reference_error(&format!("Cannot access '{name}' before initialization"))
            }
            BindingError::Immutable => {
                self.type_error(&format!("Assignment to constant variable '{name}'"))
            }
        }
    }

    /// The environment `hops` out from the running context's
    /// LexicalEnvironment.
    #[inline]
    pub fn env_at<'f>(&self, frame: &'f Frame, hops: u32) -> Completion<&'f Env> {
        frame
            .env
            .ancestor(hops)
            .ok_or_else(|| self.reference_error("internal: environment chain too short"))
    }

    /// GetValue ( V ) of a resolved identifier reference —
    /// https://tc39.es/ecma262/#sec-getvalue
    #[inline(always)]
    pub fn get_identifier_value(&self, frame: &Frame, id: &Ident) -> Completion<Value> {
        // The common cases, small enough to inline: an initialised register
        // or declarative binding.
        match &id.address {
            Address::Register(r) => {
                if let Some(Some(v)) = frame.registers.get(*r as usize) {
                    return Ok(v.clone());
                }
            }
            Address::Env { hops, slot } => {
                #[cfg(debug_assertions)]
                cross_check(self, frame, id, *hops, *slot);
                // GetBindingValue of an initialised binding, in one borrow.
                if let Some(env) = frame.env.ancestor(*hops)
                    && let Some(Some(v)) = env.borrow().bindings.get(*slot as usize)
                {
                    return Ok(match v {
                        Value::Number(n) => Value::Number(*n),
                        _ => v.clone(),
                    });
                }
            }
            Address::Global(name) => return self.get_global_identifier_value(name, &id.cache),
            _ => {}
        }
        self.get_identifier_value_slow(frame, id)
    }

    /// The rest of [`Interpreter::get_identifier_value`]: TDZ errors,
    /// globals, names resolved at run time.
    #[inline(never)]
    fn get_identifier_value_slow(&self, frame: &Frame, id: &Ident) -> Completion<Value> {
        match &id.address {
            Address::Register(_) => Err(self.binding_error(&id.name, BindingError::Uninitialized)),
            Address::Env { hops, slot } => self.get_env_identifier_value(frame, id, *hops, *slot),
            Address::Global(name) => self.get_global_identifier_value(name, &id.cache),
            Address::Dynamic(name) => self.get_dynamic_value(frame, name, false),
        }
    }

    /// GetBindingValue of a declarative binding that is uninitialised (a
    /// ReferenceError) or missing (out of line).
    #[inline(never)]
    fn get_env_identifier_value(
        &self,
        frame: &Frame,
        id: &Ident,
        hops: u32,
        slot: u32,
    ) -> Completion<Value> {
        let env = self.env_at(frame, hops)?;
        env.get_binding_value(slot as usize)
            .map_err(|e| self.binding_error(&id.name, e))
    }

    /// GetValue of a global identifier through its inline cache (NON-SPEC:
    /// kept out of line so that the local arms of
    /// [`Interpreter::get_identifier_value`] inline into their callers).
    #[inline(never)]
    fn get_global_identifier_value(
        &self,
        name: &JsStr,
        cache: &std::cell::Cell<u32>,
    ) -> Completion<Value> {
        // Fast path: an own data property of the global object, found
        // through the identifier's inline cache.
        if let Some(super::property::Property::Data { value, .. }) = self
            .realm
            .global_object
            .borrow()
            .properties
            .get_with_hint(name, cache)
        {
            return Ok(value.clone());
        }
        self.get_global_value(name)
    }

    /// GetValue of a global identifier: the object record's
    /// GetBindingValue, or a ReferenceError when unresolvable.
    pub fn get_global_value(&self, name: &JsStr) -> Completion<Value> {
        let global = &self.realm.global_object;
        let key = PropertyKey::from_js_str(name.clone());
        // Fast path: an own data property of the global object.
        if let super::interpreter::object_ops::OwnLookup::Data(v) = global.borrow().lookup_own(&key)
        {
            return Ok(v);
        }
        if !self.has_property(global, &key)? {
            return Err(self.reference_error(&format!("{name} is not defined")));
        }
        self.get(global, &key)
    }

    /// `typeof name`: like GetValue, but an unresolvable reference gives
    /// undefined (#sec-typeof-operator step 2.a).
    pub fn typeof_identifier(&self, frame: &Frame, id: &Ident) -> Completion<Value> {
        if let Address::Dynamic(name) = &id.address {
            return self.get_dynamic_value(frame, name, true);
        }
        if let Address::Global(name) = &id.address {
            let global = &self.realm.global_object;
            let key = PropertyKey::from_js_str(name.clone());
            if !self.has_property(global, &key)? {
                return Ok(Value::Undefined);
            }
            return self.get(global, &key);
        }
        self.get_identifier_value(frame, id)
    }

    /// PutValue ( V, W ) of a resolved identifier reference —
    /// https://tc39.es/ecma262/#sec-putvalue
    #[inline(always)]
    pub fn put_identifier_value(
        &self,
        frame: &mut Frame,
        id: &Ident,
        value: Value,
    ) -> Completion<()> {
        // The common case, small enough to inline: a mutable, initialised
        // register or declarative binding (SetMutableBinding step 4).
        if !id.kind.is_immutable() {
            match &id.address {
                Address::Register(r) => {
                    if let Some(b @ Some(_)) = frame.registers.get_mut(*r as usize) {
                        *b = Some(value);
                        return Ok(());
                    }
                }
                Address::Env { hops, slot } => {
                    #[cfg(debug_assertions)]
                    cross_check(self, frame, id, *hops, *slot);
                    if let Some(env) = frame.env.ancestor(*hops)
                        && let Some(b @ Some(_)) = env.borrow_mut().bindings.get_mut(*slot as usize)
                    {
                        *b = Some(value);
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        self.put_identifier_value_slow(frame, id, value)
    }

    /// The rest of [`Interpreter::put_identifier_value`]: TDZ and
    /// immutability errors, globals, names resolved at run time.
    #[inline(never)]
    fn put_identifier_value_slow(
        &self,
        frame: &mut Frame,
        id: &Ident,
        value: Value,
    ) -> Completion<()> {
        match &id.address {
            Address::Register(r) => {
                let strict = frame.strict;
                let Some(slot) = frame.registers.get_mut(*r as usize) else {
                    return Ok(());
                };
                if slot.is_none() {
                    return Err(self.binding_error(&id.name, BindingError::Uninitialized));
                }
                if id.kind.is_immutable() {
                    if id.kind == super::environment::BindingKind::FunctionExpressionName && !strict
                    {
                        return Ok(());
                    }
                    return Err(self.binding_error(&id.name, BindingError::Immutable));
                }
                *slot = Some(value);
                Ok(())
            }
            Address::Env { hops, slot } => {
                #[cfg(debug_assertions)]
                cross_check(self, frame, id, *hops, *slot);
                let env = self.env_at(frame, *hops)?;
                env.set_mutable_binding(*slot as usize, value, frame.strict)
                    .map(|_| ())
                    .map_err(|e| self.binding_error(&id.name, e))
            }
            Address::Global(name) => self.put_global_value(name, value, frame.strict),
            Address::Dynamic(name) => self.put_dynamic_value(frame, name, value),
        }
    }

    /// PutValue on a global identifier: 5.a–b. an unresolvable reference
    /// throws in strict code and creates a global property in sloppy code;
    /// 6. otherwise the object record's SetMutableBinding.
    pub fn put_global_value(&self, name: &JsStr, value: Value, strict: bool) -> Completion<()> {
        let global = self.realm.global_object.clone();
        let key = PropertyKey::from_js_str(name.clone());
        if strict && !self.has_property(&global, &key)? {
            return Err(self.reference_error(&format!("{name} is not defined")));
        }
        self.set(&global, key, value, strict)
    }

    /// InitializeReferencedBinding ( V, W ) — https://tc39.es/ecma262/#sec-initializereferencedbinding
    /// (also used for `var` and parameter initialisation by slot).
    #[inline]
    pub fn initialize_identifier(
        &self,
        frame: &mut Frame,
        id: &Ident,
        value: Value,
    ) -> Completion<()> {
        match &id.address {
            Address::Register(r) => {
                if let Some(slot) = frame.registers.get_mut(*r as usize) {
                    *slot = Some(value);
                }
                Ok(())
            }
            Address::Env { hops, slot } => {
                let env = self.env_at(frame, *hops)?;
                env.initialize_binding(*slot as usize, value);
                Ok(())
            }
            _ => self.initialize_global_identifier(frame, id, value),
        }
    }

    /// InitializeReferencedBinding of a global or `with`-dynamic name (out of line).
    #[inline(never)]
    fn initialize_global_identifier(
        &self,
        frame: &mut Frame,
        id: &Ident,
        value: Value,
    ) -> Completion<()> {
        match &id.address {
            // A global `var`/function binding: the object record's
            // InitializeBinding is a Set.
            Address::Dynamic(name) => self.put_dynamic_value(frame, name, value),
            Address::Global(name) => {
                let global = self.realm.global_object.clone();
                self.set(
                    &global,
                    PropertyKey::from_js_str(name.clone()),
                    value,
                    false,
                )
            }
            Address::Register(_) | Address::Env { .. } => Ok(()),
        }
    }
}
