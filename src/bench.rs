//! `lexenv bench`: JS programs run by the same engines as the suite, timed,
//! and reported as per-engine medians (with min–max) and the ratio mini/boa,
//! all measured in one invocation (DESIGN §7). Never a timed test.
//!
//! Each benchmark prints a checksum line. Every run's transcript is compared
//! with the reference (Boa's when it completed, else the first engine's), so
//! a wrong-but-fast engine shows up as `mismatch` and gets no ratio.
//!
//! Engines are passed in as `Engine`s (the CLI passes worker processes, so a
//! runaway benchmark is stopped by the wall-clock limit like any case). Each
//! engine runs an empty script first, untimed, so process start-up is not
//! measured; the runs of the engines are interleaved so that drift in the
//! machine's speed affects every engine alike.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use crate::cli::{BenchFormat, BenchOptions};
use crate::commands::{Verdict, engine_set};
use crate::engine::{Engine, EngineKind, Limits, Outcome};
use crate::error::HarnessError;

/// The folder `lexenv bench` reads when given no paths.
pub const DEFAULT_DIR: &str = "bench";

/// Generous limits: benchmarks are big on purpose.
pub fn bench_limits() -> Limits {
    Limits {
        wall_ms: 120_000,
        steps: u64::MAX,
        max_depth: 100_000,
        heap_bytes: 4 << 30,
    }
}

/// `lexenv bench`: the report on stdout, one progress line per benchmark on
/// stderr. Exit 1 when an engine failed or printed a wrong checksum.
pub fn command(
    options: &BenchOptions,
    lexenv_exe: &std::path::Path,
) -> Result<Verdict, HarnessError> {
    let benchmarks = discover(&options.paths).map_err(|e| HarnessError::Usage(e.to_string()))?;
    let set = engine_set(&options.engines, lexenv_exe)?;
    let mut engines: Vec<(EngineKind, Box<dyn Engine>)> = Vec::new();
    for kind in set.kinds() {
        if let Some(worker) = set.worker(kind) {
            engines.push((kind, Box::new(worker)));
        }
    }
    let report = run(
        &benchmarks,
        &mut engines,
        options.runs,
        &options.limits,
        |benchmark| {
            eprintln!("bench: {} ({})", benchmark.name, benchmark.path.display());
        },
    );
    let text = match options.format {
        BenchFormat::Pretty => render_pretty(&report),
        BenchFormat::Json => render_json(&report),
    };
    print!("{text}");
    Ok(Verdict::from_ok(report.all_ok()))
}

/// One benchmark program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Benchmark {
    /// The file stem, e.g. `fib`.
    pub name: String,
    pub path: PathBuf,
    pub source: String,
}

/// Why benchmarks could not be loaded.
#[derive(Debug)]
pub enum BenchError {
    /// A path given on the command line (or the default folder) is missing.
    NotFound { path: PathBuf },
    /// A file or folder could not be read.
    Read { path: PathBuf, error: io::Error },
    /// The paths hold no `.js` file.
    NoBenchmarks { paths: Vec<PathBuf> },
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BenchError::NotFound { path } => {
                write!(f, "{}: no such file or folder", path.display())
            }
            BenchError::Read { path, error } => write!(f, "{}: {error}", path.display()),
            BenchError::NoBenchmarks { paths } => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                write!(f, "no .js benchmark in {}", shown.join(", "))
            }
        }
    }
}

impl std::error::Error for BenchError {}

/// Loads the benchmarks named by `paths`: a file is one benchmark, a folder
/// gives its `*.js` files (not recursive) in name order. No paths means
/// `bench/`.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Benchmark>, BenchError> {
    let default = [PathBuf::from(DEFAULT_DIR)];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = fs::read_dir(path).map_err(|error| BenchError::Read {
                path: path.clone(),
                error,
            })?;
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|error| BenchError::Read {
                    path: path.clone(),
                    error,
                })?;
                let file = entry.path();
                if file.is_file() && file.extension().is_some_and(|e| e == "js") {
                    found.push(file);
                }
            }
            found.sort();
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(BenchError::NotFound { path: path.clone() });
        }
    }
    if files.is_empty() {
        return Err(BenchError::NoBenchmarks {
            paths: paths.to_vec(),
        });
    }
    files
        .into_iter()
        .map(|path| {
            let source = fs::read_to_string(&path).map_err(|error| BenchError::Read {
                path: path.clone(),
                error,
            })?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            Ok(Benchmark { name, path, source })
        })
        .collect()
}

