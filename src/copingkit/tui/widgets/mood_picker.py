"""Mood 1–5 in one keypress: the scale picker with the mood words."""

from __future__ import annotations

from copingkit.core.services.readmodels import MOOD_WORDS
from copingkit.tui.widgets.scale_picker import ScalePicker


def mood_word(mood: int | float | None) -> str:
    if mood is None:
        return ""
    return MOOD_WORDS.get(round(mood), "")


class MoodPicker(ScalePicker):
    """Posts `MoodPicker.Chosen` when a mood is picked by key, arrow + enter, or click."""

    CHOICES = tuple((mood, f" {mood} {word} ") for mood, word in MOOD_WORDS.items())
    START = 3
    GAP = "  "

    class Chosen(ScalePicker.Chosen):
        @property
        def mood(self) -> int:
            return self.value
