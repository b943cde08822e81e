//! Sync benchmark: the real sync against an in-process sandbox portal,
//! with faults and without, in the same run; with `--reregister`, the
//! portal also forgets the laptop's token at a third of the run and moves
//! to a new address at two thirds. Each run checks what the portal holds:
//! every dossier once, every photo byte for byte.
//!
//! Run: `cargo bench -p gocua-api --bench sync -- --dossiers 1000
//! --attachments 3 --fault-rate 0.2 [--reregister] [--json]`. The
//! in-process server lives here, in a bench target, not in the shipped CLI.

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
    /// The portal forgot the laptop's token mid-run and moved to a new address.
    pub reregistered: bool,
    /// Dossiers queued.
    pub dossiers: u32,
    /// Dossiers not at the portal at the end.
    pub lost: u32,
    /// Portal dossiers beyond one per local dossier.
    pub duplicated: u32,
    /// Dossiers set aside at the end (the portal refused them for good).
    pub stranded: u32,
    /// Papers of delivered dossiers whose bytes at the portal differ from the laptop's.
    pub papers_not_whole: u32,
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

/// The portal of a run; with `reregister`, the watcher forgets the laptop's
/// token once a third of the dossiers are stored and moves the portal to a
/// new address at two thirds.
struct Moving {
    /// The portal's address now (the bench's loop points the laptop to it).
    url: std::sync::Mutex<String>,
    /// Wire bytes of the portal instances already stopped.
    wire_before: std::sync::atomic::AtomicU64,
    /// Both moves are done.
    done: std::sync::atomic::AtomicBool,
}

