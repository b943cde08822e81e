//! Exactly once, on the worst connection: every fault kind at every protocol
//! step, a client killed mid-upload, the sandbox restarted mid-run — and each
//! dossier arrives once, whole.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use gocua_api::{Ctx, CtxOptions};
use gocua_portal::{Config, FaultKind, Faults, Step};
use gocua_sync::{Backoff, Policy};

const TIMEOUT: Duration = Duration::from_millis(300);

fn policy() -> Policy {
    Policy {
        backoff: Backoff {
            base: Duration::from_millis(5),
            cap: Duration::from_millis(40),
        },
        chunk: 32 * 1024,
        operator: "test".into(),
    }
}

fn faults() -> Arc<Faults> {
    Arc::new(Faults::none().with_waits(Duration::from_millis(20), Duration::from_millis(400)))
}

/// A sandbox in memory with a fault plan the test scripts.
async fn faulty_portal() -> gocua_portal::Running {
    gocua_portal::start(Config {
        faults: faults(),
        ..Config::default()
    })
    .await
    .unwrap()
}

fn ctx(dir: &std::path::Path, url: &str) -> Ctx {
    Ctx::open(CtxOptions {
        default_portal_url: url.parse().unwrap(),
        ..CtxOptions::for_tests(dir)
    })
    .unwrap()
}

/// Runs passes until nothing is pending (bounded).
async fn drain(ctx: &Ctx) {
    for _ in 0..300 {
        gocua_api::sync::sync_with(ctx, &policy(), TIMEOUT)
            .await
            .unwrap();
        if gocua_api::outbox_list(ctx).unwrap().pending == 0 {
            return;
        }
        let wait = gocua_api::sync::next_due_in(ctx)
            .unwrap()
            .unwrap_or_default();
        tokio::time::sleep(wait.min(Duration::from_millis(50)) + Duration::from_millis(2)).await;
    }
    panic!(
        "the outbox did not drain: {:?}",
        gocua_api::outbox_list(ctx)
            .unwrap()
            .items
            .iter()
            .map(|i| i.last_error.clone())
            .collect::<Vec<_>>()
    );
}

