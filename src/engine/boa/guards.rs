//! Guards against Boa built-ins that kill the whole process on big inputs.
//!
//! Boa 0.22 allows strings up to 2^32 − 1 code units, and
//! `String.prototype.repeat` allocates 24 bytes per repetition up front, so
//! `'x'.repeat(2 ** 30)` aborts the process on allocation failure. lexenv
//! replaces `repeat`, `padStart` and `padEnd` with versions that throw a
//! `RangeError` (as node does: "Invalid string length") when the result
//! would be longer than V8's limit, and otherwise produce the same string.
//! Other ways to build a huge string are left to the worker process, whose
//! death the harness reports as `crash`.

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsFunction;
use boa_engine::value::IntegerOrInfinity;
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
};

/// The longest string a guarded built-in makes: V8's limit on 64-bit
/// targets (2^29 − 24 code units), so a `RangeError` fires where node's does.
pub const MAX_STRING_LENGTH: u64 = (1 << 29) - 24;

/// Replaces the guarded `String.prototype` methods in `ctx`'s realm.
pub(super) fn install(ctx: &mut Context) -> JsResult<()> {
    let proto = ctx.intrinsics().constructors().string().prototype();
    let repeat = builtin(ctx, NativeFunction::from_fn_ptr(repeat), "repeat", 1);
    proto.set(js_string!("repeat"), repeat, true, ctx)?;
    for name in ["padStart", "padEnd"] {
        let original = proto.get(JsString::from(name), ctx)?;
        let Some(original) = original.as_object() else {
            return Err(JsNativeError::typ()
                .with_message(format!("String.prototype.{name} is missing"))
                .into());
        };
        let guarded = NativeFunction::from_copy_closure_with_captures(pad, original);
        let guarded = builtin(ctx, guarded, name, 2);
        proto.set(JsString::from(name), guarded, true, ctx)?;
    }
    Ok(())
}

fn builtin(ctx: &Context, function: NativeFunction, name: &str, length: usize) -> JsFunction {
    FunctionObjectBuilder::new(ctx.realm(), function)
        .name(JsString::from(name))
        .length(length)
        .build()
}

fn invalid_length() -> boa_engine::JsError {
    JsNativeError::range()
        .with_message("Invalid string length")
        .into()
}

/// `String.prototype.repeat(count)` (ECMA-262 sec-string.prototype.repeat)
/// with the length guard before anything is allocated.
fn repeat(this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = this.require_object_coercible()?.to_string(ctx)?;
    let count = args
        .first()
        .cloned()
        .unwrap_or_default()
        .to_integer_or_infinity(ctx)?;
    let n = match count {
        IntegerOrInfinity::Integer(n) if n >= 0 => n as u64,
        _ => {
            return Err(JsNativeError::range()
                .with_message("Invalid count value")
                .into());
        }
    };
    if n == 0 || s.is_empty() {
        return Ok(js_string!().into());
    }
    let total = (s.len() as u64).checked_mul(n);
    if total.is_none_or(|total| total > MAX_STRING_LENGTH) {
        return Err(invalid_length());
    }
    let units: Vec<u16> = s.iter().collect();
    Ok(JsString::from(units.repeat(n as usize).as_slice()).into())
}

/// `padStart`/`padEnd`: the spec's steps up to the length check (so every
/// conversion runs once), then the original built-in on the converted,
/// primitive arguments.
fn pad(
    this: &JsValue,
    args: &[JsValue],
    original: &JsObject,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let s = this.require_object_coercible()?.to_string(ctx)?;
    let max_length = args.first().cloned().unwrap_or_default().to_length(ctx)?;
    if max_length <= s.len() as u64 {
        return Ok(s.into());
    }
    let filler = match args.get(1) {
        None => js_string!(" "),
        Some(v) if v.is_undefined() => js_string!(" "),
        Some(v) => v.to_string(ctx)?,
    };
    if filler.is_empty() {
        return Ok(s.into());
    }
    if max_length > MAX_STRING_LENGTH {
        return Err(invalid_length());
    }
    original.call(&s.into(), &[JsValue::from(max_length), filler.into()], ctx)
}
