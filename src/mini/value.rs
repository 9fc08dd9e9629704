//! ECMAScript language values (https://tc39.es/ecma262/#sec-ecmascript-language-types)
//! and the conversions that need no interpreter: ToBoolean, Number::toString,
//! StringToNumber, SameValue, IsStrictlyEqual.
//!
//! `Value` is 24 bytes: numbers inline, strings as `Rc<str>`, symbols and
//! objects as counted pointers. Conversions that may call user code
//! (ToPrimitive, ToString of objects, ToNumber of objects) live in
//! `conversions.rs` because they need the interpreter.
//!
//! DEVIATION: strings are stored as UTF-8 (`Rc<str>`), not UTF-16. Lengths and
//! indices are computed in UTF-16 code units on demand, so they agree with
//! the spec; a lone surrogate cannot be represented and becomes U+FFFD.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use super::object::Obj;

/// A JavaScript string value (immutable, cheaply cloned). NON-SPEC: a thin
/// counted pointer (to the text and its cached UTF-16 length), so that a
/// [`Value`] is 16 bytes.
#[derive(Clone)]
pub struct JsStr(Rc<StrData>);

/// The text of a string and, once asked for, its length in UTF-16 code
/// units (so `length` and indexing of an ASCII string cost O(1) after the
/// first count, instead of a scan per access).
struct StrData {
    text: Box<str>,
    /// `usize::MAX` until counted.
    utf16_len: Cell<usize>,
}

impl JsStr {
    pub fn new(s: &str) -> Self {
        JsStr::from_boxed(Box::from(s))
    }

    /// The empty string, shared (NON-SPEC: every anonymous function's
    /// `name` and many results are `""`; one allocation per thread serves
    /// them all).
    pub fn empty() -> Self {
        thread_local! {
            static EMPTY: JsStr = JsStr(Rc::new(StrData {
                text: Box::from(""),
                utf16_len: Cell::new(0),
            }));
        }
        EMPTY.with(JsStr::clone)
    }

    fn from_boxed(text: Box<str>) -> Self {
        if text.is_empty() {
            return JsStr::empty();
        }
        JsStr(Rc::new(StrData {
            text,
            utf16_len: Cell::new(usize::MAX),
        }))
    }

    pub fn from_rc(s: Rc<str>) -> Self {
        JsStr::new(&s)
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    pub fn is_empty(&self) -> bool {
        self.0.text.is_empty()
    }

    /// The length in UTF-16 code units (the `length` JS sees); counted once.
    pub fn utf16_len(&self) -> usize {
        let cached = self.0.utf16_len.get();
        if cached != usize::MAX {
            return cached;
        }
        let text = &self.0.text;
        let len = if text.is_ascii() {
            text.len()
        } else {
            text.encode_utf16().count()
        };
        self.0.utf16_len.set(len);
        len
    }

    /// True when every character is ASCII (UTF-16 indices are byte indices).
    pub fn is_ascii(&self) -> bool {
        self.utf16_len() == self.0.text.len()
    }

    /// The UTF-16 code units of the string.
    pub fn to_utf16(&self) -> Vec<u16> {
        self.0.text.encode_utf16().collect()
    }

    /// The code unit at UTF-16 index `i`, without converting the string
    /// (direct for ASCII).
    pub fn code_unit_at(&self, i: usize) -> Option<u16> {
        if self.is_ascii() {
            return self.0.text.as_bytes().get(i).map(|&b| u16::from(b));
        }
        self.0.text.encode_utf16().nth(i)
    }

    /// Builds a string from UTF-16 code units; lone surrogates become U+FFFD.
    pub fn from_utf16(units: &[u16]) -> Self {
        JsStr::from(String::from_utf16_lossy(units))
    }

    /// Pointer equality (a fast path before comparing text).
    pub fn ptr_eq(&self, other: &JsStr) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for JsStr {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || self.as_str() == other.as_str()
    }
}

impl Eq for JsStr {}

impl std::hash::Hash for JsStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for JsStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JsStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl From<&str> for JsStr {
    fn from(s: &str) -> Self {
        JsStr::new(s)
    }
}

impl From<String> for JsStr {
    fn from(s: String) -> Self {
        JsStr::from_boxed(s.into_boxed_str())
    }
}

impl From<Rc<str>> for JsStr {
    fn from(s: Rc<str>) -> Self {
        JsStr::new(&s)
    }
}

impl fmt::Debug for JsStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for JsStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Symbol value: identity plus an optional [[Description]].
#[derive(Clone)]
pub struct Sym(Rc<SymbolData>);

/// The data of one symbol.
pub struct SymbolData {
    /// [[Description]]
    pub description: Option<JsStr>,
    /// The key for `Symbol.for` registered symbols.
    pub registered: bool,
    /// NON-SPEC: a Private Name (`#x`) represented as a symbol that
    /// reflection never lists.
    pub private: bool,
}

impl Sym {
    pub fn new(description: Option<JsStr>) -> Self {
        Sym(Rc::new(SymbolData {
            description,
            registered: false,
            private: false,
        }))
    }