async fn watch(
    mut portal: gocua_portal::Running,
    config: impl Fn() -> gocua_portal::Config + Send + 'static,
    dossiers: u32,
    moving: Arc<Moving>,
    finished: Arc<std::sync::atomic::AtomicBool>,
) -> Result<gocua_portal::Running, ApiError> {
    use std::sync::atomic::Ordering;
    let stored = |p: &gocua_portal::Running| p.stats.dossiers_stored.load(Ordering::Relaxed);
    let mut count_before = 0;
    let mut forgot = false;
    while !finished.load(Ordering::Relaxed) {
        let n = count_before + stored(&portal);
        if !forgot && n * 3 >= u64::from(dossiers) {
            // Counted on the wire like any request: a few hundred bytes.
            let _revoked: u32 = reqwest::Client::new()
                .post(format!("{}v1/admin/devices/forget", portal.url))
                .send()
                .await
                .map_err(internal)?
                .json()
                .await
                .map_err(internal)?;
            forgot = true;
        }
        if forgot && !moving.done.load(Ordering::Relaxed) && n * 3 >= 2 * u64::from(dossiers) {
            count_before = n;
            moving
                .wire_before
                .fetch_add(portal.stats.wire_bytes(), Ordering::Relaxed);
            portal.stop().await;
            portal = gocua_portal::start(config()).await.map_err(internal)?;
            *moving.url.lock().map_err(internal)? = portal.url.clone();
            moving.done.store(true, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(portal)
}

async fn run(
    dossiers: u32,
    attachments: u32,
    fault_rate: f64,
    seed: u64,
    reregister: bool,
) -> Result<Run, ApiError> {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    // A "timeout" here is the client's patience (250 ms) being exceeded by a
    // slow answer (400 ms): the same fault as 30 s against 40 s, faster.
    let faults = Arc::new(
        gocua_portal::Faults::random(fault_rate, seed)
            .with_waits(Duration::from_millis(20), Duration::from_millis(400)),
    );
    // To move, the portal keeps its database in a folder.
    let portal_dir = tempfile::tempdir().map_err(internal)?;
    let config = {
        let faults = faults.clone();
        let dir = reregister.then(|| portal_dir.path().to_owned());
        move || gocua_portal::Config {
            faults: faults.clone(),
            data_dir: dir.clone(),
            ..Default::default()
        }
    };
    let portal = gocua_portal::start(config()).await.map_err(internal)?;
    let moving = Arc::new(Moving {
        url: std::sync::Mutex::new(portal.url.clone()),
        wire_before: AtomicU64::new(0),
        done: AtomicBool::new(!reregister),
    });
    let dir = tempfile::tempdir().map_err(internal)?;
    let ctx = Ctx::open(CtxOptions {
        default_portal_url: portal.url.parse().map_err(internal)?,
        ..CtxOptions::for_tests(dir.path())
    })?;
    gocua_api::demo::demo_seed(&ctx, 50, seed)?;
    let queued = gocua_api::demo::demo_seed_outbox(&ctx, dossiers, attachments, seed)?;
    let finished = Arc::new(AtomicBool::new(false));
    let (watcher, unmoved) = if reregister {
        let w = tokio::spawn(watch(
            portal,
            config,
            dossiers,
            moving.clone(),
            finished.clone(),
        ));
        (Some(w), None)
    } else {
        (None, Some(portal))
    };
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
    let mut url = moving.url.lock().map_err(internal)?.clone();
    loop {
        passes += 1;
        gocua_api::sync::sync_with(&ctx, &policy, Duration::from_millis(250)).await?;
        let moved_to = moving.url.lock().map_err(internal)?.clone();
        if moved_to != url {
            // The volunteer types the new address in the settings.
            gocua_api::set_portal_url(
                &ctx,
                gocua_api::dto::SetPortalUrl {
                    url: moved_to.clone(),
                },
            )?;
            url = moved_to;
            continue;
        }
        let done =
            gocua_api::outbox_list(&ctx)?.pending == 0 && moving.done.load(Ordering::Relaxed);
        if done || passes > 10_000 {
            break;
        }
        let wait = gocua_api::sync::next_due_in(&ctx)?.unwrap_or_default();
        tokio::time::sleep(wait.min(Duration::from_millis(200)) + Duration::from_millis(1)).await;
    }
    let seconds = started.elapsed().as_secs_f64();
    finished.store(true, Ordering::Relaxed);
    let portal = match (watcher, unmoved) {
        (Some(w), _) => w.await.map_err(internal)??,
        (None, Some(p)) => p,
        (None, None) => return Err(internal("no portal")),
    };
    let wire_bytes = moving.wire_before.load(Ordering::Relaxed) + portal.stats.wire_bytes();
    let checked = check(&ctx, &portal.url).await?;
    let stranded = gocua_api::outbox_list(&ctx)?.quarantined;
    portal.stop().await;
    Ok(Run {
        fault_rate,
        reregistered: reregister,
        dossiers: queued.dossiers,
        lost: checked.lost,
        duplicated: checked.duplicated,
        stranded,
        papers_not_whole: checked.papers_not_whole,
        wire_bytes,
        payload_bytes: queued.payload_bytes,
        wire_ratio: wire_bytes as f64 / queued.payload_bytes.max(1) as f64,
        seconds,
        faults_injected: faults.injected(),
        passes,
    })
}

/// What the portal holds, against the laptop.
struct Checked {
    lost: u32,
    duplicated: u32,
    papers_not_whole: u32,
}

/// Every local dossier at the portal once, under the code it recorded, with
/// every paper's stored bytes equal to the laptop's (SHA-256 and length of
/// what the portal reassembled).
async fn check(ctx: &Ctx, url: &str) -> Result<Checked, ApiError> {
    let at_portal: Vec<(String, String, u8)> = reqwest::get(format!("{url}v1/admin/dossiers"))
        .await
        .map_err(internal)?
        .json()
        .await
        .map_err(internal)?;
    let mut per_client: HashMap<&str, Vec<&str>> = HashMap::new();
    for (code, client, _) in &at_portal {
        per_client.entry(client).or_default().push(code);
    }
    let mut all = Vec::new();
    loop {
        let page = gocua_api::dossier_list(
            ctx,
            gocua_api::dto::DossierList {
                limit: Some(200),
                offset: Some(all.len() as u32),
                ..Default::default()
            },
        )?;
        all.extend(page.items);
        if !page.more {
            break;
        }
    }
    let mut lost = 0;
    let mut papers_not_whole = 0;
    for d in &all {
        let delivered = matches!(d.state, gocua_api::dto::DossierState::Portal(_))
            && d.portal_code.as_deref().is_some_and(|c| {
                per_client
                    .get(d.id.as_str())
                    .is_some_and(|cs| cs.contains(&c))
            });
        if !delivered {
            lost += 1;
            continue;
        }
        let want = gocua_api::sync::papers_expected(ctx, &d.id)?;
        let code = d.portal_code.as_deref().unwrap_or_default();
        let mut got: Vec<(String, String, u64)> =
            reqwest::get(format!("{url}v1/admin/dossiers/{code}/papers"))
                .await
                .map_err(internal)?
                .json()
                .await
                .map_err(internal)?;
        got.sort();
        papers_not_whole += want.iter().filter(|w| !got.contains(w)).count() as u32;
    }
    Ok(Checked {
        lost,
        // Portal dossiers beyond one per laptop dossier.
        duplicated: at_portal.len().saturating_sub(per_client.len()) as u32,
        papers_not_whole,
    })
}

/// Runs the benchmark with `fault_rate`, then with faults off.
pub fn sync(
    dossiers: u32,
    attachments: u32,
    fault_rate: f64,
    reregister: bool,
) -> Result<Report, ApiError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(internal)?;
    runtime.block_on(async {
        let faults = run(dossiers, attachments, fault_rate, 7, reregister).await?;
        let without_faults = run(dossiers, attachments, 0.0, 7, reregister).await?;
        Ok(Report {
            faults,
            without_faults,
        })
    })
}

/// `--name value` from the arguments (cargo passes its own `--bench` too).
fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let r = sync(
        arg(&args, "--dossiers", 100),
        arg(&args, "--attachments", 3),
        arg(&args, "--fault-rate", 0.2),
        args.iter().any(|a| a == "--reregister"),
    )?;
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(());
    }
    for run in [&r.faults, &r.without_faults] {
        println!(
            "fault rate {:.2}{}: {} dossiers, lost {}, duplicated {}, stranded {}, papers not whole {}, wire {} B / payload {} B = {:.3}, {:.1} s, {} faults, {} passes",
            run.fault_rate,
            if run.reregistered {
                " (re-registered)"
            } else {
                ""
            },
            run.dossiers,
            run.lost,
            run.duplicated,
            run.stranded,
            run.papers_not_whole,
            run.wire_bytes,
            run.payload_bytes,
            run.wire_ratio,
            run.seconds,
            run.faults_injected,
            run.passes
        );
    }
    println!(
        "wire ratio with faults / without faults: {:.3}",
        r.faults.wire_ratio / r.without_faults.wire_ratio.max(f64::MIN_POSITIVE)
    );
    Ok(())
}
