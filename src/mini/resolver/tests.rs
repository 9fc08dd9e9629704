//! Resolver tests: the (hops, slot) / register / global address of
//! identifiers in small programs.

use super::resolve_script;
use crate::mini::ir::{Address, Body, Expr, FunctionCode, ScriptCode, Stmt};
use crate::mini::parse_script;

fn resolve(src: &str) -> ScriptCode {
    let script = parse_script(src).expect("test programs parse");
    resolve_script(&script).expect("test programs resolve")
}

/// The expression of the first `return` in a function body.
fn returned(code: &FunctionCode) -> &Expr {
    let stmts = match &code.body {
        Body::Statements(stmts) => stmts,
        // `{ return e; }` is lowered to its expression.
        Body::Expression(e) => return e,
    };
    stmts
        .iter()
        .find_map(|s| {
            if let Stmt::Return(Some(e)) = s {
                Some(e)
            } else {
                None
            }
        })
        .expect("a return statement")
}

fn operands(e: &Expr) -> (&Expr, &Expr) {
    match e {
        Expr::Binary(_, l, r) => (l, r),
        other => panic!("expected a binary expression, got {other:?}"),
    }
}

fn address(e: &Expr) -> &Address {
    match e {
        Expr::Ident(id) => &id.address,
        other => panic!("expected an identifier, got {other:?}"),
    }
}

#[test]
fn identifiers_resolve_to_hops_and_slots() {
    let script = resolve(
        "let g = 1;
         function outer(a) {
           let b = 2;
           function inner() { return a + g; }
           return b + inner();
         }",
    );
    // `g` is the first binding of the global declarative record.
    assert_eq!(
        script
            .lexical_scope
            .names
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>(),
        ["g"]
    );
    let outer = &script.functions[0].1;
    // outer's record holds only what inner captures: `a`.
    let scope = outer
        .plan
        .function_scope
        .as_ref()
        .expect("outer needs a record");
    assert_eq!(
        scope
            .names
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>(),
        ["a"]
    );
    let inner = &outer.plan.functions[0].1;
    assert!(
        inner.plan.function_scope.is_none(),
        "inner captures nothing itself"
    );
    let (a, g) = operands(returned(inner));
    // From inner (no record of its own): outer's record is 0 hops out, the global one 1.
    assert_eq!(address(a), &Address::Env { hops: 0, slot: 0 });
    assert_eq!(address(g), &Address::Env { hops: 1, slot: 0 });
    let (b, call) = operands(returned(outer));
    assert!(
        matches!(address(b), Address::Register(_)),
        "b is not captured: a register"
    );
    let Expr::Call { callee, .. } = call else {
        panic!("a call")
    };
    assert!(
        matches!(address(callee), Address::Register(_)),
        "inner is not captured either"
    );
}

#[test]
fn globals_and_per_iteration_scopes() {
    let script = resolve(
        "var v; function f() { return v + undeclared; } for (let i = 0; i < 1; i++) { f(() => i); }",
    );
    let f = &script.functions[0].1;
    let (v, u) = operands(returned(f));
    assert!(matches!(address(v), Address::Global(n) if n.as_str() == "v"));
    assert!(matches!(address(u), Address::Global(n) if n.as_str() == "undeclared"));
    let Some(Stmt::For(for_stmt)) = script.body.iter().find(|s| matches!(s, Stmt::For(_))) else {
        panic!("a for loop")
    };
    assert!(
        for_stmt.per_iteration,
        "a captured let gets a fresh record per iteration"
    );
    assert!(for_stmt.scope.env.is_some());
}