async fn portal_dossiers(url: &str) -> Vec<(String, String, u8)> {
    reqwest::get(format!("{url}v1/admin/dossiers"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The sandbox's office moves dossier `code` to `status` (with its note).
async fn office(url: &str, code: &str, status: u8, note: Option<&str>) {
    let r = reqwest::Client::new()
        .post(format!("{url}v1/admin/dossiers/{code}/status"))
        // The sandbox's admin route, as its OpenAPI document spells it
        // (api never depends on the wire crate, not even in tests).
        .json(&serde_json::json!({ "TrangThaiHoSo": status, "NoiDung": note }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
}

/// Every local dossier is at the portal, once, under the code it recorded.
async fn exactly_once(ctx: &Ctx, url: &str, n: usize) {
    let at_portal = portal_dossiers(url).await;
    let clients: HashSet<&str> = at_portal.iter().map(|(_, c, _)| c.as_str()).collect();
    assert_eq!(at_portal.len(), n, "dossiers at the portal");
    assert_eq!(clients.len(), n, "no client dossier twice");
    let local = gocua_api::dossier_list(
        ctx,
        gocua_api::dto::DossierList {
            state: Some(gocua_api::dto::DossierFilter::Group(
                gocua_api::dto::DossierGroupCode::Sent,
            )),
            limit: Some(200),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        local.items.len(),
        n,
        "every local dossier is with the portal"
    );
    for d in &local.items {
        let code = d.portal_code.as_deref().unwrap();
        assert!(
            at_portal
                .iter()
                .any(|(c, client, _)| c == code && client == &d.id),
            "{} recorded {code}",
            d.id
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_at_every_step_loses_and_duplicates_nothing() {
    let f = faults();
    let portal = gocua_portal::start(Config {
        faults: f.clone(),
        ..Config::default()
    })
    .await
    .unwrap();
    let mut runs = 0;
    for step in [
        Step::Register,
        Step::UploadCreate,
        Step::UploadPatch,
        Step::UploadHead,
        Step::Submit,
        Step::Pull,
    ] {
        for kind in FaultKind::ALL {
            let dir = tempfile::tempdir().unwrap();
            let ctx = ctx(dir.path(), &portal.url);
            gocua_api::demo::demo_seed(&ctx, 2, 1).unwrap();
            gocua_api::demo::demo_seed_outbox(&ctx, 2, 2, runs).unwrap();
            if step == Step::UploadHead {
                // A HEAD happens when an upload resumes: break one first.
                f.script(Step::UploadPatch, FaultKind::ServerError);
            }
            f.script(step, kind);
            drain(&ctx).await;
            // Each test laptop registers its own device, so the portal's
            // dossiers of this run are the ones with this run's client ids.
            let ids: HashSet<String> = gocua_api::dossier_list(&ctx, Default::default())
                .unwrap()
                .items
                .into_iter()
                .map(|d| d.id)
                .collect();
            let at_portal: Vec<_> = portal_dossiers(&portal.url)
                .await
                .into_iter()
                .filter(|(_, c, _)| ids.contains(c))
                .collect();
            assert_eq!(at_portal.len(), 2, "{step:?} × {kind:?}: {at_portal:?}");
            let sent = gocua_api::dossier_list(
                &ctx,
                gocua_api::dto::DossierList {
                    state: Some(gocua_api::dto::DossierFilter::Group(
                        gocua_api::dto::DossierGroupCode::Sent,
                    )),
                    ..Default::default()
                },
            )
            .unwrap();
            assert_eq!(sent.items.len(), 2, "{step:?} × {kind:?}");
            runs += 1;
        }
    }
    assert_eq!(runs, 42);
    assert!(f.injected() >= 42, "faults injected: {}", f.injected());
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_killed_mid_upload_resumes_from_the_confirmed_offset() {
    let portal = faulty_portal().await;
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 1, 1).unwrap();
    let queued = gocua_api::demo::demo_seed_outbox(&ctx, 1, 3, 9).unwrap();
    // Killed: the pass is dropped mid-way (everything it knew is in SQLite).
    let small = Policy {
        chunk: 8 * 1024,
        ..policy()
    };
    {
        let pass = gocua_api::sync::sync_with(&ctx, &small, TIMEOUT);
        tokio::pin!(pass);
        loop {
            tokio::select! {
                _ = &mut pass => panic!("the pass finished before it could be killed"),
                _ = tokio::time::sleep(Duration::from_millis(1)) => {
                    let item = &gocua_api::outbox_list(&ctx).unwrap().items[0];
                    if item.bytes_confirmed > 0 { break; }
                }
            }
        }
    }
    let item = gocua_api::outbox_list(&ctx).unwrap().items.remove(0);
    assert!(
        item.bytes_confirmed > 0 && item.bytes_confirmed < item.bytes_total,
        "mid-upload: {}/{}",
        item.bytes_confirmed,
        item.bytes_total
    );
    let before = portal
        .stats
        .bytes_in
        .load(std::sync::atomic::Ordering::Relaxed);
    drain(&ctx).await;
    let after = portal
        .stats
        .bytes_in
        .load(std::sync::atomic::Ordering::Relaxed);
    // Only what was missing crossed the wire again (plus headers).
    let resent = after - before;
    let missing = item.bytes_total - item.bytes_confirmed;
    assert!(
        resent < missing + 8 * 1024 + 40 * 1024,
        "resent {resent} bytes for {missing} missing"
    );
    exactly_once(&ctx, &portal.url, 1).await;
    assert!(queued.payload_bytes > item.bytes_total);
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_restarted_mid_run_still_gets_each_dossier_once() {
    let portal_dir = tempfile::tempdir().unwrap();
    let config = || Config {
        data_dir: Some(portal_dir.path().to_owned()),
        faults: faults(),
        ..Config::default()
    };
    let portal = gocua_portal::start(config()).await.unwrap();
    let url = portal.url.clone();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &url);
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 6, 2, 4).unwrap();
    // Committed, then the portal goes down before answering.
    portal
        .faults
        .script(Step::Submit, FaultKind::DropAfterCommit);
    let small = Policy {
        chunk: 16 * 1024,
        ..policy()
    };
    let _ = tokio::time::timeout(
        Duration::from_millis(60),
        gocua_api::sync::sync_with(&ctx, &small, TIMEOUT),
    )
    .await;
    portal.stop().await;
    // While it is down, a pass fails politely and loses nothing.
    let down = gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(down.sent, 0);
    let portal = gocua_portal::start_on(&addr, config()).await.unwrap();
    drain(&ctx).await;
    exactly_once(&ctx, &url, 6).await;
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_changes_come_back_and_a_supplement_reopens_the_dossier() {
    let portal = gocua_portal::start(Config::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 1, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 1, 2).unwrap();
    drain(&ctx).await;
    let d = gocua_api::dossier_list(&ctx, Default::default())
        .unwrap()
        .items
        .remove(0);
    assert_eq!(
        d.state,
        gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::New)
    );
    let code = d.portal_code.clone().unwrap();
    office(&portal.url, &code, 2, None).await;
    office(&portal.url, &code, 5, Some("Bổ sung giấy khám sức khỏe")).await;
    let pass = gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!((pass.changes, pass.supplements), (2, 1));
    let v = gocua_api::dossier_open(&ctx, gocua_api::dto::DossierRef { id: d.id.clone() }).unwrap();
    assert_eq!(v.state, gocua_api::dto::DossierState::SupplementDraft);
    assert!(v.editable);
    assert_eq!(gocua_api::outbox_list(&ctx).unwrap().supplements, 1);
    portal.stop().await;
}

/// "Send now" while another pass holds the data folder (the background's
/// hub pass, the headless daemon): it waits for that pass to end and then
/// sends, instead of doing nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_now_waits_for_a_pass_already_running() {
    let portal = gocua_portal::start(Config::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 1, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 1, 2).unwrap();
    let held = gocua_sync::lock::PassLock::try_take(&dir.path().join(gocua_sync::lock::LOCK_FILE))
        .unwrap();
    assert!(held.is_some());
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        drop(held);
    });
    let pass = gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    release.join().unwrap();
    assert_eq!(pass.sent, 1, "{pass:?}");
    portal.stop().await;
}

/// The whole loop in the app's commands: a dossier filled and made ready,
/// queued, sent, received, asked for a supplement, supplemented, sent
/// again, processed and returned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_draft_to_done_with_a_supplement_in_between() {
    use gocua_api::dto::{DossierRef, DossierSet};
    let portal = gocua_portal::start(Config::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    let id = crate::common::ready_gplx(&ctx);
    let v = gocua_api::dossier_queue(&ctx, DossierRef { id: id.clone() }).unwrap();
    assert_eq!(v.state, gocua_api::dto::DossierState::Queued);
    drain(&ctx).await;
    let v = gocua_api::dossier_open(&ctx, DossierRef { id: id.clone() }).unwrap();
    assert_eq!(
        v.state,
        gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::New)
    );
    let code = v.portal_code.clone().unwrap();

    office(&portal.url, &code, 2, None).await;
    office(&portal.url, &code, 5, Some("Ảnh giấy khám sức khỏe bị mờ")).await;
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    let v = gocua_api::dossier_open(&ctx, DossierRef { id: id.clone() }).unwrap();
    assert_eq!(v.state, gocua_api::dto::DossierState::SupplementDraft);
    assert_eq!(
        v.supplement_note.as_deref(),
        Some("Ảnh giấy khám sức khỏe bị mờ")
    );

    // The volunteer corrects it and sends the supplement.
    gocua_api::dossier_set(
        &ctx,
        DossierSet {
            id: id.clone(),
            path: "health_facility".into(),
            value: "Bệnh viện huyện".into(),
        },
    )
    .unwrap();
    gocua_api::dossier_ready(&ctx, DossierRef { id: id.clone() }).unwrap();
    gocua_api::dossier_queue(&ctx, DossierRef { id: id.clone() }).unwrap();
    drain(&ctx).await;
    let v = gocua_api::dossier_open(&ctx, DossierRef { id: id.clone() }).unwrap();
    assert_eq!(
        v.state,
        gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::Processing),
        "the supplement moved it back to processing"
    );
    assert_eq!(
        v.portal_code.as_deref(),
        Some(code.as_str()),
        "still the same dossier"
    );

    office(&portal.url, &code, 9, None).await;
    office(&portal.url, &code, 10, None).await;
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    let v = gocua_api::dossier_open(&ctx, DossierRef { id }).unwrap();
    assert_eq!(
        v.state,
        gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::Returned)
    );
    assert!(!v.editable);
    exactly_once(&ctx, &portal.url, 1).await;
    portal.stop().await;
}

/// A dossier the portal refuses is set aside with its reason and does not
/// hold back the others; "send now" tries it again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_dossier_is_set_aside_and_blocks_nothing() {
    let f = faults();
    let portal = gocua_portal::start(Config {
        faults: f.clone(),
        ..Config::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 4, 1, 5).unwrap();
    f.script(Step::Submit, FaultKind::Reject);
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!(outbox.quarantined, 1);
    let set_aside = outbox
        .items
        .iter()
        .find(|i| i.state == gocua_api::dto::OpState::Quarantined)
        .unwrap();
    assert!(
        set_aside.last_error.as_deref().unwrap().contains("refused"),
        "{:?}",
        set_aside.last_error
    );
    assert_eq!(
        portal_dossiers(&portal.url).await.len(),
        3,
        "the other three went through"
    );
    // Send now: the volunteer retries it (here the portal takes it this time).
    gocua_api::outbox_retry(&ctx).unwrap();
    drain(&ctx).await;
    exactly_once(&ctx, &portal.url, 4).await;
    portal.stop().await;
}

/// Guided hand-off: a ready dossier filed by hand on the real portal is
/// recorded with the MaHoSo it gave.
#[test]
fn a_hand_off_records_the_portal_code() {
    use gocua_api::dto::{DossierHandoff, DossierRef};
    let dir = tempfile::tempdir().unwrap();
    let ctx = Ctx::open(CtxOptions::for_tests(dir.path())).unwrap();
    let v = crate::common::gplx_draft(&ctx);
    let id = v.id.clone();
    let early = gocua_api::dossier_handoff(
        &ctx,
        DossierHandoff {
            id: id.clone(),
            portal_code: "000.00.01.H22-261125-0001".into(),
        },
    );
    assert_eq!(
        early.unwrap_err().code(),
        gocua_api::ErrorCode::NotEditable,
        "only a ready dossier"
    );
    let v = crate::common::papers(&ctx, crate::common::fill(&ctx, v));
    // A photo of the current licence, to attach on the portal.
    gocua_api::attachment_add(
        &ctx,
        gocua_api::dto::AttachmentAdd {
            id: v.id.clone(),
            document: 2,
            name: Some("gplx.png".into()),
            data_base64: crate::common::png(),
        },
    )
    .unwrap();
    gocua_api::dossier_ready(&ctx, DossierRef { id: id.clone() }).unwrap();
    let bad = gocua_api::dossier_handoff(
        &ctx,
        DossierHandoff {
            id: id.clone(),
            portal_code: "<script>".into(),
        },
    );
    assert_eq!(bad.unwrap_err().code(), gocua_api::ErrorCode::InvalidValue);
    // The papers' files to attach on the portal, in a private folder.
    let files = gocua_api::dossier_export_files(&ctx, DossierRef { id: id.clone() }).unwrap();
    let folder = std::path::PathBuf::from(&files.path);
    assert!(folder.starts_with(dir.path().join("handoff")));
    assert!(std::fs::read_dir(&folder).unwrap().count() >= 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&folder).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only this user reads them");
    }
    let v = gocua_api::dossier_handoff(
        &ctx,
        DossierHandoff {
            id: id.clone(),
            portal_code: " 000.00.01.H22-261125-0001 ".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (v.state, v.portal_code.as_deref()),
        (
            gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::New),
            Some("000.00.01.H22-261125-0001")
        )
    );
    assert!(!v.editable);
    assert!(!folder.exists(), "recorded: the copies leave the laptop");
    // Written again and never recorded: gone after a day, not before.
    let again = gocua_api::dossier_export_files(&ctx, DossierRef { id }).unwrap();
    assert_eq!(
        gocua_api::sync::sweep_handoff_files(&ctx, Duration::from_secs(3600)),
        0
    );
    assert!(std::path::Path::new(&again.path).exists());
    assert_eq!(
        gocua_api::sync::sweep_handoff_files(&ctx, Duration::ZERO),
        1
    );
    assert!(!std::path::Path::new(&again.path).exists());
}

/// A dossier the portal will take only with the citizen's confirmation is
/// held and listed apart until the volunteer says the citizen is present.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dossier_that_needs_the_citizen_waits_for_them() {
    let portal = gocua_portal::start(Config {
        confirm_every: 1,
        ..Config::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 1, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 1, 3).unwrap();
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!((outbox.pending, outbox.needs_citizen), (0, 1));
    let held = outbox
        .items
        .iter()
        .find(|i| i.needs_citizen)
        .unwrap()
        .id
        .clone();
    // "Send now" alone does not send it without the citizen.
    gocua_api::outbox_retry(&ctx).unwrap();
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert!(portal_dossiers(&portal.url).await.is_empty());
    gocua_api::outbox_release(&ctx, gocua_api::dto::OutboxRelease { id: held }).unwrap();
    drain(&ctx).await;
    exactly_once(&ctx, &portal.url, 1).await;
    portal.stop().await;
}

/// The supplement step of the fault matrix: every fault kind on
/// `POST /v1/dossiers/{code}/supplements`, and the supplement still arrives
/// once (the dossier stays one, its state moves to 4).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_on_the_supplement_step_loses_and_duplicates_nothing() {
    use gocua_api::dto::DossierRef;
    let f = faults();
    let portal = gocua_portal::start(Config {
        faults: f.clone(),
        ..Config::default()
    })
    .await
    .unwrap();
    for kind in FaultKind::ALL {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path(), &portal.url);
        let id = crate::common::ready_gplx(&ctx);
        gocua_api::dossier_queue(&ctx, DossierRef { id: id.clone() }).unwrap();
        drain(&ctx).await;
        let code = gocua_api::dossier_open(&ctx, DossierRef { id: id.clone() })
            .unwrap()
            .portal_code
            .unwrap();
        office(&portal.url, &code, 5, Some("Bổ sung")).await;
        gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
            .await
            .unwrap();
        gocua_api::dossier_ready(&ctx, DossierRef { id: id.clone() }).unwrap();
        gocua_api::dossier_queue(&ctx, DossierRef { id: id.clone() }).unwrap();
        f.script(Step::Supplement, kind);
        drain(&ctx).await;
        let v = gocua_api::dossier_open(&ctx, DossierRef { id: id.clone() }).unwrap();
        assert_eq!(
            v.state,
            gocua_api::dto::DossierState::Portal(gocua_api::dto::PortalStatus::Processing),
            "{kind:?}"
        );
        let at_portal = portal_dossiers(&portal.url).await;
        let mine: Vec<_> = at_portal.iter().filter(|(_, c, _)| c == &id).collect();
        assert_eq!(mine.len(), 1, "{kind:?}");
        assert_eq!(mine[0].2, 4, "{kind:?}: the portal has the supplement");
    }
    portal.stop().await;
}

