-- copingkit schema v3: stable identity, tombstones, revisions, shared check-ins (DESIGN.md §3).
--
-- Every row gets a `uid` and an `updated_at`. Rows that exist now get a deterministic uid,
-- UUIDv5(vault_id, table ":" id ":" created time) from ck_uid5(), so two copies of one journal that
-- migrate apart agree on every row they share. The connection supplies the functions used here and
-- in the triggers (see core/database.py): ck_uid5, ck_uuid4 (a random UUID4) and ck_now (the
-- journal's clock, as fixed-width UTC text).
--
-- Triggers make identity a property of the database rather than of each service:
--   <table>_identity  after an insert, fills a missing uid (random) and updated_at (now);
--   <table>_touch     after an update that did not set updated_at itself, sets it to now;
--   <table>_tombstone after a delete, records (uid, table, now) so a merge can tell deleted from
--                     never seen, and purges the row's revisions (delete forever means gone).

-- Shared check-ins, like shared entries (default off).
ALTER TABLE mood_checkin ADD COLUMN shared_with_therapist BOOLEAN NOT NULL DEFAULT 0;

CREATE TABLE tombstone (
    uid VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    deleted_at TEXT NOT NULL,
    updated_at TEXT,
    PRIMARY KEY (uid)
);

-- Earlier versions of text a person wrote, kept when a merge or an import chose another version.
CREATE TABLE revision (
    id INTEGER NOT NULL,
    uid VARCHAR,
    updated_at TEXT,
    table_name VARCHAR NOT NULL,
    row_uid VARCHAR NOT NULL,
    content TEXT NOT NULL,
    written_at TEXT,
    kept_at TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_revision_row_uid ON revision (row_uid);
CREATE UNIQUE INDEX ix_revision_uid ON revision (uid);

-- tag
ALTER TABLE tag ADD COLUMN uid VARCHAR;
ALTER TABLE tag ADD COLUMN updated_at TEXT;
UPDATE tag SET uid = ck_uid5('tag', id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_tag_uid ON tag (uid);

-- journal_entry
ALTER TABLE journal_entry ADD COLUMN uid VARCHAR;
ALTER TABLE journal_entry ADD COLUMN updated_at TEXT;
UPDATE journal_entry SET uid = ck_uid5('journal_entry', id, created_at), updated_at = max(created_at, coalesce(edited_at, ''), coalesce(deleted_at, ''));
CREATE UNIQUE INDEX ix_journal_entry_uid ON journal_entry (uid);

-- entry_tag
ALTER TABLE entry_tag ADD COLUMN uid VARCHAR;
ALTER TABLE entry_tag ADD COLUMN updated_at TEXT;
UPDATE entry_tag SET uid = ck_uid5('entry_tag', entry_id || '/' || tag_id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_entry_tag_uid ON entry_tag (uid);

-- prompt_state
ALTER TABLE prompt_state ADD COLUMN uid VARCHAR;
ALTER TABLE prompt_state ADD COLUMN updated_at TEXT;
UPDATE prompt_state SET uid = ck_uid5('prompt_state', prompt_id, ''), updated_at = coalesce(last_used_at, '1970-01-01T00:00:00.000000+00:00');
CREATE UNIQUE INDEX ix_prompt_state_uid ON prompt_state (uid);

-- vault_setting
ALTER TABLE vault_setting ADD COLUMN uid VARCHAR;
ALTER TABLE vault_setting ADD COLUMN updated_at TEXT;
UPDATE vault_setting SET uid = ck_uid5('vault_setting', "key", ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_vault_setting_uid ON vault_setting (uid);

-- mood_checkin
ALTER TABLE mood_checkin ADD COLUMN uid VARCHAR;
ALTER TABLE mood_checkin ADD COLUMN updated_at TEXT;
UPDATE mood_checkin SET uid = ck_uid5('mood_checkin', id, created_at), updated_at = max(created_at, coalesce(edited_at, ''));
CREATE UNIQUE INDEX ix_mood_checkin_uid ON mood_checkin (uid);

-- checkin_emotion
ALTER TABLE checkin_emotion ADD COLUMN uid VARCHAR;
ALTER TABLE checkin_emotion ADD COLUMN updated_at TEXT;
UPDATE checkin_emotion SET uid = ck_uid5('checkin_emotion', id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_checkin_emotion_uid ON checkin_emotion (uid);

-- checkin_tag
ALTER TABLE checkin_tag ADD COLUMN uid VARCHAR;
ALTER TABLE checkin_tag ADD COLUMN updated_at TEXT;
UPDATE checkin_tag SET uid = ck_uid5('checkin_tag', checkin_id || '/' || tag_id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_checkin_tag_uid ON checkin_tag (uid);

-- homework_pack
ALTER TABLE homework_pack ADD COLUMN uid VARCHAR;
ALTER TABLE homework_pack ADD COLUMN updated_at TEXT;
UPDATE homework_pack SET uid = ck_uid5('homework_pack', id, imported_at), updated_at = imported_at;
CREATE UNIQUE INDEX ix_homework_pack_uid ON homework_pack (uid);

-- coping_strategy
ALTER TABLE coping_strategy ADD COLUMN uid VARCHAR;
UPDATE coping_strategy SET uid = ck_uid5('coping_strategy', id, created_at), updated_at = max(created_at, coalesce(updated_at, ''));
CREATE UNIQUE INDEX ix_coping_strategy_uid ON coping_strategy (uid);

-- strategy_use
ALTER TABLE strategy_use ADD COLUMN uid VARCHAR;
ALTER TABLE strategy_use ADD COLUMN updated_at TEXT;
UPDATE strategy_use SET uid = ck_uid5('strategy_use', id, at), updated_at = at;
CREATE UNIQUE INDEX ix_strategy_use_uid ON strategy_use (uid);

-- assessment
ALTER TABLE assessment ADD COLUMN uid VARCHAR;
ALTER TABLE assessment ADD COLUMN updated_at TEXT;
UPDATE assessment SET uid = ck_uid5('assessment', id, at), updated_at = at;
CREATE UNIQUE INDEX ix_assessment_uid ON assessment (uid);

-- safety_plan_item
ALTER TABLE safety_plan_item ADD COLUMN uid VARCHAR;
ALTER TABLE safety_plan_item ADD COLUMN updated_at TEXT;
UPDATE safety_plan_item SET uid = ck_uid5('safety_plan_item', id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_safety_plan_item_uid ON safety_plan_item (uid);

-- support_contact
ALTER TABLE support_contact ADD COLUMN uid VARCHAR;
ALTER TABLE support_contact ADD COLUMN updated_at TEXT;
UPDATE support_contact SET uid = ck_uid5('support_contact', id, ''), updated_at = '1970-01-01T00:00:00.000000+00:00';
CREATE UNIQUE INDEX ix_support_contact_uid ON support_contact (uid);

-- group_session
ALTER TABLE group_session ADD COLUMN uid VARCHAR;
ALTER TABLE group_session ADD COLUMN updated_at TEXT;
UPDATE group_session SET uid = ck_uid5('group_session', id, at), updated_at = at;
CREATE UNIQUE INDEX ix_group_session_uid ON group_session (uid);

-- homework_assignment
ALTER TABLE homework_assignment ADD COLUMN uid VARCHAR;
ALTER TABLE homework_assignment ADD COLUMN updated_at TEXT;
UPDATE homework_assignment SET uid = ck_uid5('homework_assignment', id, created_at), updated_at = created_at;
CREATE UNIQUE INDEX ix_homework_assignment_uid ON homework_assignment (uid);

-- homework_completion
ALTER TABLE homework_completion ADD COLUMN uid VARCHAR;
ALTER TABLE homework_completion ADD COLUMN updated_at TEXT;
UPDATE homework_completion SET uid = ck_uid5('homework_completion', id, at), updated_at = at;
CREATE UNIQUE INDEX ix_homework_completion_uid ON homework_completion (uid);

CREATE TRIGGER tag_identity AFTER INSERT ON tag
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE tag SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER tag_touch AFTER UPDATE ON tag
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE tag SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

CREATE TRIGGER journal_entry_identity AFTER INSERT ON journal_entry
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE journal_entry SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER journal_entry_touch AFTER UPDATE ON journal_entry
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE journal_entry SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER journal_entry_tombstone AFTER DELETE ON journal_entry BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'journal_entry', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER entry_tag_identity AFTER INSERT ON entry_tag
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE entry_tag SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER entry_tag_touch AFTER UPDATE ON entry_tag
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE entry_tag SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

CREATE TRIGGER prompt_state_identity AFTER INSERT ON prompt_state
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE prompt_state SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER prompt_state_touch AFTER UPDATE ON prompt_state
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE prompt_state SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER prompt_state_tombstone AFTER DELETE ON prompt_state BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'prompt_state', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER vault_setting_identity AFTER INSERT ON vault_setting
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE vault_setting SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER vault_setting_touch AFTER UPDATE ON vault_setting
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE vault_setting SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER vault_setting_tombstone AFTER DELETE ON vault_setting BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'vault_setting', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER mood_checkin_identity AFTER INSERT ON mood_checkin
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE mood_checkin SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER mood_checkin_touch AFTER UPDATE ON mood_checkin
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE mood_checkin SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER mood_checkin_tombstone AFTER DELETE ON mood_checkin BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'mood_checkin', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER checkin_emotion_identity AFTER INSERT ON checkin_emotion
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE checkin_emotion SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER checkin_emotion_touch AFTER UPDATE ON checkin_emotion
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE checkin_emotion SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

CREATE TRIGGER checkin_tag_identity AFTER INSERT ON checkin_tag
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE checkin_tag SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER checkin_tag_touch AFTER UPDATE ON checkin_tag
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE checkin_tag SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

CREATE TRIGGER homework_pack_identity AFTER INSERT ON homework_pack
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE homework_pack SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_pack_touch AFTER UPDATE ON homework_pack
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE homework_pack SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_pack_tombstone AFTER DELETE ON homework_pack BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'homework_pack', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER coping_strategy_identity AFTER INSERT ON coping_strategy
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE coping_strategy SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER coping_strategy_touch AFTER UPDATE ON coping_strategy
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE coping_strategy SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER coping_strategy_tombstone AFTER DELETE ON coping_strategy BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'coping_strategy', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER strategy_use_identity AFTER INSERT ON strategy_use
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE strategy_use SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER strategy_use_touch AFTER UPDATE ON strategy_use
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE strategy_use SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER strategy_use_tombstone AFTER DELETE ON strategy_use BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'strategy_use', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

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

CREATE TRIGGER safety_plan_item_identity AFTER INSERT ON safety_plan_item
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE safety_plan_item SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER safety_plan_item_touch AFTER UPDATE ON safety_plan_item
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE safety_plan_item SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER safety_plan_item_tombstone AFTER DELETE ON safety_plan_item BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'safety_plan_item', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER support_contact_identity AFTER INSERT ON support_contact
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE support_contact SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER support_contact_touch AFTER UPDATE ON support_contact
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE support_contact SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER support_contact_tombstone AFTER DELETE ON support_contact BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'support_contact', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER group_session_identity AFTER INSERT ON group_session
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE group_session SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER group_session_touch AFTER UPDATE ON group_session
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE group_session SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER group_session_tombstone AFTER DELETE ON group_session BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'group_session', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER homework_assignment_identity AFTER INSERT ON homework_assignment
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE homework_assignment SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_assignment_touch AFTER UPDATE ON homework_assignment
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE homework_assignment SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_assignment_tombstone AFTER DELETE ON homework_assignment BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'homework_assignment', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER homework_completion_identity AFTER INSERT ON homework_completion
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE homework_completion SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_completion_touch AFTER UPDATE ON homework_completion
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE homework_completion SET updated_at = ck_now() WHERE rowid = new.rowid;
END;
CREATE TRIGGER homework_completion_tombstone AFTER DELETE ON homework_completion BEGIN
    INSERT OR REPLACE INTO tombstone (uid, table_name, deleted_at, updated_at)
        VALUES (old.uid, 'homework_completion', ck_now(), ck_now());
    DELETE FROM revision WHERE row_uid = old.uid;
END;

CREATE TRIGGER revision_identity AFTER INSERT ON revision
    WHEN new.uid IS NULL OR new.updated_at IS NULL BEGIN
    UPDATE revision SET uid = coalesce(new.uid, ck_uuid4()), updated_at = coalesce(new.updated_at, ck_now())
        WHERE rowid = new.rowid;
END;
CREATE TRIGGER revision_touch AFTER UPDATE ON revision
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE revision SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

CREATE TRIGGER tombstone_identity AFTER INSERT ON tombstone
    WHEN new.updated_at IS NULL BEGIN
    UPDATE tombstone SET updated_at = new.deleted_at WHERE rowid = new.rowid;
END;
CREATE TRIGGER tombstone_touch AFTER UPDATE ON tombstone
    WHEN new.updated_at IS old.updated_at BEGIN
    UPDATE tombstone SET updated_at = ck_now() WHERE rowid = new.rowid;
END;

