//! Lexer tests: tokens, numbers, strings and escapes, templates, regular
//! expressions (via rescans), comments, line tracking and errors.

use super::Lexer;
use crate::mini::token::{Keyword, Punct, Token, TokenKind};

/// All tokens of `source` in the division goal.
#[track_caller]
fn tokens(source: &str) -> Vec<TokenKind> {
    let mut lexer = Lexer::new(source);
    let mut out = Vec::new();
    loop {
        let token = lexer
            .next_token()
            .unwrap_or_else(|error| panic!("lexing {source:?}: {error}"));
        if token.kind == TokenKind::Eof {
            return out;
        }
        out.push(token.kind);
    }
}

fn first(source: &str) -> Token {
    Lexer::new(source)
        .next_token()
        .unwrap_or_else(|error| panic!("lexing {source:?}: {error}"))
}

#[track_caller]
fn lex_error(source: &str) -> String {
    let mut lexer = Lexer::new(source);
    loop {
        match lexer.next_token() {
            Ok(token) if token.kind == TokenKind::Eof => {
                panic!("expected a lexing error for {source:?}")
            }
            Ok(_) => {}
            Err(error) => return error.message,
        }
    }
}

fn number(source: &str) -> f64 {
    match first(source).kind {
        TokenKind::Number { value, .. } => value,
        other => panic!("{source:?} lexed as {other:?}"),
    }
}

fn string(source: &str) -> String {
    match first(source).kind {
        TokenKind::String { value, .. } => value.value.to_string(),
        other => panic!("{source:?} lexed as {other:?}"),
    }
}

fn ident(name: &str) -> TokenKind {
    TokenKind::Identifier {
        name: name.into(),
        escaped: false,
    }
}

#[test]
fn punctuators_use_longest_match() {
    use Punct::*;
    let expected = [
        UShrEq,
        UShr,
        ShrEq,
        Shr,
        GtEq,
        Gt,
        StarStarEq,
        StarStar,
        QuestionQuestionEq,
        QuestionQuestion,
        QuestionDot,
        Question,
        Ellipsis,
        Dot,
        Arrow,
        EqEqEq,
        EqEq,
        Eq,
        NotEqEq,
        AmpAmpEq,
        PipePipeEq,
        PlusPlus,
        MinusMinus,
    ];
    let source = ">>>= >>> >>= >> >= > **= ** ??= ?? ?. ? ... . => === == = !== &&= ||= ++ --";
    assert_eq!(tokens(source), expected.map(TokenKind::Punct).to_vec());
    assert_eq!(tokens("a?.5:1")[1], TokenKind::Punct(Question));
}

#[test]
fn keywords_identifiers_and_escapes() {
    assert_eq!(
        tokens("if iffy let yield"),
        [
            TokenKind::Keyword(Keyword::If),
            ident("iffy"),
            ident("let"),
            ident("yield")
        ]
    );
    assert_eq!(
        tokens("\\u0061b"),
        [TokenKind::Identifier {
            name: "ab".into(),
            escaped: true
        }]
    );
    assert_eq!(
        tokens("\\u{69}f"),
        [TokenKind::Identifier {
            name: "if".into(),
            escaped: true
        }]
    );
    assert_eq!(
        tokens("café $_ _$1"),
        [ident("café"), ident("$_"), ident("_$1")]
    );
    assert_eq!(tokens("#priv"), [TokenKind::PrivateName("priv".into())]);
    assert!(lex_error("\\u0031a").contains("cannot appear in an identifier"));
    assert!(lex_error("a\\x41").contains("expected `\\u` escape"));
    assert!(lex_error("@").contains("unexpected character `@`"));
}

#[test]
fn interned_names_share_storage() {
    let kinds = tokens("abc abc");
    let (TokenKind::Identifier { name: a, .. }, TokenKind::Identifier { name: b, .. }) =
        (&kinds[0], &kinds[1])
    else {
        panic!("expected identifiers")
    };
    assert!(std::rc::Rc::ptr_eq(a, b));
}

