"""Journal service: writing, editing, trash and undo, delete forever, lists, search."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert
from sqlmodel import select

from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.models import EntryTag, JournalEntry, Tag
from copingkit.core.services import Services
from copingkit.core.services.readmodels import Entry, EntrySummary
from tests.support.journal_data import START


def test_create_and_get(services: Services) -> None:
    entry = services.journal.create(
        "  Slept badly.\n\nBut the walk helped.  ", title=" Tuesday ", tags=["#Walk", "walk", "sleep "]
    )
    assert isinstance(entry, Entry)
    assert entry.body == "  Slept badly.\n\nBut the walk helped.  "
    assert entry.title == "Tuesday"
    assert entry.tags == ("sleep", "walk")
    assert entry.created_at == START and entry.created_at.tzinfo is UTC
    assert entry.edited_at is None and not entry.deleted
    assert services.journal.get(entry.id) == entry


def test_read_models_are_frozen(services: Services) -> None:
    entry = services.journal.create("words")
    with pytest.raises(AttributeError):
        entry.body = "other"  # type: ignore[misc]


@pytest.mark.parametrize("body", ["", "   ", "\n\t ", None, 42])
def test_an_entry_needs_words(services: Services, body) -> None:
    with pytest.raises(InvalidInput, match="An entry needs some words."):
        services.journal.create(body)
    assert services.journal.count() == 0


def test_invalid_input_is_a_value_error_with_one_calm_sentence(services: Services) -> None:
    with pytest.raises(ValueError) as caught:
        services.journal.create("x", kind="rant")
    message = str(caught.value)
    assert message.endswith(".") and message.count(". ") == 0


def test_backdated_entry_and_naive_time(services: Services) -> None:
    at = datetime(2025, 12, 24, 21, 0, tzinfo=UTC)
    assert services.journal.create("Christmas Eve", at=at).created_at == at
    with pytest.raises(InvalidInput, match="timezone"):
        services.journal.create("naive", at=datetime(2025, 12, 24, 21, 0))


def test_get_missing_raises_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.journal.get(999)
    with pytest.raises(NotFound):
        services.journal.update(999, body="x")


def test_update_changes_only_what_was_given(services: Services, clock) -> None:
    entry = services.journal.create("first", title="T", tags=["a"], starred=True)
    clock.advance(hours=1)
    updated = services.journal.update(entry.id, body="second")
    assert (updated.body, updated.title, updated.tags, updated.starred) == ("second", "T", ("a",), True)
    assert updated.edited_at == START + timedelta(hours=1)
    assert updated.created_at == START
    cleared = services.journal.update(entry.id, title=None, tags=[], starred=False, shared=True)
    assert cleared.title is None and cleared.tags == () and not cleared.starred and cleared.shared
    with pytest.raises(InvalidInput):
        services.journal.update(entry.id, body="  ")
    assert services.journal.get(entry.id).body == "second"


def test_update_with_no_change_keeps_edited_at_empty(services: Services) -> None:
    entry = services.journal.create("same", tags=["a"])
    assert services.journal.update(entry.id, body="same", tags=["A"]).edited_at is None


def test_soft_delete_and_undo(services: Services, clock) -> None:
    keep = services.journal.create("keep me")
    gone = services.journal.create("bin me")
    clock.advance(minutes=5)
    deleted = services.journal.delete(gone.id)
    assert deleted.deleted_at == START + timedelta(minutes=5)
    assert [e.id for e in services.journal.list()] == [keep.id]
    assert [e.id for e in services.journal.list(deleted=True)] == [gone.id]
    assert {e.id for e in services.journal.list(deleted=None)} == {keep.id, gone.id}
    assert services.journal.count() == 1 and services.journal.count(deleted=True) == 1
    assert services.journal.search("bin") == []
    restored = services.journal.restore(gone.id)
    assert not restored.deleted and restored.body == "bin me"
    assert services.journal.count() == 2
    assert [h.entry_id for h in services.journal.search("bin")] == [gone.id]


def test_purge_removes_the_text_from_the_image(services: Services, database) -> None:
    secret = "Zanzibarquokka confession about Wexholm"
    other = services.journal.create("An ordinary day with tea.", tags=["tea"])
    entry = services.journal.create(secret, title="Quillfeather", tags=["uniquetagname", "tea"])
    services.journal.update(entry.id, body=secret + " and more")
    services.journal.delete(entry.id)
    assert b"Zanzibarquokka" in database.image()

    services.journal.purge(entry.id)

    image = database.image()
    for needle in (
        "Zanzibarquokka",
        "zanzibarquokka",
        "Wexholm",
        "wexholm",
        "Quillfeather",
        "quillfeather",
        "uniquetagname",
    ):
        assert needle.encode() not in image, needle
    with pytest.raises(NotFound):
        services.journal.get(entry.id)
    with database.session() as session:
        assert session.exec(select(EntryTag).where(EntryTag.entry_id == entry.id)).all() == []
        assert [t.name for t in session.exec(select(Tag)).all()] == ["tea"]
    assert services.journal.search("zanzibarquokka") == []
    assert services.journal.get(other.id).tags == ("tea",)
    assert [h.entry_id for h in services.journal.search("tea")] == [other.id]


def test_empty_trash(services: Services, database) -> None:
    for word in ("Glimmerwort", "Trundlebeck"):
        services.journal.delete(services.journal.create(word).id)
    services.journal.create("stays")
    assert services.journal.empty_trash() == 2
    assert services.journal.count(deleted=None) == 1
    assert b"Glimmerwort" not in database.image() and b"glimmerwort" not in database.image()


def _entries_over_days(services: Services, n: int) -> list[Entry]:
    return [
        services.journal.create(
            f"day {i}", at=START - timedelta(days=i), tags=["even"] if i % 2 == 0 else [], starred=i % 3 == 0
        )
        for i in range(n)
    ]


def test_list_is_newest_first_and_pages(services: Services) -> None:
    made = _entries_over_days(services, 7)
    first = services.journal.list(limit=3)
    second = services.journal.list(limit=3, offset=3)
    third = services.journal.list(limit=3, offset=6)
    assert all(isinstance(e, EntrySummary) for e in first)
    assert [e.id for e in first + second + third] == [e.id for e in made]
    assert len(third) == 1
    assert services.journal.list(limit=3, offset=7) == []


def test_same_time_entries_order_by_id(services: Services) -> None:
    a = services.journal.create("a")
    b = services.journal.create("b")
    assert [e.id for e in services.journal.list()] == [b.id, a.id]


def test_list_filters(services: Services) -> None:
    _entries_over_days(services, 10)
    day = lambda i: (START - timedelta(days=i)).date()  # noqa: E731
    in_range = services.journal.list(date_from=day(5), date_to=day(2))
    assert [e.preview for e in in_range] == ["day 2", "day 3", "day 4", "day 5"]
    assert services.journal.count(date_from=day(5), date_to=day(2)) == 4
    exact = services.journal.list(date_from=START - timedelta(days=1), date_to=START - timedelta(days=1))
    assert [e.preview for e in exact] == ["day 1"]
    assert [e.preview for e in services.journal.list(tag="#EVEN", limit=2)] == ["day 0", "day 2"]
    assert services.journal.count(tag="even") == 5
    assert services.journal.count(starred=True) == 4  # 0, 3, 6, 9
    assert services.journal.count(starred=False) == 6
    assert services.journal.count(tag="even", starred=True) == 2  # 0, 6
    assert services.journal.list(tag="nope") == [] and services.journal.count(tag="nope") == 0
    with pytest.raises(InvalidInput):
        services.journal.list(date_from=date(2026, 2, 1), date_to=date(2026, 1, 1))
    with pytest.raises(InvalidInput):
        services.journal.list(limit=0)


def test_preview_is_short_and_single_line(services: Services) -> None:
    entry = services.journal.create("First line\nsecond line\t" + "word " * 200)
    summary = services.journal.list()[0]
    assert summary.id == entry.id
    assert summary.preview.startswith("First line second line word")
    assert "\n" not in summary.preview and len(summary.preview) <= 160


def test_list_never_reads_bodies(services: Services, database) -> None:
    """The list query selects the preview, not the body column."""
    services.journal.create("body text")
    statements: list[str] = []
    database.connection.set_trace_callback(statements.append)
    try:
        services.journal.list()
    finally:
        database.connection.set_trace_callback(None)
    listing = [s for s in statements if "FROM journal_entry" in s]
    assert listing and all("body" not in s.split("FROM")[0] for s in listing)


def test_twenty_thousand_entries_stay_paged_and_indexed(services: Services, database) -> None:
    total = 20_000
    rows = [
        {
            "body": f"entry number {i} " + "lorem ipsum " * 40,
            "preview": f"entry number {i}",
            "kind": "free",
            "starred": i % 10 == 0,
            "shared_with_therapist": False,
            "created_at": START - timedelta(minutes=i),
            "deleted_at": START if i % 100 == 0 else None,
        }
        for i in range(total)
    ]
    with database.session() as session:
        session.execute(insert(JournalEntry), rows)  # one executemany, FTS triggers included
    assert services.journal.count() == total - 200
    assert services.journal.count(deleted=None) == total

    page = services.journal.list(limit=50, offset=10_000)
    first = services.journal.list(limit=50)
    starred = services.journal.list(limit=50, starred=True)

    assert len(page) == 50 and len(first) == 50 and len(starred) == 50
    assert first[0].preview == "entry number 1"  # 0 is in the trash
    assert all(a.created_at > b.created_at for a, b in zip(first, first[1:], strict=False))

    plan = " ".join(
        str(row[3])
        for row in database.connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM journal_entry WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 50"
        )
    )
    assert "INDEX ix_journal_entry_deleted_created" in plan and "TEMP B-TREE" not in plan

    traced: list[str] = []
    database.connection.set_trace_callback(traced.append)
    try:
        hits = services.journal.search("number 1999", limit=10)
    finally:
        database.connection.set_trace_callback(None)
    (search,) = [statement for statement in traced if " MATCH " in statement and not statement.startswith("--")]
    plan = [str(row[3]) for row in database.connection.execute(f"EXPLAIN QUERY PLAN {search}")]
    assert plan[0].startswith("SCAN entry_fts VIRTUAL TABLE INDEX") and ":M" in plan[0], plan
    assert plan[1] == "SEARCH e USING INTEGER PRIMARY KEY (rowid=?)", plan
    assert hits and hits[0].snippet.count("[") >= 1


def test_search_ranks_better_matches_first(services: Services) -> None:
    weak = services.journal.create("A long day. " + "Nothing much happened at all. " * 20 + "Some anxiety later.")
    strong = services.journal.create("Anxiety, anxiety and more anxiety before the exam.")
    titled = services.journal.create("Notes from today.", title="Anxiety")
    hits = services.journal.search("anxiety")
    assert {h.entry_id for h in hits} == {weak.id, strong.id, titled.id}
    assert hits[-1].entry_id == weak.id
    assert all(a.rank <= b.rank for a, b in zip(hits, hits[1:], strict=False))


def test_search_snippet_markers_and_spans(services: Services) -> None:
    entry = services.journal.create("Before the [meeting] I breathed slowly, and the breathing helped.")
    (hit,) = services.journal.search("breath")
    assert hit.entry_id == entry.id
    assert hit.created_at == START
    marked = [hit.snippet[start:end] for start, end in hit.spans]
    assert marked == ["breathed", "breathing"]
    for start, end in hit.spans:
        assert hit.snippet[start - 1] == "[" and hit.snippet[end] == "]"
    assert "[meeting]" in hit.snippet  # the person's own brackets are left alone and not spans


def test_search_needs_every_word_and_prefixes_only_the_last(services: Services) -> None:
    both = services.journal.create("walked to the river")
    services.journal.create("walked to the shop")
    assert [h.entry_id for h in services.journal.search("walked riv")] == [both.id]
    assert services.journal.search("walked riv ") == []  # a finished word is not a prefix
    assert services.journal.search("walk river") == []  # only the last word is a prefix
    assert [h.entry_id for h in services.journal.search("walked river ")] == [both.id]
    assert services.journal.search("WALKED RIVER")[0].entry_id == both.id


@pytest.mark.parametrize(
    "query",
    [
        "don't",
        "a AND (",
        '"',
        "'",
        "(",
        ")",
        "*",
        "NOT",
        "OR OR",
        "NEAR(",
        "title:",
        "body:secret",
        "^start",
        "-minus +plus",
        "\\",
        "%_",
        '"unbalanced',
        "a\x00b",
        "😀",
        "   ",
        "",
    ],
)
def test_hostile_queries_never_raise(services: Services, query: str) -> None:
    services.journal.create("I don't know why. A AND B are fine (mostly). title body near")
    assert isinstance(services.journal.search(query), list)


def test_search_handles_apostrophes_and_operators_as_words(services: Services) -> None:
    entry = services.journal.create("I don't want to go, AND I won't.")
    services.journal.create("Something else entirely.")
    assert [h.entry_id for h in services.journal.search("don't")] == [entry.id]
    assert [h.entry_id for h in services.journal.search("and")] == [entry.id]
    assert [h.entry_id for h in services.journal.search("café")] == []
    cafe = services.journal.create("Met at the café.")
    assert [h.entry_id for h in services.journal.search("cafe")] == [cafe.id]


def test_search_pages(services: Services) -> None:
    for i in range(5):
        services.journal.create(f"garden note {i}")
    first = services.journal.search("garden", limit=2)
    rest = services.journal.search("garden", limit=10, offset=2)
    assert len(first) == 2 and len(rest) == 3
    assert not {h.entry_id for h in first} & {h.entry_id for h in rest}


def test_tags_list_counts_entries_and_checkins(services: Services) -> None:
    services.journal.create("a", tags=["work", "sleep"])
    services.journal.create("b", tags=["work"])
    binned = services.journal.create("c", tags=["work"])
    services.journal.delete(binned.id)
    services.checkins.create(3, tags=["sleep", "gym"])
    counts = {t.name: (t.entries, t.checkins) for t in services.tags.list()}
    assert counts == {"work": (2, 0), "sleep": (1, 1), "gym": (0, 1)}
    assert [t.name for t in services.tags.list()][0] in {"work", "sleep"}
    assert services.tags.list()[-1].name == "gym"


def test_retagging_drops_tags_nobody_uses(services: Services) -> None:
    entry = services.journal.create("x", tags=["temporary"])
    services.journal.update(entry.id, tags=["kept"])
    assert [t.name for t in services.tags.list()] == ["kept"]


def test_a_failed_write_changes_nothing(services: Services, database) -> None:
    services.journal.create("one")
    changes = database.changes
    with pytest.raises(InvalidInput):
        services.journal.create("two", tags=["x" * 100])
    assert services.journal.count() == 1
    assert not database.in_transaction
    assert database.changes == changes


@settings(max_examples=200, deadline=None)
@given(query=st.text(max_size=40))
def test_any_typed_query_is_safe(query: str) -> None:
    database = _SEARCH_DB
    services = Services(database)
    hits = services.journal.search(query)
    assert isinstance(hits, list)
    for hit in hits:
        for start, end in hit.spans:
            assert hit.snippet[start - 1] == "[" and hit.snippet[end] == "]"


def _search_db():
    database = Database.new()
    services = Services(database)
    for body in ('Quotes "like" this, don\'t AND (maybe) NEAR', "ünïcödé café — naïve", "plain words here", "x* y^ z:"):
        services.journal.create(body, title="t")
    return database


_SEARCH_DB = _search_db()
