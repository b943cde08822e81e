//! The portal: its base URL, the connectivity probe, the protocol client,
//! the outbox worker and the whole pass (identity, token, worker, feed).

pub(crate) mod backoff;
pub(crate) mod client;
pub(crate) mod pass;
pub mod payload;
pub(crate) mod probe;
pub(crate) mod url;
pub(crate) mod worker;
