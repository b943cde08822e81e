//! Helpers shared by the dossier and sync tests: a citizen, and a form
//! filled page by page with valid answers as the wizard would.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of them

use base64::Engine as _;
use gocua_api::dto::{
    AttachmentAdd, CccdParse, CitizenRegister, ConsentDecision, DossierGo, DossierItem,
    DossierMark, DossierSet, DossierView, UnitsCommunes,
};
use gocua_api::{Ctx, CtxOptions};

pub const CARD: &str = "079190001234||Trần Thị Thử|01021990|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021";

pub fn open(dir: &std::path::Path) -> Ctx {
    Ctx::open(CtxOptions::for_tests(dir)).unwrap()
}

pub fn citizen(ctx: &Ctx) -> String {
    citizen_of(ctx, CARD)
}

/// Registers the citizen of a card's QR text, with every consent.
pub fn citizen_of(ctx: &Ctx, card: &str) -> String {
    let check = gocua_api::cccd_parse(ctx, CccdParse { text: card.into() }).unwrap();
    let commune = check
        .address
        .as_ref()
        .and_then(|a| a.new.first())
        .map(|c| c.commune.code.clone());
    gocua_api::citizen_register(
        ctx,
        CitizenRegister {
            visit: None,
            card: check.card,
            commune,
            consents: ["profile", "dossiers", "document_images"]
                .map(|purpose| ConsentDecision {
                    purpose: purpose.parse().unwrap(),
                    granted: true,
                })
                .into(),
        },
    )
    .unwrap()
    .cccd
}

pub fn some_commune() -> String {
    let province = gocua_api::units_provinces().unwrap()[0].code.clone();
    gocua_api::units_communes(UnitsCommunes { province }).unwrap()[0]
        .code
        .clone()
}

pub fn png() -> String {
    let img = image::RgbImage::from_fn(300, 400, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, 200])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// A valid answer for a field, as a volunteer would type it.
pub fn sample(kind: &str, field: &gocua_api::dto::FieldDto) -> String {
    match kind {
        "number" => field.min_items.max(1).to_string(),
        "date" if field.id.contains("stay_until") => "01/01/2027".into(),
        "date" => "01/02/2020".into(),
        "choice" => field.options[0].value.clone(),
        "yes_no" => "yes".into(),
        "phone" => "0912 345 678".into(),
        "cccd" => "001090123456".into(),
        _ => "Nguyễn Văn Mẫu"
            .chars()
            .take(field.max_length.unwrap_or(100) as usize)
            .collect(),
    }
}

/// Fills every visible empty or wrong answer, page by page, as the wizard
/// would, until the form has no problems.
pub fn fill(ctx: &Ctx, mut v: DossierView) -> DossierView {
    let commune = some_commune();
    for _round in 0..6 {
        if v.issues.is_empty() {
            return v;
        }
        let pages: Vec<_> = v
            .sections
            .iter()
            .flat_map(|s| s.pages.clone())
            .filter(|p| p.visible)
            .collect();
        for page in pages {
            v = gocua_api::dossier_go(
                ctx,
                DossierGo {
                    id: v.id.clone(),
                    position: page.id.clone(),
                },
            )
            .unwrap();
            for f in &page.fields {
                let wrong = |v: &DossierView, path: &str| {
                    v.issues.iter().any(|i| i.path == path) || !v.answers.values.contains_key(path)
                };
                let set = |v: DossierView, path: String, value: String| {
                    gocua_api::dossier_set(
                        ctx,
                        DossierSet {
                            id: v.id.clone(),
                            path,
                            value,
                        },
                    )
                    .unwrap()
                };
                match f.kind.as_str() {
                    "group" => {
                        while (v.answers.items.get(&f.id).copied().unwrap_or(0))
                            < f.min_items.max(1)
                        {
                            v = gocua_api::dossier_item(
                                ctx,
                                DossierItem {
                                    id: v.id.clone(),
                                    group: f.id.clone(),
                                    remove: None,
                                },
                            )
                            .unwrap();
                        }
                        for i in 0..v.answers.items[&f.id] {
                            for sub in &f.fields {
                                let path = format!("{}[{i}].{}", f.id, sub.id);
                                if !v.hidden.contains(&path) && wrong(&v, &path) {
                                    v = set(v, path, sample(sub.kind.as_str(), sub));
                                }
                            }
                        }
                    }
                    "address" => {
                        if v.issues.iter().any(|i| i.path == f.id)
                            || !v.answers.values.contains_key(&format!("{}.commune", f.id))
                        {
                            v = set(v, format!("{}.commune", f.id), commune.clone());
                            v = set(v, format!("{}.line", f.id), "12 Lê Lợi".into());
                        }
                    }
                    kind => {
                        if wrong(&v, &f.id) {
                            v = set(v, f.id.clone(), sample(kind, f));
                        }
                    }
                }
            }
        }
    }
    v
}

/// Attaches a photo to every missing paper, marks conditional ones not needed.
pub fn papers(ctx: &Ctx, mut v: DossierView) -> DossierView {
    for d in v.documents.clone() {
        if d.status != gocua_api::dto::PaperStatus::Missing {
            continue;
        }
        v = if d.conditional {
            gocua_api::dossier_mark(
                ctx,
                DossierMark {
                    id: v.id.clone(),
                    document: d.index,
                    mark: Some(gocua_api::dto::PaperMark::NotApplicable),
                },
            )
            .unwrap()
        } else {
            gocua_api::attachment_add(
                ctx,
                AttachmentAdd {
                    id: v.id.clone(),
                    document: d.index,
                    name: Some("anh.png".into()),
                    data_base64: png(),
                },
            )
            .unwrap()
        };
    }
    v
}

/// A driving-licence dossier for the test citizen, filled, papers attached,
/// marked ready: its id.
pub fn ready_gplx(ctx: &Ctx) -> String {
    use gocua_api::dto::DossierRef;
    let v = gplx_draft(ctx);
    let id = papers(ctx, fill(ctx, v)).id;
    gocua_api::dossier_ready(ctx, DossierRef { id: id.clone() }).unwrap();
    id
}

/// A new, empty driving-licence draft for a stored citizen who agreed to
/// dossiers and photos of papers.
pub fn gplx_draft(ctx: &Ctx) -> DossierView {
    draft(ctx, "GC-GPLX")
}

/// A new, empty draft of `procedure` for a stored citizen who agreed to
/// dossiers and photos of papers.
pub fn draft(ctx: &Ctx, procedure: &str) -> DossierView {
    use gocua_api::dto::DossierCreate;
    let person = citizen(ctx);
    gocua_api::dossier_create(
        ctx,
        DossierCreate {
            procedure_code: procedure.into(),
            citizen: Some(person),
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )
    .unwrap()
    .dossier
    .unwrap()
}
