//! Citizen visits: read the ID card, record consent, then the citizen and
//! what was done for them.
//!
//! Consent comes first: [`cccd_parse`] and [`cccd_check`] only read and check
//! a card and store nothing; [`citizen_register`] stores the citizen only
//! together with a granted `profile` consent, in one transaction.

use crate::audit::audit_read;
use crate::audit::operator_name;
use crate::audit::operator_name_in;
use crate::card::card_from_dto;
use crate::clock::show_stamp;
use crate::documents::consent_receipt::consent_line;
use crate::exports::remove_leftovers;
use crate::exports::save_export;
use crate::visit::visit_dto;
use gocua_core::visit::ConsentPurpose;
use gocua_store::{AuditEntry, CitizenRow, Registered};

use crate::clock::stamp;
use crate::dto::{
    CardDto, CitizenDto, CitizenFind, CitizenPage, CitizenRegister, CitizenShow, CitizenSummary,
    ConsentDto, ConsentWithdraw,
};
use crate::{ApiError, Ctx, Result};

/// Stores a citizen with their consent decisions (refused without the
/// `profile` consent), and links them to the visit.
pub fn citizen_register(ctx: &Ctx, req: CitizenRegister) -> Result<CitizenDto> {
    let card = card_from_dto(ctx, &req.card)?;
    let mut decisions = Vec::new();
    for d in &req.consents {
        decisions.push((d.purpose, d.granted));
    }
    if let Some(code) = &req.commune {
        crate::units::units()?
            .commune(code)
            .ok_or_else(|| ApiError::NotFound(code.clone()))?;
    }
    let now = stamp(ctx.now());
    let operator = operator_name(ctx)?;
    let mut store = ctx.store()?;
    let w = store.write()?;
    let mut tx = w.citizens();
    let (id, action) = match tx.register(&card, &decisions, &operator, &now) {
        Ok(Registered::New(id)) => (id, "citizen.create"),
        Ok(Registered::Existing(id)) => (id, "citizen.consent"),
        Err(e) => return Err(e.into()),
    };
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action,
        subject: &format!("citizen:{id}"),
    })?;
    if let Some(code) = &req.commune {
        tx.set_commune(id, code, &now)?;
    }
    w.commit()?;
    if let Some(visit) = req.visit {
        let w = store.write()?;
        let mut tx = w.visits();
        if !tx.attach_citizen(visit, id)? {
            return Err(ApiError::NotFound(visit.to_string()));
        }
        w.commit()?;
    }
    drop(store);
    tracing::info!(citizen = id, "citizen registered with consent");
    citizen_by_id(ctx, id)
}

fn citizen_dto(ctx: &Ctx, row: CitizenRow) -> Result<CitizenDto> {
    let store = ctx.store()?;
    let consents = store
        .citizens()
        .consents(row.id)?
        .into_iter()
        .map(|c| ConsentDto {
            purpose: c.purpose,
            granted: c.granted,
            text_version: c.text_version,
            operator: c.operator,
            given_at: c.given_at,
            withdrawn_at: c.withdrawn_at,
        })
        .collect();
    let visits = store
        .visits()
        .of_citizen(row.id)?
        .into_iter()
        .map(|v| visit_dto(&store, v, Some(row.cccd.clone())))
        .collect::<Result<_>>()?;
    drop(store);
    let commune = match &row.address_commune {
        Some(code) => crate::units::units()?.commune(code).map(Into::into),
        None => None,
    };
    Ok(CitizenDto {
        cccd_masked: crate::card::mask_id(&row.cccd),
        cccd: row.cccd.clone(),
        name: row.name.clone(),
        card: CardDto {
            id: row.cccd,
            old_id: row.old_id,
            name: row.name,
            birth_date: row.birth_date,
            sex: row.sex,
            address: row.address,
            issue_date: row.issue_date,
            confirmed: false,
        },
        commune,
        created_at: row.created_at,
        consents,
        visits,
    })
}

