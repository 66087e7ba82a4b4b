-- copingkit schema v2: a stored preview for fast lists, and full-text search (FTS5).
--
-- The FTS tables are external-content indexes: they hold tokens, not a second copy of the text.
-- Triggers keep them in step with their tables. Purging an entry also runs FTS5 'optimize'
-- (see services/journal.py) so no stale segment keeps its words in the image.

ALTER TABLE journal_entry ADD COLUMN preview VARCHAR NOT NULL DEFAULT '';

UPDATE journal_entry SET preview =
    trim(substr(replace(replace(replace(body, char(13), ' '), char(10), ' '), char(9), ' '), 1, 160), ' ');

CREATE VIRTUAL TABLE entry_fts USING fts5(
    title, body,
    content='journal_entry', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER entry_fts_insert AFTER INSERT ON journal_entry BEGIN
    INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER entry_fts_delete AFTER DELETE ON journal_entry BEGIN
    INSERT INTO entry_fts(entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER entry_fts_update AFTER UPDATE OF title, body ON journal_entry BEGIN
    INSERT INTO entry_fts(entry_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE checkin_fts USING fts5(
    note,
    content='mood_checkin', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER checkin_fts_insert AFTER INSERT ON mood_checkin BEGIN
    INSERT INTO checkin_fts(rowid, note) VALUES (new.id, new.note);
END;
CREATE TRIGGER checkin_fts_delete AFTER DELETE ON mood_checkin BEGIN
    INSERT INTO checkin_fts(checkin_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;
CREATE TRIGGER checkin_fts_update AFTER UPDATE OF note ON mood_checkin BEGIN
    INSERT INTO checkin_fts(checkin_fts, rowid, note) VALUES ('delete', old.id, old.note);
    INSERT INTO checkin_fts(rowid, note) VALUES (new.id, new.note);
END;

CREATE VIRTUAL TABLE strategy_fts USING fts5(
    title, steps, approach,
    content='coping_strategy', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER strategy_fts_insert AFTER INSERT ON coping_strategy BEGIN
    INSERT INTO strategy_fts(rowid, title, steps, approach) VALUES (new.id, new.title, new.steps, new.approach);
END;
CREATE TRIGGER strategy_fts_delete AFTER DELETE ON coping_strategy BEGIN
    INSERT INTO strategy_fts(strategy_fts, rowid, title, steps, approach)
        VALUES ('delete', old.id, old.title, old.steps, old.approach);
END;
CREATE TRIGGER strategy_fts_update AFTER UPDATE OF title, steps, approach ON coping_strategy BEGIN
    INSERT INTO strategy_fts(strategy_fts, rowid, title, steps, approach)
        VALUES ('delete', old.id, old.title, old.steps, old.approach);
    INSERT INTO strategy_fts(rowid, title, steps, approach) VALUES (new.id, new.title, new.steps, new.approach);
END;

-- Index what was already there.
INSERT INTO entry_fts(entry_fts) VALUES ('rebuild');
INSERT INTO checkin_fts(checkin_fts) VALUES ('rebuild');
INSERT INTO strategy_fts(strategy_fts) VALUES ('rebuild');
