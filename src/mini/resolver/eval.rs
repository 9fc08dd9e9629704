//! Lowering eval code (PerformEval, https://tc39.es/ecma262/#sec-performeval):
//! the eval's own LexicalEnvironment holds its `let`/`const`/`class` (and,
//! in strict eval code, its vars and functions); every other name is
//! resolved at run time by name, through the caller's environments
//! (which a direct eval's caller keeps in records, see `note_direct_eval`).

use std::rc::Rc;

use super::hoisting::scan_var_scope;
use super::{Analysis, Pass, RResult, Resolver, ScopeKind};
use crate::mini::ast;
use crate::mini::environment::{BindingKind, ScopeInfo};
use crate::mini::ir::{FunctionCode, Ident, Stmt};
use crate::mini::value::JsStr;

/// Lowered eval code, ready for EvalDeclarationInstantiation.
#[derive(Debug)]
pub struct EvalCode {
    pub strict: bool,
    pub body: Vec<Stmt>,
    /// The eval's lexEnv record.
    pub lexical_scope: Rc<ScopeInfo>,
    /// VarDeclaredNames (excluding functions) — created in the caller's
    /// varEnv in sloppy code, in lexEnv in strict code.
    pub var_names: Vec<JsStr>,
    /// Functions to initialise, with the binding to initialise in strict code.
    pub functions: Vec<(JsStr, Option<Ident>, Rc<FunctionCode>)>,
    /// In strict code, the var bindings in lexEnv.
    pub strict_vars: Vec<Ident>,
    pub register_count: u32,
    /// The register holding the completion value (see completion.rs).
    pub completion_register: u32,
}

/// Lowers eval code; `caller_strict` is the strictness of a direct eval's
/// caller (false for indirect eval); `this_hops` counts the environments
/// from the caller's to the one GetThisEnvironment finds (None: global).
pub fn resolve_eval(
    script: &ast::Script,
    caller_strict: bool,
    this_hops: Option<u32>,
) -> RResult<EvalCode> {
    let strict = caller_strict || script.strict;
    let mut analysis = Analysis::default();
    let mut analyze = Resolver::new(script, Pass::Analyze, &mut analysis);
    analyze.eval_this_hops = this_hops;
    analyze.lower_eval(script, strict)?;
    let mut emit = Resolver::new(script, Pass::Emit, &mut analysis);
    emit.eval_this_hops = this_hops;
    emit.lower_eval(script, strict)
}

impl Resolver<'_> {
    fn lower_eval(mut self, script: &ast::Script, strict: bool) -> RResult<EvalCode> {
        self.push_function_state(strict);
        self.push_scope(ScopeKind::EvalBoundary);
        self.push_scope(ScopeKind::Block);
        let hoisted = scan_var_scope(&script.body, strict, &[]);
        self.annex_b.extend(hoisted.annex_b.iter().map(|(_, a)| *a));
        // EvalDeclarationInstantiation: lexical declarations in lexEnv.
        for (name, kind) in &hoisted.lexical {
            let n = self.name(name);
            self.declare_in(self.scopes.len() - 1, &n, *kind, true);
        }
        let var_names: Vec<JsStr> = hoisted.var_names.iter().map(|n| self.name(n)).collect();
        let function_names: Vec<JsStr> = hoisted
            .functions
            .iter()
            .filter_map(|f| f.name.as_ref())
            .map(|n| self.name(n))
            .collect();
        if strict {
            // Strict eval code: varEnv is lexEnv.
            for n in var_names.iter().chain(&function_names) {
                self.declare_in(self.scopes.len() - 1, n, BindingKind::Var, true);
            }
        }
        let index = self.scopes.len() - 1;
        self.scopes[index].has_env = true;
        let lexical_scope = {
            let s = &self.scopes[index];
            Rc::new(ScopeInfo {
                names: s.env_names.clone(),
                kinds: s.env_kinds.clone(),
                description: "eval".into(),
            })
        };
        let mut functions: Vec<(JsStr, Option<Ident>, Rc<FunctionCode>)> = Vec::new();
        for f in &hoisted.functions {
            let code = self.lower_function(f, false)?;
            let n = self.name(f.name.as_ref().expect("declarations are named"));
            let target = if strict { Some(self.resolve(&n)) } else { None };
            functions.retain(|(m, _, _)| *m != n);
            functions.push((n, target, code));
        }
        let strict_vars = if strict {
            var_names.iter().map(|n| self.resolve(n)).collect()
        } else {
            Vec::new()
        };
        let body = self.lower_statements(&script.body)?;
        self.pop_scope();
        self.pop_scope();
        let completion_register = self.pop_function_state();
        let (body, temps) = super::completion::record_completion_value(
            body,
            completion_register,
            completion_register + 1,
        );
        let register_count = completion_register + 1 + temps;
        let var_names = var_names
            .into_iter()
            .filter(|n| !function_names.contains(n))
            .collect();
        Ok(EvalCode {
            strict,
            body,
            lexical_scope,
            var_names,
            functions,
            strict_vars,
            register_count,
            completion_register,
        })
    }
}
