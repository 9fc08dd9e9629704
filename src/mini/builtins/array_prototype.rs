//! The Array.prototype methods that `array.rs` does not define —
//! https://tc39.es/ecma262/#sec-properties-of-the-array-prototype-object —
//! at, copyWithin, findLast, findLastIndex (in `array_callbacks.rs`), flat, flatMap, sort (stable,
//! with SortIndexedProperties), toLocaleString, toReversed, toSorted,
//! toSpliced, with; plus ArraySpeciesCreate for flat and flatMap.
//!
//! Sorting is a merge sort written here (insertion-sorted runs, then
//! merges) because Rust's `sort_by` may panic on an inconsistent
//! comparator and cannot stop on a thrown exception; this one only ever
//! compares and moves, so any comparator gives some permutation, and a
//! throw leaves the array untouched (the spec sorts a copy, then writes it
//! back). Default order compares strings by UTF-16 code units; each
//! element is converted with ToString once.

use super::{arg, define_function};
use crate::mini::interpreter::object_ops::{is_callable, is_constructor};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{ArrayStorage, Obj, ObjectKind};
use crate::mini::property::PropertyKey;
use crate::mini::value::{JsStr, Value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.array_prototype.clone();
    for (name, len, f) in [
        ("at", 1, at as super::NativeFn),
        ("copyWithin", 2, copy_within),
        ("findLast", 1, super::array_callbacks::find_last),
        ("findLastIndex", 1, super::array_callbacks::find_last_index),
        ("flat", 0, flat),
        ("flatMap", 1, flat_map),
        ("sort", 1, sort),
        ("toLocaleString", 0, to_locale_string),
        ("toReversed", 0, to_reversed),
        ("toSorted", 1, to_sorted),
        ("toSpliced", 2, to_spliced),
        ("with", 2, with),
    ] {
        define_function(interp, &proto, name, len, f);
    }
}

/// 2^53 − 1, the largest length of an array-like.
const MAX_SAFE_LENGTH: u64 = 9007199254740991;

fn key(i: u64) -> PropertyKey {
    PropertyKey::from_number(i as f64)
}

/// ToObject(this value) and LengthOfArrayLike.
fn this_and_length(interp: &Interpreter, this: &Value) -> Completion<(Obj, u64)> {
    let o = interp.to_object(this)?;
    let len = interp.length_of_array_like(&o)?;
    Ok((o, len))
}

/// A relative index argument resolved against `len` and clamped to
/// 0..=len (the shape of `start`/`end` arguments).
fn relative_index(interp: &Interpreter, v: &Value, len: u64, default: u64) -> Completion<u64> {
    if v.is_undefined() {
        return Ok(default);
    }
    let r = interp.to_integer_or_infinity(v)?;
    Ok(if r < 0.0 {
        (len as f64 + r).max(0.0) as u64
    } else {
        r.min(len as f64) as u64
    })
}

/// ArrayCreate for the copying methods: a RangeError past 2^32 − 1.
fn new_array_of_length(interp: &Interpreter, len: u64) -> Completion<Obj> {
    super::array::array_create(interp, len, None)
}

/// Array.prototype.at ( index ) — https://tc39.es/ecma262/#sec-array.prototype.at
fn at(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    // 3.–5. k = relativeIndex, counted from the end when negative.
    let r = interp.to_integer_or_infinity(&arg(args, 0))?;
    let k = if r >= 0.0 { r } else { len as f64 + r };
    // 6. If k < 0 or k ≥ len, return undefined.
    if k < 0.0 || k >= len as f64 {
        return Ok(Value::Undefined);
    }
    interp.get(&o, &key(k as u64))
}

/// Array.prototype.copyWithin ( target, start [ , end ] ) — https://tc39.es/ecma262/#sec-array.prototype.copywithin
fn copy_within(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    let mut to = relative_index(interp, &arg(args, 0), len, 0)?;
    let mut from = relative_index(interp, &arg(args, 1), len, 0)?;
    let end = relative_index(interp, &arg(args, 2), len, len)?;
    // 11. count = min(final − from, len − to).
    let mut count = end.saturating_sub(from).min(len - to);
    // 12. Copy backwards when the ranges overlap with from < to.
    let backwards = from < to && to < from + count;
    if backwards {
        from += count - 1;
        to += count - 1;
    }
    while count > 0 {
        interp.tick()?;
        let (from_key, to_key) = (key(from), key(to));
        if interp.has_property(&o, &from_key)? {
            let v = interp.get(&o, &from_key)?;
            interp.set(&o, to_key, v, true)?;
        } else {
            interp.delete_property_or_throw(&o, &to_key)?;
        }
        if backwards {
            from = from.wrapping_sub(1);
            to = to.wrapping_sub(1);
        } else {
            from += 1;
            to += 1;
        }
        count -= 1;
    }
    Ok(Value::Object(o))
}

