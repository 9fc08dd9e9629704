//! WeakMap and WeakSet objects — https://tc39.es/ecma262/#sec-weakmap-objects,
//! https://tc39.es/ecma262/#sec-weakset-objects — constructors and
//! prototypes (delete, get, has, set / add, delete, has).
//!
//! NON-SPEC representation, chosen so the collector needs no ephemeron
//! support: each collection owns a private name (a `Sym` that reflection
//! never lists), and an entry for an object key is stored *on the key*,
//! as a hidden property under that name (like a class private field, it
//! ignores [[Extensible]]). The value is then reachable exactly as long as
//! the key is, which is the ephemeron rule: a value that refers back to its
//! key does not keep it alive, and a key that dies takes its entry with it.
//! DEVIATION: when a WeakMap itself becomes garbage, its entries stay on
//! keys that are still alive (their values are kept until the keys die);
//! and entries keyed by symbols (allowed by CanBeHeldWeakly) are held
//! strongly in the collection.

use super::{arg, define_constructor, define_function};
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::{Attributes, FastMap, Property, PropertyKey};
use crate::mini::value::{JsStr, Sym, Value};

/// Which weak collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WeakKind {
    WeakMap,
    WeakSet,
}

/// [[WeakMapData]] / [[WeakSetData]].
struct WeakCollection {
    kind: WeakKind,
    /// The private name under which entries are stored on their keys.
    name: Sym,
    /// Entries keyed by symbols: symbol address → (symbol, value).
    symbol_entries: FastMap<usize, (Sym, Value)>,
}

impl Trace for WeakCollection {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let WeakCollection {
            kind: _,
            name: _,
            symbol_entries,
        } = self;
        for (_, v) in symbol_entries.values() {
            v.trace(tracer);
        }
    }
}

pub fn install(interp: &Interpreter) {
    for (name, kind, ctor, methods) in [
        (
            "WeakMap",
            WeakKind::WeakMap,
            weak_map_constructor as super::NativeFn,
            &[
                ("delete", 1, delete as super::NativeFn),
                ("get", 1, get),
                ("has", 1, has),
                ("set", 2, set),
            ][..],
        ),
        (
            "WeakSet",
            WeakKind::WeakSet,
            weak_set_constructor,
            &[
                ("add", 1, add as super::NativeFn),
                ("delete", 1, delete),
                ("has", 1, has),
            ][..],
        ),
    ] {
        let proto = interp.new_object();
        define_constructor(interp, name, 0, ctor, &proto);
        for (method, len, f) in methods {
            define_function(interp, &proto, method, *len, *f);
        }
        proto.define_data(
            PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
            Value::from(name),
            Attributes::new(false, false, true),
        );
        interp.realm.set_intrinsic(
            if kind == WeakKind::WeakMap {
                "%WeakMap.prototype%"
            } else {
                "%WeakSet.prototype%"
            },
            proto,
        );
    }
}

/// CanBeHeldWeakly ( v ) — https://tc39.es/ecma262/#sec-canbeheldweakly
pub(super) fn can_be_held_weakly(v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Symbol(s) => !s.is_registered(),
        _ => false,
    }
}

/// The shared steps of `new WeakMap(iterable)` and `new WeakSet(iterable)`.
fn construct(interp: &Interpreter, args: &[Value], kind: WeakKind) -> Completion<Value> {
    // 1. If NewTarget is undefined, throw a TypeError exception.
    let Some(nt) = interp.new_target() else {
        return Err(interp.type_error(&format!("Constructor {kind:?} requires 'new'")));
    };
    let (intrinsic, adder_name) = if kind == WeakKind::WeakMap {
        ("%WeakMap.prototype%", "set")
    } else {
        ("%WeakSet.prototype%", "add")
    };
    let default = interp
        .realm
        .intrinsic(intrinsic)
        .expect("installed with the constructor");
    let data = WeakCollection {
        kind,
        name: Sym::new_private(JsStr::from(format!("[[{kind:?}Data]]"))),
        symbol_entries: FastMap::default(),
    };
    let o = interp.ordinary_create_from_constructor(
        Some(&nt),
        &default,
        ObjectKind::Native(Box::new(data)),
    )?;
    super::map_set::add_from_iterable(
        interp,
        o,
        arg(args, 0),
        adder_name,
        kind == WeakKind::WeakMap,
    )
}

/// WeakMap ( [ iterable ] ) — https://tc39.es/ecma262/#sec-weakmap-iterable
fn weak_map_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    construct(interp, args, WeakKind::WeakMap)
}

/// WeakSet ( [ iterable ] ) — https://tc39.es/ecma262/#sec-weakset-iterable
fn weak_set_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    construct(interp, args, WeakKind::WeakSet)
}

