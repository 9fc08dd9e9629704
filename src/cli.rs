//! Command-line arguments (clap) and their validation into one typed
//! `Options` value. Nothing here runs anything: `commands` does.
//!
//! `lexenv` with no subcommand is `lexenv run`; its options may be given
//! without the word `run` (`lexenv --engine boa iife/`).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::engine::{EngineKind, Limits};
use crate::report::Format;
use crate::suite::CaseFilter;

#[derive(Parser, Debug)]
#[command(
    name = "lexenv",
    version,
    about = "A conformance suite and spec checker for JavaScript closure semantics",
    long_about = "Runs YAML cases (cases/<area>/<name>.yaml) on the reference engine (boa) and \
                  the in-tree mini engine, compares each transcript with its golden file \
                  (expected/<area>/<name>.out) and reports divergences.\n\n\
                  Exit codes: 0 all as expected, 1 failures, 2 bad input or usage.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run cases on engines and report divergences (the default command)
    Run(RunArgs),
    /// Write golden transcripts (expected/) from the reference engine, boa
    Bless(BlessArgs),
    /// Scaffold a new case: cases/<area>/<name>.yaml
    New(NewArgs),
    /// Validate every case file without running anything
    Check(CheckArgs),
    /// Run one script on every engine and show the transcripts and their diff
    Eval(EvalArgs),
    /// Time JS programs (default: bench/*.js) on each engine: medians, min–max, mini/boa
    Bench(BenchArgs),
    /// Serve engine runs over stdin/stdout (used by the harness)
    #[command(hide = true)]
    Worker(WorkerArgs),
}

#[derive(Args, Debug, Clone)]
struct SuiteArg {
    /// The suite folder (holding cases/ and expected/)
    #[arg(long, value_name = "DIR", default_value = ".")]
    suite: PathBuf,
}

#[derive(Args, Debug, Clone)]
struct LimitArgs {
    /// Parallel jobs [default: the number of CPUs]
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Wall-clock limit per run, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = Limits::default().wall_ms)]
    timeout: u64,
}

#[derive(Args, Debug, Clone)]
struct RunArgs {
    #[command(flatten)]
    suite: SuiteArg,
    /// Engine to run (repeatable) [default: every engine available]
    #[arg(long = "engine", value_name = "NAME")]
    engines: Vec<EngineKind>,
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Pretty)]
    format: FormatArg,
    /// Also write a static HTML report to DIR/index.html
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
    /// Compare with a previous `--format json` report: list regressions,
    /// fixes, new and removed runs; exit 1 on any regression
    #[arg(long, value_name = "OLD.json")]
    baseline: Option<PathBuf>,
    /// Match FILTERs against whole case ids, not substrings (like libtest's --exact)
    #[arg(long)]
    exact: bool,
    /// Run only cases whose id (<area>/<name>) contains one of these (--exact: is one of these)
    #[arg(value_name = "FILTER")]
    filters: Vec<String>,
}

#[derive(Args, Debug)]
struct BlessArgs {
    #[command(flatten)]
    suite: SuiteArg,
    #[command(flatten)]
    limits: LimitArgs,
    /// Bless only cases whose id contains one of these
    #[arg(value_name = "FILTER")]
    filters: Vec<String>,
}

#[derive(Args, Debug)]
struct NewArgs {
    #[command(flatten)]
    suite: SuiteArg,
    /// The new case's id, e.g. loop-bindings/closure-in-for-let-initializer
    #[arg(value_name = "AREA/NAME")]
    id: String,
}

#[derive(Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    suite: SuiteArg,
    /// Also print which spec clauses the cases cover
    #[arg(long)]
    coverage: bool,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// The script to run, or - for standard input
    #[arg(value_name = "FILE|-")]
    input: PathBuf,
    /// Engine to run (repeatable) [default: every engine available]
    #[arg(long = "engine", value_name = "NAME")]
    engines: Vec<EngineKind>,
    /// Run in strict mode ("use strict"; prepended); sloppy by default
    #[arg(long)]
    strict: bool,
    /// Wall-clock limit, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = Limits::default().wall_ms)]
    timeout: u64,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// Benchmark files, or folders of *.js files [default: bench/]
    #[arg(value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Engine to run (repeatable) [default: every engine available]
    #[arg(long = "engine", value_name = "NAME")]
    engines: Vec<EngineKind>,
    /// Timed runs per engine and benchmark
    #[arg(long, value_name = "N", default_value_t = 5)]
    runs: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = BenchFormat::Pretty)]
    format: BenchFormat,
    /// Wall-clock limit per run, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = crate::bench::bench_limits().wall_ms)]
    timeout: u64,
}

