"""Messages that carry results from thread workers back to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from copingkit.core.vault import Vault


class SaveFinished(Message):
    """A save (and, when asked, the close after it) has finished, well or not."""

    def __init__(self, *, error: BaseException | None = None, closed: bool = False) -> None:
        super().__init__()
        self.error = error
        self.closed = closed

    @property
    def ok(self) -> bool:
        return self.error is None


class VaultOpened(Message):
    """The create or unlock screen has an open vault ready for the app."""

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.vault = vault
