-- How many times an operation's papers were uploaded again because the
-- portal no longer held them (`upload_incomplete`), counted apart from its
-- attempts: attempts also count passes that never reached the portal (a
-- laptop offline for a minute gathers dozens), which must not use up the
-- re-uploads. "Send now" starts the count again.
ALTER TABLE outbox ADD COLUMN reuploads INTEGER NOT NULL DEFAULT 0 CHECK (reuploads >= 0);
