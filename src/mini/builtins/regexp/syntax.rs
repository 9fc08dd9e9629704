//! Pattern syntax — https://tc39.es/ecma262/#sec-patterns — parsed into a
//! tree of [`Node`]s: Disjunction, Alternative, Term (Assertion, or Atom
//! with a Quantifier), character classes, escapes, groups (capturing,
//! named, non-capturing), lookaround and backreferences.
//!
//! Without the `u`/`v` flag the parser follows Annex B's web-compatible
//! grammar (https://tc39.es/ecma262/#sec-regular-expressions-patterns):
//! a lone `]`, `{` or `}` is a literal, an unknown escape is the character
//! itself, `\8`/`\9` and out-of-range `\N` are literals or octal escapes.
//! With `u`/`v` the grammar is strict, and characters are code points
//! rather than UTF-16 code units. Left out: `\p{…}` property escapes and
//! the `v` flag's set operations (a SyntaxError saying "unsupported").

/// A character class: inclusive code point ranges, maybe negated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassSet {
    pub ranges: Vec<(u32, u32)>,
    pub negated: bool,
}

/// A node of the pattern tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Empty,
    /// One character (a code point with `u`, else a code unit).
    Char(u32),
    /// `.`
    Any,
    Class(ClassSet),
    /// `^`
    LineStart,
    /// `$`
    LineEnd,
    /// `\b` (true) or `\B` (false).
    WordBoundary(bool),
    /// A group; `Some(i)` captures into group i (1-based).
    Group(Box<Node>, Option<usize>),
    /// Lookahead or lookbehind, maybe negative.
    Look {
        behind: bool,
        negate: bool,
        node: Box<Node>,
    },
    /// `\N` or `\k<name>` (resolved to an index).
    BackRef(usize),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
}

/// A parsed pattern.
#[derive(Debug)]
pub struct Pattern {
    pub node: Node,
    /// The number of capturing groups.
    pub group_count: usize,
    /// Group names with their indices, in order.
    pub names: Vec<(String, usize)>,
}

/// Why a pattern was rejected.
#[derive(Debug, PartialEq, Eq)]
pub enum PatternError {
    /// Not a valid pattern (a SyntaxError), and why.
    Syntax(String),
    /// Groups nested deeper than the native stack allows (a RangeError).
    TooDeep,
}

impl From<String> for PatternError {
    fn from(reason: String) -> Self {
        PatternError::Syntax(reason)
    }
}

impl From<&str> for PatternError {
    fn from(reason: &str) -> Self {
        PatternError::Syntax(reason.into())
    }
}

/// Parses `source` (the pattern text) for the given flags. The parser
/// recurses once per nested group and asks `has_stack` before each level.
pub fn parse_pattern(
    source: &str,
    unicode: bool,
    has_stack: &dyn Fn() -> bool,
) -> Result<Pattern, PatternError> {
    let chars: Vec<char> = source.chars().collect();
    let (group_count, names_ahead) = count_groups(&chars);
    let mut parser = Parser {
        chars,
        pos: 0,
        unicode,
        group_count,
        next_group: 1,
        names: Vec::new(),
        names_ahead,
        pending_names: Vec::new(),
        has_stack,
    };
    let node = parser.disjunction()?;
    if parser.pos < parser.chars.len() {
        let reason = if parser.chars[parser.pos] == ')' {
            "Unmatched ')'"
        } else {
            "Unexpected character"
        };
        return Err(reason.into());
    }
    // Resolve \k<name> references now that every name is known.
    let node =
        resolve_names(node, &parser.names, &parser.pending_names).map_err(PatternError::Syntax)?;
    Ok(Pattern {
        node,
        group_count,
        names: parser.names,
    })
}

/// Counts capturing groups (and notes whether any group is named) before
/// parsing, since `\N` depends on the total.
fn count_groups(chars: &[char]) -> (usize, bool) {
    let mut count = 0;
    let mut named = false;
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) != Some(&'?') {
                    count += 1;
                } else if chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=') | Some('!'))
                {
                    count += 1;
                    named = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (count, named)
}

/// A `\k<name>` waiting for resolution: a placeholder index and the name.
const NAME_PLACEHOLDER_BASE: usize = usize::MAX / 2;

