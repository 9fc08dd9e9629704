//! Declared-name tracking for the redeclaration early errors
//! (https://tc39.es/ecma262/#sec-block-static-semantics-early-errors,
//! #sec-function-definitions-static-semantics-early-errors,
//! #sec-scripts-static-semantics-early-errors, Annex B.3.2.4 and B.3.4).
//!
//! One [`Scope`] per block, catch clause, `for` head, switch case block and
//! function (or script). Lexical names must be unique in their scope and
//! must not also be var-declared there; a `var` conflicts with a lexical
//! name in every scope it passes through on its way to the function scope.

use std::collections::{HashMap, HashSet};

use super::{PResult, Parser};
use crate::mini::ast::{Name, Span};

/// What introduced a lexically scoped name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LexicalKind {
    /// `let`, `const`, `class`.
    Declaration,
    /// A plain `function` declaration in a block in sloppy mode (Annex B
    /// allows these to repeat).
    SloppyBlockFunction,
    /// Any other function declaration in a block.
    BlockFunction,
    /// A formal parameter (a `var` of the same name is allowed).
    Parameter,
    /// A catch parameter that is a plain identifier (a `var` of the same
    /// name is allowed, Annex B.3.4).
    SimpleCatchParameter,
    /// A catch parameter bound by a pattern.
    PatternCatchParameter,
}

/// The names declared in one scope.
#[derive(Debug, Default)]
pub(super) struct Scope {
    /// True for function (and script) scopes: `var` stops here.
    is_function: bool,
    lexical: HashMap<Name, LexicalKind>,
    vars: HashSet<Name>,
}

impl Scope {
    pub(super) fn function() -> Self {
        Scope {
            is_function: true,
            ..Scope::default()
        }
    }

    pub(super) fn block() -> Self {
        Scope::default()
    }

    /// Records a parameter name (repeats are checked after the body).
    pub(super) fn insert_parameter(&mut self, name: &Name) {
        self.lexical
            .entry(name.clone())
            .or_insert(LexicalKind::Parameter);
    }
}

impl Parser<'_> {
    /// Declares a lexically scoped name in the innermost scope.
    pub(super) fn declare_lexical(
        &mut self,
        name: &Name,
        kind: LexicalKind,
        span: Span,
    ) -> PResult<()> {
        let Some(scope) = self.scopes.last_mut() else {
            return Ok(());
        };
        if let Some(&existing) = scope.lexical.get(name) {
            let annex_b = existing == LexicalKind::SloppyBlockFunction
                && kind == LexicalKind::SloppyBlockFunction;
            if !annex_b {
                return self.error(span, format!("redeclaration of `{name}`"));
            }
        }
        if scope.vars.contains(name) {
            return self.error(
                span,
                format!("redeclaration of `{name}` (already declared with `var`)"),
            );
        }
        scope.lexical.insert(name.clone(), kind);
        Ok(())
    }

    /// Declares a var-scoped name (a `var` binding, or a function
    /// declaration at the top level of a function or script).
    pub(super) fn declare_var(&mut self, name: &Name, span: Span) -> PResult<()> {
        for scope in self.scopes.iter_mut().rev() {
            match scope.lexical.get(name) {
                None | Some(LexicalKind::Parameter | LexicalKind::SimpleCatchParameter) => {}
                Some(_) => {
                    let message = format!(
                        "redeclaration of `{name}` (already declared in an enclosing block)"
                    );
                    return Err(super::ParseError::at(span, message));
                }
            }
            scope.vars.insert(name.clone());
            if scope.is_function {
                break;
            }
        }
        Ok(())
    }

    /// True when the innermost scope is a function or script scope.
    pub(super) fn at_function_scope(&self) -> bool {
        self.scopes.last().is_some_and(|scope| scope.is_function)
    }

    /// Runs `f` inside a new block scope.
    pub(super) fn in_block_scope<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        self.scopes.push(Scope::block());
        let result = f(self);
        self.scopes.pop();
        result
    }
}
