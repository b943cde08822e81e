-- Why the last attempt failed, as a closed set (gocua_core::outbox::FailureKind),
-- beside the technical text: the queue screen words it from the kind alone.
ALTER TABLE outbox ADD COLUMN last_error_kind TEXT
    CHECK (last_error_kind IN ('timeout', 'offline', 'busy', 'refused'));
-- Rows written before: classified once, here, from the texts the old code wrote.
UPDATE outbox SET last_error_kind = CASE
    WHEN last_error LIKE '%timed out%' THEN 'timeout'
    WHEN last_error LIKE '%cannot connect%' OR last_error LIKE '%connection broken%' THEN 'offline'
    WHEN last_error LIKE 'try again later%' THEN 'busy'
    ELSE 'refused' END
WHERE last_error IS NOT NULL;
