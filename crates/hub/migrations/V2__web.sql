-- The leaders' web dashboard: accounts, sessions, and the one-time link
-- that sets up a province's first admin.

CREATE TABLE web_user (
    id            uuid PRIMARY KEY,
    login         text NOT NULL UNIQUE,
    name          text NOT NULL,
    -- Argon2id, PHC string.
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('team_lead', 'commune_officer', 'province_admin')),
    province      text NOT NULL,
    commune       text,
    team          uuid REFERENCES team (id),
    -- Lock-out: failed attempts in a row, and until when logging in is refused.
    failed        integer NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'team_lead' OR team IS NOT NULL),
    CHECK (role <> 'commune_officer' OR commune IS NOT NULL)
);

-- Only the SHA-256 of a session's cookie is kept.
CREATE TABLE web_session (
    token_hash bytea PRIMARY KEY,
    web_user   uuid NOT NULL REFERENCES web_user (id) ON DELETE CASCADE,
    csrf       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

CREATE TABLE setup_token (
    token_hash bytea PRIMARY KEY,
    province   text NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