#[test]
fn numeric_literals() {
    assert_eq!(number("0"), 0.0);
    assert_eq!(number("123"), 123.0);
    assert_eq!(number("1.5e3"), 1500.0);
    assert_eq!(number("1E-2"), 0.01);
    assert_eq!(number(".25"), 0.25);
    assert_eq!(number("5."), 5.0);
    assert_eq!(number("0xff"), 255.0);
    assert_eq!(number("0XFF"), 255.0);
    assert_eq!(number("0o17"), 15.0);
    assert_eq!(number("0b101"), 5.0);
    assert_eq!(number("1_000_000"), 1e6);
    assert_eq!(number("0x1_0"), 16.0);
    assert_eq!(number("1.000_1"), 1.0001);
    assert_eq!(number("0xFFFFFFFFFFFFFFFFF"), 2f64.powi(68));
    assert_eq!(number("9007199254740993"), 9007199254740992.0);
    assert_eq!(number("1e400"), f64::INFINITY);
    assert_eq!(
        first("010").kind,
        TokenKind::Number {
            value: 8.0,
            legacy_octal: true
        }
    );
    assert_eq!(
        first("019").kind,
        TokenKind::Number {
            value: 19.0,
            legacy_octal: true
        }
    );
    assert_eq!(
        first("08.5").kind,
        TokenKind::Number {
            value: 8.5,
            legacy_octal: true
        }
    );
    assert_eq!(
        tokens("1..toString"),
        [
            TokenKind::Number {
                value: 1.0,
                legacy_octal: false
            },
            TokenKind::Punct(Punct::Dot),
            ident("toString")
        ]
    );
    assert!(lex_error("1__0").contains("separator"));
    assert!(lex_error("1_").contains("separator"));
    assert!(lex_error("0_1").contains("separator"));
    assert!(lex_error("1._5").contains("separator"));
    assert!(lex_error("0x").contains("expected digits"));
    assert!(lex_error("1e").contains("exponent"));
    assert!(lex_error("3in x").contains("cannot directly follow a number"));
    assert!(lex_error("10n").contains("unsupported: BigInt"));
}

#[test]
fn string_literals_and_escapes() {
    assert_eq!(string("'abc'"), "abc");
    assert_eq!(string("\"a'b\""), "a'b");
    assert_eq!(string(r"'\n\t\r\b\f\v\0'"), "\n\t\r\u{8}\u{c}\u{b}\0");
    assert_eq!(string(r"'\x41\u0042\u{1F600}'"), "AB😀");
    assert_eq!(string(r"'\uD83D\uDE00'"), "😀");
    assert_eq!(string("'a\\\nb'"), "ab");
    assert_eq!(string("'a\\\r\nb'"), "ab");
    assert_eq!(string(r"'\q\''"), "q'");
    assert_eq!(string("'\u{2028}'"), "\u{2028}");
    assert_eq!(string(r"'\101\7\08'"), "A\u{7}\u{0}8");
    match first(r"'\101'").kind {
        TokenKind::String {
            legacy_octal_escape,
            ..
        } => assert!(legacy_octal_escape),
        other => panic!("{other:?}"),
    }
    match first(r"'\8'").kind {
        TokenKind::String {
            value,
            legacy_octal_escape,
        } => assert!(legacy_octal_escape && &*value.value == "8"),
        other => panic!("{other:?}"),
    }
    match first(r"'\0'").kind {
        TokenKind::String {
            legacy_octal_escape,
            ..
        } => assert!(!legacy_octal_escape),
        other => panic!("{other:?}"),
    }
    assert!(lex_error("'abc").contains("unterminated string"));
    assert!(lex_error("'a\nb'").contains("unterminated string"));
    assert!(lex_error(r"'\x4'").contains("`\\x`"));
    assert!(lex_error(r"'\u{110000}'").contains("`\\u`"));
}

#[test]
fn lone_surrogates_keep_their_code_units() {
    let TokenKind::String { value, .. } = first(r"'a\uD800b'").kind else {
        panic!()
    };
    assert_eq!(&*value.value, "a\u{fffd}b");
    assert_eq!(value.code_units.as_deref(), Some(&[0x61, 0xd800, 0x62][..]));
    let TokenKind::String { value, .. } = first(r"'\uDE00\uD83D'").kind else {
        panic!()
    };
    assert_eq!(value.code_units.as_deref(), Some(&[0xde00, 0xd83d][..]));
    let TokenKind::String { value, .. } = first("'plain'").kind else {
        panic!()
    };
    assert_eq!(value.code_units, None);
}

