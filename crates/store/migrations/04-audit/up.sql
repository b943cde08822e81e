-- Append-only, hash-chained audit log: every read or change of citizen data,
-- every export, every sync. `hash` = SHA-256 over the previous row's hash and
-- this row's fields; `gocua audit verify` recomputes the chain.
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    action    TEXT NOT NULL,
    -- What it concerned, by row id (e.g. citizen:12): never names or ID numbers.
    subject   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
