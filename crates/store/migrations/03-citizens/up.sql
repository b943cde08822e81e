-- Citizens helped, their consents, and visits. Personal data: this file is
-- meant to live in the encrypted database only.
CREATE TABLE citizen (
    id              INTEGER PRIMARY KEY,
    cccd            TEXT NOT NULL UNIQUE,
    old_id          TEXT,
    name            TEXT NOT NULL,
    birth_date      TEXT NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('Nam', 'Nữ')),
    address         TEXT NOT NULL,
    -- GSO code of the commune (2025 units) once the volunteer confirmed it.
    address_commune TEXT,
    issue_date      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- One row per purpose per decision; a withdrawal is stamped, never deleted,
-- so the history of what the citizen agreed to stays provable.
CREATE TABLE consent (
    id           INTEGER PRIMARY KEY,
    citizen      INTEGER NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    granted      INTEGER NOT NULL CHECK (granted IN (0, 1)),
    text_version TEXT NOT NULL,
    operator     TEXT NOT NULL,
    given_at     TEXT NOT NULL,
    withdrawn_at TEXT
) STRICT;
CREATE INDEX consent_by_citizen ON consent (citizen, purpose);

CREATE TABLE visit (
    id             INTEGER PRIMARY KEY,
    citizen        INTEGER REFERENCES citizen (id) ON DELETE SET NULL,
    operator       TEXT NOT NULL,
    place_commune  TEXT,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    vneid_outcome  TEXT NOT NULL DEFAULT 'not_attempted',
    vneid_note     TEXT,
    portal_outcome TEXT NOT NULL DEFAULT 'not_attempted',
    portal_note    TEXT,
    -- JSON object: guide id → list of ticked step ids.
    guide_progress TEXT NOT NULL DEFAULT '{}',
    satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX visit_by_citizen ON visit (citizen);
CREATE INDEX visit_by_start ON visit (started_at);
