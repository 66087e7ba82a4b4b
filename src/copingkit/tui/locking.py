"""Locking and quitting the open journal.

`ShowsRecoveryKey` is what the lock asks of the first-run screen while its recovery key is on
screen (tui/screens/create.py): the app finds that screen by this shape, not by importing it, since
it asks on every footer refresh and the first-run screen's imports are not needed to unlock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from copingkit.core.vault import Vault


@runtime_checkable
class ShowsRecoveryKey(Protocol):
    """A screen that may be showing a recovery key not yet written down."""

    @property
    def on_recovery_step(self) -> bool:
        """The key is on screen: it can never be shown again once copingkit closes."""

    def take_for_lock(self) -> tuple[Vault | None, str | None]:
        """Blank the key now; hand over the open vault and the key, kept in memory to show again."""


__all__ = ["ShowsRecoveryKey"]
