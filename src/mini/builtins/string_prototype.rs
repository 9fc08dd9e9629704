//! The String built-ins that `string.rs` does not define —
//! https://tc39.es/ecma262/#sec-properties-of-the-string-prototype-object —
//! codePointAt, substr (Annex B), replace and replaceAll with string
//! patterns (GetSubstitution, function replacers), localeCompare,
//! normalize, toLocaleUpperCase/LowerCase, isWellFormed/toWellFormed,
//! the Annex B aliases trimLeft/trimRight; and String.fromCharCode,
//! String.fromCodePoint, String.raw.
//!
//! DEVIATIONS: `localeCompare` approximates the Unicode root collation
//! that V8 (ICU) uses — see `collation_key` — rather than implementing
//! it; `normalize` validates its form but returns the string unchanged
//! (the engine has no Unicode decomposition tables); lone surrogates cannot
//! occur in this engine's strings, so `isWellFormed` is always true and
//! `fromCharCode` turns an unpaired surrogate into U+FFFD. A search value
//! with `@@replace` (a RegExp) is handed to it; the RegExp side is in
//! `regexp/symbol_methods.rs`.

use super::regexp::symbol_methods::{dispatch_replace, get_substitution};
use super::string::this_string;
use super::{arg, define_function};
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::{JsStr, Value};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.string_prototype.clone();
    for (name, len, f) in [
        ("codePointAt", 1, code_point_at as super::NativeFn),
        ("substr", 2, substr),
        ("replace", 2, replace),
        ("replaceAll", 2, replace_all),
        ("localeCompare", 1, locale_compare),
        ("normalize", 0, normalize),
        ("isWellFormed", 0, is_well_formed),
        ("toWellFormed", 0, to_well_formed),
        ("toLocaleUpperCase", 0, to_locale_upper_case),
        ("toLocaleLowerCase", 0, to_locale_lower_case),
    ] {
        define_function(interp, &proto, name, len, f);
    }
    // Annex B: trimLeft and trimRight are the same function objects as
    // trimStart and trimEnd (https://tc39.es/ecma262/#sec-string.prototype.trimleft).
    for (alias, original) in [("trimLeft", "trimStart"), ("trimRight", "trimEnd")] {
        if let Ok(f @ Value::Object(_)) = interp.get(&proto, &PropertyKey::from(original)) {
            proto.define_data(alias, f, Attributes::builtin());
        }
    }
    if let Ok(Value::Object(ctor)) =
        interp.get(&interp.realm.global_object, &PropertyKey::from("String"))
    {
        define_function(interp, &ctor, "fromCharCode", 1, from_char_code);
        define_function(interp, &ctor, "fromCodePoint", 1, from_code_point);
        define_function(interp, &ctor, "raw", 1, raw);
    }
}

