//! Environment Records — https://tc39.es/ecma262/#sec-environment-records
//!
//! Every record has an [[OuterEnv]] and a kind:
//!
//! - Declarative Environment Record (#sec-declarative-environment-records):
//!   blocks, catch clauses, loop iterations, class bodies, parameters.
//! - Function Environment Record (#sec-function-environment-records): a
//!   declarative record plus [[ThisValue]], [[ThisBindingStatus]],
//!   [[FunctionObject]] and [[NewTarget]].
//! - Global Environment Record (#sec-global-environment-records): an Object
//!   Environment Record over the global object ([[ObjectRecord]]) plus a
//!   declarative record for top-level `let`/`const`/`class`
//!   ([[DeclarativeRecord]]) and [[VarNames]].
//! - Object Environment Record (#sec-object-environment-records): `with`.
//!
//! NON-SPEC (resolved slots): the resolver knows every binding a scope
//! declares, so a declarative record is created with all of its bindings at
//! once (uninitialised, i.e. in their TDZ — the effect of the
//! CreateMutableBinding / CreateImmutableBinding calls the instantiation
//! algorithms make) and bindings are addressed by slot number. The names stay
//! in the shared [`ScopeInfo`], for the by-name operations, for the debug
//! cross-check of resolved addresses, and for debugging.
//!
//! NON-SPEC (registers): a binding no closure can capture never needs to
//! outlive its activation, so the resolver keeps it in the running frame's
//! registers instead of a record; a scope whose bindings are all such gets
//! no record at all. Which bindings are captured is decided before running,
//! so the spec's observable behaviour is unchanged.

use std::cell::{Ref, RefCell, RefMut};
use std::fmt;
use std::rc::{Rc, Weak};

use super::heap::{GcHeader, Heap, Trace, Tracer};
use super::object::Obj;
use super::value::{JsStr, Value};

/// How a binding was declared; decides mutability and TDZ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    /// `var` or a sloppy-mode Annex B function var binding.
    Var,
    /// `let`
    Let,
    /// `const`
    Const,
    /// A function declaration's binding.
    Function,
    /// A formal parameter.
    Parameter,
    /// A class declaration's outer binding (mutable, TDZ).
    Class,
    /// The class-name binding inside a class body (immutable).
    ClassInner,
    /// The own name of a named function expression: immutable; assigning it
    /// is silently ignored in sloppy code and a TypeError in strict code
    /// (#sec-runtime-semantics-instantiateordinaryfunctionexpression).
    FunctionExpressionName,
    /// A catch parameter.
    CatchParameter,
    /// The `arguments` object binding.
    Arguments,
}

impl BindingKind {
    /// Immutable bindings: assignment throws (or is ignored, see above).
    pub fn is_immutable(self) -> bool {
        matches!(
            self,
            BindingKind::Const | BindingKind::ClassInner | BindingKind::FunctionExpressionName
        )
    }

    /// Bindings that start uninitialised (TDZ).
    pub fn has_tdz(self) -> bool {
        matches!(
            self,
            BindingKind::Let | BindingKind::Const | BindingKind::Class | BindingKind::ClassInner
        )
    }
}

/// The static description of one scope's bindings in a record (NON-SPEC;
/// made by the resolver, shared by every record of that scope).
#[derive(Debug, Default)]
pub struct ScopeInfo {
    /// Binding names by slot.
    pub names: Vec<JsStr>,
    /// Binding kinds by slot.
    pub kinds: Vec<BindingKind>,
    /// Where the scope is, for debugging ("block at 3:5").
    pub description: String,
}

impl ScopeInfo {
    pub fn slot_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n.as_str() == name)
    }
}

/// [[ThisBindingStatus]] — https://tc39.es/ecma262/#table-additional-fields-of-function-environment-records
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThisBindingStatus {
    /// An arrow function: no own `this`.
    Lexical,
    Initialized,
    /// A derived constructor before `super()`.
    Uninitialized,
}

/// The extra fields of a Function Environment Record.
#[derive(Debug)]
pub struct FunctionRecordFields {
    /// [[ThisValue]]
    pub this_value: Value,
    /// [[ThisBindingStatus]]
    pub this_binding_status: ThisBindingStatus,
    /// [[FunctionObject]]
    pub function_object: Obj,
    /// [[NewTarget]]
    pub new_target: Value,
}

/// The extra fields of a Global Environment Record.
#[derive(Debug)]
pub struct GlobalRecordFields {
    /// [[ObjectRecord]]'s [[BindingObject]]: the global object.
    pub object_record: Obj,
    /// [[GlobalThisValue]]
    pub global_this_value: Obj,
    /// [[VarNames]]
    pub var_names: Vec<JsStr>,
}

