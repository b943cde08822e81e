-- A laptop whose new audit anchor did not extend the chain the hub holds
-- (its hash at the hub's newest anchored position differed, or the step was
-- too large): when it was first seen, and at which anchored position. The
-- anchor is not kept; the lead's dashboard shows the laptop as flagged.
ALTER TABLE device ADD COLUMN anchor_mismatch_at timestamptz;
ALTER TABLE device ADD COLUMN anchor_mismatch_seq bigint;
