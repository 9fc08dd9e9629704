//! What each command does, given validated `Options`: `run`, `check`,
//! `new`, `eval`, the hidden `worker`, and `bless` (in `bless.rs`). Each
//! returns a `Verdict` (exit 0 or 1) or a `HarnessError` (exit 2).

use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::case::{Case, RunMode};
use crate::cli::{EvalInput, EvalOptions, Options, RunOptions};
use crate::engine::worker::{self, default_engines};
use crate::engine::{EngineKind, Outcome};
use crate::error::HarnessError;
use crate::report::Style;
use crate::report::baseline::{Baseline, Comparison};
use crate::run::{self, EngineSet, Job, RunSettings, outcome_kind, transcript_diff};
use crate::suite::{CaseFilter, LoadOptions, Suite, load_suite_with, scaffold_case};

/// How a command that ran went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Everything as expected (exit 0).
    AsExpected,
    /// Some result was not (exit 1).
    Unexpected,
}

impl Verdict {
    pub fn from_ok(ok: bool) -> Self {
        if ok {
            Verdict::AsExpected
        } else {
            Verdict::Unexpected
        }
    }
}

/// Runs a command. `lexenv_exe` is the binary that serves `lexenv worker`.
pub fn execute(options: Options, lexenv_exe: &Path) -> Result<Verdict, HarnessError> {
    match options {
        Options::Run(options) => run_command(&options, lexenv_exe),
        Options::Bless(options) => {
            let stdout = io::stdout();
            crate::bless::bless(&options, lexenv_exe, &mut stdout.lock())
        }
        Options::New { suite, id } => new_command(&suite, &id),
        Options::Check { suite, coverage } => check_command(&suite, coverage),
        Options::Eval(options) => eval_command(&options, lexenv_exe),
        Options::Bench(options) => crate::bench::command(&options, lexenv_exe),
        Options::Worker { engine } => {
            worker::serve_stdio(engine).map_err(HarnessError::Usage)?;
            Ok(Verdict::AsExpected)
        }
    }
}

/// The engines to use: the ones named, or every engine available.
pub fn engine_set(named: &[EngineKind], lexenv_exe: &Path) -> Result<EngineSet, HarnessError> {
    let kinds = if named.is_empty() {
        default_engines(lexenv_exe)
    } else {
        named.to_vec()
    };
    if kinds.is_empty() {
        return Err(HarnessError::Usage(
            "no engine is available in this build".into(),
        ));
    }
    EngineSet::new(&kinds, lexenv_exe)
}

/// Loads a suite; a suite without cases is an input error.
pub fn load_nonempty(root: &Path, options: LoadOptions) -> Result<Suite, HarnessError> {
    if !root.join("cases").is_dir() {
        return Err(HarnessError::Usage(format!(
            "{} is not a suite: it has no cases/ folder (use --suite DIR)",
            root.display()
        )));
    }
    let suite = load_suite_with(root, options)?;
    if suite.cases.is_empty() {
        return Err(HarnessError::Usage(format!(
            "no cases found: {} holds no cases/<area>/<name>.yaml",
            crate::suite::without_leading_dot(root)
                .join("cases")
                .display()
        )));
    }
    Ok(suite)
}

/// The cases `filter` takes; none matching is an input error.
pub fn select_cases<'a>(
    suite: &'a Suite,
    filter: &CaseFilter,
) -> Result<Vec<&'a Case>, HarnessError> {
    let cases = suite.select_by(filter);
    if cases.is_empty() {
        return Err(HarnessError::Usage(format!(
            "no case id {} any of: {} ({} in the suite)",
            filter.relation(),
            filter.patterns.join(", "),
            counted(suite.cases.len(), "case")
        )));
    }
    Ok(cases)
}

/// A progress bar on stderr when it is a terminal and not under CI.
pub fn progress_bar(total: usize) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    Some(bar)
}

