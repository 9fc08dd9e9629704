//! Number.prototype's formatting methods and the Number statics not
//! defined with the constructor in `global_functions.rs`:
//! toString ( [radix] ) (exact for every radix), toFixed, toExponential,
//! toPrecision, toLocaleString (en-US) — https://tc39.es/ecma262/#sec-properties-of-the-number-prototype-object —
//! and Number.isSafeInteger. Installed after `global_functions` (which
//! makes the constructor and valueOf).
//! The digit algorithms are in `number_format.rs`.

use super::number_format;
use super::{arg, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::ObjectKind;
use crate::mini::property::PropertyKey;
use crate::mini::value::{Value, number_to_string};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.number_prototype.clone();
    for (name, len, f) in [
        ("toString", 1, to_string as super::NativeFn),
        ("toFixed", 1, to_fixed),
        ("toExponential", 1, to_exponential),
        ("toPrecision", 1, to_precision),
        ("toLocaleString", 0, to_locale_string),
    ] {
        define_function(interp, &proto, name, len, f);
    }
    if let Ok(Value::Object(number)) =
        interp.get(&interp.realm.global_object, &PropertyKey::from("Number"))
    {
        define_function(interp, &number, "isSafeInteger", 1, is_safe_integer);
    }
}

/// ThisNumberValue ( value ) — https://tc39.es/ecma262/#sec-thisnumbervalue
pub(super) fn this_number_value(
    interp: &Interpreter,
    this: &Value,
    method: &str,
) -> Completion<f64> {
    match this {
        Value::Number(n) => return Ok(*n),
        Value::Object(o) => {
            if let ObjectKind::Number(n) = o.borrow().kind {
                return Ok(n);
            }
        }
        _ => {}
    }
    Err(interp.type_error(&format!(
        "Number.prototype.{method} requires that 'this' be a Number"
    )))
}

/// The sign prefix of the formatting methods ("-" for x < 0, never for −0)
/// and the magnitude.
fn sign_and_magnitude(x: f64) -> (&'static str, f64) {
    if x < 0.0 { ("-", -x) } else { ("", x.abs()) }
}

/// Number.prototype.toString ( [ radix ] ) — https://tc39.es/ecma262/#sec-number.prototype.tostring
fn to_string(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(interp, this, "toString")?;
    // 2.–3. radixMV = 10 if undefined, else ? ToIntegerOrInfinity(radix).
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => interp.to_integer_or_infinity(&r)?,
    };
    // 4. If radixMV is not in the inclusive interval from 2 to 36, throw a RangeError.
    if !(2.0..=36.0).contains(&radix) {
        return Err(interp.range_error("toString() radix must be between 2 and 36"));
    }
    // 5. Return Number::toString(x, radixMV).
    Ok(Value::from(number_format::to_radix_string(x, radix as u32)))
}

/// Number.prototype.toFixed ( fractionDigits ) — https://tc39.es/ecma262/#sec-number.prototype.tofixed
fn to_fixed(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(interp, this, "toFixed")?;
    // 2. Let f be ? ToIntegerOrInfinity(fractionDigits).
    let f = interp.to_integer_or_infinity(&arg(args, 0))?;
    // 4.–5. If f is not finite or not in 0..=100, throw a RangeError.
    if !(0.0..=100.0).contains(&f) {
        return Err(interp.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    // 6. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return Ok(Value::from(number_to_string(x)));
    }
    // 8.–9. The sign.
    let (sign, x) = sign_and_magnitude(x);
    // 10. If x ≥ 10^21, m = ! ToString(𝔽(x)); 11. else the rounded digits.
    let m = if x >= 1e21 {
        number_to_string(x)
    } else {
        number_format::fixed(x, f as usize)
    };
    // 12. Return s + m.
    Ok(Value::from(format!("{sign}{m}")))
}

/// Number.prototype.toExponential ( fractionDigits ) — https://tc39.es/ecma262/#sec-number.prototype.toexponential
fn to_exponential(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(interp, this, "toExponential")?;
    // 2. Let f be ? ToIntegerOrInfinity(fractionDigits).
    let fraction_digits = arg(args, 0);
    let f = interp.to_integer_or_infinity(&fraction_digits)?;
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return Ok(Value::from(number_to_string(x)));
    }
    // 5. If f < 0 or f > 100, throw a RangeError exception.
    if !(0.0..=100.0).contains(&f) {
        return Err(interp.range_error("toExponential() argument must be between 0 and 100"));
    }
    // 7.–8. The sign; 9.–12. the digits and exponent.
    let (sign, x) = sign_and_magnitude(x);
    let digits = if fraction_digits.is_undefined() {
        None
    } else {
        Some(f as usize)
    };
    Ok(Value::from(format!(
        "{sign}{}",
        number_format::exponential(x, digits)
    )))
}

