//! `gocua bench sync`: the real sync against an in-process sandbox portal,
//! with faults and without, in the same run.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gocua_api::{ApiError, Ctx, CtxOptions};
use serde::Serialize;

/// One run's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// Fault rate of the run.
    pub fault_rate: f64,
    /// Dossiers queued.
    pub dossiers: u32,
    /// Dossiers not at the portal at the end.
    pub lost: u32,
    /// Portal dossiers beyond one per local dossier.
    pub duplicated: u32,
    /// Bytes that crossed the wire (both directions, headers included).
    pub wire_bytes: u64,
    /// Attachment and submission bytes that had to cross.
    pub payload_bytes: u64,
    /// `wire_bytes / payload_bytes`.
    pub wire_ratio: f64,
    /// Wall time.
    pub seconds: f64,
    /// Faults the portal injected.
    pub faults_injected: u64,
    /// Sync passes needed.
    pub passes: u32,
}

/// Both runs.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// With faults.
    #[serde(flatten)]
    pub faults: Run,
    /// The same with faults off.
    pub without_faults: Run,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

async fn run(dossiers: u32, attachments: u32, fault_rate: f64, seed: u64) -> Result<Run, ApiError> {
    // A "timeout" here is the client's patience (250 ms) being exceeded by a
    // slow answer (400 ms): the same fault as 30 s against 40 s, faster.
    let faults = Arc::new(
        gocua_portal::Faults::random(fault_rate, seed)
            .with_waits(Duration::from_millis(20), Duration::from_millis(400)),
    );
    let portal = gocua_portal::start(gocua_portal::Config {
        faults: faults.clone(),
        ..Default::default()
    })
    .await
    .map_err(internal)?;
    let dir = tempfile::tempdir().map_err(internal)?;
    let ctx = Ctx::open(CtxOptions {
        default_portal_url: portal.url.parse().map_err(internal)?,
        ..CtxOptions::for_tests(dir.path())
    })?;
    gocua_api::demo::demo_seed(&ctx, 50, seed)?;
    let queued = gocua_api::demo::demo_seed_outbox(&ctx, dossiers, attachments, seed)?;
    let policy = gocua_sync::Policy {
        backoff: gocua_sync::Backoff {
            base: Duration::from_millis(20),
            cap: Duration::from_secs(1),
        },
        chunk: 256 * 1024,
        operator: "bench".into(),
    };
    let started = Instant::now();
    let mut passes = 0;
    loop {
        passes += 1;
        gocua_api::sync::sync_with(&ctx, &policy, Duration::from_millis(250)).await?;
        if gocua_api::outbox_list(&ctx)?.pending == 0 || passes > 10_000 {
            break;
        }
        let wait = gocua_api::sync::next_due_in(&ctx)?.unwrap_or_default();
        tokio::time::sleep(wait.min(Duration::from_millis(200)) + Duration::from_millis(1)).await;
    }
    let seconds = started.elapsed().as_secs_f64();
    let wire_bytes = portal.stats.wire_bytes();

    let at_portal: Vec<(String, String, u8)> =
        reqwest::get(format!("{}v1/admin/dossiers", portal.url))
            .await
            .map_err(internal)?
            .json()
            .await
            .map_err(internal)?;
    let mut per_client: HashMap<String, u32> = HashMap::new();
    for (_, client, _) in &at_portal {
        *per_client.entry(client.clone()).or_default() += 1;
    }
    let local = gocua_api::dossier_list(
        &ctx,
        gocua_api::dto::DossierList {
            limit: Some(200),
            ..Default::default()
        },
    )?;
    let mut all = local.items;
    let mut offset = all.len() as u32;
    let mut more = local.more;
    while more {
        let page = gocua_api::dossier_list(
            &ctx,
            gocua_api::dto::DossierList {
                limit: Some(200),
                offset: Some(offset),
                ..Default::default()
            },
        )?;
        offset += page.items.len() as u32;
        more = page.more;
        all.extend(page.items);
    }
    let lost = all
        .iter()
        .filter(|d| !d.state.starts_with("portal_") || !per_client.contains_key(&d.id))
        .count() as u32;
    let duplicated = per_client
        .values()
        .map(|n| n.saturating_sub(1))
        .sum::<u32>()
        + at_portal.len().saturating_sub(per_client.len()) as u32;
    portal.stop().await;
    Ok(Run {
        fault_rate,
        dossiers: queued.dossiers,
        lost,
        duplicated,
        wire_bytes,
        payload_bytes: queued.payload_bytes,
        wire_ratio: wire_bytes as f64 / queued.payload_bytes.max(1) as f64,
        seconds,
        faults_injected: faults.injected(),
        passes,
    })
}

/// Runs the benchmark with `fault_rate`, then with faults off.
pub fn sync(dossiers: u32, attachments: u32, fault_rate: f64) -> Result<Report, ApiError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(internal)?;
    runtime.block_on(async {
        let faults = run(dossiers, attachments, fault_rate, 7).await?;
        let without_faults = run(dossiers, attachments, 0.0, 7).await?;
        Ok(Report {
            faults,
            without_faults,
        })
    })
}
