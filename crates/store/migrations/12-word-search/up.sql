-- Word search for the drafts list. Names are found by the start of their
-- words ("hoang thanh dung", "nguy"): a word index answers that from the
-- few rows holding each word, where the trigram index (kept for parts of ID
-- numbers) has to read the long lists of trigrams every procedure name also
-- holds ("ang", "anh"). Same content, same triggers, same secure delete.
CREATE VIRTUAL TABLE dossier_words USING fts5 (
    search, content = 'dossier', content_rowid = 'seq', tokenize = 'unicode61', prefix = '2 3'
);
INSERT INTO dossier_words (dossier_words, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER dossier_words_insert AFTER INSERT ON dossier BEGIN
    INSERT INTO dossier_words (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER dossier_words_delete AFTER DELETE ON dossier BEGIN
    INSERT INTO dossier_words (dossier_words, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER dossier_words_update AFTER UPDATE OF search ON dossier BEGIN
    INSERT INTO dossier_words (dossier_words, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO dossier_words (rowid, search) VALUES (new.seq, new.search);
END;
INSERT INTO dossier_words (dossier_words) VALUES ('rebuild');

-- The newest dossiers' search text, in order: a search by name first looks
-- among the newest 1,000 here, reading a few dense index pages instead of
-- one (encrypted) table page per dossier.
CREATE INDEX dossier_newest ON dossier (updated_at DESC, id, search);
