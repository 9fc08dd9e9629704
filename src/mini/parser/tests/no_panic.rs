//! The parser never panics and never overflows the stack: random bytes,
//! random token soups, every prefix of valid programs, and deep nesting.
//! Uses a small deterministic generator (no extra crates) so failures
//! reproduce.

use crate::mini::parser::{ParseLimits, parse_script, parse_script_with_limits};

/// xorshift64*: a tiny deterministic pseudo-random generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// How many token soups to try: `LEXENV_FUZZ_SOUPS` overrides the quick
/// default for a longer local hunt.
fn soup_count() -> usize {
    std::env::var("LEXENV_FUZZ_SOUPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6000)
}

/// Runs `f` on a thread with an 8 MiB stack (the main-thread size the
/// parser is designed for) and propagates its panic, if any.
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("the parser panicked");
}

const PROGRAMS: &[&str] = &[
    "var a = 1, b = [1, , 2, ...c]; let {d, e: [f = 2] = [], ...g} = h;\nconst i = `x${a + b}y${`z`}`;",
    "function f(a, b = 1, ...c) { 'use\\x20strict'; return a?.b?.[c]?.(d) ?? e; }\nclass A extends B { #x = 1; static y; constructor() { super(); } get z() { return super.z } static { this.w = /re[/]g/gi; } }",
    "for (let i = 0; i < 10; i++) { if (i % 2) continue; else break; }\nfor (const [k, v] of m) label: while (k) do v--; while (v)\nswitch (x) { case 1: default: }",
    "async function g() { for (x in o) await x; try { throw new Error('e') } catch ({message}) {} finally {} }\nfunction* h() { yield* [1]; yield\n2 }",
    "(function(){})(); !function(){}(); x => ({a}) ; async (a, {b}) => { a **= b; a ||= b; a ??= c }\nnew function(){}; a = b\n(c)",
];

#[test]
fn random_bytes_never_panic() {
    on_big_stack(|| {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let length = rng.below(48);
            let bytes: Vec<u8> = (0..length).map(|_| rng.next() as u8).collect();
            let _ = parse_script(&String::from_utf8_lossy(&bytes));
            let ascii: String = bytes.iter().map(|b| (b % 96 + 32) as char).collect();
            let _ = parse_script(&ascii);
        }
    });
}

#[test]
fn random_token_soups_never_panic() {
    const TOKENS: &[&str] = &[
        "a",
        "b",
        "let",
        "yield",
        "await",
        "async",
        "of",
        "get",
        "static",
        "function",
        "class",
        "extends",
        "super",
        "new",
        "target",
        "this",
        "if",
        "else",
        "for",
        "in",
        "while",
        "do",
        "return",
        "break",
        "continue",
        "var",
        "const",
        "try",
        "catch",
        "finally",
        "throw",
        "switch",
        "case",
        "default",
        "with",
        "typeof",
        "delete",
        "=>",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ";",
        ",",
        ".",
        "...",
        "?.",
        "?",
        ":",
        "=",
        "+=",
        "??=",
        "+",
        "-",
        "*",
        "**",
        "/",
        "%",
        "++",
        "--",
        "!",
        "~",
        "&&",
        "||",
        "??",
        "<",
        ">>>",
        "===",
        "1",
        "0x1",
        "'s'",
        "`t${",
        "`",
        "/r/g",
        "#p",
        "\n",
        "\\u0061",
        "'use strict';",
        "010",
    ];
    on_big_stack(|| {
        let mut rng = Rng(0x0123_4567_89ab_cdef);
        for _ in 0..soup_count() {
            let count = rng.below(24);
            let source: Vec<&str> = (0..count)
                .map(|_| TOKENS[rng.below(TOKENS.len())])
                .collect();
            let _ = parse_script(&source.join(" "));
        }
    });
}

