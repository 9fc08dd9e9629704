//! Boa-specific tests: its limits (loop budget, job limit, native stack),
//! string guards, notes and fresh contexts. The host contract every engine
//! shares is checked once for all engines in `tests/host_contract.rs`.

use super::*;

/// Runs `source` with default limits and returns its transcript; fails the
/// test on any other outcome.
fn transcript(source: &str) -> String {
    transcript_with(&mut BoaEngine::new(), source, &Limits::default())
}

fn transcript_with(engine: &mut BoaEngine, source: &str, limits: &Limits) -> String {
    match engine.run(source, limits) {
        Outcome::Completed { transcript, .. } => transcript.as_str().to_string(),
        other => panic!("expected a transcript from {source:?}, got {other:?}"),
    }
}

fn small_steps() -> Limits {
    Limits {
        steps: 10_000,
        ..Limits::default()
    }
}

// ---- timers and microtasks ----

#[test]
fn an_interval_that_is_never_cleared_hits_the_job_limit() {
    let mut engine = BoaEngine::new().with_job_limit(1_000);
    let outcome = engine.run("setInterval(() => {}, 0);", &Limits::default());
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "event loop job limit (1000) reached".into()
        }
    );
}

#[test]
fn non_callable_timer_callbacks_throw_type_error() {
    let out = transcript(
        "try { setTimeout('console.log(1)', 0); } catch (e) { console.log(e.name); }\n\
         try { queueMicrotask(1); } catch (e) { console.log(e.name); }",
    );
    assert_eq!(out, "TypeError\nTypeError\n");
}

#[test]
fn unhandled_rejections_print_nothing_but_leave_a_note() {
    let outcome = BoaEngine::new().run(
        "Promise.reject(new TypeError('x'));\n\
         Promise.reject(1).catch(() => console.log('handled'));\n\
         const late = Promise.reject(2); setTimeout(() => late.catch(() => {}), 0);\n\
         (async () => { throw new RangeError(); })();\n\
         console.log('done');",
        &Limits::default(),
    );
    let Outcome::Completed { transcript, notes } = outcome else {
        panic!("expected a transcript")
    };
    assert_eq!(transcript.as_str(), "done\nhandled\n");
    assert_eq!(
        notes,
        [
            "unhandled promise rejection: TypeError",
            "unhandled promise rejection: 2",
            "unhandled promise rejection: RangeError"
        ]
    );
}

// ---- syntax errors ----

#[test]
fn syntax_error_is_a_single_line_and_runs_nothing() {
    let mut engine = BoaEngine::new();
    let outcome = engine.run(
        "console.log('ran'); setTimeout(() => {}, 0);\nfunction(){}();",
        &Limits::default(),
    );
    let Outcome::Completed { transcript, notes } = outcome else {
        panic!("expected a transcript")
    };
    assert_eq!(transcript.as_str(), "Uncaught SyntaxError\n");
    assert!(
        notes.iter().any(|n| n.starts_with("SyntaxError")),
        "notes: {notes:?}"
    );
    assert_eq!(
        transcript_with(&mut engine, "let a; let a;", &Limits::default()),
        "Uncaught SyntaxError\n"
    );
}

// ---- limits ----

#[test]
fn infinite_loop_is_a_timeout() {
    let outcome = BoaEngine::new().run("console.log('start'); while (true) {}", &small_steps());
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "loop iteration limit (10000) reached".into()
        }
    );
}

#[test]
fn infinite_loop_inside_a_native_callback_is_a_timeout() {
    let outcome = BoaEngine::new().run("[1].map(() => { for (;;) {} });", &small_steps());
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "loop iteration limit (10000) reached".into()
        }
    );
}

#[test]
fn try_catch_cannot_swallow_the_loop_limit() {
    let outcome = BoaEngine::new().run(
        "try { while (true) {} } catch (e) {} console.log('no');",
        &small_steps(),
    );
    assert!(matches!(outcome, Outcome::Timeout { .. }), "{outcome:?}");
}

#[test]
fn recursion_within_max_depth_works() {
    let out =
        transcript("function d(n) { return n === 0 ? 0 : 1 + d(n - 1); } console.log(d(5000));");
    assert_eq!(out, "5000\n");
    let limits = Limits {
        max_depth: 100,
        ..Limits::default()
    };
    let out = transcript_with(
        &mut BoaEngine::new(),
        "function d(n) { return n === 0 ? 0 : 1 + d(n - 1); } d(500);",
        &limits,
    );
    assert_eq!(out, "Uncaught RangeError\n");
}

