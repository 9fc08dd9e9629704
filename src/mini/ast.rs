//! The abstract syntax tree produced by [`crate::mini::parse_script`].
//!
//! Pure syntax: names are [`Name`]s (shared `Rc<str>`), and no node carries
//! resolution data. The resolver (owned by the runtime side of the mini
//! engine) lowers this tree into its own IR. Every statement, expression and
//! pattern carries a [`Span`]; function and class nodes keep the span of their
//! whole source text so `Function.prototype.toString` can slice
//! [`Script::source`].
//!
//! Shapes follow ECMA-262's grammar loosely (ESTree-like where that is
//! simpler), with these conventions:
//!
//! - Every function-like thing (declaration, expression, arrow, method,
//!   getter, setter, class constructor, class field initializer, class static
//!   block) is one [`Function`] behind an `Rc`, with a [`FunctionKind`].
//! - Assignment targets and binding patterns share one type, [`Pattern`]; the
//!   parser reinterprets object/array literals as assignment patterns
//!   (AssignmentPattern, https://tc39.es/ecma262/#sec-destructuring-assignment).
//! - Optional chains are wrapped in [`ExprKind::OptionalChain`], which marks
//!   the extent a short-circuit skips (like ESTree's `ChainExpression`).
//! - Parentheses leave no node; the parser applies the rules they affect
//!   (e.g. `({a}) = 1` is an error, `(a?.b).c` ends the chain at the `)`).
//!
//! Changelog (shape changes after the first landing are listed here):
//! - v1: initial tree.
//! - v2: `StmtKind::ForOf` gained `is_await` (`for await` is parsed now).

use std::rc::Rc;

/// An identifier, property name or label. Shared so that cloning is cheap;
/// the lexer interns names, so equal names usually share one allocation.
pub type Name = Rc<str>;

/// A source range: byte offsets `start..end` into [`Script::source`], plus the
/// 1-based line and column (counted in `char`s) of `start`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in `char`s.
    pub column: u32,
}

impl Span {
    /// The span from the start of `self` to the end of `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            end: other.end,
            ..self
        }
    }
}

/// A whole script (https://tc39.es/ecma262/#sec-scripts).
#[derive(Clone, Debug)]
pub struct Script {
    /// The statement list, in source order (directives included as
    /// expression statements of string literals).
    pub body: Vec<Stmt>,
    /// True when the directive prologue contains `"use strict"`.
    pub strict: bool,
    /// The full source text; every [`Span`] indexes into it.
    pub source: Rc<str>,
    /// Span of the whole script.
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

/// A statement or declaration with its span.
#[derive(Clone, Debug)]
pub struct Stmt {
    /// What kind of statement this is.
    pub kind: StmtKind,
    /// Source range of the whole statement.
    pub span: Span,
}

/// Statement and declaration kinds.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `expr;`
    Expression(Expr),
    /// `var`/`let`/`const` declaration.
    VarDecl(VarDecl),
    /// `function f() {}`, `function* g() {}`, `async function h() {}`.
    /// The function's [`Function::name`] is always `Some`.
    FunctionDecl(Rc<Function>),
    /// `class C {}`; [`Class::name`] is always `Some`.
    ClassDecl(Rc<Class>),
    /// `{ … }`
    Block(Vec<Stmt>),
    /// `;`
    Empty,
    /// `if (test) consequent else alternate`
    If {
        /// The condition.
        test: Expr,
        /// Statement run when the condition is truthy.
        consequent: Box<Stmt>,
        /// Optional `else` branch.
        alternate: Option<Box<Stmt>>,
    },
    /// `for (init; test; update) body`
    For {
        /// The initializer: a declaration or an expression.
        init: Option<ForInit>,
        /// The condition (absent = always true).
        test: Option<Expr>,
        /// The expression evaluated after each iteration.
        update: Option<Expr>,
        /// The loop body.
        body: Box<Stmt>,
    },
    /// `for (head in object) body`
    ForIn {
        /// What each key is bound or assigned to.
        head: ForHead,
        /// The object whose keys are enumerated.
        object: Expr,
        /// The loop body.
        body: Box<Stmt>,
    },
    /// `for (head of iterable) body`, or `for await (head of iterable)
    /// body` in async functions.
    ForOf {
        /// What each value is bound or assigned to.
        head: ForHead,
        /// The iterable (an AssignmentExpression).
        iterable: Expr,
        /// The loop body.
        body: Box<Stmt>,
        /// `for await`: iterates with the async iteration protocol and
        /// awaits each value (https://tc39.es/ecma262/#sec-for-in-and-for-of-statements).
        is_await: bool,
    },
    /// `while (test) body`
    While {
        /// The condition.
        test: Expr,
        /// The loop body.
        body: Box<Stmt>,
    },
    /// `do body while (test)`
    DoWhile {
        /// The loop body.
        body: Box<Stmt>,
        /// The condition.
        test: Expr,
    },
    /// `continue;` or `continue label;`
    Continue(Option<Name>),
    /// `break;` or `break label;`
    Break(Option<Name>),
    /// `return;` or `return expr;`
    Return(Option<Expr>),
    /// `with (object) body` (sloppy mode only).
    With {
        /// The object whose properties become bindings.
        object: Expr,
        /// The body.
        body: Box<Stmt>,
    },
    /// `switch (discriminant) { cases }`; all clauses share one lexical scope.
    Switch {
        /// The value compared against each `case`.
        discriminant: Expr,
        /// The clauses in source order (at most one has `test: None`).
        cases: Vec<SwitchCase>,
    },
    /// `label: body`
    Labeled {
        /// The label.
        label: Name,
        /// The labelled statement (may be a function declaration in sloppy
        /// mode, Annex B).
        body: Box<Stmt>,
    },
    /// `throw expr;`
    Throw(Expr),
    /// `try { } catch (param) { } finally { }`
    Try {
        /// The protected block.
        block: Vec<Stmt>,
        /// The `catch` clause, if any.
        handler: Option<CatchClause>,
        /// The `finally` block, if any.
        finalizer: Option<Vec<Stmt>>,
    },
    /// `debugger;`
    Debugger,
}

