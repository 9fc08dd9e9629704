//! Tests of the Boa host contract (DESIGN §3–4), asserting exact transcripts.

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

// ---- console.log / alert / print ----

#[test]
fn print_joins_string_of_each_argument_with_one_space() {
    let out = transcript(
        "console.log(1, 'a', undefined, null, {}, [1, 2], true, -0, 1.5, 10n, Symbol('s'));\n\
         console.log();\n\
         console.log('');\n\
         console.log({ toString() { return 'custom'; } });",
    );
    assert_eq!(
        out,
        "1 a undefined null [object Object] 1,2 true 0 1.5 10 Symbol(s)\n\n\ncustom\n"
    );
}

#[test]
fn alert_and_print_are_console_log() {
    let out = transcript("alert('x', 1); print('x', 1); console.log('x', 1);");
    assert_eq!(out, "x 1\nx 1\nx 1\n");
}

#[test]
fn embedded_newlines_stay_as_they_are() {
    assert_eq!(transcript("console.log('a\\nb')"), "a\nb\n");
}

#[test]
fn to_string_that_throws_makes_the_call_throw() {
    let out = transcript(
        "try { console.log({ toString() { throw new TypeError('no'); } }); }\n\
         catch (e) { console.log('caught', e.name); }",
    );
    assert_eq!(out, "caught TypeError\n");
}

// ---- timers ----

#[test]
fn timers_run_by_due_time_then_scheduling_order() {
    let out = transcript(
        "setTimeout(() => console.log('b 10'), 10);\n\
         setTimeout(() => console.log('a 5'), 5);\n\
         setTimeout(() => console.log('c 10'), 10);\n\
         setTimeout(() => console.log('d 0'), 0);\n\
         console.log('script');",
    );
    assert_eq!(out, "script\nd 0\na 5\nb 10\nc 10\n");
}

#[test]
fn zero_negative_nan_and_missing_delays_are_all_zero() {
    let out = transcript(
        "setTimeout(() => console.log('one'), 1);\n\
         setTimeout(() => console.log('nan'), NaN);\n\
         setTimeout(() => console.log('neg'), -5);\n\
         setTimeout(() => console.log('zero'), 0);\n\
         setTimeout(() => console.log('none'));\n\
         setTimeout(() => console.log('str'), 'abc');\n\
         setTimeout(() => console.log('frac'), 0.9);",
    );
    assert_eq!(out, "nan\nneg\nzero\nnone\nstr\nfrac\none\n");
}

#[test]
fn delays_are_floored_and_converted_with_to_number() {
    let out = transcript(
        "setTimeout(() => console.log('2.9 is 2'), 2.9);\n\
         setTimeout(() => console.log('\"2\" is 2'), '2');\n\
         setTimeout(() => console.log('3'), 3);\n\
         setTimeout(() => console.log('obj 1'), { valueOf() { return 1; } });",
    );
    assert_eq!(out, "obj 1\n2.9 is 2\n\"2\" is 2\n3\n");
}

#[test]
fn virtual_time_adds_up_across_nested_timers() {
    let out = transcript(
        "setTimeout(() => { console.log('outer 10');\n\
           setTimeout(() => console.log('inner 10+10'), 10); }, 10);\n\
         setTimeout(() => console.log('plain 15'), 15);\n\
         setTimeout(() => console.log('plain 25'), 25);",
    );
    assert_eq!(out, "outer 10\nplain 15\ninner 10+10\nplain 25\n");
}

#[test]
fn set_timeout_passes_extra_arguments_and_returns_positive_ids() {
    let out = transcript(
        "const a = setTimeout((x, y) => console.log('args', x, y), 0, 'p', 2);\n\
         const b = setTimeout(() => {}, 0);\n\
         console.log(typeof a, a > 0, b > a, Number.isInteger(b));",
    );
    assert_eq!(out, "number true true true\nargs p 2\n");
}

