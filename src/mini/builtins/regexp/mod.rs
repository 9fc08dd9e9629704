//! RegExp objects — https://tc39.es/ecma262/#sec-regexp-regular-expression-objects —
//! the RegExp constructor (RegExpAlloc, RegExpInitialize, RegExpCreate,
//! used for literals too), RegExp.prototype's flag accessors, `source`,
//! `flags`, exec (RegExpBuiltinExec), test and toString, and RegExpExec.
//! The Symbol methods (@@match, @@matchAll, @@replace, @@search, @@split)
//! are in `symbol_methods.rs`; the pattern grammar in `syntax.rs`; the
//! matcher in `vm.rs`.
//!
//! Indices are UTF-16 code units, as in the spec. Left out: the Annex B
//! `compile` method and the legacy static properties (`RegExp.$1` …).

pub mod symbol_methods;
pub mod syntax;
#[cfg(test)]
mod tests;
pub mod vm;

use std::cell::RefCell;
use std::rc::Rc;

use super::{arg, define_accessor, define_constructor, define_function};
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::object_ops::is_callable;
use crate::mini::interpreter::{Completion, Interpreter, approximate_stack_pointer};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::{JsStr, Value, same_value};
use vm::{MatchFlags, Program};

/// The internal slots of a RegExp instance.
pub struct RegExpData {
    /// [[OriginalSource]]
    pub source: JsStr,
    /// [[OriginalFlags]]
    pub flags: JsStr,
    /// [[RegExpMatcher]]
    pub program: Rc<Program>,
    /// The named groups and their indices ([[GroupName]]s of the pattern).
    pub names: Vec<(String, usize)>,
    /// NON-SPEC: the last input as code units, reused by repeated execs.
    last_input: RefCell<Option<(JsStr, Rc<Vec<u16>>)>>,
}

impl Trace for RegExpData {
    fn trace(&self, _tracer: &mut dyn Tracer) {
        // Strings and the program hold no objects.
    }
}

pub fn install(interp: &Interpreter) {
    let proto = interp.new_object();
    let ctor = define_constructor(interp, "RegExp", 2, regexp_constructor, &proto);
    interp.realm.set_intrinsic("%RegExp%", ctor.clone());
    interp
        .realm
        .set_intrinsic("%RegExp.prototype%", proto.clone());
    super::define_species_getter(interp, &ctor);
    define_function(interp, &proto, "exec", 1, exec);
    define_function(interp, &proto, "test", 1, test);
    define_function(interp, &proto, "toString", 0, to_string);
    define_accessor(interp, &proto, "flags", Some(flags_getter), None);
    define_accessor(interp, &proto, "source", Some(source_getter), None);
    for (name, getter) in [
        ("dotAll", dot_all as super::NativeFn),
        ("global", global),
        ("hasIndices", has_indices),
        ("ignoreCase", ignore_case),
        ("multiline", multiline),
        ("sticky", sticky),
        ("unicode", unicode),
        ("unicodeSets", unicode_sets),
    ] {
        define_accessor(interp, &proto, name, Some(getter), None);
    }
    symbol_methods::install(interp, &proto);
}

/// The RegExp data of `v`, if it has a [[RegExpMatcher]].
pub fn regexp_data<R>(v: &Value, f: impl FnOnce(&RegExpData) -> R) -> Option<R> {
    let Value::Object(o) = v else { return None };
    let data = o.borrow();
    match &data.kind {
        ObjectKind::Native(n) => n.as_any().downcast_ref::<RegExpData>().map(f),
        _ => None,
    }
}

/// IsRegExp ( argument ) — https://tc39.es/ecma262/#sec-isregexp
pub fn is_regexp(interp: &Interpreter, v: &Value) -> Completion<bool> {
    // 1. If argument is not an Object, return false.
    let Value::Object(o) = v else {
        return Ok(false);
    };
    // 2.–3. A @@match property decides when present.
    let matcher = interp.get(o, &PropertyKey::Symbol(interp.symbols.match_.clone()))?;
    if !matcher.is_undefined() {
        return Ok(matcher.to_boolean());
    }
    // 4. Otherwise whether it has a [[RegExpMatcher]].
    Ok(regexp_data(v, |_| ()).is_some())
}

