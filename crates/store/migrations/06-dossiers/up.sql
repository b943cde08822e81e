-- Form schemas of each installed pack, so a draft opens with the schema it
-- was started on without parsing the whole pack.
CREATE TABLE form_schema (
    pack    INTEGER NOT NULL REFERENCES catalogue_pack (id) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    version INTEGER NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (pack, id)
) STRICT;

-- Dossiers. The list columns live here; the answers (which grow with every
-- field) live in dossier_answers, so listing 100,000 dossiers reads small rows.
CREATE TABLE dossier (
    -- Stable integer key for the search index (an implicit rowid may change on VACUUM).
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE, -- UUID v4, also the sync identity
    procedure_code TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    pack           INTEGER NOT NULL REFERENCES catalogue_pack (id),
    schema_id      TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    -- Erasing a citizen erases their dossiers.
    citizen        INTEGER REFERENCES citizen (id) ON DELETE CASCADE,
    visit          INTEGER REFERENCES visit (id) ON DELETE SET NULL,
    operator       TEXT NOT NULL,
    state          TEXT NOT NULL,
    portal_code    TEXT,
    -- Where the volunteer was: a page id, 'tasks', 'documents' or 'check'.
    position       TEXT NOT NULL DEFAULT '',
    revision       INTEGER NOT NULL DEFAULT 0,
    -- Folded citizen name, ID number, procedure name and code, for search.
    search         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_by_updated ON dossier (updated_at DESC, id);
CREATE INDEX dossier_by_state ON dossier (state, updated_at DESC);
CREATE INDEX dossier_by_citizen ON dossier (citizen, procedure_code);
CREATE INDEX dossier_by_created ON dossier (created_at);
CREATE INDEX dossier_by_visit ON dossier (visit);

-- Substring search over `search` for the drafts list: an FTS5 trigram index
-- answers LIKE '%word%' without reading every dossier (a scan of 100,000
-- rows takes ~50 ms; the index a fraction of that). Kept in step by triggers.
CREATE VIRTUAL TABLE dossier_search USING fts5 (
    search, content = 'dossier', content_rowid = 'seq', tokenize = 'trigram'
);
CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossier BEGIN
    INSERT INTO dossier_search (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER dossier_search_delete AFTER DELETE ON dossier BEGIN
    INSERT INTO dossier_search (dossier_search, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER dossier_search_update AFTER UPDATE OF search ON dossier BEGIN
    INSERT INTO dossier_search (dossier_search, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO dossier_search (rowid, search) VALUES (new.seq, new.search);
END;

CREATE TABLE dossier_answers (
    dossier   TEXT PRIMARY KEY NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    -- gocua_core::form::Answers as JSON.
    answers   TEXT NOT NULL,
    -- Document index → 'not_applicable' | 'later', as the volunteer marked it.
    documents TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Attachment content, addressed by its SHA-256: the same photo attached
-- twice is stored once. Inside the encrypted database, like everything else.
CREATE TABLE blob (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size   INTEGER NOT NULL,
    data   BLOB NOT NULL
) STRICT;

CREATE TABLE attachment (
    id         INTEGER PRIMARY KEY,
    dossier    TEXT NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    -- Index of the paper in the procedure's document list.
    document   INTEGER NOT NULL,
    sha256     TEXT NOT NULL REFERENCES blob (sha256),
    name       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    -- Bytes the portal confirmed (resumable upload).
    uploaded   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachment_by_dossier ON attachment (dossier, document);
CREATE INDEX attachment_by_blob ON attachment (sha256);
