//! The real `lexenv` binary on temporary suites (outside the repository):
//! exit codes, the divergence report, all load errors at once, the JSON and
//! JUnit formats, bless, `known` → `fixed`, timeouts and crashes that leave
//! the run going, and `eval`.
//!
//! Tests that need the reference engine are gated on the `boa` feature; the
//! others use the mini engine and the worker's test-only fault markers
//! (`/*lexenv:abort*/`, `/*lexenv:hang*/`, armed by `LEXENV_TEST_FAULTS`), so
//! `--no-default-features` runs still pass.

mod html;
mod reports;
mod support;
#[cfg(feature = "boa")]
mod with_boa;

use support::*;

// ---------------------------------------------------------------------------
// Usage and input errors (exit 2)
// ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--engine", "rhino"][..],
        &["run", "--no-such-flag"],
        &["run", "--jobs", "0"],
        &["run", "--exact"],
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
    let run = lexenv_in(suite.root(), &["run", "--engine", "mini"], &[], "");
    assert!(
        run.stderr.contains("no cases found: cases holds no"),
        "paths inside the suite print without ./: {run:?}"
    );

    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let run = suite.lexenv(&["run", "--engine", "mini", "nothing-like-this"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("no case id contains any of: nothing-like-this"),
        "{run:?}"
    );
}

/// The ids of the cases in a `--format json` report.
fn case_ids(run: &Run) -> Vec<String> {
    run.json()["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("a cases array: {run:?}"))
        .iter()
        .map(|c| c["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn exact_filters_are_whole_ids_and_the_rerun_command_uses_them() {
    let suite = TempSuite::new();
    suite.case("a/x", "console.log(1);", "", Some("wrong\n"));
    suite.case("a/xy", "console.log(2);", "", Some("2\n"));
    let json = ["run", "--engine", "mini", "--format", "json"];

    let substring = suite.lexenv(&[&json[..], &["a/x"]].concat());
    assert_eq!(case_ids(&substring), ["a/x", "a/xy"], "{substring:?}");
    let exact = suite.lexenv(&[&json[..], &["a/x", "--exact"]].concat());
    assert_eq!(case_ids(&exact), ["a/x"], "{exact:?}");

    let pretty = suite.lexenv(&["run", "--engine", "mini"]);
    assert_eq!(pretty.code, 1, "a/x fails: {pretty:?}");
    let rerun: Vec<&str> = pretty
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("rerun:"))
        .unwrap_or_else(|| panic!("a rerun line: {pretty:?}"))
        .split_whitespace()
        .collect();
    let root = suite.root().to_str().unwrap();
    assert_eq!(
        rerun,
        [
            "lexenv", "run", "a/x", "--exact", "--engine", "mini", "--suite", root
        ],
        "{pretty:?}"
    );
    let again = lexenv(&[&rerun[1..], &["--format", "json"]].concat(), &[]);
    assert_eq!(
        case_ids(&again),
        ["a/x"],
        "the rerun takes one case: {again:?}"
    );

    let none = suite.lexenv(&["run", "--engine", "mini", "--exact", "a/", "a/xyz"]);
    assert_eq!(none.code, 2, "{none:?}");
    assert!(
        none.stderr
            .contains("no case id equals any of: a/, a/xyz (2 cases in the suite)"),
        "the substring filter's message, with `equals`: {none:?}"
    );
}

#[test]
fn new_scaffolds_a_valid_case_and_never_overwrites_one() {
    let suite = TempSuite::new();
    let run = suite.lexenv(&["new", "fresh-area/some-edge"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(suite.case_path("fresh-area/some-edge").is_file(), "{run:?}");
    assert!(
        run.stdout.contains("lexenv bless fresh-area/some-edge"),
        "says what is next: {run:?}"
    );
    let root = suite.root().to_str().unwrap();
    let check = lexenv(&["bless", "--suite", root], &[("CI", "1")]);
    assert_eq!(check.code, 2, "still refuses under CI: {check:?}");
    let again = suite.lexenv(&["new", "fresh-area/some-edge"]);
    assert_eq!(again.code, 2, "{again:?}");
    assert!(again.stderr.contains("already exists"), "{again:?}");
    let bad = suite.lexenv(&["new", "Not An Id"]);
    assert_eq!(bad.code, 2, "{bad:?}");
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
    assert!(
        run.stdout.contains("1 case in 1 area: all valid"),
        "{run:?}"
    );
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

#[test]
fn from_inside_the_suite_golden_paths_print_like_case_paths() {
    let suite = TempSuite::new();
    suite.case("area/wrong", "console.log(1);", "", Some("2\n"));
    let run_here = |args: &[&str]| lexenv_in(suite.root(), args, &[], "");

    let pretty = run_here(&["run", "--engine", "mini"]);
    assert_eq!(pretty.code, 1, "{pretty:?}");
    let lines: Vec<&str> = pretty.stdout.lines().collect();
    assert!(
        lines.contains(&"case:        cases/area/wrong.yaml"),
        "{pretty:?}"
    );
    assert!(
        lines.contains(&"diff: expected/area/wrong.out → mini"),
        "{pretty:?}"
    );
    let json = run_here(&["run", "--engine", "mini", "--format", "json"]).json();
    assert_eq!(json["cases"][0]["path"], "cases/area/wrong.yaml");
    assert_eq!(json["cases"][0]["expected_path"], "expected/area/wrong.out");

    // The load errors name both kinds of path the same way.
    suite.case("area/no-golden", "console.log(3);", "", None);
    suite.golden("area/orphan", "4\n");
    let check = run_here(&["check"]);
    assert_eq!(check.code, 2, "{check:?}");
    for path in ["expected/area/no-golden.out", "cases/area/orphan.yaml"] {
        assert!(check.stderr.contains(path), "{path}: {check:?}");
    }
    assert!(!check.stderr.contains("./"), "{check:?}");
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
    assert!(json["baseline"].is_null(), "no --baseline given");
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
    assert_eq!(names, ["mini"], "one testsuite per engine");
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
            .starts_with("FAILED: 1 of 1 runs failed (1 timeout); 0 passed, 0 known;"),
        "{run:?}"
    );
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
