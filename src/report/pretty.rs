//! The terminal report: a divergence report for every failing run (case id,
//! description, spec clauses with number and title, the numbered source with
//! the lines that may print a changed line marked, the unified diff expected
//! → actual, the commands that rerun just that run), where `mini` and `boa`
//! disagree, the `--baseline` comparison, a summary table per area and
//! engine, and a one-line verdict.

mod source;

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use super::baseline::Comparison;
use super::{Counts, Reporter, Style, counts_by_area, counts_by_engine};
use crate::case::{Case, RunMode};
use crate::engine::EngineKind;
use crate::run::{EngineResult, RunReport, Status, trial_name};
use crate::spec::ClauseTable;

pub struct PrettyReporter {
    pub style: Style,
}

impl Reporter for PrettyReporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let style = self.style;
        for (case, run, result) in report.results() {
            if result.status.is_failure() {
                write!(out, "{}", divergence(case, run.mode, result, style))?;
                let regression = report.baseline.as_ref().and_then(|c| {
                    let trial = trial_name(result.engine, case, run.mode);
                    c.engines
                        .iter()
                        .flat_map(|e| &e.regressions)
                        .find(|change| change.trial == trial)
                });
                if let Some(before) = regression.and_then(|change| change.before) {
                    writeln!(
                        out,
                        "{}{}",
                        style.bold(&format!("{:<LABEL_WIDTH$}", "baseline:")),
                        style.red(&format!("regression (was {before})"))
                    )?;
                }
                writeln!(
                    out,
                    "{}",
                    rerun(&report.suite, case, run.mode, result, style)
                )?;
            }
        }
        let disagreements: Vec<_> = report
            .cases
            .iter()
            .flat_map(|c| c.runs.iter().map(move |r| (&c.case, r)))
            .filter_map(|(case, run)| run.mini_vs_boa.as_ref().map(|d| (case, run.mode, d)))
            .collect();
        if !disagreements.is_empty() {
            writeln!(out, "{}", style.bold("mini and boa disagree:"))?;
            for (case, mode, d) in disagreements {
                let id = if case.mode.run_modes().len() > 1 {
                    format!("{}::{}", case.id, mode.name())
                } else {
                    case.id.clone()
                };
                writeln!(out, "  {id}: {}", d.detail)?;
            }
            writeln!(out)?;
        }
        if let Some(comparison) = &report.baseline {
            writeln!(out, "{}", baseline_section(comparison, style))?;
        }
        write!(out, "{}", summary_table(report, style))?;
        writeln!(out, "{}", closing_line(report, style))
    }
}

/// Width of the labels ("description: ") in a divergence report.
const LABEL_WIDTH: usize = 13;

/// The divergence report for one failing run: what a failing test prints.
pub fn divergence(case: &Case, mode: RunMode, result: &EngineResult, style: Style) -> String {
    let mut text = String::new();
    let title = format!(
        "── {} {} ──",
        result.status.name().to_uppercase(),
        trial_name(result.engine, case, mode)
    );
    let title = if result.status.is_failure() {
        style.red(&title)
    } else {
        style.yellow(&title)
    };
    let _ = writeln!(text, "{}", style.bold(&title));
    let label = |name: &str| style.bold(&format!("{name:<LABEL_WIDTH$}"));
    let _ = writeln!(text, "{}{}", label("case:"), case.path.display());
    if mode == RunMode::Strict {
        let _ = writeln!(
            text,
            "{}strict (run with \"use strict\"; prepended)",
            label("mode:")
        );
    }
    let _ = writeln!(
        text,
        "{}{}",
        label("description:"),
        indent_rest(&case.description, LABEL_WIDTH)
    );
    let table = ClauseTable::builtin();
    for (i, id) in case.spec.iter().enumerate() {
        let name = if i == 0 {
            label("spec:")
        } else {
            " ".repeat(LABEL_WIDTH)
        };
        match table.get(id) {
            Some(clause) => {
                let _ = writeln!(text, "{name}{clause} {}", style.dim(&format!("(#{id})")));
            }
            None => {
                let _ = writeln!(text, "{name}{id}");
            }
        }
    }
    let diff = result.diff().unwrap_or_default();
    let (source, marked) = source::excerpt(case, &source::changed_lines(&diff), style);
    if marked {
        let _ = writeln!(
            text,
            "{} {}",
            style.bold("source:"),
            style.dim("(› may print a changed line)")
        );
    } else {
        let _ = writeln!(text, "{}", style.bold("source:"));
    }
    text.push_str(&source);
    if let Some(known) = &result.known {
        let _ = writeln!(
            text,
            "{}{}",
            label(&format!("known.{}:", result.engine)),
            known
        );
    }
    match result.status {
        Status::Fixed => {
            let _ = writeln!(
                text,
                "{} now matches the golden transcript: the known divergence is fixed. \
                 Remove `known.{}` from {}.",
                result.engine,
                result.engine,
                case.path.display()
            );
        }
        _ => explain_outcome(&mut text, case, result, style),
    }
    let notes = result.notes();
    if !notes.is_empty() {
        let _ = writeln!(text, "{}", style.bold("notes:"));
        for note in notes {
            let _ = writeln!(text, "  - {note}");
        }
    }
    text
}

