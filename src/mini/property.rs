//! Property keys, stored properties, Property Descriptors and the ordered
//! property map objects keep their own properties in.
//!
//! - [`PropertyKey`]: https://tc39.es/ecma262/#sec-object-type (a String or a
//!   Symbol). NON-SPEC: a string that is a canonical array index
//!   (`"0"`…`"4294967294"`) is always stored as `PropertyKey::Index`, so
//!   arrays and ordering need no parsing.
//! - [`Property`]: a data or accessor property with its attributes
//!   (https://tc39.es/ecma262/#sec-property-attributes).
//! - [`PropertyDescriptor`]: the partial record `[[DefineOwnProperty]]` takes
//!   (https://tc39.es/ecma262/#sec-property-descriptor-specification-type).
//! - [`PropertyMap`]: insertion-ordered storage, a linear scan while small and
//!   a hash index once it grows (NON-SPEC).

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::heap::{Trace, Tracer};
use super::object::Obj;
use super::value::{JsStr, Sym, Value, number_to_string};

/// A property key: an array index, a string, or a symbol.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    /// A canonical array index (0 ≤ i < 2³² − 1).
    Index(u32),
    String(JsStr),
    Symbol(Sym),
}

impl PropertyKey {
    /// The key for a string, canonicalising array indices.
    pub fn from_js_str(s: JsStr) -> Self {
        match parse_array_index(s.as_str()) {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::String(s),
        }
    }

    /// The key for a number (ToPropertyKey of a Number).
    pub fn from_number(n: f64) -> Self {
        if (0.0..4294967295.0).contains(&n) && n.fract() == 0.0 {
            // -0 also lands here and is "0", as ToString(-0) is "0".
            PropertyKey::Index(n as u32)
        } else {
            PropertyKey::String(JsStr::from(number_to_string(n)))
        }
    }

    pub fn is_symbol(&self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }

    /// The key as a JS value (strings for indices).
    pub fn to_value(&self) -> Value {
        match self {
            PropertyKey::Index(i) => Value::String(JsStr::from(i.to_string())),
            PropertyKey::String(s) => Value::String(s.clone()),
            PropertyKey::Symbol(s) => Value::Symbol(s.clone()),
        }
    }

    /// The key as a string for function names and messages.
    pub fn to_display_string(&self) -> String {
        match self {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::String(s) => s.as_str().to_string(),
            PropertyKey::Symbol(s) => {
                format!("[{}]", s.description().map(|d| d.as_str()).unwrap_or(""))
            }
        }
    }

    /// The string form of a string or index key (None for symbols).
    pub fn as_js_str(&self) -> Option<JsStr> {
        match self {
            PropertyKey::Index(i) => Some(JsStr::from(i.to_string())),
            PropertyKey::String(s) => Some(s.clone()),
            PropertyKey::Symbol(_) => None,
        }
    }

    pub fn is_string_named(&self, name: &str) -> bool {
        matches!(self, PropertyKey::String(s) if s.as_str() == name)
    }
}

/// Keys the engine names often, allocated once per thread (NON-SPEC).
macro_rules! common_keys {
    ($($name:literal),* $(,)?) => {
        thread_local! {
            static COMMON_KEYS: Vec<(&'static str, PropertyKey)> =
                vec![$(($name, PropertyKey::String(JsStr::from($name)))),*];
        }
    };
}

common_keys!(
    "length",
    "name",
    "prototype",
    "constructor",
    "value",
    "done",
    "next",
    "then",
    "message",
    "callee",
    "return",
    "throw",
    "get",
    "set",
    "writable",
    "enumerable",
    "configurable",
    "toString",
    "valueOf",
    "join",
    "resolve",
    "cause",
    "raw",
);

impl From<&str> for PropertyKey {
    fn from(s: &str) -> Self {
        if let Some(k) =
            COMMON_KEYS.with(|keys| keys.iter().find(|(n, _)| *n == s).map(|(_, k)| k.clone()))
        {
            return k;
        }
        PropertyKey::from_js_str(JsStr::from(s))
    }
}

impl From<JsStr> for PropertyKey {
    fn from(s: JsStr) -> Self {
        PropertyKey::from_js_str(s)
    }
}

impl From<Sym> for PropertyKey {
    fn from(s: Sym) -> Self {
        PropertyKey::Symbol(s)
    }
}

impl From<u32> for PropertyKey {
    fn from(i: u32) -> Self {
        if i == u32::MAX {
            PropertyKey::String(JsStr::from(i.to_string()))
        } else {
            PropertyKey::Index(i)
        }
    }
}

impl fmt::Debug for PropertyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PropertyKey::Index(i) => write!(f, "{i}"),
            PropertyKey::String(s) => write!(f, "{s:?}"),
            PropertyKey::Symbol(s) => write!(f, "{s:?}"),
        }
    }
}

