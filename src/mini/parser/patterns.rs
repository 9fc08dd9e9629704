//! Binding patterns, and expressions reinterpreted as patterns
//! (https://tc39.es/ecma262/#sec-destructuring-binding-patterns,
//! #sec-destructuring-assignment, #sec-arrow-function-definitions).
//!
//! Declarations, parameters and catch clauses parse [`Pattern`]s directly.
//! Assignment targets and arrow parameters are first parsed as expressions
//! (the cover grammars) and converted here: `[a, b] = …` becomes an array
//! assignment pattern, `(a, {b}) => …` becomes a parameter list. Converting
//! an object literal also clears its pending cover errors (`{ a = 1 }`,
//! duplicate `__proto__`), which are only errors in real object literals.

use super::{PResult, Parser};
use crate::mini::ast::{
    Argument, ArrayElement, AssignOp, BindingElement, Expr, ExprKind, MemberProperty, Name,
    ObjectPatternProperty, Params, Pattern, PatternKind, PropertyDefinition, PropertyKey, Span,
};
use crate::mini::token::{Punct, TokenKind};

/// BoundNames: every identifier `pattern` binds, with its span, in order.
pub(super) fn bound_names(pattern: &Pattern, out: &mut Vec<(Name, Span)>) {
    match &pattern.kind {
        PatternKind::Identifier(name) => out.push((name.clone(), pattern.span)),
        PatternKind::Member(_) => {}
        PatternKind::Object { properties, rest } => {
            for property in properties {
                bound_names(&property.value.target, out);
            }
            if let Some(rest) = rest {
                bound_names(rest, out);
            }
        }
        PatternKind::Array { elements, rest } => {
            for element in elements.iter().flatten() {
                bound_names(&element.target, out);
            }
            if let Some(rest) = rest {
                bound_names(rest, out);
            }
        }
    }
}

/// BoundNames of a parameter list.
pub(super) fn parameter_names(params: &Params) -> Vec<(Name, Span)> {
    let mut names = Vec::new();
    for item in &params.items {
        bound_names(&item.target, &mut names);
    }
    if let Some(rest) = &params.rest {
        bound_names(rest, &mut names);
    }
    names
}

/// IsSimpleParameterList.
pub(super) fn is_simple(params: &Params) -> bool {
    params.rest.is_none()
        && params.items.iter().all(|item| {
            item.default.is_none() && matches!(item.target.kind, PatternKind::Identifier(_))
        })
}

