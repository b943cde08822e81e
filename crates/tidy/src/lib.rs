//! gocua-tidy — the house rules that a sentence alone would not hold, as
//! tests over the repository's files (`tests/tidy.rs`), in the manner of
//! rust-analyzer's `tidy`: every path ARCHITECTURE.md names exists; SQL is
//! written only where each service keeps it; no benchmark is compiled into
//! a shipped binary; the command surface never depends on a wire crate.
//! Nothing here ships.
