//! The resolver: lowers the parser's AST into the resolved tree of
//! `ir.rs`, deciding where every binding lives and turning every identifier
//! into an [`Address`] (NON-SPEC: the spec resolves names at run time with
//! GetIdentifierReference; the result here is the same, computed once).
//!
//! Scopes follow the spec's Environment Records exactly: the global scope,
//! one per function (parameters, and its vars and top-level lexical
//! declarations unless the parameters have expressions, in which case the
//! body gets a separate var scope — FunctionDeclarationInstantiation step
//! 28), one per named function expression (its own name), blocks, `for`
//! heads, for-in/of iterations (plus their TDZ head scope), catch
//! parameters, switch case blocks and class bodies.
//!
//! A binding is *captured* when some reference to it crosses a function
//! boundary (a closure refers to it). Captured bindings live in Environment
//! Records, addressed by `(hops, slot)`; the others live in the running
//! frame's registers; a scope with no captured binding has no record at run
//! time. Whether a binding is captured is only known after seeing all of
//! its references, so the resolver runs twice with the same code: the
//! *analyze* pass records captures, the *emit* pass uses them to allocate
//! and produce the final tree. Scopes are numbered in creation order, which
//! both passes share.
//!
//! Files: `hoisting.rs` (VarDeclaredNames, LexicallyScopedDeclarations,
//! Annex B.3.2 candidates), `statements.rs`, `expressions.rs`,
//! `functions.rs` (functions, parameters, classes).

mod completion;
mod eval;
mod expressions;
mod functions;
mod hoisting;
mod statements;

pub use eval::{EvalCode, resolve_eval};

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::ast;
use super::environment::{BindingKind, ScopeInfo};
use super::ir::{Address, FunctionRef, Ident, LabelId, ScriptCode};
use super::value::JsStr;

/// Why a script cannot run: unsupported syntax, found while resolving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

type RResult<T> = Result<T, ResolveError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Analyze,
    Emit,
}

/// What the analyze pass learned, read by the emit pass.
#[derive(Default)]
struct Analysis {
    /// (scope id, binding name) of every captured binding.
    captured: HashSet<(u32, JsStr)>,
    /// Function scopes whose `this` (and [[FunctionObject]], new.target)
    /// an arrow function inside reads.
    this_captured: HashSet<u32>,
    /// Function scopes whose `arguments` object is referenced.
    uses_arguments: HashSet<u32>,
    /// Function scopes whose own code reads `this` (or `super`) from the frame.
    frame_this: HashSet<u32>,
    /// Scopes enclosing a direct eval: all their bindings live in records
    /// (eval code finds them by name).
    eval_scopes: HashSet<u32>,
    /// Var scopes a sloppy direct eval may add bindings to: references
    /// that pass them without a match are resolved at run time.
    sloppy_eval_var_scopes: HashSet<u32>,
}

/// What kind of scope; decides where declarations go and where a
/// function boundary is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScopeKind {
    Global,
    /// A function's parameters scope (and its var scope when it has no
    /// separate one).
    Function {
        arrow: bool,
        has_body_scope: bool,
        arguments_allowed: bool,
    },
    /// The separate var scope of a function whose parameters have expressions.
    FunctionBody,
    /// The scope holding a named function expression's own name.
    FunctionName,
    Block,
    Catch,
    Class,
    /// The body of a `with` statement: an Object Environment Record.
    With,
    /// The boundary of eval code: beyond it, names are found at run time.
    EvalBoundary,
}

/// Where a binding lives.
#[derive(Clone, Copy, Debug)]
enum Loc {
    Register(u32),
    Env(u32),
    /// A global var/function (a property of the global object).
    Global,
}

struct Binding {
    name: JsStr,
    kind: BindingKind,
    loc: Loc,
}

