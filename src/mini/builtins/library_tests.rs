//! Whole-program tests of the built-in library: scripts that use the
//! built-ins the way the suite's programs do (callbacks that are closures,
//! iteration with for-of and spread, classes with toJSON, gc() and
//! WeakRef), run through the full engine with `assert_prints`.
//! Expected lines are what node prints for the same script (with the host
//! contract's `String(value)` printing, so −0 prints as "0").

use super::super::tests::{assert_prints, assert_throws};

#[test]
fn json_round_trips_through_closures_and_classes() {
    assert_prints(
        r#"
        class Point {
          constructor(x, y) { this.x = x; this.y = y; }
          toJSON(key) { return { key, sum: this.x + this.y }; }
        }
        let calls = 0;
        const text = JSON.stringify({ p: new Point(1, 2), list: [new Point(3, 4)] }, (k, v) => {
          calls++;
          return typeof v === "number" ? v * 10 : v;
        });
        console.log(text, calls);
        const seen = [];
        const back = JSON.parse(text, function (k, v) { seen.push(k); return v; });
        console.log(seen.join("|"), back.list[0].sum);
        console.log(JSON.stringify([undefined, function () {}, Symbol("s")]), JSON.stringify({ u: undefined }));
        console.log(JSON.stringify("\u2028\n\"q\""), JSON.stringify({ a: [] }, null, "\t"));
        "#,
        &[
            r#"{"p":{"key":"p","sum":30},"list":[{"key":"0","sum":70}]} 8"#,
            "key|sum|p|key|sum|0|list| 70",
            "[null,null,null] {}",
            "\"\u{2028}\\n\\\"q\\\"\" {",
            "\t\"a\": []",
            "}",
        ],
    );
}

#[test]
fn json_cycles_and_depth_are_catchable() {
    assert_prints(
        r#"
        const a = { name: "a" };
        a.self = a;
        try { JSON.stringify(a); } catch (e) { console.log(e.name); }
        let deep = {};
        for (let i = 0; i < 100000; i++) deep = { next: deep };
        try { JSON.stringify(deep); } catch (e) { console.log(e.name); }
        const parsed = JSON.parse("[".repeat(20000) + "]".repeat(20000));
        console.log(Array.isArray(parsed));
        try { JSON.parse("{bad}"); } catch (e) { console.log(e.name); }
        "#,
        &["TypeError", "RangeError", "true", "SyntaxError"],
    );
}

#[test]
fn map_and_set_iterate_live_in_for_of() {
    assert_prints(
        r#"
        const m = new Map([["a", 1], ["b", 2], ["c", 3]]);
        const out = [];
        for (const [k, v] of m) {
          out.push(k + v);
          if (k === "a") { m.delete("b"); m.set("d", 4); }
        }
        console.log(out.join(","), m.size, [...m.keys()].join(""));
        const handlers = new Map();
        for (let i = 0; i < 3; i++) handlers.set(i, () => i * 10);
        console.log([...handlers.values()].map(f => f()).join(","));
        const s = new Set("hello");
        console.log([...s].join(""), s.has("l"), s.size);
        const seen = [];
        s.forEach(function (v) { seen.push(v + this.suffix); }, { suffix: "!" });
        console.log(seen.join(""));
        console.log(Object.prototype.toString.call(m.entries()), typeof m[Symbol.iterator]);
        "#,
        &[
            "a1,c3,d4 3 acd",
            "0,10,20",
            "helo true 4",
            "h!e!l!o!",
            "[object Map Iterator] function",
        ],
    );
}

#[test]
fn map_keys_use_same_value_zero_and_identity() {
    assert_prints(
        r#"
        const m = new Map();
        const k1 = {}, k2 = {};
        m.set(k1, "one").set(k2, "two").set(NaN, "nan").set(-0, "zero");
        console.log(m.get(k1), m.get(k2), m.get({}), m.get(NaN), m.get(0), Object.is([...m.keys()][3], 0));
        "#,
        &["one two undefined nan zero true"],
    );
}

#[test]
fn weak_map_entries_die_with_their_keys() {
    assert_prints(
        r#"
        const cache = new WeakMap();
        let key = { id: 1 };
        let ref;
        (function () {
          const value = { owner: key, payload: new Array(100).fill(0) };
          cache.set(key, value);
          ref = new WeakRef(value);
        })();
        console.log(cache.has(key), cache.get(key).owner === key);
        key = null;
        setTimeout(() => {
          gc();
          console.log(ref.deref() === undefined);
        }, 0);
        "#,
        &["true true", "true"],
    );
}

