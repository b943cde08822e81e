//! Administrative units of Viet Nam, before and after the 1 July 2025 reform,
//! and the conversion of an old three-tier address (as printed on older ID
//! cards: "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh") to the new two-tier
//! units (commune, province).
//!
//! The data (GSO codes) is passed in as JSON by the caller — see
//! `data/admin-units/` — so this module stays pure. Matching (`key.rs`)
//! folds diacritics, ignores unit-type words and their abbreviations ("TP.",
//! "Q.", "P.", "Huyện") and leading zeros of numbered units; it knows the
//! units' former names (the mergers before 2025) and the districts split
//! before it. A name one typo away from a unit's is never taken for it
//! silently: the conversion carries it as a question (`convert.rs`).

mod convert;
mod key;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

pub use convert::{Conversion, ConvertError, FormerName, Unsure};
use key::Key;
pub use key::unit_key;

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
#[derive(Debug, Clone, thiserror::Error)]
#[error("admin-unit data: {0}")]
pub struct UnitsError(String);

/// The units the app ships (`data/admin-units/units.json`, embedded at
/// build time), parsed once, on first use — by the laptop and the hub alike.
pub fn shipped() -> Result<&'static AdminUnits, UnitsError> {
    static UNITS: std::sync::LazyLock<Result<AdminUnits, UnitsError>> =
        std::sync::LazyLock::new(|| {
            AdminUnits::from_json(include_str!("../../../../data/admin-units/units.json"))
        });
    UNITS.as_ref().map_err(Clone::clone)
}

/// A province as a report names it (the shipped units'); its code when the
/// units do not know it.
pub fn province_name(code: &str) -> String {
    shipped()
        .ok()
        .and_then(|u| u.provinces().iter().find(|p| p.code == code))
        .map_or_else(|| code.to_owned(), |p| p.name.clone())
}

/// A commune as a report names it, "commune, province" (the shipped
/// units'); its code when the units do not know it, "—" when there is none.
pub fn commune_name(code: &str) -> String {
    if code.is_empty() {
        return "—".into();
    }
    shipped()
        .ok()
        .and_then(|u| u.commune(code))
        .map(|c| format!("{}, {}", c.commune.name, c.province.name))
        .unwrap_or_else(|| code.to_owned())
}

/// A unit before 2025 as the data file has it: code, parent's code, name,
/// new communes, other names.
type RawLegacy = (String, String, String, Vec<String>, Vec<String>);

#[derive(Deserialize)]
struct Raw {
    provinces: Vec<(String, String)>,
    communes: Vec<(String, String, String)>,
    legacy_provinces: Vec<(String, String)>,
    legacy_districts: Vec<RawLegacy>,
    legacy_wards: Vec<RawLegacy>,
    #[serde(default)]
    legacy_divided: Vec<(String, String, Vec<String>)>,
    #[serde(default)]
    legacy_province_aliases: HashMap<String, String>,
}

/// A unit before 2025 as matched: its name's key, its other names (former
/// names, spelling variants: folded keys without spaces), its parent's
/// index, and the new communes it became.
#[derive(Debug)]
struct Legacy {
    unit: Unit,
    /// Made on first use: most units are never compared (only those of the
    /// province and district an address names), and loading stays cheap.
    key: OnceLock<Key>,
    other_names: Vec<String>,
    parent: usize,
    new: Vec<String>,
}

impl Legacy {
    fn key(&self) -> &Key {
        self.key.get_or_init(|| Key::new(&self.unit.name))
    }
}

