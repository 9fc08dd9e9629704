//! The mini engine: an independent implementation of the closure semantics
//! under test. Pipeline: source → tokens → AST → resolution → evaluation.

use crate::engine::{Limits, Outcome};

pub mod ast;
pub mod parser;

pub use parser::{ParseError, parse_script};

/// Runs a prepared script and its event loop under `limits` (DESIGN §3–4).
pub fn run(_source: &str, _limits: &Limits) -> Outcome {
    Outcome::Crash {
        reason: "mini engine not built yet".into(),
    }
}
