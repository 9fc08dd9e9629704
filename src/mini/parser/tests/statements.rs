//! Statement parsing and automatic semicolon insertion.

use super::{assert_error, assert_tree, parse_ok};
use crate::mini::ast::{FunctionBody, StmtKind};

#[test]
fn declarations() {
    assert_tree("var a, b = 1", "(var a b=1)");
    assert_tree("let [a, b] = c, {d} = e", "(let [a b]=c {d:d}=e)");
    assert_tree("const {a: [b = 1], ...c} = d", "(const {a:[b=1] ...c}=d)");
    assert_tree("let x; const y = 2", "(let x); (const y=2)");
    assert_tree("let = 1", "(= let 1)");
    assert_tree("let\nx = 1", "(let x=1)");
    assert_tree("var let = 1; let.x", "(var let=1); let.x");
    assert_tree("async function f() {}", "(async normal f () {})");
    assert_tree("function* g() {}", "(* normal g () {})");
    assert_tree(
        "function f(a, b = a, ...[c]) {}",
        "(normal f (a b=a ...[c]) {})",
    );
}

#[test]
fn asi_rules() {
    assert_tree("function f() { return\nx }", "(normal f () {(return); x})");
    assert_tree("a\nb", "a; b");
    assert_tree("a = b\n(c)", "(= a (call b c))");
    assert_tree("a = b\n[c]", "(= a b[c])");
    assert_tree("a = b\n`c`", "(= a (tagged b 1))");
    assert_tree("do x; while (y) z", "(do x y); z");
    assert_tree("do {} while (y)\nz", "(do {} y); z");
    assert_tree("do ; while (0) 0", "(do empty 0); 0");
    assert_tree("for (;;) { break\nx }", "(for _ _ _ {(break); x})");
    assert_tree(
        "l: for (;;) { continue\nl }",
        "(l: (for _ _ _ {(continue); l}))",
    );
    assert_tree("{ a } b", "{a}; b");
    assert_tree("x\n++\ny", "x; (++pre y)");
    assert_tree("async\nfunction f() {}", "async; (normal f () {})");
    assert_tree("var a = 1\nvar b = 2", "(var a=1); (var b=2)");
    assert_tree("if (a) b\nelse c", "(if a b c)");
    assert_error("a b", "expected `;` after expression");
    assert_error("throw\nx", "no line break");
    assert_error("for (a\nb;;) {}", "`;`");
    assert_error("if (a) b else c", "`;`");
}

#[test]
fn control_flow() {
    assert_tree("if (a) b; else if (c) d; else e", "(if a b (if c d e))");
    assert_tree("while (a) b()", "(while a (call b))");
    assert_tree(
        "for (var i = 0; i < n; i++) {}",
        "(for (var i=0) (< i n) (++post i) {})",
    );
    assert_tree("for (let i = 0, j; ;) ;", "(for (let i=0 j) _ _ empty)");
    assert_tree("for (x in o) ;", "(for-in x o empty)");
    assert_tree("for (var [k, v] of m) ;", "(for-of (var [k v]) m empty)");
    assert_tree("for (const x of a) ;", "(for-of (const x) a empty)");
    assert_tree("for (a.b of c) ;", "(for-of a.b c empty)");
    assert_tree("for ([a, b] of c) ;", "(for-of [a b] c empty)");
    assert_tree("for ({a = 1} of c) ;", "(for-of {a:a=1} c empty)");
    assert_tree("for (let in o) ;", "(for-in let o empty)");
    assert_tree("for ((x) in o) ;", "(for-in x o empty)");
    assert_tree("for (var i = 0; ;) ;", "(for (var i=0) _ _ empty)");
    assert_tree(
        "for (x = ('a' in o) ? 1 : 2; ;) ;",
        "(for (= x (? (in \"a\" o) 1 2)) _ _ empty)",
    );
    assert_tree(
        "for (let x = (a in b); ;) ;",
        "(for (let x=(in a b)) _ _ empty)",
    );
    assert_tree(
        "for (var f = () => a;;) ;",
        "(for (var f=(arrow () a)) _ _ empty)",
    );
    assert_tree(
        "switch (a) { case 1: b; case 2: default: c }",
        "(switch a (1 {b}) (2 {}) (default {c}))",
    );
    assert_tree(
        "try { a } catch (e) { b } finally { c }",
        "(try {a} (catch e {b}) (finally {c}))",
    );
    assert_tree("try {} catch { }", "(try {} (catch _ {}))");
    assert_tree(
        "try {} catch ({a, b: [c]}) {}",
        "(try {} (catch {a:a b:[c]} {}))",
    );
    assert_tree("try {} finally {}", "(try {} (finally {}))");
    assert_tree(
        "a: b: while (1) { continue a; break b }",
        "(a: (b: (while 1 {(continue a); (break b)})))",
    );
    assert_tree("a: { break a }", "(a: {(break a)})");
    assert_tree("with (o) x", "(with o x)");
    assert_tree("debugger;", "debugger");
    assert_tree(";;", "empty; empty");
    assert_error("try {}", "`catch` or `finally`");
    assert_error("for (let x of a, b) ;", "`)`");
    assert_tree(
        "async function f() { for await (const x of y) ; for await (x.y of z) ; }",
        "(async normal f () {(for-await-of (const x) y empty); (for-await-of x.y z empty)})",
    );
    assert_error(
        "for await (x of y) ;",
        "`for await` is only valid in async functions",
    );
    assert_error(
        "function f() { for await (x of y) ; }",
        "only valid in async functions",
    );
    assert_error(
        "async function f() { for await (x in y) ; }",
        "expected `of` in a `for await` head",
    );
    assert_error(
        "async function f() { for await (;;) ; }",
        "expected `of` in a `for await` head",
    );
    assert_error("for (var i, j of a) ;", "only one variable");
    assert_error("for (let x = 1 of a) ;", "may not have an initializer");
    assert_error("for (var x = 1 in a) ;", "unsupported");
    assert_error("for (let of x) ;", "may not start with `let`");
    assert_error("for (async of x) ;", "`=>`");
    assert_error(
        "switch (a) { default: default: }",
        "more than one `default`",
    );
    assert_error("switch (a) { x }", "`case`, `default` or `}`");
}

