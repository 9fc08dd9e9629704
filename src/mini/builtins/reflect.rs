//! The Reflect object — https://tc39.es/ecma262/#sec-reflect-object
//! apply, construct, defineProperty, deleteProperty, get,
//! getOwnPropertyDescriptor, getPrototypeOf, has, isExtensible, ownKeys,
//! preventExtensions, set, setPrototypeOf, and @@toStringTag. Each is the
//! object internal method of the same name, with a boolean result instead
//! of a TypeError where the method reports failure.

use super::object::{from_property_descriptor, ordinary_set_prototype_of, to_property_descriptor};
use super::{arg, define_function};
use crate::mini::interpreter::object_ops::is_constructor;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::Obj;
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let reflect = interp.new_object();
    for (name, len, f) in [
        ("apply", 3, apply as super::NativeFn),
        ("construct", 2, construct),
        ("defineProperty", 3, define_property),
        ("deleteProperty", 2, delete_property),
        ("get", 2, get),
        ("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        ("getPrototypeOf", 1, get_prototype_of),
        ("has", 2, has),
        ("isExtensible", 1, is_extensible),
        ("ownKeys", 1, own_keys),
        ("preventExtensions", 1, prevent_extensions),
        ("set", 3, set),
        ("setPrototypeOf", 2, set_prototype_of),
    ] {
        define_function(interp, &reflect, name, len, f);
    }
    reflect.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("Reflect"),
        Attributes::new(false, false, true),
    );
    super::global(interp, "Reflect", Value::Object(reflect));
}

/// Step 1 of most Reflect functions: target must be an Object.
fn target_object(interp: &Interpreter, args: &[Value], function: &str) -> Completion<Obj> {
    match arg(args, 0) {
        Value::Object(o) => Ok(o),
        _ => Err(interp.type_error(&format!("Reflect.{function} called on non-object"))),
    }
}

/// Target and ToPropertyKey(propertyKey).
fn target_and_key(
    interp: &Interpreter,
    args: &[Value],
    function: &str,
) -> Completion<(Obj, PropertyKey)> {
    let o = target_object(interp, args, function)?;
    let key = interp.to_property_key(&arg(args, 1))?;
    Ok((o, key))
}

/// Reflect.apply ( target, thisArgument, argumentsList ) — https://tc39.es/ecma262/#sec-reflect.apply
fn apply(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If IsCallable(target) is false, throw a TypeError exception.
    let target = arg(args, 0);
    interp.require_callable(&target, "Reflect.apply target")?;
    // 2. Let args be ? CreateListFromArrayLike(argumentsList).
    let list = interp.create_list_from_array_like(&arg(args, 2))?;
    // 4. Return ? Call(target, thisArgument, args).
    interp.call(&target, &arg(args, 1), &list)
}

/// Reflect.construct ( target, argumentsList [ , newTarget ] ) — https://tc39.es/ecma262/#sec-reflect.construct
fn construct(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If IsConstructor(target) is false, throw a TypeError exception.
    let Value::Object(target) = arg(args, 0).clone() else {
        return Err(interp.type_error("Reflect.construct target is not a constructor"));
    };
    if !target.is_constructor() {
        return Err(interp.type_error("Reflect.construct target is not a constructor"));
    }
    // 2.–3. newTarget defaults to target and must be a constructor.
    let new_target = match args.get(2) {
        None => target.clone(),
        Some(nt) if is_constructor(nt) => {
            nt.as_object().cloned().expect("a constructor is an object")
        }
        Some(_) => {
            return Err(interp.type_error("Reflect.construct newTarget is not a constructor"));
        }
    };
    // 4. Let args be ? CreateListFromArrayLike(argumentsList).
    let list = interp.create_list_from_array_like(&arg(args, 1))?;
    // 5. Return ? Construct(target, args, newTarget).
    interp.construct(&target, &list, Some(&new_target))
}

/// Reflect.defineProperty ( target, propertyKey, attributes ) — https://tc39.es/ecma262/#sec-reflect.defineproperty
fn define_property(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "defineProperty")?;
    let desc = to_property_descriptor(interp, &arg(args, 2))?;
    Ok(Value::Boolean(interp.define_own_property(&o, key, desc)?))
}

/// Reflect.deleteProperty ( target, propertyKey ) — https://tc39.es/ecma262/#sec-reflect.deleteproperty
fn delete_property(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "deleteProperty")?;
    Ok(Value::Boolean(o.delete(&key)))
}

/// Reflect.get ( target, propertyKey [ , receiver ] ) — https://tc39.es/ecma262/#sec-reflect.get
fn get(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "get")?;
    // 3. If receiver is not present, set receiver to target.
    interp.get_with_receiver(&o, &key, args.get(2))
}

/// Reflect.getOwnPropertyDescriptor ( target, propertyKey ) — https://tc39.es/ecma262/#sec-reflect.getownpropertydescriptor
fn get_own_property_descriptor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "getOwnPropertyDescriptor")?;
    Ok(o.get_own_property(&key)
        .map(|p| from_property_descriptor(interp, &p))
        .unwrap_or_default())
}

/// Reflect.getPrototypeOf ( target ) — https://tc39.es/ecma262/#sec-reflect.getprototypeof
fn get_prototype_of(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = target_object(interp, args, "getPrototypeOf")?;
    Ok(o.prototype().map(Value::Object).unwrap_or(Value::Null))
}

/// Reflect.has ( target, propertyKey ) — https://tc39.es/ecma262/#sec-reflect.has
fn has(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "has")?;
    Ok(Value::Boolean(interp.has_property(&o, &key)?))
}

