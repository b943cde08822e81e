//! Dossiers through the command surface: every shipped form can be filled to
//! "ready", answers survive a reopen whatever the edits, duplicates are
//! caught, older forms show what changed, the checklist prints.

use gocua_api::ErrorCode;
use gocua_api::dto::{
    AttachmentAdd, DossierCreate, DossierGo, DossierItem, DossierList, DossierMark, DossierRef,
    DossierSet,
};

use crate::common::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[test]
fn every_shipped_form_can_be_filled_attached_and_made_ready() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let forms = gocua_api::forms_list(&ctx)?;
    let codes: Vec<&str> = forms.iter().map(|f| f.procedure_code.as_str()).collect();
    for want in [
        "GC-KHAISINH",
        "GC-THUONGTRU",
        "GC-TAMTRU",
        "GC-GPLX",
        "GC-LLTP",
        "GC-KETHON",
        "GC-KHAITU",
        "GC-LT-KHAISINH",
    ] {
        assert!(codes.contains(&want), "{want} has no form");
    }
    for form in &forms {
        let created = gocua_api::dossier_create(
            &ctx,
            DossierCreate {
                procedure_code: form.procedure_code.clone(),
                citizen: Some(person.clone()),
                visit: None,
                force: false,
                consent: vec![
                    gocua_api::dto::ConsentPurposeCode::Dossiers,
                    gocua_api::dto::ConsentPurposeCode::DocumentImages,
                ],
            },
        )?;
        let v = created.dossier.ok_or("not created")?;
        assert!(
            !v.issues.is_empty(),
            "{}: a new dossier cannot be complete",
            form.procedure_code
        );
        // Not ready yet: says what is missing.
        let err = gocua_api::dossier_ready(&ctx, DossierRef { id: v.id.clone() }).unwrap_err();
        assert_eq!(err.code(), ErrorCode::DossierIncomplete);

        let mut v = fill(&ctx, v);
        assert!(
            v.issues.is_empty(),
            "{}: still {:?}",
            form.procedure_code,
            v.issues
        );
        for d in v.documents.clone() {
            if d.status != gocua_api::dto::PaperStatus::Missing {
                continue;
            }
            v = if d.conditional {
                gocua_api::dossier_mark(
                    &ctx,
                    DossierMark {
                        id: v.id.clone(),
                        document: d.index,
                        mark: Some(gocua_api::dto::PaperMark::NotApplicable),
                    },
                )?
            } else {
                gocua_api::attachment_add(
                    &ctx,
                    AttachmentAdd {
                        id: v.id.clone(),
                        document: d.index,
                        name: Some("anh.png".into()),
                        data_base64: png(),
                    },
                )?
            };
        }
        let ready = gocua_api::dossier_ready(&ctx, DossierRef { id: v.id.clone() })?;
        assert_eq!(
            ready.state,
            gocua_api::dto::DossierState::Ready,
            "{}",
            form.procedure_code
        );
        let pdf = gocua_api::dossier_checklist(
            &ctx,
            DossierRef { id: v.id.clone() },
            Some(&dir.path().join("c.pdf")),
        )?;
        assert!(std::fs::read(&pdf.path)?.starts_with(b"%PDF"));
        // An edit after "ready" takes it back to draft.
        let path = v.issues.first().map(|i| i.path.clone());
        assert!(path.is_none());
    }
    Ok(())
}

#[test]
fn prefill_from_the_profile_and_from_earlier_answers() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let v = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-KHAISINH".into(),
            citizen: Some(person.clone()),
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?
    .dossier
    .ok_or("not created")?;
    assert_eq!(
        v.answers.values.get("declarant_name").map(String::as_str),
        Some("Trần Thị Thử")
    );
    assert_eq!(
        v.answers.values.get("declarant_id").map(String::as_str),
        Some("079190001234")
    );
    assert_eq!(
        v.answers
            .values
            .get("declarant_home.line")
            .map(String::as_str),
        Some("12 Lê Lợi")
    );
    assert!(v.answers.values.contains_key("declarant_home.commune"));
    // The father's address repeats the mother's when his page opens.
    let commune = some_commune();
    let id = v.id.clone();
    let set = |path: &str, value: &str| {
        gocua_api::dossier_set(
            &ctx,
            DossierSet {
                id: id.clone(),
                path: path.into(),
                value: value.into(),
            },
        )
        .unwrap()
    };
    set("mother_home.commune", &commune);
    set("mother_home.line", "5 Trần Phú");
    set("father_known", "yes");
    let v = gocua_api::dossier_go(
        &ctx,
        DossierGo {
            id: id.clone(),
            position: "father_home".into(),
        },
    )?;
    assert_eq!(
        v.answers.values.get("father_home.line").map(String::as_str),
        Some("5 Trần Phú")
    );
    assert_eq!(v.position, "father_home");
    // Cleared on purpose, it is not filled again.
    set("father_home.line", "");
    let v = gocua_api::dossier_go(
        &ctx,
        DossierGo {
            id: id.clone(),
            position: "father_home".into(),
        },
    )?;
    assert_eq!(
        v.answers.values.get("father_home.line").map(String::as_str),
        Some("")
    );
    Ok(())
}

