//! The procedure catalogue: what a citizen can apply for, with its documents,
//! fees, time limit and where to submit.
//!
//! A catalogue arrives as a versioned JSON *pack* (format documented in
//! `docs/catalogue-pack.md`). [`parse_pack`] reads and validates one, naming
//! the JSON path of the first bad field; nothing else in the app sees an
//! unvalidated pack.

mod model;
mod pack;
pub mod signed;

pub use model::*;
pub use pack::{PACK_FORMAT, PACK_FORMAT_VERSION, PackError, PackErrorKind, parse_pack};
