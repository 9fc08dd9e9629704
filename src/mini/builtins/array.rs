//! Array objects — https://tc39.es/ecma262/#sec-array-objects
//! The Array constructor (Array ( ...values ), Array.isArray, Array.of,
//! Array.from) and the core of Array.prototype: push, pop, shift, unshift,
//! slice, splice, concat, join, toString, indexOf, lastIndexOf, includes,
//! reverse, forEach, map, filter, reduce, reduceRight, some, every, find,
//! findIndex, fill, keys, values, entries, @@iterator.
//! (More of Array.prototype may be added here following the same shape.)

use super::iterator::{ArrayIterationKind, create_array_iterator};
use super::{arg, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{ArrayStorage, Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{Value, is_strictly_equal, same_value_zero};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.array_prototype.clone();
    let ctor = define_constructor(interp, "Array", 1, array_constructor, &proto);
    interp.realm.set_intrinsic("%Array%", ctor.clone());
    define_function(interp, &ctor, "isArray", 1, is_array);
    define_function(interp, &ctor, "of", 0, of);
    define_function(interp, &ctor, "from", 1, from);
    for (name, len, f) in [
        ("push", 1, push as super::NativeFn),
        ("pop", 0, pop),
        ("shift", 0, shift),
        ("unshift", 1, unshift),
        ("slice", 2, slice),
        ("splice", 2, splice),
        ("concat", 1, concat),
        ("join", 1, join),
        ("toString", 0, to_string),
        ("indexOf", 1, index_of),
        ("lastIndexOf", 1, last_index_of),
        ("includes", 1, includes),
        ("reverse", 0, reverse),
        ("forEach", 1, for_each),
        ("map", 1, map),
        ("filter", 1, filter),
        ("reduce", 1, reduce),
        ("reduceRight", 1, reduce_right),
        ("some", 1, some),
        ("every", 1, every),
        ("find", 1, find),
        ("findIndex", 1, find_index),
        ("fill", 1, fill),
        ("keys", 0, keys),
        ("entries", 0, entries),
    ] {
        define_function(interp, &proto, name, len, f);
    }
    let values_fn = define_function(interp, &proto, "values", 0, values);
    proto.define_data(PropertyKey::Symbol(interp.symbols.iterator.clone()), Value::Object(values_fn.clone()), Attributes::builtin());
    interp.realm.set_intrinsic("%Array.prototype.values%", values_fn);
}

/// ArrayCreate ( length [, proto] ) — https://tc39.es/ecma262/#sec-arraycreate
pub fn array_create(interp: &Interpreter, length: u64, proto: Option<Obj>) -> Completion<Obj> {
    if length > u32::MAX as u64 {
        return Err(interp.range_error("Invalid array length"));
    }
    let a = Obj::with_kind(&interp.heap, Some(proto.unwrap_or_else(|| interp.realm.array_prototype.clone())), ObjectKind::Array(ArrayStorage::default()));
    interp.define_own_property(&a, PropertyKey::from("length"), crate::mini::property::PropertyDescriptor {
        value: Some(Value::Number(length as f64)),
        ..Default::default()
    })?;
    Ok(a)
}

/// Array ( ...values ) — https://tc39.es/ecma262/#sec-array
fn array_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let new_target = interp.new_target().or_else(|| interp.active_function());
    let proto = match &new_target {
        Some(nt) => interp.get_prototype_from_constructor(nt, &interp.realm.array_prototype)?,
        None => interp.realm.array_prototype.clone(),
    };
    if args.len() == 1 {
        // 5. One argument: a length (RangeError if invalid) or one element.
        if let Value::Number(n) = args[0] {
            let len = crate::mini::value::to_uint32(n);
            if len as f64 != n {
                return Err(interp.range_error("Invalid array length"));
            }
            return Ok(Value::Object(array_create(interp, len as u64, Some(proto))?));
        }
    }
    let a = interp.new_array(args.to_vec());
    a.borrow_mut().prototype = Some(proto);
    Ok(Value::Object(a))
}

fn is_array(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(matches!(arg(args, 0), Value::Object(o) if o.is_array())))
}

fn of(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Object(interp.new_array(args.to_vec())))
}

