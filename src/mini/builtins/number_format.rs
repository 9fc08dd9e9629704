//! Number → string algorithms beyond Number::toString (which is in
//! `value.rs`): the exact decimal expansion of a double and the rounding
//! that `toFixed`, `toExponential` and `toPrecision` specify
//! (https://tc39.es/ecma262/#sec-number.prototype.tofixed and its
//! neighbours), `toString(radix)` for radixes other than 10, and the
//! en-US grouping of `toLocaleString`.
//!
//! Every double is m × 2^e exactly, so its decimal expansion is finite:
//! m × 2^e for e ≥ 0, and m × 5^−e × 10^e for e < 0. The spec's "let n be
//! an integer for which n / 10^f − x is as close to zero as possible; if
//! there are two such n, pick the larger n" is then rounding that exact
//! digit string half-up, on the magnitude (the sign is written separately).
//!
//! `toString(radix)` is implementation-approximated in the spec; this
//! follows V8's algorithm (digits are produced until the remaining fraction
//! is below half the distance to the next double, with round-half-even on
//! the last digit), so the output matches node and Boa.

use crate::mini::value::number_to_string;

/// A non-negative decimal: 0.d₁d₂…dₙ × 10^point. `digits` has no leading
/// zeros; it is empty for zero.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub digits: Vec<u8>,
    pub point: i32,
}

impl Decimal {
    /// The exact value of the finite double |x|.
    pub fn exact(x: f64) -> Decimal {
        let x = x.abs();
        if x == 0.0 {
            return Decimal {
                digits: Vec::new(),
                point: 0,
            };
        }
        let bits = x.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1u64 << 52) - 1);
        // Subnormals have no implicit bit and the minimum exponent.
        let (mantissa, exponent) = if biased == 0 {
            (fraction, -1074)
        } else {
            (fraction | (1u64 << 52), biased - 1075)
        };
        let mut n = BigUint::from_u64(mantissa);
        let scale = if exponent >= 0 {
            n.shift_left(exponent as u32);
            0
        } else {
            // m × 2^e = m × 5^−e / 10^−e.
            for _ in 0..-exponent {
                n.mul_small(5);
            }
            exponent
        };
        let text = n.into_decimal();
        let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let point = digits.len() as i32 + scale;
        let mut d = Decimal { digits, point };
        d.trim();
        d
    }

    /// The shortest digits that round-trip to |x| (what Number::toString
    /// prints), for the finite double x.
    pub fn shortest(x: f64) -> Decimal {
        let x = x.abs();
        if x == 0.0 {
            return Decimal {
                digits: Vec::new(),
                point: 0,
            };
        }
        // `{:e}` prints the shortest round-tripping digits: "d.ddde±n".
        let formatted = format!("{x:e}");
        let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        let digits: Vec<u8> = mantissa
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect();
        let point = exponent.parse::<i32>().unwrap_or(0) + 1;
        let mut d = Decimal { digits, point };
        d.trim();
        // When two shortest candidates are equally close to x, the spec's
        // note asks for the even one; Rust's formatter rounds such ties up.
        // (Only long outputs can be such ties; the exact expansion is costly.)
        let k = d.digits.len();
        if k < 15 {
            return d;
        }
        let exact = Decimal::exact(x);
        let tie = exact.digits.len() == k + 1 && exact.digits[k] == 5;
        if tie && exact.digits[k - 1] % 2 == 0 && d == exact.round_to(k as i32) {
            let mut below = Decimal {
                digits: exact.digits[..k].to_vec(),
                point: exact.point,
            };
            below.trim();
            return below;
        }
        d
    }

    fn trim(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0;
        }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// Keeps the first `keep` digits, rounding half up on the next one
    /// (`keep` may be ≤ 0: everything is dropped, and the result is 0 or
    /// one unit of the kept position).
    pub fn round_to(&self, keep: i32) -> Decimal {
        if keep >= self.digits.len() as i32 {
            return self.clone();
        }
        if keep < 0 {
            return Decimal {
                digits: Vec::new(),
                point: 0,
            };
        }
        let keep = keep as usize;
        let mut digits = self.digits[..keep].to_vec();
        let mut point = self.point;
        if self.digits[keep] >= 5 {
            // Add one unit in the last kept place, carrying leftwards.
            let mut i = keep;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let mut d = Decimal { digits, point };
        d.trim();
        d
    }

    /// The first `count` digits as text, padded with zeros.
    pub fn digit_text(&self, count: usize) -> String {
        (0..count)
            .map(|i| char::from(b'0' + self.digits.get(i).copied().unwrap_or(0)))
            .collect()
    }
}

