//! `lexenv run --html DIR` on temporary suites (mini engine only): the page
//! is written next to any `--format` on stdout, its matrix holds the JSON
//! summary's counts, and a folder that cannot be made is a usage error.

use crate::support::*;

/// The number in the total row's cell for (engine, status).
fn total_cell(html: &str, engine: &str, status: &str) -> Option<u64> {
    let footer = &html[html.find("<tfoot>")?..];
    let marker = format!("data-engine=\"{engine}\" data-status=\"{status}\">");
    let rest = &footer[footer.find(&marker)? + marker.len()..];
    rest[..rest.find('<')?].parse().ok()
}

#[test]
fn html_report_is_written_alongside_json_and_matches_its_summary() {
    let suite = TempSuite::new();
    suite.case(
        "area/pass",
        "console.log(1 < 2, \"&\");",
        "",
        Some("true &\n"),
    );
    suite.case(
        "area/fail",
        "for (let i = 0; i < 3; i++) console.log(i);",
        "",
        Some("0\n1\n3\n"),
    );
    suite.case("other/hang", "/*lexenv:hang*/", "", Some("\n"));
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().join("report");
    let run = suite.lexenv(&[
        "run",
        "--engine",
        "mini",
        "--format",
        "json",
        "--timeout",
        "500",
        "--html",
        dir.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 1, "a failing run: {run:?}");
    let json = run.json();
    assert!(
        run.stderr.contains("index.html"),
        "says where the page is: {run:?}"
    );
    let html = std::fs::read_to_string(dir.join("index.html")).expect("index.html written");
    let statuses = &json["summary"]["mini"]["statuses"];
    for (status, n) in statuses.as_object().expect("statuses") {
        let n = n.as_u64().expect("a count");
        match total_cell(&html, "mini", status) {
            Some(cell) => assert_eq!(cell, n, "mini {status}"),
            None => assert_eq!(n, 0, "a status without a column must not occur: {status}"),
        }
    }
    assert_eq!(total_cell(&html, "mini", "timeout"), Some(1));
    assert!(
        html.contains("console.log(1 &lt; 2, &quot;&amp;&quot;);"),
        "the source is escaped"
    );
    assert!(
        html.contains("<span class=\"del\">-3</span>"),
        "the failing diff"
    );
    assert!(
        html.contains("<span class=\"ins\">+2</span>"),
        "the failing diff"
    );
    assert!(
        html.contains("(timeout: mini: wall-clock limit of 500 ms)"),
        "the timeout and its reason"
    );
    assert!(html.contains("id=\"area-other\""), "one section per area");
}

#[test]
fn html_report_needs_a_folder_it_can_make() {
    let suite = TempSuite::new();
    suite.case("area/pass", "console.log(1);", "", Some("1\n"));
    let blocker = suite.root().join("not-a-folder");
    std::fs::write(&blocker, "").expect("a plain file");
    let target = blocker.join("report");
    let run = suite.lexenv(&[
        "run",
        "--engine",
        "mini",
        "--html",
        target.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("cannot create") && run.stderr.contains("not-a-folder"),
        "names the folder: {run:?}"
    );
    assert!(run.stdout.is_empty(), "nothing ran: {run:?}");
}