/// A province's catalogue pack at the portal is installed by the next pass
/// (once a day) when a lead trusts the province's key; the same pack again
/// changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_catalogue_pack_comes_from_the_portal() {
    use gocua_core::catalogue::signed;
    let mut pack: serde_json::Value =
        serde_json::from_str(include_str!("../../../../data/catalogue/vn-national.json")).unwrap();
    // The province's own pack (a lead's key never signs the national one).
    pack["pack_id"] = "vn-01".into();
    pack["version"] = 1.into();
    // The province signs its packs with its own key.
    let province = signed::signing_key(&"5a".repeat(32)).unwrap();
    let serve = |text: String| Config {
        catalogue: Some(text.into()),
        ..Config::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let version = |ctx: &Ctx| {
        gocua_api::catalog_packs(ctx)
            .unwrap()
            .into_iter()
            .find(|p| p.pack_id == "vn-01")
            .map(|p| p.version)
    };

    // Unsigned, or signed by a key the laptop does not trust: refused, the
    // installed catalogue keeps working.
    for text in [pack.to_string(), signed::sign(&pack.to_string(), &province)] {
        let portal = gocua_portal::start(serve(text)).await.unwrap();
        let other = tempfile::tempdir().unwrap();
        let ctx = ctx(other.path(), &portal.url);
        gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
            .await
            .unwrap();
        assert_eq!(version(&ctx), None);
        portal.stop().await;
    }

    let portal = gocua_portal::start(serve(signed::sign(&pack.to_string(), &province)))
        .await
        .unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::catalog_trust_key(
        &ctx,
        gocua_api::dto::TrustKey {
            public_key: signed::public_hex(&province),
            name: "Sở KH&CN tỉnh thử nghiệm".into(),
        },
    )
    .unwrap();
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(version(&ctx), Some(1));
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert_eq!(gocua_api::catalog_packs(&ctx).unwrap().len(), 2);
    assert_eq!(version(&ctx), Some(1));
    portal.stop().await;
}