/// RequireInternalSlot(this, [[WeakMapData]] or [[WeakSetData]]): the
/// collection's kind and private name.
fn this_collection(
    interp: &Interpreter,
    this: &Value,
    method: &str,
) -> Completion<(WeakKind, Sym)> {
    if let Value::Object(o) = this
        && let ObjectKind::Native(n) = &o.borrow().kind
        && let Some(c) = n.as_any().downcast_ref::<WeakCollection>()
    {
        return Ok((c.kind, c.name.clone()));
    }
    Err(interp.type_error(&format!("{method} called on incompatible receiver")))
}

/// Runs `f` on the symbol-keyed entries of the collection `this`.
fn with_symbol_entries<R>(
    this: &Value,
    f: impl FnOnce(&mut FastMap<usize, (Sym, Value)>) -> R,
) -> Option<R> {
    let Value::Object(o) = this else { return None };
    let mut data = o.borrow_mut();
    let ObjectKind::Native(n) = &mut data.kind else {
        return None;
    };
    n.as_any_mut()
        .downcast_mut::<WeakCollection>()
        .map(|c| f(&mut c.symbol_entries))
}

/// The entry for `key` (already known to be an Object or a Symbol).
fn lookup(this: &Value, name: &Sym, key: &Value) -> Option<Value> {
    match key {
        Value::Object(o) => match o
            .borrow()
            .properties
            .get(&PropertyKey::Symbol(name.clone()))
        {
            Some(Property::Data { value, .. }) => Some(value.clone()),
            _ => None,
        },
        Value::Symbol(s) => {
            with_symbol_entries(this, |m| m.get(&s.addr()).map(|(_, v)| v.clone())).flatten()
        }
        _ => None,
    }
}

/// Stores the entry for `key` (an Object or a Symbol that can be held weakly).
fn store(interp: &Interpreter, this: &Value, name: &Sym, key: &Value, value: Value) {
    match key {
        Value::Object(o) => {
            // Like a private field: defined even on non-extensible objects.
            let property = Property::data(value, Attributes::none());
            o.borrow_mut()
                .properties
                .insert(PropertyKey::Symbol(name.clone()), property);
        }
        Value::Symbol(s) => {
            with_symbol_entries(this, |m| m.insert(s.addr(), (s.clone(), value)));
        }
        _ => return,
    }
    interp.heap.note_bytes(48);
}

/// WeakMap.prototype.get ( key ) — https://tc39.es/ecma262/#sec-weakmap.prototype.get
fn get(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (kind, name) = this_collection(interp, this, "WeakMap.prototype.get")?;
    if kind != WeakKind::WeakMap {
        return Err(interp.type_error("WeakMap.prototype.get called on incompatible receiver"));
    }
    // 3. If CanBeHeldWeakly(key) is false, return undefined.
    Ok(lookup(this, &name, &arg(args, 0)).unwrap_or_default())
}

/// WeakMap.prototype.has ( key ) and WeakSet.prototype.has ( value ) —
/// https://tc39.es/ecma262/#sec-weakmap.prototype.has
fn has(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (_, name) = this_collection(interp, this, "has")?;
    Ok(Value::Boolean(lookup(this, &name, &arg(args, 0)).is_some()))
}

/// WeakMap.prototype.set ( key, value ) — https://tc39.es/ecma262/#sec-weakmap.prototype.set
fn set(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (kind, name) = this_collection(interp, this, "WeakMap.prototype.set")?;
    let key = arg(args, 0);
    // 3. If CanBeHeldWeakly(key) is false, throw a TypeError exception.
    if kind != WeakKind::WeakMap || !can_be_held_weakly(&key) {
        return Err(interp.type_error("Invalid value used as weak map key"));
    }
    store(interp, this, &name, &key, arg(args, 1));
    Ok(this.clone())
}

/// WeakSet.prototype.add ( value ) — https://tc39.es/ecma262/#sec-weakset.prototype.add
fn add(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (kind, name) = this_collection(interp, this, "WeakSet.prototype.add")?;
    let value = arg(args, 0);
    if kind != WeakKind::WeakSet || !can_be_held_weakly(&value) {
        return Err(interp.type_error("Invalid value used in weak set"));
    }
    store(interp, this, &name, &value, Value::Boolean(true));
    Ok(this.clone())
}

