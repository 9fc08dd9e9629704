//! The real `lexenv` binary on temporary suites (outside the repository):
//! exit codes, the divergence report, all load errors at once, the JSON and
//! JUnit formats, bless, `known` → `fixed`, timeouts and crashes that leave
//! the run going, and `eval`.
//!
//! Tests that need the reference engine are gated on the `boa` feature; the
//! others use the mini engine and the worker's test-only fault markers
//! (`/*lexenv:abort*/`, `/*lexenv:hang*/`, armed by `LEXENV_TEST_FAULTS`), so
//! `--no-default-features` runs still pass.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

/// A suite in a temporary folder.
struct TempSuite {
    dir: tempfile::TempDir,
}

impl TempSuite {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("cases")).unwrap();
        std::fs::create_dir_all(dir.path().join("expected")).unwrap();
        TempSuite { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn case_path(&self, id: &str) -> PathBuf {
        self.root().join("cases").join(format!("{id}.yaml"))
    }

    fn golden_path(&self, id: &str) -> PathBuf {
        self.root().join("expected").join(format!("{id}.out"))
    }

    /// Writes a case file verbatim.
    fn raw_case(&self, id: &str, yaml: &str) {
        let path = self.case_path(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, yaml).unwrap();
    }

    /// Writes a valid case with `extra` YAML lines and, if given, its golden.
    fn case(&self, id: &str, source: &str, extra: &str, golden: Option<&str>) {
        self.raw_case(id, &case_yaml(source, extra));
        if let Some(golden) = golden {
            self.golden(id, golden);
        }
    }

    fn golden(&self, id: &str, text: &str) {
        let path = self.golden_path(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `lexenv ARGS --suite ROOT` (outside CI, with the test faults
    /// armed).
    fn lexenv(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().expect("utf-8 temp path");
        all.extend(["--suite", root]);
        lexenv(&all, &[])
    }
}

/// A valid case file: the source on line 4.
fn case_yaml(source: &str, extra: &str) -> String {
    let mut yaml = String::from(
        "description: A function reads the variable's current value.\n\
         spec: [sec-getidentifierreference]\n\
         source: |\n",
    );
    for line in source.lines() {
        yaml.push_str("  ");
        yaml.push_str(line);
        yaml.push('\n');
    }
    yaml.push_str(extra);
    yaml
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn lexenv(args: &[&str], env: &[(&str, &str)]) -> Run {
    lexenv_with_stdin(args, env, "")
}

fn lexenv_with_stdin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    lexenv_in(Path::new("."), args, env, stdin)
}

fn lexenv_in(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut command = Command::new(LEXENV);
    command
        .current_dir(dir)
        .args(args)
        .env_remove("CI")
        .env("LEXENV_TEST_FAULTS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("lexenv starts");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("piped stdin");
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("lexenv runs");
    Run {
        code: status.code().expect("lexenv exits normally"),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// Whether `text` holds `<file>:<line>:<column>`.
fn has_position(text: &str, file: &str) -> bool {
    text.match_indices(file).any(|(at, _)| {
        let rest = &text[at + file.len()..];
        let mut parts = rest.splitn(3, ':');
        parts.next() == Some("")
            && parts
                .next()
                .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
            && parts
                .next()
                .is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
    })
}

/// The result of `engine` on case `id` (first mode) in a JSON report.
fn result<'a>(json: &'a Value, id: &str, engine: &str) -> &'a Value {
    json["cases"]
        .as_array()
        .expect("cases array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("case {id} in the report: {json:#}"))
        .get("results")
        .and_then(|r| r.get(engine))
        .unwrap_or_else(|| panic!("{engine} result for {id}: {json:#}"))
}

// ---------------------------------------------------------------------------
// Usage and input errors (exit 2)
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--engine", "rhino"][..],
        &["run", "--no-such-flag"],
        &["run", "--jobs", "0"],
        &["run", "--format", "xml"],
        &["eval"],
    ] {
        let run = lexenv(args, &[]);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?} explains itself: {run:?}");
    }
    assert_eq!(lexenv(&["--help"], &[]).code, 0);
}

#[test]
fn three_bad_case_files_are_all_reported_with_positions() {
    let suite = TempSuite::new();
    suite.case("good/fine", "console.log(1);", "", Some("1\n"));
    suite.raw_case(
        "bad/unknown-key",
        &case_yaml("console.log(1);", "colour: blue\n"),
    );
    suite.raw_case(
        "bad/indentation",
        "description: broken\nspec: [sec-getidentifierreference]\nsource: |\n  a();\n b();\n   mode: x\n",
    );
    suite.raw_case(
        "bad/unknown-clause",
        "description: d\nspec: [sec-no-such-clause]\nsource: |\n  console.log(1);\n",
    );
    for name in ["unknown-key", "indentation", "unknown-clause"] {
        suite.golden(&format!("bad/{name}"), "1\n");
    }
    for command in [&["run", "--engine", "mini"][..], &["check"]] {
        let run = suite.lexenv(command);
        assert_eq!(run.code, 2, "{command:?}: {run:?}");
        for file in [
            "unknown-key.yaml",
            "indentation.yaml",
            "unknown-clause.yaml",
        ] {
            assert!(
                has_position(&run.stderr, file),
                "{command:?} names {file}:line:column: {run:?}"
            );
        }
        assert!(
            run.stderr.contains("colour"),
            "names the unknown key: {run:?}"
        );
        assert!(
            run.stderr.contains("sec-no-such-clause"),
            "names the clause: {run:?}"
        );
    }
}

#[test]
fn a_folder_without_cases_or_a_filter_matching_nothing_exits_2() {
    let empty = tempfile::tempdir().unwrap();
    let run = lexenv(&["run", "--suite", empty.path().to_str().unwrap()], &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no cases/ folder"), "{run:?}");

    let suite = TempSuite::new();
    let run = suite.lexenv(&["run", "--engine", "mini"]);
    assert_eq!(run.code, 2, "an empty suite is not a pass: {run:?}");
    assert!(run.stderr.contains("no cases found"), "{run:?}");

    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let run = suite.lexenv(&["run", "--engine", "mini", "nothing-like-this"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("no case id contains any of: nothing-like-this"),
        "{run:?}"
    );
}

#[test]
fn check_accepts_a_valid_suite() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    suite.case("other/two", "console.log(2);", "mode: both\n", Some("2\n"));
    let run = suite.lexenv(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("2 cases in 2 areas"), "{run:?}");
}

#[test]
fn the_current_folder_is_the_default_suite() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let run = lexenv_in(suite.root(), &["check"], &[], "");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("1 cases in 1 areas"), "{run:?}");
    let run = lexenv_in(
        suite.root(),
        &["--engine", "mini", "--format", "json"],
        &[],
        "",
    );
    let json = run.json();
    assert_eq!(json["suite"], ".");
    assert_eq!(json["cases"][0]["id"], "area/one");
    assert_eq!(json["cases"][0]["path"], "cases/area/one.yaml");
}

#[cfg(not(feature = "boa"))]
#[test]
fn naming_an_engine_that_is_not_built_in_exits_2() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let run = suite.lexenv(&["run", "--engine", "boa"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("engine `boa` is not available"),
        "{run:?}"
    );
}

// ---------------------------------------------------------------------------
// Bless policy
// ---------------------------------------------------------------------------

#[test]
fn bless_refuses_under_ci() {
    let suite = TempSuite::new();
    suite.case("area/new-case", "console.log(1);", "", None);
    let root = suite.root().to_str().unwrap();
    let run = lexenv(&["bless", "--suite", root], &[("CI", "1")]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("refusing to bless"), "{run:?}");
    assert!(
        !suite.golden_path("area/new-case").exists(),
        "nothing written under CI"
    );
}

// ---------------------------------------------------------------------------
// Timeouts and crashes never stop a run (mini + test fault markers)
// ---------------------------------------------------------------------------

#[test]
fn a_crashing_and_a_hanging_worker_leave_the_run_going() {
    let suite = TempSuite::new();
    suite.case(
        "faults/abort",
        "/*lexenv:abort*/ console.log(1);",
        "",
        Some("1\n"),
    );
    suite.case(
        "faults/hang",
        "/*lexenv:hang*/ console.log(1);",
        "",
        Some("1\n"),
    );
    suite.case(
        "faults/panic",
        "/*lexenv:panic*/ console.log(1);",
        "",
        Some("1\n"),
    );
    suite.case("faults/zzz-after", "console.log(1);", "", Some("1\n"));
    let run = suite.lexenv(&[
        "run",
        "--engine",
        "mini",
        "--format",
        "json",
        "--timeout",
        "1000",
        "-j",
        "1",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    let json = run.json();
    let abort = result(&json, "faults/abort", "mini");
    assert_eq!(abort["status"], "crash", "{abort:#}");
    let reason = abort["reason"].as_str().unwrap();
    assert!(reason.contains("signal 6 (SIGABRT)"), "{reason}");
    assert!(
        reason.contains("aborting on the test marker"),
        "stderr is quoted: {reason}"
    );
    let hang = result(&json, "faults/hang", "mini");
    assert_eq!(hang["status"], "timeout", "{hang:#}");
    assert_eq!(hang["reason"], "wall-clock limit of 1000 ms");
    let panic = result(&json, "faults/panic", "mini");
    assert_eq!(panic["status"], "crash", "{panic:#}");
    assert!(
        panic["reason"]
            .as_str()
            .unwrap()
            .contains("engine panicked: test marker panic")
    );
    let after = result(&json, "faults/zzz-after", "mini");
    assert!(
        after["status"].is_string(),
        "the case after the faults ran: {after:#}"
    );
    assert_ne!(after["reason"], "the job was never run");
}

// ---------------------------------------------------------------------------
// Report formats
// ---------------------------------------------------------------------------

#[test]
fn json_report_has_the_documented_shape() {
    let suite = TempSuite::new();
    suite.case(
        "area/one",
        "console.log(1);",
        "known:\n  boa: \"a reason\"\n",
        Some("1\n"),
    );
    suite.case("area/both", "console.log(2);", "mode: both\n", Some("2\n"));
    let run = suite.lexenv(&["run", "--engine", "mini", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let json = run.json();
    assert_eq!(json["suite"], suite.root().to_str().unwrap());
    assert_eq!(json["engines"], serde_json::json!(["mini"]));
    assert_eq!(json["ok"], run.code == 0);
    assert_eq!(json["limits"]["wall_ms"], 5000);
    assert!(json["elapsed_ms"].is_u64());
    assert!(json["mini_vs_boa"].is_u64());
    let summary = &json["summary"]["mini"];
    assert_eq!(summary["total"], 3, "one run per (case, mode): {summary}");
    let (passed, failed, known) = (
        summary["passed"].as_u64(),
        summary["failed"].as_u64(),
        summary["known"].as_u64(),
    );
    assert_eq!(passed.unwrap() + failed.unwrap() + known.unwrap(), 3);
    for status in [
        "pass", "fail", "known", "fixed", "timeout", "limit", "crash",
    ] {
        assert!(
            summary["statuses"][status].is_u64(),
            "statuses.{status}: {summary}"
        );
    }
    let cases = json["cases"].as_array().unwrap();
    let modes: Vec<(&str, &str)> = cases
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["mode"].as_str().unwrap()))
        .collect();
    assert_eq!(
        modes,
        [
            ("area/both", "sloppy"),
            ("area/both", "strict"),
            ("area/one", "sloppy")
        ]
    );
    let case = &cases[2];
    assert_eq!(case["area"], "area");
    assert_eq!(
        case["description"],
        "A function reads the variable's current value."
    );
    assert_eq!(case["spec"][0]["id"], "sec-getidentifierreference");
    assert_eq!(case["spec"][0]["number"], "9.1.2.1");
    assert!(
        case["spec"][0]["title"]
            .as_str()
            .unwrap()
            .starts_with("GetIdentifierReference")
    );
    assert!(case["path"].as_str().unwrap().ends_with("one.yaml"));
    assert!(case["expected_path"].as_str().unwrap().ends_with("one.out"));
    assert!(case["mini_vs_boa"].is_null(), "only one engine ran");
    let mini = &case["results"]["mini"];
    let status = mini["status"].as_str().unwrap();
    assert!(
        [
            "pass", "fail", "known", "fixed", "timeout", "limit", "crash"
        ]
        .contains(&status)
    );
    assert_eq!(mini["expected"], "1\n");
    assert!(mini["known"].is_null(), "known.boa is not mini's");
    assert!(mini["notes"].is_array() && mini["time_ms"].is_u64());
    for field in ["transcript", "diff", "reason"] {
        assert!(
            mini[field].is_string() || mini[field].is_null(),
            "{field}: {mini}"
        );
    }
    assert_eq!(
        mini["transcript"].is_string(),
        mini["reason"].is_null(),
        "{mini}"
    );
}

#[test]
fn junit_report_is_well_formed() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log('<&>\"');", "", Some("<&>\"\n"));
    suite.case("area/hang", "/*lexenv:hang*/", "", Some("\n"));
    suite.case("other/two", "console.log(2);", "mode: both\n", Some("2\n"));
    let run = suite.lexenv(&[
        "run",
        "--engine",
        "mini",
        "--format",
        "junit",
        "--timeout",
        "500",
    ]);
    assert_eq!(run.code, 1, "the hang fails: {run:?}");
    let xml = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|e| panic!("well-formed XML ({e}):\n{}", run.stdout));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("4"));
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<_> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(names, ["area", "other"]);
    let cases: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(
        cases,
        [
            "mini::area/hang",
            "mini::area/one",
            "mini::other/two::sloppy",
            "mini::other/two::strict"
        ]
    );
    let hang = xml
        .descendants()
        .find(|n| n.attribute("name") == Some("mini::area/hang"))
        .unwrap();
    let error = hang
        .children()
        .find(|n| n.has_tag_name("error"))
        .expect("a timeout is an <error>");
    assert_eq!(error.attribute("type"), Some("timeout"));
    assert_eq!(
        error.attribute("message"),
        Some("wall-clock limit of 500 ms")
    );
}

