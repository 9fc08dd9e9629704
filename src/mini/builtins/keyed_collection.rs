//! The storage shared by Map and Set (https://tc39.es/ecma262/#sec-keyed-collections):
//! [[MapData]] / [[SetData]] as an insertion-ordered table, and the
//! Map/Set iterator objects that walk it live.
//!
//! The spec's List of entries only grows: deleting an entry replaces it
//! with ~empty~, and iterators (and `forEach`) skip those and see entries
//! appended while they run. NON-SPEC machinery: the table keeps that
//! behaviour with a hash index over an entry vector with holes, and
//! compacts the holes away once they outnumber the live entries; each live
//! iterator is registered (weakly) with its table so compaction can move it
//! to the same place in the compacted vector. Keys are compared with
//! SameValueZero (`KeyId`).

use std::rc::Weak;

use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectCell, ObjectKind};
use crate::mini::property::FastMap;
use crate::mini::value::{JsStr, Value};

/// A key's identity under SameValueZero: −0 is +0 and every NaN is one key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyId {
    Undefined,
    Null,
    Boolean(bool),
    Number(u64),
    String(JsStr),
    Symbol(usize),
    Object(usize),
}

impl KeyId {
    pub fn of(v: &Value) -> KeyId {
        match v {
            Value::Undefined => KeyId::Undefined,
            Value::Null => KeyId::Null,
            Value::Boolean(b) => KeyId::Boolean(*b),
            Value::Number(n) if n.is_nan() => KeyId::Number(f64::NAN.to_bits()),
            Value::Number(n) => KeyId::Number((n + 0.0).to_bits()),
            Value::String(s) => KeyId::String(s.clone()),
            // The table holds the key, so its address cannot be reused
            // while the entry exists.
            Value::Symbol(s) => KeyId::Symbol(s.addr()),
            Value::Object(o) => KeyId::Object(o.addr()),
        }
    }
}

/// Normalises −0 to +0 (Map.prototype.set step 5, Set.prototype.add step 4).
pub fn canonical_key(v: Value) -> Value {
    if matches!(v, Value::Number(n) if n == 0.0) {
        Value::Number(0.0)
    } else {
        v
    }
}

/// Which kind of collection a table belongs to (for brand checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionKind {
    Map,
    Set,
}

/// [[MapData]] or [[SetData]] (a Set entry's value is its key, so
/// `entries()` yields `[v, v]`).
pub struct OrderedTable {
    pub kind: CollectionKind,
    entries: Vec<Option<(Value, Value)>>,
    index: FastMap<KeyId, usize>,
    /// Iterators walking this table (NON-SPEC: so compaction can move them).
    iterators: Vec<Weak<ObjectCell>>,
}

impl Trace for OrderedTable {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let OrderedTable {
            kind: _,
            entries,
            index: _,
            iterators: _,
        } = self;
        for (k, v) in entries.iter().flatten() {
            k.trace(tracer);
            v.trace(tracer);
        }
    }
}

impl OrderedTable {
    pub fn new(kind: CollectionKind) -> Self {
        OrderedTable {
            kind,
            entries: Vec::new(),
            index: FastMap::default(),
            iterators: Vec::new(),
        }
    }

    /// The number of live entries (`size`).
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn get(&self, key: &Value) -> Option<Value> {
        let i = *self.index.get(&KeyId::of(key))?;
        self.entries[i].as_ref().map(|(_, v)| v.clone())
    }

    pub fn has(&self, key: &Value) -> bool {
        self.index.contains_key(&KeyId::of(key))
    }

    /// Replaces the value of an existing key, or appends a new entry.
    /// Returns true when an entry was appended.
    pub fn set(&mut self, key: Value, value: Value) -> bool {
        let id = KeyId::of(&key);
        if let Some(&i) = self.index.get(&id) {
            if let Some(entry) = &mut self.entries[i] {
                entry.1 = value;
            }
            return false;
        }
        self.index.insert(id, self.entries.len());
        self.entries.push(Some((key, value)));
        true
    }

    /// Replaces the entry with ~empty~; false if there was none.
    pub fn delete(&mut self, key: &Value) -> bool {
        let Some(i) = self.index.remove(&KeyId::of(key)) else {
            return false;
        };
        self.entries[i] = None;
        self.maybe_compact();
        true
    }

