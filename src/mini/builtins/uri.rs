//! URI handling functions — https://tc39.es/ecma262/#sec-uri-handling-functions —
//! encodeURI, encodeURIComponent, decodeURI, decodeURIComponent (the
//! Encode and Decode abstract operations), and Annex B's escape and
//! unescape (https://tc39.es/ecma262/#sec-escape-string).
//! Lone surrogates cannot occur in this engine's strings, so Encode never
//! meets one; a `%uD800` unescaped becomes U+FFFD.

use super::{arg, define_function};
use crate::mini::interpreter::{Abrupt, Completion, Interpreter};
use crate::mini::realm::ErrorKind;
use crate::mini::value::Value;

pub fn install(interp: &Interpreter) {
    let g = interp.realm.global_object.clone();
    for (name, f) in [
        ("encodeURI", encode_uri as super::NativeFn),
        ("encodeURIComponent", encode_uri_component),
        ("decodeURI", decode_uri),
        ("decodeURIComponent", decode_uri_component),
        ("escape", escape),
        ("unescape", unescape),
    ] {
        define_function(interp, &g, name, 1, f);
    }
}

/// The characters of uriReserved plus "#": what encodeURI leaves alone
/// besides the unreserved ones, and what decodeURI does not decode.
const URI_RESERVED_AND_HASH: &str = ";/?:@&=+$,#";

/// uriUnreserved: letters, digits and uriMark.
fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c)
}

fn uri_error(interp: &Interpreter, message: &str) -> Abrupt {
    interp.throw_error(ErrorKind::UriError, message)
}

/// Encode ( string, extraUnescaped ) — https://tc39.es/ecma262/#sec-encode
fn encode(interp: &Interpreter, args: &[Value], extra_unescaped: &str) -> Completion<Value> {
    let string = interp.to_string(&arg(args, 0))?;
    let mut r = String::with_capacity(string.as_str().len());
    for c in string.as_str().chars() {
        if is_unreserved(c) || extra_unescaped.contains(c) {
            r.push(c);
            continue;
        }
        // The UTF-8 bytes of the code point, each as "%XX".
        let mut buffer = [0u8; 4];
        for byte in c.encode_utf8(&mut buffer).bytes() {
            r.push_str(&format!("%{byte:02X}"));
        }
        interp.check_string_length(r.len())?;
    }
    Ok(interp.new_string(r))
}

/// The byte of a "%XX" escape at `i`, if well formed.
fn hex_byte(bytes: &[u8], i: usize) -> Option<u8> {
    if bytes.get(i) != Some(&b'%') {
        return None;
    }
    let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u8::from_str_radix(hex, 16).ok()
}

/// Decode ( string, preserveEscapeSet ) — https://tc39.es/ecma262/#sec-decode
fn decode(interp: &Interpreter, args: &[Value], preserve: &str) -> Completion<Value> {
    let string = interp.to_string(&arg(args, 0))?;
    let bytes = string.as_str().as_bytes();
    let mut r: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] != b'%' {
            r.push(bytes[k]);
            k += 1;
            continue;
        }
        // 1.c.ii–iv. A "%XX" escape, or a URIError.
        let Some(first) = hex_byte(bytes, k) else {
            return Err(uri_error(interp, "URI malformed"));
        };
        if first < 0x80 {
            // One byte: keep the escape when it encodes a preserved character.
            if preserve.contains(first as char) {
                r.extend_from_slice(&bytes[k..k + 3]);
            } else {
                r.push(first);
            }
            k += 3;
            continue;
        }
        // 1.c.v. A multi-byte sequence: 2 to 4 escapes forming valid UTF-8.
        let n = first.leading_ones() as usize;
        if !(2..=4).contains(&n) {
            return Err(uri_error(interp, "URI malformed"));
        }
        let mut octets = vec![first];
        for j in 1..n {
            match hex_byte(bytes, k + 3 * j) {
                Some(b) if b & 0xC0 == 0x80 => octets.push(b),
                _ => return Err(uri_error(interp, "URI malformed")),
            }
        }
        // Overlong forms and surrogates are not valid UTF-8.
        if std::str::from_utf8(&octets).is_err() {
            return Err(uri_error(interp, "URI malformed"));
        }
        r.extend_from_slice(&octets);
        k += 3 * n;
    }
    // Only whole UTF-8 sequences were added, so this cannot fail.
    let text = String::from_utf8(r).map_err(|_| uri_error(interp, "URI malformed"))?;
    Ok(interp.new_string(text))
}

