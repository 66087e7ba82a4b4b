"""What is being typed reaches the journal's database within `FLUSH_SECONDS`, on every screen.

The app watches every key and every text change; a short while after the last one it asks each open
screen that `KeepsDrafts` to write what its boxes hold through the services. The database then tells
the save controller, so the file follows. Lock, panic, quit and signals only have to save.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual import on
from textual.screen import Screen
from textual.widgets import Checkbox, Input, TextArea

from copingkit.tui.context import app_context

FLUSH_SECONDS = 0.3


@runtime_checkable
class KeepsDrafts(Protocol):
    """A screen whose boxes hold words that belong in the journal as soon as they are typed."""

    def flush_drafts(self) -> None:
        """Write what is on screen through the services (cheap when nothing changed)."""


@runtime_checkable
class CommitsOnLeave(Protocol):
    """A screen with half-finished input (a line not yet added) to keep before a lock or quit."""

    def commit_pending_edits(self) -> None: ...


class WritingScreen(Screen):
    """A form that is saved as it is typed: each change asks for the app's draft flush, which calls
    `save_draft`; ctrl+s saves the file at once, and leaving saves first (never "discard changes?").

    A subclass gives `_draft()` (everything on the form, to tell a real change from the form filling
    itself in), keeps the last saved one in `_saved`, and writes it in `save_draft()`."""

    entry_id: int | None = None
    _saved: Any = None

    def _draft(self) -> Any:
        raise NotImplementedError

    def save_draft(self) -> bool:
        """Write the form through the services; True when the journal now matches it."""
        raise NotImplementedError

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        if not self.is_mounted or self._draft() == self._saved:
            return
        app_context(self).note_activity()
        app_context(self).schedule_draft_flush()  # also for changes made with the mouse

    def saved_words(self) -> str:
        """What the form's status line says once the journal matches it: "Saved in your journal · 14:05"."""
        return f"Saved in your journal · {app_context(self).clock().astimezone():%H:%M}"

    def flush_drafts(self) -> None:
        """The app's draft flush: what is typed reaches the journal a moment after the last key."""
        if self.is_mounted and app_context(self).services is not None:
            self.save_draft()

    def action_save_now(self) -> None:
        """Write the form and save the vault now rather than after the usual quiet moment."""
        app_context(self).note_activity()
        if self.save_draft() and self.entry_id is not None:
            app_context(self).saver.save_now()

    def action_back(self) -> None:
        self.save_draft()
        self.app.pop_screen()
