//! The JSON report (`--format json`): DESIGN §5's shape plus the fields a
//! tool needs to act on a result, and the `--baseline` comparison. Every field is documented in README.md
//! ("JSON report"); keep the two in step.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::baseline::{Comparison, EngineComparison};
use super::{Counts, Reporter, counts_by_engine};
use crate::engine::Limits;
use crate::run::{RunReport, Status};
use crate::spec::ClauseTable;

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let json = to_json(report);
        serde_json::to_writer_pretty(&mut *out, &json).map_err(io::Error::other)?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    suite: String,
    engines: Vec<&'static str>,
    ok: bool,
    limits: &'a Limits,
    elapsed_ms: u128,
    summary: BTreeMap<&'static str, JsonCounts>,
    mini_vs_boa: usize,
    cases: Vec<JsonCase<'a>>,
    /// The comparison with `--baseline`, null without one.
    baseline: Option<JsonBaseline<'a>>,
}

#[derive(Serialize)]
struct JsonBaseline<'a> {
    path: &'a str,
    regressions: usize,
    fixed: usize,
    engines: BTreeMap<&'a str, &'a EngineComparison>,
    only_in_baseline: &'a [String],
}

#[derive(Serialize)]
struct JsonCounts {
    total: usize,
    passed: usize,
    failed: usize,
    known: usize,
    statuses: BTreeMap<&'static str, usize>,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    id: &'a str,
    area: &'a str,
    mode: &'static str,
    description: &'a str,
    spec: Vec<JsonClause<'a>>,
    path: String,
    expected_path: String,
    results: BTreeMap<&'static str, JsonResult<'a>>,
    mini_vs_boa: Option<JsonDisagreement<'a>>,
}

#[derive(Serialize)]
struct JsonClause<'a> {
    id: &'a str,
    number: Option<&'a str>,
    title: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonResult<'a> {
    status: Status,
    transcript: Option<&'a str>,
    expected: Option<&'a str>,
    diff: Option<String>,
    reason: Option<&'a str>,
    notes: &'a [String],
    known: Option<&'a str>,
    time_ms: u128,
}

#[derive(Serialize)]
struct JsonDisagreement<'a> {
    detail: &'a str,
    diff: Option<&'a str>,
}

fn counts_json(counts: &Counts) -> JsonCounts {
    JsonCounts {
        total: counts.total(),
        passed: counts.passed(),
        failed: counts.failed(),
        known: counts.known(),
        statuses: Status::ALL
            .into_iter()
            .map(|s| (s.name(), counts.get(s)))
            .collect(),
    }
}

fn baseline_json(comparison: &Comparison) -> JsonBaseline<'_> {
    JsonBaseline {
        path: &comparison.path,
        regressions: comparison.regression_count(),
        fixed: comparison.fixed_count(),
        engines: comparison
            .engines
            .iter()
            .map(|e| (e.engine.as_str(), e))
            .collect(),
        only_in_baseline: &comparison.only_in_baseline,
    }
}

fn to_json(report: &RunReport) -> JsonReport<'_> {
    let table = ClauseTable::builtin();
    let mut cases = Vec::new();
    let mut disagreements = 0;
    for case_run in &report.cases {
        let case = &case_run.case;
        for run in &case_run.runs {
            disagreements += usize::from(run.mini_vs_boa.is_some());
            let results = run
                .results
                .iter()
                .map(|r| {
                    let result = JsonResult {
                        status: r.status,
                        transcript: r.outcome.transcript().map(|t| t.as_str()),
                        expected: r.expected.as_ref().map(|t| t.as_str()),
                        diff: r.diff(),
                        reason: r.reason(),
                        notes: r.notes(),
                        known: r.known.as_deref(),
                        time_ms: r.duration.as_millis(),
                    };
                    (r.engine.name(), result)
                })
                .collect();
            let spec = case
                .spec
                .iter()
                .map(|id| {
                    let clause = table.get(id);
                    JsonClause {
                        id,
                        number: clause.map(|c| c.number.as_str()).filter(|n| !n.is_empty()),
                        title: clause.map(|c| c.title.as_str()),
                    }
                })
                .collect();
            cases.push(JsonCase {
                id: &case.id,
                area: &case.area,
                mode: run.mode.name(),
                description: &case.description,
                spec,
                path: case.path.display().to_string(),
                expected_path: case.expected_path.display().to_string(),
                results,
                mini_vs_boa: run.mini_vs_boa.as_ref().map(|d| JsonDisagreement {
                    detail: &d.detail,
                    diff: d.diff.as_deref(),
                }),
            });
        }
    }
    JsonReport {
        suite: report.suite.display().to_string(),
        engines: report.engines.iter().map(|e| e.name()).collect(),
        ok: report.is_ok(),
        limits: &report.limits,
        elapsed_ms: report.elapsed.as_millis(),
        summary: counts_by_engine(report)
            .iter()
            .map(|(e, c)| (e.name(), counts_json(c)))
            .collect(),
        mini_vs_boa: disagreements,
        cases,
        baseline: report.baseline.as_ref().map(baseline_json),
    }
}
