//! Handing a draft from one laptop of a team to another through a real hub
//! on PostgreSQL: sealed so that the hub cannot read it, accepted
//! explicitly, and owned by exactly one laptop afterwards — whichever of
//! accept, decline and reclaim comes first, and after a fault between the
//! hub's decision and the import.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg;

use std::path::Path;

use base64::Engine as _;
use gocua_api::dto::{
    AttachmentAdd, ConsentPurposeCode, DossierCreate, DossierRef, DossierSet, HandoverRef,
    HandoverSendRequest, HandoverState, HubJoin,
};
use gocua_api::{ApiError, Ctx, CtxOptions};
use gocua_hub::Hub;
use gocua_hub::db::handover::{self as relay, Action};

fn open(dir: &Path) -> Ctx {
    Ctx::open(CtxOptions::for_tests(dir)).unwrap()
}

fn png() -> String {
    let img = image::RgbImage::from_fn(200, 300, |x, y| {
        image::Rgb([(x % 250) as u8, (y % 250) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    base64::engine::general_purpose::STANDARD.encode(out)
}

/// A driving-licence draft with an answer and a photo of a paper.
fn draft(ctx: &Ctx, class: &str) -> String {
    let id = gocua_api::dossier_create(
        ctx,
        DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: None,
            visit: None,
            force: true,
            consent: vec![
                ConsentPurposeCode::Dossiers,
                ConsentPurposeCode::DocumentImages,
            ],
        },
    )
    .unwrap()
    .dossier
    .unwrap()
    .id;
    gocua_api::dossier_set(
        ctx,
        DossierSet {
            id: id.clone(),
            path: "licence_class".into(),
            value: class.into(),
        },
    )
    .unwrap();
    gocua_api::attachment_add(
        ctx,
        AttachmentAdd {
            id: id.clone(),
            document: 0,
            name: Some("giay-phep-cu.png".into()),
            data_base64: png(),
        },
    )
    .unwrap();
    id
}

fn hub_reason(e: ApiError) -> String {
    match e {
        ApiError::Hub { reason, .. } => reason,
        other => panic!("expected a hub error, got {other:?}"),
    }
}

fn state(ctx: &Ctx, id: &str) -> Option<String> {
    match gocua_api::dossier_open(ctx, DossierRef { id: id.into() }) {
        Ok(v) => Some(v.state.to_string()),
        Err(ApiError::NotFound(_)) => None,
        Err(e) => panic!("{e:?}"),
    }
}

/// The dossier's papers' photos, as `(paper, size)`.
fn photos(ctx: &Ctx, id: &str) -> Vec<(u32, u64)> {
    gocua_api::dossier_open(ctx, DossierRef { id: id.into() })
        .unwrap()
        .documents
        .iter()
        .flat_map(|d| d.attachments.iter().map(move |a| (d.index, a.size)))
        .collect()
}

async fn send(from: &Ctx, dossier: &str, to: &str) -> String {
    gocua_api::handover::handover_send(
        from,
        HandoverSendRequest {
            dossier_id: dossier.into(),
            to_device: to.into(),
            citizen_agreed: true,
        },
    )
    .await
    .unwrap()
    .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_handed_over_is_owned_by_exactly_one_laptop() {
    let cluster = pg::Cluster::start();
    let hub = Hub::open(&cluster.database("handover").await, 4)
        .await
        .unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (addr, fingerprint, stop) = gocua_hub::launch(&hub, certs.path()).await.unwrap();
    let base = format!("https://127.0.0.1:{}", addr.port());
    let team = gocua_hub::admin::create_team(&hub, "Tổ CNS Phường 1", "79", None)
        .await
        .unwrap();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (open(dir_a.path()), open(dir_b.path()));
    for (ctx, name) in [(&a, "Máy A"), (&b, "Máy B")] {
        let (code, _) = gocua_hub::admin::enrolment_code(&hub, team.id, &base, &fingerprint)
            .await
            .unwrap();
        gocua_api::hub_join(
            ctx,
            HubJoin {
                code: code.to_text(),
                name: name.into(),
            },
        )
        .await
        .unwrap();
    }
    let b_id = gocua_api::hub_status(&b).unwrap().device_id.unwrap();

    // A sees B (and not itself) as a laptop to hand to.
    let devices = gocua_api::handover::hub_devices(&a).await.unwrap();
    assert_eq!(
        devices
            .iter()
            .map(|d| (d.device_id.as_str(), d.name.as_str()))
            .collect::<Vec<_>>(),
        [(b_id.as_str(), "Máy B")]
    );

    // Without the citizen's agreement nothing moves.
    let first = draft(&a, "b2");
    let refused = gocua_api::handover::handover_send(
        &a,
        HandoverSendRequest {
            dossier_id: first.clone(),
            to_device: b_id.clone(),
            citizen_agreed: false,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(hub_reason(refused), "handover-consent");
    assert_eq!(state(&a, &first).as_deref(), Some("draft"));

    // Sent: locked on A; the hub holds only ciphertext.
    let h1 = send(&a, &first, &b_id).await;
    assert_eq!(state(&a, &first).as_deref(), Some("handing_over"));
    let edit = gocua_api::dossier_set(
        &a,
        DossierSet {
            id: first.clone(),
            path: "licence_class".into(),
            value: "a1".into(),
        },
    );
    assert!(matches!(edit, Err(ApiError::NotEditable(_))), "{edit:?}");
    assert!(gocua_api::dossier_queue(&a, DossierRef { id: first.clone() }).is_err());
    let held = relay::envelopes(&hub.pool).await.unwrap();
    assert_eq!(held.len(), 1);
    for plain in [
        "licence_class",
        "giay-phep-cu",
        "iVBOR",
        "GC-GPLX",
        "dossiers",
    ] {
        assert!(!held[0].contains(plain), "the hub can read {plain:?}");
    }

    // B sees what it is, and accepts: the same dossier, answers and photo.
    let inbox = gocua_api::handover::handover_inbox(&b).await.unwrap();
    assert_eq!(inbox.incoming.len(), 1);
    let waiting = &inbox.incoming[0];
    assert_eq!(
        (
            waiting.from_name.as_str(),
            waiting.papers,
            waiting.form_available
        ),
        ("Máy A", 1, true)
    );
    let sent_photos = photos(&a, &first);
    let view = gocua_api::handover::handover_accept(&b, HandoverRef { id: h1.clone() })
        .await
        .unwrap();
    assert_eq!(view.id, first);
    assert_eq!(view.state.to_string(), "draft");
    assert_eq!(
        view.answers.values.get("licence_class").map(String::as_str),
        Some("b2")
    );
    assert_eq!(photos(&b, &first), sent_photos);
    // B can work on it, and it can be filed from B.
    gocua_api::dossier_set(
        &b,
        DossierSet {
            id: first.clone(),
            path: "licence_class".into(),
            value: "a1".into(),
        },
    )
    .unwrap();

    // A learns it at its next sync: its copy is gone, and so is the
    // envelope at the hub.
    gocua_api::hub_sync(&a).await.unwrap();
    assert_eq!(state(&a, &first), None);
    assert!(relay::envelopes(&hub.pool).await.unwrap().is_empty());
    let recent = gocua_api::handover::handover_inbox(&a)
        .await
        .unwrap()
        .recent;
    assert_eq!(
        (recent[0].state, recent[0].peer_name.as_str()),
        (HandoverState::Accepted, "Máy B")
    );
    // Nothing to take back; and B cannot accept it twice.
    assert!(
        gocua_api::handover::handover_reclaim(&a, DossierRef { id: first.clone() })
            .await
            .is_err()
    );
    let again = gocua_api::handover::handover_accept(&b, HandoverRef { id: h1.clone() })
        .await
        .unwrap_err();
    assert_eq!(hub_reason(again), "handover-closed");

    // Taken back before B accepted: A's again, and B cannot accept it.
    let second = draft(&a, "c");
    let h2 = send(&a, &second, &b_id).await;
    let back = gocua_api::handover::handover_reclaim(&a, DossierRef { id: second.clone() })
        .await
        .unwrap();
    assert_eq!(back.state.to_string(), "draft");
    assert!(back.editable);
    let late = gocua_api::handover::handover_accept(&b, HandoverRef { id: h2 })
        .await
        .unwrap_err();
    assert_eq!(hub_reason(late), "handover-closed");
    assert_eq!(state(&b, &second), None);
    assert!(
        gocua_api::handover::handover_inbox(&b)
            .await
            .unwrap()
            .incoming
            .is_empty()
    );

    // Declined by B: A has it back at its next sync.
    let h3 = send(&a, &second, &b_id).await;
    gocua_api::handover::handover_decline(&b, HandoverRef { id: h3 })
        .await
        .unwrap();
    gocua_api::hub_sync(&a).await.unwrap();
    assert_eq!(state(&a, &second).as_deref(), Some("draft"));
    assert_eq!(state(&b, &second), None);

    // The hub decided for B, but B stopped before importing (a crash, a
    // lost answer): its next sync imports it, once; A's sync removes A's.
    let third = draft(&a, "d");
    let h4 = send(&a, &third, &b_id).await;
    let decided = relay::act(
        &hub.pool,
        b_id.parse().unwrap(),
        h4.parse().unwrap(),
        Action::Accept,
    )
    .await
    .unwrap();
    assert!(decided.is_ok());
    // A, too late, cannot take it back: the draft leaves A.
    let too_late = gocua_api::handover::handover_reclaim(&a, DossierRef { id: third.clone() })
        .await
        .unwrap_err();
    assert_eq!(hub_reason(too_late), "handover-closed");
    assert_eq!(state(&a, &third), None);
    gocua_api::hub_sync(&b).await.unwrap();
    gocua_api::hub_sync(&b).await.unwrap();
    assert_eq!(state(&b, &third).as_deref(), Some("draft"));
    let listed = gocua_api::dossier_list(&b, Default::default()).unwrap();
    assert_eq!(
        listed.items.iter().filter(|d| d.id == third).count(),
        1,
        "imported once"
    );
    assert!(relay::envelopes(&hub.pool).await.unwrap().is_empty());

    // The team's report counts each dossier once, on the laptop that owns it.
    gocua_api::hub_sync(&a).await.unwrap();
    gocua_api::hub_sync(&b).await.unwrap();
    let month = gocua_api::clock::vietnam_date(a.now());
    let (from, to) =
        gocua_core::date::Date::month(&format!("{:04}-{:02}", month.year, month.month)).unwrap();
    let report = gocua_hub::report::team(
        &hub,
        team.id,
        gocua_hub::facts::to_time(from).unwrap(),
        gocua_hub::facts::to_time(to).unwrap(),
    )
    .await
    .unwrap();
    // first and third on B, second on A.
    assert_eq!(report.dossiers, 3);

    // The citizen withdraws the consent to the dossier after it was sealed
    // for B: A takes it back at its next sync, and B never gets it.
    gocua_api::demo::demo_seed(&a, 12, 7).unwrap();
    let citizen = gocua_api::citizen_list(&a)
        .unwrap()
        .into_iter()
        .find(|c| {
            c.consents
                .iter()
                .any(|k| k.purpose.as_str() == "dossiers" && k.granted && k.withdrawn_at.is_none())
        })
        .expect("a seeded citizen who consented to dossiers")
        .cccd;
    let theirs = gocua_api::dossier_create(
        &a,
        DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: Some(citizen.clone()),
            visit: None,
            force: true,
            consent: vec![],
        },
    )
    .unwrap()
    .dossier
    .unwrap()
    .id;
    let h5 = send(&a, &theirs, &b_id).await;
    gocua_api::consent_withdraw(
        &a,
        gocua_api::dto::ConsentWithdraw {
            cccd: citizen,
            purpose: "dossiers".parse().unwrap(),
        },
    )
    .unwrap();
    gocua_api::hub_sync(&a).await.unwrap();
    assert_eq!(state(&a, &theirs).as_deref(), Some("draft"));
    let refused = gocua_api::handover::handover_accept(&b, HandoverRef { id: h5 })
        .await
        .unwrap_err();
    assert_eq!(hub_reason(refused), "handover-closed");
    assert_eq!(state(&b, &theirs), None);

    // A hand-over nobody answers expires: after 14 days the hub takes it
    // back for the sender and drops the envelope.
    let expiring = draft(&a, "e");
    let h6 = send(&a, &expiring, &b_id).await;
    hub.pool
        .get()
        .await
        .unwrap()
        .execute(
            "UPDATE handover SET sent_at = now() - interval '15 days' WHERE id = $1",
            &[&h6.parse::<uuid::Uuid>().unwrap()],
        )
        .await
        .unwrap();
    gocua_api::hub_sync(&a).await.unwrap();
    assert_eq!(state(&a, &expiring).as_deref(), Some("draft"));
    assert!(relay::envelopes(&hub.pool).await.unwrap().is_empty());

    let _ = stop.send(());
}
