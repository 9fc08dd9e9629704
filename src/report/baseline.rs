//! Run-to-run comparison (`lexenv run --baseline OLD.json`). A previous
//! `--format json` report is read into a `Baseline` (its statuses only), and
//! compared with this run per (case, mode, engine) into one `Comparison`,
//! computed once and rendered by every reporter: regressions (was `pass` or
//! `known`, now failing), fixes (was failing, now `pass` or `known`), other
//! status changes, and runs that are new or gone. Any regression makes the
//! run exit 1.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::HarnessError;
use crate::run::{RunReport, Status};

/// The statuses of a previous run, read from its JSON report.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// The report file, as given.
    pub path: PathBuf,
    /// The engines that ran, in the report's order.
    pub engines: Vec<String>,
    /// (case id, mode) → engine → status.
    pub statuses: BTreeMap<(String, String), BTreeMap<String, Status>>,
}

/// The part of a JSON report a comparison reads; every other field is
/// ignored, so reports with more fields (or from later versions) load.
#[derive(Deserialize)]
struct ReportFile {
    engines: Vec<String>,
    cases: Vec<CaseEntry>,
}

#[derive(Deserialize)]
struct CaseEntry {
    id: String,
    mode: String,
    results: BTreeMap<String, ResultEntry>,
}

#[derive(Deserialize)]
struct ResultEntry {
    status: Status,
}

impl Baseline {
    /// Reads a baseline file. A missing or unreadable file, text that is
    /// not JSON (with line:column), or JSON that is not a lexenv report is
    /// an input error naming the file.
    pub fn load(path: &Path) -> Result<Baseline, HarnessError> {
        let text = std::fs::read_to_string(path).map_err(|source| HarnessError::Io {
            path: path.to_path_buf(),
            action: "read the baseline",
            source,
        })?;
        Baseline::parse(path, &text)
    }

    /// Parses a baseline's text; `path` is only used in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Baseline, HarnessError> {
        let not_a_report = |what: String| {
            HarnessError::Usage(format!(
                "{what}: the baseline is not a lexenv JSON report \
                 (make one with `lexenv run --format json > FILE`)"
            ))
        };
        let position = |error: &serde_json::Error| {
            // serde_json ends its messages with " at line L column C".
            let message = error.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(head, _)| head)
                .to_string();
            format!(
                "{}:{}:{}: {message}",
                path.display(),
                error.line(),
                error.column()
            )
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
            let (at, message) = position(&error)
                .split_once(": ")
                .map(|(a, m)| (a.to_string(), m.to_string()))
                .unwrap_or_default();
            HarnessError::Usage(format!("{at}: the baseline is not JSON: {message}"))
        })?;
        if !value.is_object() {
            return Err(not_a_report(format!(
                "{}: the top level is not an object",
                path.display()
            )));
        }
        let file: ReportFile =
            serde_json::from_str(text).map_err(|error| not_a_report(position(&error)))?;
        let mut statuses: BTreeMap<(String, String), BTreeMap<String, Status>> = BTreeMap::new();
        for case in file.cases {
            if !matches!(case.mode.as_str(), "sloppy" | "strict") {
                return Err(not_a_report(format!(
                    "{}: case `{}` has mode `{}` (expected `sloppy` or `strict`)",
                    path.display(),
                    case.id,
                    case.mode
                )));
            }
            let engines = statuses.entry((case.id, case.mode)).or_default();
            for (engine, result) in case.results {
                engines.insert(engine, result.status);
            }
        }
        Ok(Baseline {
            path: path.to_path_buf(),
            engines: file.engines,
            statuses,
        })
    }
}

/// How this run compares with a baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The baseline file, as given.
    pub path: String,
    /// One entry per engine of this run, in the run's order.
    pub engines: Vec<EngineComparison>,
    /// Engines the baseline ran and this run did not (not compared).
    pub only_in_baseline: Vec<String>,
}

