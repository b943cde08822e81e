-- Keys a team lead trusts to sign catalogue packs (besides the project's
-- publisher keys, which ship in the app): a province's, for instance.
CREATE TABLE trusted_key (
    public_key TEXT PRIMARY KEY NOT NULL CHECK (length(public_key) = 64),
    name       TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
) STRICT;
