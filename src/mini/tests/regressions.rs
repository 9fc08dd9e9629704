//! Regressions found by running unseen programs on mini and node side by
//! side: each test is the minimised program of one divergence, named after
//! the rule it pins.

use super::{assert_prints, assert_throws};

#[test]
fn annex_b_block_function_named_arguments_keeps_the_object_until_evaluated() {
    // B.3.2.1: no new var binding for `arguments`; evaluating the
    // declaration overwrites the arguments object's binding.
    assert_prints(
        "(function () { console.log(typeof arguments); { function arguments() {} } console.log(typeof arguments); })();",
        &["object", "function"],
    );
    assert_prints(
        "(function (a = 1) { console.log(typeof arguments); { function arguments() {} } console.log(typeof arguments); })();",
        &["object", "function"],
    );
    // A parameter named `arguments` is left alone.
    assert_prints(
        "(function (arguments) { { function arguments() {} } console.log(typeof arguments); })(1);",
        &["number"],
    );
}

#[test]
fn parenthesised_optional_chain_callee_keeps_this() {
    assert_prints(
        "const o = { v: 1, m() { return this.v; } }; console.log((o?.m)(), (o?.['m'])(), (o.m)?.());",
        &["1 1 1"],
    );
    assert_throws("const n = null; (n?.m)();", "TypeError");
}

#[test]
fn calling_a_with_object_method_by_name_passes_the_object_as_this() {
    assert_prints(
        "var o = { m() { return this === o; } }; function g() { return this === globalThis; } with (o) { console.log(m(), g()); }",
        &["true true"],
    );
}

#[test]
fn the_function_constructor_makes_global_closures() {
    assert_prints(
        "var x = 'global'; function f() { var x = 'local'; return new Function('return x')(); } console.log(f());",
        &["global"],
    );
    assert_prints(
        "const add = Function('a', 'b', 'return a + b'); console.log(add(2, 3), add.length, add.name);",
        &["5 2 anonymous"],
    );
    assert_prints(
        "console.log(new Function('return typeof anonymous')());",
        &["undefined"],
    );
    // Parameters cannot close the function early; a bad body is a SyntaxError.
    assert_throws(
        "Function('a) { return 1; } (function (', '');",
        "SyntaxError",
    );
    assert_throws("Function('', '}); (function () {');", "SyntaxError");
}

#[test]
fn async_generators_answer_queued_requests_in_order() {
    assert_prints(
        "async function* g() { const x = yield 1; console.log('got', x); try { yield 2; } finally { console.log('cleanup'); } }
         const it = g(); const show = t => r => console.log(t, r.value, r.done);
         it.next().then(show('a')); it.next('X').then(show('b')); it.return('R').then(show('c')); it.next().then(show('d'));",
        &["got X", "a 1 false", "b 2 false", "cleanup", "c R true", "d undefined true"],
    );
    // `for await` over an async generator; closures keep per-iteration bindings.
    assert_prints(
        "async function* g() { for (let i = 0; i < 3; i++) { await null; yield () => i; } }
         (async () => { const fs = []; for await (const f of g()) fs.push(f); console.log(fs.map(f => f()).join()); })();",
        &["0,1,2"],
    );
    // `yield` awaits its operand: a rejection is thrown at the yield.
    assert_prints(
        "async function* g() { try { yield Promise.reject(new RangeError('r')); } catch (e) { yield e.name; } }
         (async () => { for await (const v of g()) console.log(v); })();",
        &["RangeError"],
    );
    // `yield*` delegates to an async iterable, and `return x` awaits x.
    assert_prints(
        "async function* inner() { yield 'i'; return 'r'; } async function* outer() { console.log(yield* inner()); return Promise.resolve('done'); }
         (async () => { const it = outer(); for (let k = 0; k < 3; k++) { const r = await it.next(); console.log(r.value, r.done); } })();",
        &["i false", "r", "done true", "undefined true"],
    );
    // A bad receiver rejects the returned promise rather than throwing.
    assert_prints(
        "async function* g() {} g().next.call({}).catch(e => console.log(e.name));",
        &["TypeError"],
    );
}

