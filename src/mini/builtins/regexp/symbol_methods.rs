//! The RegExp.prototype methods the String methods call through well-known
//! symbols — https://tc39.es/ecma262/#sec-regexp.prototype-%symbol.match% and
//! its neighbours: @@match, @@matchAll (with %RegExpStringIteratorPrototype%),
//! @@replace (with GetSubstitution), @@search, @@split (with
//! SpeciesConstructor) — and the String.prototype methods that dispatch to
//! them: match, matchAll, search, and split (which wraps the string-only
//! split of `string.rs`).

use super::{
    advance_string_index, get_last_index, is_regexp, regexp_create, regexp_exec, set_last_index,
};
use crate::mini::builtins::{arg, define_function, define_symbol_function};
use crate::mini::function_objects::create_builtin_function;
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::{JsStr, Value, same_value};

pub fn install(interp: &Interpreter, proto: &Obj) {
    let s = &interp.symbols;
    for (sym, len, f) in [
        (
            &s.match_,
            1,
            symbol_match as crate::mini::builtins::NativeFn,
        ),
        (&s.match_all, 1, symbol_match_all),
        (&s.replace, 2, symbol_replace),
        (&s.search, 1, symbol_search),
        (&s.split, 2, symbol_split),
    ] {
        define_symbol_function(interp, proto, &sym.clone(), len, f);
    }
    let iterator_proto =
        interp.new_object_with_proto(Some(interp.realm.iterator_prototype.clone()));
    define_function(
        interp,
        &iterator_proto,
        "next",
        0,
        regexp_string_iterator_next,
    );
    iterator_proto.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("RegExp String Iterator"),
        Attributes::new(false, false, true),
    );
    interp
        .realm
        .set_intrinsic("%RegExpStringIteratorPrototype%", iterator_proto);

    let string_proto = interp.realm.string_prototype.clone();
    define_function(interp, &string_proto, "match", 1, string_match);
    define_function(interp, &string_proto, "matchAll", 1, string_match_all);
    define_function(interp, &string_proto, "search", 1, string_search);
    // split: the string-only version stays reachable from the new one's slot.
    if let Ok(original @ Value::Object(_)) = interp.get(&string_proto, &PropertyKey::from("split"))
    {
        let split =
            create_builtin_function(interp, string_split, 2, "split", vec![original], false);
        string_proto.define_data("split", Value::Object(split), Attributes::builtin());
    }
}

fn this_object(interp: &Interpreter, this: &Value, method: &str) -> Completion<Obj> {
    match this {
        Value::Object(o) => Ok(o.clone()),
        _ => Err(interp.type_error(&format!(
            "RegExp.prototype[{method}] called on a non-object"
        ))),
    }
}

/// ToString(? Get(rx, "flags")) and whether it holds `flag`s.
fn flags_of(interp: &Interpreter, rx: &Obj) -> Completion<JsStr> {
    let flags = interp.get(rx, &PropertyKey::from("flags"))?;
    interp.to_string(&flags)
}

fn is_full_unicode(flags: &JsStr) -> bool {
    flags.as_str().contains('u') || flags.as_str().contains('v')
}

/// The match string of a result: ToString(? Get(result, "0")).
fn match_string(interp: &Interpreter, result: &Value) -> Completion<JsStr> {
    let m = interp.get_v(result, &PropertyKey::Index(0))?;
    interp.to_string(&m)
}

/// After an empty match of a global regexp, move lastIndex on by one
/// character so the next exec makes progress.
fn step_past_empty_match(
    interp: &Interpreter,
    rx: &Obj,
    units: &[u16],
    full_unicode: bool,
) -> Completion<()> {
    let this_index = get_last_index(interp, rx)?;
    let next = if this_index as usize >= units.len() {
        this_index + 1
    } else {
        advance_string_index(units, this_index as usize, full_unicode) as u64
    };
    set_last_index(interp, rx, next)
}

