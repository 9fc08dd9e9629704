//! Worker processes: how the harness runs engines out of process so that no
//! input can hang or abort a run (DESIGN §5).
//!
//! Protocol: the parent writes one JSON `Request` per line to the worker's
//! stdin; the worker answers each with one JSON `Outcome` line on stdout.
//! `lexenv worker --engine boa|mini` is the worker for in-process engines;
//! node runs `node_worker.js`, which speaks the same protocol.

use serde::{Deserialize, Serialize};

use super::Limits;

/// One script to run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub source: String,
    pub limits: Limits,
}
