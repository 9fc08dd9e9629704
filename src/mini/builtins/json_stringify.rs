//! JSON.stringify — https://tc39.es/ecma262/#sec-json.stringify
//! with SerializeJSONProperty, SerializeJSONObject, SerializeJSONArray and
//! QuoteJSONString: replacer functions and arrays, `space` indentation,
//! `toJSON`, wrapper objects, and cycles (a TypeError).
//!
//! NON-SPEC: the result is written into one growing buffer instead of
//! joining lists of partial strings; a member whose value serialises to
//! undefined is rolled back. Each nesting level counts as a call
//! (`enter_call`), so a structure deeper than the call-depth limit is a
//! RangeError (as in V8: "Maximum call stack size exceeded"), never a native
//! stack overflow. The cycle check uses a set of the objects being
//! serialised instead of searching the stack list.

use std::collections::HashSet;

use super::arg;
use crate::mini::interpreter::conversions::MAX_STRING_LENGTH;
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::PropertyKey;
use crate::mini::value::{Value, number_to_string};

/// The JSON Serialization Record (#sec-json-serialization-record) plus the
/// output buffer.
struct Serializer<'a> {
    interp: &'a Interpreter,
    /// [[ReplacerFunction]]
    replacer_function: Option<Value>,
    /// [[PropertyList]]
    property_list: Option<Vec<PropertyKey>>,
    /// [[Gap]]
    gap: String,
    /// [[Indent]]
    indent: String,
    /// [[Stack]], as a set of object addresses.
    stack: HashSet<usize>,
    out: String,
}

/// JSON.stringify ( value [ , replacer [ , space ] ] ) — https://tc39.es/ecma262/#sec-json.stringify
pub fn stringify(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let value = arg(args, 0);
    let replacer = arg(args, 1);
    let mut space = arg(args, 2);
    let mut replacer_function = None;
    let mut property_list = None;
    // 4. If replacer is an Object, then
    if let Value::Object(r) = &replacer {
        if r.is_callable() {
            // 4.a. A replacer function.
            replacer_function = Some(replacer.clone());
        } else if r.is_array() {
            // 4.b. An allow-list of property names.
            property_list = Some(property_list_from(interp, r)?);
        }
    }
    // 5. Unwrap a Number or String object `space`.
    if let Value::Object(o) = &space {
        let unwrap = match &o.borrow().kind {
            ObjectKind::Number(_) => Some(true),
            ObjectKind::String(_) => Some(false),
            _ => None,
        };
        match unwrap {
            Some(true) => space = Value::Number(interp.to_number(&space)?),
            Some(false) => space = Value::String(interp.to_string(&space)?),
            None => {}
        }
    }
    // 6.–8. The gap: up to ten spaces, or the first ten code units of a string.
    let gap = match &space {
        Value::Number(_) => {
            let count = interp.to_integer_or_infinity(&space)?.clamp(0.0, 10.0);
            " ".repeat(count as usize)
        }
        Value::String(s) => {
            let units = s.to_utf16();
            String::from_utf16_lossy(&units[..units.len().min(10)])
        }
        _ => String::new(),
    };
    // 9.–10. wrapper = OrdinaryObjectCreate(%Object.prototype%);
    // CreateDataPropertyOrThrow(wrapper, "", value).
    let wrapper = interp.new_object();
    interp.create_data_property_or_throw(&wrapper, PropertyKey::from(""), value)?;
    let mut state = Serializer {
        interp,
        replacer_function,
        property_list,
        gap,
        indent: String::new(),
        stack: HashSet::new(),
        out: String::new(),
    };
    // 12. Return ? SerializeJSONProperty(state, "", wrapper).
    if state.serialize_property(&PropertyKey::from(""), &wrapper)? {
        let text = std::mem::take(&mut state.out);
        Ok(interp.new_string(text))
    } else {
        Ok(Value::Undefined)
    }
}

/// JSON.stringify step 4.b: the PropertyList from a replacer array —
/// strings, numbers and String/Number objects, without duplicates.
fn property_list_from(interp: &Interpreter, replacer: &Obj) -> Completion<Vec<PropertyKey>> {
    let len = interp.length_of_array_like(replacer)?;
    let mut list: Vec<PropertyKey> = Vec::new();
    for k in 0..len {
        interp.tick()?;
        let v = interp.get(replacer, &PropertyKey::from_number(k as f64))?;
        let item = match &v {
            Value::String(s) => Some(s.clone()),
            Value::Number(_) => Some(interp.to_string(&v)?),
            Value::Object(o)
                if matches!(
                    o.borrow().kind,
                    ObjectKind::String(_) | ObjectKind::Number(_)
                ) =>
            {
                Some(interp.to_string(&v)?)
            }
            _ => None,
        };
        if let Some(item) = item {
            let key = PropertyKey::from_js_str(item);
            if !list.contains(&key) {
                list.push(key);
            }
        }
    }
    Ok(list)
}

