"""Migrations: versions, one transaction each, the final schema matches the models, v1 images upgrade."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from copingkit.core import models, schema
from copingkit.core.database import Database
from copingkit.core.errors import SchemaTooNew
from copingkit.core.services import Services

LEGACY = Path(__file__).resolve().parents[1] / "legacy" / "build_v1.py"


def _legacy_builder():
    spec = importlib.util.spec_from_file_location("copingkit_legacy_build_v1", LEGACY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_v1_image


def _fresh() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    schema.register_functions(connection)
    return connection


def test_migrations_are_numbered_without_gaps_and_there_are_at_least_two() -> None:
    versions = [migration.version for migration in schema.migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert len(versions) >= 2


def test_new_database_is_at_latest_version(database: Database) -> None:
    assert schema.user_version(database.connection) == schema.latest_version()


def test_final_schema_matches_the_models(database: Database) -> None:
    connection = database.connection
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in models.SQLModel.metadata.sorted_tables:  # the models module registers the tables
        assert table.name in tables, table.name
        info = {row[1]: row for row in connection.execute(f'PRAGMA table_info("{table.name}")')}
        assert set(info) == set(table.c.keys()), table.name
        for column in table.c:
            cid, name, sql_type, notnull, default, pk = info[column.name]
            assert bool(pk) == column.primary_key, (table.name, name)
            if not column.primary_key:
                assert bool(notnull) == (not column.nullable), (table.name, name)
        indexes = {row[1] for row in connection.execute(f'PRAGMA index_list("{table.name}")')}
        for index in table.indexes:
            assert index.name in indexes, (table.name, index.name)
        fks = {(row[3], row[2], row[6]) for row in connection.execute(f'PRAGMA foreign_key_list("{table.name}")')}
        for fk in table.foreign_keys:
            assert (fk.parent.name, fk.column.table.name, fk.ondelete or "NO ACTION") in fks, (
                table.name,
                fk.parent.name,
            )


def test_full_text_tables_and_triggers_exist(database: Database) -> None:
    names = {row[0] for row in database.connection.execute("SELECT name FROM sqlite_master")}
    for fts in ("entry_fts", "checkin_fts", "strategy_fts"):
        assert fts in names
        for trigger in ("insert", "delete", "update"):
            assert f"{fts}_{trigger}" in names


def test_migrations_run_step_by_step_and_are_idempotent() -> None:
    connection = _fresh()
    assert schema.migrate(connection, target=1) == 1
    columns = {row[1] for row in connection.execute("PRAGMA table_info(journal_entry)")}
    assert "preview" not in columns
    assert schema.migrate(connection) == schema.latest_version()
    assert "preview" in {row[1] for row in connection.execute("PRAGMA table_info(journal_entry)")}
    before = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.migrate(connection) == schema.latest_version()
    assert connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before


def test_a_failing_migration_leaves_nothing_half_done() -> None:
    connection = _fresh()
    schema.migrate(connection, target=1)
    broken = schema.Migration(2, "0002_broken.sql", "CREATE TABLE half_done (x);\nALTER TABLE nowhere ADD COLUMN y;")
    with pytest.raises(sqlite3.OperationalError):
        schema.apply(connection, broken)
    assert not connection.in_transaction
    assert schema.user_version(connection) == 1
    assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0


def test_an_image_from_a_newer_copingkit_is_refused() -> None:
    connection = _fresh()
    connection.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    with pytest.raises(SchemaTooNew, match="newer copingkit"):
        schema.migrate(connection)
    image = connection.serialize()
    with pytest.raises(SchemaTooNew):
        Database.from_image(image)


def test_v1_image_upgrades_and_keeps_its_data() -> None:
    image = _legacy_builder()()
    probe = _fresh()
    probe.deserialize(image)
    assert schema.user_version(probe) == 1
    assert "preview" not in {row[1] for row in probe.execute("PRAGMA table_info(journal_entry)")}

    database = Database.from_image(image)
    try:
        assert schema.user_version(database.connection) == schema.latest_version()
        services = Services(database)
        live = services.journal.list()
        assert [entry.id for entry in live] == [2, 1]
        assert live[0].preview == "Could not sleep again; the radiator kept clanking. Tried the body scan."
        assert live[0].tags == ("family", "sleep")
        assert live[1].title == "Monday" and live[1].starred and live[1].shared
        assert services.journal.count(deleted=True) == 1

        hits = services.journal.search("radiator")
        assert [hit.entry_id for hit in hits] == [2]
        assert "[radiator]" in hits[0].snippet
        assert services.journal.search("lighthouse") == []  # in the trash
        assert [s.slug for s in services.coping.strategies(query="hold")] == ["box-breathing"]

        checkins = services.checkins.list()
        assert [c.mood for c in checkins] == [4, 2]
        assert checkins[1].emotions[0].name == "anxious" and checkins[1].tags == ("work",)
        assert services.coping.get(1).mean_drop == 3.0

        # the upgraded journal is a normal journal: edits are indexed by the new triggers
        services.journal.update(1, body="Now about the harbour instead.")
        assert [hit.entry_id for hit in services.journal.search("harbour")] == [1]
        assert services.journal.search("meeting") == []
        doc = services.transfer.export_document()
        assert len(doc["tables"]["homework_completion"]) == 1
        assert [(row["key"], row["value"]) for row in doc["tables"]["vault_setting"]] == [
            ("draft", {"body": "half a thought"})
        ]
    finally:
        database.close()


def test_the_v2_preview_backfill_matches_the_python_rule() -> None:
    from copingkit.core.services._common import preview_of

    body = "line one\r\n\tline two " + "x" * 300
    connection = _fresh()
    schema.migrate(connection, target=1)
    connection.execute(
        "INSERT INTO journal_entry (id, body, created_at) VALUES (1, ?, '2026-01-01T00:00:00.000000+00:00')", (body,)
    )
    schema.migrate(connection)
    assert connection.execute("SELECT preview FROM journal_entry").fetchone()[0] == preview_of(body)
