//! `lexenv bench` end to end on a tiny temporary benchmark: the table's
//! shape, the JSON fields, and input errors. Nothing here asserts a time.

use std::path::Path;
use std::process::{Command, Output};

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

fn lexenv(args: &[&str]) -> Output {
    Command::new(LEXENV)
        .args(args)
        .env_remove("CI")
        .output()
        .expect("lexenv runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with `tiny.js`, which prints one checksum line.
fn tiny_bench() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("tiny.js"),
        "let sum = 0;\nfor (let i = 1; i <= 3; i++) sum += i;\nconsole.log('checksum', sum);\n",
    )
    .expect("write bench");
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

#[test]
fn the_table_has_a_row_per_benchmark_and_a_column_per_engine() {
    let dir = tiny_bench();
    let run = lexenv(&["bench", "--runs", "1", path_str(dir.path())]);
    let stdout = text(&run.stdout);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{run:?}\n{stdout}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("1 run(s) per engine"), "{stdout}");
    let header = lines[2];
    assert!(header.starts_with("benchmark"), "{stdout}");
    // Every engine this build and machine has gets a column.
    let columns = header.matches(" ms (min–max)").count();
    assert!(columns >= 1, "{stdout}");
    let row = lines[3];
    assert!(row.starts_with("tiny "), "{stdout}");
    assert!(text(&run.stderr).contains("bench: tiny"), "{run:?}");
}

#[test]
fn json_names_each_engine_result_and_the_checksum() {
    let dir = tiny_bench();
    let file = dir.path().join("tiny.js");
    let run = lexenv(&["bench", "--runs", "2", "--format", "json", path_str(&file)]);
    let json: serde_json::Value =
        serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    assert_eq!(json["runs"], 2);
    let engines = json["engines"].as_array().expect("engines").clone();
    assert!(!engines.is_empty(), "{json}");
    let tiny = &json["benchmarks"][0];
    assert_eq!(tiny["name"], "tiny");
    for engine in &engines {
        let name = engine.as_str().expect("engine name");
        let status = tiny["results"][name]["status"].as_str().expect("status");
        assert!(
            ["ok", "mismatch", "timeout", "limit", "crash"].contains(&status),
            "{json}"
        );
        if status == "ok" {
            assert_eq!(tiny["checksum"], "checksum 6\n", "{json}");
            assert_eq!(
                tiny["results"][name]["runs_ms"].as_array().map(Vec::len),
                Some(2),
                "{json}"
            );
        }
    }
}

#[test]
fn node_computes_the_checksum_when_present() {
    if let Err(reason) = lexenv::engine::node::availability() {
        eprintln!("skipped: node is not available: {reason}");
        return;
    }
    let dir = tiny_bench();
    let run = lexenv(&[
        "bench",
        "--runs",
        "1",
        "--engine",
        "node",
        "--format",
        "json",
        path_str(dir.path()),
    ]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(json["benchmarks"][0]["results"]["node"]["status"], "ok");
    assert_eq!(json["benchmarks"][0]["checksum"], "checksum 6\n");
}

#[test]
fn bad_input_exits_2_with_a_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.js");
    let run = lexenv(&["bench", path_str(&missing)]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(
        text(&run.stderr).contains("missing.js: no such file or folder"),
        "{run:?}"
    );

    let run = lexenv(&["bench", path_str(dir.path())]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(text(&run.stderr).contains("no .js benchmark in"), "{run:?}");

    let run = lexenv(&["bench", "--runs", "0"]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(
        text(&run.stderr).contains("--runs must be at least 1"),
        "{run:?}"
    );
}
