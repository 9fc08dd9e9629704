//! `Transcript`: what a case printed, line by line (DESIGN §4).
//!
//! One line per `console.log`/`alert`/`print` call, each ending in `\n`;
//! an uncaught exception appends `Uncaught <Name>`. Transcripts are compared
//! byte for byte; the golden files in `expected/` are transcripts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The text a run printed, always a sequence of `\n`-terminated lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Transcript(String);

impl Transcript {
    pub fn new() -> Self {
        Self::default()
    }

    /// Wraps text read from a golden file. A missing final newline is added
    /// so that hand-edited goldens compare equal to engine output.
    pub fn from_golden(text: &str) -> Self {
        let mut t = text.replace("\r\n", "\n");
        if !t.is_empty() && !t.ends_with('\n') {
            t.push('\n');
        }
        Transcript(t)
    }

    /// Appends one printed line. Embedded newlines are kept as they are:
    /// `console.log("a\nb")` prints two physical lines, as in a terminal.
    pub fn push_line(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push('\n');
    }

    /// Appends the `Uncaught <Name>` line for an exception nobody caught.
    pub fn push_uncaught(&mut self, name: &str) {
        self.0.push_str("Uncaught ");
        self.0.push_str(name);
        self.0.push('\n');
    }

    /// The transcript of a script that does not parse.
    pub fn syntax_error() -> Self {
        let mut t = Self::new();
        t.push_uncaught("SyntaxError");
        t
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Transcript {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_uncaught() {
        let mut t = Transcript::new();
        t.push_line("1 2");
        t.push_uncaught("TypeError");
        assert_eq!(t.as_str(), "1 2\nUncaught TypeError\n");
    }

    #[test]
    fn golden_gets_final_newline_and_unix_endings() {
        assert_eq!(Transcript::from_golden("a\r\nb").as_str(), "a\nb\n");
        assert_eq!(Transcript::from_golden("").as_str(), "");
    }
}