#[test]
fn annex_b_function_in_sloppy_if_is_wrapped_in_a_block() {
    let script = parse_ok("if (a) function f() {} else function g() {}");
    let StmtKind::If {
        consequent,
        alternate,
        ..
    } = &script.body[0].kind
    else {
        panic!("expected if")
    };
    assert!(
        matches!(&consequent.kind, StmtKind::Block(body) if matches!(body[0].kind, StmtKind::FunctionDecl(_)))
    );
    assert!(matches!(
        &alternate.as_deref().map(|s| &s.kind),
        Some(StmtKind::Block(_))
    ));
    parse_ok("l: function f() {}");
    parse_ok("{ function f() {} function f() {} }");
}

#[test]
fn directives_set_strictness() {
    assert!(parse_ok("'use strict'; a").strict);
    assert!(parse_ok("\"use strict\"\na").strict);
    assert!(parse_ok("'a'; 'use strict'").strict);
    assert!(!parse_ok("a; 'use strict'").strict);
    assert!(!parse_ok("('use strict')").strict);
    assert!(!parse_ok("'use\\x20strict'").strict);
    assert!(!parse_ok("'use strict' + 1").strict);
    let script = parse_ok("function f() { 'use strict'; return function g() {} } function h() {}");
    let StmtKind::FunctionDecl(f) = &script.body[0].kind else {
        panic!()
    };
    let StmtKind::FunctionDecl(h) = &script.body[1].kind else {
        panic!()
    };
    assert!(f.is_strict && !h.is_strict);
    let FunctionBody::Statements(body) = &f.body else {
        panic!()
    };
    let StmtKind::Return(Some(inner)) = &body[1].kind else {
        panic!()
    };
    let crate::mini::ast::ExprKind::Function(g) = &inner.kind else {
        panic!()
    };
    assert!(g.is_strict, "strictness is inherited");
    let script = parse_ok("class A { m() {} }");
    let StmtKind::ClassDecl(class) = &script.body[0].kind else {
        panic!()
    };
    let crate::mini::ast::ClassElement::Method { function, .. } = &class.elements[0] else {
        panic!()
    };
    assert!(function.is_strict, "class code is strict");
}

#[test]
fn simple_parameter_lists() {
    let simple = |source: &str| {
        let script = parse_ok(source);
        let StmtKind::FunctionDecl(f) = &script.body[0].kind else {
            panic!()
        };
        (f.has_simple_parameter_list, f.expected_argument_count())
    };
    assert_eq!(simple("function f(a, b) {}"), (true, 2));
    assert_eq!(simple("function f(a, b = 1, c) {}"), (false, 1));
    assert_eq!(simple("function f(a, ...b) {}"), (false, 1));
    assert_eq!(simple("function f([a]) {}"), (false, 1));
}

#[test]
fn hashbang_and_comments() {
    assert_tree("#!/usr/bin/env node\na", "a");
    assert_tree("a /* x */ + /* y\n */ b // c", "(+ a b)");
    assert_tree("a /*\n*/ b", "a; b");
    assert_tree(
        "function f() { return /*\n*/ x }",
        "(normal f () {(return); x})",
    );
    assert_error("a /* b", "unterminated comment");
}

#[test]
fn error_messages_say_what_was_expected() {
    let error = super::parse_err("f(a;");
    assert_eq!(
        error.message,
        "expected `,` or `)` after argument, found `;`"
    );
    assert_eq!((error.line, error.column), (1, 4));
    let error = super::parse_err("if (a {}");
    assert_eq!(error.message, "expected `)` after condition, found `{`");
    let error = super::parse_err("var\n  1");
    assert_eq!((error.line, error.column), (2, 3));
    assert_eq!(error.message, "expected an identifier, found number");
    assert_error("import x from 'y'", "unsupported: modules");
    assert_error("import('x')", "unsupported: dynamic `import()`");
    assert_error("#x in y", "private name `#x` is not defined");
    assert_error(
        "class C { #x; m() { return -#x; } }",
        "a private name may only start `#x in obj`",
    );
}
