//! Discovery of a suite (any folder holding `cases/` and `expected/`),
//! pairing each case with its golden, and collecting every way loading can
//! fail; plus `CaseFilter` and `select` (libtest-style filters: substring,
//! or whole id with `--exact`) and `scaffold_case` (`lexenv new`).

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::case::{Case, CaseError, Location, check_id, parse_case};
use crate::transcript::Transcript;

/// A loaded, validated suite.
#[derive(Clone, Debug)]
pub struct Suite {
    pub root: PathBuf,
    /// Sorted by id.
    pub cases: Vec<Case>,
}

/// Every problem found while loading, all of them, in path order.
#[derive(Debug)]
pub struct LoadErrors(pub Vec<CaseError>);

impl fmt::Display for LoadErrors {
    /// One error per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// How strict loading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// A case without its `.out` is an error. `run` and `check` require
    /// goldens; `bless`, which writes them, does not.
    pub require_goldens: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            require_goldens: true,
        }
    }
}

/// Loads and validates every case under `root/cases`, requiring goldens.
pub fn load_suite(root: &Path) -> Result<Suite, LoadErrors> {
    load_suite_with(root, LoadOptions::default())
}

/// Loads and validates every case under `root/cases`. All errors of all
/// files are collected; the suite is returned only when there are none.
/// An empty `cases/` gives an empty suite (callers decide whether that fails).
pub fn load_suite_with(root: &Path, options: LoadOptions) -> Result<Suite, LoadErrors> {
    // Every path a case carries (its file, its golden) and every path an
    // error names starts from `base`, so all print alike: `cases/a/b.yaml`
    // and `expected/a/b.out` for `--suite .`, `DIR/cases/...` and
    // `DIR/expected/...` for `--suite DIR`.
    let base = without_leading_dot(root);
    let cases_dir = base.join("cases");
    let expected_dir = base.join("expected");
    if !cases_dir.is_dir() {
        return Err(LoadErrors(vec![CaseError::NoCasesDir {
            at: Location::file(root),
        }]));
    }
    let mut errors = Vec::new();
    let mut cases = Vec::new();
    let mut case_ids = BTreeSet::new();

    for path in find_files(&cases_dir, "yml", &mut errors) {
        let id = relative_id(&cases_dir, &path, "yml");
        let reason = "case files end in `.yaml` (expected cases/<area>/<name>.yaml)";
        errors.push(CaseError::BadId {
            at: Location::new(&path, 1, 1),
            id,
            reason,
        });
    }
    for path in find_files(&cases_dir, "yaml", &mut errors) {
        let id = relative_id(&cases_dir, &path, "yaml");
        if let Err(reason) = check_id(&id) {
            errors.push(CaseError::BadId {
                at: Location::new(&path, 1, 1),
                id: id.clone(),
                reason,
            });
        }
        let expected_path = expected_dir.join(format!("{id}.out"));
        case_ids.insert(id.clone());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(CaseError::Io {
                    at: Location::file(&path),
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        match parse_case(&text, &id, &path, &expected_path) {
            Ok(case) => {
                if options.require_goldens && !expected_path.is_file() {
                    let at = Location::new(&path, 1, 1);
                    errors.push(CaseError::MissingGolden {
                        at,
                        id: id.clone(),
                        expected_path,
                    });
                }
                cases.push(case);
            }
            Err(file_errors) => errors.extend(file_errors),
        }
    }

    if expected_dir.is_dir() {
        for path in find_files(&expected_dir, "out", &mut errors) {
            let id = relative_id(&expected_dir, &path, "out");
            if !case_ids.contains(&id) {
                let case_path = cases_dir.join(format!("{id}.yaml"));
                errors.push(CaseError::OrphanGolden {
                    at: Location::new(&path, 1, 1),
                    case_path,
                });
            }
        }
    }

    if !errors.is_empty() {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        return Err(LoadErrors(errors));
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Suite {
        root: root.to_path_buf(),
        cases,
    })
}

/// `root` without its leading `./` (`.` becomes the empty path, which
/// `join` treats as the current folder): what glob leaves of it in the paths
/// it finds.
pub(crate) fn without_leading_dot(root: &Path) -> &Path {
    root.strip_prefix(".").unwrap_or(root)
}

/// Every file under `dir` (at any depth) ending in `.{ext}`, sorted.
fn find_files(dir: &Path, ext: &str, errors: &mut Vec<CaseError>) -> Vec<PathBuf> {
    let pattern = format!(
        "{}/**/*.{ext}",
        glob::Pattern::escape(&dir.to_string_lossy())
    );
    let mut paths = Vec::new();
    match glob::glob(&pattern) {
        Ok(entries) => {
            for entry in entries {
                match entry {
                    Ok(path) if path.is_file() => paths.push(path),
                    Ok(_) => {}
                    Err(e) => errors.push(CaseError::Io {
                        at: Location::file(e.path()),
                        message: format!("cannot read: {}", e.error()),
                    }),
                }
            }
        }
        Err(e) => errors.push(CaseError::Io {
            at: Location::file(dir),
            message: format!("cannot search for .{ext} files: {e}"),
        }),
    }
    paths.sort();
    paths
}

/// The id a file under `dir` stands for: its path below `dir` without the
/// extension, with `/` separators (`latest-value/reassigned-after-creation`).
fn relative_id(dir: &Path, path: &Path, ext: &str) -> String {
    // glob drops a leading `./` (the pattern `./cases/**` gives
    // `cases/a/b.yaml`), so try the prefix without it too.
    let relative = path
        .strip_prefix(dir)
        .or_else(|_| path.strip_prefix(without_leading_dot(dir)))
        .unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let id = parts.join("/");
    id.strip_suffix(&format!(".{ext}"))
        .unwrap_or(&id)
        .to_string()
}

/// Which cases a command takes: libtest-style filters on case ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Empty: every case.
    pub patterns: Vec<String>,
    /// `--exact`: a pattern must equal the id, not just occur in it.
    pub exact: bool,
}

impl CaseFilter {
    /// Cases whose id contains any of `patterns` (all cases when empty).
    pub fn containing(patterns: Vec<String>) -> Self {
        CaseFilter {
            patterns,
            exact: false,
        }
    }

    /// Whether the case with this id is taken.
    pub fn matches(&self, id: &str) -> bool {
        self.patterns.is_empty()
            || self.patterns.iter().any(|pattern| {
                if self.exact {
                    id == pattern
                } else {
                    id.contains(pattern.as_str())
                }
            })
    }

    /// How ids are compared with the patterns, for messages: "contains" or
    /// "equals".
    pub fn relation(&self) -> &'static str {
        if self.exact { "equals" } else { "contains" }
    }
}

