//! The Object constructor and Object.prototype —
//! https://tc39.es/ecma262/#sec-object-objects
//! (keys, values, entries, assign, create, freeze/isFrozen, seal/isSealed,
//! preventExtensions/isExtensible, defineProperty/ies,
//! getOwnPropertyDescriptor(s), getOwnPropertyNames/Symbols,
//! getPrototypeOf/setPrototypeOf, is, fromEntries, groupBy is left out;
//! prototype: hasOwnProperty, isPrototypeOf, propertyIsEnumerable,
//! toString, toLocaleString, valueOf, __proto__, and Annex B's
//! __defineGetter__, __defineSetter__, __lookupGetter__, __lookupSetter__).

use super::{arg, define_accessor, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Property, PropertyDescriptor, PropertyKey};
use crate::mini::value::{Value, same_value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.object_prototype.clone();
    let ctor = define_constructor(interp, "Object", 1, object_constructor, &proto);
    interp.realm.set_intrinsic("%Object%", ctor.clone());
    for (name, len, f) in [
        ("keys", 1, keys as super::NativeFn),
        ("values", 1, values),
        ("entries", 1, entries),
        ("assign", 2, assign),
        ("create", 2, create),
        ("freeze", 1, freeze),
        ("isFrozen", 1, is_frozen),
        ("seal", 1, seal),
        ("isSealed", 1, is_sealed),
        ("preventExtensions", 1, prevent_extensions),
        ("isExtensible", 1, is_extensible),
        ("defineProperty", 3, define_property),
        ("defineProperties", 2, define_properties),
        ("getOwnPropertyDescriptor", 2, get_own_property_descriptor),
        ("getOwnPropertyDescriptors", 1, get_own_property_descriptors),
        ("getOwnPropertyNames", 1, get_own_property_names),
        ("getOwnPropertySymbols", 1, get_own_property_symbols),
        ("getPrototypeOf", 1, get_prototype_of),
        ("setPrototypeOf", 2, set_prototype_of),
        ("is", 2, is),
        ("fromEntries", 1, from_entries),
        ("hasOwn", 2, has_own),
    ] {
        define_function(interp, &ctor, name, len, f);
    }
    for (name, len, f) in [
        ("hasOwnProperty", 1, has_own_property as super::NativeFn),
        ("isPrototypeOf", 1, is_prototype_of),
        ("propertyIsEnumerable", 1, property_is_enumerable),
        ("toString", 0, to_string),
        ("toLocaleString", 0, to_locale_string),
        ("valueOf", 0, value_of),
        ("__defineGetter__", 2, define_getter),
        ("__defineSetter__", 2, define_setter),
        ("__lookupGetter__", 1, lookup_getter),
        ("__lookupSetter__", 1, lookup_setter),
    ] {
        define_function(interp, &proto, name, len, f);
    }
    define_accessor(
        interp,
        &proto,
        "__proto__",
        Some(proto_getter),
        Some(proto_setter),
    );
}

/// Object ( [ value ] ) — https://tc39.es/ecma262/#sec-object-value
fn object_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. NewTarget neither undefined nor the active function: subclassing.
    if let (Some(nt), Some(active)) = (interp.new_target(), interp.active_function())
        && !nt.ptr_eq(&active)
    {
        let o = interp.ordinary_create_from_constructor(
            Some(&nt),
            &interp.realm.object_prototype,
            ObjectKind::Ordinary,
        )?;
        return Ok(Value::Object(o));
    }
    let value = arg(args, 0);
    // 2. null/undefined → a new object; 3. else ToObject(value).
    if value.is_nullish() {
        return Ok(Value::Object(interp.new_object()));
    }
    Ok(Value::Object(interp.to_object(&value)?))
}

fn keys(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let keys = interp.enumerable_own_keys(&o)?;
    Ok(Value::Object(
        interp.new_array(keys.iter().map(|k| k.to_value()).collect()),
    ))
}

