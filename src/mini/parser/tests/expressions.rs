//! Expression parsing: precedence, associativity, arrows, destructuring
//! reinterpretation, optional chaining, templates, literals, IIFE forms.

use super::{assert_error, assert_tree, parse_ok};
use crate::mini::ast::{ExprKind, FunctionKind, StmtKind};

#[test]
fn binary_precedence_and_associativity() {
    assert_tree("a + b * c", "(+ a (* b c))");
    assert_tree("a * b + c", "(+ (* a b) c)");
    assert_tree("a - b - c", "(- (- a b) c)");
    assert_tree("a ** b ** c", "(** a (** b c))");
    assert_tree("a ** b * c", "(* (** a b) c)");
    assert_tree("(-a) ** b", "(** (- a) b)");
    assert_tree("a ** -b", "(** a (- b))");
    assert_tree("a || b && c", "(|| a (&& b c))");
    assert_tree("a | b ^ c & d", "(| a (^ b (& c d)))");
    assert_tree("a == b < c << d", "(== a (< b (<< c d)))");
    assert_tree("a in b instanceof c", "(instanceof (in a b) c)");
    assert_tree("a ?? b ?? c", "(?? (?? a b) c)");
    assert_tree("(a || b) ?? c", "(?? (|| a b) c)");
    assert_tree("a ?? (b && c)", "(?? a (&& b c))");
    assert_tree("a ? b : c ? d : e", "(? a b (? c d e))");
    assert_tree("a = b = c", "(= a (= b c))");
    assert_tree("a += b, c", "(, (+= a b) c)");
    assert_tree(
        "a &&= b; c ||= d; e ??= f",
        "(&&= a b); (||= c d); (??= e f)",
    );
}

#[test]
fn exponent_and_coalesce_restrictions() {
    assert_error("-a ** b", "must be parenthesized");
    assert_error("typeof a ** b", "must be parenthesized");
    assert_error("a ?? b || c", "cannot be mixed");
    assert_error("a || b ?? c", "cannot be mixed");
    assert_error("a && b ?? c", "cannot be mixed");
    assert_error("x **= 2 >>>= 3", "invalid assignment target");
}

#[test]
fn unary_update_and_postfix() {
    assert_tree("!a", "(! a)");
    assert_tree("typeof typeof a", "(typeof (typeof a))");
    assert_tree("void 0", "(void 0)");
    assert_tree("delete a.b", "(delete a.b)");
    assert_tree("-x++", "(- (++post x))");
    assert_tree("++a.b", "(++pre a.b)");
    assert_tree("++(a)", "(++pre a)");
    assert_tree("a\n++b", "a; (++pre b)");
    assert_tree("a++\nb", "(++post a); b");
    assert_error("++a++", "invalid assignment target");
    assert_error("f()++", "invalid assignment target");
    assert_error("1 = 2", "invalid assignment target");
    assert_error("f() = 1", "invalid assignment target");
    assert_error("a?.b = 1", "invalid assignment target");
    assert_error("(a, b) = 1", "invalid assignment target");
}

#[test]
fn calls_members_and_new() {
    assert_tree("a.b.c(d)(e)", "(call (call a.b.c d) e)");
    assert_tree("a[b][c]", "a[b][c]");
    assert_tree("new A", "(new A)");
    assert_tree("new A(1, ...b)", "(new A 1 ...b)");
    assert_tree("new A.B(c)", "(new A.B c)");
    assert_tree("new new A()()", "(new (new A))");
    assert_tree("new A()()", "(call (new A))");
    assert_tree("new (f())()", "(new (call f))");
    assert_tree("f(...a, b,)", "(call f ...a b)");
    assert_tree("a.if.class", "a.if.class");
    assert_tree("new function(){}", "(new (normal () {}))");
    assert_tree("new async()", "(new async)");
    assert_tree("new async", "(new async)");
    assert_tree(
        "function f() { return new.target }",
        "(normal f () {(return new.target)})",
    );
    assert_error("new.target", "only allowed in functions");
    assert_error("new a?.b()", "optional chain");
}

