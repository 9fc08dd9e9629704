//! The conformance gate (`cargo test`): one libtest-mimic trial per
//! (engine, case), named `<engine>::<area>/<name>` (`mode: both` cases give
//! one trial per mode, suffixed `::sloppy` / `::strict`), so libtest's
//! filters, `--list`, `--exact`, `--ignored` and `--nocapture` work as usual.
//!
//! Each trial runs the case in a worker process (the `lexenv` binary; one
//! worker per test thread and engine) and compares the transcript with the
//! golden file. A failing trial prints the divergence report. `known.<engine>`
//! is a strict expected failure: the trial fails if the engine passes.
//! A suite that does not load, or holds no cases, is a failing trial.
//!
//! `LEXENV_BLESS=1 cargo test` first blesses the goldens from the reference
//! engine (as `lexenv bless` does, refusing under CI), then runs the gate.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use lexenv::bless;
use lexenv::case::{Case, RunMode};
use lexenv::engine::worker::{Worker, WorkerCommand, default_engines};
use lexenv::engine::{Engine, EngineKind, Limits};
use lexenv::error::HarnessError;
use lexenv::report::Style;
use lexenv::report::pretty::divergence;
use lexenv::run::{EngineResult, RunSettings, classify, trial_name};
use lexenv::suite::{LoadOptions, load_suite, load_suite_with};
use libtest_mimic::{Arguments, Failed, Trial};

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

thread_local! {
    /// This test thread's workers, one per engine, reused across trials.
    static WORKERS: RefCell<HashMap<EngineKind, Worker>> = RefCell::new(HashMap::new());
}

fn main() -> ExitCode {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("LEXENV_BLESS").is_some_and(|v| v == "1") {
        if let Err(message) = bless_from_gate(root, args.filter.as_deref()) {
            eprintln!("LEXENV_BLESS=1: {message}");
            return ExitCode::from(2);
        }
    }
    let trials = trials(root).unwrap_or_else(|message| {
        vec![Trial::test("suite::load", move || {
            Err(Failed::from(message))
        })]
    });
    libtest_mimic::run(&args, trials).exit_code()
}

/// One trial per (engine, case, mode), or why there are none.
fn trials(root: &Path) -> Result<Vec<Trial>, String> {
    let suite = load_suite(root).map_err(|errors| {
        let mut text = format!("{} cannot load:\n", root.display());
        for error in &errors.0 {
            text.push_str(&format!("{error}\n"));
        }
        text
    })?;
    if suite.cases.is_empty() {
        return Err(format!(
            "no cases found under {}: an empty suite is a failure",
            root.join("cases").display()
        ));
    }
    let engines = default_engines(Path::new(LEXENV));
    for kind in EngineKind::ALL {
        if let Err(reason) = WorkerCommand::for_engine(kind, Path::new(LEXENV)) {
            eprintln!("no {kind}:: trials: {reason}");
        }
    }
    let mut trials = Vec::new();
    for engine in engines {
        for case in &suite.cases {
            let case = Arc::new(case.clone());
            for &mode in case.mode.run_modes() {
                let name = trial_name(engine, &case, mode);
                let case = Arc::clone(&case);
                trials.push(Trial::test(name, move || run_trial(engine, &case, mode)));
            }
        }
    }
    Ok(trials)
}

fn run_trial(engine: EngineKind, case: &Case, mode: RunMode) -> Result<(), Failed> {
    let expected = case
        .read_expected()
        .map_err(|e| format!("cannot read {}: {e}", case.expected_path.display()))?;
    let limits = Limits::default();
    let start = std::time::Instant::now();
    let outcome = WORKERS.with(|workers| {
        let mut workers = workers.borrow_mut();
        let worker = match workers.get_mut(&engine) {
            Some(worker) => worker,
            None => {
                let command = WorkerCommand::for_engine(engine, Path::new(LEXENV))?;
                workers
                    .entry(engine)
                    .or_insert(Worker::new(engine.name(), command))
            }
        };
        Ok::<_, String>(worker.run(&mode.prepare(&case.source), &limits))
    })?;
    let known = case.known.get(&engine).cloned();
    let status = classify(&outcome, expected.as_ref(), known.is_some());
    if !status.is_failure() {
        return Ok(());
    }
    let result = EngineResult {
        engine,
        status,
        outcome,
        expected,
        known,
        duration: start.elapsed(),
    };
    let report = divergence(case, mode, &result, Style::for_stdout());
    Err(report.trim_end().into())
}

/// `LEXENV_BLESS=1`: bless the cases matching libtest's filter (a trial
/// name or part of one) from the reference engine.
fn bless_from_gate(root: &Path, filter: Option<&str>) -> Result<(), String> {
    if let Some(value) = bless::ci_value() {
        return Err(format!(
            "refusing to bless: the CI environment variable is set (CI={value:?})"
        ));
    }
    let reference = bless::reference_engine();
    let (engines, second_opinion) =
        bless::bless_engines(Path::new(LEXENV)).map_err(|e| e.to_string())?;
    if let Err(reason) = second_opinion {
        println!("no second opinion ({reason}): goldens come from {reference} alone");
    }
    let options = LoadOptions {
        require_goldens: false,
    };
    let suite = load_suite_with(root, options).map_err(|e| HarnessError::Load(e).to_string())?;
    let filters: Vec<String> = filter
        .map(|f| {
            let f = f.strip_prefix(&format!("{reference}::")).unwrap_or(f);
            let f = f
                .strip_suffix("::sloppy")
                .or_else(|| f.strip_suffix("::strict"))
                .unwrap_or(f);
            vec![f.to_string()]
        })
        .unwrap_or_default();
    let cases = suite.select(&filters);
    let jobs = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let settings = RunSettings {
        engines,
        jobs,
        limits: Limits::default(),
    };
    let mut out = std::io::stdout().lock();
    bless::bless_cases(&cases, &settings, Style::for_stdout(), &mut out)
        .map_err(|e| e.to_string())?;
    Ok(())
}
