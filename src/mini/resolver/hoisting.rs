//! Static semantics the resolver needs before lowering a scope:
//! VarDeclaredNames (https://tc39.es/ecma262/#sec-static-semantics-vardeclarednames),
//! TopLevelVarScopedDeclarations / LexicallyScopedDeclarations
//! (#sec-static-semantics-toplevelvarscopeddeclarations,
//! #sec-static-semantics-lexicallyscopeddeclarations), BoundNames of
//! patterns, and the Annex B.3.2.1 / B.3.2.2 candidates: block-level
//! function declarations in sloppy code that also get a var binding
//! because `var F` in their place would not be an early error.

use std::rc::Rc;

use crate::mini::ast::{
    self, ForHead, ForInit, Name, Pattern, PatternKind, Stmt, StmtKind, VarKind,
};
use crate::mini::environment::BindingKind;

/// What a var scope (function body or script) declares.
#[derive(Default)]
pub struct Hoisted {
    /// VarDeclaredNames, first occurrence order (functions excluded).
    pub var_names: Vec<Name>,
    /// Top-level function declarations, in order (later ones win).
    pub functions: Vec<Rc<ast::Function>>,
    /// Top-level lexical declarations (let/const/class).
    pub lexical: Vec<(Name, BindingKind)>,
    /// Annex B functions: their name and node address.
    pub annex_b: Vec<(Name, usize)>,
}

/// Address of a function node (its identity for the Annex B set).
pub fn function_addr(f: &Rc<ast::Function>) -> usize {
    Rc::as_ptr(f) as *const () as usize
}

