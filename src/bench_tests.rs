//! Unit tests of `bench`: statistics, checksum comparison, discovery errors
//! and the table, with scripted engines (no real engine, nothing timed).

use super::*;
use crate::transcript::Transcript;

/// An engine that answers from a script: `transcript` for every benchmark
/// run, or `failure` when set. The warm-up run (empty source) is answered
/// with an empty transcript.
struct Scripted {
    transcript: &'static str,
    failure: Option<Outcome>,
    runs: usize,
}

impl Engine for Scripted {
    fn name(&self) -> &'static str {
        "scripted"
    }
    fn run(&mut self, source: &str, _limits: &Limits) -> Outcome {
        if source.is_empty() {
            return Outcome::completed(Transcript::new());
        }
        self.runs += 1;
        if let Some(failure) = &self.failure {
            return failure.clone();
        }
        let mut t = Transcript::new();
        t.push_line(self.transcript);
        Outcome::completed(t)
    }
}

fn engine(transcript: &'static str) -> Box<dyn Engine> {
    Box::new(Scripted {
        transcript,
        failure: None,
        runs: 0,
    })
}

fn failing(failure: Outcome) -> Box<dyn Engine> {
    Box::new(Scripted {
        transcript: "",
        failure: Some(failure),
        runs: 0,
    })
}

fn bench(name: &str) -> Benchmark {
    Benchmark {
        name: name.into(),
        path: PathBuf::from(format!("bench/{name}.js")),
        source: "x()".into(),
    }
}

#[test]
fn timing_takes_median_min_and_max() {
    let t = Timing::of(vec![5.0, 1.0, 3.0]).expect("three runs");
    assert_eq!((t.median_ms, t.min_ms, t.max_ms), (3.0, 1.0, 5.0));
    let t = Timing::of(vec![4.0, 1.0, 2.0, 3.0]).expect("four runs");
    assert_eq!(t.median_ms, 2.5);
    assert_eq!(
        t.runs_ms,
        vec![4.0, 1.0, 2.0, 3.0],
        "runs are kept in order"
    );
    assert!(Timing::of(Vec::new()).is_none());
}

#[test]
fn matching_engines_are_ok_and_get_a_ratio() {
    let mut engines = vec![
        (EngineKind::Boa, engine("checksum 7")),
        (EngineKind::Mini, engine("checksum 7")),
    ];
    let mut started = Vec::new();
    let report = run(
        &[bench("a"), bench("b")],
        &mut engines,
        3,
        &bench_limits(),
        |b| started.push(b.name.clone()),
    );
    assert_eq!(started, ["a", "b"]);
    assert_eq!(report.runs, 3);
    assert!(report.all_ok());
    let a = &report.benchmarks[0];
    assert_eq!(a.checksum.as_deref(), Some("checksum 7\n"));
    match &a.results[&EngineKind::Mini] {
        EngineResult::Ok(t) => assert_eq!(t.runs_ms.len(), 3),
        other => panic!("expected ok, got {other:?}"),
    }
    assert!(a.ratio_mini_boa.is_some());
}

#[test]
fn a_wrong_transcript_is_a_mismatch_without_ratio() {
    let mut engines = vec![
        (EngineKind::Boa, engine("checksum 7")),
        (EngineKind::Mini, engine("checksum 8")),
    ];
    let report = run(&[bench("a")], &mut engines, 2, &bench_limits(), |_| {});
    assert!(!report.all_ok());
    let a = &report.benchmarks[0];
    assert_eq!(
        a.results[&EngineKind::Boa].status(),
        "ok",
        "boa is the reference"
    );
    match &a.results[&EngineKind::Mini] {
        EngineResult::Mismatch { transcript, .. } => assert_eq!(transcript, "checksum 8\n"),
        other => panic!("expected mismatch, got {other:?}"),
    }
    assert_eq!(a.ratio_mini_boa, None);
    let table = render_pretty(&report);
    assert!(table.contains("MISMATCH"), "{table}");
    assert!(
        table.contains("a: mini printed \"checksum 8\", expected \"checksum 7\""),
        "{table}"
    );
}

#[test]
fn a_failed_run_stops_that_engine_and_is_reported() {
    let mut engines = vec![
        (
            EngineKind::Boa,
            failing(Outcome::Timeout {
                reason: "wall-clock limit of 9 ms".into(),
            }),
        ),
        (EngineKind::Mini, engine("checksum 1")),
    ];
    let report = run(&[bench("slow")], &mut engines, 4, &bench_limits(), |_| {});
    let slow = &report.benchmarks[0];
    assert_eq!(slow.results[&EngineKind::Boa].status(), "timeout");
    assert_eq!(
        slow.checksum.as_deref(),
        Some("checksum 1\n"),
        "without boa the first completed engine is the reference"
    );
    assert_eq!(slow.results[&EngineKind::Mini].status(), "ok");
    let table = render_pretty(&report);
    assert!(
        table.contains("slow: boa timeout: wall-clock limit of 9 ms"),
        "{table}"
    );
}

#[test]
fn the_table_has_a_column_per_engine_and_the_ratio() {
    let mut engines = vec![
        (EngineKind::Boa, engine("c")),
        (EngineKind::Mini, engine("c")),
        (EngineKind::Node, engine("c")),
    ];
    let report = run(&[bench("fib")], &mut engines, 1, &bench_limits(), |_| {});
    let table = render_pretty(&report);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("1 run(s) per engine"), "{table}");
    let header = lines[2];
    for column in [
        "benchmark",
        "boa ms (min–max)",
        "mini ms (min–max)",
        "node ms (min–max)",
        "mini/boa",
    ] {
        assert!(header.contains(column), "missing {column}: {table}");
    }
    assert!(lines[3].starts_with("fib "), "{table}");
    assert!(lines[3].ends_with('×'), "{table}");

    let json: serde_json::Value = serde_json::from_str(&render_json(&report)).expect("valid JSON");
    assert_eq!(json["engines"], serde_json::json!(["boa", "mini", "node"]));
    assert_eq!(json["benchmarks"][0]["results"]["node"]["status"], "ok");
    assert!(json["benchmarks"][0]["results"]["boa"]["median_ms"].is_number());
}

#[test]
fn discovery_reads_files_and_folders_and_names_missing_paths() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("b.js"), "console.log(2)").expect("write");
    fs::write(dir.path().join("a.js"), "console.log(1)").expect("write");
    fs::write(dir.path().join("notes.txt"), "not a benchmark").expect("write");
    let found = discover(&[dir.path().to_path_buf()]).expect("two benchmarks");
    let names: Vec<&str> = found.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(found[0].source, "console.log(1)");

    let one = discover(&[dir.path().join("b.js")]).expect("one file");
    assert_eq!(one.len(), 1);

    let missing = dir.path().join("nope");
    let err = discover(std::slice::from_ref(&missing)).expect_err("missing path");
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or folder", missing.display())
    );

    let empty = tempfile::tempdir().expect("temp dir");
    let err = discover(&[empty.path().to_path_buf()]).expect_err("no .js");
    assert!(err.to_string().starts_with("no .js benchmark in "), "{err}");
}
