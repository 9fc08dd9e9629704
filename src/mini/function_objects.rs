//! Function objects: the internal slots of ECMAScript function objects
//! (https://tc39.es/ecma262/#sec-ecmascript-function-objects), built-in
//! function objects (#sec-built-in-function-objects) and bound functions
//! (#sec-bound-function-exotic-objects), and the abstract operations that
//! make them: OrdinaryFunctionCreate, MakeConstructor, MakeMethod,
//! SetFunctionName, SetFunctionLength, CreateBuiltinFunction, BoundFunctionCreate.
//!
//! [[Call]] and [[Construct]] (PrepareForOrdinaryCall, OrdinaryCallBindThis,
//! OrdinaryCallEvaluateBody) are in `interpreter/functions.rs`.

use std::cell::OnceCell;
use std::rc::{Rc, Weak};

use super::environment::Env;
use super::heap::{Trace, Tracer};
use super::interpreter::{Completion, Interpreter};
use super::ir::{FunctionCode, FunctionKind};
use super::object::{Obj, ObjectCell, ObjectKind};
use super::property::{Attributes, Property, PropertyDescriptor, PropertyKey};
use super::value::{JsStr, Value};

/// The behaviour of a built-in function: `this`, the arguments, and the
/// interpreter (which also knows the active function object and NewTarget:
/// `interp.active_function()`, `interp.new_target()`).
pub type NativeFn = fn(interp: &Interpreter, this: &Value, args: &[Value]) -> Completion<Value>;

/// [[ThisMode]]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThisMode {
    Lexical,
    Strict,
    Global,
}

/// [[ConstructorKind]]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstructorKind {
    Base,
    Derived,
}

/// A ClassFieldDefinition Record (#sec-classfielddefinition-record-specification-type).
#[derive(Debug, Clone)]
pub struct ClassFieldDefinition {
    /// [[Name]]
    pub name: PropertyKey,
    /// [[Initializer]]: a method-like function evaluated with `this` the
    /// instance, or None for `x;`.
    pub initializer: Option<Obj>,
}

/// The internal slots of an ECMAScript function object.
#[derive(Debug)]
pub struct FunctionData {
    /// [[ECMAScriptCode]], [[FormalParameters]], [[Strict]], [[SourceText]] …
    pub code: Rc<FunctionCode>,
    /// [[Environment]]: the environment the function closes over.
    pub environment: Env,
    /// [[ThisMode]]
    pub this_mode: ThisMode,
    /// [[HomeObject]]
    pub home_object: Option<Obj>,
    /// [[ConstructorKind]]
    pub constructor_kind: ConstructorKind,
    /// True once MakeConstructor ran ([[Construct]] exists).
    pub constructor: bool,
    /// [[IsClassConstructor]]
    pub is_class_constructor: bool,
    /// [[Fields]]
    pub fields: Box<[ClassFieldDefinition]>,
    /// The own "length", "name" and "prototype" properties while untouched.
    pub lazy: LazyProperties,
}

/// NON-SPEC: every ordinary function gets "length", "name" and (for
/// constructors) "prototype" — a fresh object whose "constructor" points
/// back, i.e. two allocations and a cycle per closure. While the program
/// has not redefined or deleted them, these properties are kept here
/// (the prototype object made on first observation) and presented by the
/// own-property methods as the ordinary properties they stand for, in
/// their creation order. Any change first turns them into real entries.
#[derive(Debug, Default)]
pub struct LazyProperties {
    /// Which of LENGTH, NAME, PROTOTYPE are still virtual.
    pub flags: u8,
    /// The value of "name".
    pub name: Option<super::value::JsStr>,
    /// The "prototype" object once made.
    pub prototype: OnceCell<Obj>,
    /// The function object itself (for the prototype's "constructor").
    pub self_ref: Weak<ObjectCell>,
}

impl LazyProperties {
    pub const LENGTH: u8 = 1;
    pub const NAME: u8 = 2;
    pub const PROTOTYPE: u8 = 4;
}

/// True if `key` is one of the lazily kept function properties.
pub fn is_lazy_key(key: &PropertyKey) -> bool {
    matches!(key, PropertyKey::String(s) if matches!(s.as_str(), "length" | "name" | "prototype"))
}

impl FunctionData {
    pub fn is_constructor(&self) -> bool {
        self.constructor
    }

    /// The property a still-virtual "length", "name" or "prototype" stands for.
    pub fn lazy_property(&self, key: &PropertyKey) -> Option<Property> {
        let flags = self.lazy.flags;
        if flags == 0 {
            return None;
        }
        let PropertyKey::String(s) = key else {
            return None;
        };
        let read_only = Attributes::new(false, false, true);
        match s.as_str() {
            "length" if flags & LazyProperties::LENGTH != 0 => Some(Property::data(
                Value::Number(self.code.length as f64),
                read_only,
            )),
            "name" if flags & LazyProperties::NAME != 0 => Some(Property::data(
                Value::String(self.lazy.name.clone().unwrap_or_else(|| "".into())),
                read_only,
            )),
            "prototype" if flags & LazyProperties::PROTOTYPE != 0 => self
                .lazy_prototype()
                .map(|p| Property::data(Value::Object(p), Attributes::new(true, false, false))),
            _ => None,
        }
    }

