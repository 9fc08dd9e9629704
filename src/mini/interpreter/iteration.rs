//! Iterator operations — https://tc39.es/ecma262/#sec-operations-on-iterator-objects
//! GetIterator, IteratorStepValue, IteratorClose, CreateIterResultObject,
//! IteratorToList.
//!
//! NON-SPEC fast path: iterating an Array whose `@@iterator` is the
//! original `%Array.prototype.values%` while `%ArrayIteratorPrototype%.next`
//! is the original reads the elements directly; the iterator object itself
//! is never observable in those cases (for-of, spread, destructuring).

use super::{Abrupt, Completion, Interpreter};
use crate::mini::object::Obj;
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

/// An Iterator Record (#sec-iterator-records).
pub enum IteratorRecord {
    /// { [[Iterator]], [[NextMethod]], [[Done]] }
    Generic {
        iterator: Value,
        next_method: Value,
        done: bool,
    },
    /// NON-SPEC: an unmodified array iteration.
    Array { array: Obj, index: u32, done: bool },
}

impl Interpreter {
    /// GetIterator ( obj, sync ) — https://tc39.es/ecma262/#sec-getiterator
    pub fn get_iterator(&self, obj: &Value) -> Completion<IteratorRecord> {
        if let Value::Object(o) = obj
            && o.is_array()
            && self.array_iteration_is_pristine(o)
        {
            return Ok(IteratorRecord::Array {
                array: o.clone(),
                index: 0,
                done: false,
            });
        }
        // 2.–3. method = ? GetMethod(obj, @@iterator); undefined → TypeError.
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let Some(method) = self.get_method(obj, &key)? else {
            return Err(self.type_error(&format!("{} is not iterable", self.describe(obj))));
        };
        self.get_iterator_from_method(obj, &method)
    }

    /// GetIteratorFromMethod ( obj, method ) — https://tc39.es/ecma262/#sec-getiteratorfrommethod
    pub fn get_iterator_from_method(
        &self,
        obj: &Value,
        method: &Value,
    ) -> Completion<IteratorRecord> {
        // 1. Let iterator be ? Call(method, obj).
        let iterator = self.call(method, obj, &[])?;
        // 2. If iterator is not an Object, throw a TypeError exception.
        if !matches!(iterator, Value::Object(_)) {
            return Err(self.type_error("Result of the Symbol.iterator method is not an object"));
        }
        // 3. Let nextMethod be ? Get(iterator, "next").
        let next_method = self.get_v(&iterator, &PropertyKey::from("next"))?;
        Ok(IteratorRecord::Generic {
            iterator,
            next_method,
            done: false,
        })
    }

    fn array_iteration_is_pristine(&self, o: &Obj) -> bool {
        let (Some(values), Some(next)) = (
            self.realm.intrinsic("%Array.prototype.values%"),
            self.realm.intrinsic("%ArrayIteratorPrototype%.next"),
        ) else {
            return false;
        };
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let own_iter = self.get(o, &key);
        let next_now = self
            .realm
            .array_iterator_prototype
            .get_own_property(&PropertyKey::from("next"));
        matches!(own_iter, Ok(Value::Object(f)) if f.ptr_eq(&values))
            && matches!(next_now, Some(crate::mini::property::Property::Data { value: Value::Object(n), .. }) if n.ptr_eq(&next))
    }

