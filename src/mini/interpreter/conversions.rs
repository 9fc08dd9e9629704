//! Type conversion that may run user code — https://tc39.es/ecma262/#sec-type-conversion
//! ToPrimitive, OrdinaryToPrimitive, ToString, ToNumber, ToNumeric, ToObject,
//! ToPropertyKey, ToLength, ToIntegerOrInfinity, ToIndex, and the `String(v)`
//! conversion the host uses for printing.

use super::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::PropertyKey;
use crate::mini::realm::ErrorKind;
use crate::mini::value::{JsStr, Value, integer_or_infinity, number_to_string, string_to_number};

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    Default,
    String,
    Number,
}

/// The largest string length (in UTF-16 units) V8 allows: 2^29 − 24.
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

impl Interpreter {
    /// ToPrimitive ( input [, preferredType] ) — https://tc39.es/ecma262/#sec-toprimitive
    pub fn to_primitive(&self, input: &Value, hint: Hint) -> Completion<Value> {
        // 1. If input is an Object, then
        let Value::Object(o) = input else {
            return Ok(input.clone());
        };
        // 1.a. Let exoticToPrim be ? GetMethod(input, @@toPrimitive).
        let key = PropertyKey::Symbol(self.symbols.to_primitive.clone());
        if let Some(exotic) = self.get_method(input, &key)? {
            let hint_str = match hint {
                Hint::Default => "default",
                Hint::String => "string",
                Hint::Number => "number",
            };
            let result = self.call(&exotic, input, &[Value::from(hint_str)])?;
            if matches!(result, Value::Object(_)) {
                return Err(self.type_error("Cannot convert object to primitive value"));
            }
            return Ok(result);
        }
        // 1.c. If preferredType is not present, let preferredType be number.
        self.ordinary_to_primitive(
            o,
            if hint == Hint::String {
                Hint::String
            } else {
                Hint::Number
            },
        )
    }

    /// OrdinaryToPrimitive ( O, hint ) — https://tc39.es/ecma262/#sec-ordinarytoprimitive
    pub fn ordinary_to_primitive(&self, o: &Obj, hint: Hint) -> Completion<Value> {
        let names = if hint == Hint::String {
            ["toString", "valueOf"]
        } else {
            ["valueOf", "toString"]
        };
        let this = Value::Object(o.clone());
        for name in names {
            let method = self.get(o, &PropertyKey::from(name))?;
            if super::object_ops::is_callable(&method) {
                let result = self.call(&method, &this, &[])?;
                if !matches!(result, Value::Object(_)) {
                    return Ok(result);
                }
            }
        }
        Err(self.type_error("Cannot convert object to primitive value"))
    }

