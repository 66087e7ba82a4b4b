"""The journal's read paths and its create in plain SQL (DESIGN.md §1, issue 13): listing, counting,
searching and adding an entry load neither SQLAlchemy, SQLModel nor the models, and no other service's
module; the plain create keeps the service layer's rules."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from copingkit.core.errors import InvalidInput
from copingkit.core.services import Services
from copingkit.core.utc import from_utc_text
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "plain reads are enough"


def test_reading_a_vault_through_the_reader_imports_no_orm_and_no_other_service(tmp_path: Path):
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    Services(vault.database).journal.create("A slow breathing morning.", tags=["calm"])
    vault.close()
    program = (
        "import sys\n"
        "from copingkit.core.services import Services\n"
        "from copingkit.core.vault import TEST_KDF, Vault\n"
        f"vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)\n"
        "reader = Services(vault.database).reader\n"
        "listed = reader.list(limit=10)\n"
        "found = reader.search('breath')\n"
        "print(len(listed), listed[0].tags, len(found), reader.count(tag='calm'))\n"
        "vault.close()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')]\n"
        "loaded += [m for m in sys.modules if m.startswith('copingkit.core.services.')]\n"
        "loaded += [m for m in sys.modules if m == 'copingkit.core.models']\n"
        "print(sorted(loaded))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines() == [
        "1 ('calm',) 1 1",
        "['copingkit.core.services._common', 'copingkit.core.services.journal_models',"
        " 'copingkit.core.services.journal_read']",
    ]


def test_the_reader_and_the_journal_service_list_the_same_rows(services: Services):
    """One implementation: JournalService inherits the reader's plain-SQL list, count and search."""
    for day in range(1, 4):
        services.journal.create(f"Day {day} by the river.", at=datetime(2026, 3, day, 9, tzinfo=UTC), tags=["walk"])
    services.journal.delete(services.journal.list()[0].id)
    assert services.reader.list(deleted=None) == services.journal.list(deleted=None)
    assert [entry.created_at.day for entry in services.reader.list()] == [2, 1]
    assert services.reader.count(tag="walk") == 2
    assert type(services.journal).list is type(services.reader).list


def test_writing_an_entry_through_the_writer_imports_no_orm(tmp_path: Path):
    """`copingkit write`'s path: open, services.writer.create, save; SQLAlchemy and the models never load."""
    path = tmp_path / "data" / "journal.vault"
    Vault.create(path, PASSPHRASE, kdf=TEST_KDF)[0].close()
    program = (
        "import sys\n"
        "from copingkit.core.services import Services\n"
        "from copingkit.core.vault import TEST_KDF, Vault\n"
        f"vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)\n"
        "entry = Services(vault.database).writer.create('Written in plain SQL.', tags=['Calm', 'calm', 'rain'])\n"
        "print(vault.dirty, entry.tags)\n"
        "vault.close()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'pydantic')]\n"
        "loaded += [m for m in sys.modules if m in ('copingkit.core.models', 'copingkit.core.services.journal')]\n"
        "print(sorted(loaded))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines() == ["True ('calm', 'rain')", "[]"]
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as vault:
        (entry,) = Services(vault.database).reader.list()
    assert entry.preview == "Written in plain SQL." and entry.tags == ("calm", "rain")


def test_the_plain_create_keeps_the_service_rules(services: Services, database, clock):
    """uid and updated_at from the database's triggers (random, the journal's clock), tags cleaned and
    shared with what the ORM made, the change heard, an entry exactly as `get` reads it."""
    heard: list[int] = []
    database.add_change_listener(lambda: heard.append(1))
    services.checkins.create(3, tags=["rain"])  # the ORM makes the tag "rain"
    clock.advance(minutes=5)
    entry = services.writer.create("  A grey morning.  ", title="  Morning   walk ", tags=["#Rain", "walk", "rain"])
    assert type(services.journal).create is type(services.writer).create  # one create, for the TUI too
    assert entry == services.journal.get(entry.id) == services.reader.get(entry.id)
    assert (entry.title, entry.body, entry.tags, entry.kind) == (
        "Morning walk",
        "  A grey morning.  ",
        ("rain", "walk"),
        "free",
    )
    assert entry.created_at == clock()
    assert str(uuid.UUID(entry.uid, version=4)) == entry.uid
    row = database.connection.execute(
        "SELECT updated_at, preview FROM journal_entry WHERE id = ?", (entry.id,)
    ).fetchone()
    assert (from_utc_text(row[0]), row[1]) == (clock(), "A grey morning.")
    links = database.connection.execute("SELECT count(*) FROM entry_tag WHERE uid IS NOT NULL").fetchone()[0]
    assert links == 2
    assert [tag.name for tag in services.tags.list()] == ["rain", "walk"]
    assert len(heard) == 2
    with pytest.raises(InvalidInput):
        services.writer.create("Words.", kind="poem")
    with pytest.raises(InvalidInput):
        services.writer.create("Words.", tags=["x" * 61])
    assert len(heard) == 2 and services.reader.count() == 1


def test_a_plain_write_that_fails_halfway_rolls_back_and_is_not_heard(services: Services, database):
    heard: list[int] = []
    database.add_change_listener(lambda: heard.append(1))
    with pytest.raises(sqlite3.IntegrityError), database.transaction() as connection:
        connection.execute(
            "INSERT INTO journal_entry (body, preview, kind, starred, shared_with_therapist, created_at)"
            " VALUES ('half', 'half', 'free', 0, 0, '2026-01-01T00:00:00.000000+00:00')"
        )
        connection.execute("INSERT INTO entry_tag (entry_id, tag_id) VALUES (999, 999)")  # no such rows
    assert heard == [] and services.reader.count() == 0 and not database.in_transaction
