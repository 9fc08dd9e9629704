//! Function declarations and expressions, arrow functions and methods
//! (https://tc39.es/ecma262/#sec-function-definitions,
//! #sec-arrow-function-definitions, #sec-method-definitions,
//! #sec-generator-function-definitions, #sec-async-function-definitions).
//!
//! Each function gets a fresh [`Context`] (what `yield`, `await`, `return`,
//! `super` and `new.target` mean inside it) and a fresh function [`Scope`].
//! The parameter rules that depend on the body's `"use strict"` are checked
//! once the body is parsed.

use std::rc::Rc;

use super::patterns::{is_simple, parameter_names};
use super::scope::{LexicalKind, Scope};
use super::{Context, PResult, Parser};
use crate::mini::ast::{
    Expr, ExprKind, Function, FunctionBody, FunctionKind, Name, Params, Span, Stmt, StmtKind,
};
use crate::mini::token::{Keyword, Punct};

/// What a function's own name and kind need for the checks after its body.
struct Signature<'a> {
    kind: FunctionKind,
    name: Option<&'a (Name, Span)>,
    /// Duplicate parameter names are an error regardless of strictness.
    unique_params: bool,
}

impl Parser<'_> {
    /// FunctionDeclaration (and async/generator forms); `start` is the span
    /// of `function` or of `async`. Declares the name in the current scope.
    pub(super) fn parse_function_declaration(
        &mut self,
        start: Span,
        is_async: bool,
    ) -> PResult<Stmt> {
        self.expect_keyword(Keyword::Function)?;
        let is_generator = self.eat_punct(Punct::Star)?;
        if self.at_punct(Punct::LParen) {
            return Err(self.unexpected("a function name (a function declaration needs one)"));
        }
        let name = self.parse_binding_identifier()?;
        if self.at_function_scope() {
            self.declare_var(&name.0, name.1)?;
        } else {
            let plain = !is_async && !is_generator && !self.ctx.strict;
            let kind = if plain {
                LexicalKind::SloppyBlockFunction
            } else {
                LexicalKind::BlockFunction
            };
            self.declare_lexical(&name.0, kind, name.1)?;
        }
        let function = self.parse_function_rest(start, is_async, is_generator, Some(name))?;
        Ok(Stmt {
            kind: StmtKind::FunctionDecl(function),
            span: self.finish(start),
        })
    }

    /// FunctionExpression (and async/generator forms). The optional name is
    /// checked in the function's own context (`function* yield(){}` fails).
    pub(super) fn parse_function_expression(
        &mut self,
        start: Span,
        is_async: bool,
    ) -> PResult<Expr> {
        self.expect_keyword(Keyword::Function)?;
        let is_generator = self.eat_punct(Punct::Star)?;
        let name = match self.identifier_token() {
            Some((name, span)) => {
                let ctx = Context {
                    is_async,
                    is_generator,
                    strict: self.ctx.strict,
                    ..Context::default()
                };
                self.with_context(ctx, |parser| parser.check_binding_identifier(&name, span))?;
                self.advance()?;
                Some((name, span))
            }
            None => None,
        };
        let function = self.parse_function_rest(start, is_async, is_generator, name)?;
        Ok(Expr {
            kind: ExprKind::Function(function),
            span: self.finish(start),
        })
    }

    /// Parameters and body of a `function` (after its name).
    fn parse_function_rest(
        &mut self,
        start: Span,
        is_async: bool,
        is_generator: bool,
        name: Option<(Name, Span)>,
    ) -> PResult<Rc<Function>> {
        let ctx = Context {
            strict: self.ctx.strict,
            in_function: true,
            is_async,
            is_generator,
            new_target: true,
            ..Context::default()
        };
        let signature = Signature {
            kind: FunctionKind::Normal,
            name: name.as_ref(),
            unique_params: false,
        };
        let (params, body, is_strict) =
            self.with_context(ctx, |parser| parser.parse_params_and_body(&signature))?;
        Ok(Rc::new(Function {
            kind: FunctionKind::Normal,
            is_async,
            is_generator,
            name: name.map(|(name, _)| name),
            has_simple_parameter_list: is_simple(&params),
            params,
            body: FunctionBody::Statements(body),
            is_strict,
            span: self.finish(start),
        }))
    }

    /// A method, getter, setter or class constructor; the current token is
    /// the `(` after the key. `start` is where the MethodDefinition starts.
    pub(super) fn parse_method(
        &mut self,
        start: Span,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
        super_call: bool,
    ) -> PResult<Rc<Function>> {
        let ctx = Context {
            strict: self.ctx.strict,
            in_function: true,
            is_async,
            is_generator,
            new_target: true,
            super_property: true,
            super_call,
            ..Context::default()
        };
        let signature = Signature {
            kind,
            name: None,
            unique_params: true,
        };
        let (params, body, is_strict) =
            self.with_context(ctx, |parser| parser.parse_params_and_body(&signature))?;
        match kind {
            FunctionKind::Getter if !params.items.is_empty() || params.rest.is_some() => {
                return self.error(start, "a getter must have no parameters");
            }
            FunctionKind::Setter if params.items.len() != 1 || params.rest.is_some() => {
                return self.error(start, "a setter must have exactly one parameter");
            }
            _ => {}
        }
        Ok(Rc::new(Function {
            kind,
            is_async,
            is_generator,
            name: None,
            has_simple_parameter_list: is_simple(&params),
            params,
            body: FunctionBody::Statements(body),
            is_strict,
            span: self.finish(start),
        }))
    }

    /// `( FormalParameters ) { FunctionBody }` in the function's context;
    /// returns the parameters, the body, and whether the code is strict.
    fn parse_params_and_body(
        &mut self,
        signature: &Signature<'_>,
    ) -> PResult<(Params, Vec<Stmt>, bool)> {
        self.scopes.push(Scope::function());
        let result = self.parse_params_and_body_in_scope(signature);
        self.scopes.pop();
        result
    }

    fn parse_params_and_body_in_scope(
        &mut self,
        signature: &Signature<'_>,
    ) -> PResult<(Params, Vec<Stmt>, bool)> {
        self.expect_punct(Punct::LParen, "to start the parameter list")?;
        self.ctx.in_parameters = true;
        let params = self.parse_formal_parameters()?;
        self.ctx.in_parameters = false;
        self.expect_punct(Punct::RParen, "after the parameters")?;
        let names = self.declare_parameters(&params)?;
        let body = self.parse_function_body(&params)?;
        self.check_parameters_after_body(&params, &names, signature)?;
        Ok((params, body, self.ctx.strict))
    }

    /// Declares the parameter names in the function scope; returns them.
    fn declare_parameters(&mut self, params: &Params) -> PResult<Vec<(Name, Span)>> {
        let names = parameter_names(params);
        if let Some(scope) = self.scopes.last_mut() {
            for (name, _) in &names {
                scope.insert_parameter(name);
            }
        }
        Ok(names)
    }

    /// `{ FunctionBody }` with its directive prologue (sets `ctx.strict` if
    /// it says `"use strict"`).
    fn parse_function_body(&mut self, params: &Params) -> PResult<Vec<Stmt>> {
        let open = self.expect_punct(Punct::LBrace, "to start the function body")?;
        let (body, use_strict) =
            self.parse_body_with_directives(|parser| parser.at_punct(Punct::RBrace))?;
        self.advance()?;
        if use_strict && !is_simple(params) {
            return self.error(
                open.span,
                "\"use strict\" is not allowed in a function with non-simple parameters",
            );
        }
        Ok(body)
    }

    /// The parameter rules that depend on the final strictness: duplicate
    /// names, and `eval`/`arguments`/reserved words as names when the body
    /// made the function strict.
    fn check_parameters_after_body(
        &self,
        params: &Params,
        names: &[(Name, Span)],
        signature: &Signature<'_>,
    ) -> PResult<()> {
        if self.ctx.strict {
            for (name, span) in names.iter().chain(signature.name) {
                self.check_binding_identifier(name, *span)?;
            }
        }
        let unique = signature.unique_params
            || self.ctx.strict
            || !is_simple(params)
            || signature.kind == FunctionKind::Arrow;
        if unique {
            for (index, (name, span)) in names.iter().enumerate() {
                if names[..index].iter().any(|(earlier, _)| earlier == name) {
                    return self.error(*span, format!("duplicate parameter name `{name}`"));
                }
            }
        }
        Ok(())
    }

    /// The `=>` and body of an arrow function whose parameters are parsed.
    pub(super) fn parse_arrow_rest(
        &mut self,
        start: Span,
        params: Params,
        is_async: bool,
    ) -> PResult<Expr> {
        self.expect_punct(Punct::Arrow, "")?;
        let ctx = Context {
            strict: self.ctx.strict,
            in_function: true,
            is_async,
            is_generator: false,
            new_target: self.ctx.new_target,
            super_property: self.ctx.super_property,
            super_call: self.ctx.super_call,
            in_class_field: self.ctx.in_class_field,
            in_static_block: self.ctx.in_static_block && !is_async,
            ..Context::default()
        };
        let outer_no_in = self.no_in;
        let (body, is_strict) = self.with_context(ctx, |parser| {
            parser.scopes.push(Scope::function());
            let result = parser.parse_arrow_body(&params, outer_no_in);
            parser.scopes.pop();
            result
        })?;
        let function = Function {
            kind: FunctionKind::Arrow,
            is_async,
            is_generator: false,
            name: None,
            has_simple_parameter_list: is_simple(&params),
            params,
            body,
            is_strict,
            span: self.finish(start),
        };
        Ok(Expr {
            kind: ExprKind::Function(Rc::new(function)),
            span: self.finish(start),
        })
    }

    fn parse_arrow_body(
        &mut self,
        params: &Params,
        outer_no_in: bool,
    ) -> PResult<(FunctionBody, bool)> {
        let names = self.declare_parameters(params)?;
        let body = if self.at_punct(Punct::LBrace) {
            FunctionBody::Statements(self.parse_function_body(params)?)
        } else {
            self.no_in = outer_no_in;
            FunctionBody::Expression(Box::new(self.parse_assignment()?))
        };
        let signature = Signature {
            kind: FunctionKind::Arrow,
            name: None,
            unique_params: true,
        };
        self.check_parameters_after_body(params, &names, &signature)?;
        Ok((body, self.ctx.strict))
    }
}
