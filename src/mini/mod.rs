//! The mini engine: an independent implementation of the closure semantics
//! under test. Pipeline: source → tokens → AST → resolution → evaluation.
//!
//! - Front end (`lexer`, `parser`, `ast`): source text → [`ast::Script`].
//! - `resolver/`: AST → the resolved tree of `ir.rs` (every identifier a
//!   register, an environment `(hops, slot)`, or a global look-up).
//! - Runtime: `value.rs`, `property.rs`, `object.rs`, `heap.rs` (reference
//!   counting plus a cycle collector), `environment.rs` (Environment
//!   Records), `realm.rs`, `function_objects.rs`, `declaration_instantiation.rs`,
//!   `reference.rs`, `interpreter/` (evaluation by construct), `generators.rs`,
//!   `builtins/`, `host.rs` (console, timers, job queue, event loop).
//! - [`run`]: one script on a fresh realm, on a thread with a known stack.
//!
//! Departures from the spec are tagged `// DEVIATION:` (behaviour) and
//! `// NON-SPEC:` (machinery) and listed in `src/mini/README.md`.
//!
//! Front end: [`lexer`] (source → [`token`]s),
//! [`parser`] (tokens → [`ast`], with ASI and early errors). Entry point:
//! [`parse_script`].

use crate::engine::{Limits, Outcome};

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod token;

pub mod array_exotic;
pub mod async_generators;
pub mod builtins;
pub mod declaration_instantiation;
pub mod environment;
pub mod function_objects;
pub mod generators;
pub mod heap;
pub mod host;
pub mod interpreter;
pub mod ir;
pub mod object;
pub mod property;
pub mod realm;
pub mod reference;
pub mod resolver;
pub mod value;

pub use parser::{
    EvalContext, ParseError, ParseLimits, parse_eval_script, parse_script, parse_script_with_limits,
};

/// Native stack of the thread a run executes on (lazily committed).
const RUN_STACK_BYTES: usize = 1 << 30;

/// Runs a prepared script and its event loop under `limits` (DESIGN §3–4),
/// on a fresh thread with a [`RUN_STACK_BYTES`] stack.
pub fn run(source: &str, limits: &Limits) -> Outcome {
    let source = source.to_string();
    let limits = limits.clone();
    let spawned = std::thread::Builder::new()
        .name("mini".into())
        .stack_size(RUN_STACK_BYTES)
        .spawn(move || run_here(&source, &limits));
    match spawned {
        Ok(handle) => match handle.join() {
            Ok(outcome) => outcome,
            Err(panic) => Outcome::Crash {
                reason: format!("mini engine panicked: {}", panic_message(&panic)),
            },
        },
        Err(e) => Outcome::Crash {
            reason: format!("cannot start the mini engine thread: {e}"),
        },
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// The transcript of a script that cannot run, with the reason as a note.
fn syntax_error(message: &str, line: u32, column: u32) -> Outcome {
    Outcome::Completed {
        transcript: crate::transcript::Transcript::syntax_error(),
        notes: vec![format!("SyntaxError: {message} at {line}:{column}")],
    }
}

/// Parses, resolves and runs `source` on the current thread, whose stack
/// is assumed to be about [`RUN_STACK_BYTES`].
pub fn run_here(source: &str, limits: &Limits) -> Outcome {
    let script = match parse_script(source) {
        Ok(s) => s,
        Err(e) => return syntax_error(&e.message, e.line, e.column),
    };
    let code = match resolver::resolve_script(&script) {
        Ok(c) => c,
        Err(e) => return syntax_error(&e.message, e.line, e.column),
    };
    drop(script);
    let stack = interpreter::StackBounds {
        base: interpreter::approximate_stack_pointer(),
        size: RUN_STACK_BYTES - (4 << 20),
    };
    let interp = interpreter::Interpreter::new(limits, stack, code.lexical_scope.clone());
    let result = interp.run_script(&code);
    let outcome = match host::run_event_loop(&interp, result) {
        Ok(()) => {
            let mut h = interp.host.borrow_mut();
            Outcome::Completed {
                transcript: std::mem::take(&mut h.transcript),
                notes: std::mem::take(&mut h.notes),
            }
        }
        Err(host::LoopStop::JobLimit) => Outcome::Timeout {
            reason: format!("event loop job limit ({}) reached", host::JOB_LIMIT),
        },
        Err(host::LoopStop::Halt(h)) => halt_outcome(&h),
    };
    interp.teardown();
    outcome
}

fn halt_outcome(h: &interpreter::Halt) -> Outcome {
    match h {
        interpreter::Halt::StepBudget(n) => Outcome::Timeout {
            reason: format!("step budget of {n} exhausted"),
        },
        interpreter::Halt::HeapLimit(n) => Outcome::Limit {
            reason: format!("heap limit of {n} bytes exceeded"),
        },
        interpreter::Halt::OutputLimit(n) => Outcome::Limit {
            reason: format!("transcript size limit ({n} bytes) reached"),
        },
    }
}

#[cfg(test)]
mod tests;
