//! The lexer: source text → [`Token`]s
//! (https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar).
//!
//! A hand-written scanner over the UTF-8 bytes with no backtracking of its
//! own. The goal-symbol choices the grammar leaves to the parser are made by
//! the parser: [`Lexer::next_token`] always reads `/` as division and `}` as
//! a punctuator; the parser calls [`Lexer::rescan_regex`] where a regular
//! expression may start and [`Lexer::rescan_template_continuation`] after a
//! template substitution.
//!
//! Not done: HTML-like comments (Annex B). Identifier characters outside
//! ASCII use Rust's `char::is_alphabetic`/`is_alphanumeric` as an
//! approximation of ID_Start/ID_Continue.

mod literals;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::rc::Rc;

use crate::mini::ast::{Name, Span};
use crate::mini::parser::ParseError;
use crate::mini::token::{Keyword, Punct, Token, TokenKind};

/// A saved lexer position (see [`Lexer::state`]).
#[derive(Clone, Copy, Debug)]
pub struct LexerState {
    pos: usize,
    line: u32,
    anchor_pos: usize,
    anchor_column: u32,
}

/// The scanner. Holds the source, the current position, and an interner so
/// equal identifier names share one `Rc<str>`.
pub struct Lexer<'src> {
    source: &'src str,
    bytes: &'src [u8],
    pos: usize,
    line: u32,
    /// A byte offset on the current line whose column is known; columns are
    /// counted forward from it (keeps column tracking linear in the input).
    anchor_pos: usize,
    anchor_column: u32,
    names: HashSet<Rc<str>>,
}

/// Line terminators: LF, CR, LS, PS (https://tc39.es/ecma262/#sec-line-terminators).
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// White space other than line terminators (https://tc39.es/ecma262/#sec-white-space).
fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | ' ' | '\u{a0}' | '\u{feff}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// IdentifierStartChar (approximated outside ASCII).
pub(crate) fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '$' || c == '_' || (!c.is_ascii() && c.is_alphabetic())
}

