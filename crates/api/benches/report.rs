//! Team report benchmark: the month's report over 100,000 dossiers, beside
//! the raw SQL reads it is built from, in the same run.
//!
//! Target (issue #8): under 1 s. Run: `cargo bench -p gocua-api --bench report`
//! (`DOSSIERS=N` to change the size).

use std::time::{Duration, Instant};

use gocua_api::dto::ReportRequest;
use gocua_api::{Ctx, CtxOptions};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u32 = std::env::var("DOSSIERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
    gocua_api::demo::demo_seed(&ctx, 2_000, 11)?;
    gocua_api::demo::demo_seed_dossiers(&ctx, total, 11)?;
    // The whole three months the demo data covers, so every dossier counts.
    let today = time::OffsetDateTime::now_utc().date();
    let from = today - time::Duration::days(100);
    let req = ReportRequest {
        from: Some(from.to_string()),
        to: Some(today.to_string()),
        ..Default::default()
    };
    let first = gocua_api::report(&ctx, req.clone())?;
    println!(
        "report over {} dossiers and {} visits ({} .. {})",
        first.dossiers, first.visits, first.from, first.to
    );

    let rounds = 7;
    let mut report = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let r = gocua_api::report(&ctx, req.clone())?;
        report.push(t.elapsed());
        assert_eq!(r.dossiers, first.dossiers);
    }

    // Baseline: the same two reads, straight from SQLite.
    let conn = rusqlite::Connection::open(dir.path().join(gocua_store::DB_FILE_NAME))?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", "42".repeat(32)))?;
    let mut raw = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0usize;
        let mut s = conn.prepare_cached(
            "SELECT v.citizen, v.operator, v.place_commune, v.started_at, v.ended_at, v.vneid_outcome,
                    v.portal_outcome, v.satisfaction, (SELECT count(*) FROM dossier d WHERE d.visit = v.id)
             FROM visit v WHERE v.started_at >= ?1",
        )?;
        let mut rows = s.query(["2000"])?;
        while rows.next()?.is_some() {
            n += 1;
        }
        let mut s = conn.prepare_cached(
            "SELECT d.procedure_code, d.procedure_name, d.state, d.created_at, d.operator, v.place_commune
             FROM dossier d LEFT JOIN visit v ON v.id = d.visit WHERE d.created_at >= ?1",
        )?;
        let mut rows = s.query(["2000"])?;
        while rows.next()?.is_some() {
            n += 1;
        }
        raw.push(t.elapsed());
        assert!(n as u32 >= first.dossiers);
    }
    let (r, q) = (median(report), median(raw));
    println!(
        "report     median {:.0} ms   (target < 1000 ms: {})",
        ms(r),
        if ms(r) < 1000.0 { "met" } else { "MISSED" }
    );
    println!(
        "  baseline raw SQL reads  median {:.0} ms   ratio {:.1}×",
        ms(q),
        ms(r) / ms(q).max(1e-6)
    );
    Ok(())
}
