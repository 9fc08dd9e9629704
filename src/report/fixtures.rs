//! Hand-built `RunReport`s for the reporters' unit tests (no engine runs).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::case::{Case, Mode};
use crate::engine::{EngineKind, Limits, Outcome};
use crate::run::{CaseRun, EngineResult, ModeRun, RunReport, Status};
use crate::transcript::Transcript;

/// A valid case printing `1`, whose golden is `1\n`.
pub fn case(id: &str, mode: Mode) -> Case {
    Case {
        id: id.to_string(),
        area: id.split('/').next().unwrap_or_default().to_string(),
        path: PathBuf::from(format!("cases/{id}.yaml")),
        expected_path: PathBuf::from(format!("expected/{id}.out")),
        description: "d".into(),
        spec: vec!["sec-getidentifierreference".into()],
        tags: vec![],
        mode,
        source: "console.log(1);\n".into(),
        source_line: 4,
        known: BTreeMap::new(),
    }
}

/// A result with `status` and an outcome that fits it: `pass`/`fixed`
/// print the golden, `fail`/`known` print `2`, the others did not complete.
pub fn result(engine: EngineKind, status: Status) -> EngineResult {
    let completed = |text: &str| Outcome::completed(Transcript::from_golden(text));
    let outcome = match status {
        Status::Pass | Status::Fixed => completed("1\n"),
        Status::Fail | Status::Known => completed("2\n"),
        Status::Timeout => Outcome::Timeout {
            reason: "wall-clock limit of 5 ms".into(),
        },
        Status::Limit => Outcome::Limit {
            reason: "heap limit".into(),
        },
        Status::Crash => Outcome::Crash {
            reason: "worker exited".into(),
        },
    };
    EngineResult {
        engine,
        status,
        outcome,
        expected: Some(Transcript::from_golden("1\n")),
        known: matches!(status, Status::Known | Status::Fixed).then(|| "a reason".to_string()),
        duration: Duration::from_millis(2),
    }
}

/// A report where every engine of `engines` ends each (case, run mode) in
/// the status given for that mode.
pub fn report(engines: &[EngineKind], cases: &[(&str, Mode, &[Status])]) -> RunReport {
    let cases = cases
        .iter()
        .map(|(id, mode, statuses)| {
            let case = case(id, *mode);
            let runs = case
                .mode
                .run_modes()
                .iter()
                .zip(statuses.iter())
                .map(|(&run_mode, &status)| ModeRun {
                    mode: run_mode,
                    results: engines.iter().map(|&e| result(e, status)).collect(),
                    mini_vs_boa: None,
                })
                .collect();
            CaseRun { case, runs }
        })
        .collect();
    RunReport {
        suite: PathBuf::from("."),
        engines: engines.to_vec(),
        limits: Limits::default(),
        cases,
        elapsed: Duration::from_millis(1234),
        baseline: None,
    }
}
