//! RegExp tests: the matcher on its own, then whole programs (expected
//! lines are what node prints), the limits, and the pattern parser.

use super::syntax::parse_pattern;
use super::vm::{MatchFlags, compile};
use crate::engine::{Limits, Outcome};
use crate::mini::builtins::test_support::with_harness;
use crate::mini::tests::{assert_prints, assert_throws};

/// The span of the first match at or after 0, trying each start.
fn find(pattern: &str, flags: &str, input: &str) -> Option<(usize, usize)> {
    let unicode = flags.contains('u');
    let parsed = parse_pattern(pattern, unicode, &|| true).expect("pattern parses");
    let flags = MatchFlags {
        ignore_case: flags.contains('i'),
        multiline: flags.contains('m'),
        dot_all: flags.contains('s'),
        unicode,
    };
    let program = compile(&parsed, flags).expect("pattern compiles");
    let units: Vec<u16> = input.encode_utf16().collect();
    let (sender, receiver) = std::sync::mpsc::channel();
    with_harness(move |h| {
        let found = (0..=units.len()).find_map(|start| {
            let slots = program
                .match_at(&h.interp, &units, start)
                .expect("no throw")?;
            Some((slots[0].unwrap_or(0), slots[1].unwrap_or(0)))
        });
        sender.send(found).expect("the test thread is waiting");
    });
    receiver.recv().expect("the harness ran")
}

#[test]
fn the_matcher_backtracks_and_respects_flags() {
    assert_eq!(find("a+b", "", "xaab"), Some((1, 4)));
    assert_eq!(find("a+?", "", "aaa"), Some((0, 1)));
    assert_eq!(find("(a|ab)c", "", "abc"), Some((0, 3)));
    assert_eq!(find("^b", "m", "a\nb"), Some((2, 3)));
    assert_eq!(find("^b", "", "a\nb"), None);
    assert_eq!(find("A", "i", "xa"), Some((1, 2)));
    assert_eq!(find(".", "", "\n"), None);
    assert_eq!(find(".", "s", "\n"), Some((0, 1)));
    assert_eq!(find(".", "u", "😀"), Some((0, 2)));
    assert_eq!(find(".", "", "😀"), Some((0, 1)));
    assert_eq!(find("(a*)*b", "", "aaab"), Some((0, 4)));
    assert_eq!(find("(?:)*x", "", "x"), Some((0, 1)));
    assert_eq!(find("(\\w)\\1", "", "abba"), Some((1, 3)));
    assert_eq!(find("(?<=ab)c", "", "abc"), Some((2, 3)));
    assert_eq!(find("(?<!a)c", "", "acbc"), Some((3, 4)));
}

