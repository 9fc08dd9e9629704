//! Where things are in a case file's raw text, so that errors found after
//! parsing (an unknown key, an unknown clause id inside `spec: [...]`, a bad
//! `mode`) can name the line and column of the offending token.
//!
//! The YAML parser gives the structure but no positions, so this is a small
//! line scanner over the text. It understands the shape case files have: a
//! block mapping of top-level keys starting at column 1, each followed by its
//! value (inline, a flow list or mapping, a block list or mapping, or a block
//! scalar). Anything it cannot find falls back to the nearest thing it did
//! find (the key, then the start of the file), never to a wrong place.

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// One top-level key of the file and the extent of its value.
#[derive(Debug)]
struct TopKey {
    name: String,
    /// Byte offset of the key's first character (its quote, if quoted).
    start: usize,
    /// Byte offsets of the value: from just after the `:` to the start of the
    /// next top-level key (or the end of the file).
    value: (usize, usize),
}

/// The top-level keys of a case file, with positions.
#[derive(Debug)]
pub struct Layout<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    keys: Vec<TopKey>,
}

impl<'a> Layout<'a> {
    pub fn scan(text: &'a str) -> Layout<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut keys: Vec<TopKey> = Vec::new();
        for &start in &line_starts {
            let line = line_at(text, start);
            let Some((name, colon)) = top_level_key(line) else {
                continue;
            };
            if let Some(previous) = keys.last_mut() {
                previous.value.1 = start;
            }
            keys.push(TopKey {
                name,
                start,
                value: (start + colon + 1, text.len()),
            });
        }
        Layout {
            text,
            line_starts,
            keys,
        }
    }

    /// The position of byte offset `offset`.
    pub fn pos(&self, offset: usize) -> Pos {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        Pos { line, column }
    }

    /// The first top-level key called `name` (duplicate keys are a YAML error).
    fn key(&self, name: &str) -> Option<&TopKey> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The second occurrence of a top-level key that appears twice, with its
    /// name (duplicate keys are a YAML error the parser reports without a
    /// position).
    pub fn duplicate_key(&self) -> Option<(&str, Pos)> {
        self.keys.iter().enumerate().find_map(|(i, key)| {
            let repeated = self.keys[..i].iter().any(|k| k.name == key.name);
            repeated.then(|| (key.name.as_str(), self.pos(key.start)))
        })
    }

    /// The `---` line that starts a second YAML document, if any: a marker
    /// after the first line that holds content.
    pub fn second_document(&self) -> Option<Pos> {
        let mut seen_content = false;
        for &start in &self.line_starts {
            let line = line_at(self.text, start);
            if line.starts_with("---") && seen_content {
                return Some(self.pos(start));
            }
            let trimmed = line.trim();
            seen_content |=
                !trimmed.is_empty() && !trimmed.starts_with('#') && !line.starts_with("---");
        }
        None
    }

    /// Where the key `name` is written, or the start of the file.
    pub fn key_pos(&self, name: &str) -> Pos {
        self.key(name).map_or(Pos::START, |k| self.pos(k.start))
    }

    /// Where the value of `name` starts: the first character after the colon
    /// that is not a blank or a comment (on the same line or a later one);
    /// the key itself when the value is empty.
    pub fn value_pos(&self, name: &str) -> Pos {
        let Some(key) = self.key(name) else {
            return Pos::START;
        };
        match first_token(self.text, key.value) {
            Some(offset) => self.pos(offset),
            None => self.pos(key.start),
        }
    }

    /// Where the `nth` (0-based) occurrence of `token` as a whole word inside
    /// the value of `name` is; the value's start when it is not found.
    /// `followed_by_colon` restricts the search to mapping keys (`boa:`).
    pub fn token_in_value(
        &self,
        name: &str,
        token: &str,
        nth: usize,
        followed_by_colon: bool,
    ) -> Pos {
        let Some(key) = self.key(name) else {
            return Pos::START;
        };
        let value = &self.text[key.value.0..key.value.1];
        let found = value
            .match_indices(token)
            .filter(|&(i, _)| is_whole_word(value, i, token.len(), followed_by_colon))
            .nth(nth);
        match found {
            Some((i, _)) => self.pos(key.value.0 + i),
            None => self.value_pos(name),
        }
    }

    /// The 1-based line where the text of the value of `name` begins: the
    /// line after the header for a block scalar (`source: |`), the key's line
    /// for an inline value, the next non-blank line when the value starts on
    /// a later line.
    pub fn value_first_line(&self, name: &str) -> usize {
        let Some(key) = self.key(name) else { return 1 };
        let key_line = self.pos(key.start).line;
        let rest = line_at(self.text, key.value.0).trim_start();
        if rest.starts_with('|') || rest.starts_with('>') {
            key_line + 1
        } else if !rest.is_empty() && !rest.starts_with('#') {
            key_line
        } else {
            first_token(self.text, key.value).map_or(key_line + 1, |offset| self.pos(offset).line)
        }
    }
}

