"""Home: one key records a check-in; the latest entries and the recent mood are on show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copingkit.core.services import Services
from copingkit.tui.screens.editor import EditorScreen
from copingkit.tui.screens.home import HomeScreen
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.mood_chart import MoodChart
from tests.support.spy import Spy

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


async def test_key_4_on_home_stores_mood_4_and_says_so(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("4")
        await pilot.pause()
        assert [checkin.mood for checkin in services.checkins.list()] == [4]
        assert app.saves == 1
        note = str(app.screen.query_one("#home-checkin-note").content)
        assert "4 · good" in note
        assert "streak" not in ui.screen_text(app).lower()


async def test_each_mood_key_is_one_check_in(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("1", "5")
        await pilot.pause()
        assert sorted(checkin.mood for checkin in services.checkins.list()) == [1, 5]


async def test_home_shows_the_latest_five_entries_newest_first(demo, ui) -> None:
    def seed(services: Services) -> None:
        for day in range(7):
            services.journal.create(f"body {day}", title=f"Entry {day}", at=NOW - timedelta(days=day))

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        latest = app.screen.query_one("#home-latest", EntryList)
        titles = [latest.entries[int(option.id)].title for option in latest.options]
        assert titles == ["Entry 0", "Entry 1", "Entry 2", "Entry 3", "Entry 4"]


async def test_mood_chart_leaves_gaps_and_never_mentions_missing_days(demo, ui) -> None:
    def seed(services: Services) -> None:
        services.checkins.create(2, at=NOW - timedelta(days=3))
        services.checkins.create(4, at=NOW)

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        chart = app.screen.query_one(MoodChart)
        text = str(chart.render())
        assert "Around okay on these days (3.0 of 5)" in text
        assert "of the last" not in text
        assert "missed" not in text.lower() and "streak" not in text.lower()
        assert sorted(chart._moods.values()) == [2.0, 4.0]


async def test_demo_says_nothing_is_saved(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert "Demo — nothing is saved" in str(app.screen.query_one("#home-privacy").content)


async def test_a_real_journal_says_where_it_is_and_that_it_is_encrypted(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = str(app.screen.query_one("#home-privacy").content)
        assert str(existing_vault) in text and "encrypted" in text


async def test_enter_on_a_latest_entry_opens_it_and_escape_comes_back(demo, ui) -> None:
    app, services = demo(lambda services: services.journal.create("the words", title="Tuesday"))
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.screen.query_one("#home-latest").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.query_one("#editor-body").text == "the words"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_n_writes_and_the_new_entry_shows_on_home(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"a short note", "escape")
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        latest = app.screen.query_one("#home-latest", EntryList)
        assert [entry.preview for entry in latest.entries.values()] == ["a short note"]


async def test_home_reads_its_figures_once_as_the_journal_opens_and_again_on_coming_back(
    demo, ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual resumes a mode's first screen twice as it is shown; neither resume reads again."""
    reads = Spy(HomeScreen.refresh_data)
    monkeypatch.setattr(HomeScreen, "refresh_data", lambda screen: reads(screen))
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(reads.calls) == 1
        await pilot.press("n")
        await ui.settle(pilot)
        await pilot.press("escape")
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(reads.calls) == 2


async def test_o_opens_coping(demo, ui) -> None:
    from copingkit.tui.screens.coping import CopingScreen

    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("o")
        await ui.settle(pilot)
        assert isinstance(app.screen, CopingScreen)
