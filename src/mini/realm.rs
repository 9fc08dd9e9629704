//! Realms and their intrinsics — https://tc39.es/ecma262/#sec-code-realms
//!
//! CreateRealm / CreateIntrinsics (#sec-createintrinsics) happen in two
//! phases: [`Realm::new`] allocates the fundamental objects (every prototype
//! the engine needs by name, plus the global object), so that every other
//! part of the engine can refer to `%Array.prototype%` etc. as plain fields;
//! then `builtins::install` fills them with their properties and defines the
//! constructors and global functions (SetDefaultGlobalBindings,
//! #sec-setdefaultglobalbindings). Intrinsics without a field here are
//! reachable through [`Realm::intrinsic`] by their spec name (e.g.
//! `"%Promise%"`), registered with [`Realm::set_intrinsic`].

use std::cell::RefCell;
use std::collections::HashMap;

use super::heap::Heap;
use super::object::{ArrayStorage, Obj, ObjectKind};
use super::value::JsStr;

/// The native error types (#sec-native-error-types-used-in-this-standard).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Error,
    TypeError,
    ReferenceError,
    RangeError,
    SyntaxError,
    EvalError,
    UriError,
}

impl ErrorKind {
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Error,
        ErrorKind::TypeError,
        ErrorKind::ReferenceError,
        ErrorKind::RangeError,
        ErrorKind::SyntaxError,
        ErrorKind::EvalError,
        ErrorKind::UriError,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::UriError => "URIError",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A Realm Record's [[Intrinsics]] and [[GlobalObject]].
pub struct Realm {
    /// [[GlobalObject]]
    pub global_object: Obj,
    /// %Object.prototype%
    pub object_prototype: Obj,
    /// %Function.prototype% (itself a built-in function returning undefined)
    pub function_prototype: Obj,
    /// %Array.prototype% (an Array exotic object)
    pub array_prototype: Obj,
    pub string_prototype: Obj,
    pub number_prototype: Obj,
    pub boolean_prototype: Obj,
    pub symbol_prototype: Obj,
    /// %Error.prototype%, %TypeError.prototype%, … by [`ErrorKind`].
    pub error_prototypes: [Obj; 7],
    /// %Iterator.prototype%
    pub iterator_prototype: Obj,
    /// %ArrayIteratorPrototype%
    pub array_iterator_prototype: Obj,
    /// %GeneratorFunction.prototype% (the [[Prototype]] of generator functions)
    pub generator_function_prototype: Obj,
    /// %GeneratorFunction.prototype.prototype% (%GeneratorPrototype%)
    pub generator_prototype: Obj,
    /// %AsyncFunction.prototype%
    pub async_function_prototype: Obj,
    /// %AsyncGeneratorFunction.prototype%
    pub async_generator_function_prototype: Obj,
    /// %AsyncGeneratorPrototype%
    pub async_generator_prototype: Obj,
    /// %AsyncIteratorPrototype%
    pub async_iterator_prototype: Obj,
    pub promise_prototype: Obj,
    pub weakref_prototype: Obj,
    /// Other intrinsics by spec name ("%Promise%", "%ThrowTypeError%", …).
    others: RefCell<HashMap<&'static str, Obj>>,
}

impl Realm {
    /// Allocates the fundamental objects with their [[Prototype]]s.
    pub fn new(heap: &Heap) -> Realm {
        let object_prototype = Obj::with_kind(heap, None, ObjectKind::Ordinary);
        let ordinary =
            |proto: &Obj| Obj::with_kind(heap, Some(proto.clone()), ObjectKind::Ordinary);
        let function_prototype = Obj::with_kind(
            heap,
            Some(object_prototype.clone()),
            ObjectKind::Builtin(Box::new(super::function_objects::BuiltinFunction {
                behaviour: |_, _, _| Ok(super::value::Value::Undefined),
                is_constructor: false,
                slots: Vec::new(),
            })),
        );
        let array_prototype = Obj::with_kind(
            heap,
            Some(object_prototype.clone()),
            ObjectKind::Array(ArrayStorage::default()),
        );
        let string_prototype = Obj::with_kind(
            heap,
            Some(object_prototype.clone()),
            ObjectKind::String(JsStr::from("")),
        );
        let number_prototype = Obj::with_kind(
            heap,
            Some(object_prototype.clone()),
            ObjectKind::Number(0.0),
        );
        let boolean_prototype = Obj::with_kind(
            heap,
            Some(object_prototype.clone()),
            ObjectKind::Boolean(false),
        );
        let symbol_prototype = ordinary(&object_prototype);
        let error_prototype = ordinary(&object_prototype);
        let error_prototypes = ErrorKind::ALL.map(|k| {
            if k == ErrorKind::Error {
                error_prototype.clone()
            } else {
                ordinary(&error_prototype)
            }
        });
        let iterator_prototype = ordinary(&object_prototype);
        let array_iterator_prototype = ordinary(&iterator_prototype);
        let generator_function_prototype = ordinary(&function_prototype);
        let generator_prototype = ordinary(&iterator_prototype);
        let async_function_prototype = ordinary(&function_prototype);
        let async_generator_function_prototype = ordinary(&function_prototype);
        let async_iterator_prototype = ordinary(&object_prototype);
        let async_generator_prototype = ordinary(&async_iterator_prototype);
        let promise_prototype = ordinary(&object_prototype);
        let weakref_prototype = ordinary(&object_prototype);
        let global_object = ordinary(&object_prototype);
        Realm {
            global_object,
            object_prototype,
            function_prototype,
            array_prototype,
            string_prototype,
            number_prototype,
            boolean_prototype,
            symbol_prototype,
            error_prototypes,
            iterator_prototype,
            array_iterator_prototype,
            generator_function_prototype,
            generator_prototype,
            async_function_prototype,
            async_generator_function_prototype,
            async_generator_prototype,
            async_iterator_prototype,
            promise_prototype,
            weakref_prototype,
            others: RefCell::new(HashMap::new()),
        }
    }

    /// %NativeError.prototype% for `kind`.
    pub fn error_prototype(&self, kind: ErrorKind) -> &Obj {
        &self.error_prototypes[kind.index()]
    }

    /// An intrinsic registered by name, e.g. `realm.intrinsic("%Promise%")`.
    pub fn intrinsic(&self, name: &str) -> Option<Obj> {
        self.others.borrow().get(name).cloned()
    }

    /// Registers an intrinsic under its spec name (during `builtins::install`).
    pub fn set_intrinsic(&self, name: &'static str, object: Obj) {
        self.others.borrow_mut().insert(name, object);
    }
}
