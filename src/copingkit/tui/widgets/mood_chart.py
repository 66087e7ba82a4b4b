"""Mood over recent days as small bars. A day without a check-in is simply an empty column."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from copingkit.core.services.readmodels import MOOD_WORDS

_PARTIAL = " ▁▂▃▄▅▆▇"
_ROW_LABELS = {5: "very good", 3: "okay", 1: "very low"}
_LABEL_WIDTH = 10
_COLUMN = 3


class MoodChart(Widget):
    """Bars 1–5 tall for each day (the day's average mood), oldest on the left, today on the right."""

    DEFAULT_CSS = """
    MoodChart { height: auto; width: auto; }
    """

    def __init__(self, days: int = 14, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.days = days
        self._today: date | None = None
        self._moods: dict[date, float] = {}

    def set_moods(self, moods: Iterable[tuple[date, float | None]], today: date) -> None:
        """Show these (day, average mood) pairs; None or a missing day is a gap."""
        self._today = today
        self._moods = {day: float(mood) for day, mood in moods if mood is not None}
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual signature
        return _LABEL_WIDTH + self.days * _COLUMN

    def _dates(self) -> list[date]:
        today = self._today or date.today()
        return [today - timedelta(days=back) for back in range(self.days - 1, -1, -1)]

    def render(self) -> Content:
        days = self._dates()
        lines: list[Content] = []
        for row in range(5, 0, -1):
            line = Content(_ROW_LABELS.get(row, "").rjust(_LABEL_WIDTH - 1) + " ")
            for day in days:
                line = line + Content.styled(self._cell(self._moods.get(day), row).ljust(_COLUMN), "$accent")
            lines.append(line)
        axis = " " * _LABEL_WIDTH + "".join(day.strftime("%a")[:2].ljust(_COLUMN) for day in days)
        lines.append(Content.styled(axis, "dim"))
        if self._moods:
            mean = sum(self._moods.values()) / len(self._moods)
            summary = f"Around {MOOD_WORDS[round(mean)]} on these days ({mean:.1f} of 5)"
        else:
            summary = "No check-ins in these days yet. Press 1–5 whenever you like."
        # Wrapped to the chart's own width, under the bars: the chart is as wide as its days.
        for part in textwrap.wrap(summary, self.days * _COLUMN):
            lines.append(Content.styled(" " * _LABEL_WIDTH + part, "dim"))
        return Content("\n").join(lines)

    @staticmethod
    def _cell(mood: float | None, row: int) -> str:
        if mood is None:
            return ""
        if mood >= row:
            return "██"
        fraction = mood - (row - 1)
        if fraction <= 0:
            return ""
        return _PARTIAL[max(1, min(7, round(fraction * 8)))] * 2
