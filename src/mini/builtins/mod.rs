//! The built-in library: one module per global (or family), each with an
//! `install(interp)` called once per realm by [`install`].
//!
//! # Convention for built-in functions
//!
//! A built-in function's steps are a plain Rust function with the
//! [`NativeFn`] signature:
//!
//! ```text
//! /// Array.prototype.push ( ...items ) — https://tc39.es/ecma262/#sec-array.prototype.push
//! fn push(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
//!     // 1. Let O be ? ToObject(this value).
//!     let o = interp.to_object(this)?;
//!     …
//! }
//! ```
//!
//! - The spec's `?` is Rust's `?`; throw with
//!   `Err(interp.type_error("…"))` / `interp.range_error` /
//!   `interp.throw_error(ErrorKind::X, "…")`. Messages never reach a
//!   transcript, only names do.
//! - Read arguments with [`arg`]`(args, i)` (undefined when absent).
//! - Call back into JS with `interp.call(&f, &this, &args)` (f a Value) or
//!   `interp.call_object(&obj, …)`, construct with
//!   `interp.construct(&ctor, &args, new_target)`. Property access:
//!   `interp.get(&o, &key)`, `interp.get_v(&v, &key)` (primitives too),
//!   `interp.set(&o, key, v, /*throw*/ true)`,
//!   `interp.create_data_property_or_throw`, `interp.define_property_or_throw`,
//!   `interp.has_property`, `o.own_property_keys()`. Conversions:
//!   `interp.to_string / to_number / to_object / to_property_key /
//!   to_integer_or_infinity / to_length / string_of`. Iteration:
//!   `interp.get_iterator(&v)` then `interp.iterator_step_value(&mut rec)`,
//!   `interp.iterator_close(&rec, completion)`; or `interp.iterate_to_vec(&v)`.
//! - Objects: `interp.new_object()`, `interp.new_array(values)`,
//!   `Obj::with_kind(&interp.heap, Some(proto), ObjectKind::…)`.
//!   Strings built from user data go through `interp.new_string(s)` (heap
//!   accounting) and long ones through `interp.check_string_length(n)`.
//! - Constructors: when `interp.new_target()` is `Some(nt)` the function was
//!   called with `new`; create the object with
//!   `interp.ordinary_create_from_constructor(Some(&nt), &default_proto, kind)`.
//! - Closures made by abstract operations (promise resolving functions, …)
//!   keep their captured values in the function's slots:
//!   `create_builtin_function(interp, f, len, name, vec![slots…], false)` and
//!   `interp.native_slot(i)` inside `f`.
//! - A built-in that needs its own internal slots adds a variant to
//!   `object::ObjectKind` (with its `trace` arm) or uses
//!   `ObjectKind::Native(Box::new(state))` (any `Trace` type is
//!   `NativeData`; read it back with `as_any().downcast_ref`); every field
//!   holding a Value, Obj or Env must be traced.
//! - Species: [`define_species_getter`] (`get C [ @@species ]`) and
//!   [`species_constructor`]; arrays use `array_prototype::array_species_create`.
//!
//! Register functions with the helpers below: [`define_function`] (a method:
//! writable, configurable, not enumerable; `length` and `name` set),
//! [`define_symbol_function`], [`define_accessor`], [`define_constructor`]
//! (the constructor, its `prototype` and the prototype's `constructor`, and
//! the global binding), [`global`] (a global value).

pub mod array;
pub mod array_callbacks;
pub mod array_prototype;
#[cfg(test)]
mod array_tests;
pub mod async_generator;
pub mod error;
pub mod function;
pub mod generator;
pub mod global_functions;
pub mod iterator;
pub mod json;
pub mod json_stringify;
pub mod keyed_collection;
#[cfg(test)]
mod library_tests;
pub mod map_set;
pub mod math;
pub mod number;
pub mod number_format;
pub mod object;
pub mod promise;
pub mod reflect;
pub mod regexp;
pub mod string;
pub mod string_prototype;
pub mod symbol;
#[cfg(test)]
pub mod test_support;
pub mod uri;
pub mod weak_collections;
pub mod weakref;

pub use super::function_objects::NativeFn;
use super::function_objects::create_builtin_function;
use super::interpreter::Interpreter;
pub use super::interpreter::arg;
use super::object::Obj;
use super::property::{Attributes, PropertyDescriptor, PropertyKey};
use super::value::{Sym, Value};

/// Installs every built-in into the interpreter's realm
/// (SetDefaultGlobalBindings).
pub fn install(interp: &Interpreter) {
    object::install(interp);
    function::install(interp);
    symbol::install(interp);
    error::install(interp);
    iterator::install(interp);
    array::install(interp);
    string::install(interp);
    global_functions::install(interp);
    generator::install(interp);
    async_generator::install(interp);
    promise::install(interp);
    weakref::install(interp);
    json::install(interp);
    math::install(interp);
    number::install(interp);
    map_set::install(interp);
    weak_collections::install(interp);
    reflect::install(interp);
    array_prototype::install(interp);
    string_prototype::install(interp);
    regexp::install(interp);
    uri::install(interp);
    super::host::install(interp);
}

