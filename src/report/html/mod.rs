//! The HTML report (`lexenv run --html DIR`): one self-contained static page,
//! `DIR/index.html`, with an anchor per case (`index.html#<area>/<name>`) and
//! per area (`#area-<area>`). No network: the style sheet and the small
//! filter script are inlined, and the page reads fine with JavaScript off
//! (the script only adds the filter bar). On it: the overview matrix (areas ×
//! engines, status counts and how many runs every engine agrees on), then per
//! area a table of its runs followed by each case in full (see `case.rs`).
//! With `--baseline OLD.json` a section after the matrix lists what changed
//! since (see `baseline.rs`).
//!
//! Why a `Reporter` plus `write_dir`: the page is a single stream, so
//! `HtmlReporter` renders it behind the same trait as the other formats (and
//! can be tested on a `Vec<u8>`). What does not fit the trait — making the
//! folder, and writing the file next to whatever `--format` prints on
//! stdout — is `write_dir`, which feeds the same `RunReport` to the reporter.
//! One page rather than a page per case keeps the filter working across the
//! whole run and the folder trivially relocatable; on the real suite it is a
//! few MB.

mod baseline;
mod case;
pub mod model;

pub use super::escape_markup as escape;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::Reporter;
use crate::run::{RunReport, Status};
use model::{Matrix, MatrixRow};

const STYLE: &str = include_str!("style.css");
const FILTER_SCRIPT: &str = include_str!("filter.js");

/// Renders the whole report as one HTML page.
pub struct HtmlReporter;

impl Reporter for HtmlReporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(page(report).as_bytes())
    }
}

/// Makes `dir` (and its parents) if needed. Called before the run so that a
/// folder that cannot be made fails fast.
pub fn prepare_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Writes `dir/index.html` and returns its path.
pub fn write_dir(report: &RunReport, dir: &Path) -> io::Result<PathBuf> {
    prepare_dir(dir)?;
    let path = dir.join("index.html");
    let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
    HtmlReporter.render(report, &mut file)?;
    file.flush()?;
    Ok(path)
}

/// Statuses that always get a matrix column; the others only when some run
/// of the report has them.
const ALWAYS_SHOWN: [Status; 3] = [Status::Pass, Status::Fail, Status::Known];

/// The statuses the matrix has columns for.
fn matrix_statuses(matrix: &Matrix) -> Vec<Status> {
    Status::ALL
        .into_iter()
        .filter(|s| ALWAYS_SHOWN.contains(s) || matrix.total.counts.values().any(|c| c.get(*s) > 0))
        .collect()
}

