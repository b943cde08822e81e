//! Converting an old three-tier address (as printed on older ID cards:
//! "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh") to the 2025 units.
//!
//! Each part is read by its name first (the diacritics and the type typed
//! decide between units whose folded names agree), then by the unit's other
//! names (former names from the mergers before 2025, spelling variants), and
//! only then one typo away — and a part read that way, or one that names
//! several units alike, makes the conversion [`Unsure`]: a question to put to
//! the volunteer, never a silent answer.

use super::key::{Key, Tier, may_be, one_typo};
use super::{AdminUnits, CommuneRef, Unit};
use crate::text::has_diacritics;

/// Why an old address could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// Nothing to convert.
    #[error("the address is empty")]
    Empty,
    /// No province (old or new) recognised in the last part.
    #[error("no province recognised in {0:?}")]
    NoProvince(String),
    /// The province was found but no district of it.
    #[error("no district of {province} recognised in {part:?}")]
    NoDistrict {
        /// The province found.
        province: String,
        /// The text that should have named a district.
        part: String,
    },
    /// The district was found but no ward of it.
    #[error("no ward of {district} recognised in {part:?}")]
    NoWard {
        /// The district found.
        district: String,
        /// The text that should have named a ward.
        part: String,
    },
}

/// A part of the address that is another name of the unit it was read as: a
/// former name ("Phường 8" of Quận 5, merged into Phường 7 before 2025;
/// "Thị xã Long Khánh", a city since 2019), or the name of a district since
/// split ("Thành phố Huế").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormerName {
    /// The part as written.
    pub typed: String,
    /// The unit it names now (before the 2025 reform).
    pub now: Unit,
}

/// A part of the address read without certainty: one typo away from the
/// unit's name, or a name several units share (typed without the diacritics
/// or the type that tell them apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    /// The part as written.
    pub typed: String,
    /// What the conversion took it for.
    pub read_as: Unit,
    /// The other units it may be.
    pub others: Vec<Unit>,
}

/// The result of converting an old address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// What came before the units (house number, street, hamlet).
    pub line: String,
    /// The old units as recognised: ward (if any), district, province.
    pub old: Vec<Unit>,
    /// The new commune(s): one, or several when the old ward was split
    /// (the most likely first). Empty never happens for valid data.
    pub new: Vec<CommuneRef>,
    /// True when the address was already in the new two-tier form.
    pub already_new: bool,
    /// Parts written with a unit's other name.
    pub former: Vec<FormerName>,
    /// Parts read without certainty: while any is left, `new` is a guess to
    /// confirm, not an answer.
    pub unsure: Vec<Unsure>,
}

impl Conversion {
    /// No part of the address was read without certainty.
    pub fn is_sure(&self) -> bool {
        self.unsure.is_empty()
    }
}

/// How a part matched its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Name,
    OtherName,
    Typo,
}

/// The units (indexes) a part names, and how.
#[derive(Debug, Clone)]
struct Found {
    hits: Vec<usize>,
    how: How,
}

impl Found {
    /// Read without certainty: by a typo, or several alike.
    fn unsure(&self) -> bool {
        self.how == How::Typo || self.hits.len() > 1
    }
}

/// A candidate unit: index, key of its name, other names.
type Candidate<'a> = (usize, &'a Key, &'a [String]);

/// By name, then by another name; `None` when neither.
fn by_name<'a>(typed: &Key, cands: impl Iterator<Item = Candidate<'a>> + Clone) -> Option<Found> {
    if typed.is_empty() {
        return None;
    }
    let mut named: Vec<(usize, &Key)> = cands
        .clone()
        .filter(|(_, k, _)| typed.names(k))
        .map(|(i, k, _)| (i, k))
        .collect();
    if !named.is_empty() {
        // Units whose folded names agree: the diacritics and the type typed
        // choose, when they match any.
        if typed.marked && named.iter().any(|(_, k)| k.exact == typed.exact) {
            named.retain(|(_, k)| k.exact == typed.exact);
        }
        if typed.kind.is_some() && named.iter().any(|(_, k)| k.kind == typed.kind) {
            named.retain(|(_, k)| k.kind == typed.kind);
        }
        return Some(Found {
            hits: named.into_iter().map(|(i, _)| i).collect(),
            how: How::Name,
        });
    }
    let other: Vec<usize> = cands
        .filter(|(_, _, o)| typed.is_one_of(o))
        .map(|(i, _, _)| i)
        .collect();
    (!other.is_empty()).then_some(Found {
        hits: other,
        how: How::OtherName,
    })
}

