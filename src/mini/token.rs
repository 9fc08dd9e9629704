//! Tokens produced by [`crate::mini::lexer`]
//! (https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar).
//!
//! Reserved words that can never be identifiers are [`Keyword`]s; contextual
//! words (`let`, `yield`, `await`, `async`, `of`, `get`, `set`, `static`, …)
//! are [`TokenKind::Identifier`]s that the parser recognises by name.

use crate::mini::ast::{JsString, Name, Span};

/// One token with its span and whether a line terminator precedes it (the
/// fact automatic semicolon insertion and the restricted productions use).
#[derive(Clone, Debug)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Source range.
    pub span: Span,
    /// True when a line terminator (or a comment containing one) separates
    /// this token from the previous one.
    pub newline_before: bool,
}

/// Token kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// An IdentifierName that is not an unescaped reserved word. `escaped` is
    /// true when it was written with `\u` escapes (then it may spell a
    /// reserved word, which is only allowed as a property name).
    Identifier {
        /// The name, escapes decoded.
        name: Name,
        /// Written with at least one `\u` escape.
        escaped: bool,
    },
    /// A reserved word written without escapes.
    Keyword(Keyword),
    /// `#name` (the name excludes `#`).
    PrivateName(Name),
    /// A punctuator.
    Punct(Punct),
    /// A numeric literal. `legacy_octal` marks `010` and `08`-style literals
    /// (forbidden in strict mode code).
    Number {
        /// The value.
        value: f64,
        /// Legacy octal or non-octal-decimal integer literal.
        legacy_octal: bool,
    },
    /// A string literal. `legacy_octal_escape` marks `\1`-style and `\8`
    /// escapes (forbidden in strict mode code).
    String {
        /// The value.
        value: JsString,
        /// Contains a legacy octal or `\8`/`\9` escape.
        legacy_octal_escape: bool,
    },
    /// A template piece: `` `…` `` (`head` and `tail`), `` `…${ `` (`head`),
    /// `` }…${ `` (neither) or `` }…` `` (`tail`).
    Template {
        /// Cooked value; `None` when an escape is invalid.
        cooked: Option<JsString>,
        /// Raw text (CR and CRLF normalised to LF).
        raw: Name,
        /// Starts with a backtick.
        head: bool,
        /// Ends with a backtick.
        tail: bool,
    },
    /// A regular expression literal (only produced on the parser's request).
    Regex {
        /// The body text.
        pattern: Name,
        /// The flags text.
        flags: Name,
    },
    /// End of input.
    Eof,
}

macro_rules! keywords {
    ($($variant:ident => $text:literal),* $(,)?) => {
        /// Reserved words (https://tc39.es/ecma262/#prod-ReservedWord).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Keyword { $($variant),* }

        impl Keyword {
            /// The keyword for `text`, if it is a reserved word.
            pub fn from_text(text: &str) -> Option<Keyword> {
                match text { $($text => Some(Keyword::$variant),)* _ => None }
            }

            /// The keyword's source text.
            pub fn as_str(self) -> &'static str {
                match self { $(Keyword::$variant => $text),* }
            }
        }
    };
}

keywords! {
    Break => "break", Case => "case", Catch => "catch", Class => "class",
    Const => "const", Continue => "continue", Debugger => "debugger",
    Default => "default", Delete => "delete", Do => "do", Else => "else",
    Enum => "enum", Export => "export", Extends => "extends", False => "false",
    Finally => "finally", For => "for", Function => "function", If => "if",
    Import => "import", In => "in", Instanceof => "instanceof", New => "new",
    Null => "null", Return => "return", Super => "super", Switch => "switch",
    This => "this", Throw => "throw", True => "true", Try => "try",
    Typeof => "typeof", Var => "var", Void => "void", While => "while",
    With => "with",
}

macro_rules! puncts {
    ($($variant:ident => $text:literal),* $(,)?) => {
        /// Punctuators (https://tc39.es/ecma262/#sec-punctuators).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Punct { $($variant),* }

        impl Punct {
            /// The punctuator's source text.
            pub fn as_str(self) -> &'static str {
                match self { $(Punct::$variant => $text),* }
            }
        }
    };
}

puncts! {
    LBrace => "{", RBrace => "}", LParen => "(", RParen => ")",
    LBracket => "[", RBracket => "]", Dot => ".", Ellipsis => "...",
    Semicolon => ";", Comma => ",", Lt => "<", Gt => ">", LtEq => "<=",
    GtEq => ">=", EqEq => "==", NotEq => "!=", EqEqEq => "===",
    NotEqEq => "!==", Plus => "+", Minus => "-", Star => "*", Percent => "%",
    StarStar => "**", PlusPlus => "++", MinusMinus => "--", Shl => "<<",
    Shr => ">>", UShr => ">>>", Amp => "&", Pipe => "|", Caret => "^",
    Bang => "!", Tilde => "~", AmpAmp => "&&", PipePipe => "||",
    QuestionQuestion => "??", Question => "?", QuestionDot => "?.",
    Colon => ":", Eq => "=", PlusEq => "+=", MinusEq => "-=", StarEq => "*=",
    PercentEq => "%=", StarStarEq => "**=", ShlEq => "<<=", ShrEq => ">>=",
    UShrEq => ">>>=", AmpEq => "&=", PipeEq => "|=", CaretEq => "^=",
    AmpAmpEq => "&&=", PipePipeEq => "||=", QuestionQuestionEq => "??=",
    Arrow => "=>", Slash => "/", SlashEq => "/=",
}

impl TokenKind {
    /// A short description for error messages: `` `;` ``, `identifier
    /// `foo``, `end of input`, ….
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Identifier { name, .. } => format!("identifier `{name}`"),
            TokenKind::Keyword(keyword) => format!("`{}`", keyword.as_str()),
            TokenKind::PrivateName(name) => format!("`#{name}`"),
            TokenKind::Punct(punct) => format!("`{}`", punct.as_str()),
            TokenKind::Number { .. } => "number".into(),
            TokenKind::String { .. } => "string".into(),
            TokenKind::Template { .. } => "template".into(),
            TokenKind::Regex { .. } => "regular expression".into(),
            TokenKind::Eof => "end of input".into(),
        }
    }
}
