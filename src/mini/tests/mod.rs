//! Engine tests as a tiny action language: [`assert_prints`] runs a script
//! and compares its transcript line by line; [`assert_throws`] expects the
//! run to end with `Uncaught <Name>`. One file per area.

mod basics;
mod host_and_limits;
mod language;
mod regressions;
mod scopes;

use crate::engine::{Limits, Outcome};

/// Runs `src` with the default limits.
pub fn run(src: &str) -> Outcome {
    super::run(src, &Limits::default())
}

/// The transcript lines of a completed run (panics on other outcomes).
#[track_caller]
pub fn lines(src: &str) -> Vec<String> {
    match run(src) {
        Outcome::Completed { transcript, .. } => {
            transcript.as_str().lines().map(str::to_string).collect()
        }
        other => panic!("expected a completed run, got {other:?}\n--- source ---\n{src}"),
    }
}

/// Asserts that `src` prints exactly `expected`.
#[track_caller]
pub fn assert_prints(src: &str, expected: &[&str]) {
    let got = lines(src);
    assert_eq!(got, expected, "\n--- source ---\n{src}");
}

/// Asserts that the run ends with `Uncaught <name>`.
#[track_caller]
pub fn assert_throws(src: &str, name: &str) {
    let got = lines(src);
    let expected = format!("Uncaught {name}");
    assert_eq!(
        got.last().map(String::as_str),
        Some(expected.as_str()),
        "transcript {got:?}\n--- source ---\n{src}"
    );
}
