//! Class declarations and expressions
//! (https://tc39.es/ecma262/#sec-class-definitions).
//!
//! All class code is strict. The explicit `constructor` is kept apart from
//! the other elements; field initializers and static blocks become
//! method-like [`Function`]s. Private names (`#x`) must be declared by an
//! enclosing class; references are resolved when the outermost class ends.

use std::collections::HashMap;
use std::rc::Rc;

use super::scope::{LexicalKind, Scope};
use super::{Context, PResult, Parser};
use crate::mini::ast::{
    Class, ClassElement, Expr, ExprKind, Function, FunctionBody, FunctionKind, Name, Params,
    PropertyKey, Span, Stmt, StmtKind,
};
use crate::mini::token::{Keyword, Punct, TokenKind};

/// How a private name is declared (a getter and a setter may share one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrivateKind {
    Field,
    Method,
    Getter,
    Setter,
    Accessors,
}

/// The private names of one class body.
#[derive(Debug, Default)]
pub(super) struct PrivateScope {
    declared: HashMap<Name, (PrivateKind, bool)>,
    unresolved: Vec<(Name, Span)>,
}

impl PrivateScope {
    /// The private names an eval's enclosing classes declare (they are
    /// all usable from eval code, whatever their kind).
    pub(super) fn declaring(names: &[Name]) -> PrivateScope {
        let declared = names
            .iter()
            .map(|n| (n.clone(), (PrivateKind::Field, false)))
            .collect();
        PrivateScope {
            declared,
            unresolved: Vec::new(),
        }
    }

    /// A reference to a name this scope does not declare.
    pub(super) fn first_undeclared(&self) -> Option<(Name, Span)> {
        self.unresolved
            .iter()
            .find(|(n, _)| !self.declared.contains_key(n))
            .cloned()
    }
}