fn values(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let mut out = Vec::new();
    for k in interp.enumerable_own_keys(&o)? {
        out.push(interp.get(&o, &k)?);
    }
    Ok(Value::Object(interp.new_array(out)))
}

fn entries(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let mut out = Vec::new();
    for k in interp.enumerable_own_keys(&o)? {
        let v = interp.get(&o, &k)?;
        out.push(Value::Object(interp.new_array(vec![k.to_value(), v])));
    }
    Ok(Value::Object(interp.new_array(out)))
}

/// Object.assign ( target, ...sources ) — https://tc39.es/ecma262/#sec-object.assign
fn assign(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let to = interp.to_object(&arg(args, 0))?;
    for source in args.iter().skip(1) {
        if source.is_nullish() {
            continue;
        }
        let from = interp.to_object(source)?;
        for key in from.own_property_keys() {
            if from.get_own_property(&key).is_some_and(|p| p.enumerable()) {
                let v = interp.get(&from, &key)?;
                interp.set(&to, key, v, true)?;
            }
        }
    }
    Ok(Value::Object(to))
}

/// Object.create ( O, Properties ) — https://tc39.es/ecma262/#sec-object.create
fn create(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(interp.type_error("Object prototype may only be an Object or null")),
    };
    let o = interp.new_object_with_proto(proto);
    let props = arg(args, 1);
    if !props.is_undefined() {
        object_define_properties(interp, &o, &props)?;
    }
    Ok(Value::Object(o))
}

fn freeze(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let v = arg(args, 0);
    if let Value::Object(o) = &v {
        interp.set_integrity_level(o, true)?;
    }
    Ok(v)
}

fn is_frozen(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(match arg(args, 0) {
        Value::Object(o) => interp.test_integrity_level(&o, true),
        _ => true,
    }))
}

fn seal(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let v = arg(args, 0);
    if let Value::Object(o) = &v {
        interp.set_integrity_level(o, false)?;
    }
    Ok(v)
}

fn is_sealed(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(match arg(args, 0) {
        Value::Object(o) => interp.test_integrity_level(&o, false),
        _ => true,
    }))
}

fn prevent_extensions(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let v = arg(args, 0);
    if let Value::Object(o) = &v {
        o.borrow_mut().prevent_extensions();
    }
    Ok(v)
}

fn is_extensible(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Object(o) if o.extensible()),
    ))
}

/// ToPropertyDescriptor ( Obj ) — https://tc39.es/ecma262/#sec-topropertydescriptor
pub fn to_property_descriptor(interp: &Interpreter, v: &Value) -> Completion<PropertyDescriptor> {
    let Value::Object(o) = v else {
        return Err(interp.type_error("Property description must be an object"));
    };
    let mut desc = PropertyDescriptor::default();
    let field = |name: &str| -> Completion<Option<Value>> {
        let key = PropertyKey::from(name);
        if interp.has_property(o, &key)? {
            Ok(Some(interp.get(o, &key)?))
        } else {
            Ok(None)
        }
    };
    desc.enumerable = field("enumerable")?.map(|v| v.to_boolean());
    desc.configurable = field("configurable")?.map(|v| v.to_boolean());
    desc.value = field("value")?;
    desc.writable = field("writable")?.map(|v| v.to_boolean());
    for (name, slot) in [("get", &mut desc.get), ("set", &mut desc.set)] {
        if let Some(f) = field(name)? {
            if !f.is_undefined() && !crate::mini::interpreter::object_ops::is_callable(&f) {
                return Err(interp.type_error(&format!(
                    "Getter or setter must be a function: {}",
                    interp.describe(&f)
                )));
            }
            *slot = Some(f);
        }
    }
    if (desc.get.is_some() || desc.set.is_some())
        && (desc.value.is_some() || desc.writable.is_some())
    {
        return Err(interp.type_error("Invalid property descriptor. Cannot both specify accessors and a value or writable attribute"));
    }
    Ok(desc)
}