#[test]
fn a_second_open_dossier_for_the_same_procedure_is_flagged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let req = DossierCreate {
        procedure_code: "GC-LLTP".into(),
        citizen: Some(person.clone()),
        visit: None,
        force: false,
        consent: vec![
            gocua_api::dto::ConsentPurposeCode::Dossiers,
            gocua_api::dto::ConsentPurposeCode::DocumentImages,
        ],
    };
    let first = gocua_api::dossier_create(&ctx, req.clone())?
        .dossier
        .ok_or("first")?;
    let again = gocua_api::dossier_create(&ctx, req.clone())?;
    assert!(again.dossier.is_none());
    assert_eq!(again.duplicates.len(), 1);
    assert_eq!(again.duplicates[0].id, first.id);
    assert_eq!(
        again.duplicates[0].citizen_cccd.as_deref(),
        Some("079••••••234")
    );
    let forced = gocua_api::dossier_create(&ctx, DossierCreate { force: true, ..req })?;
    assert!(forced.dossier.is_some());
    // Another procedure is no duplicate.
    let other = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: Some(person.clone()),
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?;
    assert!(other.dossier.is_some());
    Ok(())
}

#[test]
fn the_list_finds_by_name_without_diacritics_id_number_procedure_and_state() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    for code in ["GC-LLTP", "GC-GPLX", "GC-KHAISINH"] {
        gocua_api::dossier_create(
            &ctx,
            DossierCreate {
                procedure_code: code.into(),
                citizen: Some(person.clone()),
                visit: None,
                force: false,
                consent: vec![
                    gocua_api::dto::ConsentPurposeCode::Dossiers,
                    gocua_api::dto::ConsentPurposeCode::DocumentImages,
                ],
            },
        )?;
    }
    let find = |query: &str, state: Option<&str>| {
        gocua_api::dossier_list(
            &ctx,
            DossierList {
                query: query.into(),
                state: state.map(|s| s.parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap()
        .items
        .len()
    };
    assert_eq!(find("", None), 3);
    assert_eq!(find("tran thi thu", None), 3);
    assert_eq!(find("079190001234", None), 3);
    assert_eq!(find("ly lich", None), 1);
    assert_eq!(find("giay phep lai xe thu", None), 1);
    assert_eq!(find("nguyen", None), 0);
    assert_eq!(find("", Some("open")), 3);
    assert_eq!(find("", Some("ready")), 0);
    assert_eq!(
        find("%_", None),
        3,
        "punctuation is no filter (and never a LIKE wildcard)"
    );
    assert_eq!(find("", Some("all")), 3);
    assert_eq!(find("", Some("sent")), 0);
    // A state that is not ours is refused at the door, naming the value.
    let bad = gocua_api::surface::call(
        &ctx,
        gocua_api::surface::Door::Cli,
        "dossier_list",
        serde_json::json!({ "state": "nope" }),
    );
    assert_eq!(bad.unwrap_err().code(), ErrorCode::InvalidValue);
    assert!("nope".parse::<gocua_api::dto::DossierFilter>().is_err());
    Ok(())
}

#[test]
fn refused_edits_lose_nothing_and_name_the_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-KETHON".into(),
            citizen: None,
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?
    .dossier
    .ok_or("not created")?;
    let id = v.id.clone();
    let v = gocua_api::dossier_set(
        &ctx,
        DossierSet {
            id: id.clone(),
            path: "groom_birth_date".into(),
            value: "31/02/1990".into(),
        },
    )?;
    // Kept as typed, with a translated problem on its page.
    assert_eq!(v.answers.values["groom_birth_date"], "31/02/1990");
    let issue = v
        .issues
        .iter()
        .find(|i| i.path == "groom_birth_date")
        .ok_or("no issue")?;
    assert_eq!(
        (issue.code.as_str(), issue.page.as_str()),
        ("not-a-date", "groom_identity")
    );
    assert!(issue.message.contains("ngày"), "{}", issue.message);
    let err = gocua_api::dossier_set(
        &ctx,
        DossierSet {
            id: id.clone(),
            path: "nope".into(),
            value: "x".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidValue);
    let reopened = gocua_api::dossier_open(&ctx, DossierRef { id })?;
    assert_eq!(reopened.answers, v.answers);
    Ok(())
}

#[test]
fn a_draft_on_an_older_form_opens_and_shows_what_changed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-KHAITU".into(),
            citizen: None,
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?
    .dossier
    .ok_or("not created")?;
    gocua_api::dossier_set(
        &ctx,
        DossierSet {
            id: v.id.clone(),
            path: "deceased_name".into(),
            value: "Lê Văn Cũ".into(),
        },
    )?;
    // A newer pack: the next khai-tu adds a required field and drops one.
    let mut pack: serde_json::Value =
        serde_json::from_str(include_str!("../../../../data/catalogue/vn-national.json"))?;
    pack["version"] = (pack["version"].as_u64().ok_or("version")? + 1).into();
    let forms = pack["forms"].as_array_mut().ok_or("forms")?;
    let form = forms
        .iter_mut()
        .find(|f| f["id"] == "khai-tu")
        .ok_or("khai-tu")?;
    let shipped = form["version"].as_u64().ok_or("form version")? as u32;
    form["version"] = (shipped + 1).into();
    let page = &mut form["sections"][2]["pages"][0]["fields"];
    let fields = page.as_array_mut().ok_or("fields")?;
    fields.retain(|f| f["id"] != "death_cause");
    fields.push(serde_json::json!({"id": "burial_place", "type": "text", "label": {"vi": "Nơi an táng", "en": "Burial place"}}));
    gocua_api::catalog_import(
        &ctx,
        gocua_api::dto::CatalogImport {
            json: pack.to_string(),
            allow_unsigned: true,
        },
    )?;

    let v = gocua_api::dossier_open(&ctx, DossierRef { id: v.id.clone() })?;
    assert_eq!(
        (v.schema_version, v.newer_version),
        (shipped, Some(shipped + 1))
    );
    let kinds: Vec<(&str, &str)> = v
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("added", "burial_place"), ("removed", "death_cause")]
    );
    assert_eq!(v.answers.values["deceased_name"], "Lê Văn Cũ");
    let up = gocua_api::dossier_upgrade(&ctx, DossierRef { id: v.id.clone() })?;
    assert_eq!((up.schema_version, up.newer_version), (shipped + 1, None));
    assert!(up.issues.iter().any(|i| i.path == "burial_place"));
    assert_eq!(up.answers.values["deceased_name"], "Lê Văn Cũ");
    Ok(())
}