/// Which kind of Environment Record.
#[derive(Debug)]
pub enum EnvKind {
    Declarative,
    Function(FunctionRecordFields),
    Global(GlobalRecordFields),
    /// An Object Environment Record ([[BindingObject]], [[IsWithEnvironment]]).
    Object {
        binding_object: Obj,
        is_with_environment: bool,
    },
}

/// Binding storage (NON-SPEC): up to two bindings are kept inline, so the
/// common small record (a loop iteration's `i`, a closure's one variable)
/// is a single allocation.
#[derive(Clone, Debug)]
pub enum Slots {
    Inline(u8, [Option<Value>; 2]),
    Heap(Vec<Option<Value>>),
}

impl Default for Slots {
    fn default() -> Self {
        Slots::Inline(0, [None, None])
    }
}

impl Slots {
    /// `n` uninitialised bindings.
    pub fn new(n: usize) -> Self {
        if n <= 2 {
            Slots::Inline(n as u8, [None, None])
        } else {
            Slots::Heap(vec![None; n])
        }
    }

    pub fn as_slice(&self) -> &[Option<Value>] {
        match self {
            Slots::Inline(n, a) => &a[..*n as usize],
            Slots::Heap(v) => v,
        }
    }

    pub fn as_mut_slice(&mut self) -> &mut [Option<Value>] {
        match self {
            Slots::Inline(n, a) => &mut a[..*n as usize],
            Slots::Heap(v) => v,
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<&Option<Value>> {
        self.as_slice().get(i)
    }

    #[inline]
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Option<Value>> {
        self.as_mut_slice().get_mut(i)
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Trace for Slots {
    fn trace(&self, tracer: &mut dyn Tracer) {
        for v in self.as_slice().iter().flatten() {
            v.trace(tracer);
        }
    }
}

/// The mutable part of an Environment Record. ([[OuterEnv]] and the
/// binding names never change after creation and sit outside the
/// `RefCell`, in [`EnvCell`].)
#[derive(Debug)]
pub struct EnvironmentRecord {
    /// Declarative bindings by slot; `None` while uninitialised (TDZ).
    pub bindings: Slots,
    /// Bindings a sloppy direct eval created (CreateMutableBinding ( N, true ):
    /// mutable and deletable), by name.
    pub eval_bindings: Vec<(JsStr, Value)>,
    pub kind: EnvKind,
}

impl Default for EnvironmentRecord {
    fn default() -> Self {
        EnvironmentRecord {
            bindings: Slots::default(),
            eval_bindings: Vec::new(),
            kind: EnvKind::Declarative,
        }
    }
}

impl Trace for EnvironmentRecord {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let EnvironmentRecord {
            bindings,
            eval_bindings,
            kind,
        } = self;
        bindings.trace(tracer);
        for (_, v) in eval_bindings {
            v.trace(tracer);
        }
        match kind {
            EnvKind::Declarative => {}
            EnvKind::Function(FunctionRecordFields {
                this_value,
                this_binding_status: _,
                function_object,
                new_target,
            }) => {
                this_value.trace(tracer);
                function_object.trace(tracer);
                new_target.trace(tracer);
            }
            EnvKind::Global(GlobalRecordFields {
                object_record,
                global_this_value,
                var_names: _,
            }) => {
                object_record.trace(tracer);
                global_this_value.trace(tracer);
            }
            EnvKind::Object {
                binding_object,
                is_with_environment: _,
            } => binding_object.trace(tracer),
        }
    }
}

/// The heap cell of an Environment Record (NON-SPEC).
pub struct EnvCell {
    header: GcHeader,
    /// [[OuterEnv]]. Immutable, so walking the chain borrows nothing. (Edges
    /// along [[OuterEnv]] alone cannot form a cycle, so the collector need
    /// not clear them.)
    outer_env: Option<Env>,
    /// Names and kinds of the bindings (NON-SPEC).
    scope: Rc<ScopeInfo>,
    record: RefCell<EnvironmentRecord>,
}

impl Drop for EnvCell {
    /// NON-SPEC: nested frees recurse only a few levels, then the record
    /// and [[OuterEnv]] go to the heap's worklist, so freeing a long chain
    /// does not recurse once per link.
    fn drop(&mut self) {
        let record = self.record.get_mut();
        match super::heap::enter_free() {
            Some(_level) => {
                *record = EnvironmentRecord::default();
                self.outer_env = None;
            }
            None => super::heap::defer_free(super::heap::Garbage::Env(
                std::mem::take(record),
                self.outer_env.take(),
            )),
        }
    }
}

/// A reference to an Environment Record.
#[derive(Clone)]
pub struct Env(Rc<EnvCell>);

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Env({}: {:?})",
            self.0.scope.description, self.0.scope.names
        )
    }
}

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A binding's value could not be read or written.
#[derive(Debug, PartialEq, Eq)]
pub enum BindingError {
    /// Read or written in its TDZ: a ReferenceError.
    Uninitialized,
    /// Assignment to an immutable binding in strict code: a TypeError.
    Immutable,
}

