"""Thought records: their fields in an entry's markdown body, listed, searched, exported and merged like entries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput
from copingkit.core.services import Services
from copingkit.core.thought_record import Feeling, ThoughtRecord, feelings, feelings_text, parse, render
from tests.support.journal_data import START

RECORD = ThoughtRecord(
    situation="Waiting for a reply after the team meeting",
    automatic_thought="They think my idea was useless",
    emotions=(Feeling("anxious", 80), Feeling("ashamed", 60)),
    evidence_for="Nobody answered my message for two hours",
    evidence_against="Priya thanked me in the meeting\nTwo hours is normal on a Monday",
    balanced_thought="People are busy; silence is not a verdict on me",
    emotions_after=(Feeling("anxious", 35), Feeling("ashamed", 20)),
)


def test_the_body_is_readable_markdown_under_the_fields_headings() -> None:
    body = render(RECORD)
    assert body.startswith("## Situation\n\nWaiting for a reply after the team meeting\n\n## Automatic thought\n")
    assert "## Emotions\n\n- anxious: 80\n- ashamed: 60\n" in body
    assert "## Emotions re-rated\n\n- anxious: 35\n- ashamed: 20\n" in body
    assert parse(body) == RECORD


def test_empty_parts_are_left_out_and_read_back_empty() -> None:
    record = ThoughtRecord(automatic_thought="I always get this wrong", emotions=(Feeling("sad", None),))
    assert render(record) == "## Automatic thought\n\nI always get this wrong\n\n## Emotions\n\n- sad\n"
    assert parse(render(record)) == record


def test_words_a_hand_edit_put_outside_the_headings_are_kept() -> None:
    body = "A line written above.\n\n## Situation\n\nOn the bus\n\n## Emotions\n\n- scared 150\n"
    record = parse(body)
    assert record.situation == "On the bus"
    assert record.other == "A line written above.\n\n## Emotions\n\n- scared 150"
    assert record.emotions == ()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("anxious 80, sad 40", (Feeling("anxious", 80), Feeling("sad", 40))),
        ("anxious: 80; sad:40", (Feeling("anxious", 80), Feeling("sad", 40))),
        ("- let down 100%\n- tired", (Feeling("let down", 100), Feeling("tired", None))),
        ("  ", ()),
    ],
)
def test_emotions_read_as_people_type_them(typed: str, read: tuple[Feeling, ...]) -> None:
    assert feelings(typed) == read


@pytest.mark.parametrize(("typed", "words"), [("anxious 101", "0 to 100"), ("80", "name before the number")])
def test_an_emotion_that_does_not_read_is_refused_with_a_word(typed: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        feelings(typed)


def test_emotions_show_in_the_form_as_they_are_typed() -> None:
    assert feelings_text(RECORD.emotions) == "anxious 80, ashamed 60"


def test_a_record_is_an_entry_listed_and_found_by_a_word_of_any_field(services: Services) -> None:
    services.journal.create("An ordinary day")
    entry = services.journal.create_thought_record(RECORD, shared=True)
    assert entry.kind == "thought_record" and entry.shared
    assert services.journal.thought_record(entry.id) == RECORD
    assert [summary.kind for summary in services.journal.list()] == ["thought_record", "free"]
    for word in ("reply", "useless", "ashamed", "hours", "Priya", "verdict"):
        assert [hit.entry_id for hit in services.journal.search(word)] == [entry.id], word


def test_updating_a_record_changes_its_fields_and_search(services: Services) -> None:
    entry = services.journal.create_thought_record(RECORD)
    changed = ThoughtRecord(situation="At the dentist", emotions=(Feeling("calm", 30),))
    services.journal.update_thought_record(entry.id, changed, title="Dentist")
    assert services.journal.thought_record(entry.id) == changed
    assert services.journal.get(entry.id).title == "Dentist"
    assert services.journal.search("Priya") == []
    assert [hit.entry_id for hit in services.journal.search("dentist")] == [entry.id]


def test_an_empty_record_or_another_kind_is_refused(services: Services) -> None:
    with pytest.raises(InvalidInput, match="needs some words"):
        services.journal.create_thought_record(ThoughtRecord())
    free = services.journal.create("Just words")
    with pytest.raises(InvalidInput, match="not a thought record"):
        services.journal.thought_record(free.id)
    with pytest.raises(InvalidInput, match="not a thought record"):
        services.journal.update_thought_record(free.id, RECORD)


def test_a_record_survives_export_and_import_into_another_journal(services: Services) -> None:
    entry = services.journal.create_thought_record(RECORD)
    document = json.loads(json.dumps(services.transfer.export_document()))
    fresh = Database.new()
    try:
        other = Services(fresh, clock=FixedClock(START + timedelta(days=1)))
        other.transfer.import_document(document)
        [summary] = other.journal.list()
        assert (summary.kind, summary.uid) == ("thought_record", entry.uid)
        assert other.journal.thought_record(summary.id) == RECORD
        assert "## Evidence against" in other.transfer.export_markdown()
    finally:
        fresh.close()


def test_a_record_edited_on_another_copy_merges_by_uid(services: Services, database: Database) -> None:
    entry = services.journal.create_thought_record(RECORD)
    laptop_db = Database.from_image(database.image())
    try:
        laptop = Services(laptop_db, clock=FixedClock(START + timedelta(hours=2)))
        better = ThoughtRecord(situation=RECORD.situation, balanced_thought="I can ask them tomorrow")
        laptop.journal.update_thought_record(entry.id, better)
        services.merge.apply(services.merge.plan(laptop.transfer.export_document()))
    finally:
        laptop_db.close()
    assert [summary.uid for summary in services.journal.list()] == [entry.uid]
    assert services.journal.thought_record(entry.id) == better
    assert [parse(revision.body) for revision in services.journal.revisions(entry.id)] == [RECORD]
