//! WeakRef objects — https://tc39.es/ecma262/#sec-weak-ref-objects
//! `new WeakRef(target)` and `deref()`. The target is held weakly (never
//! traced by the collector); the constructor and `deref` add it to the
//! kept-alive list (AddToKeptObjects), which the host clears at the end of
//! each job (ClearKeptObjects), so a target stays alive for the rest of the
//! job that observed it.

use super::{arg, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.weakref_prototype.clone();
    define_constructor(interp, "WeakRef", 1, weakref_constructor, &proto);
    define_function(interp, &proto, "deref", 0, deref);
    proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("WeakRef"),
        Attributes::new(false, false, true),
    );
}

/// WeakRef ( target ) — https://tc39.es/ecma262/#sec-weak-ref-target
fn weakref_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError.
    let Some(nt) = interp.new_target() else { return Err(interp.type_error("Constructor WeakRef requires 'new'")) };
    // 2. If CanBeHeldWeakly(target) is false, throw a TypeError.
    let Value::Object(target) = arg(args, 0) else {
        return Err(interp.type_error("WeakRef: target must be an object"));
    };
    // 3.–6. Create it, AddToKeptObjects(target), set [[WeakRefTarget]].
    let weak_ref = interp.ordinary_create_from_constructor(Some(&nt), &interp.realm.weakref_prototype, ObjectKind::WeakRef(target.downgrade()))?;
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
    let Some(weak) = weak else { return Err(interp.type_error("WeakRef.prototype.deref called on incompatible receiver")) };
    // WeakRefDeref: if the target is alive, AddToKeptObjects and return it.
    match Obj::upgrade(&weak) {
        Some(t) => {
            interp.add_to_kept_objects(t.clone());
            Ok(Value::Object(t))
        }
        None => Ok(Value::Undefined),
    }
}