/// `var`, `let` or `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// `var`: function-scoped.
    Var,
    /// `let`: block-scoped, mutable.
    Let,
    /// `const`: block-scoped, immutable.
    Const,
}

/// A `var`/`let`/`const` declaration with one or more declarators.
#[derive(Clone, Debug)]
pub struct VarDecl {
    /// Which keyword introduced it.
    pub kind: VarKind,
    /// The declarators, in order (never empty).
    pub declarators: Vec<Declarator>,
}

/// One `target = init` in a declaration.
#[derive(Clone, Debug)]
pub struct Declarator {
    /// The binding (identifier or destructuring pattern).
    pub target: Pattern,
    /// The initializer. Always present for `const` and for patterns, except in
    /// for-in/of heads (which use [`ForHead`] instead).
    pub init: Option<Expr>,
    /// Source range of the declarator.
    pub span: Span,
}

/// The first part of a `for (;;)` head.
#[derive(Clone, Debug)]
pub enum ForInit {
    /// `for (var/let/const … ; …)`
    VarDecl(VarDecl),
    /// `for (expr; …)`
    Expression(Expr),
}

/// The left side of a `for-in` / `for-of` head.
#[derive(Clone, Debug)]
pub enum ForHead {
    /// `for (var/let/const target in/of …)`; a fresh binding per iteration
    /// for `let`/`const`.
    Declaration {
        /// Which keyword introduced it.
        kind: VarKind,
        /// The binding.
        target: Pattern,
    },
    /// `for (lhs in/of …)`: an assignment target (identifier, member, or an
    /// object/array assignment pattern).
    Target(Pattern),
}

/// One `case test:` or `default:` clause.
#[derive(Clone, Debug)]
pub struct SwitchCase {
    /// The compared expression; `None` for `default`.
    pub test: Option<Expr>,
    /// The clause's statements.
    pub body: Vec<Stmt>,
    /// Source range of the clause.
    pub span: Span,
}

/// `catch (param) { body }` or `catch { body }`.
#[derive(Clone, Debug)]
pub struct CatchClause {
    /// The catch parameter; `None` for an optional catch binding.
    pub param: Option<Pattern>,
    /// The handler block.
    pub body: Vec<Stmt>,
    /// Source range of the clause.
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Functions and classes
// ---------------------------------------------------------------------------

/// What sort of function a [`Function`] node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// `function` declaration or expression (possibly async and/or generator).
    Normal,
    /// `(…) => …` (possibly async).
    Arrow,
    /// A method in an object literal or class (`m() {}`, `*g() {}`,
    /// `async m() {}`).
    Method,
    /// `get x() {}`
    Getter,
    /// `set x(v) {}`
    Setter,
    /// A class's explicit `constructor(…) {}`. Derived-ness comes from
    /// [`Class::heritage`].
    ClassConstructor,
    /// The initializer of a class field (`x = expr`): a method-like function
    /// with no parameters whose body is [`FunctionBody::Expression`].
    ClassFieldInitializer,
    /// A class `static { … }` block: a method-like function with no
    /// parameters.
    ClassStaticBlock,
}

