//! The mini engine: an independent implementation of the closure semantics
//! under test. Pipeline: source → tokens → AST → resolution → evaluation.
//!
//! Front end (this helper's part): [`lexer`] (source → [`token`]s),
//! [`parser`] (tokens → [`ast`], with ASI and early errors). Entry point:
//! [`parse_script`].

use crate::engine::{Limits, Outcome};

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod token;

pub use parser::{ParseError, ParseLimits, parse_script, parse_script_with_limits};

/// Runs a prepared script and its event loop under `limits` (DESIGN §3–4).
pub fn run(_source: &str, _limits: &Limits) -> Outcome {
    Outcome::Crash {
        reason: "mini engine not built yet".into(),
    }
}