/// encodeURI ( uri ) — https://tc39.es/ecma262/#sec-encodeuri-uri
fn encode_uri(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    encode(interp, args, URI_RESERVED_AND_HASH)
}

/// encodeURIComponent ( uriComponent ) — https://tc39.es/ecma262/#sec-encodeuricomponent-uricomponent
fn encode_uri_component(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    encode(interp, args, "")
}

/// decodeURI ( encodedURI ) — https://tc39.es/ecma262/#sec-decodeuri-encodeduri
fn decode_uri(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    decode(interp, args, URI_RESERVED_AND_HASH)
}

/// decodeURIComponent ( encodedURIComponent ) — https://tc39.es/ecma262/#sec-decodeuricomponent-encodeduricomponent
fn decode_uri_component(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    decode(interp, args, "")
}

/// escape ( string ) — https://tc39.es/ecma262/#sec-escape-string
fn escape(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let string = interp.to_string(&arg(args, 0))?;
    let mut r = String::new();
    for unit in string.as_str().encode_utf16() {
        match char::from_u32(unit as u32) {
            Some(c) if c.is_ascii_alphanumeric() || "@*_+-./".contains(c) => r.push(c),
            _ if unit < 256 => r.push_str(&format!("%{unit:02X}")),
            _ => r.push_str(&format!("%u{unit:04X}")),
        }
    }
    interp.check_string_length(r.len())?;
    Ok(interp.new_string(r))
}

/// unescape ( string ) — https://tc39.es/ecma262/#sec-unescape-string
fn unescape(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let string = interp.to_string(&arg(args, 0))?;
    let units: Vec<u16> = string.as_str().encode_utf16().collect();
    let hex = |s: &[u16]| -> Option<u16> {
        let text = String::from_utf16(s).ok()?;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u16::from_str_radix(&text, 16).ok()
    };
    let mut r = Vec::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        let c = units[k];
        if c == b'%' as u16 {
            // %uXXXX, then %XX.
            if units.get(k + 1) == Some(&(b'u' as u16))
                && let Some(v) = units.get(k + 2..k + 6).and_then(hex)
            {
                r.push(v);
                k += 6;
                continue;
            }
            if let Some(v) = units.get(k + 1..k + 3).and_then(hex) {
                r.push(v);
                k += 3;
                continue;
            }
        }
        r.push(c);
        k += 1;
    }
    Ok(interp.new_string(String::from_utf16_lossy(&r)))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{s, with_harness};
    use crate::mini::value::Value;

    #[test]
    fn encode_and_decode_round_trip() {
        with_harness(|h| {
            let call = |f: &str, text: &str| h.show(&h.ok(f, Value::Undefined, &[s(text)]));
            assert_eq!(
                call("encodeURIComponent", "a b&c/d?é😀"),
                r#""a%20b%26c%2Fd%3F%C3%A9%F0%9F%98%80""#
            );
            assert_eq!(
                call("encodeURI", "http://x.y/a b?q=1&r=é#h"),
                r#""http://x.y/a%20b?q=1&r=%C3%A9#h""#
            );
            assert_eq!(call("encodeURIComponent", "-_.!~*'()"), r#""-_.!~*'()""#);
            assert_eq!(
                call("decodeURIComponent", "a%20b%26c%2Fd%3F%C3%A9%F0%9F%98%80"),
                "\"a b&c/d?é😀\""
            );
            assert_eq!(call("decodeURI", "%3B%2F%20%C3%A9%23"), r#""%3B%2F é%23""#);
            assert_eq!(call("decodeURIComponent", "%3b%2f"), r#"";/""#);
        });
    }

    #[test]
    fn malformed_escapes_are_uri_errors() {
        with_harness(|h| {
            for bad in [
                "%",
                "%2",
                "%G0",
                "%C3",
                "%C3%28",
                "%80",
                "%F8%80%80%80",
                "%C0%AF",
                "%ED%A0%80",
            ] {
                assert_eq!(
                    h.throws("decodeURIComponent", Value::Undefined, &[s(bad)]),
                    "URIError",
                    "{bad}"
                );
            }
        });
    }

    #[test]
    fn escape_and_unescape() {
        with_harness(|h| {
            assert_eq!(
                h.show(&h.ok("escape", Value::Undefined, &[s("a b+é€")])),
                r#""a%20b+%E9%u20AC""#
            );
            assert_eq!(
                h.show(&h.ok("unescape", Value::Undefined, &[s("a%20b+%E9%u20AC%zz%u12")])),
                r#""a b+é€%zz%u12""#
            );
        });
    }
}
