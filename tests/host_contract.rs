//! The host contract (DESIGN §3–4), checked once for every engine: each
//! program below must print exactly its transcript on `boa`, `mini` and
//! `node` (when node is on PATH), run through the same worker processes the
//! gate uses. Engine-specific behaviour (Boa's loop budget, node's realm
//! set-up, mini's limits) is tested next to each engine.

use std::path::Path;

use lexenv::engine::worker::{Worker, WorkerCommand};
use lexenv::engine::{Engine, EngineKind, Limits, Outcome};

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

/// A program and the transcript every engine must print for it.
struct Program {
    name: &'static str,
    source: &'static str,
    expected: &'static str,
}

const PROGRAMS: &[Program] = &[
    Program {
        name: r#"print joins String() of each argument with one space"#,
        source: r#"console.log(1, 'a', undefined, null, {}, [1, 2], true, -0, 1.5, Symbol('s'));
console.log();
console.log('');
console.log({ toString() { return 'custom'; } });"#,
        expected: r#"1 a undefined null [object Object] 1,2 true 0 1.5 Symbol(s)


custom
"#,
    },
    Program {
        name: r#"alert and print are console.log; newlines stay"#,
        source: r#"alert('x', 1); print('x', 1); console.log('x', 1); console.log('a\nb');"#,
        expected: r#"x 1
x 1
x 1
a
b
"#,
    },
    Program {
        name: r#"a toString that throws makes the call throw"#,
        source: r#"try { console.log({ toString() { throw new TypeError('no'); } }); }
catch (e) { console.log('caught', e.name); }"#,
        expected: r#"caught TypeError
"#,
    },
    Program {
        name: r#"host globals are functions and not enumerable"#,
        source: r#"const names = ['console', 'alert', 'print', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'gc'];
console.log(names.map(n => typeof globalThis[n]).join());
console.log(Object.keys(globalThis).filter(k => names.includes(k)).length, typeof console.log);"#,
        expected: r#"object,function,function,function,function,function,function,function,function
0 function
"#,
    },
    Program {
        name: r#"timers run by due time, then scheduling order"#,
        source: r#"setTimeout(() => console.log('b 10'), 10);
setTimeout(() => console.log('a 5'), 5);
setTimeout(() => console.log('c 10'), 10);
setTimeout(() => console.log('d 0'), 0);
console.log('script');"#,
        expected: r#"script
d 0
a 5
b 10
c 10
"#,
    },
    Program {
        name: r#"zero, negative, NaN and missing delays are all 0"#,
        source: r#"setTimeout(() => console.log('one'), 1);
setTimeout(() => console.log('nan'), NaN);
setTimeout(() => console.log('neg'), -5);
setTimeout(() => console.log('zero'), 0);
setTimeout(() => console.log('none'));
setTimeout(() => console.log('str'), 'abc');
setTimeout(() => console.log('frac'), 0.9);"#,
        expected: r#"nan
neg
zero
none
str
frac
one
"#,
    },
    Program {
        name: r#"delays are ToNumber, then floored"#,
        source: r#"setTimeout(() => console.log('2.9 is 2'), 2.9);
setTimeout(() => console.log('"2" is 2'), '2');
setTimeout(() => console.log('3'), 3);
setTimeout(() => console.log('obj 1'), { valueOf() { return 1; } });"#,
        expected: r#"obj 1
2.9 is 2
"2" is 2
3
"#,
    },
    Program {
        name: r#"virtual time adds up across nested timers"#,
        source: r#"setTimeout(() => { console.log('outer 10');
  setTimeout(() => console.log('inner 10+10'), 10); }, 10);
setTimeout(() => console.log('plain 15'), 15);
setTimeout(() => console.log('plain 25'), 25);"#,
        expected: r#"outer 10
