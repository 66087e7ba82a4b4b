"""Get help: the person's own people first, then crisis lines, then the emergency number.

Reachable with one key from every screen, including before the journal is open: locked, it shows
only the bundled lines and nothing personal. The words come from `copingkit.core.help`, the same
model `help-now` and the printable plan render. Nothing here is sent anywhere.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from copingkit.core.help import help_sections
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.help_sections import help_view_of, section_widgets


class GetHelpScreen(Screen[None]):
    """People and lines to reach out to, right now."""

    CSS_PATH = "get_help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="get-help-back"),
        Binding("s", "safety_plan", "Safety plan", id="open-safety-plan"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="get-help-body"):
            yield Static("Get help", id="get-help-title", classes="title")
            for section in help_sections(help_view_of(self), "app"):
                yield from section_widgets(section)
        yield CopingkitFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "safety_plan":
            return app_context(self).has_safety_plan()
        return True

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)

    def action_safety_plan(self) -> None:
        """Open the plan on top of Get help, so esc comes back here."""
        if app_context(self).unlocked:
            app_context(self).push_destination("safety-plan")
