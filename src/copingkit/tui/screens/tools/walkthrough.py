"""A gentle walk through a bundled strategy's steps, one at a time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from copingkit.core import content
from copingkit.tui.widgets.footer import CopingkitFooter


def bundled_steps(slug: str) -> tuple[str, ...]:
    for strategy in content.load_strategies():
        if strategy.slug == slug:
            return strategy.steps
    raise KeyError(slug)


class WalkthroughScreen(Screen[None]):
    """Enter or → for the next step, ← to go back, escape to stop at any point."""

    CSS_PATH = "tools.tcss"
    SLUG: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    INTRO: ClassVar[str] = ""
    ENDING: ClassVar[str] = "That's the end. Take a moment before you go on."

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Stop", id="walkthrough-back"),
        Binding("enter,right", "step(1)", "Next", key_display="enter", id="walkthrough-next"),
        Binding("left", "step(-1)", "Previous", key_display="←", id="walkthrough-previous"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.steps = bundled_steps(self.SLUG)
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="walkthrough-body"):
            yield Static(self.TITLE_TEXT, classes="tools-title", markup=False)
            yield Static(self.INTRO, classes="tools-hint", markup=False)
            yield Static("", id="walkthrough-progress", classes="tools-hint")
            yield Static("", id="walkthrough-step")
            yield Static("", id="walkthrough-extra")
            yield Static("enter next · ← back · escape stop", id="walkthrough-keys", classes="tools-hint")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.show_step()

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    def show_step(self) -> None:
        progress = self.query_one("#walkthrough-progress", Static)
        step = self.query_one("#walkthrough-step", Static)
        if self.finished:
            progress.update("")
            step.update(Content.assemble((self.ENDING, "bold")))
        else:
            progress.update(f"Step {self.index + 1} of {len(self.steps)}")
            step.update(Content.assemble((self.steps[self.index], "bold")))
        self.query_one("#walkthrough-extra", Static).update(self.extra())
        self.refresh_bindings()

    def extra(self) -> Content | str:
        """Anything a tool shows under the step (a counter, a timer)."""
        return ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and parameters:
            return self.index > 0 if parameters[0] == -1 else not self.finished
        return True

    def action_step(self, delta: int) -> None:
        self.index = max(0, min(len(self.steps), self.index + delta))
        self.show_step()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