#[test]
fn the_context_is_fresh_for_every_run() {
    let mut engine = BoaEngine::new();
    let limits = Limits::default();
    assert_eq!(
        transcript_with(&mut engine, "var leaked = 1; globalThis.g = 2;", &limits),
        ""
    );
    assert_eq!(
        transcript_with(
            &mut engine,
            "console.log(typeof leaked, typeof g);",
            &limits
        ),
        "undefined undefined\n"
    );
    // A run stopped by a limit leaves nothing behind either.
    let _ = engine.run(
        "setTimeout(() => console.log('stale'), 0); while (true) {}",
        &small_steps(),
    );
    assert_eq!(
        transcript_with(&mut engine, "console.log('clean');", &limits),
        "clean\n"
    );
}

// Boa recurses on the Rust stack inside these built-ins, about 1–2 KiB per
// level (measured): 10,000 levels overflow an 8 MiB main-thread stack and
// abort the process unless the run is on the big-stack thread. Arrays, not
// objects: Boa's JSON.stringify is quadratic in the depth (10,000 nested
// `{o}` objects take ~6 s, nested arrays ~1.5 s).
#[test]
fn deep_json_stringify_does_not_overflow_the_native_stack() {
    let out = transcript(
        "let a = []; for (let i = 0; i < 10000; i++) a = [a];\n\
         const s = JSON.stringify(a); console.log(s.length, s.slice(0, 3), s.slice(-3));",
    );
    assert_eq!(out, "20002 [[[ ]]]\n");
}

#[test]
fn deep_native_callback_nesting_does_not_overflow_the_native_stack() {
    let limits = Limits {
        max_depth: 100_000,
        ..Limits::default()
    };
    let out = transcript_with(
        &mut BoaEngine::new(),
        "function f(n) { return n ? [n].map(m => f(m - 1))[0] : 'bottom'; }\n\
         console.log(f(10000));",
        &limits,
    );
    assert_eq!(out, "bottom\n");
}

#[test]
fn huge_repeat_is_a_range_error_not_an_abort() {
    let out = transcript(
        "try { 'x'.repeat(2 ** 30); } catch (e) { console.log(e.name); }\n\
         try { 'ab'.padStart(2 ** 31); } catch (e) { console.log(e.name); }\n\
         try { 'x'.repeat(-1); } catch (e) { console.log(e.name); }\n\
         console.log('ab'.repeat(3), 'x'.repeat(0) === '', '5'.padStart(3, '0'), 'a'.padEnd(4, 'xy'));\n\
         console.log(String.prototype.repeat.name, String.prototype.repeat.length, String.prototype.padEnd.length);\n\
         console.log('é☃'.repeat(2), String.prototype.repeat.call(7, 2));",
    );
    assert_eq!(
        out,
        "RangeError\nRangeError\nRangeError\nababab true 005 axyx\nrepeat 1 2\né☃é☃ 77\n"
    );
}

#[test]
fn transcript_size_is_limited() {
    let outcome = BoaEngine::new().run(
        "const s = 'x'.repeat(1 << 20); for (let i = 0; i < 100; i++) console.log(s);",
        &Limits::default(),
    );
    assert_eq!(
        outcome,
        Outcome::Limit {
            reason: format!(
                "transcript size limit ({} bytes) reached",
                host::MAX_TRANSCRIPT_BYTES
            )
        }
    );
}

// ---- gc, WeakRef, annex B ----

#[test]
fn gc_keeps_weak_ref_targets_until_the_microtask_checkpoint_ends() {
    let out = transcript(
        "const ref = new WeakRef({});\n\
         gc(); console.log('same job', ref.deref() !== undefined);\n\
         Promise.resolve().then(() => { gc(); console.log('same checkpoint', ref.deref() !== undefined); });\n\
         setTimeout(() => { gc(); console.log('next task', ref.deref()); }, 0);",
    );
    assert_eq!(
        out,
        "same job true\nsame checkpoint true\nnext task undefined\n"
    );
}

#[test]
fn finalization_registry_callback_runs_after_gc() {
    let out = transcript(
        "const registry = new FinalizationRegistry(held => console.log('finalized', held));\n\
         registry.register({}, 'token');\n\
         setTimeout(() => gc(), 0);\n\
         setTimeout(() => console.log('later'), 1);",
    );
    assert_eq!(out, "finalized token\nlater\n");
}

#[test]
fn globals_are_not_enumerable_and_typeof_is_function() {
    let out = transcript(
        "console.log(typeof console.log, typeof alert, typeof print, typeof setTimeout,\n\
           typeof clearTimeout, typeof setInterval, typeof clearInterval, typeof queueMicrotask, typeof gc);\n\
         console.log(Object.keys(globalThis).length);",
    );
    assert_eq!(
        out,
        "function function function function function function function function function\n0\n"
    );
}
