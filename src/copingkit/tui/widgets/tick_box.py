"""A tick box whose state shows in text as well as colour: "X" when ticked, blank when not.

Textual's Checkbox draws an X in both states and tells them apart by colour only, so under
NO_COLOR (or on a monochrome terminal) an unticked box looks ticked.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual reads the class attribute of this name
        return "X" if self.value else " "
