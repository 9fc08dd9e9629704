//! Tests of the baseline loader (every error kind) and of the comparison's
//! classification, on hand-built reports.

use std::path::Path;

use super::*;
use crate::case::Mode;
use crate::engine::EngineKind;
use crate::report::fixtures::report;

fn baseline(json: &str) -> Baseline {
    Baseline::parse(Path::new("old.json"), json).unwrap_or_else(|e| panic!("{e}"))
}

fn error(json: &str) -> String {
    match Baseline::parse(Path::new("old.json"), json) {
        Ok(b) => panic!("expected an error, loaded {b:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_report_loads_with_its_statuses_and_ignores_other_fields() {
    let old = baseline(
        r#"{ "suite": ".", "engines": ["mini"], "ok": true, "future": 1,
             "cases": [ { "id": "a/one", "mode": "sloppy", "area": "a",
                          "results": { "mini": { "status": "known", "diff": null } } } ] }"#,
    );
    assert_eq!(old.engines, ["mini"]);
    let key = ("a/one".to_string(), "sloppy".to_string());
    assert_eq!(old.statuses[&key]["mini"], Status::Known);
}

#[test]
fn text_that_is_not_json_names_the_file_line_and_column() {
    let message = error("{\n  \"engines\": [\"mini\"],\n  oops\n}");
    assert!(
        message.starts_with("old.json:3:3: the baseline is not JSON: key must be a string"),
        "{message}"
    );
    let message = error("");
    assert!(
        message.contains("old.json:1:0: the baseline is not JSON: EOF"),
        "{message}"
    );
}

#[test]
fn json_that_is_not_a_report_says_so() {
    for (json, detail) in [
        ("[1, 2]", "old.json: the top level is not an object"),
        (r#"{"cases": []}"#, "old.json:1:13: missing field `engines`"),
        (r#"{"engines": ["mini"]}"#, "missing field `cases`"),
        (
            r#"{"engines": [], "cases": [{"id": "a/b", "mode": "sloppy",
                "results": {"mini": {"status": "passed"}}}]}"#,
            "unknown variant `passed`",
        ),
        (
            r#"{"engines": [], "cases": [{"id": "a/b", "mode": "loose", "results": {}}]}"#,
            "old.json: case `a/b` has mode `loose`",
        ),
    ] {
        let message = error(json);
        assert!(message.contains(detail), "{json}: {message}");
        assert!(
            message.contains("the baseline is not a lexenv JSON report"),
            "{json}: {message}"
        );
    }
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let message = Baseline::load(Path::new("/nonexistent/old.json"))
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("cannot read the baseline /nonexistent/old.json:"),
        "{message}"
    );
}

#[test]
fn runs_are_classified_per_engine() {
    use Status::*;
    let old = baseline(
        r#"{ "engines": ["mini", "node"], "cases": [
          { "id": "a/regress", "mode": "sloppy", "results": { "mini": { "status": "pass" } } },
          { "id": "a/known-regress", "mode": "sloppy", "results": { "mini": { "status": "known" } } },
          { "id": "a/fix", "mode": "sloppy", "results": { "mini": { "status": "timeout" } } },
          { "id": "a/change", "mode": "sloppy", "results": { "mini": { "status": "fail" } } },
          { "id": "a/same", "mode": "sloppy", "results": { "mini": { "status": "pass" } } },
          { "id": "a/gone", "mode": "sloppy", "results": { "mini": { "status": "pass" } } },
          { "id": "b/both", "mode": "sloppy", "results": { "mini": { "status": "pass" } } },
          { "id": "b/both", "mode": "strict", "results": { "mini": { "status": "pass" } } }
        ] }"#,
    );
    let new = report(
        &[EngineKind::Mini],
        &[
            ("a/change", Mode::Sloppy, &[Timeout]),
            ("a/fix", Mode::Sloppy, &[Pass]),
            ("a/known-regress", Mode::Sloppy, &[Fixed]),
            ("a/new", Mode::Sloppy, &[Fail]),
            ("a/regress", Mode::Sloppy, &[Fail]),
            ("a/same", Mode::Sloppy, &[Pass]),
            ("b/both", Mode::Both, &[Pass, Crash]),
        ],
    );
    let comparison = Comparison::new(&old, &new);
    assert_eq!(comparison.only_in_baseline, ["node"]);
    let [mini] = &comparison.engines[..] else {
        panic!("{comparison:?}")
    };
    let names = |changes: &[Change]| -> Vec<(String, Option<Status>, Option<Status>)> {
        changes
            .iter()
            .map(|c| (c.trial.clone(), c.before, c.after))
            .collect()
    };
    assert_eq!(
        names(&mini.regressions),
        [
            ("mini::a/known-regress".into(), Some(Known), Some(Fixed)),
            ("mini::a/regress".into(), Some(Pass), Some(Fail)),
            ("mini::b/both::strict".into(), Some(Pass), Some(Crash)),
        ]
    );
    assert_eq!(
        names(&mini.fixed),
        [("mini::a/fix".into(), Some(Timeout), Some(Pass))]
    );
    assert_eq!(
        names(&mini.changed),
        [("mini::a/change".into(), Some(Fail), Some(Timeout))]
    );
    assert_eq!(names(&mini.new), [("mini::a/new".into(), None, Some(Fail))]);
    assert_eq!(
        names(&mini.removed),
        [("mini::a/gone".into(), Some(Pass), None)]
    );
    assert_eq!(mini.unchanged, 2, "a/same and b/both::sloppy");
    assert_eq!(mini.regressions[2].name(), "b/both::strict");
    assert_eq!(mini.regressions[2].mode, "strict");
    assert_eq!(
        (comparison.regression_count(), comparison.fixed_count()),
        (3, 1)
    );
    assert!(comparison.has_regressions());
}

#[test]
fn an_engine_the_baseline_did_not_run_is_not_compared() {
    let old = baseline(r#"{ "engines": ["boa"], "cases": [] }"#);
    let new = report(
        &[EngineKind::Mini],
        &[("a/one", Mode::Sloppy, &[Status::Fail])],
    );
    let comparison = Comparison::new(&old, &new);
    let mini = &comparison.engines[0];
    assert!(!mini.in_baseline);
    assert!(mini.new.is_empty() && mini.regressions.is_empty());
    assert_eq!(comparison.only_in_baseline, ["boa"]);
    assert!(!comparison.has_regressions());
}
