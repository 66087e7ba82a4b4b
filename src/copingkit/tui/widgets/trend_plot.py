"""A line over time drawn by textual-plotext, on a fixed scale, with optional level lines (a
questionnaire's band edges or threshold) labelled at the right so they read without colour.

The period labels along the bottom are laid out here, not by plotext: plotext's `xticks` puts the
(tick, label) pairs through a `set` (`plotext._utility.brush`) and then places them in that order,
dropping a label that touches one already placed and nudging its neighbours. A set of tuples holding
strings has an order that changes with each process's string-hash seed (PYTHONHASHSEED), so the same
chart lost or moved labels from one run to the next. `label_row` places them left to right, the same
way every time. The y labels are given as explicit whole numbers, so the plot's left edge is known.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.color import Color as RichColor
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual_plotext import PlotextPlot

MAX_TICKS = 6
"""At most this many period labels along the bottom (fewer when they would not fit the width)."""
LABEL_GAP = 2
"""Blank columns kept between two period labels."""
MAX_Y_LABELS = 6
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def y_ticks(lowest: float, highest: float) -> list[int]:
    """Whole-number y ticks from `lowest` up to `highest`, the smallest round step giving at most
    MAX_Y_LABELS of them (mood 1-5 by 1, confidence 0-10 by 2, PHQ-9 0-27 by 5)."""
    low, high = math.ceil(lowest), math.floor(highest)
    for step in _STEPS:
        if (high - low) // step + 1 <= MAX_Y_LABELS:
            return list(range(low, high + 1, step))
    return [low, high]


def column(x: float, first: float, last: float, width: int) -> int:
    """The canvas column of `x` on `first` … `last` over `width` columns (plotext's own mapping)."""
    if width <= 1 or last == first:
        return 0
    return math.floor(round(0.5 + (width - 1) * (x - first) / (last - first), 8))


def label_row(periods: Sequence[str], *, left: int, width: int) -> str:
    """The row of period labels under a canvas that starts at column `left` and spans to `width`:
    the first and the last period and evenly spaced ones between, as many as fit (MAX_TICKS at most)
    with LABEL_GAP blank columns between two. Each label starts at its point, moved left only to
    stay inside the row (the last one, which the label before it makes way for if they touch)."""
    count = len(periods)
    if not count or width - left <= 0:
        return " " * max(width, 0)
    placed: list[tuple[int, str]] = []
    for ticks in range(min(MAX_TICKS, count), 0, -1):
        placed = _placed(periods, ticks, left=left, width=width)
        if placed:
            break
    row = [" "] * width
    for start, label in placed:
        row[start : start + len(label)] = label
    return "".join(row)


def _placed(periods: Sequence[str], ticks: int, *, left: int, width: int) -> list[tuple[int, str]]:
    """(start column, label) of `ticks` evenly spaced periods; empty if two would come too close
    (the last one first takes the place of the one before it)."""
    last = len(periods) - 1
    indices = sorted({(tick * last + (ticks - 1) // 2) // (ticks - 1) for tick in range(ticks)}) if ticks > 1 else [0]
    placed: list[tuple[int, str]] = []
    for index in indices:
        label = periods[index][:width]
        start = min(left + column(index, 0, max(last, 1), width - left), width - len(label))
        if index == indices[-1] and len(placed) > 1 and _touches(placed[-1], start):
            placed.pop()
        if placed and _touches(placed[-1], start):
            return []
        placed.append((start, label))
    return placed


def _touches(before: tuple[int, str], start: int) -> bool:
    return start < before[0] + len(before[1]) + LABEL_GAP


class TrendPlot(PlotextPlot):
    """`show(periods, values, lowest=…, highest=…, levels=[(value, words), …])`; the data stays readable
    in `points` and `levels`."""

    DEFAULT_CSS = """
    TrendPlot { height: 10; max-width: 72; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.points: list[tuple[str, float]] = []
        self.levels: list[tuple[float, str]] = []
        self._y_labels: list[str] = []

    def show(
        self,
        periods: Sequence[str],
        values: Sequence[float],
        *,
        lowest: float,
        highest: float,
        levels: Sequence[tuple[float, str]] = (),
    ) -> None:
        self.points = list(zip(periods, values, strict=True))
        self.levels = list(levels)
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        xs = list(range(len(values)))
        plt.plot(xs, list(values), marker="braille")
        if len(xs) == 1:
            plt.scatter(xs, list(values), marker="●")
        for value, words in self.levels:
            plt.hline(value)
            plt.text(words, x=max(xs[-1], 1) if xs else 1, y=value, alignment="right")
        plt.xticks([])  # the period labels are drawn by `render` (see the module docstring)
        ticks = y_ticks(lowest, highest)
        self._y_labels = [str(tick) for tick in ticks]
        plt.yticks(ticks, self._y_labels)
        plt.ylim(lowest, highest)
        plt.xlim(0, max(xs[-1], 1) if xs else 1)
        plt.frame(False)
        self.refresh()

    def x_labels(self, width: int | None = None) -> str:
        """The row of period labels as drawn at `width` (the widget's width by default)."""
        width = self.size.width if width is None else width
        left = max((len(label) for label in self._y_labels), default=0)
        return label_row([period for period, _ in self.points], left=left, width=width)

    def render(self) -> RenderResult:
        """plotext's canvas one row shorter than the widget, then the period labels under it."""
        width, height = self.size.width, max(self.size.height - 1, 1)
        self._plot.plotsize(width, height)
        self._plot._set_size(width, height)  # as PlotextPlot.render does (textual-plotext issue 5)
        self._plot.theme(self._get_plotext_theme_name(self.app.theme))
        canvas = Text.from_ansi(self._plot.build().rstrip("\n"))
        variables = self.app.theme_variables
        style = Style(
            color=RichColor.parse(variables.get("foreground", "default")),
            bgcolor=RichColor.parse(variables.get("surface", "default")),
        )
        return Text("\n").join([canvas, Text(self.x_labels(width), style=style)])
