//! The case file schema (DESIGN §2) and its validation. This is the only
//! module that knows the files are YAML: swapping `serde_yaml` for another
//! parser is a change to this file alone (its submodules `locate`, a line
//! scanner for error positions, and `error` do not use it).
//!
//! `parse_case` turns a file's text into a validated `Case` or into every
//! problem the file has, each a `CaseError` naming file:line:column.

mod error;
mod locate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

pub use self::error::{CASE_KEYS, CaseError, Location};
use self::locate::{Layout, Pos};
use crate::engine::EngineKind;
use crate::spec::ClauseTable;

/// How a case's source is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    #[default]
    Sloppy,
    Strict,
    /// Run both ways; both must give the golden transcript.
    Both,
}

/// One concrete way of running a source: the modes a `Mode` expands to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunMode {
    Sloppy,
    Strict,
}

impl Mode {
    pub fn run_modes(self) -> &'static [RunMode] {
        match self {
            Mode::Sloppy => &[RunMode::Sloppy],
            Mode::Strict => &[RunMode::Strict],
            Mode::Both => &[RunMode::Sloppy, RunMode::Strict],
        }
    }
}

impl RunMode {
    pub fn name(self) -> &'static str {
        match self {
            RunMode::Sloppy => "sloppy",
            RunMode::Strict => "strict",
        }
    }

    /// The script an engine runs: strict mode prepends `"use strict";\n`.
    pub fn prepare(self, source: &str) -> String {
        match self {
            RunMode::Sloppy => source.to_string(),
            RunMode::Strict => format!("\"use strict\";\n{source}"),
        }
    }
}

/// A validated case file.
#[derive(Clone, Debug)]
pub struct Case {
    /// `<area>/<name>`, from the path under `cases/`.
    pub id: String,
    pub area: String,
    /// The `.yaml` file.
    pub path: PathBuf,
    /// Its golden transcript file under `expected/` (may not exist yet).
    pub expected_path: PathBuf,
    pub description: String,
    /// ECMA-262 clause ids, each checked against the clause table.
    pub spec: Vec<String>,
    pub tags: Vec<String>,
    pub mode: Mode,
    pub source: String,
    /// 1-based line in the YAML file where the source text starts, so a
    /// report can number source lines as they appear in the file.
    pub source_line: usize,
    /// Engines known to diverge, with the reason.
    pub known: BTreeMap<EngineKind, String>,
}

impl Case {
    /// The clause table entries of `spec`, in the order the case lists them.
    /// (Every id was checked when the case was loaded.)
    pub fn clauses(&self) -> Vec<&'static crate::spec::Clause> {
        let table = ClauseTable::builtin();
        self.spec.iter().filter_map(|id| table.get(id)).collect()
    }

    /// The case's name within its area: `let-per-iteration` for
    /// `loop-bindings/let-per-iteration`.
    pub fn name(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or(&self.id)
    }
}

/// Checks a case id: `<area>/<name>`, each part lowercase ASCII letters,
/// digits and `-`, starting with a letter or digit. The error says what was
/// expected.
pub fn check_id(id: &str) -> Result<(), &'static str> {
    const EXPECTED: &str = "expected `<area>/<name>`, each of lowercase letters, digits and `-`, starting with a letter or digit";
    let part_ok = |part: &str| {
        part.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    match id.split_once('/') {
        Some((area, name)) if part_ok(area) && part_ok(name) => Ok(()),
        _ => Err(EXPECTED),
    }
}

