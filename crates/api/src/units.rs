//! Administrative-unit commands: the province → commune picker, commune
//! search, and converting an old three-tier address to the new units.
//!
//! The data (`data/admin-units/units.json`, GSO codes) is embedded and parsed
//! once, on first use.

use gocua_core::units::{AdminUnits, CommuneRef, ConvertError, Unit};

use crate::dto::{
    CommuneDto, ConversionDto, FormerNameDto, UnitDto, UnitsCommunes, UnitsConvert, UnitsSearch,
    UnsureDto,
};
use crate::{ApiError, Result};

/// The embedded administrative units (core's, parsed once).
pub fn units() -> Result<&'static AdminUnits> {
    gocua_core::units::shipped().map_err(|e| ApiError::Internal(e.to_string()))
}

impl From<&Unit> for UnitDto {
    fn from(u: &Unit) -> Self {
        UnitDto {
            code: u.code.clone(),
            name: u.name.clone(),
        }
    }
}

impl From<CommuneRef> for CommuneDto {
    fn from(c: CommuneRef) -> Self {
        CommuneDto {
            commune: (&c.commune).into(),
            province: (&c.province).into(),
        }
    }
}

/// The 34 provinces.
pub fn units_provinces() -> Result<Vec<UnitDto>> {
    Ok(units()?.provinces().iter().map(Into::into).collect())
}

/// The communes of one province.
pub fn units_communes(req: UnitsCommunes) -> Result<Vec<UnitDto>> {
    let list = units()?.communes_of(req.province.trim());
    if list.is_empty() {
        return Err(ApiError::NotFound(req.province));
    }
    Ok(list.into_iter().map(Into::into).collect())
}

/// Communes whose name matches the query.
pub fn units_search(req: UnitsSearch) -> Result<Vec<CommuneDto>> {
    let limit = req.limit.unwrap_or(10).clamp(1, 100) as usize;
    Ok(units()?
        .search_communes(&req.query, limit)
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Converts an address printed in the old three-tier form to the new units.
pub fn units_convert(req: UnitsConvert) -> Result<ConversionDto> {
    let c = units()?.convert(&req.address).map_err(|e| {
        let (reason, part) = match &e {
            ConvertError::Empty => ("empty", String::new()),
            ConvertError::NoProvince(part) => ("province", part.clone()),
            ConvertError::NoDistrict { part, .. } => ("district", part.clone()),
            ConvertError::NoWard { part, .. } => ("ward", part.clone()),
        };
        ApiError::AddressNotRecognised {
            reason: reason.to_owned(),
            part,
        }
    })?;
    Ok(ConversionDto {
        line: c.line,
        old: c.old.iter().map(Into::into).collect(),
        new: c.new.into_iter().map(Into::into).collect(),
        already_new: c.already_new,
        former: c
            .former
            .iter()
            .map(|f| FormerNameDto {
                typed: f.typed.clone(),
                now: (&f.now).into(),
            })
            .collect(),
        unsure: c
            .unsure
            .iter()
            .map(|u| UnsureDto {
                typed: u.typed.clone(),
                read_as: (&u.read_as).into(),
                others: u.others.iter().map(Into::into).collect(),
            })
            .collect(),
    })
}

pub(crate) use gocua_core::units::commune_name;

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn shipped_units_have_the_official_counts() -> TestResult {
        // 34 provinces and 3,321 communes since 1 Jul 2025; 63 / 696 / 10,040
        // before (10,035 wards + 5 island districts without wards).
        assert_eq!(units()?.counts(), (34, 3321, 63, 696, 10035));
        Ok(())
    }

    #[test]
    fn converts_real_old_addresses() -> TestResult {
        let c = units_convert(UnitsConvert {
            address: "12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".into(),
        })?;
        assert_eq!(c.line, "12 Lê Lợi");
        assert_eq!(c.new[0].province.name, "Thành phố Hồ Chí Minh");
        assert!(
            c.new.iter().any(|n| n.commune.name == "Phường Sài Gòn"),
            "{c:?}"
        );

        // Xã Hòa Mỹ was split between three new communes.
        let c = units_convert(UnitsConvert {
            address: "Ấp 3, Xã Hòa Mỹ, Huyện Cái Nước, Tỉnh Cà Mau".into(),
        })?;
        assert_eq!(c.new[0].province.name, "Tỉnh Cà Mau");
        assert_eq!(c.old.len(), 3);
        assert_eq!(c.new.len(), 3);

        // A typo is a question: the conversion says which part and what it
        // was read as, and the card screen chooses nothing.
        let c = units_convert(UnitsConvert {
            address: "Xã Trung Hiu, Huyện Vũng Liêm, Tỉnh Vĩnh Long".into(),
        })?;
        assert_eq!(c.unsure.len(), 1, "{c:?}");
        assert_eq!(c.unsure[0].read_as.name, "Xã Trung Hiếu");
        let c = units_convert(UnitsConvert {
            address: "Phường 8, Quận 5, TP. Hồ Chí Minh".into(),
        })?;
        assert_eq!(c.former[0].now.name, "Phường 7");

        // The domain notes' made-up example: no such ward in that district.
        let err = units_convert(UnitsConvert {
            address: "Ấp 3, Xã Tân Thạnh, Huyện Cái Nước, Tỉnh Cà Mau".into(),
        })
        .err()
        .ok_or("converted a ward that is not in the district")?;
        assert!(err.message_args().contains(&("reason", "ward".to_owned())));

        let err = units_convert(UnitsConvert {
            address: "Xã A, Huyện B, Tỉnh Không Có".into(),
        })
        .err()
        .ok_or("converted nonsense")?;
        assert_eq!(err.code(), crate::ErrorCode::AddressNotRecognised);
        Ok(())
    }

    #[test]
    fn picker_lists_and_search() -> TestResult {
        let provinces = units_provinces()?;
        assert_eq!(provinces.len(), 34);
        let hanoi = units_communes(UnitsCommunes {
            province: "01".into(),
        })?;
        assert!(hanoi.iter().any(|c| c.name == "Phường Ba Đình"));
        assert!(
            units_communes(UnitsCommunes {
                province: "99".into()
            })
            .is_err()
        );
        let found = units_search(UnitsSearch {
            query: "ba dinh".into(),
            limit: Some(5),
        })?;
        assert!(
            found
                .iter()
                .any(|c| c.commune.name == "Phường Ba Đình" && c.province.code == "01")
        );
        Ok(())
    }
}