/// RegExp ( pattern, flags ) — https://tc39.es/ecma262/#sec-regexp-pattern-flags
fn regexp_constructor(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let pattern = arg(args, 0);
    let flags = arg(args, 1);
    // 1. Let patternIsRegExp be ? IsRegExp(pattern).
    let pattern_is_regexp = is_regexp(interp, &pattern)?;
    // 2.–3. Called as a function: return a regexp argument as it is when
    // its constructor is this one and no flags are given.
    let new_target = match interp.new_target() {
        Some(nt) => nt,
        None => {
            let active = interp
                .active_function()
                .expect("a built-in runs as an active function");
            if pattern_is_regexp && flags.is_undefined() {
                let Value::Object(p) = &pattern else {
                    unreachable!("IsRegExp is true only for objects")
                };
                let pattern_constructor = interp.get(p, &PropertyKey::from("constructor"))?;
                if same_value(&Value::Object(active.clone()), &pattern_constructor) {
                    return Ok(pattern);
                }
            }
            active
        }
    };
    // 4.–6. The source and flags to use.
    let (p, f) = if let Some((source, original_flags)) =
        regexp_data(&pattern, |d| (d.source.clone(), d.flags.clone()))
    {
        (
            Value::String(source),
            if flags.is_undefined() {
                Value::String(original_flags)
            } else {
                flags
            },
        )
    } else if pattern_is_regexp {
        let Value::Object(o) = &pattern else {
            unreachable!("IsRegExp is true only for objects")
        };
        let source = interp.get(o, &PropertyKey::from("source"))?;
        let f = if flags.is_undefined() {
            interp.get(o, &PropertyKey::from("flags"))?
        } else {
            flags
        };
        (source, f)
    } else {
        (pattern, flags)
    };
    // 7.–8. O = ? RegExpAlloc(newTarget); return ? RegExpInitialize(O, P, F).
    let proto = interp
        .realm
        .intrinsic("%RegExp.prototype%")
        .expect("installed with RegExp");
    let proto = interp.get_prototype_from_constructor(&new_target, &proto)?;
    Ok(Value::Object(regexp_initialize(interp, proto, &p, &f)?))
}

/// RegExpCreate ( P, F ) — https://tc39.es/ecma262/#sec-regexpcreate
/// (also how a regular expression literal is evaluated).
pub fn regexp_create(interp: &Interpreter, pattern: &Value, flags: &Value) -> Completion<Obj> {
    let proto = interp
        .realm
        .intrinsic("%RegExp.prototype%")
        .expect("installed with RegExp");
    regexp_initialize(interp, proto, pattern, flags)
}

/// RegExpAlloc and RegExpInitialize ( obj, pattern, flags ) —
/// https://tc39.es/ecma262/#sec-regexpinitialize
fn regexp_initialize(
    interp: &Interpreter,
    proto: Obj,
    pattern: &Value,
    flags: &Value,
) -> Completion<Obj> {
    // 1.–4. P and F as strings.
    let p = if pattern.is_undefined() {
        JsStr::from("")
    } else {
        interp.to_string(pattern)?
    };
    let f = if flags.is_undefined() {
        JsStr::from("")
    } else {
        interp.to_string(flags)?
    };
    // 5. Invalid or repeated flags are a SyntaxError.
    let fs = f.as_str();
    let repeated = fs.char_indices().any(|(i, c)| fs[..i].contains(c));
    if !fs.chars().all(|c| "dgimsuvy".contains(c))
        || repeated
        || (fs.contains('u') && fs.contains('v'))
    {
        return Err(interp.throw_error(
            ErrorKind::SyntaxError,
            &format!("Invalid flags supplied to RegExp constructor '{fs}'"),
        ));
    }
    // 10.–13. Parse the pattern; errors are SyntaxErrors.
    let unicode = fs.contains('u') || fs.contains('v');
    let syntax_error = |reason: String| {
        interp.throw_error(
            ErrorKind::SyntaxError,
            &format!("Invalid regular expression: /{p}/{fs}: {reason}"),
        )
    };
    // NON-SPEC: the parser recurses per nested group; it stops while the
    // native stack still has the interpreter's margin.
    let bounds = interp.stack_bounds();
    let has_stack =
        || bounds.base.saturating_sub(approximate_stack_pointer()) + (256 << 10) < bounds.size;
    let parsed = syntax::parse_pattern(p.as_str(), unicode, &has_stack).map_err(|e| match e {
        syntax::PatternError::Syntax(reason) => syntax_error(reason),
        syntax::PatternError::TooDeep => interp.range_error("Maximum call stack size exceeded"),
    })?;
    let match_flags = MatchFlags {
        ignore_case: fs.contains('i'),
        multiline: fs.contains('m'),
        dot_all: fs.contains('s'),
        unicode,
    };
    let program = vm::compile(&parsed, match_flags).map_err(syntax_error)?;
    let data = RegExpData {
        source: p,
        flags: f,
        program: Rc::new(program),
        names: parsed.names,
        last_input: RefCell::new(None),
    };
    let o = Obj::with_kind(
        &interp.heap,
        Some(proto),
        ObjectKind::Native(Box::new(data)),
    );
    // RegExpAlloc step 2: lastIndex is writable, not enumerable, not configurable.
    o.define_data(
        "lastIndex",
        Value::Number(0.0),
        Attributes::new(true, false, false),
    );
    // 16. Perform ? Set(obj, "lastIndex", +0𝔽, true).
    interp.set(&o, PropertyKey::from("lastIndex"), Value::Number(0.0), true)?;
    Ok(o)
}