#[test]
fn erasing_the_citizen_erases_their_dossiers_and_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let v = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: Some(person.clone()),
            visit: None,
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?
    .dossier
    .ok_or("not created")?;
    let v = gocua_api::attachment_add(
        &ctx,
        AttachmentAdd {
            id: v.id.clone(),
            document: 0,
            name: None,
            data_base64: png(),
        },
    )?;
    assert_eq!(v.documents[0].status, gocua_api::dto::PaperStatus::Attached);
    gocua_api::citizen_erase(
        &ctx,
        gocua_api::dto::CitizenShow {
            cccd: "079190001234".into(),
        },
    )?;
    assert_eq!(
        gocua_api::dossier_open(&ctx, DossierRef { id: v.id })
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert!(
        gocua_api::dossier_list(&ctx, DossierList::default())?
            .items
            .is_empty()
    );
    Ok(())
}

mod edits_survive_a_reopen {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Set(usize, String),
        Add,
        Remove(u32),
        SetMember(u32, usize, String),
    }

    const PATHS: [&str; 5] = [
        "applicant_name",
        "applicant_phone",
        "applicant_email",
        "request_content",
        "new_residence.line",
    ];
    const MEMBER: [&str; 3] = ["member_name", "member_birth_date", "member_id"];

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..PATHS.len(), "\\PC{0,20}").prop_map(|(i, v)| Op::Set(i, v)),
            Just(Op::Add),
            (0u32..4).prop_map(Op::Remove),
            (0u32..4, 0..MEMBER.len(), "\\PC{0,12}").prop_map(|(i, f, v)| Op::SetMember(i, f, v)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn any_sequence_of_edits_reads_back_the_same(ops in proptest::collection::vec(op(), 1..25)) {
            let dir = tempfile::tempdir().unwrap();
            let (id, last) = {
                let ctx = open(dir.path());
                let v = gocua_api::dossier_create(&ctx, DossierCreate { procedure_code: "GC-THUONGTRU".into(), citizen: None, visit: None, force: false, consent: vec![gocua_api::dto::ConsentPurposeCode::Dossiers, gocua_api::dto::ConsentPurposeCode::DocumentImages] })
                    .unwrap().dossier.unwrap();
                let id = v.id.clone();
                let mut last = v;
                for o in ops {
                    let r = match o {
                        Op::Set(i, value) => gocua_api::dossier_set(&ctx, DossierSet { id: id.clone(), path: PATHS[i].into(), value }),
                        Op::Add => gocua_api::dossier_item(&ctx, DossierItem { id: id.clone(), group: "members".into(), remove: None }),
                        Op::Remove(i) => gocua_api::dossier_item(&ctx, DossierItem { id: id.clone(), group: "members".into(), remove: Some(i) }),
                        Op::SetMember(i, f, value) => gocua_api::dossier_set(&ctx, DossierSet { id: id.clone(), path: format!("members[{i}].{}", MEMBER[f]), value }),
                    };
                    if let Ok(v) = r { last = v; }
                }
                (id, last)
            };
            let ctx = open(dir.path());
            let back = gocua_api::dossier_open(&ctx, DossierRef { id }).unwrap();
            prop_assert_eq!(back.answers, last.answers);
            prop_assert_eq!(back.revision, last.revision);
        }
    }
}

