//! Classes, generators, async functions and promises, operators,
//! built-ins the harness files need.

use super::{assert_prints, assert_throws};

#[test]
fn classes() {
    assert_prints(
        "class A { #x = 1; static s = 'S'; constructor(y) { this.y = y; } get x() { return this.#x; } inc() { this.#x++; return this; } static make() { return new A(2); } }
         const a = A.make().inc(); console.log(a.x, a.y, A.s, typeof A, a instanceof A);",
        &["2 2 S function true"],
    );
    assert_prints(
        "class B { hi() { return 'B'; } } class C extends B { constructor() { super(); this.z = 1; } hi() { return 'C' + super.hi(); } }
         console.log(new C().hi(), new C().z, Object.getPrototypeOf(C) === B);",
        &["CB 1 true"],
    );
    assert_prints(
        "class D extends Array {} const d = new D(); d.push(1); console.log(d.length, d instanceof Array);",
        &["1 true"],
    );
    assert_throws("class E {} E();", "TypeError");
    assert_throws(
        "class F extends Object { constructor() { this.x = 1; } } new F();",
        "ReferenceError",
    );
    assert_prints(
        "let C = class Named { who() { return Named.name; } }; console.log(new C().who(), C.name);",
        &["Named Named"],
    );
    assert_prints(
        "class G { static #count = 0; static inc() { return ++G.#count; } } G.inc(); console.log(G.inc());",
        &["2"],
    );
    assert_prints(
        "class H { m = () => this.v; v = 7; } const h = new H(); const m = h.m; console.log(m());",
        &["7"],
    );
    assert_prints(
        "class K { static { this.ready = true; } } console.log(K.ready);",
        &["true"],
    );
    assert_prints(
        "class P { constructor() { this.t = (() => new.target === P)(); } } console.log(new P().t);",
        &["true"],
    );
    assert_throws("class Q { constructor() { Q = 1; } } new Q();", "TypeError");
}

#[test]
fn generators() {
    assert_prints(
        "function* g(n) { for (let i = 0; i < n; i++) yield i; return 'done'; } const it = g(2);
         console.log(JSON_like(it.next()), JSON_like(it.next()), JSON_like(it.next()), JSON_like(it.next()));
         function JSON_like(r) { return r.value + ':' + r.done; }",
        &["0:false 1:false done:true undefined:true"],
    );
    assert_prints(
        "function* g() { const x = yield 1; console.log('got', x); } const it = g(); it.next(); it.next(42);",
        &["got 42"],
    );
    assert_prints(
        "function* g() { yield* [1, 2]; yield 3; } console.log([...g()].join());",
        &["1,2,3"],
    );
    assert_prints(
        "function* g() { try { yield 1; } finally { console.log('cleanup'); } } const it = g(); it.next(); console.log(it.return(5).value);",
        &["cleanup", "5"],
    );
    assert_prints(
        "function* g() { try { yield 1; } catch (e) { console.log('caught', e); } } const it = g(); it.next(); it.throw('x');",
        &["caught x"],
    );
    assert_prints(
        "function* g() { let i = 0; while (true) yield i++; } const it = g(); for (const v of it) { if (v > 2) break; console.log(v); }",
        &["0", "1", "2"],
    );
    assert_prints(
        "const o = { *[Symbol.iterator]() { yield 'a'; yield 'b'; } }; console.log([...o].join(''));",
        &["ab"],
    );
    assert_throws(
        "function* g() { throw new RangeError('r'); } g().next();",
        "RangeError",
    );
    assert_prints(
        "function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } } const r = []; for (const f of fib()) { if (f > 20) break; r.push(f); } console.log(r.join());",
        &["0,1,1,2,3,5,8,13"],
    );
}

#[test]
fn async_functions_and_promises() {
    assert_prints(
        "async function f() { console.log('a'); await null; console.log('c'); return 1; }
         f().then(v => console.log('then', v)); console.log('b');",
        &["a", "b", "c", "then 1"],
    );
    assert_prints(
        "const later = (v) => new Promise(r => setTimeout(() => r(v), 10));
         async function main() { const xs = []; for (let i = 0; i < 3; i++) xs.push(await later(i)); console.log(xs.join()); }
         main();",
        &["0,1,2"],
    );
    assert_prints(
        "async function f() { throw new TypeError('t'); } f().catch(e => console.log('caught', e.name));",
        &["caught TypeError"],
    );
    assert_prints(
        "async function f() { try { await Promise.reject(new Error('x')); } catch (e) { console.log('in', e.message); } } f();",
        &["in x"],
    );
    assert_prints(
        "Promise.resolve(1).then(v => { console.log(v); return v + 1; }).then(v => console.log(v)); queueMicrotask(() => console.log('q'));",
        &["1", "q", "2"],
    );
    assert_prints(
        "Promise.all([1, Promise.resolve(2), new Promise(r => setTimeout(r, 5, 3))]).then(v => console.log(v.join()));",
        &["1,2,3"],
    );
    assert_prints(
        "const f = async (x) => x * 2; f(21).then(console.log);",
        &["42"],
    );
    assert_prints(
        "Promise.reject(1).finally(() => console.log('fin')).catch(v => console.log('c', v));",
        &["fin", "c 1"],
    );
    assert_prints(
        "const fs = []; async function g() { for (let i = 0; i < 2; i++) { await 0; fs.push(() => i); } } g().then(() => console.log(fs.map(f => f()).join()));",
        &["0,1"],
    );
}