    /// The "prototype" object, made on first use (MakeConstructor step 5.a–b).
    fn lazy_prototype(&self) -> Option<Obj> {
        if let Some(p) = self.lazy.prototype.get() {
            return Some(p.clone());
        }
        let f = Obj::upgrade(&self.lazy.self_ref)?;
        let p = super::interpreter::with_current(|interp| {
            let p = interp.new_object();
            p.define_data("constructor", Value::Object(f), Attributes::builtin());
            p
        })?;
        let _ = self.lazy.prototype.set(p.clone());
        Some(p)
    }

    /// The virtual keys, in creation order.
    pub fn lazy_keys(&self) -> Vec<PropertyKey> {
        let flags = self.lazy.flags;
        let mut keys = Vec::new();
        for (bit, name) in [
            (LazyProperties::LENGTH, "length"),
            (LazyProperties::NAME, "name"),
            (LazyProperties::PROTOTYPE, "prototype"),
        ] {
            if flags & bit != 0 {
                keys.push(PropertyKey::from(name));
            }
        }
        keys
    }

    /// Turns the virtual properties into real entries (in creation order)
    /// and clears them.
    pub fn take_lazy_properties(&mut self) -> Vec<(PropertyKey, Property)> {
        let keys = self.lazy_keys();
        let out = keys
            .into_iter()
            .filter_map(|k| self.lazy_property(&k).map(|p| (k, p)))
            .collect();
        self.lazy.flags = 0;
        out
    }
}

impl Trace for FunctionData {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let FunctionData {
            code: _,
            environment,
            this_mode: _,
            home_object,
            constructor_kind: _,
            constructor: _,
            is_class_constructor: _,
            fields,
            lazy,
        } = self;
        tracer.env(environment);
        home_object.trace(tracer);
        if let Some(p) = lazy.prototype.get() {
            tracer.object(p);
        }
        for f in fields {
            f.initializer.trace(tracer);
        }
    }
}

/// The internal slots of a built-in function object.
pub struct BuiltinFunction {
    /// The steps the function performs.
    pub behaviour: NativeFn,
    /// Whether it has a [[Construct]] (it then reads NewTarget).
    pub is_constructor: bool,
    /// Extra internal slots for closures made by abstract operations
    /// (e.g. a promise's resolving functions): read with
    /// `interp.active_function()`.
    pub slots: Vec<Value>,
}

impl std::fmt::Debug for BuiltinFunction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BuiltinFunction")
    }
}

impl Trace for BuiltinFunction {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let BuiltinFunction {
            behaviour: _,
            is_constructor: _,
            slots,
        } = self;
        slots.trace(tracer);
    }
}

/// The internal slots of a bound function exotic object.
#[derive(Debug)]
pub struct BoundFunction {
    /// [[BoundTargetFunction]]
    pub target: Obj,
    /// [[BoundThis]]
    pub bound_this: Value,
    /// [[BoundArguments]]
    pub bound_arguments: Vec<Value>,
}

impl Trace for BoundFunction {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let BoundFunction {
            target,
            bound_this,
            bound_arguments,
        } = self;
        tracer.object(target);
        bound_this.trace(tracer);
        bound_arguments.trace(tracer);
    }
}

/// OrdinaryFunctionCreate ( functionPrototype, sourceText, ParameterList,
/// Body, thisMode, env, privateEnv ) — https://tc39.es/ecma262/#sec-ordinaryfunctioncreate
pub fn ordinary_function_create(
    interp: &Interpreter,
    prototype: Obj,
    code: &Rc<FunctionCode>,
    env: Env,
) -> Obj {
    // 7.–10. thisMode: lexical for arrows, strict for strict code, else global.
    let this_mode = if code.kind == FunctionKind::Arrow {
        ThisMode::Lexical
    } else if code.strict {
        ThisMode::Strict
    } else {
        ThisMode::Global
    };
    let data = FunctionData {
        code: code.clone(),
        environment: env,
        this_mode,
        home_object: None,
        constructor_kind: ConstructorKind::Base,
        constructor: false,
        is_class_constructor: false,
        fields: Box::default(),
        lazy: LazyProperties {
            flags: LazyProperties::LENGTH | LazyProperties::NAME,
            ..Default::default()
        },
    };
    let f = Obj::with_kind(&interp.heap, Some(prototype), ObjectKind::Function(data));
    // 22. SetFunctionLength ( F, len ): kept lazily (see LazyProperties).
    if let ObjectKind::Function(d) = &mut f.borrow_mut().kind {
        d.lazy.self_ref = f.downgrade();
    }
    f
}