    /// Empties every entry (iterators then only see later additions).
    pub fn clear(&mut self) {
        self.index.clear();
        for e in &mut self.entries {
            *e = None;
        }
        self.maybe_compact();
    }

    /// The first live entry at or after `position`, with its position.
    pub fn entry_from(&self, position: usize) -> Option<(usize, Value, Value)> {
        self.entries
            .iter()
            .enumerate()
            .skip(position)
            .find_map(|(i, e)| e.as_ref().map(|(k, v)| (i, k.clone(), v.clone())))
    }

    /// Registers an iterator object so compaction can move it.
    pub fn register_iterator(&mut self, iterator: &Obj) {
        if self.iterators.len() >= 16 && self.iterators.len().is_power_of_two() {
            self.iterators.retain(|w| w.strong_count() > 0);
        }
        self.iterators.push(iterator.downgrade());
    }

    /// NON-SPEC: drops the holes once they outnumber the live entries,
    /// moving every registered iterator to the same logical place.
    fn maybe_compact(&mut self) {
        let holes = self.entries.len() - self.index.len();
        if holes <= 8 || holes <= self.index.len() {
            return;
        }
        // Every live iterator must be movable now; otherwise wait.
        self.iterators.retain(|w| w.strong_count() > 0);
        let iterators: Vec<Obj> = self.iterators.iter().filter_map(Obj::upgrade).collect();
        let mut guards = Vec::with_capacity(iterators.len());
        for it in &iterators {
            match it.try_borrow_mut() {
                Some(g) => guards.push(g),
                None => return,
            }
        }
        // new_position[i] = number of live entries before old position i.
        let mut new_position = Vec::with_capacity(self.entries.len() + 1);
        let mut live = 0;
        for e in &self.entries {
            new_position.push(live);
            live += e.is_some() as usize;
        }
        new_position.push(live);
        for guard in &mut guards {
            if let ObjectKind::Native(n) = &mut guard.kind
                && let Some(state) = n.as_any_mut().downcast_mut::<CollectionIterator>()
            {
                state.position = new_position[state.position.min(new_position.len() - 1)];
            }
        }
        drop(guards);
        self.entries.retain(Option::is_some);
        self.index.clear();
        for (i, (k, _)) in self.entries.iter().flatten().enumerate() {
            self.index.insert(KeyId::of(k), i);
        }
    }
}

/// What a collection iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterationKind {
    Keys,
    Values,
    Entries,
}

/// A %MapIteratorPrototype% / %SetIteratorPrototype% instance: the
/// collection (None once done), the next position, and the kind.
pub struct CollectionIterator {
    collection: Option<Obj>,
    pub position: usize,
    kind: IterationKind,
}

impl Trace for CollectionIterator {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let CollectionIterator {
            collection,
            position: _,
            kind: _,
        } = self;
        collection.trace(tracer);
    }
}

/// Runs `f` on the table of `o`, if it is a Map or Set of `kind`.
pub fn with_table<R>(
    o: &Obj,
    kind: CollectionKind,
    f: impl FnOnce(&mut OrderedTable) -> R,
) -> Option<R> {
    let mut data = o.borrow_mut();
    match &mut data.kind {
        ObjectKind::Native(n) => n
            .as_any_mut()
            .downcast_mut::<OrderedTable>()
            .filter(|t| t.kind == kind)
            .map(f),
        _ => None,
    }
}

/// CreateMapIterator / CreateSetIterator ( collection, kind ) —
/// https://tc39.es/ecma262/#sec-createmapiterator
pub fn create_collection_iterator(
    interp: &Interpreter,
    collection: &Obj,
    kind: IterationKind,
    proto: Obj,
) -> Obj {
    let it = Obj::with_kind(
        &interp.heap,
        Some(proto),
        ObjectKind::Native(Box::new(CollectionIterator {
            collection: Some(collection.clone()),
            position: 0,
            kind,
        })),
    );
    let _ = with_table(collection, CollectionKind::Map, |t| {
        t.register_iterator(&it)
    })
    .or_else(|| {
        with_table(collection, CollectionKind::Set, |t| {
            t.register_iterator(&it)
        })
    });
    it
}

