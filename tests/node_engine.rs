//! The node engine: what is specific to it (the shared host contract is
//! checked for every engine in `tests/host_contract.rs`): realm freshness,
//! host functions living in the case's realm, limits, the
//! worker surviving and being replaced, `--engine node` without node, and
//! bless's second opinion. Every test that needs node prints why it is
//! skipped when node is not on PATH, and passes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use lexenv::bless;
use lexenv::engine::node;
use lexenv::engine::worker::{Worker, WorkerCommand};
use lexenv::engine::{Engine, EngineKind, Limits, Outcome};
use lexenv::report::Style;
use lexenv::run::{EngineSet, RunSettings};
use lexenv::suite::{LoadOptions, load_suite_with};

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

/// One node worker shared by the parity tests (node start-up is the slow
/// part); a test that makes it time out leaves it to be replaced.
static SHARED: Mutex<Option<Worker>> = Mutex::new(None);

/// A fresh node worker, or `None` (with the reason printed) without node.
fn node_worker() -> Option<Worker> {
    match node::worker_command() {
        Ok(command) => Some(Worker::new("node", command)),
        Err(reason) => {
            eprintln!("skipped: the node engine is not available: {reason}");
            None
        }
    }
}

/// Runs `source` on the shared node worker; `None` without node.
fn run(source: &str, limits: &Limits) -> Option<Outcome> {
    let mut shared = SHARED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if shared.is_none() {
        *shared = Some(node_worker()?);
    }
    let worker = shared.as_mut().expect("set above");
    Some(worker.run(source, limits))
}

/// Asserts that `source` prints exactly `expected` on node.
#[track_caller]
fn assert_prints(source: &str, expected: &str) {
    let Some(outcome) = run(source, &Limits::default()) else {
        return;
    };
    match outcome {
        Outcome::Completed { transcript, .. } => {
            assert_eq!(transcript.as_str(), expected, "source:\n{source}")
        }
        other => panic!("expected a transcript from {source:?}, got {other:?}"),
    }
}

fn short_wall(ms: u64) -> Limits {
    Limits {
        wall_ms: ms,
        ..Limits::default()
    }
}

// ---- console.log / alert / print ----

#[test]
fn to_string_that_throws_makes_the_call_throw_in_the_case_realm() {
    assert_prints(
        "try { console.log({ toString() { throw new TypeError('no'); } }); }\n\
         catch (e) { console.log('caught', e.name, e instanceof TypeError); }\n\
         try { console.log(Object.create(null)); }\n\
         catch (e) { console.log('caught', e.name, e instanceof TypeError); }",
        "caught TypeError true\ncaught TypeError true\n",
    );
}

#[test]
fn host_functions_belong_to_the_case_realm() {
    assert_prints(
        "console.log(Object.getPrototypeOf(console.log) === Function.prototype,\n\
           setTimeout instanceof Function, typeof gc);\n\
         try { setTimeout('console.log(1)', 0); } catch (e) { console.log(e.name, e instanceof TypeError); }\n\
         try { queueMicrotask(1); } catch (e) { console.log(e.name, e instanceof TypeError); }\n\
         try { new setTimeout(() => {}); } catch (e) { console.log('not a constructor', e instanceof TypeError); }",
        "true true function\nTypeError true\nTypeError true\nnot a constructor true\n",
    );
}

#[test]
fn globals_are_not_enumerable_and_node_globals_are_absent() {
    assert_prints(
        "console.log(typeof console.log, typeof alert, typeof print, typeof setTimeout,\n\
           typeof clearTimeout, typeof setInterval, typeof clearInterval, typeof queueMicrotask, typeof gc);\n\
         console.log(Object.keys(globalThis).length, Object.keys(console).length);\n\
         console.log(typeof require, typeof process, typeof setImmediate, typeof Buffer);",
        "function function function function function function function function function\n\
         0 0\nundefined undefined undefined undefined\n",
    );
}