impl Suite {
    /// The cases whose id contains any of `filters` (libtest-style substring
    /// match); all cases when `filters` is empty. In id order.
    pub fn select(&self, filters: &[String]) -> Vec<&Case> {
        self.select_by(&CaseFilter::containing(filters.to_vec()))
    }

    /// The cases `filter` takes, in id order.
    pub fn select_by(&self, filter: &CaseFilter) -> Vec<&Case> {
        self.cases
            .iter()
            .filter(|case| filter.matches(&case.id))
            .collect()
    }

    /// The case with exactly this id.
    pub fn get(&self, id: &str) -> Option<&Case> {
        self.cases
            .binary_search_by(|case| case.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.cases[i])
    }
}

/// The text `lexenv new` writes: a valid case to edit.
const CASE_TEMPLATE: &str = r#"description: >-
  TODO: say which closure subtlety this case pins, in one or two sentences.
spec: [sec-getidentifierreference]
tags: []
mode: sloppy
source: |
  let value = "before";
  function read() { return value; }
  value = "after";
  console.log(read());
"#;

/// Writes a new, valid case file `root/cases/<id>.yaml` from a template and
/// returns its path. Refuses a bad id, a root without `cases/`, and an
/// existing file. The golden is left to `lexenv bless <id>`.
pub fn scaffold_case(root: &Path, id: &str) -> Result<PathBuf, CaseError> {
    let cases_dir = without_leading_dot(root).join("cases");
    let path = cases_dir.join(format!("{id}.yaml"));
    check_id(id).map_err(|reason| CaseError::BadId {
        at: Location::file(&path),
        id: id.into(),
        reason,
    })?;
    if !cases_dir.is_dir() {
        return Err(CaseError::NoCasesDir {
            at: Location::file(root),
        });
    }
    let io_error = |at: &Path, e: std::io::Error| CaseError::Io {
        at: Location::file(at),
        message: e.to_string(),
    };
    if let Some(area_dir) = path.parent() {
        std::fs::create_dir_all(area_dir).map_err(|e| io_error(area_dir, e))?;
    }
    // `create_new` fails if the file exists, so a case is never overwritten.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(CaseError::AlreadyExists {
                at: Location::file(&path),
            });
        }
        Err(e) => return Err(io_error(&path, e)),
    };
    std::io::Write::write_all(&mut file, CASE_TEMPLATE.as_bytes())
        .map_err(|e| io_error(&path, e))?;
    Ok(path)
}

