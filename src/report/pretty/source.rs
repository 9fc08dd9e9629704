//! The numbered source of a failing case, as the divergence report shows
//! it: lines numbered as in the YAML file, the lines that may print a
//! changed transcript line marked `›`, and long sources trimmed to the
//! marked lines and their neighbours.
//!
//! Which source line printed which transcript line is not recorded by the
//! engines, so the marks are a heuristic: a line is marked when it calls
//! `console.log` (or `alert`, `print`) and one of its string literals (at
//! least two characters; for a template literal, its text before the first
//! `${`) occurs in a line the diff adds or removes. When no such line
//! exists, any line with such a literal is marked.

use std::fmt::Write as _;

use crate::case::Case;
use crate::report::Style;

/// Sources longer than this are trimmed to the marked lines (or their
/// first `UNMARKED_HEAD` lines when nothing is marked).
pub const MAX_LINES: usize = 40;
/// Lines kept before and after a marked line in a trimmed source.
const CONTEXT: usize = 3;
const UNMARKED_HEAD: usize = 20;
/// The host functions that append a transcript line (DESIGN §3).
const PRINT_CALLS: [&str; 3] = ["console.log(", "alert(", "print("];

/// The numbered source with `›` on lines that may print one of
/// `changed_lines`, trimmed when longer than `MAX_LINES`. Also says whether
/// any line was marked.
pub fn excerpt(case: &Case, changed_lines: &[&str], style: Style) -> (String, bool) {
    let lines: Vec<&str> = case.source.lines().collect();
    let literal_in_diff: Vec<bool> = lines
        .iter()
        .map(|line| may_print(line, changed_lines))
        .collect();
    // Prefer the lines that print (`console.log(…)` and its aliases); fall
    // back to any line whose literal is in the diff.
    let printing: Vec<bool> = lines
        .iter()
        .zip(&literal_in_diff)
        .map(|(line, &hit)| hit && PRINT_CALLS.iter().any(|call| line.contains(call)))
        .collect();
    let marked = if printing.contains(&true) {
        printing
    } else {
        literal_in_diff
    };
    let any_marked = marked.iter().any(|&m| m);
    let shown: Vec<bool> = if lines.len() <= MAX_LINES {
        vec![true; lines.len()]
    } else if any_marked {
        (0..lines.len())
            .map(|i| {
                let from = i.saturating_sub(CONTEXT);
                let to = (i + CONTEXT).min(lines.len() - 1);
                marked[from..=to].iter().any(|&m| m)
            })
            .collect()
    } else {
        (0..lines.len()).map(|i| i < UNMARKED_HEAD).collect()
    };
    let last = case.source_line + lines.len().saturating_sub(1);
    let width = last.to_string().len().max(3);
    let mut text = String::new();
    let mut hidden = 0;
    let flush_hidden = |text: &mut String, hidden: &mut usize| {
        if *hidden > 0 {
            let note = format!(
                "{:>width$} ⋮ {} line{} not shown",
                "",
                hidden,
                if *hidden == 1 { "" } else { "s" }
            );
            let _ = writeln!(text, "  {}", style.dim(&note));
            *hidden = 0;
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if !shown[i] {
            hidden += 1;
            continue;
        }
        flush_hidden(&mut text, &mut hidden);
        let number = format!("{:>width$} │", case.source_line + i);
        if marked[i] {
            let _ = writeln!(text, "› {} {line}", style.bold(&number));
        } else {
            let _ = writeln!(text, "  {} {line}", style.dim(&number));
        }
    }
    flush_hidden(&mut text, &mut hidden);
    (text, any_marked)
}

/// The lines a unified diff adds or removes (headers excluded).
pub fn changed_lines(diff: &str) -> Vec<&str> {
    diff.lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
        .filter_map(|l| l.strip_prefix('-').or_else(|| l.strip_prefix('+')))
        .collect()
}

/// Whether a string literal of `line` occurs in one of `changed_lines`.
fn may_print(line: &str, changed_lines: &[&str]) -> bool {
    string_literals(line).iter().any(|literal| {
        literal.trim().chars().count() >= 2 && changed_lines.iter().any(|c| c.contains(literal))
    })
}

/// The contents of the string literals on one line (no escapes decoded; a
/// literal with a backslash is skipped, since it may not print as written).
/// A template literal contributes its text up to its first `${`.
fn string_literals(line: &str) -> Vec<&str> {
    let mut literals = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['"', '\'', '`']) {
        let quote = rest.as_bytes()[start];
        let body = &rest[start + 1..];
        let mut escaped = false;
        let mut end = None;
        for (i, byte) in body.bytes().enumerate() {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b if b == quote => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let literal = &body[..end.unwrap_or(body.len())];
        let literal = if quote == b'`' {
            literal.split("${").next().unwrap_or_default()
        } else {
            literal
        };
        if !literal.contains('\\') {
            literals.push(literal);
        }
        match end {
            Some(end) => rest = &body[end + 1..],
            None => break,
        }
    }
    literals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_on_a_line() {
        assert_eq!(
            string_literals(r#"console.log("Hi, " + name, 'x', `n = ${n}!`);"#),
            ["Hi, ", "x", "n = "]
        );
        assert_eq!(string_literals(r#"log("a\"b", 'c')"#), ["c"]);
        assert_eq!(string_literals("let x = 1; // it's"), ["s"]);
    }

    #[test]
    fn changed_lines_skip_headers_and_context() {
        let diff = "--- expected\n+++ mini\n@@ -1,2 +1,2 @@\n same\n-Hi, John\n+Hi, Pete\n";
        assert_eq!(changed_lines(diff), ["Hi, John", "Hi, Pete"]);
    }

    fn case(source: &str) -> Case {
        Case {
            id: "a/b".into(),
            area: "a".into(),
            path: "cases/a/b.yaml".into(),
            expected_path: "expected/a/b.out".into(),
            description: "d".into(),
            spec: vec![],
            tags: vec![],
            mode: crate::case::Mode::Sloppy,
            source: source.into(),
            source_line: 4,
            known: Default::default(),
        }
    }

    #[test]
    fn marks_the_line_whose_literal_is_in_the_diff() {
        let case = case("let name = 'John';\nconsole.log('Hi, ' + name);\nconsole.log(1);\n");
        let (text, marked) = excerpt(&case, &["Hi, Pete"], Style::PLAIN);
        assert!(marked);
        assert_eq!(
            text,
            "    4 │ let name = 'John';\n›   5 │ console.log('Hi, ' + name);\n    6 │ console.log(1);\n"
        );
    }

    #[test]
    fn printing_lines_are_preferred_to_other_lines_with_the_literal() {
        let case = case("let name = 'John';\nconsole.log('Hi, ' + name);\n");
        let (text, _) = excerpt(&case, &["Hi, John", "Hi, Pete"], Style::PLAIN);
        assert_eq!(
            text,
            "    4 │ let name = 'John';\n›   5 │ console.log('Hi, ' + name);\n"
        );
        let (text, _) = excerpt(&case, &["John"], Style::PLAIN);
        assert!(text.starts_with("›   4 │ let name"), "{text}");
    }

    #[test]
    fn a_long_source_is_trimmed_to_the_marked_lines() {
        let mut source = String::new();
        for i in 0..60 {
            if i == 30 {
                source.push_str("console.log('the changed one');\n");
            } else {
                source.push_str(&format!("f{i}();\n"));
            }
        }
        let case = case(&source);
        let (text, _) = excerpt(&case, &["the changed one"], Style::PLAIN);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 9, "{text}");
        assert_eq!(lines[0], "      ⋮ 27 lines not shown");
        assert_eq!(lines[1], "   31 │ f27();");
        assert_eq!(lines[4], "›  34 │ console.log('the changed one');");
        assert_eq!(lines[8], "      ⋮ 26 lines not shown");
        let (unmarked, marked) = excerpt(&case, &["nothing"], Style::PLAIN);
        assert!(!marked);
        assert_eq!(unmarked.lines().count(), UNMARKED_HEAD + 1, "{unmarked}");
        assert!(unmarked.ends_with("⋮ 40 lines not shown\n"), "{unmarked}");
    }
}
