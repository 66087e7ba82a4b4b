"""The last twelve months as a grid of days: one column per week, Monday at the top, each day a digit.

A day's cell is its average mood rounded (1 very low … 5 very good), so the grid reads without
colour (NO_COLOR); with colour the digit also takes a shade. `·` is a day without a check-in, and a
blank is a day outside the twelve months. 4 columns of weekday labels + 53 weeks: 57 columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

WEEKS = 53
LABEL_WIDTH = 4
_ROW_LABELS = {0: "Mon", 2: "Wed", 4: "Fri", 6: "Sun"}
_STYLES = {1: "$error", 2: "$warning", 3: "$foreground", 4: "$success 70%", 5: "$success"}
EMPTY = "·"


def first_day(today: date) -> date:
    """The Monday of the first week shown: 52 weeks before this week's Monday."""
    return today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)


def cell(mood: float | None) -> str:
    """The glyph for a day's average mood (None: no check-in that day)."""
    if mood is None:
        return EMPTY
    return str(max(1, min(5, int(mood + 0.5))))


class YearPixels(Widget):
    """Twelve months of days, coloured and numbered by the day's average mood."""

    DEFAULT_CSS = """
    YearPixels { height: auto; width: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._today: date | None = None
        self._moods: dict[date, float] = {}

    def set_days(self, days: Iterable[tuple[date, float | None]], today: date) -> None:
        """Show these (day, average mood) pairs up to `today`; a missing day is `·`."""
        self._today = today
        self._moods = {day: float(mood) for day, mood in days if mood is not None}
        self.refresh(layout=True)

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001 - Textual signature
        return LABEL_WIDTH + WEEKS

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001 - Textual signature
        return 9

    def grid(self) -> list[str]:
        """The grid as plain lines: the month row, seven weekday rows, the key."""
        today = self._today or date.today()
        start = first_day(today)
        months = [" "] * WEEKS
        for week in range(WEEKS):
            monday = start + timedelta(weeks=week)
            if monday.day <= 7 and week + 3 <= WEEKS:
                months[week : week + 3] = list(monday.strftime("%b"))
        lines = [" " * LABEL_WIDTH + "".join(months).rstrip()]
        for weekday in range(7):
            row = []
            for week in range(WEEKS):
                day = start + timedelta(weeks=week, days=weekday)
                row.append(" " if day > today or day <= today - timedelta(days=366) else cell(self._moods.get(day)))
            lines.append(_ROW_LABELS.get(weekday, "").ljust(LABEL_WIDTH) + "".join(row).rstrip())
        lines.append(" " * LABEL_WIDTH + f"1 very low … 5 very good, {EMPTY} no check-in")
        return lines

    def render(self) -> Content:
        lines = self.grid()
        out: list[Content] = [Content.styled(lines[0], "dim")]
        for line in lines[1:8]:
            parts = [Content.styled(line[:LABEL_WIDTH], "dim")]
            for glyph in line[LABEL_WIDTH:]:
                style = _STYLES.get(int(glyph)) if glyph.isdigit() else "dim"
                parts.append(Content.styled(glyph, style or ""))
            out.append(Content("").join(parts))
        out.append(Content.styled(lines[8], "dim"))
        return Content("\n").join(out)
