//! Clause coverage (`lexenv check --coverage`): how many cases cite each of
//! the closure-relevant ECMA-262 clauses listed in
//! `data/closure-clauses.txt`, and which are cited by fewer than
//! `MIN_CASES_PER_CLAUSE`.

use std::fmt::Write as _;

use crate::spec::{Clause, ClauseTable};
use crate::suite::Suite;

/// The list, compiled in: one clause id per line, `#` comments.
const CLOSURE_CLAUSES: &str = include_str!("../data/closure-clauses.txt");

/// Every listed clause should be cited by at least this many cases.
pub const MIN_CASES_PER_CLAUSE: usize = 3;

/// The ids in `data/closure-clauses.txt`, in file order.
pub fn closure_clause_ids() -> impl Iterator<Item = &'static str> {
    CLOSURE_CLAUSES
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|id| !id.is_empty())
}

/// The listed clauses, in file order. (A unit test checks that every listed
/// id is in the clause table.)
pub fn closure_clauses() -> Vec<&'static Clause> {
    let table = ClauseTable::builtin();
    closure_clause_ids()
        .filter_map(|id| table.get(id))
        .collect()
}

/// Each listed clause with the number of cases citing it.
pub fn coverage(suite: &Suite) -> Vec<(&'static Clause, usize)> {
    closure_clauses()
        .into_iter()
        .map(|clause| {
            let citing = suite
                .cases
                .iter()
                .filter(|case| case.spec.contains(&clause.id))
                .count();
            (clause, citing)
        })
        .collect()
}

/// The coverage table, then the clauses cited by fewer than
/// `MIN_CASES_PER_CLAUSE` cases. The flag is true when there are none.
pub fn render_coverage(suite: &Suite) -> (String, bool) {
    let rows = coverage(suite);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Clause coverage: cases citing each closure-relevant ECMA-262 clause (data/closure-clauses.txt)\n"
    );
    let _ = writeln!(out, "cases  clause");
    for (clause, citing) in &rows {
        let _ = writeln!(out, "{}", row(clause, *citing));
    }
    let thin: Vec<_> = rows
        .iter()
        .filter(|(_, citing)| *citing < MIN_CASES_PER_CLAUSE)
        .collect();
    let _ = writeln!(out);
    if thin.is_empty() {
        let _ = writeln!(
            out,
            "All {} clauses are cited by at least {MIN_CASES_PER_CLAUSE} cases.",
            rows.len()
        );
    } else {
        let _ = writeln!(
            out,
            "{} of {} clauses are cited by fewer than {MIN_CASES_PER_CLAUSE} cases:",
            thin.len(),
            rows.len()
        );
        for (clause, citing) in &thin {
            let _ = writeln!(out, "{}", row(clause, *citing));
        }
    }
    (out, thin.is_empty())
}

/// `   12  9.1.2.1 GetIdentifierReference ( envRecord, name, strict )  sec-getidentifierreference`
/// (the id disambiguates titles several clauses share, like `HasBinding ( name )`).
fn row(clause: &Clause, citing: usize) -> String {
    format!("{citing:>5}  {clause}  {}", clause.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse_case;
    use std::path::{Path, PathBuf};

    #[test]
    fn every_listed_clause_is_in_the_table() {
        let table = ClauseTable::builtin();
        let missing: Vec<_> = closure_clause_ids()
            .filter(|id| !table.contains(id))
            .collect();
        assert!(missing.is_empty(), "not ECMA-262 clause ids: {missing:?}");
        assert_eq!(closure_clauses().len(), closure_clause_ids().count());
    }

    #[test]
    fn list_names_the_clauses_issue_4_requires() {
        let ids: Vec<_> = closure_clause_ids().collect();
        for required in [
            "sec-getidentifierreference",
            "sec-newdeclarativeenvironment",
            "sec-newfunctionenvironment",
            "sec-functiondeclarationinstantiation",
            "sec-blockdeclarationinstantiation",
            "sec-globaldeclarationinstantiation",
            "sec-createperiterationenvironment",
            "sec-forbodyevaluation",
            "sec-runtime-semantics-forinofheadevaluation",
            "sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iterator-lhskind-labelset",
            "sec-runtime-semantics-catchclauseevaluation",
            "sec-runtime-semantics-instantiateordinaryfunctionexpression",
            "sec-runtime-semantics-instantiatearrowfunctionexpression",
            "sec-ordinarycallbindthis",
            "sec-block-level-function-declarations-web-legacy-compatibility-semantics",
            "sec-switch-statement-runtime-semantics-evaluation",
            "sec-weak-ref.prototype.deref",
            "sec-clear-kept-objects",
            "sec-declarative-environment-records-getbindingvalue-n-s",
        ] {
            assert!(
                ids.contains(&required),
                "{required} missing from data/closure-clauses.txt"
            );
        }
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "an id is listed twice");
    }

    fn suite_citing(specs: &[&[&str]]) -> Suite {
        let cases = specs
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                let text = format!("description: d\nspec: [{}]\nsource: s\n", spec.join(", "));
                let id = format!("a/c{i}");
                parse_case(&text, &id, Path::new("x.yaml"), Path::new("x.out")).expect("valid case")
            })
            .collect();
        Suite {
            root: PathBuf::from("."),
            cases,
        }
    }

    #[test]
    fn counts_cases_not_citations_and_lists_thin_clauses() {
        let gir = "sec-getidentifierreference";
        let suite = suite_citing(&[&[gir, gir], &[gir], &[gir, "sec-newfunctionenvironment"]]);
        let rows = coverage(&suite);
        let count = |id: &str| rows.iter().find(|(c, _)| c.id == id).map(|(_, n)| *n);
        assert_eq!(count(gir), Some(3));
        assert_eq!(count("sec-newfunctionenvironment"), Some(1));
        assert_eq!(count("sec-clear-kept-objects"), Some(0));

        let (text, all_covered) = render_coverage(&suite);
        assert!(!all_covered);
        let thin = text
            .split("cited by fewer than 3 cases:\n")
            .nth(1)
            .expect("a thin list");
        assert!(thin.contains(
            "    1  9.1.2.4 NewFunctionEnvironment ( func, newTarget )  sec-newfunctionenvironment"
        ));
        assert!(!thin.contains(gir), "a clause with 3 cases is not thin");
        let total = rows.len();
        assert!(text.contains(&format!("{} of {total} clauses", total - 1)));
    }

    #[test]
    fn all_covered_when_every_clause_has_three_cases() {
        let ids: Vec<&str> = closure_clause_ids().collect();
        let suite = suite_citing(&[&ids, &ids, &ids]);
        let (text, all_covered) = render_coverage(&suite);
        assert!(all_covered, "{text}");
        assert!(text.contains(&format!(
            "All {} clauses are cited by at least 3 cases.",
            ids.len()
        )));
    }
}
