//! One case of the HTML report: its header (id, description, spec clauses
//! linking to the living spec, known divergences), the numbered source, and
//! per run mode the agreement view, the transcripts side by side with the
//! lines that differ from the golden highlighted, each engine's diff against
//! the golden, and why a run did not complete.

use std::fmt::Write as _;

use super::escape;
use super::model::{EXPECTED, Group, OutcomeKey, agreement_groups, agreement_summary};
use crate::case::Case;
use crate::run::{EngineResult, ModeRun, Status};
use crate::spec::ClauseTable;

/// The anchor of a case (its id: lowercase letters, digits, `-` and one `/`).
pub fn case_anchor(case: &Case) -> String {
    case.id.clone()
}

/// The anchor of one run mode of a case: the case's own anchor unless the
/// case runs in two modes, then `<id>::<mode>`.
pub fn run_anchor(case: &Case, run: &ModeRun) -> String {
    if case.mode.run_modes().len() > 1 {
        format!("{}::{}", case.id, run.mode.name())
    } else {
        case.id.clone()
    }
}

/// A status as a coloured badge.
pub fn badge(status: Status) -> String {
    format!("<span class=\"st st-{0}\">{0}</span>", status.name())
}

/// The `data-statuses` value of a run: `engine:status` words.
pub fn statuses_attr(run: &ModeRun) -> String {
    run.results
        .iter()
        .map(|r| format!("{}:{}", r.engine, r.status))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercase text the filter box searches: id, area and description.
pub fn search_text(case: &Case) -> String {
    format!("{} {}", case.id, case.description).to_lowercase()
}

/// The `<article>` of one case.
pub fn render_case(case: &Case, runs: &[ModeRun]) -> String {
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<article class=\"case\" id=\"{}\" data-case data-area=\"{}\" data-text=\"{}\">",
        escape(&case_anchor(case)),
        escape(&case.area),
        escape(&search_text(case)),
    );
    let _ = writeln!(
        html,
        "<h3><a href=\"#{0}\">{0}</a></h3>",
        escape(&case_anchor(case))
    );
    let _ = writeln!(html, "<p class=\"desc\">{}</p>", escape(&case.description));
    html.push_str(&clauses(case));
    let _ = writeln!(
        html,
        "<p class=\"files\">{} · {}{}</p>",
        escape(&case.path.display().to_string()),
        escape(&case.expected_path.display().to_string()),
        match case.mode.run_modes() {
            [_, _] => " · runs sloppy and strict",
            [crate::case::RunMode::Strict] => " · strict (\"use strict\"; prepended)",
            _ => "",
        }
    );
    for (engine, reason) in &case.known {
        let _ = writeln!(
            html,
            "<p class=\"known\"><b>known.{}</b>: {}</p>",
            engine,
            escape(reason)
        );
    }
    html.push_str(&numbered_source(case));
    for run in runs {
        html.push_str(&render_run(case, run));
    }
    html.push_str("</article>\n");
    html
}

fn clauses(case: &Case) -> String {
    let table = ClauseTable::builtin();
    let mut html = String::from("<ul class=\"spec\">");
    for id in &case.spec {
        let label = match table.get(id) {
            Some(clause) => clause.to_string(),
            None => id.clone(),
        };
        let _ = write!(
            html,
            "<li><a href=\"https://tc39.es/ecma262/#{}\">{}</a></li>",
            escape(id),
            escape(&label)
        );
    }
    html.push_str("</ul>\n");
    html
}

/// The source, each line numbered as it stands in the case file.
pub fn numbered_source(case: &Case) -> String {
    let mut html = String::from("<pre class=\"src\">");
    for (i, line) in case.source.lines().enumerate() {
        let _ = writeln!(
            html,
            "<span class=\"ln\">{}</span>{}",
            case.source_line + i,
            escape(line)
        );
    }
    html.push_str("</pre>\n");
    html
}

