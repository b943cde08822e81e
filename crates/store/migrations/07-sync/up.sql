-- The outbox: every change that must reach the portal, written in the same
-- transaction as the local change. `id` is the operation's Idempotency-Key.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    dossier         TEXT NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('submit', 'supplement')),
    -- gocua_protocol::HoSoNop (submit) or BoSungNop (supplement), papers filled in when sent.
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'quarantined')),
    -- Needs the citizen present (VNeID confirmation, an OTP to their phone): shown apart.
    needs_citizen   INTEGER NOT NULL DEFAULT 0,
    -- The volunteer said the citizen is here: send with their confirmation.
    citizen_present INTEGER NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    done_at         TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_dossier ON outbox (dossier, seq);

-- The portal's upload id of an attachment (bytes confirmed are in `uploaded`).
ALTER TABLE attachment ADD COLUMN upload_id TEXT;
-- What the office asked for when it requested a supplement.
ALTER TABLE dossier ADD COLUMN supplement_note TEXT;
CREATE INDEX dossier_by_portal_code ON dossier (portal_code);
