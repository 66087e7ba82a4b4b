"""Distress 0–10 in one keypress: 0–9 on their own keys, t for ten. Rating is always optional."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

TEN_KEY = "t"


def distress_key(value: int) -> str:
    """The key that picks `value` (0–10)."""
    return TEN_KEY if value == 10 else str(value)


class DistressScale(Widget, can_focus=True):
    """Posts `DistressScale.Chosen` for a number, `DistressScale.Skipped` when the person skips."""

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", f"{n}", show=False) for n in range(10)),
        Binding(TEN_KEY, "pick(10)", "10", show=False),
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("enter,space", "choose_selected", "Choose", show=False),
    ]

    selected: reactive[int | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, scale: DistressScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> DistressScale:
            return self.scale

    class Skipped(Message):
        def __init__(self, scale: DistressScale) -> None:
            super().__init__()
            self.scale = scale

        @property
        def control(self) -> DistressScale:
            return self.scale

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, int]] = []

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        offset = 0
        for value in range(11):
            label = f" {value} "
            if parts:
                parts.append(Content(" "))
                offset += 1
            parts.append(Content.styled(label, "reverse bold") if value == self.selected else Content(label))
            self._spans.append((offset, offset + len(label), value))
            offset += len(label)
        return Content("").join(parts)

    def reset(self, value: int | None = None) -> None:
        self.selected = value

    def choose(self, value: int) -> None:
        if 0 <= value <= 10:
            self.selected = value
            self.post_message(self.Chosen(self, value))

    def skip(self) -> None:
        self.post_message(self.Skipped(self))

    def action_pick(self, value: int) -> None:
        self.choose(value)

    def action_move(self, step: int) -> None:
        start = 5 if self.selected is None else self.selected + step
        self.selected = max(0, min(10, start))

    def action_choose_selected(self) -> None:
        if self.selected is None:
            self.skip()
        else:
            self.choose(self.selected)

    def _on_click(self, event: events.Click) -> None:
        for start, end, value in self._spans:
            if start <= event.x < end:
                self.choose(value)
                return
