//! Discovery of a suite (any folder holding `cases/` and `expected/`),
//! pairing each case with its golden, and every way loading can fail.

use std::path::{Path, PathBuf};

use crate::case::Case;
use crate::transcript::Transcript;

/// A loaded, validated suite.
#[derive(Clone, Debug)]
pub struct Suite {
    pub root: PathBuf,
    /// Sorted by id.
    pub cases: Vec<Case>,
}

/// Every problem found while loading, all of them, in path order.
#[derive(Debug)]
pub struct LoadErrors(pub Vec<String>);

/// Loads and validates every case under `root/cases`.
pub fn load_suite(_root: &Path) -> Result<Suite, LoadErrors> {
    unimplemented!("owned by the case-model work")
}

impl Case {
    /// The golden transcript, or `None` when the `.out` file does not exist.
    pub fn read_expected(&self) -> std::io::Result<Option<Transcript>> {
        match std::fs::read_to_string(&self.expected_path) {
            Ok(text) => Ok(Some(Transcript::from_golden(&text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}
