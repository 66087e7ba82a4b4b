"""Get help's blocks as widgets: people and lines, each way to reach one its own indented row.

The Get help screen and the assessments' item-9 screen build the same `copingkit.core.help` view
(`help_view_of`) and render its sections with these, so the words and their layout live in one
place. Screens using them style the classes below (see get_help.tcss).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.markup import escape
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from copingkit.core.help import HelpItem, HelpSection, HelpView, build_help, choose_country
from copingkit.tui.context import app_context

if TYPE_CHECKING:
    from textual.dom import DOMNode

CLASSES = {
    "lead": "lead",
    "country": "muted",
    "emergency": "block",
    "stale": "notice",
    "plan": "muted",
    "nothing-sent": "muted",
    "reasons": "block",
}


def help_view_of(node: DOMNode) -> HelpView:
    """Get help's read model: the bundled lines always; the person's own people and plan only while unlocked."""
    app = app_context(node)
    country = choose_country(app.config.country or "")
    today = app.clock().date()
    hide = tuple(app.config.hidden_lines)
    fixes = app.config.corrected_lines
    services = app.services if app.unlocked else None
    if services is None:
        return build_help(country, today=today, hide=hide, corrections=fixes)
    return build_help(
        country,
        today=today,
        contacts=services.safety.contacts(),
        plan=services.safety.plan(),
        private=True,
        hide=hide,
        corrections=fixes,
    )


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
            f"{escape(way.label)}: [b]{escape(way.value)}[/b]{escape(way.mark)}"
            + (f" — {escape(way.note)}" if way.note else "")
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


__all__ = ["CLASSES", "help_view_of", "item_head", "item_lines", "item_widgets", "section_widgets"]