/// CanonicalNumericIndexString restricted to array indices: `"7"` → 7,
/// `"07"`, `"-0"`, `"4294967295"` → None.
pub fn parse_array_index(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    if b.is_empty()
        || b.len() > 10
        || !b.iter().all(u8::is_ascii_digit)
        || (b.len() > 1 && b[0] == b'0')
    {
        return None;
    }
    let n: u64 = s.parse().ok()?;
    if n < u32::MAX as u64 {
        Some(n as u32)
    } else {
        None
    }
}

/// Property attribute bits (https://tc39.es/ecma262/#table-object-property-attributes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attributes(u8);

impl Attributes {
    pub const WRITABLE: u8 = 1;
    pub const ENUMERABLE: u8 = 2;
    pub const CONFIGURABLE: u8 = 4;

    pub const fn new(writable: bool, enumerable: bool, configurable: bool) -> Self {
        Attributes(
            ((writable as u8) * Self::WRITABLE)
                | ((enumerable as u8) * Self::ENUMERABLE)
                | ((configurable as u8) * Self::CONFIGURABLE),
        )
    }

    /// Writable, enumerable, configurable: what assignment creates.
    pub const fn all() -> Self {
        Attributes(7)
    }

    /// Writable and configurable but not enumerable: built-in methods.
    pub const fn builtin() -> Self {
        Attributes(Self::WRITABLE | Self::CONFIGURABLE)
    }

    /// Nothing set (e.g. `prototype` of classes is only... see callers).
    pub const fn none() -> Self {
        Attributes(0)
    }

    pub fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }

    pub fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }

    pub fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }

    pub fn with_writable(self, w: bool) -> Self {
        Attributes((self.0 & !Self::WRITABLE) | ((w as u8) * Self::WRITABLE))
    }

    pub fn with_enumerable(self, e: bool) -> Self {
        Attributes((self.0 & !Self::ENUMERABLE) | ((e as u8) * Self::ENUMERABLE))
    }

    pub fn with_configurable(self, c: bool) -> Self {
        Attributes((self.0 & !Self::CONFIGURABLE) | ((c as u8) * Self::CONFIGURABLE))
    }
}

/// A property as stored on an object.
#[derive(Clone, Debug)]
pub enum Property {
    /// [[Value]], [[Writable]], [[Enumerable]], [[Configurable]]
    Data {
        value: Value,
        attributes: Attributes,
    },
    /// [[Get]], [[Set]], [[Enumerable]], [[Configurable]]; `Undefined` or a
    /// function object. (Writable is ignored.)
    Accessor {
        get: Value,
        set: Value,
        attributes: Attributes,
    },
}

impl Property {
    pub fn data(value: Value, attributes: Attributes) -> Self {
        Property::Data { value, attributes }
    }

    pub fn attributes(&self) -> Attributes {
        match self {
            Property::Data { attributes, .. } | Property::Accessor { attributes, .. } => {
                *attributes
            }
        }
    }

    pub fn enumerable(&self) -> bool {
        self.attributes().enumerable()
    }

    pub fn configurable(&self) -> bool {
        self.attributes().configurable()
    }

    /// The property as a complete descriptor.
    pub fn to_descriptor(&self) -> PropertyDescriptor {
        match self {
            Property::Data { value, attributes } => PropertyDescriptor {
                value: Some(value.clone()),
                writable: Some(attributes.writable()),
                get: None,
                set: None,
                enumerable: Some(attributes.enumerable()),
                configurable: Some(attributes.configurable()),
            },
            Property::Accessor {
                get,
                set,
                attributes,
            } => PropertyDescriptor {
                value: None,
                writable: None,
                get: Some(get.clone()),
                set: Some(set.clone()),
                enumerable: Some(attributes.enumerable()),
                configurable: Some(attributes.configurable()),
            },
        }
    }
}

impl Trace for Property {
    fn trace(&self, tracer: &mut dyn Tracer) {
        match self {
            Property::Data {
                value,
                attributes: _,
            } => value.trace(tracer),
            Property::Accessor {
                get,
                set,
                attributes: _,
            } => {
                get.trace(tracer);
                set.trace(tracer);
            }
        }
    }
}

