//! String objects — https://tc39.es/ecma262/#sec-string-objects
//! The String constructor (String ( value ), which also is how `console.log`
//! converts) and a core of String.prototype: toString, valueOf, charAt,
//! charCodeAt, indexOf, lastIndexOf, includes, startsWith, endsWith, slice,
//! substring, toUpperCase, toLowerCase, trim, trimStart, trimEnd, split (string
//! separators), repeat, padStart, padEnd, concat, at, @@iterator with
//! %StringIteratorPrototype%.
//! Indices are UTF-16 code units.

use super::{arg, define_constructor, define_function, define_symbol_function};
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{JsStr, Value, is_js_whitespace};

pub fn install(interp: &Interpreter) {
    let proto = interp.realm.string_prototype.clone();
    proto.define_data("length", Value::Number(0.0), Attributes::none());
    let ctor = define_constructor(interp, "String", 1, string_constructor, &proto);
    interp.realm.set_intrinsic("%String%", ctor);
    for (name, len, f) in [
        ("toString", 0, to_string as super::NativeFn),
        ("valueOf", 0, to_string),
        ("charAt", 1, char_at),
        ("charCodeAt", 1, char_code_at),
        ("indexOf", 1, index_of),
        ("lastIndexOf", 1, last_index_of),
        ("includes", 1, includes),
        ("startsWith", 1, starts_with),
        ("endsWith", 1, ends_with),
        ("slice", 2, slice),
        ("substring", 2, substring),
        ("toUpperCase", 0, to_upper_case),
        ("toLowerCase", 0, to_lower_case),
        ("trim", 0, trim),
        ("trimStart", 0, trim_start),
        ("trimEnd", 0, trim_end),
        ("split", 2, split),
        ("repeat", 1, repeat),
        ("padStart", 2, pad_start),
        ("padEnd", 2, pad_end),
        ("concat", 1, concat),
        ("at", 1, at),
    ] {
        define_function(interp, &proto, name, len, f);
    }
    define_symbol_function(
        interp,
        &proto,
        &interp.symbols.iterator.clone(),
        0,
        iterator,
    );
    install_string_iterator_prototype(interp);
}

/// String ( value ) — https://tc39.es/ecma262/#sec-string-constructor-string-value
fn string_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1.–2. No argument: ""; a Symbol called (not constructed): its descriptive string.
    let s = if args.is_empty() {
        JsStr::from("")
    } else if interp.new_target().is_none() {
        interp.string_of(&args[0])?
    } else {
        interp.to_string(&args[0])?
    };
    // 3. Called as a function: return s.
    let Some(nt) = interp.new_target() else {
        return Ok(Value::String(s));
    };
    // 4. StringCreate(s, GetPrototypeFromConstructor(NewTarget, "%String.prototype%")).
    let o = interp.ordinary_create_from_constructor(
        Some(&nt),
        &interp.realm.string_prototype,
        ObjectKind::String(s.clone()),
    )?;
    o.define_data(
        "length",
        Value::Number(s.utf16_len() as f64),
        Attributes::none(),
    );
    Ok(Value::Object(o))
}

/// thisStringValue ( value ) — https://tc39.es/ecma262/#sec-thisstringvalue
fn this_string_value(interp: &Interpreter, this: &Value) -> Completion<JsStr> {
    match this {
        Value::String(s) => Ok(s.clone()),
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::String(s) => Ok(s.clone()),
            _ => {
                Err(interp.type_error("String.prototype.valueOf requires that 'this' be a String"))
            }
        },
        _ => Err(interp.type_error("String.prototype.valueOf requires that 'this' be a String")),
    }
}

fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(Value::String(this_string_value(interp, this)?))
}