    pub fn new_registered(description: JsStr) -> Self {
        Sym(Rc::new(SymbolData {
            description: Some(description),
            registered: true,
            private: false,
        }))
    }

    /// A new Private Name (NON-SPEC representation).
    pub fn new_private(description: JsStr) -> Self {
        Sym(Rc::new(SymbolData {
            description: Some(description),
            registered: false,
            private: true,
        }))
    }

    pub fn is_private(&self) -> bool {
        self.0.private
    }

    pub fn description(&self) -> Option<&JsStr> {
        self.0.description.as_ref()
    }

    pub fn is_registered(&self) -> bool {
        self.0.registered
    }

    /// SymbolDescriptiveString ( sym ) — https://tc39.es/ecma262/#sec-symboldescriptivestring
    pub fn descriptive_string(&self) -> String {
        format!(
            "Symbol({})",
            self.description().map(|d| d.as_str()).unwrap_or("")
        )
    }

    /// A stable identity for hashing.
    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.addr().hash(state)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.descriptive_string())
    }
}

/// An ECMAScript language value.
#[derive(Clone, Default)]
pub enum Value {
    #[default]
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    String(JsStr),
    Symbol(Sym),
    Object(Obj),
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Undefined => f.write_str("undefined"),
            Value::Null => f.write_str("null"),
            Value::Boolean(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(&number_to_string(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Symbol(s) => write!(f, "{s:?}"),
            Value::Object(o) => write!(f, "[object #{:x}]", o.addr()),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Boolean(b)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Self {
        Value::Number(n as f64)
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Self {
        Value::Number(n as f64)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(JsStr::from(s))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(JsStr::from(s))
    }
}

impl From<JsStr> for Value {
    fn from(s: JsStr) -> Self {
        Value::String(s)
    }
}

impl From<Obj> for Value {
    fn from(o: Obj) -> Self {
        Value::Object(o)
    }
}

impl Value {
    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    pub fn as_object(&self) -> Option<&Obj> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&JsStr> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// ToBoolean ( argument ) — https://tc39.es/ecma262/#sec-toboolean
    pub fn to_boolean(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Boolean(b) => *b,
            Value::Number(n) => !(*n == 0.0 || n.is_nan()),
            Value::String(s) => !s.is_empty(),
            Value::Symbol(_) | Value::Object(_) => true,
        }
    }

    /// The `typeof` result for this value
    /// (https://tc39.es/ecma262/#sec-typeof-operator).
    pub fn type_of(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "object",
            Value::Boolean(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::Object(o) => {
                if o.is_callable() {
                    "function"
                } else {
                    "object"
                }
            }
        }
    }
}

/// SameValue ( x, y ) — https://tc39.es/ecma262/#sec-samevalue
pub fn same_value(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => {
            if a.is_nan() && b.is_nan() {
                return true;
            }
            a == b && a.is_sign_negative() == b.is_sign_negative()
        }
        _ => same_value_non_number(x, y),
    }
}

/// SameValueZero ( x, y ) — https://tc39.es/ecma262/#sec-samevaluezero
pub fn same_value_zero(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => (a.is_nan() && b.is_nan()) || a == b,
        _ => same_value_non_number(x, y),
    }
}

/// IsStrictlyEqual ( x, y ) — https://tc39.es/ecma262/#sec-isstrictlyequal
pub fn is_strictly_equal(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => a == b,
        _ => same_value_non_number(x, y),
    }
}