impl Env {
    fn alloc(heap: &Heap, outer_env: Option<Env>, scope: Rc<ScopeInfo>, kind: EnvKind) -> Env {
        let record = EnvironmentRecord {
            bindings: Slots::new(scope.names.len()),
            eval_bindings: Vec::new(),
            kind,
        };
        let env = Env(Rc::new(EnvCell {
            header: heap.new_header(),
            outer_env,
            scope,
            record: RefCell::new(record),
        }));
        heap.register_env(&env);
        env
    }

    pub fn borrow(&self) -> Ref<'_, EnvironmentRecord> {
        self.0.record.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, EnvironmentRecord> {
        self.0.record.borrow_mut()
    }

    pub fn ptr_eq(&self, other: &Env) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    pub(crate) fn from_rc(rc: Rc<EnvCell>) -> Env {
        Env(rc)
    }

    pub(crate) fn downgrade(&self) -> Weak<EnvCell> {
        Rc::downgrade(&self.0)
    }

    pub(crate) fn strong_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    pub(crate) fn gc_header(&self) -> &GcHeader {
        &self.0.header
    }

    pub(crate) fn try_trace(&self, tracer: &mut dyn Tracer) -> bool {
        self.0.outer_env.trace(tracer);
        match self.0.record.try_borrow() {
            Ok(r) => {
                r.trace(tracer);
                true
            }
            Err(_) => false,
        }
    }

    pub(crate) fn take_for_gc(&self) -> Option<EnvironmentRecord> {
        self.0
            .record
            .try_borrow_mut()
            .ok()
            .map(|mut r| std::mem::take(&mut *r))
    }

    pub(crate) fn approximate_size(&self) -> usize {
        64 + self
            .0
            .record
            .try_borrow()
            .map_or(0, |r| r.bindings.len() * 16)
    }

    /// [[OuterEnv]]
    pub fn outer_env(&self) -> Option<&Env> {
        self.0.outer_env.as_ref()
    }

    /// The binding names and kinds (NON-SPEC).
    pub fn scope(&self) -> &Rc<ScopeInfo> {
        &self.0.scope
    }

    /// The environment `hops` steps out along [[OuterEnv]].
    #[inline]
    pub fn ancestor(&self, hops: u32) -> Option<&Env> {
        let mut env = self;
        for _ in 0..hops {
            env = env.0.outer_env.as_ref()?;
        }
        Some(env)
    }

    // ----- NON-SPEC: resolved-slot access -----

    /// The value in `slot`: `None` while uninitialised or out of range.
    #[inline]
    pub fn get_slot(&self, slot: usize) -> Option<Value> {
        self.borrow().bindings.get(slot).cloned().flatten()
    }

    /// Writes `slot` unconditionally (initialisation and mapped arguments).
    pub fn set_slot(&self, slot: usize, value: Value) {
        if let Some(b) = self.borrow_mut().bindings.get_mut(slot) {
            *b = Some(value);
        }
    }

    /// InitializeBinding ( N, V ) by slot —
    /// https://tc39.es/ecma262/#sec-declarative-environment-records-initializebinding-n-v
    pub fn initialize_binding(&self, slot: usize, value: Value) {
        // 1. Assert: binding for N exists and is uninitialised (or a var
        // being re-initialised by instantiation).
        self.set_slot(slot, value);
    }

    /// GetBindingValue ( N, S ) by slot —
    /// https://tc39.es/ecma262/#sec-declarative-environment-records-getbindingvalue-n-s
    #[inline]
    pub fn get_binding_value(&self, slot: usize) -> Result<Value, BindingError> {
        // 2. If the binding for N is uninitialised, throw a ReferenceError.
        self.get_slot(slot).ok_or(BindingError::Uninitialized)
    }

