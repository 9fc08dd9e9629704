//! Running a suite: cases × run modes × engines, scheduled over a pool of
//! threads that each own one worker process per engine; every outcome is
//! compared with the golden transcript and classified into a `Status`
//! (DESIGN §2, §5). The result is one `RunReport` that every reporter renders.
//!
//! `known.<engine>` is a strict expected failure: that engine must diverge;
//! if it matches the golden, the status is `fixed`, which fails the run so
//! the entry gets removed. Besides the goldens, `mini` and `boa` are compared
//! with each other and any disagreement is recorded.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::case::{Case, RunMode};
use crate::engine::worker::{Worker, WorkerCommand};
use crate::engine::{Engine, EngineKind, Limits, Outcome};
use crate::error::HarnessError;
use crate::transcript::Transcript;

/// How one (case, mode, engine) run ended, compared with the golden. A closed
/// set shared by every report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The transcript is the golden one.
    Pass,
    /// The transcript differs from the golden one (or there is no golden).
    Fail,
    /// The engine is marked `known` for this case and diverged, as expected.
    Known,
    /// The engine is marked `known` but matched the golden: remove the entry.
    Fixed,
    /// Over the wall-clock limit or the step budget.
    Timeout,
    /// Over another resource limit (memory, string length …).
    Limit,
    /// The engine or its worker died or panicked.
    Crash,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Pass,
        Status::Fail,
        Status::Known,
        Status::Fixed,
        Status::Timeout,
        Status::Limit,
        Status::Crash,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Known => "known",
            Status::Fixed => "fixed",
            Status::Timeout => "timeout",
            Status::Limit => "limit",
            Status::Crash => "crash",
        }
    }

    /// Whether this result makes the run fail (exit code 1).
    pub fn is_failure(self) -> bool {
        !matches!(self, Status::Pass | Status::Known)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Classifies one outcome against the golden (`None`: no golden file) and
/// the case's `known` entry for the engine.
pub fn classify(outcome: &Outcome, expected: Option<&Transcript>, known: bool) -> Status {
    let Some(expected) = expected else {
        return Status::Fail;
    };
    let diverged = match outcome {
        Outcome::Completed { transcript, .. } => transcript != expected,
        _ => true,
    };
    match (outcome, known, diverged) {
        (_, true, true) => Status::Known,
        (_, true, false) => Status::Fixed,
        (Outcome::Completed { .. }, false, false) => Status::Pass,
        (Outcome::Completed { .. }, false, true) => Status::Fail,
        (Outcome::Timeout { .. }, false, _) => Status::Timeout,
        (Outcome::Limit { .. }, false, _) => Status::Limit,
        (Outcome::Crash { .. }, false, _) => Status::Crash,
    }
}

/// A unified diff of two transcripts (plain text, no colour), or `None` when
/// they are equal.
pub fn transcript_diff(old: &str, new: &str, old_name: &str, new_name: &str) -> Option<String> {
    if old == new {
        return None;
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut text = diff
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Some(text)
}

/// The engines of a run and how to start each one's worker.
#[derive(Clone, Debug)]
pub struct EngineSet {
    engines: Vec<(EngineKind, WorkerCommand)>,
}

impl EngineSet {
    /// Worker commands for `kinds` (in that order, duplicates dropped), with
    /// `lexenv_exe` the binary that serves `lexenv worker`.
    pub fn new(kinds: &[EngineKind], lexenv_exe: &Path) -> Result<Self, HarnessError> {
        let mut engines: Vec<(EngineKind, WorkerCommand)> = Vec::new();
        for &kind in kinds {
            if engines.iter().any(|(k, _)| *k == kind) {
                continue;
            }
            let command = WorkerCommand::for_engine(kind, lexenv_exe).map_err(|reason| {
                HarnessError::EngineUnavailable {
                    engine: kind,
                    reason,
                }
            })?;
            engines.push((kind, command));
        }
        Ok(EngineSet { engines })
    }

    /// An engine set with explicit commands (tests, other worker programs).
    pub fn from_commands(engines: Vec<(EngineKind, WorkerCommand)>) -> Self {
        EngineSet { engines }
    }

    pub fn kinds(&self) -> Vec<EngineKind> {
        self.engines.iter().map(|(k, _)| *k).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.engines.is_empty()
    }

    /// A new (not yet started) worker for `kind`, if it is in the set.
    pub fn worker(&self, kind: EngineKind) -> Option<Worker> {
        self.engines
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(k, command)| Worker::new(k.name(), command.clone()))
    }
}

/// Everything a run needs besides the cases.
#[derive(Clone, Debug)]
pub struct RunSettings {
    pub engines: EngineSet,
    /// Worker threads (each owns one worker process per engine).
    pub jobs: usize,
    pub limits: Limits,
}

/// One script for one engine.
#[derive(Clone, Debug)]
pub struct Job {
    pub engine: EngineKind,
    /// The prepared source (mode already applied).
    pub source: String,
}

/// What running a job gave, and how long it took.
#[derive(Clone, Debug)]
pub struct JobOutcome {
    pub outcome: Outcome,
    pub duration: Duration,
}

/// Runs `jobs` over `settings.jobs` threads; `on_done(index)` is called on
/// this thread as each job finishes. Outcomes come back in job order.
pub fn execute(
    jobs: &[Job],
    settings: &RunSettings,
    on_done: &mut dyn FnMut(usize),
) -> Vec<JobOutcome> {
    let mut results: Vec<Option<JobOutcome>> = vec![None; jobs.len()];
    let next = AtomicUsize::new(0);
    let threads = settings.jobs.max(1).min(jobs.len());
    let (sender, receiver) = mpsc::channel::<(usize, JobOutcome)>();
    thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                let mut workers: HashMap<EngineKind, Worker> = HashMap::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else { break };
                    let start = Instant::now();
                    let outcome = match workers.get_mut(&job.engine) {
                        Some(worker) => worker.run(&job.source, &settings.limits),
                        None => match settings.engines.worker(job.engine) {
                            Some(mut worker) => {
                                let outcome = worker.run(&job.source, &settings.limits);
                                workers.insert(job.engine, worker);
                                outcome
                            }
                            None => Outcome::Crash {
                                reason: format!("engine `{}` is not in this run", job.engine),
                            },
                        },
                    };
                    let done = JobOutcome {
                        outcome,
                        duration: start.elapsed(),
                    };
                    if sender.send((index, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (index, done) in receiver {
            results[index] = Some(done);
            on_done(index);
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| JobOutcome {
                outcome: Outcome::Crash {
                    reason: "the job was never run".into(),
                },
                duration: Duration::ZERO,
            })
        })
        .collect()
}

/// The result of one (case, mode, engine) run.
#[derive(Clone, Debug)]
pub struct EngineResult {
    pub engine: EngineKind,
    pub status: Status,
    pub outcome: Outcome,
    /// The golden transcript; `None` when the case has no `.out` file.
    pub expected: Option<Transcript>,
    /// The case's `known.<engine>` reason, if any.
    pub known: Option<String>,
    pub duration: Duration,
}

impl EngineResult {
    /// The unified diff expected → actual, when the run completed with a
    /// different transcript.
    pub fn diff(&self) -> Option<String> {
        let actual = self.outcome.transcript()?;
        let expected = self.expected.as_ref().map(Transcript::as_str).unwrap_or("");
        transcript_diff(expected, actual.as_str(), "expected", self.engine.name())
    }

    /// Why the run did not complete (timeout, limit, crash).
    pub fn reason(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Completed { .. } => None,
            Outcome::Timeout { reason } | Outcome::Limit { reason } | Outcome::Crash { reason } => {
                Some(reason)
            }
        }
    }

    pub fn notes(&self) -> &[String] {
        match &self.outcome {
            Outcome::Completed { notes, .. } => notes,
            _ => &[],
        }
    }
}