fn citizen_by_id(ctx: &Ctx, id: i64) -> Result<CitizenDto> {
    let row = ctx
        .store()?
        .citizens()
        .get(id)?
        .ok_or_else(|| ApiError::NotFound(id.to_string()))?;
    citizen_dto(ctx, row)
}

fn citizen_row(ctx: &Ctx, cccd: &str) -> Result<CitizenRow> {
    ctx.store()?
        .citizens()
        .by_cccd(cccd.trim())?
        .ok_or_else(|| ApiError::NotFound(cccd.trim().to_owned()))
}

/// All citizens, newest first.
pub fn citizen_list(ctx: &Ctx) -> Result<Vec<CitizenDto>> {
    audit_read(ctx, "citizen.list", "citizen:*")?;
    let rows = ctx.store()?.citizens().list()?;
    rows.into_iter().map(|r| citizen_dto(ctx, r)).collect()
}

/// A page of citizens, most recently stored first, whose name (diacritics
/// optional) or ID number holds every word of the query. A laptop keeps
/// hundreds to a few thousand profiles: they are filtered in memory.
pub fn citizen_find(ctx: &Ctx, req: CitizenFind) -> Result<CitizenPage> {
    const PAGE: u32 = 50;
    const MAX_PAGE: u32 = 200;
    audit_read(ctx, "citizen.find", "citizen:*")?;
    let words: Vec<String> = gocua_core::text::fold(&req.query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let rows = ctx.store()?.citizens().list()?;
    let matching: Vec<CitizenRow> = rows
        .into_iter()
        .filter(|r| {
            let name = gocua_core::text::fold(&r.name);
            words
                .iter()
                .all(|w| name.contains(w.as_str()) || r.cccd.contains(w.as_str()))
        })
        .collect();
    let limit = req.limit.unwrap_or(PAGE).clamp(1, MAX_PAGE) as usize;
    let offset = req.offset.unwrap_or(0) as usize;
    let total = matching.len();
    let items = matching
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|r| CitizenSummary {
            cccd_masked: crate::card::mask_id(&r.cccd),
            cccd: r.cccd,
            name: r.name,
            birth_date: r.birth_date,
        })
        .collect();
    Ok(CitizenPage {
        items,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        more: offset.saturating_add(limit) < total,
    })
}

/// One citizen with consents and visits.
pub fn citizen_show(ctx: &Ctx, req: CitizenShow) -> Result<CitizenDto> {
    let row = citizen_row(ctx, &req.cccd)?;
    audit_read(ctx, "citizen.read", &format!("citizen:{}", row.id))?;
    citizen_dto(ctx, row)
}

/// Withdraws a consent; processing for that purpose stops. Withdrawing the
/// `profile` consent erases the citizen's profile, and then answers
/// `NotFound` (there is nothing left to show).
pub fn consent_withdraw(ctx: &Ctx, req: ConsentWithdraw) -> Result<CitizenDto> {
    let purpose = req.purpose;
    let row = citizen_row(ctx, &req.cccd)?;
    {
        let mut store = ctx.store()?;
        let operator = operator_name_in(&store)?;
        let now = stamp(ctx.now());
        let w = store.write()?;
        let mut tx = w.citizens();
        tx.withdraw(row.id, purpose, &now)?;
        w.audit().append(&AuditEntry {
            at: &now,
            operator: &operator,
            action: "consent.withdraw",
            subject: &format!("citizen:{}", row.id),
        })?;
        // Without the profile consent there is no basis to keep the profile:
        // processing stops by erasing it (visits stay as anonymous counts).
        if purpose == ConsentPurpose::Profile {
            tx.erase(row.id)?;
            w.audit().append(&AuditEntry {
                at: &now,
                operator: &operator,
                action: "citizen.erase",
                subject: &format!("citizen:{}", row.id),
            })?;
            w.commit()?;
            return Err(ApiError::NotFound(req.cccd));
        }
        w.commit()?;
    }
    citizen_dto(ctx, row)
}

