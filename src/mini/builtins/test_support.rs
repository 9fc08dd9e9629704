//! Test helpers for the built-in library (compiled only for tests).
//!
//! [`with_harness`] runs a test on its own thread with a known native stack
//! and a fresh realm; [`Harness`] then calls built-ins by their global path
//! (`"JSON.stringify"`, `"Array.prototype.sort"`), builds values from JSON
//! text, and shows results as JSON or as `String(v)`. Callbacks are native
//! functions made with [`Harness::native`]. Tests of whole programs
//! (`assert_prints`) live next to the evaluator once it runs scripts.

use std::rc::Rc;

use crate::engine::Limits;
use crate::mini::environment::ScopeInfo;
use crate::mini::function_objects::{NativeFn, create_builtin_function};
use crate::mini::interpreter::{
    Abrupt, Completion, Interpreter, StackBounds, approximate_stack_pointer,
};
use crate::mini::property::PropertyKey;
use crate::mini::value::Value;

/// Native stack of the test thread.
const TEST_STACK: usize = 16 << 20;

/// A fresh interpreter for one test.
pub struct Harness {
    pub interp: Rc<Interpreter>,
}

/// Runs `test` with a fresh [`Harness`] on a thread with a known stack,
/// re-raising its panic (a failed assertion) on the caller.
#[track_caller]
pub fn with_harness(test: impl FnOnce(&Harness) + Send + 'static) {
    with_limits(Limits::default(), test)
}

/// [`with_harness`] with explicit limits.
#[track_caller]
pub fn with_limits(limits: Limits, test: impl FnOnce(&Harness) + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(TEST_STACK)
        .spawn(move || {
            // Keep a generous margin: the bound is approximate.
            let stack = StackBounds {
                base: approximate_stack_pointer(),
                size: TEST_STACK - (1 << 20),
            };
            let harness = Harness {
                interp: Interpreter::new(&limits, stack, Rc::new(ScopeInfo::default())),
            };
            test(&harness);
        })
        .expect("spawning a test thread");
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

impl Harness {
    /// The value at a dotted path from the global object
    /// (`"Array.prototype.map"`).
    #[track_caller]
    pub fn global(&self, path: &str) -> Value {
        let mut v = Value::Object(self.interp.realm.global_object.clone());
        for part in path.split('.') {
            v = self
                .interp
                .get_v(&v, &PropertyKey::from(part))
                .unwrap_or_else(|e| panic!("reading {path}: {}", self.describe_abrupt(&e)));
        }
        v
    }

    /// Calls the function at `path` with `this` and `args`.
    pub fn call(&self, path: &str, this: Value, args: &[Value]) -> Completion<Value> {
        let f = self.global(path);
        self.interp.call(&f, &this, args)
    }

    /// Like [`Harness::call`], but the call must complete normally.
    #[track_caller]
    pub fn ok(&self, path: &str, this: Value, args: &[Value]) -> Value {
        match self.call(path, this, args) {
            Ok(v) => v,
            Err(e) => panic!("{path} threw {}", self.describe_abrupt(&e)),
        }
    }

    /// Like [`Harness::call`], but the call must throw; returns the thrown
    /// error's `name` (or `String(value)` for a non-error).
    #[track_caller]
    pub fn throws(&self, path: &str, this: Value, args: &[Value]) -> String {
        match self.call(path, this, args) {
            Ok(v) => panic!("{path} returned {} instead of throwing", self.show(&v)),
            Err(e) => self.describe_abrupt(&e),
        }
    }

    /// Constructs the constructor at `path`.
    pub fn construct(&self, path: &str, args: &[Value]) -> Completion<Value> {
        match self.global(path) {
            Value::Object(f) => self.interp.construct(&f, args, None),
            _ => Err(self.interp.type_error("not a constructor")),
        }
    }

    /// Like [`Harness::construct`], but it must complete normally.
    #[track_caller]
    pub fn new_ok(&self, path: &str, args: &[Value]) -> Value {
        match self.construct(path, args) {
            Ok(v) => v,
            Err(e) => panic!("new {path} threw {}", self.describe_abrupt(&e)),
        }
    }

    /// Calls method `name` of `this`.
    #[track_caller]
    pub fn invoke(&self, this: &Value, name: &str, args: &[Value]) -> Completion<Value> {
        self.interp.invoke(this, &PropertyKey::from(name), args)
    }

    /// Like [`Harness::invoke`], but it must complete normally.
    #[track_caller]
    pub fn invoke_ok(&self, this: &Value, name: &str, args: &[Value]) -> Value {
        match self.invoke(this, name, args) {
            Ok(v) => v,
            Err(e) => panic!(".{name}() threw {}", self.describe_abrupt(&e)),
        }
    }

    /// A value from JSON text (through `JSON.parse`).
    #[track_caller]
    pub fn json(&self, text: &str) -> Value {
        self.ok("JSON.parse", Value::Undefined, &[Value::from(text)])
    }

    /// A built-in function object behaving as `f` (a test callback).
    pub fn native(&self, f: NativeFn) -> Value {
        Value::Object(create_builtin_function(
            &self.interp,
            f,
            0,
            "callback",
            Vec::new(),
            false,
        ))
    }

    /// `JSON.stringify(v)`, or `String(v)` when that gives undefined.
    #[track_caller]
    pub fn show(&self, v: &Value) -> String {
        match self.call("JSON.stringify", Value::Undefined, std::slice::from_ref(v)) {
            Ok(Value::String(s)) => s.to_string(),
            _ => self
                .interp
                .string_of(v)
                .map(|s| s.to_string())
                .unwrap_or_else(|_| "<unprintable>".into()),
        }
    }

    /// What an abrupt completion carried: an error's name, else the value.
    pub fn describe_abrupt(&self, e: &Abrupt) -> String {
        match e.thrown() {
            Some(v) => crate::mini::host::uncaught_name(&self.interp, v),
            None => format!("{e:?}"),
        }
    }
}

/// A string value.
pub fn s(text: &str) -> Value {
    Value::from(text)
}

/// A number value.
pub fn n(x: f64) -> Value {
    Value::Number(x)
}