/// `mini` and `boa` ran the same case and mode and did not agree.
#[derive(Clone, Debug)]
pub struct Disagreement {
    /// E.g. "boa: known, mini: pass".
    pub detail: String,
    /// Unified diff boa → mini, when both completed.
    pub diff: Option<String>,
}

/// One mode of one case, on every engine of the run.
#[derive(Clone, Debug)]
pub struct ModeRun {
    pub mode: RunMode,
    pub results: Vec<EngineResult>,
    pub mini_vs_boa: Option<Disagreement>,
}

/// One case and its runs (one per run mode).
#[derive(Clone, Debug)]
pub struct CaseRun {
    pub case: Case,
    pub runs: Vec<ModeRun>,
}

/// Everything a run found: the one value every reporter renders.
#[derive(Clone, Debug)]
pub struct RunReport {
    /// The suite folder as given.
    pub suite: PathBuf,
    pub engines: Vec<EngineKind>,
    pub limits: Limits,
    pub cases: Vec<CaseRun>,
    pub elapsed: Duration,
    /// The comparison with `--baseline OLD.json`, when one was given.
    pub baseline: Option<crate::report::baseline::Comparison>,
}

impl RunReport {
    /// Every (case, mode, result), in case order.
    pub fn results(&self) -> impl Iterator<Item = (&Case, &ModeRun, &EngineResult)> {
        self.cases.iter().flat_map(|c| {
            c.runs
                .iter()
                .flat_map(move |m| m.results.iter().map(move |r| (&c.case, m, r)))
        })
    }

