//! The completion value of eval code: what `eval(…)` returns
//! (https://tc39.es/ecma262/#sec-performeval step 30, through the
//! UpdateEmpty rules of each statement, #sec-updateempty).
//!
//! NON-SPEC shape: statements do not carry completion values at run time;
//! instead the lowered eval body is rewritten to keep the value in a
//! register of the eval's frame, so ordinary code pays nothing:
//!
//! - an expression statement stores its value;
//! - `if`, loops, `switch`, `try` and `with` first store undefined (each
//!   one's completion is UpdateEmpty(result, undefined), so an empty body
//!   leaves undefined, and a loop keeps the last non-empty iteration value);
//! - a `finally` block that completes normally puts back the value the
//!   `try`/`catch` part left (its own normal completion is discarded).
//!
//! Blocks, declarations, `break` and `continue` leave the value alone, as
//! their empty completions do.

use crate::mini::environment::BindingKind;
use crate::mini::ir::{Address, Block, BlockScope, Expr, Ident, Pattern, Stmt};
use crate::mini::value::{JsStr, Value};

/// Rewrites `body` so register `value` holds its completion value;
/// registers from `first_temp` on hold saved values across `finally`
/// blocks. Returns the rewritten body and the number of temporaries used.
pub(super) fn record_completion_value(
    body: Vec<Stmt>,
    value: u32,
    first_temp: u32,
) -> (Vec<Stmt>, u32) {
    let mut recorder = Recorder {
        value,
        next_temp: first_temp,
        temps_used: 0,
        first_temp,
    };
    let mut out = vec![Stmt::LexicalInit {
        target: register(value),
        value: Some(Expr::Literal(Value::Undefined)),
    }];
    out.extend(recorder.list(body));
    (out, recorder.temps_used)
}

fn register(r: u32) -> Pattern {
    Pattern::Ident(Ident::new(
        JsStr::from("%completion"),
        Address::Register(r),
        BindingKind::Var,
    ))
}

fn read(r: u32) -> Expr {
    Expr::Ident(Ident::new(
        JsStr::from("%completion"),
        Address::Register(r),
        BindingKind::Var,
    ))
}

/// Whether a statement's completion is UpdateEmpty(result, undefined)
/// (a label passes its statement's completion through).
fn resets(s: &Stmt) -> bool {
    if let Stmt::Labeled { body, .. } = s {
        return resets(body);
    }
    matches!(
        s,
        Stmt::If { .. }
            | Stmt::For(_)
            | Stmt::ForInOf(_)
            | Stmt::While { .. }
            | Stmt::DoWhile { .. }
            | Stmt::Switch { .. }
            | Stmt::Try { .. }
            | Stmt::With { .. }
    )
}

struct Recorder {
    value: u32,
    next_temp: u32,
    temps_used: u32,
    first_temp: u32,
}

impl Recorder {
    fn store(&self, e: Expr) -> Stmt {
        // A one-element sequence: the value is not a NamedEvaluation target.
        Stmt::VarAssign {
            target: register(self.value),
            value: Expr::Sequence(vec![e]),
        }
    }

    fn reset(&self) -> Stmt {
        Stmt::VarAssign {
            target: register(self.value),
            value: Expr::Literal(Value::Undefined),
        }
    }

    fn list(&mut self, stmts: Vec<Stmt>) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(stmts.len());
        for s in stmts {
            self.push(s, &mut out);
        }
        out
    }

    fn push(&mut self, s: Stmt, out: &mut Vec<Stmt>) {
        if resets(&s) {
            out.push(self.reset());
        }
        out.push(self.statement(s));
    }

    /// A statement in a single-statement position (an `if` branch, a loop
    /// body, a labelled statement).
    fn single(&mut self, s: Stmt) -> Stmt {
        if resets(&s) {
            let body = vec![self.reset(), self.statement(s)];
            return Stmt::Block(Box::new(Block {
                scope: BlockScope::default(),
                body,
            }));
        }
        self.statement(s)
    }

    fn block(&mut self, b: Block) -> Block {
        Block {
            scope: b.scope,
            body: self.list(b.body),
        }
    }

    fn statement(&mut self, s: Stmt) -> Stmt {
        match s {
            Stmt::Expr(e) => self.store(e),
            Stmt::Block(b) => Stmt::Block(Box::new(self.block(*b))),
            Stmt::If {
                test,
                consequent,
                alternate,
            } => Stmt::If {
                test,
                consequent: Box::new(self.single(*consequent)),
                alternate: alternate.map(|a| Box::new(self.single(*a))),
            },
            // The initializer is not a statement of the list: never recorded.
            Stmt::For(mut f) => {
                f.body = Box::new(self.single(*f.body));
                Stmt::For(f)
            }
            Stmt::ForInOf(mut f) => {
                f.body = Box::new(self.single(*f.body));
                Stmt::ForInOf(f)
            }
            Stmt::While { labels, test, body } => Stmt::While {
                labels,
                test,
                body: Box::new(self.single(*body)),
            },
            Stmt::DoWhile { labels, body, test } => Stmt::DoWhile {
                labels,
                body: Box::new(self.single(*body)),
                test,
            },
            Stmt::Switch {
                discriminant,
                scope,
                cases,
            } => Stmt::Switch {
                discriminant,
                scope,
                cases: cases
                    .into_iter()
                    .map(|(test, body)| (test, self.list(body)))
                    .collect(),
            },
            Stmt::Try {
                block,
                handler,
                finalizer,
            } => {
                let block = self.block(block);
                let handler = handler.map(|mut h| {
                    h.body = self.block(h.body);
                    h
                });
                let finalizer = finalizer.map(|f| self.finalizer(f));
                Stmt::Try {
                    block,
                    handler,
                    finalizer,
                }
            }
            Stmt::Labeled { label, body } => Stmt::Labeled {
                label,
                body: Box::new(self.statement(*body)),
            },
            Stmt::With { object, body } => Stmt::With {
                object,
                body: Box::new(self.single(*body)),
            },
            other => other,
        }
    }

    /// `finally { … }`: save the value, run the block, put the value back
    /// when the block completes normally.
    fn finalizer(&mut self, f: Block) -> Block {
        let temp = self.next_temp;
        self.next_temp += 1;
        self.temps_used = self.temps_used.max(self.next_temp - self.first_temp);
        let mut body = vec![Stmt::LexicalInit {
            target: register(temp),
            value: Some(read(self.value)),
        }];
        body.extend(self.list(f.body));
        body.push(Stmt::VarAssign {
            target: register(self.value),
            value: read(temp),
        });
        self.next_temp -= 1;
        Block {
            scope: f.scope,
            body,
        }
    }
}
