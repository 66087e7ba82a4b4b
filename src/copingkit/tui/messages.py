"""Messages that carry results from thread workers back to the app."""

from __future__ import annotations

from textual.message import Message


class SaveFinished(Message):
    """A save (and, when asked, the close after it) has finished, well or not."""

    def __init__(self, *, error: BaseException | None = None, closed: bool = False) -> None:
        super().__init__()
        self.error = error
        self.closed = closed

    @property
    def ok(self) -> bool:
        return self.error is None


class DatabaseChanged(Message):
    """Something was written to the open journal's database (posted from whichever thread wrote)."""