/// Writes a printable consent receipt (PDF, fonts embedded) for a citizen to
/// `<data dir>/exports/` in the interface language, and returns its path.
pub fn consent_receipt(ctx: &Ctx, req: CitizenShow) -> Result<crate::dto::FileSaved> {
    let (doc, about) =
        crate::documents::consent_receipt::receipt_document(ctx, &citizen_show(ctx, req)?)?;
    let bytes = doc.to_pdf()?;
    let stamp = ctx.now().unix_timestamp();
    crate::exports::save_export(
        ctx,
        None,
        // No ID number in a file name: names end up in "recent files" lists.
        &format!("consent-{stamp}.pdf"),
        &bytes,
        about,
    )
}

/// The consent receipt for the window to print at once: no file is written.
pub fn consent_receipt_print(
    ctx: &Ctx,
    req: CitizenShow,
) -> Result<crate::document::PrintDocument> {
    Ok(
        crate::documents::consent_receipt::receipt_document(ctx, &citizen_show(ctx, req)?)?
            .0
            .for_print(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;
    use crate::card::{cccd_check, cccd_parse};
    use crate::dto::ConsentDecision;
    use crate::dto::{CccdParse, VisitEnd, VisitStart, VisitUpdate};
    use crate::visit::{operator_last, visit_end, visit_start, visit_update};

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    const SCAN: &str = "001090123456|012345678|Nguyễn Văn Thử|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021";

    fn ctx(dir: &std::path::Path) -> Result<Ctx> {
        let mut opts = CtxOptions::for_tests(dir);
        opts.clock = crate::clock::fixed(time::macros::datetime!(2026-11-25 03:00 UTC));
        Ctx::open(opts)
    }

    /// The citizens list finds people as volunteers type them (no
    /// diacritics, part of the ID number), pages through them, and never
    /// shows a whole ID number.
    #[test]
    fn citizens_are_found_by_folded_name_or_id_digits_a_page_at_a_time() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx(dir.path())?;
        crate::demo::demo_seed(&ctx, 60, 11)?;
        let find = |query: &str, limit: u32, offset: u32| {
            citizen_find(
                &ctx,
                CitizenFind {
                    query: query.into(),
                    limit: Some(limit),
                    offset: Some(offset),
                },
            )
        };
        let all = find("", 200, 0)?;
        assert_eq!((all.total, all.items.len(), all.more), (60, 60, false));
        let first = find("", 25, 0)?;
        let second = find("", 25, 25)?;
        let third = find("", 25, 50)?;
        assert!(first.more && second.more && !third.more);
        assert_eq!(third.items.len(), 10);
        let paged: Vec<_> = [first.items, second.items, third.items].concat();
        assert_eq!(paged, all.items, "pages add up to the whole list, in order");

        let someone = &all.items[17];
        let plain = gocua_core::text::fold(&someone.name);
        let last_word = plain.split_whitespace().last().unwrap_or_default();
        let by_name = find(&plain.to_uppercase(), 200, 0)?;
        assert!(by_name.items.iter().any(|c| c.cccd == someone.cccd));
        assert!(
            by_name
                .items
                .iter()
                .all(|c| gocua_core::text::fold(&c.name).contains(last_word))
        );
        let by_id = find(&someone.cccd[4..10], 200, 0)?;
        assert!(by_id.items.iter().any(|c| c.cccd == someone.cccd));
        assert_eq!(find("zzzz qqqq", 200, 0)?.total, 0);
        for c in &all.items {
            assert_eq!(c.cccd_masked, crate::card::mask_id(&c.cccd));
            assert!(!c.cccd_masked.contains(&c.cccd[3..9]));
        }
        Ok(())
    }

    fn decisions(profile: bool) -> Vec<ConsentDecision> {
        vec![
            ConsentDecision {
                purpose: crate::dto::ConsentPurpose::Profile,
                granted: profile,
            },
            ConsentDecision {
                purpose: crate::dto::ConsentPurpose::Contact,
                granted: true,
            },
        ]
    }

    #[test]
    fn nothing_about_the_citizen_is_stored_before_consent() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx(dir.path())?;
        let visit = visit_start(
            &ctx,
            VisitStart {
                operator: "Lan".into(),
                place_commune: None,
            },
        )?;
        let check = cccd_parse(&ctx, CccdParse { text: SCAN.into() })?;
        assert!(!check.known_citizen);
        assert_eq!(
            check
                .address
                .as_ref()
                .map(|a| a.new[0].province.code.as_str()),
            Some("79")
        );

        let refused = citizen_register(
            &ctx,
            CitizenRegister {
                visit: Some(visit.id),
                card: check.card.clone(),
                commune: None,
                consents: decisions(false),
            },
        )
        .err()
        .ok_or("stored without consent")?;
        assert_eq!(refused.code(), crate::ErrorCode::ConsentRequired);
        assert!(citizen_list(&ctx)?.is_empty());
        drop(ctx);
        // Not even in the file's bytes (WAL included).
        for entry in std::fs::read_dir(dir.path())? {
            let bytes = std::fs::read(entry?.path())?;
            let needle = "001090123456".as_bytes();
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "ID number found on disk"
            );
        }
        Ok(())
    }

    #[test]
    fn a_whole_visit_is_stored_and_visible_afterwards() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx(dir.path())?;
        let visit = visit_start(
            &ctx,
            VisitStart {
                operator: "Lan".into(),
                place_commune: Some("26740".into()),
            },
        )?;
        assert_eq!(operator_last(&ctx)?.as_deref(), Some("Lan"));
        let check = cccd_parse(&ctx, CccdParse { text: SCAN.into() })?;
        let citizen = citizen_register(
            &ctx,
            CitizenRegister {
                visit: Some(visit.id),
                card: check.card,
                commune: Some("26740".into()),
                consents: decisions(true),
            },
        )?;
        assert_eq!(citizen.name, "Nguyễn Văn Thử");
        assert_eq!(
            citizen.commune.as_ref().map(|c| c.commune.name.as_str()),
            Some("Phường Sài Gòn")
        );
        assert_eq!(citizen.consents.len(), 2);
        assert_eq!(citizen.consents[0].operator, "Lan");

        visit_update(
            &ctx,
            VisitUpdate {
                id: visit.id,
                vneid_outcome: crate::dto::VneidOutcome::Blocked,
                vneid_note: Some("sim".into()),
                portal_outcome: crate::dto::PortalOutcome::LoggedIn,
                portal_note: None,
                guide_progress: r#"{"vneid-level1":["install","register"]}"#.into(),
            },
        )?;
        let bad = visit_end(
            &ctx,
            VisitEnd {
                id: visit.id,
                satisfaction: 6,
            },
        )
        .err()
        .ok_or("accepted 6")?;
        assert_eq!(bad.code(), crate::ErrorCode::InvalidValue);
        visit_end(
            &ctx,
            VisitEnd {
                id: visit.id,
                satisfaction: 5,
            },
        )?;

        // The same card again opens the same citizen.
        let again = cccd_parse(&ctx, CccdParse { text: SCAN.into() })?;
        assert!(again.known_citizen);
        let shown = citizen_show(
            &ctx,
            CitizenShow {
                cccd: "001090123456".into(),
            },
        )?;
        assert_eq!(shown.visits.len(), 1);
        let v = &shown.visits[0];
        assert_eq!(
            (v.vneid_outcome.as_str(), v.vneid_note.as_deref()),
            ("blocked", Some("sim"))
        );
        assert_eq!(v.portal_outcome, gocua_core::visit::PortalOutcome::LoggedIn);
        assert_eq!(v.satisfaction, Some(5));
        assert!(v.ended_at.is_some());

        // Withdrawing a purpose stops it; the record of the decision stays.
        let after = consent_withdraw(
            &ctx,
            ConsentWithdraw {
                cccd: "001090123456".into(),
                purpose: crate::dto::ConsentPurpose::Contact,
            },
        )?;
        assert!(
            after
                .consents
                .iter()
                .any(|c| c.purpose == ConsentPurpose::Contact && c.withdrawn_at.is_some())
        );
        assert!(
            after
                .consents
                .iter()
                .any(|c| c.purpose == ConsentPurpose::Profile && c.withdrawn_at.is_none())
        );

        // Withdrawing the profile consent erases the profile.
        let gone = consent_withdraw(
            &ctx,
            ConsentWithdraw {
                cccd: "001090123456".into(),
                purpose: crate::dto::ConsentPurpose::Profile,
            },
        )
        .err()
        .ok_or("profile kept after its consent was withdrawn")?;
        assert_eq!(gone.code(), crate::ErrorCode::NotFound);
        assert!(citizen_list(&ctx)?.is_empty());
        assert!(crate::audit_verify(&ctx)?.intact);
        Ok(())
    }

    #[test]
    fn manual_entry_is_checked_like_a_scan() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx(dir.path())?;
        let mut card = CardDto {
            id: "079303001234".into(),
            old_id: None,
            name: "Trần Thị B".into(),
            birth_date: "2003-07-23".into(),
            sex: "Nữ".into(),
            address: "Ấp 3, Xã Hòa Mỹ, Huyện Cái Nước, Tỉnh Cà Mau".into(),
            issue_date: "2021-08-10".into(),
            confirmed: false,
        };
        assert_eq!(cccd_check(&ctx, card.clone())?.card.name, "Trần Thị B");
        card.sex = "Nam".into();
        let err = cccd_check(&ctx, card.clone())
            .err()
            .ok_or("accepted a contradiction")?;
        assert_eq!(
            err.message_args(),
            vec![("reason", "id-century-sex".to_owned())]
        );
        // The volunteer checked the card with the citizen: it reads so.
        card.confirmed = true;
        let accepted = cccd_check(&ctx, card.clone())?;
        assert!(
            accepted.card.confirmed,
            "registering checks it the same way"
        );
        // Confirming never lets through what cannot be on any card.
        card.id = "12345".into();
        assert!(cccd_check(&ctx, card).is_err());
        Ok(())
    }
}