struct Scope {
    id: u32,
    kind: ScopeKind,
    bindings: Vec<Binding>,
    /// Names and kinds of the bindings in the record, by slot.
    env_names: Vec<JsStr>,
    env_kinds: Vec<BindingKind>,
    /// Whether the scope gets an Environment Record (fixed by `finish_scope`).
    has_env: bool,
}

impl Scope {
    fn find(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().find(|b| b.name.as_str() == name)
    }
}

/// The function whose code is being lowered (register allocation).
struct FunctionState {
    registers: u32,
    /// Whether the function's code is strict.
    strict: bool,
}

/// The resolver's state for one pass.
pub struct Resolver<'a> {
    pass: Pass,
    analysis: &'a mut Analysis,
    source: Rc<str>,
    scopes: Vec<Scope>,
    functions: Vec<FunctionState>,
    next_scope_id: u32,
    /// Block-level function declarations that get Annex B.3.2 var
    /// semantics (by node address).
    annex_b: HashSet<usize>,
    /// Interned names, so equal names share one allocation.
    names: HashMap<Rc<str>, JsStr>,
    /// Label ids by name (see [`LabelId`]).
    label_ids: HashMap<Rc<str>, LabelId>,
    /// Eval code only: where GetThisEnvironment lands from the eval's
    /// caller — hops from the caller's environment to the function
    /// environment holding `this` (None: the global environment).
    eval_this_hops: Option<u32>,
}

/// Lowers a parsed script (GlobalDeclarationInstantiation's inputs plus the
/// resolved body).
pub fn resolve_script(script: &ast::Script) -> RResult<ScriptCode> {
    let mut analysis = Analysis::default();
    Resolver::new(script, Pass::Analyze, &mut analysis).lower_script(script)?;
    Resolver::new(script, Pass::Emit, &mut analysis).lower_script(script)
}

impl<'a> Resolver<'a> {
    fn new(script: &ast::Script, pass: Pass, analysis: &'a mut Analysis) -> Self {
        Resolver {
            pass,
            analysis,
            source: script.source.clone(),
            scopes: Vec::new(),
            functions: Vec::new(),
            next_scope_id: 0,
            annex_b: HashSet::new(),
            names: HashMap::new(),
            label_ids: HashMap::new(),
            eval_this_hops: None,
        }
    }

    fn name(&mut self, n: &ast::Name) -> JsStr {
        if let Some(s) = self.names.get(n) {
            return s.clone();
        }
        let s = JsStr::from_rc(n.clone());
        self.names.insert(n.clone(), s.clone());
        s
    }

    /// The id of label `n` (equal names, equal ids).
    fn label_id(&mut self, n: &ast::Name) -> LabelId {
        let next = LabelId(std::num::NonZeroU32::MIN.saturating_add(self.label_ids.len() as u32));
        *self.label_ids.entry(n.clone()).or_insert(next)
    }

    fn unsupported(&self, what: &str, span: ast::Span) -> ResolveError {
        ResolveError {
            message: format!("unsupported: {what}"),
            line: span.line,
            column: span.column,
        }
    }

    // ----- scopes -----

