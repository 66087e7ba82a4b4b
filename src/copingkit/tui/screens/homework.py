"""Homework: what a pack from a therapist or a group asks for (docs/packs.md), what is due and
what is done. `d` (or space) marks the highlighted item done; nothing else is asked.

Packs come in here with `n` (a file's path; what it holds is shown and asked about before anything
is added, and a mistake in it is named with its field and line, as `copingkit pack import` does),
or with `copingkit pack import FILE`. A strategy card's strategy goes to the Library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from copingkit.core.error_words import words_for
from copingkit.core.errors import CopingkitError, NotFound
from copingkit.core.services.homework import KIND_WORDS, HomeworkItem
from copingkit.core.vault.errors import VaultError
from copingkit.tui.context import app_context, open_services
from copingkit.tui.modals.confirm import ConfirmModal
from copingkit.tui.modals.text_prompt import TextPromptModal
from copingkit.tui.widgets.footer import CopingkitFooter

if TYPE_CHECKING:
    from copingkit.core.packs import Pack

EMPTY = (
    "No homework yet. When a therapist or your group gives you a pack (a .toml file), press n to add "
    "it (or use copingkit pack import FILE): you see what it holds and are asked first."
)
LEAD = "What your packs ask for. d (or space) marks the highlighted one done; n adds a pack."
ASK_PATH = "Which pack or strategy card? The path of the .toml file you were given."


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
        Binding("n", "add_pack", "Add a pack", id="homework-add-pack"),
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
            yield Static("", id="homework-problem", markup=False)
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.refresh_items()

    def refresh_items(self, *, at: int = 0) -> None:
        """Show the items again, highlighting the row at `at` (the next one, after marking done)."""
        self.items = open_services(self).homework.items()
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

    # -- adding a pack or a card ---------------------------------------------------------------

    def action_add_pack(self) -> None:
        self.app.push_screen(TextPromptModal(ASK_PATH, placeholder="~/Downloads/week3.toml"), self._pack_chosen)

    def _pack_chosen(self, typed: str | None) -> None:
        from copingkit.core.packs import read_pack_file

        services = app_context(self).services
        if not typed or not typed.strip() or services is None:
            return
        path = Path(typed.strip()).expanduser()
        try:
            pack = read_pack_file(path)
            summary = services.homework.summary(pack)
        except FileNotFoundError:
            self._problem(f"There is no file at {path}; nothing was added.")
            return
        except IsADirectoryError:
            self._problem(f"{path} is a folder; give the pack file inside it. Nothing was added.")
            return
        except OSError as error:
            self._problem(f"Couldn't read {path}: {error.strerror or 'it could not be opened'}. Nothing was added.")
            return
        except CopingkitError as error:
            self._problem(f"{error}\nNothing was added; the file needs changing first.")
            return
        self._problem("")
        if summary.already:
            self.notify(f"Nothing new: {path.name} is already in your journal.", timeout=6)
            return
        question = "\n".join((*summary.lines(), "", "Add it to your journal?"))
        self.app.push_screen(
            ConfirmModal(question, yes="Add it", no="Not now"), lambda yes: self._pack_confirmed(pack, bool(yes))
        )

    def _pack_confirmed(self, pack: Pack, yes: bool) -> None:
        services = app_context(self).services
        if not yes or services is None:
            return
        try:
            services.homework.import_pack(pack)
        except (CopingkitError, VaultError) as error:
            self._problem(words_for(error))
            return
        if pack.kind == "card":
            self.notify(f'Added "{pack.strategies[0].title}" to your library, as learned from my group.', timeout=6)
        else:
            self.notify(f"Added {pack.title}.", timeout=6)
        self.refresh_items()

    def _problem(self, words: str) -> None:
        self.query_one("#homework-problem", Static).update(words)

    def action_back(self) -> None:
        app_context(self).go("home")


__all__ = ["HomeworkScreen"]
