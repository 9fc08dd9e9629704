//! The resolved tree the evaluator runs (NON-SPEC representation).
//!
//! The resolver (`resolver/`) lowers the parser's AST into this tree. It has
//! the same statements and expressions, but every identifier carries its
//! resolved [`Address`], every scope says whether it needs an Environment
//! Record and which bindings it declares, and every function carries the
//! plan its FunctionDeclarationInstantiation follows. The evaluator never
//! looks a local name up by string.

use std::cell::RefCell;
use std::rc::Rc;

use super::environment::{BindingKind, ScopeInfo};
use super::object::Obj;
use super::property::PropertyKey;
use super::value::{JsStr, Value};

/// A statement label (NON-SPEC: labels are numbered by name within one
/// resolution, so equal names get equal ids and comparing ids compares
/// names; a `break`/`continue` never leaves its function, so ids from
/// different resolutions never meet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelId(pub std::num::NonZeroU32);

/// Where a binding lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// NON-SPEC: a register of the running frame (a binding no closure
    /// captures).
    Register(u32),
    /// `slot` of the Environment Record `hops` steps out from the running
    /// execution context's LexicalEnvironment.
    Env { hops: u32, slot: u32 },
    /// Not declared in any enclosing function or block scope: a property of
    /// the global object (the Global Environment Record's object record).
    Global(JsStr),
    /// Resolved at run time by name (GetIdentifierReference): the reference
    /// passes a `with` object or a scope a sloppy direct `eval` may add
    /// var bindings to, or it is in eval code.
    Dynamic(JsStr),
}

/// A resolved identifier reference.
#[derive(Clone, Debug)]
pub struct Ident {
    pub name: JsStr,
    pub address: Address,
    /// How the binding was declared (`Var` for globals).
    pub kind: BindingKind,
    /// NON-SPEC inline cache for a global look-up: the position of the
    /// property in the global object's property list last time.
    pub cache: std::cell::Cell<u32>,
}

impl Ident {
    pub fn new(name: JsStr, address: Address, kind: BindingKind) -> Self {
        Ident {
            name,
            address,
            kind,
            cache: std::cell::Cell::new(u32::MAX),
        }
    }
}

/// Where `this`, `new.target` and the [[HomeObject]] of the enclosing
/// non-arrow function are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionRef {
    /// The running frame's own (the code is not inside an arrow, and no
    /// arrow captures them).
    Frame,
    /// The Function Environment Record `hops` out (GetThisEnvironment,
    /// resolved statically).
    Env { hops: u32 },
    /// Top-level code: the Global Environment Record.
    Global,
}

/// What sort of function a [`FunctionCode`] is (mirrors the AST's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    Normal,
    Arrow,
    Method,
    Getter,
    Setter,
    ClassConstructor,
    ClassFieldInitializer,
    ClassStaticBlock,
}

/// Source text of a function or class, for `Function.prototype.toString`.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub source: Rc<str>,
    pub start: u32,
    pub end: u32,
}

