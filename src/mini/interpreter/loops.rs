//! Iteration statements — https://tc39.es/ecma262/#sec-iteration-statements
//!
//! ForLoopEvaluation and ForBodyEvaluation with CreatePerIterationEnvironment
//! (the reason closures made in a `for (let …)` loop each see their own
//! binding), ForIn/OfHeadEvaluation and ForIn/OfBodyEvaluation (a fresh
//! environment per iteration for `let`/`const` heads), `while`, `do-while`,
//! LoopContinues, and EnumerateObjectProperties for `for-in`.

use super::iteration::IteratorRecord;
use super::{Abrupt, Completion, Flow, Frame, Interpreter};
use crate::mini::environment::new_declarative_environment;
use crate::mini::ir::{Expr, ForBinding, ForInOfStmt, ForStmt, LabelId, Stmt};
use crate::mini::object::Obj;
use crate::mini::property::PropertyKey;
use crate::mini::value::Value;

/// LoopContinues ( completion, labelSet ) — https://tc39.es/ecma262/#sec-loopcontinues
#[inline(always)]
fn loop_continues(flow: Flow, labels: &[LabelId]) -> bool {
    match flow {
        // 1. Normal completion: continue.
        Flow::Normal => true,
        // 2.–4. A continue with no label, or one of this loop's labels.
        Flow::Continue(None) => true,
        Flow::Continue(Some(l)) => labels.contains(&l),
        _ => false,
    }
}

/// What a loop returns once LoopContinues said stop: an unlabelled
/// `break` ends the loop normally (UpdateEmpty of a break completion in
/// LabelledEvaluation of the loop), anything else propagates.
fn loop_exit(flow: Flow) -> Flow {
    match flow {
        Flow::Break(None) => Flow::Normal,
        other => other,
    }
}

/// Whether binding a for-in/of iteration value makes a new Environment
/// Record (a `let`/`const` head some closure captures); otherwise the
/// running environment is the same before and after an iteration.
fn binding_makes_record(binding: &ForBinding) -> bool {
    matches!(binding, ForBinding::Lexical { scope, .. } if scope.env.is_some())
}

impl Interpreter {
    /// ForLoopEvaluation — https://tc39.es/ecma262/#sec-runtime-semantics-forloopevaluation
    pub fn for_loop_evaluation(&self, frame: &mut Frame, f: &ForStmt) -> Completion<Flow> {
        // 1.–5. `for (let/const …;;)`: oldEnv; loopEnv = NewDeclarativeEnvironment(oldEnv)
        // holding the declaration's bound names (const ones immutable).
        let old_env = frame.env.clone();
        let result = (|| {
            self.block_declaration_instantiation(frame, &f.scope)?;
            // 8.–9. Evaluate the LexicalDeclaration / VariableDeclarationList / Expression.
            if let Some(init) = &f.init {
                self.eval_statement(frame, init)?;
            }
            // 10.–11. perIterationLets are the `let` names (none for `const`).
            self.for_body_evaluation(frame, f)
        })();
        // 13. Set the running execution context's LexicalEnvironment to oldEnv.
        frame.env = old_env;
        result
    }

    /// ForBodyEvaluation ( test, increment, stmt, perIterationBindings, labelSet ) —
    /// https://tc39.es/ecma262/#sec-forbodyevaluation
    fn for_body_evaluation(&self, frame: &mut Frame, f: &ForStmt) -> Completion<Flow> {
        // 2. Perform ? CreatePerIterationEnvironment(perIterationBindings).
        if f.per_iteration {
            self.create_per_iteration_environment(frame);
        }
        // 3. Repeat,
        loop {
            self.tick()?;
            // 3.a. If test is not empty: evaluate it; if false, return V.
            if let Some(test) = &f.test
                && !self.eval_condition(frame, test)?
            {
                return Ok(Flow::Normal);
            }
            // 3.b. Let result be Completion(Evaluation of stmt).
            let result = self.eval_statement(frame, &f.body)?;
            // 3.c. If LoopContinues(result, labelSet) is false, return.
            if !loop_continues(result, &f.labels) {
                return Ok(loop_exit(result));
            }
            // 3.e. Perform ? CreatePerIterationEnvironment(perIterationBindings).
            if f.per_iteration {
                self.create_per_iteration_environment(frame);
            }
            // 3.f. If increment is not empty, evaluate it.
            if let Some(update) = &f.update {
                self.eval_expr(frame, update)?;
            }
        }
    }

