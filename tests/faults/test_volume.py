"""Volume: 50,000 entries and 100,000 check-ins written through the services, saved, reopened: the
counts and a checksum over every row of every table match. And the bulk methods that make it quick."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "a long decade of pages"
BASE = datetime(2016, 1, 1, tzinfo=UTC)
TAGS = ("walk", "work", "family", "sleep", "group")


def entry(number: int) -> dict:
    return {
        "body": f"Entry {number}: the river, the walk home, {number * 7919 % 1000} steps of calm.\nSecond line {number}.",
        "title": f"Day {number}" if number % 3 == 0 else None,
        "tags": list(TAGS[: number % 4]),
        "at": BASE + timedelta(hours=number, seconds=number % 60),
        "starred": number % 11 == 0,
        "shared": number % 13 == 0,
    }


def checkin(number: int) -> dict:
    return {
        "mood": number % 5 + 1,
        "note": f"note {number}" if number % 2 else None,
        "emotions": {"calm": number % 11, "anxious": (number * 3) % 11} if number % 4 == 0 else {},
        "tags": [TAGS[number % 5]] if number % 7 == 0 else [],
        "energy": number % 5 + 1 if number % 3 == 0 else None,
        "sleep_hours": (number % 10) + 0.5 if number % 5 == 0 else None,
        "at": BASE + timedelta(minutes=30 * number),
    }


def checksum(database: Database) -> tuple[dict[str, int], str]:
    """Row counts and a SHA-256 over every row of every table (FTS shadow tables excluded), in key order."""
    connection = database.connection
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%_fts%' ORDER BY name"
        )
    ]
    digest, counts = hashlib.sha256(), {}
    for table in tables:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{table}')")]
        order = ", ".join(f'"{c}"' for c in columns)
        counts[table] = 0
        digest.update(table.encode())
        for row in connection.execute(f'SELECT {order} FROM "{table}" ORDER BY {order}'):
            digest.update(repr(row).encode())
            counts[table] += 1
    return counts, digest.hexdigest()


@pytest.mark.slow
def test_fifty_thousand_entries_and_a_hundred_thousand_check_ins(tmp_path: Path):
    started = time.monotonic()
    path = tmp_path / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=1)
    services = Services(vault.database, clock=lambda: BASE + timedelta(days=4000))
    entry_ids = services.journal.create_many(entry(n) for n in range(50_000))
    checkin_ids = services.checkins.create_many(checkin(n) for n in range(100_000))
    assert len(entry_ids) == 50_000 and len(checkin_ids) == 100_000
    written = time.monotonic()
    before = checksum(vault.database)
    assert vault.save()
    vault.close()
    saved = time.monotonic()

    reopened = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    try:
        services = Services(reopened.database)
        assert services.journal.count() == 50_000
        assert services.checkins.count() == 100_000
        assert checksum(reopened.database) == before
        counts = before[0]
        assert counts["journal_entry"] == 50_000 and counts["mood_checkin"] == 100_000
        assert counts["entry_tag"] == sum(n % 4 for n in range(50_000))
        assert counts["checkin_emotion"] == 2 * 25_000 and counts["checkin_tag"] == len(range(0, 100_000, 7))
        newest = services.journal.get(entry_ids[-1])
        assert newest.body == entry(49_999)["body"] and newest.tags == ("family", "walk", "work")
        assert {(e.name, e.intensity) for e in services.checkins.get(checkin_ids[40]).emotions} == {
            ("calm", 7),
            ("anxious", 10),
        }
        assert len(services.journal.search("river walk", limit=10_000)) == 10_000
        assert services.journal.list(limit=1, tag="family")[0].id == entry_ids[-1]
    finally:
        reopened.close(save=False)
    print(
        f"volume: write {written - started:.1f} s, checksum+save {saved - written:.1f} s, "
        f"reopen+check {time.monotonic() - saved:.1f} s, file {path.stat().st_size / 2**20:.1f} MiB"
    )


# ---- the bulk methods ----------------------------------------------------------------------------


@pytest.fixture
def services() -> Services:
    return Services(Database.new(), clock=lambda: BASE)


def test_create_many_stores_what_create_would(services: Services):
    one = services.journal.create("  #Work ", title="  a  title ", tags=["#Work ", "walk", "work"], at=BASE)
    [many_id] = services.journal.create_many(
        [{"body": "  #Work ", "title": "  a  title ", "tags": ["#Work ", "walk", "work"], "at": BASE}]
    )
    many = services.journal.get(many_id)
    assert (many.body, many.title, many.tags, many.created_at, many.kind) == (
        one.body,
        one.title,
        one.tags,
        one.created_at,
        one.kind,
    )
    assert services.journal.search("work")  # the index is kept in step
    a = services.checkins.create(3, note=" fine ", tags=["sleep"], emotions={"Calm ": 4}, energy=2, sleep_hours=7)
    [b_id] = services.checkins.create_many(
        [{"mood": 3, "note": " fine ", "tags": ["sleep"], "emotions": {"Calm ": 4}, "energy": 2, "sleep_hours": 7}]
    )
    b = services.checkins.get(b_id)
    assert (b.mood, b.note, b.tags, b.emotions, b.energy, b.sleep_hours, b.at) == (
        a.mood,
        a.note,
        a.tags,
        a.emotions,
        a.energy,
        a.sleep_hours,
        a.at,
    )


def test_create_many_returns_ids_in_order_and_defaults_the_time(services: Services):
    ids = services.journal.create_many({"body": f"page {n}"} for n in range(5))
    assert [services.journal.get(i).body for i in ids] == [f"page {n}" for n in range(5)]
    assert {services.journal.get(i).created_at for i in ids} == {BASE}
    assert services.journal.create_many([]) == [] and services.checkins.create_many(iter(())) == []


@pytest.mark.parametrize(
    ("method", "items"),
    [
        ("journal", [{"body": "fine"}, {"body": "   "}]),
        ("journal", [{"body": "fine"}, {"body": "x", "kind": "poem"}]),
        ("journal", [{"body": "fine"}, {"body": "x", "at": datetime(2026, 1, 1)}]),
        ("journal", [{"body": "fine"}, {"body": "x", "colour": "blue"}]),
        ("journal", [{"body": "fine"}, "just text"]),
        ("checkins", [{"mood": 3}, {"mood": 6}]),
        ("checkins", [{"mood": 3}, {"mood": 2, "emotions": {"calm": 11}}]),
        ("checkins", [{"mood": 3}, {"mood": 2, "sleep_hours": 25}]),
        ("checkins", [{"mood": 3}, {"note": "no mood"}]),
    ],
)
def test_one_bad_item_writes_nothing(services: Services, method: str, items: list):
    service = getattr(services, method)
    with pytest.raises(InvalidInput):
        service.create_many(items)
    assert service.count() == 0
    assert services.database.connection.execute("SELECT count(*) FROM tag").fetchone() == (0,)
