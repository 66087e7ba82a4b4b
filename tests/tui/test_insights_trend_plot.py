"""The Insights line chart (widgets.trend_plot): its period labels are laid out the same way in every
process, left to right inside the width, and its y labels are round whole numbers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from copingkit.tui.widgets.trend_plot import MAX_TICKS, label_row, y_ticks

WEEKS = [f"{2016 + index // 52}-W{index % 52 + 1:02d}" for index in range(226)]

DRAW = """
import asyncio
from textual.app import App
from copingkit.tui.widgets.trend_plot import TrendPlot

WEEKS = [f"{2016 + index // 52}-W{index % 52 + 1:02d}" for index in range(226)]


class One(App):
    def compose(self):
        yield TrendPlot(id="chart")

    def on_mount(self):
        values = [1 + (index * 7919 % 40) / 10 for index in range(len(WEEKS))]
        self.query_one(TrendPlot).show(WEEKS, values, lowest=1, highest=5)


async def main():
    app = One()
    async with app.run_test(size=(68, 10)) as pilot:
        await pilot.pause()
        chart = app.query_one(TrendPlot)
        print(chart.render().plain)


asyncio.run(main())
"""


def _drawn(hash_seed: str) -> str:
    """The chart drawn in a new Python process whose string hashes use `hash_seed`."""
    source = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", DRAW], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def test_the_chart_is_the_same_whatever_the_string_hash_seed() -> None:
    """plotext orders x labels through a set, so before the labels were laid out here seed 1 dropped
    or moved labels that seed 0 drew (the Insights week view's snapshot changed between runs)."""
    first = _drawn("0")
    assert first.splitlines()[-1].split() == ["2016-W01", "2016-W46", "2017-W39", "2018-W32", "2020-W18"]
    assert _drawn("1") == first


def test_labels_start_at_their_point_stay_inside_and_never_touch() -> None:
    """226 weeks at 68 columns: the first and the last week, and three evenly spaced between (the
    sixth would leave less than two blank columns); the last one ends at the right edge."""
    row = label_row(WEEKS, left=1, width=68)
    assert row == " 2016-W01     2016-W46     2017-W39      2018-W32           2020-W18"
    wider = label_row(WEEKS, left=1, width=98)
    assert len(wider) == 98
    assert len(wider.split()) == MAX_TICKS
    assert wider.startswith(" 2016-W01 ")
    assert wider.endswith(" 2020-W18")


def test_the_label_before_the_last_makes_way_for_it() -> None:
    assert label_row(["2026-W45", "2026-W46"], left=1, width=30) == " 2026-W45             2026-W46"
    years = [str(year) for year in range(2016, 2027)]
    assert label_row(years, left=1, width=40) == " 2016    2018   2020    2022        2026"
    days = ["2026-11-06", "2026-11-07", "2026-11-08"]
    assert label_row(days, left=2, width=40) == "  2026-11-06                  2026-11-08"
    assert label_row(days, left=2, width=60) == "  2026-11-06                   2026-11-07         2026-11-08"


def test_a_label_wider_than_the_row_is_cut_to_it_and_no_periods_is_a_blank_row() -> None:
    assert label_row(["2026-W45"], left=0, width=5) == "2026-"
    assert label_row([], left=1, width=4) == "    "


def test_y_ticks_are_round_steps_at_most_six() -> None:
    assert y_ticks(1, 5) == [1, 2, 3, 4, 5]
    assert y_ticks(0, 10) == [0, 2, 4, 6, 8, 10]
    assert y_ticks(0, 27) == [0, 5, 10, 15, 20, 25]
    assert y_ticks(0, 80) == [0, 20, 40, 60, 80]
    assert y_ticks(0, 1) == [0, 1]