#[derive(Args, Debug)]
struct WorkerArgs {
    #[arg(long, value_name = "NAME")]
    engine: EngineKind,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum FormatArg {
    Pretty,
    Json,
    Junit,
}

/// How `lexenv bench` prints its report.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchFormat {
    Pretty,
    Json,
}

/// A validated command line.
#[derive(Clone, Debug, PartialEq)]
pub enum Options {
    Run(RunOptions),
    Bless(BlessOptions),
    New { suite: PathBuf, id: String },
    Check { suite: PathBuf, coverage: bool },
    Eval(EvalOptions),
    Bench(BenchOptions),
    Worker { engine: EngineKind },
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunOptions {
    pub suite: PathBuf,
    /// Empty: every engine available.
    pub engines: Vec<EngineKind>,
    /// The FILTERs, and whether `--exact` makes them whole ids.
    pub filters: CaseFilter,
    pub format: Format,
    /// `--html DIR`: also write the HTML report there.
    pub html: Option<PathBuf>,
    pub jobs: usize,
    pub limits: Limits,
    /// `--baseline OLD.json`: a previous JSON report to compare with.
    pub baseline: Option<PathBuf>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BlessOptions {
    pub suite: PathBuf,
    /// Substring filters (bless has no `--exact`).
    pub filters: CaseFilter,
    pub jobs: usize,
    pub limits: Limits,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BenchOptions {
    /// Empty: `bench/`.
    pub paths: Vec<PathBuf>,
    /// Empty: every engine available.
    pub engines: Vec<EngineKind>,
    pub runs: usize,
    pub format: BenchFormat,
    pub limits: Limits,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EvalInput {
    File(PathBuf),
    Stdin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EvalOptions {
    pub input: EvalInput,
    /// Empty: every engine available.
    pub engines: Vec<EngineKind>,
    pub strict: bool,
    pub limits: Limits,
}

/// Parses and validates a command line (`args[0]` is the program name). A
/// clap error carries its own exit code: 0 for `--help`/`--version`, 2 for
/// usage errors.
pub fn parse<I, T>(args: I) -> Result<Options, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    let options = match cli.command {
        None => Options::Run(run_options(cli.run)?),
        Some(Command::Run(args)) => Options::Run(run_options(args)?),
        Some(Command::Bless(args)) => Options::Bless(BlessOptions {
            suite: args.suite.suite,
            filters: CaseFilter::containing(args.filters),
            jobs: jobs(args.limits.jobs)?,
            limits: limits(args.limits.timeout)?,
        }),
        Some(Command::New(args)) => Options::New {
            suite: args.suite.suite,
            id: args.id,
        },
        Some(Command::Check(args)) => Options::Check {
            suite: args.suite.suite,
            coverage: args.coverage,
        },
        Some(Command::Eval(args)) => Options::Eval(EvalOptions {
            input: if args.input.as_os_str() == "-" {
                EvalInput::Stdin
            } else {
                EvalInput::File(args.input)
            },
            engines: dedup(args.engines),
            strict: args.strict,
            limits: limits(args.timeout)?,
        }),
        Some(Command::Bench(args)) => Options::Bench(BenchOptions {
            paths: args.paths,
            engines: dedup(args.engines),
            runs: match args.runs {
                0 => return Err(invalid("--runs must be at least 1")),
                n => n,
            },
            format: args.format,
            limits: Limits {
                wall_ms: limits(args.timeout)?.wall_ms,
                ..crate::bench::bench_limits()
            },
        }),
        Some(Command::Worker(args)) => Options::Worker {
            engine: args.engine,
        },
    };
    Ok(options)
}

fn run_options(args: RunArgs) -> Result<RunOptions, clap::Error> {
    if args.exact && args.filters.is_empty() {
        return Err(invalid(
            "--exact needs at least one FILTER: the id (<area>/<name>) of a case to run",
        ));
    }
    Ok(RunOptions {
        suite: args.suite.suite,
        engines: dedup(args.engines),
        filters: CaseFilter {
            patterns: args.filters,
            exact: args.exact,
        },
        format: match args.format {
            FormatArg::Pretty => Format::Pretty,
            FormatArg::Json => Format::Json,
            FormatArg::Junit => Format::Junit,
        },
        html: args.html,
        jobs: jobs(args.limits.jobs)?,
        limits: limits(args.limits.timeout)?,
        baseline: args.baseline,
    })
}

fn invalid(message: &str) -> clap::Error {
    Cli::command().error(ErrorKind::ValueValidation, message)
}

fn jobs(jobs: Option<usize>) -> Result<usize, clap::Error> {
    match jobs {
        Some(0) => Err(invalid("--jobs must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)),
    }
}

fn limits(timeout_ms: u64) -> Result<Limits, clap::Error> {
    if timeout_ms == 0 {
        return Err(invalid("--timeout must be at least 1 ms"));
    }
    Ok(Limits {
        wall_ms: timeout_ms,
        ..Limits::default()
    })
}

fn dedup(engines: Vec<EngineKind>) -> Vec<EngineKind> {
    let mut unique = Vec::new();
    for engine in engines {
        if !unique.contains(&engine) {
            unique.push(engine);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> RunOptions {
        match parse(std::iter::once("lexenv").chain(args.iter().copied())) {
            Ok(Options::Run(options)) => options,
            other => panic!("expected run options, got {other:?}"),
        }
    }

    #[test]
    fn no_subcommand_means_run_with_defaults() {
        let options = run(&[]);
        assert_eq!(options.suite, PathBuf::from("."));
        assert!(options.engines.is_empty() && options.filters == CaseFilter::default());
        assert_eq!(options.format, Format::Pretty);
        assert_eq!(options.limits, Limits::default());
        assert!(options.jobs >= 1);
    }

    #[test]
    fn run_options_with_and_without_the_word_run() {
        let args = [
            "--engine", "mini", "--engine", "mini", "--format", "json", "-j", "3", "iife/",
        ];
        let plain = run(&args);
        let mut with_run = vec!["run"];
        with_run.extend(args);
        assert_eq!(plain, run(&with_run));
        assert_eq!(plain.engines, [EngineKind::Mini]);
        assert_eq!(plain.filters, CaseFilter::containing(vec!["iife/".into()]));
        assert_eq!((plain.format, plain.jobs), (Format::Json, 3));
        assert_eq!(plain.baseline, None);
        let compared = run(&["run", "--baseline", "old.json", "iife/"]);
        assert_eq!(compared.baseline, Some(PathBuf::from("old.json")));
        assert_eq!(compared.filters.patterns, ["iife/"]);
    }

    #[test]
    fn exact_makes_filters_whole_ids_and_needs_one() {
        let args = ["--exact", "a/x", "b/y"];
        let exact = run(&args);
        assert_eq!(exact, run(&[&["run"][..], &args].concat()));
        assert_eq!(exact.filters.patterns, ["a/x", "b/y"]);
        assert!(exact.filters.exact);
        assert!(!run(&["a/x"]).filters.exact);
        let err = parse(["lexenv", "run", "--exact"]).expect_err("--exact alone");
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.to_string()
                .contains("--exact needs at least one FILTER"),
            "{err}"
        );
    }

    #[test]
    fn usage_errors_exit_with_2() {
        for args in [
            &["lexenv", "--engine", "rhino"][..],
            &["lexenv", "run", "--jobs", "0"],
            &["lexenv", "run", "--timeout", "0"],
            &["lexenv", "--format", "xml"],
            &["lexenv", "eval"],
            &["lexenv", "new"],
        ] {
            let err = parse(args).expect_err("a usage error");
            assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
        }
        let err = parse(["lexenv", "--engine", "rhino"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown engine `rhino`"), "{err}");
    }

    #[test]
    fn eval_reads_a_file_or_stdin() {
        let Ok(Options::Eval(eval)) = parse(["lexenv", "eval", "-", "--strict"]) else {
            panic!("eval options")
        };
        assert_eq!(eval.input, EvalInput::Stdin);
        assert!(eval.strict);
        let Ok(Options::Eval(eval)) = parse(["lexenv", "eval", "x.js", "--timeout", "7"]) else {
            panic!("eval options")
        };
        assert_eq!(eval.input, EvalInput::File("x.js".into()));
        assert_eq!(eval.limits.wall_ms, 7);
    }
}
