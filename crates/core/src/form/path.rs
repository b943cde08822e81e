//! Where an answer lives: `field`, `field.commune` / `field.line` for an
//! address, `group[2].field` (and `group[2].field.line`) inside a
//! repeatable group.

use std::fmt;
use std::str::FromStr;

/// The two parts of an address answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressPart {
    /// The GSO code of the 2025 commune.
    Commune,
    /// House number, street, hamlet (thôn/ấp/tổ).
    Line,
}

impl AddressPart {
    /// Its name in paths.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressPart::Commune => "commune",
            AddressPart::Line => "line",
        }
    }
}

/// The most items a group can hold (indices are 0–98).
pub const MAX_GROUP_ITEMS: usize = 99;

/// A parsed answer path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPath {
    /// The group and item index, for a sub-field.
    pub group: Option<(String, usize)>,
    /// The field id (the sub-field's id inside a group).
    pub field: String,
    /// For an address: which part.
    pub part: Option<AddressPart>,
}

/// A path that does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an answer path: {0:?}")]
pub struct BadPath(pub String);

/// Whether `s` is a valid field id: 1–40 of `[a-z0-9_]`, starting with a letter.
pub fn is_field_id(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.as_bytes()[0].is_ascii_lowercase()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl FromStr for FieldPath {
    type Err = BadPath;
    fn from_str(s: &str) -> Result<Self, BadPath> {
        let bad = || BadPath(s.to_owned());
        let (group, rest) = match s.split_once('[') {
            Some((g, rest)) => {
                let (index, rest) = rest.split_once("].").ok_or_else(bad)?;
                let valid_index = (1..=2).contains(&index.len())
                    && index.bytes().all(|b| b.is_ascii_digit())
                    && (index == "0" || !index.starts_with('0'));
                if !is_field_id(g) || !valid_index {
                    return Err(bad());
                }
                let i: usize = index.parse().map_err(|_| bad())?;
                if i >= MAX_GROUP_ITEMS {
                    return Err(bad());
                }
                (Some((g.to_owned(), i)), rest)
            }
            None => (None, s),
        };
        let (field, part) = match rest.split_once('.') {
            Some((f, "commune")) => (f, Some(AddressPart::Commune)),
            Some((f, "line")) => (f, Some(AddressPart::Line)),
            Some(_) => return Err(bad()),
            None => (rest, None),
        };
        if !is_field_id(field) {
            return Err(bad());
        }
        Ok(FieldPath {
            group,
            field: field.to_owned(),
            part,
        })
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((g, i)) = &self.group {
            write!(f, "{g}[{i}].")?;
        }
        f.write_str(&self.field)?;
        if let Some(p) = self.part {
            write!(f, ".{}", p.as_str())?;
        }
        Ok(())
    }
}

impl FieldPath {
    /// A top-level field.
    pub fn top(field: &str) -> Self {
        FieldPath {
            group: None,
            field: field.to_owned(),
            part: None,
        }
    }

    /// A sub-field of item `index` of `group`.
    pub fn item(group: &str, index: usize, field: &str) -> Self {
        FieldPath {
            group: Some((group.to_owned(), index)),
            field: field.to_owned(),
            part: None,
        }
    }

    /// The same path with an address part.
    pub fn with_part(mut self, part: AddressPart) -> Self {
        self.part = Some(part);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_three_shapes() {
        let p: FieldPath = "children[12].address.line".parse().unwrap();
        assert_eq!(p.group, Some(("children".into(), 12)));
        assert_eq!(p.field, "address");
        assert_eq!(p.part, Some(AddressPart::Line));
        assert_eq!(
            "child_name".parse::<FieldPath>().unwrap(),
            FieldPath::top("child_name")
        );
        for bad in [
            "",
            "A",
            "1abc",
            "a.b",
            "a[",
            "a[].b",
            "a[01].b",
            "a[99].b",
            "a[1]b",
            "a[1].",
            "a.line.line",
            "a[1].b[2].c",
            "a b",
            "á",
        ] {
            assert!(bad.parse::<FieldPath>().is_err(), "{bad:?} accepted");
        }
    }

    fn id() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9_]{0,12}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,40}") {
            let _ = s.parse::<FieldPath>();
        }

        #[test]
        fn round_trips(group in proptest::option::of((id(), 0usize..MAX_GROUP_ITEMS)),
                       field in id(), part in 0u8..3) {
            let p = FieldPath {
                group,
                field,
                part: match part { 0 => None, 1 => Some(AddressPart::Commune), _ => Some(AddressPart::Line) },
            };
            prop_assert_eq!(p.to_string().parse::<FieldPath>(), Ok(p));
        }
    }
}
