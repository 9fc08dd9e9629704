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
pub mod value;

pub use parser::{ParseError, ParseLimits, parse_script, parse_script_with_limits};

/// Runs a prepared script and its event loop under `limits` (DESIGN §3–4).
pub fn run(_source: &str, _limits: &Limits) -> Outcome {
    Outcome::Crash {
        reason: "mini engine not built yet".into(),
    }
}
