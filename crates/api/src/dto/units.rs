//! Administrative units (2025) and old-address conversion.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An administrative unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDto {
    /// GSO code.
    pub code: String,
    /// Official name with its type.
    pub name: String,
}

/// A commune with its province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommuneDto {
    /// The commune (xã, phường, đặc khu).
    pub commune: UnitDto,
    /// Its province.
    pub province: UnitDto,
}

/// Request: the communes of a province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsCommunes {
    /// Province code.
    pub province: String,
}

/// Request: find communes by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsSearch {
    /// Name, with or without diacritics.
    pub query: String,
    /// At most this many (default 10).
    pub limit: Option<u32>,
}

/// Request: convert an old address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsConvert {
    /// The address as printed, e.g. "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".
    pub address: String,
}

/// An old address in the new units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConversionDto {
    /// House number, street, hamlet: what came before the units.
    pub line: String,
    /// The old units recognised (ward, district, province).
    pub old: Vec<UnitDto>,
    /// The new commune(s); several when the old ward was split, likeliest first.
    pub new: Vec<CommuneDto>,
    /// The address was already in the new form.
    pub already_new: bool,
    /// Parts written with a unit's former name ("Phường 8" of Quận 5, merged
    /// into Phường 7), or a district's name from before it was split.
    pub former: Vec<FormerNameDto>,
    /// Parts read without certainty (one typo away, or several units alike):
    /// while any is left, `new` is a guess to confirm with the citizen, and
    /// nothing is chosen for the volunteer.
    pub unsure: Vec<UnsureDto>,
}

/// A part of an old address written with another name of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormerNameDto {
    /// The part as written.
    pub typed: String,
    /// The unit it names (before the 2025 reform).
    pub now: UnitDto,
}

/// A part of an old address read without certainty: a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnsureDto {
    /// The part as written.
    pub typed: String,
    /// What it was read as.
    pub read_as: UnitDto,
    /// The other units it may be.
    pub others: Vec<UnitDto>,
}