#[test]
fn a_dossier_started_in_a_visit_is_recorded_in_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let visit = gocua_api::visit_start(
        &ctx,
        gocua_api::dto::VisitStart {
            operator: "Lan".into(),
            place_commune: None,
        },
    )?;
    gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: Some(person.clone()),
            visit: Some(visit.id),
            force: false,
            consent: vec![
                gocua_api::dto::ConsentPurposeCode::Dossiers,
                gocua_api::dto::ConsentPurposeCode::DocumentImages,
            ],
        },
    )?;
    let v = gocua_api::visit_update(
        &ctx,
        gocua_api::dto::VisitUpdate {
            id: visit.id,
            vneid_outcome: gocua_api::dto::VneidOutcome::NotAttempted,
            vneid_note: None,
            portal_outcome: gocua_api::dto::PortalOutcome::NotAttempted,
            portal_note: None,
            guide_progress: "{}".into(),
        },
    )?;
    let dossiers = v.dossiers;
    assert_eq!(dossiers, ["Cấp, cấp đổi, cấp lại giấy phép lái xe"]);
    Ok(())
}

/// The view says how each answer reads (the one source for check answers,
/// the hand-off and the checklist): a choice by its label, Có/Không, a date
/// as dd/mm/yyyy whatever was typed, and each problem names its field as
/// people read it.
#[test]
fn the_view_shows_each_answer_as_people_read_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let person = citizen(&ctx);
    let created = gocua_api::dossier_create(
        &ctx,
        DossierCreate {
            procedure_code: "GC-KHAISINH".into(),
            citizen: Some(person),
            visit: None,
            force: false,
            consent: vec![gocua_api::dto::ConsentPurposeCode::Dossiers],
        },
    )?;
    let v = created.dossier.ok_or("not created")?;
    for issue in &v.issues {
        assert!(
            !issue.label.is_empty() && !issue.label.contains('[') && !issue.label.contains('_'),
            "{} reads as {:?}",
            issue.path,
            issue.label
        );
    }
    let v = fill(&ctx, v);
    let fields: Vec<_> = v
        .sections
        .iter()
        .flat_map(|s| s.pages.iter())
        .flat_map(|p| p.fields.iter())
        .collect();
    let mut checked = 0;
    for f in fields {
        let Some(raw) = v.answers.values.get(&f.id) else {
            continue;
        };
        let shown = v.shown.get(&f.id).ok_or(format!("{} not shown", f.id))?;
        match f.kind.as_str() {
            "choice" => {
                let label = f
                    .options
                    .iter()
                    .find(|o| &o.value == raw)
                    .map(|o| o.label.vi.clone())
                    .ok_or("unknown option")?;
                assert_eq!(shown, &label, "{}", f.id);
                checked += 1;
            }
            "yes_no" => {
                assert!(
                    ["Có", "Không"].contains(&shown.as_str()),
                    "{}: {shown}",
                    f.id
                );
                checked += 1;
            }
            "date" => {
                let parts: Vec<&str> = shown.split('/').collect();
                assert!(
                    parts.len() == 3 && parts[0].len() == 2 && parts[1].len() == 2,
                    "{}: {shown}",
                    f.id
                );
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(checked >= 2, "the form has choices, dates or yes/no fields");
    // A date typed without leading zeros reads as dd/mm/yyyy.
    let date = v
        .sections
        .iter()
        .flat_map(|s| s.pages.iter())
        .flat_map(|p| p.fields.iter())
        .find(|f| f.kind.as_str() == "date")
        .ok_or("no date field")?;
    let v = gocua_api::dossier_set(
        &ctx,
        DossierSet {
            id: v.id.clone(),
            path: date.id.clone(),
            value: "1/2/2020".into(),
        },
    )?;
    assert_eq!(v.answers.values[&date.id], "1/2/2020", "kept as typed");
    assert_eq!(v.shown[&date.id], "01/02/2020");
    Ok(())
}

/// Answers one field of a draft.
fn set_answer(
    ctx: &gocua_api::Ctx,
    id: &str,
    path: &str,
    value: &str,
) -> gocua_api::Result<gocua_api::dto::DossierView> {
    gocua_api::dossier_set(
        ctx,
        DossierSet {
            id: id.to_owned(),
            path: path.into(),
            value: value.into(),
        },
    )
}

/// A licence issued before 2025 carries an old class (B2 is the one most
/// often exchanged): it can be chosen, and an unknown class still cannot.
#[test]
fn an_old_driving_licence_class_can_be_exchanged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = gplx_draft(&ctx);
    let set = |value: &str| set_answer(&ctx, &v.id, "licence_class", value);
    for old in ["b2", "a2", "e", "fc"] {
        let view = set(old)?;
        assert!(
            !view.issues.iter().any(|i| i.path == "licence_class"),
            "{old}: {:?}",
            view.issues
        );
    }
    let view = set("z9")?;
    assert!(view.issues.iter().any(|i| i.path == "licence_class"));
    Ok(())
}

/// A paper the answers decide (`applies_if` in the pack): the driving
/// licence's health certificate is needed for a class with an expiry (old B2)
/// and not for a motorcycle licence without one (A1) — and the form's health
/// section follows the same answer.
#[test]
fn the_answers_decide_whether_a_paper_is_needed() -> TestResult {
    use gocua_api::dto::PaperStatus;
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = gplx_draft(&ctx);
    let set = |value: &str| set_answer(&ctx, &v.id, "licence_class", value);
    let health = |view: &gocua_api::dto::DossierView| {
        let doc = view
            .documents
            .iter()
            .find(|d| d.name.vi.starts_with("Giấy khám sức khỏe"))
            .map(|d| d.status);
        let section = view.sections.iter().any(|s| s.id == "health" && s.visible);
        (doc, section)
    };
    // Needed: taken from the national database when issued electronically.
    let needed = (Some(PaperStatus::NationalDb), true);
    assert_eq!(health(&set("b2")?), needed);
    assert_eq!(
        health(&set("a1")?),
        (Some(PaperStatus::NotApplicable), false)
    );
    assert_eq!(health(&set("b1_old")?), needed);
    Ok(())
}

/// CT01 has no "new residence" line: the helper's answer is written inside
/// "Nội dung đề nghị" for the printout and the hand-off, and not on its own;
/// the check-answers page still shows each answer apart.
#[test]
fn helper_answers_are_written_inside_the_official_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = draft(&ctx, "GC-THUONGTRU");
    let v = fill(&ctx, v);
    let helper = v
        .shown
        .get("new_residence")
        .ok_or("no new residence shown")?;
    assert!(!v.official.contains_key("new_residence"));
    let official = v
        .official
        .get("request_content")
        .ok_or("no request content")?;
    assert!(
        official.starts_with(&v.shown["request_content"]) && official.contains(helper.as_str()),
        "{official:?}"
    );
    Ok(())
}

