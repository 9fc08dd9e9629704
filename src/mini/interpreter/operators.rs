//! Operators: ApplyStringOrNumericBinaryOperator
//! (https://tc39.es/ecma262/#sec-applystringornumericbinaryoperator),
//! IsLessThan (#sec-islessthan), IsLooselyEqual (#sec-islooselyequal),
//! Number::exponentiate (#sec-numeric-types-number-exponentiate), and the
//! relational `in` / `instanceof`.

use super::conversions::Hint;
use super::{Completion, Interpreter};
use crate::mini::value::{Value, is_strictly_equal, to_int32, to_uint32};

// The operators are the AST's own: the resolved tree keeps them as parsed.
pub use crate::mini::ast::{BinaryOp, LogicalOp, UnaryOp, UpdateOp};

/// Number::remainder ( n, d ) — https://tc39.es/ecma262/#sec-numeric-types-number-remainder
/// (the result has the sign of the dividend, as Rust's `%` on floats).
/// NON-SPEC: two integers that fit an `i64` are divided as integers,
/// which gives the same value without the software `fmod`.
#[inline]
pub fn remainder(n: f64, d: f64) -> f64 {
    let (i, j) = (n as i64, d as i64);
    if i as f64 == n
        && j as f64 == d
        && let Some(r) = i.checked_rem(j)
    {
        // 0 with the dividend's sign: -4 % 2 is -0.
        return if r == 0 && n.is_sign_negative() {
            -0.0
        } else {
            r as f64
        };
    }
    n % d
}

/// The commonest operators on two numbers: + − × ÷ % and the
/// comparisons (NON-SPEC: the fast path the evaluator and
/// [`Interpreter::binary_operation`] share); None for the others.
#[inline(always)]
pub(super) fn number_operation(op: BinaryOp, a: f64, b: f64) -> Option<Value> {
    Some(match op {
        BinaryOp::Add => Value::Number(a + b),
        BinaryOp::Sub => Value::Number(a - b),
        BinaryOp::Mul => Value::Number(a * b),
        BinaryOp::Div => Value::Number(a / b),
        BinaryOp::Rem => Value::Number(remainder(a, b)),
        _ => Value::Boolean(number_comparison(op, a, b)?),
    })
}

/// The relational and equality operators on two numbers (IsLessThan and
/// the equalities for Number operands); None for the other operators.
#[inline(always)]
pub(super) fn number_comparison(op: BinaryOp, a: f64, b: f64) -> Option<bool> {
    Some(match op {
        BinaryOp::Lt => a < b,
        BinaryOp::Gt => a > b,
        BinaryOp::LtEq => a <= b,
        BinaryOp::GtEq => a >= b,
        BinaryOp::StrictEq | BinaryOp::Eq => a == b,
        BinaryOp::StrictNotEq | BinaryOp::NotEq => a != b,
        _ => return None,
    })
}

/// Number::exponentiate ( base, exponent ) — https://tc39.es/ecma262/#sec-numeric-types-number-exponentiate
pub fn exponentiate(base: f64, exponent: f64) -> f64 {
    // 1. If exponent is NaN, return NaN.
    if exponent.is_nan() {
        return f64::NAN;
    }
    // 2. If exponent is ±0, return 1.
    if exponent == 0.0 {
        return 1.0;
    }
    // abs(base) = 1 and exponent ±∞: NaN (Rust's powf says 1).
    if base.abs() == 1.0 && exponent.is_infinite() {
        return f64::NAN;
    }
    base.powf(exponent)
}

impl Interpreter {
    /// Evaluates `left op right` on two values (EvaluateStringOrNumericBinaryExpression
    /// and the relational/equality operators).
    pub fn binary_operation(&self, op: BinaryOp, left: &Value, right: &Value) -> Completion<Value> {
        // Fast paths for numbers.
        if let (Value::Number(a), Value::Number(b)) = (left, right) {
            return match number_operation(op, *a, *b) {
                Some(v) => Ok(v),
                None => self.numeric_operation(op, *a, *b).map(Value::Number),
            };
        }
        match op {
            BinaryOp::StrictEq => Ok(Value::Boolean(is_strictly_equal(left, right))),
            BinaryOp::StrictNotEq => Ok(Value::Boolean(!is_strictly_equal(left, right))),
            BinaryOp::Eq => Ok(Value::Boolean(self.is_loosely_equal(left, right)?)),
            BinaryOp::NotEq => Ok(Value::Boolean(!self.is_loosely_equal(left, right)?)),
            BinaryOp::Lt => Ok(Value::Boolean(
                self.is_less_than(left, right, true)? == Some(true),
            )),
            BinaryOp::Gt => Ok(Value::Boolean(
                self.is_less_than(right, left, false)? == Some(true),
            )),
            BinaryOp::LtEq => Ok(Value::Boolean(
                self.is_less_than(right, left, false)? == Some(false),
            )),
            BinaryOp::GtEq => Ok(Value::Boolean(
                self.is_less_than(left, right, true)? == Some(false),
            )),
            BinaryOp::Instanceof => Ok(Value::Boolean(self.instance_of(left, right)?)),
            BinaryOp::In => {
                let Value::Object(o) = right else {
                    return Err(self.type_error(
                        "Cannot use 'in' operator to search for a key in a non-object",
                    ));
                };
                let key = self.to_property_key(left)?;
                Ok(Value::Boolean(self.has_property(o, &key)?))
            }
            BinaryOp::Add => {
                // ApplyStringOrNumericBinaryOperator step 1: + with strings concatenates.
                if let (Value::String(a), Value::String(b)) = (left, right) {
                    return self.concat_strings(a.as_str(), b.as_str());
                }
                let lprim = self.to_primitive(left, Hint::Default)?;
                let rprim = self.to_primitive(right, Hint::Default)?;
                if matches!(lprim, Value::String(_)) || matches!(rprim, Value::String(_)) {
                    let ls = self.to_string(&lprim)?;
                    let rs = self.to_string(&rprim)?;
                    return self.concat_strings(ls.as_str(), rs.as_str());
                }
                let a = self.to_number(&lprim)?;
                let b = self.to_number(&rprim)?;
                Ok(Value::Number(a + b))
            }
            _ => {
                let a = self.to_number(left)?;
                let b = self.to_number(right)?;
                Ok(Value::Number(self.numeric_operation(op, a, b)?))
            }
        }
    }

