//! Reports through the real binary, on temporary suites and the mini
//! engine: `--baseline` (regressions, fixes, new and removed runs, exit
//! codes, bad baseline files), the JUnit counts against the JSON summary of
//! the same run, and the pretty report's failure details and verdict.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

const MINI: [&str; 2] = ["--engine", "mini"];

/// `lexenv run --engine mini ARGS` on `suite`.
fn run_mini(suite: &TempSuite, args: &[&str]) -> Run {
    let mut all = vec!["run"];
    all.extend(MINI);
    all.extend(args);
    suite.lexenv(&all)
}

/// Runs the suite with `--format json` and saves the report as a baseline.
fn save_baseline(suite: &TempSuite, path: &Path) -> Run {
    let run = run_mini(suite, &["--format", "json"]);
    std::fs::write(path, &run.stdout).expect("write the baseline");
    run
}

fn ids(list: &Value) -> Vec<(String, String, String)> {
    list.as_array()
        .unwrap_or_else(|| panic!("an array: {list}"))
        .iter()
        .map(|c| {
            (
                c["trial"].as_str().unwrap_or_default().to_string(),
                c["before"].as_str().unwrap_or("-").to_string(),
                c["after"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn baseline_lists_a_regression_and_a_fix_and_exits_1() {
    let suite = TempSuite::new();
    suite.case("area/regresses", "console.log(1);", "", Some("1\n"));
    suite.case("area/gets-fixed", "console.log(2);", "", Some("wrong\n"));
    suite.case("area/stays", "console.log(3);", "", Some("3\n"));
    suite.case("area/goes-away", "console.log(4);", "", Some("4\n"));
    suite.case("modes/both", "console.log(5);", "mode: both\n", Some("5\n"));
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let first = save_baseline(&suite, &old);
    assert_eq!(first.code, 1, "area/gets-fixed fails at first: {first:?}");

    suite.golden("area/regresses", "one\n");
    suite.golden("area/gets-fixed", "2\n");
    std::fs::remove_file(suite.case_path("area/goes-away")).unwrap();
    std::fs::remove_file(suite.golden_path("area/goes-away")).unwrap();
    suite.case("area/arrives", "console.log(6);", "", Some("6\n"));
    let old_arg = old.to_str().unwrap();

    let pretty = run_mini(&suite, &["--baseline", old_arg]);
    assert_eq!(pretty.code, 1, "a regression exits 1: {pretty:?}");
    let out = &pretty.stdout;
    assert!(
        out.contains(&format!("compared with the baseline {old_arg}:")),
        "{pretty:?}"
    );
    assert!(
        out.contains("  mini: 1 regression, 1 fixed, 0 changed, 1 new, 1 removed, 3 unchanged"),
        "{pretty:?}"
    );
    for line in [
        "    regression  area/regresses   pass → fail",
        "    fixed       area/gets-fixed  fail → pass",
        "    new         area/arrives     pass",
        "    removed     area/goes-away   was pass",
    ] {
        assert!(out.contains(line), "{line:?} in {pretty:?}");
    }
    assert!(
        out.contains("baseline:    regression (was pass)"),
        "the failure says it is new: {pretty:?}"
    );
    let verdict = out.lines().last().unwrap();
    assert!(
        verdict.starts_with("FAILED: 1 of 6 runs failed (1 fail)")
            && verdict.ends_with(&format!("; baseline {old_arg}: 1 regression, 1 fixed")),
        "{verdict}"
    );

    let json = run_mini(&suite, &["--baseline", old_arg, "--format", "json"]);
    assert_eq!(json.code, 1, "{json:?}");
    let json = json.json();
    let baseline = &json["baseline"];
    assert_eq!(baseline["path"], old_arg);
    assert_eq!(
        (baseline["regressions"].as_u64(), baseline["fixed"].as_u64()),
        (Some(1), Some(1))
    );
    let mini = &baseline["engines"]["mini"];
    assert_eq!(mini["in_baseline"], true);
    let triple = |t: &str, b: &str, a: &str| (t.to_string(), b.to_string(), a.to_string());
    assert_eq!(
        ids(&mini["regressions"]),
        [triple("mini::area/regresses", "pass", "fail")]
    );
    assert_eq!(
        ids(&mini["fixed"]),
        [triple("mini::area/gets-fixed", "fail", "pass")]
    );
    assert_eq!(
        ids(&mini["new"]),
        [triple("mini::area/arrives", "-", "pass")]
    );
    assert_eq!(
        ids(&mini["removed"]),
        [triple("mini::area/goes-away", "pass", "-")]
    );
    assert_eq!(mini["changed"], serde_json::json!([]));
    assert_eq!(
        mini["unchanged"], 3,
        "area/stays and both modes of modes/both"
    );
    assert_eq!(mini["regressions"][0]["id"], "area/regresses");
    assert_eq!(mini["regressions"][0]["mode"], "sloppy");
    assert_eq!(baseline["only_in_baseline"], serde_json::json!([]));

    let junit = run_mini(&suite, &["--baseline", old_arg, "--format", "junit"]);
    assert_eq!(junit.code, 1, "{junit:?}");
    let xml = roxmltree::Document::parse(&junit.stdout).expect("well-formed XML");
    let properties: Vec<(&str, &str)> = xml
        .descendants()
        .filter(|n| n.has_tag_name("property"))
        .filter_map(|n| Some((n.attribute("name")?, n.attribute("value")?)))
        .collect();
    for expected in [
        ("baseline", old_arg),
        ("baseline.compared", "true"),
        ("baseline.regressions", "1"),
        ("baseline.fixed", "1"),
        ("baseline.new", "1"),
        ("baseline.removed", "1"),
        ("baseline.regression", "area/regresses: pass -> fail"),
        ("baseline.fix", "area/gets-fixed: fail -> pass"),
    ] {
        assert!(
            properties.contains(&expected),
            "{expected:?} in {properties:?}"
        );
    }
    let failure = xml
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("the regression fails");
    assert!(
        failure
            .attribute("message")
            .is_some_and(|m| m.ends_with("(regression: pass in the baseline)")),
        "{:?}",
        failure.attribute("message")
    );
}

#[test]
fn a_run_without_changes_exits_0_against_its_baseline() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    suite.case("area/two", "console.log(2);", "", Some("2\n"));
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    assert_eq!(save_baseline(&suite, &old).code, 0);
    let run = run_mini(&suite, &["--baseline", old.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("  mini: 0 regressions, 0 fixed, 0 changed, 0 new, 0 removed, 2 unchanged"),
        "{run:?}"
    );
    let verdict = run.stdout.lines().last().unwrap();
    assert!(
        verdict.starts_with("ok: 2 runs as expected (2 passed, 0 known); 2 cases on mini in ")
            && verdict.ends_with(": 0 regressions, 0 fixed"),
        "{verdict}"
    );
}

#[test]
fn an_engine_missing_from_the_baseline_is_not_compared() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    std::fs::write(&old, r#"{"engines": ["node"], "cases": []}"#).unwrap();
    let run = run_mini(&suite, &["--baseline", old.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("  mini: not in the baseline (not compared)"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("  node: only in the baseline (not compared)"),
        "{run:?}"
    );
}

#[test]
fn a_bad_baseline_file_exits_2_naming_it() {
    let suite = TempSuite::new();
    suite.case("area/one", "console.log(1);", "", Some("1\n"));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let not_json = dir.path().join("notes.txt");
    std::fs::write(&not_json, "{\n  \"engines\": [\"mini\"],\n  oops\n}\n").unwrap();
    let not_report = dir.path().join("other.json");
    std::fs::write(&not_report, "{\"name\": \"some other tool\"}").unwrap();
    for (path, expected) in [
        (
            &missing,
            format!("cannot read the baseline {}: ", missing.display()),
        ),
        (
            &not_json,
            format!(
                "{}:3:3: the baseline is not JSON: key must be a string",
                not_json.display()
            ),
        ),
        (
            &not_report,
            format!("{}:1:27: missing field `engines`", not_report.display()),
        ),
    ] {
        let run = run_mini(&suite, &["--baseline", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains(&expected), "{expected:?} in {run:?}");
        assert!(run.stdout.is_empty(), "nothing runs: {run:?}");
    }
    let run = run_mini(&suite, &["--baseline", not_report.to_str().unwrap()]);
    assert!(
        run.stderr.contains("is not a lexenv JSON report"),
        "{run:?}"
    );
}

#[test]
fn junit_counts_equal_the_json_summary() {
    let suite = TempSuite::new();
    suite.case("area/pass", "console.log(1);", "", Some("1\n"));
    suite.case("area/fail", "console.log(1);", "", Some("2\n"));
    suite.case("faults/hang", "/*lexenv:hang*/", "", Some("\n"));
    suite.case("faults/crash", "/*lexenv:panic*/", "", Some("\n"));
    suite.case("modes/both", "console.log(3);", "mode: both\n", Some("3\n"));
    let args = ["--timeout", "500"];
    let json = run_mini(&suite, &[&args[..], &["--format", "json"]].concat());
    let junit = run_mini(&suite, &[&args[..], &["--format", "junit"]].concat());
    assert_eq!((json.code, junit.code), (1, 1), "{json:?}\n{junit:?}");
    let summary = &json.json()["summary"]["mini"];
    let xml = roxmltree::Document::parse(&junit.stdout)
        .unwrap_or_else(|e| panic!("well-formed XML ({e}):\n{}", junit.stdout));
    let root = xml.root_element();
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    let names: Vec<_> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(names, ["mini"], "one testsuite per engine");
    let count = |node: roxmltree::Node, name: &str| -> u64 {
        node.attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} on <{}>", node.tag_name().name()))
    };
    let status = |name: &str| summary["statuses"][name].as_u64().unwrap();
    for node in [root, suites[0]] {
        assert_eq!(count(node, "tests"), summary["total"].as_u64().unwrap());
        assert_eq!(count(node, "tests"), 6);
        assert_eq!(
            count(node, "failures") + count(node, "errors"),
            summary["failed"].as_u64().unwrap()
        );
        assert_eq!(count(node, "failures"), status("fail") + status("fixed"));
        assert_eq!(
            count(node, "errors"),
            status("timeout") + status("limit") + status("crash")
        );
        assert_eq!(count(node, "skipped"), summary["known"].as_u64().unwrap());
    }
    // `known` and `fixed` need an engine other than mini: junit.rs's unit
    // tests cover them.
    assert_eq!(status("fail"), 1);
    assert_eq!(
        (status("timeout"), status("crash"), status("pass")),
        (1, 1, 3)
    );
    let testcases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(testcases.len(), 6, "one per case and mode");
    let child = |name: &str, tag: &str| {
        testcases
            .iter()
            .find(|n| n.attribute("name") == Some(name))
            .and_then(|n| n.children().find(|c| c.has_tag_name(tag)))
            .unwrap_or_else(|| panic!("<{tag}> in {name}: {}", junit.stdout))
    };
    let failure = child("mini::area/fail", "failure");
    let report = failure.text().unwrap_or_default();
    assert!(
        report.contains("── FAIL mini::area/fail ──") && report.contains("-2\n+1\n"),
        "the divergence report with its diff: {report}"
    );
    assert!(
        report.contains("9.1.2.1 GetIdentifierReference"),
        "{report}"
    );
    assert_eq!(
        child("mini::faults/hang", "error").attribute("type"),
        Some("timeout")
    );
    assert_eq!(
        child("mini::faults/crash", "error").attribute("type"),
        Some("crash")
    );
    for name in ["mini::modes/both::sloppy", "mini::modes/both::strict"] {
        assert!(
            testcases.iter().any(|n| n.attribute("name") == Some(name)),
            "{name}"
        );
    }
}

#[test]
fn a_failure_shows_its_clauses_marked_source_and_rerun_commands() {
    let suite = TempSuite::new();
    suite.case(
        "area/greeting",
        "let name = 'John';\nfunction hi() { console.log('Hi, ' + name); }\nhi();\nconsole.log(7);",
        "",
        Some("Hi, Pete\n7\n"),
    );
    let run = run_mini(&suite, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    let out = &run.stdout;
    assert!(out.contains("── FAIL mini::area/greeting ──"), "{run:?}");
    assert!(
        out.contains("spec:        9.1.2.1 GetIdentifierReference"),
        "{run:?}"
    );
    assert!(
        out.contains("source: (› may print a changed line)"),
        "{run:?}"
    );
    assert!(
        out.contains("›   5 │ function hi() { console.log('Hi, ' + name); }"),
        "the printing line is marked: {run:?}"
    );
    assert!(out.contains("    7 │ console.log(7);"), "{run:?}");
    let root = suite.root().to_str().unwrap();
    assert!(
        out.contains(&format!(
            "rerun:       lexenv run area/greeting --exact --engine mini --suite {root}"
        )),
        "{run:?}"
    );
    assert!(
        !out.contains("cargo test"),
        "only for the project's own suite: {run:?}"
    );
    let here = lexenv_in(suite.root(), &["run", "--engine", "mini"], &[], "");
    assert!(
        here.stdout.contains(
            "rerun:       lexenv run area/greeting --exact --engine mini\n             \
             cargo test --test conformance -- --exact mini::area/greeting\n"
        ),
        "{here:?}"
    );
    let table_header = out
        .lines()
        .position(|l| l.starts_with("area "))
        .expect("the summary table");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[table_header + 1].starts_with("area  mini"), "{run:?}");
    assert!(
        lines.last().unwrap().starts_with(
            "FAILED: 1 of 1 runs failed (1 fail); 0 passed, 0 known; 1 case on mini in "
        ),
        "{run:?}"
    );
}
