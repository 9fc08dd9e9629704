//! %AsyncGeneratorFunction.prototype%, %AsyncGeneratorPrototype% (next,
//! return, throw) and %AsyncIteratorPrototype% [ @@asyncIterator ] —
//! https://tc39.es/ecma262/#sec-asyncgenerator-objects

use super::{arg, define_function, define_symbol_function};
use crate::mini::generators::Resume;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let realm = &interp.realm;
    let fn_proto = realm.async_generator_function_prototype.clone();
    let proto = realm.async_generator_prototype.clone();
    // %AsyncGeneratorFunction.prototype%.prototype is %AsyncGeneratorPrototype%.
    fn_proto.define_data(
        "prototype",
        Value::Object(proto.clone()),
        Attributes::new(false, false, true),
    );
    proto.define_data(
        "constructor",
        Value::Object(fn_proto.clone()),
        Attributes::new(false, false, true),
    );
    let tag = PropertyKey::Symbol(interp.symbols.to_string_tag.clone());
    fn_proto.define_data(
        tag.clone(),
        Value::from("AsyncGeneratorFunction"),
        Attributes::new(false, false, true),
    );
    proto.define_data(
        tag,
        Value::from("AsyncGenerator"),
        Attributes::new(false, false, true),
    );
    define_function(interp, &proto, "next", 1, next);
    define_function(interp, &proto, "return", 1, return_);
    define_function(interp, &proto, "throw", 1, throw);
    // %AsyncIteratorPrototype% [ @@asyncIterator ] () returns this.
    let key = interp.symbols.async_iterator.clone();
    define_symbol_function(
        interp,
        &realm.async_iterator_prototype,
        &key,
        0,
        async_iterator,
    );
}

/// %AsyncGeneratorPrototype%.next ( value ) — https://tc39.es/ecma262/#sec-asyncgenerator-prototype-next
fn next(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.async_generator_request(this, Resume::Next(arg(args, 0)))
}

/// %AsyncGeneratorPrototype%.return ( value ) — https://tc39.es/ecma262/#sec-asyncgenerator-prototype-return
fn return_(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.async_generator_request(this, Resume::Return(arg(args, 0)))
}

/// %AsyncGeneratorPrototype%.throw ( exception ) — https://tc39.es/ecma262/#sec-asyncgenerator-prototype-throw
fn throw(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.async_generator_request(this, Resume::Throw(arg(args, 0)))
}

/// %AsyncIteratorPrototype% [ @@asyncIterator ] ( ) — https://tc39.es/ecma262/#sec-asynciteratorprototype-asynciterator
fn async_iterator(_interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(this.clone())
}
