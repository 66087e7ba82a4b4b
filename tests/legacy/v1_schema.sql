-- Frozen copy of copingkit schema v1 (migrations/0001_base.sql as first shipped). Never edit:
-- it is what real v1 journals look like, so migration tests start from it.

CREATE TABLE tag (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (name)
);

CREATE TABLE journal_entry (
    id INTEGER NOT NULL,
    title VARCHAR,
    body VARCHAR NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'free',
    prompt_id VARCHAR,
    starred BOOLEAN NOT NULL DEFAULT 0,
    shared_with_therapist BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT,
    PRIMARY KEY (id)
);
CREATE INDEX ix_journal_entry_created_at ON journal_entry (created_at);
CREATE INDEX ix_journal_entry_deleted_created ON journal_entry (deleted_at, created_at);

CREATE TABLE entry_tag (
    entry_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tag_id),
    FOREIGN KEY (entry_id) REFERENCES journal_entry (id) ON DELETE CASCADE,
    FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
);
CREATE INDEX ix_entry_tag_tag ON entry_tag (tag_id);

CREATE TABLE prompt_state (
    prompt_id VARCHAR NOT NULL,
    used_count INTEGER NOT NULL DEFAULT 0,
    last_used_at TEXT,
    hidden BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (prompt_id)
);

CREATE TABLE vault_setting (
    "key" VARCHAR NOT NULL,
    value TEXT,
    PRIMARY KEY ("key")
);

CREATE TABLE mood_checkin (
    id INTEGER NOT NULL,
    mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    energy INTEGER,
    sleep_hours FLOAT,
    coping_confidence INTEGER CHECK (coping_confidence BETWEEN 0 AND 10),
    note VARCHAR,
    at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    PRIMARY KEY (id)
);
CREATE INDEX ix_mood_checkin_at ON mood_checkin (at);

CREATE TABLE checkin_emotion (
    id INTEGER NOT NULL,
    checkin_id INTEGER NOT NULL,
    emotion VARCHAR NOT NULL,
    intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
    PRIMARY KEY (id),
    FOREIGN KEY (checkin_id) REFERENCES mood_checkin (id) ON DELETE CASCADE
);
CREATE INDEX ix_checkin_emotion_checkin_id ON checkin_emotion (checkin_id);

CREATE TABLE checkin_tag (
    checkin_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, tag_id),
    FOREIGN KEY (checkin_id) REFERENCES mood_checkin (id) ON DELETE CASCADE,
    FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE
);
CREATE INDEX ix_checkin_tag_tag ON checkin_tag (tag_id);

CREATE TABLE homework_pack (
    id INTEGER NOT NULL,
    slug VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    author VARCHAR,
    version INTEGER NOT NULL DEFAULT 1,
    description VARCHAR,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (id),
    UNIQUE (slug)
);

CREATE TABLE coping_strategy (
    id INTEGER NOT NULL,
    slug VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    steps TEXT NOT NULL,
    minutes INTEGER,
    reactions TEXT NOT NULL,
    approach VARCHAR,
    source VARCHAR NOT NULL DEFAULT 'mine',
    pack_id INTEGER,
    favourite BOOLEAN NOT NULL DEFAULT 0,
    hidden BOOLEAN NOT NULL DEFAULT 0,
    user_edited BOOLEAN NOT NULL DEFAULT 0,
    builtin_version INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT,
    PRIMARY KEY (id),
    UNIQUE (slug),
    FOREIGN KEY (pack_id) REFERENCES homework_pack (id) ON DELETE SET NULL
);

CREATE TABLE strategy_use (
    id INTEGER NOT NULL,
    strategy_id INTEGER NOT NULL,
    reaction VARCHAR,
    distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
    distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
    note VARCHAR,
    at TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (strategy_id) REFERENCES coping_strategy (id) ON DELETE CASCADE
);
CREATE INDEX ix_strategy_use_strategy_id ON strategy_use (strategy_id);

CREATE TABLE assessment (
    id INTEGER NOT NULL,
    instrument_id VARCHAR NOT NULL,
    instrument_version INTEGER NOT NULL DEFAULT 1,
    answers TEXT NOT NULL,
    score INTEGER NOT NULL,
    band VARCHAR,
    at TEXT NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_assessment_instrument_id ON assessment (instrument_id);

CREATE TABLE safety_plan_item (
    id INTEGER NOT NULL,
    step VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id)
);

CREATE TABLE support_contact (
    id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    how_to_reach VARCHAR,
    note VARCHAR,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id)
);

CREATE TABLE group_session (
    id INTEGER NOT NULL,
    at TEXT NOT NULL,
    group_name VARCHAR NOT NULL,
    minutes INTEGER,
    what_i_shared VARCHAR,
    what_i_heard VARCHAR,
    takeaways VARCHAR,
    connectedness INTEGER CHECK (connectedness BETWEEN 0 AND 10),
    PRIMARY KEY (id)
);

CREATE TABLE homework_assignment (
    id INTEGER NOT NULL,
    pack_id INTEGER,
    strategy_id INTEGER,
    prompt_id VARCHAR,
    title VARCHAR NOT NULL,
    instructions VARCHAR,
    times_per_week INTEGER,
    due_at TEXT,
    archived BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (pack_id) REFERENCES homework_pack (id) ON DELETE CASCADE,
    FOREIGN KEY (strategy_id) REFERENCES coping_strategy (id) ON DELETE SET NULL
);

CREATE TABLE homework_completion (
    id INTEGER NOT NULL,
    assignment_id INTEGER NOT NULL,
    entry_id INTEGER,
    note VARCHAR,
    at TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (assignment_id) REFERENCES homework_assignment (id) ON DELETE CASCADE,
    FOREIGN KEY (entry_id) REFERENCES journal_entry (id) ON DELETE SET NULL
);
CREATE INDEX ix_homework_completion_assignment_id ON homework_completion (assignment_id);
