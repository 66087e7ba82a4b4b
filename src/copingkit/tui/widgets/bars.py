"""Horizontal bars made of block characters, each with its label and its numbers written after it,
so the figure reads without colour and without the bar. An empty value is a row with no bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

_PARTIAL = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 16
LABEL_WIDTH = 18
"""A longer label gets a line of its own above its bar (never cut)."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    """On the scale 0 … `Bars.highest`; None draws no bar."""
    note: str
    """What the bar shows, in words and numbers ("3.5 · 4 check-ins")."""


def bar_text(value: float | None, highest: float, width: int = BAR_WIDTH) -> str:
    """The bar for `value` on 0 … highest, `width` cells at most, padded to `width`."""
    if value is None or highest <= 0:
        return " " * width
    eighths = round(max(0.0, min(value, highest)) / highest * width * 8)
    whole, part = divmod(eighths, 8)
    return ("█" * whole + (_PARTIAL[part] if part else "")).ljust(width)


class Bars(Widget):
    DEFAULT_CSS = """
    Bars { height: auto; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bars: list[Bar] = []
        self.highest = 1.0

    def show(self, bars: Sequence[Bar], *, highest: float) -> None:
        self.bars = list(bars)
        self.highest = highest
        self.refresh(layout=True)

    def lines(self) -> list[str]:
        """The bars as plain lines (label, bar, note)."""
        width = min(max((len(bar.label) for bar in self.bars), default=0), LABEL_WIDTH)
        lines: list[str] = []
        for bar in self.bars:
            label = bar.label
            if len(label) > width:
                lines.append(label)
                label = ""
            lines.append(f"{label.ljust(width)}  {bar_text(bar.value, self.highest)}  {bar.note}".rstrip())
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001 - Textual signature
        return len(self.lines())

    def render(self) -> Content:
        return Content("\n").join(Content(line) for line in self.lines())
