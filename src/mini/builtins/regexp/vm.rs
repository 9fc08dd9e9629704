//! The pattern matcher: the tree from `syntax.rs` compiled to a small
//! backtracking program and run over the UTF-16 code units of the input.
//!
//! This stands in for the spec's Matcher closures
//! (https://tc39.es/ecma262/#sec-compilepattern): a `Split` instruction is a
//! choice point (the continuation-passing of the spec becomes an explicit
//! stack of alternatives), captures and loop marks are undone on
//! backtracking through an undo log, and lookaround runs a sub-match that
//! keeps no choice points (lookarounds are atomic). Counted quantifiers
//! are expanded into copies; a loop that matches the empty string stops,
//! as RepeatMatcher's "endIndex = x's endIndex" rule says; captures inside
//! a quantified atom are reset on each iteration.
//!
//! NON-SPEC: lookbehind runs its body forwards from each candidate start
//! (nearest the left end first, so greedy captures agree with the spec's
//! backward matching), and checks that it ends where the lookbehind is.
//! Limits: every matcher step is charged to the interpreter's step budget
//! (so catastrophic backtracking is a timeout, not a hang), the choice
//! stack is capped (a RangeError), and expanded programs are capped in size.

use super::syntax::{ClassSet, Node, Pattern};
use crate::mini::interpreter::{Completion, Interpreter};

/// One instruction.
#[derive(Clone, Debug)]
enum Inst {
    /// A character (already canonicalised when ignoring case).
    Char(u32),
    /// `.`
    Any,
    Class(usize),
    LineStart,
    LineEnd,
    WordBoundary(bool),
    /// Try `first`; on failure, `second`.
    Split(usize, usize),
    Jmp(usize),
    /// Record the position in a capture slot.
    Save(usize),
    /// Reset capture slots `from..to` (a quantified atom's groups).
    ClearSlots(usize, usize),
    /// Record the position in a loop register.
    Mark(usize),
    /// Fail unless the position moved since the register's mark.
    Progress(usize),
    BackRef(usize),
    /// A lookaround whose body runs from `body` to its `LookEnd`; the
    /// program continues at `next`. `widths` bounds a lookbehind's length.
    Look {
        behind: bool,
        negate: bool,
        body: usize,
        next: usize,
        widths: (usize, Option<usize>),
    },
    LookEnd,
    Match,
}

/// The flags that change matching.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatchFlags {
    pub ignore_case: bool,
    pub multiline: bool,
    pub dot_all: bool,
    pub unicode: bool,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Program {
    insts: Vec<Inst>,
    classes: Vec<ClassSet>,
    /// Capture slots: 2 × (groups + 1).
    slots: usize,
    /// Capture slots plus loop registers.
    state_len: usize,
    flags: MatchFlags,
}

/// The largest program an expanded pattern may become.
const MAX_PROGRAM: usize = 200_000;
/// The most choice points a match may hold at once.
const MAX_CHOICES: usize = 5_000_000;

/// Compiles a parsed pattern.
pub fn compile(pattern: &Pattern, flags: MatchFlags) -> Result<Program, String> {
    let mut c = Compiler {
        insts: Vec::new(),
        classes: Vec::new(),
        registers: 0,
        flags,
    };
    c.insts.push(Inst::Save(0));
    c.node(&pattern.node)?;
    c.insts.push(Inst::Save(1));
    c.insts.push(Inst::Match);
    let slots = 2 * (pattern.group_count + 1);
    // Registers follow the capture slots in the state vector.
    for inst in &mut c.insts {
        if let Inst::Mark(r) | Inst::Progress(r) = inst {
            *r += slots;
        }
    }
    Ok(Program {
        insts: c.insts,
        classes: c.classes,
        slots,
        state_len: slots + c.registers,
        flags,
    })
}

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<ClassSet>,
    registers: usize,
    flags: MatchFlags,
}

impl Compiler {
    fn emit(&mut self, inst: Inst) -> Result<usize, String> {
        if self.insts.len() >= MAX_PROGRAM {
            return Err("Regular expression too large".into());
        }
        self.insts.push(inst);
        Ok(self.insts.len() - 1)
    }