fn explain_outcome(text: &mut String, case: &Case, result: &EngineResult, style: Style) {
    if let Some(reason) = result.reason() {
        let _ = writeln!(
            text,
            "{}{}: {reason}",
            style.bold(&format!("{:<LABEL_WIDTH$}", "outcome:")),
            result.status.name()
        );
        return;
    }
    if result.expected.is_none() {
        let _ = writeln!(
            text,
            "no golden file {}: write it with `lexenv bless {}` (then read it against the spec)",
            case.expected_path.display(),
            case.id
        );
    }
    if let Some(diff) = result.diff() {
        let _ = writeln!(
            text,
            "{} {} → {}",
            style.bold("diff:"),
            case.expected_path.display(),
            result.engine
        );
        text.push_str(&style.diff(&diff));
    }
}

/// The commands that rerun just this (case, engine): `lexenv run --exact`
/// (so a case whose id extends this one is left out; with `--suite` unless
/// it is the current folder) and, for the project's own suite, the gate's
/// trial.
pub fn rerun(
    suite: &Path,
    case: &Case,
    mode: RunMode,
    result: &EngineResult,
    style: Style,
) -> String {
    let mut command = format!(
        "lexenv run {} --exact --engine {}",
        shell_word(&case.id),
        result.engine
    );
    if suite != Path::new(".") {
        let _ = write!(
            command,
            " --suite {}",
            shell_word(&suite.display().to_string())
        );
    }
    let mut text = format!(
        "{}{command}\n",
        style.bold(&format!("{:<LABEL_WIDTH$}", "rerun:"))
    );
    if suite == Path::new(".") {
        let _ = writeln!(
            text,
            "{}cargo test --test conformance -- --exact {}",
            " ".repeat(LABEL_WIDTH),
            shell_word(&trial_name(result.engine, case, mode))
        );
    }
    text
}

/// `word` quoted for a POSIX shell when it needs quoting.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// How many entries of the longer lists (changed, new, removed) the
/// baseline section shows; regressions and fixes are always all shown.
const LISTED: usize = 20;

/// "compared with the baseline old.json:" and, per engine, its regressions,
/// fixes, other changes, new and removed runs.
pub fn baseline_section(comparison: &Comparison, style: Style) -> String {
    let mut text = format!(
        "{}\n",
        style.bold(&format!("compared with the baseline {}:", comparison.path))
    );
    let status = |s: Option<Status>| s.map_or_else(|| "-".to_string(), |s| style.status(s));
    for engine in &comparison.engines {
        if !engine.in_baseline {
            let _ = writeln!(
                text,
                "  {}: not in the baseline (not compared)",
                engine.engine
            );
            continue;
        }
        let _ = writeln!(
            text,
            "  {}: {}, {} fixed, {} changed, {} new, {} removed, {} unchanged",
            engine.engine,
            plural(engine.regressions.len(), "regression"),
            engine.fixed.len(),
            engine.changed.len(),
            engine.new.len(),
            engine.removed.len(),
            engine.unchanged
        );
        let width = [
            &engine.regressions,
            &engine.fixed,
            &engine.changed,
            &engine.new,
            &engine.removed,
        ]
        .iter()
        .flat_map(|list| list.iter().take(LISTED))
        .map(|c| c.name().len())
        .max()
        .unwrap_or(0);
        for (label, list, limit) in [
            ("regression", &engine.regressions, usize::MAX),
            ("fixed", &engine.fixed, usize::MAX),
            ("changed", &engine.changed, LISTED),
            ("new", &engine.new, LISTED),
            ("removed", &engine.removed, LISTED),
        ] {
            let shown_label = format!("{label:<10}");
            let shown_label = if label == "regression" {
                style.red(&shown_label)
            } else if label == "fixed" {
                style.green(&shown_label)
            } else {
                shown_label
            };
            for change in list.iter().take(limit) {
                let transition = match (change.before, change.after) {
                    (Some(_), Some(_)) => {
                        format!("{} → {}", status(change.before), status(change.after))
                    }
                    (None, after) => status(after),
                    (before, None) => format!("was {}", status(before)),
                };
                let _ = writeln!(
                    text,
                    "    {shown_label}  {:<width$}  {transition}",
                    change.name()
                );
            }
            if list.len() > limit {
                let _ = writeln!(
                    text,
                    "    {}",
                    style.dim(&format!(
                        "… and {} more {label} (all are in --format json)",
                        list.len() - limit
                    ))
                );
            }
        }
    }
    for engine in &comparison.only_in_baseline {
        let _ = writeln!(text, "  {engine}: only in the baseline (not compared)");
    }
    text
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The case source with line numbers as they are in the YAML file.
pub fn numbered_source(case: &Case, style: Style) -> String {
    let lines: Vec<&str> = case.source.lines().collect();
    let last = case.source_line + lines.len().saturating_sub(1);
    let width = last.to_string().len().max(3);
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        let number = format!("{:>width$} │", case.source_line + i);
        let _ = writeln!(text, "  {} {line}", style.dim(&number));
    }
    text
}

