//! Lowering statements: blocks and their scopes (BlockDeclarationInstantiation's
//! inputs), declarations, loops with their head and per-iteration scopes,
//! try/catch, switch, labels.

use std::rc::Rc;

use super::hoisting::{bound_names, function_addr, lexical_declarations};
use super::{RResult, Resolver, ScopeKind};
use crate::mini::ast::{self, ForHead, ForInit, Stmt as AStmt, StmtKind, VarKind};
use crate::mini::environment::BindingKind;
use crate::mini::ir::{
    self, Block, BlockScope, Catch, ForBinding, ForInOfStmt, ForStmt, LabelId, Stmt,
};
use crate::mini::value::JsStr;

impl Resolver<'_> {
    /// Lowers a statement list in the current scope (declarations already made).
    pub(super) fn lower_statements(&mut self, stmts: &[AStmt]) -> RResult<Vec<Stmt>> {
        let mut out = Vec::with_capacity(stmts.len());
        for s in stmts {
            self.lower_statement_into(s, &mut out, Vec::new())?;
        }
        Ok(out)
    }

    /// Lowers one statement where a single statement is expected.
    pub(super) fn lower_statement(&mut self, s: &AStmt) -> RResult<Stmt> {
        let mut out = Vec::new();
        self.lower_statement_into(s, &mut out, Vec::new())?;
        Ok(match out.len() {
            0 => Stmt::Empty,
            1 => out.pop().unwrap_or(Stmt::Empty),
            _ => Stmt::Block(Box::new(Block {
                scope: BlockScope::default(),
                body: out,
            })),
        })
    }

    /// Declares a block's lexical names in the innermost scope and returns
    /// the scope's run-time shape (functions lowered and listed for
    /// instantiation on entry).
    fn declare_block(&mut self, stmts: &[AStmt], description: &str) -> RResult<BlockScope> {
        for (name, kind) in lexical_declarations(stmts) {
            let n = self.name(&name);
            self.declare(&n, kind);
        }
        let env = self.finish_scope(description, false);
        let tdz_registers = self.tdz_registers();
        let mut functions = Vec::new();
        for f in block_functions(stmts) {
            let n = self.name(f.name.as_ref().expect("declarations are named"));
            let code = self.lower_function(&f, false)?;
            let id = self.resolve(&n);
            functions.push((id, code));
        }
        Ok(BlockScope {
            env,
            tdz_registers,
            functions,
        })
    }

    /// Block : { StatementList }
    pub(super) fn lower_block(&mut self, stmts: &[AStmt], description: &str) -> RResult<Block> {
        self.push_scope(ScopeKind::Block);
        let scope = self.declare_block(stmts, description)?;
        let body = self.lower_statements(stmts)?;
        self.pop_scope();
        Ok(Block { scope, body })
    }

    fn lower_statement_into(
        &mut self,
        s: &AStmt,
        out: &mut Vec<Stmt>,
        labels: Vec<LabelId>,
    ) -> RResult<()> {
        let stmt = match &s.kind {
            StmtKind::Expression(e) => Stmt::Expr(self.lower_expr(e)?),
            StmtKind::VarDecl(d) => {
                for decl in &d.declarators {
                    let target = self.lower_pattern(&decl.target)?;
                    match (d.kind, &decl.init) {
                        (VarKind::Var, None) => {}
                        (VarKind::Var, Some(init)) => {
                            let value = self.lower_expr(init)?;
                            out.push(Stmt::VarAssign { target, value });
                        }
                        (_, init) => {
                            let value = init.as_ref().map(|e| self.lower_expr(e)).transpose()?;
                            out.push(Stmt::LexicalInit { target, value });
                        }
                    }
                }
                return Ok(());
            }
            StmtKind::FunctionDecl(f) => {
                // Hoisted: instantiated on scope entry. Annex B.3.2: evaluating
                // the declaration copies the block binding to the var binding.
                if self.annex_b.contains(&function_addr(f)) {
                    let n = self.name(f.name.as_ref().expect("declarations are named"));
                    let from = self.resolve(&n);
                    let var_index = self.var_scope_index();
                    let to = self.address_in_scope(var_index, &n).unwrap_or_else(|| {
                        ir::Ident::new(n.clone(), ir::Address::Global(n.clone()), BindingKind::Var)
                    });
                    Stmt::AnnexBCopy { from, to }
                } else {
                    return Ok(());
                }
            }
            StmtKind::ClassDecl(c) => {
                let n = self.name(c.name.as_ref().expect("declarations are named"));
                let code = self.lower_class(c, Some(&n))?;
                let binding = self.resolve(&n);
                Stmt::ClassDecl { code, binding }
            }
            StmtKind::Block(stmts) => {
                let mut block = self.lower_block(stmts, &describe("block", s.span))?;
                // NON-SPEC: a block that needs no scope and holds one
                // statement is that statement (nothing to enter or leave).
                if block.scope.is_empty()
                    && block.body.len() == 1
                    && let Some(only) = block.body.pop()
                {
                    only
                } else {
                    Stmt::Block(Box::new(block))
                }
            }
            StmtKind::Empty | StmtKind::Debugger => return Ok(()),
            StmtKind::If {
                test,
                consequent,
                alternate,
            } => Stmt::If {
                test: self.lower_expr(test)?,
                consequent: Box::new(self.lower_statement(consequent)?),
                alternate: alternate
                    .as_ref()
                    .map(|a| self.lower_statement(a).map(Box::new))
                    .transpose()?,
            },
            StmtKind::For {
                init,
                test,
                update,
                body,
            } => self.lower_for(
                init.as_ref(),
                test.as_ref(),
                update.as_ref(),
                body,
                labels,
                s.span,
            )?,
            StmtKind::ForIn { head, object, body } => {
                self.lower_for_in_of(false, false, head, object, body, labels, s.span)?
            }
            StmtKind::ForOf {
                head,
                iterable,
                body,
                is_await,
            } => self.lower_for_in_of(true, *is_await, head, iterable, body, labels, s.span)?,
            StmtKind::While { test, body } => Stmt::While {
                labels,
                test: self.lower_expr(test)?,
                body: Box::new(self.lower_statement(body)?),
            },
            StmtKind::DoWhile { body, test } => Stmt::DoWhile {
                labels,
                body: Box::new(self.lower_statement(body)?),
                test: self.lower_expr(test)?,
            },
            StmtKind::Continue(l) => Stmt::Continue(l.as_ref().map(|n| self.label_id(n))),
            StmtKind::Break(l) => Stmt::Break(l.as_ref().map(|n| self.label_id(n))),
            StmtKind::Return(e) => {
                Stmt::Return(e.as_ref().map(|e| self.lower_expr(e)).transpose()?)
            }
            StmtKind::Throw(e) => Stmt::Throw(self.lower_expr(e)?),
            StmtKind::With { object, body } => {
                let object = self.lower_expr(object)?;
                self.push_scope(ScopeKind::With);
                let body = self.lower_statement(body)?;
                self.pop_scope();
                Stmt::With {
                    object,
                    body: Box::new(body),
                }
            }
            StmtKind::Switch {
                discriminant,
                cases,
            } => {
                let discriminant = self.lower_expr(discriminant)?;
                self.push_scope(ScopeKind::Block);
                let all: Vec<AStmt> = cases.iter().flat_map(|c| c.body.iter().cloned()).collect();
                let scope = self.declare_block(&all, &describe("switch", s.span))?;
                let mut lowered = Vec::with_capacity(cases.len());
                for c in cases {
                    let test = c.test.as_ref().map(|t| self.lower_expr(t)).transpose()?;
                    lowered.push((test, self.lower_statements(&c.body)?));
                }
                self.pop_scope();
                Stmt::Switch {
                    discriminant,
                    scope,
                    cases: lowered,
                }
            }
            StmtKind::Labeled { label, body } => {
                let l = self.label_id(label);
                let mut inner_labels = labels;
                inner_labels.push(l);
                let mut inner = Vec::new();
                if is_loop(body) || matches!(body.kind, StmtKind::Labeled { .. }) {
                    self.lower_statement_into(body, &mut inner, inner_labels)?;
                } else {
                    self.lower_statement_into(body, &mut inner, Vec::new())?;
                }
                let body = match inner.len() {
                    0 => Stmt::Empty,
                    1 => inner.pop().unwrap_or(Stmt::Empty),
                    _ => Stmt::Block(Box::new(Block {
                        scope: BlockScope::default(),
                        body: inner,
                    })),
                };
                Stmt::Labeled {
                    label: l,
                    body: Box::new(body),
                }
            }
            StmtKind::Try {
                block,
                handler,
                finalizer,
            } => {
                let block = self.lower_block(block, &describe("try", s.span))?;
                let handler = match handler {
                    Some(h) => Some(Box::new(self.lower_catch(h)?)),
                    None => None,
                };
                let finalizer = finalizer
                    .as_ref()
                    .map(|f| self.lower_block(f, &describe("finally", s.span)))
                    .transpose()?;
                Stmt::Try {
                    block,
                    handler,
                    finalizer,
                }
            }
        };
        out.push(stmt);
        Ok(())
    }

    /// CatchClauseEvaluation's scope: the parameter's bound names, then the block.
    fn lower_catch(&mut self, h: &ast::CatchClause) -> RResult<Catch> {
        self.push_scope(ScopeKind::Catch);
        if let Some(p) = &h.param {
            let mut names = Vec::new();
            bound_names(p, &mut names);
            for n in names {
                let n = self.name(&n);
                self.declare(&n, BindingKind::CatchParameter);
            }
        }
        let env = self.finish_scope(&describe("catch", h.span), false);
        let scope = BlockScope {
            env,
            tdz_registers: Vec::new(),
            functions: Vec::new(),
        };
        let param = h
            .param
            .as_ref()
            .map(|p| self.lower_pattern(p))
            .transpose()?;
        let body = self.lower_block(&h.body, &describe("catch block", h.span))?;
        self.pop_scope();
        Ok(Catch { scope, param, body })
    }

    /// ForStatement: the head's lexical scope (ForLoopEvaluation step 2) and
    /// whether its `let` bindings are copied per iteration.
    fn lower_for(
        &mut self,
        init: Option<&ForInit>,
        test: Option<&ast::Expr>,
        update: Option<&ast::Expr>,
        body: &AStmt,
        labels: Vec<LabelId>,
        span: ast::Span,
    ) -> RResult<Stmt> {
        self.push_scope(ScopeKind::Block);
        let mut is_let = false;
        if let Some(ForInit::VarDecl(d)) = init
            && d.kind != VarKind::Var
        {
            is_let = d.kind == VarKind::Let;
            let kind = if is_let {
                BindingKind::Let
            } else {
                BindingKind::Const
            };
            for decl in &d.declarators {
                let mut names = Vec::new();
                bound_names(&decl.target, &mut names);
                for n in names {
                    let n = self.name(&n);
                    self.declare(&n, kind);
                }
            }
        }
        let env = self.finish_scope(&describe("for head", span), false);
        let scope = BlockScope {
            env,
            tdz_registers: self.tdz_registers(),
            functions: Vec::new(),
        };
        let init = match init {
            None => None,
            Some(ForInit::Expression(e)) => Some(Box::new(Stmt::Expr(self.lower_expr(e)?))),
            Some(ForInit::VarDecl(d)) => {
                let decl_stmt = AStmt {
                    kind: StmtKind::VarDecl(d.clone()),
                    span,
                };
                let mut out = Vec::new();
                self.lower_statement_into(&decl_stmt, &mut out, Vec::new())?;
                Some(Box::new(Stmt::Block(Box::new(Block {
                    scope: BlockScope::default(),
                    body: out,
                }))))
            }
        };
        let test = test.map(|t| self.lower_expr(t)).transpose()?;
        let update = update.map(|u| self.lower_expr(u)).transpose()?;
        let body = Box::new(self.lower_statement(body)?);
        self.pop_scope();
        let per_iteration = is_let && scope.env.is_some();
        Ok(Stmt::For(Box::new(ForStmt {
            labels,
            scope,
            per_iteration,
            init,
            test,
            update,
            body,
        })))
    }

    /// ForIn/OfStatement: the TDZ scope for the head expression and the
    /// per-iteration binding scope of a `let`/`const` head.
    #[allow(clippy::too_many_arguments)]
    fn lower_for_in_of(
        &mut self,
        is_of: bool,
        is_await: bool,
        head: &ForHead,
        expr: &ast::Expr,
        body: &AStmt,
        labels: Vec<LabelId>,
        span: ast::Span,
    ) -> RResult<Stmt> {
        let lexical = match head {
            ForHead::Declaration { kind, target } if *kind != VarKind::Var => Some((*kind, target)),
            _ => None,
        };
        let Some((kind, target)) = lexical else {
            // var or assignment target: PutValue each iteration.
            let expr = self.lower_expr(expr)?;
            let pattern = match head {
                ForHead::Declaration { target, .. } | ForHead::Target(target) => {
                    self.lower_pattern(target)?
                }
            };
            let body = Box::new(self.lower_statement(body)?);
            return Ok(Stmt::ForInOf(Box::new(ForInOfStmt {
                labels,
                is_of,
                is_await,
                head_scope: None,
                expr,
                binding: ForBinding::Assign(pattern),
                body,
            })));
        };
        let binding_kind = if kind == VarKind::Let {
            BindingKind::Let
        } else {
            BindingKind::Const
        };
        let mut names = Vec::new();
        bound_names(target, &mut names);
        let names: Vec<JsStr> = names.iter().map(|n| self.name(n)).collect();
        // ForIn/OfHeadEvaluation 2.: TDZ = NewDeclarativeEnvironment with the names.
        self.push_scope(ScopeKind::Block);
        for n in &names {
            self.declare(n, binding_kind);
        }
        let env = self.finish_scope(&describe("for head (TDZ)", span), false);
        let head_scope = BlockScope {
            env,
            tdz_registers: self.tdz_registers(),
            functions: Vec::new(),
        };
        let expr = self.lower_expr(expr)?;
        self.pop_scope();
        // ForIn/OfBodyEvaluation 6.g.: iterationEnv per iteration.
        self.push_scope(ScopeKind::Block);
        for n in &names {
            self.declare(n, binding_kind);
        }
        let env = self.finish_scope(&describe("for iteration", span), false);
        let scope = BlockScope {
            env,
            tdz_registers: self.tdz_registers(),
            functions: Vec::new(),
        };
        let pattern = self.lower_pattern(target)?;
        let body = Box::new(self.lower_statement(body)?);
        self.pop_scope();
        Ok(Stmt::ForInOf(Box::new(ForInOfStmt {
            labels,
            is_of,
            is_await,
            head_scope: Some(head_scope),
            expr,
            binding: ForBinding::Lexical {
                scope,
                pattern,
                is_const: kind == VarKind::Const,
            },
            body,
        })))
    }
}

/// The function declarations directly in a statement list (also labelled).
fn block_functions(stmts: &[AStmt]) -> Vec<Rc<ast::Function>> {
    let mut out = Vec::new();
    for s in stmts {
        let mut s = s;
        while let StmtKind::Labeled { body, .. } = &s.kind {
            s = body;
        }
        if let StmtKind::FunctionDecl(f) = &s.kind {
            out.push(f.clone());
        }
    }
    out
}

fn is_loop(s: &AStmt) -> bool {
    matches!(
        s.kind,
        StmtKind::For { .. }
            | StmtKind::ForIn { .. }
            | StmtKind::ForOf { .. }
            | StmtKind::While { .. }
            | StmtKind::DoWhile { .. }
    )
}

/// "block at 3:5" — a scope's description for debugging.
pub(super) fn describe(what: &str, span: ast::Span) -> String {
    format!("{what} at {}:{}", span.line, span.column)
}