/// The full page.
pub fn page(report: &RunReport) -> String {
    let matrix = model::matrix(report);
    let mut html = String::with_capacity(64 * 1024 + report.cases.len() * 4096);
    let regressions = report.baseline.as_ref().map_or(0, |c| c.regression_count());
    let verdict = match (report.failure_count(), regressions) {
        (0, 0) => "<span class=\"verdict ok\">ok</span>".to_string(),
        (failing, regressions) => {
            let mut parts = Vec::new();
            if failing > 0 {
                parts.push(format!("{failing} failing run{}", plural(failing)));
            }
            if regressions > 0 {
                parts.push(format!("{regressions} regression{}", plural(regressions)));
            }
            format!(
                "<span class=\"verdict failed\">FAILED: {}</span>",
                parts.join(", ")
            )
        }
    };
    let suite = report.suite.display().to_string();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>lexenv report: {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>lexenv report {verdict}</h1>\n",
        escape(&suite)
    );
    let _ = writeln!(
        html,
        "<p class=\"meta\">suite <code>{}</code> · engines {} · {} cases, {} runs · \
         limits: {} ms wall clock, {} steps, depth {} · took {:.1} s</p>",
        escape(&suite),
        escape(
            &report
                .engines
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        report.cases.len(),
        matrix.total.runs,
        report.limits.wall_ms,
        report.limits.steps,
        report.limits.max_depth,
        report.elapsed.as_secs_f64(),
    );
    html.push_str(&engine_summary(&matrix));
    html.push_str("</header>\n");
    html.push_str(FILTER_BAR);
    html.push_str(&matrix_table(&matrix));
    if let Some(comparison) = &report.baseline {
        html.push_str(&baseline::section(comparison));
    }
    html.push_str(&attention_section(report));
    html.push_str("<main>\n");
    let mut areas = report.cases.iter().peekable();
    while let Some(first) = areas.next() {
        let area = &first.case.area;
        let mut members = vec![first];
        while let Some(next) = areas.next_if(|c| &c.case.area == area) {
            members.push(next);
        }
        html.push_str(&area_section(area, &members, matrix.areas.get(area)));
    }
    html.push_str("</main>\n");
    let _ = write!(
        html,
        "<script>\n{FILTER_SCRIPT}</script>\n</body>\n</html>\n"
    );
    html
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Per engine, the counts the JSON summary has (`total`, `passed`,
/// `failed`, `known`), each in an element the browser test can find.
fn engine_summary(matrix: &Matrix) -> String {
    let mut html = String::from("<ul class=\"engines\">\n");
    for (engine, counts) in &matrix.total.counts {
        let _ = writeln!(
            html,
            "<li data-summary=\"{engine}\"><b>{engine}</b>: \
             <span data-count=\"total\">{}</span> runs, \
             <span data-count=\"passed\">{}</span> passed, \
             <span data-count=\"failed\">{}</span> failed, \
             <span data-count=\"known\">{}</span> known</li>",
            counts.total(),
            counts.passed(),
            counts.failed(),
            counts.known()
        );
    }
    html.push_str("</ul>\n");
    html
}

/// The filter bar: hidden until the script shows it.
const FILTER_BAR: &str = "<form id=\"filters\" hidden onsubmit=\"return false\">\n\
<label>text <input type=\"search\" id=\"f-text\" placeholder=\"id, area or description\"></label>\n\
<label>status <select id=\"f-status\">\
<option value=\"\">any</option>\
<option value=\"failing\">failing (fail, fixed, timeout, limit, crash)</option>\
<option value=\"disagree\">engines disagree</option>\
<option value=\"pass\">pass</option><option value=\"fail\">fail</option>\
<option value=\"known\">known</option><option value=\"fixed\">fixed</option>\
<option value=\"timeout\">timeout</option><option value=\"limit\">limit</option>\
<option value=\"crash\">crash</option></select></label>\n\
<label>engine <select id=\"f-engine\"><option value=\"\">any</option></select></label>\n\
<span id=\"f-count\"></span>\n</form>\n";

fn matrix_table(matrix: &Matrix) -> String {
    let statuses = matrix_statuses(matrix);
    let engines: Vec<_> = matrix.total.counts.keys().copied().collect();
    let mut html = String::from(
        "<section id=\"overview\">\n<h2>Overview</h2>\n<table class=\"matrix\">\n<thead><tr>\
         <th rowspan=\"2\">area</th><th rowspan=\"2\">runs</th>",
    );
    for engine in &engines {
        let _ = write!(
            html,
            "<th colspan=\"{}\" class=\"engine\">{engine}</th>",
            statuses.len()
        );
    }
    html.push_str("<th rowspan=\"2\" title=\"runs on which every engine had the same outcome\">all engines agree</th></tr>\n<tr>");
    for _ in &engines {
        for status in &statuses {
            let _ = write!(html, "<th class=\"st-{0}\">{0}</th>", status.name());
        }
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (area, row) in &matrix.areas {
        let label = format!("<a href=\"#area-{0}\">{0}</a>", escape(area));
        html.push_str(&matrix_row(&label, "area", area, row, &statuses));
    }
    html.push_str("</tbody>\n<tfoot>\n");
    html.push_str(&matrix_row("total", "total", "", &matrix.total, &statuses));
    html.push_str("</tfoot>\n</table>\n</section>\n");
    html
}

/// One matrix row; every count cell says which engine and status it counts
/// (`data-engine`, `data-status`) so tests and scripts can read it.
fn matrix_row(label: &str, kind: &str, area: &str, row: &MatrixRow, statuses: &[Status]) -> String {
    let mut html = format!(
        "<tr class=\"{kind}\" data-area=\"{}\"><th>{label}</th><td>{}</td>",
        escape(area),
        row.runs
    );
    for (engine, counts) in &row.counts {
        for &status in statuses {
            let n = counts.get(status);
            let class = if n == 0 {
                "n zero".to_string()
            } else {
                format!("n st-{}", status.name())
            };
            let _ = write!(
                html,
                "<td class=\"{class}\" data-engine=\"{engine}\" data-status=\"{}\">{n}</td>",
                status.name()
            );
        }
    }
    let class = if row.agreed == row.runs {
        "n"
    } else {
        "n st-fail"
    };
    let _ = writeln!(
        html,
        "<td class=\"{class}\" data-agreed=\"{0}\">{0} / {1}</td></tr>",
        row.agreed, row.runs
    );
    html
}

const RUNS_TABLE_HEAD: &str = "<table class=\"runs\">\n<thead><tr><th>case</th><th>engines</th>\
                               <th>agreement</th></tr></thead>\n<tbody>\n";

/// One row of a table of runs, linking to the run in its case. Rows of the
/// area tables (`counted`) carry `data-run`: the filter counts those.
fn run_row(case: &crate::case::Case, run: &crate::run::ModeRun, counted: bool) -> String {
    let anchor = case::run_anchor(case, run);
    let groups = model::agreement_groups(&run.results);
    let agree = model::engines_agree(&run.results);
    format!(
        "<tr data-row{} data-text=\"{}\" data-statuses=\"{}\" data-agree=\"{}\">\
         <td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"agree-{}\">{}</td></tr>\n",
        if counted { " data-run" } else { "" },
        escape(&case::search_text(case)),
        escape(&case::statuses_attr(run)),
        u8::from(agree),
        escape(&anchor),
        escape(&anchor),
        run.results
            .iter()
            .map(|r| format!("{} {}", r.engine, case::badge(r.status)))
            .collect::<Vec<_>>()
            .join(" "),
        if agree { "yes" } else { "no" },
        escape(&model::agreement_summary(&groups)),
    )
}

/// Every run that fails or on which the engines disagree, first thing
/// after the matrix.
fn attention_section(report: &RunReport) -> String {
    let mut rows = String::new();
    for case_run in &report.cases {
        for run in &case_run.runs {
            let failing = run.results.iter().any(|r| r.status.is_failure());
            if failing || !model::engines_agree(&run.results) {
                rows.push_str(&run_row(&case_run.case, run, false));
            }
        }
    }
    let mut html =
        String::from("<section id=\"attention\">\n<h2>Failing runs and disagreements</h2>\n");
    if rows.is_empty() {
        html.push_str(
            "<p class=\"meta\">none: every run passed or is known, and all engines agree.</p>\n",
        );
    } else {
        html.push_str(RUNS_TABLE_HEAD);
        html.push_str(&rows);
        html.push_str("</tbody>\n</table>\n");
    }
    html.push_str("</section>\n");
    html
}

/// One area: its runs in a table (linking to each case), then the cases.
fn area_section(area: &str, cases: &[&crate::run::CaseRun], row: Option<&MatrixRow>) -> String {
    let mut html = format!(
        "<section class=\"area\" id=\"area-{0}\" data-area=\"{0}\">\n<h2>{0}</h2>\n",
        escape(area)
    );
    if let Some(row) = row {
        let counts = row
            .counts
            .iter()
            .map(|(engine, c)| {
                format!(
                    "{engine}: {} passed, {} failed, {} known",
                    c.passed(),
                    c.failed(),
                    c.known()
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let _ = writeln!(
            html,
            "<p class=\"meta\">{} runs · {} · all engines agree on {}</p>",
            row.runs,
            escape(&counts),
            row.agreed
        );
    }
    html.push_str(RUNS_TABLE_HEAD);
    for case_run in cases {
        for run in &case_run.runs {
            html.push_str(&run_row(&case_run.case, run, true));
        }
    }
    html.push_str("</tbody>\n</table>\n");
    for case_run in cases {
        html.push_str(&case::render_case(&case_run.case, &case_run.runs));
    }
    html.push_str("</section>\n");
    html
}

#[cfg(test)]
mod tests;