/// Exports everything stored about a citizen (their right of access): a JSON
/// file and a printable PDF, written to `dir` (default `<data dir>/exports`).
pub fn citizen_export(
    ctx: &Ctx,
    req: CitizenShow,
    dir: Option<&std::path::Path>,
) -> Result<Vec<crate::dto::FileSaved>> {
    let citizen = citizen_show(ctx, req)?;
    let row = ctx.store()?.citizens().by_cccd(&citizen.cccd)?;
    let about = row.as_ref().map(|r| r.id);
    if let Some(row) = row {
        audit_read(ctx, "export.citizen", &format!("citizen:{}", row.id))?;
    }
    let json =
        serde_json::to_string_pretty(&citizen).map_err(|e| ApiError::Internal(e.to_string()))?;
    // No ID number in a file name: names end up in "recent files" lists.
    let stamp = ctx.now().unix_timestamp();
    let json = save_export(
        ctx,
        dir,
        &format!("citizen-{stamp}.json"),
        json.as_bytes(),
        about,
    )?;

    let lang = ctx.language();
    let l10n = crate::error::l10n()?;
    let tr = |id: &str| l10n.tr(lang, id, &[]);
    let mut w = crate::pdf::Writer::new(&tr("export-title"))?;
    w.title(&tr("export-title"));
    for (label, value) in [
        ("card-name", citizen.name.clone()),
        ("card-id", citizen.cccd.clone()),
        (
            "card-old-id",
            citizen.card.old_id.clone().unwrap_or_else(|| "—".into()),
        ),
        ("card-birth", show_stamp(&citizen.card.birth_date)),
        ("card-sex", citizen.card.sex.clone()),
        ("card-address", citizen.card.address.clone()),
        ("card-issue", show_stamp(&citizen.card.issue_date)),
    ] {
        w.field(&tr(label), &value);
    }
    w.heading(&tr("citizen-consents"));
    for c in &citizen.consents {
        w.para(&consent_line(&tr, c));
    }
    w.heading(&tr("citizen-visits"));
    for v in &citizen.visits {
        w.para(&format!(
            "{} · {} · VNeID: {} · {}: {} · {}",
            v.started_at,
            v.operator,
            v.vneid_outcome,
            tr("guide-outcome-portal"),
            v.portal_outcome,
            v.satisfaction.map(|s| format!("{s}/5")).unwrap_or_default()
        ));
    }
    let pdf = save_export(
        ctx,
        dir,
        &format!("citizen-{stamp}.pdf"),
        &w.finish()?,
        about,
    )?;
    Ok(vec![json, pdf])
}

