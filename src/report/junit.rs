//! JUnit XML (`--format junit`) for CI systems: one `<testsuite>` per
//! engine, one `<testcase>` per (case, mode) named like the test gate's
//! trials. `fail` and `fixed` are `<failure>`s, `timeout`, `limit` and
//! `crash` are `<error>`s, each holding the plain-text divergence report;
//! `known` is `<skipped>` with its reason. The counts on `<testsuites>` and
//! `<testsuite>` are the JSON summary's (`failures` + `errors` = `failed`,
//! `skipped` = `known`). A `--baseline` comparison is each testsuite's
//! `<properties>`.

use super::escape_markup as escape;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::baseline::Comparison;
use super::pretty::divergence;
use super::{Counts, Reporter, Style, counts_by_engine};
use crate::case::{Case, RunMode};
use crate::engine::EngineKind;
use crate::run::{EngineResult, RunReport, Status, trial_name};

pub struct JunitReporter;

impl Reporter for JunitReporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(to_xml(report).as_bytes())
    }
}

fn to_xml(report: &RunReport) -> String {
    let mut by_engine: BTreeMap<EngineKind, Vec<(&Case, RunMode, &EngineResult)>> = report
        .engines
        .iter()
        .map(|&engine| (engine, Vec::new()))
        .collect();
    for (case, run, result) in report.results() {
        by_engine
            .entry(result.engine)
            .or_default()
            .push((case, run.mode, result));
    }
    let regressed: BTreeMap<&str, Status> = report
        .baseline
        .iter()
        .flat_map(|c| &c.engines)
        .flat_map(|e| &e.regressions)
        .filter_map(|change| Some((change.trial.as_str(), change.before?)))
        .collect();
    let counts = counts_by_engine(report);
    let total: Counts = counts.values().copied().sum();
    let mut suites = String::new();
    for (engine, results) in &by_engine {
        let mut time = 0.0;
        let mut body = String::new();
        for (case, mode, result) in results {
            time += result.duration.as_secs_f64();
            let trial = trial_name(result.engine, case, *mode);
            let was = regressed.get(trial.as_str()).copied();
            body.push_str(&testcase(case, *mode, result, was));
        }
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{engine}\" {} time=\"{time:.3}\">",
            count_attributes(&counts.get(engine).copied().unwrap_or_default())
        );
        if let Some(comparison) = &report.baseline {
            suites.push_str(&baseline_properties(comparison, engine.name()));
        }
        suites.push_str(&body);
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"lexenv\" {} time=\"{:.3}\">\n\
         {suites}</testsuites>\n",
        count_attributes(&total),
        report.elapsed.as_secs_f64(),
    )
}

/// `tests`, `failures` (fail, fixed), `errors` (timeout, limit, crash) and
/// `skipped` (known): the JSON summary's `total`, `failed` split in two,
/// and `known`.
fn count_attributes(counts: &Counts) -> String {
    let errors = errors(counts);
    format!(
        "tests=\"{}\" failures=\"{}\" errors=\"{errors}\" skipped=\"{}\"",
        counts.total(),
        counts.failed() - errors,
        counts.known()
    )
}

/// Runs that did not complete: JUnit's "errors".
fn errors(counts: &Counts) -> usize {
    counts.get(Status::Timeout) + counts.get(Status::Limit) + counts.get(Status::Crash)
}

