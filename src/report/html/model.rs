//! What the HTML report shows, computed from a `RunReport` before any markup
//! is written: the areas × engines matrix (status counts plus how many runs
//! every engine agrees on) and, per (case, mode) run, the engines grouped by
//! identical outcome — the "coalesced" view of eshost, where the golden
//! transcript takes part as the pseudo-member `expected`.

use std::collections::BTreeMap;

use crate::engine::{EngineKind, Outcome};
use crate::report::{Counts, counts_by_area, counts_by_engine};
use crate::run::{EngineResult, ModeRun, RunReport, outcome_kind};

/// The name the golden transcript goes by in an agreement group.
pub const EXPECTED: &str = "expected";

/// One row of the overview matrix: an area, or the whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixRow {
    /// Status counts per engine (every engine of the run has an entry).
    pub counts: BTreeMap<EngineKind, Counts>,
    /// (case, mode) runs in this row.
    pub runs: usize,
    /// Runs on which every engine gave the same outcome.
    pub agreed: usize,
}

impl MatrixRow {
    fn new(engines: &[EngineKind]) -> Self {
        MatrixRow {
            counts: engines.iter().map(|&e| (e, Counts::default())).collect(),
            runs: 0,
            agreed: 0,
        }
    }

    /// Counts one (case, mode) run and whether its engines agree; the status
    /// counts come from `counts_by_engine` / `counts_by_area`.
    fn add(&mut self, run: &ModeRun) {
        self.runs += 1;
        self.agreed += usize::from(engines_agree(&run.results));
    }
}

/// The overview matrix: one row per area (in name order) and a total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub areas: BTreeMap<String, MatrixRow>,
    pub total: MatrixRow,
}

/// Counts every (case, mode, engine) result of `report` by area and engine:
/// the same counts as the other reports (`counts_by_area`, and
/// `counts_by_engine` for the total, which is the JSON summary).
pub fn matrix(report: &RunReport) -> Matrix {
    let new_row = || MatrixRow::new(&report.engines);
    let mut areas: BTreeMap<String, MatrixRow> = BTreeMap::new();
    let mut total = new_row();
    for case_run in &report.cases {
        let row = areas
            .entry(case_run.case.area.clone())
            .or_insert_with(new_row);
        for run in &case_run.runs {
            row.add(run);
            total.add(run);
        }
    }
    for ((area, engine), counts) in counts_by_area(report) {
        areas
            .entry(area)
            .or_insert_with(new_row)
            .counts
            .insert(engine, counts);
    }
    total.counts = counts_by_engine(report);
    Matrix { areas, total }
}

/// What two results must share to count as the same outcome: the transcript
/// of a completed run, or only the kind (timeout, limit, crash) of one that
/// did not complete — reasons are worded per engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeKey<'a> {
    Transcript(&'a str),
    Incomplete(&'static str),
}

impl<'a> OutcomeKey<'a> {
    pub fn of(outcome: &'a Outcome) -> Self {
        match outcome.transcript() {
            Some(transcript) => OutcomeKey::Transcript(transcript.as_str()),
            None => OutcomeKey::Incomplete(outcome_kind(outcome)),
        }
    }
}

/// Engines (and possibly the golden, as `expected`) that share one outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group<'a> {
    /// `expected` first when the golden belongs here, then engines in run order.
    pub members: Vec<&'static str>,
    pub key: OutcomeKey<'a>,
    /// For an incomplete outcome: each member engine's reason.
    pub reasons: Vec<(&'static str, &'a str)>,
}

impl Group<'_> {
    pub fn has_expected(&self) -> bool {
        self.members.first() == Some(&EXPECTED)
    }

    /// The engines of the group, without `expected`.
    pub fn engines(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.members.iter().copied().filter(|m| *m != EXPECTED)
    }
}

