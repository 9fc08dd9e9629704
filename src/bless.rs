//! `lexenv bless` (and `LEXENV_BLESS=1 cargo test`): writes golden
//! transcripts (`expected/<area>/<name>.out`) from the reference engine.
//!
//! The policy (DESIGN §5): never under CI; never from a run that timed out,
//! hit a limit or crashed; never for a case marked `known.boa` (its golden is
//! written by hand from the spec); a `mode: both` case is blessed only when
//! both modes print the same transcript. It prints every golden it created or
//! changed (with the diff) and counts the unchanged ones. A golden is then
//! read by a person against the spec before it is committed.
//!
//! Second opinion (issue 4): when node is available it runs every case too
//! (except those marked `known.node`). Where Boa and node disagree, bless
//! writes nothing for that case, prints both transcripts and asks the author
//! to decide from the spec, mark the wrong engine `known`, and write the
//! golden by hand.

use std::io::Write;
use std::path::Path;

use crate::case::Case;
use crate::cli::BlessOptions;
use crate::commands::{Verdict, load_nonempty, progress_bar, select_cases};
use crate::engine::worker::WorkerCommand;
use crate::engine::{EngineKind, Outcome};
use crate::error::HarnessError;
use crate::report::Style;
use crate::run::{self, EngineSet, Job, RunSettings, transcript_diff};
use crate::suite::LoadOptions;
use crate::transcript::Transcript;

/// The value of `CI` when it says we are under CI (set, and not empty,
/// `0` or `false`).
pub fn ci_value() -> Option<String> {
    let value = std::env::var_os("CI")?.to_string_lossy().into_owned();
    match value.trim() {
        "" | "0" | "false" => None,
        _ => Some(value),
    }
}

/// The reference engine whose transcripts become goldens.
pub fn reference_engine() -> EngineKind {
    EngineKind::ALL
        .into_iter()
        .find(|kind| kind.is_reference())
        .expect("EngineKind has a reference engine")
}

/// The engine whose agreement bless asks for before writing a golden.
pub const SECOND_OPINION: EngineKind = EngineKind::Node;

/// The engines bless runs: the reference, plus the second opinion when it is
/// available (else `Err` says why not, and bless goes on without it).
pub fn bless_engines(lexenv_exe: &Path) -> Result<(EngineSet, Result<(), String>), HarnessError> {
    let reference = reference_engine();
    match WorkerCommand::for_engine(SECOND_OPINION, lexenv_exe) {
        Ok(_) => Ok((
            EngineSet::new(&[reference, SECOND_OPINION], lexenv_exe)?,
            Ok(()),
        )),
        Err(reason) => Ok((EngineSet::new(&[reference], lexenv_exe)?, Err(reason))),
    }
}

/// What bless did with the cases it was given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlessSummary {
    pub created: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Cases marked `known` for the reference engine.
    pub skipped: usize,
    /// Cases whose run timed out, hit a limit, crashed, or whose modes
    /// disagree.
    pub refused: usize,
    /// Cases where the second opinion (node) disagrees with the reference.
    pub disagreed: usize,
}

/// Blesses the cases of `options.suite` matching `options.filters`,
/// writing what it does to `out`.
pub fn bless(
    options: &BlessOptions,
    lexenv_exe: &Path,
    out: &mut dyn Write,
) -> Result<Verdict, HarnessError> {
    if let Some(value) = ci_value() {
        return Err(HarnessError::BlessUnderCi { value });
    }
    let (engines, second_opinion) = bless_engines(lexenv_exe)?;
    if let Err(reason) = second_opinion {
        say(
            out,
            &format!(
                "no second opinion from {SECOND_OPINION} ({reason}): goldens come from {} alone",
                reference_engine()
            ),
        )?;
    }
    // Bless writes goldens, so a case without one is what it is for.
    let suite = load_nonempty(
        &options.suite,
        LoadOptions {
            require_goldens: false,
        },
    )?;
    let cases = select_cases(&suite, &options.filters)?;
    let settings = RunSettings {
        engines,
        jobs: options.jobs,
        limits: options.limits.clone(),
    };
    let summary = bless_cases(&cases, &settings, Style::for_stdout(), out)?;
    Ok(Verdict::from_ok(
        summary.refused == 0 && summary.disagreed == 0,
    ))
}

