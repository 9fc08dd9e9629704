//! Helpers for the CLI tests: temporary suites, running the real binary,
//! reading its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");

/// A suite in a temporary folder.
pub struct TempSuite {
    dir: tempfile::TempDir,
}

impl TempSuite {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("cases")).unwrap();
        std::fs::create_dir_all(dir.path().join("expected")).unwrap();
        TempSuite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn case_path(&self, id: &str) -> PathBuf {
        self.root().join("cases").join(format!("{id}.yaml"))
    }

    pub fn golden_path(&self, id: &str) -> PathBuf {
        self.root().join("expected").join(format!("{id}.out"))
    }

    /// Writes a case file verbatim.
    pub fn raw_case(&self, id: &str, yaml: &str) {
        let path = self.case_path(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, yaml).unwrap();
    }

    /// Writes a valid case with `extra` YAML lines and, if given, its golden.
    pub fn case(&self, id: &str, source: &str, extra: &str, golden: Option<&str>) {
        self.raw_case(id, &case_yaml(source, extra));
        if let Some(golden) = golden {
            self.golden(id, golden);
        }
    }

    pub fn golden(&self, id: &str, text: &str) {
        let path = self.golden_path(id);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs `lexenv ARGS --suite ROOT` (outside CI, with the test faults
    /// armed).
    pub fn lexenv(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().expect("utf-8 temp path");
        all.extend(["--suite", root]);
        lexenv(&all, &[])
    }
}

/// A valid case file: the source on line 4.
pub fn case_yaml(source: &str, extra: &str) -> String {
    let mut yaml = String::from(
        "description: A function reads the variable's current value.\n\
         spec: [sec-getidentifierreference]\n\
         source: |\n",
    );
    for line in source.lines() {
        yaml.push_str("  ");
        yaml.push_str(line);
        yaml.push('\n');
    }
    yaml.push_str(extra);
    yaml
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

pub fn lexenv(args: &[&str], env: &[(&str, &str)]) -> Run {
    lexenv_with_stdin(args, env, "")
}

pub fn lexenv_with_stdin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    lexenv_in(Path::new("."), args, env, stdin)
}

pub fn lexenv_in(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut command = Command::new(LEXENV);
    command
        .current_dir(dir)
        .args(args)
        .env_remove("CI")
        .env("LEXENV_TEST_FAULTS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("lexenv starts");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("piped stdin");
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("lexenv runs");
    Run {
        code: status.code().expect("lexenv exits normally"),
        stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
    }
}

/// Whether `text` holds `<file>:<line>:<column>`.
pub fn has_position(text: &str, file: &str) -> bool {
    text.match_indices(file).any(|(at, _)| {
        let rest = &text[at + file.len()..];
        let mut parts = rest.splitn(3, ':');
        parts.next() == Some("")
            && parts
                .next()
                .is_some_and(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
            && parts
                .next()
                .is_some_and(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
    })
}

/// The result of `engine` on case `id` (first mode) in a JSON report.
pub fn result<'a>(json: &'a Value, id: &str, engine: &str) -> &'a Value {
    json["cases"]
        .as_array()
        .expect("cases array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("case {id} in the report: {json:#}"))
        .get("results")
        .and_then(|r| r.get(engine))
        .unwrap_or_else(|| panic!("{engine} result for {id}: {json:#}"))
}