/// WeakMap.prototype.delete ( key ) and WeakSet.prototype.delete ( value ) —
/// https://tc39.es/ecma262/#sec-weakmap.prototype.delete
fn delete(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let (_, name) = this_collection(interp, this, "delete")?;
    let removed = match arg(args, 0) {
        Value::Object(o) => o
            .borrow_mut()
            .properties
            .remove(&PropertyKey::Symbol(name))
            .is_some(),
        Value::Symbol(s) => {
            with_symbol_entries(this, |m| m.remove(&s.addr()).is_some()).unwrap_or(false)
        }
        _ => false,
    };
    Ok(Value::Boolean(removed))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{n, s, with_harness};
    use crate::mini::value::Value;

    #[test]
    fn map_and_set_operations() {
        with_harness(|h| {
            let wm = h.new_ok("WeakMap", &[]);
            let k1 = h.json("{}");
            let k2 = h.json("[]");
            h.invoke_ok(&wm, "set", &[k1.clone(), n(1.0)]);
            h.invoke_ok(&wm, "set", &[k1.clone(), n(2.0)]);
            assert_eq!(h.show(&h.invoke_ok(&wm, "get", &[k1.clone()])), "2");
            assert!(h.invoke_ok(&wm, "get", &[k2.clone()]).is_undefined());
            assert!(h.invoke_ok(&wm, "get", &[n(1.0)]).is_undefined());
            assert!(h.invoke_ok(&wm, "has", &[k1.clone()]).to_boolean());
            assert!(h.invoke_ok(&wm, "delete", &[k1.clone()]).to_boolean());
            assert!(!h.invoke_ok(&wm, "delete", &[k1.clone()]).to_boolean());
            assert!(!h.invoke_ok(&wm, "has", &[k1.clone()]).to_boolean());
            assert_eq!(
                h.throws("WeakMap.prototype.set", wm.clone(), &[n(1.0), n(1.0)]),
                "TypeError"
            );
            let registered = h.ok("Symbol.for", Value::Undefined, &[s("r")]);
            assert_eq!(
                h.throws("WeakMap.prototype.set", wm.clone(), &[registered, n(1.0)]),
                "TypeError"
            );
            let sym = h.ok("Symbol", Value::Undefined, &[s("local")]);
            h.invoke_ok(&wm, "set", &[sym.clone(), s("by symbol")]);
            assert_eq!(h.show(&h.invoke_ok(&wm, "get", &[sym])), r#""by symbol""#);

            let ws = h.new_ok("WeakSet", &[h.json("[{}, []]")]);
            h.invoke_ok(&ws, "add", &[k2.clone()]);
            assert!(h.invoke_ok(&ws, "has", &[k2.clone()]).to_boolean());
            assert!(!h.invoke_ok(&ws, "has", &[k1.clone()]).to_boolean());
            assert_eq!(
                h.throws("WeakSet.prototype.add", ws.clone(), &[s("x")]),
                "TypeError"
            );
            // Two collections do not see each other's entries; brand checks.
            let wm2 = h.new_ok("WeakMap", &[]);
            h.invoke_ok(&wm, "set", &[k2.clone(), n(1.0)]);
            assert!(!h.invoke_ok(&wm2, "has", &[k2.clone()]).to_boolean());
            assert_eq!(
                h.throws("WeakMap.prototype.get", ws.clone(), &[k2.clone()]),
                "TypeError"
            );
            assert_eq!(
                h.throws("WeakSet.prototype.add", wm.clone(), &[k2.clone()]),
                "TypeError"
            );
            assert_eq!(h.throws("WeakMap", Value::Undefined, &[]), "TypeError");
        });
    }

    #[test]
    fn entries_are_invisible_and_work_on_frozen_keys() {
        with_harness(|h| {
            let wm = h.new_ok("WeakMap", &[]);
            let key = h.json(r#"{"a":1}"#);
            h.ok("Object.freeze", Value::Undefined, &[key.clone()]);
            h.invoke_ok(&wm, "set", &[key.clone(), n(5.0)]);
            assert_eq!(h.show(&h.invoke_ok(&wm, "get", &[key.clone()])), "5");
            assert_eq!(
                h.show(&h.ok("Reflect.ownKeys", Value::Undefined, &[key.clone()])),
                r#"["a"]"#
            );
            assert_eq!(h.show(&key), r#"{"a":1}"#);
            assert!(
                h.ok("Object.isFrozen", Value::Undefined, &[key])
                    .to_boolean()
            );
        });
    }

    #[test]
    fn a_value_referring_to_its_key_does_not_keep_it_alive() {
        with_harness(|h| {
            let wm = h.new_ok("WeakMap", &[]);
            let key = h.interp.new_object();
            let value = h.interp.new_object();
            // value → key: a cycle through the entry.
            value.define_data(
                "owner",
                Value::Object(key.clone()),
                crate::mini::property::Attributes::all(),
            );
            h.invoke_ok(
                &wm,
                "set",
                &[Value::Object(key.clone()), Value::Object(value.clone())],
            );
            let (weak_key, weak_value) = (key.downgrade(), value.downgrade());
            drop((key, value));
            h.interp.heap.collect();
            assert!(
                !crate::mini::heap::is_alive(&weak_key),
                "the key was collected"
            );
            assert!(
                !crate::mini::heap::is_alive(&weak_value),
                "and its value with it"
            );
            // While the key lives, so does the value, even with the map gone.
            let key = h.interp.new_object();
            let value = h.interp.new_object();
            h.invoke_ok(
                &wm,
                "set",
                &[Value::Object(key.clone()), Value::Object(value.clone())],
            );
            let weak_value = value.downgrade();
            drop(value);
            h.interp.heap.collect();
            assert!(crate::mini::heap::is_alive(&weak_value));
            assert!(matches!(
                h.invoke_ok(&wm, "get", &[Value::Object(key)]),
                Value::Object(_)
            ));
        });
    }
}