#[test]
fn clear_timeout_from_a_closure_cancels_a_later_timer() {
    let out = transcript(
        "let id;\n\
         setTimeout(() => { console.log('first'); clearTimeout(id); }, 1);\n\
         id = setTimeout(() => console.log('never'), 2);\n\
         setTimeout(() => console.log('last'), 3);\n\
         clearTimeout(12345); clearTimeout('x'); clearTimeout();",
    );
    assert_eq!(out, "first\nlast\n");
}

#[test]
fn set_interval_runs_until_cleared_from_its_own_callback() {
    let out = transcript(
        "let n = 0;\n\
         const id = setInterval((tag) => { n++; console.log(tag, n);\n\
           if (n === 3) clearInterval(id); }, 10, 'tick');\n\
         setTimeout(() => console.log('t 25'), 25);\n\
         setTimeout(() => console.log('t 100, n =', n), 100);",
    );
    assert_eq!(out, "tick 1\ntick 2\nt 25\ntick 3\nt 100, n = 3\n");
}

#[test]
fn an_interval_is_rescheduled_after_its_callback_ran() {
    // As in node: a timer the callback schedules with the same delay comes
    // before the interval's next run.
    let out = transcript(
        "let n = 0;\n\
         const id = setInterval(() => { n++; console.log('tick', n);\n\
           if (n === 1) setTimeout(() => console.log('timeout set in tick 1'), 10);\n\
           if (n === 3) clearInterval(id); }, 10);",
    );
    assert_eq!(out, "tick 1\ntimeout set in tick 1\ntick 2\ntick 3\n");
}

#[test]
fn an_interval_goes_on_after_its_callback_throws() {
    let out = transcript(
        "let n = 0;\n\
         const id = setInterval(() => { n++; if (n === 2) clearInterval(id); throw new EvalError(); }, 5);\n\
         setTimeout(() => console.log('n =', n), 50);",
    );
    assert_eq!(out, "Uncaught EvalError\nUncaught EvalError\nn = 2\n");
}

#[test]
fn clear_interval_from_another_timer() {
    let out = transcript(
        "const id = setInterval(() => console.log('tick'), 10);\n\
         setTimeout(() => clearInterval(id), 25);",
    );
    assert_eq!(out, "tick\ntick\n");
}

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

// ---- microtasks ----

#[test]
fn microtasks_drain_after_the_script_and_after_each_task() {
    let out = transcript(
        "setTimeout(() => { console.log('timer 1');\n\
           Promise.resolve().then(() => console.log('micro in timer 1')); }, 0);\n\
         setTimeout(() => console.log('timer 2'), 0);\n\
         Promise.resolve().then(() => console.log('promise'));\n\
         queueMicrotask(() => console.log('queued'));\n\
         console.log('script end');",
    );
    assert_eq!(
        out,
        "script end\npromise\nqueued\ntimer 1\nmicro in timer 1\ntimer 2\n"
    );
}

#[test]
fn queue_microtask_shares_the_fifo_with_promise_jobs() {
    let out = transcript(
        "queueMicrotask(() => console.log('q1'));\n\
         Promise.resolve().then(() => { console.log('p1');\n\
           queueMicrotask(() => console.log('q3')); });\n\
         queueMicrotask(() => console.log('q2'));",
    );
    assert_eq!(out, "q1\np1\nq2\nq3\n");
}

