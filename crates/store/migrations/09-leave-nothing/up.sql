-- An erased citizen leaves nothing in the dossier search index: deletes
-- remove their terms from the index at once (FTS5 'secure-delete', SQLite
-- 3.44+), instead of leaving them in old segments until a merge. The
-- rebuild drops what earlier deletes left behind.
INSERT INTO dossier_search (dossier_search, rank) VALUES ('secure-delete', 1);
INSERT INTO dossier_search (dossier_search) VALUES ('rebuild');

-- Files written about a citizen outside the database (their export, their
-- consent receipt): erasing or purging the citizen deletes them too.
CREATE TABLE citizen_file (
    id         INTEGER PRIMARY KEY,
    citizen    INTEGER NOT NULL REFERENCES citizen (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX citizen_file_by_citizen ON citizen_file (citizen);