/// ArraySpeciesCreate ( originalArray, length ) — https://tc39.es/ecma262/#sec-arrayspeciescreate
pub fn array_species_create(interp: &Interpreter, original: &Obj, length: u64) -> Completion<Obj> {
    // 2. If IsArray(originalArray) is false, return ? ArrayCreate(length).
    if !original.is_array() {
        return new_array_of_length(interp, length);
    }
    // 3. Let C be ? Get(originalArray, "constructor").
    let mut c = interp.get(original, &PropertyKey::from("constructor"))?;
    // 5. If C is an Object, C = ? Get(C, @@species); null becomes undefined.
    if let Value::Object(ctor) = &c {
        c = interp.get(ctor, &PropertyKey::Symbol(interp.symbols.species.clone()))?;
        if c.is_null() {
            c = Value::Undefined;
        }
    }
    // 6. If C is undefined, return ? ArrayCreate(length).
    if c.is_undefined() {
        return new_array_of_length(interp, length);
    }
    // NON-SPEC: Construct(%Array%, « length ») is ArrayCreate(length); a copy
    // of a dense array is made dense at once (not sparse past 2^20 holes).
    if let (Value::Object(ctor), Some(array)) = (&c, interp.realm.intrinsic("%Array%"))
        && ctor.ptr_eq(&array)
    {
        let stored = original
            .borrow()
            .array()
            .filter(|a| a.dense)
            .map_or(0, |a| a.elements.len() as u64);
        if length <= stored {
            interp.heap.note_bytes(length as usize * 24);
            let storage = ArrayStorage {
                elements: vec![None; length as usize],
                dense: true,
                length: length as u32,
                length_writable: true,
            };
            return Ok(Obj::with_kind(
                &interp.heap,
                Some(interp.realm.array_prototype.clone()),
                ObjectKind::Array(storage),
            ));
        }
        return new_array_of_length(interp, length);
    }
    // 7. If IsConstructor(C) is false, throw a TypeError exception.
    if !is_constructor(&c) {
        return Err(interp.type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    let Value::Object(ctor) = c else {
        unreachable!("constructors are objects")
    };
    // 8. Return ? Construct(C, « 𝔽(length) »).
    match interp.construct(&ctor, &[Value::Number(length as f64)], None)? {
        Value::Object(o) => Ok(o),
        _ => Err(interp.type_error("species constructor returned a non-object")),
    }
}

/// FlattenIntoArray ( target, source, sourceLen, start, depth [ , mapperFunction, thisArg ] ) —
/// https://tc39.es/ecma262/#sec-flattenintoarray
/// Returns the next target index. Each nesting level counts as a call.
#[allow(clippy::too_many_arguments)]
fn flatten_into_array(
    interp: &Interpreter,
    target: &Obj,
    source: &Obj,
    source_len: u64,
    start: u64,
    depth: f64,
    mapper: Option<(&Value, &Value)>,
) -> Completion<u64> {
    let mut target_index = start;
    for source_index in 0..source_len {
        interp.tick()?;
        let p = key(source_index);
        // 3.b.–c. Only present elements.
        if !interp.has_property(source, &p)? {
            continue;
        }
        let mut element = interp.get(source, &p)?;
        // 3.c.ii. Map it first (flatMap).
        if let Some((f, this_arg)) = mapper {
            element = interp.call(
                f,
                this_arg,
                &[
                    element,
                    Value::Number(source_index as f64),
                    Value::Object(source.clone()),
                ],
            )?;
        }
        // 3.c.iii.–iv. Flatten nested arrays while depth remains.
        if depth > 0.0
            && let Value::Object(inner) = &element
            && inner.is_array()
        {
            let inner_len = interp.length_of_array_like(inner)?;
            // NON-SPEC: a level of nesting is a call (depth and stack limits).
            interp.enter_call()?;
            let next = flatten_into_array(
                interp,
                target,
                inner,
                inner_len,
                target_index,
                depth - 1.0,
                None,
            );
            interp.exit_call();
            target_index = next?;
            continue;
        }
        // 3.c.v. Append it.
        if target_index >= MAX_SAFE_LENGTH {
            return Err(interp.type_error("flat: result too long"));
        }
        interp.create_data_property_or_throw(target, key(target_index), element)?;
        target_index += 1;
    }
    Ok(target_index)
}

/// Array.prototype.flat ( [ depth ] ) — https://tc39.es/ecma262/#sec-array.prototype.flat
fn flat(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    // 3.–4. depthNum = 1, or ToIntegerOrInfinity(depth) (negative → 0).
    let depth = match arg(args, 0) {
        Value::Undefined => 1.0,
        d => interp.to_integer_or_infinity(&d)?.max(0.0),
    };
    let a = array_species_create(interp, &o, 0)?;
    flatten_into_array(interp, &a, &o, len, 0, depth, None)?;
    Ok(Value::Object(a))
}

/// Array.prototype.flatMap ( mapperFunction [ , thisArg ] ) — https://tc39.es/ecma262/#sec-array.prototype.flatmap
fn flat_map(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    let mapper = arg(args, 0);
    interp.require_callable(&mapper, "flatMap mapper")?;
    let a = array_species_create(interp, &o, 0)?;
    flatten_into_array(interp, &a, &o, len, 0, 1.0, Some((&mapper, &arg(args, 1))))?;
    Ok(Value::Object(a))
}

/// The comparator argument of sort/toSorted: undefined or callable.
fn comparator(interp: &Interpreter, args: &[Value]) -> Completion<Option<Value>> {
    match arg(args, 0) {
        Value::Undefined => Ok(None),
        f if is_callable(&f) => Ok(Some(f)),
        _ => {
            Err(interp.type_error("The comparison function must be either a function or undefined"))
        }
    }
}

/// SortIndexedProperties ( obj, len, SortCompare, holes ) —
/// https://tc39.es/ecma262/#sec-sortindexedproperties
/// `skip_holes` reads only present indices (sort); otherwise holes read as
/// undefined (toSorted).
fn sort_indexed_properties(
    interp: &Interpreter,
    o: &Obj,
    len: u64,
    compare: Option<&Value>,
    skip_holes: bool,
) -> Completion<Vec<Value>> {
    // 1.–3. Collect the values.
    let mut items = Vec::new();
    for k in 0..len {
        interp.tick()?;
        let pk = key(k);
        if skip_holes && !interp.has_property(o, &pk)? {
            continue;
        }
        items.push(interp.get(o, &pk)?);
    }
    // 4. Sort them with SortCompare: undefined last, then by the
    // comparator or by string order.
    let (mut defined, undefined): (Vec<Value>, Vec<Value>) =
        items.into_iter().partition(|v| !v.is_undefined());
    match compare {
        Some(f) => {
            let mut greater = |x: &Value, y: &Value| -> Completion<bool> {
                // SortCompare 4.a–c: v = ? ToNumber(? Call(comparefn, undefined, « x, y »)); NaN is +0.
                let v = interp.to_number(&interp.call(
                    f,
                    &Value::Undefined,
                    &[x.clone(), y.clone()],
                )?)?;
                Ok(v > 0.0)
            };
            merge_sort(interp, &mut defined, &mut greater)?;
        }
        None => {
            // SortCompare 5.–10.: string order; each element converted once.
            let mut keyed = Vec::with_capacity(defined.len());
            for v in defined.drain(..) {
                keyed.push((interp.to_string(&v)?, v));
            }
            let mut greater = |x: &(JsStr, Value), y: &(JsStr, Value)| -> Completion<bool> {
                Ok(compare_utf16(&x.0, &y.0) == std::cmp::Ordering::Greater)
            };
            merge_sort(interp, &mut keyed, &mut greater)?;
            defined = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
    defined.extend(undefined);
    Ok(defined)
}

/// Compares two strings by UTF-16 code units (IsLessThan on strings).
pub fn compare_utf16(a: &JsStr, b: &JsStr) -> std::cmp::Ordering {
    if a.as_str().is_ascii() && b.as_str().is_ascii() {
        return a.as_str().cmp(b.as_str());
    }
    a.as_str().encode_utf16().cmp(b.as_str().encode_utf16())
}

/// A stable merge sort driven by a fallible "x sorts after y" predicate.
/// Never panics, whatever the predicate answers; stops at the first throw.
fn merge_sort<T: Clone>(
    interp: &Interpreter,
    items: &mut Vec<T>,
    greater: &mut dyn FnMut(&T, &T) -> Completion<bool>,
) -> Completion<()> {
    const RUN: usize = 8;
    let n = items.len();
    // Insertion-sort runs of RUN elements.
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && greater(&items[j - 1], &items[j])? {
                items.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    // Merge runs of doubling width; the left element wins ties (stable).
    let mut width = RUN;
    while width < n {
        let mut merged: Vec<T> = Vec::with_capacity(n);
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            while i < mid && j < end {
                interp.tick()?;
                if greater(&items[i], &items[j])? {
                    merged.push(items[j].clone());
                    j += 1;
                } else {
                    merged.push(items[i].clone());
                    i += 1;
                }
            }
            merged.extend_from_slice(&items[i..mid]);
            merged.extend_from_slice(&items[j..end]);
        }
        *items = merged;
        width *= 2;
    }
    Ok(())
}

/// Array.prototype.sort ( comparefn ) — https://tc39.es/ecma262/#sec-array.prototype.sort
fn sort(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If comparefn is not undefined and IsCallable(comparefn) is false, throw a TypeError.
    let compare = comparator(interp, args)?;
    let (o, len) = this_and_length(interp, this)?;
    // 5. sortedList = ? SortIndexedProperties(obj, len, SortCompare, skip-holes).
    let sorted = sort_indexed_properties(interp, &o, len, compare.as_ref(), true)?;
    // 6.–8. Write the sorted values back, then delete the remaining indices
    // (the holes move to the end).
    let item_count = sorted.len() as u64;
    for (j, v) in sorted.into_iter().enumerate() {
        interp.set(&o, key(j as u64), v, true)?;
    }
    for j in item_count..len {
        interp.tick()?;
        interp.delete_property_or_throw(&o, &key(j))?;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.toSorted ( comparefn ) — https://tc39.es/ecma262/#sec-array.prototype.tosorted
fn to_sorted(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let compare = comparator(interp, args)?;
    let (o, len) = this_and_length(interp, this)?;
    // 4. Let A be ? ArrayCreate(len).
    new_array_of_length(interp, len)?;
    // 6. Holes are read as undefined.
    let sorted = sort_indexed_properties(interp, &o, len, compare.as_ref(), false)?;
    Ok(Value::Object(interp.new_array(sorted)))
}

/// Array.prototype.toReversed ( ) — https://tc39.es/ecma262/#sec-array.prototype.toreversed
fn to_reversed(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    new_array_of_length(interp, len)?;
    let mut values = Vec::with_capacity(len as usize);
    for k in (0..len).rev() {
        interp.tick()?;
        values.push(interp.get(&o, &key(k))?);
    }
    Ok(Value::Object(interp.new_array(values)))
}

/// Array.prototype.toSpliced ( start, skipCount, ...items ) — https://tc39.es/ecma262/#sec-array.prototype.tospliced
fn to_spliced(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    let actual_start = relative_index(interp, &arg(args, 0), len, 0)?;
    let items = args.get(2..).unwrap_or(&[]);
    // 8.–10. How many to skip.
    let skip = match args.len() {
        0 => 0,
        1 => len - actual_start,
        _ => (interp.to_integer_or_infinity(&args[1])?.max(0.0) as u64).min(len - actual_start),
    };
    // 11.–12. The new length must be a safe integer; 13. ArrayCreate(newLen).
    let new_len = len + items.len() as u64 - skip;
    if new_len > MAX_SAFE_LENGTH {
        return Err(interp.type_error("toSpliced: result too long"));
    }
    new_array_of_length(interp, new_len)?;
    let mut values = Vec::with_capacity(new_len as usize);
    for k in 0..actual_start {
        interp.tick()?;
        values.push(interp.get(&o, &key(k))?);
    }
    values.extend_from_slice(items);
    for k in actual_start + skip..len {
        interp.tick()?;
        values.push(interp.get(&o, &key(k))?);
    }
    Ok(Value::Object(interp.new_array(values)))
}

/// Array.prototype.with ( index, value ) — https://tc39.es/ecma262/#sec-array.prototype.with
fn with(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    // 3.–5. The actual index, counted from the end when negative.
    let r = interp.to_integer_or_infinity(&arg(args, 0))?;
    let actual = if r >= 0.0 { r } else { len as f64 + r };
    // 6. Out of range: a RangeError.
    if actual < 0.0 || actual >= len as f64 {
        return Err(interp.range_error("Invalid index"));
    }
    new_array_of_length(interp, len)?;
    let mut values = Vec::with_capacity(len as usize);
    for k in 0..len {
        interp.tick()?;
        values.push(if k == actual as u64 {
            arg(args, 1)
        } else {
            interp.get(&o, &key(k))?
        });
    }
    Ok(Value::Object(interp.new_array(values)))
}

/// Array.prototype.toLocaleString ( ) — https://tc39.es/ecma262/#sec-array.prototype.tolocalestring
/// (DEVIATION: V8's cycle detection, as for join — see `array::join`.)
fn to_locale_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let (o, len) = this_and_length(interp, this)?;
    super::array::join_unless_cyclic(&o, || {
        let mut out = String::new();
        for k in 0..len {
            interp.tick()?;
            // 5.a. Elements are separated by "," (as in V8).
            if k > 0 {
                out.push(',');
            }
            let element = interp.get(&o, &key(k))?;
            if !element.is_nullish() {
                let s = interp.invoke(&element, &PropertyKey::from("toLocaleString"), &[])?;
                out.push_str(interp.to_string(&s)?.as_str());
                if out.len() > crate::mini::interpreter::conversions::MAX_STRING_LENGTH {
                    interp.check_string_length(out.encode_utf16().count())?;
                }
            }
        }
        Ok(interp.new_string(out))
    })
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use super::compare_utf16;
    use crate::mini::value::{JsStr, Value};

    fn method(h: &Harness, name: &str, this: &str, args: &[Value]) -> String {
        let this = h.json(this);
        let r = h.ok(&format!("Array.prototype.{name}"), this.clone(), args);
        h.show(&r)
    }

    /// An array with holes: `[0, , 2, , 4]`-like, from indices that exist.
    fn holey(h: &Harness, len: u32, present: &[(u32, Value)]) -> Value {
        let a = h.ok("Array", Value::Undefined, &[n(len as f64)]);
        let Value::Object(o) = &a else { unreachable!() };
        for (i, v) in present {
            o.define_data(*i, v.clone(), crate::mini::property::Attributes::all());
        }
        a
    }

    fn numeric(h: &Harness) -> Value {
        h.native(|interp, _, args| {
            let a = interp.to_number(&super::arg(args, 0))?;
            let b = interp.to_number(&super::arg(args, 1))?;
            Ok(Value::Number(a - b))
        })
    }

    #[test]
    fn sort_default_order_is_by_string() {
        with_harness(|h| {
            assert_eq!(
                method(h, "sort", "[10,9,1,100,null,true]", &[]),
                "[1,10,100,9,null,true]"
            );
            assert_eq!(
                method(h, "sort", r#"["b","a","B","é","aa"]"#, &[]),
                r#"["B","a","aa","b","é"]"#
            );
            assert_eq!(method(h, "sort", "[]", &[]), "[]");
        });
    }

    #[test]
    fn sort_is_stable_with_a_comparator() {
        with_harness(|h| {
            let by_rank = h.native(|interp, _, args| {
                let rank = |v: &Value| {
                    interp
                        .get_v(v, &"r".into())
                        .and_then(|r| interp.to_number(&r))
                };
                Ok(Value::Number(
                    rank(&super::arg(args, 0))? - rank(&super::arg(args, 1))?,
                ))
            });
            let items: Vec<String> = (0..40)
                .map(|i| format!(r#"{{"r":{},"i":{i}}}"#, i % 3))
                .collect();
            let sorted = method(h, "sort", &format!("[{}]", items.join(",")), &[by_rank]);
            let mut expected: Vec<(i32, i32)> = (0..40).map(|i| (i % 3, i)).collect();
            expected.sort_by_key(|(r, _)| *r);
            let expected: Vec<String> = expected
                .iter()
                .map(|(r, i)| format!(r#"{{"r":{r},"i":{i}}}"#))
                .collect();
            assert_eq!(sorted, format!("[{}]", expected.join(",")));
            assert_eq!(
                method(h, "sort", "[5,1,4,2,3,10,0,-1]", &[numeric(h)]),
                "[-1,0,1,2,3,4,5,10]"
            );
        });
    }

    #[test]
    fn sort_puts_undefined_then_holes_last() {
        with_harness(|h| {
            let a = holey(
                h,
                6,
                &[(0, n(3.0)), (1, Value::Undefined), (3, n(1.0)), (5, n(2.0))],
            );
            h.ok("Array.prototype.sort", a.clone(), &[]);
            let Value::Object(o) = &a else { unreachable!() };
            let keys = h.ok("Object.keys", Value::Undefined, &[a.clone()]);
            assert_eq!(
                h.show(&keys),
                r#"["0","1","2","3"]"#,
                "two holes at the end"
            );
            assert!(h.interp.get(o, &3u32.into()).expect("3").is_undefined());
            assert_eq!(h.show(&a), "[1,2,3,null,null,null]");
        });
    }

    #[test]
    fn sort_survives_bad_comparators() {
        with_harness(|h| {
            // Inconsistent answers: some permutation, no panic.
            let chaos = h.native(|interp, _, _| {
                let math = interp.get(&interp.realm.global_object, &"Math".into())?;
                let r = interp.to_number(&interp.invoke(&math, &"random".into(), &[])?)?;
                Ok(Value::Number(r - 0.5))
            });
            let input: Vec<String> = (0..100).map(|i| ((i * 37) % 100).to_string()).collect();
            let a = h.json(&format!("[{}]", input.join(",")));
            h.ok("Array.prototype.sort", a.clone(), &[chaos]);
            let back = h.ok("Array.prototype.sort", a, &[numeric(h)]);
            let expected: Vec<String> = (0..100).map(|i| i.to_string()).collect();
            assert_eq!(h.show(&back), format!("[{}]", expected.join(",")));
            // A throwing comparator leaves the array as it was.
            let thrower = h.native(|interp, _, _| Err(interp.range_error("stop")));
            let a = h.json("[3,2,1]");
            assert_eq!(
                h.throws("Array.prototype.sort", a.clone(), &[thrower]),
                "RangeError"
            );
            assert_eq!(h.show(&a), "[3,2,1]");
            // NaN answers count as equal.
            let nan = h.native(|_, _, _| Ok(Value::Number(f64::NAN)));
            assert_eq!(method(h, "sort", "[3,1,2]", &[nan]), "[3,1,2]");
            assert_eq!(
                h.throws("Array.prototype.sort", h.json("[]"), &[n(1.0)]),
                "TypeError"
            );
        });
    }

    #[test]
    fn strings_compare_by_utf16_code_units() {
        // U+FF61 is above the surrogates in UTF-16 but below U+10000 in UTF-8.
        let (high, astral) = (JsStr::from("\u{FF61}"), JsStr::from("\u{10000}"));
        assert_eq!(compare_utf16(&astral, &high), std::cmp::Ordering::Less);
        assert_eq!(
            compare_utf16(&JsStr::from("a"), &JsStr::from("ab")),
            std::cmp::Ordering::Less
        );
    }

    #[test]
    fn flat_and_flat_map() {
        with_harness(|h| {
            assert_eq!(method(h, "flat", "[1,[2,[3,[4]]]]", &[]), "[1,2,[3,[4]]]");
            assert_eq!(
                method(h, "flat", "[1,[2,[3,[4]]]]", &[n(f64::INFINITY)]),
                "[1,2,3,4]"
            );
            assert_eq!(method(h, "flat", "[1,[2]]", &[n(-1.0)]), "[1,[2]]");
            let with_holes = holey(h, 3, &[(0, n(1.0)), (2, h.json("[2]"))]);
            assert_eq!(
                h.show(&h.ok("Array.prototype.flat", with_holes, &[])),
                "[1,2]"
            );
            let pair = h.native(|interp, _, args| {
                Ok(Value::Object(
                    interp.new_array(vec![super::arg(args, 0), super::arg(args, 1)]),
                ))
            });
            assert_eq!(
                method(h, "flatMap", r#"["a","b"]"#, &[pair]),
                r#"["a",0,"b",1]"#
            );
            assert_eq!(
                h.throws("Array.prototype.flatMap", h.json("[]"), &[]),
                "TypeError"
            );
        });
    }

    #[test]
    fn deeply_nested_flat_is_a_range_error() {
        with_harness(|h| {
            let mut v = h.json("[]");
            for _ in 0..100_000 {
                v = Value::Object(h.interp.new_array(vec![v]));
            }
            assert_eq!(
                h.throws("Array.prototype.flat", v, &[n(f64::INFINITY)]),
                "RangeError"
            );
        });
    }

    #[test]
    fn at_find_last_and_copy_within() {
        with_harness(|h| {
            assert_eq!(method(h, "at", "[1,2,3]", &[n(-1.0)]), "3");
            assert_eq!(method(h, "at", "[1,2,3]", &[n(3.0)]), "undefined");
            assert_eq!(method(h, "at", "[1,2,3]", &[s("1")]), "2");
            let is_odd = h.native(|interp, _, args| {
                Ok(Value::Boolean(
                    interp.to_number(&super::arg(args, 0))? % 2.0 == 1.0,
                ))
            });
            assert_eq!(method(h, "findLast", "[1,2,3,4]", &[is_odd.clone()]), "3");
            assert_eq!(
                method(h, "findLastIndex", "[1,2,3,4]", &[is_odd.clone()]),
                "2"
            );
            assert_eq!(method(h, "findLastIndex", "[2,4]", &[is_odd]), "-1");
            assert_eq!(
                method(h, "copyWithin", "[1,2,3,4,5]", &[n(0.0), n(3.0)]),
                "[4,5,3,4,5]"
            );
            assert_eq!(
                method(h, "copyWithin", "[1,2,3,4,5]", &[n(1.0), n(0.0), n(3.0)]),
                "[1,1,2,3,5]"
            );
            assert_eq!(
                method(h, "copyWithin", "[1,2,3,4,5]", &[n(-2.0), n(-4.0), n(-3.0)]),
                "[1,2,3,2,5]"
            );
        });
    }

    #[test]
    fn copying_methods_leave_the_original_alone() {
        with_harness(|h| {
            let a = h.json("[3,1,2]");
            assert_eq!(
                h.show(&h.ok("Array.prototype.toSorted", a.clone(), &[])),
                "[1,2,3]"
            );
            assert_eq!(
                h.show(&h.ok("Array.prototype.toReversed", a.clone(), &[])),
                "[2,1,3]"
            );
            assert_eq!(
                h.show(&h.ok(
                    "Array.prototype.toSpliced",
                    a.clone(),
                    &[n(1.0), n(1.0), s("x"), s("y")]
                )),
                r#"[3,"x","y",2]"#
            );
            assert_eq!(
                h.show(&h.ok("Array.prototype.toSpliced", a.clone(), &[n(1.0)])),
                "[3]"
            );
            assert_eq!(
                h.show(&h.ok("Array.prototype.with", a.clone(), &[n(-1.0), n(9.0)])),
                "[3,1,9]"
            );
            assert_eq!(
                h.throws("Array.prototype.with", a.clone(), &[n(3.0), n(9.0)]),
                "RangeError"
            );
            assert_eq!(h.show(&a), "[3,1,2]");
            let sparse = holey(h, 2, &[(1, n(1.0))]);
            assert_eq!(
                h.show(&h.ok("Array.prototype.toReversed", sparse, &[])),
                "[1,null]"
            );
        });
    }

    #[test]
    fn to_locale_string_calls_each_element() {
        with_harness(|h| {
            assert_eq!(
                method(h, "toLocaleString", "[1234.5,null,\"a\"]", &[]),
                r#""1,234.5,,a""#
            );
        });
    }

    #[test]
    fn copies_of_long_dense_arrays_stay_dense() {
        with_harness(|h| {
            let long: Vec<Value> = (0..(1 << 20) + 10).map(|i| n(i as f64)).collect();
            let a = Value::Object(h.interp.new_array(long));
            let identity = h.native(|_, _, args| Ok(super::arg(args, 0)));
            for (method, args) in [("slice", vec![]), ("map", vec![identity])] {
                let Value::Object(copy) =
                    h.ok(&format!("Array.prototype.{method}"), a.clone(), &args)
                else {
                    panic!("{method} returns an object")
                };
                let storage = copy.borrow();
                let array = storage.array().expect("an Array");
                assert!(
                    array.dense && array.elements.len() == (1 << 20) + 10,
                    "{method}: dense copy"
                );
                assert!(
                    matches!(array.elements.last(), Some(Some(Value::Number(x))) if *x == ((1 << 20) + 9) as f64)
                );
            }
        });
    }
}
