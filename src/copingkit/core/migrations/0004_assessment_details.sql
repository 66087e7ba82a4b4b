-- v4: assessments keep what the form needs (CONTENT.md, DESIGN.md §4).
--   score     nullable: a form left partly blank in the TUI is stored without a score
--   answers   may hold null for a question left blank (JSON array)
--   difficulty        the form's unscored difficulty item (PHQ-9, GAD-7), or null
--   crisis_shown_at   when the item-9 crisis screen (or the CLI's item-9 text) was shown, or null
-- SQLite cannot make a column nullable in place, so the table is rebuilt with its rows, uids and
-- times kept; its indexes and identity triggers (v3) are made again. Dropping the old table fires
-- no delete trigger, so no tombstone is written.

CREATE TABLE assessment_v4 (
    id INTEGER NOT NULL,
    instrument_id VARCHAR NOT NULL,
    instrument_version INTEGER NOT NULL DEFAULT 1,
    answers TEXT NOT NULL,
    score INTEGER,
    band VARCHAR,
    at TEXT NOT NULL,
    uid VARCHAR,
    updated_at TEXT,
    difficulty INTEGER,
    crisis_shown_at TEXT,
    PRIMARY KEY (id)
);
INSERT INTO assessment_v4 (id, instrument_id, instrument_version, answers, score, band, at, uid, updated_at)
    SELECT id, instrument_id, instrument_version, answers, score, band, at, uid, updated_at FROM assessment;
DROP TABLE assessment;
ALTER TABLE assessment_v4 RENAME TO assessment;
CREATE INDEX ix_assessment_instrument_id ON assessment (instrument_id);
CREATE INDEX ix_assessment_at ON assessment (at);
CREATE UNIQUE INDEX ix_assessment_uid ON assessment (uid);

CREATE TRIGGER assessment_identity AFTER INSERT ON assessment
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE assessment SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER assessment_touch AFTER UPDATE ON assessment
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE assessment SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER assessment_tombstone AFTER DELETE ON assessment BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'assessment', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;
