-- Draft dossiers handed from one laptop of a team to another. The hub
-- relays the sealed envelope (encrypted to the receiving device; it cannot
-- read it) and decides, once, who owns the draft: a `sent` hand-over becomes
-- `accepted` by the receiver, or `declined` by it, or `reclaimed` by the
-- sender — whichever comes first, never two of them.
CREATE TABLE handover (
    id          uuid PRIMARY KEY,
    team        uuid NOT NULL REFERENCES team (id),
    from_device uuid NOT NULL REFERENCES device (id),
    to_device   uuid NOT NULL REFERENCES device (id),
    state       text NOT NULL DEFAULT 'sent'
                CHECK (state IN ('sent', 'accepted', 'declined', 'reclaimed')),
    -- The sealed envelope, dropped as soon as no one needs it any more.
    envelope    text,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    decided_at  timestamptz,
    -- Each side said it has applied the outcome.
    receiver_done_at timestamptz,
    sender_done_at   timestamptz,
    CHECK (from_device <> to_device),
    CHECK ((state = 'sent') = (decided_at IS NULL))
);
CREATE INDEX handover_to ON handover (to_device) WHERE receiver_done_at IS NULL;
CREATE INDEX handover_from ON handover (from_device) WHERE sender_done_at IS NULL;
