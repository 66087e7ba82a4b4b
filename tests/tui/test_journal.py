"""Journal: paging at 20,000 entries, search as you type, star/share, delete with undo, delete forever."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copingkit.core.database import Database
from copingkit.core.errors import NotFound
from copingkit.core.models import to_utc_text
from copingkit.core.services import Services
from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever
from copingkit.tui.screens.journal import PAGE_SIZE, SEARCH_DELAY, JournalScreen
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.search_results import MATCH_STYLE, SearchResults
from tests.support.spy import Spy

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


async def open_journal(pilot, ui, *spied: str) -> dict[str, Spy]:
    """From home, press j. Journal methods named in `spied` are wrapped in spies first."""
    app = pilot.app
    await ui.settle(pilot)
    spies = {}
    for name in spied:
        spies[name] = Spy(getattr(app.services.journal, name))
        setattr(app.services.journal, name, spies[name])
    await pilot.press("j")
    await ui.settle(pilot)
    assert isinstance(app.screen, JournalScreen)
    return spies


def bulk_journal(count: int) -> Database:
    """A database with `count` entries, written in one transaction (the service writes one at a time)."""
    database = Database.new()
    rows = [
        (
            f"Day {i}",
            f"Entry {i}. A slow morning, tea, a walk.",
            f"Entry {i}. A slow morning, tea, a walk.",
            to_utc_text(NOW - timedelta(hours=6 * i)),
        )
        for i in range(count)
    ]
    with database.lock:
        database.connection.execute("BEGIN")
        database.connection.executemany(
            "INSERT INTO journal_entry(title, body, preview, created_at) VALUES (?, ?, ?, ?)", rows
        )
        database.connection.execute("COMMIT")
    return database


async def test_20k_entries_load_one_page_then_exactly_the_next_at_the_end(demo, ui) -> None:
    app, _ = demo(database=bulk_journal(20_000))
    async with app.run_test(size=SIZE) as pilot:
        spy = (await open_journal(pilot, ui, "list"))["list"]
        entry_list = app.screen.query_one(EntryList)
        assert [(call["limit"], call["offset"]) for call in spy.calls] == [(PAGE_SIZE, 0)]
        assert entry_list.option_count == PAGE_SIZE
        assert entry_list.total == 20_000
        assert "20,000 entries" in str(app.screen.query_one("#journal-count").content)

        await pilot.press("end")
        await ui.settle(pilot)
        assert [(call["limit"], call["offset"]) for call in spy.calls] == [(PAGE_SIZE, 0), (PAGE_SIZE, PAGE_SIZE)]
        assert entry_list.option_count == 2 * PAGE_SIZE
        assert entry_list.highlighted == PAGE_SIZE - 1, "the cursor stays where the person put it"


async def test_scrolling_down_by_keys_asks_for_the_next_page_once(demo, ui) -> None:
    app, _ = demo(database=bulk_journal(3 * PAGE_SIZE + 5))
    async with app.run_test(size=SIZE) as pilot:
        spy = (await open_journal(pilot, ui, "list"))["list"]
        for _ in range(PAGE_SIZE - 5):
            await pilot.press("down")
        await ui.settle(pilot)
        assert [call["offset"] for call in spy.calls] == [0]
        for _ in range(5):
            await pilot.press("down")
        await ui.settle(pilot)
        assert [call["offset"] for call in spy.calls] == [0, PAGE_SIZE]
        assert app.screen.query_one(EntryList).option_count == 2 * PAGE_SIZE


async def test_search_as_you_type_shows_ranked_hits_with_highlighted_words(demo, ui, test_time) -> None:
    def seed(services: Services) -> None:
        journal = services.journal
        journal.create("We talked about the river and the river was calm.", title="River", at=NOW - timedelta(days=1))
        journal.create("Nothing much today.", title="Quiet", at=NOW - timedelta(days=2))
        journal.create("Passed a river on the bus.", at=NOW - timedelta(days=3))

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("slash", *"riv")
        await test_time.advance(pilot, SEARCH_DELAY)
        await ui.settle(pilot)
        results = app.screen.query_one(SearchResults)
        assert app.screen.searching
        expected = [hit.entry_id for hit in services.journal.search("riv")]
        assert [hit.entry_id for hit in results.hits] == expected
        assert len(expected) == 2
        first = results.get_option_at_index(0).prompt
        marked = [first.plain[span.start : span.end] for span in first.spans if span.style == MATCH_STYLE]
        assert marked and all(word.lower() == "river" for word in marked)
        assert "[" not in first.plain.split("\n", 1)[1]

        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.searching


async def test_typing_fast_is_one_search(demo, ui, test_time) -> None:
    app, _ = demo(lambda services: services.journal.create("calm evening"))
    async with app.run_test(size=SIZE) as pilot:
        spy = (await open_journal(pilot, ui, "search"))["search"]
        await pilot.press("slash", *"calm")
        await test_time.advance(pilot, SEARCH_DELAY)
        await ui.settle(pilot)
        assert len(spy.calls) == 1


async def test_star_and_share_toggle_what_is_stored(demo, ui) -> None:
    app, services = demo(lambda services: services.journal.create("a day"))
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        entry_id = app.screen.query_one(EntryList).current.id
        await pilot.press("s", "t")
        await pilot.pause()
        stored = services.journal.get(entry_id)
        assert stored.starred and stored.shared
        await pilot.press("s")
        await pilot.pause()
        assert not services.journal.get(entry_id).starred
        assert app.saves == 3


async def test_delete_then_undo_brings_the_entry_back(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["keep"] = services.journal.create("older", title="Older", at=NOW - timedelta(days=1)).id
        ids["gone"] = services.journal.create("newer", title="Newer").id

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        entry_list = app.screen.query_one(EntryList)
        assert entry_list.current.id == ids["gone"]
        await pilot.press("d")
        await ui.settle(pilot)
        assert services.journal.get(ids["gone"]).deleted
        assert list(entry_list.entries) == [ids["keep"]]
        assert "Press u to undo" in ui.screen_text(app)

        await pilot.press("u")
        await ui.settle(pilot)
        assert not services.journal.get(ids["gone"]).deleted
        assert list(entry_list.entries) == [ids["gone"], ids["keep"]]


async def test_delete_forever_names_the_entry_and_purges_it(demo, ui) -> None:
    def seed(services: Services) -> None:
        services.journal.delete(services.journal.create("words", title="Hard night").id)

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("x")
        await ui.settle(pilot)
        entry_id = app.screen.query_one(EntryList).current.id
        await pilot.press("ctrl+d")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ConfirmDeleteForever)
        text = str(modal.query_one("#delete-forever-text").content)
        assert "Hard night" in text and "cannot be undone" in text and "20 Nov 2026" in text

        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert services.journal.get(entry_id).title == "Hard night"

        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await ui.settle(pilot)
        with pytest.raises(NotFound):
            services.journal.get(entry_id)
        assert app.screen.query_one(EntryList).option_count == 0


async def test_filter_by_starred_reloads_from_the_first_page(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["starred"] = services.journal.create("good one", starred=True, at=NOW - timedelta(days=2)).id
        services.journal.create("plain one")

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        app.screen.query_one("#filter-starred").value = True
        await ui.settle(pilot)
        assert list(app.screen.query_one(EntryList).entries) == [ids["starred"]]


async def test_enter_opens_the_highlighted_entry_and_n_a_new_one(demo, ui) -> None:
    from copingkit.tui.screens.editor import EditorScreen

    app, _ = demo(lambda services: services.journal.create("already here"))
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.entry_id is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.entry_id is None


async def test_scrolling_to_the_end_asks_for_one_page_each_time_and_none_past_the_last(demo, ui) -> None:
    app, _ = demo(database=bulk_journal(3 * PAGE_SIZE))
    async with app.run_test(size=SIZE) as pilot:
        spy = (await open_journal(pilot, ui, "list"))["list"]
        entry_list = app.screen.query_one(EntryList)
        entry_list.scroll_end(animate=False, immediate=True)
        await ui.settle(pilot)
        assert [call["offset"] for call in spy.calls] == [0, PAGE_SIZE]
        assert entry_list.highlighted == 0, "scrolling doesn't move the cursor"
        entry_list.scroll_end(animate=False, immediate=True)
        await ui.settle(pilot)
        entry_list.scroll_end(animate=False, immediate=True)
        await ui.settle(pilot)
        assert [call["offset"] for call in spy.calls] == [0, PAGE_SIZE, 2 * PAGE_SIZE]
        assert entry_list.option_count == entry_list.total == 3 * PAGE_SIZE, "and no calls past the end"


async def test_date_range_filter_uses_local_days(demo, ui) -> None:
    def seed(services: Services) -> None:
        for day in range(6):
            services.journal.create(f"day {day}", at=NOW - timedelta(days=day))

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        app.screen.query_one("#filter-from").value = "3 days ago"
        app.screen.query_one("#filter-to").value = "yesterday"
        await ui.settle(pilot)
        entries = app.screen.query_one(EntryList).entries.values()
        assert [entry.preview for entry in entries] == ["day 1", "day 2", "day 3"]
        assert "3 entries" in str(app.screen.query_one("#journal-count").content)


async def test_coming_back_from_an_entry_keeps_the_cursor_on_it(demo, ui) -> None:
    def seed(services: Services) -> None:
        for day in range(5):
            services.journal.create(f"day {day}", at=NOW - timedelta(days=day))

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.press("end", *" and later", "escape")
        await ui.settle(pilot)
        entry_list = app.screen.query_one(EntryList)
        assert entry_list.current.preview == "day 2 and later"


async def test_filter_by_tag_with_the_keyboard_alone(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["group"] = services.journal.create("after group", tags=["group"], at=NOW - timedelta(days=1)).id
        services.journal.create("no tags here")

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("f", "enter", "down", "enter")
        await ui.settle(pilot)
        assert list(app.screen.query_one(EntryList).entries) == [ids["group"]]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one(EntryList)


async def test_a_failed_page_load_is_calm_and_can_be_retried(demo, ui) -> None:
    app, _ = demo(database=bulk_journal(2 * PAGE_SIZE))
    async with app.run_test(size=SIZE) as pilot:
        spy = (await open_journal(pilot, ui, "list"))["list"]
        real = spy.method

        def failing(*args, **kwargs):
            raise RuntimeError("disk hiccup")

        spy.method = failing
        await pilot.press("end")
        await ui.settle(pilot)
        assert "Couldn't load more entries" in ui.screen_text(app)
        spy.method = real
        await pilot.press("up", "end")
        await ui.settle(pilot)
        assert app.screen.query_one(EntryList).option_count == 2 * PAGE_SIZE


async def test_down_from_the_search_box_reaches_the_hits(demo, ui, test_time) -> None:
    app, _ = demo(lambda services: services.journal.create("the calm lake", title="Lake"))
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        await pilot.press("slash", *"lake")
        await test_time.advance(pilot, SEARCH_DELAY)
        await ui.settle(pilot)
        await pilot.press("down")
        assert app.screen.focused is app.screen.query_one(SearchResults)
        await pilot.press("s")
        await pilot.pause()
        assert app.services.journal.list(starred=True)[0].title == "Lake"


async def test_entry_keys_are_hidden_when_there_is_no_entry(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_journal(pilot, ui)
        shown = {active.binding.action for active in app.screen.active_bindings.values() if active.enabled}
        assert "delete_forever" not in shown and "toggle_star" not in shown
        assert "new_entry" in shown
        assert "Nothing here yet" in ui.screen_text(app)
