"""Homework: what a pack from a therapist or a group asks for (docs/packs.md), what is due and
what is done. `d` (or space) marks the highlighted item done; nothing else is asked.

Packs come in with `copingkit pack import FILE`; their strategies are in the Library.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core.errors import NotFound
from copingkit.core.services.homework import KIND_WORDS, HomeworkItem
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter

EMPTY = (
    "No homework yet. When a therapist or your group gives you a pack (a .toml file), add it with\n"
    "copingkit pack import FILE — it shows what the pack holds and asks first."
)
LEAD = "What your packs ask for. d (or space) marks the highlighted one done."


def item_prompt(item: HomeworkItem) -> Content:
    """One row: due or done, what to do, and where it stands."""
    mark = ("Due  ", "bold") if item.due else ("Done ", "dim")
    what = KIND_WORDS.get(item.kind, item.kind)
    title = " ".join(item.title.split())
    if title == what:
        return Content.assemble(mark, (title, "bold"), (f" · {item.status}", "dim"))
    return Content.assemble(mark, (f"{what}: ", "bold"), title, (f" · {item.status}", "dim"))


def item_details(item: HomeworkItem) -> str:
    lines = []
    if item.instructions and item.instructions != item.title:
        lines.append(item.instructions)
    lines.append(f"How often: {item.cadence}. {item.status[:1].upper()}{item.status[1:]}.")
    if item.done_count:
        lines.append(f"Done {item.done_count} time{'s' if item.done_count != 1 else ''} so far.")
    origin = " from ".join(part for part in (item.pack_title, item.sender) if part)
    if origin:
        lines.append(f"Pack: {origin}")
    return "\n".join(lines)


class HomeworkScreen(Screen[None]):
    """Homework from packs: due first, then done."""

    CSS_PATH = "homework.tcss"
    AUTO_FOCUS = "#homework-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="homework-back"),
        Binding("d,space", "done", "Mark done", key_display="d", id="homework-done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[HomeworkItem] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="homework-body"):
            yield Static("Homework", classes="title")
            yield Static(LEAD, id="homework-lead", classes="muted")
            yield OptionList(id="homework-list")
            yield Static("", id="homework-details")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.refresh_items()

    def refresh_items(self, *, at: int = 0) -> None:
        """Show the items again, highlighting the row at `at` (the next one, after marking done)."""
        services = app_context(self).services
        self.items = services.homework.items() if services is not None else []
        options = self.query_one("#homework-list", OptionList)
        options.clear_options()
        options.add_options([Option(item_prompt(item), id=str(item.id)) for item in self.items])
        options.display = bool(self.items)
        self.query_one("#homework-lead", Static).update(LEAD if self.items else EMPTY)
        if self.items:
            options.highlighted = min(at, len(self.items) - 1)
        self._show_details()

    @property
    def current(self) -> HomeworkItem | None:
        highlighted = self.query_one("#homework-list", OptionList).highlighted
        return self.items[highlighted] if highlighted is not None and highlighted < len(self.items) else None

    def _show_details(self) -> None:
        item = self.current
        self.query_one("#homework-details", Static).update(item_details(item) if item is not None else "")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_details()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            return self.current is not None
        return True

    def action_done(self) -> None:
        item = self.current
        services = app_context(self).services
        if item is None or services is None:
            return
        try:
            after = services.homework.complete(item.id)
        except NotFound as error:
            self.notify(str(error), severity="warning", timeout=6)
            return
        title = " ".join(after.title.split())
        title = title if len(title) <= 60 else title[:59] + "…"
        self.notify(f"Marked done: {title.rstrip('.')}. {after.status[:1].upper()}{after.status[1:]}.", timeout=4)
        self.refresh_items(at=self.query_one("#homework-list", OptionList).highlighted or 0)

    def action_back(self) -> None:
        app_context(self).go("home")


__all__ = ["HomeworkScreen"]
