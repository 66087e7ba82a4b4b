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

from copingkit.core.help import HelpView, build_help, choose_country, help_sections
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.help_sections import section_widgets


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
            for section in help_sections(self.help_view(), "app"):
                yield from section_widgets(section)
        yield CopingkitFooter()

    def help_view(self) -> HelpView:
        """The bundled lines always; the person's own people and plan only while unlocked."""
        app = app_context(self)
        setting = app.config.country or ""
        hide = tuple(app.config.hidden_lines)
        fixes = app.config.corrected_lines
        today = app.clock().date()
        services = app.services if app.unlocked else None
        if services is None:
            return build_help(choose_country(setting), today=today, hide=hide, corrections=fixes)
        return build_help(
            choose_country(setting),
            today=today,
            contacts=services.safety.contacts(),
            plan=services.safety.plan(),
            private=True,
            hide=hide,
            corrections=fixes,
        )

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