/// Erases a citizen (their right to deletion): the profile and consent
/// records go; visits stay, unlinked, as anonymous counts for the report.
/// The audit log keeps that citizen #id was erased, never who it was.
pub fn citizen_erase(ctx: &Ctx, req: CitizenShow) -> Result<()> {
    let row = citizen_row(ctx, &req.cccd)?;
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let operator = operator_name_in(&store)?;
    let (files, dossiers) = store.citizens().leftovers(row.id)?;
    let w = store.write()?;
    let mut tx = w.citizens();
    tx.erase(row.id)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "citizen.erase",
        subject: &format!("citizen:{}", row.id),
    })?;
    w.commit()?;
    drop(store);
    remove_leftovers(ctx, &files, &dossiers);
    tracing::info!(citizen = row.id, "citizen erased on request");
    Ok(())
}

#[cfg(test)]
mod rights_tests {
    use super::*;
    use crate::CtxOptions;

    #[test]
    fn export_then_erase_and_the_audit_chain_stays_intact()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        crate::demo::demo_seed(&ctx, 3, 1)?;
        let cccd = citizen_list(&ctx)?[0].cccd.clone();

        let files = citizen_export(
            &ctx,
            CitizenShow { cccd: cccd.clone() },
            Some(&dir.path().join("out")),
        )?;
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&files[0].path)?)?;
        assert_eq!(json["cccd"], cccd);
        assert!(std::fs::read(&files[1].path)?.starts_with(b"%PDF"));

        // Printed in the window: the receipt's text, and no file written.
        let exports = dir.path().join("exports");
        let files_before = std::fs::read_dir(&exports).map_or(0, |d| d.count());
        let print = consent_receipt_print(&ctx, CitizenShow { cccd: cccd.clone() })?;
        assert!(print.blocks.iter().any(|b| matches!(
            b,
            crate::document::Block::Field { value, .. } if *value == cccd
        )));
        assert_eq!(
            std::fs::read_dir(&exports).map_or(0, |d| d.count()),
            files_before
        );
        let receipt = consent_receipt(&ctx, CitizenShow { cccd: cccd.clone() })?;
        assert!(std::path::Path::new(&receipt.path).exists());
        citizen_erase(&ctx, CitizenShow { cccd: cccd.clone() })?;
        for f in files.iter().chain([&receipt]) {
            assert!(
                !std::path::Path::new(&f.path).exists(),
                "{} outlived its citizen",
                f.path
            );
        }
        assert_eq!(citizen_list(&ctx)?.len(), 2);
        let gone = citizen_show(&ctx, CitizenShow { cccd })
            .err()
            .ok_or("still there")?;
        assert_eq!(gone.code(), crate::ErrorCode::NotFound);
        let report = crate::audit_verify(&ctx)?;
        assert!(report.intact, "{report:?}");
        let actions: Vec<String> = ctx
            .store()?
            .audit()
            .recent(50)?
            .into_iter()
            .map(|r| r.action)
            .collect();
        for action in [
            "citizen.create",
            "citizen.list",
            "export.citizen",
            "citizen.erase",
        ] {
            assert!(
                actions.iter().any(|a| a == action),
                "no {action} in {actions:?}"
            );
        }
        Ok(())
    }
}