    /// CreatePerIterationEnvironment ( perIterationBindings ) —
    /// https://tc39.es/ecma262/#sec-createperiterationenvironment
    fn create_per_iteration_environment(&self, frame: &mut Frame) {
        // 1.a. Let lastIterationEnv be the running context's LexicalEnvironment.
        let last = frame.env.clone();
        // 1.b. Let outer be lastIterationEnv.[[OuterEnv]].
        let outer = last.outer_env().cloned();
        // 1.d. Let thisIterationEnv be NewDeclarativeEnvironment(outer).
        let this_iteration = new_declarative_environment(&self.heap, outer, last.scope().clone());
        // 1.e. For each bn of perIterationBindings: CreateMutableBinding,
        // lastValue = lastIterationEnv.GetBindingValue(bn), InitializeBinding.
        crate::mini::environment::copy_bindings(&last, &this_iteration);
        // 1.f. Set the running execution context's LexicalEnvironment.
        frame.env = this_iteration;
    }

    /// `while (test) body` — https://tc39.es/ecma262/#sec-runtime-semantics-whileloopevaluation
    pub fn while_loop_evaluation(
        &self,
        frame: &mut Frame,
        labels: &[LabelId],
        test: &Expr,
        body: &Stmt,
    ) -> Completion<Flow> {
        loop {
            self.tick()?;
            if !self.eval_condition(frame, test)? {
                return Ok(Flow::Normal);
            }
            let result = self.eval_statement(frame, body)?;
            if !loop_continues(result, labels) {
                return Ok(loop_exit(result));
            }
        }
    }

    /// `do body while (test)` — https://tc39.es/ecma262/#sec-runtime-semantics-dowhileloopevaluation
    pub fn do_while_loop_evaluation(
        &self,
        frame: &mut Frame,
        labels: &[LabelId],
        body: &Stmt,
        test: &Expr,
    ) -> Completion<Flow> {
        loop {
            self.tick()?;
            let result = self.eval_statement(frame, body)?;
            if !loop_continues(result, labels) {
                return Ok(loop_exit(result));
            }
            if !self.eval_condition(frame, test)? {
                return Ok(Flow::Normal);
            }
        }
    }

    /// ForIn/OfHeadEvaluation ( uninitializedBoundNames, expr, iterationKind ) —
    /// https://tc39.es/ecma262/#sec-runtime-semantics-forinofheadevaluation
    /// followed by ForIn/OfBodyEvaluation.
    pub fn for_in_of_loop_evaluation(
        &self,
        frame: &mut Frame,
        f: &ForInOfStmt,
    ) -> Completion<Flow> {
        // 1.–2. With `let`/`const` bound names, evaluate expr in a TDZ scope
        // holding them (so `for (let x of x)` throws).
        let old_env = frame.env.clone();
        let value = match &f.head_scope {
            Some(scope) => {
                let r = self
                    .block_declaration_instantiation(frame, scope)
                    .and_then(|()| self.eval_expr(frame, &f.expr));
                frame.env = old_env.clone();
                r?
            }
            None => self.eval_expr(frame, &f.expr)?,
        };
        if f.is_await {
            // 7.a. iterationKind is async-iterate: GetIterator(exprValue, async).
            let record = self.get_async_iterator(&value)?;
            return self.for_await_of_body_evaluation(frame, f, record);
        }
        if f.is_of {
            // 7.b. iterationKind is iterate: GetIterator(exprValue, sync).
            let mut record = self.get_iterator(&value)?;
            self.for_of_body_evaluation(frame, f, &mut record)
        } else {
            // 6.a. for-in over null/undefined: break (no iterations).
            if value.is_nullish() {
                return Ok(Flow::Normal);
            }
            // 6.b.–c. obj = ! ToObject(exprValue); EnumerateObjectProperties(obj).
            let obj = self.to_object(&value)?;
            self.for_in_body_evaluation(frame, f, obj)
        }
    }