#[test]
fn a_case_that_replaces_built_ins_does_not_break_the_host() {
    assert_prints(
        "String = null; Promise.prototype.then = null; Reflect.apply = null;\n\
         Array.prototype[Symbol.iterator] = null;\n\
         console.log('still', 1);\n\
         queueMicrotask(() => console.log('micro'));\n\
         setTimeout((x) => console.log('timer', x), 0, 'arg');",
        "still 1\nmicro\ntimer arg\n",
    );
}

// ---- timers ----

// ---- microtasks ----

#[test]
fn unhandled_rejections_print_nothing_and_the_worker_lives_on() {
    assert_prints(
        "Promise.reject(new TypeError('x')); console.log('done');",
        "done\n",
    );
    assert_prints("console.log('next case');", "next case\n");
}

// ---- uncaught errors ----

#[test]
fn a_name_that_cannot_be_read_falls_back_like_boa() {
    assert_prints(
        "const e = new Error(); Object.defineProperty(e, 'name', { get() { throw 1; } }); throw e;",
        "Uncaught [object Error]\n",
    );
}

#[test]
fn syntax_error_is_a_single_line_and_runs_nothing() {
    let source = "console.log('ran'); setTimeout(() => {}, 0);\nfunction(){}();";
    if let Some(outcome) = run(source, &Limits::default()) {
        let Outcome::Completed { transcript, notes } = outcome else {
            panic!("expected a transcript, got {outcome:?}");
        };
        assert_eq!(transcript.as_str(), "Uncaught SyntaxError\n");
        assert!(
            notes.len() == 1 && notes[0].starts_with("SyntaxError: "),
            "V8's message is a note: {notes:?}"
        );
    }
    assert_prints("let a; let a;", "Uncaught SyntaxError\n");
    assert_prints(
        "console.log('before'); eval('let =');",
        "before\nUncaught SyntaxError\n",
    );
}

#[test]
fn deep_recursion_is_a_catchable_range_error() {
    assert_prints(
        "function f() { f(); }\n\
         try { f(); } catch (e) { console.log('caught', e instanceof RangeError); }\n\
         setTimeout(() => console.log('timer still runs'), 0);\n\
         f();",
        "caught true\nUncaught RangeError\ntimer still runs\n",
    );
}

#[test]
fn global_var_bindings_behave_as_on_an_ordinary_global_object() {
    assert_prints(
        "var v = 1; let l = 2;\n\
         console.log('v' in globalThis, 'l' in globalThis,\n\
           Object.getOwnPropertyDescriptor(globalThis, 'v').configurable, delete globalThis.v);",
        "true false false false\n",
    );
}

// ---- realms, gc, limits ----

#[test]
fn every_case_gets_a_fresh_realm() {
    assert_prints(
        "var leaked = 1; globalThis.g = 2; Array.prototype.extra = 3;\n\
         setTimeout(() => console.log('pending'), 1e9); ",
        "pending\n",
    );
    assert_prints(
        "console.log(typeof leaked, typeof g, [].extra);",
        "undefined undefined undefined\n",
    );
}

#[test]
fn cleared_and_finished_timers_release_their_closures() {
    assert_prints(
        "let cleared, ran;\n\
         (function () { const big = {}; cleared = new WeakRef(big);\n\
           const id = setTimeout(() => big, 100); clearTimeout(id); })();\n\
         (function () { const big = {}; ran = new WeakRef(big); setTimeout(() => big, 0); })();\n\
         setTimeout(() => { gc(); console.log(cleared.deref(), ran.deref()); }, 10);",
        "undefined undefined\n",
    );
}

#[test]
fn transcript_size_is_limited() {
    let Some(outcome) = run(
        "const s = 'x'.repeat(1 << 20); for (let i = 0; i < 100; i++) console.log(s);",
        &Limits::default(),
    ) else {
        return;
    };
    assert_eq!(
        outcome,
        Outcome::Limit {
            reason: "transcript size limit (16777216 bytes) reached".into()
        }
    );
}

