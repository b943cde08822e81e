-- Guides (VNeID, portal login, payment, troubleshooting), signed with the
-- province's key like catalogue packs; a laptop replaces its guides with
-- the newest version it has not installed yet.
CREATE TABLE guides (
    version      bigserial PRIMARY KEY,
    signed       text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