/// One step of a collection iterator: the next live entry (key, value),
/// or None once the iterator is exhausted (it then stays done).
pub fn collection_iterator_step(it: &Obj) -> Option<Option<(Value, Value)>> {
    let (collection, position) = {
        let data = it.borrow();
        let ObjectKind::Native(n) = &data.kind else {
            return None;
        };
        let state = n.as_any().downcast_ref::<CollectionIterator>()?;
        match &state.collection {
            Some(c) => (c.clone(), state.position),
            None => return Some(None),
        }
    };
    let found = {
        let data = collection.borrow();
        let ObjectKind::Native(n) = &data.kind else {
            return None;
        };
        n.as_any()
            .downcast_ref::<OrderedTable>()?
            .entry_from(position)
    };
    let mut data = it.borrow_mut();
    let ObjectKind::Native(n) = &mut data.kind else {
        return None;
    };
    let state = n.as_any_mut().downcast_mut::<CollectionIterator>()?;
    match found {
        Some((i, k, v)) => {
            state.position = i + 1;
            Some(Some((k, v)))
        }
        None => {
            state.collection = None;
            Some(None)
        }
    }
}

/// %MapIteratorPrototype%.next ( ) and %SetIteratorPrototype%.next ( ) —
/// https://tc39.es/ecma262/#sec-%mapiteratorprototype%.next
pub fn collection_iterator_next(
    interp: &Interpreter,
    this: &Value,
    _args: &[Value],
) -> Completion<Value> {
    let Value::Object(it) = this else {
        return Err(interp.type_error("next called on a non-object"));
    };
    let kind = {
        let data = it.borrow();
        match &data.kind {
            ObjectKind::Native(n) => n
                .as_any()
                .downcast_ref::<CollectionIterator>()
                .map(|s| s.kind),
            _ => None,
        }
    };
    let Some(kind) = kind else {
        return Err(interp.type_error("next called on an incompatible receiver"));
    };
    match collection_iterator_step(it) {
        Some(Some((k, v))) => {
            let result = match kind {
                IterationKind::Keys => k,
                IterationKind::Values => v,
                IterationKind::Entries => Value::Object(interp.new_array(vec![k, v])),
            };
            Ok(interp.create_iter_result_object(result, false))
        }
        _ => Ok(interp.create_iter_result_object(Value::Undefined, true)),
    }
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)]
mod tests {
    use super::*;

    #[test]
    fn same_value_zero_identities() {
        assert!(KeyId::of(&Value::Number(0.0)) == KeyId::of(&Value::Number(-0.0)));
        assert!(KeyId::of(&Value::Number(f64::NAN)) == KeyId::of(&Value::Number(-f64::NAN)));
        assert!(KeyId::of(&Value::from("1")) != KeyId::of(&Value::Number(1.0)));
        assert!(
            KeyId::of(&Value::from("a"))
                == KeyId::of(&Value::String(JsStr::from(String::from("a"))))
        );
    }

    #[test]
    fn deletes_leave_holes_until_compaction() {
        let mut t = OrderedTable::new(CollectionKind::Map);
        for i in 0..20 {
            assert!(t.set(Value::Number(i as f64), Value::Undefined));
        }
        assert!(!t.set(Value::Number(3.0), Value::Boolean(true)));
        for i in 0..10 {
            assert!(t.delete(&Value::Number(i as f64)));
        }
        assert!(!t.delete(&Value::Number(0.0)));
        assert_eq!(t.len(), 10);
        assert_eq!(t.entries.len(), 20, "10 holes do not outnumber 10 entries");
        t.delete(&Value::Number(10.0));
        assert_eq!(t.entries.len(), 9, "compacted");
        assert_eq!(
            t.entry_from(0).map(|(i, k, _)| (i, KeyId::of(&k))),
            Some((0, KeyId::Number(11f64.to_bits())))
        );
        assert!(t.has(&Value::Number(19.0)) && t.get(&Value::Number(19.0)).is_some());
        t.clear();
        assert_eq!((t.len(), t.entries.len()), (0, 0));
    }
}
