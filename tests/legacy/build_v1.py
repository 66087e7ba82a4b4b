"""Build a schema-v1 copingkit image with data, the way an old copingkit would have left it.

Everything here is raw SQL kept in the repo (`v1_schema.sql` is a frozen copy of the v1
schema), so the fixture never drifts with the models. Run as a script to write the image:

    python tests/legacy/build_v1.py out.sqlite
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

DATA = """
INSERT INTO tag (id, name) VALUES (1, 'work'), (2, 'sleep'), (3, 'family');

INSERT INTO journal_entry (id, title, body, kind, prompt_id, starred, shared_with_therapist,
                           created_at, edited_at, deleted_at) VALUES
 (1, 'Monday', 'The meeting went better than I feared. I kept breathing slowly.', 'free', NULL, 1, 1,
  '2025-01-06T08:15:00.000000+00:00', NULL, NULL),
 (2, NULL, 'Could not sleep again; the radiator kept clanking.' || char(10) || 'Tried the body scan.', 'prompt',
  'what-helped-today', 0, 0, '2025-01-07T22:40:00.000000+00:00', '2025-01-08T07:00:00.000000+00:00', NULL),
 (3, 'Old draft', 'An entry already in the trash about the lighthouse.', 'free', NULL, 0, 0,
  '2025-01-05T10:00:00.000000+00:00', NULL, '2025-01-09T10:00:00.000000+00:00');

INSERT INTO entry_tag (entry_id, tag_id) VALUES (1, 1), (2, 2), (2, 3);

INSERT INTO mood_checkin (id, mood, energy, sleep_hours, coping_confidence, note, at, created_at, edited_at) VALUES
 (1, 2, 2, 4.5, 3, 'Tired and tense before the commute', '2025-01-07T07:30:00.000000+00:00',
  '2025-01-07T07:30:00.000000+00:00', NULL),
 (2, 4, 4, 7.0, 7, NULL, '2025-01-08T19:00:00.000000+00:00', '2025-01-08T19:00:00.000000+00:00', NULL);
INSERT INTO checkin_emotion (id, checkin_id, emotion, intensity) VALUES (1, 1, 'anxious', 7), (2, 1, 'tired', 8);
INSERT INTO checkin_tag (checkin_id, tag_id) VALUES (1, 1);

INSERT INTO coping_strategy (id, slug, title, steps, minutes, reactions, approach, source, pack_id, favourite,
                             hidden, user_edited, builtin_version, created_at, updated_at) VALUES
 (1, 'box-breathing', 'Box breathing', '["Breathe in for 4","Hold for 4","Out for 4","Hold for 4"]', 4,
  '["anxious","panic"]', 'Slows the body down', 'builtin', NULL, 1, 0, 0, 1,
  '2025-01-01T00:00:00.000000+00:00', NULL);
INSERT INTO strategy_use (id, strategy_id, reaction, distress_before, distress_after, note, at) VALUES
 (1, 1, 'anxious', 8, 5, 'before the meeting', '2025-01-06T08:00:00.000000+00:00');

INSERT INTO assessment (id, instrument_id, instrument_version, answers, score, band, at) VALUES
 (1, 'phq9', 1, '[1,1,2,0,1,0,1,0,0]', 6, 'mild', '2025-01-08T20:00:00.000000+00:00');
INSERT INTO safety_plan_item (id, step, text, position) VALUES
 (1, 'warning_signs', 'Not answering messages', 0), (2, 'reasons_to_live', 'My niece', 0);
INSERT INTO support_contact (id, name, how_to_reach, note, position) VALUES (1, 'Sam', 'text 07700 900123', NULL, 0);
INSERT INTO group_session (id, at, group_name, minutes, what_i_shared, what_i_heard, takeaways, connectedness) VALUES
 (1, '2025-01-09T18:00:00.000000+00:00', 'Thursday circle', 90, 'About the meeting', 'Others dread Mondays too',
  'Plan something small for Monday', 7);
INSERT INTO homework_pack (id, slug, title, author, version, description, imported_at) VALUES
 (1, 'sleep-week', 'Sleep week', 'Dr. R', 1, NULL, '2025-01-02T00:00:00.000000+00:00');
INSERT INTO homework_assignment (id, pack_id, strategy_id, prompt_id, title, instructions, times_per_week, due_at,
                                 archived, created_at) VALUES
 (1, 1, 1, NULL, 'Breathe before bed', NULL, 5, NULL, 0, '2025-01-02T00:00:00.000000+00:00');
INSERT INTO homework_completion (id, assignment_id, entry_id, note, at) VALUES
 (1, 1, 2, 'helped a bit', '2025-01-07T22:45:00.000000+00:00');
INSERT INTO prompt_state (prompt_id, used_count, last_used_at, hidden) VALUES
 ('what-helped-today', 1, '2025-01-07T22:40:00.000000+00:00', 0);
INSERT INTO vault_setting ("key", value) VALUES ('draft', '{"body":"half a thought"}');
"""


def build_v1_image() -> bytes:
    """A serialised SQLite image at schema v1 (PRAGMA user_version = 1) holding the data above."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        schema = (HERE / "v1_schema.sql").read_text(encoding="utf-8")
        connection.executescript("BEGIN;\n" + schema + DATA + "\nPRAGMA user_version = 1;\nCOMMIT;")
        return connection.serialize()
    finally:
        connection.close()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "v1.sqlite")
    target.write_bytes(build_v1_image())
    print(f"wrote {target}")