    /// A numeric operator on two numbers (ApplyStringOrNumericBinaryOperator
    /// step 5 onwards, for Number operands).
    fn numeric_operation(&self, op: BinaryOp, a: f64, b: f64) -> Completion<f64> {
        Ok(match op {
            BinaryOp::Exp => exponentiate(a, b),
            BinaryOp::Shl => to_int32(a).wrapping_shl(to_uint32(b) & 31) as f64,
            BinaryOp::Shr => (to_int32(a) >> (to_uint32(b) & 31)) as f64,
            BinaryOp::UShr => (to_uint32(a) >> (to_uint32(b) & 31)) as f64,
            BinaryOp::BitAnd => (to_int32(a) & to_int32(b)) as f64,
            BinaryOp::BitOr => (to_int32(a) | to_int32(b)) as f64,
            BinaryOp::BitXor => (to_int32(a) ^ to_int32(b)) as f64,
            BinaryOp::Add => a + b,
            BinaryOp::Sub => a - b,
            BinaryOp::Mul => a * b,
            BinaryOp::Div => a / b,
            BinaryOp::Rem => remainder(a, b),
            BinaryOp::In | BinaryOp::Instanceof => {
                return Err(self.type_error("invalid operands"));
            }
            _ => f64::NAN,
        })
    }

    /// IsLessThan ( x, y, LeftFirst ) — https://tc39.es/ecma262/#sec-islessthan
    /// None stands for the spec's undefined (a NaN was involved).
    pub fn is_less_than(&self, x: &Value, y: &Value, left_first: bool) -> Completion<Option<bool>> {
        // 1.–2. ToPrimitive in the order LeftFirst says.
        let (px, py) = if left_first {
            let px = self.to_primitive(x, Hint::Number)?;
            (px, self.to_primitive(y, Hint::Number)?)
        } else {
            let py = self.to_primitive(y, Hint::Number)?;
            (self.to_primitive(x, Hint::Number)?, py)
        };
        // 3. Both strings: compare code units.
        if let (Value::String(a), Value::String(b)) = (&px, &py) {
            let less = if a.as_str().is_ascii() && b.as_str().is_ascii() {
                a.as_str() < b.as_str()
            } else {
                a.as_str().encode_utf16().lt(b.as_str().encode_utf16())
            };
            return Ok(Some(less));
        }
        // 4. Numbers.
        let nx = self.to_number(&px)?;
        let ny = self.to_number(&py)?;
        if nx.is_nan() || ny.is_nan() {
            return Ok(None);
        }
        Ok(Some(nx < ny))
    }

    /// IsLooselyEqual ( x, y ) — https://tc39.es/ecma262/#sec-islooselyequal
    pub fn is_loosely_equal(&self, x: &Value, y: &Value) -> Completion<bool> {
        use Value::*;
        Ok(match (x, y) {
            // 1. Same type: IsStrictlyEqual.
            (Undefined | Null, Undefined | Null) => true,
            (Number(_), Number(_))
            | (String(_), String(_))
            | (Boolean(_), Boolean(_))
            | (Symbol(_), Symbol(_))
            | (Object(_), Object(_)) => is_strictly_equal(x, y),
            (Undefined | Null, _) | (_, Undefined | Null) => false,
            // 5.–6. Number and String: compare as numbers.
            (Number(a), String(b)) => *a == crate::mini::value::string_to_number(b.as_str()),
            (String(a), Number(b)) => crate::mini::value::string_to_number(a.as_str()) == *b,
            // 9.–10. Booleans become numbers.
            (Boolean(b), _) => {
                return self.is_loosely_equal(&Number(if *b { 1.0 } else { 0.0 }), y);
            }
            (_, Boolean(b)) => {
                return self.is_loosely_equal(x, &Number(if *b { 1.0 } else { 0.0 }));
            }
            // 11.–12. Objects against primitives: ToPrimitive.
            (Object(_), _) => {
                let p = self.to_primitive(x, Hint::Default)?;
                return self.is_loosely_equal(&p, y);
            }
            (_, Object(_)) => {
                let p = self.to_primitive(y, Hint::Default)?;
                return self.is_loosely_equal(x, &p);
            }
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::exponentiate;

    #[test]
    fn remainder_matches_the_float_definition() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            2.0,
            -2.0,
            3.0,
            7.5,
            -7.5,
            1e17,
            -1e17,
            9.1e18,
            -9.3e18,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            i64::MIN as f64,
            4503599627370497.0,
        ];
        for n in values {
            for d in values {
                let (fast, float) = (super::remainder(n, d), n % d);
                assert!(
                    fast.to_bits() == float.to_bits() || (fast.is_nan() && float.is_nan()),
                    "{n} % {d}: {fast} vs {float}"
                );
            }
        }
    }

    #[test]
    fn exponent_edge_cases() {
        assert!(exponentiate(1.0, f64::INFINITY).is_nan());
        assert!(exponentiate(2.0, f64::NAN).is_nan());
        assert_eq!(exponentiate(f64::NAN, 0.0), 1.0);
        assert_eq!(exponentiate(2.0, 10.0), 1024.0);
    }
}
