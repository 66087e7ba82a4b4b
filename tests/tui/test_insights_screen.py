"""Insights screen (i from anywhere): the figures computed in a worker on hand-made data, each with its
sentence beside it, the charts over time, fitting 80 columns; esc goes back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets._footer import FooterKey

from benchmarks import generate
from copingkit.core.clock import FixedClock
from copingkit.core.services.insights import TITLES
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


def _group_sessions(services) -> None:  # noqa: ANN001 - a seed callback
    """Five sessions over three ISO weeks (Tuesdays and Thursdays, 18:00 UTC is the same day in New
    York): week 44 rated 4 and 7, week 45 not rated, week 46 one rated 9 and one not."""
    groups = services.groups
    groups.log("Tuesday circle", at=datetime(2026, 10, 27, 18, tzinfo=UTC), connectedness=4)
    groups.log("Tuesday circle", at=datetime(2026, 10, 29, 18, tzinfo=UTC), connectedness=7)
    groups.log("Peer support", at=datetime(2026, 11, 3, 18, tzinfo=UTC))
    groups.log("Tuesday circle", at=datetime(2026, 11, 10, 18, tzinfo=UTC), connectedness=9)
    groups.log("Peer support", at=datetime(2026, 11, 12, 18, tzinfo=UTC))


async def test_group_sessions_and_connectedness_over_time_equal_the_service(demo, ui) -> None:
    app, services = demo(_group_sessions)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.figures is not None
        expected = [
            {"period": "2026-W44", "sessions": 2, "average_connectedness": 5.5},
            {"period": "2026-W45", "sessions": 1, "average_connectedness": None},
            {"period": "2026-W46", "sessions": 2, "average_connectedness": 9.0},
        ]
        assert services.insights.compute().groups == expected
        assert screen.figures.groups == expected
        chart = screen.query_one("#insights-groups-chart", TrendPlot)
        assert chart.display is True
        assert chart.points == [("2026-W44", 5.5), ("2026-W46", 9.0)]
        assert chart.levels == []
        labels = chart.x_labels()
        assert labels.split() == ["2026-W44", "2026-W46"]
        assert len(labels) == chart.size.width
        assert screen.query_one("#insights-groups-bars", Bars).lines() == [
            "2026-W44  ████████████████  2 sessions, connectedness 5.5",
            "2026-W45  ████████          1 session, connectedness not rated",
            "2026-W46  ████████████████  2 sessions, connectedness 9.0",
        ]
        text = ui.screen_text(app)
        assert "You went to 5 group sessions; connectedness averaged 9.0 in 2026-W46." in text
        assert "How connected you felt (0-10), averaged by week" in text
        assert "Sessions each week you went" in text
        assert str(screen.query_one("#insights-groups-table").render()) == ""


async def test_no_group_sessions_hide_the_chart_and_say_so(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        screen = app.screen
        assert screen.query_one("#insights-groups-chart", TrendPlot).display is False
        assert screen.query_one("#insights-groups-chart-label").display is False
        assert screen.query_one("#insights-groups-bars", Bars).lines() == []
        assert "No group sessions recorded in this range." in ui.screen_text(app)


def _everything(services) -> None:  # noqa: ANN001 - a seed callback
    insights_data.generated(services, GENERATED_NOW)


@pytest.mark.parametrize("size", [(80, 24), (100, 32)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_nothing_is_cut_off_in_any_view(demo, ui, size) -> None:
    """Every chart, bar and the grid fits inside the scrolling area in each period view; every line
    of a chart (its period labels too) and of the bars is no wider than the widget drawing it."""
    app, _ = demo(_everything)
    async with app.run_test(size=size) as pilot:
        await ui.settle(pilot)
        await pilot.press("i")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        inside = screen.query_one("#insights-figures").content_region
        for view in ("year", "week", "month"):
            assert screen.figures is not None
            assert screen.figures.period == view
            charts = [chart for chart in screen.query(TrendPlot) if chart.display]
            assert len(charts) == 4, "mood, coping confidence, PHQ-9 and connectedness"
            for chart in charts:
                assert chart.region.right <= inside.right, chart.id
                lines = chart.render().plain.splitlines()
                assert len(lines) == chart.size.height
                assert max(len(line) for line in lines) <= chart.size.width, chart.id
                labels = chart.x_labels().split()
                assert labels[0] == chart.points[0][0], chart.id
                assert labels[-1] == chart.points[-1][0], chart.id
            for bars in screen.query(Bars):
                assert bars.lines(), bars.id
                assert bars.region.right <= inside.right, bars.id
                assert max(len(line) for line in bars.lines()) <= bars.content_region.width, bars.id
            pixels = screen.query_one(YearPixels)
            assert pixels.region.right <= inside.right
            for name in TITLES:
                assert str(screen.query_one(f"#insights-{name}-sentence").render()), name
            for name in ("mood_by_weekday", "mood_by_tag"):
                sentence = str(screen.query_one(f"#insights-{name}-sentence").render())
                assert sentence.endswith("; these are patterns, not causes."), name
            await pilot.press("v")
            await ui.settle(pilot)
