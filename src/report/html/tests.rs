//! Tests of the HTML page builder on hand-made run reports: escaping, the
//! matrix numbers, the agreement view, diffs, and that the page needs
//! nothing from the network.

use std::path::Path;
use std::time::Duration;

use super::*;
use crate::case::{Case, RunMode, parse_case};
use crate::engine::{EngineKind, Outcome};
use crate::run::{CaseRun, EngineResult, ModeRun, classify};
use crate::transcript::Transcript;

fn case(id: &str, source: &str, extra: &str) -> Case {
    let mut yaml = String::from(
        "description: 'Quotes \" and <b>markup</b> & ampersands'\n\
         spec: [sec-getidentifierreference, sec-block]\nsource: |\n",
    );
    for line in source.lines() {
        yaml.push_str("  ");
        yaml.push_str(line);
        yaml.push('\n');
    }
    yaml.push_str(extra);
    parse_case(
        &yaml,
        id,
        Path::new("cases/x.yaml"),
        Path::new("expected/x.out"),
    )
    .expect("a valid case")
}

fn done(text: &str) -> Outcome {
    Outcome::completed(Transcript::from_golden(text))
}

fn result(case: &Case, engine: EngineKind, outcome: Outcome, golden: &str) -> EngineResult {
    let expected = Transcript::from_golden(golden);
    let known = case.known.get(&engine).cloned();
    EngineResult {
        engine,
        status: classify(&outcome, Some(&expected), known.is_some()),
        outcome,
        expected: Some(expected),
        known,
        duration: Duration::from_millis(3),
    }
}

fn one_run(case: Case, results: impl Fn(&Case) -> Vec<EngineResult>) -> CaseRun {
    let results = results(&case);
    CaseRun {
        runs: vec![ModeRun {
            mode: RunMode::Sloppy,
            results,
            mini_vs_boa: None,
        }],
        case,
    }
}

/// Three engines: a pass, a case where mini alone differs (with markup in
/// its source and transcript), a known boa divergence and a node timeout.
fn sample() -> RunReport {
    use EngineKind::{Boa, Mini, Node};
    let cases = vec![
        one_run(case("alpha/pass", "console.log(1);", ""), |c| {
            vec![
                result(c, Boa, done("1\n"), "1\n"),
                result(c, Mini, done("1\n"), "1\n"),
                result(c, Node, done("1\n"), "1\n"),
            ]
        }),
        one_run(
            case(
                "alpha/markup",
                "if (a < b && c > d) console.log(\"<i>'\");",
                "",
            ),
            |c| {
                vec![
                    result(c, Boa, done("<i>'\n"), "<i>'\n"),
                    result(c, Mini, done("<i>\"&amp;\n"), "<i>'\n"),
                    result(c, Node, done("<i>'\n"), "<i>'\n"),
                ]
            },
        ),
        one_run(
            case(
                "beta/known",
                "console.log(2);",
                "known:\n  boa: \"a <reason>\"\n",
            ),
            |c| {
                vec![
                    result(c, Boa, done("3\n"), "2\n"),
                    result(c, Mini, done("2\n"), "2\n"),
                    result(
                        c,
                        Node,
                        Outcome::Timeout {
                            reason: "wall-clock limit of 9 ms".into(),
                        },
                        "2\n",
                    ),
                ]
            },
        ),
    ];
    RunReport {
        suite: "suite<&>".into(),
        engines: vec![Boa, Mini, Node],
        limits: Default::default(),
        cases,
        elapsed: Duration::from_millis(1234),
        baseline: None,
    }
}