/// The digits of x (non-negative, < 10^21) rounded to `f` fraction digits:
/// steps 10–11 of Number.prototype.toFixed, without the sign.
pub fn fixed(x: f64, f: usize) -> String {
    let rounded = Decimal::exact(x).round_to(Decimal::exact(x).point + f as i32);
    // n = rounded × 10^f as an integer; m = its digits ("0" for zero).
    let n_len = (rounded.point + f as i32).max(0) as usize;
    let mut m = if rounded.is_zero() || n_len == 0 {
        "0".to_string()
    } else {
        rounded.digit_text(n_len)
    };
    if f != 0 {
        // 11.d. Left-pad so there is a digit before the point.
        let k = m.len();
        if k <= f {
            m = format!("{}{}", "0".repeat(f + 1 - k), m);
        }
        let split = m.len() - f;
        m = format!("{}.{}", &m[..split], &m[split..]);
    }
    m
}

/// Steps 9–12 of Number.prototype.toExponential for a non-negative finite
/// x: `fraction_digits` None means as many as needed.
pub fn exponential(x: f64, fraction_digits: Option<usize>) -> String {
    let (digits, e) = if x == 0.0 {
        ("0".repeat(fraction_digits.unwrap_or(0) + 1), 0)
    } else {
        let d = match fraction_digits {
            Some(f) => Decimal::exact(x).round_to(f as i32 + 1),
            None => Decimal::shortest(x),
        };
        let count = fraction_digits.map_or(d.digits.len(), |f| f + 1);
        (d.digit_text(count), d.point - 1)
    };
    with_exponent(&digits, e)
}

/// "d.ddd" + "e" + sign + exponent.
fn with_exponent(digits: &str, e: i32) -> String {
    let mantissa = if digits.len() > 1 {
        format!("{}.{}", &digits[..1], &digits[1..])
    } else {
        digits.to_string()
    };
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{}", e.abs())
}

/// Steps 9–13 of Number.prototype.toPrecision for a non-negative finite x
/// and 1 ≤ p ≤ 100.
pub fn precision(x: f64, p: usize) -> String {
    let (digits, e) = if x == 0.0 {
        ("0".repeat(p), 0)
    } else {
        let d = Decimal::exact(x).round_to(p as i32);
        (d.digit_text(p), d.point - 1)
    };
    // 10.c. Exponential notation when e < −6 or e ≥ p.
    if e < -6 || e >= p as i32 {
        return with_exponent(&digits, e);
    }
    // 11.–12. Fixed notation.
    if e == p as i32 - 1 {
        digits
    } else if e >= 0 {
        let split = e as usize + 1;
        format!("{}.{}", &digits[..split], &digits[split..])
    } else {
        format!("0.{}{}", "0".repeat((-(e + 1)) as usize), digits)
    }
}