/// One typo away from a name or another name.
fn by_typo<'a>(typed: &Key, cands: impl Iterator<Item = Candidate<'a>>) -> Option<Found> {
    let hits: Vec<usize> = cands
        .filter(|(_, k, o)| {
            one_typo(&k.folded, &typed.folded) || o.iter().any(|n| one_typo(n, &typed.raw))
        })
        .map(|(i, _, _)| i)
        .collect();
    (!hits.is_empty()).then_some(Found {
        hits,
        how: How::Typo,
    })
}

fn find<'a>(typed: &Key, cands: impl Iterator<Item = Candidate<'a>> + Clone) -> Option<Found> {
    by_name(typed, cands.clone()).or_else(|| by_typo(typed, cands))
}

/// The notes a found part leaves on the conversion.
struct Notes {
    former: Vec<FormerName>,
    unsure: Vec<Unsure>,
}

impl Notes {
    fn add(&mut self, typed: &str, found: &Found, unit: impl Fn(usize) -> Unit) {
        let read_as = unit(found.hits[0]);
        if found.unsure() {
            self.unsure.push(Unsure {
                typed: typed.to_owned(),
                read_as,
                others: found.hits[1..].iter().map(|&i| unit(i)).collect(),
            });
        } else if found.how == How::OtherName {
            self.former.push(FormerName {
                typed: typed.to_owned(),
                now: read_as,
            });
        }
    }
}

const NO_OTHER_NAMES: &[String] = &[];

/// What is left of an old address once its province is read.
struct Parts<'a> {
    /// The part that should name a district.
    district: &'a str,
    /// The parts before it: the ward's last, the street's before.
    before: &'a [&'a str],
    /// The address was written with diacritics.
    marked: bool,
}

impl AdminUnits {
    /// Converts an old address to the new units. Also accepts an address
    /// already in the new two-tier form (then `already_new` is set).
    pub fn convert(&self, address: &str) -> Result<Conversion, ConvertError> {
        let parts: Vec<&str> = address
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let Some((&last, rest)) = parts.split_last() else {
            return Err(ConvertError::Empty);
        };
        let marked = has_diacritics(address);
        let province_key = Key::typed(last, marked);

        // Old province first: that is what older cards print.
        let legacy_p = self.find_legacy_province(&province_key);
        let new_p = find(
            &province_key,
            self.province_keys
                .iter()
                .enumerate()
                .map(|(i, k)| (i, k, NO_OTHER_NAMES)),
        );

        if let Some(lp) = &legacy_p
            && let Some((&district_part, before)) = rest.split_last()
            && may_be(district_part, Tier::District)
        {
            let mut notes = Notes {
                former: Vec::new(),
                unsure: Vec::new(),
            };
            notes.add(last, lp, |i| self.legacy_provinces[i].clone());
            let parts = Parts {
                district: district_part,
                before,
                marked,
            };
            if let Some(c) = self.convert_legacy(lp.hits[0], parts, notes)? {
                return Ok(c);
            }
            // Not an old district: maybe the address is already two-tier.
            if new_p.is_none() {
                return Err(ConvertError::NoDistrict {
                    province: self.legacy_provinces[lp.hits[0]].name.clone(),
                    part: district_part.to_owned(),
                });
            }
        }
        if let Some(np) = &new_p
            && let Some((&commune_part, line)) = rest.split_last()
            && may_be(commune_part, Tier::Ward)
        {
            let p = np.hits[0];
            let cands = self
                .communes
                .iter()
                .zip(&self.commune_match_keys)
                .enumerate()
                .filter(|(_, ((_, cp), _))| *cp == p)
                .map(|(i, ((c, _), k))| (i, k.get_or_init(|| Key::new(&c.name)), NO_OTHER_NAMES));
            if let Some(found) = find(&Key::typed(commune_part, marked), cands) {
                let mut notes = Notes {
                    former: Vec::new(),
                    unsure: Vec::new(),
                };
                notes.add(last, np, |i| self.provinces[i].clone());
                notes.add(commune_part, &found, |i| self.communes[i].0.clone());
                let code = self.communes[found.hits[0]].0.code.clone();
                return Ok(self.conversion(line, Vec::new(), &[code], true, notes));
            }
        }
        match (legacy_p, new_p) {
            (Some(lp), _) => Err(ConvertError::NoDistrict {
                province: self.legacy_provinces[lp.hits[0]].name.clone(),
                part: rest.last().map(|s| (*s).to_owned()).unwrap_or_default(),
            }),
            (None, Some(np)) => Err(ConvertError::NoDistrict {
                province: self.provinces[np.hits[0]].name.clone(),
                part: rest.last().map(|s| (*s).to_owned()).unwrap_or_default(),
            }),
            (None, None) => Err(ConvertError::NoProvince(last.to_owned())),
        }
    }

