//! The host contract (timers, microtasks, uncaught errors), the heap
//! (cycles reclaimed, captured environments kept), and the run limits.

use super::{assert_prints, assert_throws, run};
use crate::engine::{Limits, Outcome};

#[test]
fn event_loop_order() {
    assert_prints(
        "setTimeout(() => { console.log('timer 1'); Promise.resolve().then(() => console.log('micro in timer 1')); }, 0);
         setTimeout(() => console.log('timer 2'), 0);
         Promise.resolve().then(() => console.log('promise'));
         queueMicrotask(() => console.log('queued'));
         console.log('script end');",
        &["script end", "promise", "queued", "timer 1", "micro in timer 1", "timer 2"],
    );
    assert_prints(
        "setTimeout(() => console.log('b'), 20); setTimeout(() => console.log('a'), 10); setTimeout((x, y) => console.log(x + y), 15, 1, 2);",
        &["a", "3", "b"],
    );
    assert_prints(
        "setTimeout(() => console.log('nan'), NaN); setTimeout(() => console.log('neg'), -5); setTimeout(() => console.log('one'), 1);",
        &["nan", "neg", "one"],
    );
    assert_prints(
        "let n = 0; const id = setInterval((tag) => { n++; console.log(tag, n); if (n === 3) clearInterval(id); }, 10, 'tick');
         setTimeout(() => console.log('t 25'), 25);",
        &["tick 1", "tick 2", "t 25", "tick 3"],
    );
    assert_prints(
        "const id = setTimeout(() => console.log('never'), 5); clearTimeout(id); console.log(id > 0);",
        &["true"],
    );
}

#[test]
fn uncaught_errors_do_not_stop_the_loop() {
    assert_prints(
        "setTimeout(() => { throw new TypeError('x'); }, 0); setTimeout(() => console.log('next'), 1); queueMicrotask(() => { throw new RangeError(); }); queueMicrotask(() => console.log('micro'));",
        &["Uncaught RangeError", "micro", "Uncaught TypeError", "next"],
    );
    assert_throws("setTimeout('not a function', 0)", "TypeError");
}

#[test]
fn gc_reclaims_a_closure_cycle() {
    assert_prints(
        "let ref;
         (function () { const o = {}; o.self = o; o.f = () => o; ref = new WeakRef(o); })();
         console.log(ref.deref() !== undefined);
         setTimeout(() => { gc(); console.log(ref.deref() === undefined); }, 0);",
        &["true", "true"],
    );
    // An environment captured by a reachable closure stays alive.
    assert_prints(
        "let ref; function make() { const big = { tag: 'kept' }; ref = new WeakRef(big); return () => big.tag; }
         const get = make();
         setTimeout(() => { gc(); console.log(get(), ref.deref() !== undefined); }, 0);",
        &["kept true"],
    );
    // Once the closure is dropped, its environment (and the cycle through it) goes.
    assert_prints(
        "let ref; let keep = (function () { const env = {}; env.fn = function () { return env; }; ref = new WeakRef(env); return env.fn; })();
         setTimeout(() => { keep = null; }, 0);
         setTimeout(() => { gc(); console.log(ref.deref() === undefined); }, 1);",
        &["true"],
    );
}

#[test]
fn collector_statistics_show_freed_cycles() {
    use crate::mini::environment::{BindingKind, ScopeInfo, new_declarative_environment};
    use crate::mini::heap::Heap;
    use crate::mini::object::{Obj, ObjectKind};
    use crate::mini::property::Attributes;
    use crate::mini::value::{JsStr, Value};
    use std::rc::Rc;

    let heap = Heap::with_stress(usize::MAX, false);
    let scope = Rc::new(ScopeInfo {
        names: vec![JsStr::from("f")],
        kinds: vec![BindingKind::Let],
        description: "t".into(),
    });
    let weak = {
        // env → object → env: a cycle only the collector can free.
        let env = new_declarative_environment(&heap, None, scope);
        let o = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        o.define_data("x", Value::Number(1.0), Attributes::all());
        env.initialize_binding(0, Value::Object(o.clone()));
        let holder = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
        holder.define_data("x", Value::Object(holder.clone()), Attributes::all());
        holder.downgrade()
    };
    let kept = Obj::with_kind(&heap, None, ObjectKind::Ordinary);
    assert!(
        weak.strong_count() > 0,
        "a self-cycle survives reference counting"
    );
    let freed = heap.collect();
    assert!(freed >= 1, "the collector frees the cycle (freed {freed})");
    assert_eq!(weak.strong_count(), 0);
    assert_eq!(heap.stats().collections, 1);
    assert!(
        kept.strong_count() >= 1,
        "an object held by Rust code survives"
    );
}

