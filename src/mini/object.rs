//! Objects (https://tc39.es/ecma262/#sec-object-type): the heap cell, the
//! internal slots of each kind of object, and the ordinary and exotic
//! *own-property* internal methods that never run user code:
//! [[GetOwnProperty]], [[DefineOwnProperty]] (ValidateAndApplyPropertyDescriptor),
//! [[Delete]], [[OwnPropertyKeys]], [[PreventExtensions]].
//!
//! The methods that may call getters, setters or traps — [[Get]], [[Set]],
//! [[HasProperty]] walks, [[Call]], [[Construct]] — need the interpreter and
//! live in `interpreter/object_ops.rs`.
//!
//! Exotic objects handled here: Array (https://tc39.es/ecma262/#sec-array-exotic-objects,
//! NON-SPEC dense element storage), String (#sec-string-exotic-objects),
//! mapped arguments (#sec-arguments-exotic-objects). Proxy is not supported.
//!
//! Extending: built-ins with their own internal slots (Map, Set, iterators …)
//! either add an `ObjectKind` variant (and its `trace` arm) or store a
//! `Box<dyn NativeData>` in `ObjectKind::Native`.

use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};
use std::fmt;
use std::rc::{Rc, Weak};

pub use super::array_exotic::ArrayStorage;
use super::builtins::promise::PromiseData;
use super::environment::Env;
use super::function_objects::{BoundFunction, BuiltinFunction, FunctionData};
use super::generators::GeneratorData;
use super::heap::{GcHeader, Heap, Trace, Tracer};
use super::property::{Attributes, Property, PropertyDescriptor, PropertyKey, PropertyMap};
use super::value::{JsStr, Sym, Value};

/// Internal slots of a built-in kind not listed in [`ObjectKind`]: any
/// type that says what it references ([`Trace`]) is one; read it back with
/// `as_any().downcast_ref::<T>()`.
pub trait NativeData: Trace + Any {
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Trace + Any> NativeData for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Which kind of object this is, with its internal slots.
#[derive(Default)]
pub enum ObjectKind {
    /// An ordinary object with no extra slots.
    #[default]
    Ordinary,
    /// An Array exotic object.
    Array(ArrayStorage),
    /// An ECMAScript function object (#sec-ecmascript-function-objects).
    Function(FunctionData),
    /// A built-in function object (#sec-built-in-function-objects).
    Builtin(Box<BuiltinFunction>),
    /// A bound function exotic object (#sec-bound-function-exotic-objects).
    Bound(Box<BoundFunction>),
    /// A mapped arguments exotic object.
    MappedArguments(MappedArguments),
    /// An unmapped arguments object ([[ParameterMap]] undefined).
    UnmappedArguments,
    /// Has an [[ErrorData]] slot.
    Error,
    /// [[BooleanData]]
    Boolean(bool),
    /// [[NumberData]]
    Number(f64),
    /// [[StringData]] (a String exotic object).
    String(JsStr),
    /// [[SymbolData]]
    Symbol(Sym),
    /// A Promise instance.
    Promise(Box<PromiseData>),
    /// [[WeakRefTarget]], held weakly (not traced).
    WeakRef(Weak<ObjectCell>),
    /// A generator or async function's suspended execution.
    Generator(Box<GeneratorData>),
    /// Any other built-in's slots.
    Native(Box<dyn NativeData>),
}

impl fmt::Debug for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl ObjectKind {
    pub fn name(&self) -> &'static str {
        match self {
            ObjectKind::Ordinary => "Object",
            ObjectKind::Array(_) => "Array",
            ObjectKind::Function(_) | ObjectKind::Builtin(_) | ObjectKind::Bound(_) => "Function",
            ObjectKind::MappedArguments(_) | ObjectKind::UnmappedArguments => "Arguments",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Symbol(_) => "Symbol",
            ObjectKind::Promise(_) => "Promise",
            ObjectKind::WeakRef(_) => "WeakRef",
            ObjectKind::Generator(_) => "Generator",
            ObjectKind::Native(_) => "Object",
        }
    }
}