/// Groups the golden (when there is one) and the engines of one run by
/// identical outcome, in order of first appearance: the golden's group first.
pub fn agreement_groups<'a>(results: &'a [EngineResult]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    if let Some(expected) = results.iter().find_map(|r| r.expected.as_ref()) {
        groups.push(Group {
            members: vec![EXPECTED],
            key: OutcomeKey::Transcript(expected.as_str()),
            reasons: Vec::new(),
        });
    }
    for result in results {
        let key = OutcomeKey::of(&result.outcome);
        let at = match groups.iter().position(|g| g.key == key) {
            Some(at) => at,
            None => {
                groups.push(Group {
                    members: Vec::new(),
                    key,
                    reasons: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        group.members.push(result.engine.name());
        if let Some(reason) = result.reason() {
            group.reasons.push((result.engine.name(), reason));
        }
    }
    groups
}

/// Whether every engine of a run had the same outcome.
pub fn engines_agree(results: &[EngineResult]) -> bool {
    results
        .windows(2)
        .all(|w| OutcomeKey::of(&w[0].outcome) == OutcomeKey::of(&w[1].outcome))
}

/// One line saying how the engines of a run split, e.g. "all engines agree
/// with the golden", "mini alone differs", "engines split: boa | mini, node".
pub fn agreement_summary(groups: &[Group<'_>]) -> String {
    let engine_groups: Vec<Vec<&str>> = groups
        .iter()
        .map(|g| g.engines().collect::<Vec<_>>())
        .filter(|e| !e.is_empty())
        .collect();
    let engines: usize = engine_groups.iter().map(Vec::len).sum();
    let golden_known = groups.iter().any(Group::has_expected);
    let with_golden = groups
        .iter()
        .find(|g| g.has_expected())
        .map(|g| g.engines().count())
        .unwrap_or(0);
    // The kind shared by every engine when none completed.
    let incomplete = match groups.iter().find(|g| g.engines().next().is_some()) {
        Some(Group {
            key: OutcomeKey::Incomplete(kind),
            ..
        }) => Some(*kind),
        _ => None,
    };
    let alone = match engine_groups.as_slice() {
        [a, b] => odd_one_out(a, b, with_golden_group(groups), engines),
        _ => None,
    };
    match engine_groups.as_slice() {
        [] => "no engine ran".to_string(),
        [_] if incomplete.is_some() => {
            format!("every engine: {}", incomplete.unwrap_or_default())
        }
        [_] if !golden_known => "all engines agree (no golden)".to_string(),
        [_] if with_golden > 0 => "all engines agree with the golden".to_string(),
        [_] => "all engines agree, the golden differs".to_string(),
        [_, _] if alone.is_some() => {
            format!("{} alone differs", alone.unwrap_or_default())
        }
        _ => format!(
            "engines split: {}",
            engine_groups
                .iter()
                .map(|g| g.join(", "))
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    }
}

/// The engines that share the golden's outcome, when some do.
fn with_golden_group(groups: &[Group<'_>]) -> Option<Vec<&'static str>> {
    groups
        .iter()
        .find(|g| g.has_expected())
        .map(|g| g.engines().collect::<Vec<_>>())
        .filter(|engines| !engines.is_empty())
}

/// With engines split in two groups `a` and `b`: the single engine that
/// differs — from the others that match the golden, or, with no engine
/// matching it, from a majority of at least two.
fn odd_one_out(
    a: &[&'static str],
    b: &[&'static str],
    golden: Option<Vec<&'static str>>,
    engines: usize,
) -> Option<&'static str> {
    let other = match golden {
        Some(golden) if golden == a => b,
        Some(golden) if golden == b => a,
        _ if engines >= 3 && a.len() == 1 => a,
        _ if engines >= 3 && b.len() == 1 => b,
        _ => return None,
    };
    match other {
        [alone] => Some(alone),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::RunMode;
    use crate::run::Status;
    use crate::transcript::Transcript;
    use std::time::Duration;

    fn result(engine: EngineKind, outcome: Outcome, golden: Option<&str>) -> EngineResult {
        let expected = golden.map(Transcript::from_golden);
        let status = crate::run::classify(&outcome, expected.as_ref(), false);
        EngineResult {
            engine,
            status,
            outcome,
            expected,
            known: None,
            duration: Duration::ZERO,
        }
    }

    fn done(text: &str) -> Outcome {
        Outcome::completed(Transcript::from_golden(text))
    }

    fn timeout(reason: &str) -> Outcome {
        Outcome::Timeout {
            reason: reason.into(),
        }
    }

    #[test]
    fn groups_coalesce_identical_transcripts_with_the_golden_first() {
        let results = [
            result(EngineKind::Boa, done("1\n"), Some("1\n")),
            result(EngineKind::Mini, done("2\n"), Some("1\n")),
            result(EngineKind::Node, done("1\n"), Some("1\n")),
        ];
        let groups = agreement_groups(&results);
        let members: Vec<_> = groups.iter().map(|g| g.members.clone()).collect();
        assert_eq!(members, [vec!["expected", "boa", "node"], vec!["mini"]]);
        assert_eq!(groups[1].key, OutcomeKey::Transcript("2\n"));
        assert_eq!(agreement_summary(&groups), "mini alone differs");
        assert!(!engines_agree(&results));
    }

    #[test]
    fn incomplete_runs_group_by_kind_and_keep_each_reason() {
        let results = [
            result(
                EngineKind::Boa,
                timeout("wall-clock limit of 5 ms"),
                Some("1\n"),
            ),
            result(EngineKind::Mini, timeout("step limit"), Some("1\n")),
        ];
        let groups = agreement_groups(&results);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(groups[0].members, ["expected"]);
        assert_eq!(groups[1].members, ["boa", "mini"]);
        assert_eq!(groups[1].key, OutcomeKey::Incomplete("timeout"));
        assert_eq!(
            groups[1].reasons,
            [("boa", "wall-clock limit of 5 ms"), ("mini", "step limit")]
        );
        assert!(engines_agree(&results));
        assert_eq!(agreement_summary(&groups), "every engine: timeout");
    }

    #[test]
    fn summaries_name_how_engines_split() {
        let agree = [
            result(EngineKind::Boa, done("1\n"), Some("1\n")),
            result(EngineKind::Mini, done("1\n"), Some("1\n")),
        ];
        assert_eq!(
            agreement_summary(&agreement_groups(&agree)),
            "all engines agree with the golden"
        );
        let no_golden = [result(EngineKind::Mini, done("1\n"), None)];
        assert_eq!(
            agreement_summary(&agreement_groups(&no_golden)),
            "all engines agree (no golden)"
        );
        let two_ways = [
            result(EngineKind::Boa, done("1\n"), Some("1\n")),
            result(EngineKind::Mini, done("2\n"), Some("1\n")),
        ];
        assert_eq!(
            agreement_summary(&agreement_groups(&two_ways)),
            "mini alone differs",
            "boa matches the golden"
        );
        let neither = [
            result(EngineKind::Boa, done("1\n"), Some("0\n")),
            result(EngineKind::Mini, done("2\n"), Some("0\n")),
        ];
        assert_eq!(
            agreement_summary(&agreement_groups(&neither)),
            "engines split: boa | mini",
            "two engines and neither matches the golden: nobody is 'alone'"
        );
        let pair_differs = [
            result(EngineKind::Boa, done("1\n"), Some("1\n")),
            result(EngineKind::Mini, done("2\n"), Some("1\n")),
            result(EngineKind::Node, done("2\n"), Some("1\n")),
        ];
        assert_eq!(
            agreement_summary(&agreement_groups(&pair_differs)),
            "engines split: boa | mini, node"
        );
        let three_ways = [
            result(EngineKind::Boa, done("1\n"), Some("0\n")),
            result(EngineKind::Mini, done("2\n"), Some("0\n")),
            result(EngineKind::Node, timeout("t"), Some("0\n")),
        ];
        assert_eq!(
            agreement_summary(&agreement_groups(&three_ways)),
            "engines split: boa | mini | node"
        );
        assert_eq!(agreement_summary(&[]), "no engine ran");
    }

    #[test]
    fn matrix_counts_statuses_per_area_and_agreement_per_run() {
        use crate::run::{CaseRun, RunReport};
        let case = |id: &str| {
            let yaml = "description: d\nspec: [sec-getidentifierreference]\nsource: |\n  1;\n";
            crate::case::parse_case(
                yaml,
                id,
                std::path::Path::new("c.yaml"),
                std::path::Path::new("c.out"),
            )
            .expect("valid case")
        };
        let run = |results: Vec<EngineResult>| ModeRun {
            mode: RunMode::Sloppy,
            results,
            mini_vs_boa: None,
        };
        let report = RunReport {
            suite: ".".into(),
            // node ran nothing: its cells are still there, all zero.
            engines: vec![EngineKind::Boa, EngineKind::Mini, EngineKind::Node],
            limits: Default::default(),
            elapsed: Duration::ZERO,
            baseline: None,
            cases: vec![
                CaseRun {
                    case: case("a/one"),
                    runs: vec![run(vec![
                        result(EngineKind::Boa, done("1\n"), Some("1\n")),
                        result(EngineKind::Mini, done("2\n"), Some("1\n")),
                    ])],
                },
                CaseRun {
                    case: case("a/two"),
                    runs: vec![run(vec![
                        result(EngineKind::Boa, done("1\n"), Some("1\n")),
                        result(EngineKind::Mini, done("1\n"), Some("1\n")),
                    ])],
                },
                CaseRun {
                    case: case("b/three"),
                    runs: vec![run(vec![
                        result(EngineKind::Boa, timeout("t"), Some("1\n")),
                        result(EngineKind::Mini, done("1\n"), Some("1\n")),
                    ])],
                },
            ],
        };
        let matrix = matrix(&report);
        let a = &matrix.areas["a"];
        assert_eq!((a.runs, a.agreed), (2, 1));
        assert_eq!(a.counts[&EngineKind::Boa].get(Status::Pass), 2);
        assert_eq!(a.counts[&EngineKind::Mini].get(Status::Fail), 1);
        let b = &matrix.areas["b"];
        assert_eq!((b.runs, b.agreed), (1, 0));
        assert_eq!(b.counts[&EngineKind::Boa].get(Status::Timeout), 1);
        assert_eq!((matrix.total.runs, matrix.total.agreed), (3, 1));
        assert_eq!(matrix.total.counts[&EngineKind::Mini].passed(), 2);
        for row in [a, b, &matrix.total] {
            assert_eq!(row.counts.len(), 3, "every engine of the run has a cell");
            assert_eq!(row.counts[&EngineKind::Node], Counts::default());
        }
    }
}