/// FromPropertyDescriptor ( Desc ) — https://tc39.es/ecma262/#sec-frompropertydescriptor
pub fn from_property_descriptor(interp: &Interpreter, p: &Property) -> Value {
    let o = interp.new_object();
    let d = p.to_descriptor();
    let put = |name: &str, v: Value| {
        interp.create_data_property(&o, PropertyKey::from(name), v);
    };
    if let Some(v) = d.value {
        put("value", v);
    }
    if let Some(w) = d.writable {
        put("writable", Value::Boolean(w));
    }
    if let Some(g) = d.get {
        put("get", g);
    }
    if let Some(s) = d.set {
        put("set", s);
    }
    put("enumerable", Value::Boolean(d.enumerable.unwrap_or(false)));
    put(
        "configurable",
        Value::Boolean(d.configurable.unwrap_or(false)),
    );
    Value::Object(o)
}

fn define_property(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(interp.type_error("Object.defineProperty called on non-object"));
    };
    let key = interp.to_property_key(&arg(args, 1))?;
    let desc = to_property_descriptor(interp, &arg(args, 2))?;
    interp.define_property_or_throw(&o, key, desc)?;
    Ok(Value::Object(o))
}

/// ObjectDefineProperties ( O, Properties ) — https://tc39.es/ecma262/#sec-objectdefineproperties
fn object_define_properties(interp: &Interpreter, o: &Obj, props: &Value) -> Completion<()> {
    let props = interp.to_object(props)?;
    let mut descriptors = Vec::new();
    for key in props.own_property_keys() {
        if props.get_own_property(&key).is_some_and(|p| p.enumerable()) {
            let desc_obj = interp.get(&props, &key)?;
            descriptors.push((key, to_property_descriptor(interp, &desc_obj)?));
        }
    }
    for (key, desc) in descriptors {
        interp.define_property_or_throw(o, key, desc)?;
    }
    Ok(())
}

fn define_properties(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(interp.type_error("Object.defineProperties called on non-object"));
    };
    object_define_properties(interp, &o, &arg(args, 1))?;
    Ok(Value::Object(o))
}

fn get_own_property_descriptor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let key = interp.to_property_key(&arg(args, 1))?;
    Ok(match o.get_own_property(&key) {
        Some(p) => from_property_descriptor(interp, &p),
        None => Value::Undefined,
    })
}

fn get_own_property_descriptors(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let out = interp.new_object();
    for key in o.own_property_keys() {
        if let Some(p) = o.get_own_property(&key) {
            interp.create_data_property(&out, key, from_property_descriptor(interp, &p));
        }
    }
    Ok(Value::Object(out))
}

fn get_own_property_names(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let names = o
        .own_property_keys()
        .into_iter()
        .filter(|k| !k.is_symbol())
        .map(|k| k.to_value())
        .collect();
    Ok(Value::Object(interp.new_array(names)))
}

fn get_own_property_symbols(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let syms = o
        .own_property_keys()
        .into_iter()
        .filter(|k| k.is_symbol())
        .map(|k| k.to_value())
        .collect();
    Ok(Value::Object(interp.new_array(syms)))
}

fn get_prototype_of(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    Ok(o.prototype().map(Value::Object).unwrap_or(Value::Null))
}

/// OrdinarySetPrototypeOf ( O, V ) — https://tc39.es/ecma262/#sec-ordinarysetprototypeof
pub fn ordinary_set_prototype_of(o: &Obj, proto: Option<Obj>) -> bool {
    let current = o.prototype();
    if current.as_ref().map(Obj::addr) == proto.as_ref().map(Obj::addr) {
        return true;
    }
    if !o.extensible() {
        return false;
    }
    // 8. Refuse to create a cycle.
    let mut p = proto.clone();
    while let Some(x) = p {
        if x.ptr_eq(o) {
            return false;
        }
        p = x.prototype();
    }
    o.borrow_mut().prototype = proto;
    true
}