/// MakeConstructor ( F [, writablePrototype [, prototype ]] ) —
/// https://tc39.es/ecma262/#sec-makeconstructor
pub fn make_constructor(
    interp: &Interpreter,
    f: &Obj,
    writable_prototype: bool,
    prototype: Option<Obj>,
) {
    // 3.–4. Mark F a constructor.
    if let ObjectKind::Function(data) = &mut f.borrow_mut().kind {
        data.constructor = true;
        // 5.–6. The default prototype of an ordinary function is kept lazily.
        if writable_prototype && prototype.is_none() && data.lazy.flags & LazyProperties::NAME != 0
        {
            data.lazy.flags |= LazyProperties::PROTOTYPE;
            return;
        }
    }
    // 5. If prototype is absent: a new object whose "constructor" is F.
    let prototype = prototype.unwrap_or_else(|| {
        let p = interp.new_object();
        p.define_data(
            "constructor",
            Value::Object(f.clone()),
            Attributes::new(writable_prototype, false, true),
        );
        p
    });
    // 6. Define F.prototype.
    f.define_data(
        "prototype",
        Value::Object(prototype),
        Attributes::new(writable_prototype, false, false),
    );
}

/// MakeMethod ( F, homeObject ) — https://tc39.es/ecma262/#sec-makemethod
pub fn make_method(f: &Obj, home_object: Obj) {
    if let ObjectKind::Function(data) = &mut f.borrow_mut().kind {
        data.home_object = Some(home_object);
    }
}

/// SetFunctionName ( F, name [, prefix ] ) — https://tc39.es/ecma262/#sec-setfunctionname
pub fn set_function_name(f: &Obj, name: &PropertyKey, prefix: Option<&str>) {
    // 2.–3. A symbol's name is its description in brackets (or empty).
    // 5. Add the prefix ("get", "set", "bound"). NON-SPEC: a string key
    // without a prefix is shared, not copied.
    let text = match (name, prefix) {
        (PropertyKey::String(s), None) => s.clone(),
        (PropertyKey::Symbol(s), _) => {
            let bracketed = match s.description() {
                Some(d) => format!("[{}]", d.as_str()),
                None => String::new(),
            };
            with_prefix(bracketed, prefix)
        }
        (other, _) => with_prefix(other.to_display_string(), prefix),
    };
    // A still-virtual "name" just takes the value.
    if let ObjectKind::Function(d) = &mut f.borrow_mut().kind
        && d.lazy.flags & LazyProperties::NAME != 0
    {
        d.lazy.name = Some(text);
        return;
    }
    // 6. DefinePropertyOrThrow(F, "name", { [[Value]]: name, writable: false,
    // enumerable: false, configurable: true }).
    f.define_own_property(
        PropertyKey::from("name"),
        PropertyDescriptor::data(Value::String(text), Attributes::new(false, false, true)),
    );
}

/// `"{prefix} {name}"`, or `name` without a prefix.
fn with_prefix(name: String, prefix: Option<&str>) -> JsStr {
    match prefix {
        Some(p) => JsStr::from(format!("{p} {name}")),
        None => JsStr::from(name),
    }
}

/// SetFunctionLength ( F, length ) — https://tc39.es/ecma262/#sec-setfunctionlength
pub fn set_function_length(f: &Obj, length: f64) {
    f.define_own_property(
        PropertyKey::from("length"),
        PropertyDescriptor::data(Value::Number(length), Attributes::new(false, false, true)),
    );
}

/// CreateBuiltinFunction ( behaviour, length, name, additionalInternalSlotsList
/// [, realm [, prototype [, prefix ]]] ) — https://tc39.es/ecma262/#sec-createbuiltinfunction
pub fn create_builtin_function(
    interp: &Interpreter,
    behaviour: NativeFn,
    length: u32,
    name: impl Into<PropertyKey>,
    slots: Vec<Value>,
    is_constructor: bool,
) -> Obj {
    let f = Obj::with_kind(
        &interp.heap,
        Some(interp.realm.function_prototype.clone()),
        ObjectKind::Builtin(Box::new(BuiltinFunction {
            behaviour,
            is_constructor,
            slots,
        })),
    );
    set_function_length(&f, length as f64);
    set_function_name(&f, &name.into(), None);
    f
}

/// The name a function was given (its own "name" data property), for
/// `Function.prototype.toString` of built-ins and messages.
pub fn function_name(f: &Obj) -> JsStr {
    match f.get_own_property(&PropertyKey::from("name")) {
        Some(super::property::Property::Data {
            value: Value::String(s),
            ..
        }) => s,
        _ => JsStr::from(""),
    }
}