/// Any function-like construct. Shared by `Rc` so function objects can point
/// at their code without copying.
#[derive(Clone, Debug)]
pub struct Function {
    /// What sort of function this is.
    pub kind: FunctionKind,
    /// `async function`, `async () =>`, `async m() {}`.
    pub is_async: bool,
    /// `function*`, `*m() {}`.
    pub is_generator: bool,
    /// The BindingIdentifier of a function declaration or a named function
    /// expression (`None` otherwise; methods get their names from their keys
    /// at run time via SetFunctionName).
    pub name: Option<Name>,
    /// The formal parameters.
    pub params: Params,
    /// The body.
    pub body: FunctionBody,
    /// True when the function's code is strict: inherited from the
    /// surrounding code, from a `"use strict"` directive in its own body, or
    /// because it is class code.
    pub is_strict: bool,
    /// IsSimpleParameterList: no defaults, no rest, no patterns.
    pub has_simple_parameter_list: bool,
    /// The whole source text of the function (for methods: from the first
    /// token of the MethodDefinition, e.g. `get`/`async`/`*`, excluding
    /// `static`; for arrows: from the parameters). Used by
    /// `Function.prototype.toString`.
    pub span: Span,
}

impl Function {
    /// ExpectedArgumentCount: the number of parameters before the first one
    /// with a default or the rest parameter
    /// (https://tc39.es/ecma262/#sec-static-semantics-expectedargumentcount).
    pub fn expected_argument_count(&self) -> usize {
        self.params
            .items
            .iter()
            .position(|element| element.default.is_some())
            .unwrap_or(self.params.items.len())
    }
}

/// A formal parameter list.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// The parameters before any rest parameter.
    pub items: Vec<BindingElement>,
    /// `...rest`, if present.
    pub rest: Option<Pattern>,
}

/// A function body.
#[derive(Clone, Debug)]
pub enum FunctionBody {
    /// `{ statements }` (directives included).
    Statements(Vec<Stmt>),
    /// The concise body of an arrow (`x => x + 1`) or a class field
    /// initializer.
    Expression(Box<Expr>),
}

/// A class declaration or expression.
#[derive(Clone, Debug)]
pub struct Class {
    /// The class's BindingIdentifier (bound inside the class body too).
    pub name: Option<Name>,
    /// `extends expr` (a LeftHandSideExpression).
    pub heritage: Option<Box<Expr>>,
    /// The explicit `constructor` method, if any (kind
    /// [`FunctionKind::ClassConstructor`]). When absent the runtime makes the
    /// default constructor.
    pub constructor: Option<Rc<Function>>,
    /// Every other element, in source order.
    pub elements: Vec<ClassElement>,
    /// The whole source text of the class (what the constructor's
    /// `toString` returns).
    pub span: Span,
}

/// One element of a class body (other than the constructor).
#[derive(Clone, Debug)]
pub enum ClassElement {
    /// A method, getter or setter; the function's kind says which.
    Method {
        /// The property key.
        key: PropertyKey,
        /// `static` or on the prototype.
        is_static: bool,
        /// The method's code.
        function: Rc<Function>,
    },
    /// A field `key = initializer;` or `key;`.
    Field {
        /// The property key (may be private or computed).
        key: PropertyKey,
        /// `static` or per instance.
        is_static: bool,
        /// The initializer as a [`FunctionKind::ClassFieldInitializer`]
        /// function, or `None` (field initialised to `undefined`).
        initializer: Option<Rc<Function>>,
        /// Source range of the field definition.
        span: Span,
    },
    /// `static { … }` as a [`FunctionKind::ClassStaticBlock`] function.
    StaticBlock(Rc<Function>),
}

/// A property name in an object literal, class, or object pattern.
#[derive(Clone, Debug)]
pub enum PropertyKey {
    /// `name` (an IdentifierName, reserved words included) or `"string"`:
    /// the key is this string.
    Named(Name),
    /// A numeric literal key (`1`, `0x10`, `1.5`); the runtime converts it
    /// with Number::toString.
    Number(f64),
    /// `[expr]`
    Computed(Box<Expr>),
    /// `#name` (class elements only); the name excludes the `#`.
    Private(Name),
}

// ---------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------

/// A binding pattern or an assignment target, with its span.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// What kind of pattern this is.
    pub kind: PatternKind,
    /// Source range.
    pub span: Span,
}

