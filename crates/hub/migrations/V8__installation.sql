-- A laptop's one identity at the hub: the SHA-256 of the installation secret
-- it made once and keeps through leaving, joining again, a revoke or a new
-- hub certificate. A laptop that enrols again with it keeps its device row
-- (and so its records, which its new pass replaces, never adds); when it
-- last did, and how many times it has joined, for the lead.
ALTER TABLE device ADD COLUMN installation_hash bytea UNIQUE;
ALTER TABLE device ADD COLUMN rejoined_at timestamptz;
ALTER TABLE device ADD COLUMN joins integer NOT NULL DEFAULT 1;
