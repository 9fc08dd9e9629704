//! Map and Set objects — https://tc39.es/ecma262/#sec-map-objects,
//! https://tc39.es/ecma262/#sec-set-objects — their constructors (with
//! AddEntriesFromIterable), prototypes, iterators (%MapIteratorPrototype%,
//! %SetIteratorPrototype%), `@@species`, and the grouping functions
//! Map.groupBy and Object.groupBy (GroupBy, #sec-groupby).
//! Storage and live iteration are in `keyed_collection.rs`.
//! Left out: the ES2025 Set methods (union, intersection, …).

use super::keyed_collection::{
    CollectionKind, IterationKind, OrderedTable, canonical_key, collection_iterator_next,
    collection_iterator_step, create_collection_iterator, with_table,
};
use super::{arg, define_accessor, define_constructor, define_function};
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let object_proto = interp.realm.object_prototype.clone();
    let tag = |o: &Obj, name: &str| {
        o.define_data(
            PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
            Value::from(name),
            Attributes::new(false, false, true),
        )
    };

    // Map
    let map_proto = interp.new_object_with_proto(Some(object_proto.clone()));
    let map_ctor = define_constructor(interp, "Map", 0, map_constructor, &map_proto);
    super::define_species_getter(interp, &map_ctor);
    define_function(interp, &map_ctor, "groupBy", 2, map_group_by);
    for (name, len, f) in [
        ("clear", 0, map_clear as super::NativeFn),
        ("delete", 1, map_delete),
        ("forEach", 1, map_for_each),
        ("get", 1, map_get),
        ("has", 1, map_has),
        ("keys", 0, map_keys),
        ("set", 2, map_set),
        ("values", 0, map_values),
    ] {
        define_function(interp, &map_proto, name, len, f);
    }
    let entries = define_function(interp, &map_proto, "entries", 0, map_entries);
    map_proto.define_data(
        PropertyKey::Symbol(interp.symbols.iterator.clone()),
        Value::Object(entries),
        Attributes::builtin(),
    );
    define_accessor(interp, &map_proto, "size", Some(map_size), None);
    tag(&map_proto, "Map");
    interp.realm.set_intrinsic("%Map.prototype%", map_proto);

    // Set
    let set_proto = interp.new_object_with_proto(Some(object_proto));
    let set_ctor = define_constructor(interp, "Set", 0, set_constructor, &set_proto);
    super::define_species_getter(interp, &set_ctor);
    for (name, len, f) in [
        ("add", 1, set_add as super::NativeFn),
        ("clear", 0, set_clear),
        ("delete", 1, set_delete),
        ("entries", 0, set_entries),
        ("forEach", 1, set_for_each),
        ("has", 1, set_has),
    ] {
        define_function(interp, &set_proto, name, len, f);
    }
    let values = define_function(interp, &set_proto, "values", 0, set_values);
    set_proto.define_data("keys", Value::Object(values.clone()), Attributes::builtin());
    set_proto.define_data(
        PropertyKey::Symbol(interp.symbols.iterator.clone()),
        Value::Object(values),
        Attributes::builtin(),
    );
    define_accessor(interp, &set_proto, "size", Some(set_size), None);
    tag(&set_proto, "Set");
    interp.realm.set_intrinsic("%Set.prototype%", set_proto);

    // The iterator prototypes.
    for (name, intrinsic) in [
        ("Map Iterator", "%MapIteratorPrototype%"),
        ("Set Iterator", "%SetIteratorPrototype%"),
    ] {
        let proto = interp.new_object_with_proto(Some(interp.realm.iterator_prototype.clone()));
        define_function(interp, &proto, "next", 0, collection_iterator_next);
        tag(&proto, name);
        interp.realm.set_intrinsic(intrinsic, proto);
    }

    if let Ok(Value::Object(object)) =
        interp.get(&interp.realm.global_object, &PropertyKey::from("Object"))
    {
        define_function(interp, &object, "groupBy", 2, object_group_by);
    }
}

