"""The Insights screen on generated data at a fixed date: each period view (year, week, month, as `v`
switches them) at 80×24, the first view at 100×32, and the year in pixels, a questionnaire's trend,
the strategy bars and group sessions (by month) scrolled into view."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from benchmarks import generate
from copingkit.core.services import Services
from copingkit.tui.widgets.year_pixels import YearPixels
from tests.support.snapshots import AT, demo_app, still

VIEWS = {"year": 0, "week": 1, "month": 2}
"""The view, and how many presses of `v` reach it from the first (the data spans ten years: by year)."""


def seed(services: Services) -> None:
    generate.populate(services, entries=200, now=AT)
    for weeks, answers in (
        (12, [2, 2, 2, 2, 1, 2, 1, 2, 0]),
        (6, [1, 2, 1, 2, 1, 1, 1, 1, 0]),
        (1, [1, 1, 1, 0, 1, 0, 1, 0, 0]),
    ):
        services.assessments.record("phq9", answers, at=AT - timedelta(weeks=weeks))
    # A group every five weeks for two years, every fourth time with a second session two days later,
    # how connected it felt going from 4 up to 8 (every seventh not rated).
    for number in range(21):
        connectedness = None if number % 7 == 3 else 4 + number * 4 // 20
        at = AT - timedelta(weeks=5 * (20 - number), days=2, hours=15)
        for extra in range(2 if number % 4 == 0 else 1):
            services.groups.log("Tuesday circle", at=at + timedelta(days=2 * extra), connectedness=connectedness)


def _opened(presses: int, *, pixels: bool = False, show: str | None = None):  # type: ignore[no-untyped-def]
    async def open_it(pilot: Pilot) -> None:
        await still(pilot)
        pilot.app.go("insights")
        await still(pilot)
        for _ in range(presses):
            await pilot.press("v")
            await still(pilot)
        if pixels:
            pilot.app.screen.query_one(YearPixels).scroll_visible(animate=False, top=True)
            await still(pilot)
        if show is not None:
            pilot.app.screen.query_one(show).scroll_visible(animate=False, top=True)
            await still(pilot)

    return open_it


@pytest.mark.parametrize("view", VIEWS)
def test_insights_view(snap_compare, isolated_home: Path, view: str) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(VIEWS[view]))


def test_insights_at_100x32(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(100, 32), run_before=_opened(0))


def test_year_in_pixels(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(0, pixels=True))


def test_questionnaire_trend(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(0, show="#insights-assessment-phq9"))


def test_strategy_bars(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(0, show="#insights-strategies-title"))


def test_group_sessions(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_opened(VIEWS["month"], show="#insights-groups-title"))


def test_group_session_bars(snap_compare, isolated_home: Path) -> None:
    app = demo_app(seed, config_path=isolated_home / "config.toml")
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=_opened(VIEWS["month"], show="#insights-groups-bars-label")
    )
