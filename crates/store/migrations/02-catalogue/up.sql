-- Installed catalogue packs. Old versions stay, so a draft started on an
-- older pack keeps the procedure text it was started with.
CREATE TABLE catalogue_pack (
    id           INTEGER PRIMARY KEY,
    pack_id      TEXT NOT NULL,
    version      INTEGER NOT NULL,
    issued_at    TEXT NOT NULL,
    source       TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    installed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- The whole pack as validated JSON (synonyms, stop words, procedures).
    body         TEXT NOT NULL,
    UNIQUE (pack_id, version)
) STRICT;

-- One row per procedure per installed pack version, for lookups by code
-- without parsing the whole pack.
CREATE TABLE procedure (
    pack      INTEGER NOT NULL REFERENCES catalogue_pack (id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    essential INTEGER NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (pack, code)
) STRICT;
CREATE INDEX procedure_by_code ON procedure (code);