/// BoundNames of a pattern (#sec-static-semantics-boundnames).
pub fn bound_names(p: &Pattern, out: &mut Vec<Name>) {
    match &p.kind {
        PatternKind::Identifier(n) => out.push(n.clone()),
        PatternKind::Member(_) => {}
        PatternKind::Object { properties, rest } => {
            for prop in properties {
                bound_names(&prop.value.target, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
        PatternKind::Array { elements, rest } => {
            for e in elements.iter().flatten() {
                bound_names(&e.target, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
    }
}

/// The lexically declared names of a statement list (one block level):
/// let/const/class and function declarations (also labelled ones).
pub fn lexical_declarations(stmts: &[Stmt]) -> Vec<(Name, BindingKind)> {
    let mut out = Vec::new();
    for s in stmts {
        lexical_of(s, &mut out);
    }
    out
}

fn lexical_of(s: &Stmt, out: &mut Vec<(Name, BindingKind)>) {
    match &s.kind {
        StmtKind::VarDecl(d) if d.kind != VarKind::Var => {
            let kind = if d.kind == VarKind::Let {
                BindingKind::Let
            } else {
                BindingKind::Const
            };
            for decl in &d.declarators {
                let mut names = Vec::new();
                bound_names(&decl.target, &mut names);
                out.extend(names.into_iter().map(|n| (n, kind)));
            }
        }
        StmtKind::ClassDecl(c) => {
            if let Some(n) = &c.name {
                out.push((n.clone(), BindingKind::Class));
            }
        }
        StmtKind::FunctionDecl(f) => {
            if let Some(n) = &f.name {
                out.push((n.clone(), BindingKind::Function));
            }
        }
        StmtKind::Labeled { body, .. } => lexical_of(body, out),
        _ => {}
    }
}

struct Scan<'p> {
    strict: bool,
    params: &'p [Name],
    top_lexical: Vec<Name>,
    /// Lexical names of each enclosing block (innermost last); `true`
    /// marks a function declaration, `None` kind marks a simple catch
    /// parameter (B.3.4: no conflict).
    blocks: Vec<Vec<(Name, Option<BindingKind>)>>,
    out: Hoisted,
}

/// Scans a function body or script: its var-scoped and top-level lexical
/// declarations and its Annex B candidates. `params` are the function's
/// parameter names (an Annex B name may not be one).
pub fn scan_var_scope(body: &[Stmt], strict: bool, params: &[Name]) -> Hoisted {
    let top = lexical_declarations(body);
    let mut scan = Scan {
        strict,
        params,
        top_lexical: top
            .iter()
            .filter(|(_, k)| *k != BindingKind::Function)
            .map(|(n, _)| n.clone())
            .collect(),
        blocks: Vec::new(),
        out: Hoisted::default(),
    };
    scan.out.lexical = top
        .into_iter()
        .filter(|(_, k)| *k != BindingKind::Function)
        .collect();
    for s in body {
        scan.top_level(s);
    }
    scan.out
}

impl Scan<'_> {
    fn add_var(&mut self, n: &Name) {
        if !self.out.var_names.iter().any(|v| v == n) {
            self.out.var_names.push(n.clone());
        }
    }

    fn add_var_pattern(&mut self, p: &Pattern) {
        let mut names = Vec::new();
        bound_names(p, &mut names);
        for n in &names {
            self.add_var(n);
        }
    }

    fn top_level(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDecl(f) => self.out.functions.push(f.clone()),
            StmtKind::Labeled { body, .. } if matches!(body.kind, StmtKind::FunctionDecl(_)) => {
                self.top_level(body)
            }
            _ => self.statement(s),
        }
    }

    fn block(&mut self, names: Vec<(Name, Option<BindingKind>)>, stmts: &[Stmt]) {
        self.blocks.push(names);
        for s in stmts {
            self.statement(s);
        }
        self.blocks.pop();
    }

    fn statement(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::VarDecl(d) if d.kind == VarKind::Var => {
                for decl in &d.declarators {
                    self.add_var_pattern(&decl.target);
                }
            }
            StmtKind::FunctionDecl(f) => self.block_function(f),
            StmtKind::Block(stmts) => self.block(block_names(stmts), stmts),
            StmtKind::If {
                consequent,
                alternate,
                ..
            } => {
                self.statement(consequent);
                if let Some(a) = alternate {
                    self.statement(a);
                }
            }
            StmtKind::For { init, body, .. } => match init {
                Some(ForInit::VarDecl(d)) if d.kind == VarKind::Var => {
                    for decl in &d.declarators {
                        self.add_var_pattern(&decl.target);
                    }
                    self.statement(body);
                }
                Some(ForInit::VarDecl(d)) => {
                    let mut names = Vec::new();
                    for decl in &d.declarators {
                        bound_names(&decl.target, &mut names);
                    }
                    self.blocks.push(
                        names
                            .into_iter()
                            .map(|n| (n, Some(BindingKind::Let)))
                            .collect(),
                    );
                    self.statement(body);
                    self.blocks.pop();
                }
                _ => self.statement(body),
            },
            StmtKind::ForIn { head, body, .. } | StmtKind::ForOf { head, body, .. } => match head {
                ForHead::Declaration {
                    kind: VarKind::Var,
                    target,
                } => {
                    self.add_var_pattern(target);
                    self.statement(body);
                }
                ForHead::Declaration { target, .. } => {
                    let mut names = Vec::new();
                    bound_names(target, &mut names);
                    self.blocks.push(
                        names
                            .into_iter()
                            .map(|n| (n, Some(BindingKind::Let)))
                            .collect(),
                    );
                    self.statement(body);
                    self.blocks.pop();
                }
                ForHead::Target(_) => self.statement(body),
            },
            StmtKind::While { body, .. }
            | StmtKind::DoWhile { body, .. }
            | StmtKind::With { body, .. } => self.statement(body),
            StmtKind::Labeled { body, .. } => self.statement(body),
            StmtKind::Switch { cases, .. } => {
                let all: Vec<Stmt> = cases.iter().flat_map(|c| c.body.iter().cloned()).collect();
                self.block(block_names(&all), &all);
            }
            StmtKind::Try {
                block,
                handler,
                finalizer,
            } => {
                self.block(block_names(block), block);
                if let Some(h) = handler {
                    let mut names = Vec::new();
                    if let Some(p) = &h.param {
                        bound_names(p, &mut names);
                    }
                    let simple = matches!(
                        h.param.as_ref().map(|p| &p.kind),
                        Some(PatternKind::Identifier(_))
                    );
                    let kind = if simple {
                        None
                    } else {
                        Some(BindingKind::CatchParameter)
                    };
                    self.blocks
                        .push(names.into_iter().map(|n| (n, kind)).collect());
                    self.block(block_names(&h.body), &h.body);
                    self.blocks.pop();
                }
                if let Some(f) = finalizer {
                    self.block(block_names(f), f);
                }
            }
            _ => {}
        }
    }

    /// B.3.2.1 / B.3.2.2: does `var F` in place of this declaration avoid
    /// every early error?
    fn block_function(&mut self, f: &Rc<ast::Function>) {
        if self.strict || f.is_async || f.is_generator || self.blocks.is_empty() {
            return;
        }
        let Some(name) = &f.name else { return };
        let n = self.blocks.len();
        for (i, block) in self.blocks.iter().enumerate() {
            let own = i + 1 == n;
            for (b, kind) in block {
                if b != name {
                    continue;
                }
                let conflicts = match kind {
                    None => false,
                    Some(BindingKind::Function) => !own,
                    Some(_) => true,
                };
                if conflicts {
                    return;
                }
            }
        }
        if self.top_lexical.contains(name) || self.params.contains(name) {
            return;
        }
        self.out.annex_b.push((name.clone(), function_addr(f)));
    }
}

fn block_names(stmts: &[Stmt]) -> Vec<(Name, Option<BindingKind>)> {
    lexical_declarations(stmts)
        .into_iter()
        .map(|(n, k)| (n, Some(k)))
        .collect()
}