/// The Property Descriptor specification type: every field optional.
#[derive(Clone, Debug, Default)]
pub struct PropertyDescriptor {
    pub value: Option<Value>,
    pub writable: Option<bool>,
    pub get: Option<Value>,
    pub set: Option<Value>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, attributes: Attributes) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attributes.writable()),
            get: None,
            set: None,
            enumerable: Some(attributes.enumerable()),
            configurable: Some(attributes.configurable()),
        }
    }

    /// A complete accessor descriptor.
    pub fn accessor(get: Value, set: Value, attributes: Attributes) -> Self {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(attributes.enumerable()),
            configurable: Some(attributes.configurable()),
        }
    }

    /// IsAccessorDescriptor ( Desc ) — https://tc39.es/ecma262/#sec-isaccessordescriptor
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    /// IsDataDescriptor ( Desc ) — https://tc39.es/ecma262/#sec-isdatadescriptor
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    /// IsGenericDescriptor ( Desc ) — https://tc39.es/ecma262/#sec-isgenericdescriptor
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
}

/// FxHash-style hasher: property keys hash their text or pointer quickly.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64)
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64)
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64)
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Own properties in insertion order (NON-SPEC storage).
#[derive(Default, Debug)]
pub struct PropertyMap {
    entries: Vec<(PropertyKey, Property)>,
    /// Boxed: most objects never need one, and the map stays small.
    index: Option<Box<FastMap<PropertyKey, usize>>>,
    /// How many keys are array indices (so that a fast path can ask
    /// whether a prototype has any, without a scan).
    index_keys: u32,
}

const INDEX_THRESHOLD: usize = 12;

impl PropertyMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &PropertyKey) -> Option<usize> {
        if let Some(index) = &self.index {
            return index.get(key).copied();
        }
        match key {
            // Interned names usually share their allocation: compare
            // pointers first, then text.
            PropertyKey::String(s) => self.entries.iter().position(|(k, _)| match k {
                PropertyKey::String(t) => t.ptr_eq(s) || t.as_str() == s.as_str(),
                _ => false,
            }),
            _ => self.entries.iter().position(|(k, _)| k == key),
        }
    }

    /// Looks up `key`, trying first `hint`, the position a string key had
    /// last time at the same access site (NON-SPEC inline cache; refreshed
    /// when the key is found elsewhere).
    #[inline]
    pub fn get_cached(&self, key: &PropertyKey, hint: &std::cell::Cell<u32>) -> Option<&Property> {
        if let PropertyKey::String(name) = key
            && let Some((PropertyKey::String(k), p)) = self.entries.get(hint.get() as usize)
            && (k.ptr_eq(name) || k.as_str() == name.as_str())
        {
            return Some(p);
        }
        if self.entries.is_empty() {
            return None;
        }
        let i = self.position(key)?;
        hint.set(i as u32);
        Some(&self.entries[i].1)
    }

    /// [`PropertyMap::get_cached`] for a global name: only a hint whose key
    /// is the same allocation is checked inline (the rest out of line).
    #[inline]
    pub fn get_with_hint(&self, name: &JsStr, hint: &std::cell::Cell<u32>) -> Option<&Property> {
        let h = hint.get() as usize;
        if let Some((PropertyKey::String(k), p)) = self.entries.get(h)
            && k.ptr_eq(name)
        {
            return Some(p);
        }
        self.get_with_hint_miss(name, hint)
    }

    /// [`PropertyMap::get_with_hint`] when the hint is stale or the key
    /// is another copy of the name.
    #[inline(never)]
    fn get_with_hint_miss(&self, name: &JsStr, hint: &std::cell::Cell<u32>) -> Option<&Property> {
        self.get_cached(&PropertyKey::from_js_str(name.clone()), hint)
    }

    pub fn get(&self, key: &PropertyKey) -> Option<&Property> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, key: &PropertyKey) -> Option<&mut Property> {
        self.position(key).map(move |i| &mut self.entries[i].1)
    }

    pub fn contains(&self, key: &PropertyKey) -> bool {
        self.position(key).is_some()
    }

    /// Inserts or replaces (keeping the original position when replacing).
    pub fn insert(&mut self, key: PropertyKey, property: Property) {
        if let Some(i) = self.position(&key) {
            self.entries[i].1 = property;
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        }
        self.index_keys += u32::from(matches!(key, PropertyKey::Index(_)));
        self.entries.push((key, property));
        if self.index.is_none() && self.entries.len() > INDEX_THRESHOLD {
            self.rebuild_index();
        }
    }

    /// Inserts entries before all existing ones (keeping their order).
    pub fn insert_front(&mut self, entries: Vec<(PropertyKey, Property)>) {
        if entries.is_empty() {
            return;
        }
        let rest = std::mem::take(&mut self.entries);
        self.index_keys += entries
            .iter()
            .filter(|(k, _)| matches!(k, PropertyKey::Index(_)))
            .count() as u32;
        self.entries = entries;
        self.entries.extend(rest);
        if self.index.is_some() || self.entries.len() > INDEX_THRESHOLD {
            self.rebuild_index();
        }
    }

    pub fn remove(&mut self, key: &PropertyKey) -> Option<Property> {
        let i = self.position(key)?;
        let (key, property) = self.entries.remove(i);
        self.index_keys -= u32::from(matches!(key, PropertyKey::Index(_)));
        if self.index.is_some() {
            self.rebuild_index();
        }
        Some(property)
    }

    // Keys hash and compare by their text, which never changes (the
    // interior mutability in JsStr is a cache).
    #[allow(clippy::mutable_key_type)]
    fn rebuild_index(&mut self) {
        let mut index = FastMap::default();
        for (i, (k, _)) in self.entries.iter().enumerate() {
            index.insert(k.clone(), i);
        }
        self.index = Some(Box::new(index));
    }

    /// Whether any key is an array index.
    pub fn has_index_keys(&self) -> bool {
        self.index_keys != 0
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&PropertyKey, &Property)> {
        self.entries.iter().map(|(k, p)| (k, p))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&PropertyKey, &mut Property)> {
        self.entries.iter_mut().map(|(k, p)| (&*k, p))
    }

    /// Keys in OrdinaryOwnPropertyKeys order: indices ascending, then strings,
    /// then symbols, each in creation order
    /// (https://tc39.es/ecma262/#sec-ordinaryownpropertykeys).
    pub fn ordered_keys(&self) -> Vec<PropertyKey> {
        let mut indices: Vec<u32> = self
            .entries
            .iter()
            .filter_map(|(k, _)| {
                if let PropertyKey::Index(i) = k {
                    Some(*i)
                } else {
                    None
                }
            })
            .collect();
        indices.sort_unstable();
        let mut keys: Vec<PropertyKey> = indices.into_iter().map(PropertyKey::Index).collect();
        keys.extend(
            self.entries
                .iter()
                .filter(|(k, _)| matches!(k, PropertyKey::String(_)))
                .map(|(k, _)| k.clone()),
        );
        keys.extend(
            self.entries
                .iter()
                .filter(|(k, _)| matches!(k, PropertyKey::Symbol(s) if !s.is_private()))
                .map(|(k, _)| k.clone()),
        );
        keys
    }

    /// Removes everything (the collector's sweep; Object.freeze helpers).
    pub fn take(&mut self) -> PropertyMap {
        std::mem::take(self)
    }

    /// Approximate bytes used, for heap accounting.
    pub fn approximate_size(&self) -> usize {
        self.entries.capacity() * 48 + self.index.as_ref().map_or(0, |m| m.capacity() * 40)
    }
}

