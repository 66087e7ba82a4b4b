"""A line over time drawn by textual-plotext, on a fixed scale, with optional level lines (a
questionnaire's band edges or threshold) labelled at the right so they read without colour."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

MAX_TICKS = 6
"""At most this many period labels along the bottom, so they never run into each other at 80 columns."""


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
        step = max(1, -(-len(xs) // MAX_TICKS))
        ticks = xs[::step]
        plt.xticks(ticks, [periods[index] for index in ticks])
        plt.ylim(lowest, highest)
        if highest - lowest <= 10:  # whole steps for a small scale (mood 1-5, confidence 0-10)
            plt.yticks(list(range(int(lowest), int(highest) + 1, 1 if highest - lowest <= 5 else 2)))
        plt.xlim(0, max(xs[-1], 1) if xs else 1)
        plt.frame(False)
        self.refresh()
