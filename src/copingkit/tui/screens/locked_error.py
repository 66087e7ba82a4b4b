"""When the journal can't be opened: the calm words for why, and what to do next.

Covers a file that is damaged or was changed outside copingkit, a file that isn't a journal, one
made by a newer copingkit, and a journal already open in another window. Never says "corrupt" for a
wrong passphrase: that one stays on the unlock screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from copingkit.core.error_words import what_next, words_for
from copingkit.core.vault import errors, list_backups
from copingkit.tui.context import app_context
from copingkit.tui.widgets.footer import CopingkitFooter


def backups_for(error: BaseException | None, vault_path: Path | None) -> list[Path]:
    found = list(error.backups) if isinstance(error, errors.VaultError) else []
    if not found and vault_path is not None:
        found = list_backups(vault_path)
    return sorted(found, reverse=True)


class LockedErrorScreen(Screen[bool]):
    """Why the journal didn't open. Dismisses with True for "Try again"."""

    CSS_PATH = "locked_error.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "try_again", "Back", id="error-back"),
    ]

    def __init__(self, error: BaseException, vault_path: Path | None) -> None:
        super().__init__()
        self.error = error
        self.vault_path = vault_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="error-body"):
            yield Static("The journal didn't open", id="error-title")
            yield Static(words_for(self.error), id="error-words")
            yield Static(what_next(self.error, self.vault_path), id="error-next")
            backups = backups_for(self.error, self.vault_path)
            if isinstance(self.error, (errors.Malformed, errors.Tampered)) or backups:
                if backups:
                    listed = "\n".join(f"  • {path}" for path in backups[:7])
                    yield Static(f"Backups beside it, newest first:\n{listed}", id="error-backups")
                else:
                    yield Static("No backups were found beside it.", id="error-backups")
            with Horizontal(id="error-buttons"):
                yield Button("Try again", id="error-try-again", variant="primary")
                yield Button("Get help", id="error-get-help")
                yield Button("Quit", id="error-quit")
        yield CopingkitFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "error-try-again":
            self.action_try_again()
        elif event.button.id == "error-get-help":
            app_context(self).action_get_help()
        elif event.button.id == "error-quit":
            self.app.exit()

    def action_try_again(self) -> None:
        self.dismiss(True)
