"""Distress 0–10 in one keypress: 0–9 on their own keys, t for ten. Rating is always optional."""

from __future__ import annotations

from textual.binding import Binding

from copingkit.tui.widgets.scale_picker import ScalePicker

TEN_KEY = "t"


def distress_key(value: int) -> str:
    """The key that picks `value` (0–10)."""
    return TEN_KEY if value == 10 else str(value)


class DistressScale(ScalePicker):
    """Posts `DistressScale.Chosen` for a number, `DistressScale.Skipped` when the person skips."""

    CHOICES = tuple((value, f" {value} ") for value in range(11))
    START = 5
    PICKED_STYLE = "reverse bold"
    SKIPPABLE = True

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", f"{n}", show=False) for n in range(10)),
        Binding(TEN_KEY, "pick(10)", "10", show=False),
    ]

    class Chosen(ScalePicker.Chosen):
        pass

    class Skipped(ScalePicker.Skipped):
        pass
