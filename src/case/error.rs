//! `CaseError`: every way a case file or a suite can fail to load, each with
//! the file, line and column it is about and what was expected there.
//!
//! Messages read `cases/x/y.yaml:3:1: unknown key `foo` (expected one of: …)`,
//! the `file:line:column:` prefix editors and terminals make clickable.

use std::fmt;
use std::path::{Path, PathBuf};

/// The keys a case file may have, in the order DESIGN §2 lists them.
pub const CASE_KEYS: [&str; 6] = ["description", "spec", "tags", "mode", "source", "known"];

/// A place in a file: 1-based line and column (in characters). Line 0 means
/// the file (or directory) as a whole and prints without line and column.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(path: &Path, line: usize, column: usize) -> Location {
        Location {
            path: path.to_path_buf(),
            line,
            column,
        }
    }

    /// The whole file or directory, without a line.
    pub fn file(path: &Path) -> Location {
        Location::new(path, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        let path = path.strip_prefix("./").unwrap_or(&path);
        if self.line == 0 {
            f.write_str(path)
        } else {
            write!(f, "{path}:{}:{}", self.line, self.column)
        }
    }
}

/// One problem with a case file or a suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseError {
    /// A file or directory could not be read or written.
    Io {
        at: Location,
        message: String,
    },
    /// The file is not valid YAML.
    Yaml {
        at: Location,
        message: String,
    },
    /// The file is YAML but not a mapping of case fields.
    NotAMapping {
        at: Location,
        found: &'static str,
    },
    UnknownKey {
        at: Location,
        key: String,
    },
    MissingField {
        at: Location,
        field: &'static str,
    },
    /// A field holds the wrong kind of value (`found` says which).
    WrongType {
        at: Location,
        field: String,
        expected: &'static str,
        found: &'static str,
    },
    /// `description`, `source` or a `known` reason is blank.
    EmptyField {
        at: Location,
        field: String,
    },
    EmptySpec {
        at: Location,
    },
    /// A `spec` entry that is not an ECMA-262 clause id; `suggestion` is a
    /// real id it probably meant.
    UnknownClause {
        at: Location,
        id: String,
        suggestion: Option<String>,
    },
    BadMode {
        at: Location,
        value: String,
    },
    /// A `known` entry for an engine that does not exist or may not have one
    /// (`mini` must pass every case).
    BadKnownEngine {
        at: Location,
        engine: String,
    },
    /// A case without its golden transcript.
    MissingGolden {
        at: Location,
        id: String,
        expected_path: PathBuf,
    },
    /// A golden transcript without its case.
    OrphanGolden {
        at: Location,
        case_path: PathBuf,
    },
    /// A case path that does not give a valid `<area>/<name>` id.
    BadId {
        at: Location,
        id: String,
        reason: &'static str,
    },
    /// The suite root holds no `cases/` directory.
    NoCasesDir {
        at: Location,
    },
    /// `lexenv new` refuses to overwrite a case.
    AlreadyExists {
        at: Location,
    },
}

impl CaseError {
    /// The file, line and column the error is about.
    pub fn location(&self) -> &Location {
        match self {
            CaseError::Io { at, .. }
            | CaseError::Yaml { at, .. }
            | CaseError::NotAMapping { at, .. }
            | CaseError::UnknownKey { at, .. }
            | CaseError::MissingField { at, .. }
            | CaseError::WrongType { at, .. }
            | CaseError::EmptyField { at, .. }
            | CaseError::EmptySpec { at }
            | CaseError::UnknownClause { at, .. }
            | CaseError::BadMode { at, .. }
            | CaseError::BadKnownEngine { at, .. }
            | CaseError::MissingGolden { at, .. }
            | CaseError::OrphanGolden { at, .. }
            | CaseError::BadId { at, .. }
            | CaseError::NoCasesDir { at }
            | CaseError::AlreadyExists { at } => at,
        }
    }
}

