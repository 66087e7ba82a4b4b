"""Insights screen (i from anywhere): the figures computed in a worker on hand-made data, each with its
sentence beside it, the charts over time, fitting 80 columns; esc goes back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets._footer import FooterKey

from benchmarks import generate
from copingkit.core.clock import FixedClock
from copingkit.tui.screens.insights import InsightsScreen
from copingkit.tui.widgets import year_pixels
from copingkit.tui.widgets.bars import Bars
from copingkit.tui.widgets.trend_plot import TrendPlot
from copingkit.tui.widgets.year_pixels import YearPixels
from tests.support import insights_data
from tests.support.insights_data import ZONE

SIZE = (80, 24)
GENERATED_NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


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
        strategies = screen.query_one("#insights-strategies-bars", Bars).lines()
        assert strategies == [
            "Box breathing  ██████████▊       67% lowered, 4 uses, -2.0",
            "Walk outside                     0% lowered, 1 use, +1.0",
        ]
        weekdays = screen.query_one("#insights-mood_by_weekday-bars", Bars).lines()
        assert weekdays[2] == "Wednesday  ████████████████  5.0 · 1 check-in"
        assert weekdays[5] == "Saturday                     no check-ins"
        assert "Your latest scores: PHQ-9 12 (moderate) on 2026-11-06." in text
        chart = screen.query_one("#insights-mood_over_time-chart", TrendPlot)
        assert chart.points == [("2026-W45", 3.5), ("2026-W46", 1.0)]
        phq9 = screen.query_one("#insights-assessment-phq9", TrendPlot)
        assert phq9.points == [("2026-11-06", 12)]
        assert phq9.levels == [(5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe")]
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


def _generated(services) -> None:  # noqa: ANN001 - a seed callback
    generate.populate(services, entries=200, now=GENERATED_NOW)


async def test_generated_data_on_screen_equals_the_service_and_v_switches_the_period(demo, ui) -> None:
    app, services = demo(_generated)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.figures == services.insights.compute()
        assert screen.figures.period == "year"
        assert "Over time: by year (v for week, month or year)" in ui.screen_text(app)
        assert [key.key_display for key in screen.query(FooterKey) if key.action == "next_period"] == ["v"]
        pixels = screen.query_one(YearPixels)
        days = {date.fromisoformat(item["date"]): item["average"] for item in screen.figures.year_in_pixels}
        today = date(2026, 12, 1)
        grid = pixels.grid()
        start = year_pixels.first_day(today)
        shown = {
            start + timedelta(weeks=week, days=weekday): glyph
            for weekday, line in enumerate(grid[1:8])
            for week, glyph in enumerate(line[year_pixels.LABEL_WIDTH :])
        }
        recent = {day: mood for day, mood in days.items() if day > today - timedelta(days=366)}
        assert recent, "the generated data has check-ins in the last twelve months"
        assert {day: glyph for day, glyph in shown.items() if glyph.isdigit()} == {
            day: year_pixels.cell(mood) for day, mood in recent.items()
        }
        for expected in ("week", "month", "year"):
            await pilot.press("v")
            await ui.settle(pilot)
            assert screen.figures == services.insights.compute(period=expected)
            assert f"Over time: by {expected} (v for" in ui.screen_text(app)