#[test]
fn sort_with_closures_is_stable() {
    assert_prints(
        r#"
        const people = [
          { name: "Ann", age: 30 }, { name: "Bob", age: 25 }, { name: "Cid", age: 30 }, { name: "Dee", age: 25 },
        ];
        let comparisons = 0;
        const byAge = (a, b) => { comparisons++; return a.age - b.age; };
        console.log(people.slice().sort(byAge).map(p => p.name).join(","), comparisons > 0);
        console.log([10, 9, 1, 100].sort().join(), [10, 9, 1, 100].toSorted((a, b) => b - a).join());
        console.log(["b", "a", "C"].sort((x, y) => x.localeCompare(y)).join());
        try { [3, 2, 1].sort(() => { throw new RangeError("stop"); }); } catch (e) { console.log(e.name); }
        "#,
        &[
            "Bob,Dee,Ann,Cid true",
            "1,10,100,9 100,10,9,1",
            "a,b,C",
            "RangeError",
        ],
    );
}

#[test]
fn array_helpers_with_callbacks() {
    assert_prints(
        r#"
        const nested = [1, [2, [3, [4]]]];
        console.log(nested.flat().length, nested.flat(Infinity).join());
        const words = ["a b", "c"];
        console.log(words.flatMap(w => w.split(" ")).join("-"));
        const xs = [5, 12, 8, 130, 44];
        console.log(xs.findLast(x => x > 10), xs.findLastIndex(x => x > 200), xs.at(-2));
        console.log([1, 2, 3, 4, 5].copyWithin(0, 3).join(), xs.with(1, 0).join(), xs.toSpliced(0, 4).join());
        "#,
        &[
            "3 1,2,3,4",
            "a-b-c",
            "44 -1 130",
            "4,5,3,4,5 5,0,8,130,44 44",
        ],
    );
}

#[test]
fn string_replacements_call_closures() {
    assert_prints(
        r#"
        let count = 0;
        const out = "a-b-c".replaceAll("-", (m, at) => `[${++count}@${at}]`);
        console.log(out, count);
        console.log("price: $".replace("$", "$$5"), "abc".replace("b", "<$&$`$'>"));
        console.log("x".codePointAt(0), String.fromCodePoint(128512).length, String.raw`a\nb${1 + 1}`);
        console.log(encodeURIComponent("a b/é"), decodeURIComponent("%E2%9C%93"));
        "#,
        &[
            "a[1@1]b[2@3]c 2",
            "price: $5 a<bac>c",
            "120 2 a\\nb2",
            "a%20b%2F%C3%A9 ✓",
        ],
    );
}

#[test]
fn numbers_print_like_node() {
    assert_prints(
        r#"
        console.log((1.005).toFixed(2), (2.5).toFixed(0), (-1.5).toFixed(0), (1e21).toFixed(2));
        console.log((123.456).toPrecision(4), (0.00001).toPrecision(1), (123456).toExponential(2));
        console.log((255).toString(2), (0.5).toString(16), (-255.5).toString(16), (1234567.891).toLocaleString());
        console.log(Math.round(-0.5), Math.max(), Math.min(1, "0"), Math.hypot(5, 12), Math.clz32(1));
        console.log(Number.isSafeInteger(2 ** 53 - 1), Number.isInteger(5.0), Number.EPSILON > 0);
        "#,
        &[
            "1.00 3 -2 1e+21",
            "123.5 0.00001 1.23e+5",
            "11111111 0.8 -ff.8 1,234,567.891",
            "0 -Infinity 0 13 31",
            "true true true",
        ],
    );
}

#[test]
fn reflect_mirrors_the_object_operations() {
    assert_prints(
        r#"
        const o = { b: 1, a: 2, 1: 3 };
        console.log(Reflect.ownKeys(o).join(), Reflect.has(o, "a"), Reflect.get(o, "b"));
        Object.freeze(o);
        console.log(Reflect.set(o, "a", 9), Reflect.defineProperty(o, "z", { value: 1 }), o.a);
        class Base { constructor(x) { this.x = x; } }
        class Other {}
        const made = Reflect.construct(Base, [7], Other);
        console.log(made.x, made instanceof Other, Reflect.apply(Math.max, null, [1, 3, 2]));
        const target = { get who() { return this.name; } };
        console.log(Reflect.get(target, "who", { name: "receiver" }));
        "#,
        &["1,b,a true 1", "false false 2", "7 true 3", "receiver"],
    );
}

