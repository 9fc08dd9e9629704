//! Function.prototype — https://tc39.es/ecma262/#sec-properties-of-the-function-prototype-object
//! call, apply, bind (BoundFunctionCreate), toString (the source text of
//! ECMAScript functions, "[native code]" for others), @@hasInstance;
//! the Function constructor (CreateDynamicFunction, in
//! interpreter/dynamic_function.rs) and %ThrowTypeError%.

use super::{arg, define_constructor, define_function, define_symbol_function};
use crate::mini::function_objects::NativeFn;
use crate::mini::function_objects::{
    BoundFunction, create_builtin_function, function_name, set_function_length, set_function_name,
};
use crate::mini::interpreter::dynamic_function::DynamicFunctionKind;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{JsStr, Value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.function_prototype.clone();
    set_function_length(&proto, 0.0);
    set_function_name(&proto, &PropertyKey::from(""), None);
    let ctor = define_constructor(interp, "Function", 1, function_constructor, &proto);
    interp.realm.set_intrinsic("%Function%", ctor);
    install_function_kind_constructors(interp);
    define_function(interp, &proto, "call", 1, call);
    define_function(interp, &proto, "apply", 2, apply);
    define_function(interp, &proto, "bind", 1, bind);
    define_function(interp, &proto, "toString", 0, to_string);
    let has_instance = define_symbol_function(
        interp,
        &proto,
        &interp.symbols.has_instance.clone(),
        1,
        has_instance,
    );
    // @@hasInstance is not writable, not enumerable, not configurable.
    proto.define_data(
        PropertyKey::Symbol(interp.symbols.has_instance.clone()),
        Value::Object(has_instance),
        Attributes::none(),
    );
    // %ThrowTypeError% — https://tc39.es/ecma262/#sec-%throwtypeerror%
    let thrower = create_builtin_function(interp, throw_type_error, 0, "", Vec::new(), false);
    thrower.borrow_mut().extensible = false;
    thrower.define_data("length", Value::Number(0.0), Attributes::none());
    thrower.define_data("name", Value::from(""), Attributes::none());
    interp.realm.set_intrinsic("%ThrowTypeError%", thrower);
}

/// Function ( ...parameterArgs, bodyArg ) — https://tc39.es/ecma262/#sec-function-p1-p2-pn-body
fn function_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    interp.create_dynamic_function(DynamicFunctionKind::Normal, args)
}

/// %GeneratorFunction% ( ...parameterArgs, bodyArg ) — https://tc39.es/ecma262/#sec-generatorfunction
fn generator_function_constructor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    interp.create_dynamic_function(DynamicFunctionKind::Generator, args)
}

/// %AsyncFunction% ( ...parameterArgs, bodyArg ) — https://tc39.es/ecma262/#sec-async-function-constructor-arguments
fn async_function_constructor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    interp.create_dynamic_function(DynamicFunctionKind::Async, args)
}

/// %AsyncGeneratorFunction% ( ...parameterArgs, bodyArg ) — https://tc39.es/ecma262/#sec-asyncgeneratorfunction
fn async_generator_function_constructor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    interp.create_dynamic_function(DynamicFunctionKind::AsyncGenerator, args)
}

/// The constructors of the other function kinds: intrinsics reached as
/// `Object.getPrototypeOf(function* () {}).constructor` and so on, not
/// globals; each `prototype` is the kind's %…Function.prototype%.
fn install_function_kind_constructors(interp: &Interpreter) {
    let realm = &interp.realm;
    let kinds: [(&'static str, &'static str, NativeFn, &Obj); 3] = [
        (
            "GeneratorFunction",
            "%GeneratorFunction%",
            generator_function_constructor,
            &realm.generator_function_prototype,
        ),
        (
            "AsyncFunction",
            "%AsyncFunction%",
            async_function_constructor,
            &realm.async_function_prototype,
        ),
        (
            "AsyncGeneratorFunction",
            "%AsyncGeneratorFunction%",
            async_generator_function_constructor,
            &realm.async_generator_function_prototype,
        ),
    ];
    let function_ctor = realm.intrinsic("%Function%");
    for (name, intrinsic, f, proto) in kinds {
        let ctor = create_builtin_function(interp, f, 1, name, Vec::new(), true);
        if let Some(parent) = &function_ctor {
            ctor.borrow_mut().prototype = Some(parent.clone());
        }
        ctor.define_data(
            "prototype",
            Value::Object(proto.clone()),
            Attributes::none(),
        );
        proto.define_data(
            "constructor",
            Value::Object(ctor.clone()),
            Attributes::new(false, false, true),
        );
        realm.set_intrinsic(intrinsic, ctor);
    }
}

