//! The parser: tokens → [`crate::mini::ast`], with automatic semicolon
//! insertion and the early errors that matter for scoping
//! (https://tc39.es/ecma262/#sec-scripts, #sec-automatic-semicolon-insertion).
//!
//! A recursive-descent parser with one token of lookahead (plus an
//! occasional peek). The parts:
//!
//! - `mod.rs` (here): the [`Parser`] state, token helpers, the per-function
//!   [`Context`], identifier rules, nesting limit, and [`parse_script`].
//! - `scope.rs`: declared-name tracking for redeclaration errors.
//! - `statements.rs`: statements and declarations, the directive prologue.
//! - `loops.rs`: `while`, `do-while`, `for`, `for-in`, `for-of`, `for await`.
//! - `expressions.rs`: operators, calls, members, `new`, `super`.
//! - `primary.rs`: primary expressions, parentheses/arrow cover, literals.
//! - `functions.rs`, `classes.rs`: function-like constructs.
//! - `patterns.rs`: binding patterns and the reinterpretation of
//!   expressions as assignment patterns or arrow parameters.
//!
//! Cover grammars are handled the usual way: `( … )` and `async( … )` are
//! parsed as expressions and converted when `=>` follows; `{ a = 1 }` is
//! accepted in object literals and reported unless the literal becomes a
//! pattern. Deliberately left out (reported as `unsupported: …`): modules,
//! `import()`, BigInt, `#x in obj`, Annex B `for (var x = 1 in o)`.
//! Known gaps: `for await (async of …)` is rejected; a `yield`/`await`
//! identifier inside a default value of arrow parameters is only caught for
//! `await` in async arrows.
//!
//! Nesting is bounded two ways (see [`ParseLimits`]): a count of nesting
//! levels (so consumers of the tree may recurse over it), and a budget of
//! native stack measured from the start of the parse (debug builds use much
//! bigger frames than release builds).

mod classes;
mod expressions;
mod functions;
mod loops;
mod patterns;
mod primary;
mod scope;
mod statements;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;

use crate::mini::ast::{Name, Script, Span};
use crate::mini::lexer::Lexer;
use crate::mini::token::{Keyword, Punct, Token, TokenKind};
use scope::Scope;

/// A syntax error (or unsupported syntax) found while parsing, with the
/// 1-based line and column of the offending token. Messages for valid syntax
/// the engine does not support start with `"unsupported: "`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What was expected and what was found.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in `char`s.
    pub column: u32,
}

impl ParseError {
    fn at(span: Span, message: impl Into<String>) -> Self {
        ParseError {
            message: message.into(),
            line: span.line,
            column: span.column,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}:{})", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

type PResult<T> = Result<T, ParseError>;

/// Limits that keep the recursive parser (and the consumers of the tree
/// it builds) from exhausting the native stack. Past either limit the parse
/// fails with "nesting too deep".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseLimits {
    /// How deeply expressions, statements and patterns may nest, counted per
    /// recursive step and per link of a left-associative chain (`a+b+…`,
    /// `a.b.c…`), so it also bounds the depth of the resulting tree.
    pub max_nesting: u32,
    /// How many bytes of native stack the parser may use. Unoptimised builds
    /// use far bigger frames than release builds, so this is what usually
    /// stops deep input in debug builds.
    pub stack_budget: usize,
}

/// The default [`ParseLimits::max_nesting`].
pub const MAX_NESTING: u32 = 1000;

/// The default [`ParseLimits::stack_budget`]: 3 MiB, so `parse_script`
/// is safe on any thread with at least 4 MiB of stack (the 8 MiB main
/// thread, or a spawned thread sized for it; libtest's 2 MiB test threads
/// are only safe for ordinary, non-pathological nesting).
pub const STACK_BUDGET: usize = 3 << 20;

impl Default for ParseLimits {
    fn default() -> Self {
        ParseLimits {
            max_nesting: MAX_NESTING,
            stack_budget: STACK_BUDGET,
        }
    }
}

/// Parses `source` as a Script (https://tc39.es/ecma262/#sec-scripts) with
/// the default [`ParseLimits`].
pub fn parse_script(source: &str) -> Result<Script, ParseError> {
    parse_script_with_limits(source, ParseLimits::default())
}

/// What the code around a direct eval allows inside it (PerformEval
/// steps 5.–8.: strictCaller, inFunction, inMethod,
/// inClassFieldInitializer, and the private names in scope).
#[derive(Clone, Debug, Default)]
pub struct EvalContext {
    pub strict: bool,
    /// `new.target` is allowed.
    pub in_function: bool,
    /// `super.x` is allowed.
    pub in_method: bool,
    /// `super(…)` is allowed.
    pub in_derived_constructor: bool,
    /// `arguments` is an error.
    pub in_class_field_initializer: bool,
    /// Private names of the enclosing classes (without the `#`).
    pub private_names: Vec<Name>,
}