/// The `--baseline` comparison of one engine as testsuite properties.
fn baseline_properties(comparison: &Comparison, engine: &str) -> String {
    let mut xml = String::from("    <properties>\n");
    let mut property = |name: &str, value: &str| {
        let _ = writeln!(
            xml,
            "      <property name=\"{}\" value=\"{}\"/>",
            escape(name),
            escape(value)
        );
    };
    property("baseline", &comparison.path);
    match comparison.engines.iter().find(|e| e.engine == engine) {
        Some(compared) if compared.in_baseline => {
            property("baseline.compared", "true");
            for (name, changes) in [
                ("regressions", &compared.regressions),
                ("fixed", &compared.fixed),
                ("changed", &compared.changed),
                ("new", &compared.new),
                ("removed", &compared.removed),
            ] {
                property(&format!("baseline.{name}"), &changes.len().to_string());
            }
            property("baseline.unchanged", &compared.unchanged.to_string());
            for (name, changes) in [
                ("regression", &compared.regressions),
                ("fix", &compared.fixed),
            ] {
                for change in changes {
                    let status = |s: Option<Status>| s.map_or("-", Status::name);
                    property(
                        &format!("baseline.{name}"),
                        &format!(
                            "{}: {} -> {}",
                            change.name(),
                            status(change.before),
                            status(change.after)
                        ),
                    );
                }
            }
        }
        _ => property("baseline.compared", "false"),
    }
    xml.push_str("    </properties>\n");
    xml
}