/// One engine's runs compared with the baseline's.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EngineComparison {
    #[serde(skip)]
    pub engine: String,
    /// Whether the baseline ran this engine; when not, nothing is compared
    /// and every list is empty.
    pub in_baseline: bool,
    /// Was `pass` or `known`, now `fail`, `fixed`, `timeout`, `limit` or `crash`.
    pub regressions: Vec<Change>,
    /// Was failing, now `pass` or `known`.
    pub fixed: Vec<Change>,
    /// Another status change (e.g. `fail` → `timeout`, `known` → `pass`).
    pub changed: Vec<Change>,
    /// Runs the baseline does not have (`before` is null).
    pub new: Vec<Change>,
    /// Runs of the baseline this run does not have (`after` is null).
    pub removed: Vec<Change>,
    /// Runs with the same status in both.
    pub unchanged: usize,
}

/// One (case, mode) run of one engine whose status changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: String,
    pub mode: String,
    /// The gate's trial name: `<engine>::<id>`, plus `::<mode>` for a case
    /// that runs in both modes.
    pub trial: String,
    pub before: Option<Status>,
    pub after: Option<Status>,
}

impl Change {
    /// The trial name without its engine: `<id>` or `<id>::<mode>`.
    pub fn name(&self) -> &str {
        self.trial
            .split_once("::")
            .map_or(self.trial.as_str(), |(_, rest)| rest)
    }
}

impl Comparison {
    /// Compares `report` with `baseline`, run by run.
    pub fn new(baseline: &Baseline, report: &RunReport) -> Comparison {
        let mut modes: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (id, mode) in baseline.statuses.keys() {
            modes.entry(id).or_default().insert(mode);
        }
        for case_run in &report.cases {
            for run in &case_run.runs {
                modes
                    .entry(&case_run.case.id)
                    .or_default()
                    .insert(run.mode.name());
            }
        }
        let change = |engine: &str, id: &str, mode: &str, before, after| {
            let both = modes.get(id).is_some_and(|m| m.len() > 1);
            Change {
                id: id.to_string(),
                mode: mode.to_string(),
                trial: if both {
                    format!("{engine}::{id}::{mode}")
                } else {
                    format!("{engine}::{id}")
                },
                before,
                after,
            }
        };
        let mut engines = Vec::new();
        for kind in &report.engines {
            let engine = kind.name();
            let mut compared = EngineComparison {
                engine: engine.to_string(),
                in_baseline: baseline.engines.iter().any(|e| e == engine),
                ..EngineComparison::default()
            };
            if !compared.in_baseline {
                engines.push(compared);
                continue;
            }
            let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
            for (case, run, result) in report.results() {
                if result.engine != *kind {
                    continue;
                }
                let (id, mode) = (case.id.as_str(), run.mode.name());
                seen.insert((id, mode));
                let after = result.status;
                let before = baseline
                    .statuses
                    .get(&(id.to_string(), mode.to_string()))
                    .and_then(|by_engine| by_engine.get(engine))
                    .copied();
                let Some(before) = before else {
                    compared
                        .new
                        .push(change(engine, id, mode, None, Some(after)));
                    continue;
                };
                let entry = change(engine, id, mode, Some(before), Some(after));
                match (before.is_failure(), after.is_failure()) {
                    _ if before == after => compared.unchanged += 1,
                    (false, true) => compared.regressions.push(entry),
                    (true, false) => compared.fixed.push(entry),
                    _ => compared.changed.push(entry),
                }
            }
            for ((id, mode), by_engine) in &baseline.statuses {
                if let Some(&before) = by_engine.get(engine) {
                    if !seen.contains(&(id.as_str(), mode.as_str())) {
                        compared
                            .removed
                            .push(change(engine, id, mode, Some(before), None));
                    }
                }
            }
            engines.push(compared);
        }
        let only_in_baseline = baseline
            .engines
            .iter()
            .filter(|e| !report.engines.iter().any(|k| k.name() == e.as_str()))
            .cloned()
            .collect();
        Comparison {
            path: baseline.path.display().to_string(),
            engines,
            only_in_baseline,
        }
    }

    /// Regressions over every engine.
    pub fn regression_count(&self) -> usize {
        self.engines.iter().map(|e| e.regressions.len()).sum()
    }

    /// Fixes over every engine.
    pub fn fixed_count(&self) -> usize {
        self.engines.iter().map(|e| e.fixed.len()).sum()
    }

    pub fn has_regressions(&self) -> bool {
        self.regression_count() > 0
    }
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
