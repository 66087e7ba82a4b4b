"""Export and import: the JSON document round-trips; readable exports are complete and escaped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import SQLModel

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput
from copingkit.core.models import TABLES
from copingkit.core.services import Services
from copingkit.core.services.merge import ENTITIES
from tests.support.export_normaliser import normalise
from tests.support.journal_data import START, fill


def test_export_has_every_table_and_is_json(services: Services, database: Database) -> None:
    fill(services, database)
    doc = services.transfer.export_document()
    assert doc["format"] == "copingkit-export" and doc["version"] == 2
    assert doc["exported_at"] == START.isoformat(timespec="microseconds")
    assert set(doc["tables"]) == set(SQLModel.metadata.tables)
    assert all(doc["tables"][model.__tablename__] for model in TABLES), "fill() should use every table"
    text = json.dumps(doc)  # JSON-able, no custom encoder
    assert json.loads(text) == doc
    entry = doc["tables"]["journal_entry"][0]
    assert entry["created_at"].endswith("+00:00") and entry["starred"] is True


def test_round_trip_gives_the_same_document(services: Services, database: Database) -> None:
    fill(services, database)
    original = services.transfer.export_document()

    fresh = Database.new()
    try:
        # a journal that already had rows, so new ids really differ
        other = Services(fresh, clock=FixedClock(START + timedelta(days=30)))
        scratch = other.journal.create("scratch")
        summary = other.transfer.import_document(json.loads(json.dumps(original)))
        other.journal.purge(scratch.id)
        scratch_grave = [
            row for row in other.transfer.export_document()["tables"]["tombstone"] if row["uid"] == scratch.uid
        ]
        assert len(scratch_grave) == 1
        assert summary.entries == 4 and summary.checkins == 2
        assert str(summary).startswith("4 entries, 2 check-ins (")
        entities = {table for table, _ in ENTITIES}
        assert summary.counts == {
            table: len(rows) for table, rows in original["tables"].items() if table in entities and rows
        }
        again = other.transfer.export_document()
    finally:
        fresh.close()

    assert again["exported_at"] != original["exported_at"]
    assert again["tables"]["journal_entry"][0]["id"] != original["tables"]["journal_entry"][0]["id"]
    again["tables"]["tombstone"] = [row for row in again["tables"]["tombstone"] if row["uid"] != scratch.uid]
    assert normalise(again) == normalise(original)
    assert {k: v for k, v in again.items() if k not in ("exported_at", "tables")} == {
        k: v for k, v in original.items() if k not in ("exported_at", "tables")
    }


def test_imported_journal_works(services: Services, database: Database) -> None:
    fill(services, database)
    doc = services.transfer.export_document()
    fresh = Database.new()
    try:
        other = Services(fresh, clock=FixedClock(START))
        other.transfer.import_document(doc)
        assert [h.snippet for h in other.journal.search("meeting")] == [
            'Monday: the [meeting] went fine. <b>bold</b> & "quotes"'
        ]
        assert other.journal.count(deleted=True) == 1
        assert other.journal.list(tag="work")[0].title is None
        assert [s.slug for s in other.coping.suggest("anxious")] == ["box-breathing"]
        assert other.coping.get_by_slug("box-breathing").favourite
    finally:
        fresh.close()


def test_importing_a_journals_own_export_changes_nothing(services: Services, database: Database) -> None:
    fill(services, database)
    doc = services.transfer.export_document()
    summary = services.transfer.import_document(doc)
    assert summary.total == 0
    assert services.journal.count(deleted=None) == 4
    names = [t.name for t in services.tags.list()]
    assert len(names) == len(set(names))
    assert len(services.coping.strategies()) == 2
    assert services.coping.get_by_slug("box-breathing").uses == 1


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "not a copingkit export"),
        ({"format": "jrnl"}, "not a copingkit export"),
        ({"format": "copingkit-export"}, "version"),
        ({"format": "copingkit-export", "version": 3, "tables": {}}, "newer copingkit"),
        ({"format": "copingkit-export", "version": True, "tables": {}}, "version"),
        ({"format": "copingkit-export", "version": 1}, "no tables"),
        ({"format": "copingkit-export", "version": 1, "tables": {"nope": []}}, "does not know"),
        ({"format": "copingkit-export", "version": 1, "tables": {"tag": {}}}, "damaged"),
        (
            {"format": "copingkit-export", "version": 1, "tables": {"tag": [{"id": 1, "name": "x", "colour": "red"}]}},
            "column",
        ),
        (
            {
                "format": "copingkit-export",
                "version": 1,
                "tables": {
                    "mood_checkin": [
                        {
                            "id": 1,
                            "mood": 9,
                            "at": "2026-01-01T00:00:00+00:00",
                            "created_at": "2026-01-01T00:00:00+00:00",
                        }
                    ]
                },
            },
            "damaged",
        ),
        (
            {
                "format": "copingkit-export",
                "version": 1,
                "tables": {
                    "mood_checkin": [
                        {"id": 1, "mood": 3, "at": "2026-01-01T00:00:00", "created_at": "2026-01-01T00:00:00+00:00"}
                    ]
                },
            },
            "cannot use",
        ),
        (
            {
                "format": "copingkit-export",
                "version": 1,
                "tables": {
                    "mood_checkin": [
                        {
                            "id": 1,
                            "mood": "3",
                            "at": "2026-01-01T00:00:00+00:00",
                            "created_at": "2026-01-01T00:00:00+00:00",
                        }
                    ]
                },
            },
            "cannot use",
        ),
        (
            {"format": "copingkit-export", "version": 1, "tables": {"entry_tag": [{"entry_id": 5, "tag_id": 1}]}},
            "not in it",
        ),
        ({"format": "copingkit-export", "version": 1, "tables": {"tag": [{"id": 1}]}}, "missing"),
    ],
)
def test_import_refuses_bad_documents_and_writes_nothing(services: Services, database: Database, doc, message) -> None:
    services.journal.create("already here", tags=["x"])
    changes = database.changes
    with pytest.raises(InvalidInput, match=message):
        services.transfer.import_document(doc)
    assert database.changes == changes
    assert services.journal.count() == 1 and not database.in_transaction


def test_a_bad_row_late_in_the_document_rolls_everything_back(services: Services, database: Database) -> None:
    fill(services, database)
    doc = services.transfer.export_document()
    doc["tables"]["homework_completion"][-1]["assignment_id"] = 12345
    fresh = Database.new()
    try:
        other = Services(fresh)
        with pytest.raises(InvalidInput):
            other.transfer.import_document(doc)
        assert other.journal.count(deleted=None) == 0 and other.tags.list() == []
    finally:
        fresh.close()


def test_filtered_export_is_a_therapist_copy(services: Services, database: Database) -> None:
    ids = fill(services, database)
    doc = services.transfer.export_document(shared_only=True)
    tables = doc["tables"]
    assert [e["title"] for e in tables["journal_entry"]] == ["Mon", None]
    assert {e["id"] for e in tables["journal_entry"]} == {ids["first"], ids["first"] + 3}
    assert sorted(t["name"] for t in tables["tag"]) == ["win", "work"]  # used by exported rows only
    held = {name for name, rows in tables.items() if rows}
    assert held == {"journal_entry", "entry_tag", "tag"}  # no check-in is marked to share
    assert doc["filters"] == {"from": None, "to": None, "shared_only": True}


def test_date_range_export(services: Services, database: Database) -> None:
    fill(services, database)
    day = (START - timedelta(days=2)).date()
    doc = services.transfer.export_document(date_from=day, date_to=day)
    tables = doc["tables"]
    assert [e["body"].split("\n")[0] for e in tables["journal_entry"]] == ["=SUM(A1) looks like a formula"]
    assert [c["mood"] for c in tables["mood_checkin"]] == [2]
    assert len(tables["checkin_emotion"]) == 2
    assert len(tables["strategy_use"]) == 1 and len(tables["assessment"]) == 1
    assert [c["note"] for c in tables["homework_completion"]] == ["did it"]
    assert tables["homework_completion"][0]["entry_id"] == tables["journal_entry"][0]["id"]
    assert tables["vault_setting"] == []
    assert doc["filters"]["from"] == day.isoformat()
    with pytest.raises(InvalidInput):
        services.transfer.export_document(date_from=date(2026, 3, 1), date_to=date(2026, 2, 1))


def test_markdown_export(services: Services, database: Database) -> None:
    fill(services, database)
    text = services.transfer.export_markdown()
    assert "not encrypted" in text
    assert "### 2026-02-26 09:30 UTC — Mon" in text
    assert "_#win · #work · starred · shared_" in text
    assert "In the trash" not in text
    assert text.index("Monday: the meeting") < text.index("=SUM(A1)")
    assert (
        "- 2026-02-27 08:30 UTC: mood 2 (low); anxious 7/10, tired 5/10; energy 2/5; slept 5.5 h; coping confidence 4/10; #sleep #work — rough start"
        in text
    )
    shared = services.transfer.export_markdown(shared_only=True)
    assert "=SUM(A1)" not in shared and "Group thoughts" in shared


def test_html_export_escapes_everything(services: Services, database: Database) -> None:
    fill(services, database)
    services.journal.create("<script>alert(1)</script>", title="<img src=x onerror=alert(1)>")
    services.checkins.create(3, note="<i>note</i>", tags=["a&b"])
    page = services.transfer.export_html()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "<img" not in page and "<i>note" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;" in page
    assert "#a&amp;b" in page
    assert "not encrypted" in page


def test_empty_journal_exports(services: Services) -> None:
    assert "No entries." in services.transfer.export_markdown()
    assert all(text.count("\n") == 1 for text in services.transfer.csv_files().values())
    assert "No check-ins." in services.transfer.export_html()
    doc = services.transfer.export_document()
    assert all(rows == [] for rows in doc["tables"].values())
    assert Services(Database.new()).transfer.import_document(doc).total == 0


def test_export_times_are_utc_text(services: Services) -> None:
    services.journal.create("x", at=datetime(2026, 1, 1, 12, tzinfo=UTC))
    (row,) = services.transfer.export_document()["tables"]["journal_entry"]
    assert row["created_at"] == "2026-01-01T12:00:00.000000+00:00"