fn throw_type_error(interp: &Interpreter, _this: &Value, _args: &[Value]) -> Completion<Value> {
    Err(interp.type_error("'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them"))
}

fn this_function(interp: &Interpreter, this: &Value, method: &str) -> Completion<Obj> {
    match this {
        Value::Object(o) if o.is_callable() => Ok(o.clone()),
        _ => Err(interp.type_error(&format!(
            "Function.prototype.{method} called on a non-function"
        ))),
    }
}

/// Function.prototype.call ( thisArg, ...args ) — https://tc39.es/ecma262/#sec-function.prototype.call
fn call(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let f = this_function(interp, this, "call")?;
    let rest = args.get(1..).unwrap_or(&[]);
    interp.call_object(&f, &arg(args, 0), rest)
}

/// Function.prototype.apply ( thisArg, argArray ) — https://tc39.es/ecma262/#sec-function.prototype.apply
fn apply(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let f = this_function(interp, this, "apply")?;
    let arg_array = arg(args, 1);
    // 3. If argArray is undefined or null, call with no arguments.
    if arg_array.is_nullish() {
        return interp.call_object(&f, &arg(args, 0), &[]);
    }
    // 4. Let argList be ? CreateListFromArrayLike(argArray).
    let list = interp.create_list_from_array_like(&arg_array)?;
    interp.call_object(&f, &arg(args, 0), &list)
}

/// Function.prototype.bind ( thisArg, ...args ) — https://tc39.es/ecma262/#sec-function.prototype.bind
fn bind(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let target = this_function(interp, this, "bind")?;
    let bound_args = args.get(1..).map(<[Value]>::to_vec).unwrap_or_default();
    // BoundFunctionCreate ( targetFunction, boundThis, boundArgs ) — #sec-boundfunctioncreate
    let bound = Obj::with_kind(
        &interp.heap,
        target.prototype(),
        ObjectKind::Bound(Box::new(BoundFunction {
            target: target.clone(),
            bound_this: arg(args, 0),
            bound_arguments: bound_args.clone(),
        })),
    );
    // 5.–7. length = max(0, targetLen − argCount) when the target has an own numeric length.
    let mut length = 0.0;
    if interp.has_own_property(&target, &PropertyKey::from("length")) {
        let target_len = interp.get(&target, &PropertyKey::from("length"))?;
        if let Value::Number(n) = target_len {
            if n == f64::INFINITY {
                length = f64::INFINITY;
            } else if n.is_finite() {
                length = (n.trunc() - bound_args.len() as f64).max(0.0);
            }
        }
    }
    set_function_length(&bound, length);
    // 8.–10. name = "bound " + targetName (a String, else "").
    let target_name = interp.get(&target, &PropertyKey::from("name"))?;
    let name = match target_name {
        Value::String(s) => s,
        _ => JsStr::from(""),
    };
    set_function_name(&bound, &PropertyKey::from_js_str(name), Some("bound"));
    Ok(Value::Object(bound))
}

/// Function.prototype.toString ( ) — https://tc39.es/ecma262/#sec-function.prototype.tostring
fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let Value::Object(f) = this else {
        return Err(
            interp.type_error("Function.prototype.toString requires that 'this' be a Function")
        );
    };
    let text = match &f.borrow().kind {
        // 2. [[SourceText]] of an ECMAScript function.
        ObjectKind::Function(d) => Some(d.code.source_text.text().to_string()),
        ObjectKind::Builtin(_) | ObjectKind::Bound(_) => None,
        _ => {
            return Err(
                interp.type_error("Function.prototype.toString requires that 'this' be a Function")
            );
        }
    };
    Ok(match text {
        Some(t) => interp.new_string(t),
        // 3.–4. NativeFunction syntax for built-ins.
        None => Value::from(format!(
            "function {}() {{ [native code] }}",
            function_name(f)
        )),
    })
}

/// Function.prototype [ @@hasInstance ] ( V ) — https://tc39.es/ecma262/#sec-function.prototype-@@hasinstance
fn has_instance(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        interp.ordinary_has_instance(this, &arg(args, 0))?,
    ))
}
