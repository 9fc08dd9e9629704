//! Symbol objects — https://tc39.es/ecma262/#sec-symbol-objects
//! Symbol ( [description] ), Symbol.for / keyFor, the well-known symbols,
//! and Symbol.prototype (toString, valueOf, description, @@toPrimitive).

use super::{arg, define_accessor, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{Sym, Value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.symbol_prototype.clone();
    let ctor = define_constructor(interp, "Symbol", 0, symbol_constructor, &proto);
    let s = &interp.symbols;
    for (name, sym) in [
        ("iterator", &s.iterator),
        ("asyncIterator", &s.async_iterator),
        ("hasInstance", &s.has_instance),
        ("toPrimitive", &s.to_primitive),
        ("toStringTag", &s.to_string_tag),
        ("species", &s.species),
        ("unscopables", &s.unscopables),
        ("isConcatSpreadable", &s.is_concat_spreadable),
        ("match", &s.match_),
        ("matchAll", &s.match_all),
        ("replace", &s.replace),
        ("search", &s.search),
        ("split", &s.split),
    ] {
        ctor.define_data(name, Value::Symbol(sym.clone()), Attributes::none());
    }
    define_function(interp, &ctor, "for", 1, symbol_for);
    define_function(interp, &ctor, "keyFor", 1, key_for);
    define_function(interp, &proto, "toString", 0, to_string);
    define_function(interp, &proto, "valueOf", 0, value_of);
    define_accessor(interp, &proto, "description", Some(description), None);
    proto.define_data(
        PropertyKey::Symbol(s.to_string_tag.clone()),
        Value::from("Symbol"),
        Attributes::new(false, false, true),
    );
    let to_prim = crate::mini::function_objects::create_builtin_function(
        interp,
        value_of,
        1,
        PropertyKey::Symbol(s.to_primitive.clone()),
        Vec::new(),
        false,
    );
    proto.define_data(
        PropertyKey::Symbol(s.to_primitive.clone()),
        Value::Object(to_prim),
        Attributes::new(false, false, true),
    );
}

/// Symbol ( [ description ] ) — https://tc39.es/ecma262/#sec-symbol-description
fn symbol_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. If NewTarget is not undefined, throw a TypeError.
    if interp.new_target().is_some() {
        return Err(interp.type_error("Symbol is not a constructor"));
    }
    let d = arg(args, 0);
    let description = if d.is_undefined() {
        None
    } else {
        Some(interp.to_string(&d)?)
    };
    Ok(Value::Symbol(Sym::new(description)))
}

fn symbol_for(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let key = interp.to_string(&arg(args, 0))?;
    let mut registry = interp.symbol_registry.borrow_mut();
    let sym = registry
        .entry(key.clone())
        .or_insert_with(|| Sym::new_registered(key))
        .clone();
    Ok(Value::Symbol(sym))
}

fn key_for(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    match arg(args, 0) {
        Value::Symbol(s) if s.is_registered() => Ok(s
            .description()
            .cloned()
            .map(Value::String)
            .unwrap_or_default()),
        Value::Symbol(_) => Ok(Value::Undefined),
        _ => Err(interp.type_error("Symbol.keyFor: argument is not a symbol")),
    }
}

/// ThisSymbolValue ( value ) — https://tc39.es/ecma262/#sec-thissymbolvalue
fn this_symbol(interp: &Interpreter, this: &Value) -> Completion<Sym> {
    match this {
        Value::Symbol(s) => Ok(s.clone()),
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::Symbol(s) => Ok(s.clone()),
            _ => Err(interp.type_error("not a Symbol")),
        },
        _ => Err(interp.type_error("not a Symbol")),
    }
}

fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::from(this_symbol(interp, this)?.descriptive_string()))
}

fn value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Symbol(this_symbol(interp, this)?))
}

fn description(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(this_symbol(interp, this)?
        .description()
        .cloned()
        .map(Value::String)
        .unwrap_or_default())
}
