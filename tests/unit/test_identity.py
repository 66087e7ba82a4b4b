"""Stable identity (schema v3): every row has a uid and an updated_at; deletes leave tombstones."""

from __future__ import annotations

import importlib.util
import uuid
from datetime import timedelta
from pathlib import Path

from sqlmodel import SQLModel

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.models import Revision, to_utc_text
from copingkit.core.services import Services
from tests.support.journal_data import START

LEGACY = Path(__file__).resolve().parents[1] / "legacy" / "build_v1.py"
VAULT_ID = bytes(range(16))


def _v1_image() -> bytes:
    spec = importlib.util.spec_from_file_location("copingkit_legacy_build_v1", LEGACY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_v1_image()


def _uids(database: Database, table: str) -> dict[int, str]:
    return dict(database.connection.execute(f"SELECT id, uid FROM {table}").fetchall())


def test_every_table_has_a_uid_and_an_updated_at(database: Database) -> None:
    connection = database.connection
    for table in SQLModel.metadata.sorted_tables:
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        assert {"uid", "updated_at"} <= columns, table.name
        unique = [
            row
            for row in connection.execute(f'PRAGMA index_list("{table.name}")')
            if row[2] and [info[2] for info in connection.execute(f'PRAGMA index_info("{row[1]}")')] == ["uid"]
        ]
        assert unique, f"{table.name}.uid is not unique"


def test_new_rows_get_a_random_uuid4_and_the_clock_as_updated_at(services: Services, database: Database) -> None:
    first = services.journal.create("One")
    second = services.journal.create("Two")
    checkin = services.checkins.create(3)
    for uid in (first.uid, second.uid, checkin.uid):
        assert uuid.UUID(uid).version == 4
    assert first.uid != second.uid
    stamped = database.connection.execute("SELECT updated_at FROM journal_entry WHERE id = ?", (first.id,)).fetchone()
    assert stamped == (to_utc_text(START),)


def test_rows_written_with_plain_sql_get_an_identity_too(services: Services, database: Database) -> None:
    ids = services.journal.create_many([{"body": "bulk one"}, {"body": "bulk two"}])
    rows = database.connection.execute(
        f"SELECT uid, updated_at FROM journal_entry WHERE id IN ({ids[0]}, {ids[1]})"
    ).fetchall()
    assert len({uid for uid, _ in rows}) == 2
    assert all(uuid.UUID(uid).version == 4 and stamp == to_utc_text(START) for uid, stamp in rows)


def test_any_change_moves_updated_at_to_the_clock(services: Services, database: Database, clock: FixedClock) -> None:
    entry = services.journal.create("Before")
    clock.advance(hours=2)
    services.journal.update(entry.id, starred=True)
    (stamp,) = database.connection.execute("SELECT updated_at FROM journal_entry WHERE id = ?", (entry.id,)).fetchone()
    assert stamp == to_utc_text(START + timedelta(hours=2))
    clock.advance(hours=1)
    services.journal.delete(entry.id)
    (stamp,) = database.connection.execute("SELECT updated_at FROM journal_entry WHERE id = ?", (entry.id,)).fetchone()
    assert stamp == to_utc_text(START + timedelta(hours=3))


def test_a_writer_that_sets_updated_at_keeps_it(services: Services, database: Database) -> None:
    entry = services.journal.create("Merged")
    with database.lock:
        database.connection.execute(
            "UPDATE journal_entry SET body = 'From the laptop', updated_at = '2020-01-01T00:00:00.000000+00:00' WHERE id = ?",
            (entry.id,),
        )
    (stamp,) = database.connection.execute("SELECT updated_at FROM journal_entry WHERE id = ?", (entry.id,)).fetchone()
    assert stamp == "2020-01-01T00:00:00.000000+00:00"


def test_delete_forever_leaves_a_tombstone_and_purges_revisions(
    services: Services, database: Database, clock: FixedClock
) -> None:
    entry = services.journal.create("Something I regret writing")
    with database.session() as session:
        session.add(
            Revision(table_name="journal_entry", row_uid=entry.uid, content={"body": "an older version"}, kept_at=START)
        )
    checkin = services.checkins.create(2, note="private")
    clock.advance(days=1)
    services.journal.purge(entry.id)
    services.checkins.delete(checkin.id)
    graves = database.connection.execute(
        "SELECT uid, table_name, deleted_at FROM tombstone ORDER BY table_name"
    ).fetchall()
    when = to_utc_text(START + timedelta(days=1))
    assert graves == [(entry.uid, "journal_entry", when), (checkin.uid, "mood_checkin", when)]
    assert database.connection.execute("SELECT count(*) FROM revision").fetchone() == (0,)


def test_rows_that_exist_at_migration_get_the_deterministic_uuid5() -> None:
    image = _v1_image()
    copies = [Database.from_image(image, vault_id=VAULT_ID) for _ in range(2)]
    stranger = Database.from_image(image, vault_id=bytes(16 * [7]))
    try:
        namespace = uuid.UUID(bytes=VAULT_ID)
        entries = _uids(copies[0], "journal_entry")
        assert entries[1] == str(uuid.uuid5(namespace, "journal_entry:1:2025-01-06T08:15:00.000000+00:00"))
        assert _uids(copies[0], "mood_checkin")[1] == str(
            uuid.uuid5(namespace, "mood_checkin:1:2025-01-07T07:30:00.000000+00:00")
        )
        assert _uids(copies[0], "tag")[1] == str(uuid.uuid5(namespace, "tag:1:"))
        for table in ("journal_entry", "mood_checkin", "strategy_use", "safety_plan_item", "group_session"):
            assert _uids(copies[0], table) == _uids(copies[1], table), table
            assert set(_uids(copies[0], table).values()).isdisjoint(_uids(stranger, table).values()), table
        (stamp,) = copies[0].connection.execute("SELECT updated_at FROM journal_entry WHERE id = 2").fetchone()
        assert stamp == "2025-01-08T07:00:00.000000+00:00"  # its edit time, the same in every copy
    finally:
        for database in (*copies, stranger):
            database.close()


def test_check_ins_are_not_shared_unless_marked(services: Services) -> None:
    assert services.checkins.create(3, note="mine").shared is False