    /// IteratorStepValue ( iteratorRecord ) — https://tc39.es/ecma262/#sec-iteratorstepvalue
    /// None when the iterator is done.
    pub fn iterator_step_value(&self, record: &mut IteratorRecord) -> Completion<Option<Value>> {
        match record {
            IteratorRecord::Array { array, index, done } => {
                if *done {
                    return Ok(None);
                }
                // NON-SPEC: an element present in dense storage is an own
                // writable data property, so Get is a plain read.
                let direct = match array.borrow().array() {
                    Some(a) if *index >= a.length => None,
                    Some(a) if a.dense => a.elements.get(*index as usize).cloned().flatten(),
                    _ => None,
                };
                if let Some(v) = direct {
                    *index += 1;
                    return Ok(Some(v));
                }
                let len = self.length_of_array_like(array)?;
                if (*index as u64) >= len {
                    *done = true;
                    return Ok(None);
                }
                let v = self.get(array, &PropertyKey::Index(*index))?;
                *index += 1;
                Ok(Some(v))
            }
            IteratorRecord::Generic {
                iterator,
                next_method,
                done,
            } => {
                if *done {
                    return Ok(None);
                }
                // IteratorNext: result = ? Call(nextMethod, iterator); must be an Object.
                let result = match self.call(next_method, iterator, &[]) {
                    Ok(r) => r,
                    Err(e) => {
                        *done = true;
                        return Err(e);
                    }
                };
                let Value::Object(r) = &result else {
                    *done = true;
                    return Err(self.type_error("Iterator result is not an object"));
                };
                // IteratorComplete: ToBoolean(? Get(iterResult, "done")).
                let is_done = self
                    .get(r, &PropertyKey::from("done"))
                    .inspect_err(|_| *done = true)?
                    .to_boolean();
                if is_done {
                    *done = true;
                    return Ok(None);
                }
                // IteratorValue: ? Get(iterResult, "value").
                let v = self
                    .get(r, &PropertyKey::from("value"))
                    .inspect_err(|_| *done = true)?;
                Ok(Some(v))
            }
        }
    }

    /// IteratorClose ( iteratorRecord, completion ) for a normal completion —
    /// https://tc39.es/ecma262/#sec-iteratorclose
    pub fn iterator_close(&self, record: &IteratorRecord) -> Completion<()> {
        let IteratorRecord::Generic {
            iterator,
            done: false,
            ..
        } = record
        else {
            return Ok(());
        };
        // 3. Let innerResult be Completion(GetMethod(iterator, "return")).
        let Some(ret) = self.get_method(iterator, &PropertyKey::from("return"))? else {
            return Ok(());
        };
        // 4.b. innerResult = Call(return, iterator).
        let inner = self.call(&ret, iterator, &[])?;
        // 7. If innerResult.[[Value]] is not an Object, throw a TypeError.
        if !matches!(inner, Value::Object(_)) {
            return Err(self.type_error("Iterator result is not an object"));
        }
        Ok(())
    }

    /// IteratorToList over GetIterator(value): spread, Array.from, …
    pub fn iterate_to_vec(&self, value: &Value) -> Completion<Vec<Value>> {
        if let Value::Object(o) = value
            && o.is_array()
            && self.array_iteration_is_pristine(o)
            && let Some(a) = o.borrow().array()
            && a.dense
        {
            let proto_has_indices = false;
            if !proto_has_indices && a.elements.iter().all(Option::is_some) {
                return Ok(a
                    .elements
                    .iter()
                    .map(|e| e.clone().unwrap_or_default())
                    .collect());
            }
        }
        let mut record = self.get_iterator(value)?;
        let mut out = Vec::new();
        while let Some(v) = self.iterator_step_value(&mut record)? {
            self.tick()?;
            out.push(v);
        }
        Ok(out)
    }

    /// CreateIterResultObject ( value, done ) — https://tc39.es/ecma262/#sec-createiterresultobject
    pub fn create_iter_result_object(&self, value: Value, done: bool) -> Value {
        let o = self.new_object();
        {
            let mut d = o.borrow_mut();
            d.properties.insert(
                PropertyKey::from("value"),
                crate::mini::property::Property::data(value, Attributes::all()),
            );
            d.properties.insert(
                PropertyKey::from("done"),
                crate::mini::property::Property::data(Value::Boolean(done), Attributes::all()),
            );
        }
        Value::Object(o)
    }

    /// Closes an iterator after an abrupt completion and returns the
    /// completion (the original error wins).
    pub fn close_after(&self, record: &IteratorRecord, e: Abrupt) -> Abrupt {
        self.iterator_close_on_abrupt(record, e)
    }
}