plain 15
inner 10+10
plain 25
"#,
    },
    Program {
        name: r#"setTimeout passes extra arguments and returns positive integer ids"#,
        source: r#"const a = setTimeout((x, y) => console.log('args', x, y), 0, 'p', 2);
const b = setTimeout(() => {}, 0);
console.log(typeof a, a > 0, b > a, Number.isInteger(b));"#,
        expected: r#"number true true true
args p 2
"#,
    },
    Program {
        name: r#"clearTimeout from a closure cancels a later timer; bad ids are ignored"#,
        source: r#"let id;
setTimeout(() => { console.log('first'); clearTimeout(id); }, 1);
id = setTimeout(() => console.log('never'), 2);
setTimeout(() => console.log('last'), 3);
clearTimeout(12345); clearTimeout('x'); clearTimeout();"#,
        expected: r#"first
last
"#,
    },
    Program {
        name: r#"setInterval runs until cleared from its own callback"#,
        source: r#"let n = 0;
const id = setInterval((tag) => { n++; console.log(tag, n);
  if (n === 3) clearInterval(id); }, 10, 'tick');
setTimeout(() => console.log('t 25'), 25);
setTimeout(() => console.log('t 100, n =', n), 100);"#,
        expected: r#"tick 1
tick 2
t 25
tick 3
t 100, n = 3
"#,
    },
    Program {
        name: r#"an interval is rescheduled after its callback ran"#,
        source: r#"let n = 0;
const id = setInterval(() => { n++; console.log('tick', n);
  if (n === 1) setTimeout(() => console.log('timeout set in tick 1'), 10);
  if (n === 3) clearInterval(id); }, 10);"#,
        expected: r#"tick 1
timeout set in tick 1
tick 2
tick 3
"#,
    },
    Program {
        name: r#"an interval goes on after its callback throws"#,
        source: r#"let n = 0;
const id = setInterval(() => { n++; if (n === 2) clearInterval(id); throw new EvalError(); }, 5);
setTimeout(() => console.log('n =', n), 50);"#,
        expected: r#"Uncaught EvalError
Uncaught EvalError
n = 2
"#,
    },
    Program {
        name: r#"clearInterval from another timer"#,
        source: r#"const id = setInterval(() => console.log('tick'), 10);
setTimeout(() => clearInterval(id), 25);"#,
        expected: r#"tick
tick
"#,
    },
    Program {
        name: r#"microtasks drain after the script and after each task"#,
        source: r#"setTimeout(() => { console.log('timer 1');
  Promise.resolve().then(() => console.log('micro in timer 1')); }, 0);
setTimeout(() => console.log('timer 2'), 0);
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('queued'));
console.log('script end');"#,
        expected: r#"script end