fn resolve_names(
    node: Node,
    names: &[(String, usize)],
    pending: &[String],
) -> Result<Node, String> {
    Ok(match node {
        Node::BackRef(i) if i >= NAME_PLACEHOLDER_BASE => {
            let name = &pending[i - NAME_PLACEHOLDER_BASE];
            match names.iter().find(|(n, _)| n == name) {
                Some((_, index)) => Node::BackRef(*index),
                None => return Err(format!("Invalid named capture referenced '{name}'")),
            }
        }
        Node::Group(inner, index) => {
            Node::Group(Box::new(resolve_names(*inner, names, pending)?), index)
        }
        Node::Look {
            behind,
            negate,
            node,
        } => Node::Look {
            behind,
            negate,
            node: Box::new(resolve_names(*node, names, pending)?),
        },
        Node::Concat(items) => Node::Concat(
            items
                .into_iter()
                .map(|n| resolve_names(n, names, pending))
                .collect::<Result<_, _>>()?,
        ),
        Node::Alt(items) => Node::Alt(
            items
                .into_iter()
                .map(|n| resolve_names(n, names, pending))
                .collect::<Result<_, _>>()?,
        ),
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } => Node::Repeat {
            node: Box::new(resolve_names(*node, names, pending)?),
            min,
            max,
            greedy,
        },
        other => other,
    })
}

