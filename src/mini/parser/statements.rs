//! Statements and declarations
//! (https://tc39.es/ecma262/#sec-ecmascript-language-statements-and-declarations).
//!
//! Also the directive prologue (`"use strict"`), the restricted productions
//! of automatic semicolon insertion (`return`, `break`, `continue`, `throw`),
//! label and break/continue target checks, and where declarations may
//! appear (Annex B function declarations in sloppy `if` bodies and labels).

use super::scope::LexicalKind;
use super::{PResult, Parser};
use crate::mini::ast::{
    CatchClause, Declarator, Expr, ExprKind, PatternKind, Span, Stmt, StmtKind, SwitchCase,
    VarDecl, VarKind,
};
use crate::mini::token::{Keyword, Punct, TokenKind};

impl Parser<'_> {
    /// Parses statement list items until `is_end`, handling the directive
    /// prologue; returns the statements and whether `"use strict"` was found.
    /// Sets `ctx.strict` as soon as the directive is seen.
    pub(super) fn parse_body_with_directives(
        &mut self,
        is_end: impl Fn(&Self) -> bool,
    ) -> PResult<(Vec<Stmt>, bool)> {
        let mut body = Vec::new();
        let use_strict = self.parse_directive_prologue(&mut body)?;
        while !is_end(self) {
            if self.at_eof() {
                return Err(self.unexpected("`}`"));
            }
            body.push(self.parse_statement_list_item()?);
        }
        Ok((body, use_strict))
    }

    /// The directive prologue: leading statements that are just a string
    /// literal (https://tc39.es/ecma262/#directive-prologue). Pushes them to
    /// `body`; returns whether one was `"use strict"`.
    fn parse_directive_prologue(&mut self, body: &mut Vec<Stmt>) -> PResult<bool> {
        let mut use_strict = false;
        let mut octal_directive: Option<Span> = None;
        while let TokenKind::String {
            legacy_octal_escape,
            ..
        } = self.token.kind
        {
            let span = self.token.span;
            let statement = self.parse_statement_list_item()?;
            let directive = is_directive(&statement, span);
            body.push(statement);
            if !directive {
                break;
            }
            if legacy_octal_escape {
                octal_directive = Some(span);
            }
            let raw = self
                .source
                .get(span.start as usize..span.end as usize)
                .unwrap_or("");
            if raw == "\"use strict\"" || raw == "'use strict'" {
                use_strict = true;
                self.ctx.strict = true;
            }
            if self.ctx.strict
                && let Some(span) = octal_directive
            {
                return self.error(
                    span,
                    "octal escape sequences are not allowed in strict mode code",
                );
            }
        }
        Ok(use_strict)
    }

    /// StatementListItem: a statement or a declaration.
    pub(super) fn parse_statement_list_item(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let result = self.parse_statement_list_item_inner();
        self.depth -= 1;
        result
    }

    fn parse_statement_list_item_inner(&mut self) -> PResult<Stmt> {
        match self.token.kind {
            TokenKind::Keyword(Keyword::Function) => {
                let start = self.token.span;
                return self.parse_function_declaration(start, false);
            }
            TokenKind::Keyword(Keyword::Class) => return self.parse_class_declaration(),
            TokenKind::Keyword(Keyword::Const) => {
                return self.parse_lexical_declaration(VarKind::Const);
            }
            _ => {}
        }
        if self.at_word("let") && self.let_starts_declaration()? {
            return self.parse_lexical_declaration(VarKind::Let);
        }
        if self.at_async_function()? {
            let start = self.advance()?.span;
            return self.parse_function_declaration(start, true);
        }
        let labels = std::mem::take(&mut self.pending_labels);
        self.parse_statement_kind(true, labels)
    }

    /// True when the current `let` starts a declaration (followed by an
    /// identifier, `[` or `{`).
    fn let_starts_declaration(&mut self) -> PResult<bool> {
        let next = self.peek()?;
        Ok(match &next.kind {
            TokenKind::Punct(Punct::LBracket | Punct::LBrace) => true,
            TokenKind::Identifier { name, .. } => {
                // `let \n in`-style identifiers keep `let` an identifier only
                // for the contextual words that cannot be bindings here.
                !(next.newline_before && (&**name == "of" || &**name == "in"))
            }
            _ => false,
        })
    }

    /// True at `async function` with no line break between.
    pub(super) fn at_async_function(&mut self) -> PResult<bool> {
        if !self.at_word("async") {
            return Ok(false);
        }
        let next = self.peek()?;
        Ok(next.kind == TokenKind::Keyword(Keyword::Function) && !next.newline_before)
    }

    /// Statement (in a single-statement position: loop and `if` bodies,
    /// labelled statements).
    pub(super) fn parse_statement(&mut self) -> PResult<Stmt> {
        self.parse_statement_inner(false)
    }

    fn parse_statement_inner(&mut self, in_list: bool) -> PResult<Stmt> {
        self.enter()?;
        let labels = std::mem::take(&mut self.pending_labels);
        let result = self.parse_statement_kind(in_list, labels);
        self.depth -= 1;
        result
    }

    /// Dispatches on the first token. Every arm is a tail call returning the
    /// finished statement, which keeps this frame small in unoptimised
    /// builds (it is on the recursion path of every nested statement).
    fn parse_statement_kind(&mut self, in_list: bool, labels: usize) -> PResult<Stmt> {
        let start = self.token.span;
        match self.token.kind {
            TokenKind::Punct(Punct::LBrace) => self.parse_block_statement(start),
            TokenKind::Punct(Punct::Semicolon) => {
                self.parse_simple_statement(start, StmtKind::Empty, "")
            }
            TokenKind::Keyword(Keyword::Var) => self.parse_var_statement(start),
            TokenKind::Keyword(Keyword::If) => self.parse_if(start),
            TokenKind::Keyword(Keyword::For) => self.parse_for(labels),
            TokenKind::Keyword(Keyword::While) => self.parse_while(start, labels),
            TokenKind::Keyword(Keyword::Do) => self.parse_do_while(start, labels),
            TokenKind::Keyword(Keyword::Continue | Keyword::Break) => {
                self.parse_break_or_continue(start)
            }
            TokenKind::Keyword(Keyword::Return) => self.parse_return(start),
            TokenKind::Keyword(Keyword::With) => self.parse_with(start),
            TokenKind::Keyword(Keyword::Switch) => self.parse_switch(start),
            TokenKind::Keyword(Keyword::Throw) => self.parse_throw(start),
            TokenKind::Keyword(Keyword::Try) => self.parse_try(start),
            TokenKind::Keyword(Keyword::Debugger) => {
                self.parse_simple_statement(start, StmtKind::Debugger, "after `debugger`")
            }
            TokenKind::Keyword(
                Keyword::Function
                | Keyword::Class
                | Keyword::Const
                | Keyword::Import
                | Keyword::Export,
            ) => self.misplaced_declaration(start),
            TokenKind::Identifier { .. } => self.parse_identifier_statement(start, in_list, labels),
            _ => self.parse_expression_statement(start),
        }
    }

    /// `;` or `debugger;`: a keyword (or nothing) then a semicolon.
    fn parse_simple_statement(
        &mut self,
        start: Span,
        kind: StmtKind,
        context: &str,
    ) -> PResult<Stmt> {
        self.advance()?;
        if !context.is_empty() {
            self.consume_semicolon(context)?;
        }
        Ok(Stmt {
            kind,
            span: self.finish(start),
        })
    }

    /// A declaration keyword where only a statement may appear.
    fn misplaced_declaration(&mut self, start: Span) -> PResult<Stmt> {
        let keyword = self.token.kind.clone();
        let dynamic_import = self.peek()?.kind == TokenKind::Punct(Punct::LParen);
        let message = match keyword {
            TokenKind::Keyword(Keyword::Function) => {
                "a function declaration is not allowed here (wrap it in a block)"
            }
            TokenKind::Keyword(Keyword::Class) => "a class declaration is not allowed here",
            TokenKind::Keyword(Keyword::Const) => "a `const` declaration is not allowed here",
            _ if dynamic_import => "unsupported: dynamic `import()`",
            _ => "unsupported: modules (`import`/`export`)",
        };
        self.error(start, message)
    }

    /// A statement starting with an identifier: a label, a misplaced `let`
    /// or `async function` declaration, or an expression statement.
    fn parse_identifier_statement(
        &mut self,
        start: Span,
        in_list: bool,
        labels: usize,
    ) -> PResult<Stmt> {
        if self.peek()?.kind == TokenKind::Punct(Punct::Colon) {
            return self.parse_labelled(start, in_list, labels);
        }
        if self.at_word("let") {
            let next = self.peek()?;
            let same_line_binding = !next.newline_before
                && matches!(
                    next.kind,
                    TokenKind::Identifier { .. } | TokenKind::Punct(Punct::LBrace)
                );
            if next.kind == TokenKind::Punct(Punct::LBracket) || same_line_binding {
                return self.error(start, "a `let` declaration is not allowed here");
            }
        }
        if self.at_async_function()? {
            return self.error(start, "an async function declaration is not allowed here");
        }
        self.parse_expression_statement(start)
    }

    fn parse_block_statement(&mut self, start: Span) -> PResult<Stmt> {
        let body = self.parse_block()?;
        Ok(Stmt {
            kind: StmtKind::Block(body),
            span: self.finish(start),
        })
    }

    fn parse_var_statement(&mut self, start: Span) -> PResult<Stmt> {
        self.advance()?;
        let declaration = self.parse_var_declarators(VarKind::Var, false)?;
        self.consume_semicolon("after variable declaration")?;
        Ok(Stmt {
            kind: StmtKind::VarDecl(declaration),
            span: self.finish(start),
        })
    }

    fn parse_throw(&mut self, start: Span) -> PResult<Stmt> {
        self.advance()?;
        if self.token.newline_before {
            return self.error(self.token.span, "no line break is allowed after `throw`");
        }
        let argument = self.parse_expression()?;
        self.consume_semicolon("after `throw` statement")?;
        Ok(Stmt {
            kind: StmtKind::Throw(argument),
            span: self.finish(start),
        })
    }

    fn parse_expression_statement(&mut self, start: Span) -> PResult<Stmt> {
        let expression = self.parse_expression()?;
        self.consume_semicolon("after expression")?;
        Ok(Stmt {
            kind: StmtKind::Expression(expression),
            span: self.finish(start),
        })
    }

    /// `{ StatementList }` in its own scope.
    pub(super) fn parse_block(&mut self) -> PResult<Vec<Stmt>> {
        self.expect_punct(Punct::LBrace, "")?;
        self.in_block_scope(|parser| parser.parse_statements_until_brace())
    }

    /// Statement list items up to and including the closing `}`.
    fn parse_statements_until_brace(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at_punct(Punct::RBrace) {
            if self.at_eof() {
                return Err(self.unexpected("`}`"));
            }
            body.push(self.parse_statement_list_item()?);
        }
        self.advance()?;
        Ok(body)
    }

    /// `( Expression )` after `if`/`while`/`switch`.
    pub(super) fn parse_parenthesized_condition(&mut self, after: &str) -> PResult<Expr> {
        self.expect_punct(Punct::LParen, &format!("after {after}"))?;
        let test = self.parse_expression()?;
        self.expect_punct(Punct::RParen, "after condition")?;
        Ok(test)
    }

    /// `let`/`const` declaration in a statement list.
    fn parse_lexical_declaration(&mut self, kind: VarKind) -> PResult<Stmt> {
        let start = self.advance()?.span;
        let declaration = self.parse_var_declarators(kind, false)?;
        self.consume_semicolon("after variable declaration")?;
        Ok(Stmt {
            kind: StmtKind::VarDecl(declaration),
            span: self.finish(start),
        })
    }

    /// The declarators after `var`/`let`/`const`. In a `for` head
    /// (`in_for`), missing initializers are left for the caller to check.
    pub(super) fn parse_var_declarators(
        &mut self,
        kind: VarKind,
        in_for: bool,
    ) -> PResult<VarDecl> {
        let mut declarators = Vec::new();
        loop {
            let start = self.token.span;
            let target = self.parse_binding_target()?;
            self.declare_pattern(&target, kind)?;
            let init = if self.eat_punct(Punct::Eq)? {
                Some(self.parse_assignment()?)
            } else {
                None
            };
            let declarator = Declarator {
                target,
                init,
                span: self.finish(start),
            };
            if !in_for {
                self.check_initializer(kind, &declarator)?;
            }
            declarators.push(declarator);
            if !self.eat_punct(Punct::Comma)? {
                return Ok(VarDecl { kind, declarators });
            }
        }
    }

    pub(super) fn check_initializer(&self, kind: VarKind, declarator: &Declarator) -> PResult<()> {
        if declarator.init.is_some() {
            return Ok(());
        }
        if kind == VarKind::Const {
            return self.error(
                declarator.span,
                "missing initializer in `const` declaration",
            );
        }
        if !matches!(declarator.target.kind, PatternKind::Identifier(_)) {
            return self.error(
                declarator.span,
                "missing initializer in destructuring declaration",
            );
        }
        Ok(())
    }

    /// Declares the names bound by `target` as `kind` bindings.
    fn declare_pattern(
        &mut self,
        target: &crate::mini::ast::Pattern,
        kind: VarKind,
    ) -> PResult<()> {
        let mut names = Vec::new();
        super::patterns::bound_names(target, &mut names);
        for (name, span) in names {
            if kind == VarKind::Var {
                self.declare_var(&name, span)?;
            } else {
                if &*name == "let" {
                    return self.error(span, "`let` cannot be a lexically bound name");
                }
                self.declare_lexical(&name, LexicalKind::Declaration, span)?;
            }
        }
        Ok(())
    }

    fn parse_if(&mut self, start: Span) -> PResult<Stmt> {
        self.advance()?;
        let test = self.parse_parenthesized_condition("`if`")?;
        let consequent = Box::new(self.parse_if_body()?);
        let alternate = if self.at_keyword(Keyword::Else) {
            self.advance().map(drop)?;
            Some(Box::new(self.parse_if_body()?))
        } else {
            None
        };
        Ok(Stmt {
            kind: StmtKind::If {
                test,
                consequent,
                alternate,
            },
            span: self.finish(start),
        })
    }

    /// The body of `if`/`else`: a statement, or in sloppy mode a plain
    /// function declaration, which Annex B.3.3 treats as if in a block (so
    /// it is returned wrapped in one).
    fn parse_if_body(&mut self) -> PResult<Stmt> {
        if !self.at_keyword(Keyword::Function) || self.ctx.strict {
            return self.parse_statement();
        }
        let start = self.token.span;
        let declaration =
            self.in_block_scope(|parser| parser.parse_function_declaration_annex_b(start))?;
        Ok(Stmt {
            kind: StmtKind::Block(vec![declaration]),
            span: self.finish(start),
        })
    }

    /// A plain (not async, not generator) function declaration where only
    /// Annex B allows one.
    fn parse_function_declaration_annex_b(&mut self, start: Span) -> PResult<Stmt> {
        let declaration = self.parse_function_declaration(start, false)?;
        if let StmtKind::FunctionDecl(function) = &declaration.kind
            && function.is_generator
        {
            return self.error(start, "a generator declaration is not allowed here");
        }
        Ok(declaration)
    }

    fn parse_break_or_continue(&mut self, start: Span) -> PResult<Stmt> {
        let keyword_token = self.advance()?;
        let is_break = keyword_token.kind == TokenKind::Keyword(Keyword::Break);
        let word = if is_break { "break" } else { "continue" };
        let label = match self.identifier_token() {
            Some((name, span)) if !self.token.newline_before => {
                self.check_identifier(&name, span)?;
                let Some(&(_, is_loop)) = self
                    .ctx
                    .labels
                    .iter()
                    .rev()
                    .find(|(label, _)| *label == name)
                else {
                    return self.error(span, format!("undefined label `{name}`"));
                };
                if !is_break && !is_loop {
                    return self.error(
                        span,
                        format!("`continue` target `{name}` is not an iteration statement"),
                    );
                }
                self.advance()?;
                Some(name)
            }
            _ => {
                let allowed = if is_break {
                    self.ctx.breakable_depth > 0
                } else {
                    self.ctx.loop_depth > 0
                };
                if !allowed {
                    let place = if is_break {
                        "a loop or switch"
                    } else {
                        "a loop"
                    };
                    return self.error(keyword_token.span, format!("`{word}` outside of {place}"));
                }
                None
            }
        };
        self.consume_semicolon(&format!("after `{word}`"))?;
        let kind = if is_break {
            StmtKind::Break(label)
        } else {
            StmtKind::Continue(label)
        };
        Ok(Stmt {
            kind,
            span: self.finish(start),
        })
    }

    fn parse_return(&mut self, start: Span) -> PResult<Stmt> {
        let keyword_token = self.advance()?;
        if !self.ctx.in_function {
            return self.error(keyword_token.span, "`return` outside of a function");
        }
        let ends = self.at_punct(Punct::Semicolon) || self.at_punct(Punct::RBrace) || self.at_eof();
        let argument = if ends || self.token.newline_before {
            None
        } else {
            Some(self.parse_expression()?)
        };
        self.consume_semicolon("after `return` statement")?;
        Ok(Stmt {
            kind: StmtKind::Return(argument),
            span: self.finish(start),
        })
    }

    fn parse_with(&mut self, start: Span) -> PResult<Stmt> {
        let keyword_token = self.advance()?;
        if self.ctx.strict {
            return self.error(
                keyword_token.span,
                "`with` is not allowed in strict mode code",
            );
        }
        let object = self.parse_parenthesized_condition("`with`")?;
        let body = Box::new(self.parse_statement()?);
        Ok(Stmt {
            kind: StmtKind::With { object, body },
            span: self.finish(start),
        })
    }

    fn parse_switch(&mut self, start: Span) -> PResult<Stmt> {
        self.advance()?;
        let discriminant = self.parse_parenthesized_condition("`switch`")?;
        self.expect_punct(Punct::LBrace, "to open the switch body")?;
        self.ctx.breakable_depth += 1;
        let cases = self.in_block_scope(|parser| parser.parse_switch_cases());
        self.ctx.breakable_depth -= 1;
        Ok(Stmt {
            kind: StmtKind::Switch {
                discriminant,
                cases: cases?,
            },
            span: self.finish(start),
        })
    }

    fn parse_switch_cases(&mut self) -> PResult<Vec<SwitchCase>> {
        let mut cases = Vec::new();
        let mut seen_default = false;
        while !self.eat_punct(Punct::RBrace)? {
            let start = self.token.span;
            let test = if self.at_keyword(Keyword::Case) {
                self.advance()?;
                Some(self.parse_expression()?)
            } else if self.at_keyword(Keyword::Default) {
                if seen_default {
                    return self.error(start, "more than one `default` clause in switch");
                }
                seen_default = true;
                self.advance()?;
                None
            } else {
                return Err(self.unexpected("`case`, `default` or `}`"));
            };
            self.expect_punct(Punct::Colon, "after the case")?;
            let mut body = Vec::new();
            while !self.at_keyword(Keyword::Case)
                && !self.at_keyword(Keyword::Default)
                && !self.at_punct(Punct::RBrace)
            {
                if self.at_eof() {
                    return Err(self.unexpected("`}`"));
                }
                body.push(self.parse_statement_list_item()?);
            }
            cases.push(SwitchCase {
                test,
                body,
                span: self.finish(start),
            });
        }
        Ok(cases)
    }

    fn parse_try(&mut self, start: Span) -> PResult<Stmt> {
        self.advance()?;
        let block = self.parse_block()?;
        let handler = if self.at_keyword(Keyword::Catch) {
            let catch_start = self.advance()?.span;
            Some(self.in_block_scope(|parser| parser.parse_catch_rest(catch_start))?)
        } else {
            None
        };
        let finalizer = if self.at_keyword(Keyword::Finally) {
            self.advance()?;
            Some(self.parse_block()?)
        } else {
            None
        };
        if handler.is_none() && finalizer.is_none() {
            return Err(self.unexpected("`catch` or `finally` after the try block"));
        }
        Ok(Stmt {
            kind: StmtKind::Try {
                block,
                handler,
                finalizer,
            },
            span: self.finish(start),
        })
    }

    /// After `catch`: the optional parameter and the block, which share one
    /// scope so `catch (e) { let e; }` is a redeclaration.
    fn parse_catch_rest(&mut self, start: Span) -> PResult<CatchClause> {
        let param = if self.eat_punct(Punct::LParen)? {
            let param = self.parse_binding_target()?;
            let kind = if matches!(param.kind, PatternKind::Identifier(_)) {
                LexicalKind::SimpleCatchParameter
            } else {
                LexicalKind::PatternCatchParameter
            };
            let mut names = Vec::new();
            super::patterns::bound_names(&param, &mut names);
            for (name, span) in names {
                self.declare_lexical(&name, kind, span)?;
            }
            self.expect_punct(Punct::RParen, "after the catch parameter")?;
            Some(param)
        } else {
            None
        };
        self.expect_punct(Punct::LBrace, "to open the catch block")?;
        let body = self.parse_statements_until_brace()?;
        Ok(CatchClause {
            param,
            body,
            span: self.finish(start),
        })
    }

    fn parse_labelled(&mut self, start: Span, in_list: bool, labels: usize) -> PResult<Stmt> {
        let (name, span) = self.identifier_token().expect("caller saw an identifier");
        self.check_identifier(&name, span)?;
        if self.ctx.labels.iter().any(|(label, _)| *label == name) {
            return self.error(span, format!("duplicate label `{name}`"));
        }
        self.advance()?;
        self.advance()?; // `:`
        self.ctx.labels.push((name.clone(), false));
        let body = if self.at_keyword(Keyword::Function) {
            if self.ctx.strict || !in_list {
                return self.error(
                    self.token.span,
                    "a labelled function declaration is not allowed here",
                );
            }
            let function_start = self.token.span;
            self.parse_function_declaration_annex_b(function_start)
        } else {
            self.pending_labels = labels + 1;
            self.parse_statement_inner(in_list)
        };
        self.ctx.labels.pop();
        let body = Box::new(body?);
        Ok(Stmt {
            kind: StmtKind::Labeled { label: name, body },
            span: self.finish(start),
        })
    }
}

/// True when `statement` is exactly the string literal token at `span`
/// followed by a `;` or ASI (a directive).
fn is_directive(statement: &Stmt, span: Span) -> bool {
    matches!(&statement.kind, StmtKind::Expression(Expr { kind: ExprKind::String(_), span: inner })
        if inner.start == span.start && inner.end == span.end && statement.span.start == span.start)
}
