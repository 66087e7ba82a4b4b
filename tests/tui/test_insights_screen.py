"""Insights screen (i from anywhere): the figures computed in a worker on hand-made data, each with its
sentence beside it, the charts over time, fitting 80 columns; esc goes back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Sparkline

from copingkit.core.clock import FixedClock
from copingkit.tui.screens.insights import InsightsScreen
from tests.support import insights_data
from tests.support.insights_data import ZONE

SIZE = (80, 24)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))


@pytest.fixture(autouse=True)
def local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ZONE)


async def test_figures_and_sentences_on_hand_made_data(demo, ui) -> None:
    app, _ = demo(insights_data.fill)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.figures is not None
        assert screen.figures.as_json() == insights_data.EXPECTED
        text = ui.screen_text(app)
        assert "Your mood was highest on Wednesdays (average 5.0)" in text
        assert "these are patterns, not causes." in text
        assert "Box breathing  4     -2.0    0.67" in text
        assert "Your latest scores: PHQ-9 12 (moderate) on 2026-11-06." in text
        chart = screen.query_one("#insights-mood_over_time-chart", Sparkline)
        assert list(chart.data or []) == [3.5, 1.0]
        assert screen.query_one("#insights-waiting").display is False
        await pilot.press("escape")
        await ui.settle(pilot)
        assert not isinstance(app.screen, InsightsScreen)


async def test_an_empty_journal_says_so(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        text = ui.screen_text(app)
        assert "No check-ins yet, so there is no pattern by weekday." in text
        assert "No strategy uses recorded in this range." in text
