-- Draft dossiers handed to or from another laptop of the team through the
-- hub. Only who, what and when: the answers and papers travel sealed and,
-- once received, are an ordinary dossier here. A dossier handed away keeps
-- its row here (without any of its content) as the record of where it went.
CREATE TABLE handover (
    id             TEXT PRIMARY KEY NOT NULL, -- UUID, the hub's id too
    direction      TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    dossier        TEXT NOT NULL,
    peer_device    TEXT NOT NULL,
    peer_name      TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    -- Photos of papers it carried (the consent to them is checked until it is decided).
    papers         INTEGER NOT NULL DEFAULT 0,
    -- out: 'sent' → 'accepted' | 'declined' | 'reclaimed'; in: 'accepted'.
    state          TEXT NOT NULL CHECK (state IN ('sent', 'accepted', 'declined', 'reclaimed')),
    -- out: the hub has stored it (until then it is sent again at each sync).
    delivered      INTEGER NOT NULL DEFAULT 0 CHECK (delivered IN (0, 1)),
    -- Who sent or accepted it; out: who recorded the citizen's agreement.
    operator       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    decided_at     TEXT
) STRICT;
CREATE INDEX handover_by_dossier ON handover (dossier);
CREATE INDEX handover_open ON handover (state) WHERE state = 'sent';
