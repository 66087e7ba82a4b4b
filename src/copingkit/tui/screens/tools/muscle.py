"""Progressive muscle relaxation: tense and let go, one part of the body at a time.

space starts a gentle timer for the current step: tense for 5 seconds, then let go for 10.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.timer import Timer

from copingkit.tui.screens.tools.walkthrough import WalkthroughScreen

TENSE_SECONDS = 5
RELEASE_SECONDS = 10


class MuscleRelaxationScreen(WalkthroughScreen):
    SLUG = "muscle-relaxation"
    TITLE_TEXT = "Tense and let go"
    INTRO = "Tense gently, never to the point of pain. Skip any part that hurts."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "timer", "Time it", id="muscle-timer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.seconds_left = 0
        self.phase = ""
        self._timer: Timer | None = None

    def extra(self) -> Content | str:
        if not self.phase:
            return "Press space for a timer: tense 5 seconds, let go 10."
        words = "Tense" if self.phase == "tense" else "Let go"
        return Content.assemble((words, "bold"), f"  {self.seconds_left}")

    def action_timer(self) -> None:
        self._stop()
        self.phase, self.seconds_left = "tense", TENSE_SECONDS
        self._timer = self.set_interval(1.0, self._tick, name="muscle-timer")
        self.show_step()

    def _tick(self) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            if self.phase == "tense":
                self.phase, self.seconds_left = "release", RELEASE_SECONDS
            else:
                self._stop()
                self.phase = ""
        self.query_one("#walkthrough-extra").update(self.extra())

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_step(self, delta: int) -> None:
        self._stop()
        self.phase = ""
        super().action_step(delta)