/// When the answers say a paper is needed, the volunteer may still mark it
/// as not applying (the owner wrote the consent on CT01 itself); when they
/// say it is not, it does not apply whatever was marked.
#[test]
fn a_paper_the_answers_require_can_still_be_marked_as_not_applying() -> TestResult {
    use gocua_api::dto::{DossierMark, PaperMark, PaperStatus};
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = draft(&ctx, "GC-THUONGTRU");
    let consent = v
        .documents
        .iter()
        .find(|d| d.by_answers)
        .map(|d| d.index)
        .ok_or("no paper decided by the answers")?;
    let status = |view: &gocua_api::dto::DossierView| {
        view.documents
            .iter()
            .find(|d| d.index == consent)
            .map(|d| d.status)
    };
    let set = |value: &str| set_answer(&ctx, &v.id, "residence_basis", value);
    assert_eq!(status(&set("own")?), Some(PaperStatus::NotApplicable));
    assert_eq!(status(&set("rented")?), Some(PaperStatus::Missing));
    let marked = gocua_api::dossier_mark(
        &ctx,
        DossierMark {
            id: v.id.clone(),
            document: consent,
            mark: Some(PaperMark::NotApplicable),
        },
    )?;
    assert_eq!(status(&marked), Some(PaperStatus::NotApplicable));
    Ok(())
}