/// Parses and validates the text of one case file. `id` is the case's id
/// (checked by the caller with `check_id`), `path` the file (for messages and
/// `Case::path`), `expected_path` its golden transcript. Returns every
/// problem the file has, not just the first.
pub fn parse_case(
    text: &str,
    id: &str,
    path: &Path,
    expected_path: &Path,
) -> Result<Case, Vec<CaseError>> {
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(e) => return Err(vec![yaml_error(path, &Layout::scan(text), &e)]),
    };
    let map = match value {
        Value::Mapping(map) => map,
        other => {
            let found = if other.is_null() {
                "an empty document"
            } else {
                kind_of(&other)
            };
            let at = Location::new(path, 1, 1);
            return Err(vec![CaseError::NotAMapping { at, found }]);
        }
    };
    let mut checker = Checker {
        path,
        layout: Layout::scan(text),
        errors: Vec::new(),
    };
    checker.unknown_keys(&map);
    let description = checker.text_field(&map, "description");
    let spec = checker.spec(&map);
    let tags = checker.tags(&map);
    let mode = checker.mode(&map);
    let source = checker.text_field(&map, "source");
    let known = checker.known(&map);
    let source_line = checker.layout.value_first_line("source");
    match (description, source, checker.errors.is_empty()) {
        (Some(description), Some(source), true) => Ok(Case {
            id: id.to_string(),
            area: id.split('/').next().unwrap_or(id).to_string(),
            path: path.to_path_buf(),
            expected_path: expected_path.to_path_buf(),
            description,
            spec,
            tags,
            mode,
            source,
            source_line,
            known,
        }),
        _ => {
            checker
                .errors
                .sort_by(|a, b| a.location().cmp(b.location()));
            Err(checker.errors)
        }
    }
}

/// A YAML syntax error at the position the parser reports. The errors the
/// parser reports at the start of the file (a duplicate key, a second
/// document) are located in the text.
fn yaml_error(path: &Path, layout: &Layout, e: &serde_yaml::Error) -> CaseError {
    let mut message = e.to_string();
    let mut pos = Pos::START;
    if let Some(loc) = e.location() {
        // The parser appends the position we print as a prefix anyway.
        let suffix = format!(" at line {} column {}", loc.line(), loc.column());
        message = message.replacen(&suffix, "", 1);
        pos = Pos {
            line: loc.line(),
            column: loc.column(),
        };
    }
    if pos == Pos::START {
        if let Some((key, at)) = layout.duplicate_key() {
            message = format!("duplicate key `{key}` (expected each key once)");
            pos = at;
        } else if let Some(at) = layout.second_document() {
            message = "a second YAML document (expected one case per file)".to_string();
            pos = at;
        }
    }
    CaseError::Yaml {
        at: Location::new(path, pos.line, pos.column),
        message,
    }
}

/// How a YAML value reads in a message ("found a list").
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Validation of one file's fields, collecting every error.
struct Checker<'a> {
    path: &'a Path,
    layout: Layout<'a>,
    errors: Vec<CaseError>,
}

