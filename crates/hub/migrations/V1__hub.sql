-- The team hub's schema. Report records are pseudonymous: codes, states,
-- outcomes, days, and salted hashes for citizens and volunteers.

-- The province's content-signing key: laptops learn its public half at
-- enrolment and refuse content it did not sign.
CREATE TABLE province_key (
    id         smallint PRIMARY KEY CHECK (id = 1),
    secret     bytea NOT NULL,
    public     bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    -- 2025 province code (2 digits) and commune code (5 digits) it works in.
    province   text NOT NULL,
    commune    text,
    -- Salt of the volunteer pseudonyms its laptops send.
    salt       bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_by_place ON team (province, commune);

-- One-time enrolment codes: only the SHA-256 of the secret is kept.
CREATE TABLE enrolment (
    secret_hash bytea PRIMARY KEY,
    team        uuid NOT NULL REFERENCES team (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_by     uuid
);

CREATE TABLE device (
    id           uuid PRIMARY KEY,
    team         uuid NOT NULL REFERENCES team (id),
    public_key   bytea NOT NULL UNIQUE,
    name         text NOT NULL,
    app_version  text NOT NULL,
    enrolled_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz,
    queue_depth  bigint NOT NULL DEFAULT 0,
    revoked_at   timestamptz
);
CREATE INDEX device_by_team ON device (team);

-- The newest revision of each record of each device: the report is
-- computed from these, with the laptop's definitions. An event's id is
-- derived from (device, record, revision), so the revision held here is
-- what recognises an event sent again: it changes nothing.
CREATE TABLE visit_record (
    device    uuid NOT NULL,
    record    text NOT NULL,
    rev       bigint NOT NULL,
    team      uuid NOT NULL,
    province  text NOT NULL,
    gone      boolean NOT NULL DEFAULT false,
    day       date,
    citizen   text,
    operator  text,
    commune   text,
    minutes   integer,
    vneid     text,
    portal    text,
    rating    smallint,
    dossiers  integer,
    -- A team's report reads its few laptops' records through this key;
    -- no other index, since every index costs each event at ingest.
    PRIMARY KEY (device, record)
);

CREATE TABLE dossier_record (
    device         uuid NOT NULL,
    record         text NOT NULL,
    rev            bigint NOT NULL,
    team           uuid NOT NULL,
    province       text NOT NULL,
    gone           boolean NOT NULL DEFAULT false,
    day            date,
    procedure_code text,
    procedure_name text,
    state          text,
    operator       text,
    commune        text,
    online_fee     bigint,
    PRIMARY KEY (device, record)
);

-- Summable figures per team and month, kept in step with the records in
-- the same transaction (each change adds the new record's counts and takes
-- away the old one's): a province's month is a few thousand rows here
-- instead of millions of records.
CREATE TABLE month_tally (
    team      uuid NOT NULL,
    province  text NOT NULL,
    month     date NOT NULL,
    -- Distinct registered citizens (per device, summed).
    known     bigint NOT NULL DEFAULT 0,
    visits    bigint NOT NULL DEFAULT 0,
    anonymous bigint NOT NULL DEFAULT 0,
    vneid1    bigint NOT NULL DEFAULT 0,
    vneid2    bigint NOT NULL DEFAULT 0,
    vneid_blocked bigint NOT NULL DEFAULT 0,
    portal_logins bigint NOT NULL DEFAULT 0,
    rating1   bigint NOT NULL DEFAULT 0,
    rating2   bigint NOT NULL DEFAULT 0,
    rating3   bigint NOT NULL DEFAULT 0,
    rating4   bigint NOT NULL DEFAULT 0,
    rating5   bigint NOT NULL DEFAULT 0,
    dossiers  bigint NOT NULL DEFAULT 0,
    online    bigint NOT NULL DEFAULT 0,
    fees_online bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (team, month)
);
CREATE INDEX month_tally_by_province ON month_tally (province, month);

-- Dossiers per procedure and state, per team and month.
CREATE TABLE dossier_tally (
    team      uuid NOT NULL,
    province  text NOT NULL,
    month     date NOT NULL,
    procedure_code text NOT NULL,
    state     text NOT NULL,
    n         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (team, month, procedure_code, state)
);
CREATE INDEX dossier_tally_by_province ON dossier_tally (province, month);

-- Distinct registered citizens served per device and month (the
-- pseudonym is per device, so per-device counts add up).
CREATE TABLE citizen_month (
    device   uuid NOT NULL,
    month    date NOT NULL,
    citizen  text NOT NULL,
    team     uuid NOT NULL,
    province text NOT NULL,
    PRIMARY KEY (device, month, citizen)
);

-- Audit-chain heads, as each device reported them.
CREATE TABLE anchor (
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device, seq)
);
