//! The ECMA-262 clause table (`data/ecma262-clauses.tsv`, from the spec's
//! machine-readable biblio): clause id → section number and title.
//!
//! The table is compiled into the binary and parsed once, on first use. Case
//! files cite clause ids (`sec-getidentifierreference`); reports print the
//! clause as "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )".

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The clause table as shipped: `id<TAB>number<TAB>title` per line, with `#`
/// comment lines and one header line (`id<TAB>number<TAB>title`).
const CLAUSES_TSV: &str = include_str!("../data/ecma262-clauses.tsv");

/// One clause of ECMA-262.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub id: String,
    /// Section number, e.g. "9.1.2.1" (empty for unnumbered clauses).
    pub number: String,
    pub title: String,
}

impl Clause {
    /// The clause's address on the living spec, e.g.
    /// `https://tc39.es/ecma262/#sec-getidentifierreference`.
    pub fn url(&self) -> String {
        format!("https://tc39.es/ecma262/#{}", self.id)
    }
}

impl fmt::Display for Clause {
    /// "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.number.is_empty() {
            f.write_str(&self.title)
        } else {
            write!(f, "{} {}", self.number, self.title)
        }
    }
}

/// All clause ids of the spec.
#[derive(Debug)]
pub struct ClauseTable {
    by_id: HashMap<String, Clause>,
}

impl ClauseTable {
    /// The table compiled into lexenv, parsed on first use.
    pub fn builtin() -> &'static ClauseTable {
        static TABLE: OnceLock<ClauseTable> = OnceLock::new();
        TABLE.get_or_init(|| ClauseTable::parse(CLAUSES_TSV))
    }

    /// Parses `id<TAB>number<TAB>title` lines. Blank lines, `#` comments and
    /// the `id<TAB>number<TAB>title` header are skipped; so is a line without an id.
    pub fn parse(tsv: &str) -> ClauseTable {
        let mut by_id = HashMap::new();
        for line in tsv.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
                continue;
            }
            let mut fields = line.splitn(3, '\t');
            let id = fields.next().unwrap_or("").trim();
            let number = fields.next().unwrap_or("").trim();
            let title = fields.next().unwrap_or("").trim();
            if id.is_empty() {
                continue;
            }
            let clause = Clause {
                id: id.to_string(),
                number: number.to_string(),
                title: title.to_string(),
            };
            by_id.insert(clause.id.clone(), clause);
        }
        ClauseTable { by_id }
    }

    pub fn get(&self, id: &str) -> Option<&Clause> {
        self.by_id.get(id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The one clause whose title is `name` or starts with `name (`
    /// (`GetIdentifierReference`), if exactly one clause has that name.
    pub fn find_by_title(&self, name: &str) -> Option<&Clause> {
        let mut matches = self.by_id.values().filter(|c| {
            c.title == name
                || c.title
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(" ("))
        });
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_knows_get_identifier_reference() {
        let clause = ClauseTable::builtin()
            .get("sec-getidentifierreference")
            .expect("clause in table");
        assert_eq!(clause.number, "9.1.2.1");
        assert_eq!(
            clause.to_string(),
            "9.1.2.1 GetIdentifierReference ( envRecord, name, strict )"
        );
        assert_eq!(
            clause.url(),
            "https://tc39.es/ecma262/#sec-getidentifierreference"
        );
    }

    #[test]
    fn builtin_table_skips_comment_and_header() {
        let table = ClauseTable::builtin();
        assert!(table.get("id").is_none());
        assert!(table.get("# ECMA-262 clause ids, section numbers and titles, from the machine-readable biblio of the spec (npm @tc39/ecma262-biblio 2.2.3180; https://tc39.es/ecma262/).").is_none());
        // Every data line of the file is a clause (ids are unique in the biblio).
        let data_lines = CLAUSES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
            .count();
        assert_eq!(table.len(), data_lines);
        assert!(table.len() > 2000, "the full spec has over 2000 clauses");
    }

    #[test]
    fn unnumbered_clause_displays_title_only() {
        let intro = ClauseTable::builtin()
            .get("sec-intro")
            .expect("intro in table");
        assert_eq!(intro.number, "");
        assert_eq!(intro.to_string(), "Introduction");
    }

    #[test]
    fn annex_clause_keeps_its_letter_number() {
        let clause = ClauseTable::builtin()
            .get("sec-block-level-function-declarations-web-legacy-compatibility-semantics")
            .expect("B.3.2 in table");
        assert_eq!(
            clause.to_string(),
            "B.3.2 Block-Level Function Declarations Web Legacy Compatibility Semantics"
        );
    }

    #[test]
    fn find_by_title_only_when_unambiguous() {
        let table = ClauseTable::builtin();
        let found = table
            .find_by_title("GetIdentifierReference")
            .map(|c| c.id.as_str());
        assert_eq!(found, Some("sec-getidentifierreference"));
        // Every kind of Environment Record has a HasBinding method.
        assert!(table.find_by_title("HasBinding").is_none());
        assert!(table.find_by_title("NoSuchOperation").is_none());
        assert_eq!(
            table.find_by_title("Get").map(|c| c.number.as_str()),
            Some("7.3.2")
        );
    }

    #[test]
    fn parse_tolerates_crlf_blank_and_short_lines() {
        let table = ClauseTable::parse(
            "# comment\r\nid\tnumber\ttitle\r\n\r\nsec-a\t1\tA\r\nsec-b\r\n\t2\tno id\r\n",
        );
        assert_eq!(table.len(), 2);
        assert_eq!(
            table.get("sec-a").map(|c| c.to_string()).as_deref(),
            Some("1 A")
        );
        assert_eq!(
            table.get("sec-b").map(|c| c.to_string()).as_deref(),
            Some("")
        );
        assert!(!table.contains("sec-c"));
    }
}