    /// SetMutableBinding ( N, V, S ) by slot —
    /// https://tc39.es/ecma262/#sec-declarative-environment-records-setmutablebinding-n-v-s
    /// Returns Ok(false) when an immutable binding silently ignores the
    /// write (a sloppy function-expression name).
    #[inline]
    pub fn set_mutable_binding(
        &self,
        slot: usize,
        value: Value,
        strict: bool,
    ) -> Result<bool, BindingError> {
        let kind = self
            .0
            .scope
            .kinds
            .get(slot)
            .copied()
            .unwrap_or(BindingKind::Var);
        let mut record = self.borrow_mut();
        let Some(binding) = record.bindings.get_mut(slot) else {
            return Ok(false);
        };
        // 3. If the binding is uninitialised, throw a ReferenceError.
        if binding.is_none() {
            return Err(BindingError::Uninitialized);
        }
        // 4. If mutable, change its value.
        if !kind.is_immutable() {
            *binding = Some(value);
            return Ok(true);
        }
        // 5. Else (immutable): throw in strict code (or for const always,
        // since const bindings are strict bindings).
        if strict || kind != BindingKind::FunctionExpressionName {
            return Err(BindingError::Immutable);
        }
        Ok(false)
    }

    /// Sets every binding of the record back to uninitialised (NON-SPEC:
    /// not used by the spec; kept for tests).
    pub fn binding_names(&self) -> Vec<JsStr> {
        self.0.scope.names.clone()
    }

    // ----- spec operations by name (debug cross-check, globals) -----

    /// HasBinding ( N ) — https://tc39.es/ecma262/#sec-declarative-environment-records-hasbinding-n
    /// for the declarative part of any record (object records answer
    /// through `interpreter::reference`).
    pub fn has_declarative_binding(&self, name: &str) -> Option<usize> {
        self.0.scope.slot_of(name)
    }

    /// HasThisBinding ( ) — https://tc39.es/ecma262/#sec-function-environment-records-hasthisbinding
    pub fn has_this_binding(&self) -> bool {
        match &self.borrow().kind {
            EnvKind::Function(f) => f.this_binding_status != ThisBindingStatus::Lexical,
            EnvKind::Global(_) => true,
            _ => false,
        }
    }

    /// BindThisValue ( V ) — https://tc39.es/ecma262/#sec-bindthisvalue
    /// Err(Initialized) when `this` was already initialised (a second `super()`).
    pub fn bind_this_value(&self, value: Value) -> Result<(), ThisBindingStatus> {
        let mut record = self.borrow_mut();
        let EnvKind::Function(f) = &mut record.kind else {
            return Err(ThisBindingStatus::Lexical);
        };
        // 1. Assert: [[ThisBindingStatus]] is not lexical.
        debug_assert!(
            f.this_binding_status != ThisBindingStatus::Lexical,
            "BindThisValue on an arrow's record"
        );
        // 2. If it is initialized, throw a ReferenceError.
        if f.this_binding_status == ThisBindingStatus::Initialized {
            return Err(ThisBindingStatus::Initialized);
        }
        // 3.–4. Set [[ThisValue]]; status becomes initialized.
        f.this_value = value;
        f.this_binding_status = ThisBindingStatus::Initialized;
        Ok(())
    }

    /// GetThisBinding ( ) — https://tc39.es/ecma262/#sec-function-environment-records-getthisbinding
    /// Err(Uninitialized) before `super()` in a derived constructor.
    pub fn get_this_binding(&self) -> Result<Value, BindingError> {
        match &self.borrow().kind {
            EnvKind::Function(f) => match f.this_binding_status {
                ThisBindingStatus::Uninitialized => Err(BindingError::Uninitialized),
                _ => Ok(f.this_value.clone()),
            },
            EnvKind::Global(g) => Ok(Value::Object(g.global_this_value.clone())),
            _ => Ok(Value::Undefined),
        }
    }

    /// [[FunctionObject]] and [[NewTarget]] of a function record.
    pub fn function_fields(&self) -> Option<(Obj, Value)> {
        match &self.borrow().kind {
            EnvKind::Function(f) => Some((f.function_object.clone(), f.new_target.clone())),
            _ => None,
        }
    }
}

/// NewDeclarativeEnvironment ( E ) — https://tc39.es/ecma262/#sec-newdeclarativeenvironment
pub fn new_declarative_environment(heap: &Heap, outer: Option<Env>, scope: Rc<ScopeInfo>) -> Env {
    // 1. Let env be a new Declarative Environment Record containing no
    // bindings (NON-SPEC: all of the scope's bindings, uninitialised).
    // 2. Set env.[[OuterEnv]] to E.
    Env::alloc(heap, outer, scope, EnvKind::Declarative)
}