    /// The ward and district parts of an old address in province `p`.
    /// `Ok(None)` when the district part names no district of it.
    fn convert_legacy(
        &self,
        p: usize,
        parts: Parts<'_>,
        mut notes: Notes,
    ) -> Result<Option<Conversion>, ConvertError> {
        let Parts {
            district: district_part,
            before,
            marked,
        } = parts;
        let dkey = Key::typed(district_part, marked);
        let cands = self
            .legacy_districts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.parent == p)
            .map(|(i, d)| (i, d.key(), d.other_names.as_slice()));
        // Where to look for the ward, in order: the districts of that name,
        // those a district of that name was split into, those one typo away.
        let mut tries: Vec<Found> = Vec::new();
        tries.extend(by_name(&dkey, cands.clone()));
        let split: Vec<usize> = self
            .divided
            .iter()
            .filter(|(dp, k, _)| *dp == p && (*k == dkey.raw || *k == dkey.folded))
            .flat_map(|(_, _, ds)| ds.iter().copied())
            .collect();
        if !split.is_empty() {
            tries.push(Found {
                hits: split,
                how: How::OtherName,
            });
        }
        if tries.is_empty() {
            tries.extend(by_typo(&dkey, cands));
        }
        let Some(first) = tries.first() else {
            return Ok(None);
        };
        let province = self.legacy_provinces[p].clone();
        if let [d] = first.hits.as_slice()
            && !self.legacy_districts[*d].new.is_empty()
        {
            // An island district without wards: a special zone now.
            let district = &self.legacy_districts[*d];
            notes.add(district_part, first, |i| {
                self.legacy_districts[i].unit.clone()
            });
            return Ok(Some(self.conversion(
                before,
                vec![district.unit.clone(), province],
                &district.new,
                false,
                notes,
            )));
        }
        let no_ward = |part: &str| ConvertError::NoWard {
            district: self.legacy_districts[first.hits[0]].unit.name.clone(),
            part: part.to_owned(),
        };
        let Some((&ward_part, line)) = before.split_last() else {
            return Err(no_ward(""));
        };
        if !may_be(ward_part, Tier::Ward) {
            return Err(no_ward(ward_part));
        }
        let wkey = Key::typed(ward_part, marked);
        for districts in &tries {
            let cands = self
                .legacy_wards
                .iter()
                .enumerate()
                .filter(|(_, w)| districts.hits.contains(&w.parent))
                .map(|(i, w)| (i, w.key(), w.other_names.as_slice()));
            let Some(found) = find(&wkey, cands) else {
                continue;
            };
            let ward = &self.legacy_wards[found.hits[0]];
            let district = &self.legacy_districts[ward.parent];
            // The ward tells which of several districts was meant.
            let district_found = Found {
                hits: vec![ward.parent],
                how: districts.how,
            };
            notes.add(district_part, &district_found, |i| {
                self.legacy_districts[i].unit.clone()
            });
            notes.add(ward_part, &found, |i| self.legacy_wards[i].unit.clone());
            return Ok(Some(self.conversion(
                line,
                vec![ward.unit.clone(), district.unit.clone(), province],
                &ward.new,
                false,
                notes,
            )));
        }
        Err(no_ward(ward_part))
    }

    fn find_legacy_province(&self, key: &Key) -> Option<Found> {
        let alias = self
            .aliases
            .get(&key.folded)
            .or_else(|| self.aliases.get(&key.raw));
        if let Some(code) = alias {
            return self
                .legacy_provinces
                .iter()
                .position(|p| &p.code == code)
                .map(|i| Found {
                    hits: vec![i],
                    how: How::Name,
                });
        }
        find(
            key,
            self.legacy_province_keys
                .iter()
                .enumerate()
                .map(|(i, k)| (i, k, NO_OTHER_NAMES)),
        )
    }

    fn conversion(
        &self,
        line: &[&str],
        old: Vec<Unit>,
        new: &[String],
        already_new: bool,
        notes: Notes,
    ) -> Conversion {
        Conversion {
            line: line.join(", "),
            old,
            new: new
                .iter()
                .filter_map(|c| self.commune_by_code.get(c).map(|&i| self.commune_ref(i)))
                .collect(),
            already_new,
            former: notes.former,
            unsure: notes.unsure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    /// The shipped data: the cases below are real addresses.
    static UNITS: LazyLock<AdminUnits> = LazyLock::new(|| {
        AdminUnits::from_json(include_str!("../../../../data/admin-units/units.json"))
            .unwrap_or_else(|e| panic!("{e}"))
    });

    fn units() -> &'static AdminUnits {
        &UNITS
    }

    #[test]
    fn converts_an_old_card_address() -> Result<(), ConvertError> {
        let c = units().convert("12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh")?;
        assert_eq!(c.line, "12 Lê Lợi");
        assert!(!c.already_new);
        assert!(c.is_sure());
        assert_eq!(
            c.old.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
            ["Phường Bến Nghé", "Quận 1", "Thành phố Hồ Chí Minh"]
        );
        assert_eq!(c.new[0].commune.name, "Phường Sài Gòn");
        assert_eq!(c.new[0].province.name, "Thành phố Hồ Chí Minh");
        // A split ward: every part, the default first.
        let c = units().convert("Phường Đa Kao, Quận 1, TP. Hồ Chí Minh")?;
        let names: Vec<&str> = c.new.iter().map(|n| n.commune.name.as_str()).collect();
        assert_eq!(names, ["Phường Sài Gòn", "Phường Tân Định"]);
        Ok(())
    }

    #[test]
    fn tolerant_spellings() -> Result<(), ConvertError> {
        let u = units();
        let name = |a: &str| -> Result<String, ConvertError> {
            let c = u.convert(a)?;
            assert!(c.is_sure(), "{a}: {c:?}");
            Ok(c.new[0].commune.name.clone())
        };
        assert_eq!(name("p ben nghe, q1, tp hcm")?, "Phường Sài Gòn");
        assert_eq!(name("Phường 1, Quận 3, Hồ Chí Minh")?, "Phường Bàn Cờ");
        assert_eq!(name("P.01, Q.03, TP.HCM")?, "Phường Bàn Cờ");
        assert_eq!(
            name("phuong truc bach, quan ba dinh, ha noi")?,
            "Phường Ba Đình"
        );
        Ok(())
    }

    #[test]
    fn a_typo_is_a_question_not_an_answer() -> Result<(), ConvertError> {
        let c = units().convert("Phường Trúc Bạc, Quận Ba Đình, Hà Nội")?;
        assert!(!c.is_sure());
        assert_eq!(c.unsure[0].typed, "Phường Trúc Bạc");
        assert_eq!(c.unsure[0].read_as.name, "Phường Trúc Bạch");
        // A unit's exact name wins over another one typo away: "Trung Hiếu"
        // is not "Trung Hiệp".
        let c = units().convert("Xã Trung Hiếu, Huyện Vũng Liêm, Tỉnh Vĩnh Long")?;
        assert!(c.is_sure(), "{c:?}");
        assert_eq!(c.old[0].name, "Xã Trung Hiếu");
        // And a province's: Kiên Giang is not Tiền Giang.
        let c = units().convert("xa an minh bac, huyen u minh thuong, tinh kien giang")?;
        assert_eq!(c.old[2].name, "Tỉnh Kiên Giang");
        Ok(())
    }

    #[test]
    fn former_names_and_split_districts() -> Result<(), ConvertError> {
        let u = units();
        // Phường 8 of Quận 5 was merged into Phường 7 before 2025.
        let c = u.convert("Phường 8, Quận 5, TP. Hồ Chí Minh")?;
        assert!(c.is_sure());
        assert_eq!(c.old[0].name, "Phường 7");
        assert_eq!(c.former[0].typed, "Phường 8");
        assert_eq!(c.new[0].commune.name, "Phường An Đông");
        // "Thừa Thiên Huế" as cards print it; "Thành phố Huế" the district
        // split into Phú Xuân and Thuận Hóa on 1 January 2025.
        let c = u.convert("Phường Phú Hội, Thành phố Huế, Tỉnh Thừa Thiên Huế")?;
        assert!(c.is_sure(), "{c:?}");
        assert_eq!(c.old[1].name, "Quận Thuận Hóa");
        assert_eq!(c.former[0].typed, "Thành phố Huế");
        // Same name, two districts: the ward tells which.
        let c = u.convert("Xã Kỳ Tân, Kỳ Anh, Hà Tĩnh")?;
        assert!(c.is_sure(), "{c:?}");
        assert_eq!(c.old[1].name, "Huyện Kỳ Anh");
        Ok(())
    }

    /// 109 names begin with a word that folds like a type word ("Phương",
    /// "Quan", "Tĩnh", "Xa"): read whole, with or without their type.
    #[test]
    fn names_that_begin_like_a_type_word() -> Result<(), ConvertError> {
        let u = units();
        for a in [
            "Phường Phương Liệt, Quận Thanh Xuân, Hà Nội",
            "phuong phuong liet, quan thanh xuan, ha noi",
            "Phương Liệt, Thanh Xuân, Hà Nội",
            "Xã Xa Dung, Huyện Điện Biên Đông, Tỉnh Điện Biên",
        ] {
            let c = u.convert(a)?;
            assert!(c.is_sure(), "{a}: {c:?}");
            assert!(
                c.old[0].name.contains("Phương Liệt") || c.old[0].name == "Xã Xa Dung",
                "{a}: {c:?}"
            );
        }
        let c = u.convert("Xã Quan Sơn, Huyện Chi Lăng, Tỉnh Lạng Sơn")?;
        assert_eq!(c.old[0].name, "Xã Quan Sơn");
        Ok(())
    }

    #[test]
    fn names_alike_without_diacritics_are_a_question() -> Result<(), ConvertError> {
        let u = units();
        let typed = u.convert("Thị trấn Tân Thạnh, Huyện Tân Thạnh, Long An")?;
        assert!(typed.is_sure());
        let plain = u.convert("tan thanh, huyen tan thanh, long an")?;
        assert!(!plain.is_sure());
        assert_eq!(plain.unsure[0].others.len(), 1);
        Ok(())
    }

    #[test]
    fn island_district_and_already_new_addresses() -> Result<(), ConvertError> {
        let u = units();
        let c = u.convert("Khu 3, Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu")?;
        assert_eq!(c.new[0].commune.name, "Đặc khu Côn Đảo");
        assert_eq!(c.line, "Khu 3");
        let n = u.convert("5 Hùng Vương, Phường Ba Đình, Thành phố Hà Nội")?;
        assert!(n.already_new);
        assert_eq!(n.new[0].commune.code, "00004");
        Ok(())
    }

    #[test]
    fn clear_reasons_when_it_cannot() {
        let u = units();
        assert_eq!(u.convert(" , "), Err(ConvertError::Empty));
        assert!(matches!(
            u.convert("Phường X, Quận Y, Tỉnh Atlantis"),
            Err(ConvertError::NoProvince(_))
        ));
        assert!(matches!(
            u.convert("Phường X, Quận 99, Hồ Chí Minh"),
            Err(ConvertError::NoDistrict { .. })
        ));
        assert!(matches!(
            u.convert("Phường Không Có, Quận 1, Hồ Chí Minh"),
            Err(ConvertError::NoWard { .. })
        ));
    }

    proptest! {
        #[test]
        fn convert_never_panics(s in "\\PC{0,80}") {
            let _ = units().convert(&s);
        }

        /// Whatever is typed, a conversion read only by names is sure, and
        /// one that is not says which part is in doubt.
        #[test]
        fn doubts_name_a_typed_part(s in "[a-zA-Zà-ỹ0-9 ,.]{0,60}") {
            if let Ok(c) = units().convert(&s) {
                for u in &c.unsure {
                    prop_assert!(s.contains(u.typed.as_str()));
                }
            }
        }
    }
}