/// Number.prototype.toPrecision ( precision ) — https://tc39.es/ecma262/#sec-number.prototype.toprecision
fn to_precision(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(interp, this, "toPrecision")?;
    // 2. If precision is undefined, return ! ToString(x).
    let precision = arg(args, 0);
    if precision.is_undefined() {
        return Ok(Value::from(number_to_string(x)));
    }
    // 3. Let p be ? ToIntegerOrInfinity(precision).
    let p = interp.to_integer_or_infinity(&precision)?;
    // 4. If x is not finite, return Number::toString(x, 10).
    if !x.is_finite() {
        return Ok(Value::from(number_to_string(x)));
    }
    // 5. If p < 1 or p > 100, throw a RangeError exception.
    if !(1.0..=100.0).contains(&p) {
        return Err(interp.range_error("toPrecision() argument must be between 1 and 100"));
    }
    let (sign, x) = sign_and_magnitude(x);
    Ok(Value::from(format!(
        "{sign}{}",
        number_format::precision(x, p as usize)
    )))
}

/// Number.prototype.toLocaleString ( ) — https://tc39.es/ecma262/#sec-number.prototype.tolocalestring
/// NON-SPEC choice of the implementation-defined format: en-US, as node
/// prints by default.
fn to_locale_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let x = this_number_value(interp, this, "toLocaleString")?;
    Ok(Value::from(number_format::en_us(x)))
}

/// Number.isSafeInteger ( number ) — https://tc39.es/ecma262/#sec-number.issafeinteger
fn is_safe_integer(_interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite() && n.trunc() == n && n.abs() <= 9007199254740991.0),
    ))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use crate::mini::value::Value;

    fn call(h: &Harness, method: &str, x: f64, args: &[Value]) -> String {
        let v = h.ok(&format!("Number.prototype.{method}"), n(x), args);
        match v {
            Value::String(s) => s.to_string(),
            other => panic!("{method} returned {other:?}"),
        }
    }

    #[test]
    fn signs_and_special_values() {
        with_harness(|h| {
            assert_eq!(call(h, "toFixed", -2.5, &[n(0.0)]), "-3");
            assert_eq!(call(h, "toFixed", -0.0, &[n(2.0)]), "0.00");
            assert_eq!(call(h, "toFixed", -1e-7, &[n(2.0)]), "-0.00");
            assert_eq!(call(h, "toFixed", 1e21, &[n(2.0)]), "1e+21");
            assert_eq!(call(h, "toFixed", f64::NAN, &[n(2.0)]), "NaN");
            assert_eq!(call(h, "toFixed", 1.25, &[]), "1");
            assert_eq!(call(h, "toExponential", -123.456, &[n(2.0)]), "-1.23e+2");
            assert_eq!(
                call(h, "toExponential", f64::NEG_INFINITY, &[n(500.0)]),
                "-Infinity"
            );
            assert_eq!(call(h, "toPrecision", -0.000123, &[n(2.0)]), "-0.00012");
            assert_eq!(call(h, "toPrecision", 123.0, &[]), "123");
            assert_eq!(call(h, "toPrecision", f64::INFINITY, &[n(0.0)]), "Infinity");
            assert_eq!(call(h, "toString", -255.0, &[n(16.0)]), "-ff");
            assert_eq!(call(h, "toString", 0.5, &[]), "0.5");
            assert_eq!(call(h, "toString", 10.0, &[s("2")]), "1010");
            assert_eq!(call(h, "toLocaleString", 1234.5678, &[]), "1,234.568");
        });
    }

    #[test]
    fn range_errors() {
        with_harness(|h| {
            for (method, args) in [
                ("toFixed", vec![n(101.0)]),
                ("toFixed", vec![n(-1.0)]),
                ("toFixed", vec![n(f64::INFINITY)]),
                ("toExponential", vec![n(101.0)]),
                ("toPrecision", vec![n(0.0)]),
                ("toPrecision", vec![n(101.0)]),
                ("toString", vec![n(1.0)]),
                ("toString", vec![n(37.0)]),
            ] {
                assert_eq!(
                    h.throws(&format!("Number.prototype.{method}"), n(1.0), &args),
                    "RangeError",
                    "{method}"
                );
            }
        });
    }

    #[test]
    fn this_must_be_a_number() {
        with_harness(|h| {
            assert_eq!(
                h.throws("Number.prototype.toFixed", s("1"), &[]),
                "TypeError"
            );
            assert_eq!(
                h.throws("Number.prototype.toString", Value::Undefined, &[]),
                "TypeError"
            );
            let wrapped = h.new_ok("Number", &[n(0.5)]);
            assert_eq!(
                h.show(&h.ok("Number.prototype.toFixed", wrapped, &[n(1.0)])),
                r#""0.5""#
            );
        });
    }

    #[test]
    fn is_safe_integer() {
        with_harness(|h| {
            let check = |v: Value| {
                h.ok("Number.isSafeInteger", Value::Undefined, &[v])
                    .to_boolean()
            };
            assert!(check(n(9007199254740991.0)));
            assert!(check(n(-9007199254740991.0)));
            assert!(!check(n(9007199254740992.0)));
            assert!(!check(n(1.5)));
            assert!(!check(s("1")));
            assert!(!check(n(f64::INFINITY)));
        });
    }
}