#[test]
fn private_brand_checks_with_in() {
    assert_prints(
        "class C { #f = 1; #m() {} static #s; static check(o) { return [#f in o, #m in o, #s in o].join(); } }
         console.log(C.check(new C()), C.check({}), C.check(C));",
        &["true,true,false false,false,false false,false,true"],
    );
    assert_throws(
        "class C { #f; static t(o) { return #f in o; } } C.t(1);",
        "TypeError",
    );
    // Only as the left operand of a relational `in`, and only when declared.
    assert_throws(
        "class C { #f; m() { return 1 + #f in this; } }",
        "SyntaxError",
    );
    assert_throws("class C { #f; m() { return #g in this; } }", "SyntaxError");
}

#[test]
fn direct_eval_in_strict_code_parses_as_strict_code() {
    // PerformEval: strictCaller makes the eval code strict, so strict-mode
    // early errors apply even without a directive of its own.
    assert_prints(
        "'use strict'; for (const s of ['with ({}) {}', 'var public;', '010', 'eval = 1', '{ function a() {} function a() {} }']) {
           try { eval(s); console.log('accepted'); } catch (e) { console.log(e.name); } }",
        &["SyntaxError", "SyntaxError", "SyntaxError", "SyntaxError", "SyntaxError"],
    );
    assert_prints(
        "function f() { return eval('010'); } console.log(f());",
        &["8"],
    );
}

#[test]
fn direct_eval_in_a_default_parameter_declares_in_the_function_not_the_global() {
    assert_prints(
        "var p = 'outer'; function f(a = eval('var p = 1; p'), read = () => p) { return [a, read(), p].join(); }
         console.log(f(), p);",
        &["1,1,1 outer"],
    );
}