impl SourceText {
    pub fn text(&self) -> &str {
        self.source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// A scope's run-time shape: its record (if any) and its register bindings.
#[derive(Clone, Debug, Default)]
pub struct BlockScope {
    /// The bindings that need an Environment Record (captured ones), or
    /// None when the scope needs no record.
    pub env: Option<Rc<ScopeInfo>>,
    /// Registers of lexical bindings to put back in their TDZ on entry.
    pub tdz_registers: Vec<u32>,
    /// Function declarations instantiated on entry
    /// (BlockDeclarationInstantiation step 3.b).
    pub functions: Vec<(Ident, Rc<FunctionCode>)>,
}

impl BlockScope {
    pub fn is_empty(&self) -> bool {
        self.env.is_none() && self.tdz_registers.is_empty() && self.functions.is_empty()
    }
}

/// The `arguments` object a function creates.
#[derive(Clone, Debug)]
pub struct ArgumentsPlan {
    /// Mapped (sloppy, simple parameters) or unmapped.
    pub mapped: bool,
    /// The binding that holds it.
    pub binding: Ident,
    /// For a mapped object: the function-record slot of each parameter
    /// name (None for a duplicated earlier name).
    pub parameter_slots: Vec<Option<u32>>,
}

/// The plan FunctionDeclarationInstantiation follows for one function.
#[derive(Clone, Debug, Default)]
pub struct InstantiationPlan {
    /// The Function Environment Record's captured bindings; None when the
    /// function needs no record (nothing captured, no captured `this`).
    pub function_scope: Option<Rc<ScopeInfo>>,
    /// Step 22–26: the `arguments` object, when referenced.
    pub arguments: Option<ArgumentsPlan>,
    /// Step 28: the separate var environment when parameters have
    /// expressions (None when merged with the function scope or when it
    /// needs no record).
    pub var_scope: Option<Rc<ScopeInfo>>,
    /// True when there is a separate var scope at all (step 28).
    pub separate_var_scope: bool,
    /// Step 27/28: var bindings to initialise, each to undefined or (step
    /// 28.f.i.4) to the same-named parameter's value.
    pub vars: Vec<(Ident, Option<Ident>)>,
    /// Step 34–35: lexical bindings in registers, put in their TDZ.
    pub tdz_registers: Vec<u32>,
    /// Step 36: function declarations to instantiate.
    pub functions: Vec<(Ident, Rc<FunctionCode>)>,
    /// NON-SPEC: true when the steps above reduce to binding simple
    /// parameters (no `arguments`, no var/lexical/function set-up), so
    /// [[Call]] can take a shorter path.
    pub only_parameters: bool,
}

/// One formal parameter.
#[derive(Clone, Debug)]
pub struct Param {
    pub target: Pattern,
    pub default: Option<Expr>,
}

/// A function body.
#[derive(Clone, Debug)]
pub enum Body {
    Statements(Vec<Stmt>),
    /// A concise arrow body or a field initializer.
    Expression(Expr),
}

/// Everything a function object's code needs ([[ECMAScriptCode]],
/// [[FormalParameters]], [[Strict]], [[SourceText]] …).
#[derive(Debug)]
pub struct FunctionCode {
    /// The BindingIdentifier, if any.
    pub name: Option<JsStr>,
    pub kind: FunctionKind,
    pub is_async: bool,
    pub is_generator: bool,
    pub strict: bool,
    pub params: Vec<Param>,
    pub rest: Option<Pattern>,
    /// IsSimpleParameterList
    pub simple_params: bool,
    /// ExpectedArgumentCount
    pub length: u32,
    pub body: Body,
    pub source_text: SourceText,
    /// Registers the frame needs (NON-SPEC).
    pub register_count: u32,
    pub plan: InstantiationPlan,
    /// InstantiateOrdinaryFunctionExpression's funcEnv holding the
    /// function's own name, when the body refers to it.
    pub self_name_scope: Option<Rc<ScopeInfo>>,
    /// True if the function's `this` is read through its record (an arrow
    /// inside captures it).
    pub this_in_env: bool,
    /// NON-SPEC: false when nothing reads the function's `this`, so a call
    /// need not compute it (OrdinaryCallBindThis has no other effect).
    pub uses_this: bool,
    /// NON-SPEC: when FunctionDeclarationInstantiation only binds simple
    /// parameters and each lives in a register, those registers in
    /// parameter order: a call can then evaluate its arguments straight
    /// into the callee's registers.
    pub param_registers: Option<Box<[u32]>>,
}

/// A class definition.
#[derive(Debug)]
pub struct ClassCode {
    pub name: Option<JsStr>,
    /// The class scope (ClassDefinitionEvaluation step 3: classEnv with the
    /// inner name binding and private names).
    pub scope: BlockScope,
    /// The inner class-name binding.
    pub inner_binding: Option<Ident>,
    pub heritage: Option<Expr>,
    /// The explicit constructor, or a synthesised default one.
    pub constructor: Rc<FunctionCode>,
    /// True when the constructor was synthesised (default constructor).
    pub default_constructor: bool,
    pub elements: Vec<ClassElement>,
    pub source_text: SourceText,
    /// Private names declared by the class: (binding, description).
    pub private_names: Vec<(Ident, JsStr)>,
}

/// A property key in a literal, class or pattern.
#[derive(Clone, Debug)]
pub enum PropKey {
    Named(PropertyKey),
    Computed(Box<Expr>),
    /// `#x`: the binding holding the class's private name.
    Private(Ident),
}

/// A class element.
#[derive(Clone, Debug)]
pub enum ClassElement {
    Method {
        key: PropKey,
        is_static: bool,
        code: Rc<FunctionCode>,
    },
    Field {
        key: PropKey,
        is_static: bool,
        initializer: Option<Rc<FunctionCode>>,
    },
    StaticBlock(Rc<FunctionCode>),
}

/// A binding pattern or assignment target.
#[derive(Clone, Debug)]
pub enum Pattern {
    Ident(Ident),
    /// Assignment only: `o.p`, `o[k]`.
    Member {
        object: Box<Expr>,
        property: MemberProp,
    },
    /// Assignment only: `super.p`.
    SuperMember {
        property: MemberProp,
        this_ref: FunctionRef,
    },
    Object {
        properties: Vec<(PropKey, Pattern, Option<Expr>)>,
        rest: Option<Box<Pattern>>,
    },
    Array {
        elements: Vec<Option<(Pattern, Option<Expr>)>>,
        rest: Option<Box<Pattern>>,
    },
}

/// The property part of a member access.
#[derive(Clone, Debug)]
pub enum MemberProp {
    /// `.name`, with the access site's inline cache (see
    /// `PropertyMap::get_cached`).
    Named(PropertyKey, std::cell::Cell<u32>),
    Computed(Box<Expr>),
    Private(Ident),
}

/// A call or array argument.
#[derive(Clone, Debug)]
pub enum Arg {
    Plain(Expr),
    Spread(Expr),
}

/// An object literal entry.
#[derive(Clone, Debug)]
pub enum PropDef {
    KeyValue {
        key: PropKey,
        value: Expr,
        anonymous_function: bool,
    },
    Proto(Expr),
    Method {
        key: PropKey,
        code: Rc<FunctionCode>,
    },
    Spread(Expr),
}

/// A tagged template's site (GetTemplateObject caches per site).
#[derive(Debug)]
pub struct TemplateSite {
    pub cooked: Vec<Option<JsStr>>,
    pub raw: Vec<JsStr>,
    /// NON-SPEC: the cached template object ([[TemplateMap]]).
    pub cache: RefCell<Option<Obj>>,
}

pub use super::interpreter::operators::{BinaryOp, LogicalOp, UnaryOp, UpdateOp};

/// Expressions.
#[derive(Clone, Debug)]
pub enum Expr {
    Literal(Value),
    Ident(Ident),
    This(FunctionRef),
    Template {
        quasis: Vec<JsStr>,
        exprs: Vec<Expr>,
    },
    TaggedTemplate {
        tag: Box<Expr>,
        site: Rc<TemplateSite>,
        exprs: Vec<Expr>,
    },
    Regex {
        pattern: JsStr,
        flags: JsStr,
    },
    Array(Vec<Option<Arg>>),
    Object(Vec<PropDef>),
    /// A function, arrow, or method expression; `name` is the NamedEvaluation
    /// name for anonymous ones.
    Function {
        code: Rc<FunctionCode>,
        name: Option<JsStr>,
    },
    Class {
        code: Rc<ClassCode>,
        name: Option<JsStr>,
    },
    Unary(UnaryOp, Box<Expr>),
    TypeofIdent(Ident),
    DeleteIdent(Ident),
    DeleteMember {
        object: Box<Expr>,
        property: MemberProp,
    },
    Update {
        op: UpdateOp,
        prefix: bool,
        target: Box<Pattern>,
    },
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A binary operator whose right operand is a number literal (`i < n`
    /// is not one, `n - 1` is): NON-SPEC, a shorter path for a common
    /// shape; the same semantics as `Binary`.
    BinaryNumber(BinaryOp, Box<Expr>, f64),
    Logical(LogicalOp, Box<Expr>, Box<Expr>),
    /// `target = value` (target may be a destructuring pattern).
    Assign {
        target: Box<Pattern>,
        value: Box<Expr>,
    },
    /// `target op= value`
    CompoundAssign {
        op: BinaryOp,
        target: Box<Pattern>,
        value: Box<Expr>,
    },
    /// `target &&= value` etc.
    LogicalAssign {
        op: LogicalOp,
        target: Box<Pattern>,
        value: Box<Expr>,
    },
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Call {
        callee: Box<Expr>,
        args: Vec<Arg>,
        optional: bool,
    },
    New {
        callee: Box<Expr>,
        args: Vec<Arg>,
    },
    Member {
        object: Box<Expr>,
        property: MemberProp,
        optional: bool,
    },
    /// `#x in obj`
    PrivateIn {
        name: Ident,
        object: Box<Expr>,
    },
    SuperMember {
        property: MemberProp,
        this_ref: FunctionRef,
    },
    SuperCall {
        args: Vec<Arg>,
        this_ref: FunctionRef,
    },
    NewTarget(FunctionRef),
    OptionalChain(Box<Expr>),
    Sequence(Vec<Expr>),
    Yield {
        argument: Option<Box<Expr>>,
        delegate: bool,
    },
    Await(Box<Expr>),
    /// `eval(…)` where `eval` may be the intrinsic: a direct eval
    /// (#sec-function-calls-runtime-semantics-evaluation step 6).
    DirectEval(Box<DirectEval>),
}

/// What a direct eval needs to know about its caller (NON-SPEC: the
/// static facts PerformEval would find in the running execution context).
#[derive(Clone, Debug)]
pub struct DirectEval {
    /// The `eval` identifier.
    pub callee: Ident,
    pub args: Vec<Arg>,
    /// Whether the calling code is strict.
    pub strict: bool,
    /// Hops from the running environment to the caller's
    /// VariableEnvironment (None: the global environment).
    pub var_env_hops: Option<u32>,
    /// Where the caller's `this` / new.target / [[HomeObject]] are.
    pub this_ref: FunctionRef,
}

/// `var`/`let`/`const` as the resolver keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Var,
    Let,
    Const,
}

/// A for-in/of binding.
#[derive(Clone, Debug)]
pub enum ForBinding {
    /// `for (x in …)`, `for (var x in …)`: PutValue.
    Assign(Pattern),
    /// `for (let/const x in …)`: a fresh environment per iteration.
    Lexical {
        scope: BlockScope,
        pattern: Pattern,
        is_const: bool,
    },
}

/// `for (init; test; update) body`
#[derive(Clone, Debug)]
pub struct ForStmt {
    pub labels: Vec<LabelId>,
    /// The loop head's scope (`let`/`const` in the initializer).
    pub scope: BlockScope,
    /// True when `let` bindings of the head are copied into a fresh record
    /// each iteration (CreatePerIterationEnvironment with perIterationLets).
    pub per_iteration: bool,
    pub init: Option<Box<Stmt>>,
    pub test: Option<Expr>,
    pub update: Option<Expr>,
    pub body: Box<Stmt>,
}

/// `for (head in/of expr) body`
#[derive(Clone, Debug)]
pub struct ForInOfStmt {
    pub labels: Vec<LabelId>,
    pub is_of: bool,
    /// `for await (… of …)`.
    pub is_await: bool,
    /// ForIn/OfHeadEvaluation's TDZ scope for `let`/`const` heads.
    pub head_scope: Option<BlockScope>,
    pub expr: Expr,
    pub binding: ForBinding,
    pub body: Box<Stmt>,
}

/// A catch clause.
#[derive(Clone, Debug)]
pub struct Catch {
    pub scope: BlockScope,
    pub param: Option<Pattern>,
    pub body: Block,
}

/// A block with its scope.
#[derive(Clone, Debug)]
pub struct Block {
    pub scope: BlockScope,
    pub body: Vec<Stmt>,
}

/// Statements.
#[derive(Clone, Debug)]
pub enum Stmt {
    Expr(Expr),
    /// `var` declarators with an initializer: PutValue.
    VarAssign {
        target: Pattern,
        value: Expr,
    },
    /// `let`/`const` declarators: InitializeBinding (undefined if no value).
    LexicalInit {
        target: Pattern,
        value: Option<Expr>,
    },
    /// `class C {}`: initialise the outer binding.
    ClassDecl {
        code: Rc<ClassCode>,
        binding: Ident,
    },
    /// Annex B.3.2.1: evaluating a block function declaration copies the
    /// block binding's value to the function-level var binding.
    AnnexBCopy {
        from: Ident,
        to: Ident,
    },
    Block(Box<Block>),
    If {
        test: Expr,
        consequent: Box<Stmt>,
        alternate: Option<Box<Stmt>>,
    },
    For(Box<ForStmt>),
    ForInOf(Box<ForInOfStmt>),
    While {
        labels: Vec<LabelId>,
        test: Expr,
        body: Box<Stmt>,
    },
    DoWhile {
        labels: Vec<LabelId>,
        body: Box<Stmt>,
        test: Expr,
    },
    Continue(Option<LabelId>),
    Break(Option<LabelId>),
    Return(Option<Expr>),
    Throw(Expr),
    Try {
        block: Block,
        handler: Option<Box<Catch>>,
        finalizer: Option<Block>,
    },
    Switch {
        discriminant: Expr,
        scope: BlockScope,
        cases: Vec<(Option<Expr>, Vec<Stmt>)>,
    },
    Labeled {
        label: LabelId,
        body: Box<Stmt>,
    },
    /// `with (object) body`: the body runs in an Object Environment Record.
    With {
        object: Expr,
        body: Box<Stmt>,
    },
    Empty,
}

/// A whole script, ready for GlobalDeclarationInstantiation.
#[derive(Debug)]
pub struct ScriptCode {
    pub strict: bool,
    pub body: Vec<Stmt>,
    /// The Global Environment Record's declarative part: top-level
    /// `let`/`const`/`class`.
    pub lexical_scope: Rc<ScopeInfo>,
    /// VarDeclaredNames that are not functions.
    pub var_names: Vec<JsStr>,
    /// functionsToInitialize (the last declaration of each name).
    pub functions: Vec<(JsStr, Rc<FunctionCode>)>,
    /// Annex B.3.2.2: block-level function names that also get a global var.
    pub annex_b_var_names: Vec<JsStr>,
    pub register_count: u32,
}
