"""The one question copingkit asks before destroying writing: it names the entry and says it is final."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from copingkit.tui.widgets.footer import CopingkitFooter


class ConfirmDeleteForever(ModalScreen[bool]):
    """Dismisses True only when "Delete forever" is chosen; "Keep it" has the focus."""

    DEFAULT_CSS = """
    ConfirmDeleteForever { align: center middle; }
    ConfirmDeleteForever > #delete-forever-dialog {
        width: 64; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ConfirmDeleteForever #delete-forever-title { text-style: bold; margin-bottom: 1; }
    ConfirmDeleteForever #delete-forever-text { margin-bottom: 1; }
    ConfirmDeleteForever #delete-forever-buttons { height: auto; align-horizontal: right; }
    ConfirmDeleteForever Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "keep", "Keep it", id="delete-forever-keep-entry")]
    AUTO_FOCUS = "#delete-forever-keep"

    def __init__(self, title: str, when: str) -> None:
        super().__init__()
        self.entry_title = title
        self.entry_when = when

    def compose(self) -> ComposeResult:
        with Vertical(id="delete-forever-dialog"):
            yield Label("Delete forever?", id="delete-forever-title")
            yield Static(
                f"“{self.entry_title}”, written {self.entry_when}, will be removed from your "
                "journal file, with any earlier versions of it. This cannot be undone. "
                "Backups made before now keep it until they are replaced.\n\n"
                "If you only want it out of sight, press Keep it and use d (delete with undo) instead.",
                id="delete-forever-text",
            )
            with Horizontal(id="delete-forever-buttons"):
                yield Button("Keep it", id="delete-forever-keep", variant="primary")
                yield Button("Delete forever", id="delete-forever-confirm", variant="error")
        yield CopingkitFooter()

    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#delete-forever-keep")
    def keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#delete-forever-confirm")
    def confirm(self) -> None:
        self.dismiss(True)
