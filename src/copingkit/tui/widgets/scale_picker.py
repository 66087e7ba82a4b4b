"""A number on a short scale in one keypress: one calm row of choices, no faces, no colours that judge.

`MoodPicker` (mood 1–5 with its words) and `DistressScale` (distress 0–10) are this one widget with
their own choices, keys and look.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScalePicker(Widget, can_focus=True):
    """Posts `Chosen` when a value is picked by key, arrow + enter, or click; `Skipped` when enter is
    pressed with nothing picked, if the scale can be skipped."""

    CHOICES: ClassVar[tuple[tuple[int, str], ...]] = ()
    """(value, label) in order, low to high."""
    START: ClassVar[int] = 0
    """Where the arrows start when nothing is picked yet."""
    GAP: ClassVar[str] = " "
    PICKED_STYLE: ClassVar[str] = "reverse"
    SKIPPABLE: ClassVar[bool] = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("enter,space", "choose_selected", "Choose", show=False),
    ]

    selected: reactive[int | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, picker: ScalePicker, value: int) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ScalePicker:
            return self.picker

    class Skipped(Message):
        def __init__(self, picker: ScalePicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> ScalePicker:
            return self.picker

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, int]] = []

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _ in self.CHOICES)

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        offset = 0
        for value, label in self.CHOICES:
            if parts:
                parts.append(Content(self.GAP))
                offset += len(self.GAP)
            parts.append(Content.styled(label, self.PICKED_STYLE) if value == self.selected else Content(label))
            self._spans.append((offset, offset + len(label), value))
            offset += len(label)
        return Content("").join(parts)

    def reset(self, value: int | None = None) -> None:
        self.selected = value

    def choose(self, value: int) -> None:
        """Pick `value` as if its key were pressed (a value not on the scale is ignored)."""
        if value in self.values:
            self.selected = value
            self.post_message(self.Chosen(self, value))

    def skip(self) -> None:
        self.post_message(self.Skipped(self))

    def action_pick(self, value: int) -> None:
        self.choose(value)

    def action_move(self, step: int) -> None:
        values = self.values
        target = self.START if self.selected is None else self.selected + step
        self.selected = max(values[0], min(values[-1], target))

    def action_choose_selected(self) -> None:
        if self.selected is not None:
            self.choose(self.selected)
        elif self.SKIPPABLE:
            self.skip()

    def _on_click(self, event: events.Click) -> None:
        for start, end, value in self._spans:
            if start <= event.x < end:
                self.choose(value)
                return


__all__ = ["ScalePicker"]
