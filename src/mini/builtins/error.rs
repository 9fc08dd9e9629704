//! Error objects — https://tc39.es/ecma262/#sec-error-objects
//! The Error constructor and the NativeError constructors (TypeError,
//! ReferenceError, RangeError, SyntaxError, EvalError, URIError) with
//! their prototypes' `name`, `message` and Error.prototype.toString.

use super::{arg, define_constructor, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let error_ctor = define_constructor(interp, "Error", 1, error_constructor, interp.realm.error_prototype(ErrorKind::Error));
    for kind in ErrorKind::ALL {
        let proto = interp.realm.error_prototype(kind).clone();
        proto.define_data("name", Value::from(kind.name()), Attributes::builtin());
        proto.define_data("message", Value::from(""), Attributes::builtin());
        if kind != ErrorKind::Error {
            let f: super::NativeFn = match kind {
                ErrorKind::TypeError => |i, t, a| native_error(i, t, a, ErrorKind::TypeError),
                ErrorKind::ReferenceError => |i, t, a| native_error(i, t, a, ErrorKind::ReferenceError),
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
    define_function(interp, interp.realm.error_prototype(ErrorKind::Error), "toString", 0, to_string);
    interp.realm.set_intrinsic("%Error%", error_ctor);
}

/// Error ( message [, options] ) and NativeError ( message [, options] ) —
/// https://tc39.es/ecma262/#sec-error-message
fn make_error(interp: &Interpreter, args: &[Value], kind: ErrorKind) -> Completion<Value> {
    // 1.–2. OrdinaryCreateFromConstructor(newTarget or the active function, proto).
    let new_target = interp.new_target().or_else(|| interp.active_function());
    let o = interp.ordinary_create_from_constructor(new_target.as_ref(), interp.realm.error_prototype(kind), ObjectKind::Error)?;
    // 3. If message is not undefined, define "message" = ToString(message).
    let message = arg(args, 0);
    if !message.is_undefined() {
        let s = interp.to_string(&message)?;
        o.define_data("message", Value::String(s), Attributes::builtin());
    }
    // 4. InstallErrorCause ( O, options ).
    if let Value::Object(options) = arg(args, 1) {
        let key = PropertyKey::from("cause");
        if interp.has_property(&options, &key)? {
            let cause = interp.get(&options, &key)?;
            o.define_data("cause", cause, Attributes::builtin());
        }
    }
    Ok(Value::Object(o))
}

fn error_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    make_error(interp, args, ErrorKind::Error)
}

fn native_error(interp: &Interpreter, _this: &Value, args: &[Value], kind: ErrorKind) -> Completion<Value> {
    make_error(interp, args, kind)
}

/// Error.prototype.toString ( ) — https://tc39.es/ecma262/#sec-error.prototype.tostring
fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let Value::Object(o) = this else { return Err(interp.type_error("Error.prototype.toString called on non-object")) };
    let name = interp.get(o, &PropertyKey::from("name"))?;
    let name = if name.is_undefined() { "Error".into() } else { interp.to_string(&name)?.to_string() };
    let msg = interp.get(o, &PropertyKey::from("message"))?;
    let msg = if msg.is_undefined() { String::new() } else { interp.to_string(&msg)?.to_string() };
    Ok(Value::from(if name.is_empty() {
        msg
    } else if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }))
}