/// IdentifierPartChar (approximated outside ASCII).
pub(crate) fn is_id_part(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '$'
        || c == '_'
        || (!c.is_ascii()
            && (c.is_alphanumeric()
                || matches!(c, '\u{200c}' | '\u{200d}' | '\u{300}'..='\u{36f}'
                    | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
                    | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')))
}

impl<'src> Lexer<'src> {
    /// A lexer at the start of `source` (a leading `#!` line is skipped).
    pub fn new(source: &'src str) -> Self {
        let mut lexer = Lexer {
            source,
            bytes: source.as_bytes(),
            pos: 0,
            line: 1,
            anchor_pos: 0,
            anchor_column: 1,
            names: HashSet::new(),
        };
        if source.starts_with("#!") {
            while let Some(c) = lexer.char_at(lexer.pos) {
                if is_line_terminator(c) {
                    break;
                }
                lexer.pos += c.len_utf8();
            }
        }
        lexer
    }

    /// The source text being scanned.
    pub fn source(&self) -> &'src str {
        self.source
    }

    /// The current position, to return to with [`Lexer::restore`].
    pub fn state(&self) -> LexerState {
        LexerState {
            pos: self.pos,
            line: self.line,
            anchor_pos: self.anchor_pos,
            anchor_column: self.anchor_column,
        }
    }

    /// Returns to a position saved with [`Lexer::state`].
    pub fn restore(&mut self, state: LexerState) {
        self.pos = state.pos;
        self.line = state.line;
        self.anchor_pos = state.anchor_pos;
        self.anchor_column = state.anchor_column;
    }

    /// Moves back to the start of `token` (which this lexer produced).
    fn rewind_to(&mut self, token: &Token) {
        self.pos = token.span.start as usize;
        self.line = token.span.line;
        self.anchor_pos = self.pos;
        self.anchor_column = token.span.column;
    }

    /// Interns `text` so equal names share one allocation.
    pub(crate) fn intern(&mut self, text: &str) -> Name {
        if let Some(name) = self.names.get(text) {
            return name.clone();
        }
        let name: Name = Rc::from(text);
        self.names.insert(name.clone());
        name
    }

    pub(crate) fn byte(&self, pos: usize) -> u8 {
        self.bytes.get(pos).copied().unwrap_or(0)
    }

    pub(crate) fn char_at(&self, pos: usize) -> Option<char> {
        self.source.get(pos..).and_then(|rest| rest.chars().next())
    }

    /// The 1-based column of byte offset `pos` on the current line.
    fn column_at(&mut self, pos: usize) -> u32 {
        let count = |bytes: Option<&[u8]>| {
            bytes.map_or(0, |bytes| {
                bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
            }) as u32
        };
        if pos >= self.anchor_pos {
            self.anchor_column += count(self.bytes.get(self.anchor_pos..pos));
        } else {
            let back = count(self.bytes.get(pos..self.anchor_pos));
            self.anchor_column = self.anchor_column.saturating_sub(back).max(1);
        }
        self.anchor_pos = pos;
        self.anchor_column
    }

    /// Records that a line terminator ending at `next_line_start` was passed.
    pub(crate) fn new_line(&mut self, next_line_start: usize) {
        self.line += 1;
        self.anchor_pos = next_line_start;
        self.anchor_column = 1;
    }

    /// If a line terminator starts at `pos`, its length in bytes (CRLF is
    /// one terminator).
    pub(crate) fn line_terminator_len(&self, pos: usize) -> Option<usize> {
        match self.byte(pos) {
            b'\n' => Some(1),
            b'\r' => Some(if self.byte(pos + 1) == b'\n' { 2 } else { 1 }),
            0xe2 if self.byte(pos + 1) == 0x80 && matches!(self.byte(pos + 2), 0xa8 | 0xa9) => {
                Some(3)
            }
            _ => None,
        }
    }

    /// A span from `start` (with its line and column) to the current position.
    pub(crate) fn span_from(&self, start: usize, line: u32, column: u32) -> Span {
        Span {
            start: start as u32,
            end: self.pos as u32,
            line,
            column,
        }
    }

    /// An error at byte offset `pos` on the current line.
    pub(crate) fn error_at(&mut self, pos: usize, message: impl Into<String>) -> ParseError {
        let column = self.column_at(pos);
        ParseError {
            message: message.into(),
            line: self.line,
            column,
        }
    }

    /// Skips white space and comments; returns whether a line terminator was
    /// crossed.
    fn skip_trivia(&mut self) -> Result<bool, ParseError> {
        let mut newline = false;
        loop {
            let b = self.byte(self.pos);
            if self.pos >= self.bytes.len() {
                return Ok(newline);
            }
            match b {
                b' ' | b'\t' | 0x0b | 0x0c => self.pos += 1,
                b'\n' | b'\r' => {
                    let len = self.line_terminator_len(self.pos).unwrap_or(1);
                    self.pos += len;
                    self.new_line(self.pos);
                    newline = true;
                }
                b'/' if self.byte(self.pos + 1) == b'/' => {
                    self.pos += 2;
                    while self.pos < self.bytes.len()
                        && self.line_terminator_len(self.pos).is_none()
                    {
                        self.pos += 1;
                    }
                }
                b'/' if self.byte(self.pos + 1) == b'*' => {
                    let (line, column) = (self.line, self.column_at(self.pos));
                    self.pos += 2;
                    loop {
                        if self.pos >= self.bytes.len() {
                            let message = "unterminated comment: expected `*/`".into();
                            return Err(ParseError {
                                message,
                                line,
                                column,
                            });
                        }
                        if self.byte(self.pos) == b'*' && self.byte(self.pos + 1) == b'/' {
                            self.pos += 2;
                            break;
                        }
                        if let Some(len) = self.line_terminator_len(self.pos) {
                            self.pos += len;
                            self.new_line(self.pos);
                            newline = true;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                0x80.. => match self.char_at(self.pos) {
                    Some(c) if is_line_terminator(c) => {
                        self.pos += c.len_utf8();
                        self.new_line(self.pos);
                        newline = true;
                    }
                    Some(c) if is_whitespace(c) => self.pos += c.len_utf8(),
                    _ => return Ok(newline),
                },
                _ => return Ok(newline),
            }
        }
    }

    /// Scans the next token in the InputElementDiv goal (`/` is division,
    /// `}` a punctuator).
    pub fn next_token(&mut self) -> Result<Token, ParseError> {
        let newline_before = self.skip_trivia()?;
        let start = self.pos;
        let line = self.line;
        let column = self.column_at(start);
        let kind = if start >= self.bytes.len() {
            TokenKind::Eof
        } else {
            self.scan_token(start)?
        };
        Ok(Token {
            kind,
            span: self.span_from(start, line, column),
            newline_before,
        })
    }

    fn scan_token(&mut self, start: usize) -> Result<TokenKind, ParseError> {
        let b = self.byte(start);
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' | b'\\' => self.scan_identifier_name(start),
            b'0'..=b'9' => self.scan_number(start),
            b'.' if self.byte(start + 1).is_ascii_digit() => self.scan_number(start),
            b'"' | b'\'' => self.scan_string(start),
            b'`' => {
                self.pos += 1;
                self.scan_template_piece(start, true)
            }
            b'#' => {
                self.pos += 1;
                match self.scan_identifier_name(self.pos)? {
                    TokenKind::Identifier { name, .. } => Ok(TokenKind::PrivateName(name)),
                    TokenKind::Keyword(keyword) => {
                        Ok(TokenKind::PrivateName(self.intern(keyword.as_str())))
                    }
                    _ => Err(self.error_at(start, "expected a name after `#`")),
                }
            }
            0x80.. => match self.char_at(start) {
                Some(c) if is_id_start(c) => self.scan_identifier_name(start),
                Some(c) => Err(self.error_at(start, format!("unexpected character `{c}`"))),
                None => Err(self.error_at(start, "invalid UTF-8 in source")),
            },
            _ => self.scan_punct(start).map(TokenKind::Punct),
        }
    }

    /// Scans an IdentifierName (possibly with `\u` escapes) starting at `start`.
    fn scan_identifier_name(&mut self, start: usize) -> Result<TokenKind, ParseError> {
        self.pos = start;
        // Fast path: plain ASCII.
        while matches!(self.byte(self.pos), b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'$' | b'_') {
            self.pos += 1;
        }
        let b = self.byte(self.pos);
        if b != b'\\' && b < 0x80 {
            if self.pos == start {
                let found = self
                    .char_at(start)
                    .map_or("end of input".into(), |c| format!("`{c}`"));
                return Err(self.error_at(start, format!("expected an identifier, found {found}")));
            }
            let text = &self.source[start..self.pos];
            if let Some(keyword) = Keyword::from_text(text) {
                return Ok(TokenKind::Keyword(keyword));
            }
            let name = self.intern(text);
            return Ok(TokenKind::Identifier {
                name,
                escaped: false,
            });
        }
        // Slow path: escapes or non-ASCII characters.
        let mut text = String::from(&self.source[start..self.pos]);
        let mut escaped = false;
        loop {
            let at = self.pos;
            let c = if self.byte(at) == b'\\' {
                if self.byte(at + 1) != b'u' {
                    return Err(self.error_at(at, "expected `\\u` escape in identifier"));
                }
                self.pos += 2;
                escaped = true;
                let code = self.scan_unicode_escape_body(at)?;
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return Err(self.error_at(at, "invalid escape in identifier")),
                }
            } else {
                match self.char_at(at) {
                    Some(c) if is_id_part(c) => {
                        self.pos += c.len_utf8();
                        c
                    }
                    _ => break,
                }
            };
            let valid = if text.is_empty() {
                is_id_start(c)
            } else {
                is_id_part(c)
            };
            if !valid {
                return Err(self.error_at(
                    at,
                    format!("`{}` cannot appear in an identifier", c.escape_default()),
                ));
            }
            text.push(c);
        }
        if text.is_empty() {
            return Err(self.error_at(start, "expected an identifier"));
        }
        if !escaped && let Some(keyword) = Keyword::from_text(&text) {
            return Ok(TokenKind::Keyword(keyword));
        }
        let name = self.intern(&text);
        Ok(TokenKind::Identifier { name, escaped })
    }

    /// Scans a punctuator (the first byte is ASCII and not an identifier,
    /// digit, quote or backtick).
    fn scan_punct(&mut self, start: usize) -> Result<Punct, ParseError> {
        let at = |offset: usize| self.byte(start + offset);
        let (punct, len) = match at(0) {
            b'{' => (Punct::LBrace, 1),
            b'}' => (Punct::RBrace, 1),
            b'(' => (Punct::LParen, 1),
            b')' => (Punct::RParen, 1),
            b'[' => (Punct::LBracket, 1),
            b']' => (Punct::RBracket, 1),
            b';' => (Punct::Semicolon, 1),
            b',' => (Punct::Comma, 1),
            b':' => (Punct::Colon, 1),
            b'~' => (Punct::Tilde, 1),
            b'.' if at(1) == b'.' && at(2) == b'.' => (Punct::Ellipsis, 3),
            b'.' => (Punct::Dot, 1),
            b'<' => match (at(1), at(2)) {
                (b'<', b'=') => (Punct::ShlEq, 3),
                (b'<', _) => (Punct::Shl, 2),
                (b'=', _) => (Punct::LtEq, 2),
                _ => (Punct::Lt, 1),
            },
            b'>' => match (at(1), at(2), at(3)) {
                (b'>', b'>', b'=') => (Punct::UShrEq, 4),
                (b'>', b'>', _) => (Punct::UShr, 3),
                (b'>', b'=', _) => (Punct::ShrEq, 3),
                (b'>', _, _) => (Punct::Shr, 2),
                (b'=', _, _) => (Punct::GtEq, 2),
                _ => (Punct::Gt, 1),
            },
            b'=' => match (at(1), at(2)) {
                (b'=', b'=') => (Punct::EqEqEq, 3),
                (b'=', _) => (Punct::EqEq, 2),
                (b'>', _) => (Punct::Arrow, 2),
                _ => (Punct::Eq, 1),
            },
            b'!' => match (at(1), at(2)) {
                (b'=', b'=') => (Punct::NotEqEq, 3),
                (b'=', _) => (Punct::NotEq, 2),
                _ => (Punct::Bang, 1),
            },
            b'+' => match at(1) {
                b'+' => (Punct::PlusPlus, 2),
                b'=' => (Punct::PlusEq, 2),
                _ => (Punct::Plus, 1),
            },
            b'-' => match at(1) {
                b'-' => (Punct::MinusMinus, 2),
                b'=' => (Punct::MinusEq, 2),
                _ => (Punct::Minus, 1),
            },
            b'*' => match (at(1), at(2)) {
                (b'*', b'=') => (Punct::StarStarEq, 3),
                (b'*', _) => (Punct::StarStar, 2),
                (b'=', _) => (Punct::StarEq, 2),
                _ => (Punct::Star, 1),
            },
            b'%' => match at(1) {
                b'=' => (Punct::PercentEq, 2),
                _ => (Punct::Percent, 1),
            },
            b'/' => match at(1) {
                b'=' => (Punct::SlashEq, 2),
                _ => (Punct::Slash, 1),
            },
            b'&' => match (at(1), at(2)) {
                (b'&', b'=') => (Punct::AmpAmpEq, 3),
                (b'&', _) => (Punct::AmpAmp, 2),
                (b'=', _) => (Punct::AmpEq, 2),
                _ => (Punct::Amp, 1),
            },
            b'|' => match (at(1), at(2)) {
                (b'|', b'=') => (Punct::PipePipeEq, 3),
                (b'|', _) => (Punct::PipePipe, 2),
                (b'=', _) => (Punct::PipeEq, 2),
                _ => (Punct::Pipe, 1),
            },
            b'^' => match at(1) {
                b'=' => (Punct::CaretEq, 2),
                _ => (Punct::Caret, 1),
            },
            b'?' => match (at(1), at(2)) {
                (b'?', b'=') => (Punct::QuestionQuestionEq, 3),
                (b'?', _) => (Punct::QuestionQuestion, 2),
                (b'.', c) if !c.is_ascii_digit() => (Punct::QuestionDot, 2),
                _ => (Punct::Question, 1),
            },
            other => {
                let message = if other.is_ascii_graphic() {
                    format!("unexpected character `{}`", other as char)
                } else {
                    format!("unexpected character U+{other:04X}")
                };
                return Err(self.error_at(start, message));
            }
        };
        self.pos = start + len;
        Ok(punct)
    }

    /// Re-reads `slash` (a `/` or `/=` token just produced) as the start of
    /// a regular expression literal (InputElementRegExp goal).
    pub fn rescan_regex(&mut self, slash: &Token) -> Result<Token, ParseError> {
        self.rewind_to(slash);
        let start = self.pos;
        let kind = self.scan_regex(start)?;
        Ok(Token {
            kind,
            span: self.span_from(start, slash.span.line, slash.span.column),
            newline_before: slash.newline_before,
        })
    }

    /// Re-reads `rbrace` (a `}` token just produced) as the continuation of
    /// a template after a substitution (InputElementTemplateTail goal).
    pub fn rescan_template_continuation(&mut self, rbrace: &Token) -> Result<Token, ParseError> {
        self.rewind_to(rbrace);
        let start = self.pos;
        self.pos += 1;
        let kind = self.scan_template_piece(start, false)?;
        Ok(Token {
            kind,
            span: self.span_from(start, rbrace.span.line, rbrace.span.column),
            newline_before: rbrace.newline_before,
        })
    }
}