/// How one engine did on one benchmark.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum EngineResult {
    /// Every run completed with the reference transcript.
    Ok(Timing),
    /// Every run completed, but a transcript differs from the reference.
    Mismatch {
        timing: Timing,
        transcript: String,
    },
    /// A run did not complete.
    Timeout {
        reason: String,
    },
    Limit {
        reason: String,
    },
    Crash {
        reason: String,
    },
}

impl EngineResult {
    pub fn status(&self) -> &'static str {
        match self {
            EngineResult::Ok(_) => "ok",
            EngineResult::Mismatch { .. } => "mismatch",
            EngineResult::Timeout { .. } => "timeout",
            EngineResult::Limit { .. } => "limit",
            EngineResult::Crash { .. } => "crash",
        }
    }

    /// The timing of a result whose transcript matched.
    pub fn trusted_timing(&self) -> Option<&Timing> {
        match self {
            EngineResult::Ok(timing) => Some(timing),
            _ => None,
        }
    }
}

/// Times of the runs of one engine on one benchmark, in milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timing {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub runs_ms: Vec<f64>,
}

impl Timing {
    /// `None` for no runs.
    pub fn of(runs_ms: Vec<f64>) -> Option<Timing> {
        let mut sorted = runs_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median_ms = match n {
            0 => return None,
            _ if n % 2 == 1 => sorted[n / 2],
            _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        Some(Timing {
            median_ms,
            min_ms: sorted[0],
            max_ms: sorted[n - 1],
            runs_ms,
        })
    }
}

/// One benchmark on every engine.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BenchResult {
    pub name: String,
    pub path: String,
    /// The reference transcript (the checksum line), when any engine
    /// completed.
    pub checksum: Option<String>,
    pub results: BTreeMap<EngineKind, EngineResult>,
    /// median(mini) / median(boa), when both matched the reference.
    pub ratio_mini_boa: Option<f64>,
}

/// Everything one `lexenv bench` measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BenchReport {
    pub runs: usize,
    pub engines: Vec<EngineKind>,
    pub benchmarks: Vec<BenchResult>,
}

impl BenchReport {
    /// True when every engine completed every benchmark with the reference
    /// transcript.
    pub fn all_ok(&self) -> bool {
        self.benchmarks
            .iter()
            .all(|b| b.results.values().all(|r| matches!(r, EngineResult::Ok(_))))
    }
}

/// Runs every benchmark `runs` times on every engine. `progress` is told
/// which benchmark starts (for a line on stderr).
pub fn run(
    benchmarks: &[Benchmark],
    engines: &mut [(EngineKind, Box<dyn Engine>)],
    runs: usize,
    limits: &Limits,
    mut progress: impl FnMut(&Benchmark),
) -> BenchReport {
    let runs = runs.max(1);
    for (_, engine) in engines.iter_mut() {
        // Start the worker outside the timed runs.
        let _ = engine.run("", limits);
    }
    let results = benchmarks
        .iter()
        .map(|benchmark| {
            progress(benchmark);
            run_one(benchmark, engines, runs, limits)
        })
        .collect();
    BenchReport {
        runs,
        engines: engines.iter().map(|(kind, _)| *kind).collect(),
        benchmarks: results,
    }
}

/// What one engine produced so far on one benchmark.
struct Samples {
    times_ms: Vec<f64>,
    transcripts: Vec<String>,
    failure: Option<EngineResult>,
}

