//! The global object's value properties and functions
//! (https://tc39.es/ecma262/#sec-global-object): globalThis, NaN, Infinity,
//! undefined, isNaN, isFinite, parseInt, parseFloat; and the Boolean and
//! Number constructors with their prototypes' core methods.

use super::{arg, define_constructor, define_function, global};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::Attributes;
use crate::mini::value::{Value, is_js_whitespace, number_to_string};

pub fn install(interp: &Interpreter) {
    let g = interp.realm.global_object.clone();
    global(interp, "globalThis", Value::Object(g.clone()));
    for (name, v) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY)] {
        g.define_data(name, Value::Number(v), Attributes::none());
    }
    g.define_data("undefined", Value::Undefined, Attributes::none());
    let eval = define_function(interp, &g, "eval", 1, crate::mini::interpreter::eval::global_eval);
    interp.realm.set_intrinsic("%eval%", eval);
    define_function(interp, &g, "isNaN", 1, is_nan);
    define_function(interp, &g, "isFinite", 1, is_finite);
    let parse_int_fn = define_function(interp, &g, "parseInt", 2, parse_int);
    let parse_float_fn = define_function(interp, &g, "parseFloat", 1, parse_float);

    let bproto = interp.realm.boolean_prototype.clone();
    define_constructor(interp, "Boolean", 1, boolean_constructor, &bproto);
    define_function(interp, &bproto, "toString", 0, boolean_to_string);
    define_function(interp, &bproto, "valueOf", 0, boolean_value_of);

    let nproto = interp.realm.number_prototype.clone();
    let nctor = define_constructor(interp, "Number", 1, number_constructor, &nproto);
    define_function(interp, &nproto, "toString", 1, number_to_string_method);
    define_function(interp, &nproto, "valueOf", 0, number_value_of);
    define_function(interp, &nproto, "toFixed", 1, to_fixed);
    define_function(interp, &nctor, "isInteger", 1, is_integer);
    define_function(interp, &nctor, "isFinite", 1, number_is_finite);
    define_function(interp, &nctor, "isNaN", 1, number_is_nan);
    nctor.define_data("parseInt", Value::Object(parse_int_fn), Attributes::builtin());
    nctor.define_data("parseFloat", Value::Object(parse_float_fn), Attributes::builtin());
    for (name, v) in [
        ("MAX_SAFE_INTEGER", 9007199254740991.0),
        ("MIN_SAFE_INTEGER", -9007199254740991.0),
        ("EPSILON", f64::EPSILON),
        ("MAX_VALUE", f64::MAX),
        ("MIN_VALUE", 5e-324),
        ("POSITIVE_INFINITY", f64::INFINITY),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("NaN", f64::NAN),
    ] {
        nctor.define_data(name, Value::Number(v), Attributes::none());
    }
}

fn is_nan(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(interp.to_number(&arg(args, 0))?.is_nan()))
}

fn is_finite(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(interp.to_number(&arg(args, 0))?.is_finite()))
}

/// parseInt ( string, radix ) — https://tc39.es/ecma262/#sec-parseint-string-radix
fn parse_int(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let input = interp.to_string(&arg(args, 0))?;
    let mut s = input.as_str().trim_start_matches(is_js_whitespace);
    let mut sign = 1.0;
    if let Some(rest) = s.strip_prefix('-') {
        sign = -1.0;
        s = rest;
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    let mut radix = interp.to_int32(&arg(args, 1))?;
    let mut strip_prefix = true;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return Ok(Value::Number(f64::NAN));
        }
        if radix != 16 {
            strip_prefix = false;
        }
    } else {
        radix = 10;
    }
    if strip_prefix && (s.starts_with("0x") || s.starts_with("0X")) {
        s = &s[2..];
        radix = 16;
    }
    let digits: String = s.chars().take_while(|c| c.is_digit(radix as u32)).collect();
    if digits.is_empty() {
        return Ok(Value::Number(f64::NAN));
    }
    let mut v = 0.0f64;
    for c in digits.chars() {
        v = v * radix as f64 + c.to_digit(radix as u32).unwrap_or(0) as f64;
    }
    Ok(Value::Number(sign * v))
}

