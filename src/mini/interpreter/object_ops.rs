//! Operations on objects that may run user code
//! (https://tc39.es/ecma262/#sec-operations-on-objects): [[Get]], [[Set]],
//! HasProperty, DefinePropertyOrThrow, CreateDataProperty, GetMethod, Call,
//! Construct, OrdinaryHasInstance, LengthOfArrayLike,
//! EnumerableOwnProperties, GetPrototypeFromConstructor, SetIntegrityLevel.
//!
//! These are the entry points built-ins use: `interp.get(&o, &key)`,
//! `interp.set(&o, key, v, true)`, `interp.call(&f, &this, &args)`,
//! `interp.construct(&f, &args, None)`.

use std::cell::Cell;

use super::{Abrupt, Completion, Interpreter};
use crate::mini::object::{Obj, ObjectData, ObjectKind};
use crate::mini::property::{Attributes, Property, PropertyDescriptor, PropertyKey};
use crate::mini::value::{JsStr, Value, same_value};

/// What an own-property look-up found (NON-SPEC fast path of
/// [[GetOwnProperty]] that avoids building a descriptor).
pub enum OwnLookup {
    Data(Value),
    Accessor { get: Value, set: Value },
    Missing,
}

impl ObjectData {
    /// The own property `key`, as needed by [[Get]] and [[Set]].
    pub fn lookup_own(&self, key: &PropertyKey) -> OwnLookup {
        match (&self.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) if a.dense => {
                return match a.elements.get(*i as usize) {
                    Some(Some(v)) => OwnLookup::Data(v.clone()),
                    _ => OwnLookup::Missing,
                };
            }
            (ObjectKind::Function(f), _) if f.lazy.flags != 0 => {
                if let Some(p) = f.lazy_property(key) {
                    return match p {
                        Property::Data { value, .. } => OwnLookup::Data(value),
                        Property::Accessor { get, set, .. } => OwnLookup::Accessor { get, set },
                    };
                }
            }
            (ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Builtin(_), _) => {}
            _ => {
                return match self.get_own_property(key) {
                    Some(Property::Data { value, .. }) => OwnLookup::Data(value),
                    Some(Property::Accessor { get, set, .. }) => OwnLookup::Accessor { get, set },
                    None => OwnLookup::Missing,
                };
            }
        }
        match self.properties.get(key) {
            Some(Property::Data { value, .. }) => OwnLookup::Data(value.clone()),
            Some(Property::Accessor { get, set, .. }) => OwnLookup::Accessor {
                get: get.clone(),
                set: set.clone(),
            },
            None => OwnLookup::Missing,
        }
    }

    /// NON-SPEC fast path of OrdinarySet when the receiver is this object
    /// and it has a writable own data property (or is a dense array being
    /// appended to). Returns false when the general algorithm must run.
    fn try_set_own_data(&mut self, key: &PropertyKey, value: &Value) -> bool {
        match (&mut self.kind, key) {
            (ObjectKind::Array(a), PropertyKey::Index(i)) if a.dense => {
                let i = *i as usize;
                let len = a.elements.len();
                match a.elements.get_mut(i) {
                    Some(Some(slot)) => {
                        *slot = value.clone();
                        true
                    }
                    // Appending: OrdinarySet would find no property on
                    // the prototypes either (no setter or read-only index
                    // to respect).
                    None if i == len
                        && self.extensible
                        && a.length_writable
                        && no_indexed_properties_on(self.prototype.as_ref()) =>
                    {
                        a.elements.push(Some(value.clone()));
                        a.length += 1;
                        true
                    }
                    _ => false,
                }
            }
            (
                ObjectKind::Ordinary
                | ObjectKind::Function(_)
                | ObjectKind::Builtin(_)
                | ObjectKind::Error,
                _,
            )
            | (ObjectKind::Array(_), PropertyKey::Symbol(_)) => {
                match self.properties.get_mut(key) {
                    Some(Property::Data {
                        value: slot,
                        attributes,
                    }) if attributes.writable() => {
                        *slot = value.clone();
                        true
                    }
                    _ => false,
                }
            }
            (ObjectKind::Array(_), PropertyKey::String(s)) if s.as_str() != "length" => {
                match self.properties.get_mut(key) {
                    Some(Property::Data {
                        value: slot,
                        attributes,
                    }) if attributes.writable() => {
                        *slot = value.clone();
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

/// Whether no object on the prototype chain starting at `proto` has an
/// array-index property, so that writing index `i` of an object with no
/// own property `i` only adds it (NON-SPEC: the condition of the append
/// fast paths; exotic prototypes, and chains longer than a few links,
/// answer no).
pub(crate) fn no_indexed_properties_on(proto: Option<&Obj>) -> bool {
    fn check(p: &Obj, links_left: u32) -> bool {
        let d = p.borrow();
        let plain = match &d.kind {
            ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Builtin(_) => true,
            ObjectKind::Array(a) => a.elements.is_empty(),
            _ => false,
        };
        plain
            && !d.properties.has_index_keys()
            && match &d.prototype {
                None => true,
                Some(next) => links_left > 0 && check(next, links_left - 1),
            }
    }
    proto.is_none_or(|p| check(p, 8))
}

impl Interpreter {
    /// [[Get]] ( P, Receiver ) with Receiver = O — https://tc39.es/ecma262/#sec-ordinary-object-internal-methods-and-internal-slots-get-p-receiver
    pub fn get(&self, o: &Obj, key: &PropertyKey) -> Completion<Value> {
        self.get_with_receiver(o, key, None)
    }

    /// GetV ( V, P ) for a property name written in the source (`o.name`),
    /// with the access site's inline cache `hint` (NON-SPEC: the position
    /// the name had in the property map where it was last found). Objects
    /// whose string-keyed lookup is ordinary are searched here; any other
    /// kind of object on the chain takes the general [[Get]].
    pub fn get_named(&self, v: &Value, key: &PropertyKey, hint: &Cell<u32>) -> Completion<Value> {
        let (Value::Object(o), PropertyKey::String(name)) = (v, key) else {
            return self.get_v(v, key);
        };
        let is_length = name.as_str() == "length";
        let mut current = o.clone();
        loop {
            let parent = {
                let d = current.borrow();
                let ordinary = match &d.kind {
                    ObjectKind::Ordinary | ObjectKind::Builtin(_) => true,
                    ObjectKind::Function(f) => f.lazy.flags == 0,
                    ObjectKind::Array(_) => !is_length,
                    _ => false,
                };
                if !ordinary {
                    drop(d);
                    return self.get_with_receiver(&current, key, Some(v));
                }
                match d.properties.get_cached(key, hint) {
                    // OrdinaryGet 3. A data property: its value.
                    Some(Property::Data { value, .. }) => return Ok(value.clone()),
                    // 4.–7. An accessor: call the getter with the receiver.
                    Some(Property::Accessor { get, .. }) => {
                        let get = get.clone();
                        drop(d);
                        if get.is_undefined() {
                            return Ok(Value::Undefined);
                        }
                        return self.call(&get, v, &[]);
                    }
                    // 2. Not an own property: ask the parent.
                    None => d.prototype.clone(),
                }
            };
            match parent {
                Some(p) => current = p,
                None => return Ok(Value::Undefined),
            }
        }
    }

    /// OrdinaryGet ( O, P, Receiver ) — https://tc39.es/ecma262/#sec-ordinaryget
    /// (`receiver` None means O itself).
    pub fn get_with_receiver(
        &self,
        o: &Obj,
        key: &PropertyKey,
        receiver: Option<&Value>,
    ) -> Completion<Value> {
        let mut current = o.clone();
        loop {
            // 1. Let desc be ? O.[[GetOwnProperty]](P).
            let found = current.borrow().lookup_own(key);
            match found {
                // 3. If IsDataDescriptor(desc), return desc.[[Value]].
                OwnLookup::Data(v) => return Ok(v),
                // 4.–5. Accessor: call the getter with Receiver.
                OwnLookup::Accessor { get, .. } => {
                    if get.is_undefined() {
                        return Ok(Value::Undefined);
                    }
                    let this = receiver
                        .cloned()
                        .unwrap_or_else(|| Value::Object(o.clone()));
                    return self.call(&get, &this, &[]);
                }
                // 2. If desc is undefined, ask the parent.
                OwnLookup::Missing => {
                    let parent = current.borrow().prototype.clone();
                    match parent {
                        Some(p) => current = p,
                        None => return Ok(Value::Undefined),
                    }
                }
            }
        }
    }

    /// GetV ( V, P ) — https://tc39.es/ecma262/#sec-getv
    pub fn get_v(&self, v: &Value, key: &PropertyKey) -> Completion<Value> {
        match v {
            Value::Object(o) => self.get(o, key),
            Value::String(s) => {
                // String exotic own properties without allocating a wrapper.
                if let PropertyKey::String(k) = key
                    && k.as_str() == "length"
                {
                    return Ok(Value::Number(s.utf16_len() as f64));
                }
                if let PropertyKey::Index(i) = key {
                    if let Some(c) = crate::mini::object::string_code_unit_at(s, *i as usize) {
                        return Ok(c);
                    }
                }
                self.get_with_receiver(&self.realm.string_prototype.clone(), key, Some(v))
            }
            Value::Number(_) => {
                self.get_with_receiver(&self.realm.number_prototype.clone(), key, Some(v))
            }
            Value::Boolean(_) => {
                self.get_with_receiver(&self.realm.boolean_prototype.clone(), key, Some(v))
            }
            Value::Symbol(_) => {
                self.get_with_receiver(&self.realm.symbol_prototype.clone(), key, Some(v))
            }
            Value::Undefined | Value::Null => Err(self.type_error(&format!(
                "Cannot read properties of {} (reading '{}')",
                if v.is_null() { "null" } else { "undefined" },
                key.to_display_string()
            ))),
        }
    }

    /// Set ( O, P, V, Throw ) — https://tc39.es/ecma262/#sec-set-o-p-v-throw
    pub fn set(&self, o: &Obj, key: PropertyKey, value: Value, throw: bool) -> Completion<()> {
        // Fast path: a writable own data property.
        if o.borrow_mut().try_set_own_data(&key, &value) {
            return Ok(());
        }
        let receiver = Value::Object(o.clone());
        let ok = self.ordinary_set(o, key.clone(), value, &receiver)?;
        if !ok && throw {
            return Err(self.type_error(&format!(
                "Cannot assign to read only property '{}'",
                key.to_display_string()
            )));
        }
        Ok(())
    }

    /// OrdinarySet ( O, P, V, Receiver ) and OrdinarySetWithOwnDescriptor —
    /// https://tc39.es/ecma262/#sec-ordinarysetwithowndescriptor
    pub fn ordinary_set(
        &self,
        o: &Obj,
        key: PropertyKey,
        value: Value,
        receiver: &Value,
    ) -> Completion<bool> {
        let mut current = o.clone();
        loop {
            let found = current.borrow().lookup_own(&key);
            match found {
                OwnLookup::Missing => {
                    let parent = current.borrow().prototype.clone();
                    match parent {
                        Some(p) => current = p,
                        // 2.c. ownDesc is a writable, enumerable, configurable data property.
                        None => return self.set_on_receiver(key, value, receiver),
                    }
                }
                OwnLookup::Data(_) => {
                    // 2.a. If ownDesc.[[Writable]] is false, return false.
                    let writable = current
                        .get_own_property(&key)
                        .is_some_and(|p| p.attributes().writable());
                    if !writable {
                        return Ok(false);
                    }
                    return self.set_on_receiver(key, value, receiver);
                }
                OwnLookup::Accessor { set, .. } => {
                    // 5.–7. Call the setter, if any, with Receiver.
                    if set.is_undefined() {
                        return Ok(false);
                    }
                    self.call(&set, receiver, &[value])?;
                    return Ok(true);
                }
            }
        }
    }

    /// OrdinarySetWithOwnDescriptor step 2.c–e: write to the receiver.
    fn set_on_receiver(
        &self,
        key: PropertyKey,
        value: Value,
        receiver: &Value,
    ) -> Completion<bool> {
        // 2.b. If Receiver is not an Object, return false.
        let Value::Object(r) = receiver else {
            return Ok(false);
        };
        // 2.c. Let existingDescriptor be ? Receiver.[[GetOwnProperty]](P).
        match r.get_own_property(&key) {
            Some(existing) => {
                // 2.d.i–ii. An accessor or a read-only property: fail.
                match existing {
                    Property::Accessor { .. } => Ok(false),
                    Property::Data { attributes, .. } if !attributes.writable() => Ok(false),
                    // 2.d.iii–iv. Define just the new value.
                    Property::Data { .. } => Ok(self.define_own_property(
                        r,
                        key,
                        PropertyDescriptor {
                            value: Some(value),
                            ..Default::default()
                        },
                    )?),
                }
            }
            // 2.e. CreateDataProperty(Receiver, P, V).
            None => Ok(self.create_data_property(r, key, value)),
        }
    }

    /// [[DefineOwnProperty]] with the conversions Array's `length` needs.
    pub fn define_own_property(
        &self,
        o: &Obj,
        key: PropertyKey,
        mut desc: PropertyDescriptor,
    ) -> Completion<bool> {
        if o.is_array()
            && key.is_string_named("length")
            && let Some(v) = desc.value.clone()
        {
            // ArraySetLength steps 3–5: ToUint32 and ToNumber must agree.
            let number_len = self.to_number(&v)?;
            let new_len = crate::mini::value::to_uint32(number_len);
            if new_len as f64 != number_len {
                return Err(self.range_error("Invalid array length"));
            }
            desc.value = Some(Value::Number(new_len as f64));
        }
        Ok(o.define_own_property(key, desc))
    }

    /// DefinePropertyOrThrow ( O, P, desc ) — https://tc39.es/ecma262/#sec-definepropertyorthrow
    pub fn define_property_or_throw(
        &self,
        o: &Obj,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> Completion<()> {
        if !self.define_own_property(o, key.clone(), desc)? {
            return Err(self.type_error(&format!(
                "Cannot redefine property: {}",
                key.to_display_string()
            )));
        }
        Ok(())
    }

    /// CreateDataProperty ( O, P, V ) — https://tc39.es/ecma262/#sec-createdataproperty
    pub fn create_data_property(&self, o: &Obj, key: PropertyKey, value: Value) -> bool {
        let value = match key {
            PropertyKey::Index(i) => match o.borrow_mut().create_dense_element(i, value) {
                Ok(()) => return true,
                Err(value) => value,
            },
            _ => value,
        };
        o.define_own_property(key, PropertyDescriptor::data(value, Attributes::all()))
    }

    /// CreateDataPropertyOrThrow ( O, P, V ) — https://tc39.es/ecma262/#sec-createdatapropertyorthrow
    pub fn create_data_property_or_throw(
        &self,
        o: &Obj,
        key: PropertyKey,
        value: Value,
    ) -> Completion<()> {
        // The key is named only on failure (no formatting per element).
        if !self.create_data_property(o, key.clone(), value) {
            return Err(self.type_error(&format!(
                "Cannot define property {}",
                key.to_display_string()
            )));
        }
        Ok(())
    }

    /// HasProperty ( O, P ) — https://tc39.es/ecma262/#sec-hasproperty
    pub fn has_property(&self, o: &Obj, key: &PropertyKey) -> Completion<bool> {
        let mut current = o.clone();
        loop {
            if current.borrow().get_own_property(key).is_some() {
                return Ok(true);
            }
            let parent = current.borrow().prototype.clone();
            match parent {
                Some(p) => current = p,
                None => return Ok(false),
            }
        }
    }

    /// HasOwnProperty ( O, P ) — https://tc39.es/ecma262/#sec-hasownproperty
    pub fn has_own_property(&self, o: &Obj, key: &PropertyKey) -> bool {
        o.get_own_property(key).is_some()
    }

    /// DeletePropertyOrThrow ( O, P ) — https://tc39.es/ecma262/#sec-deletepropertyorthrow
    pub fn delete_property_or_throw(&self, o: &Obj, key: &PropertyKey) -> Completion<()> {
        if !o.delete(key) {
            return Err(self.type_error(&format!(
                "Cannot delete property '{}'",
                key.to_display_string()
            )));
        }
        Ok(())
    }

    /// GetMethod ( V, P ) — https://tc39.es/ecma262/#sec-getmethod
    pub fn get_method(&self, v: &Value, key: &PropertyKey) -> Completion<Option<Value>> {
        // 1. Let func be ? GetV(V, P).
        let func = self.get_v(v, key)?;
        // 2. If func is either undefined or null, return undefined.
        if func.is_nullish() {
            return Ok(None);
        }
        // 3. If IsCallable(func) is false, throw a TypeError exception.
        if !is_callable(&func) {
            return Err(self.type_error(&format!("{} is not a function", key.to_display_string())));
        }
        Ok(Some(func))
    }

    /// Call ( F, V [, argumentsList] ) — https://tc39.es/ecma262/#sec-call
    pub fn call(&self, f: &Value, this: &Value, args: &[Value]) -> Completion<Value> {
        match f {
            Value::Object(o) => self.call_object(o, this, args),
            _ => Err(self.type_error(&format!("{} is not a function", self.describe(f)))),
        }
    }

    /// [[Call]] of a function object.
    #[inline]
    pub fn call_object(&self, f: &Obj, this: &Value, args: &[Value]) -> Completion<Value> {
        // ECMAScript function objects, the common case, first.
        let callee = match &f.borrow().kind {
            ObjectKind::Function(d) => Some(super::functions::Callee::of(d)),
            _ => None,
        };
        match callee {
            Some(callee) => self.call_callee(f, callee, this, args),
            None => self.call_other_object(f, this, args),
        }
    }

    /// [[Call]] of a built-in or bound function (or a non-callable object).
    #[inline(never)]
    fn call_other_object(&self, f: &Obj, this: &Value, args: &[Value]) -> Completion<Value> {
        enum Target {
            Native(crate::mini::function_objects::NativeFn),
            Bound(Obj, Value, Vec<Value>),
            NotCallable,
        }
        let target = match &f.borrow().kind {
            ObjectKind::Builtin(b) => Target::Native(b.behaviour),
            ObjectKind::Bound(b) => Target::Bound(
                b.target.clone(),
                b.bound_this.clone(),
                b.bound_arguments.clone(),
            ),
            _ => Target::NotCallable,
        };
        match target {
            Target::Native(behaviour) => {
                self.enter_call()?;
                self.push_native(f.clone(), None);
                let result = behaviour(self, this, args);
                self.pop_native();
                self.exit_call();
                result
            }
            // [[Call]] of a bound function: https://tc39.es/ecma262/#sec-bound-function-exotic-objects-call-thisargument-argumentslist
            Target::Bound(target, bound_this, mut bound_args) => {
                bound_args.extend_from_slice(args);
                self.call_object(&target, &bound_this, &bound_args)
            }
            Target::NotCallable => Err(self.type_error("object is not a function")),
        }
    }

    /// Construct ( F [, argumentsList [, newTarget ]] ) — https://tc39.es/ecma262/#sec-construct
    pub fn construct(
        &self,
        f: &Obj,
        args: &[Value],
        new_target: Option<&Obj>,
    ) -> Completion<Value> {
        let new_target = new_target.cloned().unwrap_or_else(|| f.clone());
        enum Target {
            Ecma,
            Native(crate::mini::function_objects::NativeFn),
            Bound(Obj, Vec<Value>),
            NotConstructor,
        }
        let target = match &f.borrow().kind {
            ObjectKind::Function(d) if d.constructor => Target::Ecma,
            ObjectKind::Builtin(b) if b.is_constructor => Target::Native(b.behaviour),
            ObjectKind::Bound(b) => Target::Bound(b.target.clone(), b.bound_arguments.clone()),
            _ => Target::NotConstructor,
        };
        match target {
            Target::Ecma => self.construct_ecmascript_function(f, args, &new_target),
            Target::Native(behaviour) => {
                self.enter_call()?;
                self.push_native(f.clone(), Some(new_target));
                let result = behaviour(self, &Value::Undefined, args);
                self.pop_native();
                self.exit_call();
                result
            }
            // [[Construct]] of a bound function: https://tc39.es/ecma262/#sec-bound-function-exotic-objects-construct-argumentslist-newtarget
            Target::Bound(target, mut bound_args) => {
                if !target.is_constructor() {
                    return Err(self.type_error("bound target is not a constructor"));
                }
                bound_args.extend_from_slice(args);
                let nt = if new_target.ptr_eq(f) {
                    target.clone()
                } else {
                    new_target
                };
                self.construct(&target, &bound_args, Some(&nt))
            }
            Target::NotConstructor => Err(self.type_error("not a constructor")),
        }
    }

    /// Invoke ( V, P [, argumentsList] ) — https://tc39.es/ecma262/#sec-invoke
    pub fn invoke(&self, v: &Value, key: &PropertyKey, args: &[Value]) -> Completion<Value> {
        let f = self.get_v(v, key)?;
        self.call(&f, v, args)
    }

    /// OrdinaryHasInstance ( C, O ) — https://tc39.es/ecma262/#sec-ordinaryhasinstance
    pub fn ordinary_has_instance(&self, c: &Value, o: &Value) -> Completion<bool> {
        // 1. If IsCallable(C) is false, return false.
        let Value::Object(c_obj) = c else {
            return Ok(false);
        };
        if !c_obj.is_callable() {
            return Ok(false);
        }
        // 2. Bound functions: InstanceofOperator(O, BC).
        let bound_target = match &c_obj.borrow().kind {
            ObjectKind::Bound(b) => Some(b.target.clone()),
            _ => None,
        };
        if let Some(t) = bound_target {
            return self.instance_of(o, &Value::Object(t));
        }
        // 3. If O is not an Object, return false.
        let Value::Object(o) = o else {
            return Ok(false);
        };
        // 4. Let P be ? Get(C, "prototype").
        let p = self.get(c_obj, &PropertyKey::from("prototype"))?;
        // 5. If P is not an Object, throw a TypeError exception.
        let Value::Object(p) = p else {
            return Err(self.type_error("Function has non-object prototype in instanceof check"));
        };
        // 6. Walk O's prototype chain.
        let mut current = o.prototype();
        while let Some(c) = current {
            if c.ptr_eq(&p) {
                return Ok(true);
            }
            current = c.prototype();
        }
        Ok(false)
    }

    /// InstanceofOperator ( V, target ) — https://tc39.es/ecma262/#sec-instanceofoperator
    pub fn instance_of(&self, v: &Value, target: &Value) -> Completion<bool> {
        // 1. If target is not an Object, throw a TypeError exception.
        if !matches!(target, Value::Object(_)) {
            return Err(self.type_error("Right-hand side of 'instanceof' is not an object"));
        }
        // 2. Let instOfHandler be ? GetMethod(target, @@hasInstance).
        let key = PropertyKey::Symbol(self.symbols.has_instance.clone());
        if let Some(handler) = self.get_method(target, &key)? {
            let r = self.call(&handler, target, std::slice::from_ref(v))?;
            return Ok(r.to_boolean());
        }
        // 4. If IsCallable(target) is false, throw a TypeError exception.
        if !is_callable(target) {
            return Err(self.type_error("Right-hand side of 'instanceof' is not callable"));
        }
        // 5. Return ? OrdinaryHasInstance(target, V).
        self.ordinary_has_instance(target, v)
    }

    /// LengthOfArrayLike ( obj ) — https://tc39.es/ecma262/#sec-lengthofarraylike
    pub fn length_of_array_like(&self, o: &Obj) -> Completion<u64> {
        if let Some(a) = o.borrow().array() {
            return Ok(a.length as u64);
        }
        let len = self.get(o, &PropertyKey::from("length"))?;
        self.to_length(&len)
    }

    /// CreateListFromArrayLike ( obj ) — https://tc39.es/ecma262/#sec-createlistfromarraylike
    pub fn create_list_from_array_like(&self, v: &Value) -> Completion<Vec<Value>> {
        let Value::Object(o) = v else {
            return Err(self.type_error("CreateListFromArrayLike called on non-object"));
        };
        let len = self.length_of_array_like(o)?;
        if len > 10_000_000 {
            return Err(self.range_error("Too many arguments"));
        }
        let mut list = Vec::with_capacity(len as usize);
        for i in 0..len {
            list.push(self.get(o, &PropertyKey::from(i as u32))?);
        }
        Ok(list)
    }

    /// EnumerableOwnProperties ( O, kind ) — https://tc39.es/ecma262/#sec-enumerableownproperties
    /// with kind key (`Object.keys`); values and entries are built on top.
    pub fn enumerable_own_keys(&self, o: &Obj) -> Completion<Vec<PropertyKey>> {
        let keys = o.own_property_keys();
        Ok(keys
            .into_iter()
            .filter(|k| !k.is_symbol())
            .filter(|k| o.get_own_property(k).is_some_and(|p| p.enumerable()))
            .collect())
    }

    /// GetPrototypeFromConstructor ( constructor, intrinsicDefaultProto ) —
    /// https://tc39.es/ecma262/#sec-getprototypefromconstructor
    pub fn get_prototype_from_constructor(
        &self,
        constructor: &Obj,
        default: &Obj,
    ) -> Completion<Obj> {
        let proto = self.get(constructor, &PropertyKey::from("prototype"))?;
        Ok(match proto {
            Value::Object(p) => p,
            _ => default.clone(),
        })
    }

    /// OrdinaryCreateFromConstructor ( constructor, intrinsicDefaultProto ) —
    /// https://tc39.es/ecma262/#sec-ordinarycreatefromconstructor
    /// (`new_target` None: the default prototype).
    pub fn ordinary_create_from_constructor(
        &self,
        new_target: Option<&Obj>,
        default: &Obj,
        kind: ObjectKind,
    ) -> Completion<Obj> {
        let proto = match new_target {
            Some(nt) => self.get_prototype_from_constructor(nt, default)?,
            None => default.clone(),
        };
        Ok(Obj::with_kind(&self.heap, Some(proto), kind))
    }

    /// SetIntegrityLevel ( O, level ) — https://tc39.es/ecma262/#sec-setintegritylevel
    pub fn set_integrity_level(&self, o: &Obj, frozen: bool) -> Completion<bool> {
        o.borrow_mut().prevent_extensions();
        o.borrow_mut().make_array_sparse();
        for key in o.own_property_keys() {
            let Some(current) = o.get_own_property(&key) else {
                continue;
            };
            let desc = match (frozen, current) {
                (true, Property::Data { .. }) => PropertyDescriptor {
                    configurable: Some(false),
                    writable: Some(false),
                    ..Default::default()
                },
                _ => PropertyDescriptor {
                    configurable: Some(false),
                    ..Default::default()
                },
            };
            self.define_property_or_throw(o, key, desc)?;
        }
        Ok(true)
    }

    /// TestIntegrityLevel ( O, level ) — https://tc39.es/ecma262/#sec-testintegritylevel
    pub fn test_integrity_level(&self, o: &Obj, frozen: bool) -> bool {
        if o.extensible() {
            return false;
        }
        o.own_property_keys()
            .iter()
            .all(|k| match o.get_own_property(k) {
                Some(p @ Property::Data { .. }) => {
                    !p.configurable() && (!frozen || !p.attributes().writable())
                }
                Some(p) => !p.configurable(),
                None => true,
            })
    }

    /// A short description of a value for error messages.
    pub fn describe(&self, v: &Value) -> String {
        match v {
            Value::String(s) => format!("\"{s}\""),
            Value::Object(o) if o.is_callable() => "function".into(),
            Value::Object(_) => "object".into(),
            Value::Symbol(s) => s.descriptive_string(),
            other => format!("{other:?}"),
        }
    }

    /// True if `a` and `b` are the same value (re-exported for built-ins).
    pub fn same_value(&self, a: &Value, b: &Value) -> bool {
        same_value(a, b)
    }

    /// Throws unless `v` is callable, returning it as an object.
    pub fn require_callable(&self, v: &Value, what: &str) -> Completion<Obj> {
        match v {
            Value::Object(o) if o.is_callable() => Ok(o.clone()),
            _ => Err(self.type_error(&format!(
                "{} is not a function",
                if what.is_empty() {
                    self.describe(v)
                } else {
                    what.to_string()
                }
            ))),
        }
    }

    /// A string key from Rust text.
    pub fn key(&self, s: &str) -> PropertyKey {
        PropertyKey::from_js_str(JsStr::from(s))
    }

    /// Throws a value (a throw completion).
    pub fn throw_value(&self, v: Value) -> Abrupt {
        Abrupt::throw(v)
    }
}

/// IsCallable ( argument ) on a value.
pub fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.is_callable())
}

/// IsConstructor ( argument ) on a value.
pub fn is_constructor(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.is_constructor())
}
