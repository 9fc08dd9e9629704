//! The ECMA-262 clause table (`data/ecma262-clauses.tsv`, from the spec's
//! machine-readable biblio): clause id → section number and title.

use std::collections::HashMap;
use std::fmt;

/// One clause of ECMA-262.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub id: String,
    /// Section number, e.g. "9.1.2.1" (empty for unnumbered clauses).
    pub number: String,
    pub title: String,
}

impl fmt::Display for Clause {
    /// "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.number.is_empty() {
            f.write_str(&self.title)
        } else {
            write!(f, "{} {}", self.number, self.title)
        }
    }
}

/// All clause ids of the spec.
#[derive(Debug)]
pub struct ClauseTable {
    by_id: HashMap<String, Clause>,
}

impl ClauseTable {
    /// The table compiled into lexenv.
    pub fn builtin() -> &'static ClauseTable {
        todo_table()
    }

    pub fn get(&self, id: &str) -> Option<&Clause> {
        self.by_id.get(id)
    }
}

fn todo_table() -> &'static ClauseTable {
    unimplemented!("spec table: owned by the case-model work")
}