impl Checker<'_> {
    fn at(&self, pos: Pos) -> Location {
        Location::new(self.path, pos.line, pos.column)
    }

    fn unknown_keys(&mut self, map: &Mapping) {
        for key in map.keys() {
            let name = match key {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            if !CASE_KEYS.contains(&name.as_str()) {
                let at = self.at(self.layout.key_pos(&name));
                self.errors.push(CaseError::UnknownKey { at, key: name });
            }
        }
    }

    /// A required, non-blank text field.
    fn text_field(&mut self, map: &Mapping, field: &'static str) -> Option<String> {
        let error = match map.get(field) {
            None => CaseError::MissingField {
                at: self.at(Pos::START),
                field,
            },
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(s.clone()),
            Some(Value::String(_) | Value::Null) => CaseError::EmptyField {
                at: self.at(self.layout.key_pos(field)),
                field: field.into(),
            },
            Some(other) => CaseError::WrongType {
                at: self.at(self.layout.value_pos(field)),
                field: field.into(),
                expected: "text",
                found: kind_of(other),
            },
        };
        self.errors.push(error);
        None
    }

    fn spec(&mut self, map: &Mapping) -> Vec<String> {
        let items = match map.get("spec") {
            None => {
                self.errors.push(CaseError::MissingField {
                    at: self.at(Pos::START),
                    field: "spec",
                });
                return Vec::new();
            }
            Some(Value::Sequence(items)) if !items.is_empty() => items,
            Some(Value::Sequence(_) | Value::Null) => {
                self.errors.push(CaseError::EmptySpec {
                    at: self.at(self.layout.value_pos("spec")),
                });
                return Vec::new();
            }
            Some(other) => {
                self.wrong_type(
                    "spec",
                    "a list of ECMA-262 clause ids, e.g. [sec-getidentifierreference]",
                    other,
                );
                return Vec::new();
            }
        };
        let table = ClauseTable::builtin();
        let mut ids: Vec<String> = Vec::new();
        for item in items {
            let Value::String(id) = item else {
                self.wrong_type("spec", "a list of ECMA-262 clause ids (text)", item);
                continue;
            };
            if !table.contains(id) {
                let nth = ids.iter().filter(|seen| *seen == id).count();
                let at = self.at(self.layout.token_in_value("spec", id, nth, false));
                let suggestion = suggest_clause(table, id);
                self.errors.push(CaseError::UnknownClause {
                    at,
                    id: id.clone(),
                    suggestion,
                });
            }
            ids.push(id.clone());
        }
        ids
    }

    fn tags(&mut self, map: &Mapping) -> Vec<String> {
        const EXPECTED: &str = "a list of words, e.g. [seed]";
        match map.get("tags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut tags = Vec::new();
                for item in items {
                    match item {
                        Value::String(tag) => tags.push(tag.clone()),
                        other => self.wrong_type("tags", EXPECTED, other),
                    }
                }
                tags
            }
            Some(other) => {
                self.wrong_type("tags", EXPECTED, other);
                Vec::new()
            }
        }
    }

    fn mode(&mut self, map: &Mapping) -> Mode {
        let value = match map.get("mode") {
            None => return Mode::default(),
            Some(Value::String(s)) => match s.as_str() {
                "sloppy" => return Mode::Sloppy,
                "strict" => return Mode::Strict,
                "both" => return Mode::Both,
                other => other.to_string(),
            },
            Some(other) => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let at = self.at(self.layout.value_pos("mode"));
        self.errors.push(CaseError::BadMode { at, value });
        Mode::default()
    }

    fn known(&mut self, map: &Mapping) -> BTreeMap<EngineKind, String> {
        let mut known = BTreeMap::new();
        let entries = match map.get("known") {
            None | Some(Value::Null) => return known,
            Some(Value::Mapping(entries)) => entries,
            Some(other) => {
                self.wrong_type(
                    "known",
                    "a mapping from engine to reason, e.g. {boa: \"why\"}",
                    other,
                );
                return known;
            }
        };
        for (engine, reason) in entries {
            let name = engine
                .as_str()
                .map_or_else(|| kind_of(engine).to_string(), str::to_string);
            let at = self.at(self.layout.token_in_value("known", &name, 0, true));
            let kind = match name.parse::<EngineKind>() {
                Ok(EngineKind::Mini) | Err(_) => {
                    self.errors
                        .push(CaseError::BadKnownEngine { at, engine: name });
                    continue;
                }
                Ok(kind) => kind,
            };
            let field = format!("known.{name}");
            match reason {
                Value::String(s) if !s.trim().is_empty() => {
                    known.insert(kind, s.clone());
                }
                Value::String(_) | Value::Null => {
                    self.errors.push(CaseError::EmptyField { at, field })
                }
                other => {
                    let found = kind_of(other);
                    self.errors.push(CaseError::WrongType {
                        at,
                        field,
                        expected: "text",
                        found,
                    });
                }
            }
        }
        known
    }

    fn wrong_type(&mut self, field: &str, expected: &'static str, value: &Value) {
        let at = self.at(self.layout.value_pos(field));
        let found = kind_of(value);
        self.errors.push(CaseError::WrongType {
            at,
            field: field.into(),
            expected,
            found,
        });
    }
}

/// A real clause id an unknown one probably meant: the id with its `sec-`
/// prefix or in lowercase, or the clause whose title starts with it
/// (`GetIdentifierReference` → `sec-getidentifierreference`).
fn suggest_clause(table: &ClauseTable, id: &str) -> Option<String> {
    let lower = id.to_lowercase();
    [lower.clone(), format!("sec-{lower}")]
        .into_iter()
        .find(|candidate| table.contains(candidate))
        .or_else(|| table.find_by_title(id).map(|clause| clause.id.clone()))
}
