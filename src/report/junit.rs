//! JUnit XML (`--format junit`) for CI systems: one `<testsuite>` per
//! engine, one `<testcase>` per (case, mode) named like the test gate's
//! trials. `fail` and `fixed` are `<failure>`s, `timeout`, `limit` and
//! `crash` are `<error>`s, each holding the plain-text divergence report;
//! `known` is `<skipped>` with its reason. The counts on `<testsuites>` and
//! `<testsuite>` are the JSON summary's (`failures` + `errors` = `failed`,
//! `skipped` = `known`). A `--baseline` comparison is each testsuite's
//! `<properties>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::baseline::Comparison;
use super::pretty::divergence;
use super::{Counts, Reporter, Style};
use crate::case::{Case, RunMode};
use crate::engine::EngineKind;
use crate::run::{EngineResult, RunReport, Status, trial_name};

pub struct JunitReporter;

impl Reporter for JunitReporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(to_xml(report).as_bytes())
    }
}

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// cannot carry at all (most control characters) are written as `\u{..}`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
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
    let mut total = Counts::default();
    let mut suites = String::new();
    for (engine, results) in &by_engine {
        let mut counts = Counts::default();
        let mut time = 0.0;
        let mut body = String::new();
        for (case, mode, result) in results {
            counts.add(result.status);
            total.add(result.status);
            time += result.duration.as_secs_f64();
            let trial = trial_name(result.engine, case, *mode);
            let was = regressed.get(trial.as_str()).copied();
            body.push_str(&testcase(case, *mode, result, was));
        }
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{engine}\" {} time=\"{time:.3}\">",
            count_attributes(&counts)
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
    use super::escape;

    #[test]
    fn escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("x\u{1}y\tz\n"), "x\\u{1}y\tz\n");
    }
}
