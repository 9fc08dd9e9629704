//! Statement evaluation — https://tc39.es/ecma262/#sec-ecmascript-language-statements-and-declarations
//!
//! Blocks (#sec-block-runtime-semantics-evaluation), variable and lexical
//! declarations, `if`, `return`, `throw`, `try` (with
//! CatchClauseEvaluation, #sec-runtime-semantics-catchclauseevaluation),
//! `switch` (CaseBlockEvaluation, #sec-runtime-semantics-caseblockevaluation),
//! labelled statements (LabelledEvaluation, #sec-runtime-semantics-labelledevaluation),
//! `break`/`continue`. Loops are in `loops.rs`.

use super::{Abrupt, Completion, Flow, Frame, Interpreter};
use crate::mini::ir::{Block, Catch, Stmt};
use crate::mini::value::{Value, is_strictly_equal};

impl Interpreter {
    /// Evaluation of a StatementList: stop at the first abrupt completion.
    pub fn eval_statements(&self, frame: &mut Frame, stmts: &[Stmt]) -> Completion<Flow> {
        for s in stmts {
            let flow = self.eval_statement(frame, s)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    /// Evaluates one statement (NON-SPEC: expression statements, `return`
    /// and blocks that need no scope inline, the rest through the general
    /// dispatch).
    #[inline(always)]
    pub fn eval_statement(&self, frame: &mut Frame, stmt: &Stmt) -> Completion<Flow> {
        match stmt {
            Stmt::Expr(e) => {
                self.eval_expr(frame, e)?;
                Ok(Flow::Normal)
            }
            // (Not in suspendable bodies: an async generator awaits its return value.)
            Stmt::Return(Some(e)) if frame.yielder.is_none() => {
                frame.return_value = self.eval_expr(frame, e)?;
                Ok(Flow::Return)
            }
            Stmt::Block(b) if b.scope.is_empty() => self.eval_statements(frame, &b.body),
            _ => self.eval_statement_general(frame, stmt),
        }
    }

    fn eval_statement_general(&self, frame: &mut Frame, stmt: &Stmt) -> Completion<Flow> {
        match stmt {
            Stmt::Expr(e) => {
                self.eval_expr(frame, e)?;
                Ok(Flow::Normal)
            }
            // VariableDeclaration : BindingIdentifier Initializer — PutValue.
            Stmt::VarAssign { target, value } => {
                let v = self.eval_named(
                    frame,
                    value,
                    crate::mini::declaration_instantiation::pattern_name(target),
                )?;
                self.bind_pattern(frame, target, v, false)?;
                Ok(Flow::Normal)
            }
            // LexicalBinding — InitializeReferencedBinding (undefined when
            // there is no initializer: `let x;`).
            Stmt::LexicalInit { target, value } => {
                let v = match value {
                    Some(e) => self.eval_named(
                        frame,
                        e,
                        crate::mini::declaration_instantiation::pattern_name(target),
                    )?,
                    None => Value::Undefined,
                };
                self.bind_pattern(frame, target, v, true)?;
                Ok(Flow::Normal)
            }
            // ClassDeclaration : BindingClassDeclarationEvaluation.
            Stmt::ClassDecl { code, binding } => {
                let c = self.class_definition_evaluation(frame, code, Some(&binding.name))?;
                self.initialize_identifier(frame, binding, Value::Object(c))?;
                Ok(Flow::Normal)
            }
            // B.3.2.1 step: when the FunctionDeclaration is evaluated, copy the
            // block binding's value to the var binding.
            Stmt::AnnexBCopy { from, to } => {
                let v = self.get_identifier_value(frame, from)?;
                self.put_identifier_value(frame, to, v)?;
                Ok(Flow::Normal)
            }
            Stmt::Block(b) => self.eval_block(frame, b),
            Stmt::If {
                test,
                consequent,
                alternate,
            } => {
                if self.eval_condition(frame, test)? {
                    self.eval_statement(frame, consequent)
                } else if let Some(a) = alternate {
                    self.eval_statement(frame, a)
                } else {
                    Ok(Flow::Normal)
                }
            }
            Stmt::For(f) => self.for_loop_evaluation(frame, f),
            Stmt::ForInOf(f) => self.for_in_of_loop_evaluation(frame, f),
            Stmt::While { labels, test, body } => {
                self.while_loop_evaluation(frame, labels, test, body)
            }
            Stmt::DoWhile { labels, body, test } => {
                self.do_while_loop_evaluation(frame, labels, body, test)
            }
            Stmt::Continue(label) => Ok(Flow::Continue(*label)),
            Stmt::Break(label) => Ok(Flow::Break(*label)),
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval_expr(frame, e)?,
                    None => Value::Undefined,
                };
                // In an async generator `return x` awaits x; plain
                // generators and functions return it as is. (NON-SPEC fast
                // path: only suspendable bodies have a yielder, so ordinary
                // functions skip the function-object look-up.)
                frame.return_value =
                    if e.is_some() && frame.yielder.is_some() && self.in_async_generator(frame) {
                        self.await_value(frame, v)?
                    } else {
                        v
                    };
                Ok(Flow::Return)
            }
            Stmt::Throw(e) => {
                let v = self.eval_expr(frame, e)?;
                Err(Abrupt::throw(v))
            }
            Stmt::Try {
                block,
                handler,
                finalizer,
            } => self.eval_try(frame, block, handler.as_deref(), finalizer.as_ref()),
            Stmt::Switch {
                discriminant,
                scope,
                cases,
            } => {
                // 1.–2. Evaluate the discriminant in the outer environment.
                let value = self.eval_expr(frame, discriminant)?;
                // 3.–5. One new scope for all clauses.
                let saved = frame.env.clone();
                self.block_declaration_instantiation(frame, scope)?;
                let result = self.case_block_evaluation(frame, &value, cases);
                frame.env = saved;
                // A `break` with no label ends the switch.
                match result? {
                    Flow::Break(None) => Ok(Flow::Normal),
                    other => Ok(other),
                }
            }
            Stmt::Labeled { label, body } => {
                // LabelledEvaluation: a `break label` ends here normally.
                match self.eval_statement(frame, body)? {
                    Flow::Break(Some(l)) if l == *label => Ok(Flow::Normal),
                    other => Ok(other),
                }
            }
            Stmt::With { object, body } => self.eval_with(frame, object, body),
            Stmt::Empty => Ok(Flow::Normal),
        }
    }

