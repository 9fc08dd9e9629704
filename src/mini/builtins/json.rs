//! The JSON object — https://tc39.es/ecma262/#sec-json-object
//! `JSON.parse` (a parser for the JSON grammar of ECMA-404, then
//! InternalizeJSONProperty for a reviver) and `JSON[@@toStringTag]`.
//! `JSON.stringify` lives in `json_stringify.rs`.
//!
//! Limits: the parser keeps its open arrays and objects on an explicit
//! stack, so any nesting parses (as in V8); the reviver walk recurses and
//! counts each level as a call (`enter_call`), so reviving text nested
//! deeper than the call-depth limit is a RangeError, never a native stack
//! overflow (V8 also overflows there). Lone surrogate escapes
//! (`"\uD800"`) become U+FFFD (the engine's strings are UTF-8, see
//! `value.rs`).
//! Left out: the reviver's third `context` argument (source text access).

use super::{arg, define_function};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::Obj;
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let json = interp.new_object();
    define_function(interp, &json, "parse", 2, parse);
    define_function(
        interp,
        &json,
        "stringify",
        3,
        super::json_stringify::stringify,
    );
    json.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("JSON"),
        Attributes::new(false, false, true),
    );
    super::global(interp, "JSON", Value::Object(json));
}

/// JSON.parse ( text [ , reviver ] ) — https://tc39.es/ecma262/#sec-json.parse
fn parse(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    // 1. Let jsonString be ? ToString(text).
    let text = interp.to_string(&arg(args, 0))?;
    // 2.–5. Parse it as a JSON text (a SyntaxError if it is not one) and
    // evaluate it.
    let mut parser = Parser {
        interp,
        text: text.as_str(),
        pos: 0,
    };
    parser.skip_whitespace();
    let unfiltered = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < parser.text.len() {
        return Err(parser.unexpected());
    }
    // 6. If IsCallable(reviver) is true, then
    let reviver = arg(args, 1);
    if crate::mini::interpreter::object_ops::is_callable(&reviver) {
        // 6.a.–c. root = OrdinaryObjectCreate(%Object.prototype%);
        // CreateDataPropertyOrThrow(root, "", unfiltered).
        let root = interp.new_object();
        interp.create_data_property_or_throw(&root, PropertyKey::from(""), unfiltered)?;
        // 6.d. Return ? InternalizeJSONProperty(root, "", reviver).
        return internalize_json_property(interp, &root, PropertyKey::from(""), &reviver);
    }
    // 7. Return unfiltered.
    Ok(unfiltered)
}

/// InternalizeJSONProperty ( holder, name, reviver ) —
/// https://tc39.es/ecma262/#sec-internalizejsonproperty
fn internalize_json_property(
    interp: &Interpreter,
    holder: &Obj,
    name: PropertyKey,
    reviver: &Value,
) -> Completion<Value> {
    // NON-SPEC: each level counts as a call, so deep values are a RangeError.
    interp.enter_call()?;
    let result = internalize_steps(interp, holder, name, reviver);
    interp.exit_call();
    result
}

fn internalize_steps(
    interp: &Interpreter,
    holder: &Obj,
    name: PropertyKey,
    reviver: &Value,
) -> Completion<Value> {
    // 1. Let val be ? Get(holder, name).
    let val = interp.get(holder, &name)?;
    // 2. If val is an Object, then
    if let Value::Object(o) = &val {
        // 2.a.–b. Arrays: revive each index.
        if o.is_array() {
            let len = interp.length_of_array_like(o)?;
            for i in 0..len {
                let key = PropertyKey::from_number(i as f64);
                let new_element = internalize_json_property(interp, o, key.clone(), reviver)?;
                revise(interp, o, key, new_element)?;
            }
        } else {
            // 2.c. Otherwise each enumerable own string key.
            for key in interp.enumerable_own_keys(o)? {
                let new_element = internalize_json_property(interp, o, key.clone(), reviver)?;
                revise(interp, o, key, new_element)?;
            }
        }
    }
    // 3. Return ? Call(reviver, holder, « name, val »).
    interp.call(
        reviver,
        &Value::Object(holder.clone()),
        &[name.to_value(), val],
    )
}

