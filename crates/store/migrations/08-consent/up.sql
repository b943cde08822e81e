-- Consent recorded on a dossier whose citizen has no stored profile (they
-- did not want one kept, or are filing at a desk without one): the same
-- purposes and rules as `consent`, so `dossiers` and `document_images` are
-- enforced for every dossier, with or without a citizen row.
CREATE TABLE dossier_consent (
    id           INTEGER PRIMARY KEY,
    dossier      TEXT NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    granted      INTEGER NOT NULL,
    text_version TEXT NOT NULL,
    operator     TEXT NOT NULL,
    given_at     TEXT NOT NULL,
    withdrawn_at TEXT
) STRICT;
CREATE INDEX dossier_consent_by_dossier ON dossier_consent (dossier, purpose, id);

-- Dossiers created before consent was enforced keep working: their citizen-less
-- drafts are taken to have been started with the citizen's agreement to file.
INSERT INTO dossier_consent (dossier, purpose, granted, text_version, operator, given_at)
SELECT id, 'dossiers', 1, 'before-08', operator, created_at FROM dossier WHERE citizen IS NULL;