/// The shared steps of `new Map(iterable)` and `new Set(iterable)`.
fn construct_collection(
    interp: &Interpreter,
    args: &[Value],
    kind: CollectionKind,
    intrinsic: &'static str,
    adder_name: &str,
) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = interp.new_target() else {
        return Err(interp.type_error(&format!("Constructor {kind:?} requires 'new'")));
    };
    // 2.–3. OrdinaryCreateFromConstructor with an empty [[MapData]]/[[SetData]].
    let default = interp
        .realm
        .intrinsic(intrinsic)
        .expect("installed with the constructor");
    let o = interp.ordinary_create_from_constructor(
        Some(&nt),
        &default,
        ObjectKind::Native(Box::new(OrderedTable::new(kind))),
    )?;
    // 4.–5. Add the iterable's items.
    add_from_iterable(
        interp,
        o,
        arg(args, 0),
        adder_name,
        kind == CollectionKind::Map,
    )
}

/// The iterable steps of the Map, Set, WeakMap and WeakSet constructors
/// (https://tc39.es/ecma262/#sec-map-iterable steps 4.–8.): unless
/// `iterable` is undefined or null, calls `target[adder_name]` with each
/// item (sets) or each entry's [0] and [1] (maps: AddEntriesFromIterable),
/// closing the iterator on an abrupt completion. Returns the target.
pub(super) fn add_from_iterable(
    interp: &Interpreter,
    target: Obj,
    iterable: Value,
    adder_name: &str,
    entries: bool,
) -> Completion<Value> {
    // 4. If iterable is either undefined or null, return it.
    if iterable.is_nullish() {
        return Ok(Value::Object(target));
    }
    // 5. Let adder be ? Get(map, "set") / Get(set, "add"); it must be callable.
    let adder = interp.get(&target, &PropertyKey::from(adder_name))?;
    if !is_callable(&adder) {
        return Err(interp.type_error(&format!(
            "'{adder_name}' of the new collection is not callable"
        )));
    }
    let target = Value::Object(target);
    let mut record = interp.get_iterator(&iterable)?;
    while let Some(item) = interp.iterator_step_value(&mut record)? {
        let step = |item: Value| -> Completion<()> {
            interp.tick()?;
            if !entries {
                interp.call(&adder, &target, &[item])?;
                return Ok(());
            }
            let Value::Object(entry) = &item else {
                return Err(interp.type_error("Iterator value is not an entry object"));
            };
            let k = interp.get(entry, &PropertyKey::Index(0))?;
            let v = interp.get(entry, &PropertyKey::Index(1))?;
            interp.call(&adder, &target, &[k, v])?;
            Ok(())
        };
        if let Err(e) = step(item) {
            return Err(interp.close_after(&record, e));
        }
    }
    Ok(target)
}

/// Map ( [ iterable ] ) — https://tc39.es/ecma262/#sec-map-iterable
fn map_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    construct_collection(interp, args, CollectionKind::Map, "%Map.prototype%", "set")
}

/// Set ( [ iterable ] ) — https://tc39.es/ecma262/#sec-set-iterable
fn set_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    construct_collection(interp, args, CollectionKind::Set, "%Set.prototype%", "add")
}

/// RequireInternalSlot(M, [[MapData]]) / (S, [[SetData]]), then `f` on the table.
fn with_this<R>(
    interp: &Interpreter,
    this: &Value,
    kind: CollectionKind,
    method: &str,
    f: impl FnOnce(&mut OrderedTable) -> R,
) -> Completion<R> {
    let found = match this {
        Value::Object(o) => with_table(o, kind, f),
        _ => None,
    };
    found.ok_or_else(|| {
        interp.type_error(&format!(
            "Method {kind:?}.prototype.{method} called on incompatible receiver"
        ))
    })
}

/// Map.prototype.clear ( ) — https://tc39.es/ecma262/#sec-map.prototype.clear
fn map_clear(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    with_this(interp, this, CollectionKind::Map, "clear", |t| t.clear())?;
    Ok(Value::Undefined)
}

/// Map.prototype.delete ( key ) — https://tc39.es/ecma262/#sec-map.prototype.delete
fn map_delete(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let key = arg(args, 0);
    Ok(Value::Boolean(with_this(
        interp,
        this,
        CollectionKind::Map,
        "delete",
        |t| t.delete(&key),
    )?))
}

/// Map.prototype.get ( key ) — https://tc39.es/ecma262/#sec-map.prototype.get
fn map_get(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let key = arg(args, 0);
    Ok(with_this(interp, this, CollectionKind::Map, "get", |t| t.get(&key))?.unwrap_or_default())
}

/// Map.prototype.has ( key ) — https://tc39.es/ecma262/#sec-map.prototype.has
fn map_has(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let key = arg(args, 0);
    Ok(Value::Boolean(with_this(
        interp,
        this,
        CollectionKind::Map,
        "has",
        |t| t.has(&key),
    )?))
}

