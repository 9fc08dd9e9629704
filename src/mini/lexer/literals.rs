//! Literal scanning: numbers, strings, templates and regular expressions
//! (https://tc39.es/ecma262/#sec-literals-numeric-literals,
//! #sec-literals-string-literals, #sec-template-literal-lexical-components,
//! #sec-literals-regular-expression-literals).

use std::rc::Rc;

use super::{Lexer, is_id_part, is_id_start};
use crate::mini::ast::JsString;
use crate::mini::parser::ParseError;
use crate::mini::token::TokenKind;

/// Builds a [`JsString`] from chars and UTF-16 code units, pairing
/// surrogates written as separate escapes (`"\uD83D\uDE00"` is one char).
#[derive(Default)]
pub(crate) struct StringBuilder {
    text: String,
    /// Exact code units, kept only once a lone surrogate has been seen.
    units: Option<Vec<u16>>,
    pending_high: Option<u16>,
}

impl StringBuilder {
    pub(crate) fn push_char(&mut self, c: char) {
        self.flush_pending();
        self.text.push(c);
        if let Some(units) = &mut self.units {
            let mut buffer = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buffer));
        }
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        self.flush_pending();
        self.text.push_str(s);
        if let Some(units) = &mut self.units {
            units.extend(s.encode_utf16());
        }
    }

    /// Pushes a code point from an escape (may be a surrogate).
    pub(crate) fn push_code_point(&mut self, code: u32) {
        if let Some(c) = char::from_u32(code) {
            return self.push_char(c);
        }
        let unit = code as u16; // surrogates are below 0x10000
        if (0xdc00..0xe000).contains(&code)
            && let Some(high) = self.pending_high.take()
        {
            let combined = 0x10000 + ((u32::from(high) - 0xd800) << 10) + (code - 0xdc00);
            if let Some(c) = char::from_u32(combined) {
                return self.push_char(c);
            }
        }
        self.flush_pending();
        if (0xd800..0xdc00).contains(&code) {
            self.pending_high = Some(unit);
        } else {
            self.push_lone(unit);
        }
    }

    fn push_lone(&mut self, unit: u16) {
        let text = &self.text;
        let units = self
            .units
            .get_or_insert_with(|| text.encode_utf16().collect());
        units.push(unit);
        self.text.push('\u{fffd}');
    }

    fn flush_pending(&mut self) {
        if let Some(high) = self.pending_high.take() {
            self.push_lone(high);
        }
    }

    pub(crate) fn finish(mut self) -> JsString {
        self.flush_pending();
        JsString {
            value: Rc::from(self.text),
            code_units: self.units.map(Rc::from),
        }
    }
}

/// What an escape sequence meant.
enum Escape {
    /// A code point (possibly a lone surrogate).
    CodePoint(u32),
    /// A line continuation: contributes nothing.
    Nothing,
    /// `\0`–`\7` octal (strings only) or `\8`, `\9`.
    LegacyOctal(u32),
    /// Not a valid escape (allowed only in tagged templates).
    Invalid(String),
}

impl<'src> Lexer<'src> {
    /// Scans a NumericLiteral starting at `start`.
    pub(super) fn scan_number(&mut self, start: usize) -> Result<TokenKind, ParseError> {
        self.pos = start;
        let first = self.byte(start);
        let second = self.byte(start + 1) | 0x20;
        let mut legacy_octal = false;
        let value = if first == b'0' && matches!(second, b'x' | b'o' | b'b') {
            let radix = match second {
                b'x' => 16,
                b'o' => 8,
                _ => 2,
            };
            self.pos += 2;
            let digits = self.scan_digits(radix, true)?;
            if digits.is_empty() {
                return Err(self.error_at(self.pos, "expected digits after the radix prefix"));
            }
            radix_value(&digits, radix)
        } else if first == b'0' && self.byte(start + 1).is_ascii_digit() {
            // LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral.
            legacy_octal = true;
            let digits = self.scan_digits(10, false)?;
            if digits.bytes().all(|d| d < b'8') {
                radix_value(&digits, 8)
            } else {
                self.scan_decimal_rest(digits)?
            }
        } else {
            let integer = if first == b'.' {
                String::new()
            } else {
                self.scan_digits(10, true)?
            };
            if integer.len() > 1 && integer.starts_with('0') {
                return Err(
                    self.error_at(start, "numeric separator not allowed after a leading `0`")
                );
            }
            self.scan_decimal_rest(integer)?
        };
        if self.byte(self.pos) == b'n' {
            return Err(self.error_at(start, "unsupported: BigInt literals"));
        }
        let follows = self.char_at(self.pos);
        if follows.is_some_and(|c| is_id_start(c) || c.is_ascii_digit() || c == '\\') {
            return Err(self.error_at(
                self.pos,
                "an identifier or digit cannot directly follow a number",
            ));
        }
        Ok(TokenKind::Number {
            value,
            legacy_octal,
        })
    }