fn render(report: &RunReport) -> String {
    let mut out = Vec::new();
    HtmlReporter
        .render(report, &mut out)
        .expect("render to memory");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn escape_covers_markup_and_both_quotes() {
    assert_eq!(
        escape("<a href=\"x\">'&'</a>"),
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    );
    assert_eq!(escape("plain é"), "plain é");
}

#[test]
fn sources_transcripts_and_descriptions_are_escaped() {
    let html = render(&sample());
    assert!(!html.contains("<b>markup</b>"), "description is escaped");
    assert!(html.contains("Quotes &quot; and &lt;b&gt;markup&lt;/b&gt; &amp; ampersands"));
    assert!(
        html.contains("if (a &lt; b &amp;&amp; c &gt; d) console.log(&quot;&lt;i&gt;&#39;&quot;);"),
        "the source line is escaped"
    );
    assert!(
        !html.contains("<i>"),
        "no transcript markup leaks into the page"
    );
    assert!(
        html.contains("&lt;i&gt;&quot;&amp;amp;"),
        "mini's transcript, escaped once"
    );
    assert!(
        html.contains("a &lt;reason&gt;"),
        "the known reason is escaped"
    );
    assert!(html.contains("<title>lexenv report: suite&lt;&amp;&gt;</title>"));
}

#[test]
fn tags_are_balanced() {
    let html = render(&sample());
    for tag in [
        "article", "section", "table", "pre", "p", "ul", "li", "tr", "td", "span", "script",
        "style",
    ] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}> opened {open} times, closed {close}");
    }
}

#[test]
fn matrix_cells_hold_the_counts_of_the_json_summary() {
    let report = sample();
    let html = render(&report);
    let cell = |engine: &str, status: &str| {
        let marker = format!("data-engine=\"{engine}\" data-status=\"{status}\">");
        // The total row is the last row holding the cell.
        let at = html
            .rfind(&marker)
            .unwrap_or_else(|| panic!("{marker} on the page"));
        let rest = &html[at + marker.len()..];
        rest[..rest.find('<').expect("closing tag")]
            .parse::<usize>()
            .expect("a number")
    };
    for (engine, counts) in crate::report::counts_by_engine(&report) {
        for status in [Status::Pass, Status::Fail, Status::Known, Status::Timeout] {
            assert_eq!(
                cell(engine.name(), status.name()),
                counts.get(status),
                "{engine} {status}"
            );
        }
        assert!(
            html.contains(&format!(
                "<span data-count=\"total\">{}</span> runs, <span data-count=\"passed\">{}</span> passed, \
                 <span data-count=\"failed\">{}</span> failed, <span data-count=\"known\">{}</span> known",
                counts.total(),
                counts.passed(),
                counts.failed(),
                counts.known()
            )),
            "{engine} summary"
        );
    }
    assert_eq!(cell("node", "timeout"), 1);
    assert_eq!(cell("mini", "fail"), 1);
    assert_eq!(cell("boa", "known"), 1);
    assert!(
        !html.contains("data-status=\"crash\""),
        "no column for a status nobody has"
    );
    assert!(
        html.contains("data-agreed=\"1\">1 / 3</td>"),
        "only alpha/pass has every engine agree"
    );
    assert!(
        html.contains("data-agreed=\"1\">1 / 2</td>"),
        "alpha: one of two agreed"
    );
    assert!(
        html.contains("<a href=\"#area-beta\">beta</a>"),
        "area rows link to their section"
    );
}

#[test]
fn agreement_view_coalesces_engines_and_names_the_odd_one_out() {
    let html = render(&sample());
    assert!(html.contains("<span class=\"members\">expected, boa, mini, node:</span>"));
    assert!(html.contains("<span class=\"members\">expected, boa, node:</span>"));
    assert!(html.contains("<span class=\"members\">mini:</span>"));
    assert!(html.contains("mini alone differs"));
    assert!(html.contains("<span class=\"members\">node:</span><pre class=\"incomplete\">(timeout: node: wall-clock limit of 9 ms)</pre>"));
    assert!(
        html.contains("engines split: mini | boa | node"),
        "the group that matches the golden first"
    );
}