/// RegExp.prototype [ @@match ] ( string ) — https://tc39.es/ecma262/#sec-regexp.prototype-%symbol.match%
fn symbol_match(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let rx = this_object(interp, this, "Symbol.match")?;
    let s = interp.to_string(&arg(args, 0))?;
    let flags = flags_of(interp, &rx)?;
    // 5. Not global: ? RegExpExec(rx, S).
    if !flags.as_str().contains('g') {
        return regexp_exec(interp, &rx, &s);
    }
    // 6. Global: every match string, or null when there is none.
    let full_unicode = is_full_unicode(&flags);
    let units = s.to_utf16();
    set_last_index(interp, &rx, 0)?;
    let mut matches = Vec::new();
    loop {
        let result = regexp_exec(interp, &rx, &s)?;
        if result.is_null() {
            return Ok(if matches.is_empty() {
                Value::Null
            } else {
                Value::Object(interp.new_array(matches))
            });
        }
        let m = match_string(interp, &result)?;
        if m.is_empty() {
            step_past_empty_match(interp, &rx, &units, full_unicode)?;
        }
        matches.push(Value::String(m));
    }
}

/// A %RegExpStringIteratorPrototype% instance's slots.
struct RegExpStringIterator {
    /// [[IteratingRegExp]], None once done.
    regexp: Option<Obj>,
    string: JsStr,
    global: bool,
    full_unicode: bool,
}

impl Trace for RegExpStringIterator {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let RegExpStringIterator {
            regexp,
            string: _,
            global: _,
            full_unicode: _,
        } = self;
        regexp.trace(tracer);
    }
}

/// RegExp.prototype [ @@matchAll ] ( string ) — https://tc39.es/ecma262/#sec-regexp-prototype-%symbol.matchall%
fn symbol_match_all(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let r = this_object(interp, this, "Symbol.matchAll")?;
    let s = interp.to_string(&arg(args, 0))?;
    // 4.–6. C = SpeciesConstructor(R, %RegExp%); matcher = Construct(C, « R, flags »).
    let default = interp
        .realm
        .intrinsic("%RegExp%")
        .expect("installed with RegExp");
    let c = super::super::species_constructor(interp, &r, &default)?;
    let flags = flags_of(interp, &r)?;
    let matcher = match interp.construct(
        &c,
        &[Value::Object(r.clone()), Value::String(flags.clone())],
        None,
    )? {
        Value::Object(m) => m,
        _ => return Err(interp.type_error("RegExp species constructor returned a non-object")),
    };
    // 7.–8. Copy lastIndex.
    let last_index = get_last_index(interp, &r)?;
    set_last_index(interp, &matcher, last_index)?;
    // 9.–13. CreateRegExpStringIterator(matcher, S, global, fullUnicode).
    let proto = interp
        .realm
        .intrinsic("%RegExpStringIteratorPrototype%")
        .expect("installed with RegExp");
    let state = RegExpStringIterator {
        regexp: Some(matcher),
        string: s,
        global: flags.as_str().contains('g'),
        full_unicode: is_full_unicode(&flags),
    };
    Ok(Value::Object(Obj::with_kind(
        &interp.heap,
        Some(proto),
        ObjectKind::Native(Box::new(state)),
    )))
}

/// %RegExpStringIteratorPrototype%.next ( ) — https://tc39.es/ecma262/#sec-%regexpstringiteratorprototype%.next
fn regexp_string_iterator_next(
    interp: &Interpreter,
    this: &Value,
    _args: &[Value],
) -> Completion<Value> {
    let Value::Object(it) = this else {
        return Err(interp.type_error("next called on a non-object"));
    };
    let state = match &it.borrow().kind {
        ObjectKind::Native(n) => n
            .as_any()
            .downcast_ref::<RegExpStringIterator>()
            .map(|s| (s.regexp.clone(), s.string.clone(), s.global, s.full_unicode)),
        _ => None,
    };
    let Some((regexp, s, global, full_unicode)) = state else {
        return Err(interp.type_error("next called on an incompatible receiver"));
    };
    let finish = || {
        if let ObjectKind::Native(n) = &mut it.borrow_mut().kind
            && let Some(state) = n.as_any_mut().downcast_mut::<RegExpStringIterator>()
        {
            state.regexp = None;
        }
    };
    let Some(r) = regexp else {
        return Ok(interp.create_iter_result_object(Value::Undefined, true));
    };
    let result = regexp_exec(interp, &r, &s)?;
    if result.is_null() {
        finish();
        return Ok(interp.create_iter_result_object(Value::Undefined, true));
    }
    if !global {
        finish();
        return Ok(interp.create_iter_result_object(result, false));
    }
    if match_string(interp, &result)?.is_empty() {
        step_past_empty_match(interp, &r, &s.to_utf16(), full_unicode)?;
    }
    Ok(interp.create_iter_result_object(result, false))
}