#[test]
fn async_functions_and_await_run_on_microtasks() {
    let out = transcript(
        "async function f() { console.log('f start'); await null; console.log('f resumed'); }\n\
         f(); console.log('sync');\n\
         setTimeout(async () => { await f(); console.log('after await in timer'); }, 0);",
    );
    assert_eq!(
        out,
        "f start\nsync\nf resumed\nf start\nf resumed\nafter await in timer\n"
    );
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

// ---- uncaught errors ----

#[test]
fn uncaught_error_in_script_ends_it_but_timers_still_run() {
    let out = transcript(
        "setTimeout(() => console.log('timer'), 0);\n\
         Promise.resolve().then(() => console.log('micro'));\n\
         console.log('before');\n\
         undefinedName;\n\
         console.log('never');",
    );
    assert_eq!(out, "before\nUncaught ReferenceError\nmicro\ntimer\n");
}

#[test]
fn uncaught_error_in_a_timer_then_the_next_timer_runs() {
    let out = transcript(
        "setTimeout(() => { console.log('a'); null.x; console.log('never'); }, 0);\n\
         setTimeout(() => console.log('b'), 0);",
    );
    assert_eq!(out, "a\nUncaught TypeError\nb\n");
}

#[test]
fn uncaught_error_in_a_microtask_then_the_queue_goes_on() {
    let out = transcript(
        "queueMicrotask(() => { throw new RangeError('x'); });\n\
         queueMicrotask(() => console.log('next micro'));",
    );
    assert_eq!(out, "Uncaught RangeError\nnext micro\n");
}

#[test]
fn thrown_primitives_and_plain_objects_print_string_of_value() {
    let out = transcript(
        "setTimeout(() => { throw 42; }, 0);\n\
         setTimeout(() => { throw 'boom'; }, 0);\n\
         setTimeout(() => { throw undefined; }, 0);\n\
         setTimeout(() => { throw { name: 'NotAnError' }; }, 0);\n\
         setTimeout(() => { throw Object.create(null); }, 0);\n\
         setTimeout(() => { throw Symbol('s'); }, 0);",
    );
    assert_eq!(
        out,
        "Uncaught 42\nUncaught boom\nUncaught undefined\nUncaught [object Object]\n\
         Uncaught [object Object]\nUncaught Symbol(s)\n"
    );
}

#[test]
fn error_subclasses_print_their_name_property() {
    let out = transcript(
        "class Test262Error extends Error {}\n\
         Test262Error.prototype.name = 'Test262Error';\n\
         class ValidationError extends Error { constructor() { super('v'); this.name = 'ValidationError'; } }\n\
         class Unnamed extends TypeError {}\n\
         setTimeout(() => { throw new Test262Error(); }, 0);\n\
         setTimeout(() => { throw new ValidationError(); }, 0);\n\
         setTimeout(() => { throw new Unnamed(); }, 0);\n\
         setTimeout(() => { throw Object.create(SyntaxError.prototype); }, 0);",
    );
    assert_eq!(
        out,
        "Uncaught Test262Error\nUncaught ValidationError\nUncaught TypeError\nUncaught SyntaxError\n"
    );
}

#[test]
fn strict_and_sloppy_undeclared_assignment() {
    let sloppy = transcript("x = 1; console.log(globalThis.x);");
    assert_eq!(sloppy, "1\n");
    let strict = transcript("\"use strict\";\nx = 1; console.log(globalThis.x);");
    assert_eq!(strict, "Uncaught ReferenceError\n");
}

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

#[test]
fn runtime_syntax_error_from_eval_is_an_ordinary_exception() {
    let out = transcript("console.log('before'); eval('let =');");
    assert_eq!(out, "before\nUncaught SyntaxError\n");
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
fn runaway_recursion_is_uncaught_range_error_and_the_loop_goes_on() {
    let out = transcript(
        "setTimeout(() => console.log('timer still runs'), 0);\n\
         function f() { f(); }\n\
         f();\n\
         console.log('after');",
    );
    assert_eq!(out, "Uncaught RangeError\ntimer still runs\n");
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
fn weak_ref_target_is_collected_by_gc_in_a_later_task() {
    let out = transcript(
        "let ref = new WeakRef({ big: [1, 2, 3] });\n\
         const kept = {}; const keptRef = new WeakRef(kept);\n\
         console.log('same task', typeof ref.deref());\n\
         setTimeout(() => { gc(); console.log('after gc', ref.deref(), typeof keptRef.deref()); }, 0);",
    );
    assert_eq!(out, "same task object\nafter gc undefined object\n");
}

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
fn annex_b_block_function_is_visible_after_the_block_in_sloppy_mode() {
    assert_eq!(
        transcript("{ function f() {} } console.log(typeof f);"),
        "function\n"
    );
    assert_eq!(
        transcript("'use strict'; { function f() {} } console.log(typeof f);"),
        "undefined\n"
    );
    assert_eq!(
        transcript("if (true) function g() {} console.log(typeof g);"),
        "function\n"
    );
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
