//! Early errors: redeclarations, declaration positions, strict-mode rules,
//! parameter rules, break/continue targets, contextual keywords.

use super::{assert_error, parse_ok};

#[test]
fn lexical_redeclarations() {
    assert_error("let a; let a;", "redeclaration of `a`");
    assert_error("let a; var a;", "redeclaration of `a`");
    assert_error("var a; let a;", "redeclaration of `a`");
    assert_error("const a = 1; function a() {}", "redeclaration of `a`");
    assert_error("function a() {} let a;", "redeclaration of `a`");
    assert_error("class A {} var A;", "redeclaration of `A`");
    assert_error("{ let a; { var a; } }", "redeclaration of `a`");
    assert_error("{ function f() {} var f; }", "redeclaration of `f`");
    assert_error("{ const f = 1; function f() {} }", "redeclaration of `f`");
    assert_error(
        "'use strict'; { function f() {} function f() {} }",
        "redeclaration of `f`",
    );
    assert_error(
        "{ function* f() {} function f() {} }",
        "redeclaration of `f`",
    );
    assert_error(
        "{ async function f() {} async function f() {} }",
        "redeclaration of `f`",
    );
    assert_error("let [a, a] = b;", "redeclaration of `a`");
    assert_error(
        "switch (x) { case 1: let a; case 2: let a; }",
        "redeclaration of `a`",
    );
    assert_error("for (let i;;) { var i; }", "redeclaration of `i`");
    assert_error("try {} catch (e) { let e; }", "redeclaration of `e`");
    assert_error("try {} catch ([e]) { var e; }", "redeclaration of `e`");
    assert_error("function f(a) { let a; }", "redeclaration of `a`");
    assert_error("(a) => { let a; }", "redeclaration of `a`");
    assert_error("let let = 1;", "`let` cannot be a lexically bound name");
    assert_error(
        "for (let let of x) ;",
        "`let` cannot be a lexically bound name",
    );
}

#[test]
fn allowed_redeclarations() {
    parse_ok("var a; var a; function a() {} function a() {}");
    parse_ok("function f() { var a; function a() {} }");
    parse_ok("{ function f() {} function f() {} }");
    parse_ok("let a; { let a; }");
    parse_ok("{ let a; } { let a; } var b; { var b; }");
    parse_ok("function f(a) { var a; function a() {} }");
    parse_ok("try {} catch (e) { var e; }");
    parse_ok("for (let i;;) { let i; }");
    parse_ok("for (let i of a) {} for (let i of a) {}");
    parse_ok("(function f() { let f; })");
    parse_ok("function f(a, a) {}");
    parse_ok("switch (x) { case 1: let a; } switch (y) { case 1: let a; }");
}

#[test]
fn declarations_in_single_statement_positions() {
    assert_error("if (x) let y = 1;", "`let` declaration is not allowed here");
    assert_error(
        "if (x) let [y] = 1;",
        "`let` declaration is not allowed here",
    );
    assert_error(
        "while (x) const y = 1;",
        "`const` declaration is not allowed here",
    );
    assert_error(
        "while (x) function f() {}",
        "function declaration is not allowed here",
    );
    assert_error("if (x) class C {}", "class declaration is not allowed here");
    assert_error(
        "'use strict'; if (x) function f() {}",
        "function declaration is not allowed here",
    );
    assert_error(
        "if (x) function* g() {}",
        "generator declaration is not allowed here",
    );
    assert_error(
        "if (x) async function f() {}",
        "async function declaration is not allowed here",
    );
    assert_error(
        "'use strict'; l: function f() {}",
        "labelled function declaration",
    );
    assert_error("if (x) l: function f() {}", "labelled function declaration");
    assert_error(
        "while (x) l: function f() {}",
        "labelled function declaration",
    );
    parse_ok("if (x) function f() {}");
    parse_ok("if (x) let\ny = 1");
}

#[test]
fn initializers_required() {
    assert_error("const a;", "missing initializer in `const`");
    assert_error("let [a];", "missing initializer in destructuring");
    assert_error("var {a};", "missing initializer in destructuring");
    assert_error("for (const a;;) ;", "missing initializer in `const`");
    parse_ok("for (const a of b) ; for (const a in b) ; let c; var d;");
}