#[test]
fn optional_chaining_marks_the_short_circuit_extent() {
    assert_tree("a?.b", "(chain a?.b)");
    assert_tree("a?.b.c", "(chain a?.b.c)");
    assert_tree("a?.[x]", "(chain a?[x])");
    assert_tree("a?.(x)", "(chain (?call a x))");
    assert_tree("a?.b()", "(chain (call a?.b))");
    assert_tree("(a?.b).c", "(chain a?.b).c");
    assert_tree("a?.b?.c", "(chain a?.b?.c)");
    assert_tree("a ?.5:1", "(? a 0.5 1)");
    assert_error("a?.`x`", "optional chain");
}

#[test]
fn arrow_functions() {
    assert_tree("x => x", "(arrow (x) x)");
    assert_tree("() => {}", "(arrow () {})");
    assert_tree("(a, b = 1, ...c) => a", "(arrow (a b=1 ...c) a)");
    assert_tree("([a, b], {c}) => 0", "(arrow ([a b] {c:c}) 0)");
    assert_tree("(a,) => a", "(arrow (a) a)");
    assert_tree("async x => x", "(async arrow (x) x)");
    assert_tree("async (a, ...b) => a", "(async arrow (a ...b) a)");
    assert_tree("async () => await x", "(async arrow () (await x))");
    assert_tree("async(a, b)", "(call async a b)");
    assert_tree("async", "async");
    assert_tree("x => y => x + y", "(arrow (x) (arrow (y) (+ x y)))");
    assert_tree("a ? () => 1 : () => 2", "(? a (arrow () 1) (arrow () 2))");
    assert_tree(
        "f(() => {}, x => x)",
        "(call f (arrow () {}) (arrow (x) x))",
    );
    assert_tree("x = () => {}\n(1)", "(= x (arrow () {})); 1");
    assert_tree("(() => 1)()", "(call (arrow () 1))");
    assert_error("() => {}()", "expected");
    assert_error("a || () => b", "parenthesized");
    assert_error("x\n=> 1", "expected an expression");
    assert_error("(a, b)\n=> 1", "`=>`");
    assert_error("()", "`=>`");
    assert_error("(...a)", "`=>`");
    assert_error("(a,)", "`=>`");
    assert_error("((a)) => 1", "invalid destructuring target");
    assert_error("(a.b) => 1", "invalid destructuring target");
    assert_error("(a, a) => 1", "duplicate parameter");
    assert_error("(...a, b) => 1", "`)`");
    assert_error("async (...a,) => 1", "rest parameter");
}

#[test]
fn destructuring_assignment_reinterprets_literals() {
    assert_tree("[a, b] = [b, a]", "(= [a b] [b a])");
    assert_tree("[a, , b = 1, ...c] = d", "(= [a _ b=1 ...c] d)");
    assert_tree(
        "({a, b: {c}, d = 1, ...e} = f)",
        "(= {a:a b:{c:c} d:d=1 ...e} f)",
    );
    assert_tree("[a.b, c[0]] = d", "(= [a.b c[0]] d)");
    assert_tree("({a: (b)} = c)", "(= {a:b} c)");
    assert_tree(
        "({__proto__: a, __proto__: b} = c)",
        "(= {__proto__:a __proto__:b} c)",
    );
    assert_tree("[[a] = [1]] = []", "(= [[a]=[1]] [])");
    assert_error("({a = 1})", "destructuring pattern");
    assert_error("x = {a = 1}", "destructuring pattern");
    assert_error("({a}) = 1", "invalid assignment target");
    assert_error("[...a, b] = c", "rest element must be last");
    assert_error("[...a,] = c", "followed by a comma");
    assert_error("[...a = 1] = c", "may not have a default");
    assert_error("({...{a}} = c)", "rest property");
    assert_error("({a() {}} = c)", "invalid assignment target");
    assert_error("({__proto__: a, __proto__: b})", "duplicate `__proto__`");
    assert_error("[a + b] = c", "invalid assignment target");
}