#[test]
fn operators() {
    assert_prints(
        "console.log(1 == '1', null == undefined, 0 === -0, NaN === NaN, [] + {}, 1 + null)",
        &["true true true false [object Object] 1"],
    );
    assert_prints(
        "const o = {a: {b: null}}; console.log(o?.a?.b?.c, o.x?.y.z, o.a.b ?? 'd', o.f?.())",
        &["undefined undefined d undefined"],
    );
    assert_prints(
        "let a = null; a ??= 1; let b = 1; b &&= 2; let c = 0; c ||= 3; console.log(a, b, c)",
        &["1 2 3"],
    );
    assert_prints(
        "console.log(`x${1 + 1}y`, typeof null, typeof (() => 1), 'a' in {a: 1}, delete {}.x)",
        &["x2y object function true true"],
    );
    assert_prints(
        "console.log(7 >> 1, -7 >>> 28, 5 & 3, 5 | 3, 5 ^ 3, ~5, 2 ** -1)",
        &["3 15 1 7 6 -6 0.5"],
    );
    assert_prints(
        "let i = 0; const r = [i++, i++, ++i]; console.log(r.join(), i)",
        &["0,1,3 3"],
    );
    assert_prints(
        "console.log([1, 2, ...[3, 4]].length, Math_like()); function Math_like() { return [...'ab'].join('-'); }",
        &["4 a-b"],
    );
}

#[test]
fn builtins_for_harness_files() {
    assert_prints(
        "function Test262Error(message) { this.message = message || ''; }
         Test262Error.prototype.toString = function () { return 'Test262Error: ' + this.message; };
         console.log(String(new Test262Error('m')), Object.is(NaN, NaN), Object.is(0, -0));",
        &["Test262Error: m true false"],
    );
    assert_prints(
        "function f(a, b) { return a + b; } console.log(f.toString());",
        &["function f(a, b) { return a + b; }"],
    );
    assert_prints(
        "console.log(f.call({x: 1}, 2), f.apply(null, [3]), f.bind({x: 5}, 1)()); function f(y) { return (this && this.x) + y; }",
        &["3 NaN 6"],
    );
    assert_prints(
        "const b = function () {}.bind(null); console.log(b.name, (function named(a, b) {}).length)",
        &["bound  2"],
    );
    assert_prints(
        "console.log(String(Symbol('s')), [1, [2, 3]].toString(), String(null))",
        &["Symbol(s) 1,2,3 null"],
    );
    assert_prints(
        "try { null.f(); } catch (e) { console.log(e instanceof TypeError, e.name, e.constructor === TypeError); }",
        &["true TypeError true"],
    );
    assert_prints(
        "const e = new RangeError('r', { cause: 1 }); console.log(e.message, e.cause, String(e));",
        &["r 1 RangeError: r"],
    );
    assert_prints(
        "const o = {}; Object.defineProperty(o, 'x', { get() { return 1; }, enumerable: false }); console.log(o.x, Object.keys(o).length, JSON_like());
         function JSON_like() { const d = Object.getOwnPropertyDescriptor(o, 'x'); return typeof d.get + d.enumerable; }",
        &["1 0 functionfalse"],
    );
    assert_prints(
        "const f = Object.freeze({a: 1}); f.a = 2; console.log(f.a, Object.isFrozen(f));",
        &["1 true"],
    );
    assert_throws(
        "'use strict'; const f = Object.freeze({a: 1}); f.a = 2;",
        "TypeError",
    );
}

#[test]
fn uncaught_names() {
    assert_throws("throw 42", "42");
    assert_throws("throw {}", "[object Object]");
    assert_throws(
        "class MyErr extends Error {} MyErr.prototype.name = 'MyErr'; throw new MyErr();",
        "MyErr",
    );
    assert_throws("throw Object.create(SyntaxError.prototype)", "SyntaxError");
    assert_prints(
        "setTimeout(() => console.log('after'), 0); throw new Error('x');",
        &["Uncaught Error", "after"],
    );
}

#[test]
fn for_await_of() {
    assert_prints(
        "async function f() { for await (const v of [Promise.resolve(1), 2]) console.log(v); } f();",
        &["1", "2"],
    );
    assert_prints(
        "const src = { [Symbol.asyncIterator]() { let i = 0; return { next() { return Promise.resolve({ value: i, done: i++ > 1 }); } }; } };
         (async () => { for await (const v of src) console.log('v', v); })();",
        &["v 0", "v 1"],
    );
}

#[test]
fn function_own_properties() {
    assert_prints(
        "function f(a, b) {} console.log(Object.getOwnPropertyNames(f).join(), f.length, f.name, f.prototype.constructor === f);",
        &["length,name,prototype 2 f true"],
    );
    assert_prints(
        "function f() {} f.x = 1; Object.defineProperty(f, 'name', { value: 'g' }); console.log(Object.getOwnPropertyNames(f).join(), f.name);",
        &["length,name,prototype,x g"],
    );
    assert_prints(
        "function f() {} delete f.name; console.log(JSON_like(f.name), f.hasOwnProperty('name')); function JSON_like(s) { return '[' + s + ']'; }",
        &["[] false"],
    );
    assert_prints(
        "function f() {} f.prototype = 1; console.log(f.prototype); const g = function () {}; console.log(new g() instanceof g);",
        &["1", "true"],
    );
    assert_prints(
        "const arrow = () => {}; console.log(arrow.hasOwnProperty('prototype'), arrow.name);",
        &["false arrow"],
    );
    assert_prints(
        "class C {} console.log(Object.getOwnPropertyNames(C).join());",
        &["length,name,prototype"],
    );
}