/// RequireObjectCoercible(this value).
fn this_string_coercible(interp: &Interpreter, this: &Value, method: &str) -> Completion<()> {
    if this.is_nullish() {
        return Err(interp.type_error(&format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    Ok(())
}

/// The UTF-16 code units of a string.
fn units(s: &JsStr) -> Vec<u16> {
    s.to_utf16()
}

/// A string value from code units (heap-accounted).
fn from_units(interp: &Interpreter, units: &[u16]) -> Value {
    interp.new_string(String::from_utf16_lossy(units))
}

/// StringIndexOf ( string, searchValue, fromIndex ) — https://tc39.es/ecma262/#sec-stringindexof
fn string_index_of(string: &[u16], search: &[u16], from: usize) -> Option<usize> {
    if search.is_empty() {
        return (from <= string.len()).then_some(from);
    }
    if search.len() > string.len() {
        return None;
    }
    (from..=string.len() - search.len()).find(|&i| string[i..i + search.len()] == *search)
}

/// String.prototype.codePointAt ( pos ) — https://tc39.es/ecma262/#sec-string.prototype.codepointat
fn code_point_at(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "codePointAt")?;
    let position = interp.to_integer_or_infinity(&arg(args, 0))?;
    // 5. Out of range: undefined.
    if position < 0.0 || position >= s.utf16_len() as f64 {
        return Ok(Value::Undefined);
    }
    // 6. CodePointAt(S, position).[[CodePoint]] (the string is not
    // converted: indexing an ASCII string is direct).
    let i = position as usize;
    let Some(first) = s.code_unit_at(i) else {
        return Ok(Value::Undefined);
    };
    if (0xD800..0xDC00).contains(&first)
        && let Some(second) = s.code_unit_at(i + 1)
        && (0xDC00..0xE000).contains(&second)
    {
        let cp = 0x10000 + ((first as u32 - 0xD800) << 10) + (second as u32 - 0xDC00);
        return Ok(Value::Number(cp as f64));
    }
    Ok(Value::Number(first as f64))
}

/// String.prototype.substr ( start, length ) — https://tc39.es/ecma262/#sec-string.prototype.substr
fn substr(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = units(&this_string(interp, this, "substr")?);
    let size = s.len() as f64;
    // 4.–7. The start, counted from the end when negative.
    let int_start = interp.to_integer_or_infinity(&arg(args, 0))?;
    let int_start = if int_start < 0.0 {
        (size + int_start).max(0.0)
    } else {
        int_start.min(size)
    };
    // 8.–9. The length, clamped to 0..=size.
    let int_length = match arg(args, 1) {
        Value::Undefined => size,
        l => interp.to_integer_or_infinity(&l)?.clamp(0.0, size),
    };
    // 10.–11. The substring from intStart to min(intStart + intLength, size).
    let int_end = (int_start + int_length).min(size);
    if int_start >= int_end {
        return Ok(Value::from(""));
    }
    Ok(from_units(interp, &s[int_start as usize..int_end as usize]))
}

/// What one replace/replaceAll call works with.
struct Replacement<'a> {
    interp: &'a Interpreter,
    /// The receiver as a string and as code units.
    string: JsStr,
    units: Vec<u16>,
    /// searchString, as a string and as code units.
    search: JsStr,
    search_units: Vec<u16>,
    /// replaceValue when callable, else None and the template's code units.
    function: Option<Value>,
    template: Vec<u16>,
}

impl<'a> Replacement<'a> {
    /// Steps 1–7 of replace and replaceAll: the strings, and whether the
    /// replacement is a function (IsCallable) or a template (ToString).
    fn new(
        interp: &'a Interpreter,
        this: &Value,
        args: &[Value],
        method: &str,
    ) -> Completion<Self> {
        let string = this_string(interp, this, method)?;
        let search = interp.to_string(&arg(args, 0))?;
        let replace_value = arg(args, 1);
        let (function, template) = if is_callable(&replace_value) {
            (Some(replace_value), Vec::new())
        } else {
            (None, units(&interp.to_string(&replace_value)?))
        };
        Ok(Replacement {
            interp,
            units: units(&string),
            string,
            search_units: units(&search),
            search,
            function,
            template,
        })
    }

    /// Appends the replacement for the match at `position`: the function's
    /// result, or the template with its substitutions.
    fn append(&self, position: usize, out: &mut Vec<u16>) -> Completion<()> {
        match &self.function {
            Some(f) => {
                // Call(replaceValue, undefined, « searchString, position, string »), then ToString.
                let args = [
                    Value::String(self.search.clone()),
                    Value::Number(position as f64),
                    Value::String(self.string.clone()),
                ];
                let r = self.interp.call(f, &Value::Undefined, &args)?;
                out.extend(self.interp.to_string(&r)?.as_str().encode_utf16());
            }
            // GetSubstitution with no captures: `$1` and `$<` stay literal.
            None => get_substitution(
                self.interp,
                &self.search_units,
                &self.units,
                position,
                &[],
                None,
                &self.template,
                out,
            )?,
        }
        self.interp.check_string_length(out.len())
    }
}

/// String.prototype.replace ( searchValue, replaceValue ) — https://tc39.es/ecma262/#sec-string.prototype.replace
fn replace(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1.–2. RequireObjectCoercible; a searchValue with @@replace decides.
    this_string_coercible(interp, this, "replace")?;
    if let Some(r) = dispatch_replace(interp, this, &arg(args, 0), &arg(args, 1), false)? {
        return Ok(r);
    }
    // 3.–7. The receiver, searchString and the replacement.
    let r = Replacement::new(interp, this, args, "replace")?;
    // 8.–9. The first occurrence, or the string unchanged.
    let Some(position) = string_index_of(&r.units, &r.search_units, 0) else {
        return Ok(Value::String(r.string));
    };
    // 10.–14. preceding + replacement + following.
    let mut out = r.units[..position].to_vec();
    r.append(position, &mut out)?;
    out.extend_from_slice(&r.units[position + r.search_units.len()..]);
    Ok(from_units(interp, &out))
}

/// String.prototype.replaceAll ( searchValue, replaceValue ) — https://tc39.es/ecma262/#sec-string.prototype.replaceall
fn replace_all(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    // 1.–2. RequireObjectCoercible; a global RegExp (or anything with
    // @@replace) decides; a non-global RegExp is a TypeError.
    this_string_coercible(interp, this, "replaceAll")?;
    if let Some(r) = dispatch_replace(interp, this, &arg(args, 0), &arg(args, 1), true)? {
        return Ok(r);
    }
    let r = Replacement::new(interp, this, args, "replaceAll")?;
    // 9.–12. Every match position, advancing by max(1, searchLength).
    let advance = r.search_units.len().max(1);
    let mut positions = Vec::new();
    let mut next = string_index_of(&r.units, &r.search_units, 0);
    while let Some(p) = next {
        interp.tick()?;
        positions.push(p);
        next = string_index_of(&r.units, &r.search_units, p + advance);
    }
    // 13.–15. The preserved parts with the replacements between them.
    let mut out = Vec::with_capacity(r.units.len());
    let mut end_of_last_match = 0;
    for p in positions {
        out.extend_from_slice(&r.units[end_of_last_match..p]);
        r.append(p, &mut out)?;
        end_of_last_match = p + r.search_units.len();
    }
    if end_of_last_match < r.units.len() {
        out.extend_from_slice(&r.units[end_of_last_match..]);
    }
    Ok(from_units(interp, &out))
}

/// String.prototype.localeCompare ( that ) — https://tc39.es/ecma262/#sec-string.prototype.localecompare
/// DEVIATION: an approximation of the root collation (see [`collation_key`]).
fn locale_compare(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "localeCompare")?;
    let that = interp.to_string(&arg(args, 0))?;
    let ordering = compare_collated(s.as_str(), that.as_str());
    Ok(Value::Number(match ordering {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

/// Compares two strings the way the Unicode root collation does for
/// common text: first by base characters (punctuation, then digits, then
/// letters without case or accents), then by accents, then by case
/// (lowercase first); code points break any remaining tie.
pub fn compare_collated(a: &str, b: &str) -> std::cmp::Ordering {
    let (ka, kb) = (collation_key(a), collation_key(b));
    let primary = |k: &[(u32, u32, u8, u8)]| k.iter().map(|w| (w.0, w.1)).collect::<Vec<_>>();
    let secondary = |k: &[(u32, u32, u8, u8)]| k.iter().map(|w| w.2).collect::<Vec<_>>();
    let tertiary = |k: &[(u32, u32, u8, u8)]| k.iter().map(|w| w.3).collect::<Vec<_>>();
    primary(&ka)
        .cmp(&primary(&kb))
        .then_with(|| secondary(&ka).cmp(&secondary(&kb)))
        .then_with(|| tertiary(&ka).cmp(&tertiary(&kb)))
        .then_with(|| a.cmp(b))
}

/// ASCII punctuation and symbols in the root collation's order.
const PUNCTUATION_ORDER: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// Latin-1 letters with their base letters (for accents), U+00C0..=U+00FF.
const LATIN1_BASES: &str = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";

/// Per character: (group, primary weight, accent, case). Groups:
/// 0 whitespace and punctuation, 1 digits, 2 letters, 3 everything else.
fn collation_key(s: &str) -> Vec<(u32, u32, u8, u8)> {
    s.chars()
        .map(|c| {
            let code = c as u32;
            if let Some(rank) = PUNCTUATION_ORDER.find(c) {
                return (0, rank as u32, 0, 0);
            }
            if c.is_whitespace() || (c.is_ascii_punctuation()) {
                return (0, 0x100 + code, 0, 0);
            }
            if let Some(d) = c.to_digit(10) {
                return (1, d, 0, 0);
            }
            let (base, accent) = match code {
                0xC0..=0xFF => match LATIN1_BASES.as_bytes()[(code - 0xC0) as usize] {
                    b'*' | b'/' => (c, 0),
                    base => (base as char, 1),
                },
                _ => (c, 0),
            };
            if base.is_alphabetic() {
                let lower = base.to_lowercase().next().unwrap_or(base);
                let upper = c.is_uppercase() as u8;
                return (2, lower as u32, accent, upper);
            }
            (3, code, 0, 0)
        })
        .collect()
}

/// String.prototype.normalize ( [ form ] ) — https://tc39.es/ecma262/#sec-string.prototype.normalize
/// DEVIATION: the form is validated, the string returned unchanged.
fn normalize(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "normalize")?;
    let form = match arg(args, 0) {
        Value::Undefined => JsStr::from("NFC"),
        f => interp.to_string(&f)?,
    };
    if !matches!(form.as_str(), "NFC" | "NFD" | "NFKC" | "NFKD") {
        return Err(interp.throw_error(
            ErrorKind::RangeError,
            "The normalization form should be one of NFC, NFD, NFKC, NFKD.",
        ));
    }
    Ok(Value::String(s))
}

/// String.prototype.isWellFormed ( ) — https://tc39.es/ecma262/#sec-string.prototype.iswellformed
fn is_well_formed(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    this_string(interp, this, "isWellFormed")?;
    Ok(Value::Boolean(true))
}

/// String.prototype.toWellFormed ( ) — https://tc39.es/ecma262/#sec-string.prototype.towellformed
fn to_well_formed(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::String(this_string(interp, this, "toWellFormed")?))
}

/// String.prototype.toLocaleUpperCase ( ) — https://tc39.es/ecma262/#sec-string.prototype.tolocaleuppercase
/// (locale-independent, as toUpperCase).
fn to_locale_upper_case(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "toLocaleUpperCase")?;
    Ok(interp.new_string(s.as_str().to_uppercase()))
}

/// String.prototype.toLocaleLowerCase ( ) — https://tc39.es/ecma262/#sec-string.prototype.tolocalelowercase
fn to_locale_lower_case(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "toLocaleLowerCase")?;
    Ok(interp.new_string(s.as_str().to_lowercase()))
}