    /// Binds one iteration's value: ForIn/OfBodyEvaluation steps 6.f–6.i.
    /// For a lexical head, iterationEnv = NewDeclarativeEnvironment(oldEnv)
    /// (a fresh binding per iteration) becomes the running environment.
    fn bind_iteration_value(
        &self,
        frame: &mut Frame,
        binding: &ForBinding,
        value: Value,
    ) -> Completion<()> {
        match binding {
            // 6.h.i. lhsKind is assignment or varBinding: PutValue / destructuring.
            ForBinding::Assign(pattern) => self.bind_pattern(frame, pattern, value, false),
            // 6.g. lexicalBinding: ForDeclarationBindingInstantiation in a new env,
            // then ForDeclarationBindingInitialization.
            ForBinding::Lexical { scope, pattern, .. } => {
                self.block_declaration_instantiation(frame, scope)?;
                self.bind_pattern(frame, pattern, value, true)
            }
        }
    }

    /// ForIn/OfBodyEvaluation for `for-of` — https://tc39.es/ecma262/#sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iteratorrecord-iterationkind-lhskind-labelset
    fn for_of_body_evaluation(
        &self,
        frame: &mut Frame,
        f: &ForInOfStmt,
        record: &mut IteratorRecord,
    ) -> Completion<Flow> {
        let old_env = frame.env.clone();
        loop {
            self.tick()?;
            // 6.a–c. nextResult = ? IteratorStepValue; done → return V.
            let Some(next) = self.iterator_step_value(record)? else {
                return Ok(Flow::Normal);
            };
            // 6.f–i. Bind; an abrupt binding closes the iterator.
            let bound = self.bind_iteration_value(frame, &f.binding, next);
            let result = match bound {
                Ok(()) => self.eval_statement(frame, &f.body),
                Err(e) => Err(e),
            };
            // 6.k. Set the running context's LexicalEnvironment to oldEnv
            // (NON-SPEC: only a binding with a record changed it).
            if binding_makes_record(&f.binding) {
                frame.env = old_env.clone();
            }
            match result {
                Err(e) => {
                    // 6.i / 6.l. IteratorClose(iteratorRecord, status).
                    return Err(self.iterator_close_on_abrupt(record, e));
                }
                Ok(flow) => {
                    if !loop_continues(flow, &f.labels) {
                        // 6.l.ii. IteratorClose with the completion.
                        self.iterator_close(record)?;
                        return Ok(loop_exit(flow));
                    }
                }
            }
        }
    }

    /// GetIterator ( obj, async ) — https://tc39.es/ecma262/#sec-getiterator
    /// (a sync iterator stands in through CreateAsyncFromSyncIterator: its
    /// values are awaited; returns (iterator, next, is_sync)).
    pub(crate) fn get_async_iterator(&self, obj: &Value) -> Completion<(Value, Value, bool)> {
        let key = PropertyKey::Symbol(self.symbols.async_iterator.clone());
        if let Some(method) = self.get_method(obj, &key)? {
            let it = self.call(&method, obj, &[])?;
            if !matches!(it, Value::Object(_)) {
                return Err(
                    self.type_error("Result of the Symbol.asyncIterator method is not an object")
                );
            }
            let next = self.get_v(&it, &PropertyKey::from("next"))?;
            return Ok((it, next, false));
        }
        let key = PropertyKey::Symbol(self.symbols.iterator.clone());
        let Some(method) = self.get_method(obj, &key)? else {
            return Err(self.type_error(&format!("{} is not async iterable", self.describe(obj))));
        };
        let it = self.call(&method, obj, &[])?;
        if !matches!(it, Value::Object(_)) {
            return Err(self.type_error("Result of the Symbol.iterator method is not an object"));
        }
        let next = self.get_v(&it, &PropertyKey::from("next"))?;
        Ok((it, next, true))
    }