/// RequireObjectCoercible(this value), then ToString: the receiver of
/// String.prototype methods.
pub(super) fn this_string(interp: &Interpreter, this: &Value, method: &str) -> Completion<JsStr> {
    if this.is_nullish() {
        return Err(interp.type_error(&format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    interp.to_string(this)
}

/// The receiver as UTF-16 code units.
fn this_str(interp: &Interpreter, this: &Value, method: &str) -> Completion<Vec<u16>> {
    Ok(this_string(interp, this, method)?.to_utf16())
}

fn units_value(interp: &Interpreter, units: &[u16]) -> Value {
    interp.new_string(String::from_utf16_lossy(units))
}

fn position(interp: &Interpreter, v: &Value, len: usize, default: usize) -> Completion<usize> {
    if v.is_undefined() {
        return Ok(default);
    }
    Ok(interp.to_integer_or_infinity(v)?.clamp(0.0, len as f64) as usize)
}

fn relative(interp: &Interpreter, v: &Value, len: usize, default: usize) -> Completion<usize> {
    if v.is_undefined() {
        return Ok(default);
    }
    let r = interp.to_integer_or_infinity(v)?;
    Ok(if r < 0.0 {
        (len as f64 + r).max(0.0) as usize
    } else {
        r.min(len as f64) as usize
    })
}

fn find(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    (from..hay.len().saturating_sub(needle.len()) + 1).find(|&i| hay[i..].starts_with(needle))
}

/// The one-code-unit string at `i` of `s` (U+FFFD for half a surrogate pair).
fn unit_string(interp: &Interpreter, s: &JsStr, i: usize) -> Value {
    if s.is_ascii() {
        return Value::from(&s.as_str()[i..i + 1]);
    }
    units_value(interp, &[s.code_unit_at(i).unwrap_or(0xFFFD)])
}

/// String.prototype.charAt ( pos ) — https://tc39.es/ecma262/#sec-string.prototype.charat
fn char_at(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "charAt")?;
    let p = interp.to_integer_or_infinity(&arg(args, 0))?;
    if p < 0.0 || p >= s.utf16_len() as f64 {
        return Ok(Value::from(""));
    }
    Ok(unit_string(interp, &s, p as usize))
}

/// String.prototype.charCodeAt ( pos ) — https://tc39.es/ecma262/#sec-string.prototype.charcodeat
fn char_code_at(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "charCodeAt")?;
    let p = interp.to_integer_or_infinity(&arg(args, 0))?;
    if p < 0.0 || p >= s.utf16_len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::Number(
        s.code_unit_at(p as usize).map_or(f64::NAN, f64::from),
    ))
}

/// String.prototype.at ( index ) — https://tc39.es/ecma262/#sec-string.prototype.at
fn at(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "at")?;
    let len = s.utf16_len() as f64;
    let r = interp.to_integer_or_infinity(&arg(args, 0))?;
    let k = if r < 0.0 { len + r } else { r };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    Ok(unit_string(interp, &s, k as usize))
}

/// A string as UTF-16 code units, for the searching and slicing methods
/// (NON-SPEC: an ASCII string's bytes are its code units, so it is used as
/// it is — indexing a long ASCII string in a loop stays linear; any other
/// string is converted once per call).
enum Units<'a> {
    Ascii(&'a str),
    Wide(Vec<u16>),
}

impl<'a> Units<'a> {
    fn of(s: &'a JsStr) -> Self {
        if s.is_ascii() {
            Units::Ascii(s.as_str())
        } else {
            Units::Wide(s.to_utf16())
        }
    }

    fn len(&self) -> usize {
        match self {
            Units::Ascii(t) => t.len(),
            Units::Wide(u) => u.len(),
        }
    }

    /// The code units `from..to` as a string value ("" when empty).
    fn slice(&self, interp: &Interpreter, from: usize, to: usize) -> Value {
        if from >= to {
            return Value::from("");
        }
        match self {
            Units::Ascii(t) => interp.new_string(t[from..to].to_string()),
            Units::Wide(u) => units_value(interp, &u[from..to]),
        }
    }

    /// The first index ≥ `from` where `needle` occurs.
    fn find(&self, needle: &JsStr, from: usize) -> Option<usize> {
        match self {
            Units::Ascii(t) if needle.is_ascii() => {
                t.get(from..)?.find(needle.as_str()).map(|i| i + from)
            }
            // A non-ASCII needle never occurs in an ASCII string.
            Units::Ascii(_) => None,
            Units::Wide(u) => find(u, &needle.to_utf16(), from),
        }
    }

