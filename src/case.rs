//! The case file schema (DESIGN §2) and its validation. This is the only
//! module that knows the files are YAML: swapping `serde_yaml` for another
//! parser is a change to this file alone.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::engine::EngineKind;

/// How a case's source is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    #[default]
    Sloppy,
    Strict,
    /// Run both ways; both must give the golden transcript.
    Both,
}

/// One concrete way of running a source: the modes a `Mode` expands to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunMode {
    Sloppy,
    Strict,
}

impl Mode {
    pub fn run_modes(self) -> &'static [RunMode] {
        match self {
            Mode::Sloppy => &[RunMode::Sloppy],
            Mode::Strict => &[RunMode::Strict],
            Mode::Both => &[RunMode::Sloppy, RunMode::Strict],
        }
    }
}

impl RunMode {
    pub fn name(self) -> &'static str {
        match self {
            RunMode::Sloppy => "sloppy",
            RunMode::Strict => "strict",
        }
    }

    /// The script an engine runs: strict mode prepends `"use strict";\n`.
    pub fn prepare(self, source: &str) -> String {
        match self {
            RunMode::Sloppy => source.to_string(),
            RunMode::Strict => format!("\"use strict\";\n{source}"),
        }
    }
}

/// A validated case file.
#[derive(Clone, Debug)]
pub struct Case {
    /// `<area>/<name>`, from the path under `cases/`.
    pub id: String,
    pub area: String,
    /// The `.yaml` file.
    pub path: PathBuf,
    /// Its golden transcript file under `expected/` (may not exist yet).
    pub expected_path: PathBuf,
    pub description: String,
    /// ECMA-262 clause ids, each checked against the clause table.
    pub spec: Vec<String>,
    pub tags: Vec<String>,
    pub mode: Mode,
    pub source: String,
    /// 1-based line in the YAML file where the source text starts, so a
    /// report can number source lines as they appear in the file.
    pub source_line: usize,
    /// Engines known to diverge, with the reason.
    pub known: BTreeMap<EngineKind, String>,
}