/// Indents every line after the first by `width` spaces.
fn indent_rest(text: &str, width: usize) -> String {
    let pad = format!("\n{}", " ".repeat(width));
    text.trim_end().replace('\n', &pad)
}

const STATUS_COLUMNS: [Status; 7] = Status::ALL;

/// The summary table: one row per (area, engine), then a total per engine.
pub fn summary_table(report: &RunReport, style: Style) -> String {
    let by_area = counts_by_area(report);
    let by_engine = counts_by_engine(report);
    let area_width = by_area
        .keys()
        .map(|(a, _)| a.len())
        .chain([4])
        .max()
        .unwrap_or(4)
        .max("area".len());
    let engine_width = report
        .engines
        .iter()
        .map(|e| e.name().len())
        .max()
        .unwrap_or(4)
        .max(6);
    let mut text = String::new();
    let mut header = format!(
        "{:<area_width$}  {:<engine_width$}  {:>5}",
        "area", "engine", "runs"
    );
    for status in STATUS_COLUMNS {
        let _ = write!(header, "  {:>7}", status.name());
    }
    let _ = writeln!(text, "{}", style.bold(&header));
    let row = |area: &str, engine: EngineKind, counts: &Counts| {
        let mut line = format!(
            "{area:<area_width$}  {:<engine_width$}  {:>5}",
            engine.name(),
            counts.total()
        );
        for status in STATUS_COLUMNS {
            let n = counts.get(status);
            let cell = format!("  {n:>7}");
            line.push_str(&if n > 0 && status != Status::Pass {
                paint(style, status, &cell)
            } else {
                cell
            });
        }
        line
    };
    let mut last_area = "";
    for ((area, engine), counts) in &by_area {
        let shown = if area == last_area { "" } else { area.as_str() };
        last_area = area;
        let _ = writeln!(text, "{}", row(shown, *engine, counts));
    }
    for (i, (engine, counts)) in by_engine.iter().enumerate() {
        let shown = if i == 0 { "all" } else { "" };
        let _ = writeln!(text, "{}", style.bold(&row(shown, *engine, counts)));
    }
    text
}

fn paint(style: Style, status: Status, text: &str) -> String {
    if status == Status::Known {
        style.yellow(text)
    } else {
        style.red(text)
    }
}

/// The verdict, one line: "FAILED: 3 of 1,242 runs failed (2 fail, 1
/// timeout); 1,200 passed, 39 known; 621 cases on boa, mini in 4.2 s" or
/// "ok: 1,242 runs as expected (1,200 passed, 42 known); …", plus the
/// baseline's regressions and fixes when one was given.
pub fn closing_line(report: &RunReport, style: Style) -> String {
    let total: Counts = counts_by_engine(report).into_values().sum();
    let engines: Vec<&str> = report.engines.iter().map(|e| e.name()).collect();
    let cases = format!(
        "{} case{} on {} in {:.1} s",
        thousands(report.cases.len()),
        if report.cases.len() == 1 { "" } else { "s" },
        engines.join(", "),
        report.elapsed.as_secs_f64()
    );
    let mut line = if total.failed() == 0 {
        format!(
            "{}: {} run{} as expected ({} passed, {} known); {cases}",
            style.green("ok"),
            thousands(total.total()),
            if total.total() == 1 { "" } else { "s" },
            thousands(total.passed()),
            thousands(total.known()),
        )
    } else {
        let kinds: Vec<String> = Status::ALL
            .into_iter()
            .filter(|s| s.is_failure() && total.get(*s) > 0)
            .map(|s| format!("{} {s}", thousands(total.get(s))))
            .collect();
        format!(
            "{}: {} of {} runs failed ({}); {} passed, {} known; {cases}",
            style.red("FAILED"),
            thousands(total.failed()),
            thousands(total.total()),
            kinds.join(", "),
            thousands(total.passed()),
            thousands(total.known()),
        )
    };
    if let Some(comparison) = &report.baseline {
        let regressions = plural(comparison.regression_count(), "regression");
        let regressions = if comparison.has_regressions() {
            style.red(&regressions)
        } else {
            regressions
        };
        let _ = write!(
            line,
            "; baseline {}: {regressions}, {} fixed",
            comparison.path,
            comparison.fixed_count()
        );
    }
    line
}

/// 1242 → "1,242".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        let shown: Vec<String> = [0, 7, 999, 1000, 1242, 1234567].map(thousands).into();
        assert_eq!(shown, ["0", "7", "999", "1,000", "1,242", "1,234,567"]);
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("mini::a/b"), "mini::a/b");
        assert_eq!(shell_word("/tmp/my suite"), "'/tmp/my suite'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