#[test]
fn infinite_loops_anywhere_are_timeouts_and_the_worker_goes_on() {
    let Some(mut worker) = node_worker() else {
        return;
    };
    let limits = short_wall(300);
    for source in [
        "console.log('start'); while (true) {}",
        "setTimeout(() => { for (;;) {} }, 0);",
        "queueMicrotask(function again() { queueMicrotask(again); });",
        "try { while (true) {} } catch (e) {} console.log('no');",
        "setInterval(() => {}, 0);",
    ] {
        let outcome = worker.run(source, &limits);
        assert_eq!(
            outcome,
            Outcome::Timeout {
                reason: "wall-clock limit of 300 ms".into()
            },
            "{source}"
        );
        let after = worker.run("console.log('alive');", &limits);
        assert_eq!(
            after.transcript().map(|t| t.as_str()),
            Some("alive\n"),
            "after {source}"
        );
    }
}

#[test]
fn many_timers_run_in_due_then_scheduling_order() {
    assert_prints(
        "const order = [];\n\
         for (let i = 0; i < 20000; i++) setTimeout(() => order.push(i), (i * 7919) % 500);\n\
         setTimeout(() => {\n\
           let sorted = order.length === 20000;\n\
           for (let k = 1; k < order.length; k++) {\n\
             const a = (order[k - 1] * 7919) % 500, b = (order[k] * 7919) % 500;\n\
             if (a > b || (a === b && order[k - 1] > order[k])) sorted = false;\n\
           }\n\
           console.log(order.length, sorted);\n\
         }, 500);",
        "20000 true\n",
    );
}

#[test]
fn a_loop_in_a_late_timer_task_is_a_timeout_too() {
    let Some(mut worker) = node_worker() else {
        return;
    };
    // Past the first tasks, timer tasks run without a vm timeout: the
    // parent's kill ends this one, with the same outcome.
    let source = "let n = 0;\n\
                  const id = setInterval(() => { if (++n === 500) { for (;;) {} } }, 1);";
    let outcome = worker.run(source, &short_wall(300));
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "wall-clock limit of 300 ms".into()
        }
    );
    let after = worker.run("console.log('replaced');", &short_wall(5_000));
    assert_eq!(after.transcript().map(|t| t.as_str()), Some("replaced\n"));
}

#[test]
fn a_hang_outside_the_vm_timeout_kills_and_replaces_the_worker() {
    let Some(mut worker) = node_worker() else {
        return;
    };
    // Describing the uncaught value walks its prototype chain outside any
    // vm timeout: only the parent's kill ends this one.
    let hang = "throw new Proxy({}, { getPrototypeOf() { for (;;) {} } });";
    let outcome = worker.run(hang, &short_wall(300));
    assert!(matches!(outcome, Outcome::Timeout { .. }), "{outcome:?}");
    let after = worker.run("console.log('replaced');", &short_wall(5_000));
    assert_eq!(after.transcript().map(|t| t.as_str()), Some("replaced\n"));
}

#[test]
fn malformed_requests_are_answered_with_a_crash_and_the_worker_goes_on() {
    let Ok(command) = node::worker_command() else {
        eprintln!("skipped: node is not available");
        return;
    };
    let output = Command::new(&command.program)
        .args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("piped");
            stdin.write_all(
                b"not json\n{\"limits\":{}}\n\n{\"source\":\"console.log(2)\",\"limits\":{\"wall_ms\":1000,\"steps\":1,\"max_depth\":1,\"heap_bytes\":1}}\n",
            )?;
            drop(stdin);
            child.wait_with_output()
        })
        .expect("node runs");
    assert!(output.status.success(), "{output:?}");
    let answers: Vec<Outcome> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("an Outcome per line"))
        .collect();
    assert_eq!(answers.len(), 3, "{answers:?}");
    assert!(
        matches!(&answers[0], Outcome::Crash { reason } if reason.contains("node worker")),
        "{answers:?}"
    );
    assert!(
        matches!(&answers[1], Outcome::Crash { reason } if reason.contains("malformed request")),
        "{answers:?}"
    );
    assert_eq!(answers[2].transcript().map(|t| t.as_str()), Some("2\n"));
}