/// Runs `cases` on the reference engine in `settings` and writes their
/// goldens.
pub fn bless_cases(
    cases: &[&Case],
    settings: &RunSettings,
    style: Style,
    out: &mut dyn Write,
) -> Result<BlessSummary, HarnessError> {
    let reference = reference_engine();
    let mut summary = BlessSummary::default();
    let mut to_run = Vec::new();
    for &case in cases {
        if let Some(reason) = case.known.get(&reference) {
            summary.skipped += 1;
            say(
                out,
                &format!(
                    "{} {}: known.{reference} ({reason}); its golden is written by hand",
                    style.yellow("skipped  "),
                    case.id
                ),
            )?;
        } else {
            to_run.push(case);
        }
    }
    // The second opinion runs where it is in the engine set and the case
    // does not mark it `known`.
    let second = settings
        .engines
        .kinds()
        .contains(&SECOND_OPINION)
        .then_some(SECOND_OPINION);
    let asks_second = |case: &Case| second.is_some() && !case.known.contains_key(&SECOND_OPINION);
    let mut jobs: Vec<Job> = Vec::new();
    for case in &to_run {
        let engines = std::iter::once(reference).chain(second.filter(|_| asks_second(case)));
        for engine in engines {
            for mode in case.mode.run_modes() {
                jobs.push(Job {
                    engine,
                    source: mode.prepare(&case.source),
                });
            }
        }
    }
    let bar = progress_bar(jobs.len());
    let mut outcomes = run::execute(&jobs, settings, &mut |_| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    })
    .into_iter();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    for case in to_run {
        let modes = case.mode.run_modes();
        let mut next_results = || -> Vec<(&str, Outcome)> {
            modes
                .iter()
                .map(|m| {
                    (
                        m.name(),
                        outcomes.next().expect("one outcome per job").outcome,
                    )
                })
                .collect()
        };
        let results = next_results();
        let second_results = asks_second(case).then(&mut next_results);
        let golden = golden_from(&results);
        if let (Ok(transcript), Some(second_results)) = (&golden, &second_results) {
            let second_golden = golden_from(second_results);
            if second_golden.as_ref() != Ok(transcript) {
                summary.disagreed += 1;
                let second = second.unwrap_or(SECOND_OPINION);
                say_disagreement(
                    out,
                    style,
                    case,
                    reference,
                    transcript,
                    second,
                    &second_golden,
                )?;
                continue;
            }
        }
        match golden {
            Err(why) => {
                summary.refused += 1;
                say(
                    out,
                    &format!("{} {}: {why}", style.red("NOT blessed"), case.id),
                )?;
            }
            Ok(transcript) => {
                let written = write_golden(case, &transcript)?;
                let path = case.expected_path.display();
                match written {
                    Written::Unchanged => summary.unchanged += 1,
                    Written::Created => {
                        summary.created += 1;
                        say(out, &format!("{} {path}", style.green("created  ")))?;
                    }
                    Written::Changed(diff) => {
                        summary.changed += 1;
                        say(out, &format!("{} {path}", style.yellow("changed  ")))?;
                        write!(out, "{}", style.diff(&diff)).map_err(stdout_error)?;
                    }
                }
            }
        }
    }
    say(
        out,
        &format!(
            "bless: {} created, {} changed, {} unchanged, {} skipped (known.{reference}), {} not blessed, {} disagreed with {SECOND_OPINION}",
            summary.created,
            summary.changed,
            summary.unchanged,
            summary.skipped,
            summary.refused,
            summary.disagreed
        ),
    )?;
    if summary.created + summary.changed > 0 {
        say(
            out,
            "read every created or changed golden against the spec before committing it",
        )?;
    }
    Ok(summary)
}

/// Tells the author that the reference and the second opinion disagree on
/// `case`, with both transcripts, and what to do about it.
fn say_disagreement(
    out: &mut dyn Write,
    style: Style,
    case: &Case,
    reference: EngineKind,
    transcript: &Transcript,
    second: EngineKind,
    second_golden: &Result<Transcript, String>,
) -> Result<(), HarnessError> {
    say(
        out,
        &format!(
            "{} {}: {reference} and {second} disagree",
            style.red("NOT blessed"),
            case.id
        ),
    )?;
    say(out, &format!("  {reference} printed:"))?;
    say(out, &indented(transcript.as_str()))?;
    match second_golden {
        Ok(other) => {
            say(out, &format!("  {second} printed:"))?;
            say(out, &indented(other.as_str()))?;
        }
        Err(why) => say(out, &format!("  {second}: {why}"))?,
    }
    say(
        out,
        &format!(
            "  decide from the spec which is right, write {} by hand, and mark the other engine \
             in the case: `known: {{{reference}: \"why, with the spec clause\"}}` (or `known: {{{second}: \"…\"}}`)",
            case.expected_path.display()
        ),
    )
}

