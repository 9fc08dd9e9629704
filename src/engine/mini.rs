//! Adapter from the `Engine` trait to the in-tree engine in `src/mini/`.

use super::{Engine, Limits, Outcome};

pub struct MiniEngine;

impl MiniEngine {
    pub fn new() -> Self {
        MiniEngine
    }
}

impl Default for MiniEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine for MiniEngine {
    fn name(&self) -> &'static str {
        "mini"
    }

    fn run(&mut self, source: &str, limits: &Limits) -> Outcome {
        crate::mini::run(source, limits)
    }
}
