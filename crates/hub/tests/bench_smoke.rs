//! The province bench, small: it runs end to end on a real PostgreSQL, a
//! batch sent twice is counted once, and the tallies the dashboard reads
//! agree with a naive count over the raw events. (Speed is the bench's to
//! measure at full size: `cargo bench -p gocua-hub --bench province`, not a
//! timed test.)

#![allow(clippy::unwrap_used)]

mod pg;
#[path = "../benches/province/sim.rs"]
#[allow(dead_code)]
mod sim;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_province_bench_counts_every_record_once() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("bench_smoke").await;
    let hub = gocua_hub::Hub::open(&url, 4).await.unwrap();
    let plan = sim::Plan {
        laptops: 12,
        days: 4,
        events_per_day: 40,
        repeat_percent: 30,
        baseline_events: 200,
        concurrency: 8,
        dashboard_runs: 2,
    };
    let outcome = sim::run(&hub, &plan).await.unwrap();
    assert_eq!(outcome.events, 12 * 4 * 40);
    assert!(outcome.duplicates_sent > 0, "{outcome:?}");
    assert_eq!(outcome.duplicates_stored, 0, "{outcome:?}");
    assert!(outcome.records > 0 && outcome.records <= outcome.events as i64);
    assert!(outcome.dashboard_agrees, "{outcome:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_province_bench_refuses_a_real_hubs_database() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("bench_refuses").await;
    let hub = gocua_hub::Hub::open(&url, 2).await.unwrap();
    let team = gocua_hub::db::create_team(&hub.pool, "Tổ A", "01", None)
        .await
        .unwrap();
    let plan = sim::Plan {
        laptops: 4,
        days: 1,
        events_per_day: 5,
        repeat_percent: 0,
        baseline_events: 10,
        concurrency: 2,
        dashboard_runs: 1,
    };
    assert!(sim::run(&hub, &plan).await.is_err());
    let teams: i64 = hub
        .pool
        .get()
        .await
        .unwrap()
        .query_one("SELECT count(*) FROM team WHERE id = $1", &[&team.id])
        .await
        .unwrap()
        .get(0);
    assert_eq!(teams, 1, "the team is still there");
}
