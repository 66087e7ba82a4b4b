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

from copingkit.core.vault import errors, list_backups
from copingkit.tui.error_words import (  # noqa: F401 - used here and re-exported
    GENERIC,
    error_words,
    words_without_backups,
)
from copingkit.tui.widgets.footer import CopingkitFooter


def next_steps(error: BaseException | None, vault_path: Path | None) -> str:
    where = f"copingkit is looking at {vault_path}." if vault_path else ""
    if isinstance(error, errors.Locked):
        return (
            "Close copingkit in the other window (or wait for it to finish), then choose Try again. "
            "Only one window can have the journal open, so two copies never fight."
        )
    if isinstance(error, errors.NotAVault):
        return (
            f"{where} If your journal is somewhere else, start copingkit with --vault PATH "
            "(or set COPINGKIT_VAULT). This file was not changed."
        )
    if isinstance(error, errors.UnsupportedVersion):
        return "Update copingkit (for example `pipx upgrade copingkit`), then open it again. This file was not changed."
    if isinstance(error, (errors.Malformed, errors.Tampered)):
        return (
            "The file itself was left as it is. A backup can be restored with "
            "`copingkit restore PATH`, which shows what a backup holds before replacing anything."
        )
    return f"{where} Nothing was changed. You can try again, or run `copingkit doctor` to check the install."


def backups_for(error: BaseException | None, vault_path: Path | None) -> list[Path]:
    found = list(getattr(error, "backups", ()) or ())
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
            yield Static(words_without_backups(self.error), id="error-words")
            yield Static(next_steps(self.error, self.vault_path), id="error-next")
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
            self.app.run_action("get_help")
        elif event.button.id == "error-quit":
            self.app.exit()

    def action_try_again(self) -> None:
        self.dismiss(True)
