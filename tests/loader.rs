//! The case loader on temporary suites: a valid suite loads with the right
//! fields, and every kind of error names file:line:column of the offending
//! token and says what was expected, all errors of a load reported together.

use std::fs;
use std::path::{Path, PathBuf};

use lexenv::case::{CaseError, Mode};
use lexenv::engine::EngineKind;
use lexenv::suite::{LoadOptions, load_suite, load_suite_with, scaffold_case};
use tempfile::TempDir;

const VALID: &str = "\
description: >-
  A function reads an outer variable's current value.
spec: [sec-getidentifierreference]
source: |
  let name = \"John\";
  console.log(name);
";

/// A suite root with `cases/` and `expected/`.
fn suite() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("cases")).expect("cases dir");
    fs::create_dir_all(dir.path().join("expected")).expect("expected dir");
    dir
}

/// Writes `root/<rel>` (creating folders) and returns its path.
fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("file has a folder")).expect("mkdir");
    fs::write(&path, text).expect("write");
    path
}

/// Writes case `id` with its golden and returns the case path.
fn case_with_golden(root: &Path, id: &str, text: &str) -> PathBuf {
    write(root, &format!("expected/{id}.out"), "John\n");
    write(root, &format!("cases/{id}.yaml"), text)
}

/// The errors of loading `root`, which must fail.
fn errors(root: &Path) -> Vec<CaseError> {
    match load_suite(root) {
        Ok(suite) => panic!("expected errors, loaded {} cases", suite.cases.len()),
        Err(e) => e.0,
    }
}

/// The one error of a suite holding a single case file `text`.
fn only_error(text: &str) -> (PathBuf, CaseError) {
    let dir = suite();
    let path = case_with_golden(dir.path(), "area/name", text);
    let mut errors = errors(dir.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    (path, errors.remove(0))
}

#[track_caller]
fn assert_message(error: &CaseError, path: &Path, line: usize, column: usize, rest: &str) {
    assert_eq!(
        error.to_string(),
        format!("{}:{line}:{column}: {rest}", path.display())
    );
}

#[test]
fn valid_suite_loads_with_all_fields() {
    let dir = suite();
    let root = dir.path();
    case_with_golden(root, "latest-value/reads-current", VALID);
    case_with_golden(
        root,
        "block-scope/let-in-if",
        "# a comment line\n\
         description: A let in an if block is invisible afterwards.\n\
         spec:\n  - sec-blockdeclarationinstantiation\n  - sec-getidentifierreference\n\
         tags: [seed, tdz]\n\
         mode: both\n\
         known:\n  boa: \"why, with a link\"\n\
         source: |\n  if (true) { let x = 1; }\n  console.log(typeof x);\n",
    );
    let suite = load_suite(root).expect("valid suite");
    let ids: Vec<&str> = suite.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["block-scope/let-in-if", "latest-value/reads-current"],
        "sorted by id"
    );

    let block = &suite.cases[0];
    assert_eq!(block.area, "block-scope");
    assert_eq!(block.name(), "let-in-if");
    assert_eq!(
        block.description,
        "A let in an if block is invisible afterwards."
    );
    assert_eq!(
        block.spec,
        [
            "sec-blockdeclarationinstantiation",
            "sec-getidentifierreference"
        ]
    );
    assert_eq!(block.tags, ["seed", "tdz"]);
    assert_eq!(block.mode, Mode::Both);
    assert_eq!(
        block.known.get(&EngineKind::Boa).map(String::as_str),
        Some("why, with a link")
    );
    assert_eq!(
        block.source,
        "if (true) { let x = 1; }\nconsole.log(typeof x);\n"
    );
    assert_eq!(block.source_line, 11, "the line of `if (true)` in the file");
    assert_eq!(block.path, root.join("cases/block-scope/let-in-if.yaml"));
    assert_eq!(
        block.expected_path,
        root.join("expected/block-scope/let-in-if.out")
    );
    let clauses: Vec<String> = block.clauses().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        clauses[1],
        "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )"
    );

    let latest = &suite.cases[1];
    assert_eq!(
        latest.description,
        "A function reads an outer variable's current value."
    );
    assert_eq!(latest.mode, Mode::Sloppy, "sloppy is the default");
    assert!(latest.tags.is_empty() && latest.known.is_empty());
    assert_eq!(latest.source_line, 5);
    let golden = latest.read_expected().expect("readable").expect("exists");
    assert_eq!(golden.as_str(), "John\n");

    assert_eq!(suite.select(&[]).len(), 2);
    assert_eq!(
        suite.select(&["let-in".to_string()])[0].id,
        "block-scope/let-in-if"
    );
    assert_eq!(suite.select(&["latest".into(), "block".into()]).len(), 2);
    assert!(suite.select(&["nothing-matches".into()]).is_empty());
    assert!(suite.get("latest-value/reads-current").is_some());
    assert!(suite.get("latest-value").is_none());
}