#[test]
fn templates_and_continuations() {
    let mut lexer = Lexer::new("`a${x}b\\n${y}\r\nc`");
    let head = lexer.next_token().expect("head");
    let TokenKind::Template {
        cooked,
        raw,
        head: is_head,
        tail,
    } = head.kind
    else {
        panic!()
    };
    assert_eq!(
        (cooked.map(|c| c.value.to_string()), &*raw, is_head, tail),
        (Some("a".into()), "a", true, false)
    );
    assert_eq!(lexer.next_token().expect("x").kind, ident("x"));
    let rbrace = lexer.next_token().expect("}");
    let middle = lexer.rescan_template_continuation(&rbrace).expect("middle");
    let TokenKind::Template {
        cooked,
        raw,
        head: is_head,
        tail,
    } = middle.kind
    else {
        panic!()
    };
    assert_eq!(
        (cooked.map(|c| c.value.to_string()), &*raw, is_head, tail),
        (Some("b\n".into()), "b\\n", false, false)
    );
    lexer.next_token().expect("y");
    let rbrace = lexer.next_token().expect("}");
    let end = lexer.rescan_template_continuation(&rbrace).expect("tail");
    let TokenKind::Template {
        cooked, raw, tail, ..
    } = end.kind
    else {
        panic!()
    };
    assert_eq!(
        (cooked.map(|c| c.value.to_string()), &*raw, tail),
        (Some("\nc".into()), "\nc", true)
    );
    assert_eq!(lexer.next_token().expect("eof").kind, TokenKind::Eof);
}

#[test]
fn template_invalid_escapes_have_no_cooked_value() {
    for source in [r"`\unicode`", r"`\xg`", r"`\01`", r"`\8`", r"`\u{110000}`"] {
        let TokenKind::Template { cooked, raw, .. } = first(source).kind else {
            panic!()
        };
        assert_eq!(cooked, None, "{source}");
        assert_eq!(&*raw, &source[1..source.len() - 1]);
    }
    let TokenKind::Template { cooked, .. } = first(r"`\0`").kind else {
        panic!()
    };
    assert_eq!(cooked.map(|c| c.value.to_string()), Some("\0".into()));
    assert!(lex_error("`abc").contains("unterminated template"));
}

#[test]
fn regex_rescan() {
    let mut lexer = Lexer::new("/a[/]\\/b/gi.x");
    let slash = lexer.next_token().expect("slash");
    assert_eq!(slash.kind, TokenKind::Punct(Punct::Slash));
    let regex = lexer.rescan_regex(&slash).expect("regex");
    assert_eq!(
        regex.kind,
        TokenKind::Regex {
            pattern: "a[/]\\/b".into(),
            flags: "gi".into()
        }
    );
    assert_eq!(
        lexer.next_token().expect("dot").kind,
        TokenKind::Punct(Punct::Dot)
    );
    let mut lexer = Lexer::new("/=/");
    let slash = lexer.next_token().expect("slash-eq");
    assert_eq!(slash.kind, TokenKind::Punct(Punct::SlashEq));
    assert_eq!(
        lexer.rescan_regex(&slash).expect("regex").kind,
        TokenKind::Regex {
            pattern: "=".into(),
            flags: "".into()
        }
    );
    for (source, fragment) in [
        ("/abc", "unterminated regular"),
        ("/a\n/", "unterminated regular"),
        ("/a/gg", "invalid regular expression flags"),
        ("/a/x", "invalid regular expression flags"),
        ("/a/uv", "cannot be combined"),
    ] {
        let mut lexer = Lexer::new(source);
        let slash = lexer.next_token().expect("slash");
        let error = lexer.rescan_regex(&slash).expect_err(source);
        assert!(
            error.message.contains(fragment),
            "{source}: {}",
            error.message
        );
    }
}

#[test]
fn comments_whitespace_and_line_breaks() {
    let mut lexer = Lexer::new("a // c\n/* d */ b /* e\n f */ c\u{2028}d\u{a0}\u{feff}e");
    let kinds: Vec<(TokenKind, bool)> = std::iter::from_fn(|| {
        let token = lexer.next_token().expect("token");
        (token.kind != TokenKind::Eof).then_some((token.kind, token.newline_before))
    })
    .collect();
    assert_eq!(
        kinds,
        [
            (ident("a"), false),
            (ident("b"), true),
            (ident("c"), true),
            (ident("d"), true),
            (ident("e"), false)
        ]
    );
    assert!(lex_error("/* abc").contains("unterminated comment"));
}

#[test]
fn spans_track_lines_and_columns() {
    let mut lexer = Lexer::new("ab\r\n  é x\n`a\nb` y");
    let spans: Vec<(u32, u32, u32, u32)> = std::iter::from_fn(|| {
        let token = lexer.next_token().expect("token");
        (token.kind != TokenKind::Eof).then_some((
            token.span.start,
            token.span.end,
            token.span.line,
            token.span.column,
        ))
    })
    .collect();
    assert_eq!(
        spans,
        [
            (0, 2, 1, 1),
            (6, 8, 2, 3),
            (9, 10, 2, 5),
            (11, 16, 3, 1),
            (17, 18, 4, 4)
        ]
    );
}

#[test]
fn hashbang_is_skipped() {
    assert_eq!(tokens("#!/usr/bin/env node\nx"), [ident("x")]);
}