/// One run: `fail`/`fixed` are `<failure>`s and `timeout`/`limit`/`crash`
/// `<error>`s, each holding the plain-text divergence report; `known` is
/// `<skipped>` with its reason. `was`: its status in the baseline, when
/// this run is a regression.
fn testcase(case: &Case, mode: RunMode, result: &EngineResult, was: Option<Status>) -> String {
    let mut xml = format!(
        "    <testcase classname=\"{}.{}\" name=\"{}\" file=\"{}\" time=\"{:.3}\"",
        result.engine,
        escape(&case.area),
        escape(&trial_name(result.engine, case, mode)),
        escape(&case.path.display().to_string()),
        result.duration.as_secs_f64(),
    );
    let regression = was
        .map(|was| format!(" (regression: {was} in the baseline)"))
        .unwrap_or_default();
    let report = || escape(&divergence(case, mode, result, Style::PLAIN));
    let body = match result.status {
        Status::Pass => String::new(),
        Status::Known => format!(
            "      <skipped message=\"{}\"/>\n",
            escape(&format!(
                "known divergence: {}",
                result.known.as_deref().unwrap_or_default()
            ))
        ),
        Status::Fail | Status::Fixed => {
            let message = if result.status == Status::Fixed {
                format!(
                    "known.{} no longer diverges: remove it from {}",
                    result.engine,
                    case.path.display()
                )
            } else if result.expected.is_none() {
                format!("no golden file {}", case.expected_path.display())
            } else {
                "the transcript differs from the golden file".to_string()
            };
            format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                result.status,
                escape(&format!("{message}{regression}")),
                report()
            )
        }
        Status::Timeout | Status::Limit | Status::Crash => format!(
            "      <error type=\"{}\" message=\"{}\">{}</error>\n",
            result.status,
            escape(&format!(
                "{}{regression}",
                result.reason().unwrap_or_default()
            )),
            report()
        ),
    };
    if body.is_empty() {
        xml.push_str("/>\n");
    } else {
        xml.push_str(">\n");
        xml.push_str(&body);
        xml.push_str("    </testcase>\n");
    }
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Mode;
    use crate::report::baseline::{Baseline, Comparison};
    use crate::report::fixtures::report;

    #[test]
    fn escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(escape("x\u{1}y\tz\n"), "x\\u{1}y\tz\n");
    }

    /// `tests`, `failures`, `errors` and `skipped` of a testsuite(s) node.
    fn counts(node: roxmltree::Node) -> Vec<String> {
        ["tests", "failures", "errors", "skipped"]
            .into_iter()
            .map(|name| node.attribute(name).unwrap_or("missing").to_string())
            .collect()
    }

    #[test]
    fn every_status_is_counted_like_the_json_summary() {
        use Status::*;
        let report = report(
            &[EngineKind::Boa, EngineKind::Mini],
            &[
                ("a/pass", Mode::Sloppy, &[Pass]),
                ("a/fail", Mode::Sloppy, &[Fail]),
                ("a/known", Mode::Sloppy, &[Known]),
                ("a/fixed", Mode::Sloppy, &[Fixed]),
                ("b/limit", Mode::Sloppy, &[Limit]),
                ("b/both", Mode::Both, &[Timeout, Crash]),
            ],
        );
        let xml = to_xml(&report);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let root = doc.root_element();
        let expected = |n: usize| {
            let n = |k: usize| (k * n).to_string();
            vec![n(7), n(2), n(3), n(1)]
        };
        assert_eq!(counts(root), expected(2));
        let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(suites.len(), 2);
        for (suite, engine) in suites.iter().zip(["boa", "mini"]) {
            assert_eq!(suite.attribute("name"), Some(engine));
            assert_eq!(counts(*suite), expected(1));
            let counts = counts_by_engine_of(&report, engine);
            assert_eq!(
                counts.failed(),
                5,
                "failures + errors = the summary's failed"
            );
            assert_eq!(counts.known(), 1, "skipped = the summary's known");
        }
        let testcase = |name: &str| {
            doc.descendants()
                .find(|n| n.attribute("name") == Some(name))
                .unwrap_or_else(|| panic!("{name} in {xml}"))
        };
        let only_child = |name: &str| {
            let children: Vec<_> = testcase(name)
                .children()
                .filter(|n| n.is_element())
                .collect();
            assert_eq!(children.len(), 1, "{name}: {xml}");
            children[0]
        };
        let skipped = only_child("mini::a/known");
        assert_eq!(skipped.tag_name().name(), "skipped");
        assert_eq!(
            skipped.attribute("message"),
            Some("known divergence: a reason")
        );
        let fixed = only_child("mini::a/fixed");
        assert_eq!(
            (fixed.tag_name().name(), fixed.attribute("type")),
            ("failure", Some("fixed"))
        );
        assert!(
            fixed
                .text()
                .unwrap_or_default()
                .contains("Remove `known.mini`"),
            "{xml}"
        );
        let limit = only_child("boa::b/limit");
        assert_eq!(
            (limit.tag_name().name(), limit.attribute("type")),
            ("error", Some("limit"))
        );
        assert_eq!(limit.attribute("message"), Some("heap limit"));
        assert_eq!(
            only_child("boa::b/both::strict").attribute("type"),
            Some("crash")
        );
        assert!(testcase("mini::a/pass").children().all(|n| !n.is_element()));
    }

    fn counts_by_engine_of(report: &RunReport, engine: &str) -> Counts {
        counts_by_engine(report)
            .into_iter()
            .find(|(e, _)| e.name() == engine)
            .map(|(_, c)| c)
            .unwrap_or_default()
    }

    #[test]
    fn the_baseline_is_each_testsuite_s_properties() {
        let old = Baseline::parse(
            std::path::Path::new("old.json"),
            r#"{"engines": ["mini"], "cases": [
                {"id": "a/one", "mode": "sloppy", "results": {"mini": {"status": "pass"}}}]}"#,
        )
        .expect("a baseline");
        let mut new = report(
            &[EngineKind::Boa, EngineKind::Mini],
            &[("a/one", Mode::Sloppy, &[Status::Fail])],
        );
        new.baseline = Some(Comparison::new(&old, &new));
        let xml = to_xml(&new);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let properties = |suite: &str| -> Vec<(String, String)> {
            doc.descendants()
                .find(|n| n.has_tag_name("testsuite") && n.attribute("name") == Some(suite))
                .into_iter()
                .flat_map(|s| s.descendants())
                .filter(|n| n.has_tag_name("property"))
                .map(|n| {
                    let get = |a| n.attribute(a).unwrap_or_default().to_string();
                    (get("name"), get("value"))
                })
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            properties("boa"),
            [
                pair("baseline", "old.json"),
                pair("baseline.compared", "false")
            ]
        );
        let mini = properties("mini");
        assert!(
            mini.contains(&pair("baseline.regressions", "1")),
            "{mini:?}"
        );
        assert!(
            mini.contains(&pair("baseline.regression", "a/one: pass -> fail")),
            "{mini:?}"
        );
        assert!(
            xml.contains("message=\"the transcript differs from the golden file (regression: pass in the baseline)\""),
            "{xml}"
        );
    }
}
