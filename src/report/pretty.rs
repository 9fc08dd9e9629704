//! The terminal report: a divergence report for every failing run (case id,
//! description, spec clauses with number and title, the numbered source,
//! the unified diff expected → actual), where `mini` and `boa` disagree, and a
//! summary table per area and engine.

use std::fmt::Write as _;
use std::io::{self, Write};

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
                writeln!(out, "{}", divergence(case, run.mode, result, style))?;
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
    let _ = writeln!(text, "{}", style.bold("source:"));
    text.push_str(&numbered_source(case, style));
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

/// "ok: 120 passed, 0 failed, 2 known (122 runs of 61 cases on boa, mini) in 3.1 s"
pub fn closing_line(report: &RunReport, style: Style) -> String {
    let mut total = Counts::default();
    for (_, _, result) in report.results() {
        total.add(result.status);
    }
    let engines: Vec<&str> = report.engines.iter().map(|e| e.name()).collect();
    let verdict = if total.failed() == 0 {
        style.green("ok")
    } else {
        style.red("FAILED")
    };
    format!(
        "{verdict}: {} passed, {} failed, {} known ({} runs of {} cases on {}) in {:.1} s",
        total.passed(),
        total.failed(),
        total.known(),
        total.total(),
        report.cases.len(),
        engines.join(", "),
        report.elapsed.as_secs_f64()
    )
}