/// Array.from ( items [, mapfn [, thisArg]] ) — https://tc39.es/ecma262/#sec-array.from
fn from(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let items = arg(args, 0);
    let mapfn = arg(args, 1);
    let this_arg = arg(args, 2);
    if !mapfn.is_undefined() {
        interp.require_callable(&mapfn, "Array.from: mapper")?;
    }
    let iter_key = PropertyKey::Symbol(interp.symbols.iterator.clone());
    let values = if items.is_nullish() {
        return Err(interp.type_error("Array.from requires an array-like or iterable"));
    } else if interp.get_method(&items, &iter_key)?.is_some() {
        interp.iterate_to_vec(&items)?
    } else {
        let o = interp.to_object(&items)?;
        let len = interp.length_of_array_like(&o)?;
        let mut out = Vec::new();
        for i in 0..len {
            interp.tick()?;
            out.push(interp.get(&o, &PropertyKey::from(i as u32))?);
        }
        out
    };
    let mut mapped = Vec::with_capacity(values.len());
    for (i, v) in values.into_iter().enumerate() {
        mapped.push(if mapfn.is_undefined() { v } else { interp.call(&mapfn, &this_arg, &[v, Value::from(i)])? });
    }
    Ok(Value::Object(interp.new_array(mapped)))
}

fn len_of(interp: &Interpreter, o: &Obj) -> Completion<u64> {
    interp.length_of_array_like(o)
}

fn set_len(interp: &Interpreter, o: &Obj, len: u64) -> Completion<()> {
    interp.set(o, PropertyKey::from("length"), Value::Number(len as f64), true)
}

fn key(i: u64) -> PropertyKey {
    if i < u32::MAX as u64 { PropertyKey::Index(i as u32) } else { PropertyKey::from_number(i as f64) }
}

/// Array.prototype.push ( ...items ) — https://tc39.es/ecma262/#sec-array.prototype.push
fn push(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let mut len = len_of(interp, &o)?;
    for v in args {
        interp.set(&o, key(len), v.clone(), true)?;
        len += 1;
    }
    if !o.is_array() || o.borrow().array().is_some_and(|a| a.length as u64 != len) {
        set_len(interp, &o, len)?;
    }
    interp.heap.note_bytes(args.len() * 24);
    Ok(Value::Number(len as f64))
}

fn pop(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    if len == 0 {
        set_len(interp, &o, 0)?;
        return Ok(Value::Undefined);
    }
    let k = key(len - 1);
    let v = interp.get(&o, &k)?;
    interp.delete_property_or_throw(&o, &k)?;
    set_len(interp, &o, len - 1)?;
    Ok(v)
}

fn shift(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    if len == 0 {
        set_len(interp, &o, 0)?;
        return Ok(Value::Undefined);
    }
    let first = interp.get(&o, &key(0))?;
    for k in 1..len {
        interp.tick()?;
        if interp.has_property(&o, &key(k))? {
            let v = interp.get(&o, &key(k))?;
            interp.set(&o, key(k - 1), v, true)?;
        } else {
            interp.delete_property_or_throw(&o, &key(k - 1))?;
        }
    }
    interp.delete_property_or_throw(&o, &key(len - 1))?;
    set_len(interp, &o, len - 1)?;
    Ok(first)
}

fn unshift(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let n = args.len() as u64;
    if n > 0 {
        for k in (0..len).rev() {
            interp.tick()?;
            if interp.has_property(&o, &key(k))? {
                let v = interp.get(&o, &key(k))?;
                interp.set(&o, key(k + n), v, true)?;
            } else {
                interp.delete_property_or_throw(&o, &key(k + n))?;
            }
        }
        for (j, v) in args.iter().enumerate() {
            interp.set(&o, key(j as u64), v.clone(), true)?;
        }
    }
    set_len(interp, &o, len + n)?;
    Ok(Value::Number((len + n) as f64))
}

/// Resolves a relative index argument against `len`.
fn relative(interp: &Interpreter, v: &Value, len: u64, default: u64) -> Completion<u64> {
    if v.is_undefined() {
        return Ok(default);
    }
    let r = interp.to_integer_or_infinity(v)?;
    Ok(if r < 0.0 { (len as f64 + r).max(0.0) as u64 } else { r.min(len as f64) as u64 })
}

