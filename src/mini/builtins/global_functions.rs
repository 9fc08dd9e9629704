//! The global object's value properties and functions
//! (https://tc39.es/ecma262/#sec-global-object): globalThis, NaN, Infinity,
//! undefined, isNaN, isFinite, parseInt, parseFloat; and the Boolean and
//! Number constructors with their prototypes' core methods (the number
//! formatting methods are in `number.rs`).

use super::{arg, define_constructor, define_function, global};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::Attributes;
use crate::mini::value::{Value, is_js_whitespace};

pub fn install(interp: &Interpreter) {
    let g = interp.realm.global_object.clone();
    global(interp, "globalThis", Value::Object(g.clone()));
    for (name, v) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY)] {
        g.define_data(name, Value::Number(v), Attributes::none());
    }
    g.define_data("undefined", Value::Undefined, Attributes::none());
    let eval = define_function(
        interp,
        &g,
        "eval",
        1,
        crate::mini::interpreter::eval::global_eval,
    );
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
    define_function(interp, &nproto, "valueOf", 0, number_value_of);
    define_function(interp, &nctor, "isInteger", 1, is_integer);
    define_function(interp, &nctor, "isFinite", 1, number_is_finite);
    define_function(interp, &nctor, "isNaN", 1, number_is_nan);
    nctor.define_data(
        "parseInt",
        Value::Object(parse_int_fn),
        Attributes::builtin(),
    );
    nctor.define_data(
        "parseFloat",
        Value::Object(parse_float_fn),
        Attributes::builtin(),
    );
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
    // 1.–2. Let trimmedString be ! TrimString(? ToString(string), start).
    let input = interp.to_string(&arg(args, 0))?;
    let trimmed = input.as_str().trim_start_matches(is_js_whitespace);
    // 3.–4. The longest prefix that is a StrDecimalLiteral (NaN if none).
    let prefix = &trimmed[..str_decimal_literal_prefix(trimmed)];
    let unsigned = prefix.trim_start_matches(['+', '-']);
    let magnitude = if unsigned == "Infinity" {
        f64::INFINITY
    } else {
        unsigned.parse::<f64>().unwrap_or(f64::NAN)
    };
    // 5. Return the value of that prefix (a leading "-" gives −0 for zero).
    Ok(Value::Number(if prefix.starts_with('-') {
        -magnitude
    } else {
        magnitude
    }))
}

/// The length in bytes of the longest prefix of `s` that satisfies the
/// syntax of a StrDecimalLiteral (https://tc39.es/ecma262/#prod-StrDecimalLiteral),
/// found in one scan: `[+-]? (Infinity | digits [. digits?]? | . digits) exponent?`.
fn str_decimal_literal_prefix(s: &str) -> usize {
    let bytes = s.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    if s[i..].starts_with("Infinity") {
        return i + "Infinity".len();
    }
    let integer_digits = digits_from(i);
    i += integer_digits;
    let mut fraction_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        fraction_digits = digits_from(i + 1);
        // "1." is a literal; "." alone is not.
        if integer_digits > 0 || fraction_digits > 0 {
            i += 1 + fraction_digits;
        }
    }
    if integer_digits == 0 && fraction_digits == 0 {
        return 0;
    }
    // ExponentPart: only with at least one digit.
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(i + 1), Some(b'+' | b'-')));
        let exponent_digits = digits_from(i + 1 + sign);
        if exponent_digits > 0 {
            i += 1 + sign + exponent_digits;
        }
    }
    i
}

fn boolean_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let b = arg(args, 0).to_boolean();
    match interp.new_target() {
        None => Ok(Value::Boolean(b)),
        Some(nt) => Ok(Value::Object(interp.ordinary_create_from_constructor(
            Some(&nt),
            &interp.realm.boolean_prototype,
            ObjectKind::Boolean(b),
        )?)),
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
    Ok(Value::from(if this_boolean(interp, this)? {
        "true"
    } else {
        "false"
    }))
}

fn boolean_value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(this_boolean(interp, this)?))
}

fn number_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let n = if args.is_empty() {
        0.0
    } else {
        interp.to_number(&args[0])?
    };
    match interp.new_target() {
        None => Ok(Value::Number(n)),
        Some(nt) => Ok(Value::Object(interp.ordinary_create_from_constructor(
            Some(&nt),
            &interp.realm.number_prototype,
            ObjectKind::Number(n),
        )?)),
    }
}

fn number_value_of(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::Number(super::number::this_number_value(
        interp, this, "valueOf",
    )?))
}

fn is_integer(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite() && n.trunc() == n),
    ))
}

fn number_is_finite(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite()),
    ))
}

fn number_is_nan(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_nan()),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{s, with_harness};
    use super::str_decimal_literal_prefix;
    use crate::mini::value::Value;

    #[test]
    fn parse_float_reads_the_longest_decimal_prefix() {
        with_harness(|h| {
            // Inputs and what node prints for them ("-0" for −0).
            let cases = [
                ("3.14abc", "3.14"),
                ("  \n-0", "-0"),
                ("-.5e-3x", "-0.0005"),
                (".e5", "NaN"),
                ("1.e5", "100000"),
                ("1.", "1"),
                ("+Infinityx", "Infinity"),
                ("-Infinity", "-Infinity"),
                ("infinity", "NaN"),
                ("1e", "1"),
                ("1e+", "1"),
                ("1e+5.5", "100000"),
                ("0x10", "0"),
                ("00012", "12"),
                ("+-1", "NaN"),
                ("", "NaN"),
                ("   ", "NaN"),
                ("1_000", "1"),
                ("\u{663}", "NaN"),
                ("1e400", "Infinity"),
                ("-1e-400", "-0"),
                (".5.5", "0.5"),
                ("5e-", "5"),
                ("\u{a0} 42", "42"),
            ];
            for (input, expected) in cases {
                let v = h.ok("parseFloat", Value::Undefined, &[s(input)]);
                let shown = match v {
                    Value::Number(x) if x == 0.0 && x.is_sign_negative() => "-0".to_string(),
                    other => h
                        .interp
                        .string_of(&other)
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                };
                assert_eq!(shown, expected, "parseFloat({input:?})");
            }
        });
    }

    #[test]
    fn parse_float_scans_long_strings_once() {
        // Re-parsing every prefix would take minutes here.
        let digits = "7".repeat(400_000);
        assert_eq!(
            str_decimal_literal_prefix(&format!("{digits}.5e3!")),
            400_000 + 4
        );
        with_harness(move |h| {
            let v = h.ok("parseFloat", Value::Undefined, &[s(&format!("{digits}x"))]);
            assert!(
                matches!(v, Value::Number(x) if x == f64::INFINITY),
                "400,000 digits overflow to Infinity"
            );
        });
    }
}
