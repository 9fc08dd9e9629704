//! Engines: the one `Engine` trait, the limits a run is held to, and the
//! closed set of `Outcome`s a run can have (DESIGN §3–5).
//!
//! An engine runs a *prepared* script (the case source, with
//! `"use strict";\n` already prepended for strict mode) under `Limits`, plays
//! the host contract (console, virtual-time timers, microtasks, `gc()`), and
//! returns an `Outcome`. In-process engines (`boa`, `mini`) are run inside
//! worker processes by the harness (`worker.rs`); the `node` engine is a node
//! process speaking the same protocol.

#[cfg(feature = "boa")]
pub mod boa;
pub mod mini;
pub mod node;
pub mod worker;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::transcript::Transcript;

/// What one run of one script produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Outcome {
    /// The event loop ran to the end. `notes` carry diagnostics that are not
    /// part of the transcript (e.g. why a script was a SyntaxError:
    /// "unsupported: with statement at 3:1"); reports show them.
    Completed {
        transcript: Transcript,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        notes: Vec<String>,
    },
    /// Ran out of time: the wall-clock limit, or a step / loop-iteration
    /// budget (a deterministic stand-in for time). `reason` says which.
    Timeout { reason: String },
    /// Ran out of another resource (memory, heap, string length …).
    Limit { reason: String },
    /// The engine or its worker died, or panicked.
    Crash { reason: String },
}

impl Outcome {
    pub fn completed(transcript: Transcript) -> Self {
        Outcome::Completed {
            transcript,
            notes: Vec::new(),
        }
    }

    pub fn transcript(&self) -> Option<&Transcript> {
        match self {
            Outcome::Completed { transcript, .. } => Some(transcript),
            _ => None,
        }
    }
}

/// The limits every run is held to. Engines enforce what they can in-process
/// (steps, recursion, heap); the harness enforces `wall_ms` by killing the
/// worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Wall-clock time for the whole run (script plus event loop).
    pub wall_ms: u64,
    /// Evaluation steps (mini) / loop iterations per frame (boa) before the
    /// run is stopped as a timeout.
    pub steps: u64,
    /// Call depth at which a JS `RangeError` is thrown.
    pub max_depth: usize,
    /// Bytes of JS heap (mini) before the run stops as `limit`.
    pub heap_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall_ms: 5_000,
            steps: 50_000_000,
            max_depth: 10_000,
            heap_bytes: 1 << 30,
        }
    }
}

/// An engine able to run a script in this process.
pub trait Engine {
    /// The name used in trial names, reports and `--engine`.
    fn name(&self) -> &'static str;
    /// Runs `source` (already prepared for its mode) under `limits`.
    /// Must not panic; the worker catches panics anyway and reports `crash`.
    fn run(&mut self, source: &str, limits: &Limits) -> Outcome;
}

/// The engines lexenv knows about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    /// The reference engine (Boa, in a worker process).
    Boa,
    /// The in-tree engine (src/mini/, in a worker process).
    Mini,
    /// node, when found on PATH (a node process running `node_worker.js`).
    Node,
}

impl EngineKind {
    pub const ALL: [EngineKind; 3] = [EngineKind::Boa, EngineKind::Mini, EngineKind::Node];

    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Boa => "boa",
            EngineKind::Mini => "mini",
            EngineKind::Node => "node",
        }
    }

    /// The reference engine whose output `bless` writes.
    pub fn is_reference(self) -> bool {
        self == EngineKind::Boa
    }

    /// The engine as an in-process `Engine`, for the worker side. `None` for
    /// engines that are external processes (node) or not compiled in.
    pub fn in_process(self) -> Option<Box<dyn Engine>> {
        match self {
            #[cfg(feature = "boa")]
            EngineKind::Boa => Some(Box::new(boa::BoaEngine::new())),
            EngineKind::Mini => Some(Box::new(mini::MiniEngine::new())),
            _ => None,
        }
    }
}

impl fmt::Display for EngineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EngineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        EngineKind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| format!("unknown engine `{s}` (expected one of: boa, mini, node)"))
    }
}