/// Pattern kinds.
#[derive(Clone, Debug)]
pub enum PatternKind {
    /// A plain identifier.
    Identifier(Name),
    /// Assignment targets only: an expression whose kind is
    /// [`ExprKind::Member`] or [`ExprKind::SuperMember`] (never optional).
    Member(Box<Expr>),
    /// `{ a, b: c, [k]: d = 1, ...rest }`
    Object {
        /// The properties, in order.
        properties: Vec<ObjectPatternProperty>,
        /// `...rest` (an identifier in binding patterns; identifier or
        /// member in assignment patterns).
        rest: Option<Box<Pattern>>,
    },
    /// `[a, , b = 1, ...rest]`
    Array {
        /// The elements; `None` is an elision (hole).
        elements: Vec<Option<BindingElement>>,
        /// `...rest`
        rest: Option<Box<Pattern>>,
    },
}

/// A pattern with an optional default: a parameter, an array pattern
/// element, or the value side of an object pattern property.
#[derive(Clone, Debug)]
pub struct BindingElement {
    /// The target.
    pub target: Pattern,
    /// `= default`, used when the value is `undefined`.
    pub default: Option<Expr>,
}

/// One `key: target = default` (or shorthand `name = default`) in an object
/// pattern.
#[derive(Clone, Debug)]
pub struct ObjectPatternProperty {
    /// The property read from the value.
    pub key: PropertyKey,
    /// Where the property's value goes, with its default.
    pub value: BindingElement,
    /// True for the shorthand form `{ name }` / `{ name = 1 }` (then `key`
    /// is `Named(name)` and the target is `Identifier(name)`).
    pub shorthand: bool,
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/// An expression with its span.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What kind of expression this is.
    pub kind: ExprKind,
    /// Source range.
    pub span: Span,
}

/// A string value from a literal. JavaScript strings are UTF-16: `value`
/// holds the text, with any lone surrogate replaced by U+FFFD, and
/// `code_units` holds the exact UTF-16 code units only when the literal
/// contains a lone surrogate (so it is almost always `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct JsString {
    /// The string (lone surrogates replaced by U+FFFD).
    pub value: Rc<str>,
    /// Exact UTF-16 code units when `value` could not represent them.
    pub code_units: Option<Rc<[u16]>>,
}

/// A template literal: `quasis.len() == expressions.len() + 1`.
#[derive(Clone, Debug)]
pub struct TemplateLiteral {
    /// The literal pieces, in order.
    pub quasis: Vec<TemplateElement>,
    /// The substitutions `${…}`, in order.
    pub expressions: Vec<Expr>,
    /// Source range, backticks included.
    pub span: Span,
}

/// One literal piece of a template.
#[derive(Clone, Debug)]
pub struct TemplateElement {
    /// The cooked value; `None` when it has an invalid escape (allowed only
    /// in tagged templates).
    pub cooked: Option<JsString>,
    /// The raw source text (line terminators normalised to `\n`).
    pub raw: Rc<str>,
}

/// An argument in a call or `new`.
#[derive(Clone, Debug)]
pub enum Argument {
    /// `expr`
    Plain(Expr),
    /// `...expr`
    Spread(Expr),
}

/// One element of an array literal.
#[derive(Clone, Debug)]
pub enum ArrayElement {
    /// An elision: `[, x]`.
    Hole,
    /// `expr`
    Plain(Expr),
    /// `...expr`
    Spread(Expr),
}

/// One property definition in an object literal.
#[derive(Clone, Debug)]
pub enum PropertyDefinition {
    /// `key: value` (NamedEvaluation applies when the value is an anonymous
    /// function and the key is not `__proto__`).
    KeyValue {
        /// The key.
        key: PropertyKey,
        /// The value.
        value: Expr,
    },
    /// `__proto__: value` (non-computed, not shorthand): sets the
    /// prototype. At most one per literal.
    Proto(Expr),
    /// `{ name }`: the value is the identifier reference `name`.
    Shorthand {
        /// The identifier.
        name: Name,
        /// Its source range (for errors).
        span: Span,
    },
    /// A method, getter or setter; the function's kind says which.
    Method {
        /// The key.
        key: PropertyKey,
        /// The code.
        function: Rc<Function>,
    },
    /// `...expr`
    Spread(Expr),
}

/// The property part of a member access.
#[derive(Clone, Debug)]
pub enum MemberProperty {
    /// `.name`
    Named(Name),
    /// `[expr]`
    Computed(Box<Expr>),
    /// `.#name` (name without the `#`).
    Private(Name),
}

/// Prefix operators other than `++`/`--`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Minus,
    /// `+`
    Plus,
    /// `!`
    Not,
    /// `~`
    BitNot,
    /// `typeof`
    Typeof,
    /// `void`
    Void,
    /// `delete`
    Delete,
}

