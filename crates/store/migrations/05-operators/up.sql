-- The people who use this laptop. PINs are Argon2id PHC strings; wrong
-- attempts are counted here so that a restart does not reset the lock-out.
CREATE TABLE operator (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('volunteer', 'lead', 'kiosk')),
    pin_hash     TEXT NOT NULL,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at   TEXT NOT NULL
) STRICT;