#[test]
fn literals_and_string_methods() {
    assert_prints(
        r#"
        const date = /(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/;
        const m = date.exec("due 2024-03-09!");
        console.log(m[0], m.index, m.groups.y, m.groups.d);
        console.log("2024-03-09".replace(date, "$<d>.$<m>.$<y>"), "a-b_c".replace(/[-_]/g, (s) => s === "-" ? "+" : "="));
        console.log("one two  three".split(/\s+/).join("|"), "k1=v1;k2=v2".match(/\w+=\w+/g).join(","));
        console.log([..."a1b22c333".matchAll(/\d+/g)].map((r) => r[0] + "@" + r.index).join(" "));
        console.log("Hello".search(/l+/), /^[\w.]+@\w+\.\w+$/.test("a.b@c.de"), String(/a\/b/gi));
        const counter = /o/g;
        const seen = [];
        let r;
        while ((r = counter.exec("foo boo")) !== null) seen.push(r.index);
        console.log(seen.join(), counter.lastIndex, "camelCase".replace(/([A-Z])/g, " $1").toLowerCase());
        "#,
        &[
            "2024-03-09 4 2024 09",
            "09.03.2024 a+b=c",
            "one|two|three k1=v1,k2=v2",
            "1@1 22@3 333@6",
            "2 true /a\\/b/gi",
            "1,2,5,6 0 camel case",
        ],
    );
}

#[test]
fn closures_over_regexps_keep_their_own_last_index() {
    assert_prints(
        r#"
        function makeTokenizer(text) {
          const re = /\w+/g;
          return () => { const m = re.exec(text); return m ? m[0] : null; };
        }
        const next = makeTokenizer("alpha beta");
        const other = makeTokenizer("gamma");
        console.log(next(), other(), next(), next(), other());
        const literal = () => /x/g;
        const a = literal(), b = literal();
        a.exec("xx");
        console.log(a === b, a.lastIndex, b.lastIndex);
        "#,
        &["alpha gamma beta null null", "false 1 0"],
    );
}

#[test]
fn errors() {
    assert_throws("new RegExp('(')", "SyntaxError");
    assert_throws("new RegExp('a', 'gg')", "SyntaxError");
    assert_throws("/a/u.exec.call({}, 'a')", "TypeError");
    assert_throws("'x'.replaceAll(/x/, 'y')", "TypeError");
    assert_throws("'x'.matchAll(/x/)", "TypeError");
    assert_throws("/(?<n>a)\\k<m>/", "SyntaxError");
}

#[test]
fn catastrophic_backtracking_hits_the_step_budget() {
    let limits = Limits {
        steps: 2_000_000,
        ..Limits::default()
    };
    let outcome = crate::mini::run(
        "/(a+)+b/.test('a'.repeat(40)); console.log('unreachable');",
        &limits,
    );
    assert!(matches!(outcome, Outcome::Timeout { .. }), "{outcome:?}");
}

#[test]
fn long_inputs_do_not_recurse() {
    assert_prints(
        r#"
        const s = "ab".repeat(200000);
        console.log(/^(?:ab)*$/.test(s), s.slice(0, 2000).replace(/b/g, "").length, /(a|b)*c/.test(s.slice(0, 2000)));
        "#,
        &["true 1000 false"],
    );
}

/// The pattern parser on its own.
mod syntax {
    use super::super::syntax::*;

    fn parse(p: &str) -> Node {
        parse_pattern(p, false, &|| true)
            .unwrap_or_else(|e| panic!("/{p}/: {e:?}"))
            .node
    }

    #[test]
    fn structure() {
        assert_eq!(
            parse("ab"),
            Node::Concat(vec![Node::Char('a' as u32), Node::Char('b' as u32)])
        );
        assert_eq!(
            parse("a|"),
            Node::Alt(vec![Node::Char('a' as u32), Node::Empty])
        );
        assert_eq!(
            parse("a+?"),
            Node::Repeat {
                node: Box::new(Node::Char('a' as u32)),
                min: 1,
                max: None,
                greedy: false
            }
        );
        assert_eq!(
            parse("(?:x){2,3}"),
            Node::Repeat {
                node: Box::new(Node::Group(Box::new(Node::Char('x' as u32)), None)),
                min: 2,
                max: Some(3),
                greedy: true
            }
        );
        let p = parse_pattern("(?<year>\\d{4})-\\k<year>(x)\\2", false, &|| true).expect("parses");
        assert_eq!(p.group_count, 2);
        assert_eq!(p.names, vec![("year".to_string(), 1)]);
        let Node::Concat(items) = p.node else {
            panic!("concat")
        };
        assert_eq!(items[2], Node::BackRef(1));
        assert_eq!(items[4], Node::BackRef(2));
    }

    #[test]
    fn annex_b_leniency_without_u() {
        assert_eq!(parse("]"), Node::Char(']' as u32));
        assert_eq!(
            parse("a{"),
            Node::Concat(vec![Node::Char('a' as u32), Node::Char('{' as u32)])
        );
        assert_eq!(parse("\\q"), Node::Char('q' as u32));
        assert_eq!(parse("\\8"), Node::Char('8' as u32));
        assert_eq!(parse("\\101"), Node::Char('A' as u32));
        assert_eq!(
            parse("\\c"),
            Node::Concat(vec![Node::Char('\\' as u32), Node::Char('c' as u32)])
        );
        assert_eq!(
            parse("[\\d-z]"),
            Node::Class(ClassSet {
                ranges: vec![(0x30, 0x39), (45, 45), (122, 122)],
                negated: false
            })
        );
        assert_eq!(parse("\\k"), Node::Char('k' as u32));
    }

    #[test]
    fn errors() {
        for (p, u) in [
            ("(", false),
            ("a)", false),
            ("*", false),
            ("a**", false),
            ("[b-a]", false),
            ("x{2,1}", false),
            ("{1}", false),
            ("(?<a>x)(?<a>y)", false),
            ("\\k<nope>(?<a>x)", false),
            ("(?<1a>x)", false),
            ("\\q", true),
            ("]", true),
            ("a{", true),
            ("\\u{110000}", true),
            ("\\p{L}", true),
            ("^*", false),
            ("\\2(a)", true),
        ] {
            assert!(
                matches!(parse_pattern(p, u, &|| true), Err(PatternError::Syntax(_))),
                "/{p}/{}",
                if u { "u" } else { "" }
            );
        }
        // Nesting stops when the stack check says so (here: at once), or
        // at the absolute limit.
        assert_eq!(
            parse_pattern("((a))", false, &|| false).err(),
            Some(PatternError::TooDeep)
        );
        let deep = format!("{}{}", "(?:".repeat(1001), ")".repeat(1001));
        let big_stack = std::thread::Builder::new().stack_size(256 << 20);
        let result = big_stack
            .spawn(move || parse_pattern(&deep, false, &|| true).err())
            .expect("thread")
            .join()
            .expect("no panic");
        assert_eq!(result, Some(PatternError::TooDeep));
    }

    #[test]
    fn escapes() {
        assert_eq!(
            parse("\\x41\\u0042\\t\\0"),
            Node::Concat(vec![
                Node::Char(65),
                Node::Char(66),
                Node::Char(9),
                Node::Char(0)
            ])
        );
        assert_eq!(
            parse_pattern("\\u{1F600}", true, &|| true).expect("u").node,
            Node::Char(0x1F600)
        );
        assert_eq!(
            parse_pattern("\\uD83D\\uDE00", true, &|| true)
                .expect("u")
                .node,
            Node::Char(0x1F600)
        );
        assert_eq!(parse("\\cJ"), Node::Char(10));
        // Astral literal without `u`: two code units.
        assert_eq!(
            parse("😀"),
            Node::Concat(vec![Node::Char(0xD83D), Node::Char(0xDE00)])
        );
        assert_eq!(complement(&[(0, 9), (20, 0x10FFFF)]), vec![(10, 19)]);
    }
}
