//! Dossier benchmark: autosave latency and the drafts list with 100,000
//! dossiers, each beside a baseline measured in the same run.
//!
//! - autosave: `dossier_set` (what the wizard waits for after every change:
//!   load, apply, one durable transaction, the recomputed view) against the
//!   floor of the same database: a one-row `UPDATE` committed alone.
//! - list: the first page of `dossier_list` (50, newest first), unfiltered
//!   and searched by a citizen's name without diacritics, against one full
//!   scan of the dossier table (`SELECT count(*)`).
//!
//! Targets (DESIGN §7): autosave p99 < 5 ms, first page < 20 ms, RSS < 200 MB.
//! Run: `cargo bench -p gocua-api --bench dossier` (`DOSSIERS=N` to change the size).

use std::time::{Duration, Instant};

use gocua_api::dto::{DossierList, DossierSet};
use gocua_api::{Ctx, CtxOptions};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: u32 = std::env::var("DOSSIERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir()?;
    let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
    let (t, _) = timed(|| gocua_api::demo::demo_seed(&ctx, 500, 7));
    println!("seeded 500 citizens in {:.1} s", t.as_secs_f64());
    let (t, n) = timed(|| gocua_api::demo::demo_seed_dossiers(&ctx, total, 7));
    println!("seeded {} dossiers in {:.1} s", n?, t.as_secs_f64());

    // Autosave: type into one draft among them.
    let draft = gocua_api::dossier_list(
        &ctx,
        DossierList {
            state: Some(gocua_api::dto::DossierFilter::State(
                gocua_api::dto::DossierState::Draft,
            )),
            limit: Some(1),
            ..Default::default()
        },
    )?
    .items
    .remove(0);
    let fields = [
        "applicant_phone",
        "request_content",
        "agency",
        "applicant_email",
    ];
    let kind = gocua_api::dossier_open(
        &ctx,
        gocua_api::dto::DossierRef {
            id: draft.id.clone(),
        },
    )?;
    let paths: Vec<String> = kind
        .sections
        .iter()
        .flat_map(|s| &s.pages)
        .flat_map(|p| &p.fields)
        .filter(|f| {
            f.kind == gocua_api::dto::FieldType::Text || f.kind == gocua_api::dto::FieldType::Phone
        })
        .map(|f| f.id.clone())
        .chain(fields.iter().map(|s| (*s).to_owned()))
        .take(4)
        .collect();
    let rounds = 2000;
    let mut save = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let path = paths[i % paths.len()].clone();
        let (t, r) = timed(|| {
            gocua_api::dossier_set(
                &ctx,
                DossierSet {
                    id: draft.id.clone(),
                    path,
                    value: format!("Giá trị {i}"),
                },
            )
        });
        r?;
        save.push(t);
    }
    save.sort();
    // Baseline: the cheapest durable write of the same database.
    let db = dir.path().join(gocua_store::DB_FILE_NAME);
    let conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
        "42".repeat(32)
    ))?;
    let mut floor = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let (t, r) = timed(|| {
            conn.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('bench', ?1)",
                [i.to_string()],
            )
        });
        r?;
        floor.push(t);
    }
    floor.sort();
    drop(conn);
    let (s50, s99, f50, f99) = (
        percentile(&save, 0.5),
        percentile(&save, 0.99),
        percentile(&floor, 0.5),
        percentile(&floor, 0.99),
    );
    println!(
        "autosave   p50 {:.2} ms  p99 {:.2} ms   (target p99 < 5 ms: {})",
        ms(s50),
        ms(s99),
        if ms(s99) < 5.0 { "met" } else { "MISSED" }
    );
    println!(
        "  baseline one-row UPDATE commit  p50 {:.2} ms  p99 {:.2} ms   ratio p99 {:.1}×",
        ms(f50),
        ms(f99),
        ms(s99) / ms(f99).max(1e-6)
    );

    // The drafts list.
    let rounds = 200;
    let mut first = Vec::new();
    let mut searched = Vec::new();
    let mut common = Vec::new();
    let mut scan = Vec::new();
    let name = gocua_core::text::fold(draft.citizen_name.as_deref().unwrap_or("nguyen"));
    for _ in 0..rounds {
        let (t, page) = timed(|| gocua_api::dossier_list(&ctx, DossierList::default()));
        assert_eq!(page?.items.len(), 50);
        first.push(t);
        let (t, page) = timed(|| {
            gocua_api::dossier_list(
                &ctx,
                DossierList {
                    query: name.clone(),
                    ..Default::default()
                },
            )
        });
        assert!(!page?.items.is_empty());
        searched.push(t);
        let (t, page) = timed(|| {
            gocua_api::dossier_list(
                &ctx,
                DossierList {
                    query: "nguyen".into(),
                    ..Default::default()
                },
            )
        });
        assert!(!page?.items.is_empty());
        common.push(t);
    }
    let conn = rusqlite::Connection::open(&db)?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", "42".repeat(32)))?;
    for _ in 0..rounds {
        let (t, r) = timed(|| {
            conn.query_row("SELECT count(*) FROM dossier WHERE search <> ''", [], |r| {
                r.get::<_, i64>(0)
            })
        });
        assert_eq!(r? as u32, total);
        scan.push(t);
    }
    for v in [&mut first, &mut searched, &mut common, &mut scan] {
        v.sort();
    }
    let p95 = |v: &[Duration]| ms(percentile(v, 0.95));
    println!(
        "list page  first p50 {:.2} ms  p95 {:.2} ms   (target < 20 ms: {})",
        ms(percentile(&first, 0.5)),
        p95(&first),
        if p95(&first) < 20.0 { "met" } else { "MISSED" }
    );
    println!(
        "           search {:?} p50 {:.2} ms  p95 {:.2} ms",
        name,
        ms(percentile(&searched, 0.5)),
        p95(&searched)
    );
    println!(
        "           search \"nguyen\" (a third of all names) p50 {:.2} ms  p95 {:.2} ms",
        ms(percentile(&common, 0.5)),
        p95(&common)
    );
    println!(
        "  baseline full table scan  p50 {:.2} ms  p95 {:.2} ms   ratio first/scan {:.2}×  search/scan {:.2}×",
        ms(percentile(&scan, 0.5)),
        p95(&scan),
        p95(&first) / p95(&scan),
        p95(&searched) / p95(&scan)
    );
    if let Some(rss) = rss_mb() {
        println!(
            "memory     RSS {rss:.0} MB with {total} dossiers (target < 200 MB: {})",
            if rss < 200.0 { "met" } else { "MISSED" }
        );
    }
    Ok(())
}