/// Parses the source of an eval (PerformEval steps 4.–11.): code whose
/// caller is strict is strict code from its first token, with or without a
/// "use strict" directive of its own; the caller decides what else the
/// code may contain.
pub fn parse_eval_script(source: &str, context: &EvalContext) -> Result<Script, ParseError> {
    let mut parser = Parser::new(source, ParseLimits::default())?;
    parser.ctx.strict = context.strict;
    parser.ctx.new_target = context.in_function;
    parser.ctx.super_property = context.in_method;
    parser.ctx.super_call = context.in_derived_constructor;
    parser.ctx.in_class_field = context.in_class_field_initializer;
    parser
        .classes
        .push(classes::PrivateScope::declaring(&context.private_names));
    let script = parser.parse_script()?;
    if let Some(scope) = parser.classes.pop()
        && let Some((name, span)) = scope.first_undeclared()
    {
        return parser.error(span, format!("private name `#{name}` is not defined"));
    }
    Ok(script)
}

/// Parses `source` as a Script under `limits`.
pub fn parse_script_with_limits(source: &str, limits: ParseLimits) -> Result<Script, ParseError> {
    let mut parser = Parser::new(source, limits)?;
    parser.parse_script()
}

/// Per-function parsing state: what the grammar parameters ([Yield],
/// [Await], [Return]) and the surrounding code allow here.
#[derive(Clone, Debug, Default)]
struct Context {
    /// Strict mode code.
    strict: bool,
    /// Inside a function body (`return` allowed).
    in_function: bool,
    /// `await` is an operator (async function or async arrow).
    is_async: bool,
    /// `yield` is an operator (generator function).
    is_generator: bool,
    /// Parsing formal parameters: `yield`/`await` expressions are errors.
    in_parameters: bool,
    /// `new.target` allowed (inside a non-arrow function, or an arrow in one).
    new_target: bool,
    /// `super.x` allowed.
    super_property: bool,
    /// `super(…)` allowed (derived class constructors and arrows in them).
    super_call: bool,
    /// In a class field initializer or static block: `arguments` is an error.
    in_class_field: bool,
    /// In a class static block: `await` is reserved.
    in_static_block: bool,
    /// Enclosing iteration statements in this function.
    loop_depth: u32,
    /// Enclosing iteration or switch statements in this function.
    breakable_depth: u32,
    /// Labels in scope: name and whether it labels an iteration statement.
    labels: Vec<(Name, bool)>,
}

/// A pending "cover grammar" error: syntax that is valid only if the
/// enclosing literal turns out to be a destructuring pattern.
#[derive(Clone, Debug)]
struct CoverError {
    span: Span,
    message: &'static str,
}

/// The parser state.
pub(crate) struct Parser<'src> {
    lexer: Lexer<'src>,
    source: Rc<str>,
    /// The current token.
    token: Token,
    /// A token read ahead of `token`, if any.
    peeked: Option<Token>,
    /// End offset of the last consumed token (the end of finished nodes).
    prev_end: u32,
    ctx: Context,
    scopes: Vec<Scope>,
    depth: u32,
    limits: ParseLimits,
    /// Address of a local in the frame that started the parse.
    stack_base: usize,
    /// Spans of expressions written inside parentheses.
    parenthesized: HashSet<(u32, u32)>,
    /// Start offsets of array literals with a comma after a spread element.
    spread_then_comma: HashSet<u32>,
    pending_cover: Vec<CoverError>,
    /// Start offset of the latest `yield`/`await` expression (arrow
    /// parameters may not contain them).
    last_yield_or_await: Option<u32>,
    /// Start offset of the latest identifier reference named `await`.
    last_await_identifier: Option<u32>,
    /// Labels directly in front of the statement being parsed.
    pending_labels: usize,
    /// `in` is not an operator here (the init of a `for` head).
    no_in: bool,
    /// Private names declared by enclosing classes, innermost last, plus
    /// references not yet resolved.
    classes: Vec<classes::PrivateScope>,
}