/// The line starting at byte `start`, without its line break.
fn line_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let line = rest.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// A line `key: …` at column 1 gives the key's name and the byte index of its
/// colon. Lines starting with a blank, a comment, a list dash or a bracket
/// are not top-level keys.
fn top_level_key(line: &str) -> Option<(String, usize)> {
    let first = line.chars().next()?;
    if first == '"' || first == '\'' {
        let close = line[1..].find(first)? + 1;
        let colon = close + 1;
        return (line[colon..].starts_with(':')).then(|| (line[1..close].to_string(), colon));
    }
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let bytes = line.as_bytes();
    let colon = (0..bytes.len()).find(|&i| {
        bytes[i] == b':'
            && matches!(
                bytes.get(i + 1),
                None | Some(b' ') | Some(b'\t') | Some(b'\r')
            )
    })?;
    Some((line[..colon].trim_end().to_string(), colon))
}

/// The byte offset of the first character in `range` that is neither blank
/// nor inside a comment.
fn first_token(text: &str, (from, to): (usize, usize)) -> Option<usize> {
    let mut in_comment = false;
    for (i, c) in text[from..to].char_indices() {
        match c {
            '\n' => in_comment = false,
            _ if in_comment => {}
            '#' => in_comment = true,
            c if c.is_whitespace() => {}
            _ => return Some(from + i),
        }
    }
    None
}

/// Whether `text[at..at + len]` stands alone: not part of a longer word on
/// either side (YAML punctuation, quotes and blanks separate words).
fn is_whole_word(text: &str, at: usize, len: usize, followed_by_colon: bool) -> bool {
    let separator = |c: char| c.is_whitespace() || "[]{},:#\"'".contains(c);
    let before_ok = text[..at].chars().next_back().is_none_or(separator);
    let after = &text[at + len..];
    let after_ok = after.chars().next().is_none_or(separator);
    if !(before_ok && after_ok) {
        return false;
    }
    !followed_by_colon || after.trim_start_matches(['"', '\'']).starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# a comment\ndescription: >-\n  some text: with colon\nspec: [sec-a, sec-b,\n  sec-a]\n\"mode\": strict\nknown:\n  boa: \"differs from mini\"\n  mini: no\nsource: |\n  let x;\n";

    #[test]
    fn finds_top_level_keys_and_values() {
        let layout = Layout::scan(TEXT);
        let names: Vec<&str> = layout.keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["description", "spec", "mode", "known", "source"]);
        assert_eq!(layout.key_pos("spec"), Pos { line: 4, column: 1 });
        assert_eq!(layout.value_pos("mode"), Pos { line: 6, column: 9 });
        assert_eq!(layout.value_pos("known"), Pos { line: 8, column: 3 });
        assert_eq!(layout.key_pos("absent"), Pos::START);
    }

    #[test]
    fn finds_the_nth_whole_token() {
        let layout = Layout::scan(TEXT);
        assert_eq!(
            layout.token_in_value("spec", "sec-a", 0, false),
            Pos { line: 4, column: 8 }
        );
        assert_eq!(
            layout.token_in_value("spec", "sec-a", 1, false),
            Pos { line: 5, column: 3 }
        );
        assert_eq!(
            layout.token_in_value("spec", "sec", 0, false),
            Pos { line: 4, column: 7 }
        );
        // `mini` in the reason text is skipped: only a key followed by `:` counts.
        assert_eq!(
            layout.token_in_value("known", "mini", 0, true),
            Pos { line: 9, column: 3 }
        );
    }

    #[test]
    fn finds_duplicate_keys_and_second_documents() {
        let layout = Layout::scan("---\nspec: [a]\nmode: x\nspec: [b]\n---\nmode: y\n");
        assert_eq!(
            layout.duplicate_key(),
            Some(("spec", Pos { line: 4, column: 1 }))
        );
        assert_eq!(layout.second_document(), Some(Pos { line: 5, column: 1 }));
        let layout = Layout::scan("# c\n---\nspec: [a]\n");
        assert_eq!(layout.duplicate_key(), None);
        assert_eq!(layout.second_document(), None);
    }

    #[test]
    fn first_line_of_values() {
        let layout = Layout::scan(TEXT);
        assert_eq!(layout.value_first_line("source"), 11);
        assert_eq!(layout.value_first_line("mode"), 6);
        let layout = Layout::scan("source:\n\n  # c\n  go()\n");
        assert_eq!(layout.value_first_line("source"), 4);
    }

    #[test]
    fn columns_count_characters() {
        let layout = Layout::scan("description: \"é\"\nmode: ß\n");
        assert_eq!(layout.value_pos("mode"), Pos { line: 2, column: 7 });
        let text = "spec: [é, sec-x]";
        assert_eq!(
            Layout::scan(text).token_in_value("spec", "sec-x", 0, false),
            Pos {
                line: 1,
                column: 11
            }
        );
    }
}
