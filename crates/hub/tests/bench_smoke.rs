//! The province bench, small: it runs end to end on a real PostgreSQL, a
//! batch sent twice is counted once, and the tallies the dashboard reads
//! agree with a naive count over the raw events. (Speed is the bench's to
//! measure at full size: `gocua-hub bench`, not a timed test.)

#![allow(clippy::unwrap_used)]

mod pg;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_province_bench_counts_every_record_once() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("bench_smoke").await;
    let hub = gocua_hub::Hub::open(&url, 4).await.unwrap();
    let plan = gocua_hub::bench::Plan {
        laptops: 12,
        days: 4,
        events_per_day: 40,
        repeat_percent: 30,
        baseline_events: 200,
        concurrency: 8,
        dashboard_runs: 2,
    };
    let outcome = gocua_hub::bench::run(&hub, &plan).await.unwrap();
    assert_eq!(outcome.events, 12 * 4 * 40);
    assert!(outcome.duplicates_sent > 0, "{outcome:?}");
    assert_eq!(outcome.duplicates_stored, 0, "{outcome:?}");
    assert!(outcome.records > 0 && outcome.records <= outcome.events as i64);
    assert!(outcome.dashboard_agrees, "{outcome:?}");
}
