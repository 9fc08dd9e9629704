//! Scoping and closures: TDZ, hoisting, per-iteration bindings, named
//! function expressions, Annex B block functions, parameter scopes,
//! `arguments`, `this`.

use super::{assert_prints, assert_throws};

#[test]
fn closures_see_the_latest_value() {
    assert_prints(
        "let name = 'John'; function hi() { console.log('Hi, ' + name); } name = 'Pete'; hi();",
        &["Hi, Pete"],
    );
    assert_prints(
        "function counter() { let c = 0; return () => ++c; } const a = counter(), b = counter(); a(); a(); console.log(a(), b());",
        &["3 1"],
    );
}

#[test]
fn tdz_and_typeof() {
    assert_throws("console.log(x); let x = 1;", "ReferenceError");
    assert_throws("typeof x; let x;", "ReferenceError");
    assert_prints("console.log(typeof nope)", &["undefined"]);
    assert_throws(
        "function f() { return x; } f(); let x = 1;",
        "ReferenceError",
    );
    assert_prints(
        "function f() { return x; } let x = 1; console.log(f());",
        &["1"],
    );
    assert_throws("const c = 1; c = 2;", "TypeError");
    assert_throws("{ let y = y; }", "ReferenceError");
}

#[test]
fn var_and_function_hoisting() {
    assert_prints(
        "console.log(v); var v = 1; console.log(v);",
        &["undefined", "1"],
    );
    assert_prints(
        "console.log(f()); function f() { return 'hoisted'; }",
        &["hoisted"],
    );
    assert_prints(
        "function g() { return typeof h; function h() {} } console.log(g());",
        &["function"],
    );
    assert_prints(
        "var x = 1; function t() { console.log(x); var x = 2; } t();",
        &["undefined"],
    );
}

#[test]
fn per_iteration_bindings() {
    assert_prints(
        "const fs = []; for (let i = 0; i < 3; i++) fs.push(() => i); console.log(fs.map(f => f()).join());",
        &["0,1,2"],
    );
    assert_prints(
        "const fs = []; for (var i = 0; i < 3; i++) fs.push(() => i); console.log(fs.map(f => f()).join());",
        &["3,3,3"],
    );
    // Closures in the initializer see the first iteration's copy.
    assert_prints(
        "const fs = []; for (let i = 0, g = () => i; i < 2; i++) { fs.push(g, () => i); } console.log(fs.map(f => f()).join());",
        &["0,0,0,1"],
    );
    assert_prints(
        "const fs = []; for (const k of ['a', 'b']) fs.push(() => k); console.log(fs.map(f => f()).join());",
        &["a,b"],
    );
    assert_prints(
        "const fs = []; for (let k in {x: 1, y: 2}) fs.push(() => k); console.log(fs.map(f => f()).join());",
        &["x,y"],
    );
    assert_throws("for (let x of [x]) {}", "ReferenceError");
}

#[test]
fn named_function_expressions() {
    assert_prints(
        "const f = function g() { return typeof g; }; console.log(f(), typeof g);",
        &["function undefined"],
    );
    assert_prints(
        "const f = function g() { g = 1; return typeof g; }; console.log(f());",
        &["function"],
    );
    assert_throws(
        "'use strict'; const f = function g() { g = 1; }; f();",
        "TypeError",
    );
    assert_prints(
        "var f = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }; console.log(f(5));",
        &["120"],
    );
}

#[test]
fn annex_b_block_functions() {
    assert_prints(
        "{ function f() { return 1; } } console.log(typeof f);",
        &["function"],
    );
    assert_prints("console.log(typeof f); { function f() {} }", &["undefined"]);
    assert_prints(
        "'use strict'; { function f() {} } console.log(typeof f);",
        &["undefined"],
    );
    assert_prints(
        "function t() { console.log(typeof g); if (true) { function g() {} } console.log(typeof g); } t();",
        &["undefined", "function"],
    );
    assert_prints(
        "function t() { let g = 1; { function g() {} } return g; } console.log(t());",
        &["1"],
    );
}

#[test]
fn parameters_and_arguments() {
    assert_prints(
        "function f(a, b = a + 1, ...rest) { return [a, b, rest.length]; } console.log(f(1).join(), f(1, 5, 6, 7).join());",
        &["1,2,0 1,5,2"],
    );
    assert_prints(
        "function f(a) { arguments[0] = 9; return a; } console.log(f(1));",
        &["9"],
    );
    assert_prints(
        "function f(a) { 'use strict'; arguments[0] = 9; return a; } console.log(f(1));",
        &["1"],
    );
    assert_prints(
        "function f(a) { a = 5; return arguments[0]; } console.log(f(1));",
        &["5"],
    );
    assert_prints(
        "function f(a = 0) { a = 5; return arguments[0]; } console.log(f(1));",
        &["1"],
    );
    assert_prints(
        "function f() { return (() => arguments.length)(); } console.log(f(1, 2, 3));",
        &["3"],
    );
    assert_prints(
        "function f() { var arguments; return typeof arguments; } console.log(f());",
        &["object"],
    );
    // Separate var scope when parameters have expressions.
    assert_prints(
        "var x = 'outer'; function f(a = () => x) { var x = 'inner'; return a(); } console.log(f());",
        &["outer"],
    );
    assert_prints(
        "function f(a, b = () => a) { var a; return [a, b()].join(); } console.log(f(1));",
        &["1,1"],
    );
    assert_prints(
        "function f({a, b: [c] = [3]}, ...[d]) { return a + c + d; } console.log(f({a: 1}, 10));",
        &["14"],
    );
}