impl Trace for ObjectKind {
    fn trace(&self, tracer: &mut dyn Tracer) {
        match self {
            ObjectKind::Ordinary
            | ObjectKind::UnmappedArguments
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_)
            | ObjectKind::String(_)
            | ObjectKind::Symbol(_)
            // The target of a WeakRef is held weakly: never traced.
            | ObjectKind::WeakRef(_) => {}
            ObjectKind::Array(a) => a.trace(tracer),
            ObjectKind::Function(f) => f.trace(tracer),
            ObjectKind::Builtin(b) => b.trace(tracer),
            ObjectKind::Bound(b) => b.trace(tracer),
            ObjectKind::MappedArguments(m) => m.trace(tracer),
            ObjectKind::Promise(p) => p.trace(tracer),
            ObjectKind::Generator(g) => g.trace(tracer),
            ObjectKind::Native(n) => n.trace(tracer),
        }
    }
}

/// [[ParameterMap]] of a mapped arguments object: index i aliases slot
/// `slots[i]` of the function's environment while mapped.
#[derive(Debug)]
pub struct MappedArguments {
    pub env: Env,
    pub slots: Vec<Option<u32>>,
}

impl Trace for MappedArguments {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let MappedArguments { env, slots: _ } = self;
        tracer.env(env);
    }
}

/// The contents of an object.
#[derive(Default, Debug)]
pub struct ObjectData {
    /// [[Prototype]]
    pub prototype: Option<Obj>,
    /// [[Extensible]]
    pub extensible: bool,
    /// The kind of object and its other internal slots.
    pub kind: ObjectKind,
    /// Own properties (for arrays in dense mode: all but the elements).
    pub properties: PropertyMap,
}

impl Trace for ObjectData {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let ObjectData {
            prototype,
            extensible: _,
            kind,
            properties,
        } = self;
        prototype.trace(tracer);
        kind.trace(tracer);
        properties.trace(tracer);
    }
}

/// The heap cell of an object (NON-SPEC).
pub struct ObjectCell {
    header: GcHeader,
    data: RefCell<ObjectData>,
}

impl Drop for ObjectCell {
    /// NON-SPEC: nested frees recurse only a few levels, then go to the
    /// heap's worklist, so freeing a long chain of objects does not recurse
    /// once per link.
    fn drop(&mut self) {
        let data = self.data.get_mut();
        match super::heap::enter_free() {
            Some(_level) => *data = ObjectData::default(),
            None => super::heap::defer_free(super::heap::Garbage::Object(std::mem::take(data))),
        }
    }
}

/// A reference to an object.
#[derive(Clone)]
pub struct Obj(Rc<ObjectCell>);

impl PartialEq for Obj {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Obj {}

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.data.try_borrow() {
            Ok(d) => write!(f, "[{} #{:x}]", d.kind.name(), self.addr()),
            Err(_) => write!(f, "[object #{:x}]", self.addr()),
        }
    }
}

impl Obj {
    /// Allocates an object on `heap`.
    pub fn new(heap: &Heap, data: ObjectData) -> Obj {
        let obj = Obj(Rc::new(ObjectCell {
            header: heap.new_header(),
            data: RefCell::new(data),
        }));
        heap.register_object(&obj);
        obj
    }

    /// An ordinary extensible object with `prototype`.
    pub fn with_kind(heap: &Heap, prototype: Option<Obj>, kind: ObjectKind) -> Obj {
        Obj::new(
            heap,
            ObjectData {
                prototype,
                extensible: true,
                kind,
                properties: PropertyMap::new(),
            },
        )
    }

    pub fn borrow(&self) -> Ref<'_, ObjectData> {
        self.0.data.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, ObjectData> {
        self.0.data.borrow_mut()
    }

