//! CLI tests that need the reference engine (built with the `boa` feature).

use super::support::*;

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
        run.stdout
            .contains("ok: 3 runs as expected (3 passed, 0 known)"),
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
