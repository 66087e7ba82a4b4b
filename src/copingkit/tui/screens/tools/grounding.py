"""5-4-3-2-1 grounding: one sense at a time, with space to tick off each thing noticed."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from copingkit.tui.screens.tools.walkthrough import WalkthroughScreen

_COUNT = re.compile(r"\b([1-5])\b")


class GroundingScreen(WalkthroughScreen):
    SLUG = "five-four-three-two-one"
    TITLE_TEXT = "5-4-3-2-1 grounding"
    INTRO = "Go slowly. Say each thing out loud or in your head. Press space for each one you find."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "found", "Found one", id="grounding-found"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found = 0

    def wanted(self) -> int:
        if self.finished:
            return 0
        match = _COUNT.search(self.steps[self.index])
        return int(match.group(1)) if match else 0

    def extra(self) -> Content | str:
        wanted = self.wanted()
        if not wanted:
            return ""
        found = min(self.found, wanted)
        return Content.assemble(("● " * found, "bold"), ("○ " * (wanted - found), "dim"))

    def action_found(self) -> None:
        wanted = self.wanted()
        if not wanted:
            self.action_step(1)
            return
        self.found += 1
        if self.found >= wanted:
            self.action_step(1)
        else:
            self.show_step()

    def action_step(self, delta: int) -> None:
        self.found = 0
        super().action_step(delta)
