//! The province bench: `cargo bench -p gocua-hub --bench province` — 2,000
//! laptops × 30 days of report events through the hub's own ingest, beside
//! a baseline of one `INSERT` per event, and the province-month dashboard
//! beside a naive `GROUP BY`; prints JSON figures and the ratios.
//!
//! It runs on a throwaway PostgreSQL of its own (initdb in a temporary
//! folder, a Unix socket), or on `GOCUA_BENCH_DATABASE_URL` — which it
//! refuses when that database holds any team the bench did not make. It is
//! never compiled into the shipped `gocua-hub`.
//!
//! `-- --laptops N --days N --events-per-day N` make it smaller.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "../../tests/pg/mod.rs"]
mod pg;
mod sim;

fn arg(name: &str) -> Option<u32> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let defaults = sim::Plan::default();
    let plan = sim::Plan {
        laptops: arg("--laptops").unwrap_or(defaults.laptops),
        days: arg("--days").unwrap_or(defaults.days),
        events_per_day: arg("--events-per-day").unwrap_or(defaults.events_per_day),
        ..defaults
    };
    let (_cluster, url) = match std::env::var("GOCUA_BENCH_DATABASE_URL") {
        Ok(url) => (None, url),
        Err(_) => {
            let cluster = pg::Cluster::start();
            let url = cluster.database("province_bench").await;
            (Some(cluster), url)
        }
    };
    let hub = gocua_hub::Hub::open(&url, 10).await?;
    let outcome = sim::run(&hub, &plan).await?;
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    anyhow::ensure!(outcome.targets_met, "the targets are not met");
    Ok(())
}