    /// How many results make the run fail.
    pub fn failure_count(&self) -> usize {
        self.results()
            .filter(|(_, _, r)| r.status.is_failure())
            .count()
    }

    pub fn is_ok(&self) -> bool {
        self.failure_count() == 0
    }
}

/// The name of a (engine, case, mode) run, as in the test gate:
/// `<engine>::<area>/<name>`, with `::sloppy` / `::strict` for `mode: both`.
pub fn trial_name(engine: EngineKind, case: &Case, mode: RunMode) -> String {
    if case.mode.run_modes().len() > 1 {
        format!("{engine}::{}::{}", case.id, mode.name())
    } else {
        format!("{engine}::{}", case.id)
    }
}

/// Runs `cases` on every engine of `settings` and compares with the goldens.
/// `on_done(label)` is called as each run finishes (for a progress bar).
pub fn run_cases(
    suite: &Path,
    cases: &[&Case],
    settings: &RunSettings,
    on_done: &mut dyn FnMut(&str),
) -> Result<RunReport, HarnessError> {
    let started = Instant::now();
    let engines = settings.engines.kinds();
    let mut goldens = Vec::with_capacity(cases.len());
    for case in cases {
        let golden = case.read_expected().map_err(|source| HarnessError::Io {
            path: case.expected_path.clone(),
            action: "read",
            source,
        })?;
        goldens.push(golden);
    }

    let mut jobs = Vec::new();
    let mut labels = Vec::new();
    for case in cases {
        for &mode in case.mode.run_modes() {
            for &engine in &engines {
                jobs.push(Job {
                    engine,
                    source: mode.prepare(&case.source),
                });
                labels.push(trial_name(engine, case, mode));
            }
        }
    }
    let mut outcomes = execute(&jobs, settings, &mut |index| on_done(&labels[index])).into_iter();

    let mut case_runs = Vec::with_capacity(cases.len());
    for (case, golden) in cases.iter().zip(goldens) {
        let mut runs = Vec::new();
        for &mode in case.mode.run_modes() {
            let mut results = Vec::new();
            for &engine in &engines {
                let done = outcomes.next().expect("one outcome per job");
                let known = case.known.get(&engine).cloned();
                let status = classify(&done.outcome, golden.as_ref(), known.is_some());
                results.push(EngineResult {
                    engine,
                    status,
                    outcome: done.outcome,
                    expected: golden.clone(),
                    known,
                    duration: done.duration,
                });
            }
            let mini_vs_boa = compare_mini_with_boa(&results);
            runs.push(ModeRun {
                mode,
                results,
                mini_vs_boa,
            });
        }
        case_runs.push(CaseRun {
            case: (*case).clone(),
            runs,
        });
    }
    Ok(RunReport {
        suite: suite.to_path_buf(),
        engines,
        limits: settings.limits.clone(),
        cases: case_runs,
        elapsed: started.elapsed(),
        baseline: None,
    })
}

/// A one-word-or-so description of an outcome, for disagreements.
pub fn outcome_kind(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Completed { .. } => "completed",
        Outcome::Timeout { .. } => "timeout",
        Outcome::Limit { .. } => "limit",
        Outcome::Crash { .. } => "crash",
    }
}