impl<'src> Parser<'src> {
    fn new(source: &'src str, limits: ParseLimits) -> PResult<Self> {
        let marker = 0u8;
        let stack_base = std::ptr::addr_of!(marker) as usize;
        if source.len() >= u32::MAX as usize {
            return Err(ParseError {
                message: "source too large".into(),
                line: 1,
                column: 1,
            });
        }
        let mut lexer = Lexer::new(source);
        let token = lexer.next_token()?;
        Ok(Parser {
            lexer,
            source: Rc::from(source),
            token,
            peeked: None,
            prev_end: 0,
            ctx: Context::default(),
            scopes: Vec::new(),
            depth: 0,
            limits,
            stack_base,
            parenthesized: HashSet::new(),
            spread_then_comma: HashSet::new(),
            pending_cover: Vec::new(),
            last_yield_or_await: None,
            last_await_identifier: None,
            pending_labels: 0,
            no_in: false,
            classes: Vec::new(),
        })
    }

    fn parse_script(&mut self) -> PResult<Script> {
        let start = self.token.span;
        self.scopes.push(Scope::function());
        let (body, strict) = self.parse_body_with_directives(|parser| parser.at_eof())?;
        self.scopes.pop();
        if !self.at_eof() {
            return Err(self.unexpected("a statement"));
        }
        let span = Span {
            start: 0,
            end: self.source.len() as u32,
            line: 1,
            column: 1,
        };
        let _ = start;
        Ok(Script {
            body,
            strict,
            source: self.source.clone(),
            span,
        })
    }

    // -- tokens ------------------------------------------------------------

    /// Consumes the current token and returns it.
    fn advance(&mut self) -> PResult<Token> {
        let next = match self.peeked.take() {
            Some(token) => token,
            None => self.lexer.next_token()?,
        };
        let previous = std::mem::replace(&mut self.token, next);
        self.prev_end = previous.span.end;
        Ok(previous)
    }

