//! Realistic demo data for training, tests and the monthly report: citizens
//! with valid-looking ID cards, their consents and visits spread over the last
//! three months (the current one included).
//!
//! Everything is generated from a seed, so the same call gives the same data.
//! The names are common Vietnamese names; the ID numbers obey the card rules
//! but are random, so any resemblance to a real person is chance.

use gocua_core::cccd::{Card, Date, ID_PROVINCE_CODES, PartialDate, Sex};
use gocua_core::dossier::{Event, PortalStatus};
use gocua_core::outbox::OpKind;
use gocua_core::visit::{ConsentPurpose, PortalOutcome, VneidOutcome};
use gocua_store::{AuditEntry, Registered, VisitOutcomes};
use time::Duration;

use crate::clock::{stamp, vietnam_date};
use crate::{ApiError, Ctx, Result};

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE_M: &[&str] = &["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành"];
const MIDDLE_F: &[&str] = &["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Thùy"];
const GIVEN_M: &[&str] = &[
    "An", "Bình", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phúc", "Quân", "Tuấn", "Sơn", "Khoa",
];
const GIVEN_F: &[&str] = &[
    "Chi", "Hà", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "Nga", "Thảo", "Trang", "Vy", "Yến",
];
const OPERATORS: &[&str] = &["Lan", "Minh", "Hòa", "Tú"];
/// What the office asks of a seeded dossier it sent back for a supplement.
const SUPPLEMENT_NOTE: &str = "Bổ sung bản sao giấy tờ chứng minh nơi cư trú (dữ liệu mẫu).";
const STREETS: &[&str] = &[
    "Thôn 1",
    "Thôn 3",
    "Ấp 2",
    "Tổ 5",
    "Xóm Đông",
    "12 Lê Lợi",
    "45 Trần Phú",
    "Khu phố 4",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    /// A UUID (v4 layout) from the generator, so seeded data is reproducible.
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// What [`demo_seed`] created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    /// Citizens stored.
    pub citizens: u32,
    /// Visits stored.
    pub visits: u32,
}