/// A sandbox that forgot this laptop (restarted without its database)
/// answers 401: the laptop registers again and nothing is set aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_portal_that_forgot_the_device_gets_it_registered_again() {
    let portal = gocua_portal::start(Config::default()).await.unwrap();
    let url = portal.url.clone();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &url);
    gocua_api::demo::demo_seed(&ctx, 2, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 1, 1).unwrap();
    drain(&ctx).await;
    portal.stop().await;
    let portal = gocua_portal::start_on(&addr, Config::default())
        .await
        .unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 1, 2).unwrap();
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!((outbox.pending, outbox.quarantined), (0, 0));
    assert_eq!(
        portal_dossiers(&url).await.len(),
        1,
        "the new dossier reached the new portal"
    );
    portal.stop().await;
}

/// Every paper of every sent dossier is at the portal whole: the SHA-256
/// and length of the bytes the portal stored equal the laptop's.
async fn papers_whole(ctx: &Ctx, url: &str) {
    let local = gocua_api::dossier_list(
        ctx,
        gocua_api::dto::DossierList {
            state: Some(gocua_api::dto::DossierFilter::Group(
                gocua_api::dto::DossierGroupCode::Sent,
            )),
            limit: Some(200),
            ..Default::default()
        },
    )
    .unwrap();
    for d in &local.items {
        let want = gocua_api::sync::papers_expected(ctx, &d.id).unwrap();
        let code = d.portal_code.as_deref().unwrap();
        let mut got: Vec<(String, String, u64)> =
            reqwest::get(format!("{url}v1/admin/dossiers/{code}/papers"))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        got.sort();
        assert!(!want.is_empty());
        assert_eq!(got, want, "papers of {code}");
    }
}