    /// The token after the current one.
    fn peek(&mut self) -> PResult<&Token> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next_token()?);
        }
        Ok(self.peeked.as_ref().expect("peeked was just filled"))
    }

    /// Re-reads the current `/` or `/=` token as a regular expression.
    fn rescan_regex(&mut self) -> PResult<()> {
        self.peeked = None;
        self.token = self.lexer.rescan_regex(&self.token)?;
        Ok(())
    }

    /// Re-reads the current `}` as a template continuation.
    fn rescan_template(&mut self) -> PResult<()> {
        self.peeked = None;
        self.token = self.lexer.rescan_template_continuation(&self.token)?;
        Ok(())
    }

    fn at_eof(&self) -> bool {
        self.token.kind == TokenKind::Eof
    }

    fn at_punct(&self, punct: Punct) -> bool {
        self.token.kind == TokenKind::Punct(punct)
    }

    fn at_keyword(&self, keyword: Keyword) -> bool {
        self.token.kind == TokenKind::Keyword(keyword)
    }

    /// The current token is the unescaped contextual word `word`.
    fn at_word(&self, word: &str) -> bool {
        matches!(&self.token.kind, TokenKind::Identifier { name, escaped: false } if &**name == word)
    }

    fn eat_punct(&mut self, punct: Punct) -> PResult<bool> {
        if self.at_punct(punct) {
            self.advance()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Consumes `punct` or fails with "expected `punct` {context}".
    fn expect_punct(&mut self, punct: Punct, context: &str) -> PResult<Token> {
        if self.at_punct(punct) {
            return self.advance();
        }
        let what = if context.is_empty() {
            format!("`{}`", punct.as_str())
        } else {
            format!("`{}` {context}", punct.as_str())
        };
        Err(self.unexpected(&what))
    }

    fn expect_keyword(&mut self, keyword: Keyword) -> PResult<Token> {
        if self.at_keyword(keyword) {
            return self.advance();
        }
        Err(self.unexpected(&format!("`{}`", keyword.as_str())))
    }

    /// Automatic semicolon insertion: a `;`, or a `}`, end of input or a
    /// line break before the current token
    /// (https://tc39.es/ecma262/#sec-rules-of-automatic-semicolon-insertion).
    fn consume_semicolon(&mut self, context: &str) -> PResult<()> {
        if self.eat_punct(Punct::Semicolon)? {
            return Ok(());
        }
        if self.at_punct(Punct::RBrace) || self.at_eof() || self.token.newline_before {
            return Ok(());
        }
        Err(self.unexpected(&format!("`;` {context}")))
    }

    /// The span from `start` to the end of the last consumed token.
    fn finish(&self, start: Span) -> Span {
        Span {
            end: self.prev_end.max(start.start),
            ..start
        }
    }

    // -- errors ------------------------------------------------------------

    /// "expected {expected}, found {current token}".
    fn unexpected(&self, expected: &str) -> ParseError {
        ParseError::at(
            self.token.span,
            format!("expected {expected}, found {}", self.token.kind.describe()),
        )
    }

    fn error<T>(&self, span: Span, message: impl Into<String>) -> PResult<T> {
        Err(ParseError::at(span, message))
    }

    // -- nesting limit -----------------------------------------------------

    /// Enters one nesting level; fails past `limits.max_nesting` levels or
    /// when the parser's frames use more than `limits.stack_budget` bytes.
    /// Callers decrement `self.depth` on success paths (errors abort the
    /// parse).
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        let too_deep =
            self.depth > self.limits.max_nesting || self.stack_used() > self.limits.stack_budget;
        if too_deep {
            return self.error(self.token.span, "nesting too deep");
        }
        Ok(())
    }

    /// Approximate stack bytes used since the parse started (the stack
    /// grows down on every supported target; if it grew up this is 0 and
    /// only the nesting count applies).
    fn stack_used(&self) -> usize {
        let marker = 0u8;
        self.stack_base
            .saturating_sub(std::ptr::addr_of!(marker) as usize)
    }

    // -- identifiers -------------------------------------------------------

    /// If the current token can be an Identifier (not a reserved word),
    /// its name and span.
    fn identifier_token(&self) -> Option<(Name, Span)> {
        match &self.token.kind {
            TokenKind::Identifier { name, .. } => Some((name.clone(), self.token.span)),
            _ => None,
        }
    }

    /// Checks the rules for an identifier used as a reference or binding
    /// (https://tc39.es/ecma262/#sec-identifiers-static-semantics-early-errors).
    fn check_identifier(&self, name: &str, span: Span) -> PResult<()> {
        if Keyword::from_text(name).is_some() {
            return self.error(
                span,
                format!("keyword `{name}` cannot be used as an identifier"),
            );
        }
        let strict_reserved = matches!(
            name,
            "implements"
                | "interface"
                | "let"
                | "package"
                | "private"
                | "protected"
                | "public"
                | "static"
                | "yield"
        );
        if self.ctx.strict && strict_reserved {
            return self.error(
                span,
                format!("`{name}` is a reserved word in strict mode code"),
            );
        }
        if name == "yield" && self.ctx.is_generator {
            return self.error(
                span,
                "`yield` cannot be used as an identifier in a generator",
            );
        }
        if name == "await" && (self.ctx.is_async || self.ctx.in_static_block) {
            return self.error(
                span,
                "`await` cannot be used as an identifier in an async function",
            );
        }
        Ok(())
    }

    /// Checks a BindingIdentifier: the identifier rules plus strict
    /// `eval`/`arguments`.
    fn check_binding_identifier(&self, name: &str, span: Span) -> PResult<()> {
        self.check_identifier(name, span)?;
        if self.ctx.strict && (name == "eval" || name == "arguments") {
            return self.error(
                span,
                format!("`{name}` cannot be a binding name in strict mode code"),
            );
        }
        Ok(())
    }

    /// Consumes a BindingIdentifier.
    fn parse_binding_identifier(&mut self) -> PResult<(Name, Span)> {
        let Some((name, span)) = self.identifier_token() else {
            return Err(self.unexpected("an identifier"));
        };
        self.check_binding_identifier(&name, span)?;
        self.advance()?;
        Ok((name, span))
    }

    /// Consumes an IdentifierName (reserved words allowed): property names
    /// after `.`, keys, labels are checked elsewhere.
    fn parse_identifier_name(&mut self) -> PResult<Option<Name>> {
        let name = match &self.token.kind {
            TokenKind::Identifier { name, .. } => name.clone(),
            TokenKind::Keyword(keyword) => self.lexer.intern(keyword.as_str()),
            _ => return Ok(None),
        };
        self.advance()?;
        Ok(Some(name))
    }

    /// Runs `f` with `ctx` replaced by `ctx`, restoring the old one after.
    fn with_context<T>(
        &mut self,
        ctx: Context,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let saved = std::mem::replace(&mut self.ctx, ctx);
        let saved_no_in = std::mem::replace(&mut self.no_in, false);
        let result = f(self);
        self.ctx = saved;
        self.no_in = saved_no_in;
        result
    }

    /// Runs `f` with the `in` operator allowed (inside brackets).
    fn with_in_allowed<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let saved = std::mem::replace(&mut self.no_in, false);
        let result = f(self);
        self.no_in = saved;
        result
    }

    fn is_parenthesized(&self, span: Span) -> bool {
        self.parenthesized.contains(&(span.start, span.end))
    }

    /// Reports the first cover error recorded after `mark`, if any.
    fn check_cover(&self, mark: usize) -> PResult<()> {
        match self.pending_cover.get(mark) {
            Some(error) => self.error(error.span, error.message),
            None => Ok(()),
        }
    }
}
