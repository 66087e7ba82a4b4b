"""Earlier versions of an entry that a merge or an import kept, to read (and copy from if wanted)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from copingkit.core.services.readmodels import EntryRevision


class RevisionsModal(ModalScreen[None]):
    """Read-only: each kept version with when it was written; escape closes."""

    DEFAULT_CSS = """
    RevisionsModal { align: center middle; background: $background 60%; }
    RevisionsModal #revisions-dialog {
        width: 90; max-width: 100%; height: 90%; padding: 1 2;
        border: round $primary; background: $surface;
    }
    RevisionsModal #revisions-heading { text-style: bold; margin-bottom: 1; }
    RevisionsModal .revision-when { color: $text-muted; margin-top: 1; }
    RevisionsModal .revision-body { padding: 0 1; border-left: thick $primary; }
    RevisionsModal #revisions-keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="revisions-close")]

    def __init__(self, revisions: list[EntryRevision]) -> None:
        super().__init__()
        self.revisions = revisions

    def compose(self) -> ComposeResult:
        with Vertical(id="revisions-dialog"):
            count = len(self.revisions)
            yield Static(
                f"{count} earlier version{'' if count == 1 else 's'} of this entry, kept when two copies were merged",
                id="revisions-heading",
            )
            with VerticalScroll(id="revisions-list"):
                for revision in self.revisions:
                    when = revision.written_at or revision.kept_at
                    yield Static(
                        f"Written by {when.astimezone():%d %b %Y, %H:%M}", classes="revision-when", markup=False
                    )
                    text = f"{revision.title}\n\n{revision.body}" if revision.title else revision.body
                    yield Static(text, classes="revision-body", markup=False)
            yield Static("escape  close", id="revisions-keys")

    def action_close(self) -> None:
        self.dismiss(None)