impl Case {
    /// The golden transcript, or `None` when the `.out` file does not exist.
    pub fn read_expected(&self) -> std::io::Result<Option<Transcript>> {
        match std::fs::read_to_string(&self.expected_path) {
            Ok(text) => Ok(Some(Transcript::from_golden(&text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_a_valid_case() {
        let path = Path::new("cases/a/b.yaml");
        let case = parse_case(CASE_TEMPLATE, "a/b", path, Path::new("expected/a/b.out"))
            .expect("the template parses");
        assert_eq!(case.spec, ["sec-getidentifierreference"]);
        assert_eq!(case.source_line, 7);
    }

    #[test]
    fn a_filter_matches_substrings_or_with_exact_whole_ids() {
        let patterns = vec!["a/x".to_string()];
        let substring = CaseFilter::containing(patterns.clone());
        assert!(substring.matches("a/x") && substring.matches("a/xy"));
        assert!(substring.matches("b/a/x") && !substring.matches("a/y"));
        let exact = CaseFilter {
            patterns,
            exact: true,
        };
        assert!(exact.matches("a/x"));
        assert!(!exact.matches("a/xy") && !exact.matches("b/a/x"));
        assert!(CaseFilter::default().matches("anything"));
        assert_eq!(
            (substring.relation(), exact.relation()),
            ("contains", "equals")
        );
    }

    #[test]
    fn relative_ids_use_slashes_and_drop_the_extension() {
        let dir = Path::new("/s/cases");
        assert_eq!(
            relative_id(dir, &dir.join("a").join("b.yaml"), "yaml"),
            "a/b"
        );
        assert_eq!(relative_id(dir, &dir.join("a/b/c.yaml"), "yaml"), "a/b/c");
        assert_eq!(relative_id(dir, &dir.join("top.yaml"), "yaml"), "top");
        let dot = Path::new("./cases");
        assert_eq!(relative_id(dot, Path::new("cases/a/b.yaml"), "yaml"), "a/b");
    }

    #[test]
    fn only_a_leading_dot_is_dropped_from_the_suite_root() {
        let joined = |root: &str| without_leading_dot(Path::new(root)).join("expected");
        assert_eq!(joined("."), Path::new("expected"));
        assert_eq!(joined("./"), Path::new("expected"));
        assert_eq!(joined("./s"), Path::new("s/expected"));
        assert_eq!(joined("s"), Path::new("s/expected"));
        assert_eq!(joined("../s"), Path::new("../s/expected"));
        assert_eq!(joined("/tmp/s"), Path::new("/tmp/s/expected"));
    }
}