    /// Scans the fraction and exponent after the integer digits.
    fn scan_decimal_rest(&mut self, integer: String) -> Result<f64, ParseError> {
        let mut text = if integer.is_empty() {
            String::from("0")
        } else {
            integer
        };
        if self.byte(self.pos) == b'.' {
            self.pos += 1;
            if self.byte(self.pos) == b'_' {
                return Err(self.error_at(self.pos, "numeric separator not allowed after `.`"));
            }
            let fraction = self.scan_digits(10, true)?;
            text.push('.');
            text.push_str(if fraction.is_empty() { "0" } else { &fraction });
        }
        if self.byte(self.pos) | 0x20 == b'e' {
            self.pos += 1;
            text.push('e');
            if matches!(self.byte(self.pos), b'+' | b'-') {
                text.push(self.byte(self.pos) as char);
                self.pos += 1;
            }
            let exponent = self.scan_digits(10, true)?;
            if exponent.is_empty() {
                return Err(self.error_at(self.pos, "expected digits in the exponent"));
            }
            text.push_str(&exponent);
        }
        text.parse::<f64>()
            .map_err(|_| self.error_at(self.pos, "invalid numeric literal"))
    }

    /// Scans digits of `radix`, with `_` separators when allowed; returns the
    /// digits without separators.
    fn scan_digits(&mut self, radix: u32, separators: bool) -> Result<String, ParseError> {
        let mut digits = String::new();
        loop {
            let b = self.byte(self.pos);
            if b == b'_' {
                let next = self.byte(self.pos + 1) as char;
                if !separators || digits.is_empty() || !next.is_digit(radix) {
                    return Err(
                        self.error_at(self.pos, "numeric separator `_` must be between digits")
                    );
                }
                self.pos += 1;
                continue;
            }
            if !(b as char).is_digit(radix) || b >= 0x80 {
                return Ok(digits);
            }
            digits.push(b as char);
            self.pos += 1;
        }
    }

    /// Scans a string literal starting at the quote at `start`.
    pub(super) fn scan_string(&mut self, start: usize) -> Result<TokenKind, ParseError> {
        let quote = self.byte(start);
        self.pos = start + 1;
        // Fast path: no escapes and no line terminators.
        let body_start = self.pos;
        while self.pos < self.bytes.len() {
            match self.byte(self.pos) {
                b if b == quote => {
                    let text = &self.source[body_start..self.pos];
                    self.pos += 1;
                    let value = JsString {
                        value: Rc::from(text),
                        code_units: None,
                    };
                    return Ok(TokenKind::String {
                        value,
                        legacy_octal_escape: false,
                    });
                }
                b'\\' | b'\n' | b'\r' => break,
                _ => self.pos += 1,
            }
        }
        let mut builder = StringBuilder::default();
        builder.push_str(&self.source[body_start..self.pos]);
        let mut legacy_octal_escape = false;
        loop {
            if self.pos >= self.bytes.len() {
                return Err(self.error_at(start, "unterminated string literal"));
            }
            match self.byte(self.pos) {
                b if b == quote => {
                    self.pos += 1;
                    return Ok(TokenKind::String {
                        value: builder.finish(),
                        legacy_octal_escape,
                    });
                }
                b'\n' | b'\r' => return Err(self.error_at(start, "unterminated string literal")),
                b'\\' => match self.scan_escape(false)? {
                    Escape::CodePoint(code) => builder.push_code_point(code),
                    Escape::Nothing => {}
                    Escape::LegacyOctal(code) => {
                        legacy_octal_escape = true;
                        builder.push_code_point(code);
                    }
                    Escape::Invalid(message) => return Err(self.error_at(self.pos, message)),
                },
                _ => {
                    let run_start = self.pos;
                    while !matches!(self.byte(self.pos), b'\\' | b'\n' | b'\r')
                        && self.byte(self.pos) != quote
                        && self.pos < self.bytes.len()
                    {
                        self.pos += 1;
                    }
                    builder.push_str(&self.source[run_start..self.pos]);
                }
            }
        }
    }