// ---- the CLI and bless ----

#[test]
fn engine_node_without_node_on_path_is_a_usage_error() {
    let output = Command::new(LEXENV)
        .args([
            "run",
            "--engine",
            "node",
            "--suite",
            env!("CARGO_MANIFEST_DIR"),
        ])
        .env("PATH", "")
        .env_remove("CI")
        .output()
        .expect("lexenv runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("engine `node` is not available: node not found on PATH"),
        "{stderr}"
    );
}

/// A suite in a temp folder with the given `(id, source)` cases.
fn temp_suite(cases: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (id, source) in cases {
        let path = dir.path().join("cases").join(format!("{id}.yaml"));
        std::fs::create_dir_all(path.parent().expect("has a folder")).expect("mkdir");
        let mut yaml = String::from(
            "description: A test case.\nspec: [sec-getidentifierreference]\nsource: |\n",
        );
        for line in source.lines() {
            yaml.push_str("  ");
            yaml.push_str(line);
            yaml.push('\n');
        }
        std::fs::write(path, yaml).expect("write case");
    }
    std::fs::create_dir_all(dir.path().join("expected")).expect("mkdir");
    dir
}

#[test]
fn bless_writes_only_where_node_agrees_and_shows_both_transcripts() {
    let Ok(node_command) = node::worker_command() else {
        eprintln!("skipped: node is not available");
        return;
    };
    // A stand-in for the reference engine (no Boa in this build, maybe): a
    // node worker that prints "reference" for every script.
    let fake_reference = WorkerCommand {
        program: node_command.program.clone(),
        args: vec![
            "-e".into(),
            "require('readline').createInterface({ input: process.stdin })\
             .on('line', () => console.log(JSON.stringify({ kind: 'completed', transcript: 'reference\\n' })));"
                .into(),
        ],
    };
    let suite = temp_suite(&[
        ("area/agree", "console.log('reference');"),
        ("area/disagree", "console.log('node says otherwise');"),
    ]);
    let loaded = load_suite_with(
        suite.path(),
        LoadOptions {
            require_goldens: false,
        },
    )
    .expect("suite loads");
    let cases: Vec<_> = loaded.cases.iter().collect();
    let settings = RunSettings {
        engines: EngineSet::from_commands(vec![
            (EngineKind::Boa, fake_reference),
            (EngineKind::Node, node_command),
        ]),
        jobs: 1,
        limits: Limits::default(),
    };
    let mut out = Vec::new();
    let summary =
        bless::bless_cases(&cases, &settings, Style::PLAIN, &mut out).expect("bless runs");
    let out = String::from_utf8_lossy(&out);
    assert_eq!((summary.created, summary.disagreed), (1, 1), "{out}");
    let expected = suite.path().join("expected/area");
    assert_eq!(
        std::fs::read_to_string(expected.join("agree.out")).expect("golden written"),
        "reference\n"
    );
    assert!(!expected.join("disagree.out").exists(), "{out}");
    for needle in [
        "NOT blessed area/disagree: boa and node disagree",
        "  boa printed:\n    reference\n",
        "  node printed:\n    node says otherwise\n",
        "known: {boa: \"why, with the spec clause\"}",
        "1 disagreed with node",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
}

#[test]
fn the_reason_node_is_missing_is_a_plain_sentence() {
    let empty = tempfile::tempdir().expect("temp dir");
    let reason = node::locate(Some(empty.path().as_os_str())).expect_err("no node there");
    assert_eq!(reason, "node not found on PATH");
    // The worker command for a present node runs the embedded script.
    if let Ok(command) = node::worker_command() {
        assert!(Path::new(&command.program).is_absolute());
        assert_eq!(command.args[0], "-e");
        assert_eq!(command.args[1], node::WORKER_SCRIPT);
    }
}