#[test]
fn failing_runs_show_a_highlighted_diff_and_the_clauses_link_to_the_spec() {
    let html = render(&sample());
    assert!(html.contains("<div class=\"diff\" data-engine=\"mini\">"));
    assert!(html.contains("<span class=\"del\">-&lt;i&gt;&#39;</span>"));
    assert!(html.contains("<span class=\"ins\">+&lt;i&gt;&quot;&amp;amp;</span>"));
    assert!(
        html.contains("<span class=\"chg\">&lt;i&gt;&quot;&amp;amp;</span>"),
        "side by side marks the changed line"
    );
    assert!(html.contains(
        "<a href=\"https://tc39.es/ecma262/#sec-getidentifierreference\">9.1.2.1 GetIdentifierReference"
    ));
    assert!(
        html.contains("<span class=\"ln\">4</span>console.log(1);"),
        "numbered as in the file"
    );
    assert!(html.contains("id=\"alpha/markup\""), "cases are anchors");
    assert!(
        html.contains("<a href=\"#alpha/markup\">alpha/markup</a>"),
        "the area table links to them"
    );
}

#[test]
fn the_page_needs_nothing_from_the_network() {
    let html = render(&sample());
    assert!(!html.contains(" src="), "no external scripts or images");
    assert!(!html.contains("<link"), "no external style sheets");
    for (at, _) in html.match_indices("href=\"") {
        let target = &html[at + 6..];
        assert!(
            target.starts_with('#') || target.starts_with("https://tc39.es/ecma262/#"),
            "only in-page and spec links: {}",
            &target[..target.find('"').unwrap_or(target.len()).min(80)]
        );
    }
    assert!(
        html.contains("<form id=\"filters\" hidden"),
        "the filter bar waits for the script"
    );
}

#[test]
fn write_dir_makes_the_folder_and_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("a/b");
    let page = write_dir(&sample(), &target).expect("written");
    assert_eq!(page, target.join("index.html"));
    let text = std::fs::read_to_string(&page).expect("readable");
    assert!(text.starts_with("<!DOCTYPE html>"));
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").expect("a file");
    assert!(
        write_dir(&sample(), &blocked).is_err(),
        "a file where the folder should be"
    );
}

#[test]
fn failing_and_disagreeing_runs_are_listed_first() {
    let html = render(&sample());
    let attention = &html[html
        .find("<section id=\"attention\">")
        .expect("the section")..];
    let attention = &attention[..attention.find("</section>").expect("its end")];
    assert!(
        attention.contains("href=\"#alpha/markup\""),
        "mini fails: {attention}"
    );
    assert!(
        attention.contains("href=\"#beta/known\""),
        "node times out: {attention}"
    );
    assert!(
        !attention.contains("href=\"#alpha/pass\""),
        "all pass and agree: {attention}"
    );
    assert!(
        !attention.contains("data-run"),
        "not counted twice by the filter"
    );

    let mut calm = sample();
    calm.cases.truncate(1);
    let html = render(&calm);
    assert!(html.contains("none: every run passed or is known, and all engines agree."));
}

#[test]
fn a_baseline_comparison_lists_regressions_with_links() {
    use crate::report::baseline::{Baseline, Comparison};
    let mut old_json = Vec::new();
    crate::report::json::JsonReporter
        .render(&sample(), &mut old_json)
        .expect("json");
    let baseline = Baseline::parse(
        Path::new("old<1>.json"),
        std::str::from_utf8(&old_json).expect("utf-8"),
    )
    .expect("a baseline");
    let mut report = sample();
    let pass = &mut report.cases[0].runs[0].results[0];
    pass.outcome = done("2\n");
    pass.status = Status::Fail;
    report.baseline = Some(Comparison::new(&baseline, &report));
    let html = render(&report);
    assert!(html.contains("Compared with the baseline <code>old&lt;1&gt;.json</code>"));
    assert!(html.contains(
        "<tr data-engine=\"boa\"><th>boa</th><td class=\"n st-fail\" data-baseline=\"regressions\">1</td>"
    ));
    assert!(html.contains(
        "<li><a href=\"#alpha/pass\">alpha/pass</a>: <span class=\"st st-pass\">pass</span> → \
         <span class=\"st st-fail\">fail</span></li>"
    ));
    assert!(html.contains("FAILED: 3 failing runs, 1 regression"));
    assert!(
        !render(&sample()).contains("id=\"baseline\""),
        "no section without --baseline"
    );
}