/// All administrative units with lookup indexes.
#[derive(Debug)]
pub struct AdminUnits {
    provinces: Vec<Unit>,
    province_keys: Vec<Key>,
    communes: Vec<(Unit, usize)>,
    legacy_provinces: Vec<Unit>,
    legacy_province_keys: Vec<Key>,
    /// Districts: parent = legacy province; `new` only for island districts.
    legacy_districts: Vec<Legacy>,
    /// Wards: parent = legacy district.
    legacy_wards: Vec<Legacy>,
    /// A district's name from before it was split: (province, key, districts).
    divided: Vec<(usize, String, Vec<usize>)>,
    /// Short names of provinces ("hcm", "thua thien hue"), folded without spaces.
    aliases: HashMap<String, String>,
    commune_by_code: HashMap<String, usize>,
    province_by_code: HashMap<String, usize>,
    /// Commune keys for search: (key, key with the province's, commune index).
    commune_keys: Vec<(String, String, usize)>,
    /// Commune keys for matching a two-tier address, as `communes`, made on
    /// first use.
    commune_match_keys: Vec<OnceLock<Key>>,
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
        for (code, province, name, new, other_names) in raw.legacy_districts {
            let parent = *lp_index.get(&province).ok_or_else(|| {
                UnitsError(format!("district {code}: unknown province {province}"))
            })?;
            legacy_districts.push(Legacy {
                key: OnceLock::new(),
                unit: Unit { code, name },
                other_names,
                parent,
                new,
            });
        }
        let ld_index: HashMap<String, usize> = legacy_districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.unit.code.clone(), i))
            .collect();
        let mut legacy_wards = Vec::new();
        for (code, district, name, new, other_names) in raw.legacy_wards {
            let parent = *ld_index
                .get(&district)
                .ok_or_else(|| UnitsError(format!("ward {code}: unknown district {district}")))?;
            legacy_wards.push(Legacy {
                key: OnceLock::new(),
                unit: Unit { code, name },
                other_names,
                parent,
                new,
            });
        }
        let mut divided = Vec::new();
        for (province, key, districts) in raw.legacy_divided {
            let p = *lp_index
                .get(&province)
                .ok_or_else(|| UnitsError(format!("divided {key}: unknown province {province}")))?;
            let ds = districts
                .iter()
                .map(|d| {
                    ld_index
                        .get(d)
                        .copied()
                        .ok_or_else(|| UnitsError(format!("divided {key}: unknown district {d}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            divided.push((p, key, ds));
        }
        let province_unit_keys: Vec<String> = provinces.iter().map(|p| unit_key(&p.name)).collect();
        let commune_keys = communes
            .iter()
            .enumerate()
            .map(|(i, (c, p))| {
                let key = unit_key(&c.name);
                let full = format!("{key} {}", province_unit_keys[*p]);
                (key, full, i)
            })
            .collect();
        let commune_match_keys = communes.iter().map(|_| OnceLock::new()).collect();
        let aliases = raw
            .legacy_province_aliases
            .into_iter()
            .map(|(k, v)| (Key::new(&k).folded, v))
            .collect();
        Ok(AdminUnits {
            province_keys: provinces.iter().map(|p| Key::new(&p.name)).collect(),
            provinces,
            communes,
            legacy_province_keys: legacy_provinces.iter().map(|p| Key::new(&p.name)).collect(),
            legacy_provinces,
            legacy_districts,
            legacy_wards,
            divided,
            aliases,
            commune_by_code,
            province_by_code,
            commune_keys,
            commune_match_keys,
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
        let spaced = format!(" {q}");
        let mut scored: Vec<(u8, usize)> = Vec::new();
        for (key, full, i) in &self.commune_keys {
            let rank = if *key == q {
                0
            } else if key.starts_with(&q) {
                1
            } else if full.starts_with(&q) || full.contains(&spaced) && q.contains(key.as_str()) {
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
      "legacy_districts": [["001", "01", "Quận Ba Đình", [], []], ["760", "79", "Quận 1", [], []],
                           ["755", "77", "Huyện Côn Đảo", ["26732"], []]],
      "legacy_wards": [["00004", "001", "Phường Trúc Bạch", ["00004"], ["nguyentrungtruc"]],
                       ["26740", "760", "Phường Bến Nghé", ["26734", "26740"], []],
                       ["26743", "760", "Phường 05", ["26740"], ["6"]]],
      "legacy_divided": [["79", "saigon", ["760"]]],
      "legacy_province_aliases": {"hcm": "79", "tp hcm": "79"}
    }"#;

    fn units() -> AdminUnits {
        AdminUnits::from_json(SAMPLE).unwrap_or_else(|e| panic!("{e}"))
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
        let divided = SAMPLE.replace(
            r#"["79", "saigon", ["760"]]"#,
            r#"["79", "saigon", ["999"]]"#,
        );
        assert!(AdminUnits::from_json(&divided).is_err());
    }

    #[test]
    fn other_names_and_divided_districts_are_read() -> Result<(), ConvertError> {
        let u = units();
        let c = u.convert("Phường 6, Quận 1, TP. HCM")?;
        assert_eq!((c.old[0].code.as_str(), c.former.len()), ("26743", 1));
        let c = u.convert("Phường Nguyễn Trung Trực, Quận Ba Đình, Hà Nội")?;
        assert_eq!(c.new[0].commune.code, "00004");
        let c = u.convert("Phường Bến Nghé, Sài Gòn, TP. HCM")?;
        assert_eq!(c.old[1].name, "Quận 1");
        assert_eq!(c.former[0].typed, "Sài Gòn");
        Ok(())
    }

    proptest! {
        #[test]
        fn search_never_panics(s in "\\PC{0,80}") {
            let _ = units().search_communes(&s, 5);
            let _ = unit_key(&s);
        }
    }
}
