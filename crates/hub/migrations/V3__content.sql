-- Content the province publishes to its laptops, signed with the
-- province's key (which laptops learned at enrolment): catalogue packs.
CREATE TABLE catalogue_pack (
    pack_id      text NOT NULL,
    version      bigint NOT NULL,
    -- The signed envelope (gocua_core::catalogue::signed), as laptops get it.
    signed       text NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pack_id, version)
);