fn slice(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let start = relative(interp, &arg(args, 0), len, 0)?;
    let end = relative(interp, &arg(args, 1), len, len)?;
    let mut out = Vec::new();
    let mut k = start;
    while k < end {
        interp.tick()?;
        out.push(interp.get(&o, &key(k))?);
        k += 1;
    }
    Ok(Value::Object(interp.new_array(out)))
}

fn splice(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let start = relative(interp, &arg(args, 0), len, 0)?;
    let delete_count = match args.len() {
        0 => 0,
        1 => len - start,
        _ => (interp.to_integer_or_infinity(&args[1])?.max(0.0) as u64).min(len - start),
    };
    let items = args.get(2..).unwrap_or(&[]);
    let mut all = Vec::with_capacity(len as usize);
    for k in 0..len {
        interp.tick()?;
        all.push(interp.get(&o, &key(k))?);
    }
    let removed: Vec<Value> = all.splice(start as usize..(start + delete_count) as usize, items.iter().cloned()).collect();
    for (k, v) in all.iter().enumerate() {
        interp.set(&o, key(k as u64), v.clone(), true)?;
    }
    for k in (all.len() as u64..len).rev() {
        interp.delete_property_or_throw(&o, &key(k))?;
    }
    set_len(interp, &o, all.len() as u64)?;
    Ok(Value::Object(interp.new_array(removed)))
}

fn concat(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let mut out = Vec::new();
    for item in std::iter::once(Value::Object(o)).chain(args.iter().cloned()) {
        match &item {
            Value::Object(a) if a.is_array() => {
                let len = len_of(interp, a)?;
                for k in 0..len {
                    interp.tick()?;
                    out.push(interp.get(a, &key(k))?);
                }
            }
            _ => out.push(item),
        }
    }
    Ok(Value::Object(interp.new_array(out)))
}

/// Array.prototype.join ( separator ) — https://tc39.es/ecma262/#sec-array.prototype.join
fn join(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let sep = match arg(args, 0) {
        Value::Undefined => ",".to_string(),
        s => interp.to_string(&s)?.to_string(),
    };
    let mut out = String::new();
    for k in 0..len {
        interp.tick()?;
        if k > 0 {
            out.push_str(&sep);
        }
        let v = interp.get(&o, &key(k))?;
        if !v.is_nullish() {
            out.push_str(interp.to_string(&v)?.as_str());
        }
        interp.check_string_length(out.len())?;
    }
    Ok(interp.new_string(out))
}

fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let join_fn = interp.get(&o, &PropertyKey::from("join"))?;
    if crate::mini::interpreter::object_ops::is_callable(&join_fn) {
        return interp.call(&join_fn, &Value::Object(o), &[]);
    }
    super::object::to_string(interp, &Value::Object(o), &[])
}

fn index_of(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let start = relative(interp, &arg(args, 1), len, 0)?;
    let target = arg(args, 0);
    for k in start..len {
        interp.tick()?;
        if interp.has_property(&o, &key(k))? && is_strictly_equal(&interp.get(&o, &key(k))?, &target) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

fn last_index_of(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let target = arg(args, 0);
    for k in (0..len).rev() {
        interp.tick()?;
        if interp.has_property(&o, &key(k))? && is_strictly_equal(&interp.get(&o, &key(k))?, &target) {
            return Ok(Value::Number(k as f64));
        }
    }
    Ok(Value::Number(-1.0))
}

fn includes(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let start = relative(interp, &arg(args, 1), len, 0)?;
    let target = arg(args, 0);
    for k in start..len {
        interp.tick()?;
        if same_value_zero(&interp.get(&o, &key(k))?, &target) {
            return Ok(Value::Boolean(true));
        }
    }
    Ok(Value::Boolean(false))
}

fn reverse(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let mut values = Vec::with_capacity(len as usize);
    for k in 0..len {
        values.push(interp.get(&o, &key(k))?);
    }
    for (k, v) in values.into_iter().rev().enumerate() {
        interp.set(&o, key(k as u64), v, true)?;
    }
    Ok(Value::Object(o))
}

/// The shared loop of the callback methods: calls `f(value, index, O)` for
/// each present element, letting `step` decide whether to stop.
fn each(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    mut step: impl FnMut(u64, Value, Value) -> Completion<bool>,
) -> Completion<()> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let f = arg(args, 0);
    interp.require_callable(&f, "callback")?;
    let this_arg = arg(args, 1);
    let ov = Value::Object(o.clone());
    for k in 0..len {
        let pk = key(k);
        // Dense arrays: a present element is its value (no prototype walk).
        let v = match o.borrow().array() {
            Some(a) if a.dense => a.elements.get(k as usize).cloned().flatten(),
            _ => None,
        };
        let v = match v {
            Some(v) => v,
            None => {
                if !interp.has_property(&o, &pk)? {
                    continue;
                }
                interp.get(&o, &pk)?
            }
        };
        let r = interp.call(&f, &this_arg, &[v.clone(), Value::Number(k as f64), ov.clone()])?;
        if !step(k, v, r)? {
            break;
        }
    }
    Ok(())
}

fn for_each(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    each(interp, this, args, |_, _, _| Ok(true))?;
    Ok(Value::Undefined)
}

fn map(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let out = array_create(interp, len, None)?;
    each(interp, this, args, |k, _, r| {
        interp.create_data_property_or_throw(&out, key(k), r)?;
        Ok(true)
    })?;
    Ok(Value::Object(out))
}

fn filter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let mut out = Vec::new();
    each(interp, this, args, |_, v, r| {
        if r.to_boolean() {
            out.push(v);
        }
        Ok(true)
    })?;
    Ok(Value::Object(interp.new_array(out)))
}