fn compare_mini_with_boa(results: &[EngineResult]) -> Option<Disagreement> {
    let find = |kind| results.iter().find(|r| r.engine == kind);
    let (boa, mini) = (find(EngineKind::Boa)?, find(EngineKind::Mini)?);
    let diff = match (boa.outcome.transcript(), mini.outcome.transcript()) {
        (Some(b), Some(m)) => Some(transcript_diff(b.as_str(), m.as_str(), "boa", "mini")?),
        _ if outcome_kind(&boa.outcome) == outcome_kind(&mini.outcome) => return None,
        _ => None,
    };
    let side = |r: &EngineResult| match r.outcome {
        Outcome::Completed { .. } => format!("{}: {}", r.engine, r.status),
        _ => format!(
            "{}: {} ({})",
            r.engine,
            r.status,
            r.reason().unwrap_or_default()
        ),
    };
    Some(Disagreement {
        detail: format!("{}, {}", side(boa), side(mini)),
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(text: &str) -> Outcome {
        Outcome::completed(Transcript::from_golden(text))
    }

    #[test]
    fn classify_covers_known_and_fixed() {
        let golden = Transcript::from_golden("1\n");
        assert_eq!(classify(&done("1\n"), Some(&golden), false), Status::Pass);
        assert_eq!(classify(&done("2\n"), Some(&golden), false), Status::Fail);
        assert_eq!(classify(&done("2\n"), Some(&golden), true), Status::Known);
        assert_eq!(classify(&done("1\n"), Some(&golden), true), Status::Fixed);
        let timeout = Outcome::Timeout { reason: "t".into() };
        assert_eq!(classify(&timeout, Some(&golden), false), Status::Timeout);
        assert_eq!(classify(&timeout, Some(&golden), true), Status::Known);
        let limit = Outcome::Limit { reason: "l".into() };
        assert_eq!(classify(&limit, Some(&golden), false), Status::Limit);
        let crash = Outcome::Crash { reason: "c".into() };
        assert_eq!(classify(&crash, Some(&golden), false), Status::Crash);
        assert_eq!(
            classify(&done("1\n"), None, false),
            Status::Fail,
            "no golden fails"
        );
    }

    #[test]
    fn failures_are_everything_but_pass_and_known() {
        let failing: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_failure()).collect();
        assert_eq!(
            failing,
            [
                Status::Fail,
                Status::Fixed,
                Status::Timeout,
                Status::Limit,
                Status::Crash
            ]
        );
    }

    fn result(engine: EngineKind, outcome: Outcome, status: Status) -> EngineResult {
        EngineResult {
            engine,
            status,
            outcome,
            expected: None,
            known: None,
            duration: Duration::ZERO,
        }
    }

    #[test]
    fn mini_and_boa_are_compared_directly() {
        let same = [
            result(EngineKind::Boa, done("1\n"), Status::Pass),
            result(EngineKind::Mini, done("1\n"), Status::Pass),
        ];
        assert!(compare_mini_with_boa(&same).is_none());
        let differ = [
            result(EngineKind::Boa, done("1\n"), Status::Known),
            result(EngineKind::Mini, done("2\n"), Status::Pass),
        ];
        let d = compare_mini_with_boa(&differ).expect("they differ");
        assert_eq!(d.detail, "boa: known, mini: pass");
        assert!(
            d.diff.as_deref().is_some_and(|t| t.contains("-1\n+2\n")),
            "{d:?}"
        );
        let hung = [
            result(EngineKind::Boa, done("1\n"), Status::Pass),
            result(
                EngineKind::Mini,
                Outcome::Timeout {
                    reason: "steps".into(),
                },
                Status::Timeout,
            ),
        ];
        let d = compare_mini_with_boa(&hung).expect("they differ");
        assert_eq!(d.detail, "boa: pass, mini: timeout (steps)");
        assert!(
            compare_mini_with_boa(&same[..1]).is_none(),
            "needs both engines"
        );
    }

    #[test]
    fn diff_is_unified_and_none_when_equal() {
        assert_eq!(transcript_diff("a\n", "a\n", "x", "y"), None);
        let diff = transcript_diff("a\nb\n", "a\nc\n", "expected", "mini").unwrap();
        assert!(diff.starts_with("--- expected\n+++ mini\n@@"), "{diff}");
        assert!(diff.contains("-b\n+c\n"), "{diff}");
    }
}