/// SameValueNonNumber ( x, y ) — https://tc39.es/ecma262/#sec-samevaluenonnumber
pub fn same_value_non_number(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Boolean(a), Value::Boolean(b)) => a == b,
        (Value::String(a), Value::String(b)) => a.ptr_eq(b) || a.as_str() == b.as_str(),
        (Value::Symbol(a), Value::Symbol(b)) => a == b,
        (Value::Object(a), Value::Object(b)) => a.ptr_eq(b),
        _ => false,
    }
}

/// Number::toString ( x, 10 ) — https://tc39.es/ecma262/#sec-numeric-types-number-tostring
pub fn number_to_string(x: f64) -> String {
    // 1. NaN → "NaN".
    if x.is_nan() {
        return "NaN".into();
    }
    // 2. +0 or -0 → "0".
    if x == 0.0 {
        return "0".into();
    }
    // 3. x < 0 → "-" + Number::toString(-x).
    if x < 0.0 {
        return format!("-{}", number_to_string(-x));
    }
    // 4. +∞ → "Infinity".
    if x.is_infinite() {
        return "Infinity".into();
    }
    // Integers up to 2^53 print directly (the common case).
    if x.fract() == 0.0 && x <= 9007199254740992.0 {
        return format!("{x:.0}");
    }
    // 5. The shortest digits s and exponent n with s × 10^(n−k) = x; of two
    // equally close candidates, the even one (see `number_format.rs`).
    let shortest = super::builtins::number_format::Decimal::shortest(x);
    let digits: String = shortest
        .digits
        .iter()
        .map(|d| char::from(b'0' + d))
        .collect();
    let k = digits.len() as i32;
    let n = shortest.point;
    if k <= n && n <= 21 {
        // 6. The digits followed by n−k zeros.
        let mut s = digits;
        s.extend(std::iter::repeat_n('0', (n - k) as usize));
        s
    } else if 0 < n && n <= 21 {
        // 7. The first n digits, a point, the rest.
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        // 8. "0." followed by −n zeros and the digits.
        format!("0.{}{}", "0".repeat((-n) as usize), digits)
    } else {
        // 9.–10. Exponential notation.
        let sign = if n - 1 < 0 { '-' } else { '+' };
        let e = (n - 1).abs();
        if k == 1 {
            format!("{digits}e{sign}{e}")
        } else {
            format!("{}.{}e{sign}{e}", &digits[..1], &digits[1..])
        }
    }
}

/// True for the characters StrWhiteSpaceChar accepts
/// (https://tc39.es/ecma262/#prod-StrWhiteSpaceChar).
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{a}' | '\u{b}' | '\u{c}' | '\u{d}' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// StringToNumber ( str ) — https://tc39.es/ecma262/#sec-stringtonumber
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_whitespace);
    if t.is_empty() {
        return 0.0;
    }
    let radix_digits = |body: &str, radix: u32| -> f64 {
        if body.is_empty() {
            return f64::NAN;
        }
        let mut v = 0.0f64;
        for c in body.chars() {
            match c.to_digit(radix) {
                Some(d) => v = v * radix as f64 + d as f64,
                None => return f64::NAN,
            }
        }
        v
    };
    let lower = t.get(..2).map(|p| p.to_ascii_lowercase());
    match lower.as_deref() {
        Some("0x") => return radix_digits(&t[2..], 16),
        Some("0o") => return radix_digits(&t[2..], 8),
        Some("0b") => return radix_digits(&t[2..], 2),
        _ => {}
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned == "Infinity" {
        return if t.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    // StrDecimalLiteral: digits, one optional point, an optional exponent.
    let valid = {
        let bytes = unsigned.as_bytes();
        let mut i = 0;
        let mut int_digits = 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
            int_digits += 1;
        }
        let mut frac_digits = 0;
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
                frac_digits += 1;
            }
        }
        let mut ok = int_digits + frac_digits > 0;
        if ok && i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            ok = i > start;
        }
        ok && i == bytes.len()
    };
    if !valid {
        return f64::NAN;
    }
    t.parse::<f64>().unwrap_or(f64::NAN)
}

