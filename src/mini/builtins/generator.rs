//! %GeneratorFunction.prototype% and %GeneratorPrototype% —
//! https://tc39.es/ecma262/#sec-generator-objects
//! (next, return, throw), plus the prototypes of async functions.

use super::{arg, define_function};
use crate::mini::generators::Resume;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let realm = &interp.realm;
    let gen_fn_proto = realm.generator_function_prototype.clone();
    let gen_proto = realm.generator_prototype.clone();
    // %GeneratorFunction.prototype%.prototype is %GeneratorPrototype%.
    gen_fn_proto.define_data(
        "prototype",
        Value::Object(gen_proto.clone()),
        Attributes::new(false, false, true),
    );
    gen_proto.define_data(
        "constructor",
        Value::Object(gen_fn_proto.clone()),
        Attributes::new(false, false, true),
    );
    let tag = PropertyKey::Symbol(interp.symbols.to_string_tag.clone());
    gen_fn_proto.define_data(
        tag.clone(),
        Value::from("GeneratorFunction"),
        Attributes::new(false, false, true),
    );
    gen_proto.define_data(
        tag.clone(),
        Value::from("Generator"),
        Attributes::new(false, false, true),
    );
    realm.async_function_prototype.define_data(
        tag,
        Value::from("AsyncFunction"),
        Attributes::new(false, false, true),
    );
    define_function(interp, &gen_proto, "next", 1, next);
    define_function(interp, &gen_proto, "return", 1, return_);
    define_function(interp, &gen_proto, "throw", 1, throw);
}

/// %GeneratorPrototype%.next ( value ) — https://tc39.es/ecma262/#sec-generator.prototype.next
fn next(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.generator_resume(this, Resume::Next(arg(args, 0)))
}

/// %GeneratorPrototype%.return ( value ) — https://tc39.es/ecma262/#sec-generator.prototype.return
fn return_(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.generator_resume(this, Resume::Return(arg(args, 0)))
}

/// %GeneratorPrototype%.throw ( exception ) — https://tc39.es/ecma262/#sec-generator.prototype.throw
fn throw(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    interp.generator_resume(this, Resume::Throw(arg(args, 0)))
}
