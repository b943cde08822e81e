//! Administrative units of Viet Nam, before and after the 1 July 2025 reform,
//! and the conversion of an old three-tier address (as printed on older ID
//! cards: "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh") to the new two-tier
//! units (commune, province).
//!
//! The data (GSO codes) is passed in as JSON by the caller — see
//! `data/admin-units/` — so this module stays pure. Matching folds
//! diacritics, ignores unit-type words and their abbreviations ("TP.", "Q.",
//! "P.", "Huyện") and leading zeros of numbered units, and tolerates one typo
//! in longer names.

use std::collections::HashMap;

use serde::Deserialize;

use crate::text::{edit_distance_within, tokens};

/// A unit of the current (2025) structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// GSO code.
    pub code: String,
    /// Official name with its type ("Phường Ba Đình").
    pub name: String,
}

/// A commune (xã, phường, đặc khu) with its province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneRef {
    /// The commune.
    pub commune: Unit,
    /// Its province.
    pub province: Unit,
}

/// Why the data could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("admin-unit data: {0}")]
pub struct UnitsError(String);

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
}

#[derive(Deserialize)]
struct Raw {
    provinces: Vec<(String, String)>,
    communes: Vec<(String, String, String)>,
    legacy_provinces: Vec<(String, String)>,
    legacy_districts: Vec<(String, String, String, Vec<String>)>,
    legacy_wards: Vec<(String, String, String, Vec<String>)>,
    #[serde(default)]
    legacy_province_aliases: HashMap<String, String>,
}

/// All administrative units with lookup indexes.
#[derive(Debug)]
pub struct AdminUnits {
    provinces: Vec<Unit>,
    communes: Vec<(Unit, usize)>,
    legacy_provinces: Vec<Unit>,
    legacy_districts: Vec<(Unit, usize, Vec<String>)>,
    legacy_wards: Vec<(Unit, usize, Vec<String>)>,
    aliases: HashMap<String, String>,
    commune_by_code: HashMap<String, usize>,
    province_by_code: HashMap<String, usize>,
    /// Commune keys for search: (key, commune index).
    commune_keys: Vec<(String, usize)>,
}

/// Words that name a unit's type, full or abbreviated, folded.
const TYPE_WORDS: &[&[&str]] = &[
    &["thanh", "pho"],
    &["thi", "xa"],
    &["thi", "tran"],
    &["dac", "khu"],
    &["tinh"],
    &["quan"],
    &["huyen"],
    &["phuong"],
    &["xa"],
    &["tp"],
    &["tx"],
    &["tt"],
    &["q"],
    &["h"],
    &["p"],
    &["x"],
    &["t"],
];

/// The name of a unit without its type words, folded, digits without leading
/// zeros: "Quận 01" → "1", "TP. Hồ Chí Minh" → "ho chi minh".
pub fn unit_key(name: &str) -> String {
    let mut words = split_abbreviations(tokens(name));
    'strip: loop {
        for prefix in TYPE_WORDS {
            // Keep the last word: "Phường 5" → "5", but "Xã" alone stays "xa".
            if words.len() > prefix.len() && words.iter().zip(prefix.iter()).all(|(w, p)| w == p) {
                words.drain(..prefix.len());
                continue 'strip;
            }
        }
        break;
    }
    words
        .into_iter()
        .map(|w| match w.trim_start_matches('0') {
            "" if w.chars().all(|c| c == '0') => "0".to_owned(),
            t if w.chars().all(|c| c.is_ascii_digit()) => t.to_owned(),
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "q1" → "q", "1"; "p05" → "p", "05" (abbreviated numbered units).
fn split_abbreviations(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
        if letters.len() < w.len() && ["q", "p", "h", "x", "tx", "tt"].contains(&letters) {
            out.push(letters.to_owned());
            out.push(w[letters.len()..].to_owned());
        } else {
            out.push(w);
        }
    }
    out
}

/// What the type words at the start of a part say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Province,
    District,
    Ward,
}

fn tier_of(part: &str) -> Option<Tier> {
    let words = split_abbreviations(tokens(part));
    let first: Vec<&str> = words.iter().take(2).map(String::as_str).collect();
    match first.as_slice() {
        ["tinh", ..] | ["t", ..] => Some(Tier::Province),
        ["quan", ..] | ["huyen", ..] | ["thi", "xa", ..] | ["q", ..] | ["h", ..] | ["tx", ..] => {
            Some(Tier::District)
        }
        ["phuong", ..]
        | ["xa", _, ..]
        | ["thi", "tran", ..]
        | ["p", ..]
        | ["x", ..]
        | ["tt", ..]
        | ["dac", "khu", ..] => Some(Tier::Ward),
        // "Thành phố" names provinces and (before 2025) provincial cities: either.
        _ => None,
    }
}