#[test]
fn strict_mode_rules() {
    assert_error(
        "'use strict'; with (a) b",
        "`with` is not allowed in strict mode",
    );
    assert_error(
        "'use strict'; delete x",
        "`delete` of an unqualified identifier",
    );
    assert_error(
        "'use strict'; delete (x)",
        "`delete` of an unqualified identifier",
    );
    assert_error("'use strict'; var eval;", "`eval` cannot be a binding name");
    assert_error(
        "'use strict'; function arguments() {}",
        "`arguments` cannot be a binding name",
    );
    assert_error("'use strict'; eval = 1", "cannot assign to `eval`");
    assert_error("'use strict'; arguments++", "cannot assign to `arguments`");
    assert_error("'use strict'; [eval] = a", "cannot assign to `eval`");
    assert_error(
        "'use strict'; try {} catch (eval) {}",
        "`eval` cannot be a binding name",
    );
    assert_error(
        "function f(eval) { 'use strict' }",
        "`eval` cannot be a binding name",
    );
    assert_error(
        "function eval() { 'use strict' }",
        "`eval` cannot be a binding name",
    );
    assert_error("function f(a, a) { 'use strict' }", "duplicate parameter");
    for word in [
        "let",
        "static",
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
        "yield",
    ] {
        assert_error(
            &format!("'use strict'; var {word};"),
            "reserved word in strict mode",
        );
        assert_error(
            &format!("'use strict'; {word} = 1;"),
            "reserved word in strict mode",
        );
        parse_ok(&format!("var {word}; {word} = 1;"));
    }
    assert_error("class let {}", "reserved word in strict mode");
    assert_error(
        "class A { m() { var static; } }",
        "reserved word in strict mode",
    );
    parse_ok("delete x; with (a) b; var eval, arguments; eval = 1;");
}

#[test]
fn parameter_rules() {
    assert_error(
        "function f(a, a) { 'use strict' }",
        "duplicate parameter name `a`",
    );
    assert_error("function f(a, [a]) {}", "duplicate parameter name `a`");
    assert_error("function f(a, a = 1) {}", "duplicate parameter name `a`");
    assert_error("({ m(a, a) {} })", "duplicate parameter name `a`");
    assert_error("(a, a) => 1", "duplicate parameter name `a`");
    assert_error(
        "function f(a = 1) { 'use strict' }",
        "non-simple parameters",
    );
    assert_error("(a = 1) => { 'use strict' }", "non-simple parameters");
    assert_error(
        "function f(...a = 1) {}",
        "rest parameter may not have a default",
    );
    assert_error("function f(...a, b) {}", "must be last");
    assert_error(
        "function* g(a = yield) {}",
        "`yield` is not allowed in formal parameters",
    );
    assert_error(
        "async function f(a = await 1) {}",
        "`await` is not allowed in formal parameters",
    );
    assert_error(
        "function* g() { (a = yield) => 1 }",
        "cannot contain `yield` or `await`",
    );
    assert_error(
        "async function f() { (a = await 1) => 1 }",
        "cannot contain `yield` or `await`",
    );
    assert_error(
        "async (a = await) => 1",
        "`await` cannot be used in the parameters",
    );
    assert_error(
        "async await => 1",
        "`await` cannot be used as an identifier",
    );
    parse_ok("function f(a, b = a, {c} = {}, [d] = [], ...e) {}");
}

#[test]
fn jump_targets() {
    assert_error("break;", "`break` outside of a loop or switch");
    assert_error("continue;", "`continue` outside of a loop");
    assert_error(
        "switch (a) { case 1: continue; }",
        "`continue` outside of a loop",
    );
    assert_error("while (a) { function f() { break; } }", "`break` outside");
    assert_error("l: { continue l; }", "not an iteration statement");
    assert_error("while (a) break l;", "undefined label `l`");
    assert_error("l: l: ;", "duplicate label `l`");
    assert_error(
        "l: while (a) { (() => { break l; }); }",
        "undefined label `l`",
    );
    assert_error("return 1", "`return` outside of a function");
    assert_error("{ return }", "`return` outside of a function");
    assert_error(
        "class A { static { return } }",
        "`return` outside of a function",
    );
    parse_ok("l: { break l; } l: while (a) continue l; m: n: for (;;) continue m;");
    parse_ok("switch (a) { case 1: break; } while (a) { switch (b) { case 1: continue; } }");
    parse_ok("l: { l2: while (a) { break l; } }");
    parse_ok("function f() { return; }");
}