fn set_prototype_of(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let target = arg(args, 0);
    if target.is_nullish() {
        return Err(interp.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(interp.type_error("Object prototype may only be an Object or null")),
    };
    if let Value::Object(o) = &target
        && !ordinary_set_prototype_of(o, proto)
    {
        return Err(interp.type_error("Cannot set prototype"));
    }
    Ok(target)
}

fn is(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(same_value(&arg(args, 0), &arg(args, 1))))
}

fn from_entries(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.new_object();
    for entry in interp.iterate_to_vec(&arg(args, 0))? {
        let Value::Object(e) = &entry else {
            return Err(interp.type_error("Iterator value is not an entry object"));
        };
        let k = interp.get(e, &PropertyKey::Index(0))?;
        let v = interp.get(e, &PropertyKey::Index(1))?;
        let key = interp.to_property_key(&k)?;
        interp.create_data_property_or_throw(&o, key, v)?;
    }
    Ok(Value::Object(o))
}

fn has_own(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(&arg(args, 0))?;
    let key = interp.to_property_key(&arg(args, 1))?;
    Ok(Value::Boolean(interp.has_own_property(&o, &key)))
}

fn has_own_property(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let key = interp.to_property_key(&arg(args, 0))?;
    let o = interp.to_object(this)?;
    Ok(Value::Boolean(interp.has_own_property(&o, &key)))
}

fn is_prototype_of(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let Value::Object(v) = arg(args, 0) else {
        return Ok(Value::Boolean(false));
    };
    let o = interp.to_object(this)?;
    let mut p = v.prototype();
    while let Some(x) = p {
        if x.ptr_eq(&o) {
            return Ok(Value::Boolean(true));
        }
        p = x.prototype();
    }
    Ok(Value::Boolean(false))
}

fn property_is_enumerable(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let key = interp.to_property_key(&arg(args, 0))?;
    let o = interp.to_object(this)?;
    Ok(Value::Boolean(
        o.get_own_property(&key).is_some_and(|p| p.enumerable()),
    ))
}

/// Object.prototype.toString ( ) — https://tc39.es/ecma262/#sec-object.prototype.tostring
pub fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let builtin_tag = match this {
        Value::Undefined => return Ok(Value::from("[object Undefined]")),
        Value::Null => return Ok(Value::from("[object Null]")),
        _ => {
            let o = interp.to_object(this)?;
            let tag = match &o.borrow().kind {
                ObjectKind::Array(_) => "Array",
                ObjectKind::MappedArguments(_) | ObjectKind::UnmappedArguments => "Arguments",
                ObjectKind::Function(_) | ObjectKind::Builtin(_) | ObjectKind::Bound(_) => {
                    "Function"
                }
                ObjectKind::Error => "Error",
                ObjectKind::Boolean(_) => "Boolean",
                ObjectKind::Number(_) => "Number",
                ObjectKind::String(_) => "String",
                ObjectKind::Native(n) if n.as_any().is::<super::regexp::RegExpData>() => "RegExp",
                _ => "Object",
            };
            let t = interp.get(
                &o,
                &PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
            )?;
            if let Value::String(s) = t {
                return Ok(Value::from(format!("[object {s}]")));
            }
            tag
        }
    };
    Ok(Value::from(format!("[object {builtin_tag}]")))
}

fn to_locale_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    interp.invoke(this, &PropertyKey::from("toString"), &[])
}

fn value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Object(interp.to_object(this)?))
}

fn proto_getter(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let o = interp.to_object(this)?;
    Ok(o.prototype().map(Value::Object).unwrap_or(Value::Null))
}

