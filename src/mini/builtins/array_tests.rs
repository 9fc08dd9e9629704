//! Whole-program tests of `array.rs`: holes, species, fromIndex,
//! Symbol.isConcatSpreadable and cyclic joins. Expected lines are what
//! node prints for the same script.

use super::super::tests::assert_prints;

#[test]
fn last_index_of_starts_at_from_index() {
    assert_prints(
        r#"
        const a = [1, 2, 1];
        console.log(a.lastIndexOf(1, 1), a.lastIndexOf(1, -2), a.lastIndexOf(1, -4), a.lastIndexOf(1, 10));
        console.log(a.lastIndexOf(1, undefined), a.lastIndexOf(1), a.lastIndexOf(1, -Infinity));
        console.log([].lastIndexOf(1, { valueOf() { throw new Error("converted"); } }), [, 1].lastIndexOf(undefined), [NaN].lastIndexOf(NaN));
        console.log([].indexOf(1, { valueOf() { throw new Error("converted"); } }), [].includes(1, { valueOf() { throw 1; } }));
        "#,
        &["0 0 -1 2", "0 2 -1", "-1 -1 -1", "-1 false"],
    );
}

#[test]
fn reverse_concat_splice_and_slice_keep_holes() {
    assert_prints(
        r#"
        const r = [, 1, 2, , 4].reverse();
        console.log(r.length, Object.keys(r).join(","), 0 in r, 1 in r, 4 in r);
        const c = [, 1].concat([2, , 3], 4, [, ]);
        console.log(c.length, Object.keys(c).join(","));
        const s = [0, 1, , 3, 4];
        const removed = s.splice(1, 2, "a");
        console.log(removed.length, Object.keys(removed).join(","), s.length, Object.keys(s).join(","), s.join());
        const s2 = [0, , 2];
        s2.splice(1, 0, "x", "y");
        console.log(s2.length, Object.keys(s2).join(","), s2.join());
        const sl = [0, , 2, ,].slice(1);
        console.log(sl.length, Object.keys(sl).join(","));
        "#,
        &[
            "5 0,2,3 true false false",
            "7 1,2,4,5",
            "2 0 4 0,1,2,3 0,a,3,4",
            "5 0,1,2,4 0,x,y,,2",
            "3 1",
        ],
    );
}

#[test]
fn concat_follows_is_concat_spreadable() {
    assert_prints(
        r#"
        const spread = { length: 2, 0: "x", 1: "y", [Symbol.isConcatSpreadable]: true };
        const unspread = Object.assign([7, 8], { [Symbol.isConcatSpreadable]: false });
        const c = [1].concat(spread, unspread);
        console.log(c.length, c[1], c[2], Array.isArray(c[3]), c[3] === unspread);
        "#,
        &["4 x y true true"],
    );
}

#[test]
fn copying_methods_create_through_species() {
    assert_prints(
        r#"
        class MyArr extends Array {}
        const m = new MyArr(1, 2, 3);
        console.log(m.map(x => x) instanceof MyArr, m.filter(x => x > 1) instanceof MyArr, m.slice(1) instanceof MyArr);
        console.log(m.concat([4]) instanceof MyArr, m.splice(0, 1) instanceof MyArr, m.length);
        console.log(m.filter(x => x > 2).length, m.concat([4], 5).length, Array[Symbol.species] === Array);
        const plain = [1, 2];
        plain.constructor = { [Symbol.species]: function (n) { this.made = n; } };
        const made = plain.map(x => x * 2);
        console.log(Array.isArray(made), made.made, made[0], made[1]);
        plain.constructor = { [Symbol.species]: null };
        console.log(Array.isArray(plain.slice()));
        plain.constructor = { [Symbol.species]: 1 };
        try { plain.filter(x => x); } catch (e) { console.log(e.name); }
        "#,
        &[
            "true true true",
            "true true 2",
            "1 4 true",
            "false 2 2 4",
            "true",
            "TypeError",
        ],
    );
}

#[test]
fn join_of_a_cyclic_array_joins_the_cycle_as_empty() {
    assert_prints(
        r#"
        const a = [1]; a.push(a);
        console.log(JSON.stringify(a.join()), String(a), [a, [a]].join("-"), a.toLocaleString());
        const b = [1, 2]; b[1] = { toString() { return b.join("|") + "!"; } };
        console.log(b.join());
        const t = [1, { toString() { throw new Error("boom"); } }];
        try { t.join(); } catch (e) { console.log(e.message); }
        t.pop(); t.push(t);
        console.log(t.join());
        "#,
        &["\"1,\" 1, 1,-1, 1,", "1,!", "boom", "1,"],
    );
}