#[test]
fn iife_forms_parse() {
    for source in [
        "(function(){})()",
        "(function(){}())",
        "!function(){}()",
        "+function(){}()",
        "void function(){}()",
        "new function(){}",
        "(() => {})()",
        "(async function(){})()",
        "function go(){}(1)",
        "var x = function(){}()",
    ] {
        parse_ok(source);
    }
    assert_tree(
        "let x = 1\n(function(){})()",
        "(let x=(call (call 1 (normal () {}))))",
    );
    assert_tree("function go(){}(1)", "(normal go () {}); 1");
}

#[test]
fn function_declaration_needs_a_name_at_statement_start() {
    assert_error("function(){}()", "function name");
    assert_error("function go(){}()", "expected `=>`");
}

#[test]
fn object_literals() {
    assert_tree("({a, b: 1, [c]: 2, 'd': 3, 4: 5})", "{a b:1 [c]:2 d:3 4:5}");
    assert_tree(
        "({get x() { return 1 }, set x(v) {}})",
        "{x:(getter () {(return 1)}) x:(setter (v) {})}",
    );
    assert_tree(
        "({m() {}, *g() {}, async a() {}, async *ag() {}})",
        "{m:(method () {}) g:(* method () {}) a:(async method () {}) ag:(async * method () {})}",
    );
    assert_tree(
        "({get: 1, set: 2, async: 3, get() {}, async() {}})",
        "{get:1 set:2 async:3 get:(method () {}) async:(method () {})}",
    );
    assert_tree("({...a, __proto__: b})", "{...a __proto__=b}");
    assert_tree(
        "({'__proto__': b, ['__proto__']: c, __proto__})",
        "{__proto__=b [\"__proto__\"]:c __proto__}",
    );
    assert_tree("({if: 1, class: 2})", "{if:1 class:2}");
    assert_error("({if})", "`:`");
    assert_error("({get x(a) {}})", "getter");
    assert_error("({set x() {}})", "setter");
    assert_error("({a b})", "`,` or `}`");
}

#[test]
fn arrays_with_holes_and_spread() {
    assert_tree("[, a, , ...b, ]", "[_ a _ ...b]");
    assert_tree("[,]", "[_]");
    assert_tree("[]", "[]");
}

#[test]
fn templates() {
    assert_tree("`a${b}c${d}e`", "(template [\"a\", \"c\", \"e\"] b d)");
    assert_tree("`x`", "(template [\"x\"] )");
    assert_tree("`${ {a: 1}.a }`", "(template [\"\", \"\"] {a:1}.a)");
    assert_tree(
        "`${`${a}`}`",
        "(template [\"\", \"\"] (template [\"\", \"\"] a))",
    );
    assert_tree("tag`a${b}`", "(tagged tag 2)");
    assert_tree("tag`\\unicode`", "(tagged tag 1)");
    assert_tree("`${a}/2/`", "(template [\"\", \"/2/\"] a)");
    assert_error("`\\unicode`", "invalid escape");
    assert_error("`${a`", "unterminated template");
}

#[test]
fn regex_versus_division() {
    assert_tree("a / b / c", "(/ (/ a b) c)");
    assert_tree("/a/g.test(x)", "(call /a/g.test x)");
    assert_tree("x = /=/", "(= x /=/)");
    assert_tree("a\n/b/g", "(/ (/ a b) g)");
    assert_tree("(a) / 2", "(/ a 2)");
    assert_tree("[] / 2", "(/ [] 2)");
    assert_tree("if (a) /b/.test(c)", "(if a (call /b/.test c))");
    assert_tree("return_ = 1; typeof /x/", "(= return_ 1); (typeof /x/)");
    assert_tree("x = a++ / 2", "(= x (/ (++post a) 2))");
    assert_tree("`${a}` / 2", "(/ (template [\"\", \"\"] a) 2)");
    assert_tree("[/[/]/]", "[/[/]/]");
}