    /// Scans the escape sequence at `self.pos` (a backslash).
    fn scan_escape(&mut self, in_template: bool) -> Result<Escape, ParseError> {
        self.pos += 1;
        if let Some(len) = self.line_terminator_len(self.pos) {
            self.pos += len;
            self.new_line(self.pos);
            return Ok(Escape::Nothing);
        }
        let Some(c) = self.char_at(self.pos) else {
            return Ok(Escape::Invalid("unterminated escape sequence".into()));
        };
        self.pos += c.len_utf8();
        let code = match c {
            'b' => 8,
            't' => 9,
            'n' => 10,
            'v' => 11,
            'f' => 12,
            'r' => 13,
            'x' => {
                let (high, low) = (self.byte(self.pos), self.byte(self.pos + 1));
                match (hex_value(high), hex_value(low)) {
                    (Some(high), Some(low)) => {
                        self.pos += 2;
                        high * 16 + low
                    }
                    _ => {
                        return Ok(Escape::Invalid(
                            "invalid `\\x` escape: expected two hex digits".into(),
                        ));
                    }
                }
            }
            'u' => match self.scan_unicode_escape_body_lenient() {
                Some(code) => code,
                None => return Ok(Escape::Invalid("invalid `\\u` escape".into())),
            },
            '0' if !self.byte(self.pos).is_ascii_digit() => 0,
            '0'..='7' if in_template => {
                return Ok(Escape::Invalid(
                    "octal escapes are not allowed in templates".into(),
                ));
            }
            '0'..='7' => {
                let mut value = c as u32 - '0' as u32;
                let max_digits = if value <= 3 { 2 } else { 1 };
                for _ in 0..max_digits {
                    match self.byte(self.pos) {
                        d @ b'0'..=b'7' => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                return Ok(Escape::LegacyOctal(value));
            }
            '8' | '9' if in_template => {
                return Ok(Escape::Invalid(
                    "`\\8` and `\\9` are not allowed in templates".into(),
                ));
            }
            '8' | '9' => return Ok(Escape::LegacyOctal(c as u32)),
            other => other as u32,
        };
        Ok(Escape::CodePoint(code))
    }

    /// After `\u`: `XXXX` or `{X…}`; `None` when malformed (position is left
    /// after whatever was consumed).
    fn scan_unicode_escape_body_lenient(&mut self) -> Option<u32> {
        if self.byte(self.pos) == b'{' {
            self.pos += 1;
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(digit) = hex_value(self.byte(self.pos)) {
                value = value.saturating_mul(16).saturating_add(digit);
                digits += 1;
                self.pos += 1;
            }
            if digits == 0 || self.byte(self.pos) != b'}' || value > 0x10ffff {
                return None;
            }
            self.pos += 1;
            Some(value)
        } else {
            let mut value = 0;
            for offset in 0..4 {
                value = value * 16 + hex_value(self.byte(self.pos + offset))?;
            }
            self.pos += 4;
            Some(value)
        }
    }

    /// After `\u` in an identifier (`escape_start` is the backslash).
    pub(super) fn scan_unicode_escape_body(
        &mut self,
        escape_start: usize,
    ) -> Result<u32, ParseError> {
        self.scan_unicode_escape_body_lenient()
            .ok_or_else(|| self.error_at(escape_start, "invalid `\\u` escape in identifier"))
    }

    /// Scans template characters up to and including `` ` `` or `${`; the
    /// opening `` ` `` or `}` (at `start`) is already consumed.
    pub(super) fn scan_template_piece(
        &mut self,
        start: usize,
        head: bool,
    ) -> Result<TokenKind, ParseError> {
        let (line, column) = (self.line, self.column_at(start));
        let mut cooked = Some(StringBuilder::default());
        let mut raw = String::new();
        loop {
            if self.pos >= self.bytes.len() {
                let message = "unterminated template literal: expected `` ` ``".into();
                return Err(ParseError {
                    message,
                    line,
                    column,
                });
            }
            let b = self.byte(self.pos);
            match b {
                b'`' => {
                    self.pos += 1;
                    return Ok(self.template_token(cooked, raw, head, true));
                }
                b'$' if self.byte(self.pos + 1) == b'{' => {
                    self.pos += 2;
                    return Ok(self.template_token(cooked, raw, head, false));
                }
                b'\\' => {
                    let escape_start = self.pos;
                    let escape = self.scan_escape(true)?;
                    // Raw text keeps the escape as written, with CR/CRLF as LF.
                    raw.push_str(&normalise_newlines(&self.source[escape_start..self.pos]));
                    match (escape, &mut cooked) {
                        (Escape::CodePoint(code), Some(builder)) => builder.push_code_point(code),
                        (Escape::Nothing, _) | (_, None) => {}
                        (Escape::LegacyOctal(_) | Escape::Invalid(_), _) => cooked = None,
                    }
                }
                b'\r' | b'\n' => {
                    let len = self.line_terminator_len(self.pos).unwrap_or(1);
                    self.pos += len;
                    self.new_line(self.pos);
                    raw.push('\n');
                    if let Some(builder) = &mut cooked {
                        builder.push_char('\n');
                    }
                }
                _ => {
                    let Some(c) = self.char_at(self.pos) else {
                        return Err(self.error_at(self.pos, "invalid UTF-8 in template"));
                    };
                    self.pos += c.len_utf8();
                    if matches!(c, '\u{2028}' | '\u{2029}') {
                        self.new_line(self.pos);
                    }
                    raw.push(c);
                    if let Some(builder) = &mut cooked {
                        builder.push_char(c);
                    }
                }
            }
        }
    }

    fn template_token(
        &mut self,
        cooked: Option<StringBuilder>,
        raw: String,
        head: bool,
        tail: bool,
    ) -> TokenKind {
        let cooked = cooked.map(StringBuilder::finish);
        TokenKind::Template {
            cooked,
            raw: Rc::from(raw),
            head,
            tail,
        }
    }

    /// Scans a RegularExpressionLiteral starting at the `/` at `start`.
    pub(super) fn scan_regex(&mut self, start: usize) -> Result<TokenKind, ParseError> {
        self.pos = start + 1;
        let mut in_class = false;
        loop {
            if self.pos >= self.bytes.len() || self.line_terminator_len(self.pos).is_some() {
                return Err(self.error_at(start, "unterminated regular expression literal"));
            }
            match self.byte(self.pos) {
                b'\\' => {
                    self.pos += 1;
                    if self.pos >= self.bytes.len() || self.line_terminator_len(self.pos).is_some()
                    {
                        return Err(self.error_at(start, "unterminated regular expression literal"));
                    }
                    self.pos += self.char_at(self.pos).map_or(1, char::len_utf8);
                }
                b'[' => {
                    in_class = true;
                    self.pos += 1;
                }
                b']' => {
                    in_class = false;
                    self.pos += 1;
                }
                b'/' if !in_class => break,
                _ => self.pos += self.char_at(self.pos).map_or(1, char::len_utf8),
            }
        }
        let pattern = self.source[start + 1..self.pos].to_string();
        self.pos += 1;
        let flags_start = self.pos;
        while let Some(c) = self.char_at(self.pos) {
            if c == '\\' {
                return Err(self.error_at(
                    self.pos,
                    "escapes are not allowed in regular expression flags",
                ));
            }
            if !is_id_part(c) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let flags = &self.source[flags_start..self.pos];
        for (index, flag) in flags.char_indices() {
            if !"dgimsuyv".contains(flag) || flags[..index].contains(flag) {
                return Err(self.error_at(
                    flags_start,
                    format!("invalid regular expression flags `{flags}`"),
                ));
            }
        }
        if flags.contains('u') && flags.contains('v') {
            return Err(self.error_at(
                flags_start,
                "regular expression flags `u` and `v` cannot be combined",
            ));
        }
        Ok(TokenKind::Regex {
            pattern: Rc::from(pattern),
            flags: Rc::from(flags),
        })
    }
}

fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// The value of integer digits in `radix`, correctly rounded when the value
/// fits in 64 bits.
fn radix_value(digits: &str, radix: u32) -> f64 {
    let mut exact: u64 = 0;
    let mut overflow = false;
    let mut approx = 0.0f64;
    for digit in digits.chars().filter_map(|d| d.to_digit(radix)) {
        approx = approx * f64::from(radix) + f64::from(digit);
        match exact
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(digit)))
        {
            Some(v) => exact = v,
            None => overflow = true,
        }
    }
    if overflow { approx } else { exact as f64 }
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