/// ToIntegerOrInfinity on a number — https://tc39.es/ecma262/#sec-tointegerorinfinity
pub fn integer_or_infinity(n: f64) -> f64 {
    if n.is_nan() || n == 0.0 {
        0.0
    } else {
        n.trunc()
    }
}

/// ToInt32 on a number — https://tc39.es/ecma262/#sec-toint32
pub fn to_int32(n: f64) -> i32 {
    if n.is_finite() && n.abs() < 2147483648.0 {
        return n as i32;
    }
    to_uint32(n) as i32
}

/// ToUint32 on a number — https://tc39.es/ecma262/#sec-touint32
pub fn to_uint32(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    let int = n.trunc();
    let m = int.rem_euclid(4294967296.0);
    m as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-42.0, "-42"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (2f64.powi(53), "9007199254740992"),
            (2.25, "2.25"),
            // Two shortest candidates equally close: the even one (as V8).
            (2098900775031831.2, "2098900775031831.2"),
            (-145664816613217.62, "-145664816613217.62"),
        ];
        for (n, s) in cases {
            assert_eq!(number_to_string(n), s, "{n}");
        }
    }

    #[test]
    fn strings_convert_to_numbers_like_javascript() {
        assert_eq!(string_to_number(""), 0.0);
        assert_eq!(string_to_number("  42 \n"), 42.0);
        assert_eq!(string_to_number("0x10"), 16.0);
        assert_eq!(string_to_number("-Infinity"), f64::NEG_INFINITY);
        assert_eq!(string_to_number(".5"), 0.5);
        assert_eq!(string_to_number("5."), 5.0);
        assert_eq!(string_to_number("1e3"), 1000.0);
        assert!(string_to_number("inf").is_nan());
        assert!(string_to_number("12px").is_nan());
        assert!(string_to_number("-0x10").is_nan());
        assert!(string_to_number(".").is_nan());
    }

    #[test]
    fn strings_count_and_index_utf16_code_units() {
        let ascii = JsStr::from("abc");
        assert_eq!(
            (
                ascii.utf16_len(),
                ascii.is_ascii(),
                ascii.code_unit_at(2),
                ascii.code_unit_at(3)
            ),
            (3, true, Some(99), None)
        );
        // é is one unit (two UTF-8 bytes), 😀 two (four bytes).
        let wide = JsStr::from("é😀x");
        assert_eq!((wide.utf16_len(), wide.is_ascii()), (4, false));
        assert_eq!(
            (
                wide.code_unit_at(0),
                wide.code_unit_at(1),
                wide.code_unit_at(2),
                wide.code_unit_at(3)
            ),
            (Some(0xE9), Some(0xD83D), Some(0xDE00), Some(120))
        );
        assert_eq!(wide.utf16_len(), 4, "the cached length");
        assert!(JsStr::from("").is_ascii());
        assert_eq!(JsStr::from("b"), JsStr::from(String::from("b")));
        assert!(JsStr::from("a") < JsStr::from("b"));
    }

    #[test]
    fn values_are_small() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn int32_wraps() {
        assert_eq!(to_int32(4294967296.0 + 5.0), 5);
        assert_eq!(to_int32(2147483648.0), -2147483648);
        assert_eq!(to_uint32(-1.0), 4294967295);
        assert_eq!(to_int32(f64::NAN), 0);
    }
}
