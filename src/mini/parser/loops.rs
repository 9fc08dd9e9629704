//! Iteration statements (https://tc39.es/ecma262/#sec-iteration-statements):
//! `while`, `do … while` (whose `;` is always optional), `for (;;)`,
//! `for-in` and `for-of`, with their heads' declarations or assignment
//! targets, and the iteration labels `continue` may name.

use super::{PResult, Parser};
use crate::mini::ast::{ExprKind, ForHead, ForInit, Span, Stmt, StmtKind, VarKind};
use crate::mini::token::{Keyword, Punct, TokenKind};

impl Parser<'_> {
    pub(super) fn parse_while(&mut self, start: Span, labels: usize) -> PResult<Stmt> {
        self.advance()?;
        let test = self.parse_parenthesized_condition("`while`")?;
        let body = self.parse_loop_body(labels)?;
        Ok(Stmt {
            kind: StmtKind::While { test, body },
            span: self.finish(start),
        })
    }

    pub(super) fn parse_do_while(&mut self, start: Span, labels: usize) -> PResult<Stmt> {
        self.advance()?;
        let body = self.parse_loop_body(labels)?;
        self.expect_keyword(Keyword::While)?;
        let test = self.parse_parenthesized_condition("`while`")?;
        // ASI: a `;` after `do … while (…)` is always optional.
        self.eat_punct(Punct::Semicolon)?;
        Ok(Stmt {
            kind: StmtKind::DoWhile { body, test },
            span: self.finish(start),
        })
    }

    /// A loop body, with the labels directly in front of the loop marked as
    /// iteration labels.
    pub(super) fn parse_loop_body(&mut self, labels: usize) -> PResult<Box<Stmt>> {
        let count = self.ctx.labels.len();
        for label in &mut self.ctx.labels[count - labels.min(count)..] {
            label.1 = true;
        }
        self.ctx.loop_depth += 1;
        self.ctx.breakable_depth += 1;
        let body = self.parse_statement();
        self.ctx.loop_depth -= 1;
        self.ctx.breakable_depth -= 1;
        Ok(Box::new(body?))
    }

    /// `for (…;…;…)`, `for (… in …)`, `for (… of …)`.
    pub(super) fn parse_for(&mut self, labels: usize) -> PResult<Stmt> {
        let start = self.advance()?.span;
        let is_await = self.at_word("await");
        if is_await {
            if !self.ctx.is_async || self.ctx.in_parameters {
                return self.error(
                    self.token.span,
                    "`for await` is only valid in async functions",
                );
            }
            self.advance()?;
        }
        self.expect_punct(Punct::LParen, "after `for`")?;
        let kind = self.in_block_scope(|parser| parser.parse_for_rest(labels, is_await))?;
        Ok(Stmt {
            kind,
            span: self.finish(start),
        })
    }

    fn parse_for_rest(&mut self, labels: usize, is_await: bool) -> PResult<StmtKind> {
        let declaration_kind = match &self.token.kind {
            TokenKind::Keyword(Keyword::Var) => Some(VarKind::Var),
            TokenKind::Keyword(Keyword::Const) => Some(VarKind::Const),
            _ if self.at_word("let") => {
                let next = self.peek()?;
                let binding = matches!(
                    next.kind,
                    TokenKind::Punct(Punct::LBracket | Punct::LBrace)
                ) || matches!(&next.kind, TokenKind::Identifier { name, .. } if &**name != "in" && &**name != "of");
                binding.then_some(VarKind::Let)
            }
            _ => None,
        };
        let init = if let Some(kind) = declaration_kind {
            self.advance()?;
            let saved = std::mem::replace(&mut self.no_in, true);
            let declaration = self.parse_var_declarators(kind, true);
            self.no_in = saved;
            let declaration = declaration?;
            let is_of = self.at_word("of");
            if is_of || self.at_keyword(Keyword::In) {
                let [declarator] = &declaration.declarators[..] else {
                    return self.error(
                        self.token.span,
                        "only one variable may be declared in a for-in/of head",
                    );
                };
                if declarator.init.is_some() {
                    let message = "a for-in/of variable declaration may not have an initializer";
                    if !is_of && kind == VarKind::Var && !self.ctx.strict {
                        return self
                            .error(declarator.span, format!("unsupported: {message} (Annex B)"));
                    }
                    return self.error(declarator.span, message);
                }
                let target = declarator.target.clone();
                return self.parse_for_in_of(
                    ForHead::Declaration { kind, target },
                    is_of,
                    is_await,
                    labels,
                );
            }
            for declarator in &declaration.declarators {
                self.check_initializer(kind, declarator)?;
            }
            Some(ForInit::VarDecl(declaration))
        } else if self.at_punct(Punct::Semicolon) {
            None
        } else {
            let head_start = self.token.span;
            let starts_with_let = self.at_word("let");
            let starts_with_async = self.at_word("async") && !is_await;
            let mark = self.pending_cover.len();
            let saved = std::mem::replace(&mut self.no_in, true);
            let expression = self.parse_expression_cover();
            self.no_in = saved;
            let expression = expression?;
            let is_of = self.at_word("of");
            if is_of || self.at_keyword(Keyword::In) {
                if is_of
                    && (starts_with_let
                        || starts_with_async && matches!(expression.kind, ExprKind::Identifier(_)))
                {
                    return self.error(
                        head_start,
                        "the left side of a for-of loop may not start with `let` or `async`",
                    );
                }
                let target = self.expression_to_assignment_target(expression)?;
                self.pending_cover.truncate(mark);
                return self.parse_for_in_of(ForHead::Target(target), is_of, is_await, labels);
            }
            self.check_cover(mark)?;
            Some(ForInit::Expression(expression))
        };
        if is_await {
            return Err(self.unexpected("`of` in a `for await` head"));
        }
        self.expect_punct(Punct::Semicolon, "after the for-loop initializer")?;
        let test = if self.at_punct(Punct::Semicolon) {
            None
        } else {
            Some(self.parse_expression()?)
        };
        self.expect_punct(Punct::Semicolon, "after the for-loop condition")?;
        let update = if self.at_punct(Punct::RParen) {
            None
        } else {
            Some(self.parse_expression()?)
        };
        self.expect_punct(Punct::RParen, "after the for-loop head")?;
        let body = self.parse_loop_body(labels)?;
        Ok(StmtKind::For {
            init,
            test,
            update,
            body,
        })
    }

    fn parse_for_in_of(
        &mut self,
        head: ForHead,
        is_of: bool,
        is_await: bool,
        labels: usize,
    ) -> PResult<StmtKind> {
        if is_await && !is_of {
            return Err(self.unexpected("`of` in a `for await` head"));
        }
        self.advance()?;
        let right = if is_of {
            self.parse_assignment()?
        } else {
            self.parse_expression()?
        };
        self.expect_punct(Punct::RParen, "after the for-loop head")?;
        let body = self.parse_loop_body(labels)?;
        Ok(if is_of {
            StmtKind::ForOf {
                head,
                iterable: right,
                body,
                is_await,
            }
        } else {
            StmtKind::ForIn {
                head,
                object: right,
                body,
            }
        })
    }
}