fn demo_card(rng: &mut Rng, today: Date, address: String) -> Result<Card> {
    let male = rng.chance(48);
    let sex = if male { Sex::Male } else { Sex::Female };
    let year = 1945 + rng.below(2008 - 1945) as u16;
    let birth = Date::new(year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8)
        .ok_or_else(|| ApiError::Internal("demo date".into()))?;
    let issue_year = 2021 + rng.below(u64::from(today.year.saturating_sub(2021)).max(1)) as u16;
    let issue = Date::new(
        issue_year.max(year + 14),
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
    .filter(|d| *d <= today)
    .unwrap_or(today);
    let province = ID_PROVINCE_CODES[rng.below(ID_PROVINCE_CODES.len() as u64) as usize];
    let century = (year - 1900) / 100 * 2 + u16::from(!male);
    let id = format!(
        "{province:03}{century}{:02}{:06}",
        year % 100,
        rng.below(1_000_000)
    );
    let name = format!(
        "{} {} {}",
        rng.pick(FAMILY),
        rng.pick(if male { MIDDLE_M } else { MIDDLE_F }),
        rng.pick(if male { GIVEN_M } else { GIVEN_F })
    );
    let old_id = if year < 1995 && rng.chance(70) {
        format!("{:09}", rng.below(1_000_000_000))
    } else {
        String::new()
    };
    Card::new(
        &id,
        &old_id,
        &name,
        PartialDate::Day(birth),
        sex,
        &address,
        issue,
        today,
    )
    .map_err(|e| ApiError::Internal(format!("demo card: {e}")))
}

/// Seeds `count` citizens (with consent) and one to three visits each, spread
/// over the last three months up to now.
pub fn demo_seed(ctx: &Ctx, count: u32, seed: u64) -> Result<Seeded> {
    let units = crate::units::units()?;
    let now = ctx.now();
    let today = vietnam_date(now);
    let mut rng = Rng(seed);
    let mut visits = 0u32;
    let mut stored = 0u32;
    let mut store = ctx.store()?;
    for _ in 0..count {
        // An old three-tier address, as printed on older cards.
        let province =
            units.provinces()[rng.below(units.provinces().len() as u64) as usize].clone();
        let communes = units.communes_of(&province.code);
        let commune = communes[rng.below(communes.len() as u64) as usize].clone();
        let address = format!("{}, {}, {}", rng.pick(STREETS), commune.name, province.name);
        let card = demo_card(&mut rng, today, address)?;
        let first_visit =
            now - Duration::days(rng.below(92) as i64) - Duration::minutes(rng.below(600) as i64);
        let at = stamp(first_visit);
        let operator = rng.pick(OPERATORS);
        let decisions = [
            (ConsentPurpose::Profile, true),
            (ConsentPurpose::Dossiers, rng.chance(85)),
            (ConsentPurpose::Contact, rng.chance(60)),
            (ConsentPurpose::DocumentImages, rng.chance(40)),
        ];
        let w = store.write()?;
        let mut tx = w.citizens();
        let id = match tx.register(&card, &decisions, operator, &at)? {
            Registered::New(id) => {
                stored += 1;
                id
            }
            Registered::Existing(id) => id,
        };
        tx.set_commune(id, &commune.code, &at)?;
        w.audit().append(&AuditEntry {
            at: &at,
            operator,
            action: "citizen.create",
            subject: &format!("citizen:{id}"),
        })?;
        w.commit()?;

        for n in 0..1 + rng.below(3) {
            let start = first_visit + Duration::days(n as i64 * (1 + rng.below(10) as i64));
            if start > now {
                break;
            }
            let end = start + Duration::minutes(8 + rng.below(25) as i64);
            let vneid = match rng.below(10) {
                0..=2 => VneidOutcome::Level1,
                3..=5 => VneidOutcome::Level2,
                6 => VneidOutcome::Blocked,
                _ => VneidOutcome::NotAttempted,
            };
            let portal = match rng.below(10) {
                0..=4 => PortalOutcome::LoggedIn,
                5 => PortalOutcome::LinkedOldAccount,
                6 => PortalOutcome::Blocked,
                _ => PortalOutcome::NotAttempted,
            };
            let rating = match rng.below(20) {
                0 => 2,
                1..=2 => 3,
                3..=9 => 4,
                _ => 5,
            };
            let w = store.write()?;
            let mut tx = w.visits();
            let visit = tx.start(operator, Some(&commune.code), &stamp(start))?;
            tx.attach_citizen(visit, id)?;
            tx.set_outcomes(
                visit,
                &VisitOutcomes {
                    vneid_outcome: vneid,
                    vneid_note: (vneid == VneidOutcome::Blocked).then_some("sim"),
                    portal_outcome: portal,
                    portal_note: None,
                    guide_progress: "{}",
                },
            )?;
            tx.end(visit, rating, &stamp(end))?;
            w.commit()?;
            visits += 1;
        }
    }
    tracing::info!(citizens = stored, visits, "demo data seeded");
    Ok(Seeded {
        citizens: stored,
        visits,
    })
}

/// Seeds `count` dossiers for the citizens already stored (demo citizens,
/// round-robin), across the procedures that have forms: answers prefilled
/// from the profile, states from draft to the portal's "result returned",
/// dates over the last three months. Written 1,000 to a transaction, so
/// benchmarks can seed 100,000 in seconds.
///
/// Only a dossier the data supports goes past draft: every answer filled and
/// valid ([`gocua_core::form::fill_sample`]), every paper attached (one small
/// sample page, stored once), marked not applying (conditional papers) or
/// supplied otherwise. A citizen who did not agree to photos of papers keeps
/// drafts only, since their papers cannot be attached.
pub fn demo_seed_dossiers(ctx: &Ctx, count: u32, seed: u64) -> Result<u32> {
    let now = ctx.now();
    let mut rng = Rng(seed ^ 0xD055_1E55);
    let mut store = ctx.store()?;
    // Only citizens who agreed to dossiers being prepared for them get one.
    let mut citizens = Vec::new();
    for c in store.citizens().list()? {
        if store
            .citizens()
            .has_consent(c.id, ConsentPurpose::Dossiers)?
        {
            citizens.push(c);
        }
    }
    if citizens.is_empty() {
        return Err(ApiError::NotFound("citizens".into()));
    }
    let packs = store.catalogue().active_packs()?;
    let mut forms = Vec::new();
    for pack in store.catalogue().active_pack_bodies()? {
        let row = packs
            .iter()
            .find(|p| p.pack_id == pack.pack_id)
            .map(|p| p.id)
            .ok_or_else(|| ApiError::Internal("active pack row".into()))?;
        for p in pack.procedures {
            if let Some(id) = p.form_schema.clone() {
                let schema = crate::dossier::load_schema(ctx, &store, row, &id)?;
                forms.push((row, p, schema));
            }
        }
    }
    if forms.is_empty() {
        return Err(ApiError::NoForm("*".into()));
    }
    let today = vietnam_date(now);
    let sample_commune = sample_commune()?;
    let page = sample_page()?;
    // Each citizen's visits: a dossier is started in one of them when there are.
    let mut visits_of = std::collections::HashMap::new();
    let mut photo_consent = std::collections::HashSet::new();
    for c in &citizens {
        visits_of.insert(c.id, store.visits().of_citizen(c.id)?);
        if store
            .citizens()
            .has_consent(c.id, ConsentPurpose::DocumentImages)?
        {
            photo_consent.insert(c.id);
        }
    }
    let mut made = 0u32;
    while made < count {
        let w = store.write()?;
        let mut tx = w.dossiers();
        for _ in 0..(count - made).min(1000) {
            let citizen = &citizens[(made as usize) % citizens.len()];
            let (pack, procedure, schema) = &forms[rng.below(forms.len() as u64) as usize];
            let mut answers = gocua_core::form::Answers::default();
            crate::dossier::prefill_citizen(schema, citizen, &mut answers);
            // The path it has taken since, event by event: the state
            // machine decides every state, as for a real dossier.
            let mut history: &[Event] = match rng.below(10) {
                0..=2 => &[],
                3..=4 => &[Event::MarkReady],
                5 => &[
                    Event::MarkReady,
                    Event::HandedOff,
                    Event::PortalReports(PortalStatus::Received),
                ],
                6 => &[
                    Event::MarkReady,
                    Event::HandedOff,
                    Event::PortalReports(PortalStatus::Received),
                    Event::PortalReports(PortalStatus::Processing),
                ],
                7 => &[
                    Event::MarkReady,
                    Event::HandedOff,
                    Event::PortalReports(PortalStatus::Received),
                    Event::PortalReports(PortalStatus::NeedsSupplement),
                ],
                _ => &[
                    Event::MarkReady,
                    Event::HandedOff,
                    Event::PortalReports(PortalStatus::Received),
                    Event::PortalReports(PortalStatus::Processing),
                    Event::PortalReports(PortalStatus::Processed),
                    Event::PortalReports(PortalStatus::Returned),
                ],
            };
            let visits = visits_of
                .get(&citizen.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let in_visit =
                (!visits.is_empty()).then(|| &visits[rng.below(visits.len() as u64) as usize]);
            let started = in_visit.and_then(|v| {
                time::OffsetDateTime::parse(
                    &v.started_at,
                    &time::format_description::well_known::Rfc3339,
                )
                .ok()
            });
            let at = match started {
                Some(start) => stamp(start + Duration::minutes(2 + rng.below(6) as i64)),
                None => stamp(
                    now - Duration::days(rng.below(92) as i64)
                        - Duration::minutes(rng.below(600) as i64),
                ),
            };
            let id = rng.uuid();
            // Past draft only when complete: answers, then papers.
            let photos = photo_consent.contains(&citizen.id);
            if !history.is_empty() {
                let facts = gocua_core::form::SampleFacts {
                    commune: citizen
                        .address_commune
                        .as_deref()
                        .unwrap_or(&sample_commune),
                    id_number: &citizen.cccd,
                    phone: "0912345678",
                };
                let env = gocua_core::form::Env {
                    today,
                    commune_exists: &crate::dossier::commune_exists,
                };
                let needs_photo = procedure
                    .documents
                    .iter()
                    .any(|d| brought(d, false) && !d.conditional);
                if (needs_photo && !photos)
                    || !gocua_core::form::fill_sample(schema, &mut answers, &facts, &env)
                {
                    history = &[];
                }
            }
            let answers =
                serde_json::to_string(&answers).map_err(|e| ApiError::Internal(e.to_string()))?;
            let search = crate::dossier::search_text(procedure, Some(citizen));
            tx.create(&gocua_store::NewDossier {
                id: &id,
                procedure_code: &procedure.code,
                procedure_name: &procedure.name.vi,
                pack: *pack,
                schema_id: &schema.id,
                schema_version: schema.version,
                citizen: Some(citizen.id),
                visit: in_visit.map(|v| v.id),
                operator: in_visit.map_or_else(|| rng.pick(OPERATORS), |v| v.operator.as_str()),
                search: &search,
                answers: &answers,
                now: &at,
                consent: &[],
            })?;
            if !history.is_empty() {
                let marks = complete_papers(&w, &id, procedure, &[], &page, &at)?;
                tx.set_documents(&id, &marks, &at)?;
            }
            // A dossier that reached the portal has its code, as the
            // portal gave it at the hand-off.
            let code = format!("DEMO-{}-{:05}", &at[..10].replace('-', ""), made);
            for event in history {
                match event {
                    Event::HandedOff | Event::PortalReports(_) => {
                        let note = (*event == Event::PortalReports(PortalStatus::NeedsSupplement))
                            .then_some(SUPPLEMENT_NOTE);
                        tx.record_portal(&id, &code, *event, note, &at)?;
                    }
                    _ => {
                        tx.transition(&id, *event, &at)?;
                    }
                }
            }
            made += 1;
        }
        w.commit()?;
    }
    tracing::info!(dossiers = made, "demo dossiers seeded");
    Ok(made)
}

/// Makes every paper of a seeded dossier stand: a conditional one not
/// attached is marked as not applying, any other that must be brought gets
/// the sample page. Returns the marks, as the dossier stores them.
fn complete_papers(
    w: &gocua_store::Write<'_>,
    id: &str,
    procedure: &gocua_core::catalogue::Procedure,
    attached: &[u32],
    page: &[u8],
    now: &str,
) -> Result<String> {
    let mut marks = std::collections::BTreeMap::new();
    for (n, d) in procedure.documents.iter().enumerate() {
        let n = n as u32;
        if !brought(d, attached.contains(&n)) {
            continue;
        }
        if d.conditional {
            marks.insert(n, gocua_core::dossier::PaperMark::NotApplicable);
        } else {
            w.attachments()
                .attach(id, n, "trang-mau.jpg", "image/jpeg", page, now)?;
        }
    }
    serde_json::to_string(&marks).map_err(|e| ApiError::Internal(e.to_string()))
}

/// Whether a paper still has to be brought, by the one rule the view and the
/// completeness check use ([`gocua_core::dossier::PaperStatus::of`], no mark yet).
fn brought(d: &gocua_core::catalogue::RequiredDocument, attached: bool) -> bool {
    use gocua_core::dossier::PaperStatus;
    PaperStatus::of(
        attached,
        d.form == gocua_core::catalogue::PaperForm::Declaration,
        d.reusable_from_national_db,
        d.conditional,
        None,
    )
    .is_missing()
}

/// A commune that exists, for addresses of citizens whose card gave none.
fn sample_commune() -> Result<String> {
    let units = crate::units::units()?;
    units
        .provinces()
        .first()
        .and_then(|p| units.communes_of(&p.code).first().map(|c| c.code.clone()))
        .ok_or_else(|| ApiError::Internal("no communes".into()))
}

/// The one sample page every seeded paper shows: a small grey JPEG with
/// lines like printed text, stored once however many dossiers use it.
fn sample_page() -> Result<Vec<u8>> {
    let img = image::GrayImage::from_fn(210, 297, |x, y| {
        let text_line = y > 30 && y < 270 && (y / 6) % 3 == 0 && x > 20 && x < 190;
        image::Luma([if text_line { 60 } else { 235 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .map_err(|e| ApiError::Internal(format!("sample page: {e}")))?;
    Ok(out.into_inner())
}

/// What [`demo_seed_outbox`] queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queued {
    /// Dossiers queued.
    pub dossiers: u32,
    /// Attachment bytes plus submission JSON bytes: what must cross the wire.
    pub payload_bytes: u64,
}

/// Queues `count` dossiers with `attachments` photos each (incompressible
/// bytes of 40–160 KB, like JPEG pages) for the stored demo citizens, ready
/// to be sent: the outbox benchmark's and the sync tests' data.
pub fn demo_seed_outbox(ctx: &Ctx, count: u32, attachments: u32, seed: u64) -> Result<Queued> {
    let mut rng = Rng(seed ^ 0x0B0C_5EED);
    let mut store = ctx.store()?;
    // Citizens who agreed to dossiers (and photos, when there are photos);
    // without any, the dossiers carry their own consent.
    let mut citizens = Vec::new();
    for c in store.citizens().list()? {
        let citizens_of = store.citizens();
        if citizens_of.has_consent(c.id, ConsentPurpose::Dossiers)?
            && (attachments == 0
                || citizens_of.has_consent(c.id, ConsentPurpose::DocumentImages)?)
        {
            citizens.push(c);
        }
    }
    let (pack, procedure) = store
        .catalogue()
        .procedure("GC-GPLX")?
        .ok_or_else(|| ApiError::NotFound("GC-GPLX".into()))?;
    let schema_id = procedure.form_schema.clone().unwrap_or_default();
    let schema = crate::dossier::load_schema(ctx, &store, pack, &schema_id)?;
    let now = stamp(ctx.now());
    let env = gocua_core::form::Env {
        today: vietnam_date(ctx.now()),
        commune_exists: &crate::dossier::commune_exists,
    };
    let page = sample_page()?;
    let sample_commune = sample_commune()?;
    let mut payload_bytes = 0u64;
    for n in 0..count {
        let citizen = citizens.get(n as usize % citizens.len().max(1));
        let id = rng.uuid();
        let mut answers = gocua_core::form::Answers::default();
        if let Some(c) = citizen {
            crate::dossier::prefill_citizen(&schema, c, &mut answers);
        }
        // Complete, as a volunteer leaves it before queueing.
        let facts = gocua_core::form::SampleFacts {
            commune: citizen
                .and_then(|c| c.address_commune.as_deref())
                .unwrap_or(&sample_commune),
            id_number: citizen.map_or("001090123456", |c| c.cccd.as_str()),
            phone: "0912345678",
        };
        if !gocua_core::form::fill_sample(&schema, &mut answers, &facts, &env) {
            return Err(ApiError::Internal(format!(
                "{} cannot be filled",
                schema.id
            )));
        }
        let values = gocua_core::form::effective(&schema, &answers).values;
        let answers =
            serde_json::to_string(&answers).map_err(|e| ApiError::Internal(e.to_string()))?;
        // The very payload the app builds when a volunteer queues a dossier.
        let payload = serde_json::to_string(&gocua_sync::payload::submission(
            &id,
            &procedure,
            gocua_sync::payload::Owner {
                name: citizen.map(|c| c.name.as_str()).unwrap_or_default(),
                id_number: citizen.map(|c| c.cccd.as_str()).unwrap_or_default(),
            },
            values,
        ))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
        payload_bytes += payload.len() as u64;
        let w = store.write()?;
        let mut tx = w.dossiers();
        tx.create(&gocua_store::NewDossier {
            id: &id,
            procedure_code: &procedure.code,
            procedure_name: &procedure.name.vi,
            pack,
            schema_id: &schema.id,
            schema_version: schema.version,
            citizen: citizen.map(|c| c.id),
            visit: None,
            operator: rng.pick(OPERATORS),
            search: &crate::dossier::search_text(&procedure, citizen),
            answers: &answers,
            now: &now,
            consent: &[
                (ConsentPurpose::Dossiers, true),
                (ConsentPurpose::DocumentImages, true),
            ],
        })?;
        let mut attached = Vec::new();
        for k in 0..attachments {
            let size = 40 * 1024 + rng.below(120 * 1024) as usize;
            let mut data = Vec::with_capacity(size + 8);
            while data.len() < size {
                data.extend_from_slice(&rng.next().to_le_bytes());
            }
            data.truncate(size);
            payload_bytes += size as u64;
            let document = k % procedure.documents.len().max(1) as u32;
            attached.push(document);
            w.attachments().attach(
                &id,
                document,
                &format!("trang-{}.jpg", k + 1),
                "image/jpeg",
                &data,
                &now,
            )?;
        }
        let marks = complete_papers(&w, &id, &procedure, &attached, &page, &now)?;
        tx.set_documents(&id, &marks, &now)?;
        let op = rng.uuid();
        // Queued as a volunteer would: made ready, then put in the outbox.
        tx.transition(&id, Event::MarkReady, &now)?;
        tx.transition(&id, Event::Queue, &now)?;
        w.outbox()
            .enqueue(&op, &id, OpKind::Submit, &payload, false, &now)?;
        w.commit()?;
    }
    Ok(Queued {
        dossiers: count,
        payload_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;

    /// A seeded dossier past draft is one a volunteer could have made
    /// ready: every answer there and valid, every paper standing; one with
    /// the portal has the portal's code. (The tour found "ready" dossiers
    /// with 20 answers missing sent to the portal.)
    #[test]
    fn seeded_dossiers_past_draft_are_complete()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        use gocua_core::dossier::DossierState;
        let dir = tempfile::tempdir()?;
        let mut opts = CtxOptions::for_tests(dir.path());
        opts.clock = crate::clock::fixed(time::macros::datetime!(2026-11-25 03:00 UTC));
        let ctx = Ctx::open(opts)?;
        demo_seed(&ctx, 30, 3)?;
        demo_seed_dossiers(&ctx, 150, 3)?;
        let store = ctx.store()?;
        let rows = store.dossiers().list(&gocua_store::ListFilter {
            limit: 1000,
            ..Default::default()
        })?;
        assert_eq!(rows.len(), 150);
        let past_draft: Vec<_> = rows
            .iter()
            .filter(|r| r.state != DossierState::Draft)
            .collect();
        assert!(
            past_draft.len() >= 50,
            "only {} past draft",
            past_draft.len()
        );
        for r in past_draft {
            crate::dossier::for_sending(&ctx, &store, &r.id)
                .map_err(|e| format!("{} ({}): {e}", r.id, r.procedure_code))?;
            if matches!(r.state, DossierState::Portal(_)) {
                assert!(r.portal_code.is_some(), "{} has no portal code", r.id);
            }
        }
        Ok(())
    }

    #[test]
    fn seeded_citizens_are_valid_spread_over_three_months_and_unreadable_on_disk()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut opts = CtxOptions::for_tests(dir.path());
        opts.clock = crate::clock::fixed(time::macros::datetime!(2026-11-25 03:00 UTC));
        let ctx = Ctx::open(opts)?;
        let seeded = demo_seed(&ctx, 40, 7)?;
        assert_eq!(seeded.citizens, 40);
        assert!(seeded.visits >= 40);

        let citizens = crate::citizen_list(&ctx)?;
        assert_eq!(citizens.len(), 40);
        let mut months = std::collections::BTreeSet::new();
        for c in &citizens {
            // Every card passes the scanner's own checks.
            let line = format!(
                "{}|{}|{}|{}|{}|{}|{}",
                c.cccd,
                c.card.old_id.clone().unwrap_or_default(),
                c.name,
                c.card.birth_date.split('-').rev().collect::<String>(),
                c.card.sex,
                c.card.address,
                c.card.issue_date.split('-').rev().collect::<String>()
            );
            crate::cccd_parse(&ctx, crate::dto::CccdParse { text: line })?;
            for v in &c.visits {
                months.insert(v.started_at[..7].to_owned());
            }
        }
        assert!(
            months.len() >= 3,
            "visits should span three months: {months:?}"
        );
        assert!(months.contains("2026-11"));

        // Nothing of it is readable in the data directory.
        drop(ctx);
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir.path())? {
            files.push(std::fs::read(entry?.path())?);
        }
        for c in &citizens {
            for needle in [c.cccd.as_bytes(), c.name.as_bytes()] {
                assert!(
                    !files
                        .iter()
                        .any(|f| f.windows(needle.len()).any(|w| w == needle)),
                    "{} found in plain text",
                    String::from_utf8_lossy(needle)
                );
            }
        }
        Ok(())
    }
}