    /// ForIn/OfBodyEvaluation with iterationKind async-iterate: each
    /// `next()` result is awaited (for a sync iterator, its value is).
    fn for_await_of_body_evaluation(
        &self,
        frame: &mut Frame,
        f: &ForInOfStmt,
        record: (Value, Value, bool),
    ) -> Completion<Flow> {
        let (iterator, next, is_sync) = record;
        let old_env = frame.env.clone();
        loop {
            self.tick()?;
            // 6.a–b. nextResult = ? Call(next, iterator); await it (async).
            let mut result = self.call(&next, &iterator, &[])?;
            if !is_sync {
                result = self.await_value(frame, result)?;
            }
            let Value::Object(r) = &result else {
                return Err(self.type_error("Iterator result is not an object"));
            };
            if self.get(r, &PropertyKey::from("done"))?.to_boolean() {
                return Ok(Flow::Normal);
            }
            let mut value = self.get(r, &PropertyKey::from("value"))?;
            if is_sync {
                value = self.await_value(frame, value)?;
            }
            let bound = self.bind_iteration_value(frame, &f.binding, value);
            let result = match bound {
                Ok(()) => self.eval_statement(frame, &f.body),
                Err(e) => Err(e),
            };
            frame.env = old_env.clone();
            let close = |this: &Self, frame: &mut Frame| -> Completion<()> {
                if let Some(ret) = this.get_method(&iterator, &PropertyKey::from("return"))? {
                    let r = this.call(&ret, &iterator, &[])?;
                    if !is_sync {
                        this.await_value(frame, r)?;
                    }
                }
                Ok(())
            };
            match result {
                Err(e) if e.is_halt() => return Err(e),
                Err(e) => {
                    let _ = close(self, frame);
                    return Err(e);
                }
                Ok(flow) => {
                    if !loop_continues(flow, &f.labels) {
                        close(self, frame)?;
                        return Ok(loop_exit(flow));
                    }
                }
            }
        }
    }

    /// ForIn/OfBodyEvaluation for `for-in` with EnumerateObjectProperties
    /// (https://tc39.es/ecma262/#sec-enumerate-object-properties): own
    /// string keys first, then each prototype's, skipping symbols, names
    /// already visited, properties deleted meanwhile and non-enumerable ones.
    fn for_in_body_evaluation(
        &self,
        frame: &mut Frame,
        f: &ForInOfStmt,
        obj: Obj,
    ) -> Completion<Flow> {
        let old_env = frame.env.clone();
        let mut visited: Vec<PropertyKey> = Vec::new();
        let mut current = Some(obj);
        while let Some(o) = current {
            let keys = o.own_property_keys();
            for key in keys {
                if key.is_symbol() || visited.contains(&key) {
                    continue;
                }
                visited.push(key.clone());
                // Deleted before being visited, or not enumerable: skip.
                let Some(p) = o.get_own_property(&key) else {
                    continue;
                };
                if !p.enumerable() {
                    continue;
                }
                self.tick()?;
                let bound = self.bind_iteration_value(frame, &f.binding, key.to_value());
                let result = match bound {
                    Ok(()) => self.eval_statement(frame, &f.body),
                    Err(e) => Err(e),
                };
                if binding_makes_record(&f.binding) {
                    frame.env = old_env.clone();
                }
                let flow = result?;
                if !loop_continues(flow, &f.labels) {
                    return Ok(loop_exit(flow));
                }
            }
            current = o.prototype();
        }
        Ok(Flow::Normal)
    }

    /// IteratorClose for an abrupt completion: the original completion
    /// wins over any error from `return()` (#sec-iteratorclose step 5).
    pub fn iterator_close_on_abrupt(&self, record: &IteratorRecord, e: Abrupt) -> Abrupt {
        if e.is_halt() {
            return e;
        }
        let _ = self.iterator_close(record);
        e
    }
}
