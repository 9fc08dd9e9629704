//! Array.prototype's callback methods — forEach, map, filter, some,
//! every, find, findIndex, findLast, findLastIndex, reduce, reduceRight —
//! with their shared loops: [`each`] over the present elements and
//! FindViaPredicate over every index.

use super::arg;
use super::array::{get_present, key, len_of};
use super::array_prototype::array_species_create;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::Obj;
use crate::mini::value::Value;

/// The receiver and callback of the callback methods: `O`, `len`, and
/// `callbackfn` checked callable (steps 1.–3. of forEach, map, filter …).
fn callback_receiver(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<(Obj, u64)> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    interp.require_callable(&arg(args, 0), "callback")?;
    Ok((o, len))
}

/// The shared loop of the callback methods: calls `f(value, index, O)` for
/// each present element, letting `step` decide whether to stop.
fn each(
    interp: &Interpreter,
    o: &Obj,
    len: u64,
    args: &[Value],
    mut step: impl FnMut(u64, Value, Value) -> Completion<bool>,
) -> Completion<()> {
    let f = interp.prepare_callback(&arg(args, 0));
    let this_arg = arg(args, 1);
    let ov = Value::Object(o.clone());
    for k in 0..len {
        let Some(v) = get_present(interp, o, k)? else {
            continue;
        };
        let r = interp.call_callback(
            &f,
            &this_arg,
            &[v.clone(), Value::Number(k as f64), ov.clone()],
        )?;
        if !step(k, v, r)? {
            break;
        }
    }
    Ok(())
}

/// Array.prototype.forEach ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.foreach
pub(super) fn for_each(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    each(interp, &o, len, args, |_, _, _| Ok(true))?;
    Ok(Value::Undefined)
}

/// Array.prototype.map ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.map
pub(super) fn map(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    // 4. Let A be ? ArraySpeciesCreate(O, len).
    let out = array_species_create(interp, &o, len)?;
    each(interp, &o, len, args, |k, _, r| {
        interp.create_data_property_or_throw(&out, key(k), r)?;
        Ok(true)
    })?;
    Ok(Value::Object(out))
}

/// Array.prototype.filter ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.filter
pub(super) fn filter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    // 4. Let A be ? ArraySpeciesCreate(O, 0).
    let out = array_species_create(interp, &o, 0)?;
    let mut to = 0;
    each(interp, &o, len, args, |_, v, r| {
        if r.to_boolean() {
            interp.create_data_property_or_throw(&out, key(to), v)?;
            to += 1;
        }
        Ok(true)
    })?;
    Ok(Value::Object(out))
}

/// Array.prototype.some ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.some
pub(super) fn some(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    let mut found = false;
    each(interp, &o, len, args, |_, _, r| {
        found = r.to_boolean();
        Ok(!found)
    })?;
    Ok(Value::Boolean(found))
}

/// Array.prototype.every ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.every
pub(super) fn every(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    let mut all = true;
    each(interp, &o, len, args, |_, _, r| {
        all = r.to_boolean();
        Ok(all)
    })?;
    Ok(Value::Boolean(all))
}

/// FindViaPredicate ( O, len, direction, predicate, thisArg ) —
/// https://tc39.es/ecma262/#sec-findviapredicate
/// Every index is visited (holes read as undefined); the first match, in
/// ascending or descending order, as (index, value).
fn find_via_predicate(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    descending: bool,
) -> Completion<Option<(u64, Value)>> {
    let (o, len) = callback_receiver(interp, this, args)?;
    let (predicate, this_arg) = (arg(args, 0), arg(args, 1));
    let ov = Value::Object(o.clone());
    for i in 0..len {
        let k = if descending { len - 1 - i } else { i };
        let v = interp.get(&o, &key(k))?;
        if interp
            .call(
                &predicate,
                &this_arg,
                &[v.clone(), Value::Number(k as f64), ov.clone()],
            )?
            .to_boolean()
        {
            return Ok(Some((k, v)));
        }
    }
    Ok(None)
}

/// Array.prototype.find ( predicate [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.find
pub(super) fn find(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(find_via_predicate(interp, this, args, false)?
        .map(|(_, v)| v)
        .unwrap_or_default())
}

/// Array.prototype.findIndex ( predicate [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.findindex
pub(super) fn find_index(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Number(
        find_via_predicate(interp, this, args, false)?.map_or(-1.0, |(k, _)| k as f64),
    ))
}

/// Array.prototype.findLast ( predicate [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.findlast
pub(super) fn find_last(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(find_via_predicate(interp, this, args, true)?
        .map(|(_, v)| v)
        .unwrap_or_default())
}

/// Array.prototype.findLastIndex ( predicate [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.findlastindex
pub(super) fn find_last_index(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
) -> Completion<Value> {
    Ok(Value::Number(
        find_via_predicate(interp, this, args, true)?.map_or(-1.0, |(k, _)| k as f64),
    ))
}

/// Array.prototype.reduce ( callbackfn [ , initialValue ] ) and reduceRight —
/// https://tc39.es/ecma262/#sec-array.prototype.reduce
fn reduce_impl(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    right: bool,
) -> Completion<Value> {
    let (o, len) = callback_receiver(interp, this, args)?;
    let f = interp.prepare_callback(&arg(args, 0));
    let mut order = (0..len).map(|i| if right { len - 1 - i } else { i });
    // 4.–8. The accumulator: initialValue, or the first present element.
    let mut acc = if args.len() >= 2 {
        args[1].clone()
    } else {
        loop {
            let Some(k) = order.next() else {
                return Err(interp.type_error("Reduce of empty array with no initial value"));
            };
            if let Some(v) = get_present(interp, &o, k)? {
                break v;
            }
        }
    };
    // 9. Fold the remaining present elements.
    let ov = Value::Object(o.clone());
    for k in order {
        if let Some(v) = get_present(interp, &o, k)? {
            acc = interp.call_callback(
                &f,
                &Value::Undefined,
                &[acc, v, Value::Number(k as f64), ov.clone()],
            )?;
        }
    }
    Ok(acc)
}

/// Array.prototype.reduce ( callbackfn [ , initialValue ] ) — https://tc39.es/ecma262/#sec-array.prototype.reduce
pub(super) fn reduce(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    reduce_impl(interp, this, args, false)
}

/// Array.prototype.reduceRight ( callbackfn [ , initialValue ] ) — https://tc39.es/ecma262/#sec-array.prototype.reduceright
pub(super) fn reduce_right(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
) -> Completion<Value> {
    reduce_impl(interp, this, args, true)
}