/// Defines a built-in method `name` on `target`; returns the function.
pub fn define_function(
    interp: &Interpreter,
    target: &Obj,
    name: &str,
    length: u32,
    f: NativeFn,
) -> Obj {
    let func = create_builtin_function(interp, f, length, name, Vec::new(), false);
    target.define_data(name, Value::Object(func.clone()), Attributes::builtin());
    func
}

/// Defines a built-in method keyed by a symbol (name "[description]").
pub fn define_symbol_function(
    interp: &Interpreter,
    target: &Obj,
    sym: &Sym,
    length: u32,
    f: NativeFn,
) -> Obj {
    let key = PropertyKey::Symbol(sym.clone());
    let func = create_builtin_function(interp, f, length, key.clone(), Vec::new(), false);
    target.define_data(key, Value::Object(func.clone()), Attributes::builtin());
    func
}

/// Defines an accessor property with built-in getter and/or setter
/// (configurable, not enumerable).
pub fn define_accessor(
    interp: &Interpreter,
    target: &Obj,
    key: impl Into<PropertyKey>,
    getter: Option<NativeFn>,
    setter: Option<NativeFn>,
) {
    let key = key.into();
    let make = |f: NativeFn, prefix: &str| {
        let func = create_builtin_function(
            interp,
            f,
            if prefix == "set" { 1 } else { 0 },
            key.clone(),
            Vec::new(),
            false,
        );
        super::function_objects::set_function_name(&func, &key, Some(prefix));
        Value::Object(func)
    };
    let get = getter.map(|g| make(g, "get")).unwrap_or_default();
    let set = setter.map(|s| make(s, "set")).unwrap_or_default();
    target.define_own_property(
        key,
        PropertyDescriptor::accessor(get, set, Attributes::new(false, false, true)),
    );
}

/// Makes a built-in constructor `name` whose `prototype` is `prototype`
/// (and whose prototype's `constructor` is it), and binds it globally.
pub fn define_constructor(
    interp: &Interpreter,
    name: &'static str,
    length: u32,
    f: NativeFn,
    prototype: &Obj,
) -> Obj {
    let ctor = create_builtin_function(interp, f, length, name, Vec::new(), true);
    ctor.define_data(
        "prototype",
        Value::Object(prototype.clone()),
        Attributes::none(),
    );
    prototype.define_data(
        "constructor",
        Value::Object(ctor.clone()),
        Attributes::builtin(),
    );
    global(interp, name, Value::Object(ctor.clone()));
    ctor
}

/// Defines `get C [ @@species ]` on the constructor `ctor`: an accessor
/// returning the this value (e.g. https://tc39.es/ecma262/#sec-get-array-@@species).
pub fn define_species_getter(interp: &Interpreter, ctor: &Obj) {
    fn species(
        _interp: &Interpreter,
        this: &Value,
        _args: &[Value],
    ) -> super::interpreter::Completion<Value> {
        Ok(this.clone())
    }
    define_accessor(
        interp,
        ctor,
        PropertyKey::Symbol(interp.symbols.species.clone()),
        Some(species),
        None,
    );
}

/// SpeciesConstructor ( O, defaultConstructor ) — https://tc39.es/ecma262/#sec-speciesconstructor
pub fn species_constructor(
    interp: &Interpreter,
    o: &Obj,
    default: &Obj,
) -> super::interpreter::Completion<Obj> {
    // 1.–2. C = ? Get(O, "constructor"); undefined gives the default.
    let c = match interp.get(o, &PropertyKey::from("constructor"))? {
        Value::Undefined => return Ok(default.clone()),
        Value::Object(c) => c,
        // 3. If C is not an Object, throw a TypeError exception.
        _ => return Err(interp.type_error("object.constructor is not an object")),
    };
    // 4.–5. S = ? Get(C, @@species); undefined or null gives the default.
    match interp.get(&c, &PropertyKey::Symbol(interp.symbols.species.clone()))? {
        Value::Undefined | Value::Null => Ok(default.clone()),
        // 6. If IsConstructor(S) is true, return S.
        Value::Object(s) if s.is_constructor() => Ok(s),
        // 7. Throw a TypeError exception.
        _ => Err(interp.type_error("object.constructor[Symbol.species] is not a constructor")),
    }
}

/// Defines a global binding (a writable, configurable, non-enumerable
/// property of the global object).
pub fn global(interp: &Interpreter, name: &str, value: Value) {
    interp
        .realm
        .global_object
        .define_data(name, value, Attributes::builtin());
}

/// The object `this` must be, or a TypeError naming the method.
pub fn this_object(
    interp: &Interpreter,
    this: &Value,
    method: &str,
) -> super::interpreter::Completion<Obj> {
    match this {
        Value::Object(o) => Ok(o.clone()),
        _ => Err(interp.type_error(&format!("{method} called on non-object"))),
    }
}
