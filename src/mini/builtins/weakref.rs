//! WeakRef objects — https://tc39.es/ecma262/#sec-weak-ref-objects
//! `new WeakRef(target)` and `deref()`. The target is held weakly (never
//! traced by the collector); the constructor and `deref` add it to the
//! kept-alive list (AddToKeptObjects), which the host clears at the end of
//! each job (ClearKeptObjects), so a target stays alive for the rest of the
//! job that observed it.
//!
//! FinalizationRegistry objects — https://tc39.es/ecma262/#sec-finalization-registry-objects —
//! `new FinalizationRegistry(cleanup)`, `register` and `unregister`.
//! DEVIATION (allowed by the spec, and what node shows in a short run):
//! cleanup callbacks are never called, so a cell's held value lives as long
//! as its registry. Unregister tokens are held weakly (symbols strongly, as
//! in WeakMap).

use std::rc::Weak;

use super::weak_collections::can_be_held_weakly;
use super::{arg, define_constructor, define_function};
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectCell, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{Sym, Value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.weakref_prototype.clone();
    define_constructor(interp, "WeakRef", 1, weakref_constructor, &proto);
    define_function(interp, &proto, "deref", 0, deref);
    proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("WeakRef"),
        Attributes::new(false, false, true),
    );
    let registry_proto = interp.new_object();
    define_constructor(
        interp,
        "FinalizationRegistry",
        1,
        registry_constructor,
        &registry_proto,
    );
    define_function(interp, &registry_proto, "register", 2, register);
    define_function(interp, &registry_proto, "unregister", 1, unregister);
    registry_proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("FinalizationRegistry"),
        Attributes::new(false, false, true),
    );
    interp
        .realm
        .set_intrinsic("%FinalizationRegistry.prototype%", registry_proto);
}

/// WeakRef ( target ) — https://tc39.es/ecma262/#sec-weak-ref-target
fn weakref_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError.
    let Some(nt) = interp.new_target() else {
        return Err(interp.type_error("Constructor WeakRef requires 'new'"));
    };
    // 2. If CanBeHeldWeakly(target) is false, throw a TypeError.
    let Value::Object(target) = arg(args, 0) else {
        return Err(interp.type_error("WeakRef: target must be an object"));
    };
    // 3.–6. Create it, AddToKeptObjects(target), set [[WeakRefTarget]].
    let weak_ref = interp.ordinary_create_from_constructor(
        Some(&nt),
        &interp.realm.weakref_prototype,
        ObjectKind::WeakRef(target.downgrade()),
    )?;
    interp.add_to_kept_objects(target);
    Ok(Value::Object(weak_ref))
}

/// WeakRef.prototype.deref ( ) — https://tc39.es/ecma262/#sec-weak-ref.prototype.deref
fn deref(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let weak = match this {
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::WeakRef(w) => Some(w.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(weak) = weak else {
        return Err(interp.type_error("WeakRef.prototype.deref called on incompatible receiver"));
    };
    // WeakRefDeref: if the target is alive, AddToKeptObjects and return it.
    match Obj::upgrade(&weak) {
        Some(t) => {
            interp.add_to_kept_objects(t.clone());
            Ok(Value::Object(t))
        }
        None => Ok(Value::Undefined),
    }
}

/// An unregister token, held weakly (a symbol strongly).
enum Token {
    Object(Weak<ObjectCell>),
    Symbol(Sym),
}

impl Token {
    fn of(v: &Value) -> Option<Token> {
        match v {
            Value::Object(o) => Some(Token::Object(o.downgrade())),
            Value::Symbol(s) => Some(Token::Symbol(s.clone())),
            _ => None,
        }
    }

    /// SameValue(token, v).
    fn is(&self, v: &Value) -> bool {
        match (self, v) {
            (Token::Object(w), Value::Object(o)) => Obj::upgrade(w).is_some_and(|t| t.ptr_eq(o)),
            (Token::Symbol(s), Value::Symbol(t)) => s == t,
            _ => false,
        }
    }
}

/// A FinalizationRegistry's slots: [[CleanupCallback]] and [[Cells]] (each
/// cell's [[HeldValue]] and [[UnregisterToken]]; the target is not kept,
/// since cleanup never runs).
struct Registry {
    cleanup: Value,
    cells: Vec<(Value, Option<Token>)>,
}

impl Trace for Registry {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let Registry { cleanup, cells } = self;
        cleanup.trace(tracer);
        for (held, _token) in cells {
            held.trace(tracer);
        }
    }
}

/// FinalizationRegistry ( cleanupCallback ) — https://tc39.es/ecma262/#sec-finalization-registry-cleanup-callback
fn registry_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = interp.new_target() else {
        return Err(interp.type_error("Constructor FinalizationRegistry requires 'new'"));
    };
    // 2. If IsCallable(cleanupCallback) is false, throw a TypeError exception.
    let cleanup = arg(args, 0);
    if !is_callable(&cleanup) {
        return Err(interp.type_error("FinalizationRegistry: cleanup must be callable"));
    }
    // 3.–8. OrdinaryCreateFromConstructor with no cells.
    let proto = interp
        .realm
        .intrinsic("%FinalizationRegistry.prototype%")
        .expect("installed with FinalizationRegistry");
    let registry = Registry {
        cleanup,
        cells: Vec::new(),
    };
    Ok(Value::Object(interp.ordinary_create_from_constructor(
        Some(&nt),
        &proto,
        ObjectKind::Native(Box::new(registry)),
    )?))
}