/// `text` with every line indented by four spaces (`(empty)` for none).
fn indented(text: &str) -> String {
    if text.is_empty() {
        return "    (empty)".to_string();
    }
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The transcript to bless from a case's runs (one per mode), or why not.
fn golden_from(results: &[(&str, Outcome)]) -> Result<Transcript, String> {
    let mut golden: Option<(&str, &Transcript)> = None;
    for (mode, outcome) in results {
        let transcript = match outcome {
            Outcome::Completed { transcript, .. } => transcript,
            Outcome::Timeout { reason } | Outcome::Limit { reason } | Outcome::Crash { reason } => {
                return Err(format!(
                    "{mode} run ended as {}: {reason}",
                    run::outcome_kind(outcome)
                ));
            }
        };
        match golden {
            None => golden = Some((mode, transcript)),
            Some((first_mode, first)) if first != transcript => {
                let diff = transcript_diff(first.as_str(), transcript.as_str(), first_mode, mode)
                    .unwrap_or_default();
                return Err(format!(
                    "`mode: both` needs one transcript, but {first_mode} and {mode} differ:\n{diff}"
                ));
            }
            Some(_) => {}
        }
    }
    golden
        .map(|(_, t)| t.clone())
        .ok_or_else(|| "the case has no run mode".into())
}

enum Written {
    Created,
    Changed(String),
    Unchanged,
}

fn write_golden(case: &Case, transcript: &Transcript) -> Result<Written, HarnessError> {
    let path = &case.expected_path;
    let io_error = |action| {
        move |source| HarnessError::Io {
            path: path.clone(),
            action,
            source,
        }
    };
    let old = case.read_expected().map_err(io_error("read"))?;
    let written = match &old {
        Some(old) if old == transcript => return Ok(Written::Unchanged),
        Some(old) => Written::Changed(
            transcript_diff(old.as_str(), transcript.as_str(), "old", "new").unwrap_or_default(),
        ),
        None => Written::Created,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io_error("create the folder for"))?;
    }
    std::fs::write(path, transcript.as_str()).map_err(io_error("write"))?;
    Ok(written)
}

fn say(out: &mut dyn Write, line: &str) -> Result<(), HarnessError> {
    writeln!(out, "{line}").map_err(stdout_error)
}

fn stdout_error(source: std::io::Error) -> HarnessError {
    HarnessError::Io {
        path: "<stdout>".into(),
        action: "write to",
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(text: &str) -> Outcome {
        Outcome::completed(Transcript::from_golden(text))
    }

    #[test]
    fn only_complete_and_consistent_runs_are_blessed() {
        assert_eq!(
            golden_from(&[("sloppy", done("1\n"))]),
            Ok(Transcript::from_golden("1\n"))
        );
        assert_eq!(
            golden_from(&[("sloppy", done("1\n")), ("strict", done("1\n"))]),
            Ok(Transcript::from_golden("1\n"))
        );
        let differ = golden_from(&[("sloppy", done("1\n")), ("strict", done("2\n"))]).unwrap_err();
        assert!(
            differ.contains("sloppy and strict differ") && differ.contains("-1\n+2\n"),
            "{differ}"
        );
        let hung = golden_from(&[(
            "sloppy",
            Outcome::Timeout {
                reason: "wall-clock limit of 5 ms".into(),
            },
        )]);
        assert_eq!(
            hung,
            Err("sloppy run ended as timeout: wall-clock limit of 5 ms".into())
        );
        let crashed = golden_from(&[(
            "strict",
            Outcome::Crash {
                reason: "boom".into(),
            },
        )]);
        assert_eq!(crashed, Err("strict run ended as crash: boom".into()));
    }

    #[test]
    fn the_reference_engine_is_boa() {
        assert_eq!(reference_engine(), EngineKind::Boa);
    }
}