/// A card that gives only the year of birth (civil records knew no more)
/// registers the citizen, and prefills the year where the form allows it
/// (CT01), leaving a whole-date field (the licence's) for the volunteer.
#[test]
fn a_year_only_birth_date_from_the_card_prefills_where_the_form_allows_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let cccd = citizen_of(
        &ctx,
        "079045001234||Nguyễn Văn Già|00001945|Nam|12 Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021",
    );
    let shown = gocua_api::citizen_show(&ctx, gocua_api::dto::CitizenShow { cccd: cccd.clone() })?;
    assert_eq!(shown.card.birth_date, "1945");
    let birth = |procedure: &str| -> Result<Option<String>, Box<dyn std::error::Error>> {
        let v = gocua_api::dossier_create(
            &ctx,
            DossierCreate {
                procedure_code: procedure.into(),
                citizen: Some(cccd.clone()),
                visit: None,
                force: true,
                consent: vec![gocua_api::dto::ConsentPurposeCode::Dossiers],
            },
        )?
        .dossier
        .ok_or("not created")?;
        Ok(v.answers.values.get("applicant_birth_date").cloned())
    };
    assert_eq!(birth("GC-THUONGTRU")?.as_deref(), Some("1945"));
    assert_eq!(birth("GC-LLTP")?.as_deref(), Some("1945"));
    assert_eq!(birth("GC-GPLX")?, None);
    Ok(())
}

/// LLTP: Phiếu số 2 only at the person's own request — chosen for someone
/// else's request, the answer is a problem in words and what was typed
/// stays; the letter of authorisation is asked for only when an authorised
/// person files.
#[test]
fn a_criminal_record_no_2_is_only_for_the_person_themself() -> TestResult {
    let dir = tempfile::tempdir()?;
    let ctx = open(dir.path());
    let v = draft(&ctx, "GC-LLTP");
    let problem = |view: &gocua_api::dto::DossierView| {
        view.issues
            .iter()
            .find(|i| i.path == "certificate_type")
            .map(|i| i.code.clone())
    };
    let letter = |view: &gocua_api::dto::DossierView| {
        view.documents
            .iter()
            .find(|d| d.by_answers)
            .map(|d| d.status)
    };
    set_answer(&ctx, &v.id, "requester", "authorised")?;
    let view = set_answer(&ctx, &v.id, "certificate_type", "no2")?;
    assert_eq!(problem(&view).as_deref(), Some("option-not-allowed"));
    assert_eq!(view.answers.values["certificate_type"], "no2");
    assert_eq!(letter(&view), Some(gocua_api::dto::PaperStatus::Missing));
    let view = set_answer(&ctx, &v.id, "requester", "self")?;
    assert_eq!(problem(&view), None);
    assert_eq!(
        letter(&view),
        Some(gocua_api::dto::PaperStatus::NotApplicable)
    );
    Ok(())
}
