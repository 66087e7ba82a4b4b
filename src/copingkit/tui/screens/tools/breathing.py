"""Paced breathing with an animated pacer, or a static guide when animation is off."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from copingkit.tui.widgets.breathing_pacer import PACE_STEPS, PATTERNS, BreathingPacer
from copingkit.tui.widgets.footer import CopingkitFooter


class BreathingScreen(Screen[None]):
    """b switches the rhythm; + and - make each count slower or faster; space pauses."""

    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="breathing-back"),
        Binding("b", "next_pattern", "Other rhythm", id="breathing-next-pattern"),
        Binding("plus,equals_sign", "pace(1)", "Slower", key_display="+", id="breathing-slower"),
        Binding("minus", "pace(-1)", "Faster", key_display="-", id="breathing-faster"),
        Binding("space", "pause", "Pause", id="breathing-pause"),
        Binding("s", "still", "Still/moving", id="breathing-still"),
    ]

    def __init__(self, pattern_id: str = "longer-out") -> None:
        super().__init__()
        self.pattern_id = pattern_id
        self.pace = 1.0

    def compose(self) -> ComposeResult:
        with Vertical(id="breathing-body"):
            yield Static("Breathe with me", classes="tools-title")
            yield BreathingPacer(self.pattern_id, pace=self.pace, id="breathing-pacer")
            yield Static("", id="breathing-pace", classes="tools-hint")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._show_pace()

    @property
    def pacer(self) -> BreathingPacer:
        return self.query_one(BreathingPacer)

    def _show_pace(self) -> None:
        words = "one second" if self.pace == 1.0 else f"{self.pace:g} seconds"
        self.query_one("#breathing-pace", Static).update(
            f"Each count is about {words}. + slower · - faster · b other rhythm · escape to stop."
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return self.pacer.animated
        if action == "still":
            return self.app.animation_level != "none"
        return True

    def action_still(self) -> None:
        self.pacer.still = not self.pacer.still
        self.refresh_bindings()

    def action_next_pattern(self) -> None:
        ids = [item.id for item in PATTERNS]
        self.pattern_id = ids[(ids.index(self.pattern_id) + 1) % len(ids)]
        self.pacer.set_pattern(self.pattern_id)

    def action_pace(self, step: int) -> None:
        index = PACE_STEPS.index(self.pace) if self.pace in PACE_STEPS else PACE_STEPS.index(1.0)
        self.pace = PACE_STEPS[max(0, min(len(PACE_STEPS) - 1, index + step))]
        self.pacer.set_pace(self.pace)
        self._show_pace()

    def action_pause(self) -> None:
        self.pacer.running = not self.pacer.running

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