/// parseFloat ( string ) — https://tc39.es/ecma262/#sec-parsefloat-string
fn parse_float(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let input = interp.to_string(&arg(args, 0))?;
    let s = input.as_str().trim_start_matches(is_js_whitespace);
    // The longest prefix that is a StrDecimalLiteral.
    let mut best = f64::NAN;
    for (i, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let prefix = &s[..i];
        if prefix.ends_with(['e', 'E', '+', '-']) {
            continue;
        }
        let n = crate::mini::value::string_to_number(prefix);
        if !prefix.is_empty() && !n.is_nan() && !prefix.starts_with("0x") && !prefix.starts_with("0X") && !prefix.starts_with("0b") && !prefix.starts_with("0o") {
            best = n;
        }
    }
    Ok(Value::Number(best))
}

fn boolean_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let b = arg(args, 0).to_boolean();
    match interp.new_target() {
        None => Ok(Value::Boolean(b)),
        Some(nt) => Ok(Value::Object(interp.ordinary_create_from_constructor(Some(&nt), &interp.realm.boolean_prototype, ObjectKind::Boolean(b))?)),
    }
}

fn this_boolean(interp: &Interpreter, this: &Value) -> Completion<bool> {
    match this {
        Value::Boolean(b) => Ok(*b),
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::Boolean(b) => Ok(*b),
            _ => Err(interp.type_error("not a Boolean")),
        },
        _ => Err(interp.type_error("not a Boolean")),
    }
}

fn boolean_to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::from(if this_boolean(interp, this)? { "true" } else { "false" }))
}

fn boolean_value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(this_boolean(interp, this)?))
}

fn number_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let n = if args.is_empty() { 0.0 } else { interp.to_number(&args[0])? };
    match interp.new_target() {
        None => Ok(Value::Number(n)),
        Some(nt) => Ok(Value::Object(interp.ordinary_create_from_constructor(Some(&nt), &interp.realm.number_prototype, ObjectKind::Number(n))?)),
    }
}

/// thisNumberValue ( value ) — https://tc39.es/ecma262/#sec-thisnumbervalue
fn this_number(interp: &Interpreter, this: &Value) -> Completion<f64> {
    match this {
        Value::Number(n) => Ok(*n),
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::Number(n) => Ok(*n),
            _ => Err(interp.type_error("not a Number")),
        },
        _ => Err(interp.type_error("not a Number")),
    }
}

fn number_to_string_method(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let x = this_number(interp, this)?;
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => interp.to_integer_or_infinity(&r)?,
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(interp.range_error("toString() radix must be between 2 and 36"));
    }
    if radix == 10.0 || !x.is_finite() {
        return Ok(Value::from(number_to_string(x)));
    }
    // Integer part in another radix (fractions are truncated: DEVIATION).
    let radix = radix as u32;
    let neg = x < 0.0;
    let mut n = x.abs().trunc();
    let mut digits = Vec::new();
    if n == 0.0 {
        digits.push('0');
    }
    while n >= 1.0 {
        let d = (n % radix as f64) as u32;
        digits.push(std::char::from_digit(d, radix).unwrap_or('0'));
        n = (n / radix as f64).trunc();
    }
    if neg {
        digits.push('-');
    }
    Ok(Value::from(digits.into_iter().rev().collect::<String>()))
}

fn number_value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Number(this_number(interp, this)?))
}

/// Number.prototype.toFixed ( fractionDigits ) — https://tc39.es/ecma262/#sec-number.prototype.tofixed
fn to_fixed(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let x = this_number(interp, this)?;
    let f = interp.to_integer_or_infinity(&arg(args, 0))?;
    if !(0.0..=100.0).contains(&f) {
        return Err(interp.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    if !x.is_finite() || x.abs() >= 1e21 {
        return Ok(Value::from(number_to_string(x)));
    }
    Ok(Value::from(format!("{:.*}", f as usize, x)))
}

fn is_integer(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(matches!(arg(args, 0), Value::Number(n) if n.is_finite() && n.trunc() == n)))
}

fn number_is_finite(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(matches!(arg(args, 0), Value::Number(n) if n.is_finite())))
}

fn number_is_nan(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(matches!(arg(args, 0), Value::Number(n) if n.is_nan())))
}
