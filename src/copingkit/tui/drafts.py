"""What is being typed reaches the journal's database within `FLUSH_SECONDS`, on every screen.

The app watches every key and every text change; a short while after the last one it asks each open
screen that `KeepsDrafts` to write what its boxes hold through the services. The database then tells
the save controller, so the file follows. Lock, panic, quit and signals only have to save.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

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