promise
queued
timer 1
micro in timer 1
timer 2
"#,
    },
    Program {
        name: r#"queueMicrotask shares one FIFO with promise jobs"#,
        source: r#"queueMicrotask(() => console.log('q1'));
Promise.resolve().then(() => { console.log('p1');
  queueMicrotask(() => console.log('q3')); });
queueMicrotask(() => console.log('q2'));"#,
        expected: r#"q1
p1
q2
q3
"#,
    },
    Program {
        name: r#"async functions resume on microtasks"#,
        source: r#"async function f() { console.log('f start'); await null; console.log('f resumed'); }
f(); console.log('sync');
setTimeout(async () => { await f(); console.log('after await in timer'); }, 0);"#,
        expected: r#"f start
sync
f resumed
f start
f resumed
after await in timer
"#,
    },
    Program {
        name: r#"unhandled rejections print nothing"#,
        source: r#"Promise.reject(new TypeError('x'));
Promise.reject(1).catch(() => console.log('handled'));
(async () => { throw new RangeError(); })();
console.log('done');"#,
        expected: r#"done
handled
"#,
    },
    Program {
        name: r#"an uncaught error ends the script, but microtasks and timers still run"#,
        source: r#"setTimeout(() => console.log('timer'), 0);
Promise.resolve().then(() => console.log('micro'));
console.log('before');
undefinedName;
console.log('never');"#,
        expected: r#"before
Uncaught ReferenceError
micro
timer
"#,
    },
    Program {
        name: r#"an uncaught error in a timer, then the next timer runs"#,
        source: r#"setTimeout(() => { console.log('a'); null.x; console.log('never'); }, 0);
setTimeout(() => console.log('b'), 0);"#,
        expected: r#"a
Uncaught TypeError
b
"#,
    },
    Program {
        name: r#"an uncaught error in a microtask, then the queue goes on"#,
        source: r#"queueMicrotask(() => { throw new RangeError('x'); });
queueMicrotask(() => console.log('next micro'));"#,
        expected: r#"Uncaught RangeError
next micro
"#,
    },
    Program {
        name: r#"thrown primitives and plain objects print String(value)"#,
        source: r#"setTimeout(() => { throw 42; }, 0);
setTimeout(() => { throw 'boom'; }, 0);
setTimeout(() => { throw undefined; }, 0);
setTimeout(() => { throw { name: 'NotAnError' }; }, 0);
setTimeout(() => { throw Object.create(null); }, 0);
setTimeout(() => { throw Symbol('s'); }, 0);"#,
        expected: r#"Uncaught 42
Uncaught boom
Uncaught undefined
Uncaught [object Object]
Uncaught [object Object]
Uncaught Symbol(s)
"#,
    },
    Program {
        name: r#"Error objects print String(e.name), subclasses included"#,
        source: r#"class Test262Error extends Error {}
Test262Error.prototype.name = 'Test262Error';
class ValidationError extends Error { constructor() { super('v'); this.name = 'ValidationError'; } }
class Unnamed extends TypeError {}
setTimeout(() => { throw new Test262Error(); }, 0);
setTimeout(() => { throw new ValidationError(); }, 0);
setTimeout(() => { throw new Unnamed(); }, 0);
setTimeout(() => { throw Object.create(SyntaxError.prototype); }, 0);"#,
        expected: r#"Uncaught Test262Error
Uncaught ValidationError
Uncaught TypeError
Uncaught SyntaxError
"#,
    },
    Program {
        name: r#"sloppy undeclared assignment creates a global"#,
        source: r#"x = 1; console.log(globalThis.x);"#,
        expected: r#"1
"#,
    },
    Program {
        name: r#"strict undeclared assignment is a ReferenceError"#,
        source: r#""use strict";
x = 1; console.log(globalThis.x);"#,
        expected: r#"Uncaught ReferenceError
"#,
    },
    Program {
        name: r#"a script that does not parse prints one line and runs nothing"#,
        source: r#"console.log('ran'); setTimeout(() => {}, 0);
function(){}();"#,
        expected: r#"Uncaught SyntaxError
"#,
    },
    Program {
        name: r#"an early error is a SyntaxError too"#,
        source: r#"console.log('ran');
let a; let a;"#,
        expected: r#"Uncaught SyntaxError
"#,
    },
    Program {
        name: r#"a SyntaxError from eval at run time is an ordinary exception"#,
        source: r#"console.log('before'); eval('let =');"#,
        expected: r#"before
Uncaught SyntaxError
"#,
    },
    Program {
        name: r#"runaway recursion ends the script with a RangeError; timers still run"#,
        source: r#"setTimeout(() => console.log('timer still runs'), 0);
function f() { f(); }
f();
console.log('after');"#,
        expected: r#"Uncaught RangeError
timer still runs
"#,
    },
    Program {
        name: r#"recursion 5000 deep is fine"#,
        source: r#"function d(n) { return n === 0 ? 0 : 1 + d(n - 1); } console.log(d(5000));"#,
        expected: r#"5000
"#,
    },
    Program {
        name: r#"gc() collects an unreachable WeakRef target in a later task"#,
        source: r#"let ref = new WeakRef({ big: [1, 2, 3] });
const kept = {}; const keptRef = new WeakRef(kept);
console.log('same task', typeof ref.deref());
setTimeout(() => { gc(); console.log('after gc', ref.deref(), typeof keptRef.deref()); }, 0);"#,
        expected: r#"same task object
after gc undefined object
"#,
    },
    Program {
        name: r#"Annex B: a block function is visible after the block in sloppy mode"#,
        source: r#"{ function inBlock() { return 'ok'; } }
console.log(typeof inBlock, inBlock());"#,
        expected: r#"function ok
"#,
    },
];

/// Runs every program on `kind` and fails listing each one that printed
/// something else. Returns without checking when the engine cannot be
/// started here (node absent, or a build without Boa), saying why.
fn check_engine(kind: EngineKind) {
    let command = match WorkerCommand::for_engine(kind, Path::new(LEXENV)) {
        Ok(command) => command,
        Err(reason) => {
            eprintln!("host contract not checked on {kind}: {reason}");
            return;
        }
    };
    let mut worker = Worker::new(kind.name(), command);
    let limits = Limits::default();
    let mut failures = Vec::new();
    for program in PROGRAMS {
        let outcome = worker.run(program.source, &limits);
        let printed = match &outcome {
            Outcome::Completed { transcript, .. } => transcript.as_str(),
            other => {
                failures.push(format!("{}: did not complete: {other:?}", program.name));
                continue;
            }
        };
        if printed != program.expected {
            failures.push(format!(
                "{}:\n--- expected\n{}--- {kind}\n{}",
                program.name, program.expected, printed
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} host-contract programs differ on {kind}:\n\n{}",
        failures.len(),
        PROGRAMS.len(),
        failures.join("\n")
    );
}

#[test]
fn boa_keeps_the_host_contract() {
    check_engine(EngineKind::Boa);
}

#[test]
fn mini_keeps_the_host_contract() {
    check_engine(EngineKind::Mini);
}

#[test]
fn node_keeps_the_host_contract() {
    check_engine(EngineKind::Node);
}

#[test]
fn program_names_are_unique() {
    let mut names: Vec<_> = PROGRAMS.iter().map(|p| p.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), PROGRAMS.len());
}