/// What a required field should hold, for messages.
pub(crate) fn field_expectation(field: &str) -> &'static str {
    match field {
        "description" => "a sentence saying what subtlety the case pins",
        "source" => "the JavaScript program to run",
        "spec" => "a list of ECMA-262 clause ids, e.g. [sec-getidentifierreference]",
        _ => "a value",
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location())?;
        match self {
            CaseError::Io { message, .. } => write!(f, "{message}"),
            CaseError::Yaml { message, .. } => write!(f, "invalid YAML: {message}"),
            CaseError::NotAMapping { found, .. } => write!(
                f,
                "expected a mapping of case fields ({}), found {found}",
                CASE_KEYS.join(", ")
            ),
            CaseError::UnknownKey { key, .. } => {
                write!(
                    f,
                    "unknown key `{key}` (expected one of: {})",
                    CASE_KEYS.join(", ")
                )
            }
            CaseError::MissingField { field, .. } => {
                write!(
                    f,
                    "missing field `{field}` (expected {})",
                    field_expectation(field)
                )
            }
            CaseError::WrongType {
                field,
                expected,
                found,
                ..
            } => {
                write!(f, "`{field}` must be {expected}, found {found}")
            }
            CaseError::EmptyField { field, .. } => write!(
                f,
                "`{field}` is empty (expected {})",
                if field.starts_with("known.") {
                    "the reason the engine diverges, with an upstream link when one exists"
                } else {
                    field_expectation(field)
                }
            ),
            CaseError::EmptySpec { .. } => write!(
                f,
                "empty `spec` (expected at least one ECMA-262 clause id, e.g. [sec-getidentifierreference])"
            ),
            CaseError::UnknownClause { id, suggestion, .. } => {
                write!(f, "unknown ECMA-262 clause id `{id}` (")?;
                match suggestion {
                    Some(s) => write!(f, "did you mean `{s}`?)"),
                    None => write!(
                        f,
                        "expected an id listed in data/ecma262-clauses.tsv, e.g. sec-getidentifierreference)"
                    ),
                }
            }
            CaseError::BadMode { value, .. } => {
                write!(
                    f,
                    "bad mode `{value}` (expected one of: sloppy, strict, both)"
                )
            }
            CaseError::BadKnownEngine { engine, .. } if engine == "mini" => write!(
                f,
                "`known.mini` is not allowed: the mini engine must pass every case (expected one of: boa, node)"
            ),
            CaseError::BadKnownEngine { engine, .. } => {
                write!(
                    f,
                    "unknown engine `{engine}` in `known` (expected one of: boa, node)"
                )
            }
            CaseError::MissingGolden {
                id, expected_path, ..
            } => write!(
                f,
                "no golden transcript {} (run `lexenv bless {id}` to write it, then read it against the spec)",
                Location::file(expected_path)
            ),
            CaseError::OrphanGolden { case_path, .. } => write!(
                f,
                "golden transcript without a case (expected {}, or delete this file)",
                Location::file(case_path)
            ),
            CaseError::BadId { id, reason, .. } => write!(f, "bad case id `{id}`: {reason}"),
            CaseError::NoCasesDir { .. } => write!(
                f,
                "not a suite: no `cases/` directory (a suite holds cases/<area>/<name>.yaml and expected/<area>/<name>.out)"
            ),
            CaseError::AlreadyExists { .. } => {
                write!(f, "already exists (`lexenv new` never overwrites a case)")
            }
        }
    }
}

impl std::error::Error for CaseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_prints_file_line_column() {
        let at = Location::new(Path::new("./cases/x/y.yaml"), 3, 1);
        assert_eq!(at.to_string(), "cases/x/y.yaml:3:1");
        assert_eq!(
            Location::file(Path::new("/s/cases")).to_string(),
            "/s/cases"
        );
    }

    #[test]
    fn unknown_key_names_the_expected_keys() {
        let e = CaseError::UnknownKey {
            at: Location::new(Path::new("cases/x/y.yaml"), 3, 1),
            key: "foo".into(),
        };
        assert_eq!(
            e.to_string(),
            "cases/x/y.yaml:3:1: unknown key `foo` (expected one of: description, spec, tags, mode, source, known)"
        );
    }
}
