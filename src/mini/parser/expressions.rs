//! Expressions from the comma operator down to member access and calls
//! (https://tc39.es/ecma262/#sec-ecmascript-language-expressions).
//!
//! Binary operators use precedence climbing; `**` is right-associative and
//! rejects an unparenthesized unary left operand; `??` may not be mixed with
//! `&&`/`||` without parentheses. Arrow functions are produced by the
//! primary-expression parser and are accepted only as a whole
//! AssignmentExpression (so `a || () => b` and `() => {}()` are errors).
//! Optional chains are wrapped in [`ExprKind::OptionalChain`].

use super::patterns::is_private_member;
use super::{CoverError, PResult, Parser};
use crate::mini::ast::{
    Argument, AssignOp, BinaryOp, Expr, ExprKind, FunctionKind, LogicalOp, MemberProperty, Name,
    Span, UnaryOp, UpdateOp,
};
use crate::mini::token::{Keyword, Punct, TokenKind};

/// A binary operator and its precedence (higher binds tighter).
#[derive(Clone, Copy)]
enum Operator {
    Binary(BinaryOp),
    Logical(LogicalOp),
}

impl Parser<'_> {
    /// Expression: AssignmentExpression (`,` AssignmentExpression)*.
    pub(super) fn parse_expression(&mut self) -> PResult<Expr> {
        self.parse_expression_mode(false)
    }

    /// An Expression that may still become an assignment pattern (for-in/of
    /// heads): cover errors are left for the caller.
    pub(super) fn parse_expression_cover(&mut self) -> PResult<Expr> {
        self.parse_expression_mode(true)
    }

    fn parse_expression_mode(&mut self, cover: bool) -> PResult<Expr> {
        let start = self.token.span;
        let first = self.parse_assignment_mode(cover)?;
        if !self.at_punct(Punct::Comma) {
            return Ok(first);
        }
        let mut expressions = vec![first];
        while self.eat_punct(Punct::Comma)? {
            expressions.push(self.parse_assignment_mode(cover)?);
        }
        Ok(Expr {
            kind: ExprKind::Sequence(expressions),
            span: self.finish(start),
        })
    }

    /// AssignmentExpression.
    pub(super) fn parse_assignment(&mut self) -> PResult<Expr> {
        self.parse_assignment_mode(false)
    }

    /// An AssignmentExpression inside a literal or parenthesized list that
    /// may still become a pattern: cover errors are left for the caller.
    pub(super) fn parse_assignment_cover(&mut self) -> PResult<Expr> {
        self.parse_assignment_mode(true)
    }

    fn parse_assignment_mode(&mut self, cover: bool) -> PResult<Expr> {
        self.enter()?;
        let mark = self.pending_cover.len();
        let result = self.parse_assignment_inner();
        self.depth -= 1;
        let expr = result?;
        if !cover {
            self.check_cover(mark)?;
        }
        Ok(expr)
    }

    fn parse_assignment_inner(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        if self.ctx.is_generator && self.at_word("yield") {
            return self.parse_yield(start);
        }
        let left = self.parse_conditional()?;
        match self.assignment_operator() {
            Some(op) => self.parse_assignment_rest(start, left, op),
            None => Ok(left),
        }
    }

    /// After the target of an assignment: the operator and the value.
    /// (Separate functions keep the frames on the recursion path small.)
    fn parse_assignment_rest(&mut self, start: Span, left: Expr, op: AssignOp) -> PResult<Expr> {
        let target = match op {
            AssignOp::Assign => self.expression_to_assignment_target(left)?,
            _ => self.simple_assignment_target(left)?,
        };
        self.advance()?;
        let value = self.parse_assignment()?;
        let kind = ExprKind::Assign {
            op,
            target: Box::new(target),
            value: Box::new(value),
        };
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    fn assignment_operator(&self) -> Option<AssignOp> {
        let TokenKind::Punct(punct) = self.token.kind else {
            return None;
        };
        let compound = |op| Some(AssignOp::Compound(op));
        match punct {
            Punct::Eq => Some(AssignOp::Assign),
            Punct::PlusEq => compound(BinaryOp::Add),
            Punct::MinusEq => compound(BinaryOp::Sub),
            Punct::StarEq => compound(BinaryOp::Mul),
            Punct::SlashEq => compound(BinaryOp::Div),
            Punct::PercentEq => compound(BinaryOp::Rem),
            Punct::StarStarEq => compound(BinaryOp::Exp),
            Punct::ShlEq => compound(BinaryOp::Shl),
            Punct::ShrEq => compound(BinaryOp::Shr),
            Punct::UShrEq => compound(BinaryOp::UShr),
            Punct::AmpEq => compound(BinaryOp::BitAnd),
            Punct::PipeEq => compound(BinaryOp::BitOr),
            Punct::CaretEq => compound(BinaryOp::BitXor),
            Punct::AmpAmpEq => Some(AssignOp::Logical(LogicalOp::And)),
            Punct::PipePipeEq => Some(AssignOp::Logical(LogicalOp::Or)),
            Punct::QuestionQuestionEq => Some(AssignOp::Logical(LogicalOp::Coalesce)),
            _ => None,
        }
    }

    /// YieldExpression (the current token is `yield` in a generator).
    fn parse_yield(&mut self, start: Span) -> PResult<Expr> {
        if self.ctx.in_parameters {
            return self.error(start, "`yield` is not allowed in formal parameters");
        }
        self.advance()?;
        self.last_yield_or_await = Some(start.start);
        let mut delegate = false;
        let argument = if self.token.newline_before {
            None
        } else if self.eat_punct(Punct::Star)? {
            delegate = true;
            Some(Box::new(self.parse_assignment()?))
        } else if self.can_start_expression() {
            Some(Box::new(self.parse_assignment()?))
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Yield { argument, delegate },
            span: self.finish(start),
        })
    }

    /// Whether the current token can begin an AssignmentExpression (decides
    /// whether `yield` has an operand).
    fn can_start_expression(&self) -> bool {
        match &self.token.kind {
            TokenKind::Identifier { .. }
            | TokenKind::Number { .. }
            | TokenKind::String { .. }
            | TokenKind::Template { .. }
            | TokenKind::Regex { .. }
            | TokenKind::PrivateName(_) => true,
            TokenKind::Keyword(keyword) => matches!(
                keyword,
                Keyword::This
                    | Keyword::Null
                    | Keyword::True
                    | Keyword::False
                    | Keyword::Function
                    | Keyword::Class
                    | Keyword::New
                    | Keyword::Super
                    | Keyword::Typeof
                    | Keyword::Void
                    | Keyword::Delete
                    | Keyword::Import
            ),
            TokenKind::Punct(punct) => matches!(
                punct,
                Punct::LParen
                    | Punct::LBracket
                    | Punct::LBrace
                    | Punct::Plus
                    | Punct::Minus
                    | Punct::Bang
                    | Punct::Tilde
                    | Punct::PlusPlus
                    | Punct::MinusMinus
                    | Punct::Slash
                    | Punct::SlashEq
            ),
            TokenKind::Eof => false,
        }
    }

    /// True for an arrow function not wrapped in parentheses: it may only
    /// stand as a whole AssignmentExpression.
    pub(super) fn is_bare_arrow(&self, expr: &Expr) -> bool {
        matches!(&expr.kind, ExprKind::Function(function) if function.kind == FunctionKind::Arrow)
            && !self.is_parenthesized(expr.span)
    }

    fn reject_bare_arrow(&self, expr: &Expr) -> PResult<()> {
        if self.is_bare_arrow(expr) {
            return self.error(
                expr.span,
                "an arrow function must be parenthesized to be used as an operand",
            );
        }
        Ok(())
    }

    /// ConditionalExpression.
    fn parse_conditional(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        let test = self.parse_binary(0)?;
        if self.is_bare_arrow(&test) || !self.at_punct(Punct::Question) {
            return Ok(test);
        }
        self.parse_conditional_rest(start, test)
    }

    /// `? consequent : alternate` after the test.
    fn parse_conditional_rest(&mut self, start: Span, test: Expr) -> PResult<Expr> {
        self.advance()?;
        let consequent = self.with_in_allowed(Self::parse_assignment)?;
        self.expect_punct(Punct::Colon, "in conditional expression")?;
        let alternate = self.parse_assignment()?;
        let kind = ExprKind::Conditional {
            test: Box::new(test),
            consequent: Box::new(consequent),
            alternate: Box::new(alternate),
        };
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    fn binary_operator(&self) -> Option<(u8, Operator)> {
        use Operator::{Binary, Logical};
        let (precedence, op) = match &self.token.kind {
            TokenKind::Punct(punct) => match punct {
                Punct::QuestionQuestion => (1, Logical(LogicalOp::Coalesce)),
                Punct::PipePipe => (2, Logical(LogicalOp::Or)),
                Punct::AmpAmp => (3, Logical(LogicalOp::And)),
                Punct::Pipe => (4, Binary(BinaryOp::BitOr)),
                Punct::Caret => (5, Binary(BinaryOp::BitXor)),
                Punct::Amp => (6, Binary(BinaryOp::BitAnd)),
                Punct::EqEq => (7, Binary(BinaryOp::Eq)),
                Punct::NotEq => (7, Binary(BinaryOp::NotEq)),
                Punct::EqEqEq => (7, Binary(BinaryOp::StrictEq)),
                Punct::NotEqEq => (7, Binary(BinaryOp::StrictNotEq)),
                Punct::Lt => (8, Binary(BinaryOp::Lt)),
                Punct::Gt => (8, Binary(BinaryOp::Gt)),
                Punct::LtEq => (8, Binary(BinaryOp::LtEq)),
                Punct::GtEq => (8, Binary(BinaryOp::GtEq)),
                Punct::Shl => (9, Binary(BinaryOp::Shl)),
                Punct::Shr => (9, Binary(BinaryOp::Shr)),
                Punct::UShr => (9, Binary(BinaryOp::UShr)),
                Punct::Plus => (10, Binary(BinaryOp::Add)),
                Punct::Minus => (10, Binary(BinaryOp::Sub)),
                Punct::Star => (11, Binary(BinaryOp::Mul)),
                Punct::Slash => (11, Binary(BinaryOp::Div)),
                Punct::Percent => (11, Binary(BinaryOp::Rem)),
                Punct::StarStar => (12, Binary(BinaryOp::Exp)),
                _ => return None,
            },
            TokenKind::Keyword(Keyword::Instanceof) => (8, Binary(BinaryOp::Instanceof)),
            TokenKind::Keyword(Keyword::In) if !self.no_in => (8, Binary(BinaryOp::In)),
            _ => return None,
        };
        Some((precedence, op))
    }

    /// ShortCircuitExpression and everything below it down to
    /// ExponentiationExpression, by precedence climbing.
    fn parse_binary(&mut self, min_precedence: u8) -> PResult<Expr> {
        let start = self.token.span;
        let left = match &self.token.kind {
            TokenKind::PrivateName(name) => {
                let name = name.clone();
                self.parse_private_in(start, name, min_precedence)?
            }
            _ => self.parse_unary()?,
        };
        match self.binary_operator() {
            Some((precedence, _)) if precedence >= min_precedence => {
                self.parse_binary_rest(start, left, min_precedence)
            }
            _ => Ok(left),
        }
    }

    /// RelationalExpression : PrivateIdentifier `in` ShiftExpression (the
    /// private name must be declared by an enclosing class).
    fn parse_private_in(&mut self, start: Span, name: Name, min_precedence: u8) -> PResult<Expr> {
        self.advance()?;
        let is_in = matches!(self.token.kind, TokenKind::Keyword(Keyword::In)) && !self.no_in;
        if !is_in || min_precedence > 8 {
            return self.error(start, format!("unexpected private name `#{name}`"));
        }
        self.reference_private_name(&name, start)?;
        self.advance()?;
        self.enter()?;
        let object = self.parse_binary(9)?;
        self.depth -= 1;
        self.reject_bare_arrow(&object)?;
        Ok(Expr {
            kind: ExprKind::PrivateIn {
                name,
                object: Box::new(object),
            },
            span: self.finish(start),
        })
    }

    /// The operator loop of [`Parser::parse_binary`] once an operator follows.
    fn parse_binary_rest(
        &mut self,
        start: Span,
        mut left: Expr,
        min_precedence: u8,
    ) -> PResult<Expr> {
        let mut links = 0;
        while let Some((precedence, op)) = self.binary_operator() {
            if precedence < min_precedence {
                break;
            }
            self.reject_bare_arrow(&left)?;
            let op_span = self.advance()?.span;
            links += 1;
            self.enter()?;
            let right = match op {
                Operator::Binary(BinaryOp::Exp) => {
                    let unary_left =
                        matches!(left.kind, ExprKind::Unary { .. } | ExprKind::Await(_));
                    if unary_left && !self.is_parenthesized(left.span) {
                        return self.error(
                            op_span,
                            "a unary expression before `**` must be parenthesized",
                        );
                    }
                    self.parse_binary(precedence)?
                }
                _ => self.parse_binary(precedence + 1)?,
            };
            self.reject_bare_arrow(&right)?;
            let kind = match op {
                Operator::Binary(op) => ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                Operator::Logical(op) => {
                    self.check_coalesce_mixing(op, &left, op_span)?;
                    self.check_coalesce_mixing(op, &right, op_span)?;
                    ExprKind::Logical {
                        op,
                        left: Box::new(left),
                        right: Box::new(right),
                    }
                }
            };
            left = Expr {
                kind,
                span: self.finish(start),
            };
        }
        self.depth -= links;
        Ok(left)
    }

    /// `??` cannot directly contain `&&`/`||` or be contained by them.
    fn check_coalesce_mixing(&self, op: LogicalOp, operand: &Expr, op_span: Span) -> PResult<()> {
        let ExprKind::Logical { op: inner, .. } = &operand.kind else {
            return Ok(());
        };
        let mixed = (op == LogicalOp::Coalesce) != (*inner == LogicalOp::Coalesce);
        if mixed && !self.is_parenthesized(operand.span) {
            return self.error(
                op_span,
                "`??` cannot be mixed with `&&` or `||` without parentheses",
            );
        }
        Ok(())
    }

    /// UnaryExpression (including `await`) and UpdateExpression.
    fn parse_unary(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        match self.token.kind {
            TokenKind::Keyword(Keyword::Delete | Keyword::Void | Keyword::Typeof)
            | TokenKind::Punct(Punct::Plus | Punct::Minus | Punct::Bang | Punct::Tilde)
            | TokenKind::PrivateName(_) => self.parse_unary_operator(start),
            TokenKind::Punct(Punct::PlusPlus | Punct::MinusMinus) => {
                self.parse_prefix_update(start)
            }
            _ if self.ctx.is_async && self.at_word("await") => self.parse_await(start),
            _ => self.parse_postfix(),
        }
    }

    /// `delete`, `void`, `typeof`, `+`, `-`, `!`, `~` and their operand.
    fn parse_unary_operator(&mut self, start: Span) -> PResult<Expr> {
        let op = match &self.token.kind {
            TokenKind::Keyword(Keyword::Delete) => UnaryOp::Delete,
            TokenKind::Keyword(Keyword::Void) => UnaryOp::Void,
            TokenKind::Keyword(Keyword::Typeof) => UnaryOp::Typeof,
            TokenKind::Punct(Punct::Plus) => UnaryOp::Plus,
            TokenKind::Punct(Punct::Minus) => UnaryOp::Minus,
            TokenKind::Punct(Punct::Bang) => UnaryOp::Not,
            TokenKind::Punct(Punct::Tilde) => UnaryOp::BitNot,
            _ => {
                return self.error(start, "a private name may only start `#x in obj`");
            }
        };
        self.advance()?;
        self.enter()?;
        let argument = self.parse_unary()?;
        self.depth -= 1;
        self.reject_bare_arrow(&argument)?;
        if op == UnaryOp::Delete {
            if self.ctx.strict && matches!(argument.kind, ExprKind::Identifier(_)) {
                return self.error(
                    start,
                    "`delete` of an unqualified identifier is not allowed in strict mode code",
                );
            }
            if is_private_member(&argument) {
                return self.error(start, "private fields cannot be deleted");
            }
        }
        Ok(Expr {
            kind: ExprKind::Unary {
                op,
                argument: Box::new(argument),
            },
            span: self.finish(start),
        })
    }

    fn parse_prefix_update(&mut self, start: Span) -> PResult<Expr> {
        let op = if self.advance()?.kind == TokenKind::Punct(Punct::PlusPlus) {
            UpdateOp::Increment
        } else {
            UpdateOp::Decrement
        };
        self.enter()?;
        let argument = self.parse_unary()?;
        self.depth -= 1;
        let target = self.simple_assignment_target(argument)?;
        let kind = ExprKind::Update {
            op,
            prefix: true,
            target: Box::new(target),
        };
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    fn parse_await(&mut self, start: Span) -> PResult<Expr> {
        if self.ctx.in_parameters {
            return self.error(start, "`await` is not allowed in formal parameters");
        }
        self.advance()?;
        self.last_yield_or_await = Some(start.start);
        self.enter()?;
        let argument = self.parse_unary()?;
        self.depth -= 1;
        self.reject_bare_arrow(&argument)?;
        Ok(Expr {
            kind: ExprKind::Await(Box::new(argument)),
            span: self.finish(start),
        })
    }

    /// UpdateExpression: LeftHandSideExpression with an optional postfix
    /// `++`/`--` on the same line.
    fn parse_postfix(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        let expr = self.parse_lhs()?;
        let at_update = matches!(
            self.token.kind,
            TokenKind::Punct(Punct::PlusPlus | Punct::MinusMinus)
        );
        if !at_update || self.token.newline_before || self.is_bare_arrow(&expr) {
            return Ok(expr);
        }
        self.parse_postfix_update(start, expr)
    }

    /// A postfix `++`/`--` after `expr`.
    fn parse_postfix_update(&mut self, start: Span, expr: Expr) -> PResult<Expr> {
        let op = if self.token.kind == TokenKind::Punct(Punct::PlusPlus) {
            UpdateOp::Increment
        } else {
            UpdateOp::Decrement
        };
        let target = self.simple_assignment_target(expr)?;
        self.advance()?;
        let kind = ExprKind::Update {
            op,
            prefix: false,
            target: Box::new(target),
        };
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    /// LeftHandSideExpression: `new`, `super`, primary, then member
    /// accesses, calls, tagged templates and optional chains.
    pub(super) fn parse_lhs(&mut self) -> PResult<Expr> {
        let start = self.token.span;
        let expr = match self.token.kind {
            TokenKind::Keyword(Keyword::New) => self.parse_new()?,
            TokenKind::Keyword(Keyword::Super) => self.parse_super(true)?,
            _ => self.parse_primary()?,
        };
        let continues = matches!(
            self.token.kind,
            TokenKind::Punct(Punct::Dot | Punct::QuestionDot | Punct::LBracket | Punct::LParen)
                | TokenKind::Template { .. }
        );
        if !continues || self.is_bare_arrow(&expr) {
            return Ok(expr);
        }
        self.parse_call_tail(expr, start, true)
    }

    /// Member accesses, calls (when `calls`), tagged templates and `?.`
    /// links after `expr`.
    fn parse_call_tail(&mut self, mut expr: Expr, start: Span, calls: bool) -> PResult<Expr> {
        let mut links = 0;
        let mut in_chain = false;
        loop {
            let kind = match self.token.kind {
                TokenKind::Punct(Punct::Dot) => {
                    self.advance()?;
                    let property = self.parse_member_name()?;
                    ExprKind::Member {
                        object: Box::new(expr),
                        property,
                        optional: false,
                    }
                }
                TokenKind::Punct(Punct::QuestionDot) if calls => {
                    self.advance()?;
                    in_chain = true;
                    match self.token.kind {
                        TokenKind::Punct(Punct::LParen) => {
                            let (arguments, _) = self.parse_arguments(false)?;
                            ExprKind::Call {
                                callee: Box::new(expr),
                                arguments,
                                optional: true,
                            }
                        }
                        TokenKind::Punct(Punct::LBracket) => {
                            let property = self.parse_computed_member()?;
                            ExprKind::Member {
                                object: Box::new(expr),
                                property,
                                optional: true,
                            }
                        }
                        TokenKind::Template { .. } => {
                            return self.error(
                                self.token.span,
                                "a tagged template cannot be used in an optional chain",
                            );
                        }
                        _ => {
                            let property = self.parse_member_name()?;
                            ExprKind::Member {
                                object: Box::new(expr),
                                property,
                                optional: true,
                            }
                        }
                    }
                }
                TokenKind::Punct(Punct::QuestionDot) => {
                    return self.error(
                        self.token.span,
                        "an optional chain cannot be used in a `new` expression",
                    );
                }
                TokenKind::Punct(Punct::LBracket) => {
                    let property = self.parse_computed_member()?;
                    ExprKind::Member {
                        object: Box::new(expr),
                        property,
                        optional: false,
                    }
                }
                TokenKind::Punct(Punct::LParen) if calls => {
                    let (arguments, _) = self.parse_arguments(false)?;
                    ExprKind::Call {
                        callee: Box::new(expr),
                        arguments,
                        optional: false,
                    }
                }
                TokenKind::Template { .. } => {
                    if in_chain {
                        return self.error(
                            self.token.span,
                            "a tagged template cannot be used in an optional chain",
                        );
                    }
                    let quasi = self.parse_template(true)?;
                    ExprKind::TaggedTemplate {
                        tag: Box::new(expr),
                        quasi,
                    }
                }
                _ => break,
            };
            links += 1;
            self.enter()?;
            expr = Expr {
                kind,
                span: self.finish(start),
            };
        }
        self.depth -= links;
        if in_chain {
            expr = Expr {
                kind: ExprKind::OptionalChain(Box::new(expr)),
                span: self.finish(start),
            };
        }
        Ok(expr)
    }

    /// The name after `.` or `?.`: an IdentifierName or a private name.
    fn parse_member_name(&mut self) -> PResult<MemberProperty> {
        if let TokenKind::PrivateName(name) = &self.token.kind {
            let name = name.clone();
            self.reference_private_name(&name, self.token.span)?;
            self.advance()?;
            return Ok(MemberProperty::Private(name));
        }
        match self.parse_identifier_name()? {
            Some(name) => Ok(MemberProperty::Named(name)),
            None => Err(self.unexpected("a property name after `.`")),
        }
    }

    /// `[ Expression ]`
    fn parse_computed_member(&mut self) -> PResult<MemberProperty> {
        self.advance()?;
        let property = self.with_in_allowed(Self::parse_expression)?;
        self.expect_punct(Punct::RBracket, "after computed property")?;
        Ok(MemberProperty::Computed(Box::new(property)))
    }

    /// `( arguments )`. With `cover` (the arguments of `async(…)`, which may
    /// become arrow parameters) cover errors are left pending. Returns the
    /// arguments and whether a comma followed a spread argument last.
    pub(super) fn parse_arguments(&mut self, cover: bool) -> PResult<(Vec<Argument>, bool)> {
        self.expect_punct(Punct::LParen, "")?;
        self.with_in_allowed(|parser| {
            let mut arguments = Vec::new();
            let mut spread_then_comma = false;
            while !parser.eat_punct(Punct::RParen)? {
                let spread = parser.eat_punct(Punct::Ellipsis)?;
                let value = parser.parse_assignment_mode(cover)?;
                arguments.push(if spread {
                    Argument::Spread(value)
                } else {
                    Argument::Plain(value)
                });
                if !parser.at_punct(Punct::RParen) {
                    parser.expect_punct(Punct::Comma, "or `)` after argument")?;
                    spread_then_comma = spread && parser.at_punct(Punct::RParen);
                }
            }
            Ok((arguments, spread_then_comma))
        })
    }

    /// `new MemberExpression Arguments?` or `new.target`.
    fn parse_new(&mut self) -> PResult<Expr> {
        let start = self.advance()?.span;
        if self.eat_punct(Punct::Dot)? {
            if !matches!(&self.token.kind, TokenKind::Identifier { name, escaped: false } if &**name == "target")
            {
                return Err(self.unexpected("`target` after `new.`"));
            }
            if !self.ctx.new_target {
                return self.error(start, "`new.target` is only allowed in functions");
            }
            self.advance()?;
            return Ok(Expr {
                kind: ExprKind::NewTarget,
                span: self.finish(start),
            });
        }
        self.enter()?;
        let callee_start = self.token.span;
        let callee = match self.token.kind {
            TokenKind::Keyword(Keyword::New) => self.parse_new()?,
            TokenKind::Keyword(Keyword::Super) => self.parse_super(false)?,
            TokenKind::Keyword(Keyword::Import) => {
                return self.error(callee_start, "unsupported: `import`");
            }
            // `new async()` calls a constructor named `async`.
            TokenKind::Identifier {
                ref name,
                escaped: false,
            } if &**name == "async" => {
                let name = name.clone();
                self.check_identifier_reference(&name, callee_start)?;
                self.advance()?;
                Expr {
                    kind: ExprKind::Identifier(name),
                    span: callee_start,
                }
            }
            _ => self.parse_primary()?,
        };
        if self.is_bare_arrow(&callee) {
            return self.error(
                callee.span,
                "an arrow function cannot be the target of `new` without parentheses",
            );
        }
        let callee = self.parse_call_tail(callee, callee_start, false)?;
        let arguments = if self.at_punct(Punct::LParen) {
            self.parse_arguments(false)?.0
        } else {
            Vec::new()
        };
        self.depth -= 1;
        Ok(Expr {
            kind: ExprKind::New {
                callee: Box::new(callee),
                arguments,
            },
            span: self.finish(start),
        })
    }

    /// `super(…)` (when `calls`), `super.name` or `super[expr]`.
    fn parse_super(&mut self, calls: bool) -> PResult<Expr> {
        let start = self.advance()?.span;
        let kind = match self.token.kind {
            TokenKind::Punct(Punct::LParen) if calls => {
                if !self.ctx.super_call {
                    return self.error(
                        start,
                        "`super()` is only allowed in the constructor of a derived class",
                    );
                }
                ExprKind::SuperCall(self.parse_arguments(false)?.0)
            }
            TokenKind::Punct(Punct::Dot | Punct::LBracket) => {
                if !self.ctx.super_property {
                    return self.error(start, "`super` property access is only allowed in methods");
                }
                let property = if self.eat_punct(Punct::Dot)? {
                    match self.parse_identifier_name()? {
                        Some(name) => MemberProperty::Named(name),
                        None => return Err(self.unexpected("a property name after `super.`")),
                    }
                } else {
                    self.parse_computed_member()?
                };
                ExprKind::SuperMember(property)
            }
            _ => return Err(self.unexpected("`(`, `.` or `[` after `super`")),
        };
        Ok(Expr {
            kind,
            span: self.finish(start),
        })
    }

    /// Records a pending cover error (see [`CoverError`]).
    pub(super) fn push_cover_error(&mut self, span: Span, message: &'static str) {
        self.pending_cover.push(CoverError { span, message });
    }
}
