-- A team's roster: its volunteers' names and roles, as the team lead keeps
-- it in the dashboard. Laptops get it signed with the province's key (like
-- catalogue packs and guides), at the team's roster version.
CREATE TABLE team_member (
    id       uuid PRIMARY KEY,
    team     uuid NOT NULL REFERENCES team (id),
    name     text NOT NULL,
    role     text NOT NULL CHECK (role IN ('lead', 'volunteer')),
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX team_member_by_team ON team_member (team);
ALTER TABLE team ADD COLUMN roster_version bigint NOT NULL DEFAULT 0;
