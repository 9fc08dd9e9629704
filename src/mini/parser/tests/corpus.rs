//! The parser against the case corpus (`cases/**/*.yaml`): a case's source
//! fails to parse exactly when its golden transcript is the single line
//! `Uncaught SyntaxError` (DESIGN §4), in every mode the case declares.

use std::path::Path;

use crate::mini::parser::parse_script;

/// The source variants a case runs as: sloppy, strict (`"use strict";`
/// prepended), or both.
fn variants(source: &str, mode: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if mode != "strict" {
        out.push((source.to_string(), "sloppy"));
    }
    if mode != "sloppy" {
        out.push((format!("\"use strict\";\n{source}"), "strict"));
    }
    out
}

/// A SyntaxError thrown after parsing (by `eval`, `Function`, JSON, or
/// GlobalDeclarationInstantiation refusing a global name) also yields an
/// `Uncaught SyntaxError` transcript, so such cases prove nothing about the
/// parser.
fn may_throw_syntax_error_at_run_time(source: &str, case: &serde_yaml::Value) -> bool {
    let cites = |clause: &str| {
        case["spec"]
            .as_sequence()
            .is_some_and(|ids| ids.iter().any(|id| id.as_str() == Some(clause)))
    };
    cites("sec-globaldeclarationinstantiation")
        || ["eval", "Function(", "JSON.parse", "RegExp("]
            .iter()
            .any(|word| source.contains(word))
}

#[test]
fn cases_parse_unless_their_transcript_is_a_syntax_error() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pattern = root.join("cases/**/*.yaml");
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in glob::glob(&pattern.to_string_lossy())
        .expect("valid glob")
        .flatten()
    {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(case) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
            continue;
        };
        let Some(source) = case["source"].as_str() else {
            continue;
        };
        let mode = case["mode"].as_str().unwrap_or("sloppy");
        let relative = path.strip_prefix(root.join("cases")).unwrap_or(&path);
        let golden = root.join("expected").join(relative).with_extension("out");
        let Ok(expected) = std::fs::read_to_string(&golden) else {
            continue;
        };
        let expects_syntax_error = expected == "Uncaught SyntaxError\n";
        for (variant, mode_name) in variants(source, mode) {
            checked += 1;
            match parse_script(&variant) {
                Ok(_)
                    if expects_syntax_error
                        && !may_throw_syntax_error_at_run_time(source, &case) =>
                {
                    problems.push(format!(
                        "{} ({mode_name}): parsed, but the golden is a SyntaxError",
                        relative.display()
                    ));
                }
                Err(error) if !expects_syntax_error => {
                    problems.push(format!("{} ({mode_name}): {error}", relative.display()));
                }
                _ => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {checked} case variants disagree:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
