//! The chip ID card (CCCD): its QR line read and checked, a typed-in card
//! checked by the same rules. Nothing is stored here.

use crate::audit::audit_read;
use crate::clock::vietnam_date;
use crate::dto::{CardCheck, CardDto, CccdParse, UnitsConvert};
use crate::{ApiError, Ctx, Result};
use gocua_core::cccd::{Card, CardError, Date, PartialDate, Sex, parse_qr};

impl From<&Card> for CardDto {
    fn from(c: &Card) -> Self {
        CardDto {
            id: c.id.clone(),
            old_id: c.old_id.clone(),
            name: c.name.clone(),
            birth_date: c.birth_date.iso(),
            sex: c.sex.as_card().to_owned(),
            address: c.address.clone(),
            issue_date: c.issue_date.to_string(),
            confirmed: false,
        }
    }
}

pub(crate) fn card_error(e: CardError) -> ApiError {
    ApiError::InvalidCard(e.code().to_owned())
}

/// Validates card facts typed by hand (or sent back by the UI) with the
/// scanner's rules.
pub(crate) fn card_from_dto(ctx: &Ctx, d: &CardDto) -> Result<Card> {
    let birth = PartialDate::from_iso(d.birth_date.trim())
        .ok_or(ApiError::InvalidCard("birth-date".into()))?;
    let issue =
        Date::from_iso(d.issue_date.trim()).ok_or(ApiError::InvalidCard("issue-date".into()))?;
    let sex = Sex::from_card(&d.sex).ok_or(ApiError::InvalidCard("sex".into()))?;
    let build = if d.confirmed {
        Card::confirmed
    } else {
        Card::new
    };
    build(
        &d.id,
        d.old_id.as_deref().unwrap_or_default(),
        &d.name,
        birth,
        sex,
        &d.address,
        issue,
        vietnam_date(ctx.now()),
    )
    .map_err(card_error)
}

pub(crate) fn check(ctx: &Ctx, card: &Card) -> Result<CardCheck> {
    let address = crate::units::units_convert(UnitsConvert {
        address: card.address.clone(),
    })
    .ok();
    let known = ctx.store()?.citizens().by_cccd(&card.id)?;
    if let Some(row) = &known {
        audit_read(ctx, "citizen.lookup", &format!("citizen:{}", row.id))?;
    }
    let known_citizen = known.is_some();
    Ok(CardCheck {
        card: card.into(),
        address,
        known_citizen,
    })
}

/// An ID number as lists show it: enough to tell people apart, not the
/// whole number ("001••••••456"). By characters, not bytes: a damaged or
/// restored value may be anything, and anything not a 12-digit number is
/// hidden whole.
pub(crate) fn mask_id(cccd: &str) -> String {
    match (cccd.get(..3), cccd.get(9..)) {
        (Some(head), Some(tail))
            if cccd.len() == 12 && cccd.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{head}••••••{tail}")
        }
        _ => "••••••".to_owned(),
    }
}

/// Reads the text of a CCCD QR code. Stores nothing.
pub fn cccd_parse(ctx: &Ctx, req: CccdParse) -> Result<CardCheck> {
    let card = parse_qr(&req.text, vietnam_date(ctx.now())).map_err(card_error)?;
    check(ctx, &card)
}

/// Checks card facts typed by hand. Stores nothing.
pub fn cccd_check(ctx: &Ctx, req: CardDto) -> Result<CardCheck> {
    let card = card_from_dto(ctx, &req)?;
    let mut checked = check(ctx, &card)?;
    // Registering it checks it again, with the same confirmation.
    checked.card.confirmed = req.confirmed;
    Ok(checked)
}

/// Every problem of a card typed by hand, each for its field and in words,
/// so that the form shows them all beside their fields at once (empty when
/// `cccd_check` would accept it). Dates are `YYYY-MM-DD` (the birth date
/// may be `YYYY` or `YYYY-MM`); an empty or unreadable one is a problem of
/// its field.
pub fn cccd_problems(ctx: &Ctx, req: CardDto) -> Result<Vec<crate::dto::CardProblem>> {
    let lang = ctx.language();
    let l10n = crate::error::l10n()?;
    let date = |s: &str| Date::from_iso(s.trim());
    let sex = Sex::from_card(&req.sex);
    let mut found = gocua_core::cccd::problems(
        &req.id,
        req.old_id.as_deref().unwrap_or_default(),
        &req.name,
        PartialDate::from_iso(req.birth_date.trim()),
        sex.unwrap_or(Sex::Male),
        &req.address,
        date(&req.issue_date),
        vietnam_date(ctx.now()),
    );
    if sex.is_none() {
        found.push((gocua_core::cccd::CardField::Sex, CardError::Sex));
    }
    Ok(found
        .into_iter()
        .map(|(field, e)| crate::dto::CardProblem {
            field: field.as_str().to_owned(),
            overridable: e.is_overridable(),
            message: l10n.tr(lang, "error-invalid-card", &[("reason", e.code().into())]),
        })
        .collect())
}

#[cfg(test)]
mod mask_tests {
    #[test]
    fn a_number_is_masked_and_anything_else_hidden_without_panicking() {
        assert_eq!(super::mask_id("001090123456"), "001••••••456");
        assert_eq!(super::mask_id("ĐĐĐĐĐĐ"), "••••••", "12 bytes, not digits");
        assert_eq!(super::mask_id("12345"), "••••••");
    }
}
