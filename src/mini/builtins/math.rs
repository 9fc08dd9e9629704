//! The Math object — https://tc39.es/ecma262/#sec-math-object
//! Its value properties (E, LN10, LN2, LOG10E, LOG2E, PI, SQRT1_2, SQRT2,
//! @@toStringTag) and every function of ES2024: abs, acos, acosh, asin,
//! asinh, atan, atanh, atan2, cbrt, ceil, clz32, cos, cosh, exp, expm1,
//! floor, fround, hypot, imul, log, log1p, log10, log2, max, min, pow,
//! random, round, sign, sin, sinh, sqrt, tan, tanh, trunc.
//!
//! The transcendental functions use Rust's (the platform's) libm; V8 uses a
//! port of fdlibm, so an ulp of difference is possible for some inputs
//! (the spec leaves them implementation-approximated).
//!
//! `Math.random` is a xorshift128+ generator with a fixed seed, so runs are
//! reproducible (NON-SPEC choice; the spec only asks for a uniform
//! distribution). Its state lives in the function's own slots.

use super::{arg, define_function};
use crate::mini::function_objects::create_builtin_function;
use crate::mini::interpreter::operators::exponentiate;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{Value, to_int32, to_uint32};

/// A Math function of one Number argument.
type Unary = fn(f64) -> f64;

pub fn install(interp: &Interpreter) {
    let math = interp.new_object();
    for (name, value) in [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ] {
        math.define_data(name, Value::Number(value), Attributes::none());
    }
    math.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("Math"),
        Attributes::new(false, false, true),
    );
    // One-argument functions share one native; slot 0 of each says which
    // entry of UNARY it applies.
    for (i, (name, _)) in UNARY.iter().enumerate() {
        let f = create_builtin_function(
            interp,
            unary,
            1,
            *name,
            vec![Value::Number(i as f64)],
            false,
        );
        math.define_data(*name, Value::Object(f), Attributes::builtin());
    }
    for (name, len, f) in [
        ("atan2", 2, atan2 as super::NativeFn),
        ("clz32", 1, clz32),
        ("hypot", 2, hypot),
        ("imul", 2, imul),
        ("max", 2, max),
        ("min", 2, min),
        ("pow", 2, pow),
    ] {
        define_function(interp, &math, name, len, f);
    }
    let random = create_builtin_function(interp, random, 0, "random", random_seed(), false);
    math.define_data("random", Value::Object(random), Attributes::builtin());
    super::global(interp, "Math", Value::Object(math));
}

/// The one-argument Math functions, each a spec step list in one line.
const UNARY: [(&str, Unary); 27] = [
    ("abs", f64::abs),
    ("acos", f64::acos),
    ("acosh", f64::acosh),
    ("asin", f64::asin),
    ("asinh", asinh),
    ("atan", f64::atan),
    ("atanh", f64::atanh),
    ("cbrt", f64::cbrt),
    ("ceil", f64::ceil),
    ("cos", f64::cos),
    ("cosh", f64::cosh),
    ("exp", f64::exp),
    ("expm1", f64::exp_m1),
    ("floor", f64::floor),
    ("fround", fround),
    ("log", f64::ln),
    ("log1p", f64::ln_1p),
    ("log10", f64::log10),
    ("log2", f64::log2),
    ("round", round),
    ("sign", sign),
    ("sin", f64::sin),
    ("sinh", f64::sinh),
    ("sqrt", f64::sqrt),
    ("tan", f64::tan),
    ("tanh", f64::tanh),
    ("trunc", f64::trunc),
];

/// Math.abs ( x ), Math.floor ( x ), … — https://tc39.es/ecma262/#sec-function-properties-of-the-math-object
/// 1. Let n be ? ToNumber(x). 2.– Apply the function to n.
fn unary(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let x = interp.to_number(&arg(args, 0))?;
    let f = match interp.native_slot(0) {
        Value::Number(i) => UNARY.get(i as usize).map(|(_, f)| *f),
        _ => None,
    };
    let f = f.expect("every unary Math function is made with its UNARY index in slot 0");
    Ok(Value::Number(f(x)))
}

