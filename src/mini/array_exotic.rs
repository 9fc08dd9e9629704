//! Array exotic objects — https://tc39.es/ecma262/#sec-array-exotic-objects
//! The NON-SPEC dense element storage and ArraySetLength
//! (#sec-arraysetlength); the rest of [[DefineOwnProperty]] for arrays is
//! in `object.rs`.

use super::heap::{Trace, Tracer};
use super::object::{ObjectData, ObjectKind};
use super::property::{Attributes, Property, PropertyDescriptor, PropertyKey};
use super::value::Value;

/// Array element storage (NON-SPEC). While `dense`, index properties live
/// in `elements` (holes are `None`, every element is writable, enumerable
/// and configurable) and `elements.len() == length`; otherwise they are
/// ordinary entries of the property map and `elements` is empty.
#[derive(Debug)]
pub struct ArrayStorage {
    pub elements: Vec<Option<Value>>,
    pub dense: bool,
    pub length: u32,
    pub length_writable: bool,
}

impl Default for ArrayStorage {
    fn default() -> Self {
        ArrayStorage {
            elements: Vec::new(),
            dense: true,
            length: 0,
            length_writable: true,
        }
    }
}

impl ArrayStorage {
    pub fn from_values(values: Vec<Value>) -> Self {
        let length = values.len() as u32;
        ArrayStorage {
            elements: values.into_iter().map(Some).collect(),
            dense: true,
            length,
            length_writable: true,
        }
    }
}

impl Trace for ArrayStorage {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let ArrayStorage {
            elements,
            dense: _,
            length: _,
            length_writable: _,
        } = self;
        for e in elements.iter().flatten() {
            e.trace(tracer);
        }
    }
}

impl ObjectData {
    /// Array.prototype.push on a dense array whose appends only add
    /// elements (NON-SPEC fast path: the same result as its Set calls when
    /// no prototype has an index property and `length` is writable).
    /// Returns the new length, or None when the general algorithm must run.
    pub(crate) fn push_dense(&mut self, values: &[Value]) -> Option<u32> {
        if !self.extensible
            || !crate::mini::interpreter::object_ops::no_indexed_properties_on(
                self.prototype.as_ref(),
            )
        {
            return None;
        }
        let ObjectKind::Array(a) = &mut self.kind else {
            return None;
        };
        let length = a.length.checked_add(u32::try_from(values.len()).ok()?)?;
        if !a.dense
            || !a.length_writable
            || length == u32::MAX
            || a.elements.len() != a.length as usize
        {
            return None;
        }
        a.elements.extend(values.iter().cloned().map(Some));
        a.length = length;
        Some(length)
    }

    /// CreateDataProperty ( A, index, V ) when the element fits the dense
    /// storage: an existing element, a hole, or the next index (NON-SPEC
    /// fast path of ArrayDefineOwnProperty with an all-true data
    /// descriptor). Gives the value back when the general path must run.
    pub(crate) fn create_dense_element(&mut self, index: u32, value: Value) -> Result<(), Value> {
        let extensible = self.extensible;
        let ObjectKind::Array(a) = &mut self.kind else {
            return Err(value);
        };
        if !a.dense {
            return Err(value);
        }
        let idx = index as usize;
        let next = a.elements.len();
        match a.elements.get_mut(idx) {
            // A configurable element is redefined; a hole is added.
            Some(slot) if slot.is_some() || extensible => *slot = Some(value),
            None if idx == next && extensible && a.length_writable => {
                a.elements.push(Some(value));
                a.length = index + 1;
            }
            _ => return Err(value),
        }
        Ok(())
    }

    /// ArraySetLength ( A, Desc ) — https://tc39.es/ecma262/#sec-arraysetlength
    /// (the value is already a valid length Number; callers convert it).
    pub(crate) fn array_set_length(&mut self, desc: PropertyDescriptor) -> bool {
        let ObjectKind::Array(a) = &mut self.kind else {
            return false;
        };
        if desc.is_accessor() || desc.configurable == Some(true) || desc.enumerable == Some(true) {
            return false;
        }
        let Some(value) = desc.value.clone() else {
            if desc.writable == Some(true) && !a.length_writable {
                return false;
            }
            if desc.writable == Some(false) {
                a.length_writable = false;
            }
            return true;
        };
        let new_len = match value {
            Value::Number(n) if n >= 0.0 && n <= u32::MAX as f64 && n.fract() == 0.0 => n as u32,
            _ => return false,
        };
        if new_len != a.length && !a.length_writable {
            return false;
        }
        if desc.writable == Some(true) && !a.length_writable {
            return false;
        }
        if a.dense {
            a.elements.truncate(new_len as usize);
            if (new_len as usize) > a.elements.len() {
                if new_len as usize - a.elements.len() > 1 << 20 {
                    a.length = new_len;
                    self.make_array_sparse();
                } else {
                    a.elements.resize(new_len as usize, None);
                }
            }
        } else {
            // Delete indices ≥ new length, from the highest down; stop at a
            // non-configurable one.
            let mut doomed: Vec<u32> = self
                .properties
                .iter()
                .filter_map(|(k, _)| match k {
                    PropertyKey::Index(i) if *i >= new_len => Some(*i),
                    _ => None,
                })
                .collect();
            doomed.sort_unstable_by(|x, y| y.cmp(x));
            for i in doomed {
                let key = PropertyKey::Index(i);
                if self.properties.get(&key).is_some_and(|p| !p.configurable()) {
                    if let ObjectKind::Array(a) = &mut self.kind {
                        a.length = i + 1;
                        if desc.writable == Some(false) {
                            a.length_writable = false;
                        }
                    }
                    return false;
                }
                self.properties.remove(&key);
            }
        }
        if let ObjectKind::Array(a) = &mut self.kind {
            a.length = new_len;
            if desc.writable == Some(false) {
                a.length_writable = false;
            }
        }
        true
    }

    /// Moves dense elements into the property map (NON-SPEC).
    pub fn make_array_sparse(&mut self) {
        let ObjectKind::Array(a) = &mut self.kind else {
            return;
        };
        if !a.dense {
            return;
        }
        a.dense = false;
        let elements = std::mem::take(&mut a.elements);
        let mut old = self.properties.take();
        for (i, e) in elements.into_iter().enumerate() {
            if let Some(v) = e {
                self.properties.insert(
                    PropertyKey::Index(i as u32),
                    Property::data(v, Attributes::all()),
                );
            }
        }
        for (k, p) in old.iter_mut() {
            self.properties.insert(k.clone(), p.clone());
        }
    }
}
