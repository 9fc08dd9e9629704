//! The HTML report's section for `--baseline OLD.json`: per engine, how many
//! runs regressed, were fixed, changed otherwise, are new or gone, then each
//! such run with its status before → after, linking to the run on the page.

use std::fmt::Write as _;

use super::escape;
use crate::report::baseline::{Change, Comparison};

/// The `<section id="baseline">`.
pub fn section(comparison: &Comparison) -> String {
    let mut html = format!(
        "<section id=\"baseline\">\n<h2>Compared with the baseline <code>{}</code></h2>\n",
        escape(&comparison.path)
    );
    html.push_str(
        "<table class=\"matrix\"><thead><tr><th>engine</th><th>regressions</th><th>fixed</th>\
         <th>changed</th><th>new</th><th>removed</th><th>unchanged</th></tr></thead>\n<tbody>\n",
    );
    for engine in &comparison.engines {
        if !engine.in_baseline {
            let _ = writeln!(
                html,
                "<tr><th>{}</th><td colspan=\"6\">not in the baseline: not compared</td></tr>",
                escape(&engine.engine)
            );
            continue;
        }
        let cell = |kind: &str, n: usize, bad: bool| {
            let class = match (n, bad) {
                (0, _) => "n zero",
                (_, true) => "n st-fail",
                _ => "n",
            };
            format!("<td class=\"{class}\" data-baseline=\"{kind}\">{n}</td>")
        };
        let _ = writeln!(
            html,
            "<tr data-engine=\"{0}\"><th>{0}</th>{1}{2}{3}{4}{5}{6}</tr>",
            escape(&engine.engine),
            cell("regressions", engine.regressions.len(), true),
            cell("fixed", engine.fixed.len(), false),
            cell("changed", engine.changed.len(), false),
            cell("new", engine.new.len(), false),
            cell("removed", engine.removed.len(), false),
            cell("unchanged", engine.unchanged, false),
        );
    }
    html.push_str("</tbody>\n</table>\n");
    for engine in &comparison.engines {
        for (title, changes, linked) in [
            ("regressions", &engine.regressions, true),
            ("fixed", &engine.fixed, true),
            ("changed", &engine.changed, true),
            ("new", &engine.new, true),
            ("removed", &engine.removed, false),
        ] {
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(
                html,
                "<h4>{} {title}</h4>\n<ul class=\"changes\">",
                escape(&engine.engine)
            );
            for change in changes {
                html.push_str(&change_item(change, linked));
            }
            html.push_str("</ul>\n");
        }
    }
    if !comparison.only_in_baseline.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"meta\">in the baseline only (not compared): {}</p>",
            escape(&comparison.only_in_baseline.join(", "))
        );
    }
    html.push_str("</section>\n");
    html
}

fn change_item(change: &Change, linked: bool) -> String {
    let status = |s: Option<crate::run::Status>| match s {
        Some(s) => super::case::badge(s),
        None => "<span class=\"st\">none</span>".to_string(),
    };
    let name = escape(change.name());
    let label = if linked {
        format!("<a href=\"#{name}\">{name}</a>")
    } else {
        name
    };
    format!(
        "<li>{label}: {} → {}</li>\n",
        status(change.before),
        status(change.after)
    )
}