/// Math.asinh ( x ): Rust's asinh loses the sign of −0.
fn asinh(x: f64) -> f64 {
    if x == 0.0 { x } else { x.asinh() }
}

/// Math.fround ( x ) — https://tc39.es/ecma262/#sec-math.fround
fn fround(x: f64) -> f64 {
    x as f32 as f64
}

/// Math.round ( x ) — https://tc39.es/ecma262/#sec-math.round
/// The integer closest to x, halves rounded up; −0 for −0.5 ≤ x < 0.
fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    // floor(x + 0.5) would round 0.49999999999999994 up: compare the
    // fraction instead.
    let floor = x.floor();
    if x - floor >= 0.5 { floor + 1.0 } else { floor }
}

/// Math.sign ( x ) — https://tc39.es/ecma262/#sec-math.sign
fn sign(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else {
        x.signum()
    }
}

/// Math.atan2 ( y, x ) — https://tc39.es/ecma262/#sec-math.atan2
fn atan2(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let y = interp.to_number(&arg(args, 0))?;
    let x = interp.to_number(&arg(args, 1))?;
    Ok(Value::Number(y.atan2(x)))
}

/// Math.clz32 ( x ) — https://tc39.es/ecma262/#sec-math.clz32
fn clz32(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let n = to_uint32(interp.to_number(&arg(args, 0))?);
    Ok(Value::Number(n.leading_zeros() as f64))
}

/// Math.imul ( x, y ) — https://tc39.es/ecma262/#sec-math.imul
fn imul(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let a = to_int32(interp.to_number(&arg(args, 0))?);
    let b = to_int32(interp.to_number(&arg(args, 1))?);
    Ok(Value::Number(a.wrapping_mul(b) as f64))
}

/// Math.pow ( base, exponent ) — https://tc39.es/ecma262/#sec-math.pow
fn pow(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let base = interp.to_number(&arg(args, 0))?;
    let exponent = interp.to_number(&arg(args, 1))?;
    Ok(Value::Number(exponentiate(base, exponent)))
}

/// Every argument through ToNumber, in order (before any is inspected).
fn coerce_all(interp: &Interpreter, args: &[Value]) -> Completion<Vec<f64>> {
    args.iter().map(|a| interp.to_number(a)).collect()
}

/// Math.max ( ...args ) — https://tc39.es/ecma262/#sec-math.max
fn max(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1.–2. Coerce every argument first.
    let numbers = coerce_all(interp, args)?;
    // 3.–5. NaN wins; +0 is larger than −0.
    let mut highest = f64::NEG_INFINITY;
    for n in numbers {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        if n > highest || (n == 0.0 && highest == 0.0 && highest.is_sign_negative()) {
            highest = n;
        }
    }
    Ok(Value::Number(highest))
}

/// Math.min ( ...args ) — https://tc39.es/ecma262/#sec-math.min
fn min(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let numbers = coerce_all(interp, args)?;
    // NaN wins; −0 is smaller than +0.
    let mut lowest = f64::INFINITY;
    for n in numbers {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        if n < lowest || (n == 0.0 && lowest == 0.0 && n.is_sign_negative()) {
            lowest = n;
        }
    }
    Ok(Value::Number(lowest))
}

/// Math.hypot ( ...args ) — https://tc39.es/ecma262/#sec-math.hypot
fn hypot(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let numbers = coerce_all(interp, args)?;
    // 4. An infinity wins over NaN; 5. then NaN.
    if numbers.iter().any(|n| n.is_infinite()) {
        return Ok(Value::Number(f64::INFINITY));
    }
    if numbers.iter().any(|n| n.is_nan()) {
        return Ok(Value::Number(f64::NAN));
    }
    // 6. All zero: +0. 7. Otherwise the square root of the sum of squares,
    // scaled by the largest magnitude so the squares cannot overflow.
    let largest = numbers.iter().fold(0.0f64, |m, n| m.max(n.abs()));
    if largest == 0.0 {
        return Ok(Value::Number(0.0));
    }
    let sum: f64 = numbers.iter().map(|n| (n / largest) * (n / largest)).sum();
    Ok(Value::Number(largest * sum.sqrt()))
}