/// The `this` of RegExp.prototype methods that need an Object.
fn this_object(interp: &Interpreter, this: &Value, method: &str) -> Completion<Obj> {
    match this {
        Value::Object(o) => Ok(o.clone()),
        _ => Err(interp.type_error(&format!("RegExp.prototype.{method} called on a non-object"))),
    }
}

/// AdvanceStringIndex ( S, index, unicode ) — https://tc39.es/ecma262/#sec-advancestringindex
pub fn advance_string_index(units: &[u16], index: usize, unicode: bool) -> usize {
    if !unicode || index + 1 >= units.len() {
        return index + 1;
    }
    let is_pair =
        (0xD800..0xDC00).contains(&units[index]) && (0xDC00..0xE000).contains(&units[index + 1]);
    index + if is_pair { 2 } else { 1 }
}

/// The last index property read as ToLength.
pub fn get_last_index(interp: &Interpreter, r: &Obj) -> Completion<u64> {
    let v = interp.get(r, &PropertyKey::from("lastIndex"))?;
    interp.to_length(&v)
}

pub fn set_last_index(interp: &Interpreter, r: &Obj, index: u64) -> Completion<()> {
    interp.set(
        r,
        PropertyKey::from("lastIndex"),
        Value::Number(index as f64),
        true,
    )
}

