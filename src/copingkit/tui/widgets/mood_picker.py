"""Mood 1–5 in one keypress: a single calm row of words, no faces, no colours that judge."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from copingkit.core.services.readmodels import MOOD_WORDS


def mood_word(mood: int | float | None) -> str:
    if mood is None:
        return ""
    return MOOD_WORDS.get(round(mood), "")


class MoodPicker(Widget, can_focus=True):
    """Posts `MoodPicker.Chosen` when a mood is picked by key, arrow + enter, or click."""

    BINDINGS = [
        Binding("left", "move(-1)", "Lower", show=False),
        Binding("right", "move(1)", "Higher", show=False),
        Binding("enter,space", "choose_selected", "Choose", show=False),
    ]

    selected: reactive[int | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, picker: MoodPicker, mood: int) -> None:
            super().__init__()
            self.picker = picker
            self.mood = mood

        @property
        def control(self) -> MoodPicker:
            return self.picker

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, int]] = []

    def render(self) -> Content:
        parts: list[Content] = []
        self._spans = []
        offset = 0
        for mood, word in MOOD_WORDS.items():
            label = f" {mood} {word} "
            style = "reverse" if mood == self.selected else ""
            if parts:
                parts.append(Content("  "))
                offset += 2
            parts.append(Content.styled(label, style) if style else Content(label))
            self._spans.append((offset, offset + len(label), mood))
            offset += len(label)
        return Content("").join(parts)

    def choose(self, mood: int) -> None:
        """Pick `mood` (1–5) as if its key were pressed."""
        if mood in MOOD_WORDS:
            self.selected = mood
            self.post_message(self.Chosen(self, mood))

    def action_move(self, step: int) -> None:
        start = self.selected or 3
        self.selected = max(1, min(5, start + step if self.selected else start))

    def action_choose_selected(self) -> None:
        if self.selected is not None:
            self.choose(self.selected)

    def _on_click(self, event: events.Click) -> None:
        for start, end, mood in self._spans:
            if start <= event.x < end:
                self.choose(mood)
                return