/// `++` or `--`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateOp {
    /// `++`
    Increment,
    /// `--`
    Decrement,
}

/// Binary operators (everything except the short-circuiting ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `===`
    StrictEq,
    /// `!==`
    StrictNotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `>>>`
    UShr,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `**`
    Exp,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `in`
    In,
    /// `instanceof`
    Instanceof,
}

/// Short-circuiting operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicalOp {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `??`
    Coalesce,
}

/// Assignment operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=` (the only one whose target may be a destructuring pattern).
    Assign,
    /// `op=` for a binary operator (`+=`, `**=`, `>>>=`, …).
    Compound(BinaryOp),
    /// `&&=`, `||=`, `??=` (short-circuiting).
    Logical(LogicalOp),
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// An identifier reference.
    Identifier(Name),
    /// `this`
    This,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A numeric literal.
    Number(f64),
    /// A string literal.
    String(JsString),
    /// `/pattern/flags`: the source text of the pattern and of the flags.
    Regex {
        /// Body text between the slashes, as written.
        pattern: Rc<str>,
        /// Flags text after the closing slash.
        flags: Rc<str>,
    },
    /// `` `a${b}c` ``
    Template(Rc<TemplateLiteral>),
    /// `` tag`a${b}c` ``. The `Rc` identity of `quasi` is the template site
    /// (GetTemplateObject caches per site).
    TaggedTemplate {
        /// The tag function expression.
        tag: Box<Expr>,
        /// The template.
        quasi: Rc<TemplateLiteral>,
    },
    /// `[a, , ...b]`
    Array(Vec<ArrayElement>),
    /// `{ a: 1, b, c() {}, ...d }`
    Object(Vec<PropertyDefinition>),
    /// A function or arrow expression.
    Function(Rc<Function>),
    /// A class expression.
    Class(Rc<Class>),
    /// `op argument`
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        argument: Box<Expr>,
    },
    /// `++x`, `x--`, … (the target is an identifier or member access).
    Update {
        /// `++` or `--`.
        op: UpdateOp,
        /// True for the prefix form.
        prefix: bool,
        /// The simple assignment target.
        target: Box<Pattern>,
    },
    /// `left op right`
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `left && right`, `left || right`, `left ?? right`
    Logical {
        /// The operator.
        op: LogicalOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand (evaluated only when needed).
        right: Box<Expr>,
    },
    /// `target op value`. For [`AssignOp::Assign`] the target may be an
    /// object/array pattern; for other operators it is an identifier or a
    /// member access.
    Assign {
        /// The operator.
        op: AssignOp,
        /// Where the value goes.
        target: Box<Pattern>,
        /// The right-hand side.
        value: Box<Expr>,
    },
    /// `test ? consequent : alternate`
    Conditional {
        /// The condition.
        test: Box<Expr>,
        /// Value when truthy.
        consequent: Box<Expr>,
        /// Value when falsy.
        alternate: Box<Expr>,
    },
    /// `callee(args)` or, inside an optional chain, `callee?.(args)`.
    Call {
        /// The function expression (a member callee gives `this`).
        callee: Box<Expr>,
        /// The arguments.
        arguments: Vec<Argument>,
        /// True for `?.(…)`.
        optional: bool,
    },
    /// `new callee(args)` or `new callee` (then `arguments` is empty).
    New {
        /// The constructor expression.
        callee: Box<Expr>,
        /// The arguments.
        arguments: Vec<Argument>,
    },
    /// `object.name`, `object[expr]`, `object.#name`, or with `?.`.
    Member {
        /// The object.
        object: Box<Expr>,
        /// The property.
        property: MemberProperty,
        /// True for `?.name` / `?.[expr]`.
        optional: bool,
    },
    /// `super.name` / `super[expr]`.
    SuperMember(MemberProperty),
    /// `super(args)`.
    SuperCall(Vec<Argument>),
    /// `new.target`
    NewTarget,
    /// The extent of an optional chain: if any `optional` link inside finds
    /// `null`/`undefined`, this whole expression is `undefined`.
    OptionalChain(Box<Expr>),
    /// `a, b, c` (at least two expressions).
    Sequence(Vec<Expr>),
    /// `yield`, `yield expr`, `yield* expr`.
    Yield {
        /// The operand, if any.
        argument: Option<Box<Expr>>,
        /// True for `yield*`.
        delegate: bool,
    },
    /// `await expr`
    Await(Box<Expr>),
    /// `#name in object`: a private brand check (name without the `#`).
    PrivateIn { name: Name, object: Box<Expr> },
}
