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
