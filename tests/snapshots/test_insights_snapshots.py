"""The Insights screen on generated data at a fixed date: each period view (year, week, month, as `v`
switches them) at 80×24, the first view at 100×32, and the year in pixels, a questionnaire's trend,
the strategy bars and group sessions (by month) scrolled into view."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from copingkit.core.services import Services
from copingkit.tui.widgets.year_pixels import YearPixels
from tests.support import insights_data
from tests.support.snapshots import AT, demo_app, still

VIEWS = {"year": 0, "week": 1, "month": 2}
"""The view, and how many presses of `v` reach it from the first (the data spans ten years: by year)."""


def seed(services: Services) -> None:
    insights_data.generated(services, AT)


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