/// Map.prototype.set ( key, value ) — https://tc39.es/ecma262/#sec-map.prototype.set
fn map_set(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 5. If key is -0𝔽, set key to +0𝔽.
    let key = canonical_key(arg(args, 0));
    let value = arg(args, 1);
    if with_this(interp, this, CollectionKind::Map, "set", |t| {
        t.set(key, value)
    })? {
        interp.heap.note_bytes(64);
    }
    // 7. Return M.
    Ok(this.clone())
}

/// get Map.prototype.size — https://tc39.es/ecma262/#sec-get-map.prototype.size
fn map_size(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::from(with_this(
        interp,
        this,
        CollectionKind::Map,
        "size",
        |t| t.len(),
    )?))
}

/// CreateMapIterator / CreateSetIterator after the brand check.
fn iterator_of(
    interp: &Interpreter,
    this: &Value,
    kind: CollectionKind,
    iteration: IterationKind,
    method: &str,
) -> Completion<Value> {
    with_this(interp, this, kind, method, |_| ())?;
    let Value::Object(o) = this else {
        unreachable!("checked by with_this")
    };
    let name = if kind == CollectionKind::Map {
        "%MapIteratorPrototype%"
    } else {
        "%SetIteratorPrototype%"
    };
    let proto = interp
        .realm
        .intrinsic(name)
        .expect("installed with Map and Set");
    Ok(Value::Object(create_collection_iterator(
        interp, o, iteration, proto,
    )))
}

/// Map.prototype.entries ( ) — https://tc39.es/ecma262/#sec-map.prototype.entries
fn map_entries(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    iterator_of(
        interp,
        this,
        CollectionKind::Map,
        IterationKind::Entries,
        "entries",
    )
}

/// Map.prototype.keys ( ) — https://tc39.es/ecma262/#sec-map.prototype.keys
fn map_keys(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    iterator_of(
        interp,
        this,
        CollectionKind::Map,
        IterationKind::Keys,
        "keys",
    )
}

/// Map.prototype.values ( ) — https://tc39.es/ecma262/#sec-map.prototype.values
fn map_values(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    iterator_of(
        interp,
        this,
        CollectionKind::Map,
        IterationKind::Values,
        "values",
    )
}

/// The loop of Map.prototype.forEach and Set.prototype.forEach: the
/// callback sees each live entry, including ones added meanwhile.
fn for_each(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    kind: CollectionKind,
) -> Completion<Value> {
    // 1.–2. RequireInternalSlot; 3. IsCallable(callbackfn) or a TypeError.
    with_this(interp, this, kind, "forEach", |_| ())?;
    let callback = arg(args, 0);
    interp.require_callable(&callback, "forEach callback")?;
    let this_arg = arg(args, 1);
    // NON-SPEC: a registered iterator keeps the place across compactions.
    let Value::Object(o) = this else {
        unreachable!("checked by with_this")
    };
    let proto = interp.realm.object_prototype.clone();
    let cursor = create_collection_iterator(interp, o, IterationKind::Entries, proto);
    while let Some(Some((k, v))) = collection_iterator_step(&cursor) {
        interp.tick()?;
        let (first, second) = if kind == CollectionKind::Map {
            (v, k)
        } else {
            (k.clone(), k)
        };
        interp.call(&callback, &this_arg, &[first, second, this.clone()])?;
    }
    Ok(Value::Undefined)
}

/// Map.prototype.forEach ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-map.prototype.foreach
fn map_for_each(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    for_each(interp, this, args, CollectionKind::Map)
}

/// Set.prototype.add ( value ) — https://tc39.es/ecma262/#sec-set.prototype.add
fn set_add(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 4. If value is -0𝔽, set value to +0𝔽.
    let value = canonical_key(arg(args, 0));
    if with_this(interp, this, CollectionKind::Set, "add", |t| {
        t.set(value.clone(), value)
    })? {
        interp.heap.note_bytes(64);
    }
    Ok(this.clone())
}

/// Set.prototype.clear ( ) — https://tc39.es/ecma262/#sec-set.prototype.clear
fn set_clear(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    with_this(interp, this, CollectionKind::Set, "clear", |t| t.clear())?;
    Ok(Value::Undefined)
}