/// GetSubstitution ( matched, str, position, captures, namedCaptures, replacementTemplate ) —
/// https://tc39.es/ecma262/#sec-getsubstitution
/// Everything is in UTF-16 code units; `captures` holds ToString'd
/// captures (None for undefined).
#[allow(clippy::too_many_arguments)] // the spec's six parameters, the interpreter and the output
pub fn get_substitution(
    interp: &Interpreter,
    matched: &[u16],
    string: &[u16],
    position: usize,
    captures: &[Option<Vec<u16>>],
    named_captures: Option<&Obj>,
    template: &[u16],
    out: &mut Vec<u16>,
) -> Completion<()> {
    let unit = |c: char| c as u16;
    let digit = |u: u16| {
        (unit('0')..=unit('9'))
            .contains(&u)
            .then(|| (u - unit('0')) as usize)
    };
    let mut i = 0;
    while i < template.len() {
        let c = template[i];
        let next = template.get(i + 1).copied();
        if c != unit('$') || next.is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        let next = next.unwrap_or_default();
        match next {
            n if n == unit('$') => {
                out.push(unit('$'));
                i += 2;
            }
            n if n == unit('&') => {
                out.extend_from_slice(matched);
                i += 2;
            }
            n if n == unit('`') => {
                out.extend_from_slice(&string[..position.min(string.len())]);
                i += 2;
            }
            n if n == unit('\'') => {
                let tail = (position + matched.len()).min(string.len());
                out.extend_from_slice(&string[tail..]);
                i += 2;
            }
            n if digit(n).is_some() => {
                // $n or $nn, preferring two digits while they name a capture.
                let first = digit(n).unwrap_or(0);
                let two = template
                    .get(i + 2)
                    .and_then(|u| digit(*u))
                    .map(|d| first * 10 + d);
                let (index, width) = match two {
                    Some(v) if v >= 1 && v <= captures.len() => (v, 3),
                    _ => (first, 2),
                };
                if index >= 1 && index <= captures.len() {
                    if let Some(capture) = &captures[index - 1] {
                        out.extend_from_slice(capture);
                    }
                } else {
                    out.extend_from_slice(&template[i..i + width]);
                }
                i += width;
            }
            n if n == unit('<') => {
                let gt = template[i..].iter().position(|u| *u == unit('>'));
                match (gt, named_captures) {
                    (Some(gt), Some(groups)) => {
                        let name = String::from_utf16_lossy(&template[i + 2..i + gt]);
                        let capture = interp.get(groups, &PropertyKey::from(name.as_str()))?;
                        if !capture.is_undefined() {
                            out.extend(interp.to_string(&capture)?.as_str().encode_utf16());
                        }
                        i += gt + 1;
                    }
                    _ => {
                        out.extend_from_slice(&[unit('$'), unit('<')]);
                        i += 2;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    interp.check_string_length(out.len())
}

/// RegExp.prototype [ @@replace ] ( string, replaceValue ) — https://tc39.es/ecma262/#sec-regexp.prototype-%symbol.replace%
fn symbol_replace(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let rx = this_object(interp, this, "Symbol.replace")?;
    let s = interp.to_string(&arg(args, 0))?;
    let units = s.to_utf16();
    let mut replace_value = arg(args, 1);
    // 6.–7. A function, or a template string.
    let functional = is_callable(&replace_value);
    if !functional {
        replace_value = Value::String(interp.to_string(&replace_value)?);
    }
    let flags = flags_of(interp, &rx)?;
    let global = flags.as_str().contains('g');
    let full_unicode = is_full_unicode(&flags);
    if global {
        set_last_index(interp, &rx, 0)?;
    }
    // 11.–12. Collect the results (all of them when global).
    let mut results = Vec::new();
    loop {
        let result = regexp_exec(interp, &rx, &s)?;
        if result.is_null() {
            break;
        }
        results.push(result.clone());
        if !global {
            break;
        }
        if match_string(interp, &result)?.is_empty() {
            step_past_empty_match(interp, &rx, &units, full_unicode)?;
        }
    }
    // 13.–15. Splice each replacement in.
    let template = match &replace_value {
        Value::String(t) => t.to_utf16(),
        _ => Vec::new(),
    };
    let mut accumulated: Vec<u16> = Vec::new();
    let mut next_source_position = 0;
    for result in results {
        interp.tick()?;
        let Value::Object(result) = result else {
            continue;
        };
        let captures_len = interp.length_of_array_like(&result)?.saturating_sub(1);
        let matched = match_string(interp, &Value::Object(result.clone()))?.to_utf16();
        let position =
            interp.to_integer_or_infinity(&interp.get(&result, &PropertyKey::from("index"))?)?;
        let position = position.clamp(0.0, units.len() as f64) as usize;
        let mut captures = Vec::new();
        let mut capture_values = Vec::new();
        for n in 1..=captures_len {
            let cap = interp.get(&result, &PropertyKey::from_number(n as f64))?;
            let cap = if cap.is_undefined() {
                cap
            } else {
                Value::String(interp.to_string(&cap)?)
            };
            captures.push(cap.as_string().map(|c| c.to_utf16()));
            capture_values.push(cap);
        }
        let named = interp.get(&result, &PropertyKey::from("groups"))?;
        let mut replacement = Vec::new();
        if functional {
            // « matched, ...captures, position, S [, namedCaptures] ».
            let mut call_args = vec![Value::from(String::from_utf16_lossy(&matched))];
            call_args.extend(capture_values);
            call_args.push(Value::Number(position as f64));
            call_args.push(Value::String(s.clone()));
            if !named.is_undefined() {
                call_args.push(named);
            }
            let r = interp.call(&replace_value, &Value::Undefined, &call_args)?;
            replacement.extend(interp.to_string(&r)?.as_str().encode_utf16());
        } else {
            let named = if named.is_undefined() {
                None
            } else {
                Some(interp.to_object(&named)?)
            };
            get_substitution(
                interp,
                &matched,
                &units,
                position,
                &captures,
                named.as_ref(),
                &template,
                &mut replacement,
            )?;
        }
        if position >= next_source_position {
            accumulated.extend_from_slice(&units[next_source_position..position]);
            accumulated.extend_from_slice(&replacement);
            next_source_position = position + matched.len();
            interp.check_string_length(accumulated.len())?;
        }
    }
    if next_source_position < units.len() {
        accumulated.extend_from_slice(&units[next_source_position..]);
    }
    Ok(interp.new_string(String::from_utf16_lossy(&accumulated)))
}

/// RegExp.prototype [ @@search ] ( string ) — https://tc39.es/ecma262/#sec-regexp.prototype-%symbol.search%
fn symbol_search(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let rx = this_object(interp, this, "Symbol.search")?;
    let s = interp.to_string(&arg(args, 0))?;
    let key = PropertyKey::from("lastIndex");
    // 4.–5. Search from 0, then restore lastIndex.
    let previous = interp.get(&rx, &key)?;
    if !same_value(&previous, &Value::Number(0.0)) {
        interp.set(&rx, key.clone(), Value::Number(0.0), true)?;
    }
    let result = regexp_exec(interp, &rx, &s)?;
    let current = interp.get(&rx, &key)?;
    if !same_value(&current, &previous) {
        interp.set(&rx, key, previous, true)?;
    }
    if result.is_null() {
        return Ok(Value::Number(-1.0));
    }
    interp.get_v(&result, &PropertyKey::from("index"))
}

/// RegExp.prototype [ @@split ] ( string, limit ) — https://tc39.es/ecma262/#sec-regexp.prototype-%symbol.split%
fn symbol_split(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let rx = this_object(interp, this, "Symbol.split")?;
    let s = interp.to_string(&arg(args, 0))?;
    let units = s.to_utf16();
    // 4.–10. A sticky copy made by the species constructor.
    let default = interp
        .realm
        .intrinsic("%RegExp%")
        .expect("installed with RegExp");
    let c = super::super::species_constructor(interp, &rx, &default)?;
    let flags = flags_of(interp, &rx)?;
    let unicode = is_full_unicode(&flags);
    let new_flags = if flags.as_str().contains('y') {
        flags.to_string()
    } else {
        format!("{flags}y")
    };
    let splitter = match interp.construct(
        &c,
        &[Value::Object(rx.clone()), Value::from(new_flags)],
        None,
    )? {
        Value::Object(o) => o,
        _ => return Err(interp.type_error("RegExp species constructor returned a non-object")),
    };
    let mut parts: Vec<Value> = Vec::new();
    // 13. lim = 2^32 − 1, or ToUint32(limit).
    let lim = match arg(args, 1) {
        Value::Undefined => u32::MAX,
        l => interp.to_uint32(&l)?,
    } as usize;
    if lim == 0 {
        return Ok(Value::Object(interp.new_array(parts)));
    }
    let piece =
        |from: usize, to: usize| interp.new_string(String::from_utf16_lossy(&units[from..to]));
    // 16. An empty string: [S] unless the regexp matches it.
    if units.is_empty() {
        if regexp_exec(interp, &splitter, &s)?.is_null() {
            parts.push(Value::String(s));
        }
        return Ok(Value::Object(interp.new_array(parts)));
    }
    let size = units.len();
    let (mut p, mut q) = (0, 0);
    while q < size {
        interp.tick()?;
        set_last_index(interp, &splitter, q as u64)?;
        let z = regexp_exec(interp, &splitter, &s)?;
        let Value::Object(z) = z else {
            q = advance_string_index(&units, q, unicode);
            continue;
        };
        let e = (get_last_index(interp, &splitter)? as usize).min(size);
        if e == p {
            q = advance_string_index(&units, q, unicode);
            continue;
        }
        parts.push(piece(p, q));
        if parts.len() == lim {
            return Ok(Value::Object(interp.new_array(parts)));
        }
        p = e;
        // The captures go into the result too.
        let captures = interp.length_of_array_like(&z)?.saturating_sub(1);
        for i in 1..=captures {
            parts.push(interp.get(&z, &PropertyKey::from_number(i as f64))?);
            if parts.len() == lim {
                return Ok(Value::Object(interp.new_array(parts)));
            }
        }
        q = p;
    }
    parts.push(piece(p, size));
    Ok(Value::Object(interp.new_array(parts)))
}

/// RequireObjectCoercible(this value).
fn require_coercible(interp: &Interpreter, this: &Value, method: &str) -> Completion<()> {
    if this.is_nullish() {
        return Err(interp.type_error(&format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    Ok(())
}

/// Calls `regexp[symbol](this, …extra)` when `regexp` has such a method.
fn dispatch(
    interp: &Interpreter,
    regexp: &Value,
    symbol: &crate::mini::value::Sym,
    this: &Value,
    extra: &[Value],
) -> Completion<Option<Value>> {
    if regexp.is_nullish() {
        return Ok(None);
    }
    let Some(method) = interp.get_method(regexp, &PropertyKey::Symbol(symbol.clone()))? else {
        return Ok(None);
    };
    let mut call_args = vec![this.clone()];
    call_args.extend_from_slice(extra);
    Ok(Some(interp.call(&method, regexp, &call_args)?))
}

/// String.prototype.match ( regexp ) — https://tc39.es/ecma262/#sec-string.prototype.match
fn string_match(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    require_coercible(interp, this, "match")?;
    let regexp = arg(args, 0);
    if let Some(r) = dispatch(interp, &regexp, &interp.symbols.match_, this, &[])? {
        return Ok(r);
    }
    // 3.–5. S = ToString(O); rx = RegExpCreate(regexp, undefined); Invoke(rx, @@match, « S »).
    let s = interp.to_string(this)?;
    let rx = regexp_create(interp, &regexp, &Value::Undefined)?;
    interp.invoke(
        &Value::Object(rx),
        &PropertyKey::Symbol(interp.symbols.match_.clone()),
        &[Value::String(s)],
    )
}

/// String.prototype.matchAll ( regexp ) — https://tc39.es/ecma262/#sec-string.prototype.matchall
fn string_match_all(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    require_coercible(interp, this, "matchAll")?;
    let regexp = arg(args, 0);
    // 2.b. A regexp argument must be global.
    if !regexp.is_nullish() && is_regexp(interp, &regexp)? {
        let flags = interp.get_v(&regexp, &PropertyKey::from("flags"))?;
        if flags.is_nullish() {
            return Err(
                interp.type_error("String.prototype.matchAll called with a non-object flags")
            );
        }
        if !interp.to_string(&flags)?.as_str().contains('g') {
            return Err(interp
                .type_error("String.prototype.matchAll called with a non-global RegExp argument"));
        }
    }
    if let Some(r) = dispatch(interp, &regexp, &interp.symbols.match_all, this, &[])? {
        return Ok(r);
    }
    let s = interp.to_string(this)?;
    let rx = regexp_create(interp, &regexp, &Value::from("g"))?;
    interp.invoke(
        &Value::Object(rx),
        &PropertyKey::Symbol(interp.symbols.match_all.clone()),
        &[Value::String(s)],
    )
}

/// String.prototype.search ( regexp ) — https://tc39.es/ecma262/#sec-string.prototype.search
fn string_search(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    require_coercible(interp, this, "search")?;
    let regexp = arg(args, 0);
    if let Some(r) = dispatch(interp, &regexp, &interp.symbols.search, this, &[])? {
        return Ok(r);
    }
    let s = interp.to_string(this)?;
    let rx = regexp_create(interp, &regexp, &Value::Undefined)?;
    interp.invoke(
        &Value::Object(rx),
        &PropertyKey::Symbol(interp.symbols.search.clone()),
        &[Value::String(s)],
    )
}

/// String.prototype.split ( separator, limit ) — https://tc39.es/ecma262/#sec-string.prototype.split
/// Steps 1–2 (a separator with @@split decides); the rest is the
/// string-only split kept in slot 0.
fn string_split(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    require_coercible(interp, this, "split")?;
    let separator = arg(args, 0);
    if let Some(r) = dispatch(
        interp,
        &separator,
        &interp.symbols.split,
        this,
        &[arg(args, 1)],
    )? {
        return Ok(r);
    }
    let original = interp.native_slot(0);
    interp.call(&original, this, args)
}

/// Used by String.prototype.replace and replaceAll: `searchValue[@@replace]`
/// when it has one (after replaceAll's global check).
pub fn dispatch_replace(
    interp: &Interpreter,
    this: &Value,
    search: &Value,
    replace: &Value,
    all: bool,
) -> Completion<Option<Value>> {
    if all && !search.is_nullish() && is_regexp(interp, search)? {
        let flags = interp.get_v(search, &PropertyKey::from("flags"))?;
        if flags.is_nullish() || !interp.to_string(&flags)?.as_str().contains('g') {
            return Err(interp.type_error("replaceAll must be called with a global RegExp"));
        }
    }
    dispatch(
        interp,
        search,
        &interp.symbols.replace,
        this,
        std::slice::from_ref(replace),
    )
}
