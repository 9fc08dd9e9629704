//! `HarnessError`: every way a command can fail before it has results to
//! report. Each is a usage or input problem (exit code 2); what an engine
//! does with a case is never an error here, it is a `Status` in the report.

use std::fmt;
use std::path::PathBuf;

use crate::engine::EngineKind;
use crate::suite::LoadErrors;

/// A command could not do its work (exit code 2).
#[derive(Debug)]
pub enum HarnessError {
    /// The suite did not load: every problem found, each naming
    /// file:line:column.
    Load(LoadErrors),
    /// An option value that parses but cannot be used.
    Usage(String),
    /// An engine was asked for that this build or machine cannot run.
    EngineUnavailable { engine: EngineKind, reason: String },
    /// `bless` was started with `CI` set.
    BlessUnderCi { value: String },
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// Scaffolding a new case failed.
    New(String),
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::Load(errors) => {
                let n = errors.0.len();
                writeln!(
                    f,
                    "the suite has {n} problem{} (nothing was run):",
                    if n == 1 { "" } else { "s" }
                )?;
                for (i, error) in errors.0.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{error}")?;
                }
                Ok(())
            }
            HarnessError::Usage(message) => f.write_str(message),
            HarnessError::EngineUnavailable { engine, reason } => {
                write!(f, "engine `{engine}` is not available: {reason}")
            }
            HarnessError::BlessUnderCi { value } => write!(
                f,
                "refusing to bless: the CI environment variable is set (CI={value:?}). \
                 Goldens are written on a developer's machine and read against the spec \
                 before they are committed; unset CI to bless."
            ),
            HarnessError::Io {
                path,
                action,
                source,
            } => {
                write!(f, "cannot {action} {}: {source}", path.display())
            }
            HarnessError::New(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for HarnessError {}

impl From<LoadErrors> for HarnessError {
    fn from(errors: LoadErrors) -> Self {
        HarnessError::Load(errors)
    }
}
