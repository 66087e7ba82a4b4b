"""The app's date fields follow copingkit.core.dates, as the CLI does: local days of that date, no future moments.

Each test names its zone (America/New_York): the snapshot suite's TZ=UTC would hide a wrong offset.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from copingkit.core.services import Services
from copingkit.tui.screens.journal import JournalScreen
from copingkit.tui.widgets.entry_list import EntryList
from copingkit.tui.widgets.when_input import WhenInput

SIZE = (100, 32)


@pytest.fixture(autouse=True)
def new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")


async def test_journal_filter_days_are_local_days_and_may_lie_ahead(demo, ui) -> None:
    def seed(services: Services) -> None:
        # 23:30 on 30 June in New York: already 1 July in UTC.
        services.journal.create("late in June", at=datetime(2026, 7, 1, 3, 30, tzinfo=UTC))

    app, _ = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("j")
        await ui.settle(pilot)
        assert isinstance(app.screen, JournalScreen)
        first, last = app.screen.query_one("#filter-from", WhenInput), app.screen.query_one("#filter-to", WhenInput)
        first.value, last.value = "2026-06-30", "2026-06-30"
        await ui.settle(pilot)
        assert [entry.preview for entry in app.screen.query_one(EntryList).entries.values()] == ["late in June"]
        first.value, last.value = "2026-07-01", "2031-01-01"
        await ui.settle(pilot)
        assert last.is_valid
        assert list(app.screen.query_one(EntryList).entries.values()) == []


async def test_a_when_field_reads_local_time_of_that_date_and_refuses_the_future(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        field = WhenInput(id="probe")
        await app.screen.mount(field)
        field.value = "2026-07-01 09:00"
        assert field.when() == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
        field.value = "2026-11-20 04:36"  # the test clock is 04:30 in New York: six minutes ahead
        await pilot.pause()
        assert not field.is_valid
        with pytest.raises(ValueError, match="is in the future"):
            field.when()