/// The largest nesting of groups accepted, whatever the stack.
const MAX_NESTING: usize = 1000;

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    unicode: bool,
    group_count: usize,
    next_group: usize,
    names: Vec<(String, usize)>,
    /// Whether the pattern has named groups (then `\k` is always a reference).
    names_ahead: bool,
    pending_names: Vec<String>,
    has_stack: &'a dyn Fn() -> bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Disjunction :: Alternative ( `|` Alternative )*
    fn disjunction(&mut self) -> Result<Node, PatternError> {
        self.disjunction_at(0)
    }

    fn disjunction_at(&mut self, depth: usize) -> Result<Node, PatternError> {
        if depth > MAX_NESTING || !(self.has_stack)() {
            return Err(PatternError::TooDeep);
        }
        let mut alternatives = vec![self.alternative(depth)?];
        while self.eat('|') {
            alternatives.push(self.alternative(depth)?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alternatives)
        })
    }

    /// Alternative :: Term*
    fn alternative(&mut self, depth: usize) -> Result<Node, PatternError> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let term = self.term(depth)?;
            // A literal astral character outside `u` mode is two code units.
            match term {
                Node::Char(cp) if !self.unicode && cp > 0xFFFF => {
                    let units: Vec<u16> = char::from_u32(cp)
                        .map(|c| c.encode_utf16(&mut [0; 2]).to_vec())
                        .unwrap_or_default();
                    terms.extend(units.into_iter().map(|u| Node::Char(u as u32)));
                }
                other => terms.push(other),
            }
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    /// Term :: Assertion | Atom Quantifier?
    fn term(&mut self, depth: usize) -> Result<Node, PatternError> {
        let c = self.peek().ok_or(PatternError::from("Unexpected end"))?;
        let atom = match c {
            '^' => {
                self.pos += 1;
                return Ok(Node::LineStart);
            }
            '$' => {
                self.pos += 1;
                return Ok(Node::LineEnd);
            }
            '\\' if matches!(self.peek_at(1), Some('b') | Some('B')) => {
                self.pos += 2;
                return Ok(Node::WordBoundary(self.chars[self.pos - 1] == 'b'));
            }
            '(' if self.peek_at(1) == Some('?')
                && matches!(self.peek_at(2), Some('=') | Some('!')) =>
            {
                let negate = self.peek_at(2) == Some('!');
                self.pos += 3;
                let node = self.group_body(depth)?;
                let look = Node::Look {
                    behind: false,
                    negate,
                    node: Box::new(node),
                };
                // Annex B: a lookahead may be quantified without `u`.
                if self.unicode {
                    return Ok(look);
                }
                look
            }
            '(' if self.peek_at(1) == Some('?')
                && self.peek_at(2) == Some('<')
                && matches!(self.peek_at(3), Some('=') | Some('!')) =>
            {
                let negate = self.peek_at(3) == Some('!');
                self.pos += 4;
                let node = self.group_body(depth)?;
                return Ok(Node::Look {
                    behind: true,
                    negate,
                    node: Box::new(node),
                });
            }
            _ => self.atom(depth)?,
        };
        Ok(self.quantified(atom)?)
    }

    /// The rest of a group after its opening, through the `)`.
    fn group_body(&mut self, depth: usize) -> Result<Node, PatternError> {
        let node = self.disjunction_at(depth + 1)?;
        if !self.eat(')') {
            return Err("Unterminated group".into());
        }
        Ok(node)
    }

    /// Quantifier :: (`*` | `+` | `?` | `{n}` | `{n,}` | `{n,m}`) `?`?
    fn quantified(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => match self.braced_quantifier() {
                Some(bounds) => bounds,
                None if self.unicode => return Err("Incomplete quantifier".into()),
                None => return Ok(atom),
            },
            _ => return Ok(atom),
        };
        if let Some(max) = max
            && max < min
        {
            return Err("numbers out of order in {} quantifier".into());
        }
        if matches!(
            atom,
            Node::LineStart | Node::LineEnd | Node::WordBoundary(_)
        ) || matches!(&atom, Node::Look { behind: true, .. })
        {
            return Err("Nothing to repeat".into());
        }
        let greedy = !self.eat('?');
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor (consumed), or None (the
    /// cursor stays) when the text is not a quantifier.
    fn braced_quantifier(&mut self) -> Option<(u32, Option<u32>)> {
        let start = self.pos;
        self.pos += 1;
        let min = self.decimal();
        let result = match (min, self.peek()) {
            (Some(min), Some('}')) => Some((min, Some(min))),
            (Some(min), Some(',')) => {
                self.pos += 1;
                match (self.decimal(), self.peek()) {
                    (Some(max), Some('}')) => Some((min, Some(max))),
                    (None, Some('}')) => Some((min, None)),
                    _ => None,
                }
            }
            _ => None,
        };
        match result {
            Some(bounds) => {
                self.pos += 1;
                Some(bounds)
            }
            None => {
                self.pos = start;
                None
            }
        }
    }

    /// DecimalDigits, saturating at u32::MAX.
    fn decimal(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut value: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(d);
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    /// Atom :: PatternCharacter | `.` | `\` AtomEscape | CharacterClass | `(` GroupSpecifier? Disjunction `)` | `(?:` Disjunction `)`
    fn atom(&mut self, depth: usize) -> Result<Node, PatternError> {
        let c = self.peek().ok_or(PatternError::from("Unexpected end"))?;
        self.pos += 1;
        match c {
            '.' => Ok(Node::Any),
            '[' => Ok(self.class()?),
            '\\' => Ok(self.atom_escape()?),
            '(' => {
                if self.eat('?') {
                    if self.eat(':') {
                        return Ok(Node::Group(Box::new(self.group_body(depth)?), None));
                    }
                    if self.eat('<') {
                        let name = self.group_name()?;
                        if self.names.iter().any(|(n, _)| *n == name) {
                            return Err("Duplicate capture group name".into());
                        }
                        let index = self.next_group;
                        self.next_group += 1;
                        self.names.push((name, index));
                        return Ok(Node::Group(Box::new(self.group_body(depth)?), Some(index)));
                    }
                    return Err("Invalid group".into());
                }
                let index = self.next_group;
                self.next_group += 1;
                Ok(Node::Group(Box::new(self.group_body(depth)?), Some(index)))
            }
            '*' | '+' | '?' => Err("Nothing to repeat".into()),
            '{' if self.unicode => Err("Lone quantifier brackets".into()),
            '{' => {
                // Annex B: a `{` that starts a valid quantifier has nothing to repeat.
                self.pos -= 1;
                if self.braced_quantifier().is_some() {
                    return Err("Nothing to repeat".into());
                }
                self.pos += 1;
                Ok(Node::Char('{' as u32))
            }
            ')' => Err("Unmatched ')'".into()),
            ']' | '}' if self.unicode => Err("Lone quantifier brackets".into()),
            other => Ok(Node::Char(other as u32)),
        }
    }

    /// GroupName :: `<` RegExpIdentifierName `>` (after the `<`).
    fn group_name(&mut self) -> Result<String, String> {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some('>') => {
                    self.pos += 1;
                    break;
                }
                Some(c) if c == '$' || c == '_' || c.is_alphanumeric() => {
                    if name.is_empty() && c.is_ascii_digit() {
                        return Err("Invalid capture group name".into());
                    }
                    name.push(c);
                    self.pos += 1;
                }
                _ => return Err("Invalid capture group name".into()),
            }
        }
        if name.is_empty() {
            return Err("Invalid capture group name".into());
        }
        Ok(name)
    }

    /// AtomEscape :: DecimalEscape | CharacterClassEscape | CharacterEscape | `k` GroupName
    fn atom_escape(&mut self) -> Result<Node, String> {
        let c = self.peek().ok_or("\\ at end of pattern")?;
        // Backreferences: \1…\9 and more digits while they name a group.
        if c.is_ascii_digit() && c != '0' {
            let start = self.pos;
            let n = self.decimal().unwrap_or(0) as usize;
            if n <= self.group_count {
                return Ok(Node::BackRef(n));
            }
            if self.unicode {
                return Err("Invalid escape".into());
            }
            // Annex B: not a group: an octal escape or the digit itself.
            self.pos = start;
            if c >= '8' {
                self.pos += 1;
                return Ok(Node::Char(c as u32));
            }
            return Ok(Node::Char(self.legacy_octal()));
        }
        if c == 'k' && (self.unicode || self.names_ahead) {
            self.pos += 1;
            if !self.eat('<') {
                return Err("Invalid named reference".into());
            }
            let name = self.group_name()?;
            self.pending_names.push(name);
            return Ok(Node::BackRef(
                NAME_PLACEHOLDER_BASE + self.pending_names.len() - 1,
            ));
        }
        if let Some(set) = self.class_escape()? {
            return Ok(Node::Class(set));
        }
        Ok(Node::Char(self.character_escape(false)?))
    }

    /// `\d \D \s \S \w \W` at the cursor (consumed), or None.
    fn class_escape(&mut self) -> Result<Option<ClassSet>, String> {
        let c = self.peek().ok_or("\\ at end of pattern")?;
        let (ranges, negated) = match c {
            'd' | 'D' => (DIGIT.to_vec(), c == 'D'),
            's' | 'S' => (SPACE.to_vec(), c == 'S'),
            'w' | 'W' => (WORD.to_vec(), c == 'W'),
            'p' | 'P' if self.unicode => return Err("unsupported: Unicode property escapes".into()),
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(ClassSet { ranges, negated }))
    }

    /// CharacterEscape (after the `\`): the character it stands for.
    fn character_escape(&mut self, in_class: bool) -> Result<u32, String> {
        let c = self.peek().ok_or("\\ at end of pattern")?;
        self.pos += 1;
        Ok(match c {
            't' => 9,
            'n' => 10,
            'v' => 11,
            'f' => 12,
            'r' => 13,
            'b' if in_class => 8,
            '-' if in_class => '-' as u32,
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    l as u32 % 32
                }
                // Annex B: `\c` inside a class also takes digits and `_`.
                Some(l) if in_class && !self.unicode && (l.is_ascii_digit() || l == '_') => {
                    self.pos += 1;
                    l as u32 % 32
                }
                _ if self.unicode => return Err("Invalid unicode escape".into()),
                // Annex B: `\c` otherwise is a backslash followed by `c`.
                _ => {
                    self.pos -= 1;
                    '\\' as u32
                }
            },
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            '0'..='7' if !self.unicode => {
                self.pos -= 1;
                self.legacy_octal()
            }
            'x' => match self.hex_digits(2) {
                Some(v) => v,
                None if self.unicode => return Err("Invalid escape".into()),
                None => 'x' as u32,
            },
            'u' => match self.unicode_escape()? {
                Some(v) => v,
                None if self.unicode => return Err("Invalid Unicode escape".into()),
                None => 'u' as u32,
            },
            // IdentityEscape: with `u` only syntax characters and `/`.
            c if self.unicode => {
                if "^$\\.*+?()[]{}|/".contains(c) {
                    c as u32
                } else {
                    return Err("Invalid escape".into());
                }
            }
            c => c as u32,
        })
    }

    /// LegacyOctalEscapeSequence: up to three octal digits, at most 0o377.
    fn legacy_octal(&mut self) -> u32 {
        let mut value = 0;
        let mut digits = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(8)) {
            if digits == 3 || value * 8 + d > 0o377 {
                break;
            }
            value = value * 8 + d;
            digits += 1;
            self.pos += 1;
        }
        value
    }

    /// Exactly `count` hex digits (consumed), or None (nothing consumed).
    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let digits: String = self.chars.get(self.pos..self.pos + count)?.iter().collect();
        if digits.len() != count || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += count;
        u32::from_str_radix(&digits, 16).ok()
    }

    /// `uXXXX` (after the `u`), a surrogate pair of them with `u`, or
    /// `u{…}` with `u`.
    fn unicode_escape(&mut self) -> Result<Option<u32>, String> {
        if self.unicode && self.peek() == Some('{') {
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                self.pos += 1;
            }
            let digits: String = self.chars[start..self.pos].iter().collect();
            let value = u32::from_str_radix(&digits, 16)
                .ok()
                .filter(|v| *v <= 0x10FFFF);
            if !self.eat('}') || value.is_none() {
                return Err("Invalid Unicode escape".into());
            }
            return Ok(value);
        }
        let Some(lead) = self.hex_digits(4) else {
            return Ok(None);
        };
        if self.unicode
            && (0xD800..0xDC00).contains(&lead)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            let save = self.pos;
            self.pos += 2;
            match self.hex_digits(4) {
                Some(trail) if (0xDC00..0xE000).contains(&trail) => {
                    return Ok(Some(0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)));
                }
                _ => self.pos = save,
            }
        }
        Ok(Some(lead))
    }

    /// CharacterClass (after the `[`).
    fn class(&mut self) -> Result<Node, String> {
        if self.unicode && self.peek() == Some('[') {
            return Err("unsupported: nested classes (the v flag)".into());
        }
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            let c = self.peek().ok_or("Unterminated character class")?;
            if c == ']' {
                self.pos += 1;
                break;
            }
            let first = self.class_atom()?;
            // A range `a-b` unless `-` is last.
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|n| n != ']') {
                self.pos += 1;
                let second = self.class_atom()?;
                match (first, second) {
                    (ClassAtom::Char(a), ClassAtom::Char(b)) => {
                        if a > b {
                            return Err("Range out of order in character class".into());
                        }
                        ranges.push((a, b));
                    }
                    // Annex B: a class escape at either end makes `-` literal.
                    (a, b) if !self.unicode => {
                        for atom in [a, ClassAtom::Char('-' as u32), b] {
                            atom.add_to(&mut ranges);
                        }
                    }
                    _ => return Err("Invalid character class".into()),
                }
            } else {
                first.add_to(&mut ranges);
            }
        }
        Ok(Node::Class(ClassSet { ranges, negated }))
    }

    /// ClassAtom: a character or a class escape.
    fn class_atom(&mut self) -> Result<ClassAtom, String> {
        let c = self.peek().ok_or("Unterminated character class")?;
        self.pos += 1;
        if c != '\\' {
            return Ok(ClassAtom::Char(c as u32));
        }
        if let Some(set) = self.class_escape()? {
            return Ok(ClassAtom::Set(set));
        }
        // Annex B: `\8` and `\9` in a class are the digits.
        if !self.unicode && matches!(self.peek(), Some('8') | Some('9')) {
            self.pos += 1;
            return Ok(ClassAtom::Char(self.chars[self.pos - 1] as u32));
        }
        Ok(ClassAtom::Char(self.character_escape(true)?))
    }
}

/// One item of a class before it is merged into the ranges.
enum ClassAtom {
    Char(u32),
    Set(ClassSet),
}

impl ClassAtom {
    fn add_to(self, ranges: &mut Vec<(u32, u32)>) {
        match self {
            ClassAtom::Char(c) => ranges.push((c, c)),
            ClassAtom::Set(set) if !set.negated => ranges.extend(set.ranges),
            ClassAtom::Set(set) => ranges.extend(complement(&set.ranges)),
        }
    }
}

/// The code points not in `ranges`.
pub fn complement(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::new();
    let mut next = 0u32;
    for (lo, hi) in sorted {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = next.max(hi.saturating_add(1));
    }
    if next <= 0x10FFFF {
        out.push((next, 0x10FFFF));
    }
    out
}

/// `\d`
pub const DIGIT: [(u32, u32); 1] = [(0x30, 0x39)];
/// `\w`
pub const WORD: [(u32, u32); 4] = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
/// `\s`: WhiteSpace and LineTerminator.
pub const SPACE: [(u32, u32); 10] = [
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
];
