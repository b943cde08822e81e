//! Group commit: the batches laptops send at the same time are stored
//! together, in one transaction with a few statements and one commit,
//! instead of one transaction each. A request waits for the transaction its
//! batch went into; when that fails, every batch in it fails and each
//! laptop sends again — exactly once still holds, since nothing of a failed
//! transaction was stored.

use std::sync::Arc;

use deadpool_postgres::Pool;
use tokio::sync::{mpsc, oneshot};

use crate::db::{self, Batch, Ingested};
use crate::{Error, Result};

/// Most events one transaction takes.
const GROUP_EVENTS: usize = 20_000;
/// Requests that may wait for a writer before senders are held back.
const QUEUE: usize = 4096;

struct Job {
    batch: Batch,
    reply: oneshot::Sender<std::result::Result<Ingested, String>>,
}

/// The way into the writers. A device's batches always go to the same
/// writer, in the order they came.
#[derive(Clone)]
pub struct Ingestor {
    writers: Arc<[mpsc::Sender<Job>]>,
}

impl std::fmt::Debug for Ingestor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingestor").finish_non_exhaustive()
    }
}

impl Ingestor {
    /// Starts `writers` writer tasks on `pool`.
    pub fn start(pool: Pool, writers: usize) -> Ingestor {
        let mut senders = Vec::new();
        for _ in 0..writers.max(1) {
            let (jobs, mut rx) = mpsc::channel::<Job>(QUEUE);
            senders.push(jobs);
            let pool = pool.clone();
            tokio::spawn(async move {
                while let Some(group) = next_group(&mut rx).await {
                    let (batches, replies): (Vec<Batch>, Vec<_>) =
                        group.into_iter().map(|j| (j.batch, j.reply)).unzip();
                    match db::ingest(&pool, &batches).await {
                        Ok(results) => {
                            for (reply, r) in replies.into_iter().zip(results) {
                                let _ = reply.send(Ok(r));
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, batches = batches.len(), "a group of batches failed; the laptops will send again");
                            let text = e.to_string();
                            for reply in replies {
                                let _ = reply.send(Err(text.clone()));
                            }
                        }
                    }
                }
            });
        }
        Ingestor {
            writers: senders.into(),
        }
    }

    /// Stores one laptop's batch (with whatever others arrive meanwhile).
    pub async fn send(&self, batch: Batch) -> Result<Ingested> {
        let (reply, answer) = oneshot::channel();
        let (hi, lo) = batch.device.id.as_u64_pair();
        let writer = &self.writers[((hi ^ lo) % self.writers.len() as u64) as usize];
        writer
            .send(Job { batch, reply })
            .await
            .map_err(|_| Error::Unavailable("the writers stopped".into()))?;
        answer
            .await
            .map_err(|_| Error::Unavailable("the writer stopped".into()))?
            .map_err(Error::Unavailable)
    }
}

/// Waits for one job, then takes every job already waiting, up to
/// [`GROUP_EVENTS`] events.
async fn next_group(rx: &mut mpsc::Receiver<Job>) -> Option<Vec<Job>> {
    let first = rx.recv().await?;
    let mut events = first.batch.events.len();
    let mut group = vec![first];
    while events < GROUP_EVENTS {
        match rx.try_recv() {
            Ok(job) => {
                events += job.batch.events.len();
                group.push(job);
            }
            Err(_) => break,
        }
    }
    Some(group)
}