/// Has the sandbox forget its `what` (`devices`' tokens, or `uploads` no
/// dossier names), as a restored or reset portal would: how many.
async fn forget(portal: &gocua_portal::Running, what: &str) -> u64 {
    reqwest::Client::new()
        .post(format!("{}v1/admin/{what}/forget", portal.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The portal stored dossiers whose answers were lost, then forgot the
/// laptop's token: the laptop registers again as the same device, and the
/// dossiers it sends again are recognised, not stored twice; papers it had
/// finished uploading still count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_token_duplicates_and_strands_nothing() {
    let portal = faulty_portal().await;
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 4, 2, 5).unwrap();
    // Two dossiers reach the portal but their answers are lost.
    for _ in 0..2 {
        portal
            .faults
            .script(Step::Submit, FaultKind::DropAfterCommit);
    }
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert!(portal_dossiers(&portal.url).await.len() >= 2);
    assert_eq!(forget(&portal, "devices").await, 1);
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!((outbox.pending, outbox.quarantined), (0, 0), "stranded");
    exactly_once(&ctx, &portal.url, 4).await;
    papers_whole(&ctx, &portal.url).await;
    portal.stop().await;
}

/// The portal lost the papers a held dossier had already uploaded (it was
/// restored from an older backup, or expired them while the dossier waited
/// for the citizen): however many attempts the dossier gathered offline
/// before, its papers are uploaded again and it is delivered, not set aside
/// (reliability review, R1: 11 of 11 were set aside after 5 offline passes).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn papers_the_portal_lost_go_again_after_any_number_of_offline_attempts() {
    let addr = {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        free.local_addr().unwrap().to_string()
    };
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &format!("http://{addr}/"));
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 3, 2, 11).unwrap();
    // Offline: every pass counts an attempt.
    for _ in 0..8 {
        gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let offline = gocua_api::outbox_list(&ctx).unwrap();
    assert!(
        offline.items.iter().all(|i| i.attempts >= 6),
        "{:?}",
        offline.items.iter().map(|i| i.attempts).collect::<Vec<_>>()
    );
    // Online: the papers go up, and the portal wants each citizen present.
    let portal = gocua_portal::start_on(
        &addr,
        Config {
            confirm_every: 1,
            ..Config::default()
        },
    )
    .await
    .unwrap();
    for _ in 0..20 {
        gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
            .await
            .unwrap();
        if gocua_api::outbox_list(&ctx).unwrap().needs_citizen == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(gocua_api::outbox_list(&ctx).unwrap().needs_citizen, 3);
    // The portal forgets them; then the citizens come.
    assert_eq!(
        forget(&portal, "uploads").await,
        6,
        "two papers of each of the three dossiers"
    );
    for item in gocua_api::outbox_list(&ctx).unwrap().items {
        gocua_api::outbox_release(&ctx, gocua_api::dto::OutboxRelease { id: item.id }).unwrap();
    }
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!((outbox.pending, outbox.quarantined), (0, 0), "set aside");
    exactly_once(&ctx, &portal.url, 3).await;
    papers_whole(&ctx, &portal.url).await;
    portal.stop().await;
}

/// The same portal at a new address (its host or port changed): the laptop
/// is still the same device there, and a dossier stored before the move
/// whose answer was lost is not stored again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_url_for_the_same_portal_duplicates_nothing() {
    let portal_dir = tempfile::tempdir().unwrap();
    let config = || Config {
        data_dir: Some(portal_dir.path().to_owned()),
        faults: faults(),
        ..Config::default()
    };
    let portal = gocua_portal::start(config()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &portal.url);
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 3, 1, 6).unwrap();
    portal
        .faults
        .script(Step::Submit, FaultKind::DropAfterCommit);
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    let old_url = portal.url.clone();
    portal.stop().await;
    let moved = gocua_portal::start(config()).await.unwrap();
    assert_ne!(moved.url, old_url);
    gocua_api::set_portal_url(
        &ctx,
        gocua_api::dto::SetPortalUrl {
            url: moved.url.clone(),
        },
    )
    .unwrap();
    drain(&ctx).await;
    exactly_once(&ctx, &moved.url, 3).await;
    papers_whole(&ctx, &moved.url).await;
    moved.stop().await;
}

