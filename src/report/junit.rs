//! JUnit XML (`--format junit`) for CI systems: one `<testsuite>` per area,
//! one `<testcase>` per (engine, case, mode) named like the test gate's
//! trials. `fail` and `fixed` are `<failure>`s (with the diff or the reason),
//! `timeout`, `limit` and `crash` are `<error>`s, `known` passes with the
//! reason in `<system-out>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Counts, Reporter};
use crate::case::{Case, RunMode};
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
    let mut by_area: BTreeMap<&str, Vec<(&Case, RunMode, &EngineResult)>> = BTreeMap::new();
    for (case, run, result) in report.results() {
        by_area
            .entry(&case.area)
            .or_default()
            .push((case, run.mode, result));
    }
    let mut total = Counts::default();
    let mut suites = String::new();
    for (area, results) in &by_area {
        let mut counts = Counts::default();
        let mut time = 0.0;
        let mut body = String::new();
        for (case, mode, result) in results {
            counts.add(result.status);
            time += result.duration.as_secs_f64();
            body.push_str(&testcase(case, *mode, result));
        }
        let errors = errors(&counts);
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{errors}\" skipped=\"0\" time=\"{time:.3}\">",
            escape(area),
            counts.total(),
            counts.failed() - errors,
        );
        suites.push_str(&body);
        suites.push_str("  </testsuite>\n");
        for status in Status::ALL {
            for _ in 0..counts.get(status) {
                total.add(status);
            }
        }
    }
    let errors = errors(&total);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"lexenv\" tests=\"{}\" failures=\"{}\" errors=\"{errors}\" time=\"{:.3}\">\n\
         {suites}</testsuites>\n",
        total.total(),
        total.failed() - errors,
        report.elapsed.as_secs_f64(),
    )
}

/// Runs that did not complete: JUnit's "errors".
fn errors(counts: &Counts) -> usize {
    counts.get(Status::Timeout) + counts.get(Status::Limit) + counts.get(Status::Crash)
}

fn testcase(case: &Case, mode: RunMode, result: &EngineResult) -> String {
    let mut xml = format!(
        "    <testcase classname=\"{}.{}\" name=\"{}\" file=\"{}\" time=\"{:.3}\"",
        result.engine,
        escape(&case.area),
        escape(&trial_name(result.engine, case, mode)),
        escape(&case.path.display().to_string()),
        result.duration.as_secs_f64(),
    );
    let body = match result.status {
        Status::Pass => String::new(),
        Status::Known => format!(
            "      <system-out>known divergence: {}</system-out>\n",
            escape(result.known.as_deref().unwrap_or_default())
        ),
        Status::Fail => {
            let diff = result.diff().unwrap_or_default();
            let message = if result.expected.is_none() {
                format!("no golden file {}", case.expected_path.display())
            } else {
                "the transcript differs from the golden file".to_string()
            };
            format!(
                "      <failure type=\"fail\" message=\"{}\">{}</failure>\n",
                escape(&message),
                escape(&diff)
            )
        }
        Status::Fixed => format!(
            "      <failure type=\"fixed\" message=\"{}\"/>\n",
            escape(&format!(
                "known.{} no longer diverges: remove it from {}",
                result.engine,
                case.path.display()
            ))
        ),
        Status::Timeout | Status::Limit | Status::Crash => format!(
            "      <error type=\"{}\" message=\"{}\"/>\n",
            result.status,
            escape(result.reason().unwrap_or_default())
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