#[test]
fn this_binding() {
    assert_prints(
        "function f() { return this === globalThis; } console.log(f());",
        &["true"],
    );
    assert_prints(
        "'use strict'; function f() { return this; } console.log(f());",
        &["undefined"],
    );
    assert_prints(
        "const o = { n: 1, m() { return [1].map(() => this.n)[0]; } }; console.log(o.m());",
        &["1"],
    );
    assert_prints(
        "const o = { f() { return this; } }; console.log(o.f() === o, (0, o.f)() === globalThis);",
        &["true true"],
    );
    assert_prints("console.log(this === globalThis);", &["true"]);
}

#[test]
fn undeclared_assignment() {
    assert_prints(
        "function f() { y = 3; } f(); console.log(y, globalThis.y);",
        &["3 3"],
    );
    assert_throws(
        "'use strict'; function f() { y = 3; } f();",
        "ReferenceError",
    );
}

#[test]
fn blocks_switch_catch() {
    assert_prints(
        "let x = 1; { let x = 2; console.log(x); } console.log(x);",
        &["2", "1"],
    );
    assert_prints(
        "switch (0) { case 0: let a = 0; case 1: a = 5; console.log(a); }",
        &["5"],
    );
    assert_throws(
        "switch (1) { case 0: let a = 0; break; case 1: console.log(a); }",
        "ReferenceError",
    );
    assert_prints(
        "try { throw 1; } catch (e) { var e = 2; console.log(e); } console.log(e);",
        &["2", "undefined"],
    );
    assert_prints(
        "try { throw {a: 1}; } catch ({a}) { console.log(a); }",
        &["1"],
    );
    assert_prints(
        "let r = []; try { r.push(1); } finally { r.push(2); } console.log(r.join());",
        &["1,2"],
    );
    assert_prints(
        "function f() { try { return 1; } finally { console.log('fin'); } } console.log(f());",
        &["fin", "1"],
    );
}

#[test]
fn labels_break_continue() {
    assert_prints(
        "outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j == 1) continue outer; if (i == 2) break outer; console.log(i, j); } }",
        &["0 0", "1 0"],
    );
    assert_prints(
        "a: { console.log(1); break a; console.log(2); } console.log(3);",
        &["1", "3"],
    );
    // Labels are compared by name: the same name on nested statements of
    // different functions, and a `continue` to an outer loop's label.
    assert_prints(
        "a: for (let i = 0; i < 2; i++) { (function () { a: for (;;) { break a; } })(); b: for (;;) { continue a; } } console.log('done');",
        &["done"],
    );
}

#[test]
fn return_value_survives_a_finally_block() {
    // The finally block's own `return 2` is overridden by `break L`, so the
    // pending `return 1` stands.
    assert_prints(
        "function f() { try { return 1; } finally { L: try { return 2; } finally { break L; } } } console.log(f());",
        &["1"],
    );
    // A call in the finally block returns its own value.
    assert_prints(
        "function g() { return 'g'; } function f() { try { return 'f'; } finally { g(); } } console.log(f());",
        &["f"],
    );
    assert_prints(
        "function f() { try { return 1; } finally { return 3; } } console.log(f());",
        &["3"],
    );
    assert_prints(
        "function f() { for (const x of [1, 2]) { try { return x; } finally { continue; } } return 'end'; } console.log(f());",
        &["end"],
    );
}

#[test]
fn destructuring_everywhere() {
    assert_prints(
        "const {a, b: {c} = {c: 2}, ...r} = {a: 1, x: 3, y: 4}; console.log(a, c, Object.keys(r).join());",
        &["1 2 x,y"],
    );
    assert_prints(
        "let [x, , y = 5, ...z] = [1, 2, undefined, 4, 5]; console.log(x, y, z.join());",
        &["1 5 4,5"],
    );
    assert_prints(
        "let a, b; [a, b] = [1, 2]; [a, b] = [b, a]; console.log(a, b);",
        &["2 1"],
    );
    assert_prints(
        "for (const [k, v] of [[1, 2], [3, 4]]) console.log(k + v);",
        &["3", "7"],
    );
    assert_throws("const {a} = null;", "TypeError");
}