#[test]
fn deep_recursion_is_a_catchable_range_error() {
    assert_prints(
        "function f(n) { return f(n + 1) + 1; } try { f(0); } catch (e) { console.log(e instanceof RangeError, e.name); }",
        &["true RangeError"],
    );
    assert_prints(
        "function* g() { function r() { return r() + 1; } try { r(); } catch (e) { yield e.name; } } console.log(g().next().value);",
        &["RangeError"],
    );
    assert_throws(
        "const o = {}; o.toString = function () { return String(this); }; String(o);",
        "RangeError",
    );
}

#[test]
fn step_budget_is_a_timeout() {
    let limits = Limits {
        steps: 10_000,
        ..Limits::default()
    };
    let outcome = crate::mini::run("while (true) {}", &limits);
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "step budget of 10000 exhausted".into()
        }
    );
    let outcome = crate::mini::run(
        "try { for (;;) {} } finally { console.log('no'); }",
        &limits,
    );
    assert!(matches!(outcome, Outcome::Timeout { .. }), "{outcome:?}");
    let outcome = crate::mini::run("setInterval(() => {}, 0);", &Limits::default());
    assert!(
        matches!(&outcome, Outcome::Timeout { reason } if reason.contains("job limit")),
        "{outcome:?}"
    );
}

#[test]
fn heap_limit_is_a_limit() {
    let limits = Limits {
        heap_bytes: 8 << 20,
        ..Limits::default()
    };
    let outcome = crate::mini::run(
        "const a = []; while (true) a.push({ x: [1, 2, 3] });",
        &limits,
    );
    assert!(
        matches!(&outcome, Outcome::Limit { reason } if reason.contains("heap limit")),
        "{outcome:?}"
    );
}

#[test]
fn huge_strings_are_range_errors() {
    assert_prints(
        "try { 'x'.repeat(2 ** 30); } catch (e) { console.log(e.name); }",
        &["RangeError"],
    );
    assert_throws("let s = 'x'; for (;;) s += s;", "RangeError");
}

#[test]
fn syntax_errors_and_unsupported_syntax() {
    match run("let = ;") {
        Outcome::Completed { transcript, notes } => {
            assert_eq!(transcript.as_str(), "Uncaught SyntaxError\n");
            assert_eq!(notes.len(), 1, "{notes:?}");
        }
        other => panic!("{other:?}"),
    }
    match run("const big = 1n;") {
        Outcome::Completed { transcript, .. } => {
            assert_eq!(transcript.as_str(), "Uncaught SyntaxError\n")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let inputs = [
        "",
        "(",
        ")",
        "{",
        "}",
        "function",
        "class extends",
        "`${",
        "'\\u{",
        "/*",
        "a\u{0}b",
        "x => {",
        "async function* g() { yield* 1 }; g()",
        "new new new",
        "[...]",
        "({a:1}) = 1",
        "for (let of of of) {}",
        "yield",
        "await 1",
        "\u{feff}1",
        "super()",
        "new.target",
    ];
    for src in inputs {
        let _ = run(src);
    }
    // Truncations of a real program.
    let program = "class A extends Object { #x = 1; static { this.y = 2; } m(a = 1, ...r) { return [a, ...r].map(v => v * this.#x); } }
                   function* g() { try { yield* [1, 2]; } finally { return 3; } }
                   async function h() { for await (const v of [1]) await v; }
                   label: for (let i = 0; i < 2; i++) { switch (i) { case 0: continue label; default: break label; } }";
    for end in 0..program.len() {
        if program.is_char_boundary(end) {
            let _ = run(&program[..end]);
        }
    }
}
