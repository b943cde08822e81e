-- The team hub (gocua-hub): this laptop's enrolment, and which report
-- records changed since the hub last acknowledged them.
--
-- At most one hub. The device's ed25519 secret key lives here, inside the
-- encrypted file, beside the data it signs for; the hub's certificate is
-- pinned by its SHA-256 fingerprint.
CREATE TABLE hub_link (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    url            TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    device_secret  BLOB NOT NULL,
    team_id        TEXT NOT NULL,
    team_name      TEXT NOT NULL,
    -- The province's content-signing key (ed25519, base64), learned at enrolment.
    province_key   TEXT NOT NULL,
    -- Salts of the pseudonyms sent: the team's (operators, so that one
    -- volunteer on two laptops is one pseudonym) and this device's (citizens).
    team_salt      BLOB NOT NULL,
    device_salt    BLOB NOT NULL,
    joined_at      TEXT NOT NULL,
    revoked_at     TEXT,
    last_sync_at   TEXT,
    last_error     TEXT
) STRICT;

-- A laptop-wide counter: every change of a report record takes the next
-- value, so a record's revision only ever grows, even after its pending
-- row was acknowledged and removed.
CREATE TABLE hub_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO hub_clock (id, n) VALUES (1, 0);

-- Report records not yet acknowledged by the hub, at their newest revision.
-- Filled by triggers, so that no write path can forget it; the event sent
-- for (kind, record, rev) has an id derived from them, so a batch re-sent
-- after a fault is recognised by the hub and stored once.
CREATE TABLE hub_pending (
    kind   TEXT NOT NULL CHECK (kind IN ('visit', 'dossier')),
    record TEXT NOT NULL,
    rev    INTEGER NOT NULL,
    PRIMARY KEY (kind, record)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER hub_visit_insert AFTER INSERT ON visit BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('visit', new.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
CREATE TRIGGER hub_visit_update AFTER UPDATE OF citizen, operator, place_commune, started_at,
        ended_at, vneid_outcome, portal_outcome, satisfaction ON visit BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('visit', new.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
CREATE TRIGGER hub_visit_delete AFTER DELETE ON visit BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('visit', old.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
-- A dossier counts in its visit's record ("dossiers started in it"), so a
-- dossier coming, going or moving also changes its visit.
CREATE TRIGGER hub_dossier_insert AFTER INSERT ON dossier BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('dossier', new.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
    INSERT INTO hub_pending (kind, record, rev)
        SELECT 'visit', new.visit, (SELECT n FROM hub_clock) WHERE new.visit IS NOT NULL
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
CREATE TRIGGER hub_dossier_update AFTER UPDATE OF state, procedure_code, procedure_name, operator,
        visit, created_at ON dossier BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('dossier', new.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
    INSERT INTO hub_pending (kind, record, rev)
        SELECT 'visit', v, (SELECT n FROM hub_clock)
        FROM (SELECT old.visit AS v UNION SELECT new.visit) WHERE v IS NOT NULL
           AND old.visit IS NOT new.visit
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;
CREATE TRIGGER hub_dossier_delete AFTER DELETE ON dossier BEGIN
    UPDATE hub_clock SET n = n + 1 WHERE id = 1;
    INSERT INTO hub_pending (kind, record, rev) VALUES ('dossier', old.id, (SELECT n FROM hub_clock))
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
    INSERT INTO hub_pending (kind, record, rev)
        SELECT 'visit', old.visit, (SELECT n FROM hub_clock) WHERE old.visit IS NOT NULL
        ON CONFLICT DO UPDATE SET rev = excluded.rev;
END;

-- What this laptop already holds is pending from the start: a laptop that
-- joins a hub after a month of work sends that month.
UPDATE hub_clock SET n = 1 WHERE id = 1;
INSERT INTO hub_pending (kind, record, rev) SELECT 'visit', id, 1 FROM visit;
INSERT INTO hub_pending (kind, record, rev) SELECT 'dossier', id, 1 FROM dossier;