    fn push_scope(&mut self, kind: ScopeKind) {
        let id = self.next_scope_id;
        self.next_scope_id += 1;
        self.scopes.push(Scope {
            id,
            kind,
            bindings: Vec::new(),
            env_names: Vec::new(),
            env_kinds: Vec::new(),
            has_env: matches!(kind, ScopeKind::Global | ScopeKind::With),
        });
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    fn current_scope_id(&self) -> u32 {
        self.scopes.last().map_or(0, |s| s.id)
    }

    /// Declares `name` in the innermost scope (or returns the existing
    /// binding of that name there: redeclared vars and functions share one).
    fn declare(&mut self, name: &JsStr, kind: BindingKind) {
        self.declare_in(self.scopes.len() - 1, name, kind, false);
    }

    fn declare_in(&mut self, index: usize, name: &JsStr, kind: BindingKind, force_env: bool) {
        let pass = self.pass;
        let scope_id = self.scopes[index].id;
        let captured = pass == Pass::Emit
            && (force_env
                || self.analysis.eval_scopes.contains(&scope_id)
                || self.analysis.captured.contains(&(scope_id, name.clone())));
        let scope = &mut self.scopes[index];
        if scope.find(name.as_str()).is_some() {
            return;
        }
        let is_global_var = scope.kind == ScopeKind::Global
            && matches!(kind, BindingKind::Var | BindingKind::Function);
        let loc = if is_global_var {
            Loc::Global
        } else if captured || scope.kind == ScopeKind::Global {
            let slot = scope.env_names.len() as u32;
            scope.env_names.push(name.clone());
            scope.env_kinds.push(kind);
            Loc::Env(slot)
        } else {
            let f = self
                .functions
                .last_mut()
                .expect("a function state exists while lowering");
            f.registers += 1;
            Loc::Register(f.registers - 1)
        };
        self.scopes[index].bindings.push(Binding {
            name: name.clone(),
            kind,
            loc,
        });
    }

    /// Fixes whether the innermost scope has a record; returns its shape.
    fn finish_scope(&mut self, description: &str, force_env: bool) -> Option<Rc<ScopeInfo>> {
        let scope = self.scopes.last_mut().expect("a scope is open");
        if matches!(
            scope.kind,
            ScopeKind::Global | ScopeKind::With | ScopeKind::EvalBoundary
        ) {
            return None;
        }
        let forced = self.pass == Pass::Emit && self.analysis.eval_scopes.contains(&scope.id);
        scope.has_env = !scope.env_names.is_empty() || force_env || forced;
        if !scope.has_env {
            return None;
        }
        Some(Rc::new(ScopeInfo {
            names: scope.env_names.clone(),
            kinds: scope.env_kinds.clone(),
            description: description.to_string(),
        }))
    }

    /// Registers of the innermost scope's TDZ bindings (put back in their
    /// TDZ when the scope is entered).
    fn tdz_registers(&self) -> Vec<u32> {
        let scope = self.scopes.last().expect("a scope is open");
        scope
            .bindings
            .iter()
            .filter(|b| b.kind.has_tdz())
            .filter_map(|b| {
                if let Loc::Register(r) = b.loc {
                    Some(r)
                } else {
                    None
                }
            })
            .collect()
    }

    fn push_function_state(&mut self, strict: bool) {
        self.functions.push(FunctionState {
            registers: 0,
            strict,
        });
    }

    /// Whether the code being lowered is strict.
    fn strict_here(&self) -> bool {
        self.functions.last().is_some_and(|f| f.strict)
    }

    fn pop_function_state(&mut self) -> u32 {
        self.functions.pop().map_or(0, |f| f.registers)
    }

    // ----- resolution -----

    /// Resolves an identifier reference from the current position: the
    /// static counterpart of ResolveBinding / GetIdentifierReference.
    fn resolve(&mut self, name: &JsStr) -> Ident {
        let mut hops = 0u32;
        let mut crossed_function = false;
        // Passed a `with` object or a scope a sloppy eval may extend: the
        // reference is resolved by name at run time.
        let mut dynamic = false;
        for i in (0..self.scopes.len()).rev() {
            let scope = &self.scopes[i];
            if scope.kind == ScopeKind::EvalBoundary {
                return Ident::new(
                    name.clone(),
                    Address::Dynamic(name.clone()),
                    BindingKind::Var,
                );
            }
            if let Some(b) = scope.find(name.as_str()) {
                let (kind, loc, id) = (b.kind, b.loc, scope.id);
                if (crossed_function || dynamic) && self.pass == Pass::Analyze {
                    self.analysis.captured.insert((id, name.clone()));
                }
                let address = match loc {
                    _ if dynamic => Address::Dynamic(name.clone()),
                    Loc::Register(r) => Address::Register(r),
                    Loc::Env(slot) => Address::Env { hops, slot },
                    Loc::Global => Address::Global(name.clone()),
                };
                return Ident::new(name.clone(), address, kind);
            }
            if scope.kind == ScopeKind::With
                || self.analysis.sloppy_eval_var_scopes.contains(&scope.id)
            {
                dynamic = true;
            }
            // FunctionDeclarationInstantiation 15.–22.: a non-arrow function
            // has an implicit `arguments` binding when its code refers to it.
            if let ScopeKind::Function {
                arrow: false,
                arguments_allowed: true,
                ..
            } = scope.kind
                && name.as_str() == "arguments"
            {
                let id = scope.id;
                if self.pass == Pass::Analyze {
                    self.analysis.uses_arguments.insert(id);
                    self.declare_in(i, name, BindingKind::Arguments, false);
                    if crossed_function {
                        self.analysis.captured.insert((id, name.clone()));
                    }
                    return Ident::new(name.clone(), Address::Register(0), BindingKind::Arguments);
                }
            }
            if scope.has_env {
                hops += 1;
            }
            if matches!(scope.kind, ScopeKind::Function { .. }) {
                crossed_function = true;
            }
        }
        let address = if dynamic {
            Address::Dynamic(name.clone())
        } else {
            Address::Global(name.clone())
        };
        Ident::new(name.clone(), address, BindingKind::Var)
    }

    /// A direct `eval` call here: every enclosing scope keeps its bindings
    /// in records, the enclosing function's `this` and `arguments` are
    /// kept, and a sloppy eval's var scope becomes extensible.
    fn note_direct_eval(&mut self, strict: bool) {
        if self.pass != Pass::Analyze {
            return;
        }
        for s in &self.scopes {
            self.analysis.eval_scopes.insert(s.id);
        }
        if let Some(f) = self
            .scopes
            .iter()
            .rev()
            .find(|s| matches!(s.kind, ScopeKind::Function { arrow: false, .. }))
        {
            self.analysis.this_captured.insert(f.id);
            if matches!(
                f.kind,
                ScopeKind::Function {
                    arguments_allowed: true,
                    ..
                }
            ) {
                self.analysis.uses_arguments.insert(f.id);
            }
        }
        let var_index = self.var_scope_index();
        let var_scope = &self.scopes[var_index];
        if !strict && var_scope.kind != ScopeKind::Global {
            self.analysis.sloppy_eval_var_scopes.insert(var_scope.id);
        }
    }

    /// Hops from here to the innermost var scope's record (None: global).
    fn var_env_hops(&self) -> Option<u32> {
        let index = self.var_scope_index();
        if self.scopes[index].kind == ScopeKind::Global {
            return None;
        }
        Some(
            self.scopes[index + 1..]
                .iter()
                .filter(|s| s.has_env)
                .count() as u32,
        )
    }

    /// The address of `name` in a given scope (Annex B's copy to the var
    /// binding goes to the VariableEnvironment directly, not by lookup).
    fn address_in_scope(&self, index: usize, name: &JsStr) -> Option<Ident> {
        let hops = self.scopes[index + 1..]
            .iter()
            .filter(|s| s.has_env)
            .count() as u32;
        let b = self.scopes[index].find(name.as_str())?;
        let address = match b.loc {
            Loc::Register(r) => Address::Register(r),
            Loc::Env(slot) => Address::Env { hops, slot },
            Loc::Global => Address::Global(name.clone()),
        };
        Some(Ident::new(name.clone(), address, b.kind))
    }

    /// Index of the innermost var scope (function, function body, global).
    /// Walking outwards from a function body, its FunctionBody scope comes
    /// first; reaching a Function scope means the code is in its parameter
    /// list, whose VariableEnvironment is the function's own record (where a
    /// direct eval in a default value declares its vars).
    fn var_scope_index(&self) -> usize {
        (0..self.scopes.len())
            .rev()
            .find(|&i| {
                matches!(
                    self.scopes[i].kind,
                    ScopeKind::Global
                        | ScopeKind::FunctionBody
                        | ScopeKind::EvalBoundary
                        | ScopeKind::Function { .. }
                )
            })
            .unwrap_or(0)
    }

    /// Resolves `this` / `new.target` / `super`'s function: the nearest
    /// non-arrow function (GetThisEnvironment), marking it captured when
    /// reached through an arrow.
    fn resolve_function_ref(&mut self) -> FunctionRef {
        let mut hops = 0u32;
        let mut crossed_arrow = false;
        for i in (0..self.scopes.len()).rev() {
            let scope = &self.scopes[i];
            match scope.kind {
                ScopeKind::Global => return FunctionRef::Global,
                // Eval code (and arrows in it) reach the caller's function
                // environment through the eval's record: GetThisEnvironment
                // at run time, so `this` after a `super()` is the bound one.
                ScopeKind::EvalBoundary => {
                    return match self.eval_this_hops {
                        Some(h) => FunctionRef::Env { hops: hops + h },
                        None => FunctionRef::Global,
                    };
                }
                ScopeKind::Function { arrow: false, .. } => {
                    let id = scope.id;
                    if self.pass == Pass::Analyze {
                        if crossed_arrow {
                            self.analysis.this_captured.insert(id);
                        } else {
                            self.analysis.frame_this.insert(id);
                        }
                        return FunctionRef::Frame;
                    }
                    if self.analysis.this_captured.contains(&id) {
                        return FunctionRef::Env { hops };
                    }
                    return FunctionRef::Frame;
                }
                ScopeKind::Function { arrow: true, .. } => {
                    if scope.has_env {
                        hops += 1;
                    }
                    crossed_arrow = true;
                    continue;
                }
                _ => {}
            }
            if scope.has_env {
                hops += 1;
            }
        }
        FunctionRef::Global
    }

    fn lower_script(mut self, script: &ast::Script) -> RResult<ScriptCode> {
        self.push_function_state(script.strict);
        self.push_scope(ScopeKind::Global);
        // GlobalDeclarationInstantiation's inputs: VarDeclaredNames,
        // LexicallyScopedDeclarations, functionsToInitialize, Annex B names.
        let hoisted = hoisting::scan_var_scope(&script.body, script.strict, &[]);
        for (name, kind) in &hoisted.lexical {
            let n = self.name(name);
            self.declare(&n, *kind);
        }
        let lexical_scope = {
            let s = self.scopes.last().expect("the global scope is open");
            Rc::new(ScopeInfo {
                names: s.env_names.clone(),
                kinds: s.env_kinds.clone(),
                description: "global".into(),
            })
        };
        self.annex_b
            .extend(hoisted.annex_b.iter().map(|(_, addr)| *addr));
        let mut functions: Vec<(JsStr, Rc<super::ir::FunctionCode>)> = Vec::new();
        for f in &hoisted.functions {
            let code = self.lower_function(f, false)?;
            let name = self.name(f.name.as_ref().expect("declarations are named"));
            functions.retain(|(n, _)| n != &name);
            functions.push((name, code));
        }
        let body = self.lower_statements(&script.body)?;
        let var_names: Vec<JsStr> = hoisted
            .var_names
            .iter()
            .map(|n| self.name(n))
            .filter(|n| !functions.iter().any(|(f, _)| f == n))
            .collect();
        let mut annex_b_var_names: Vec<JsStr> = Vec::new();
        for (name, _) in &hoisted.annex_b {
            let n = self.name(name);
            if !annex_b_var_names.contains(&n)
                && !functions.iter().any(|(f, _)| f == &n)
                && !var_names.contains(&n)
            {
                annex_b_var_names.push(n);
            }
        }
        self.pop_scope();
        let register_count = self.pop_function_state();
        Ok(ScriptCode {
            strict: script.strict,
            body,
            lexical_scope,
            var_names,
            functions,
            annex_b_var_names,
            register_count,
        })
    }
}

#[cfg(test)]
mod tests;