impl Serializer<'_> {
    /// SerializeJSONProperty ( state, key, holder ) —
    /// https://tc39.es/ecma262/#sec-serializejsonproperty
    /// Appends the serialisation to `out`; false when it is undefined (and
    /// nothing was appended).
    fn serialize_property(&mut self, key: &PropertyKey, holder: &Obj) -> Completion<bool> {
        let interp = self.interp;
        interp.tick()?;
        // 1. Let value be ? Get(holder, key).
        let mut value = interp.get(holder, key)?;
        // 2. If value is an Object (or a BigInt), call its toJSON.
        if matches!(value, Value::Object(_)) {
            let to_json = interp.get_v(&value, &PropertyKey::from("toJSON"))?;
            if is_callable(&to_json) {
                value = interp.call(&to_json, &value, &[key.to_value()])?;
            }
        }
        // 3. If state.[[ReplacerFunction]] is not undefined, call it.
        if let Some(replacer) = &self.replacer_function {
            value = interp.call(
                replacer,
                &Value::Object(holder.clone()),
                &[key.to_value(), value],
            )?;
        }
        // 4. Unwrap Number, String and Boolean objects.
        if let Value::Object(o) = &value {
            let kind = match &o.borrow().kind {
                ObjectKind::Number(_) => 1,
                ObjectKind::String(_) => 2,
                ObjectKind::Boolean(b) => 3 + *b as u8,
                _ => 0,
            };
            match kind {
                1 => value = Value::Number(interp.to_number(&value)?),
                2 => value = Value::String(interp.to_string(&value)?),
                3 | 4 => value = Value::Boolean(kind == 4),
                _ => {}
            }
        }
        // 5.–10. Primitives.
        match &value {
            Value::Null => self.out.push_str("null"),
            Value::Boolean(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::String(s) => quote_json_string(&mut self.out, s.as_str()),
            Value::Number(x) if x.is_finite() => self.out.push_str(&number_to_string(*x)),
            Value::Number(_) => self.out.push_str("null"),
            // 11. Objects that are not callable: arrays and objects.
            Value::Object(o) if !o.is_callable() => {
                let o = o.clone();
                // NON-SPEC: each level is a call for the depth and stack limits.
                interp.enter_call()?;
                let result = if o.is_array() {
                    self.serialize_array(&o)
                } else {
                    self.serialize_object(&o)
                };
                interp.exit_call();
                result?;
            }
            // 12. Return undefined (functions, symbols, undefined).
            _ => return Ok(false),
        }
        if self.out.len() > MAX_STRING_LENGTH {
            interp.check_string_length(self.out.encode_utf16().count())?;
        }
        Ok(true)
    }

    /// The cycle check shared by objects and arrays (step 1 of both):
    /// enters `value` or throws a TypeError.
    fn enter(&mut self, value: &Obj) -> Completion<()> {
        if !self.stack.insert(value.addr()) {
            return Err(self
                .interp
                .type_error("Converting circular structure to JSON"));
        }
        Ok(())
    }

    /// Writes the separator before member `index`: "," and, with a gap, a
    /// line break and the indentation.
    fn separator(&mut self, index: usize) {
        if index > 0 {
            self.out.push(',');
        }
        if !self.gap.is_empty() {
            self.out.push('\n');
            self.out.push_str(&self.indent);
        }
    }

    /// The closing bracket after `count` members: on its own line when there
    /// is a gap and at least one member.
    fn close(&mut self, count: usize, stepback: &str, bracket: char) {
        if count > 0 && !self.gap.is_empty() {
            self.out.push('\n');
            self.out.push_str(stepback);
        }
        self.out.push(bracket);
    }

    /// SerializeJSONObject ( state, value ) — https://tc39.es/ecma262/#sec-serializejsonobject
    fn serialize_object(&mut self, value: &Obj) -> Completion<()> {
        // 1.–2. Cycle check; append value to state.[[Stack]].
        self.enter(value)?;
        // 3.–4. stepback = indent; indent += gap.
        let stepback = self.indent.clone();
        self.indent.push_str(&self.gap);
        // 5.–6. K: the PropertyList, or EnumerableOwnProperties(value, key).
        let keys = match &self.property_list {
            Some(list) => list.clone(),
            None => self.interp.enumerable_own_keys(value)?,
        };
        // 7.–8. Each member that is not undefined: key, ":", (" "), value.
        self.out.push('{');
        let mut count = 0;
        for key in keys {
            let mark = self.out.len();
            self.separator(count);
            quote_json_string(&mut self.out, &key.to_display_string());
            self.out.push(':');
            if !self.gap.is_empty() {
                self.out.push(' ');
            }
            if self.serialize_property(&key, value)? {
                count += 1;
            } else {
                self.out.truncate(mark);
            }
        }
        // 9.–11. Close; remove value from the stack; restore the indent.
        self.close(count, &stepback, '}');
        self.stack.remove(&value.addr());
        self.indent = stepback;
        Ok(())
    }

    /// SerializeJSONArray ( state, value ) — https://tc39.es/ecma262/#sec-serializejsonarray
    fn serialize_array(&mut self, value: &Obj) -> Completion<()> {
        self.enter(value)?;
        let stepback = self.indent.clone();
        self.indent.push_str(&self.gap);
        // 6. Let len be ? LengthOfArrayLike(value).
        let len = self.interp.length_of_array_like(value)?;
        // 8. Each index: its serialisation, or "null" if undefined.
        self.out.push('[');
        for index in 0..len {
            self.separator(index as usize);
            if !self.serialize_property(&PropertyKey::from_number(index as f64), value)? {
                self.out.push_str("null");
            }
        }
        self.close(len as usize, &stepback, ']');
        self.stack.remove(&value.addr());
        self.indent = stepback;
        Ok(())
    }
}

