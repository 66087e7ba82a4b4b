"""A small box for a number in a range: what doesn't fit is refused as it is typed, with a word.

A value outside the range never gets into the box, so nothing is dropped later at save.
"""

from __future__ import annotations

import re

from textual.message import Message
from textual.widgets import Input

_NUMBER = re.compile(r"[0-9]*")
_DECIMAL = re.compile(r"[0-9]*(\.[0-9]?)?")


class NumberBox(Input):
    """A compact Input for a whole number (or one decimal place) from `low` to `high`."""

    class Refused(Message):
        """Something was typed that would make the number leave its range (or not a number)."""

        def __init__(self, box: NumberBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

        @property
        def control(self) -> NumberBox:
            return self.box

    def __init__(
        self,
        low: int,
        high: int,
        *,
        refusal: str,
        decimal: bool = False,
        placeholder: str = "–",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(placeholder=placeholder, compact=True, id=id, classes=classes)
        self.low = low
        self.high = high
        self.decimal = decimal
        self.refusal = refusal
        """What the box takes, in words, e.g. "Energy is a number from 1 to 5."."""

    def fits(self, value: str) -> bool:
        """Whether `value` is empty, or a number (perhaps still being typed) inside the range."""
        if not value:
            return True
        pattern = _DECIMAL if self.decimal else _NUMBER
        if pattern.fullmatch(value) is None or value.startswith("."):
            return False
        return self.low <= float(value.rstrip(".")) <= self.high

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        if self.fits(f"{value[:start]}{text}{value[end:]}"):
            super().replace(text, start, end)
        else:
            self.post_message(self.Refused(self, text))
