//! Error objects — https://tc39.es/ecma262/#sec-error-objects
//! The Error constructor and the NativeError constructors (TypeError,
//! ReferenceError, RangeError, SyntaxError, EvalError, URIError), and
//! AggregateError, with their prototypes' `name`, `message` and
//! Error.prototype.toString.

use super::{arg, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let error_ctor = define_constructor(
        interp,
        "Error",
        1,
        error_constructor,
        interp.realm.error_prototype(ErrorKind::Error),
    );
    for kind in ErrorKind::ALL {
        let proto = interp.realm.error_prototype(kind).clone();
        proto.define_data("name", Value::from(kind.name()), Attributes::builtin());
        proto.define_data("message", Value::from(""), Attributes::builtin());
        if kind != ErrorKind::Error {
            let f: super::NativeFn = match kind {
                ErrorKind::TypeError => |i, t, a| native_error(i, t, a, ErrorKind::TypeError),
                ErrorKind::ReferenceError => {
                    |i, t, a| native_error(i, t, a, ErrorKind::ReferenceError)
                }
                ErrorKind::RangeError => |i, t, a| native_error(i, t, a, ErrorKind::RangeError),
                ErrorKind::SyntaxError => |i, t, a| native_error(i, t, a, ErrorKind::SyntaxError),
                ErrorKind::EvalError => |i, t, a| native_error(i, t, a, ErrorKind::EvalError),
                _ => |i, t, a| native_error(i, t, a, ErrorKind::UriError),
            };
            let ctor = define_constructor(interp, kind.name(), 1, f, &proto);
            // A NativeError constructor's [[Prototype]] is %Error%.
            ctor.borrow_mut().prototype = Some(error_ctor.clone());
        }
    }
    define_function(
        interp,
        interp.realm.error_prototype(ErrorKind::Error),
        "toString",
        0,
        to_string,
    );
    // AggregateError: its prototype inherits from %Error.prototype%, the
    // constructor from %Error%.
    let aggregate_proto =
        interp.new_object_with_proto(Some(interp.realm.error_prototype(ErrorKind::Error).clone()));
    aggregate_proto.define_data("name", Value::from("AggregateError"), Attributes::builtin());
    aggregate_proto.define_data("message", Value::from(""), Attributes::builtin());
    let aggregate_ctor = define_constructor(
        interp,
        "AggregateError",
        2,
        aggregate_error_constructor,
        &aggregate_proto,
    );
    aggregate_ctor.borrow_mut().prototype = Some(error_ctor.clone());
    interp
        .realm
        .set_intrinsic("%AggregateError.prototype%", aggregate_proto);
    interp.realm.set_intrinsic("%Error%", error_ctor);
}

/// Error ( message [, options] ) and NativeError ( message [, options] ) —
/// https://tc39.es/ecma262/#sec-error-message
fn make_error(interp: &Interpreter, args: &[Value], kind: ErrorKind) -> Completion<Value> {
    Ok(Value::Object(create_error(
        interp,
        interp.realm.error_prototype(kind),
        &arg(args, 0),
        &arg(args, 1),
    )?))
}

/// The steps every error constructor shares: OrdinaryCreateFromConstructor
/// (newTarget or the active function, `default_proto`), the message, and
/// InstallErrorCause ( O, options ).
fn create_error(
    interp: &Interpreter,
    default_proto: &Obj,
    message: &Value,
    options: &Value,
) -> Completion<Obj> {
    // 1.–2. OrdinaryCreateFromConstructor(newTarget or the active function, proto).
    let new_target = interp.new_target().or_else(|| interp.active_function());
    let o = interp.ordinary_create_from_constructor(
        new_target.as_ref(),
        default_proto,
        ObjectKind::Error,
    )?;
    // 3. If message is not undefined, define "message" = ToString(message).
    if !message.is_undefined() {
        let s = interp.to_string(message)?;
        o.define_data("message", Value::String(s), Attributes::builtin());
    }
    // 4. InstallErrorCause ( O, options ).
    if let Value::Object(options) = options {
        let key = PropertyKey::from("cause");
        if interp.has_property(options, &key)? {
            let cause = interp.get(options, &key)?;
            o.define_data("cause", cause, Attributes::builtin());
        }
    }
    Ok(o)
}