    /// Block : { StatementList } — https://tc39.es/ecma262/#sec-block-runtime-semantics-evaluation
    pub fn eval_block(&self, frame: &mut Frame, block: &Block) -> Completion<Flow> {
        if block.scope.is_empty() {
            return self.eval_statements(frame, &block.body);
        }
        // 1.–4. oldEnv; blockEnv = NewDeclarativeEnvironment(oldEnv);
        // BlockDeclarationInstantiation; running context's env = blockEnv.
        let old_env = frame.env.clone();
        let result = match self.block_declaration_instantiation(frame, &block.scope) {
            Ok(()) => self.eval_statements(frame, &block.body),
            Err(e) => Err(e),
        };
        // 6. Set the running execution context's LexicalEnvironment to oldEnv.
        frame.env = old_env;
        result
    }

    /// TryStatement evaluation — https://tc39.es/ecma262/#sec-try-statement-runtime-semantics-evaluation
    fn eval_try(
        &self,
        frame: &mut Frame,
        block: &Block,
        handler: Option<&Catch>,
        finalizer: Option<&Block>,
    ) -> Completion<Flow> {
        // 1. Let B be Completion(Evaluation of Block).
        let mut result = self.eval_block(frame, block);
        // 2. If B is a throw completion, let C be CatchClauseEvaluation.
        if let (Some(thrown), Some(catch)) =
            (result.as_ref().err().and_then(Abrupt::thrown), handler)
        {
            let thrown = thrown.clone();
            result = self.catch_clause_evaluation(frame, catch, thrown);
        }
        if result.as_ref().is_err_and(Abrupt::is_halt) {
            return result;
        }
        // 3. Let F be Completion(Evaluation of Finally); if F is normal, the
        // result stands, else F replaces it. (A return completion's value
        // is kept aside: a `return` overridden inside the finally block
        // writes the frame's slot too.)
        if let Some(f) = finalizer {
            let pending_return = match result {
                Ok(Flow::Return) => Some(std::mem::take(&mut frame.return_value)),
                _ => None,
            };
            match self.eval_block(frame, f)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
            if let Some(v) = pending_return {
                frame.return_value = v;
            }
        }
        result
    }

    /// CatchClauseEvaluation ( thrownValue ) — https://tc39.es/ecma262/#sec-runtime-semantics-catchclauseevaluation
    fn catch_clause_evaluation(
        &self,
        frame: &mut Frame,
        catch: &Catch,
        thrown: Value,
    ) -> Completion<Flow> {
        // 1.–4. oldEnv; catchEnv = NewDeclarativeEnvironment(oldEnv) with the
        // parameter's BoundNames.
        let old_env = frame.env.clone();
        let result = (|| {
            self.block_declaration_instantiation(frame, &catch.scope)?;
            // 5.–6. BindingInitialization of the parameter with thrownValue.
            if let Some(p) = &catch.param {
                self.bind_pattern(frame, p, thrown, true)?;
            }
            // 7. Evaluate the Block.
            self.eval_block(frame, &catch.body)
        })();
        // 8. Restore oldEnv.
        frame.env = old_env;
        result
    }

    /// CaseBlockEvaluation ( input ) — https://tc39.es/ecma262/#sec-runtime-semantics-caseblockevaluation
    fn case_block_evaluation(
        &self,
        frame: &mut Frame,
        input: &Value,
        cases: &[(Option<crate::mini::ir::Expr>, Vec<Stmt>)],
    ) -> Completion<Flow> {
        // Find the first clause whose test matches (clauses before and after
        // `default` are tried in source order, `default` last).
        let mut start = None;
        for (i, (test, _)) in cases.iter().enumerate() {
            if let Some(t) = test {
                let v = self.eval_expr(frame, t)?;
                if is_strictly_equal(input, &v) {
                    start = Some(i);
                    break;
                }
            }
        }
        let start = match start.or_else(|| cases.iter().position(|(t, _)| t.is_none())) {
            Some(s) => s,
            None => return Ok(Flow::Normal),
        };
        // Run from there, falling through.
        for (_, body) in &cases[start..] {
            let flow = self.eval_statements(frame, body)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }
}