/// NewFunctionEnvironment ( F, newTarget ) — https://tc39.es/ecma262/#sec-newfunctionenvironment
pub fn new_function_environment(
    heap: &Heap,
    function_object: Obj,
    outer: Option<Env>,
    new_target: Value,
    this_binding_status: ThisBindingStatus,
    scope: Rc<ScopeInfo>,
) -> Env {
    // 1.–3. [[FunctionObject]] F; [[ThisBindingStatus]] lexical for arrows,
    // else uninitialized; 4. [[NewTarget]]; 5. [[OuterEnv]] F.[[Environment]].
    Env::alloc(
        heap,
        outer,
        scope,
        EnvKind::Function(FunctionRecordFields {
            this_value: Value::Undefined,
            this_binding_status,
            function_object,
            new_target,
        }),
    )
}

/// NewGlobalEnvironment ( G, thisValue ) — https://tc39.es/ecma262/#sec-newglobalenvironment
pub fn new_global_environment(
    heap: &Heap,
    global: Obj,
    this_value: Obj,
    scope: Rc<ScopeInfo>,
) -> Env {
    Env::alloc(
        heap,
        None,
        scope,
        EnvKind::Global(GlobalRecordFields {
            object_record: global,
            global_this_value: this_value,
            var_names: Vec::new(),
        }),
    )
}

/// NewObjectEnvironment ( O, W, E ) — https://tc39.es/ecma262/#sec-newobjectenvironment
pub fn new_object_environment(
    heap: &Heap,
    object: Obj,
    is_with_environment: bool,
    outer: Option<Env>,
) -> Env {
    Env::alloc(
        heap,
        outer,
        Rc::default(),
        EnvKind::Object {
            binding_object: object,
            is_with_environment,
        },
    )
}

/// Replaces a new record's bindings with copies of another's: the body of
/// CreatePerIterationEnvironment (see `interpreter/loops.rs`).
pub fn copy_bindings(from: &Env, to: &Env) {
    let from = from.borrow();
    let mut to = to.borrow_mut();
    for (dst, src) in to
        .bindings
        .as_mut_slice()
        .iter_mut()
        .zip(from.bindings.as_slice())
    {
        dst.clone_from(src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(names: &[(&str, BindingKind)]) -> Rc<ScopeInfo> {
        Rc::new(ScopeInfo {
            names: names.iter().map(|(n, _)| JsStr::from(*n)).collect(),
            kinds: names.iter().map(|(_, k)| *k).collect(),
            description: "test".into(),
        })
    }

    #[test]
    fn bindings_start_in_their_tdz_and_can_be_initialised() {
        let heap = Heap::new(usize::MAX);
        let env = new_declarative_environment(&heap, None, scope(&[("x", BindingKind::Let)]));
        assert!(matches!(
            env.get_binding_value(0),
            Err(BindingError::Uninitialized)
        ));
        assert_eq!(
            env.set_mutable_binding(0, Value::from(1), false),
            Err(BindingError::Uninitialized)
        );
        env.initialize_binding(0, Value::from(1));
        assert!(matches!(env.get_binding_value(0), Ok(Value::Number(n)) if n == 1.0));
        assert_eq!(env.set_mutable_binding(0, Value::from(2), false), Ok(true));
    }

    #[test]
    fn immutable_bindings_reject_or_ignore_writes() {
        let heap = Heap::new(usize::MAX);
        let env = new_declarative_environment(
            &heap,
            None,
            scope(&[
                ("c", BindingKind::Const),
                ("f", BindingKind::FunctionExpressionName),
            ]),
        );
        env.initialize_binding(0, Value::from(1));
        env.initialize_binding(1, Value::from(2));
        assert_eq!(
            env.set_mutable_binding(0, Value::from(9), false),
            Err(BindingError::Immutable)
        );
        assert_eq!(env.set_mutable_binding(1, Value::from(9), false), Ok(false));
        assert_eq!(
            env.set_mutable_binding(1, Value::from(9), true),
            Err(BindingError::Immutable)
        );
        assert!(matches!(env.get_binding_value(1), Ok(Value::Number(n)) if n == 2.0));
    }

    #[test]
    fn outer_chain_and_names() {
        let heap = Heap::new(usize::MAX);
        let outer = new_declarative_environment(&heap, None, scope(&[("a", BindingKind::Var)]));
        let inner = new_declarative_environment(
            &heap,
            Some(outer.clone()),
            scope(&[("b", BindingKind::Let)]),
        );
        assert!(inner.ancestor(1).is_some_and(|e| e.ptr_eq(&outer)));
        assert!(inner.ancestor(2).is_none());
        assert_eq!(outer.has_declarative_binding("a"), Some(0));
        assert_eq!(inner.has_declarative_binding("a"), None);
    }
}
