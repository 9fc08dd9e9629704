//! Smoke tests: values, operators, control flow, printing.

use super::{assert_prints, assert_throws};

#[test]
fn prints_values() {
    assert_prints(
        "console.log(1, 'a', true, null, undefined, 1.5, -0)",
        &["1 a true null undefined 1.5 0"],
    );
    assert_prints("let a = 1; console.log(a + 2)", &["3"]);
    assert_prints(
        "console.log('a' + 1, 2 * 3, 7 % 4, 2 ** 10)",
        &["a1 6 3 1024"],
    );
}

#[test]
fn undeclared_reference_throws() {
    assert_throws("x", "ReferenceError");
    assert_throws("null.x", "TypeError");
}

#[test]
fn control_flow() {
    assert_prints(
        "for (let i = 0; i < 3; i++) console.log(i)",
        &["0", "1", "2"],
    );
    assert_prints(
        "let s = 0; let i = 0; while (i < 5) { s += i; i++; } console.log(s)",
        &["10"],
    );
    assert_prints(
        "switch (2) { case 1: console.log(1); case 2: console.log(2); case 3: console.log(3); break; default: console.log('d') }",
        &["2", "3"],
    );
}