#[test]
fn contextual_keywords() {
    assert_error(
        "function* g() { var yield; }",
        "`yield` cannot be used as an identifier",
    );
    assert_error("function* g() { yield => 1 }", "expected");
    assert_error(
        "function* g() { a + yield }",
        "`yield` cannot be used as an identifier",
    );
    assert_error(
        "async function f() { var await; }",
        "`await` cannot be used as an identifier",
    );
    assert_error(
        "async function f() { function await() {} }",
        "`await` cannot be used as an identifier",
    );
    assert_error("function* yield() { 'use strict' }", "reserved word");
    assert_error(
        "(function* yield() {})",
        "`yield` cannot be used as an identifier",
    );
    assert_error(
        "(async function await() {})",
        "`await` cannot be used as an identifier",
    );
    assert_error(
        "class A { static { var await; } }",
        "`await` cannot be used as an identifier",
    );
    assert_error(
        "class A { x = arguments }",
        "`arguments` is not allowed in class field",
    );
    assert_error(
        "var \\u0069f = 1",
        "keyword `if` cannot be used as an identifier",
    );
    assert_error("var \\u{76}ar = 1", "keyword `var` cannot be used");
    parse_ok("var async = 1, get = 2, set = 3, of = 4, target = 5; async = get + set + of;");
    assert_error(
        "function* g() { function yield() {} }",
        "`yield` cannot be used as an identifier",
    );
    parse_ok("function* g() { function f(yield) {} }");
    parse_ok("function f() { var yield, await; }");
    parse_ok("a.\\u0069f = 1; ({ \\u0069f: 1 })");
    parse_ok("class A { x = () => this; static y = 1 }");
}

#[test]
fn super_and_new_target_positions() {
    assert_error(
        "function f() { super.x }",
        "`super` property access is only allowed in methods",
    );
    assert_error(
        "({ m() { super() } })",
        "`super()` is only allowed in the constructor of a derived class",
    );
    assert_error(
        "class A { constructor() { super() } }",
        "`super()` is only allowed",
    );
    assert_error(
        "class A extends B { m() { super() } }",
        "`super()` is only allowed",
    );
    assert_error("super.x", "`super` property access");
    assert_error("new.target", "`new.target` is only allowed in functions");
    assert_error(
        "() => new.target",
        "`new.target` is only allowed in functions",
    );
    parse_ok(
        "class A extends B { constructor() { super(); (() => super.x)(); } m() { return super.m() } }",
    );
    parse_ok("({ m() { return super.x }, get g() { return super.g } })");
    parse_ok("function f() { return () => new.target }");
    parse_ok("class A { x = new.target; static { new.target } }");
}

#[test]
fn class_element_rules() {
    assert_error(
        "class A { constructor() {} constructor() {} }",
        "only have one constructor",
    );
    assert_error(
        "class A { constructor() {} 'constructor'() {} }",
        "only have one constructor",
    );
    assert_error("class A { get constructor() {} }", "cannot be a getter");
    assert_error("class A { *constructor() {} }", "cannot be a getter");
    assert_error("class A { async constructor() {} }", "cannot be a getter");
    assert_error(
        "class A { static prototype() {} }",
        "static member named `prototype`",
    );
    assert_error(
        "class A { constructor = 1 }",
        "may not be named `constructor`",
    );
    assert_error("class A { #a; #a; }", "duplicate private name `#a`");
    assert_error("class A { #constructor() {} }", "`#constructor`");
    assert_error(
        "class A { m() { this.#b } }",
        "private name `#b` is not defined",
    );
    assert_error("this.#a", "private name `#a` is not defined");
    assert_error(
        "class A { #a; m() { delete this.#a } }",
        "private fields cannot be deleted",
    );
    assert_error("class A { x y }", "`;` after class field");
    parse_ok("class A { get #a() {} set #a(v) {} static constructor() {} ['constructor']() {} }");
    parse_ok("class A { #a; m() { class B { n(o) { return o.#a } } } }");
    parse_ok("class A { x\ny\nstatic\nz }");
}