    /// ToString ( argument ) — https://tc39.es/ecma262/#sec-tostring
    pub fn to_string(&self, v: &Value) -> Completion<JsStr> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Undefined => Ok(JsStr::from("undefined")),
            Value::Null => Ok(JsStr::from("null")),
            Value::Boolean(b) => Ok(JsStr::from(if *b { "true" } else { "false" })),
            Value::Number(n) => Ok(JsStr::from(number_to_string(*n))),
            Value::Symbol(_) => Err(self.type_error("Cannot convert a Symbol value to a string")),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                self.to_string(&p)
            }
        }
    }

    /// The `String(value)` conversion (#sec-string-constructor-string-value
    /// step 1.a–b): like ToString, but a Symbol gives its descriptive
    /// string. What `console.log` prints for each argument.
    pub fn string_of(&self, v: &Value) -> Completion<JsStr> {
        match v {
            Value::Symbol(s) => Ok(JsStr::from(s.descriptive_string())),
            _ => self.to_string(v),
        }
    }

    /// ToNumber ( argument ) — https://tc39.es/ecma262/#sec-tonumber
    pub fn to_number(&self, v: &Value) -> Completion<f64> {
        match v {
            Value::Number(n) => Ok(*n),
            Value::Undefined => Ok(f64::NAN),
            Value::Null => Ok(0.0),
            Value::Boolean(b) => Ok(if *b { 1.0 } else { 0.0 }),
            Value::String(s) => Ok(string_to_number(s.as_str())),
            Value::Symbol(_) => Err(self.type_error("Cannot convert a Symbol value to a number")),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::Number)?;
                self.to_number(&p)
            }
        }
    }

    /// ToIntegerOrInfinity ( argument ) — https://tc39.es/ecma262/#sec-tointegerorinfinity
    pub fn to_integer_or_infinity(&self, v: &Value) -> Completion<f64> {
        Ok(integer_or_infinity(self.to_number(v)?))
    }

    /// ToLength ( argument ) — https://tc39.es/ecma262/#sec-tolength
    pub fn to_length(&self, v: &Value) -> Completion<u64> {
        let len = self.to_integer_or_infinity(v)?;
        Ok(if len <= 0.0 {
            0
        } else {
            len.min(9007199254740991.0) as u64
        })
    }

    /// ToIndex ( value ) — https://tc39.es/ecma262/#sec-toindex
    pub fn to_index(&self, v: &Value) -> Completion<u64> {
        let i = self.to_integer_or_infinity(v)?;
        if !(0.0..=9007199254740991.0).contains(&i) {
            return Err(self.range_error("Invalid index"));
        }
        Ok(i as u64)
    }

    /// ToInt32 ( argument ) — https://tc39.es/ecma262/#sec-toint32
    pub fn to_int32(&self, v: &Value) -> Completion<i32> {
        Ok(crate::mini::value::to_int32(self.to_number(v)?))
    }

    /// ToUint32 ( argument ) — https://tc39.es/ecma262/#sec-touint32
    pub fn to_uint32(&self, v: &Value) -> Completion<u32> {
        Ok(crate::mini::value::to_uint32(self.to_number(v)?))
    }

    /// ToObject ( argument ) — https://tc39.es/ecma262/#sec-toobject
    pub fn to_object(&self, v: &Value) -> Completion<Obj> {
        let (proto, kind) = match v {
            Value::Object(o) => return Ok(o.clone()),
            Value::Undefined | Value::Null => {
                return Err(self.throw_error(
                    ErrorKind::TypeError,
                    "Cannot convert undefined or null to object",
                ));
            }
            Value::Boolean(b) => (&self.realm.boolean_prototype, ObjectKind::Boolean(*b)),
            Value::Number(n) => (&self.realm.number_prototype, ObjectKind::Number(*n)),
            Value::String(s) => (&self.realm.string_prototype, ObjectKind::String(s.clone())),
            Value::Symbol(s) => (&self.realm.symbol_prototype, ObjectKind::Symbol(s.clone())),
        };
        let o = Obj::with_kind(&self.heap, Some(proto.clone()), kind);
        if let Value::String(s) = v {
            o.define_data(
                "length",
                Value::Number(s.utf16_len() as f64),
                crate::mini::property::Attributes::none(),
            );
        }
        Ok(o)
    }

    /// ToPropertyKey ( argument ) — https://tc39.es/ecma262/#sec-topropertykey
    pub fn to_property_key(&self, v: &Value) -> Completion<PropertyKey> {
        match v {
            Value::String(s) => Ok(PropertyKey::from_js_str(s.clone())),
            Value::Number(n) => Ok(PropertyKey::from_number(*n)),
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s.clone())),
            Value::Object(_) => {
                let p = self.to_primitive(v, Hint::String)?;
                self.to_property_key(&p)
            }
            other => Ok(PropertyKey::from_js_str(self.to_string(other)?)),
        }
    }

    /// Concatenates two strings, throwing V8's RangeError ("Invalid string
    /// length") past 2^29 − 24 code units instead of allocating.
    pub fn concat_strings(&self, a: &str, b: &str) -> Completion<Value> {
        let len = a.len() + b.len();
        if len > MAX_STRING_LENGTH && utf16_len(a) + utf16_len(b) > MAX_STRING_LENGTH {
            return Err(self.range_error("Invalid string length"));
        }
        let mut s = String::with_capacity(len);
        s.push_str(a);
        s.push_str(b);
        Ok(self.new_string(s))
    }

    /// Checks a string length about to be built (in UTF-16 units).
    pub fn check_string_length(&self, units: usize) -> Completion<()> {
        if units > MAX_STRING_LENGTH {
            return Err(self.range_error("Invalid string length"));
        }
        Ok(())
    }
}

fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}