fn render_run(case: &Case, run: &ModeRun) -> String {
    let mut html = String::new();
    let groups = agreement_groups(&run.results);
    let agree = super::model::engines_agree(&run.results);
    let _ = writeln!(
        html,
        "<section class=\"run\" id=\"{}\" data-statuses=\"{}\" data-agree=\"{}\">",
        escape(&run_anchor(case, run)),
        escape(&statuses_attr(run)),
        u8::from(agree)
    );
    if case.mode.run_modes().len() > 1 {
        let _ = writeln!(html, "<h4>{} mode</h4>", run.mode.name());
    }
    let _ = writeln!(
        html,
        "<p class=\"verdicts\">{} <span class=\"agree-{}\">{}</span></p>",
        run.results
            .iter()
            .map(|r| format!("{} {}", r.engine, badge(r.status)))
            .collect::<Vec<_>>()
            .join(" "),
        if agree { "yes" } else { "no" },
        escape(&agreement_summary(&groups)),
    );
    html.push_str(&agreement_view(&groups));
    html.push_str(&side_by_side(run));
    for result in &run.results {
        html.push_str(&engine_details(case, result));
    }
    html.push_str("</section>\n");
    html
}

/// The coalesced view: one line per group of identical outcomes.
fn agreement_view(groups: &[Group<'_>]) -> String {
    let mut html = String::from("<div class=\"groups\">\n");
    for group in groups {
        let outcome = match &group.key {
            OutcomeKey::Transcript(text) => transcript_pre(text, None),
            OutcomeKey::Incomplete(kind) => {
                let reasons = group
                    .reasons
                    .iter()
                    .map(|(engine, reason)| format!("{engine}: {reason}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                format!(
                    "<pre class=\"incomplete\">({kind}: {})</pre>",
                    escape(&reasons)
                )
            }
        };
        let _ = writeln!(
            html,
            "<div class=\"group{}\"><span class=\"members\">{}:</span>{outcome}</div>",
            if group.has_expected() { " golden" } else { "" },
            escape(&group.members.join(", "))
        );
    }
    html.push_str("</div>\n");
    html
}

/// The golden and every engine's transcript in columns; an engine's lines
/// that are not in the golden are highlighted.
fn side_by_side(run: &ModeRun) -> String {
    let expected = run.results.iter().find_map(|r| r.expected.as_ref());
    let mut head = String::new();
    let mut body = String::new();
    let _ = write!(head, "<th>{EXPECTED}</th>");
    match expected {
        Some(golden) => body.push_str(&format!(
            "<td>{}</td>",
            transcript_pre(golden.as_str(), None)
        )),
        None => body.push_str("<td><pre class=\"incomplete\">(no golden file)</pre></td>"),
    }
    for result in &run.results {
        let _ = write!(head, "<th>{} {}</th>", result.engine, badge(result.status));
        let cell = match (result.outcome.transcript(), expected) {
            (Some(actual), Some(golden)) => transcript_pre(actual.as_str(), Some(golden.as_str())),
            (Some(actual), None) => transcript_pre(actual.as_str(), None),
            (None, _) => format!(
                "<pre class=\"incomplete\">({}: {})</pre>",
                crate::run::outcome_kind(&result.outcome),
                escape(result.reason().unwrap_or_default())
            ),
        };
        let _ = write!(body, "<td>{cell}</td>");
    }
    format!(
        "<table class=\"side\"><thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table>\n"
    )
}

/// A transcript in a `<pre>`, one `<span>` per line; with a golden, lines
/// the golden does not have at that place carry the class `chg`.
fn transcript_pre(text: &str, golden: Option<&str>) -> String {
    if text.is_empty() {
        return "<pre class=\"transcript empty\">(printed nothing)</pre>".to_string();
    }
    let changed: Vec<bool> = match golden {
        Some(golden) => {
            let mut changed = vec![false; text.split_inclusive('\n').count()];
            let diff = similar::TextDiff::from_lines(golden, text);
            for change in diff.iter_all_changes() {
                if change.tag() != similar::ChangeTag::Insert {
                    continue;
                }
                if let Some(slot) = change.new_index().and_then(|i| changed.get_mut(i)) {
                    *slot = true;
                }
            }
            changed
        }
        None => Vec::new(),
    };
    let mut html = String::from("<pre class=\"transcript\">");
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if changed.get(i).copied().unwrap_or(false) {
            let _ = writeln!(html, "<span class=\"chg\">{}</span>", escape(body));
        } else {
            let _ = writeln!(html, "{}", escape(body));
        }
    }
    html.push_str("</pre>");
    html
}

/// What is specific to one engine's run: its diff against the golden, why
/// it did not complete, a fixed known entry, its notes.
fn engine_details(case: &Case, result: &EngineResult) -> String {
    let mut html = String::new();
    if let Some(diff) = result.diff() {
        let _ = writeln!(
            html,
            "<div class=\"diff\" data-engine=\"{0}\"><h5>{0} {1} — diff against the golden</h5>{2}</div>",
            result.engine,
            badge(result.status),
            diff_pre(&diff)
        );
    }
    if result.status == Status::Fixed {
        let _ = writeln!(
            html,
            "<p class=\"note\">{0} now matches the golden: remove <code>known.{0}</code> from {1}.</p>",
            result.engine,
            escape(&case.path.display().to_string())
        );
    }
    if result.expected.is_none() {
        let _ = writeln!(
            html,
            "<p class=\"note\">no golden file {}: write it with <code>lexenv bless {}</code>.</p>",
            escape(&case.expected_path.display().to_string()),
            escape(&case.id)
        );
    }
    for note in result.notes() {
        let _ = writeln!(
            html,
            "<p class=\"note\">{} note: {}</p>",
            result.engine,
            escape(note)
        );
    }
    html
}

/// A unified diff (as `EngineResult::diff` writes it) with removed lines,
/// added lines and hunk headers marked. Only the first two lines are file
/// headers, so a removed line that starts with `--` stays a removed line.
pub fn diff_pre(diff: &str) -> String {
    let mut html = String::from("<pre class=\"diff\">");
    for (i, line) in diff.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let class = if i < 2 && (body.starts_with("---") || body.starts_with("+++")) {
            "hdr"
        } else if body.starts_with("@@") {
            "hunk"
        } else if body.starts_with('-') {
            "del"
        } else if body.starts_with('+') {
            "ins"
        } else {
            "ctx"
        };
        let _ = writeln!(html, "<span class=\"{class}\">{}</span>", escape(body));
    }
    html.push_str("</pre>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lines_are_classed_and_escaped() {
        let html = diff_pre("--- expected\n+++ mini\n@@ -1,2 +1,2 @@\n a<b\n---x\n+\"&\"\n");
        assert!(
            html.contains("<span class=\"hdr\">--- expected</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hdr\">+++ mini</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hunk\">@@ -1,2 +1,2 @@</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"ctx\"> a&lt;b</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"del\">---x</span>"),
            "a removed line starting with -- is not a header: {html}"
        );
        assert!(
            html.contains("<span class=\"ins\">+&quot;&amp;&quot;</span>"),
            "{html}"
        );
    }

    #[test]
    fn transcript_marks_only_lines_not_in_the_golden() {
        let html = transcript_pre("0\n3\n2\n<x>\n", Some("0\n1\n2\n"));
        assert_eq!(
            html,
            "<pre class=\"transcript\">0\n<span class=\"chg\">3</span>\n2\n\
             <span class=\"chg\">&lt;x&gt;</span>\n</pre>"
        );
        assert_eq!(
            transcript_pre("", Some("1\n")),
            "<pre class=\"transcript empty\">(printed nothing)</pre>"
        );
    }
}
