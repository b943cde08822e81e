-- Device-local settings (interface language, portal URL, …) as key → value.
-- Values are text; their meaning and validation live in gocua-api.
CREATE TABLE setting (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
