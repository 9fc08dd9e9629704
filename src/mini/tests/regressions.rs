//! Regressions found by running unseen programs on mini and node side by
//! side: each test is the minimised program of one divergence, named after
//! the rule it pins.

use super::{assert_prints, assert_throws};

#[test]
fn annex_b_block_function_named_arguments_keeps_the_object_until_evaluated() {
    // B.3.2.1: no new var binding for `arguments`; evaluating the
    // declaration overwrites the arguments object's binding.
    assert_prints(
        "(function () { console.log(typeof arguments); { function arguments() {} } console.log(typeof arguments); })();",
        &["object", "function"],
    );
    assert_prints(
        "(function (a = 1) { console.log(typeof arguments); { function arguments() {} } console.log(typeof arguments); })();",
        &["object", "function"],
    );
    // A parameter named `arguments` is left alone.
    assert_prints("(function (arguments) { { function arguments() {} } console.log(typeof arguments); })(1);", &["number"]);
}

#[test]
fn parenthesised_optional_chain_callee_keeps_this() {
    assert_prints(
        "const o = { v: 1, m() { return this.v; } }; console.log((o?.m)(), (o?.['m'])(), (o.m)?.());",
        &["1 1 1"],
    );
    assert_throws("const n = null; (n?.m)();", "TypeError");
}

#[test]
fn calling_a_with_object_method_by_name_passes_the_object_as_this() {
    assert_prints(
        "var o = { m() { return this === o; } }; function g() { return this === globalThis; } with (o) { console.log(m(), g()); }",
        &["true true"],
    );
}