#[test]
fn iife_module_pattern() {
    assert_prints(
        "const counter = (function () { let n = 0; return { inc() { return ++n; }, get value() { return n; } }; })(); counter.inc(); counter.inc(); console.log(counter.value);",
        &["2"],
    );
}

#[test]
fn direct_and_indirect_eval() {
    assert_prints(
        "function f() { var x = 1; eval('var x = 2; var y = 3;'); return x + y; } console.log(f());",
        &["5"],
    );
    assert_prints(
        "function f() { eval('var z = 1'); return typeof z; } console.log(f(), typeof z);",
        &["number undefined"],
    );
    assert_prints(
        "function f() { 'use strict'; eval('var z = 1'); return typeof z; } console.log(f());",
        &["undefined"],
    );
    assert_prints(
        "let a = 1; function f() { let b = 2; return eval('a + b'); } console.log(f());",
        &["3"],
    );
    assert_prints(
        "function f() { let local = 'let'; try { eval(\"var local = 'eval';\"); } catch (e) { return e.name + ' / ' + local; } return 'no'; } console.log(f());",
        &["SyntaxError / let"],
    );
    assert_prints(
        "function f() { try { throw 'thrown'; } catch (e) { eval(\"var e = 'from eval';\"); console.log(e); } console.log(typeof e); } f();",
        &["from eval", "undefined"],
    );
    assert_prints(
        "(0, eval)('let inside = 1; var outside = inside + 1;'); console.log(typeof inside, outside);",
        &["undefined 2"],
    );
    assert_prints(
        "(0, eval)('var fromEval = 1; function fnFromEval() { return \"fn\"; }'); console.log(typeof fromEval, fnFromEval(), delete globalThis.fromEval, typeof fromEval);",
        &["number fn true undefined"],
    );
    assert_prints(
        "let taken = 1; try { (0, eval)('var taken = 2;'); } catch (e) { console.log(e.name); } console.log(taken);",
        &["SyntaxError", "1"],
    );
    assert_prints(
        "const o = { m() { return eval('this === o'); } }; console.log(o.m(), eval('1 + 1'));",
        &["true 2"],
    );
    assert_prints(
        "function f() { eval('var g = () => x'); var x = 'late'; return g(); } console.log(f());",
        &["late"],
    );
    assert_throws("eval('let = ;')", "SyntaxError");
}

#[test]
fn with_statement() {
    assert_prints(
        "const settings = { theme: 'light' }; let read; with (settings) { read = function () { return theme; }; }
         console.log(read()); settings.theme = 'dark'; console.log(read()); delete settings.theme; var theme = 'global'; console.log(read());",
        &["light", "dark", "global"],
    );
    assert_prints(
        "var o = { x: 1 }; with (o) { x = 2; y = 3; } console.log(o.x, typeof o.y, y);",
        &["2 undefined 3"],
    );
}

#[test]
fn arrows_in_eval_code_see_the_callers_this() {
    assert_prints(
        "const o = { m() { return eval('(() => this)()') === o; } }; console.log(o.m(), eval('(() => this)()') === globalThis);",
        &["true true"],
    );
}

/// Calls whose arguments go straight into the callee's registers keep the
/// spec's order and binding rules.
#[test]
fn arguments_bound_straight_into_registers() {
    assert_prints(
        r#"
        function dup(a, a) { return a; }
        console.log(dup(1), dup(1, 2));
        function two(x, y) { return [x, y].join(","); }
        let log = [];
        function note(v) { log.push(v); return v; }
        console.log(two(note(1)), two(note(2), note(3), note(4)), log.join(""));
        function f(x) { return x; }
        try { f(note(5), (() => { throw new Error("boom"); })(), note(6)); }
        catch (e) { console.log(e.message, log.join("")); }
        class C { constructor(v) { this.v = v; } }
        try { C(note(7)); } catch (e) { console.log(e instanceof TypeError, log.join("")); }
        function spread(a, b) { return a + b; }
        console.log(spread(...[1, 2]));
        "#,
        &[
            "undefined 2",
            "1, 2,3 1234",
            "boom 12345",
            "true 123457",
            "3",
        ],
    );
}

/// `x += n` on a binding in a record (captured by a closure) keeps
/// GetValue/PutValue's errors and the `+` operator's string case.
#[test]
fn compound_assignment_on_captured_bindings() {
    assert_prints(
        r#"
        function make() {
            let n = 1; let s = "a"; const c = 5;
            return [
                () => { n += 2; n -= 1; return n; },
                () => { s += 1; return s; },
                () => { try { c += 1; } catch (e) { return e.constructor.name + " " + c; } },
                () => { try { t += 1; } catch (e) { return e.constructor.name; } let t = 0; },
            ];
        }
        const [inc, cat, constant, tdz] = make();
        inc();
        console.log(inc(), cat(), constant(), tdz());
        "#,
        &["3 a1 TypeError 5 ReferenceError"],
    );
}