/// RequireInternalSlot(F, [[Cells]]), then `f` on the registry.
fn with_registry<R>(
    interp: &Interpreter,
    this: &Value,
    f: impl FnOnce(&mut Registry) -> R,
) -> Completion<R> {
    if let Value::Object(o) = this
        && let ObjectKind::Native(n) = &mut o.borrow_mut().kind
        && let Some(registry) = n.as_any_mut().downcast_mut::<Registry>()
    {
        return Ok(f(registry));
    }
    Err(interp.type_error("FinalizationRegistry method called on an incompatible receiver"))
}

/// FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] ) —
/// https://tc39.es/ecma262/#sec-finalization-registry.prototype.register
fn register(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (target, held, token) = (arg(args, 0), arg(args, 1), arg(args, 2));
    with_registry(interp, this, |_| ())?;
    // 3. If CanBeHeldWeakly(target) is false, throw a TypeError exception.
    if !can_be_held_weakly(&target) {
        return Err(interp.type_error("FinalizationRegistry.prototype.register: invalid target"));
    }
    // 4. If SameValue(target, heldValue) is true, throw a TypeError exception.
    if crate::mini::value::same_value(&target, &held) {
        return Err(interp.type_error(
            "FinalizationRegistry.prototype.register: target and holdings must not be same",
        ));
    }
    // 5. The token must be undefined or able to be held weakly.
    if !can_be_held_weakly(&token) && !token.is_undefined() {
        return Err(
            interp.type_error("FinalizationRegistry.prototype.register: invalid unregister token")
        );
    }
    // 6.–7. Append the cell.
    with_registry(interp, this, |r| r.cells.push((held, Token::of(&token))))?;
    Ok(Value::Undefined)
}

/// FinalizationRegistry.prototype.unregister ( unregisterToken ) —
/// https://tc39.es/ecma262/#sec-finalization-registry.prototype.unregister
fn unregister(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let token = arg(args, 0);
    with_registry(interp, this, |_| ())?;
    // 3. If CanBeHeldWeakly(unregisterToken) is false, throw a TypeError exception.
    if !can_be_held_weakly(&token) {
        return Err(interp
            .type_error("FinalizationRegistry.prototype.unregister: invalid unregister token"));
    }
    // 4.–5. Remove the cells registered with it; say whether there were any.
    let removed = with_registry(interp, this, |r| {
        let before = r.cells.len();
        r.cells
            .retain(|(_, t)| !t.as_ref().is_some_and(|t| t.is(&token)));
        before != r.cells.len()
    })?;
    Ok(Value::Boolean(removed))
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::assert_prints;

    #[test]
    fn finalization_registries_register_and_unregister() {
        // Expected lines are node's (which runs no cleanup in so short a run).
        assert_prints(
            r#"
            const r = new FinalizationRegistry(() => console.log("cleanup"));
            const t = {};
            console.log(r.register(t, 1, t), r.unregister(t), r.unregister(t), String(r), FinalizationRegistry.prototype.register.length);
            for (const f of [() => r.register(t, t), () => r.register(1), () => r.register({}, 1, 5), () => r.unregister(5),
                             () => new FinalizationRegistry(5), () => FinalizationRegistry(() => {}), () => FinalizationRegistry.prototype.register.call({}, {})]) {
              try { f(); console.log("no throw"); } catch (e) { console.log(e.name); }
            }
            const s = Symbol("tok"); r.register(Symbol(), 1, s); r.register({}, 2, s);
            console.log(r.unregister(s), r.unregister(Symbol()));
            (function () { r.register({}, "held"); })();
            gc();
            setTimeout(() => console.log("later"), 10);
            "#,
            &[
                "undefined true false [object FinalizationRegistry] 2",
                "TypeError",
                "TypeError",
                "TypeError",
                "TypeError",
                "TypeError",
                "TypeError",
                "TypeError",
                "true false",
                "later",
            ],
        );
    }
}