    pub fn try_borrow_mut(&self) -> Option<RefMut<'_, ObjectData>> {
        self.0.data.try_borrow_mut().ok()
    }

    pub fn ptr_eq(&self, other: &Obj) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }

    pub fn downgrade(&self) -> Weak<ObjectCell> {
        Rc::downgrade(&self.0)
    }

    pub fn from_rc(rc: Rc<ObjectCell>) -> Obj {
        Obj(rc)
    }

    pub fn upgrade(weak: &Weak<ObjectCell>) -> Option<Obj> {
        weak.upgrade().map(Obj)
    }

    pub(crate) fn strong_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    pub(crate) fn gc_header(&self) -> &GcHeader {
        &self.0.header
    }

    /// Traces the object unless it is mutably borrowed; says which.
    pub(crate) fn try_trace(&self, tracer: &mut dyn Tracer) -> bool {
        match self.0.data.try_borrow() {
            Ok(d) => {
                d.trace(tracer);
                true
            }
            Err(_) => false,
        }
    }

    /// Empties a garbage object (the collector's sweep).
    pub(crate) fn take_for_gc(&self) -> Option<ObjectData> {
        self.0
            .data
            .try_borrow_mut()
            .ok()
            .map(|mut d| std::mem::take(&mut *d))
    }

    pub(crate) fn approximate_size(&self) -> usize {
        match self.0.data.try_borrow() {
            Ok(d) => {
                96 + d.properties.approximate_size()
                    + match &d.kind {
                        ObjectKind::Array(a) => a.elements.capacity() * 24,
                        _ => 0,
                    }
            }
            Err(_) => 96,
        }
    }

    /// IsCallable ( argument ) — https://tc39.es/ecma262/#sec-iscallable
    pub fn is_callable(&self) -> bool {
        matches!(
            self.borrow().kind,
            ObjectKind::Function(_) | ObjectKind::Builtin(_) | ObjectKind::Bound(_)
        )
    }

    /// IsConstructor ( argument ) — https://tc39.es/ecma262/#sec-isconstructor
    pub fn is_constructor(&self) -> bool {
        let target = match &self.borrow().kind {
            ObjectKind::Function(f) => return f.is_constructor(),
            ObjectKind::Builtin(b) => return b.is_constructor,
            ObjectKind::Bound(b) => b.target.clone(),
            _ => return false,
        };
        target.is_constructor()
    }

    pub fn is_array(&self) -> bool {
        matches!(self.borrow().kind, ObjectKind::Array(_))
    }

    pub fn is_error(&self) -> bool {
        matches!(self.borrow().kind, ObjectKind::Error)
    }

    /// [[GetPrototypeOf]] of an ordinary object.
    pub fn prototype(&self) -> Option<Obj> {
        self.borrow().prototype.clone()
    }

    pub fn extensible(&self) -> bool {
        self.borrow().extensible
    }

    /// [[GetOwnProperty]] ( P )
    pub fn get_own_property(&self, key: &PropertyKey) -> Option<Property> {
        self.borrow().get_own_property(key)
    }

    /// [[DefineOwnProperty]] ( P, Desc ) for descriptors whose values are
    /// already converted (array `length` must be a Number).
    pub fn define_own_property(&self, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        self.borrow_mut().define_own_property(key, desc)
    }

    /// Defines a data property unconditionally (CreateDataProperty on an
    /// object known to be extensible, or a built-in's own setup).
    pub fn define_data(&self, key: impl Into<PropertyKey>, value: Value, attributes: Attributes) {
        let key = key.into();
        let mut d = self.borrow_mut();
        if !d.define_own_property(
            key.clone(),
            PropertyDescriptor::data(value.clone(), attributes),
        ) {
            // Only reachable for non-configurable clashes during set-up; force it.
            d.properties.insert(key, Property::data(value, attributes));
        }
    }

    /// [[Delete]] ( P )
    pub fn delete(&self, key: &PropertyKey) -> bool {
        self.borrow_mut().delete(key)
    }

    /// [[OwnPropertyKeys]] ( )
    pub fn own_property_keys(&self) -> Vec<PropertyKey> {
        self.borrow().own_property_keys()
    }
}

impl ObjectData {
    pub fn new(prototype: Option<Obj>, kind: ObjectKind) -> Self {
        ObjectData {
            prototype,
            extensible: true,
            kind,
            properties: PropertyMap::new(),
        }
    }