#[test]
fn unknown_key_points_at_the_key() {
    let (path, error) = only_error(&format!("{VALID}foo: 1\n"));
    assert!(matches!(&error, CaseError::UnknownKey { key, .. } if key == "foo"));
    assert_message(
        &error,
        &path,
        7,
        1,
        "unknown key `foo` (expected one of: description, spec, tags, mode, source, known)",
    );
}

#[test]
fn broken_indentation_is_a_yaml_error_at_the_line() {
    let text = "description: d\n  spec: [sec-getidentifierreference]\nsource: x\n";
    let (path, error) = only_error(text);
    assert!(matches!(error, CaseError::Yaml { .. }), "{error:?}");
    assert_message(
        &error,
        &path,
        2,
        7,
        "invalid YAML: mapping values are not allowed in this context",
    );

    // A source line indented less than the block scalar's first line.
    let text = "description: d\nspec: [sec-getidentifierreference]\nsource: |\n    a();\n  b();\n";
    let (path, error) = only_error(text);
    let at = error.location();
    assert_eq!(
        (at.path.as_path(), at.line, at.column),
        (path.as_path(), 5, 3),
        "{error}"
    );
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let (path, error) = only_error(&format!("{VALID}spec: [sec-newfunctionenvironment]\n"));
    assert_message(
        &error,
        &path,
        7,
        1,
        "invalid YAML: duplicate key `spec` (expected each key once)",
    );
}

#[test]
fn every_unknown_clause_is_reported_at_its_token() {
    let dir = suite();
    let text = "description: d\nspec: [sec-nope, sec-getidentifierreference, GetIdentifierReference]\nsource: x\n";
    let path = case_with_golden(dir.path(), "a/flow", text);
    let text =
        "description: d\nspec:\n  - sec-getidentifierreference\n  - \"sec-also-nope\"\nsource: x\n";
    let block_path = case_with_golden(dir.path(), "a/list", text);
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_message(
        &errors[0],
        &path,
        2,
        8,
        "unknown ECMA-262 clause id `sec-nope` (expected an id listed in data/ecma262-clauses.tsv, e.g. sec-getidentifierreference)",
    );
    assert_message(
        &errors[1],
        &path,
        2,
        46,
        "unknown ECMA-262 clause id `GetIdentifierReference` (did you mean `sec-getidentifierreference`?)",
    );
    assert!(matches!(&errors[2], CaseError::UnknownClause { id, .. } if id == "sec-also-nope"));
    let at = errors[2].location();
    assert_eq!(
        (at.path.as_path(), at.line, at.column),
        (block_path.as_path(), 4, 6)
    );
}

#[test]
fn empty_spec_is_an_error() {
    let (path, error) = only_error("description: d\nspec: []\nsource: x\n");
    assert_message(
        &error,
        &path,
        2,
        7,
        "empty `spec` (expected at least one ECMA-262 clause id, e.g. [sec-getidentifierreference])",
    );
    let (_, error) = only_error("description: d\nspec:\nsource: x\n");
    assert!(matches!(error, CaseError::EmptySpec { .. }));
}

