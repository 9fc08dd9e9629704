//! The parser: tokens → [`crate::mini::ast`], with automatic semicolon
//! insertion and early errors (https://tc39.es/ecma262/#sec-scripts).
//!
//! Stub: the full parser lands next; this version reports every script as
//! unsupported so the runtime side can build against the AST.

use std::fmt;

use crate::mini::ast::Script;

/// A syntax error (or unsupported syntax) found while parsing, with the
/// 1-based line and column of the offending token. Messages for valid syntax
/// the engine does not support start with `"unsupported: "`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What was expected and what was found.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in `char`s.
    pub column: u32,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}:{})", self.message, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Parses `source` as a Script (https://tc39.es/ecma262/#sec-scripts).
pub fn parse_script(source: &str) -> Result<Script, ParseError> {
    let _ = source;
    Err(ParseError {
        message: "unsupported: parser not built yet".into(),
        line: 1,
        column: 1,
    })
}