    /// The last index ≤ `start` where `needle` occurs.
    fn rfind(&self, needle: &JsStr, start: usize) -> Option<usize> {
        match self {
            Units::Ascii(t) if needle.is_ascii() => {
                let last = t.len().checked_sub(needle.as_str().len())?;
                t[..start.min(last) + needle.as_str().len()].rfind(needle.as_str())
            }
            Units::Ascii(_) => None,
            Units::Wide(u) => {
                let needle = needle.to_utf16();
                let last = u.len().checked_sub(needle.len())?;
                (0..=start.min(last))
                    .rev()
                    .find(|&i| u[i..].starts_with(&needle))
            }
        }
    }

    /// Whether `needle` occurs at index `at` (≤ len).
    fn occurs_at(&self, needle: &JsStr, at: usize) -> bool {
        match self {
            Units::Ascii(t) => t[at..].starts_with(needle.as_str()),
            Units::Wide(u) => u[at..].starts_with(&needle.to_utf16()),
        }
    }

    /// Whether `needle` ends at index `end` (≤ len).
    fn ends_at(&self, needle: &JsStr, end: usize) -> bool {
        match self {
            Units::Ascii(t) => t[..end].ends_with(needle.as_str()),
            Units::Wide(u) => u[..end].ends_with(&needle.to_utf16()),
        }
    }
}

/// String.prototype.indexOf ( searchString [ , position ] ) — https://tc39.es/ecma262/#sec-string.prototype.indexof
fn index_of(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "indexOf")?;
    let search = interp.to_string(&arg(args, 0))?;
    let s = Units::of(&s);
    let start = position(interp, &arg(args, 1), s.len(), 0)?;
    Ok(Value::Number(
        s.find(&search, start).map_or(-1.0, |i| i as f64),
    ))
}

/// String.prototype.lastIndexOf ( searchString [ , position ] ) — https://tc39.es/ecma262/#sec-string.prototype.lastindexof
fn last_index_of(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "lastIndexOf")?;
    let search = interp.to_string(&arg(args, 0))?;
    // 4.–5. pos = +∞ when position is NaN (or absent), else ToIntegerOrInfinity.
    let num_pos = interp.to_number(&arg(args, 1))?;
    let pos = if num_pos.is_nan() {
        f64::INFINITY
    } else {
        crate::mini::value::integer_or_infinity(num_pos)
    };
    // 6.–7. start = clamp(pos, 0, len); search down from min(start, len − searchLen).
    let s = Units::of(&s);
    let start = pos.clamp(0.0, s.len() as f64) as usize;
    Ok(Value::Number(
        s.rfind(&search, start).map_or(-1.0, |i| i as f64),
    ))
}

/// The searchString argument of includes, startsWith and endsWith: a
/// RegExp is a TypeError (IsRegExp), anything else is converted ToString.
fn search_string(interp: &Interpreter, v: &Value, method: &str) -> Completion<JsStr> {
    if super::regexp::is_regexp(interp, v)? {
        return Err(interp.type_error(&format!(
            "First argument to String.prototype.{method} must not be a regular expression"
        )));
    }
    interp.to_string(v)
}

/// String.prototype.includes ( searchString [ , position ] ) — https://tc39.es/ecma262/#sec-string.prototype.includes
fn includes(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "includes")?;
    let search = search_string(interp, &arg(args, 0), "includes")?;
    let s = Units::of(&s);
    let start = position(interp, &arg(args, 1), s.len(), 0)?;
    Ok(Value::Boolean(s.find(&search, start).is_some()))
}

/// String.prototype.startsWith ( searchString [ , position ] ) — https://tc39.es/ecma262/#sec-string.prototype.startswith
fn starts_with(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "startsWith")?;
    let search = search_string(interp, &arg(args, 0), "startsWith")?;
    let s = Units::of(&s);
    let start = position(interp, &arg(args, 1), s.len(), 0)?;
    Ok(Value::Boolean(s.occurs_at(&search, start)))
}