impl Parser<'_> {
    /// BindingIdentifier or BindingPattern.
    pub(super) fn parse_binding_target(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let start = self.token.span;
        let kind = match &self.token.kind {
            TokenKind::Punct(Punct::LBracket) => self.parse_array_binding_pattern()?,
            TokenKind::Punct(Punct::LBrace) => self.parse_object_binding_pattern()?,
            _ => PatternKind::Identifier(self.parse_binding_identifier()?.0),
        };
        self.depth -= 1;
        Ok(Pattern {
            kind,
            span: self.finish(start),
        })
    }

    /// BindingElement: a target with an optional `= default`.
    pub(super) fn parse_binding_element(&mut self) -> PResult<BindingElement> {
        let target = self.parse_binding_target()?;
        let default = if self.eat_punct(Punct::Eq)? {
            Some(self.with_in_allowed(Self::parse_assignment)?)
        } else {
            None
        };
        Ok(BindingElement { target, default })
    }

    fn parse_array_binding_pattern(&mut self) -> PResult<PatternKind> {
        self.advance()?;
        let mut elements = Vec::new();
        let mut rest = None;
        loop {
            if self.eat_punct(Punct::RBracket)? {
                break;
            }
            if self.eat_punct(Punct::Comma)? {
                elements.push(None);
                continue;
            }
            if self.eat_punct(Punct::Ellipsis)? {
                rest = Some(Box::new(self.parse_binding_target()?));
                self.expect_punct(Punct::RBracket, "after a rest element (it must be last)")?;
                break;
            }
            elements.push(Some(self.parse_binding_element()?));
            if !self.at_punct(Punct::RBracket) {
                self.expect_punct(Punct::Comma, "or `]` in array pattern")?;
            }
        }
        Ok(PatternKind::Array { elements, rest })
    }

    fn parse_object_binding_pattern(&mut self) -> PResult<PatternKind> {
        self.advance()?;
        let mut properties = Vec::new();
        let mut rest = None;
        while !self.eat_punct(Punct::RBrace)? {
            if self.eat_punct(Punct::Ellipsis)? {
                let start = self.token.span;
                let (name, _) = self.parse_binding_identifier()?;
                rest = Some(Box::new(Pattern {
                    kind: PatternKind::Identifier(name),
                    span: self.finish(start),
                }));
                self.expect_punct(Punct::RBrace, "after a rest property (it must be last)")?;
                break;
            }
            let start = self.token.span;
            let shorthand_name = match &self.token.kind {
                TokenKind::Identifier { name, .. } => Some(name.clone()),
                _ => None,
            };
            let key = self.parse_property_key(false)?;
            let property = if self.eat_punct(Punct::Colon)? {
                ObjectPatternProperty {
                    key,
                    value: self.parse_binding_element()?,
                    shorthand: false,
                }
            } else if let Some(name) = shorthand_name {
                self.check_binding_identifier(&name, start)?;
                let target = Pattern {
                    kind: PatternKind::Identifier(name),
                    span: start,
                };
                let default = if self.eat_punct(Punct::Eq)? {
                    Some(self.with_in_allowed(Self::parse_assignment)?)
                } else {
                    None
                };
                ObjectPatternProperty {
                    key,
                    value: BindingElement { target, default },
                    shorthand: true,
                }
            } else {
                return Err(self.unexpected("`:` after property name in object pattern"));
            };
            properties.push(property);
            if !self.at_punct(Punct::RBrace) {
                self.expect_punct(Punct::Comma, "or `}` in object pattern")?;
            }
        }
        Ok(PatternKind::Object { properties, rest })
    }

    /// FormalParameters up to (not including) the closing `)`.
    pub(super) fn parse_formal_parameters(&mut self) -> PResult<Params> {
        let mut params = Params::default();
        while !self.at_punct(Punct::RParen) {
            if self.eat_punct(Punct::Ellipsis)? {
                params.rest = Some(self.parse_binding_target()?);
                if self.at_punct(Punct::Eq) {
                    return self.error(self.token.span, "a rest parameter may not have a default");
                }
                if !self.at_punct(Punct::RParen) {
                    return Err(self.unexpected("`)` after the rest parameter (it must be last)"));
                }
                break;
            }
            params.items.push(self.parse_binding_element()?);
            if !self.at_punct(Punct::RParen) {
                self.expect_punct(Punct::Comma, "or `)` in parameter list")?;
            }
        }
        Ok(params)
    }

    /// Removes the pending cover error recorded for `span` (the construct
    /// became part of a pattern).
    fn clear_cover(&mut self, span: Span) {
        self.pending_cover.retain(|error| error.span != span);
    }

    /// Converts the left side of `=` (or a for-in/of head) into an
    /// assignment target: identifier, member access, or a pattern.
    pub(super) fn expression_to_assignment_target(&mut self, expr: Expr) -> PResult<Pattern> {
        self.expression_to_pattern(expr, false)
    }

    /// Converts the target of `op=`, `++` or `--`: an identifier or a member
    /// access (parentheses allowed), never a pattern.
    pub(super) fn simple_assignment_target(&mut self, expr: Expr) -> PResult<Pattern> {
        match &expr.kind {
            ExprKind::Identifier(name) => {
                self.check_strict_assignment(name, expr.span)?;
                Ok(Pattern {
                    kind: PatternKind::Identifier(name.clone()),
                    span: expr.span,
                })
            }
            ExprKind::Member {
                optional: false, ..
            }
            | ExprKind::SuperMember(_) => Ok(Pattern {
                span: expr.span,
                kind: PatternKind::Member(Box::new(expr)),
            }),
            _ => self.error(expr.span, "invalid assignment target"),
        }
    }

    fn check_strict_assignment(&self, name: &str, span: Span) -> PResult<()> {
        if self.ctx.strict && (name == "eval" || name == "arguments") {
            return self.error(
                span,
                format!("cannot assign to `{name}` in strict mode code"),
            );
        }
        Ok(())
    }

    fn expression_to_pattern(&mut self, expr: Expr, binding: bool) -> PResult<Pattern> {
        self.enter()?;
        let result = self.expression_to_pattern_inner(expr, binding);
        self.depth -= 1;
        result
    }

    fn expression_to_pattern_inner(&mut self, expr: Expr, binding: bool) -> PResult<Pattern> {
        let span = expr.span;
        let parenthesized = self.is_parenthesized(span);
        let invalid = if binding {
            "invalid destructuring target in parameters"
        } else {
            "invalid assignment target"
        };
        let kind = match expr.kind {
            ExprKind::Identifier(name) => {
                if binding {
                    if parenthesized {
                        return self.error(span, invalid);
                    }
                    self.check_binding_identifier(&name, span)?;
                } else {
                    self.check_strict_assignment(&name, span)?;
                }
                PatternKind::Identifier(name)
            }
            ExprKind::Member {
                optional: false, ..
            }
            | ExprKind::SuperMember(_)
                if !binding =>
            {
                PatternKind::Member(Box::new(expr))
            }
            ExprKind::Array(elements) if !parenthesized => {
                if self.spread_then_comma.contains(&span.start) {
                    return self.error(span, "a rest element may not be followed by a comma");
                }
                let count = elements.len();
                let mut targets = Vec::with_capacity(count);
                let mut rest = None;
                for (index, element) in elements.into_iter().enumerate() {
                    match element {
                        ArrayElement::Hole => targets.push(None),
                        ArrayElement::Plain(expr) => {
                            targets.push(Some(self.expression_to_element(expr, binding)?))
                        }
                        ArrayElement::Spread(expr) => {
                            if index + 1 != count {
                                return self.error(expr.span, "a rest element must be last");
                            }
                            rest = Some(Box::new(self.rest_target(expr, binding, false)?));
                        }
                    }
                }
                PatternKind::Array {
                    elements: targets,
                    rest,
                }
            }
            ExprKind::Object(definitions) if !parenthesized => {
                let count = definitions.len();
                let mut properties = Vec::with_capacity(count);
                let mut rest = None;
                for (index, definition) in definitions.into_iter().enumerate() {
                    let property = match definition {
                        PropertyDefinition::KeyValue { key, value } => {
                            let shorthand = self
                                .pending_cover
                                .iter()
                                .any(|error| error.span == value.span);
                            ObjectPatternProperty {
                                key,
                                value: self.expression_to_element(value, binding)?,
                                shorthand,
                            }
                        }
                        PropertyDefinition::Proto(value) => {
                            self.clear_cover(value.span);
                            let key = PropertyKey::Named(self.lexer.intern("__proto__"));
                            ObjectPatternProperty {
                                key,
                                value: self.expression_to_element(value, binding)?,
                                shorthand: false,
                            }
                        }
                        PropertyDefinition::Shorthand { name, span } => {
                            let target = Expr {
                                kind: ExprKind::Identifier(name.clone()),
                                span,
                            };
                            let value = self.expression_to_element(target, binding)?;
                            ObjectPatternProperty {
                                key: PropertyKey::Named(name),
                                value,
                                shorthand: true,
                            }
                        }
                        PropertyDefinition::Method { function, .. } => {
                            return self.error(function.span, invalid);
                        }
                        PropertyDefinition::Spread(expr) => {
                            if index + 1 != count {
                                return self.error(expr.span, "a rest property must be last");
                            }
                            rest = Some(Box::new(self.rest_target(expr, binding, true)?));
                            continue;
                        }
                    };
                    properties.push(property);
                }
                PatternKind::Object { properties, rest }
            }
            _ => return self.error(span, invalid),
        };
        Ok(Pattern { kind, span })
    }

    /// The target after `...` in a pattern being converted.
    fn rest_target(&mut self, expr: Expr, binding: bool, in_object: bool) -> PResult<Pattern> {
        if matches!(expr.kind, ExprKind::Assign { .. }) && !self.is_parenthesized(expr.span) {
            return self.error(expr.span, "a rest element may not have a default");
        }
        let nested_pattern = matches!(expr.kind, ExprKind::Array(_) | ExprKind::Object(_));
        if in_object && nested_pattern {
            return self.error(
                expr.span,
                "a rest property must be an identifier or member expression",
            );
        }
        self.expression_to_pattern(expr, binding)
    }

    /// Converts an element (`target` or `target = default`).
    fn expression_to_element(&mut self, expr: Expr, binding: bool) -> PResult<BindingElement> {
        self.clear_cover(expr.span);
        if !self.is_parenthesized(expr.span)
            && let ExprKind::Assign {
                op: AssignOp::Assign,
                ..
            } = &expr.kind
        {
            let ExprKind::Assign { target, value, .. } = expr.kind else {
                unreachable!("matched just above")
            };
            let target = if binding {
                self.pattern_for_binding(*target)?
            } else {
                *target
            };
            return Ok(BindingElement {
                target,
                default: Some(*value),
            });
        }
        Ok(BindingElement {
            target: self.expression_to_pattern(expr, binding)?,
            default: None,
        })
    }

    /// Re-checks an assignment pattern (already converted) as a binding
    /// pattern: identifiers only, no member targets.
    fn pattern_for_binding(&mut self, pattern: Pattern) -> PResult<Pattern> {
        let mut names = Vec::new();
        bound_names(&pattern, &mut names);
        for (name, span) in &names {
            self.check_binding_identifier(name, *span)?;
        }
        if has_member_target(&pattern) {
            return self.error(pattern.span, "invalid destructuring target in parameters");
        }
        Ok(pattern)
    }

    /// Converts the expressions of a parenthesized list (or the arguments
    /// of `async(…)`) into arrow parameters.
    pub(super) fn expressions_to_params(
        &mut self,
        items: Vec<Argument>,
        rest: Option<Pattern>,
    ) -> PResult<Params> {
        let count = items.len();
        let mut params = Params {
            items: Vec::with_capacity(count),
            rest,
        };
        for (index, item) in items.into_iter().enumerate() {
            match item {
                Argument::Plain(expr) => params.items.push(self.expression_to_element(expr, true)?),
                Argument::Spread(expr) => {
                    if index + 1 != count {
                        return self.error(expr.span, "a rest parameter must be last");
                    }
                    params.rest = Some(self.rest_target(expr, true, false)?);
                }
            }
        }
        Ok(params)
    }
}

fn has_member_target(pattern: &Pattern) -> bool {
    match &pattern.kind {
        PatternKind::Identifier(_) => false,
        PatternKind::Member(_) => true,
        PatternKind::Object { properties, rest } => {
            properties
                .iter()
                .any(|property| has_member_target(&property.value.target))
                || rest.as_deref().is_some_and(has_member_target)
        }
        PatternKind::Array { elements, rest } => {
            elements
                .iter()
                .flatten()
                .any(|element| has_member_target(&element.target))
                || rest.as_deref().is_some_and(has_member_target)
        }
    }
}

/// True for `obj.#x` (used by the strict `delete` rule).
pub(super) fn is_private_member(expr: &Expr) -> bool {
    matches!(
        &expr.kind,
        ExprKind::Member {
            property: MemberProperty::Private(_),
            ..
        }
    )
}