    /// OrdinaryGetOwnProperty ( O, P ) — https://tc39.es/ecma262/#sec-ordinarygetownproperty,
    /// with the exotic overrides for arrays, strings and mapped arguments.
    pub fn get_own_property(&self, key: &PropertyKey) -> Option<Property> {
        match (&self.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) if a.dense => {
                return a
                    .elements
                    .get(*i as usize)
                    .and_then(|e| e.clone())
                    .map(|v| Property::data(v, Attributes::all()));
            }
            (ObjectKind::Array(a), PropertyKey::String(s)) if s.as_str() == "length" => {
                return Some(Property::data(
                    Value::Number(a.length as f64),
                    Attributes::new(a.length_writable, false, false),
                ));
            }
            (ObjectKind::String(s), PropertyKey::Index(i)) => {
                // StringGetOwnProperty ( S, P ) — https://tc39.es/ecma262/#sec-stringgetownproperty
                if let Some(unit) = string_code_unit_at(s, *i as usize) {
                    return Some(Property::data(unit, Attributes::new(false, true, false)));
                }
            }
            (ObjectKind::Function(f), _) if f.lazy.flags != 0 => {
                if let Some(p) = f.lazy_property(key) {
                    return Some(p);
                }
            }
            (ObjectKind::MappedArguments(m), PropertyKey::Index(i)) => {
                let mut property = self.properties.get(key).cloned()?;
                if let (Some(Some(slot)), Property::Data { value, .. }) =
                    (m.slots.get(*i as usize), &mut property)
                {
                    *value = m.env.get_slot(*slot as usize).unwrap_or_default();
                }
                return Some(property);
            }
            _ => {}
        }
        self.properties.get(key).cloned()
    }

    /// [[DefineOwnProperty]] with the Array, String and arguments overrides;
    /// ordinary objects go to ValidateAndApplyPropertyDescriptor.
    pub fn define_own_property(&mut self, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        self.materialize_lazy_for(&key);
        match (&mut self.kind, &key) {
            (ObjectKind::Array(_), PropertyKey::String(s)) if s.as_str() == "length" => {
                return self.array_set_length(desc);
            }
            (ObjectKind::Array(a), PropertyKey::Index(i)) => {
                // ArrayDefineOwnProperty step 3 — https://tc39.es/ecma262/#sec-array-exotic-objects-defineownproperty-p-desc
                let index = *i;
                if index >= a.length && !a.length_writable {
                    return false;
                }
                if a.dense {
                    let idx = index as usize;
                    let existing = a.elements.get(idx).is_some_and(|e| e.is_some());
                    let keeps_defaults = desc.get.is_none()
                        && desc.set.is_none()
                        && desc.writable != Some(false)
                        && desc.enumerable != Some(false)
                        && desc.configurable != Some(false);
                    // A new element must say "all true" explicitly (absent
                    // fields default to false).
                    let fits_dense = keeps_defaults
                        && (existing
                            || (desc.writable == Some(true)
                                && desc.enumerable == Some(true)
                                && desc.configurable == Some(true)));
                    if fits_dense && idx <= a.elements.len() + 1024 {
                        if !existing && !self.extensible {
                            return false;
                        }
                        if idx >= a.elements.len() {
                            a.elements.resize(idx + 1, None);
                            a.length = a.length.max(index + 1);
                        }
                        let slot = &mut a.elements[idx];
                        match (&desc.value, slot.is_some()) {
                            (Some(v), _) => *slot = Some(v.clone()),
                            (None, false) => *slot = Some(Value::Undefined),
                            (None, true) => {}
                        }
                        return true;
                    }
                    self.make_array_sparse();
                }
                let ok = self.validate_and_apply(key, desc);
                if ok
                    && let ObjectKind::Array(a) = &mut self.kind
                    && index >= a.length
                {
                    a.length = index + 1;
                }
                return ok;
            }
            (ObjectKind::String(s), PropertyKey::Index(i)) if (*i as usize) < s.utf16_len() => {
                // Read-only, non-configurable character properties.
                let current = self.get_own_property(&key);
                return match current {
                    Some(c) => is_compatible(&c, &desc),
                    None => false,
                };
            }
            (ObjectKind::MappedArguments(_), PropertyKey::Index(_)) => {
                return self.arguments_define_own_property(key, desc);
            }
            _ => {}
        }
        self.validate_and_apply(key, desc)
    }

    /// ValidateAndApplyPropertyDescriptor ( O, P, extensible, Desc, current )
    /// — https://tc39.es/ecma262/#sec-validateandapplypropertydescriptor
    fn validate_and_apply(&mut self, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        let current = self.properties.get(&key);
        // 2. If current is undefined, then
        let Some(current) = current else {
            // 2.a. If extensible is false, return false.
            if !self.extensible {
                return false;
            }
            // 2.c. Create an accessor or a data property with defaults.
            let attributes = Attributes::new(
                desc.writable.unwrap_or(false),
                desc.enumerable.unwrap_or(false),
                desc.configurable.unwrap_or(false),
            );
            let property = if desc.is_accessor() {
                Property::Accessor {
                    get: desc.get.unwrap_or_default(),
                    set: desc.set.unwrap_or_default(),
                    attributes,
                }
            } else {
                Property::Data {
                    value: desc.value.unwrap_or_default(),
                    attributes,
                }
            };
            self.properties.insert(key, property);
            return true;
        };
        // 4.–5. Reject changes a non-configurable property does not allow.
        if !is_compatible(current, &desc) {
            return false;
        }
        // 6. Apply the fields present in Desc.
        let old = current.clone();
        let attributes = old.attributes();
        let enumerable = desc.enumerable.unwrap_or(attributes.enumerable());
        let configurable = desc.configurable.unwrap_or(attributes.configurable());
        let new = match old {
            Property::Data {
                value,
                attributes: a,
            } if !desc.is_accessor() => Property::Data {
                value: desc.value.unwrap_or(value),
                attributes: Attributes::new(
                    desc.writable.unwrap_or(a.writable()),
                    enumerable,
                    configurable,
                ),
            },
            Property::Accessor { get, set, .. } if !desc.is_data() => Property::Accessor {
                get: desc.get.unwrap_or(get),
                set: desc.set.unwrap_or(set),
                attributes: Attributes::new(false, enumerable, configurable),
            },
            // 6.b–c. Converting between data and accessor keeps the common attributes.
            Property::Data { .. } => Property::Accessor {
                get: desc.get.unwrap_or_default(),
                set: desc.set.unwrap_or_default(),
                attributes: Attributes::new(false, enumerable, configurable),
            },
            Property::Accessor { .. } => Property::Data {
                value: desc.value.unwrap_or_default(),
                attributes: Attributes::new(
                    desc.writable.unwrap_or(false),
                    enumerable,
                    configurable,
                ),
            },
        };
        self.properties.insert(key, new);
        true
    }

    /// [[DefineOwnProperty]] of arguments exotic objects —
    /// https://tc39.es/ecma262/#sec-arguments-exotic-objects-defineownproperty-p-desc
    fn arguments_define_own_property(
        &mut self,
        key: PropertyKey,
        mut desc: PropertyDescriptor,
    ) -> bool {
        let PropertyKey::Index(i) = key else {
            return self.validate_and_apply(key, desc);
        };
        let ObjectKind::MappedArguments(m) = &self.kind else {
            return false;
        };
        let mapped = m.slots.get(i as usize).copied().flatten();
        // 4. If isMapped and Desc is a data descriptor without [[Value]] but
        // [[Writable]] false, use the current mapped value.
        if let Some(slot) = mapped
            && desc.is_data()
            && desc.value.is_none()
            && desc.writable == Some(false)
        {
            desc.value = Some(m.env.get_slot(slot as usize).unwrap_or_default());
        }
        let new_value = desc.value.clone();
        let unmap = desc.is_accessor() || desc.writable == Some(false);
        if !self.validate_and_apply(key, desc) {
            return false;
        }
        if let (Some(slot), ObjectKind::MappedArguments(m)) = (mapped, &mut self.kind) {
            if let Some(v) = new_value {
                m.env.set_slot(slot as usize, v);
            }
            if unmap {
                m.slots[i as usize] = None;
            }
        }
        true
    }

    /// Writes a mapped argument through to its parameter binding (used by
    /// [[Set]] after the ordinary write).
    pub fn arguments_write_through(&self, key: &PropertyKey, value: &Value) {
        if let (ObjectKind::MappedArguments(m), PropertyKey::Index(i)) = (&self.kind, key)
            && let Some(Some(slot)) = m.slots.get(*i as usize)
        {
            m.env.set_slot(*slot as usize, value.clone());
        }
    }

    /// Turns a function's lazily kept properties into real ones before
    /// `key` (one of them) is changed.
    fn materialize_lazy_for(&mut self, key: &PropertyKey) {
        if let ObjectKind::Function(f) = &mut self.kind
            && f.lazy.flags != 0
            && super::function_objects::is_lazy_key(key)
        {
            let entries = f.take_lazy_properties();
            self.properties.insert_front(entries);
        }
    }

    /// OrdinaryDelete ( O, P ) — https://tc39.es/ecma262/#sec-ordinarydelete
    pub fn delete(&mut self, key: &PropertyKey) -> bool {
        self.materialize_lazy_for(key);
        match (&mut self.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) if a.dense => {
                if let Some(slot) = a.elements.get_mut(*i as usize) {
                    *slot = None;
                }
                return true;
            }
            (ObjectKind::Array(_), PropertyKey::String(s)) if s.as_str() == "length" => {
                return false;
            }
            (ObjectKind::String(s), PropertyKey::Index(i)) if (*i as usize) < s.utf16_len() => {
                return false;
            }
            (ObjectKind::MappedArguments(m), PropertyKey::Index(i)) => {
                if self.properties.get(key).is_some_and(|p| !p.configurable()) {
                    return false;
                }
                if let Some(slot) = m.slots.get_mut(*i as usize) {
                    *slot = None;
                }
            }
            _ => {}
        }
        match self.properties.get(key) {
            None => true,
            Some(p) if p.configurable() => {
                self.properties.remove(key);
                true
            }
            Some(_) => false,
        }
    }

    /// OrdinaryOwnPropertyKeys ( O ) — https://tc39.es/ecma262/#sec-ordinaryownpropertykeys
    pub fn own_property_keys(&self) -> Vec<PropertyKey> {
        let mut keys = Vec::new();
        match &self.kind {
            ObjectKind::Array(a) if a.dense => {
                keys.extend(
                    a.elements
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.is_some())
                        .map(|(i, _)| PropertyKey::Index(i as u32)),
                );
                let rest = self.properties.ordered_keys();
                keys.push(PropertyKey::from("length"));
                keys.extend(rest);
                return keys;
            }
            ObjectKind::Array(_) => {
                let all = self.properties.ordered_keys();
                let (idx, rest): (Vec<_>, Vec<_>) = all
                    .into_iter()
                    .partition(|k| matches!(k, PropertyKey::Index(_)));
                keys.extend(idx);
                keys.push(PropertyKey::from("length"));
                keys.extend(rest);
                return keys;
            }
            ObjectKind::String(s) => {
                keys.extend((0..s.utf16_len() as u32).map(PropertyKey::Index));
            }
            ObjectKind::Function(f) if f.lazy.flags != 0 => {
                // Indices first, then the virtual keys (created first), then the rest.
                let all = self.properties.ordered_keys();
                let (idx, rest): (Vec<_>, Vec<_>) = all
                    .into_iter()
                    .partition(|k| matches!(k, PropertyKey::Index(_)));
                keys.extend(idx);
                keys.extend(f.lazy_keys());
                keys.extend(rest);
                return keys;
            }
            _ => {}
        }
        keys.extend(self.properties.ordered_keys());
        keys
    }

    /// OrdinaryPreventExtensions ( O ) — https://tc39.es/ecma262/#sec-ordinarypreventextensions
    pub fn prevent_extensions(&mut self) -> bool {
        self.extensible = false;
        true
    }

    /// The array storage, if this is an Array.
    pub fn array(&self) -> Option<&ArrayStorage> {
        match &self.kind {
            ObjectKind::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn array_mut(&mut self) -> Option<&mut ArrayStorage> {
        match &mut self.kind {
            ObjectKind::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// IsCompatiblePropertyDescriptor's checks for an existing property: steps
/// 4–5 of ValidateAndApplyPropertyDescriptor.
fn is_compatible(current: &Property, desc: &PropertyDescriptor) -> bool {
    let attributes = current.attributes();
    if attributes.configurable() {
        return true;
    }
    // 5.a–b. A non-configurable property cannot become configurable or
    // change enumerability.
    if desc.configurable == Some(true) {
        return false;
    }
    if desc
        .enumerable
        .is_some_and(|e| e != attributes.enumerable())
    {
        return false;
    }
    match current {
        Property::Data { value, attributes } => {
            if desc.is_accessor() {
                return false;
            }
            if !attributes.writable() {
                if desc.writable == Some(true) {
                    return false;
                }
                if let Some(v) = &desc.value
                    && !super::value::same_value(v, value)
                {
                    return false;
                }
            }
            true
        }
        Property::Accessor { get, set, .. } => {
            if desc.is_data() {
                return false;
            }
            let same = |a: &Option<Value>, b: &Value| {
                a.as_ref().is_none_or(|a| super::value::same_value(a, b))
            };
            same(&desc.get, get) && same(&desc.set, set)
        }
    }
}

/// The one-code-unit string at UTF-16 index `i`, if in range.
pub fn string_code_unit_at(s: &JsStr, i: usize) -> Option<Value> {
    if s.is_ascii() {
        return s.as_str().get(i..i + 1).map(Value::from);
    }
    s.code_unit_at(i)
        .map(|u| Value::String(JsStr::from_utf16(&[u])))
}