/// String.prototype.endsWith ( searchString [ , endPosition ] ) — https://tc39.es/ecma262/#sec-string.prototype.endswith
fn ends_with(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "endsWith")?;
    let search = search_string(interp, &arg(args, 0), "endsWith")?;
    let s = Units::of(&s);
    let end = position(interp, &arg(args, 1), s.len(), s.len())?;
    Ok(Value::Boolean(s.ends_at(&search, end)))
}

/// String.prototype.slice ( start, end ) — https://tc39.es/ecma262/#sec-string.prototype.slice
fn slice(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "slice")?;
    let s = Units::of(&s);
    let from = relative(interp, &arg(args, 0), s.len(), 0)?;
    let to = relative(interp, &arg(args, 1), s.len(), s.len())?;
    Ok(s.slice(interp, from, to))
}

/// String.prototype.substring ( start, end ) — https://tc39.es/ecma262/#sec-string.prototype.substring
fn substring(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_string(interp, this, "substring")?;
    let s = Units::of(&s);
    let a = position(interp, &arg(args, 0), s.len(), 0)?;
    let b = position(interp, &arg(args, 1), s.len(), s.len())?;
    Ok(s.slice(interp, a.min(b), a.max(b)))
}

fn to_upper_case(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = String::from_utf16_lossy(&this_str(interp, this, "toUpperCase")?);
    Ok(interp.new_string(s.to_uppercase()))
}

fn to_lower_case(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = String::from_utf16_lossy(&this_str(interp, this, "toLowerCase")?);
    Ok(interp.new_string(s.to_lowercase()))
}

fn trim(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = String::from_utf16_lossy(&this_str(interp, this, "trim")?);
    Ok(interp.new_string(s.trim_matches(is_js_whitespace).to_string()))
}

fn trim_start(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = String::from_utf16_lossy(&this_str(interp, this, "trimStart")?);
    Ok(interp.new_string(s.trim_start_matches(is_js_whitespace).to_string()))
}

fn trim_end(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let s = String::from_utf16_lossy(&this_str(interp, this, "trimEnd")?);
    Ok(interp.new_string(s.trim_end_matches(is_js_whitespace).to_string()))
}

/// String.prototype.split ( separator, limit ) for string separators.
/// String.prototype.split ( separator, limit ) from step 3. (the
/// @@split dispatch is in `regexp/symbol_methods.rs`) — https://tc39.es/ecma262/#sec-string.prototype.split
fn split(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_str(interp, this, "split")?;
    let limit = match arg(args, 1) {
        Value::Undefined => u32::MAX,
        l => interp.to_uint32(&l)?,
    };
    // 5. Let R be ? ToString(separator).
    let separator = arg(args, 0);
    let sep = interp.to_string(&separator)?.to_utf16();
    let mut parts = Vec::new();
    // 6. If lim = 0, return an empty array.
    if limit == 0 {
        return Ok(Value::Object(interp.new_array(parts)));
    }
    // 7. If separator is undefined, return « S ».
    if separator.is_undefined() {
        return Ok(Value::Object(
            interp.new_array(vec![units_value(interp, &s)]),
        ));
    }
    if sep.is_empty() {
        for u in s.iter().take(limit as usize) {
            parts.push(units_value(interp, &[*u]));
        }
        return Ok(Value::Object(interp.new_array(parts)));
    }
    let mut start = 0;
    while let Some(i) = find(&s, &sep, start) {
        if i >= s.len() {
            break;
        }
        parts.push(units_value(interp, &s[start..i]));
        if parts.len() as u32 >= limit {
            return Ok(Value::Object(interp.new_array(parts)));
        }
        start = i + sep.len();
    }
    parts.push(units_value(interp, &s[start..]));
    Ok(Value::Object(interp.new_array(parts)))
}