/// RegExpBuiltinExec ( R, S ) — https://tc39.es/ecma262/#sec-regexpbuiltinexec
pub fn regexp_builtin_exec(interp: &Interpreter, r: &Obj, s: &JsStr) -> Completion<Value> {
    let rv = Value::Object(r.clone());
    let (flags, program, names, units) = regexp_data(&rv, |d| {
        let units = {
            let mut cache = d.last_input.borrow_mut();
            match &*cache {
                Some((text, units)) if text.ptr_eq(s) || text == s => units.clone(),
                _ => {
                    let units = Rc::new(s.to_utf16());
                    *cache = Some((s.clone(), units.clone()));
                    units
                }
            }
        };
        (d.flags.clone(), d.program.clone(), d.names.clone(), units)
    })
    .ok_or_else(|| interp.type_error("RegExp exec called on an incompatible receiver"))?;
    let length = units.len() as u64;
    // 2. Let lastIndex be ℝ(? ToLength(? Get(R, "lastIndex"))).
    let mut last_index = get_last_index(interp, r)?;
    let (global, sticky, has_indices) = (
        flags.as_str().contains('g'),
        flags.as_str().contains('y'),
        flags.as_str().contains('d'),
    );
    let full_unicode = flags.as_str().contains('u') || flags.as_str().contains('v');
    // 6. If global is false and sticky is false, set lastIndex to 0.
    if !global && !sticky {
        last_index = 0;
    }
    // 12.–13. Try each start until a match (only lastIndex when sticky).
    let captures = loop {
        if last_index > length {
            if global || sticky {
                set_last_index(interp, r, 0)?;
            }
            return Ok(Value::Null);
        }
        interp.tick()?;
        match program.match_at(interp, &units, last_index as usize)? {
            Some(captures) => break captures,
            None if sticky => {
                set_last_index(interp, r, 0)?;
                return Ok(Value::Null);
            }
            None => {
                last_index = advance_string_index(&units, last_index as usize, full_unicode) as u64
            }
        }
    };
    let (start, end) = (captures[0].unwrap_or(0), captures[1].unwrap_or(0));
    // 16.–17. Advance lastIndex for global or sticky regexps.
    if global || sticky {
        set_last_index(interp, r, end as u64)?;
    }
    // 20.–33. The result array: the match and captures, index, input, groups, indices.
    let group_count = program.group_count();
    let substring = |i: usize| -> Value {
        match (captures[2 * i], captures[2 * i + 1]) {
            (Some(s), Some(e)) if s <= e => {
                interp.new_string(String::from_utf16_lossy(&units[s..e]))
            }
            _ => Value::Undefined,
        }
    };
    let elements: Vec<Value> = (0..=group_count).map(substring).collect();
    let a = interp.new_array(elements.clone());
    interp.create_data_property(&a, PropertyKey::from("index"), Value::Number(start as f64));
    interp.create_data_property(&a, PropertyKey::from("input"), Value::String(s.clone()));
    let groups = if names.is_empty() {
        Value::Undefined
    } else {
        let g = interp.new_object_with_proto(None);
        for (name, index) in &names {
            interp.create_data_property(
                &g,
                PropertyKey::from(name.as_str()),
                elements[*index].clone(),
            );
        }
        Value::Object(g)
    };
    interp.create_data_property(&a, PropertyKey::from("groups"), groups);
    if has_indices {
        let pair = |i: usize| match (captures[2 * i], captures[2 * i + 1]) {
            (Some(s), Some(e)) => {
                Value::Object(interp.new_array(vec![Value::from(s), Value::from(e)]))
            }
            _ => Value::Undefined,
        };
        let indices = interp.new_array((0..=group_count).map(pair).collect());
        let index_groups = if names.is_empty() {
            Value::Undefined
        } else {
            let g = interp.new_object_with_proto(None);
            for (name, index) in &names {
                interp.create_data_property(&g, PropertyKey::from(name.as_str()), pair(*index));
            }
            Value::Object(g)
        };
        interp.create_data_property(&indices, PropertyKey::from("groups"), index_groups);
        interp.create_data_property(&a, PropertyKey::from("indices"), Value::Object(indices));
    }
    Ok(Value::Object(a))
}

/// RegExpExec ( R, S ) — https://tc39.es/ecma262/#sec-regexpexec
pub fn regexp_exec(interp: &Interpreter, r: &Obj, s: &JsStr) -> Completion<Value> {
    // 1. Let exec be ? Get(R, "exec").
    let exec = interp.get(r, &PropertyKey::from("exec"))?;
    // 2. If IsCallable(exec), call it; the result must be an Object or null.
    if is_callable(&exec) {
        let result = interp.call(
            &exec,
            &Value::Object(r.clone()),
            &[Value::String(s.clone())],
        )?;
        if !matches!(result, Value::Object(_) | Value::Null) {
            return Err(interp.type_error("exec result must be an object or null"));
        }
        return Ok(result);
    }
    // 3.–4. Otherwise R must be a RegExp.
    regexp_builtin_exec(interp, r, s)
}

/// RegExp.prototype.exec ( string ) — https://tc39.es/ecma262/#sec-regexp.prototype.exec
fn exec(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let r = this_object(interp, this, "exec")?;
    if regexp_data(this, |_| ()).is_none() {
        return Err(interp.type_error("RegExp.prototype.exec called on an incompatible receiver"));
    }
    let s = interp.to_string(&arg(args, 0))?;
    regexp_builtin_exec(interp, &r, &s)
}