#[test]
fn group_by_collects_in_first_seen_order() {
    assert_prints(
        r#"
        const inventory = [{ n: "a", t: "veg" }, { n: "b", t: "fruit" }, { n: "c", t: "veg" }];
        const byType = Object.groupBy(inventory, ({ t }) => t);
        console.log(Object.keys(byType).join(), byType.veg.map(i => i.n).join());
        const m = Map.groupBy([1, 2, 3, 4], x => x % 2 === 0);
        console.log(m.get(true).join(), m.get(false).join());
        "#,
        &["veg,fruit a,c", "2,4 1,3"],
    );
}

#[test]
fn errors_from_the_library_have_the_right_names() {
    assert_throws("new Map([1])", "TypeError");
    assert_throws("WeakMap()", "TypeError");
    assert_throws("new WeakSet().add(1)", "TypeError");
    assert_throws("(1).toFixed(101)", "RangeError");
    assert_throws("'a'.repeat(2 ** 30)", "RangeError");
    assert_throws("String.fromCodePoint(-1)", "RangeError");
    assert_throws("decodeURIComponent('%')", "URIError");
    assert_throws("[].sort(1)", "TypeError");
    assert_throws("[1].with(5, 0)", "RangeError");
    assert_throws("JSON.parse('')", "SyntaxError");
}

/// Calls every function of the library with odd receivers and arguments:
/// each call must complete or throw, never panic.
#[test]
fn odd_arguments_never_panic() {
    use super::test_support::{n, s, with_harness};
    use crate::mini::property::PropertyKey;
    use crate::mini::value::Value;
    with_harness(|h| {
        let odd: Vec<Value> = vec![
            Value::Undefined,
            Value::Null,
            Value::Boolean(true),
            n(f64::NAN),
            n(-0.0),
            n(-1.0),
            n(1e308),
            n(4294967295.0),
            n(f64::NEG_INFINITY),
            s(""),
            s("%E0%A4%A"),
            s("\u{1F600}é$&$'$`"),
            h.json(r#"{"a":[1,{"b":null}],"length":3}"#),
            h.json("[3,null,[1,[2]],\"x\"]"),
            h.ok("Symbol", Value::Undefined, &[s("d")]),
            h.global("Math.max"),
            h.new_ok("Map", &[h.json("[[1,2]]")]),
            h.new_ok("Set", &[h.json("[1]")]),
            h.new_ok("WeakMap", &[]),
            h.new_ok("RegExp", &[s("(a)|b*"), s("g")]),
        ];
        let holders = [
            "JSON",
            "Math",
            "Reflect",
            "Map",
            "Set",
            "WeakMap",
            "WeakSet",
            "Map.prototype",
            "Set.prototype",
            "WeakMap.prototype",
            "WeakSet.prototype",
            "Number",
            "Number.prototype",
            "String",
            "String.prototype",
            "Array.prototype",
            "Object",
            "RegExp",
            "RegExp.prototype",
        ];
        let mut calls = 0;
        for holder in holders {
            let Value::Object(o) = h.global(holder) else {
                panic!("{holder} is not an object")
            };
            for key in o.own_property_keys() {
                let Ok(f @ Value::Object(_)) = h.interp.get(&o, &key) else {
                    continue;
                };
                if !crate::mini::interpreter::object_ops::is_callable(&f)
                    || key == PropertyKey::from("constructor")
                {
                    continue;
                }
                for (i, this) in odd.iter().enumerate() {
                    let a = &odd[(i * 7 + 3) % odd.len()];
                    let b = &odd[(i * 5 + 1) % odd.len()];
                    for args in [
                        vec![],
                        vec![a.clone()],
                        vec![a.clone(), b.clone()],
                        vec![b.clone(), a.clone(), this.clone()],
                    ] {
                        let _ = h.interp.call(&f, this, &args);
                        calls += 1;
                    }
                }
            }
        }
        assert!(calls > 1000, "{calls} calls");
    });
}