/// QuoteJSONString ( value ) — https://tc39.es/ecma262/#sec-quotejsonstring
/// appended to `out`.
fn quote_json_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // UnicodeEscape(C): four lowercase hex digits. (Lone surrogates
            // cannot occur: strings are UTF-8.)
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness};
    use crate::mini::property::{Attributes, PropertyKey};
    use crate::mini::value::Value;

    fn stringify(h: &Harness, args: &[Value]) -> String {
        match h.ok("JSON.stringify", Value::Undefined, args) {
            Value::String(s) => s.to_string(),
            Value::Undefined => "undefined".into(),
            other => panic!("JSON.stringify returned {other:?}"),
        }
    }

    #[test]
    fn primitives_and_special_numbers() {
        with_harness(|h| {
            assert_eq!(stringify(h, &[n(1.5)]), "1.5");
            assert_eq!(stringify(h, &[n(-0.0)]), "0");
            assert_eq!(stringify(h, &[n(f64::NAN)]), "null");
            assert_eq!(stringify(h, &[n(f64::INFINITY)]), "null");
            assert_eq!(stringify(h, &[n(1e21)]), "1e+21");
            assert_eq!(stringify(h, &[Value::Boolean(true)]), "true");
            assert_eq!(stringify(h, &[Value::Null]), "null");
            assert_eq!(stringify(h, &[Value::Undefined]), "undefined");
            assert_eq!(stringify(h, &[]), "undefined");
            assert_eq!(
                stringify(h, &[s("a\"b\\c\n\u{1}\u{7f}é")]),
                "\"a\\\"b\\\\c\\n\\u0001\u{7f}é\""
            );
            let f = h.global("Object");
            assert_eq!(stringify(h, &[f]), "undefined");
        });
    }

    #[test]
    fn objects_skip_undefined_functions_and_symbols_arrays_write_null() {
        with_harness(|h| {
            let o = h.json(r#"{"a":1,"b":2,"c":3}"#);
            let Value::Object(obj) = &o else {
                unreachable!()
            };
            obj.define_data("b", Value::Undefined, Attributes::all());
            obj.define_data("f", h.global("Object"), Attributes::all());
            obj.define_data("hidden", n(1.0), Attributes::builtin());
            obj.define_data(
                PropertyKey::Symbol(h.interp.symbols.iterator.clone()),
                n(1.0),
                Attributes::all(),
            );
            assert_eq!(stringify(h, &[o]), r#"{"a":1,"c":3}"#);
            let a = h.json("[1,2,3]");
            let Value::Object(arr) = &a else {
                unreachable!()
            };
            arr.define_data(0u32, Value::Undefined, Attributes::all());
            arr.define_data(1u32, h.global("Object"), Attributes::all());
            assert_eq!(stringify(h, &[a]), "[null,null,3]");
        });
    }

    #[test]
    fn indentation_with_numbers_and_strings() {
        with_harness(|h| {
            let v = h.json(r#"{"a":[1,{"b":2}],"c":[],"d":{}}"#);
            assert_eq!(
                stringify(h, &[v.clone(), Value::Undefined, n(2.0)]),
                "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"c\": [],\n  \"d\": {}\n}"
            );
            assert_eq!(
                stringify(h, &[h.json("[1]"), Value::Undefined, s("--")]),
                "[\n--1\n]"
            );
            // At most ten.
            assert_eq!(
                stringify(h, &[h.json("[1]"), Value::Undefined, n(20.0)]),
                format!("[\n{}1\n]", " ".repeat(10))
            );
            assert_eq!(
                stringify(h, &[h.json("[1]"), Value::Undefined, s("abcdefghijkl")]),
                "[\nabcdefghij1\n]"
            );
            assert_eq!(
                stringify(h, &[h.json("[1]"), Value::Undefined, n(0.0)]),
                "[1]"
            );
            // A Number object as space.
            let five = h.new_ok("Number", &[n(1.0)]);
            assert_eq!(
                stringify(h, &[h.json("[1]"), Value::Undefined, five]),
                "[\n 1\n]"
            );
        });
    }

    #[test]
    fn replacer_array_selects_and_orders_keys() {
        with_harness(|h| {
            let v = h.json(r#"{"a":1,"b":2,"1":3,"nested":{"a":4,"z":5}}"#);
            let list = h.json(r#"["nested","a",1,"a"]"#);
            assert_eq!(
                stringify(h, &[v, list]),
                r#"{"nested":{"a":4},"a":1,"1":3}"#
            );
        });
    }

    #[test]
    fn replacer_function_sees_holder_key_and_value() {
        with_harness(|h| {
            let replacer = h.native(|interp, _this, args| {
                let key = interp.to_string(&super::arg(args, 0))?;
                Ok(match super::arg(args, 1) {
                    _ if key.as_str() == "secret" => Value::Undefined,
                    Value::Number(x) => Value::Number(x * 10.0),
                    v => v,
                })
            });
            let v = h.json(r#"{"a":1,"secret":2,"b":[3]}"#);
            assert_eq!(stringify(h, &[v, replacer]), r#"{"a":10,"b":[30]}"#);
        });
    }

    #[test]
    fn to_json_and_wrappers() {
        with_harness(|h| {
            let v = h.json(r#"{"a":{"x":1}}"#);
            let to_json = h.native(|_, _, args| {
                Ok(Value::from(format!(
                    "key:{}",
                    match super::arg(args, 0) {
                        Value::String(s) => s.to_string(),
                        _ => "?".into(),
                    }
                )))
            });
            let inner = h.interp.get_v(&v, &"a".into()).expect("a");
            let Value::Object(inner) = inner else {
                unreachable!()
            };
            inner.define_data("toJSON", to_json, Attributes::all());
            assert_eq!(stringify(h, &[v]), r#"{"a":"key:a"}"#);
            let wrapped = h.json("[]");
            let Value::Object(arr) = &wrapped else {
                unreachable!()
            };
            for (i, w) in [
                h.new_ok("Number", &[n(3.0)]),
                h.new_ok("String", &[s("x")]),
                h.new_ok("Boolean", &[Value::Boolean(false)]),
            ]
            .into_iter()
            .enumerate()
            {
                arr.define_data(i as u32, w, Attributes::all());
            }
            assert_eq!(stringify(h, &[wrapped]), r#"[3,"x",false]"#);
        });
    }

    #[test]
    fn cycles_are_a_type_error_but_shared_objects_are_fine() {
        with_harness(|h| {
            let o = h.json(r#"{"a":{}}"#);
            let Value::Object(obj) = &o else {
                unreachable!()
            };
            obj.define_data("self", o.clone(), Attributes::all());
            assert_eq!(
                h.throws("JSON.stringify", Value::Undefined, &[o]),
                "TypeError"
            );
            let shared = h.json("{}");
            let pair = h.json("[]");
            let Value::Object(arr) = &pair else {
                unreachable!()
            };
            arr.define_data(0u32, shared.clone(), Attributes::all());
            arr.define_data(1u32, shared, Attributes::all());
            assert_eq!(stringify(h, &[pair]), "[{},{}]");
        });
    }

    #[test]
    fn a_100000_deep_object_is_a_range_error() {
        with_harness(|h| {
            let mut v = h.json("{}");
            for _ in 0..100_000 {
                let outer = h.interp.new_object();
                outer.define_data("a", v, Attributes::all());
                v = Value::Object(outer);
            }
            assert_eq!(
                h.throws("JSON.stringify", Value::Undefined, &[v.clone()]),
                "RangeError"
            );
            // The engine is still usable afterwards, at depth zero.
            assert_eq!(h.interp.call_depth(), 0);
            assert_eq!(stringify(h, &[h.json("[1]")]), "[1]");
        });
    }
}