fn some(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let mut found = false;
    each(interp, this, args, |_, _, r| {
        found = r.to_boolean();
        Ok(!found)
    })?;
    Ok(Value::Boolean(found))
}

fn every(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let mut all = true;
    each(interp, this, args, |_, _, r| {
        all = r.to_boolean();
        Ok(all)
    })?;
    Ok(Value::Boolean(all))
}

fn find_common(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Option<(u64, Value)>> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let f = arg(args, 0);
    interp.require_callable(&f, "callback")?;
    for k in 0..len {
        let v = interp.get(&o, &key(k))?;
        if interp.call(&f, &arg(args, 1), &[v.clone(), Value::Number(k as f64), Value::Object(o.clone())])?.to_boolean() {
            return Ok(Some((k, v)));
        }
    }
    Ok(None)
}

fn find(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(find_common(interp, this, args)?.map(|(_, v)| v).unwrap_or_default())
}

fn find_index(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Number(find_common(interp, this, args)?.map(|(k, _)| k as f64).unwrap_or(-1.0)))
}

/// Array.prototype.reduce ( callbackfn [, initialValue] ) — https://tc39.es/ecma262/#sec-array.prototype.reduce
fn reduce_impl(interp: &Interpreter, this: &Value, args: &[Value], right: bool) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let f = arg(args, 0);
    interp.require_callable(&f, "reduce callback")?;
    let order: Box<dyn Iterator<Item = u64>> = if right { Box::new((0..len).rev()) } else { Box::new(0..len) };
    let mut order = order.peekable();
    let mut acc = if args.len() >= 2 {
        args[1].clone()
    } else {
        loop {
            let Some(k) = order.next() else { return Err(interp.type_error("Reduce of empty array with no initial value")) };
            if interp.has_property(&o, &key(k))? {
                break interp.get(&o, &key(k))?;
            }
        }
    };
    let ov = Value::Object(o.clone());
    for k in order {
        if interp.has_property(&o, &key(k))? {
            let v = interp.get(&o, &key(k))?;
            acc = interp.call(&f, &Value::Undefined, &[acc, v, Value::Number(k as f64), ov.clone()])?;
        }
    }
    Ok(acc)
}

fn reduce(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    reduce_impl(interp, this, args, false)
}

fn reduce_right(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    reduce_impl(interp, this, args, true)
}

fn fill(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    let len = len_of(interp, &o)?;
    let start = relative(interp, &arg(args, 1), len, 0)?;
    let end = relative(interp, &arg(args, 2), len, len)?;
    for k in start..end {
        interp.tick()?;
        interp.set(&o, key(k), arg(args, 0), true)?;
    }
    Ok(Value::Object(o))
}

fn keys(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    Ok(Value::Object(create_array_iterator(interp, Value::Object(o), ArrayIterationKind::Keys)))
}

fn values(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    Ok(Value::Object(create_array_iterator(interp, Value::Object(o), ArrayIterationKind::Values)))
}

fn entries(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    Ok(Value::Object(create_array_iterator(interp, Value::Object(o), ArrayIterationKind::Entries)))
}