#[test]
fn pretty_report_is_plain_when_piped() {
    let suite = TempSuite::new();
    suite.case("area/hang", "/*lexenv:hang*/", "", Some("\n"));
    let run = suite.lexenv(&["run", "--engine", "mini", "--timeout", "300"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        !run.stdout.contains('\x1b'),
        "no ANSI escapes when piped: {run:?}"
    );
    assert!(
        run.stdout.contains("── TIMEOUT mini::area/hang ──"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("outcome:     timeout: wall-clock limit of 300 ms"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("9.1.2.1 GetIdentifierReference"),
        "clause number and title: {run:?}"
    );
    assert!(
        run.stdout.contains("  4 │ /*lexenv:hang*/"),
        "numbered source: {run:?}"
    );
    assert!(run.stdout.contains("area"), "summary table: {run:?}");
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("FAILED: 0 passed, 1 failed"),
        "{run:?}"
    );
}

// ---------------------------------------------------------------------------
// With the reference engine
// ---------------------------------------------------------------------------

#[cfg(feature = "boa")]
mod with_boa {
    use super::*;

    const SOURCE: &str = "let name = \"John\";\nfunction sayHi() { console.log(\"Hi, \" + name); }\nname = \"Pete\";\nsayHi();";

    #[test]
    fn a_passing_suite_exits_0_and_a_changed_golden_line_exits_1_with_the_report() {
        let suite = TempSuite::new();
        suite.case("latest-value/reads-current", SOURCE, "", Some("Hi, Pete\n"));
        suite.case(
            "latest-value/other",
            "console.log(1 + 1);",
            "mode: both\n",
            Some("2\n"),
        );
        let run = suite.lexenv(&["run", "--engine", "boa"]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.stdout.contains("ok: 3 passed, 0 failed, 0 known"),
            "{run:?}"
        );
        assert!(
            run.stdout.contains("latest-value"),
            "summary table per area: {run:?}"
        );

        suite.golden("latest-value/reads-current", "Hi, John\n");
        let run = suite.lexenv(&["run", "--engine", "boa"]);
        assert_eq!(run.code, 1, "{run:?}");
        for part in [
            "── FAIL boa::latest-value/reads-current ──",
            "A function reads the variable's current value.",
            "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )",
            "  4 │ let name = \"John\";",
            "  7 │ sayHi();",
            "--- expected\n+++ boa\n",
            "-Hi, John\n+Hi, Pete\n",
        ] {
            assert!(run.stdout.contains(part), "report shows {part:?}: {run:?}");
        }
        assert!(
            !run.stdout.contains("boa::latest-value/other"),
            "passing cases have no report"
        );
    }

    #[test]
    fn known_holds_while_boa_diverges_and_becomes_fixed_when_it_passes() {
        let suite = TempSuite::new();
        let known = "known:\n  boa: \"diverges, see upstream\"\n";
        suite.case("area/still-known", "console.log(1);", known, Some("2\n"));
        let run = suite.lexenv(&["run", "--engine", "boa", "--format", "json"]);
        assert_eq!(
            run.code, 0,
            "a held known divergence is as expected: {run:?}"
        );
        let json = run.json();
        let r = result(&json, "area/still-known", "boa");
        assert_eq!(r["status"], "known");
        assert_eq!(r["known"], "diverges, see upstream");

        suite.golden("area/still-known", "1\n");
        let run = suite.lexenv(&["run", "--engine", "boa"]);
        assert_eq!(run.code, 1, "fixed is a failure: {run:?}");
        assert!(
            run.stdout.contains("── FIXED boa::area/still-known ──"),
            "{run:?}"
        );
        assert!(run.stdout.contains("Remove `known.boa`"), "{run:?}");
    }

    #[test]
    fn runaway_loops_time_out_and_the_run_reports_the_rest() {
        let suite = TempSuite::new();
        suite.case("limits/while-true", "while (true) {}", "", Some("\n"));
        suite.case(
            "limits/map-callback",
            "[1].map(() => { for (;;) {} });",
            "",
            Some("\n"),
        );
        suite.case("limits/zzz-fine", "console.log(1);", "", Some("1\n"));
        let start = std::time::Instant::now();
        let run = suite.lexenv(&[
            "run",
            "--engine",
            "boa",
            "--format",
            "json",
            "--timeout",
            "1000",
        ]);
        assert!(
            start.elapsed().as_secs() < 20,
            "bounded by the limit: {:?}",
            start.elapsed()
        );
        assert_eq!(run.code, 1, "{run:?}");
        let json = run.json();
        for id in ["limits/while-true", "limits/map-callback"] {
            let r = result(&json, id, "boa");
            assert_eq!(r["status"], "timeout", "{id}: {r:#}");
            assert!(r["reason"].is_string(), "{id}: {r:#}");
        }
        assert_eq!(result(&json, "limits/zzz-fine", "boa")["status"], "pass");
    }

    #[test]
    fn a_huge_allocation_never_stops_the_run() {
        let suite = TempSuite::new();
        suite.case(
            "limits/huge-string",
            "const s = 'x'.repeat(2 ** 30);\nconsole.log(s.length);",
            "",
            Some("\n"),
        );
        suite.case("limits/zzz-fine", "console.log(1);", "", Some("1\n"));
        let run = suite.lexenv(&["run", "--engine", "boa", "--format", "json", "-j", "1"]);
        assert!(run.code == 0 || run.code == 1, "{run:?}");
        let json = run.json();
        let status = result(&json, "limits/huge-string", "boa")["status"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            ["fail", "limit", "crash", "timeout"].contains(&status.as_str()),
            "{status}"
        );
        assert_eq!(result(&json, "limits/zzz-fine", "boa")["status"], "pass");
    }

    #[test]
    fn bless_writes_new_goldens_and_skips_known_and_refuses_timeouts() {
        let suite = TempSuite::new();
        suite.case("area/new-case", SOURCE, "", None);
        suite.case(
            "area/both-modes",
            "(function () { console.log(typeof this); })();",
            "mode: both\n",
            None,
        );
        suite.case(
            "area/known",
            "console.log(1);",
            "known:\n  boa: \"hand-written\"\n",
            Some("2\n"),
        );
        let run = suite.lexenv(&["bless"]);
        assert_eq!(
            run.code, 1,
            "both-modes prints differently in strict mode: {run:?}"
        );
        assert!(run.stdout.contains("created   "), "{run:?}");
        assert!(
            run.stdout.contains("NOT blessed area/both-modes"),
            "{run:?}"
        );
        assert!(
            run.stdout.contains("skipped   area/known: known.boa"),
            "{run:?}"
        );
        let golden = std::fs::read_to_string(suite.golden_path("area/new-case")).unwrap();
        assert_eq!(golden, "Hi, Pete\n");
        assert!(!suite.golden_path("area/both-modes").exists());
        assert_eq!(
            std::fs::read_to_string(suite.golden_path("area/known")).unwrap(),
            "2\n"
        );

        let run = suite.lexenv(&["bless", "new-case"]);
        assert_eq!(run.code, 0, "{run:?}");
        assert!(
            run.stdout.contains("0 created, 0 changed, 1 unchanged"),
            "{run:?}"
        );

        suite.case("area/hangs", "while (true) {}", "", None);
        let run = suite.lexenv(&["bless", "--timeout", "500", "hangs"]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(
            run.stdout
                .contains("NOT blessed area/hangs: sloppy run ended as timeout"),
            "{run:?}"
        );
        assert!(!suite.golden_path("area/hangs").exists());
    }

    #[test]
    fn eval_runs_a_script_on_each_engine() {
        let run = lexenv_with_stdin(
            &["eval", "--engine", "boa", "-"],
            &[],
            "console.log(6 * 7);\n",
        );
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.stdout.contains("── boa ("), "{run:?}");
        assert!(run.stdout.contains("\n42\n"), "{run:?}");

        let script = "(function () { console.log(this === undefined); })();\n";
        let sloppy = lexenv_with_stdin(&["eval", "--engine", "boa", "-"], &[], script);
        let strict = lexenv_with_stdin(&["eval", "--engine", "boa", "--strict", "-"], &[], script);
        assert!(sloppy.stdout.contains("\nfalse\n"), "{sloppy:?}");
        assert!(strict.stdout.contains("\ntrue\n"), "{strict:?}");

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("script.js");
        std::fs::write(&file, "while (true) {}").unwrap();
        let run = lexenv(
            &[
                "eval",
                "--engine",
                "boa",
                "--timeout",
                "500",
                file.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(run.code, 1, "a timeout is not as expected: {run:?}");
        assert!(run.stdout.contains("timeout: "), "{run:?}");
    }
}

#[test]
fn eval_of_a_missing_file_exits_2() {
    let run = lexenv(&["eval", "/nonexistent/script.js"], &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot read /nonexistent/script.js"),
        "{run:?}"
    );
}
