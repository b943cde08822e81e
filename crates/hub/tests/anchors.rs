//! Audit anchors cannot be outrun (security review N3): someone holding the
//! database key rewrites the laptop's audit chain (a row deleted, the rest
//! renumbered and re-hashed, so the chain verifies locally) and lets the
//! laptop work and sync on. The hub keeps every anchor and refuses a new
//! one that does not extend the chain it holds, flagging the laptop; the
//! laptop's check looks at every anchor, so the rewrite stays found.

#![allow(clippy::unwrap_used)]

mod pg;

use std::path::Path;

use gocua_api::dto::HubJoin;
use gocua_api::{Ctx, CtxOptions};
use sha2::{Digest, Sha256};

fn open(dir: &Path) -> Ctx {
    Ctx::open(CtxOptions::for_tests(dir)).unwrap()
}

/// The chain's hash of a row, as the store computes it.
fn digest(prev: &str, seq: i64, fields: &[String; 4]) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &seq.to_string(),
        &fields[0],
        &fields[1],
        &fields[2],
        &fields[3],
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    gocua_core::hex::encode(&h.finalize())
}

/// What a holder of the database key can do: delete row `gone`, renumber
/// the rows after it and re-hash them, so that the chain verifies again.
fn rewrite_chain(dir: &Path, gone: i64) {
    let conn = rusqlite::Connection::open(dir.join("gocua.sqlite3")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", "42".repeat(32)))
        .unwrap();
    let rows: Vec<(i64, [String; 4])> = conn
        .prepare("SELECT seq, at, operator, action, subject FROM audit WHERE seq > ?1 ORDER BY seq")
        .unwrap()
        .query_map([gone], |r| {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev: String = conn
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [gone - 1], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute("DELETE FROM audit WHERE seq >= ?1", [gone])
        .unwrap();
    for (seq, fields) in rows {
        let seq = seq - 1;
        let hash = digest(&prev, seq, &fields);
        conn.execute(
            "INSERT INTO audit (seq, at, operator, action, subject, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![seq, fields[0], fields[1], fields[2], fields[3], prev, hash],
        )
        .unwrap();
        prev = hash;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rewritten_chain_stays_found_after_it_syncs_again() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("anchors").await;
    let hub = gocua_hub::Hub::open(&url, 4).await.unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (addr, fingerprint, stop) = gocua_hub::launch(&hub, certs.path()).await.unwrap();
    let base = format!("https://127.0.0.1:{}", addr.port());
    let team = gocua_hub::admin::create_team(&hub, "Tổ thử", "01", None)
        .await
        .unwrap();
    let code = gocua_hub::admin::enrolment_code(&hub, team.id, &base, &fingerprint)
        .await
        .unwrap()
        .0
        .to_text();

    let dir = tempfile::tempdir().unwrap();
    let laptop = open(dir.path());
    gocua_api::demo::demo_seed(&laptop, 6, 7).unwrap();
    // A few audited reads, so the chain has rows well before any anchor.
    for _ in 0..4 {
        gocua_api::citizen_list(&laptop).unwrap();
    }
    gocua_api::hub_join(
        &laptop,
        HubJoin {
            code,
            name: "Máy A".into(),
        },
    )
    .await
    .unwrap();
    let device: uuid::Uuid = gocua_api::hub_status(&laptop)
        .unwrap()
        .device_id
        .unwrap()
        .parse()
        .unwrap();
    let flagged = || async {
        hub.pool
            .get()
            .await
            .unwrap()
            .query_one(
                "SELECT anchor_mismatch_at IS NOT NULL FROM device WHERE id = $1",
                &[&device],
            )
            .await
            .unwrap()
            .get::<_, bool>(0)
    };
    let anchors = || async { gocua_hub::db::anchors(&hub.pool, device).await.unwrap() };

    // An honest laptop: each sync's anchor extends the one before.
    let first = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!(first.anchor_matches, Some(true));
    gocua_api::citizen_list(&laptop).unwrap();
    let second = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!(second.anchor_matches, Some(true));
    let held = anchors().await;
    assert_eq!(held.len(), 2, "{held:?}");
    assert!(!flagged().await);
    let (anchored, _) = held[1].clone();
    assert!(matches!(
        gocua_api::hub::hub_anchor_check(&laptop).await.unwrap(),
        Some(c) if c.matches && c.seq == anchored
    ));

    // The rewrite: a row well before the anchors goes; the chain verifies.
    drop(laptop);
    rewrite_chain(dir.path(), 3);
    let laptop = open(dir.path());
    let verify = gocua_api::audit_verify(&laptop).unwrap();
    assert!(
        verify.intact,
        "the rewritten chain verifies locally: {verify:?}"
    );
    let check = gocua_api::hub::hub_anchor_check(&laptop)
        .await
        .unwrap()
        .unwrap();
    assert!(!check.matches, "found at once: {check:?}");

    // Ordinary work grows the rewritten chain past the newest anchor, and it
    // syncs: the hub keeps no anchor of it and flags the laptop; the check
    // still finds the rewrite.
    gocua_api::citizen_list(&laptop).unwrap();
    gocua_api::citizen_list(&laptop).unwrap();
    gocua_api::citizen_list(&laptop).unwrap();
    let after = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!(after.anchor_matches, Some(false), "{after:?}");
    assert_eq!(
        anchors().await,
        held,
        "no anchor of the rewritten chain is kept"
    );
    assert!(flagged().await, "the lead sees the laptop flagged");
    let check = gocua_api::hub::hub_anchor_check(&laptop)
        .await
        .unwrap()
        .unwrap();
    assert!(!check.matches, "still found after a sync: {check:?}");

    let _ = stop.send(());
}