/// Another portal altogether: the papers uploaded to the first one are
/// uploaded again to the new one, and nothing is set aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_portal_gets_the_papers_uploaded_again() {
    let first = faulty_portal().await;
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &first.url);
    gocua_api::demo::demo_seed(&ctx, 3, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 2, 2, 7).unwrap();
    // Papers uploaded, the dossiers themselves not taken (503).
    for _ in 0..2 {
        first.faults.script(Step::Submit, FaultKind::ServerError);
    }
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert!(portal_dossiers(&first.url).await.is_empty());
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert!(
        outbox
            .items
            .iter()
            .all(|i| i.bytes_confirmed == i.bytes_total)
    );
    first.stop().await;
    let second = gocua_portal::start(Config::default()).await.unwrap();
    gocua_api::set_portal_url(
        &ctx,
        gocua_api::dto::SetPortalUrl {
            url: second.url.clone(),
        },
    )
    .unwrap();
    drain(&ctx).await;
    let outbox = gocua_api::outbox_list(&ctx).unwrap();
    assert_eq!(outbox.quarantined, 0, "stranded");
    exactly_once(&ctx, &second.url, 2).await;
    papers_whole(&ctx, &second.url).await;
    second.stop().await;
}

/// The queue words a failure from its stored kind: a portal that cannot be
/// reached is "offline", a busy one "busy", a refusal "refused" — never
/// guessed from the technical text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_words_each_failure_by_its_kind() {
    // Nothing listens here: not even registration gets through.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/", l.local_addr().unwrap())
    };
    let dir = tempfile::tempdir().unwrap();
    let ctx = ctx(dir.path(), &closed);
    gocua_api::demo::demo_seed(&ctx, 2, 1).unwrap();
    gocua_api::demo::demo_seed_outbox(&ctx, 1, 0, 3).unwrap();
    let report = gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    assert!(report.offline);
    let item = gocua_api::outbox_list(&ctx).unwrap().items.remove(0);
    assert!(
        item.last_error
            .as_deref()
            .is_some_and(|e| e.contains("Chưa kết nối được")),
        "{:?}",
        item.last_error
    );

    // A portal that answers 503 is busy.
    let portal = faulty_portal().await;
    gocua_api::set_portal_url(
        &ctx,
        gocua_api::dto::SetPortalUrl {
            url: portal.url.clone(),
        },
    )
    .unwrap();
    gocua_api::outbox_retry(&ctx).unwrap();
    portal.faults.script(Step::Submit, FaultKind::ServerError);
    gocua_api::sync::sync_with(&ctx, &policy(), TIMEOUT)
        .await
        .unwrap();
    let item = gocua_api::outbox_list(&ctx).unwrap().items.remove(0);
    assert!(
        item.last_error
            .as_deref()
            .is_some_and(|e| e.contains("Cổng đang bận")),
        "{:?}",
        item.last_error
    );
    portal.stop().await;
}