/// The fixed seed of `Math.random`, as four 16-bit halves of two u32s
/// stored as Numbers in the function's slots.
fn random_seed() -> Vec<Value> {
    [0x9E37_79B9u32, 0x7F4A_7C15, 0xBF58_476D, 0x1CE4_E5B9]
        .iter()
        .map(|w| Value::Number(*w as f64))
        .collect()
}

/// Math.random ( ) — https://tc39.es/ecma262/#sec-math.random
/// xorshift128+ over the state in the callee's four slots.
fn random(interp: &Interpreter, _this: &Value, _args: &[Value]) -> Completion<Value> {
    let word = |i: usize| match interp.native_slot(i) {
        Value::Number(n) => n as u32 as u64,
        _ => 1,
    };
    let mut s0 = (word(0) << 32) | word(1);
    let s1 = (word(2) << 32) | word(3);
    let result = s0.wrapping_add(s1);
    // The state advances: (s0, s1) ← (s1, f(s0, s1)).
    s0 ^= s0 << 23;
    let next = s0 ^ s1 ^ (s0 >> 17) ^ (s1 >> 26);
    for (i, half) in [s1 >> 32, s1 & 0xFFFF_FFFF, next >> 32, next & 0xFFFF_FFFF]
        .into_iter()
        .enumerate()
    {
        interp.set_native_slot(i, Value::Number(half as f64));
    }
    // The top 53 bits as a fraction in [0, 1).
    Ok(Value::Number((result >> 11) as f64 / (1u64 << 53) as f64))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use crate::mini::value::Value;

    fn math(h: &Harness, name: &str, args: &[Value]) -> f64 {
        match h.ok(&format!("Math.{name}"), Value::Undefined, args) {
            Value::Number(x) => x,
            other => panic!("Math.{name} returned {other:?}"),
        }
    }

    fn is_neg_zero(x: f64) -> bool {
        x == 0.0 && x.is_sign_negative()
    }

    #[test]
    fn rounding_functions_follow_the_spec_edges() {
        with_harness(|h| {
            assert_eq!(math(h, "round", &[n(2.5)]), 3.0);
            assert_eq!(math(h, "round", &[n(-2.5)]), -2.0);
            assert_eq!(math(h, "round", &[n(0.49999999999999994)]), 0.0);
            assert!(is_neg_zero(math(h, "round", &[n(-0.4)])));
            assert!(is_neg_zero(math(h, "round", &[n(-0.5)])));
            assert_eq!(math(h, "round", &[n(-0.6)]), -1.0);
            assert_eq!(math(h, "floor", &[n(-1.5)]), -2.0);
            assert_eq!(math(h, "ceil", &[n(1.2)]), 2.0);
            assert!(is_neg_zero(math(h, "ceil", &[n(-0.5)])));
            assert_eq!(math(h, "trunc", &[n(-4.7)]), -4.0);
            assert_eq!(math(h, "sign", &[n(-3.0)]), -1.0);
            assert!(is_neg_zero(math(h, "sign", &[n(-0.0)])));
            assert!(math(h, "sign", &[s("x")]).is_nan());
            assert!(is_neg_zero(math(h, "asinh", &[n(-0.0)])));
            assert_eq!(math(h, "fround", &[n(5.5)]), 5.5);
            assert_eq!(math(h, "fround", &[n(5.05)]), 5.050000190734863);
        });
    }

    #[test]
    fn max_and_min_coerce_everything_then_compare() {
        with_harness(|h| {
            assert_eq!(math(h, "max", &[]), f64::NEG_INFINITY);
            assert_eq!(math(h, "min", &[]), f64::INFINITY);
            assert_eq!(math(h, "max", &[n(1.0), s("3"), n(2.0)]), 3.0);
            assert!(math(h, "max", &[n(1.0), n(f64::NAN), n(2.0)]).is_nan());
            assert!(!is_neg_zero(math(h, "max", &[n(-0.0), n(0.0)])));
            assert!(is_neg_zero(math(h, "min", &[n(0.0), n(-0.0)])));
            assert!(math(h, "min", &[Value::Undefined]).is_nan());
        });
    }

    #[test]
    fn integer_helpers() {
        with_harness(|h| {
            assert_eq!(math(h, "clz32", &[n(1.0)]), 31.0);
            assert_eq!(math(h, "clz32", &[n(0.0)]), 32.0);
            assert_eq!(math(h, "clz32", &[n(-1.0)]), 0.0);
            assert_eq!(math(h, "imul", &[n(0xffffffffu32 as f64), n(5.0)]), -5.0);
            assert_eq!(math(h, "imul", &[n(3.0), n(4.0)]), 12.0);
        });
    }

    #[test]
    fn powers_and_roots() {
        with_harness(|h| {
            assert_eq!(math(h, "pow", &[n(2.0), n(10.0)]), 1024.0);
            assert!(math(h, "pow", &[n(1.0), n(f64::INFINITY)]).is_nan());
            assert_eq!(math(h, "hypot", &[n(3.0), n(4.0)]), 5.0);
            assert_eq!(math(h, "hypot", &[]), 0.0);
            assert_eq!(
                math(h, "hypot", &[n(f64::NAN), n(f64::NEG_INFINITY)]),
                f64::INFINITY
            );
            assert!(math(h, "hypot", &[n(f64::NAN), n(1.0)]).is_nan());
            // Values node prints.
            assert_eq!(
                math(h, "hypot", &[n(1e200), n(1e200)]),
                1.414213562373095e200
            );
            assert_eq!(
                math(h, "hypot", &[n(3.0), n(4.0), n(5.0)]),
                7.0710678118654755
            );
            assert_eq!(math(h, "hypot", &[n(0.1), n(0.2)]), 0.223606797749979);
            assert_eq!(math(h, "sqrt", &[n(16.0)]), 4.0);
            assert_eq!(math(h, "cbrt", &[n(-27.0)]), -3.0);
            assert_eq!(math(h, "abs", &[s("-2")]), 2.0);
            assert_eq!(
                math(h, "atan2", &[n(1.0), n(1.0)]),
                std::f64::consts::FRAC_PI_4
            );
            assert_eq!(math(h, "log2", &[n(8.0)]), 3.0);
            assert_eq!(math(h, "log10", &[n(1000.0)]), 3.0);
        });
    }

    #[test]
    fn random_is_in_range_and_varies() {
        with_harness(|h| {
            let draws: Vec<f64> = (0..1000).map(|_| math(h, "random", &[])).collect();
            assert!(draws.iter().all(|x| (0.0..1.0).contains(x)));
            let distinct: std::collections::HashSet<u64> =
                draws.iter().map(|x| x.to_bits()).collect();
            assert!(distinct.len() > 990);
            let mean = draws.iter().sum::<f64>() / draws.len() as f64;
            assert!((0.4..0.6).contains(&mean), "mean {mean}");
        });
    }

    #[test]
    fn constants_and_tag() {
        with_harness(|h| {
            assert_eq!(h.show(&h.global("Math.PI")), "3.141592653589793");
            assert_eq!(h.show(&h.global("Math.SQRT1_2")), "0.7071067811865476");
            let tag = h.ok("Object.prototype.toString", h.global("Math"), &[]);
            assert_eq!(h.show(&tag), r#""[object Math]""#);
            // A function's length and name.
            assert_eq!(h.show(&h.global("Math.max.length")), "2");
            assert_eq!(h.show(&h.global("Math.floor.name")), r#""floor""#);
        });
    }
}