#[test]
fn missing_fields_are_all_reported() {
    let dir = suite();
    let path = case_with_golden(dir.path(), "a/b", "spec: [sec-getidentifierreference]\n");
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_message(
        &errors[0],
        &path,
        1,
        1,
        "missing field `description` (expected a sentence saying what subtlety the case pins)",
    );
    assert_message(
        &errors[1],
        &path,
        1,
        1,
        "missing field `source` (expected the JavaScript program to run)",
    );

    let (path, error) =
        only_error("spec: [sec-getidentifierreference]\ndescription: \"  \"\nsource: x\n");
    assert!(matches!(error, CaseError::EmptyField { .. }));
    assert_message(
        &error,
        &path,
        2,
        1,
        "`description` is empty (expected a sentence saying what subtlety the case pins)",
    );
}

#[test]
fn bad_mode_points_at_the_value() {
    let (path, error) = only_error(&format!("{VALID}mode:   loose   # a comment\n"));
    assert_message(
        &error,
        &path,
        7,
        9,
        "bad mode `loose` (expected one of: sloppy, strict, both)",
    );
}

#[test]
fn known_mini_and_unknown_engines_are_errors() {
    let text = format!("{VALID}known:\n  boa: \"fine, unlike mini\"\n  mini: \"never\"\n  v8: x\n");
    let dir = suite();
    let path = case_with_golden(dir.path(), "a/b", &text);
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_message(
        &errors[0],
        &path,
        9,
        3,
        "`known.mini` is not allowed: the mini engine must pass every case (expected one of: boa, node)",
    );
    assert_message(
        &errors[1],
        &path,
        10,
        3,
        "unknown engine `v8` in `known` (expected one of: boa, node)",
    );
}

#[test]
fn wrong_types_name_what_was_expected() {
    let text =
        "description: 42\nspec: sec-getidentifierreference\ntags: seed\nsource: x\nknown: [boa]\n";
    let dir = suite();
    let path = case_with_golden(dir.path(), "a/b", text);
    let messages: Vec<String> = errors(dir.path()).iter().map(|e| e.to_string()).collect();
    let p = path.display();
    assert_eq!(
        messages,
        [
            format!("{p}:1:14: `description` must be text, found a number"),
            format!(
                "{p}:2:7: `spec` must be a list of ECMA-262 clause ids, e.g. [sec-getidentifierreference], found text"
            ),
            format!("{p}:3:7: `tags` must be a list of words, e.g. [seed], found text"),
            format!(
                "{p}:5:8: `known` must be a mapping from engine to reason, e.g. {{boa: \"why\"}}, found a list"
            ),
        ]
    );
}

#[test]
fn not_a_mapping_and_unreadable_files_are_errors() {
    let (path, error) = only_error("- just\n- a list\n");
    assert_message(
        &error,
        &path,
        1,
        1,
        "expected a mapping of case fields (description, spec, tags, mode, source, known), found a list",
    );
    let (_, error) = only_error("");
    assert!(
        error.to_string().ends_with("found an empty document"),
        "{error}"
    );

    let dir = suite();
    write(dir.path(), "expected/a/b.out", "");
    let path = write(dir.path(), "cases/a/b.yaml", "");
    fs::write(&path, b"description: \xff\xfe\n").expect("write");
    let errors = errors(dir.path());
    assert!(matches!(errors[..], [CaseError::Io { .. }]), "{errors:?}");
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{}: cannot read: ", path.display()))
    );
}

#[test]
fn missing_golden_is_an_error_unless_blessing() {
    let dir = suite();
    let path = write(dir.path(), "cases/a/new-case.yaml", VALID);
    let errors = errors(dir.path());
    let expected = dir.path().join("expected/a/new-case.out");
    assert_eq!(errors.len(), 1);
    assert_message(
        &errors[0],
        &path,
        1,
        1,
        &format!(
            "no golden transcript {} (run `lexenv bless a/new-case` to write it, then read it against the spec)",
            expected.display()
        ),
    );
    let suite = load_suite_with(
        dir.path(),
        LoadOptions {
            require_goldens: false,
        },
    )
    .expect("bless can load");
    assert_eq!(suite.cases[0].read_expected().expect("readable"), None);
}

#[test]
fn orphan_golden_is_an_error() {
    let dir = suite();
    case_with_golden(dir.path(), "a/b", VALID);
    let orphan = write(dir.path(), "expected/a/gone.out", "x\n");
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 1);
    let case_path = dir.path().join("cases/a/gone.yaml");
    assert_message(
        &errors[0],
        &orphan,
        1,
        1,
        &format!(
            "golden transcript without a case (expected {}, or delete this file)",
            case_path.display()
        ),
    );
}