#[test]
fn unscopables_hide_the_newer_methods_from_with() {
    assert_prints(
        r#"
        const u = Array.prototype[Symbol.unscopables];
        const d = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.unscopables);
        console.log(Object.getPrototypeOf(u), Object.keys(u).join(), d.writable, d.enumerable, d.configurable);
        var keys = "outer", push = "outer push";
        with ([1, 2]) { console.log(keys, typeof push, length); }
        "#,
        &[
            "null at,copyWithin,entries,fill,find,findIndex,findLast,findLastIndex,flat,flatMap,includes,keys,values,toReversed,toSorted,toSpliced false false true",
            "outer function 2",
        ],
    );
}

#[test]
fn shift_unshift_and_splice_move_elements_as_the_spec_does() {
    assert_prints(
        r#"
        const show = (x) => JSON.stringify(x);
        const h = [1, , 3]; console.log(h.shift(), h.length, 0 in h, show(h));
        const u = [1, , 3]; console.log(u.unshift(0, -1), show(u), 3 in u);
        const sp = [1, , 3, 4]; console.log(show(sp.splice(1, 1, "a", "b")), show(sp), sp.length);
        Array.prototype[1] = "proto";
        const p = [0, , 2]; console.log(p.shift(), show(Object.keys(p)), p[0], Object.hasOwn(p, 0));
        delete Array.prototype[1];
        const fz = Object.preventExtensions([1, , 3]);
        try { fz.shift(); } catch (e) { console.log(e.name, show(fz)); }
        const mut = [1, 2, 3, 4, 5];
        console.log(show(mut.splice({ valueOf() { mut.length = 1; return 0; } }, 3)), show(mut));
        class Sp extends Array { static get [Symbol.species]() { return function () { src.length = 0; return []; }; } }
        const src = Sp.from([1, 2, 3]); console.log(show(src.splice(0, 2)), show(src), src.length);
        const queue = []; for (let i = 0; i < 30000; i++) queue.push(i);
        let total = 0; while (queue.length) total += queue.shift();
        const middle = []; for (let i = 0; i < 10000; i++) middle.splice(middle.length >> 1, 0, i);
        const front = []; for (let i = 0; i < 10000; i++) front.unshift(i);
        console.log(total, middle[5000], front[0], front[9999]);
        "#,
        &[
            "1 2 false [null,3]",
            "5 [0,-1,1,null,3] false",
            r#"[null] [1,"a","b",3,4] 5"#,
            r#"0 ["0","1"] proto true"#,
            "TypeError [null,null,3]",
            "[1,null,null] [null,null]",
            "[null,null] [null] 1",
            "449985000 9998 9999 0",
        ],
    );
}

#[test]
fn array_from_and_of_construct_the_this_value() {
    assert_prints(
        r#"
        const show = (x) => JSON.stringify(x);
        class A extends Array {}
        console.log(A.from([1, 2]) instanceof A, A.of(1, 2) instanceof A, A.from({ length: 2, 0: "a" }) instanceof A, show(A.from("ab", (c, i) => c + i)));
        function C(n) { this.args = [...arguments]; }
        console.log(show(Array.from.call(C, [1, 2])), show(Array.of.call(C, "x", "y")), show(Array.from.call(C, { length: 1, 0: "z" })));
        console.log(show(Array.from.call(null, [1])), show(Array.of.call(undefined, 3)));
        const log = [];
        const it = { [Symbol.iterator]() { let i = 0; return { next() { log.push("next" + i); return i < 2 ? { value: i++, done: false } : { done: true }; }, return() { log.push("return"); return {}; } }; } };
        Array.from(it, (v, k) => { log.push("map" + v + k); return v; });
        console.log(log.join());
        log.length = 0;
        try { Array.from(it, v => { throw new Error("stop"); }); } catch (e) { console.log(e.message, log.join()); }
        try { Array.from.call(function () { return Object.freeze([]); }, [1]); } catch (e) { console.log(e.name); }
        "#,
        &[
            r#"true true true ["a0","b1"]"#,
            r#"{"0":1,"1":2,"args":[],"length":2} {"0":"x","1":"y","args":[2],"length":2} {"0":"z","args":[1],"length":1}"#,
            "[1] [3]",
            "next0,map00,next1,map11,next2",
            "stop next0,return",
            "TypeError",
        ],
    );
}