#[test]
fn yield_and_await_in_their_contexts() {
    assert_tree(
        "function* g() { yield; yield 1; yield* a; x = yield }",
        "(* normal g () {(yield); (yield 1); (yield* a); (= x (yield))})",
    );
    assert_tree("function* g() { yield\n1 }", "(* normal g () {(yield); 1})");
    assert_tree(
        "function* g() { f(yield a, yield) }",
        "(* normal g () {(call f (yield a) (yield))})",
    );
    assert_tree(
        "async function f() { await a; await b.c() }",
        "(async normal f () {(await a); (await (call b.c))})",
    );
    assert_tree("var yield = 1, await = 2", "(var yield=1 await=2)");
    assert_tree(
        "async function f() { return async () => await 1 }",
        "(async normal f () {(return (async arrow () (await 1)))})",
    );
    assert_tree(
        "function* g() { (function yield() {}) }",
        "(* normal g () {(normal yield () {})})",
    );
}

#[test]
fn literals_and_their_strict_restrictions() {
    assert_tree(
        "0x1F + 0o17 + 0b11 + 1_000 + 1e3 + .5 + 5.",
        "(+ (+ (+ (+ (+ (+ 31 15) 3) 1000) 1000) 0.5) 5)",
    );
    assert_tree("010 + 08", "(+ 8 8)");
    assert_tree("'\\x41\\u0042\\u{43}\\103'", "\"ABCC\"");
    assert_error("'use strict'; 010", "octal");
    assert_error("'use strict'; '\\101'", "octal");
    assert_error("function f() { 'use strict'; 010 }", "octal");
    assert_error("function f() { '\\01'; 'use strict'; }", "octal");
    assert_error("1n", "unsupported: BigInt");
}

#[test]
fn classes_parse() {
    let script = parse_ok(
        "class A extends B { 'constructor'(x) { super(x); } static s() {} get g() { return super.g } \
         set g(v) {} *gen() {} async am() {} [k]() {} f = 1; static sf; #p = 2; #m() { return this.#p } \
         static { this.x = 1 } static constructor() {} }",
    );
    let StmtKind::ClassDecl(class) = &script.body[0].kind else {
        panic!("expected a class")
    };
    assert!(class.heritage.is_some());
    assert!(
        class.constructor.is_some(),
        "the string-named constructor is the constructor"
    );
    assert_eq!(class.elements.len(), 12);
    parse_ok("(class {})");
    parse_ok("var C = class Named { static name() {} }");
    parse_ok("class A { static; get; set; async; static async *x() {} 'a' = 1; 1 = 2 }");
}

#[test]
fn function_nodes_keep_their_source_text() {
    let source = "var f = function named(a, b = 1) { return a }; var g = async (x) => x;\n({ get [k]() {} })";
    let script = parse_ok(source);
    let texts: Vec<&str> = collect_functions(&script)
        .into_iter()
        .map(|span| &source[span.start as usize..span.end as usize])
        .collect();
    assert_eq!(
        texts,
        [
            "function named(a, b = 1) { return a }",
            "async (x) => x",
            "get [k]() {}"
        ]
    );
}

fn collect_functions(script: &crate::mini::ast::Script) -> Vec<crate::mini::ast::Span> {
    let mut spans = Vec::new();
    for statement in &script.body {
        match &statement.kind {
            StmtKind::VarDecl(declaration) => {
                for declarator in &declaration.declarators {
                    if let Some(init) = &declarator.init
                        && let ExprKind::Function(function) = &init.kind
                    {
                        spans.push(function.span);
                    }
                }
            }
            StmtKind::Expression(expr) => {
                if let ExprKind::Object(properties) = &expr.kind {
                    for property in properties {
                        if let crate::mini::ast::PropertyDefinition::Method { function, .. } =
                            property
                        {
                            assert_eq!(function.kind, FunctionKind::Getter);
                            spans.push(function.span);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    spans
}

#[test]
fn spans_carry_line_and_column() {
    let script = parse_ok("\n  foo;\n\tbar + é");
    assert_eq!(
        (script.body[0].span.line, script.body[0].span.column),
        (2, 3)
    );
    let StmtKind::Expression(expr) = &script.body[1].kind else {
        panic!()
    };
    let ExprKind::Binary { right, .. } = &expr.kind else {
        panic!()
    };
    assert_eq!((right.span.line, right.span.column), (3, 8));
}