impl Trace for PropertyMap {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let PropertyMap {
            entries,
            index: _,
            index_keys: _,
        } = self;
        for (_, p) in entries {
            p.trace(tracer);
        }
    }
}

impl Hash for Obj {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.addr().hash(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_index_keys_are_canonical() {
        assert_eq!(parse_array_index("0"), Some(0));
        assert_eq!(parse_array_index("4294967294"), Some(4294967294));
        assert_eq!(parse_array_index("4294967295"), None);
        assert_eq!(parse_array_index("01"), None);
        assert_eq!(parse_array_index("-0"), None);
        assert_eq!(parse_array_index("1.5"), None);
        assert!(matches!(
            PropertyKey::from_number(-0.0),
            PropertyKey::Index(0)
        ));
        assert!(matches!(
            PropertyKey::from_number(1.5),
            PropertyKey::String(_)
        ));
    }

    #[test]
    fn keys_come_back_in_spec_order() {
        let mut map = PropertyMap::new();
        for k in ["b", "2", "a", "1"] {
            map.insert(
                PropertyKey::from(k),
                Property::data(Value::Undefined, Attributes::all()),
            );
        }
        let keys: Vec<String> = map
            .ordered_keys()
            .iter()
            .map(|k| k.to_display_string())
            .collect();
        assert_eq!(keys, ["1", "2", "b", "a"]);
        for i in 0..40 {
            map.insert(
                PropertyKey::from(format!("k{i}").as_str()),
                Property::data(Value::Undefined, Attributes::all()),
            );
        }
        assert!(map.contains(&PropertyKey::from("k39")));
        map.remove(&PropertyKey::from("b"));
        assert!(!map.contains(&PropertyKey::from("b")));
        assert!(map.contains(&PropertyKey::from("k0")));
    }
}