/// Steps 2.b.iii.2–3 of InternalizeJSONProperty: undefined deletes the
/// property, anything else replaces it.
fn revise(interp: &Interpreter, o: &Obj, key: PropertyKey, new_element: Value) -> Completion<()> {
    if new_element.is_undefined() {
        // Perform ? val.[[Delete]](prop) (a failure is ignored).
        o.delete(&key);
    } else {
        // Perform ? CreateDataProperty(val, prop, newElement).
        interp.create_data_property(o, key, new_element);
    }
    Ok(())
}

/// A parser over the JSON text (ECMA-404). Structural characters are
/// ASCII, so it walks bytes; string contents are copied as UTF-8.
/// An array or object being parsed: its elements so far, or the object
/// and the key whose value comes next.
enum Open {
    Array(Vec<Value>),
    Object(Obj, PropertyKey),
}

struct Parser<'a> {
    interp: &'a Interpreter,
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// JSON whitespace: tab, line feed, carriage return, space.
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b'\t' | b'\n' | b'\r' | b' ')) {
            self.pos += 1;
        }
    }

    fn error(&self, message: &str) -> crate::mini::interpreter::Abrupt {
        self.interp.throw_error(
            ErrorKind::SyntaxError,
            &format!("{message} in JSON at position {}", self.pos),
        )
    }

    fn unexpected(&self) -> crate::mini::interpreter::Abrupt {
        match self.text[self.pos..].chars().next() {
            Some(c) => self.error(&format!("Unexpected token '{c}'")),
            None => self.error("Unexpected end of JSON input"),
        }
    }

    fn expect(&mut self, byte: u8) -> Completion<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// value: object | array | string | number | true | false | null,
    /// where object is `{` (string `:` value (`,` string `:` value)*)? `}`
    /// and array is `[` (value (`,` value)*)? `]`.
    ///
    /// NON-SPEC: iterative, with an explicit stack of the open arrays and
    /// objects, so nesting depth is bounded by memory only (as in V8).
    fn value(&mut self) -> Completion<Value> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            // Parse the start of a value: a scalar, or open a container.
            self.skip_whitespace();
            self.interp.tick()?;
            let mut value = match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Object(self.interp.new_object())
                    } else {
                        let key = self.member_key()?;
                        open.push(Open::Object(self.interp.new_object(), key));
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Value::Object(self.interp.new_array(Vec::new()))
                    } else {
                        open.push(Open::Array(Vec::new()));
                        continue;
                    }
                }
                _ => self.scalar()?,
            };
            // Hand the finished value to the innermost open container;
            // closing it finishes another value, and so on outwards.
            loop {
                self.skip_whitespace();
                match open.last_mut() {
                    None => return Ok(value),
                    Some(Open::Array(elements)) => {
                        elements.push(value);
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                let Some(Open::Array(elements)) = open.pop() else {
                                    unreachable!("just matched")
                                };
                                value = Value::Object(self.interp.new_array(elements));
                                continue;
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                    Some(Open::Object(o, key)) => {
                        // A later duplicate replaces the value and keeps the
                        // position (CreateDataProperty cannot fail here).
                        self.interp.create_data_property(o, key.clone(), value);
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_whitespace();
                                *key = self.member_key()?;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let Some(Open::Object(o, _)) = open.pop() else {
                                    unreachable!("just matched")
                                };
                                value = Value::Object(o);
                                continue;
                            }
                            _ => return Err(self.unexpected()),
                        }
                    }
                }
                break;
            }
        }
    }

    /// A member's `string :` (whitespace before it already skipped).
    fn member_key(&mut self) -> Completion<PropertyKey> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected());
        }
        let key = PropertyKey::from(self.string()?.as_str());
        self.skip_whitespace();
        self.expect(b':')?;
        Ok(key)
    }

    /// string | number | true | false | null.
    fn scalar(&mut self) -> Completion<Value> {
        match self.peek() {
            Some(b'"') => Ok(self.interp.new_string(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, value) in [
                    ("true", Value::Boolean(true)),
                    ("false", Value::Boolean(false)),
                    ("null", Value::Null),
                ] {
                    if self.text[self.pos..].starts_with(word) {
                        self.pos += word.len();
                        return Ok(value);
                    }
                }
                Err(self.unexpected())
            }
        }
    }

    /// string: `"` characters `"`, with the escapes `\" \\ \/ \b \f \n \r
    /// \t \uXXXX`; raw control characters are not allowed.
    fn string(&mut self) -> Completion<String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once.
            let rest = &self.text[self.pos..];
            let run = rest
                .find(|c: char| c == '"' || c == '\\' || (c as u32) < 0x20)
                .unwrap_or(rest.len());
            out.push_str(&rest[..run]);
            self.pos += run;
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("Bad control character in string literal")),
                None => return Err(self.error("Unterminated string")),
            }
        }
    }

    /// One escape sequence after the backslash.
    fn escape(&mut self, out: &mut String) -> Completion<()> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                // A high surrogate followed by an escaped low surrogate is
                // one code point.
                if (0xD800..0xDC00).contains(&unit) && self.text[self.pos..].starts_with("\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        out.push_str(&String::from_utf16_lossy(&[unit, low]));
                        return Ok(());
                    }
                    self.pos = save;
                }
                out.push_str(&String::from_utf16_lossy(&[unit]));
                return Ok(());
            }
            _ => return Err(self.error("Bad escaped character")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Completion<u16> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else {
            return Err(self.error("Bad Unicode escape"));
        };
        self.pos += 4;
        u16::from_str_radix(digits, 16).map_err(|_| self.error("Bad Unicode escape"))
    }

    /// number: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Completion<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("No number after minus sign")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("Unterminated fractional number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("Exponent part is missing a number"));
            }
            self.digits();
        }
        // The grammar was checked above, so Rust's parser (correctly
        // rounded) accepts it.
        let n = self.text[start..self.pos]
            .parse::<f64>()
            .map_err(|_| self.error("Bad number"))?;
        Ok(Value::Number(n))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::super::test_support::{Harness, n, s, with_harness, with_limits};
    use crate::engine::Limits;
    use crate::mini::value::Value;

    fn parse(h: &Harness, text: &str) -> String {
        let v = h.ok("JSON.parse", Value::Undefined, &[s(text)]);
        h.show(&v)
    }

    #[test]
    fn parses_every_kind_of_value() {
        with_harness(|h| {
            assert_eq!(
                parse(
                    h,
                    r#" {"a": [1, -2.5e1, true, false, null], "b": {"c": "d"}} "#
                ),
                r#"{"a":[1,-25,true,false,null],"b":{"c":"d"}}"#
            );
            assert_eq!(parse(h, "[]"), "[]");
            assert_eq!(parse(h, "{}"), "{}");
            assert_eq!(parse(h, "0"), "0");
            assert_eq!(parse(h, "1E+2"), "100");
            assert_eq!(h.show(&h.json("\"\\u0041\\n\\/\\\\\"")), r#""A\n/\\""#);
            assert_eq!(h.show(&h.json(r#""\ud83d\ude00""#)), "\"\u{1F600}\"");
            // Duplicates: the last value at the first position.
            assert_eq!(parse(h, r#"{"a":1,"b":2,"a":3}"#), r#"{"a":3,"b":2}"#);
            // Integer-like keys come first, ascending.
            assert_eq!(parse(h, r#"{"b":1,"2":2,"1":3}"#), r#"{"1":3,"2":2,"b":1}"#);
            // -0 survives.
            let z = h.json("-0");
            assert!(matches!(z, Value::Number(x) if x == 0.0 && x.is_sign_negative()));
        });
    }

    #[test]
    fn proto_key_is_an_own_property() {
        with_harness(|h| {
            let o = h.json(r#"{"__proto__": 1}"#);
            let keys = h.ok("Object.keys", Value::Undefined, &[o.clone()]);
            assert_eq!(h.show(&keys), r#"["__proto__"]"#);
            let proto = h.ok("Object.getPrototypeOf", Value::Undefined, &[o]);
            assert!(
                matches!(proto, Value::Object(p) if p.ptr_eq(&h.interp.realm.object_prototype))
            );
        });
    }

    #[test]
    fn bad_text_is_a_syntax_error() {
        with_harness(|h| {
            for bad in [
                "",
                " ",
                "{",
                "[1,]",
                "{\"a\":1,}",
                "01",
                "1.",
                ".5",
                "+1",
                "-",
                "1e",
                "'a'",
                "\"a",
                "\"\t\"",
                "\"\\x\"",
                "\"\\u12G4\"",
                "tru",
                "nul",
                "[1 2]",
                "{a:1}",
                "{\"a\" 1}",
                "1 2",
                "NaN",
                "Infinity",
                "undefined",
            ] {
                assert_eq!(
                    h.throws("JSON.parse", Value::Undefined, &[s(bad)]),
                    "SyntaxError",
                    "{bad:?}"
                );
            }
        });
    }

    #[test]
    fn text_is_converted_with_to_string() {
        with_harness(|h| {
            assert_eq!(
                h.show(&h.ok("JSON.parse", Value::Undefined, &[n(12.0)])),
                "12"
            );
            assert_eq!(
                h.show(&h.ok("JSON.parse", Value::Undefined, &[Value::Null])),
                "null"
            );
            assert_eq!(h.throws("JSON.parse", Value::Undefined, &[]), "SyntaxError");
        });
    }

    #[test]
    fn reviver_sees_leaves_first_and_can_delete() {
        with_harness(|h| {
            // Doubles numbers, drops the key "drop", records the visiting order.
            let reviver = h.native(|interp, this, args| {
                let key = interp.to_string(&super::arg(args, 0))?;
                let log = interp.get(&interp.realm.global_object, &"log".into())?;
                interp.invoke(&log, &"push".into(), &[Value::String(key.clone())])?;
                assert!(matches!(this, Value::Object(_)), "the holder is this");
                match super::arg(args, 1) {
                    _ if key.as_str() == "drop" => Ok(Value::Undefined),
                    Value::Number(x) => Ok(Value::Number(x * 2.0)),
                    v => Ok(v),
                }
            });
            let log = h.json("[]");
            h.interp.realm.global_object.define_data(
                "log",
                log.clone(),
                crate::mini::property::Attributes::all(),
            );
            let text = s(r#"{"a":1,"b":[2,{"drop":3,"c":4}],"drop":5}"#);
            let v = h.ok("JSON.parse", Value::Undefined, &[text, reviver]);
            assert_eq!(h.show(&v), r#"{"a":2,"b":[4,{"c":8}]}"#);
            assert_eq!(h.show(&log), r#"["a","0","drop","c","1","b","drop",""]"#);
        });
    }

    #[test]
    fn deep_nesting_parses_but_reviving_it_is_a_range_error() {
        with_harness(|h| {
            let deep = format!("{}0{}", "[{\"a\":".repeat(50_000), "}]".repeat(50_000));
            let v = h.ok("JSON.parse", Value::Undefined, &[s(&deep)]);
            drop(v);
            // Past the call-depth limit (10,000).
            let revivable = format!("{}0{}", "[{\"a\":".repeat(6_000), "}]".repeat(6_000));
            let identity = h.native(|_, _, args| Ok(super::arg(args, 1)));
            let e = h.throws("JSON.parse", Value::Undefined, &[s(&revivable), identity]);
            assert_eq!(e, "RangeError");
            assert_eq!(h.interp.call_depth(), 0);
        });
    }

    #[test]
    fn long_arrays_count_against_the_step_budget() {
        let limits = Limits {
            steps: 1_000,
            ..Limits::default()
        };
        with_limits(limits, |h| {
            let long = format!("[{}0]", "0,".repeat(5_000));
            let e = h
                .call("JSON.parse", Value::Undefined, &[s(&long)])
                .expect_err("the budget runs out");
            assert!(
                matches!(e.kind(), crate::mini::interpreter::AbruptKind::Halt(_)),
                "{e:?}"
            );
        });
    }

    #[test]
    fn json_has_its_tag() {
        with_harness(|h| {
            let json = h.global("JSON");
            assert_eq!(
                h.show(&h.ok("Object.prototype.toString", json, &[])),
                r#""[object JSON]""#
            );
        });
    }
}
