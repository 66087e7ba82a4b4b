"""Get help: the person's own people first, then crisis lines, then the emergency number.

Reachable with one key from every screen, including before the journal is open: locked, it shows
only the bundled lines and nothing personal. Nothing here is sent anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from copingkit.core import content
from copingkit.tui.widgets.footer import CopingkitFooter

WAY_WORDS = {"call": "Call", "text": "Text", "chat": "Chat", "email": "Email", "web": "Web"}


def support_contacts(services: Any) -> list[tuple[str, str, str]]:
    """(name, how to reach, note) for the person's own people, in their order."""
    safety = getattr(services, "safety", None)
    if safety is None:
        return []
    return [
        (contact.name, contact.how_to_reach or "", contact.note or "") for contact in safety.contacts()
    ]


def contact_text(name: str, how: str, note: str) -> str:
    text = f"[b]{escape(name)}[/b]"
    if how:
        text += f" — {escape(how)}"
    if note:
        text += f"\n    {escape(note)}"
    return text


def line_text(line: content.CrisisLine) -> str:
    ways = "\n".join(
        f"    {WAY_WORDS.get(way.kind, way.kind.title())}: [b]{escape(way.value)}[/b]"
        + (f" — {escape(way.note)}" if way.note else "")
        for way in line.ways
    )
    return f"[b]{escape(line.service)}[/b]  ({escape(line.hours)})\n{ways}"


class GetHelpScreen(Screen[None]):
    """People and lines to reach out to, right now."""

    CSS_PATH = "get_help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="get-help-back"),
        Binding("s", "safety_plan", "Safety plan", id="open-safety-plan"),
    ]

    def compose(self) -> ComposeResult:
        app: Any = self.app
        country = (getattr(getattr(app, "config", None), "country", "") or "").upper()
        with VerticalScroll(id="get-help-body"):
            yield Static("Get help", id="get-help-title", classes="title")
            yield Static(
                "You don't have to go through this alone. Reaching out is a strong thing to do.",
                classes="lead",
            )
            contacts = support_contacts(getattr(app, "services", None)) if getattr(app, "unlocked", False) else []
            if contacts:
                yield Static("Your people", classes="heading")
                yield Static(
                    "\n".join(contact_text(*contact) for contact in contacts),
                    id="get-help-contacts",
                    classes="block",
                )
            yield from self._lines(country)
            yield from self._emergency(country)
            today = app.clock().date() if callable(getattr(app, "clock", None)) else None
            if today is not None and content.is_crisis_data_stale(today):
                yield Static(
                    "These numbers were last checked more than a year ago. If one doesn't work, "
                    "findahelpline.com lists current lines for every country.",
                    id="get-help-stale",
                    classes="notice",
                )
            yield Static(
                "copingkit doesn't call or send anything: use your phone or another device to reach them.",
                classes="muted",
            )
        yield CopingkitFooter()

    def _lines(self, country: str) -> Iterable[Static]:
        lines = content.load_crisis_lines(country or None)
        local = [line for line in lines if line.country != "*"]
        anywhere = [line for line in lines if line.country == "*"]
        if local:
            where = f" ({country})" if country else ""
            yield Static(f"Crisis lines{where}", classes="heading")
            yield Static("\n".join(line_text(line) for line in local), id="get-help-lines", classes="block")
        if not country:
            yield Static(
                "Set your country in Settings to see only the lines near you.",
                id="get-help-country-hint",
                classes="muted",
            )
        if anywhere:
            yield Static("Anywhere", classes="heading")
            yield Static("\n".join(line_text(line) for line in anywhere), id="get-help-anywhere", classes="block")

    def _emergency(self, country: str) -> Iterable[Static]:
        number = content.emergency_number(country) if country else None
        yield Static("Emergency", classes="heading")
        note = escape(content.emergency_note())
        if number is not None:
            first = f"Emergency number: [b]{escape(number.number)}[/b]"
            if number.note:
                first += f" — {escape(number.note)}"
            text = f"{first}\n{note}"
        else:
            text = note
            if "local emergency number" not in text:
                text = "If you or someone else is in immediate danger, call your local emergency number.\n" + text
        yield Static(text, id="get-help-emergency", classes="block")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "safety_plan":
            has_plan = getattr(self.app, "has_safety_plan", None)
            return bool(callable(has_plan) and has_plan())
        return True

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)

    def action_safety_plan(self) -> None:
        go = getattr(self.app, "go", None)
        if callable(go):
            go("safety-plan")