#[test]
fn every_prefix_and_truncation_of_valid_programs_is_handled() {
    on_big_stack(|| {
        for program in PROGRAMS {
            parse_script(program)
                .unwrap_or_else(|error| panic!("{program:?} should parse: {error}"));
            for (end, _) in program.char_indices() {
                let _ = parse_script(&program[..end]);
                let _ = parse_script(&program[end..]);
            }
        }
        let mut rng = Rng(42);
        for _ in 0..2000 {
            let program = PROGRAMS[rng.below(PROGRAMS.len())];
            let mut chars: Vec<char> = program.chars().collect();
            let at = rng.below(chars.len());
            let other = rng.below(chars.len());
            match rng.below(3) {
                0 => drop(chars.remove(at)),
                1 => chars.insert(at, ['(', '{', '[', '`', '/', '"', '\n', '}'][rng.below(8)]),
                _ => chars.swap(at, other),
            }
            let _ = parse_script(&chars.into_iter().collect::<String>());
        }
    });
}

/// Deeply nested input of every recursive shape fails cleanly with
/// "nesting too deep" instead of overflowing the stack.
#[test]
fn deep_nesting_is_a_clean_error() {
    on_big_stack(|| {
        let depth = 100_000;
        let shapes: Vec<(String, &str)> = vec![
            ("(".repeat(depth), "parentheses"),
            ("[".repeat(depth), "arrays"),
            ("{".repeat(depth), "blocks"),
            ("({a:".repeat(depth), "objects"),
            ("!".repeat(depth) + "a", "unary"),
            ("a=".repeat(depth) + "1", "assignment"),
            ("a?b:".repeat(depth) + "c", "conditional"),
            ("a**".repeat(depth) + "b", "exponent"),
            ("a+".repeat(depth) + "b", "binary chain"),
            ("a".to_string() + &".b".repeat(depth), "member chain"),
            ("f".to_string() + &"()".repeat(depth), "call chain"),
            ("function f(){".repeat(depth), "functions"),
            ("x=>".repeat(depth) + "1", "arrows"),
            ("if(1)".repeat(depth) + ";", "if statements"),
            (
                (0..depth).map(|i| format!("l{i}:")).collect::<String>() + ";",
                "labels",
            ),
            ("`${".repeat(depth), "templates"),
            ("new ".repeat(depth) + "a", "new"),
            ("var [".to_string() + &"[".repeat(depth), "binding patterns"),
            (
                "[".repeat(depth) + &"]".repeat(depth) + "=1",
                "assignment patterns",
            ),
            ("class A extends (".repeat(depth), "classes"),
        ];
        for (source, shape) in shapes {
            let error = parse_script(&source).expect_err(shape);
            assert!(
                error.message.contains("nesting too deep"),
                "{shape}: {}",
                error.message
            );
        }
    });
}

/// Nesting well inside the limit still parses (real programs are fine).
#[test]
fn moderate_nesting_parses() {
    on_big_stack(|| {
        let depth = 100;
        let sources = [
            "(".repeat(depth) + "a" + &")".repeat(depth),
            "[".repeat(depth) + &"]".repeat(depth),
            "function f(){".repeat(depth) + &"}".repeat(depth),
            "a".to_string() + &"+a".repeat(depth),
            "if (a) {".repeat(depth) + &"}".repeat(depth),
        ];
        for source in sources {
            parse_script(&source).unwrap_or_else(|error| panic!("depth {depth}: {error}"));
        }
    });
}

/// The nesting count applies on its own too (what bounds the tree depth
/// when the stack budget is generous, as in optimised builds).
#[test]
fn nesting_count_limit_applies() {
    on_big_stack(|| {
        let limits = ParseLimits {
            max_nesting: 50,
            stack_budget: usize::MAX,
        };
        let shallow = "(".repeat(20) + "a" + &")".repeat(20);
        parse_script_with_limits(&shallow, limits).expect("20 levels fit in 50");
        let deep = "(".repeat(60) + "a" + &")".repeat(60);
        let error = parse_script_with_limits(&deep, limits).expect_err("60 levels exceed 50");
        assert_eq!(error.message, "nesting too deep");
        let chain = "a".to_string() + &"+a".repeat(60);
        assert_eq!(
            parse_script_with_limits(&chain, limits)
                .expect_err("long chain")
                .message,
            "nesting too deep"
        );
    });
}
