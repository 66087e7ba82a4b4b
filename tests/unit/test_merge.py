"""Merging two copies of one journal: the union by uid, the later edit wins, nothing written is lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from tests.support.journal_data import START


@pytest.fixture
def copies(
    services: Services, database: Database
) -> Iterator[tuple[Services, Services, dict[str, int], FixedClock, FixedClock]]:
    """This journal and a copy of it (same uids) that a second device carries on with."""
    ids = {
        "shared": services.journal.create("We talked about the move.", title="Sunday").id,
        "doomed": services.journal.create("A list of worries").id,
        "binned": services.journal.create("Half a letter").id,
    }
    services.checkins.create(3, note="steady")
    laptop_db = Database.from_image(database.image())
    here_clock, laptop_clock = FixedClock(START + timedelta(hours=1)), FixedClock(START + timedelta(hours=2))
    here, laptop = Services(database, clock=here_clock), Services(laptop_db, clock=laptop_clock)
    yield here, laptop, ids, here_clock, laptop_clock
    laptop_db.close()


def _bodies(services: Services, deleted: bool | None = False) -> list[str]:
    return sorted(entry.preview for entry in services.journal.list(deleted=deleted))


def test_two_copies_that_diverged_merge_into_the_union(copies) -> None:
    here, laptop, ids, _, _ = copies
    here.journal.create("Written here on the desktop")
    here.journal.purge(ids["doomed"])
    laptop.journal.create("Written on the laptop")
    laptop.journal.update(ids["shared"], body="We talked about the move, and I felt heard.")
    laptop.journal.delete(ids["binned"])
    laptop.checkins.create(4, note="after the walk")

    plan = here.merge.plan(laptop.transfer.export_document())
    assert plan.summary.describe() == (
        "adds 1 entry and 1 check-in; updates 2 entries; keeps 1 earlier version of what was written"
    )
    here.merge.apply(plan)

    assert _bodies(here) == [
        "We talked about the move, and I felt heard.",
        "Written here on the desktop",
        "Written on the laptop",
    ]
    assert _bodies(here, deleted=True) == ["Half a letter"]  # soft-deleted on the laptop: deleted here too
    assert here.journal.count(deleted=None) == 4  # the entry deleted forever here stays deleted
    assert sorted(c.note for c in here.checkins.list()) == ["after the walk", "steady"]
    assert [(r.title, r.body) for r in here.journal.revisions(ids["shared"])] == [
        ("Sunday", "We talked about the move.")
    ]


def test_merging_the_same_copy_again_changes_nothing(copies, database: Database) -> None:
    here, laptop, ids, here_clock, _ = copies
    here.journal.purge(ids["doomed"])
    laptop.journal.create("Written on the laptop")
    laptop.journal.update(ids["shared"], body="Edited on the laptop")
    laptop.journal.update(ids["binned"], body="The laptop's letter")
    here_clock.advance(hours=3)
    here.journal.update(ids["binned"], body="The desktop's later letter")  # this one wins; the laptop's is kept
    other = laptop.transfer.export_document()
    here.merge.merge(other)
    assert [r.body for r in here.journal.revisions(ids["binned"])] == ["The laptop's letter"]
    before = database.image()
    changes = database.changes

    again = here.merge.plan(other)
    assert again.summary.changes_nothing
    assert again.summary.describe() == "nothing to change: this journal already has everything in it"
    here.merge.apply(again)
    assert database.changes == changes
    assert database.image() == before


def test_a_deletion_forever_on_the_other_copy_removes_the_row_here(copies) -> None:
    here, laptop, ids, _, laptop_clock = copies
    laptop.journal.purge(ids["doomed"])
    summary = here.merge.merge(laptop.transfer.export_document())
    assert summary.removed == {"journal_entry": 1}
    assert "A list of worries" not in _bodies(here, deleted=None)
    here.merge.merge(laptop.transfer.export_document())
    assert "A list of worries" not in _bodies(here, deleted=None)


def test_an_edit_made_after_the_other_copy_deleted_it_wins(copies, database: Database) -> None:
    here, laptop, ids, here_clock, _ = copies
    laptop.journal.purge(ids["doomed"])  # at START + 2h
    here_clock.advance(hours=5)
    here.journal.update(ids["doomed"], body="A list of worries, and what I can do")
    here.merge.merge(laptop.transfer.export_document())
    assert here.journal.get(ids["doomed"]).body == "A list of worries, and what I can do"


def test_the_losing_edit_is_kept_as_a_revision_and_a_tie_keeps_this_journals(copies) -> None:
    here, laptop, ids, here_clock, laptop_clock = copies
    here_clock.at = laptop_clock.at
    here.journal.update(ids["shared"], body="The desktop's words")
    laptop.journal.update(ids["shared"], body="The laptop's words")
    here.merge.merge(laptop.transfer.export_document())
    assert here.journal.get(ids["shared"]).body == "The desktop's words"
    assert [r.body for r in here.journal.revisions(ids["shared"])] == ["The laptop's words"]


def test_delete_forever_purges_the_revisions_too(copies, database: Database) -> None:
    here, laptop, ids, _, _ = copies
    laptop.journal.update(ids["shared"], body="Edited on the laptop")
    here.merge.merge(laptop.transfer.export_document())
    assert here.journal.revisions(ids["shared"])
    here.journal.purge(ids["shared"])
    assert database.connection.execute("SELECT count(*) FROM revision").fetchone() == (0,)
    assert b"We talked about the move." not in database.image()


def test_a_deletion_travels_on_to_a_third_copy(copies, database: Database) -> None:
    here, laptop, ids, _, _ = copies
    phone_db = Database.from_image(database.image())
    try:
        phone = Services(phone_db, clock=FixedClock(START))
        laptop.journal.purge(ids["doomed"])
        here.merge.merge(laptop.transfer.export_document())
        phone.merge.merge(here.transfer.export_document())
        assert "A list of worries" not in _bodies(phone, deleted=None)
    finally:
        phone_db.close()


def test_import_of_the_same_export_twice_leaves_the_counts_unchanged(services: Services) -> None:
    services.journal.create("One", tags=["a"])
    services.checkins.create(2, note="low", emotions={"sad": 6})
    doc = services.transfer.export_document()
    fresh = Database.new()
    try:
        other = Services(fresh, clock=FixedClock(START))
        first = other.transfer.import_document(doc)
        assert (first.entries, first.checkins) == (1, 1)
        counts = (other.journal.count(deleted=None), other.checkins.count(), len(other.tags.list()))
        second = other.transfer.import_document(doc)
        assert second.total == 0
        assert (other.journal.count(deleted=None), other.checkins.count(), len(other.tags.list())) == counts
        assert other.checkins.list()[0].emotions[0].name == "sad"
    finally:
        fresh.close()


def test_a_v1_export_imported_twice_is_recognised(services: Services) -> None:
    services.journal.create("From an old export", at=START - timedelta(days=3))
    doc = services.transfer.export_document()
    doc["version"] = 1
    for rows in doc["tables"].values():
        for row in rows:
            row.pop("uid", None)
            row.pop("updated_at", None)
    doc["tables"]["revision"] = doc["tables"]["tombstone"] = []
    # recognised by created time and text in the journal it came from ...
    assert services.transfer.import_document(doc).total == 0
    fresh = Database.new()
    try:
        other = Services(fresh, clock=FixedClock(START))
        assert other.transfer.import_document(doc).entries == 1
        # ... and in a journal it was imported into before
        assert other.transfer.import_document(doc).total == 0
        assert other.journal.count() == 1
    finally:
        fresh.close()


def test_a_newer_import_updates_the_row_and_keeps_the_older_text(services: Services, clock: FixedClock) -> None:
    entry = services.journal.create("First words")
    doc = services.transfer.export_document()
    doc["tables"]["journal_entry"][0]["body"] = "Better words"
    doc["tables"]["journal_entry"][0]["updated_at"] = (START + timedelta(days=1)).isoformat()
    summary = services.transfer.import_document(doc)
    assert summary.counts == {"journal_entry": 1}
    assert services.journal.get(entry.id).body == "Better words"
    assert [r.body for r in services.journal.revisions(entry.id)] == ["First words"]


def test_a_use_of_a_strategy_deleted_here_is_not_counted_or_added(copies) -> None:
    here, laptop, _, here_clock, _ = copies
    mine = here.coping.create("Walk round the block", ["Shoes on", "Go"])
    laptop_db = Database.from_image(here.database.image())
    try:
        other = Services(laptop_db, clock=FixedClock(START + timedelta(hours=2)))
        other.coping.record_use(mine.id, distress_before=6, distress_after=3)
        here_clock.advance(hours=5)
        here.coping.delete(mine.id)
        plan = here.merge.plan(other.transfer.export_document())
        assert plan.summary.added == {}
    finally:
        laptop_db.close()