/// Number::toString ( x, radix ) for radix ≠ 10 (V8's DoubleToRadixCString).
pub fn to_radix_string(x: f64, radix: u32) -> String {
    if x.is_nan() || x.is_infinite() || radix == 10 {
        return number_to_string(x);
    }
    if x == 0.0 {
        return "0".into();
    }
    let digit_char = |d: u32| std::char::from_digit(d, radix).unwrap_or('0');
    let negative = x < 0.0;
    let value = x.abs();
    let mut integer = value.floor();
    let mut fraction = value - integer;
    // Half the distance to the next double: digits below it are noise.
    let next = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next - value)).max(f64::from_bits(1));
    let mut fraction_digits: Vec<u32> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= radix as f64;
            delta *= radix as f64;
            let digit = fraction as u32;
            fraction_digits.push(digit);
            fraction -= digit as f64;
            // Round half to even on the last digit, carrying into earlier
            // digits (and into the integer part) when needed.
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                loop {
                    match fraction_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) if d + 1 < radix => {
                            fraction_digits.push(d + 1);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    // Integer digits; below the precision of a double they are zeros.
    let mut integer_digits: Vec<char> = Vec::new();
    while integer / radix as f64 >= 9007199254740992.0 {
        integer /= radix as f64;
        integer_digits.push('0');
    }
    loop {
        let remainder = integer % radix as f64;
        integer_digits.push(digit_char(remainder as u32));
        integer = (integer - remainder) / radix as f64;
        if integer <= 0.0 {
            break;
        }
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.extend(integer_digits.iter().rev());
    if !fraction_digits.is_empty() {
        out.push('.');
        out.extend(fraction_digits.iter().map(|d| digit_char(*d)));
    }
    out
}

/// Number.prototype.toLocaleString for the en-US locale: at most three
/// fraction digits (of the shortest representation, rounded half up), and
/// thousands separators.
pub fn en_us(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}∞");
    }
    let d = Decimal::shortest(x);
    let rounded = d.round_to(d.point + 3);
    let int_len = rounded.point.max(0) as usize;
    let int_digits = if int_len == 0 {
        "0".to_string()
    } else {
        rounded.digit_text(int_len)
    };
    let frac_len = (rounded.digits.len() as i32 - rounded.point).max(0) as usize;
    let fraction: String = (0..frac_len)
        .map(|i| {
            let index = rounded.point + i as i32;
            let digit = if index < 0 {
                0
            } else {
                rounded.digits.get(index as usize).copied().unwrap_or(0)
            };
            char::from(b'0' + digit)
        })
        .collect();
    let mut grouped = String::new();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (int_digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// Just enough of an unsigned big integer for exact decimal expansion:
/// little-endian 32-bit limbs.
struct BigUint(Vec<u32>);

impl BigUint {
    fn from_u64(n: u64) -> Self {
        BigUint(vec![n as u32, (n >> 32) as u32])
    }

    fn mul_small(&mut self, k: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = *limb as u64 * k as u64 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn shift_left(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (*limb as u64) << bits;
                *limb = v as u32 | carry;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|l| *l == 0)
    }

    /// Divides in place by `k`, returning the remainder.
    fn div_small(&mut self, k: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let v = (remainder << 32) | *limb as u64;
            *limb = (v / k as u64) as u32;
            remainder = v % k as u64;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        remainder as u32
    }

    fn into_decimal(mut self) -> String {
        // Nine digits at a time.
        let mut chunks = Vec::new();
        while !self.is_zero() {
            chunks.push(self.div_small(1_000_000_000));
        }
        let mut out = chunks
            .pop()
            .map(|c| c.to_string())
            .unwrap_or_else(|| "0".into());
        for c in chunks.iter().rev() {
            out.push_str(&format!("{c:09}"));
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::*;

    // Expected strings are what node 18+ prints.

    #[test]
    fn exact_expansion() {
        assert_eq!(
            Decimal::exact(0.5),
            Decimal {
                digits: vec![5],
                point: 0
            }
        );
        assert_eq!(
            Decimal::exact(1024.0),
            Decimal {
                digits: vec![1, 0, 2, 4],
                point: 4
            }
        );
        let tenth = Decimal::exact(0.1);
        assert_eq!(tenth.point, 0);
        assert_eq!(tenth.digit_text(20), "10000000000000000555");
        assert_eq!(Decimal::exact(5e-324).point, -323);
        assert_eq!(Decimal::exact(f64::MAX).digits.len(), 309);
    }

    #[test]
    fn to_fixed_rounds_the_exact_value_half_up() {
        let cases = [
            (0.5, 0, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "3"),
            (1.005, 2, "1.00"),
            (1.45, 1, "1.4"),
            (123.456, 2, "123.46"),
            (1e-7, 2, "0.00"),
            (0.0, 2, "0.00"),
            (12345.6789, 0, "12346"),
            (0.000001234, 2, "0.00"),
            (0.999, 2, "1.00"),
            (99.99, 1, "100.0"),
            (0.1, 20, "0.10000000000000000555"),
        ];
        for (x, f, want) in cases {
            assert_eq!(fixed(x, f), want, "({x}).toFixed({f})");
        }
    }

    #[test]
    fn to_exponential() {
        assert_eq!(exponential(0.5, None), "5e-1");
        assert_eq!(exponential(123.456, None), "1.23456e+2");
        assert_eq!(exponential(123.456, Some(3)), "1.235e+2");
        assert_eq!(exponential(0.0, None), "0e+0");
        assert_eq!(exponential(0.0, Some(3)), "0.000e+0");
        assert_eq!(exponential(5e-324, Some(3)), "4.941e-324");
        assert_eq!(exponential(1e21, None), "1e+21");
        assert_eq!(exponential(f64::MAX, Some(3)), "1.798e+308");
        assert_eq!(exponential(9.99, Some(1)), "1.0e+1");
        // Two shortest candidates equally close: the even one.
        assert_eq!(
            exponential(2098900775031831.2, None),
            "2.0989007750318312e+15"
        );
        assert_eq!(
            exponential(198910273677.01562, None),
            "1.9891027367701562e+11"
        );
    }

    #[test]
    fn to_precision() {
        let cases = [
            (0.5, 1, "0.5"),
            (1.5, 1, "2"),
            (123.456, 1, "1e+2"),
            (123.456, 4, "123.5"),
            (1.005, 21, "1.00499999999999989342"),
            (1e-7, 4, "1.000e-7"),
            (0.000001234, 4, "0.000001234"),
            (0.000001234, 1, "0.000001"),
            (12345.6789, 4, "1.235e+4"),
            (0.0, 4, "0.000"),
            (1e21, 21, "1.00000000000000000000e+21"),
            (123.456, 21, "123.456000000000003070"),
            (99.99, 2, "1.0e+2"),
        ];
        for (x, p, want) in cases {
            assert_eq!(precision(x, p), want, "({x}).toPrecision({p})");
        }
    }

    #[test]
    fn radix_strings_match_v8() {
        let cases = [
            (255.0, 2, "11111111"),
            (255.0, 36, "73"),
            (0.5, 2, "0.1"),
            (
                0.1,
                2,
                "0.0001100110011001100110011001100110011001100110011001101",
            ),
            (0.1, 16, "0.1999999999999a"),
            (0.1, 36, "0.3lllllllllm"),
            (0.1, 7, "0.04620462046204620463"),
            (-255.5, 16, "-ff.8"),
            (-255.5, 7, "-513.33333333333333334"),
            (std::f64::consts::PI, 16, "3.243f6a8885a3"),
            (std::f64::consts::PI, 36, "3.53i5ab8p5f"),
            (3.25159, 16, "3.406833c6002a"),
            (1e21, 16, "3635c9adc5dea00000"),
            (1e21, 7, "5135235413265003022600000"),
            (1.0 / 3.0, 16, "0.55555555555554"),
            (1.0 / 3.0, 36, "0.c"),
            (2f64.powi(60), 36, "8rc4kbdvss00"),
            (1e-7, 16, "0.000001ad7f29abcaf48"),
            (123.456, 36, "3f.gez4w97ry"),
            (0.0, 2, "0"),
            (f64::NAN, 2, "NaN"),
            (f64::NEG_INFINITY, 16, "-Infinity"),
        ];
        for (x, radix, want) in cases {
            assert_eq!(to_radix_string(x, radix), want, "({x}).toString({radix})");
        }
    }

    #[test]
    fn en_us_grouping_and_rounding() {
        assert_eq!(en_us(1234567.891), "1,234,567.891");
        assert_eq!(en_us(-0.0), "-0");
        assert_eq!(en_us(0.0005), "0.001");
        assert_eq!(en_us(1e21), "1,000,000,000,000,000,000,000");
        assert_eq!(en_us(2.0005), "2.001");
        assert_eq!(en_us(f64::NAN), "NaN");
        assert_eq!(en_us(-1234.5), "-1,234.5");
        assert_eq!(en_us(999.9999), "1,000");
        assert_eq!(en_us(0.0001), "0");
        assert_eq!(en_us(-145664816613217.62), "-145,664,816,613,217.62");
    }
}