/// Reflect.isExtensible ( target ) — https://tc39.es/ecma262/#sec-reflect.isextensible
fn is_extensible(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        target_object(interp, args, "isExtensible")?.extensible(),
    ))
}

/// Reflect.ownKeys ( target ) — https://tc39.es/ecma262/#sec-reflect.ownkeys
fn own_keys(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = target_object(interp, args, "ownKeys")?;
    let keys = o
        .own_property_keys()
        .iter()
        .map(PropertyKey::to_value)
        .collect();
    Ok(Value::Object(interp.new_array(keys)))
}

/// Reflect.preventExtensions ( target ) — https://tc39.es/ecma262/#sec-reflect.preventextensions
fn prevent_extensions(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = target_object(interp, args, "preventExtensions")?;
    Ok(Value::Boolean(o.borrow_mut().prevent_extensions()))
}

/// Reflect.set ( target, propertyKey, V [ , receiver ] ) — https://tc39.es/ecma262/#sec-reflect.set
fn set(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, key) = target_and_key(interp, args, "set")?;
    // 3. If receiver is not present, set receiver to target.
    let receiver = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| Value::Object(o.clone()));
    Ok(Value::Boolean(interp.ordinary_set(
        &o,
        key,
        arg(args, 2),
        &receiver,
    )?))
}

/// Reflect.setPrototypeOf ( target, proto ) — https://tc39.es/ecma262/#sec-reflect.setprototypeof
fn set_prototype_of(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = target_object(interp, args, "setPrototypeOf")?;
    // 2. If proto is not an Object and proto is not null, throw a TypeError.
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(interp.type_error("Object prototype may only be an Object or null")),
    };
    Ok(Value::Boolean(ordinary_set_prototype_of(&o, proto)))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{n, s, with_harness};
    use crate::mini::value::Value;

    #[test]
    fn property_operations_report_success_as_booleans() {
        with_harness(|h| {
            let o = h.json(r#"{"b":1,"2":0,"a":2}"#);
            assert_eq!(
                h.show(&h.ok("Reflect.ownKeys", Value::Undefined, &[o.clone()])),
                r#"["2","b","a"]"#
            );
            assert!(
                h.ok("Reflect.has", Value::Undefined, &[o.clone(), s("toString")])
                    .to_boolean()
            );
            assert_eq!(
                h.show(&h.ok("Reflect.get", Value::Undefined, &[o.clone(), s("a")])),
                "2"
            );
            h.ok("Object.freeze", Value::Undefined, &[o.clone()]);
            assert!(
                !h.ok(
                    "Reflect.set",
                    Value::Undefined,
                    &[o.clone(), s("a"), n(5.0)]
                )
                .to_boolean()
            );
            assert!(
                !h.ok(
                    "Reflect.deleteProperty",
                    Value::Undefined,
                    &[o.clone(), s("a")]
                )
                .to_boolean()
            );
            let desc = h.json(r#"{"value":1}"#);
            assert!(
                !h.ok(
                    "Reflect.defineProperty",
                    Value::Undefined,
                    &[o.clone(), s("z"), desc]
                )
                .to_boolean()
            );
            assert!(
                !h.ok("Reflect.isExtensible", Value::Undefined, &[o.clone()])
                    .to_boolean()
            );
            assert!(
                !h.ok(
                    "Reflect.setPrototypeOf",
                    Value::Undefined,
                    &[o.clone(), Value::Null]
                )
                .to_boolean()
            );
            let d = h.ok(
                "Reflect.getOwnPropertyDescriptor",
                Value::Undefined,
                &[o.clone(), s("a")],
            );
            assert_eq!(
                h.show(&d),
                r#"{"value":2,"writable":false,"enumerable":true,"configurable":false}"#
            );
            assert_eq!(
                h.throws("Reflect.get", Value::Undefined, &[n(1.0), s("a")]),
                "TypeError"
            );
            // set with a receiver writes to the receiver.
            let target = h.json("{}");
            let receiver = h.json("{}");
            assert!(
                h.ok(
                    "Reflect.set",
                    Value::Undefined,
                    &[target.clone(), s("x"), n(1.0), receiver.clone()]
                )
                .to_boolean()
            );
            assert_eq!(h.show(&receiver), r#"{"x":1}"#);
            assert_eq!(h.show(&target), "{}");
        });
    }

    #[test]
    fn apply_and_construct() {
        with_harness(|h| {
            let max = h.global("Math.max");
            let r = h.ok(
                "Reflect.apply",
                Value::Undefined,
                &[max, Value::Undefined, h.json("[1,5,3]")],
            );
            assert_eq!(h.show(&r), "5");
            assert_eq!(
                h.throws(
                    "Reflect.apply",
                    Value::Undefined,
                    &[n(1.0), Value::Undefined, h.json("[]")]
                ),
                "TypeError"
            );
            let array = h.global("Array");
            let a = h.ok(
                "Reflect.construct",
                Value::Undefined,
                &[array, h.json("[1,2]")],
            );
            assert_eq!(h.show(&a), "[1,2]");
            let max = h.global("Math.max");
            assert_eq!(
                h.throws("Reflect.construct", Value::Undefined, &[max, h.json("[]")]),
                "TypeError"
            );
            let error = h.global("Error");
            let type_error = h.global("TypeError");
            let e = h.ok(
                "Reflect.construct",
                Value::Undefined,
                &[error, h.json(r#"["m"]"#), type_error],
            );
            assert_eq!(
                h.describe_abrupt(&crate::mini::interpreter::Abrupt::throw(e)),
                "TypeError"
            );
        });
    }
}