    fn node(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Empty => {}
            Node::Char(c) => {
                let c = if self.flags.ignore_case {
                    canonicalize(*c, self.flags.unicode)
                } else {
                    *c
                };
                self.emit(Inst::Char(c))?;
            }
            Node::Any => {
                self.emit(Inst::Any)?;
            }
            Node::Class(set) => {
                self.classes.push(set.clone());
                self.emit(Inst::Class(self.classes.len() - 1))?;
            }
            Node::LineStart => {
                self.emit(Inst::LineStart)?;
            }
            Node::LineEnd => {
                self.emit(Inst::LineEnd)?;
            }
            Node::WordBoundary(b) => {
                self.emit(Inst::WordBoundary(*b))?;
            }
            Node::Group(inner, index) => {
                if let Some(i) = index {
                    self.emit(Inst::Save(2 * i))?;
                }
                self.node(inner)?;
                if let Some(i) = index {
                    self.emit(Inst::Save(2 * i + 1))?;
                }
            }
            Node::Look {
                behind,
                negate,
                node: inner,
            } => {
                let at = self.emit(Inst::Look {
                    behind: *behind,
                    negate: *negate,
                    body: 0,
                    next: 0,
                    widths: widths(inner, self.flags.unicode),
                })?;
                self.node(inner)?;
                self.emit(Inst::LookEnd)?;
                let next = self.insts.len();
                if let Inst::Look { body, next: n, .. } = &mut self.insts[at] {
                    *body = at + 1;
                    *n = next;
                }
            }
            Node::BackRef(i) => {
                self.emit(Inst::BackRef(*i))?;
            }
            Node::Concat(items) => {
                for item in items {
                    self.node(item)?;
                }
            }
            Node::Alt(items) => {
                // Split(a, next); a; Jmp(end); next: Split(b, …) …; last.
                let mut jumps = Vec::new();
                for (k, item) in items.iter().enumerate() {
                    if k + 1 < items.len() {
                        let split = self.emit(Inst::Split(0, 0))?;
                        self.node(item)?;
                        jumps.push(self.emit(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.node(item)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat {
                node: inner,
                min,
                max,
                greedy,
            } => self.repeat(inner, *min, *max, *greedy)?,
        }
        Ok(())
    }

    /// RepeatMatcher as code: `min` copies, then optional iterations that
    /// must make progress.
    fn repeat(
        &mut self,
        inner: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    ) -> Result<(), String> {
        let (lo, hi) = group_range(inner);
        let clear = |c: &mut Self| -> Result<(), String> {
            if lo < hi {
                c.emit(Inst::ClearSlots(2 * lo, 2 * hi))?;
            }
            Ok(())
        };
        for _ in 0..min {
            clear(self)?;
            self.node(inner)?;
        }
        let optional = max.map(|m| m - min);
        let register = self.registers;
        self.registers += 1;
        match optional {
            None => {
                // loop: Split(body, exit); body: Mark; clear; inner; Progress; Jmp loop.
                let split = self.emit(Inst::Split(0, 0))?;
                self.emit(Inst::Mark(register))?;
                clear(self)?;
                self.node(inner)?;
                self.emit(Inst::Progress(register))?;
                self.emit(Inst::Jmp(split))?;
                let exit = self.insts.len();
                self.insts[split] = if greedy {
                    Inst::Split(split + 1, exit)
                } else {
                    Inst::Split(exit, split + 1)
                };
            }
            Some(count) => {
                let mut splits = Vec::new();
                for _ in 0..count {
                    splits.push(self.emit(Inst::Split(0, 0))?);
                    self.emit(Inst::Mark(register))?;
                    clear(self)?;
                    self.node(inner)?;
                    self.emit(Inst::Progress(register))?;
                }
                let exit = self.insts.len();
                for s in splits {
                    self.insts[s] = if greedy {
                        Inst::Split(s + 1, exit)
                    } else {
                        Inst::Split(exit, s + 1)
                    };
                }
            }
        }
        Ok(())
    }
}

/// The capturing groups inside a node, as the index range `lo..hi`.
fn group_range(node: &Node) -> (usize, usize) {
    fn walk(node: &Node, range: &mut (usize, usize)) {
        match node {
            Node::Group(inner, index) => {
                if let Some(i) = index {
                    range.0 = range.0.min(*i);
                    range.1 = range.1.max(i + 1);
                }
                walk(inner, range);
            }
            Node::Look { node, .. } => walk(node, range),
            Node::Repeat { node, .. } => walk(node, range),
            Node::Concat(items) | Node::Alt(items) => items.iter().for_each(|n| walk(n, range)),
            _ => {}
        }
    }
    let mut range = (usize::MAX, 0);
    walk(node, &mut range);
    if range.0 == usize::MAX { (0, 0) } else { range }
}

/// The shortest and longest number of code units a node can match (None:
/// unbounded or unknown).
fn widths(node: &Node, unicode: bool) -> (usize, Option<usize>) {
    let one_char = if unicode { (1, Some(2)) } else { (1, Some(1)) };
    match node {
        Node::Empty
        | Node::LineStart
        | Node::LineEnd
        | Node::WordBoundary(_)
        | Node::Look { .. } => (0, Some(0)),
        Node::Char(c) => {
            let n = if *c > 0xFFFF { 2 } else { 1 };
            (n, Some(n))
        }
        Node::Any | Node::Class(_) => one_char,
        Node::BackRef(_) => (0, None),
        Node::Group(inner, _) => widths(inner, unicode),
        Node::Concat(items) => items.iter().fold((0, Some(0)), |(lo, hi), n| {
            let (a, b) = widths(n, unicode);
            (lo + a, hi.zip(b).map(|(x, y)| x + y))
        }),
        Node::Alt(items) => {
            let all: Vec<_> = items.iter().map(|n| widths(n, unicode)).collect();
            let lo = all.iter().map(|w| w.0).min().unwrap_or(0);
            let hi = all.iter().try_fold(0usize, |m, w| w.1.map(|h| m.max(h)));
            (lo, hi)
        }
        Node::Repeat { node, min, max, .. } => {
            let (a, b) = widths(node, unicode);
            let hi = match (b, max) {
                (Some(0), _) => Some(0),
                (Some(b), Some(m)) => b.checked_mul(*m as usize),
                _ => None,
            };
            (a.saturating_mul(*min as usize), hi)
        }
    }
}

/// Canonicalize ( rer, ch ) — https://tc39.es/ecma262/#sec-runtime-semantics-canonicalize-ch
/// Without `u`: the single-character uppercase, unless that maps a
/// non-ASCII character to ASCII. With `u`: simple case folding,
/// approximated by the single-character lowercase.
pub fn canonicalize(ch: u32, unicode: bool) -> u32 {
    let Some(c) = char::from_u32(ch) else {
        return ch;
    };
    if unicode {
        let mut lower = c.to_lowercase();
        return match (lower.next(), lower.next()) {
            (Some(l), None) => l as u32,
            _ => ch,
        };
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if !(ch >= 128 && (u as u32) < 128) => u as u32,
        _ => ch,
    }
}

fn is_line_terminator(u: u32) -> bool {
    matches!(u, 0x0A | 0x0D | 0x2028 | 0x2029)
}

fn is_word(u: u32) -> bool {
    matches!(u, 0x30..=0x39 | 0x41..=0x5A | 0x5F | 0x61..=0x7A)
}

fn in_ranges(ranges: &[(u32, u32)], c: u32) -> bool {
    ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi)
}

/// The matcher's state while running one match attempt.
struct Run<'a> {
    program: &'a Program,
    input: &'a [u16],
    interp: &'a Interpreter,
}

impl Program {
    /// The number of capture groups (not counting group 0).
    pub fn group_count(&self) -> usize {
        self.slots / 2 - 1
    }

    /// Tries to match at exactly `start`; the capture slots (start and end
    /// of each group, in code units) on success.
    pub fn match_at(
        &self,
        interp: &Interpreter,
        input: &[u16],
        start: usize,
    ) -> Completion<Option<Vec<Option<usize>>>> {
        let mut run = Run {
            program: self,
            input,
            interp,
        };
        let mut state = vec![None; self.state_len];
        Ok(run.execute(0, start, &mut state, None)?.map(|_| {
            state.truncate(self.slots);
            state
        }))
    }
}

impl Run<'_> {
    /// The character at `pos` and its width in code units.
    fn char_at(&self, pos: usize) -> Option<(u32, usize)> {
        let first = *self.input.get(pos)? as u32;
        if self.program.flags.unicode
            && (0xD800..0xDC00).contains(&first)
            && let Some(&second) = self.input.get(pos + 1)
            && (0xDC00..0xE000).contains(&second)
        {
            return Some((
                0x10000 + ((first - 0xD800) << 10) + (second as u32 - 0xDC00),
                2,
            ));
        }
        Some((first, 1))
    }

    fn class_matches(&self, set: &ClassSet, c: u32) -> bool {
        let mut found = in_ranges(&set.ranges, c);
        if !found && self.program.flags.ignore_case {
            let canon = canonicalize(c, self.program.flags.unicode);
            found = in_ranges(&set.ranges, canon)
                || char::from_u32(c).is_some_and(|ch| {
                    ch.to_lowercase().chain(ch.to_uppercase()).any(|v| {
                        canonicalize(v as u32, self.program.flags.unicode) == canon
                            && in_ranges(&set.ranges, v as u32)
                    })
                });
        }
        found != set.negated
    }

    /// Runs from `pc` at `pos`. For a lookaround body, `end` is where a
    /// lookbehind must finish. Returns the end position on success, with
    /// `state` holding the captures.
    fn execute(
        &mut self,
        mut pc: usize,
        mut pos: usize,
        state: &mut [Option<usize>],
        end: Option<usize>,
    ) -> Completion<Option<usize>> {
        let flags = self.program.flags;
        let mut choices: Vec<(usize, usize, usize)> = Vec::new();
        let mut undo: Vec<(usize, Option<usize>)> = Vec::new();
        loop {
            // Every step counts against the run's step budget.
            self.interp.tick()?;
            let ok = match &self.program.insts[pc] {
                Inst::Char(expected) => match self.char_at(pos) {
                    Some((c, w)) => {
                        let c = if flags.ignore_case {
                            canonicalize(c, flags.unicode)
                        } else {
                            c
                        };
                        pos += w;
                        c == *expected
                    }
                    None => false,
                },
                Inst::Any => match self.char_at(pos) {
                    Some((c, w)) => {
                        pos += w;
                        flags.dot_all || !is_line_terminator(c)
                    }
                    None => false,
                },
                Inst::Class(i) => match self.char_at(pos) {
                    Some((c, w)) => {
                        pos += w;
                        self.class_matches(&self.program.classes[*i], c)
                    }
                    None => false,
                },
                Inst::LineStart => {
                    pos == 0 || (flags.multiline && is_line_terminator(self.input[pos - 1] as u32))
                }
                Inst::LineEnd => {
                    pos == self.input.len()
                        || (flags.multiline && is_line_terminator(self.input[pos] as u32))
                }
                Inst::WordBoundary(want) => {
                    let before = pos > 0 && is_word(self.input[pos - 1] as u32);
                    let after = pos < self.input.len() && is_word(self.input[pos] as u32);
                    (before != after) == *want
                }
                Inst::Split(first, second) => {
                    if choices.len() >= MAX_CHOICES {
                        return Err(self
                            .interp
                            .range_error("Maximum regular expression backtracking exceeded"));
                    }
                    choices.push((*second, pos, undo.len()));
                    pc = *first;
                    continue;
                }
                Inst::Jmp(target) => {
                    pc = *target;
                    continue;
                }
                Inst::Save(slot) | Inst::Mark(slot) => {
                    undo.push((*slot, state[*slot]));
                    state[*slot] = Some(pos);
                    true
                }
                Inst::ClearSlots(from, to) => {
                    for (slot, value) in state.iter_mut().enumerate().take(*to).skip(*from) {
                        if let Some(old) = value.take() {
                            undo.push((slot, Some(old)));
                        }
                    }
                    true
                }
                Inst::Progress(register) => state[*register] != Some(pos),
                Inst::BackRef(group) => match (state[2 * group], state[2 * group + 1]) {
                    (Some(s), Some(e)) if s <= e => {
                        let len = e - s;
                        let matches = self.input.get(pos..pos + len).is_some_and(|here| {
                            here.iter().zip(&self.input[s..e]).all(|(a, b)| {
                                a == b
                                    || (flags.ignore_case
                                        && canonicalize(*a as u32, flags.unicode)
                                            == canonicalize(*b as u32, flags.unicode))
                            })
                        });
                        pos += len;
                        matches
                    }
                    // An unset group matches the empty string.
                    _ => true,
                },
                Inst::Look {
                    behind,
                    negate,
                    body,
                    next,
                    widths,
                } => {
                    let (behind, negate, body, next, widths) =
                        (*behind, *negate, *body, *next, *widths);
                    let mut inner = state.to_vec();
                    let found = if behind {
                        // Candidate starts, nearest the left end first.
                        let earliest = widths.1.map_or(0, |max| pos.saturating_sub(max));
                        let latest = pos.checked_sub(widths.0);
                        let mut found = None;
                        if let Some(latest) = latest {
                            for start in earliest..=latest {
                                let mut attempt = state.to_vec();
                                if self
                                    .execute(body, start, &mut attempt, Some(pos))?
                                    .is_some()
                                {
                                    found = Some(attempt);
                                    break;
                                }
                            }
                        }
                        found
                    } else {
                        self.execute(body, pos, &mut inner, None)?.map(|_| inner)
                    };
                    match (found, negate) {
                        (Some(captured), false) => {
                            // Keep the captures the lookaround made.
                            for slot in 0..self.program.slots {
                                if captured[slot] != state[slot] {
                                    undo.push((slot, state[slot]));
                                    state[slot] = captured[slot];
                                }
                            }
                            pc = next;
                            continue;
                        }
                        (None, true) => {
                            pc = next;
                            continue;
                        }
                        _ => false,
                    }
                }
                Inst::LookEnd => {
                    if end.is_none_or(|e| e == pos) {
                        return Ok(Some(pos));
                    }
                    false
                }
                Inst::Match => return Ok(Some(pos)),
            };
            if ok {
                pc += 1;
                continue;
            }
            // Backtrack to the latest choice point, undoing what followed it.
            let Some((alt_pc, alt_pos, undo_len)) = choices.pop() else {
                return Ok(None);
            };
            while undo.len() > undo_len {
                if let Some((slot, old)) = undo.pop() {
                    state[slot] = old;
                }
            }
            pc = alt_pc;
            pos = alt_pos;
        }
    }
}