/// String.prototype.repeat ( count ) — RangeError past V8's length limit.
fn repeat(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let s = this_str(interp, this, "repeat")?;
    let n = interp.to_integer_or_infinity(&arg(args, 0))?;
    if n < 0.0 || n == f64::INFINITY {
        return Err(interp.range_error("Invalid count value"));
    }
    if s.is_empty() || n == 0.0 {
        return Ok(Value::from(""));
    }
    let total = s.len() as f64 * n;
    if total > crate::mini::interpreter::conversions::MAX_STRING_LENGTH as f64 {
        return Err(interp.range_error("Invalid string length"));
    }
    Ok(interp.new_string(String::from_utf16_lossy(&s).repeat(n as usize)))
}

fn pad(interp: &Interpreter, this: &Value, args: &[Value], at_start: bool) -> Completion<Value> {
    let s = this_str(interp, this, if at_start { "padStart" } else { "padEnd" })?;
    let max = interp.to_length(&arg(args, 0))? as usize;
    if max <= s.len() {
        return Ok(units_value(interp, &s));
    }
    interp.check_string_length(max)?;
    let filler = match arg(args, 1) {
        Value::Undefined => vec![b' ' as u16],
        f => interp.to_string(&f)?.to_utf16(),
    };
    if filler.is_empty() {
        return Ok(units_value(interp, &s));
    }
    let fill: Vec<u16> = filler.iter().cycle().take(max - s.len()).copied().collect();
    let out = if at_start {
        [fill, s].concat()
    } else {
        [s, fill].concat()
    };
    Ok(units_value(interp, &out))
}

fn pad_start(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    pad(interp, this, args, true)
}

fn pad_end(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    pad(interp, this, args, false)
}

fn concat(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let mut s = String::from_utf16_lossy(&this_str(interp, this, "concat")?);
    for a in args {
        s.push_str(interp.to_string(a)?.as_str());
        interp.check_string_length(s.len())?;
    }
    Ok(interp.new_string(s))
}

/// %StringIteratorPrototype% instance state (NON-SPEC shape: the spec's
/// generator closure over the string is the string and the byte position
/// of the next code point; None once done).
struct StringIterator {
    iterated: Option<(JsStr, usize)>,
}

impl Trace for StringIterator {
    fn trace(&self, _tracer: &mut dyn Tracer) {
        // A string holds no containers.
        let StringIterator { iterated: _ } = self;
    }
}

/// Makes %StringIteratorPrototype% — https://tc39.es/ecma262/#sec-%stringiteratorprototype%-object
fn install_string_iterator_prototype(interp: &Interpreter) {
    let proto = interp.new_object_with_proto(Some(interp.realm.iterator_prototype.clone()));
    define_function(interp, &proto, "next", 0, string_iterator_next);
    proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("String Iterator"),
        Attributes::new(false, false, true),
    );
    interp
        .realm
        .set_intrinsic("%StringIteratorPrototype%", proto);
}

/// String.prototype [ @@iterator ] ( ) — https://tc39.es/ecma262/#sec-string.prototype-%symbol.iterator%
fn iterator(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    // 1. Let O be ? RequireObjectCoercible(this value).
    if this.is_nullish() {
        return Err(
            interp.type_error("String.prototype[Symbol.iterator] called on null or undefined")
        );
    }
    // 2. Let s be ? ToString(O).
    let s = interp.to_string(this)?;
    // 3.–4. CreateIteratorFromClosure(closure, "%StringIteratorPrototype%", %StringIteratorPrototype%).
    let proto = interp.realm.intrinsic("%StringIteratorPrototype%");
    Ok(Value::Object(Obj::with_kind(
        &interp.heap,
        proto,
        ObjectKind::Native(Box::new(StringIterator {
            iterated: Some((s, 0)),
        })),
    )))
}