/// RegExp.prototype.test ( S ) — https://tc39.es/ecma262/#sec-regexp.prototype.test
fn test(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value> {
    let r = this_object(interp, this, "test")?;
    let s = interp.to_string(&arg(args, 0))?;
    Ok(Value::Boolean(!regexp_exec(interp, &r, &s)?.is_null()))
}

/// RegExp.prototype.toString ( ) — https://tc39.es/ecma262/#sec-regexp.prototype.tostring
fn to_string(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let r = this_object(interp, this, "toString")?;
    let source = interp.to_string(&interp.get(&r, &PropertyKey::from("source"))?)?;
    let flags = interp.to_string(&interp.get(&r, &PropertyKey::from("flags"))?)?;
    Ok(interp.new_string(format!("/{source}/{flags}")))
}

/// get RegExp.prototype.flags — https://tc39.es/ecma262/#sec-get-regexp.prototype.flags
fn flags_getter(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let r = this_object(interp, this, "flags")?;
    let mut result = String::new();
    for (flag, name) in [
        ('d', "hasIndices"),
        ('g', "global"),
        ('i', "ignoreCase"),
        ('m', "multiline"),
        ('s', "dotAll"),
        ('u', "unicode"),
        ('v', "unicodeSets"),
        ('y', "sticky"),
    ] {
        if interp.get(&r, &PropertyKey::from(name))?.to_boolean() {
            result.push(flag);
        }
    }
    Ok(Value::from(result))
}

/// get RegExp.prototype.source — https://tc39.es/ecma262/#sec-get-regexp.prototype.source
fn source_getter(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    this_object(interp, this, "source")?;
    match regexp_data(this, |d| d.source.clone()) {
        Some(source) => Ok(Value::from(escape_regexp_pattern(source.as_str()))),
        None if is_regexp_prototype(interp, this) => Ok(Value::from("(?:)")),
        None => {
            Err(interp
                .type_error("RegExp.prototype.source getter called on an incompatible receiver"))
        }
    }
}

/// EscapeRegExpPattern ( P, F ) — https://tc39.es/ecma262/#sec-escaperegexppattern
/// `/` outside classes and line terminators are escaped; "" is "(?:)".
fn escape_regexp_pattern(source: &str) -> String {
    if source.is_empty() {
        return "(?:)".into();
    }
    let mut out = String::with_capacity(source.len());
    let (mut escaped, mut in_class) = (false, false);
    for c in source.chars() {
        match c {
            '/' if !escaped && !in_class => out.push_str("\\/"),
            '\n' => out.push_str(if escaped { "n" } else { "\\n" }),
            '\r' => out.push_str(if escaped { "r" } else { "\\r" }),
            '\u{2028}' => out.push_str(if escaped { "u2028" } else { "\\u2028" }),
            '\u{2029}' => out.push_str(if escaped { "u2029" } else { "\\u2029" }),
            _ => out.push(c),
        }
        if !escaped {
            match c {
                '[' => in_class = true,
                ']' => in_class = false,
                _ => {}
            }
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

fn is_regexp_prototype(interp: &Interpreter, v: &Value) -> bool {
    matches!((v, interp.realm.intrinsic("%RegExp.prototype%")), (Value::Object(o), Some(p)) if o.ptr_eq(&p))
}

/// RegExpHasFlag ( R, codeUnit ) — https://tc39.es/ecma262/#sec-regexphasflag
fn has_flag(interp: &Interpreter, this: &Value, flag: char, name: &str) -> Completion<Value> {
    this_object(interp, this, name)?;
    match regexp_data(this, |d| d.flags.as_str().contains(flag)) {
        Some(b) => Ok(Value::Boolean(b)),
        None if is_regexp_prototype(interp, this) => Ok(Value::Undefined),
        None => Err(interp.type_error(&format!(
            "RegExp.prototype.{name} getter called on an incompatible receiver"
        ))),
    }
}

fn dot_all(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 's', "dotAll")
}

fn global(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'g', "global")
}

fn has_indices(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'd', "hasIndices")
}

fn ignore_case(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'i', "ignoreCase")
}

fn multiline(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'm', "multiline")
}

fn sticky(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'y', "sticky")
}

fn unicode(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'u', "unicode")
}

fn unicode_sets(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    has_flag(interp, this, 'v', "unicodeSets")
}