/// Set.prototype.delete ( value ) — https://tc39.es/ecma262/#sec-set.prototype.delete
fn set_delete(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let value = arg(args, 0);
    Ok(Value::Boolean(with_this(
        interp,
        this,
        CollectionKind::Set,
        "delete",
        |t| t.delete(&value),
    )?))
}

/// Set.prototype.has ( value ) — https://tc39.es/ecma262/#sec-set.prototype.has
fn set_has(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let value = arg(args, 0);
    Ok(Value::Boolean(with_this(
        interp,
        this,
        CollectionKind::Set,
        "has",
        |t| t.has(&value),
    )?))
}

/// get Set.prototype.size — https://tc39.es/ecma262/#sec-get-set.prototype.size
fn set_size(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::from(with_this(
        interp,
        this,
        CollectionKind::Set,
        "size",
        |t| t.len(),
    )?))
}

/// Set.prototype.entries ( ) — https://tc39.es/ecma262/#sec-set.prototype.entries
fn set_entries(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    iterator_of(
        interp,
        this,
        CollectionKind::Set,
        IterationKind::Entries,
        "entries",
    )
}

/// Set.prototype.values ( ) — https://tc39.es/ecma262/#sec-set.prototype.values
/// (also Set.prototype.keys and Set.prototype [ @@iterator ]).
fn set_values(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    iterator_of(
        interp,
        this,
        CollectionKind::Set,
        IterationKind::Values,
        "values",
    )
}

/// Set.prototype.forEach ( callbackfn [ , thisArg ] ) — https://tc39.es/ecma262/#sec-set.prototype.foreach
fn set_for_each(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    for_each(interp, this, args, CollectionKind::Set)
}

/// GroupBy ( items, callback, keyCoercion ) — https://tc39.es/ecma262/#sec-groupby
/// The groups in first-seen order; `property_keys` selects the
/// ToPropertyKey coercion (Object.groupBy) over the −0 → +0 one (Map.groupBy).
fn group_by(
    interp: &Interpreter,
    args: &[Value],
    property_keys: bool,
) -> Completion<Vec<(Value, Vec<Value>)>> {
    // 1. Perform ? RequireObjectCoercible(items).
    let items = arg(args, 0);
    if items.is_nullish() {
        return Err(interp.type_error("groupBy called on null or undefined"));
    }
    // 2. If IsCallable(callback) is false, throw a TypeError exception.
    let callback = arg(args, 1);
    interp.require_callable(&callback, "groupBy callback")?;
    let mut groups = OrderedTable::new(CollectionKind::Map);
    let mut lists: Vec<(Value, Vec<Value>)> = Vec::new();
    // 4.–6. Iterate, computing each value's key.
    let mut record = interp.get_iterator(&items)?;
    let mut k = 0u64;
    while let Some(value) = interp.iterator_step_value(&mut record)? {
        let key = (|| -> Completion<Value> {
            interp.tick()?;
            let key = interp.call(
                &callback,
                &Value::Undefined,
                &[value.clone(), Value::Number(k as f64)],
            )?;
            Ok(if property_keys {
                interp.to_property_key(&key)?.to_value()
            } else {
                canonical_key(key)
            })
        })();
        let key = key.map_err(|e| interp.close_after(&record, e))?;
        // AddValueToKeyedGroup ( groups, key, value ).
        match groups.get(&key) {
            Some(Value::Number(i)) => lists[i as usize].1.push(value),
            _ => {
                groups.set(key.clone(), Value::Number(lists.len() as f64));
                lists.push((key, vec![value]));
            }
        }
        k += 1;
    }
    Ok(lists)
}

/// Map.groupBy ( items, callback ) — https://tc39.es/ecma262/#sec-map.groupby
fn map_group_by(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let groups = group_by(interp, args, false)?;
    let proto = interp
        .realm
        .intrinsic("%Map.prototype%")
        .expect("installed with Map");
    let map = Obj::with_kind(
        &interp.heap,
        Some(proto),
        ObjectKind::Native(Box::new(OrderedTable::new(CollectionKind::Map))),
    );
    for (key, values) in groups {
        let list = Value::Object(interp.new_array(values));
        with_table(&map, CollectionKind::Map, |t| t.set(key, list));
    }
    Ok(Value::Object(map))
}

