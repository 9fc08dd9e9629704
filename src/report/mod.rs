//! Reports: one `Reporter` trait, three renderings of the same `RunReport`
//! (pretty for a terminal, json for tools, junit for CI), plus what they
//! share — per-engine and per-area counts, and terminal styling. The HTML
//! report (`--html DIR`, any `--format` on stdout) is in `html`.

pub mod baseline;
#[cfg(test)]
mod fixtures;
pub mod html;
pub mod json;
pub mod junit;
pub mod pretty;

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use crate::engine::EngineKind;
use crate::run::{RunReport, Status};

/// Renders a run's results.
pub trait Reporter {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `lexenv run --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pretty,
    Json,
    Junit,
}

impl Format {
    pub fn reporter(self, style: Style) -> Box<dyn Reporter> {
        match self {
            Format::Pretty => Box::new(pretty::PrettyReporter { style }),
            Format::Json => Box::new(json::JsonReporter),
            Format::Junit => Box::new(junit::JunitReporter),
        }
    }
}

/// How many runs ended in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    by_status: [usize; Status::ALL.len()],
}

impl Counts {
    pub fn add(&mut self, status: Status) {
        self.by_status[status as usize] += 1;
    }

    pub fn get(&self, status: Status) -> usize {
        self.by_status[status as usize]
    }

    pub fn total(&self) -> usize {
        self.by_status.iter().sum()
    }

    pub fn passed(&self) -> usize {
        self.get(Status::Pass)
    }

    pub fn known(&self) -> usize {
        self.get(Status::Known)
    }

    /// Every run that fails the suite: fail, fixed, timeout, limit, crash.
    pub fn failed(&self) -> usize {
        Status::ALL
            .into_iter()
            .filter(|s| s.is_failure())
            .map(|s| self.get(s))
            .sum()
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        for (mine, theirs) in self.by_status.iter_mut().zip(other.by_status) {
            *mine += theirs;
        }
    }
}

impl std::iter::Sum for Counts {
    /// All runs of several counts together (all engines' for the verdict).
    fn sum<I: Iterator<Item = Counts>>(counts: I) -> Counts {
        let mut total = Counts::default();
        for c in counts {
            total += c;
        }
        total
    }
}

/// Counts per engine.
pub fn counts_by_engine(report: &RunReport) -> BTreeMap<EngineKind, Counts> {
    let mut counts: BTreeMap<EngineKind, Counts> = report
        .engines
        .iter()
        .map(|&e| (e, Counts::default()))
        .collect();
    for (_, _, result) in report.results() {
        counts.entry(result.engine).or_default().add(result.status);
    }
    counts
}

/// Counts per (area, engine).
pub fn counts_by_area(report: &RunReport) -> BTreeMap<(String, EngineKind), Counts> {
    let mut counts: BTreeMap<(String, EngineKind), Counts> = BTreeMap::new();
    for (case, _, result) in report.results() {
        counts
            .entry((case.area.clone(), result.engine))
            .or_default()
            .add(result.status);
    }
    counts
}

/// Terminal styling: ANSI colours on a terminal, plain text when piped or
/// when `NO_COLOR` is set to anything but the empty string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style { color: false };

    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn for_stdout() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && io::stdout().is_terminal(),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }
    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }
    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }
    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }

    /// A status word in its colour.
    pub fn status(self, status: Status) -> String {
        match status {
            Status::Pass => self.green(status.name()),
            Status::Known => self.yellow(status.name()),
            _ => self.red(status.name()),
        }
    }

    /// A unified diff with removed lines red, added lines green, hunk
    /// headers cyan.
    pub fn diff(self, diff: &str) -> String {
        if !self.color {
            return diff.to_string();
        }
        let mut out = String::with_capacity(diff.len() + 64);
        for line in diff.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let painted = if body.starts_with("---") || body.starts_with("+++") {
                self.bold(body)
            } else if body.starts_with("@@") {
                self.cyan(body)
            } else if body.starts_with('-') {
                self.red(body)
            } else if body.starts_with('+') {
                self.green(body)
            } else {
                body.to_string()
            };
            out.push_str(&painted);
            if line.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// Escapes text for XML and HTML content and (double- or single-quoted)
/// attribute values, for the JUnit and HTML reporters. Characters XML 1.0
/// cannot carry at all (most control characters) are written as `\u{..}`.
pub fn escape_markup(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_split_into_passed_known_failed() {
        let mut counts = Counts::default();
        for status in Status::ALL {
            counts.add(status);
        }
        counts.add(Status::Pass);
        assert_eq!(
            (
                counts.total(),
                counts.passed(),
                counts.known(),
                counts.failed()
            ),
            (8, 2, 1, 5)
        );
    }

    #[test]
    fn counts_add_up_status_by_status() {
        let mut one = Counts::default();
        one.add(Status::Pass);
        one.add(Status::Fail);
        let mut two = Counts::default();
        two.add(Status::Fail);
        two.add(Status::Crash);
        let total: Counts = [one, two].into_iter().sum();
        assert_eq!(
            Status::ALL.map(|s| total.get(s)),
            Status::ALL.map(|s| one.get(s) + two.get(s))
        );
        assert_eq!((total.total(), total.get(Status::Fail)), (4, 2));
        assert_eq!(
            std::iter::empty::<Counts>().sum::<Counts>(),
            Counts::default()
        );
    }

    #[test]
    fn plain_style_adds_no_escapes() {
        let diff = "--- expected\n+++ mini\n@@ -1 +1 @@\n-a\n+b\n";
        assert_eq!(Style::PLAIN.diff(diff), diff);
        let colored = Style { color: true }.diff(diff);
        assert!(colored.contains("\x1b[31m-a\x1b[0m\n"), "{colored:?}");
        assert!(colored.contains("\x1b[32m+b\x1b[0m\n"), "{colored:?}");
    }
}
