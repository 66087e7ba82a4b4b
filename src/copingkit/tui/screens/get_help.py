"""Get help: the person's own people first, then crisis lines, then the emergency number.

Reachable with one key from every screen, including before the journal is open: locked, it shows
only the bundled lines and nothing personal. The words come from `copingkit.core.help`, the same
model `help-now` and the printable plan render. Nothing here is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from copingkit.core.clock import system_now
from copingkit.core.help import HelpItem, HelpSection, HelpView, build_help, choose_country, help_sections
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter

CLASSES = {
    "lead": "lead",
    "country": "muted",
    "emergency": "block",
    "stale": "notice",
    "plan": "muted",
    "nothing-sent": "muted",
    "reasons": "block",
}


def item_head(item: HelpItem) -> str:
    """The name in bold, then the hours or how to reach a person."""
    text = f"[b]{escape(item.name)}[/b]"
    if item.detail:
        text += f"  ({escape(item.detail)})" if item.ways else f" — {escape(item.detail)}"
    return text


def item_lines(item: HelpItem) -> list[str]:
    """The lines under the name: a person's note, then a line's ways to reach it, one way a line."""
    lines = [escape(item.note)] if item.note else []
    for way in item.ways:
        lines.append(
            f"{escape(way.label)}: [b]{escape(way.value)}[/b]" + (f" — {escape(way.note)}" if way.note else "")
        )
    return lines


def item_widgets(item: HelpItem) -> Iterable[Widget]:
    """A person or a line, each line under the name its own row, so a row that wraps keeps its indent."""
    yield Static(item_head(item), classes="help-item-name")
    for line in item_lines(item):
        yield Horizontal(
            Static("", classes="help-item-indent"),
            Static(line, classes="help-item-text"),
            classes="help-item-line",
        )


def section_widgets(section: HelpSection) -> Iterable[Widget]:
    if section.heading:
        yield Static(escape(section.heading), classes="heading")
    classes = CLASSES.get(section.id, "block")
    text = "\n".join(escape(line) for line in section.text)
    if not section.items:
        yield Static(text, id=f"get-help-{section.id}", classes=classes)
        return
    rows: list[Widget] = [widget for item in section.items for widget in item_widgets(item)]
    if text:
        rows.append(Static(text))
    yield Vertical(*rows, id=f"get-help-{section.id}", classes=f"{classes} help-items")


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
        app: Any = self.app
        setting = getattr(getattr(app, "config", None), "country", "") or ""
        hide = tuple(getattr(getattr(app, "config", None), "hidden_lines", ()) or ())
        today = app.clock().date() if callable(getattr(app, "clock", None)) else system_now().date()
        services = getattr(app, "services", None) if getattr(app, "unlocked", False) else None
        if services is None:
            return build_help(choose_country(setting), today=today, hide=hide)
        return build_help(
            choose_country(setting),
            today=today,
            contacts=services.safety.contacts(),
            plan=services.safety.plan(),
            private=True,
            hide=hide,
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
