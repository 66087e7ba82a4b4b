"""Mood 1–5 in one keypress: the scale picker with the mood words."""

from __future__ import annotations

from textual.binding import Binding

from copingkit.core.services.readmodels import MOOD_WORDS
from copingkit.tui.widgets.scale_picker import ScalePicker


def mood_word(mood: int | float | None) -> str:
    if mood is None:
        return ""
    return MOOD_WORDS.get(round(mood), "")


def mood_keys(action: str, description: str, id_prefix: str) -> list[Binding]:
    """A screen's keys 1–5 for `action(mood)`: one footer item "1–5", the other four hidden."""
    return [
        Binding(
            str(mood),
            f"{action}({mood})",
            description if mood == 1 else f"{description} {mood}",
            show=mood == 1,
            key_display="1–5" if mood == 1 else None,
            id=f"{id_prefix}-{mood}",
        )
        for mood in MOOD_WORDS
    ]


class MoodPicker(ScalePicker):
    """Posts `MoodPicker.Chosen` when a mood is picked by key, arrow + enter, or click."""

    CHOICES = tuple((mood, f" {mood} {word} ") for mood, word in MOOD_WORDS.items())
    START = 3
    GAP = "  "

    class Chosen(ScalePicker.Chosen):
        @property
        def mood(self) -> int:
            return self.value