/// Object.groupBy ( items, callback ) — https://tc39.es/ecma262/#sec-object.groupby
fn object_group_by(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let groups = group_by(interp, args, true)?;
    // 2. Let obj be OrdinaryObjectCreate(null).
    let o = interp.new_object_with_proto(None);
    for (key, values) in groups {
        let key = interp.to_property_key(&key)?;
        interp.create_data_property_or_throw(&o, key, Value::Object(interp.new_array(values)))?;
    }
    Ok(Value::Object(o))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use crate::mini::value::Value;

    /// The values an iterator yields until done, shown as JSON.
    fn drain(h: &Harness, it: &Value) -> String {
        let mut out = Vec::new();
        loop {
            let r = h.invoke_ok(it, "next", &[]);
            if h.interp
                .get_v(&r, &"done".into())
                .expect("done")
                .to_boolean()
            {
                return format!("[{}]", out.join(","));
            }
            out.push(h.show(&h.interp.get_v(&r, &"value".into()).expect("value")));
        }
    }

    #[test]
    fn map_keeps_insertion_order_and_same_value_zero_keys() {
        with_harness(|h| {
            let m = h.new_ok("Map", &[h.json(r#"[["b",1],["a",2]]"#)]);
            h.invoke_ok(&m, "set", &[n(-0.0), s("zero")]);
            h.invoke_ok(&m, "set", &[n(f64::NAN), s("nan")]);
            h.invoke_ok(&m, "set", &[s("b"), n(3.0)]);
            assert_eq!(h.show(&h.invoke_ok(&m, "get", &[n(0.0)])), r#""zero""#);
            assert_eq!(h.show(&h.invoke_ok(&m, "get", &[n(f64::NAN)])), r#""nan""#);
            assert!(!h.invoke_ok(&m, "has", &[s("0")]).to_boolean());
            assert_eq!(
                h.show(&h.interp.get_v(&m, &"size".into()).expect("size")),
                "4"
            );
            let entries = h.invoke_ok(&m, "entries", &[]);
            assert_eq!(
                drain(h, &entries),
                r#"[["b",3],["a",2],[0,"zero"],[null,"nan"]]"#
            );
            assert!(h.invoke_ok(&m, "delete", &[s("a")]).to_boolean());
            assert!(!h.invoke_ok(&m, "delete", &[s("a")]).to_boolean());
            assert_eq!(drain(h, &h.invoke_ok(&m, "keys", &[])), r#"["b",0,null]"#);
            // Map.prototype.set returns the map (chaining).
            let back = h.invoke_ok(&m, "set", &[s("c"), n(1.0)]);
            assert!(crate::mini::value::same_value(&back, &m));
        });
    }

    #[test]
    fn iterators_are_live_across_deletes_additions_clear_and_compaction() {
        with_harness(|h| {
            let m = h.new_ok("Map", &[]);
            for i in 0..30 {
                h.invoke_ok(&m, "set", &[n(i as f64), n(i as f64)]);
            }
            let it = h.invoke_ok(&m, "keys", &[]);
            for want in 0..5 {
                let r = h.invoke_ok(&it, "next", &[]);
                assert_eq!(
                    h.show(&h.interp.get_v(&r, &"value".into()).expect("value")),
                    want.to_string()
                );
            }
            // Deleting 0..19 compacts the table; the iterator keeps its place.
            for i in 0..20 {
                h.invoke_ok(&m, "delete", &[n(i as f64)]);
            }
            h.invoke_ok(&m, "set", &[s("late"), n(0.0)]);
            assert_eq!(drain(h, &it), r#"[20,21,22,23,24,25,26,27,28,29,"late"]"#);
            // Done stays done, even after additions.
            h.invoke_ok(&m, "set", &[s("later"), n(0.0)]);
            assert_eq!(drain(h, &it), "[]");
            // An iterator sees what is added after clear.
            let it2 = h.invoke_ok(&m, "values", &[]);
            h.invoke_ok(&m, "clear", &[]);
            h.invoke_ok(&m, "set", &[s("x"), s("after clear")]);
            assert_eq!(drain(h, &it2), r#"["after clear"]"#);
        });
    }

    #[test]
    fn for_each_visits_entries_added_during_the_loop() {
        with_harness(|h| {
            let set = h.new_ok("Set", &[h.json("[1,2,3]")]);
            h.interp.realm.global_object.define_data(
                "theSet",
                set.clone(),
                crate::mini::property::Attributes::all(),
            );
            h.interp.realm.global_object.define_data(
                "seen",
                h.json("[]"),
                crate::mini::property::Attributes::all(),
            );
            // Records each value; on 1 deletes 2 and adds 4.
            let callback = h.native(|interp, _this, args| {
                let g = Value::Object(interp.realm.global_object.clone());
                let seen = interp.get_v(&g, &"seen".into())?;
                interp.invoke(&seen, &"push".into(), &[super::arg(args, 0)])?;
                assert!(
                    crate::mini::value::same_value(&super::arg(args, 0), &super::arg(args, 1)),
                    "value twice"
                );
                if matches!(super::arg(args, 0), Value::Number(x) if x == 1.0) {
                    let set = interp.get_v(&g, &"theSet".into())?;
                    interp.invoke(&set, &"delete".into(), &[Value::Number(2.0)])?;
                    interp.invoke(&set, &"add".into(), &[Value::Number(4.0)])?;
                }
                Ok(Value::Undefined)
            });
            h.invoke_ok(&set, "forEach", &[callback]);
            assert_eq!(h.show(&h.global("seen")), "[1,3,4]");
        });
    }

    #[test]
    fn set_iterators_and_aliases() {
        with_harness(|h| {
            let set = h.new_ok("Set", &[s("abca")]);
            assert_eq!(
                drain(h, &h.invoke_ok(&set, "values", &[])),
                r#"["a","b","c"]"#
            );
            assert_eq!(
                drain(h, &h.invoke_ok(&set, "entries", &[])),
                r#"[["a","a"],["b","b"],["c","c"]]"#
            );
            let keys = h.global("Set.prototype.keys");
            let values = h.global("Set.prototype.values");
            assert!(crate::mini::value::same_value(&keys, &values));
            let it = h.invoke_ok(&set, "keys", &[]);
            let tag = h.ok("Object.prototype.toString", it, &[]);
            assert_eq!(h.show(&tag), r#""[object Set Iterator]""#);
            let map_tag = h.ok("Object.prototype.toString", h.new_ok("Map", &[]), &[]);
            assert_eq!(h.show(&map_tag), r#""[object Map]""#);
        });
    }

    #[test]
    fn constructors_check_new_entries_and_receivers() {
        with_harness(|h| {
            assert_eq!(h.throws("Map", Value::Undefined, &[]), "TypeError");
            assert_eq!(h.throws("Set", Value::Undefined, &[]), "TypeError");
            assert_eq!(
                h.construct("Map", &[h.json("[1]")])
                    .err()
                    .map(|e| h.describe_abrupt(&e))
                    .as_deref(),
                Some("TypeError")
            );
            assert_eq!(
                h.construct("Map", &[n(1.0)])
                    .err()
                    .map(|e| h.describe_abrupt(&e))
                    .as_deref(),
                Some("TypeError")
            );
            let set = h.new_ok("Set", &[]);
            assert_eq!(h.throws("Map.prototype.get", set, &[]), "TypeError");
            assert_eq!(
                h.throws("Set.prototype.add", h.json("{}"), &[]),
                "TypeError"
            );
            assert_eq!(
                h.throws("Map.prototype.forEach", h.new_ok("Map", &[]), &[n(1.0)]),
                "TypeError"
            );
            let null_iterable = h.new_ok("Set", &[Value::Null]);
            assert_eq!(
                h.show(
                    &h.interp
                        .get_v(&null_iterable, &"size".into())
                        .expect("size")
                ),
                "0"
            );
        });
    }

    #[test]
    fn group_by() {
        with_harness(|h| {
            let parity = h.native(|interp, _this, args| {
                let x = interp.to_number(&super::arg(args, 0))?;
                Ok(Value::from(if x % 2.0 == 0.0 { "even" } else { "odd" }))
            });
            let groups = h.ok(
                "Object.groupBy",
                Value::Undefined,
                &[h.json("[1,2,3,4,5]"), parity.clone()],
            );
            assert_eq!(h.show(&groups), r#"{"odd":[1,3,5],"even":[2,4]}"#);
            let proto = h.ok("Object.getPrototypeOf", Value::Undefined, &[groups]);
            assert!(proto.is_null());
            let map = h.ok(
                "Map.groupBy",
                Value::Undefined,
                &[h.json("[1,2,3]"), parity],
            );
            assert_eq!(
                drain(h, &h.invoke_ok(&map, "entries", &[])),
                r#"[["odd",[1,3]],["even",[2]]]"#
            );
            assert_eq!(
                h.throws("Object.groupBy", Value::Undefined, &[h.json("[1]"), n(1.0)]),
                "TypeError"
            );
        });
    }
}
