"""Journal trash: deleted entries can be seen, restored or deleted forever long after the undo window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copingkit.core.errors import NotFound
from copingkit.core.services import Services
from copingkit.tui.modals.confirm_delete_forever import ConfirmDeleteForever
from copingkit.tui.screens.journal import PAGE_SIZE, UNDO_SECONDS, JournalScreen
from copingkit.tui.widgets.entry_list import EntryList
from tests.support.spy import Spy

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


async def open_journal(pilot, ui) -> JournalScreen:
    await ui.settle(pilot)
    await pilot.press("j")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, JournalScreen)
    return pilot.app.screen


def shown_actions(app) -> set[str]:
    return {active.binding.action for active in app.screen.active_bindings.values() if active.enabled}


async def test_an_entry_deleted_without_undo_is_restored_from_the_trash(demo, ui, test_time) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["keep"] = services.journal.create("older", title="Older", at=NOW - timedelta(days=1)).id
        ids["gone"] = services.journal.create("newer", title="A hard evening").id

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, ui)
        entry_list = screen.query_one(EntryList)
        assert entry_list.current.id == ids["gone"]
        await pilot.press("d")
        await ui.settle(pilot)
        assert "x shows deleted entries" in ui.screen_text(app)
        await test_time.advance(pilot, UNDO_SECONDS)  # the undo window passes without u
        assert "undo" not in shown_actions(app)
        assert services.journal.get(ids["gone"]).deleted
        saves_before = app.saves

        await pilot.press("x")
        await ui.settle(pilot)
        assert screen.trash
        text = ui.screen_text(app)
        assert "Deleted entries — restore with r, or delete forever with ctrl+d" in text
        assert screen.query_one("#journal-trash-note").display
        assert "1 deleted" in text
        assert list(entry_list.entries) == [ids["gone"]]
        assert "restore" in shown_actions(app) and "delete" not in shown_actions(app)

        await pilot.press("r")
        await ui.settle(pilot)
        assert not services.journal.get(ids["gone"]).deleted
        assert app.saves == saves_before + 1
        assert list(entry_list.entries) == []
        assert "Brought back “A hard evening”" in ui.screen_text(app)

        await pilot.press("x")
        await ui.settle(pilot)
        assert not screen.trash
        assert not screen.query_one("#journal-trash-note").display
        assert list(entry_list.entries) == [ids["gone"], ids["keep"]]


async def test_delete_forever_from_the_trash_asks_then_purges(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["gone"] = services.journal.create("words", title="Hard night").id
        services.journal.delete(ids["gone"])
        services.journal.create("still here", title="Still here", at=NOW - timedelta(days=1))

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, ui)
        await pilot.press("x")
        await ui.settle(pilot)
        entry_list = screen.query_one(EntryList)
        assert entry_list.current.id == ids["gone"]

        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDeleteForever)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert services.journal.get(ids["gone"]).deleted

        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDeleteForever)
        await pilot.press("tab", "enter")
        await ui.settle(pilot)
        with pytest.raises(NotFound):
            services.journal.get(ids["gone"])
        assert entry_list.option_count == 0
        assert [entry.title for entry in services.journal.list()] == ["Still here"]


async def test_the_trash_shows_only_deleted_entries_and_escape_leaves_it(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        journal = services.journal
        for day in range(4):
            entry = journal.create(f"day {day}", at=NOW - timedelta(days=day))
            if day % 2:
                journal.delete(entry.id)
                ids.setdefault("deleted", []).append(entry.id)
            else:
                ids.setdefault("live", []).append(entry.id)

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, ui)
        entry_list = screen.query_one(EntryList)
        assert list(entry_list.entries) == ids["live"]

        await pilot.press("x")
        await ui.settle(pilot)
        assert list(entry_list.entries) == ids["deleted"]
        assert all(services.journal.get(entry_id).deleted for entry_id in entry_list.entries)
        assert "2 deleted" in ui.screen_text(app)

        await pilot.press("enter")  # not opened: read-only is not offered
        await pilot.pause()
        assert app.screen is screen
        assert "bring it back with r" in ui.screen_text(app)

        await pilot.press("escape")
        await ui.settle(pilot)
        assert app.screen is screen and not screen.trash
        assert list(entry_list.entries) == ids["live"]


async def test_the_trash_loads_a_page_at_a_time(demo, ui) -> None:
    def seed(services: Services) -> None:
        journal = services.journal
        ids = journal.create_many(
            [{"body": f"entry {i}", "at": NOW - timedelta(hours=i)} for i in range(PAGE_SIZE + 5)]
        )
        for entry_id in ids:
            journal.delete(entry_id)
        journal.create("one live entry", at=NOW - timedelta(days=30))

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_journal(pilot, ui)
        spy = Spy(app.services.journal.list)
        app.services.journal.list = spy
        await pilot.press("x")
        await ui.settle(pilot)
        entry_list = screen.query_one(EntryList)
        assert [(call["offset"], call["deleted"]) for call in spy.calls] == [(0, True)]
        assert entry_list.option_count == PAGE_SIZE
        assert entry_list.total == PAGE_SIZE + 5

        await pilot.press("end")
        await ui.settle(pilot)
        assert [(call["offset"], call["deleted"]) for call in spy.calls] == [(0, True), (PAGE_SIZE, True)]
        assert entry_list.option_count == entry_list.total == PAGE_SIZE + 5
        assert "one live entry" not in [entry.preview for entry in entry_list.entries.values()]