fn proto_setter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    if this.is_nullish() {
        return Err(interp.type_error("Object.prototype.__proto__ called on null or undefined"));
    }
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    if let Value::Object(o) = this
        && !ordinary_set_prototype_of(o, proto)
    {
        return Err(interp.type_error("Object.prototype.__proto__ setter failed"));
    }
    Ok(Value::Undefined)
}

/// Object.prototype.__defineGetter__ ( P, getter ) and __defineSetter__ ( P, setter ) —
/// https://tc39.es/ecma262/#sec-object.prototype.__defineGetter__
fn define_accessor_half(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    setter: bool,
) -> Completion<Value> {
    // 1. Let O be ? ToObject(this value).
    let o = interp.to_object(this)?;
    // 2. If IsCallable(getter) is false, throw a TypeError exception.
    let f = interp.require_callable(
        &arg(args, 1),
        "Object.prototype.__defineGetter__: the accessor",
    )?;
    // 3. desc = { [[Get]] or [[Set]]: f, [[Enumerable]]: true, [[Configurable]]: true }.
    let f = Some(Value::Object(f));
    let (get, set) = if setter { (None, f) } else { (f, None) };
    let desc = PropertyDescriptor {
        get,
        set,
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    // 4.–5. DefinePropertyOrThrow(O, ? ToPropertyKey(P), desc).
    let key = interp.to_property_key(&arg(args, 0))?;
    interp.define_property_or_throw(&o, key, desc)?;
    Ok(Value::Undefined)
}

fn define_getter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    define_accessor_half(interp, this, args, false)
}

fn define_setter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    define_accessor_half(interp, this, args, true)
}

/// Object.prototype.__lookupGetter__ ( P ) and __lookupSetter__ ( P ) —
/// https://tc39.es/ecma262/#sec-object.prototype.__lookupGetter__
fn lookup_accessor_half(
    interp: &Interpreter,
    this: &Value,
    args: &[Value],
    setter: bool,
) -> Completion<Value> {
    // 1.–2. O = ? ToObject(this value); key = ? ToPropertyKey(P).
    let mut o = interp.to_object(this)?;
    let key = interp.to_property_key(&arg(args, 0))?;
    // 3. Walk the prototype chain to the first own property named key.
    loop {
        if let Some(property) = o.get_own_property(&key) {
            return Ok(match property {
                Property::Accessor { get, set, .. } => {
                    if setter {
                        set
                    } else {
                        get
                    }
                }
                Property::Data { .. } => Value::Undefined,
            });
        }
        match o.prototype() {
            Some(parent) => o = parent,
            None => return Ok(Value::Undefined),
        }
    }
}

fn lookup_getter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    lookup_accessor_half(interp, this, args, false)
}

fn lookup_setter(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    lookup_accessor_half(interp, this, args, true)
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::assert_prints;

    #[test]
    fn annex_b_accessor_methods() {
        // Expected lines are node's.
        assert_prints(
            r#"
            const o = {};
            o.__defineGetter__("g", function () { return this.v * 2; });
            o.__defineSetter__("g", function (x) { this.v = x; });
            o.g = 21;
            console.log(o.g, Object.keys(o).join(), typeof o.__lookupGetter__("g"), typeof o.__lookupSetter__("g"), o.__lookupGetter__("v"));
            console.log(Object.create(o).__lookupGetter__("g") === o.__lookupGetter__("g"), Object.getOwnPropertyDescriptor(o, "g").enumerable);
            try { o.__defineGetter__("x", 1); } catch (e) { console.log(e.name); }
            try { Object.freeze(o).__defineGetter__("y", () => 1); } catch (e) { console.log(e.name); }
            const shadow = Object.create({ get p() { return 1; } });
            Object.defineProperty(shadow, "p", { value: 5 });
            console.log(shadow.__lookupGetter__("p"), Object.prototype.__defineGetter__.length);
            "#,
            &[
                "42 g,v function function undefined",
                "true true",
                "TypeError",
                "TypeError",
                "undefined 2",
            ],
        );
    }
}