/// String.fromCharCode ( ...codeUnits ) — https://tc39.es/ecma262/#sec-string.fromcharcode
fn from_char_code(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let mut code_units = Vec::with_capacity(args.len());
    for a in args {
        // ToUint16(next).
        code_units.push(interp.to_uint32(a)? as u16);
    }
    Ok(from_units(interp, &code_units))
}

/// String.fromCodePoint ( ...codePoints ) — https://tc39.es/ecma262/#sec-string.fromcodepoint
fn from_code_point(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let mut out = String::with_capacity(args.len());
    for a in args {
        let n = interp.to_number(a)?;
        // 2.c.–d. An integral Number in 0..=0x10FFFF, or a RangeError.
        if n.fract() != 0.0 || !(0.0..=1114111.0).contains(&n) {
            return Err(interp.range_error(&format!(
                "Invalid code point {}",
                crate::mini::value::number_to_string(n)
            )));
        }
        out.push(char::from_u32(n as u32).unwrap_or('\u{FFFD}'));
    }
    Ok(interp.new_string(out))
}

/// String.raw ( template, ...substitutions ) — https://tc39.es/ecma262/#sec-string.raw
fn raw(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 3.–5. cooked = ? ToObject(template); literals = ? ToObject(? Get(cooked, "raw")).
    let cooked = interp.to_object(&arg(args, 0))?;
    let literals = interp.to_object(&interp.get(&cooked, &PropertyKey::from("raw"))?)?;
    let literal_count = interp.length_of_array_like(&literals)?;
    // 6. If literalCount ≤ 0, return the empty String.
    let mut r = String::new();
    let substitutions = args.get(1..).unwrap_or(&[]);
    for next_index in 0..literal_count {
        interp.tick()?;
        let literal = interp.get(&literals, &PropertyKey::from_number(next_index as f64))?;
        r.push_str(interp.to_string(&literal)?.as_str());
        if next_index + 1 == literal_count {
            break;
        }
        if let Some(sub) = substitutions.get(next_index as usize) {
            r.push_str(interp.to_string(sub)?.as_str());
        }
        interp.check_string_length(r.len())?;
    }
    Ok(interp.new_string(r))
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use super::compare_collated;
    use crate::mini::value::Value;

    fn method(h: &Harness, name: &str, this: &str, args: &[Value]) -> String {
        let r = h.ok(&format!("String.prototype.{name}"), s(this), args);
        h.show(&r)
    }

    #[test]
    fn code_points_and_substr() {
        with_harness(|h| {
            assert_eq!(method(h, "codePointAt", "a\u{1F600}b", &[n(1.0)]), "128512");
            assert_eq!(method(h, "codePointAt", "a\u{1F600}b", &[n(2.0)]), "56832");
            assert_eq!(method(h, "codePointAt", "abc", &[n(3.0)]), "undefined");
            assert_eq!(method(h, "codePointAt", "abc", &[]), "97");
            assert_eq!(method(h, "substr", "abcdef", &[n(-3.0), n(2.0)]), r#""de""#);
            assert_eq!(method(h, "substr", "abcdef", &[n(2.0)]), r#""cdef""#);
            assert_eq!(method(h, "substr", "abcdef", &[n(2.0), n(-1.0)]), r#""""#);
            assert_eq!(
                h.throws("String.prototype.substr", Value::Undefined, &[]),
                "TypeError"
            );
        });
    }

    #[test]
    fn replace_with_templates() {
        with_harness(|h| {
            assert_eq!(
                method(h, "replace", "a-b-c", &[s("-"), s("+")]),
                r#""a+b-c""#
            );
            assert_eq!(
                method(h, "replace", "abc", &[s("b"), s("[$&|$`|$'|$$|$1|$<x>|$]")]),
                r#""a[b|a|c|$|$1|$<x>|$]c""#
            );
            assert_eq!(method(h, "replace", "abc", &[s("x"), s("y")]), r#""abc""#);
            assert_eq!(method(h, "replace", "abc", &[s(""), s("_")]), r#""_abc""#);
            assert_eq!(
                method(h, "replaceAll", "a-b-c", &[s("-"), s("+")]),
                r#""a+b+c""#
            );
            assert_eq!(
                method(h, "replaceAll", "abc", &[s(""), s("_")]),
                r#""_a_b_c_""#
            );
            assert_eq!(
                method(h, "replaceAll", "aaa", &[s("aa"), s("b")]),
                r#""ba""#
            );
            assert_eq!(
                method(h, "replaceAll", "xax", &[s("x"), s("$'")]),
                r#""axa""#
            );
        });
    }

    #[test]
    fn replace_with_functions() {
        with_harness(|h| {
            // Receives (match, position, string).
            let show = h.native(|interp, _, args| {
                let parts: Vec<String> = args
                    .iter()
                    .map(|a| interp.to_string(a).map(|s| s.to_string()))
                    .collect::<Result<_, _>>()?;
                Ok(Value::from(format!("<{}>", parts.join(","))))
            });
            assert_eq!(
                method(h, "replace", "xaxa", &[s("a"), show.clone()]),
                r#""x<a,1,xaxa>xa""#
            );
            assert_eq!(
                method(h, "replaceAll", "xaxa", &[s("a"), show]),
                r#""x<a,1,xaxa>x<a,3,xaxa>""#
            );
        });
    }

    #[test]
    fn from_char_code_from_code_point_and_raw() {
        with_harness(|h| {
            let r = h.ok(
                "String.fromCharCode",
                Value::Undefined,
                &[
                    n(72.0),
                    n(105.0 + 65536.0),
                    n(0xD83D as f64),
                    n(0xDE00 as f64),
                ],
            );
            assert_eq!(h.show(&r), "\"Hi\u{1F600}\"");
            let r = h.ok(
                "String.fromCodePoint",
                Value::Undefined,
                &[n(0x1F600 as f64), n(65.0)],
            );
            assert_eq!(h.show(&r), "\"\u{1F600}A\"");
            assert_eq!(
                h.throws("String.fromCodePoint", Value::Undefined, &[n(1.5)]),
                "RangeError"
            );
            assert_eq!(
                h.throws(
                    "String.fromCodePoint",
                    Value::Undefined,
                    &[n(0x110000 as f64)]
                ),
                "RangeError"
            );
            let template = h.json(r#"{"raw":["a","b","c"]}"#);
            let r = h.ok(
                "String.raw",
                Value::Undefined,
                &[template, n(1.0), n(2.0), n(3.0)],
            );
            assert_eq!(h.show(&r), r#""a1b2c""#);
            let empty = h.json(r#"{"raw":[]}"#);
            assert_eq!(
                h.show(&h.ok("String.raw", Value::Undefined, &[empty])),
                r#""""#
            );
        });
    }

    #[test]
    fn locale_compare_matches_node_for_common_text() {
        // The order node (ICU) gives these words.
        let expected = [
            " ", "_", "-", "1", "10", "2", "a", "A", "ä", "a b", "a-b", "ab", "aB", "Ab", "AB",
            "ab1", "Äpfel", "apple", "b", "B", "e", "é", "ecrire", "écrire", "Écrire", "f", "z",
            "Z", "zebra", "Zebra",
        ];
        let mut words = expected.to_vec();
        words.reverse();
        words.sort_by(|a, b| compare_collated(a, b));
        assert_eq!(words, expected);
        let punctuation = [
            " ", "_", "-", ",", ";", ":", "!", "?", ".", "(", "@", "*", "/", "&", "#", "%", "+",
            "=", "~", "$", "0", "a",
        ];
        let mut p = punctuation.to_vec();
        p.sort();
        p.sort_by(|a, b| compare_collated(a, b));
        assert_eq!(p, punctuation);
        with_harness(|h| {
            assert_eq!(method(h, "localeCompare", "a", &[s("B")]), "-1");
            assert_eq!(method(h, "localeCompare", "résumé", &[s("resume")]), "1");
            assert_eq!(method(h, "localeCompare", "a", &[s("a")]), "0");
        });
    }

    #[test]
    fn small_ones() {
        with_harness(|h| {
            assert_eq!(method(h, "normalize", "é", &[]), r#""é""#);
            assert_eq!(
                h.throws("String.prototype.normalize", s("a"), &[s("nfc")]),
                "RangeError"
            );
            assert_eq!(method(h, "isWellFormed", "ab", &[]), "true");
            assert_eq!(
                method(h, "toLocaleUpperCase", "straße", &[]),
                r#""STRASSE""#
            );
            assert_eq!(method(h, "toLocaleLowerCase", "ÀB", &[]), r#""àb""#);
            let trim_left = h.global("String.prototype.trimLeft");
            let trim_start = h.global("String.prototype.trimStart");
            assert!(crate::mini::value::same_value(&trim_left, &trim_start));
        });
    }
}