#[test]
fn eval_code_in_methods_sees_new_target_super_and_private_names() {
    // PerformEval: inFunction / inMethod / the private environment of the caller.
    assert_prints(
        "class A { hi() { return 'A'; } }
         class B extends A { #p = 'p'; hi() { return eval('super.hi()') + eval('this.#p') + eval('#p in this'); } }
         function f() { return eval('new.target'); }
         console.log(new B().hi(), f(), typeof new f());",
        &["Aptrue undefined function"],
    );
    assert_throws(
        "function f() { return eval('super.x'); } f();",
        "SyntaxError",
    );
    assert_throws(
        "class C { #p; m() { return eval('this.#q'); } } new C().m();",
        "SyntaxError",
    );
    assert_throws("class C { x = eval('arguments'); } new C();", "SyntaxError");
}

#[test]
fn arrows_in_eval_code_take_this_from_the_callers_function() {
    assert_prints(
        "const o = { m() { return eval('(() => this)()') === o; }, n() { return eval('eval(\"(() => this)()\")') === o; } };
         function F() { this.nt = eval('(() => new.target)()') === F; }
         console.log(o.m(), o.n(), new F().nt, eval('(() => this)()') === globalThis);",
        &["true true true true"],
    );
}

#[test]
fn generator_and_async_function_constructors() {
    assert_prints(
        "const GF = Object.getPrototypeOf(function* () {}).constructor;
         const AF = Object.getPrototypeOf(async function () {}).constructor;
         const AGF = Object.getPrototypeOf(async function* () {}).constructor;
         console.log(GF.name, AF.name, AGF.name, typeof GeneratorFunction, [...new GF('a', 'yield a; yield a * 2')(3)].join());
         AF('x', 'return await x')(Promise.resolve(5)).then(v => console.log(v));
         (async () => { for await (const v of AGF('yield 1')()) console.log(v); })();",
        &["GeneratorFunction AsyncFunction AsyncGeneratorFunction undefined 3,6", "5", "1"],
    );
}

#[test]
fn eval_in_a_default_parameter_cannot_redeclare_a_parameter() {
    // EvalDeclarationInstantiation: the parameters' record lies between the
    // eval's lexEnv and varEnv.
    assert_throws(
        "(function (a, b = eval('var a = 1')) {})(0);",
        "SyntaxError",
    );
    assert_throws("((a, b = eval('function a() {}')) => a)(0);", "SyntaxError");
    assert_prints(
        "console.log((function (a, b = eval('var c = 1')) { return c; })(0));",
        &["1"],
    );
    assert_prints(
        "console.log((function (a) { eval('var a = 2'); return a; })(0));",
        &["2"],
    );
}

#[test]
fn eval_returns_the_completion_value_of_nested_statements() {
    let cases = [
        ("1; 2; if (true) { 3 } else { 4 }", "3"),
        ("for (var i = 0; i < 3; i++) i * 2", "4"),
        ("1; if (true) {}", "undefined"),
        ("1; var x = 2; {}", "1"),
        ("1; do { 2; break; } while (0)", "2"),
        ("3; try { 4 } finally { 5 }", "4"),
        ("1; a: { 2; break a; }", "2"),
        (
            "for (var j = 0; j < 2; j++) { if (j == 0) 5; }",
            "undefined",
        ),
        ("8; switch (1) { case 2: 9; }", "undefined"),
        ("(function () {}).name", ""),
    ];
    for (code, expected) in cases {
        assert_prints(
            &format!("console.log(String(eval({code:?})));"),
            &[expected],
        );
    }
}

#[test]
fn super_call_in_eval_code_binds_the_constructors_this() {
    assert_prints(
        "class A { constructor(x) { this.x = x; } }
         class B extends A { f = 'f'; constructor() { eval('super(1)'); this.after = this.x + this.f; } }
         class C extends A { constructor() { (() => eval('super(2)'))(); console.log(this.x); } }
         console.log(new B().after); new C();",
        &["1f", "2"],
    );
    assert_throws(
        "class A {} class B extends A { constructor() { super(); eval('super()'); } } new B();",
        "ReferenceError",
    );
    assert_throws(
        "class A { m() { eval('super()'); } } new A().m();",
        "SyntaxError",
    );
}

#[test]
fn appending_to_an_array_respects_an_index_setter_on_a_prototype() {
    // OrdinarySet finds the inherited accessor, so neither `push` nor an
    // index assignment may take the append fast path.
    assert_prints(
        "Object.defineProperty(Array.prototype, '0', { set(v) { console.log('set', v); }, configurable: true });
         var a = []; a.push(1); console.log(a.length, Object.keys(a).length);
         var b = []; b[0] = 5; console.log(b.length);
         delete Array.prototype[0];
         var c = []; c.push(2); c[1] = 3; console.log(c.join());",
        &["set 1", "1 0", "set 5", "0", "2,3"],
    );
    assert_prints(
        "Object.defineProperty(Object.prototype, '1', { value: 'ro', writable: false, configurable: true });
         var a = [0]; a[1] = 9; console.log(a.length, a[1]);",
        &["1 ro"],
    );
}

#[test]
fn a_named_access_site_follows_the_object_it_is_given() {
    // The inline cache of `o.k` must not answer for another object whose
    // map has a different property at the cached position.
    assert_prints(
        "function k(o) { return o.k; }
         var p = { k: 'proto' };
         var objs = [{ a: 1, k: 'own' }, { k: 'first' }, Object.create(p), { a: 1, b: 2 },
                     Object.create({ get k() { return 'getter ' + (this === objs[5]); } }), [], 'str'];
         objs.push(objs[4]);
         objs[5] = objs[4];
         console.log(objs.map(k).join());
         String.prototype.k = 'sp'; Array.prototype.k = 'ap';
         console.log(k([]), k('s'), k(function () {}));",
        &[
            "own,first,proto,,getter true,getter true,,getter true",
            "ap sp undefined",
        ],
    );
}

#[test]
fn push_takes_its_fast_path_only_when_the_sets_would_only_append() {
    assert_prints(
        "var a = [1,2]; console.log(a.push(3,4), a.join());
         Object.freeze(a); try { a.push(5); } catch (e) { console.log(e.constructor.name); } console.log(a.length);
         var b = [1]; Object.defineProperty(b, 'length', {writable:false}); try { b.push(2); } catch (e) { console.log(e.constructor.name); } console.log(b.length, b[1]);
         var c = []; c.length = 5; console.log(c.push(1), c.length, 4 in c, c[5]);
         var d = Object.preventExtensions([1]); try { d.push(2); } catch (e) { console.log(e.constructor.name); }
         var e = []; console.log(e.push(), e.length);",
        &["4 1,2,3,4", "TypeError", "4", "TypeError", "1 undefined", "6 6 false 1", "TypeError", "0 0"],
    );
}
