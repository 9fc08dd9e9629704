//! lexenv: a conformance suite and spec checker for JavaScript closure
//! semantics.
//!
//! The pipeline: load cases (`case`, `suite`, `spec`) → run them on engines in
//! worker processes (`engine`, `run`) → compare transcripts with the goldens
//! (`transcript`) → report (`report`).

pub mod bench;
pub mod bless;
pub mod case;
pub mod cli;
pub mod commands;
pub mod coverage;
pub mod engine;
pub mod error;
pub mod mini;
pub mod report;
pub mod run;
pub mod spec;
pub mod suite;
pub mod transcript;
