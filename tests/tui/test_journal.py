"""Journal: paging at 20,000 entries, search as you type, star/share, delete with undo, delete forever."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from textual.app import App
from textual.screen import Screen

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.errors import NotFound
from copingkit.core.models import to_utc_text
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever
from copingkit.tui.screens.journal import PAGE_SIZE, JournalScreen
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.search_results import MATCH_STYLE, SearchResults

NOW = datetime(2026, 11, 29, 14, 0, tzinfo=UTC)


class ScreenHarness(App):
    """Just what screens use of the real app: services, clock, vault, request_save, note_activity."""

    def __init__(self, make_screen: Callable[[], Screen], services: Services, vault: Vault) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.services = services
        self.clock = services.clock
        self.vault = vault
        self.saves = 0

    def request_save(self) -> None:
        self.saves += 1

    def note_activity(self) -> None:
        pass

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


def harness(database: Database | None = None) -> ScreenHarness:
    database = database or Database.new()
    return ScreenHarness(JournalScreen, Services(database, clock=FixedClock(NOW)), Vault.in_memory(database))


def bulk_journal(count: int) -> Database:
    """A database with `count` entries, written in one transaction (the service writes one at a time)."""
    database = Database.new()
    rows = [
        (f"Day {i}", f"Entry {i}. A slow morning, tea, a walk.", f"Entry {i}. A slow morning, tea, a walk.",
         to_utc_text(NOW - timedelta(hours=6 * i)))
        for i in range(count)
    ]
    with database.lock:
        database.connection.execute("BEGIN")
        database.connection.executemany(
            "INSERT INTO journal_entry(title, body, preview, created_at) VALUES (?, ?, ?, ?)", rows
        )
        database.connection.execute("COMMIT")
    return database


class Spy:
    """Wraps a service method and records the keyword arguments of every call."""

    def __init__(self, method: Callable) -> None:
        self.method = method
        self.calls: list[dict] = []

    def __call__(self, *args, **kwargs):
        self.calls.append(kwargs)
        return self.method(*args, **kwargs)


async def settle(app: App, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_20k_entries_load_one_page_then_exactly_the_next_at_the_end() -> None:
    app = harness(bulk_journal(20_000))
    spy = Spy(app.services.journal.list)
    app.services.journal.list = spy
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        entry_list = app.screen.query_one(EntryList)
        assert [(call["limit"], call["offset"]) for call in spy.calls] == [(PAGE_SIZE, 0)]
        assert entry_list.option_count == PAGE_SIZE
        assert entry_list.total == 20_000
        assert "20,000 entries" in str(app.screen.query_one("#journal-count").content)

        await pilot.press("end")
        await settle(app, pilot)
        await pilot.press("end")  # already waiting or already loaded: no second request for the same page
        await settle(app, pilot)
        assert [(call["limit"], call["offset"]) for call in spy.calls[:2]] == [(PAGE_SIZE, 0), (PAGE_SIZE, PAGE_SIZE)]
        assert entry_list.option_count >= 2 * PAGE_SIZE
        offsets = [call["offset"] for call in spy.calls]
        assert len(offsets) == len(set(offsets)), "a page was asked for twice"


async def test_scrolling_down_by_keys_asks_for_the_next_page_once() -> None:
    app = harness(bulk_journal(3 * PAGE_SIZE + 5))
    spy = Spy(app.services.journal.list)
    app.services.journal.list = spy
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        for _ in range(PAGE_SIZE - 5):
            await pilot.press("down")
        await settle(app, pilot)
        assert [call["offset"] for call in spy.calls] == [0]
        for _ in range(5):
            await pilot.press("down")
        await settle(app, pilot)
        assert [call["offset"] for call in spy.calls] == [0, PAGE_SIZE]
        assert app.screen.query_one(EntryList).option_count == 2 * PAGE_SIZE


async def test_search_as_you_type_shows_ranked_hits_with_highlighted_words() -> None:
    app = harness()
    journal = app.services.journal
    journal.create("We talked about the river and the river was calm.", title="River", at=NOW - timedelta(days=1))
    journal.create("Nothing much today.", title="Quiet", at=NOW - timedelta(days=2))
    journal.create("Passed a river on the bus.", at=NOW - timedelta(days=3))
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await pilot.press(*"riv")
        await pilot.pause(0.4)
        await settle(app, pilot)
        results = app.screen.query_one(SearchResults)
        assert results.display and app.screen.searching
        expected = [hit.entry_id for hit in journal.search("riv")]
        assert [hit.entry_id for hit in results.hits] == expected
        assert len(expected) == 2
        first = results.get_option_at_index(0).prompt
        marked = [first.plain[span.start:span.end] for span in first.spans if span.style == MATCH_STYLE]
        assert marked and all(word.lower() == "river" for word in marked)
        assert "[" not in first.plain.split("\n", 1)[1]

        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.searching


async def test_only_the_last_query_counts() -> None:
    app = harness()
    spy = Spy(app.services.journal.search)
    app.services.journal.search = spy
    app.services.journal.create("calm evening")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"calm")
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert len(spy.calls) == 1, "typing fast is debounced into one search"


async def test_star_and_share_toggle_what_is_stored() -> None:
    app = harness()
    entry = app.services.journal.create("a day")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("s", "t")
        await pilot.pause()
        stored = app.services.journal.get(entry.id)
        assert stored.starred and stored.shared
        await pilot.press("s")
        await pilot.pause()
        assert not app.services.journal.get(entry.id).starred
        assert app.saves == 3


async def test_delete_then_undo_brings_the_entry_back() -> None:
    app = harness()
    journal = app.services.journal
    keep = journal.create("older", title="Older", at=NOW - timedelta(days=1))
    gone = journal.create("newer", title="Newer")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        entry_list = app.screen.query_one(EntryList)
        assert entry_list.current.id == gone.id
        await pilot.press("d")
        await settle(app, pilot)
        assert journal.get(gone.id).deleted
        assert list(entry_list.entries) == [keep.id]
        assert "Press u to undo" in str(app.screen.query_one("#journal-message").content)

        await pilot.press("u")
        await settle(app, pilot)
        assert not journal.get(gone.id).deleted
        assert list(entry_list.entries) == [gone.id, keep.id]
        await pilot.press("u")  # nothing left to undo: nothing happens
        await settle(app, pilot)
        assert not journal.get(gone.id).deleted


async def test_delete_forever_names_the_entry_and_purges_it() -> None:
    app = harness()
    entry = app.services.journal.create("words", title="Hard night")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("D")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmDeleteForever)
        text = str(modal.query_one("#delete-forever-text").content)
        assert "Hard night" in text and "cannot be undone" in text and "29 Nov 2026" in text

        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert app.services.journal.get(entry.id).title == "Hard night"

        await pilot.press("D")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        with pytest.raises(NotFound):
            app.services.journal.get(entry.id)
        assert app.screen.query_one(EntryList).option_count == 0


async def test_filter_by_starred_reloads_from_the_first_page() -> None:
    app = harness()
    journal = app.services.journal
    starred = journal.create("good one", starred=True, at=NOW - timedelta(days=2))
    journal.create("plain one")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#filter-starred").value = True
        await settle(app, pilot)
        assert list(app.screen.query_one(EntryList).entries) == [starred.id]


async def test_n_opens_a_new_entry_and_enter_opens_the_highlighted_one() -> None:
    from copingkit.tui.screens.editor import EditorScreen

    app = harness()
    entry = app.services.journal.create("already here")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.entry_id == entry.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.entry_id is None