/// AggregateError ( errors, message [ , options ] ) — https://tc39.es/ecma262/#sec-aggregate-error
fn aggregate_error_constructor(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
) -> Completion<Value> {
    let proto = interp
        .realm
        .intrinsic("%AggregateError.prototype%")
        .expect("installed with AggregateError");
    // 1.–4. The error object, its message and cause.
    let o = create_error(interp, &proto, &arg(args, 1), &arg(args, 2))?;
    // 5. Let errorsList be ? IterableToList(errors).
    let errors = interp.iterate_to_vec(&arg(args, 0))?;
    // 6. Define "errors" (writable, configurable, not enumerable).
    o.define_data(
        "errors",
        Value::Object(interp.new_array(errors)),
        Attributes::builtin(),
    );
    Ok(Value::Object(o))
}

/// A new AggregateError (not thrown) with `errors` and `message`, as
/// Promise.any rejects with.
pub fn new_aggregate_error(interp: &Interpreter, errors: Obj, message: &str) -> Obj {
    let proto = interp.realm.intrinsic("%AggregateError.prototype%");
    let e = Obj::with_kind(&interp.heap, proto, ObjectKind::Error);
    e.define_data("message", Value::from(message), Attributes::builtin());
    e.define_data("errors", Value::Object(errors), Attributes::builtin());
    e
}

fn error_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    make_error(interp, args, ErrorKind::Error)
}

fn native_error(
    interp: &Interpreter,
    _this: &Value,
    args: &[Value],
    kind: ErrorKind,
) -> Completion<Value> {
    make_error(interp, args, kind)
}

/// Error.prototype.toString ( ) — https://tc39.es/ecma262/#sec-error.prototype.tostring
fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let Value::Object(o) = this else {
        return Err(interp.type_error("Error.prototype.toString called on non-object"));
    };
    let name = interp.get(o, &PropertyKey::from("name"))?;
    let name = if name.is_undefined() {
        "Error".into()
    } else {
        interp.to_string(&name)?.to_string()
    };
    let msg = interp.get(o, &PropertyKey::from("message"))?;
    let msg = if msg.is_undefined() {
        String::new()
    } else {
        interp.to_string(&msg)?.to_string()
    };
    Ok(Value::from(if name.is_empty() {
        msg
    } else if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }))
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::assert_prints;

    #[test]
    fn aggregate_error_is_a_constructor_and_what_promise_any_rejects_with() {
        // Expected lines are node's (which also lists an own "stack").
        assert_prints(
            r#"
            const a = new AggregateError(new Set([1, 2]), "msg", { cause: "c" });
            console.log(a.name, a.message, a.cause, JSON.stringify(a.errors), String(a), a instanceof Error);
            console.log(Object.getPrototypeOf(AggregateError) === Error, Object.getPrototypeOf(AggregateError.prototype) === Error.prototype, AggregateError.length);
            console.log(Object.getOwnPropertyNames(a).join(), AggregateError([]).message === "", Object.prototype.toString.call(a));
            try { new AggregateError(5); } catch (e) { console.log(e.name); }
            class E extends AggregateError {}
            console.log(new E([1]).errors.length, new E([]) instanceof E);
            Promise.any([Promise.reject(1)]).catch(e => console.log(e.name, e instanceof AggregateError, JSON.stringify(e.errors), e.message));
            "#,
            &[
                "AggregateError msg c [1,2] AggregateError: msg true",
                "true true 2",
                "message,cause,errors true [object Error]",
                "TypeError",
                "1 true",
                "AggregateError true [1] All promises were rejected",
            ],
        );
    }
}