fn run_one(
    benchmark: &Benchmark,
    engines: &mut [(EngineKind, Box<dyn Engine>)],
    runs: usize,
    limits: &Limits,
) -> BenchResult {
    let mut samples: Vec<Samples> = engines
        .iter()
        .map(|_| Samples {
            times_ms: Vec::new(),
            transcripts: Vec::new(),
            failure: None,
        })
        .collect();
    for _ in 0..runs {
        for ((_, engine), sample) in engines.iter_mut().zip(samples.iter_mut()) {
            if sample.failure.is_some() {
                continue;
            }
            let started = Instant::now();
            let outcome = engine.run(&benchmark.source, limits);
            let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
            match outcome {
                Outcome::Completed { transcript, .. } => {
                    sample.times_ms.push(elapsed_ms);
                    sample.transcripts.push(transcript.as_str().to_string());
                }
                Outcome::Timeout { reason } => {
                    sample.failure = Some(EngineResult::Timeout { reason })
                }
                Outcome::Limit { reason } => sample.failure = Some(EngineResult::Limit { reason }),
                Outcome::Crash { reason } => sample.failure = Some(EngineResult::Crash { reason }),
            }
        }
    }

    let kinds: Vec<EngineKind> = engines.iter().map(|(kind, _)| *kind).collect();
    let checksum = reference_transcript(&kinds, &samples);
    let mut results = BTreeMap::new();
    for (kind, sample) in kinds.iter().zip(samples) {
        let result = match (sample.failure, Timing::of(sample.times_ms)) {
            (Some(failure), _) => failure,
            (None, None) => EngineResult::Crash {
                reason: "no run completed".into(),
            },
            (None, Some(timing)) => {
                match sample
                    .transcripts
                    .into_iter()
                    .find(|t| Some(t) != checksum.as_ref())
                {
                    None => EngineResult::Ok(timing),
                    Some(transcript) => EngineResult::Mismatch { timing, transcript },
                }
            }
        };
        results.insert(*kind, result);
    }
    let ratio_mini_boa = match (
        results
            .get(&EngineKind::Mini)
            .and_then(EngineResult::trusted_timing),
        results
            .get(&EngineKind::Boa)
            .and_then(EngineResult::trusted_timing),
    ) {
        (Some(mini), Some(boa)) if boa.median_ms > 0.0 => Some(mini.median_ms / boa.median_ms),
        _ => None,
    };
    BenchResult {
        name: benchmark.name.clone(),
        path: benchmark.path.display().to_string(),
        checksum,
        results,
        ratio_mini_boa,
    }
}

/// Boa's first transcript when Boa completed a run, else the first engine's.
fn reference_transcript(kinds: &[EngineKind], samples: &[Samples]) -> Option<String> {
    let first = |sample: &Samples| {
        if sample.failure.is_none() {
            sample.transcripts.first().cloned()
        } else {
            None
        }
    };
    kinds
        .iter()
        .zip(samples)
        .find(|(kind, _)| kind.is_reference())
        .and_then(|(_, sample)| first(sample))
        .or_else(|| samples.iter().find_map(first))
}

/// The report as a table for a terminal, then one line per problem.
pub fn render_pretty(report: &BenchReport) -> String {
    let mut header = vec!["benchmark".to_string()];
    for kind in &report.engines {
        header.push(format!("{kind} ms (min–max)"));
    }
    let show_ratio =
        report.engines.contains(&EngineKind::Mini) && report.engines.contains(&EngineKind::Boa);
    if show_ratio {
        header.push("mini/boa".to_string());
    }
    let mut rows = vec![header];
    let mut problems = Vec::new();
    for bench in &report.benchmarks {
        let mut row = vec![bench.name.clone()];
        for kind in &report.engines {
            let cell = match bench.results.get(kind) {
                Some(EngineResult::Ok(t)) => timing_cell(t),
                Some(EngineResult::Mismatch { timing, transcript }) => {
                    problems.push(format!(
                        "{}: {kind} printed {:?}, expected {:?}",
                        bench.name,
                        first_line(transcript),
                        first_line(bench.checksum.as_deref().unwrap_or(""))
                    ));
                    format!("{} MISMATCH", timing_cell(timing))
                }
                Some(failed) => {
                    let reason = match failed {
                        EngineResult::Timeout { reason }
                        | EngineResult::Limit { reason }
                        | EngineResult::Crash { reason } => reason.as_str(),
                        _ => "",
                    };
                    problems.push(format!(
                        "{}: {kind} {}: {reason}",
                        bench.name,
                        failed.status()
                    ));
                    failed.status().to_string()
                }
                None => "-".to_string(),
            };
            row.push(cell);
        }
        if show_ratio {
            row.push(match bench.ratio_mini_boa {
                Some(r) => format!("{r:.2}×"),
                None => "-".to_string(),
            });
        }
        rows.push(row);
    }
    let mut out = format!(
        "{} run(s) per engine; median (min–max) in ms, worker round trip included\n\n",
        report.runs
    );
    out.push_str(&format_table(&rows));
    if !problems.is_empty() {
        out.push('\n');
    }
    for problem in problems {
        out.push_str(&problem);
        out.push('\n');
    }
    out
}

/// The report as JSON (fields as in the `BenchReport` types).
pub fn render_json(report: &BenchReport) -> String {
    serde_json::to_string_pretty(report).expect("a BenchReport always serializes") + "\n"
}

fn timing_cell(t: &Timing) -> String {
    format!("{:.1} ({:.1}–{:.1})", t.median_ms, t.min_ms, t.max_ms)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// Left-aligned columns separated by two spaces.
fn format_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            let pad = widths[c].saturating_sub(cell.chars().count());
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[path = "bench_tests.rs"]
mod tests;
