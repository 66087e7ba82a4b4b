"""Home: one key records a check-in; the latest entries and the recent mood are on show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.app import App
from textual.screen import Screen

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.screens.home import HomeScreen
from copingkit.tui.widgets.mood_chart import MoodChart

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


def harness(make_screen: Callable[[], Screen] = HomeScreen) -> ScreenHarness:
    database = Database.new()
    return ScreenHarness(make_screen, Services(database, clock=FixedClock(NOW)), Vault.in_memory(database))


async def test_key_4_on_home_stores_mood_4_and_says_so() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        checkins = app.services.checkins.list()
        assert [checkin.mood for checkin in checkins] == [4]
        assert app.saves == 1
        note = str(app.screen.query_one("#home-checkin-note").content)
        assert "4 · good" in note
        assert "streak" not in note.lower()


async def test_each_mood_key_is_one_check_in() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        for key in "15":
            await pilot.press(key)
        await pilot.pause()
        assert sorted(checkin.mood for checkin in app.services.checkins.list()) == [1, 5]


async def test_home_shows_the_latest_five_entries_newest_first() -> None:
    app = harness()
    for day in range(7):
        app.services.journal.create(f"body {day}", title=f"Entry {day}", at=NOW - timedelta(days=day))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        latest = app.screen.query_one("#home-latest")
        titles = [latest.entries[int(option.id)].title for option in latest.options]
        assert titles == ["Entry 0", "Entry 1", "Entry 2", "Entry 3", "Entry 4"]


async def test_mood_chart_leaves_gaps_and_never_mentions_missing_days() -> None:
    app = harness()
    app.services.checkins.create(2, at=NOW - timedelta(days=3))
    app.services.checkins.create(4, at=NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(MoodChart)
        text = str(chart.render())
        assert "2 of the last 14 days have a check-in" in text
        assert "missed" not in text.lower() and "streak" not in text.lower()
        assert len(chart._moods) == 2


async def test_demo_says_nothing_is_saved() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Demo — nothing is saved" in str(app.screen.query_one("#home-privacy").content)


async def test_enter_on_a_latest_entry_opens_it_in_the_editor() -> None:
    from copingkit.tui.screens.editor import EditorScreen

    app = harness()
    entry = app.services.journal.create("the words", title="Tuesday")
    async with app.run_test(size=(100, 32)) as pilot:
        app.screen.query_one("#home-latest").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.entry_id == entry.id
        assert app.screen.query_one("#editor-body").text == "the words"