fn run_command(options: &RunOptions, lexenv_exe: &Path) -> Result<Verdict, HarnessError> {
    let baseline = options
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()?;
    let suite = load_nonempty(&options.suite, LoadOptions::default())?;
    let cases = select_cases(&suite, &options.filters)?;
    if let Some(dir) = &options.html {
        crate::report::html::prepare_dir(dir).map_err(|source| HarnessError::Io {
            path: dir.clone(),
            action: "create",
            source,
        })?;
    }
    let settings = RunSettings {
        engines: engine_set(&options.engines, lexenv_exe)?,
        jobs: options.jobs,
        limits: options.limits.clone(),
    };
    let runs: usize = cases
        .iter()
        .map(|c| c.mode.run_modes().len())
        .sum::<usize>()
        * settings.engines.kinds().len();
    let bar = progress_bar(runs);
    let mut report = run::run_cases(&options.suite, &cases, &settings, &mut |label| {
        if let Some(bar) = &bar {
            bar.set_message(label.to_string());
            bar.inc(1);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    report.baseline = baseline.map(|baseline| Comparison::new(&baseline, &report));
    let reporter = options.format.reporter(Style::for_stdout());
    let mut out = io::stdout().lock();
    reporter
        .render(&report, &mut out)
        .and_then(|()| out.flush())
        .map_err(|source| HarnessError::Io {
            path: "<stdout>".into(),
            action: "write to",
            source,
        })?;
    if let Some(dir) = &options.html {
        let page =
            crate::report::html::write_dir(&report, dir).map_err(|source| HarnessError::Io {
                path: dir.join("index.html"),
                action: "write",
                source,
            })?;
        eprintln!("HTML report: {}", page.display());
    }
    let regressed = report
        .baseline
        .as_ref()
        .is_some_and(Comparison::has_regressions);
    Ok(Verdict::from_ok(report.is_ok() && !regressed))
}

fn check_command(suite: &Path, coverage: bool) -> Result<Verdict, HarnessError> {
    let loaded = load_nonempty(suite, LoadOptions::default())?;
    let areas: std::collections::BTreeSet<&str> =
        loaded.cases.iter().map(|c| c.area.as_str()).collect();
    println!(
        "{} in {}: all valid",
        counted(loaded.cases.len(), "case"),
        counted(areas.len(), "area")
    );
    if coverage {
        let (table, every_clause_cited) = crate::coverage::render_coverage(&loaded);
        println!();
        print!("{table}");
        return Ok(Verdict::from_ok(every_clause_cited));
    }
    Ok(Verdict::AsExpected)
}

fn new_command(suite: &Path, id: &str) -> Result<Verdict, HarnessError> {
    let path = scaffold_case(suite, id).map_err(|e| HarnessError::New(e.to_string()))?;
    println!("created {}", path.display());
    println!(
        "next: write the case (description, spec, source), then run `lexenv bless {id}` \
         and read the golden against the spec"
    );
    Ok(Verdict::AsExpected)
}

fn eval_command(options: &EvalOptions, lexenv_exe: &Path) -> Result<Verdict, HarnessError> {
    let source = match &options.input {
        EvalInput::Stdin => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .map_err(|source| HarnessError::Io {
                    path: "<stdin>".into(),
                    action: "read",
                    source,
                })?;
            text
        }
        EvalInput::File(path) => {
            std::fs::read_to_string(path).map_err(|source| HarnessError::Io {
                path: path.clone(),
                action: "read",
                source,
            })?
        }
    };
    let mode = if options.strict {
        RunMode::Strict
    } else {
        RunMode::Sloppy
    };
    let engines = engine_set(&options.engines, lexenv_exe)?;
    let kinds = engines.kinds();
    let jobs: Vec<Job> = kinds
        .iter()
        .map(|&engine| Job {
            engine,
            source: mode.prepare(&source),
        })
        .collect();
    let settings = RunSettings {
        engines,
        jobs: kinds.len(),
        limits: options.limits.clone(),
    };
    let outcomes = run::execute(&jobs, &settings, &mut |_| {});
    let style = Style::for_stdout();
    let mut out = String::new();
    for (engine, done) in kinds.iter().zip(&outcomes) {
        out.push_str(&style.bold(&format!(
            "── {engine} ({} ms) ──",
            done.duration.as_millis()
        )));
        out.push('\n');
        out.push_str(&describe_outcome(&done.outcome));
    }
    let mut agree = true;
    if let Some((first, first_done)) = kinds.iter().zip(&outcomes).next() {
        for (other, done) in kinds.iter().zip(&outcomes).skip(1) {
            match compare_outcomes(
                &first_done.outcome,
                &done.outcome,
                first.name(),
                other.name(),
            ) {
                None => {}
                Some(difference) => {
                    agree = false;
                    out.push_str(&style.bold(&format!("── {first} and {other} differ ──")));
                    out.push('\n');
                    out.push_str(&style.diff(&difference));
                }
            }
        }
        if agree && kinds.len() > 1 {
            out.push_str(&style.green(&format!("all {} engines agree", kinds.len())));
            out.push('\n');
        }
    }
    print!("{out}");
    let all_completed = outcomes
        .iter()
        .all(|done| done.outcome.transcript().is_some());
    Ok(Verdict::from_ok(agree && all_completed))
}

/// What an outcome is, for a person: the transcript, or its kind and reason.
fn describe_outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Completed { transcript, notes } => {
            let mut text = transcript.as_str().to_string();
            for note in notes {
                text.push_str(&format!("(note: {note})\n"));
            }
            text
        }
        Outcome::Timeout { reason } | Outcome::Limit { reason } | Outcome::Crash { reason } => {
            format!("{}: {reason}\n", outcome_kind(outcome))
        }
    }
}

/// How two engines' outcomes differ (a diff of transcripts, or of how the
/// runs ended), `None` when they agree.
fn compare_outcomes(a: &Outcome, b: &Outcome, a_name: &str, b_name: &str) -> Option<String> {
    match (a.transcript(), b.transcript()) {
        (Some(x), Some(y)) => transcript_diff(x.as_str(), y.as_str(), a_name, b_name),
        _ if outcome_kind(a) == outcome_kind(b) => None,
        _ => Some(format!(
            "{a_name}: {}\n{b_name}: {}\n",
            summary(a),
            summary(b)
        )),
    }
}

/// "completed", "timeout: wall-clock limit of 5000 ms", …
fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Completed { .. } => "completed".into(),
        _ => describe_outcome(outcome).trim_end().to_string(),
    }
}

/// `n` and a noun, plural unless `n` is 1 ("1 case", "3 areas").
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Transcript;

    fn done(text: &str) -> Outcome {
        Outcome::completed(Transcript::from_golden(text))
    }

    #[test]
    fn eval_compares_transcripts_then_how_runs_ended() {
        assert_eq!(
            compare_outcomes(&done("1\n"), &done("1\n"), "boa", "mini"),
            None
        );
        let diff = compare_outcomes(&done("1\n"), &done("2\n"), "boa", "mini").unwrap();
        assert!(
            diff.contains("--- boa\n+++ mini\n") && diff.contains("-1\n+2\n"),
            "{diff}"
        );
        let hung = Outcome::Timeout {
            reason: "wall-clock limit of 5 ms".into(),
        };
        assert_eq!(
            compare_outcomes(&done("1\n"), &hung, "boa", "mini").as_deref(),
            Some("boa: completed\nmini: timeout: wall-clock limit of 5 ms\n")
        );
        assert_eq!(compare_outcomes(&hung, &hung.clone(), "boa", "mini"), None);
    }
}