#[test]
fn a_root_without_cases_is_not_a_suite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = errors(dir.path());
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        format!(
            "{}: not a suite: no `cases/` directory (a suite holds cases/<area>/<name>.yaml and expected/<area>/<name>.out)",
            dir.path().display()
        )
    );
    assert!(load_suite(&dir.path().join("does-not-exist")).is_err());
}

#[test]
fn bad_ids_and_extensions_are_errors() {
    let dir = suite();
    let root = dir.path();
    let upper = case_with_golden(root, "Area/name", VALID);
    let top = case_with_golden(root, "top", VALID);
    let deep = case_with_golden(root, "a/b/c", VALID);
    let yml = write(root, "cases/a/short.yml", VALID);
    let errors = errors(root);
    let located: Vec<(&Path, &str)> = errors
        .iter()
        .map(|e| match e {
            CaseError::BadId { at, id, .. } => (at.path.as_path(), id.as_str()),
            other => panic!("unexpected {other}"),
        })
        .collect();
    assert_eq!(
        located,
        [
            (upper.as_path(), "Area/name"),
            (deep.as_path(), "a/b/c"),
            (yml.as_path(), "a/short"),
            (top.as_path(), "top")
        ]
    );
    assert!(errors[0].to_string().ends_with(
        "bad case id `Area/name`: expected `<area>/<name>`, each of lowercase letters, digits and `-`, starting with a letter or digit"
    ));
    assert!(errors[2].to_string().contains("case files end in `.yaml`"));
}

#[test]
fn three_bad_files_give_three_errors_in_one_load() {
    let dir = suite();
    let root = dir.path();
    case_with_golden(root, "a/fine", VALID);
    let unknown_key = case_with_golden(root, "a/unknown-key", &format!("{VALID}colour: red\n"));
    let indentation = case_with_golden(
        root,
        "b/indentation",
        "description: d\n spec: [sec-getidentifierreference]\nsource: x\n",
    );
    let clause = case_with_golden(
        root,
        "c/clause",
        &VALID.replace("sec-getidentifierreference", "sec-closures"),
    );
    let errors = errors(root);
    let places: Vec<(&Path, usize, usize)> = errors
        .iter()
        .map(|e| {
            (
                e.location().path.as_path(),
                e.location().line,
                e.location().column,
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            (unknown_key.as_path(), 7, 1),
            (indentation.as_path(), 2, 6),
            (clause.as_path(), 3, 8)
        ],
        "{errors:#?}"
    );
    let report = lexenv::suite::LoadErrors(errors).to_string();
    assert_eq!(report.lines().count(), 3, "one line per error:\n{report}");
}

#[test]
fn scaffold_writes_a_valid_case_and_never_overwrites() {
    let dir = suite();
    let root = dir.path();
    let path = scaffold_case(root, "per-call/fresh-env").expect("scaffold");
    assert_eq!(path, root.join("cases/per-call/fresh-env.yaml"));
    let suite = load_suite_with(
        root,
        LoadOptions {
            require_goldens: false,
        },
    )
    .expect("template is valid");
    assert_eq!(suite.cases[0].id, "per-call/fresh-env");
    assert!(matches!(
        errors(root)[..],
        [CaseError::MissingGolden { .. }]
    ));

    fs::write(&path, "edited").expect("edit");
    let again = scaffold_case(root, "per-call/fresh-env").expect_err("exists");
    assert_eq!(
        again.to_string(),
        format!(
            "{}: already exists (`lexenv new` never overwrites a case)",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "edited");

    assert!(matches!(
        scaffold_case(root, "No/Good"),
        Err(CaseError::BadId { .. })
    ));
    assert!(matches!(
        scaffold_case(root, "just-a-name"),
        Err(CaseError::BadId { .. })
    ));
    let elsewhere = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        scaffold_case(elsewhere.path(), "a/b"),
        Err(CaseError::NoCasesDir { .. })
    ));
}
