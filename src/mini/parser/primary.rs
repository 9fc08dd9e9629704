//! Primary expressions (https://tc39.es/ecma262/#sec-primary-expression):
//! identifiers, literals, array and object literals, templates, regular
//! expressions, function and class expressions, and the cover grammars
//! that turn into arrow functions: `( … ) =>`, `x =>`, `async x =>`,
//! `async ( … ) =>`.

use std::rc::Rc;

use super::{PResult, Parser};
use crate::mini::ast::{
    Argument, ArrayElement, AssignOp, Expr, ExprKind, FunctionKind, Pattern, PatternKind,
    PropertyDefinition, PropertyKey, Span, TemplateElement, TemplateLiteral,
};
use crate::mini::token::{Keyword, Punct, TokenKind};

/// The modifiers in front of a method name: `async`, `*`, `get`, `set`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct MethodPrefix {
    pub(super) is_async: bool,
    pub(super) is_generator: bool,
    /// `Getter` or `Setter` for accessors.
    pub(super) accessor: Option<FunctionKind>,
}

impl MethodPrefix {
    pub(super) fn is_plain(&self) -> bool {
        !self.is_async && !self.is_generator && self.accessor.is_none()
    }
}

impl Parser<'_> {
    /// PrimaryExpression (and the arrow functions that start like one).
    pub(super) fn parse_primary(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        match self.token.kind {
            TokenKind::Keyword(Keyword::Function) => self.parse_function_expression(start, false),
            TokenKind::Keyword(Keyword::Class) => self.parse_class_expression(),
            TokenKind::Punct(Punct::LParen) => self.parse_paren_or_arrow(start),
            TokenKind::Punct(Punct::LBracket) => self.parse_array_literal(start),
            TokenKind::Punct(Punct::LBrace) => self.parse_object_literal(start),
            TokenKind::Template { .. } => {
                let template = self.parse_template(false)?;
                Ok(Expr {
                    kind: ExprKind::Template(template),
                    span: self.finish(start),
                })
            }
            TokenKind::Identifier { .. } => self.parse_identifier_primary(start),
            _ => self.parse_literal(start),
        }
    }

    /// An identifier reference, or the arrow / async forms starting with one.
    fn parse_identifier_primary(&mut self, start: Span) -> PResult<Expr> {
        let TokenKind::Identifier { name, escaped } = &self.token.kind else {
            return Err(self.unexpected("an identifier"));
        };
        let (name, escaped) = (name.clone(), *escaped);
        if !escaped && &*name == "async" {
            return self.parse_async_primary(start);
        }
        let next = self.peek()?;
        if next.kind == TokenKind::Punct(Punct::Arrow) && !next.newline_before {
            return self.parse_arrow_from_identifier(start, false);
        }
        self.check_identifier_reference(&name, start)?;
        self.advance()?;
        Ok(Expr {
            kind: ExprKind::Identifier(name),
            span: start,
        })
    }

    /// `this`, `null`, booleans, numbers, strings and regular expressions.
    fn parse_literal(&mut self, start: Span) -> PResult<Expr> {
        let kind = match &self.token.kind {
            TokenKind::Keyword(Keyword::This) => ExprKind::This,
            TokenKind::Keyword(Keyword::Null) => ExprKind::Null,
            TokenKind::Keyword(Keyword::True) => ExprKind::Bool(true),
            TokenKind::Keyword(Keyword::False) => ExprKind::Bool(false),
            TokenKind::Keyword(Keyword::Import) => {
                return self.error(start, "unsupported: `import`");
            }
            TokenKind::Number {
                value,
                legacy_octal,
            } => {
                if *legacy_octal && self.ctx.strict {
                    return self.error(
                        start,
                        "legacy octal literals are not allowed in strict mode code",
                    );
                }
                ExprKind::Number(*value)
            }
            TokenKind::String {
                value,
                legacy_octal_escape,
            } => {
                if *legacy_octal_escape && self.ctx.strict {
                    return self.error(
                        start,
                        "octal escape sequences are not allowed in strict mode code",
                    );
                }
                ExprKind::String(value.clone())
            }
            TokenKind::Punct(Punct::Slash | Punct::SlashEq) => {
                self.rescan_regex()?;
                let TokenKind::Regex { pattern, flags } = &self.token.kind else {
                    unreachable!("rescan_regex returns a regex token or an error")
                };
                ExprKind::Regex {
                    pattern: pattern.clone(),
                    flags: flags.clone(),
                }
            }
            _ => return Err(self.unexpected("an expression")),
        };
        self.advance()?;
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    /// Checks an IdentifierReference.
    pub(super) fn check_identifier_reference(&mut self, name: &str, span: Span) -> PResult<()> {
        self.check_identifier(name, span)?;
        if name == "arguments" && self.ctx.in_class_field {
            return self.error(
                span,
                "`arguments` is not allowed in class field initializers or static blocks",
            );
        }
        if name == "await" {
            self.last_await_identifier = Some(span.start);
        }
        Ok(())
    }

    /// `( Expression )`, or arrow parameters when `=>` follows the `)`.
    fn parse_paren_or_arrow(&mut self, start: Span) -> PResult<Expr> {
        self.advance()?;
        let mut items = Vec::new();
        let mut rest: Option<Pattern> = None;
        let mut trailing_comma = false;
        self.with_in_allowed(|parser| {
            while !parser.at_punct(Punct::RParen) {
                if parser.eat_punct(Punct::Ellipsis)? {
                    rest = Some(parser.parse_binding_target()?);
                    break;
                }
                items.push(parser.parse_assignment_cover()?);
                if !parser.eat_punct(Punct::Comma)? {
                    break;
                }
                if parser.at_punct(Punct::RParen) {
                    trailing_comma = true;
                }
            }
            parser
                .expect_punct(Punct::RParen, "to close the parenthesis")
                .map(drop)
        })?;
        if self.at_punct(Punct::Arrow) && !self.token.newline_before {
            let items = items.into_iter().map(Argument::Plain).collect();
            return self.parse_arrow_from_cover(start, items, rest, false);
        }
        if items.is_empty() || rest.is_some() || trailing_comma {
            return Err(self.unexpected("`=>` after arrow function parameters"));
        }
        let expr = if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            let span = items[0].span.to(items[items.len() - 1].span);
            Expr {
                kind: ExprKind::Sequence(items),
                span,
            }
        };
        self.parenthesized.insert((expr.span.start, expr.span.end));
        Ok(expr)
    }

    /// Converts cover items to parameters and parses the arrow body.
    fn parse_arrow_from_cover(
        &mut self,
        start: Span,
        items: Vec<Argument>,
        rest: Option<Pattern>,
        is_async: bool,
    ) -> PResult<Expr> {
        if self.last_yield_or_await.is_some_and(|at| at >= start.start) {
            return self.error(
                start,
                "arrow function parameters cannot contain `yield` or `await` expressions",
            );
        }
        if is_async
            && self
                .last_await_identifier
                .is_some_and(|at| at >= start.start)
        {
            return self.error(
                start,
                "`await` cannot be used in the parameters of an async arrow function",
            );
        }
        let now_async = is_async || self.ctx.is_async;
        let saved_async = std::mem::replace(&mut self.ctx.is_async, now_async);
        let params = self.expressions_to_params(items, rest);
        self.ctx.is_async = saved_async;
        let params = params?;
        self.parse_arrow_rest(start, params, is_async)
    }

    /// `x => …` or (after `async`) `async x => …`; the current token is the
    /// parameter name.
    fn parse_arrow_from_identifier(&mut self, start: Span, is_async: bool) -> PResult<Expr> {
        let (name, span) = self.identifier_token().expect("caller saw an identifier");
        let now_async = is_async || self.ctx.is_async;
        let saved_async = std::mem::replace(&mut self.ctx.is_async, now_async);
        let checked = self.check_binding_identifier(&name, span);
        self.ctx.is_async = saved_async;
        checked?;
        self.advance()?;
        if !self.at_punct(Punct::Arrow) || self.token.newline_before {
            return Err(self.unexpected("`=>` after the async arrow parameter"));
        }
        let target = Pattern {
            kind: PatternKind::Identifier(name),
            span,
        };
        let element = crate::mini::ast::BindingElement {
            target,
            default: None,
        };
        let params = crate::mini::ast::Params {
            items: vec![element],
            rest: None,
        };
        self.parse_arrow_rest(start, params, is_async)
    }

    /// After an unescaped `async`: an async function expression, an async
    /// arrow, a call of something named `async`, or the identifier.
    fn parse_async_primary(&mut self, start: Span) -> PResult<Expr> {
        let next = self.peek()?;
        let same_line = !next.newline_before;
        match &next.kind {
            TokenKind::Keyword(Keyword::Function) if same_line => {
                self.advance()?;
                self.parse_function_expression(start, true)
            }
            TokenKind::Identifier { .. } if same_line => {
                self.advance()?;
                self.parse_arrow_from_identifier(start, true)
            }
            TokenKind::Punct(Punct::Arrow) if same_line => {
                self.parse_arrow_from_identifier(start, false)
            }
            TokenKind::Punct(Punct::LParen) if same_line => {
                let callee_token = self.advance()?;
                let (arguments, spread_then_comma) = self.parse_arguments(true)?;
                if self.at_punct(Punct::Arrow) && !self.token.newline_before {
                    if spread_then_comma {
                        return self
                            .error(start, "a rest parameter may not be followed by a comma");
                    }
                    return self.parse_arrow_from_cover(start, arguments, None, true);
                }
                let TokenKind::Identifier { name, .. } = callee_token.kind else {
                    unreachable!("saw `async`")
                };
                self.check_identifier_reference(&name, start)?;
                let callee = Box::new(Expr {
                    kind: ExprKind::Identifier(name),
                    span: callee_token.span,
                });
                Ok(Expr {
                    kind: ExprKind::Call {
                        callee,
                        arguments,
                        optional: false,
                    },
                    span: self.finish(start),
                })
            }
            _ => {
                let name = self.lexer.intern("async");
                self.advance()?;
                Ok(Expr {
                    kind: ExprKind::Identifier(name),
                    span: start,
                })
            }
        }
    }

    /// ArrayLiteral.
    fn parse_array_literal(&mut self, start: Span) -> PResult<Expr> {
        self.advance()?;
        let mut elements = Vec::new();
        self.with_in_allowed(|parser| {
            while !parser.eat_punct(Punct::RBracket)? {
                if parser.eat_punct(Punct::Comma)? {
                    elements.push(ArrayElement::Hole);
                    continue;
                }
                let spread = parser.eat_punct(Punct::Ellipsis)?;
                let value = parser.parse_assignment_cover()?;
                elements.push(if spread {
                    ArrayElement::Spread(value)
                } else {
                    ArrayElement::Plain(value)
                });
                if !parser.at_punct(Punct::RBracket) {
                    parser.expect_punct(Punct::Comma, "or `]` in array literal")?;
                    if spread && parser.at_punct(Punct::RBracket) {
                        parser.spread_then_comma.insert(start.start);
                    }
                }
            }
            Ok(())
        })?;
        Ok(Expr {
            kind: ExprKind::Array(elements),
            span: self.finish(start),
        })
    }

    /// ObjectLiteral.
    fn parse_object_literal(&mut self, start: Span) -> PResult<Expr> {
        self.advance()?;
        let mut properties = Vec::new();
        let mut has_proto = false;
        self.with_in_allowed(|parser| {
            while !parser.eat_punct(Punct::RBrace)? {
                if parser.eat_punct(Punct::Ellipsis)? {
                    properties.push(PropertyDefinition::Spread(parser.parse_assignment_cover()?));
                } else {
                    properties.push(parser.parse_property_definition(&mut has_proto)?);
                }
                if !parser.at_punct(Punct::RBrace) {
                    parser.expect_punct(Punct::Comma, "or `}` in object literal")?;
                }
            }
            Ok(())
        })?;
        Ok(Expr {
            kind: ExprKind::Object(properties),
            span: self.finish(start),
        })
    }

    /// One PropertyDefinition (not a spread).
    fn parse_property_definition(&mut self, has_proto: &mut bool) -> PResult<PropertyDefinition> {
        let start = self.token.span;
        let prefix = self.parse_method_prefix()?;
        let key_is_identifier = matches!(self.token.kind, TokenKind::Identifier { .. });
        let key_is_literal =
            key_is_identifier || matches!(self.token.kind, TokenKind::String { .. });
        let key = self.parse_property_key(false)?;
        if !prefix.is_plain() || self.at_punct(Punct::LParen) {
            let kind = prefix.accessor.unwrap_or(FunctionKind::Method);
            let function =
                self.parse_method(start, kind, prefix.is_async, prefix.is_generator, false)?;
            return Ok(PropertyDefinition::Method { key, function });
        }
        if self.eat_punct(Punct::Colon)? {
            let is_proto = key_is_literal
                && matches!(&key, PropertyKey::Named(name) if &**name == "__proto__");
            return self.parse_property_value(key, is_proto, has_proto);
        }
        match key {
            PropertyKey::Named(name) if key_is_identifier => {
                self.parse_shorthand_property(start, name)
            }
            _ => Err(self.unexpected("`:` after property name")),
        }
    }

    /// The value after `key:` (a `__proto__: value` sets the prototype).
    fn parse_property_value(
        &mut self,
        key: PropertyKey,
        is_proto: bool,
        has_proto: &mut bool,
    ) -> PResult<PropertyDefinition> {
        let value = self.parse_assignment_cover()?;
        if !is_proto {
            return Ok(PropertyDefinition::KeyValue { key, value });
        }
        if *has_proto {
            self.push_cover_error(
                value.span,
                "duplicate `__proto__` property in object literal",
            );
        }
        *has_proto = true;
        Ok(PropertyDefinition::Proto(value))
    }

    /// `{ name }`, or the cover form `{ name = default }`.
    fn parse_shorthand_property(
        &mut self,
        start: Span,
        name: crate::mini::ast::Name,
    ) -> PResult<PropertyDefinition> {
        self.check_identifier_reference(&name, start)?;
        if !self.eat_punct(Punct::Eq)? {
            return Ok(PropertyDefinition::Shorthand { name, span: start });
        }
        // CoverInitializedName: only valid if this literal becomes a pattern.
        let default = self.parse_assignment()?;
        let target = Pattern {
            kind: PatternKind::Identifier(name.clone()),
            span: start,
        };
        let kind = ExprKind::Assign {
            op: AssignOp::Assign,
            target: Box::new(target),
            value: Box::new(default),
        };
        let value = Expr {
            kind,
            span: self.finish(start),
        };
        self.push_cover_error(
            value.span,
            "`name = value` in an object literal is only valid in a destructuring pattern",
        );
        Ok(PropertyDefinition::KeyValue {
            key: PropertyKey::Named(name),
            value,
        })
    }

    /// Reads `async`, `*`, `get`, `set` in front of a method name (each only
    /// when a property name follows, so `{ get: 1 }` and `{ async() {} }`
    /// keep them as names).
    pub(super) fn parse_method_prefix(&mut self) -> PResult<MethodPrefix> {
        let mut prefix = MethodPrefix::default();
        if self.at_word("async") && self.next_starts_property_name(true)? {
            self.advance()?;
            prefix.is_async = true;
        }
        if self.eat_punct(Punct::Star)? {
            prefix.is_generator = true;
            return Ok(prefix);
        }
        if !prefix.is_async
            && (self.at_word("get") || self.at_word("set"))
            && self.next_starts_property_name(false)?
        {
            let getter = self.at_word("get");
            self.advance()?;
            prefix.accessor = Some(if getter {
                FunctionKind::Getter
            } else {
                FunctionKind::Setter
            });
        }
        Ok(prefix)
    }

    /// Whether the token after the current one starts a property name (or
    /// `*` after `async`), on the same line when `same_line`.
    fn next_starts_property_name(&mut self, same_line: bool) -> PResult<bool> {
        let next = self.peek()?;
        if same_line && next.newline_before {
            return Ok(false);
        }
        Ok(match &next.kind {
            TokenKind::Identifier { .. }
            | TokenKind::Keyword(_)
            | TokenKind::String { .. }
            | TokenKind::Number { .. }
            | TokenKind::PrivateName(_) => true,
            TokenKind::Punct(Punct::LBracket) => true,
            TokenKind::Punct(Punct::Star) => same_line,
            _ => false,
        })
    }

    /// PropertyName (or a private name in classes when `allow_private`).
    pub(super) fn parse_property_key(&mut self, allow_private: bool) -> PResult<PropertyKey> {
        let key = match &self.token.kind {
            TokenKind::Identifier { name, .. } => PropertyKey::Named(name.clone()),
            TokenKind::Keyword(keyword) => PropertyKey::Named(self.lexer.intern(keyword.as_str())),
            TokenKind::String {
                value,
                legacy_octal_escape,
            } => {
                if *legacy_octal_escape && self.ctx.strict {
                    return self.error(
                        self.token.span,
                        "octal escape sequences are not allowed in strict mode code",
                    );
                }
                PropertyKey::Named(value.value.clone())
            }
            TokenKind::Number {
                value,
                legacy_octal,
            } => {
                if *legacy_octal && self.ctx.strict {
                    return self.error(
                        self.token.span,
                        "legacy octal literals are not allowed in strict mode code",
                    );
                }
                PropertyKey::Number(*value)
            }
            TokenKind::PrivateName(name) if allow_private => {
                if &**name == "constructor" {
                    return self.error(
                        self.token.span,
                        "`#constructor` is not a valid private name",
                    );
                }
                PropertyKey::Private(name.clone())
            }
            TokenKind::Punct(Punct::LBracket) => {
                self.advance()?;
                let key = self.with_in_allowed(Self::parse_assignment)?;
                self.expect_punct(Punct::RBracket, "after computed property name")?;
                return Ok(PropertyKey::Computed(Box::new(key)));
            }
            _ => return Err(self.unexpected("a property name")),
        };
        self.advance()?;
        Ok(key)
    }

    /// A template literal starting at the current template token; `tagged`
    /// allows invalid escapes (their cooked value is `None`).
    pub(super) fn parse_template(&mut self, tagged: bool) -> PResult<Rc<TemplateLiteral>> {
        let start = self.token.span;
        let mut quasis = Vec::new();
        let mut expressions = Vec::new();
        loop {
            let TokenKind::Template {
                cooked, raw, tail, ..
            } = &self.token.kind
            else {
                return Err(self.unexpected("template continuation"));
            };
            if cooked.is_none() && !tagged {
                return self.error(
                    self.token.span,
                    "invalid escape sequence in template literal",
                );
            }
            quasis.push(TemplateElement {
                cooked: cooked.clone(),
                raw: raw.clone(),
            });
            let tail = *tail;
            self.advance()?;
            if tail {
                break;
            }
            expressions.push(self.with_in_allowed(Self::parse_expression)?);
            if !self.at_punct(Punct::RBrace) {
                return Err(self.unexpected("`}` after template substitution"));
            }
            self.rescan_template()?;
        }
        Ok(Rc::new(TemplateLiteral {
            quasis,
            expressions,
            span: self.finish(start),
        }))
    }
}