impl Parser<'_> {
    /// ClassDeclaration: declares its name in the current scope.
    pub(super) fn parse_class_declaration(&mut self) -> PResult<Stmt> {
        let start = self.advance()?.span;
        let Some((name, span)) = self.identifier_token() else {
            return Err(self.unexpected("a class name"));
        };
        let saved_strict = std::mem::replace(&mut self.ctx.strict, true);
        let checked = self.check_binding_identifier(&name, span);
        self.ctx.strict = saved_strict;
        checked?;
        self.advance()?;
        self.declare_lexical(&name, LexicalKind::Declaration, span)?;
        let class = self.parse_class_rest(start, Some(name))?;
        Ok(Stmt {
            kind: StmtKind::ClassDecl(class),
            span: self.finish(start),
        })
    }

    /// ClassExpression.
    pub(super) fn parse_class_expression(&mut self) -> PResult<Expr> {
        let start = self.advance()?.span;
        let name = match self.identifier_token() {
            Some((name, span)) => {
                let saved_strict = std::mem::replace(&mut self.ctx.strict, true);
                let checked = self.check_binding_identifier(&name, span);
                self.ctx.strict = saved_strict;
                checked?;
                self.advance()?;
                Some(name)
            }
            None => None,
        };
        let class = self.parse_class_rest(start, name)?;
        Ok(Expr {
            kind: ExprKind::Class(class),
            span: self.finish(start),
        })
    }

    /// `extends …` and the class body, in strict mode.
    fn parse_class_rest(&mut self, start: Span, name: Option<Name>) -> PResult<Rc<Class>> {
        let saved_strict = std::mem::replace(&mut self.ctx.strict, true);
        let result = self.parse_class_heritage_and_body(start, name);
        self.ctx.strict = saved_strict;
        result
    }

    fn parse_class_heritage_and_body(
        &mut self,
        start: Span,
        name: Option<Name>,
    ) -> PResult<Rc<Class>> {
        let heritage = if self.at_keyword(Keyword::Extends) {
            self.advance()?;
            let expr = self.parse_lhs()?;
            if self.is_bare_arrow(&expr) {
                return self.error(
                    expr.span,
                    "an arrow function cannot be a class heritage without parentheses",
                );
            }
            Some(Box::new(expr))
        } else {
            None
        };
        self.expect_punct(Punct::LBrace, "to start the class body")?;
        self.classes.push(PrivateScope::default());
        let mut constructor = None;
        let mut elements = Vec::new();
        let body = self.parse_class_elements(heritage.is_some(), &mut constructor, &mut elements);
        let private_scope = self.classes.pop().expect("pushed above");
        body?;
        self.resolve_private_names(private_scope)?;
        Ok(Rc::new(Class {
            name,
            heritage,
            constructor,
            elements,
            span: self.finish(start),
        }))
    }

    fn parse_class_elements(
        &mut self,
        derived: bool,
        constructor: &mut Option<Rc<Function>>,
        elements: &mut Vec<ClassElement>,
    ) -> PResult<()> {
        while !self.eat_punct(Punct::RBrace)? {
            if self.at_eof() {
                return Err(self.unexpected("`}` to close the class body"));
            }
            if self.eat_punct(Punct::Semicolon)? {
                continue;
            }
            let element_start = self.token.span;
            let mut is_static = false;
            if self.at_word("static") {
                let next = &self.peek()?.kind;
                let is_name = matches!(
                    next,
                    TokenKind::Punct(Punct::LParen | Punct::Eq | Punct::Semicolon | Punct::RBrace)
                );
                if !is_name {
                    self.advance()?;
                    is_static = true;
                    if self.at_punct(Punct::LBrace) {
                        elements.push(ClassElement::StaticBlock(
                            self.parse_static_block(element_start)?,
                        ));
                        continue;
                    }
                }
            }
            let method_start = self.token.span;
            let prefix = self.parse_method_prefix()?;
            let key_span = self.token.span;
            let computed = self.at_punct(Punct::LBracket);
            let key = self.parse_property_key(true)?;
            let named = |text: &str| {
                !computed && matches!(&key, PropertyKey::Named(name) if &**name == text)
            };
            if self.at_punct(Punct::LParen) || !prefix.is_plain() {
                let kind = prefix.accessor.unwrap_or(FunctionKind::Method);
                if let PropertyKey::Private(name) = &key {
                    self.declare_private_name(name, kind, is_static, key_span)?;
                }
                if !is_static && named("constructor") {
                    if !prefix.is_plain() {
                        return self.error(
                            key_span,
                            "a class constructor cannot be a getter, setter, generator or async",
                        );
                    }
                    if constructor.is_some() {
                        return self.error(key_span, "a class may only have one constructor");
                    }
                    let function = self.parse_method(
                        method_start,
                        FunctionKind::ClassConstructor,
                        false,
                        false,
                        derived,
                    )?;
                    *constructor = Some(function);
                    continue;
                }
                if is_static && named("prototype") {
                    return self.error(
                        key_span,
                        "a class may not have a static member named `prototype`",
                    );
                }
                let function = self.parse_method(
                    method_start,
                    kind,
                    prefix.is_async,
                    prefix.is_generator,
                    false,
                )?;
                elements.push(ClassElement::Method {
                    key,
                    is_static,
                    function,
                });
                continue;
            }
            if named("constructor") || (is_static && named("prototype")) {
                return self.error(
                    key_span,
                    "a class field may not be named `constructor` or (static) `prototype`",
                );
            }
            if let PropertyKey::Private(name) = &key {
                self.declare_private_name(
                    name,
                    FunctionKind::ClassFieldInitializer,
                    is_static,
                    key_span,
                )?;
            }
            let initializer = if self.eat_punct(Punct::Eq)? {
                Some(self.parse_field_initializer()?)
            } else {
                None
            };
            self.consume_semicolon("after class field")?;
            elements.push(ClassElement::Field {
                key,
                is_static,
                initializer,
                span: self.finish(element_start),
            });
        }
        Ok(())
    }

    /// The context of code that runs like a method of the class with no
    /// parameters: field initializers and static blocks.
    fn class_element_context(&self) -> Context {
        Context {
            strict: true,
            new_target: true,
            super_property: true,
            in_class_field: true,
            ..Context::default()
        }
    }

    /// `= AssignmentExpression` of a field, as a ClassFieldInitializer
    /// function.
    fn parse_field_initializer(&mut self) -> PResult<Rc<Function>> {
        let ctx = self.class_element_context();
        let expr = self.with_context(ctx, |parser| {
            parser.scopes.push(Scope::function());
            let result = parser.parse_assignment();
            parser.scopes.pop();
            result
        })?;
        Ok(Rc::new(Function {
            kind: FunctionKind::ClassFieldInitializer,
            is_async: false,
            is_generator: false,
            name: None,
            params: Params::default(),
            span: expr.span,
            body: FunctionBody::Expression(Box::new(expr)),
            is_strict: true,
            has_simple_parameter_list: true,
        }))
    }

    /// `static { … }` (the current token is `{`).
    fn parse_static_block(&mut self, start: Span) -> PResult<Rc<Function>> {
        let ctx = Context {
            in_static_block: true,
            ..self.class_element_context()
        };
        let body = self.with_context(ctx, |parser| {
            parser.advance()?;
            parser.scopes.push(Scope::function());
            let mut body = Vec::new();
            let result = loop {
                if parser.at_punct(Punct::RBrace) {
                    break parser.advance().map(drop);
                }
                if parser.at_eof() {
                    break Err(parser.unexpected("`}` to close the static block"));
                }
                match parser.parse_statement_list_item() {
                    Ok(statement) => body.push(statement),
                    Err(error) => break Err(error),
                }
            };
            parser.scopes.pop();
            result.map(|()| body)
        })?;
        Ok(Rc::new(Function {
            kind: FunctionKind::ClassStaticBlock,
            is_async: false,
            is_generator: false,
            name: None,
            params: Params::default(),
            body: FunctionBody::Statements(body),
            is_strict: true,
            has_simple_parameter_list: true,
            span: self.finish(start),
        }))
    }

    /// Declares `#name` in the innermost class (`kind` is the element's
    /// function kind; a field uses `ClassFieldInitializer`).
    fn declare_private_name(
        &mut self,
        name: &Name,
        kind: FunctionKind,
        is_static: bool,
        span: Span,
    ) -> PResult<()> {
        let kind = match kind {
            FunctionKind::Getter => PrivateKind::Getter,
            FunctionKind::Setter => PrivateKind::Setter,
            FunctionKind::ClassFieldInitializer => PrivateKind::Field,
            _ => PrivateKind::Method,
        };
        let Some(scope) = self.classes.last_mut() else {
            return Ok(());
        };
        match scope.declared.get(name).copied() {
            None => {
                scope.declared.insert(name.clone(), (kind, is_static));
                Ok(())
            }
            Some((existing, existing_static)) => {
                let pair = matches!(
                    (existing, kind),
                    (PrivateKind::Getter, PrivateKind::Setter)
                        | (PrivateKind::Setter, PrivateKind::Getter)
                );
                if pair && existing_static == is_static {
                    scope
                        .declared
                        .insert(name.clone(), (PrivateKind::Accessors, is_static));
                    return Ok(());
                }
                self.error(span, format!("duplicate private name `#{name}`"))
            }
        }
    }

    /// Records a use of `#name` (resolved when the class body ends).
    pub(super) fn reference_private_name(&mut self, name: &Name, span: Span) -> PResult<()> {
        match self.classes.last_mut() {
            Some(scope) => {
                scope.unresolved.push((name.clone(), span));
                Ok(())
            }
            None => self.error(span, format!("private name `#{name}` is not defined")),
        }
    }

    /// Resolves the references of a finished class body: undeclared ones
    /// move to the enclosing class, or are errors at the outermost class.
    fn resolve_private_names(&mut self, scope: PrivateScope) -> PResult<()> {
        for (name, span) in scope.unresolved {
            if scope.declared.contains_key(&name) {
                continue;
            }
            match self.classes.last_mut() {
                Some(outer) => outer.unresolved.push((name, span)),
                None => return self.error(span, format!("private name `#{name}` is not defined")),
            }
        }
        Ok(())
    }
}