fn may_be(part: &str, tier: Tier) -> bool {
    tier_of(part).is_none_or(|t| t == tier)
}

fn close(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 6 && b.len() >= 6 && edit_distance_within(a, b, 1).is_some())
}

impl AdminUnits {
    /// Loads the units from the JSON of `data/admin-units/units.json`.
    pub fn from_json(json: &str) -> Result<Self, UnitsError> {
        let raw: Raw = serde_json::from_str(json).map_err(|e| UnitsError(e.to_string()))?;
        let provinces: Vec<Unit> = raw
            .provinces
            .into_iter()
            .map(|(code, name)| Unit { code, name })
            .collect();
        let province_by_code: HashMap<String, usize> = provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let mut communes = Vec::with_capacity(raw.communes.len());
        for (code, province, name) in raw.communes {
            let p = *province_by_code.get(&province).ok_or_else(|| {
                UnitsError(format!("commune {code}: unknown province {province}"))
            })?;
            communes.push((Unit { code, name }, p));
        }
        let commune_by_code = communes
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.code.clone(), i))
            .collect();
        let legacy_provinces: Vec<Unit> = raw
            .legacy_provinces
            .into_iter()
            .map(|(code, name)| Unit { code, name })
            .collect();
        let lp_index: HashMap<String, usize> = legacy_provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let mut legacy_districts = Vec::new();
        for (code, province, name, new) in raw.legacy_districts {
            let p = *lp_index.get(&province).ok_or_else(|| {
                UnitsError(format!("district {code}: unknown province {province}"))
            })?;
            legacy_districts.push((Unit { code, name }, p, new));
        }
        let ld_index: HashMap<String, usize> = legacy_districts
            .iter()
            .enumerate()
            .map(|(i, (d, _, _))| (d.code.clone(), i))
            .collect();
        let mut legacy_wards = Vec::new();
        for (code, district, name, new) in raw.legacy_wards {
            let d = *ld_index
                .get(&district)
                .ok_or_else(|| UnitsError(format!("ward {code}: unknown district {district}")))?;
            legacy_wards.push((Unit { code, name }, d, new));
        }
        let commune_keys = communes
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (unit_key(&c.name), i))
            .collect();
        let aliases = raw
            .legacy_province_aliases
            .into_iter()
            .map(|(k, v)| (unit_key(&k), v))
            .collect();
        Ok(AdminUnits {
            provinces,
            communes,
            legacy_provinces,
            legacy_districts,
            legacy_wards,
            aliases,
            commune_by_code,
            province_by_code,
            commune_keys,
        })
    }

    /// The 34 provinces, by code.
    pub fn provinces(&self) -> &[Unit] {
        &self.provinces
    }

    /// The communes of a province, by code.
    pub fn communes_of(&self, province_code: &str) -> Vec<&Unit> {
        let Some(&p) = self.province_by_code.get(province_code) else {
            return Vec::new();
        };
        self.communes
            .iter()
            .filter(|(_, cp)| *cp == p)
            .map(|(c, _)| c)
            .collect()
    }

    /// A commune by code, with its province.
    pub fn commune(&self, code: &str) -> Option<CommuneRef> {
        self.commune_by_code.get(code).map(|&i| self.commune_ref(i))
    }

    /// Counts: (provinces, communes, legacy provinces, legacy districts, legacy wards).
    pub fn counts(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.provinces.len(),
            self.communes.len(),
            self.legacy_provinces.len(),
            self.legacy_districts.len(),
            self.legacy_wards.len(),
        )
    }

    fn commune_ref(&self, i: usize) -> CommuneRef {
        let (c, p) = &self.communes[i];
        CommuneRef {
            commune: c.clone(),
            province: self.provinces[*p].clone(),
        }
    }

    /// Communes whose name starts with, or contains, the query (folded):
    /// "ba dinh", "Phường Bến Thành", "ben thanh hcm" (a trailing province
    /// narrows the search). Best first.
    pub fn search_communes(&self, query: &str, limit: usize) -> Vec<CommuneRef> {
        let q = unit_key(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u8, usize)> = Vec::new();
        for (key, i) in &self.commune_keys {
            let province_key = unit_key(&self.provinces[self.communes[*i].1].name);
            let full = format!("{key} {province_key}");
            let rank = if *key == q {
                0
            } else if key.starts_with(&q) {
                1
            } else if full.starts_with(&q)
                || full.contains(&format!(" {q}")) && q.contains(key.as_str())
            {
                2
            } else if key.contains(&q) {
                3
            } else {
                continue;
            };
            scored.push((rank, *i));
        }
        scored.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.communes[a.1].0.name.cmp(&self.communes[b.1].0.name))
        });
        scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| self.commune_ref(i))
            .collect()
    }

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
        let province_key = unit_key(last);

        // Old province first: that is what older cards print.
        let legacy_p = self.find_legacy_province(&province_key);
        let new_p = self
            .provinces
            .iter()
            .position(|p| close(&unit_key(&p.name), &province_key));

        if let Some(lp) = legacy_p
            && let Some((&district_part, before)) = rest.split_last()
            && may_be(district_part, Tier::District)
        {
            let dkey = unit_key(district_part);
            let district = self
                .legacy_districts
                .iter()
                .enumerate()
                .find(|(_, (d, p, _))| *p == lp && close(&unit_key(&d.name), &dkey));
            if let Some((di, (d, _, island))) = district {
                if !island.is_empty() {
                    return Ok(self.conversion(
                        before,
                        vec![d.clone(), self.legacy_provinces[lp].clone()],
                        island,
                        false,
                    ));
                }
                let Some((&ward_part, line)) = before.split_last() else {
                    return Err(ConvertError::NoWard {
                        district: d.name.clone(),
                        part: String::new(),
                    });
                };
                let wkey = unit_key(ward_part);
                let ward = self
                    .legacy_wards
                    .iter()
                    .filter(|_| may_be(ward_part, Tier::Ward))
                    .find(|(w, wd, _)| *wd == di && close(&unit_key(&w.name), &wkey));
                return match ward {
                    Some((w, _, new)) => Ok(self.conversion(
                        line,
                        vec![w.clone(), d.clone(), self.legacy_provinces[lp].clone()],
                        new,
                        false,
                    )),
                    None => Err(ConvertError::NoWard {
                        district: d.name.clone(),
                        part: ward_part.to_owned(),
                    }),
                };
            }
            // Not an old district: maybe the address is already two-tier.
            if new_p.is_none() {
                return Err(ConvertError::NoDistrict {
                    province: self.legacy_provinces[lp].name.clone(),
                    part: district_part.to_owned(),
                });
            }
        }
        if let Some(np) = new_p
            && let Some((&commune_part, line)) = rest.split_last()
            && may_be(commune_part, Tier::Ward)
        {
            let ckey = unit_key(commune_part);
            if let Some(ci) = self
                .communes
                .iter()
                .position(|(c, p)| *p == np && close(&unit_key(&c.name), &ckey))
            {
                let code = self.communes[ci].0.code.clone();
                return Ok(self.conversion(line, Vec::new(), &[code], true));
            }
        }
        match (legacy_p, new_p) {
            (Some(lp), _) => Err(ConvertError::NoDistrict {
                province: self.legacy_provinces[lp].name.clone(),
                part: rest.last().map(|s| (*s).to_owned()).unwrap_or_default(),
            }),
            (None, Some(np)) => Err(ConvertError::NoDistrict {
                province: self.provinces[np].name.clone(),
                part: rest.last().map(|s| (*s).to_owned()).unwrap_or_default(),
            }),
            (None, None) => Err(ConvertError::NoProvince(last.to_owned())),
        }
    }

    fn find_legacy_province(&self, key: &str) -> Option<usize> {
        if let Some(code) = self.aliases.get(key) {
            return self.legacy_provinces.iter().position(|p| &p.code == code);
        }
        self.legacy_provinces
            .iter()
            .position(|p| close(&unit_key(&p.name), key))
    }

    fn conversion(
        &self,
        line: &[&str],
        old: Vec<Unit>,
        new: &[String],
        already_new: bool,
    ) -> Conversion {
        Conversion {
            line: line.join(", "),
            old,
            new: new
                .iter()
                .filter_map(|c| self.commune_by_code.get(c).map(|&i| self.commune_ref(i)))
                .collect(),
            already_new,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = r#"{
      "provinces": [["01", "Thành phố Hà Nội"], ["79", "Thành phố Hồ Chí Minh"]],
      "communes": [["00004", "01", "Phường Ba Đình"], ["26734", "79", "Phường Sài Gòn"],
                   ["26740", "79", "Phường Bến Thành"], ["26732", "79", "Đặc khu Côn Đảo"]],
      "legacy_provinces": [["01", "Thành phố Hà Nội"], ["79", "Thành phố Hồ Chí Minh"], ["77", "Tỉnh Bà Rịa - Vũng Tàu"]],
      "legacy_districts": [["001", "01", "Quận Ba Đình", []], ["760", "79", "Quận 1", []],
                           ["755", "77", "Huyện Côn Đảo", ["26732"]]],
      "legacy_wards": [["00004", "001", "Phường Trúc Bạch", ["00004"]],
                       ["26740", "760", "Phường Bến Nghé", ["26734", "26740"]],
                       ["26743", "760", "Phường 05", ["26740"]]],
      "legacy_province_aliases": {"hcm": "79", "tp hcm": "79"}
    }"#;

    fn units() -> AdminUnits {
        AdminUnits::from_json(SAMPLE).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn unit_keys() {
        assert_eq!(unit_key("Quận 01"), "1");
        assert_eq!(unit_key("TP. Hồ Chí Minh"), "ho chi minh");
        assert_eq!(unit_key("Thành phố Hà Nội"), "ha noi");
        assert_eq!(unit_key("P. Bến Nghé"), "ben nghe");
        assert_eq!(unit_key("Xã"), "xa");
        assert_eq!(unit_key("Đặc khu Côn Đảo"), "con dao");
        assert_eq!(unit_key("Thị trấn Hưng Hà"), "hung ha");
    }

    #[test]
    fn converts_an_old_card_address() -> Result<(), ConvertError> {
        let c = units().convert("12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh")?;
        assert_eq!(c.line, "12 Lê Lợi");
        assert!(!c.already_new);
        assert_eq!(
            c.old.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(),
            ["26740", "760", "79"]
        );
        // Split ward: the default commune first.
        assert_eq!(c.new[0].commune.name, "Phường Sài Gòn");
        assert_eq!(c.new[1].commune.name, "Phường Bến Thành");
        assert_eq!(c.new[0].province.name, "Thành phố Hồ Chí Minh");
        Ok(())
    }

    #[test]
    fn tolerant_spellings() -> Result<(), ConvertError> {
        let u = units();
        assert_eq!(
            u.convert("p ben nghe, q1, tp hcm")?.new[0].commune.code,
            "26734"
        );
        assert_eq!(
            u.convert("Phường 5, Quận 1, Hồ Chí Minh")?.new[0]
                .commune
                .code,
            "26740"
        );
        assert_eq!(
            u.convert("phuong truc bach, quan ba dinh, ha noi")?.new[0]
                .commune
                .code,
            "00004"
        );
        assert_eq!(
            u.convert("Phường Trúc Bạc, Quận Ba Đình, Hà Nội")?.new[0]
                .commune
                .code,
            "00004"
        ); // typo
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

    #[test]
    fn commune_search_and_picker() {
        let u = units();
        assert_eq!(u.search_communes("ben thanh", 5)[0].commune.code, "26740");
        assert_eq!(
            u.search_communes("Phường Sài Gòn", 5)[0].commune.code,
            "26734"
        );
        assert_eq!(u.communes_of("79").len(), 3);
        assert!(u.communes_of("99").is_empty());
        assert_eq!(
            u.commune("00004").map(|c| c.province.code),
            Some("01".to_owned())
        );
        assert!(u.search_communes("", 5).is_empty());
    }

    #[test]
    fn bad_data_is_refused() {
        assert!(AdminUnits::from_json("{}").is_err());
        let dangling = SAMPLE.replace(
            r#"["00004", "01", "Phường Ba Đình"]"#,
            r#"["00004", "02", "Phường Ba Đình"]"#,
        );
        assert!(AdminUnits::from_json(&dangling).is_err());
    }

    proptest! {
        #[test]
        fn convert_never_panics(s in "\\PC{0,80}") {
            let _ = units().convert(&s);
            let _ = units().search_communes(&s, 5);
            let _ = unit_key(&s);
        }
    }
}
