//! The reference engine: Boa with the host contract of DESIGN §3–4.

use super::{Engine, Limits, Outcome};

pub struct BoaEngine;

impl BoaEngine {
    pub fn new() -> Self {
        BoaEngine
    }
}

impl Default for BoaEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine for BoaEngine {
    fn name(&self) -> &'static str {
        "boa"
    }

    fn run(&mut self, _source: &str, _limits: &Limits) -> Outcome {
        Outcome::Crash { reason: "boa engine not built yet".into() }
    }
}