/// %StringIteratorPrototype%.next ( ) — https://tc39.es/ecma262/#sec-%stringiteratorprototype%.next
/// Yields the string's code points one by one.
fn string_iterator_next(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let Value::Object(it) = this else {
        return Err(interp.type_error("next called on a non-iterator"));
    };
    let mut data = it.borrow_mut();
    let Some(state) = (match &mut data.kind {
        ObjectKind::Native(n) => n.as_any_mut().downcast_mut::<StringIterator>(),
        _ => None,
    }) else {
        drop(data);
        return Err(interp.type_error("next called on a non-string-iterator"));
    };
    let next = match &mut state.iterated {
        Some((s, position)) => match s.as_str()[*position..].chars().next() {
            Some(c) => {
                *position += c.len_utf8();
                Some(c)
            }
            None => None,
        },
        None => None,
    };
    if next.is_none() {
        state.iterated = None;
    }
    drop(data);
    Ok(match next {
        Some(c) => interp.create_iter_result_object(Value::from(c.to_string()), false),
        None => interp.create_iter_result_object(Value::Undefined, true),
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::assert_prints;

    #[test]
    fn string_iterators_have_their_own_prototype() {
        // Expected lines are node's.
        assert_prints(
            r#"
            const it = ""[Symbol.iterator]();
            console.log(Object.prototype.toString.call(it), JSON.stringify(it.next()), JSON.stringify(it.next()));
            const proto = Object.getPrototypeOf(it);
            const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
            console.log(Object.getOwnPropertyNames(proto).join(","), Object.getPrototypeOf(proto) === iteratorPrototype);
            const it2 = "a😀é"[Symbol.iterator]();
            console.log(JSON.stringify([it2.next(), it2.next(), it2.next(), it2.next()]));
            console.log([..."x😀y"].length, Array.from("héllo").join("|"), it2[Symbol.iterator]() === it2);
            try { proto.next.call([][Symbol.iterator]()); } catch (e) { console.log(e.name); }
            try { String.prototype[Symbol.iterator].call(null); } catch (e) { console.log(e.name); }
            console.log([...String.prototype[Symbol.iterator].call(42)].join("+"));
            "#,
            &[
                r#"[object String Iterator] {"done":true} {"done":true}"#,
                "next true",
                r#"[{"value":"a","done":false},{"value":"😀","done":false},{"value":"é","done":false},{"done":true}]"#,
                "3 h|é|l|l|o true",
                "TypeError",
                "TypeError",
                "4+2",
            ],
        );
    }

    #[test]
    fn last_index_of_split_limit_and_regexp_search_strings() {
        // Expected lines are node's.
        assert_prints(
            r#"
            console.log("abcabc".lastIndexOf("c", 3), "aaa".lastIndexOf("a", -5), "abc".lastIndexOf("c", NaN), "abc".lastIndexOf("", 1));
            console.log("abc".lastIndexOf("abcd"), "".lastIndexOf(""), "abcabc".lastIndexOf("abc", 2), "abcabc".lastIndexOf("c"));
            console.log(JSON.stringify("abc".split(undefined, 0)), JSON.stringify("abc".split(undefined)), JSON.stringify("a,b".split(",", 0)));
            for (const m of ["startsWith", "endsWith", "includes"]) {
              try { "abc"[m](/a/); } catch (e) { console.log(m, e.name); }
            }
            const notRegExp = /a/; notRegExp[Symbol.match] = false;
            console.log("/a/".startsWith(notRegExp), "x".includes({ [Symbol.match]: 0, toString() { return "x"; } }));
            "#,
            &[
                "2 0 2 1",
                "-1 0 0 5",
                r#"[] ["abc"] []"#,
                "startsWith TypeError",
                "endsWith TypeError",
                "includes TypeError",
                "true true",
            ],
        );
    }

    #[test]
    fn indexing_a_long_ascii_string_does_not_copy_it() {
        // Each call used to convert the whole 200,000-unit string to UTF-16
        // (minutes here); now it reads the byte.
        assert_prints(
            r#"
            const s = "abcdefghij".repeat(20000);
            let sum = 0, a = 0, found = 0;
            for (let i = 0; i < s.length; i++) {
              sum += s.charCodeAt(i);
              if (s.charAt(i) === "a" && s.slice(i, i + 1) === s[i]) a++;
            }
            for (let i = 0; i < 1000; i++) found += s.indexOf("j", i * 150) % 10;
            console.log(sum, a, found, s.lastIndexOf("a", 50), s.at(-1), s.codePointAt(3));
            "#,
            &["20300000 20000 9000 50 j 100"],
        );
    }
}
