"""What screens and widgets may use of the app, typed: the application context.

Screens never import the app module (they are siblings below it); they reach the app through this
protocol, which `CopingkitApp` implements (checked in tui/app.py and by tests/unit/test_architecture.py).
No defaults hide a missing piece: a screen that asks for something the app doesn't have fails loudly
in the tests.

One way in, everywhere below the app:

    app_context(self).clock()              # anything copingkit's own: config, vault, clock, saving, going places
    open_services(self).journal.get(...)   # the open journal's services (raises JournalLocked when locked)
    self.app.push_screen(...)              # Textual's own App API stays on `self.app`, typed by Textual

A screen that must do nothing while locked asks `app_context(self).services is not None` itself.
tests/unit/test_architecture.py fails on any `self.app.X` that is not Textual's, and on any
`app_context(...).X` that is not in the protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from textual.dom import DOMNode

    from copingkit.config import Config
    from copingkit.core.clock import Clock
    from copingkit.core.services import Services
    from copingkit.core.vault import Vault
    from copingkit.tui.saving import SaveController


class AppContext(Protocol):
    config: Config
    config_path: Path | None
    clock: Clock
    demo: bool
    vault: Vault | None
    services: Services | None
    kdf: Any
    trust_folder: bool
    allow_costly_kdf: bool
    saver: SaveController
    save_status: str
    """What the save status line says (a reactive: widgets/save_status.py watches it)."""
    conflict_copy_asked: bool
    """f6 in the conflicted state: say where the copy went when that save reports back (tui/merging.py)."""

    @property
    def unlocked(self) -> bool: ...

    @property
    def demo_vault(self) -> Vault | None: ...

    def go(self, name: str) -> None:
        """Go to a place (tui/navigation.py's `PLACES`): back to Home, then there."""

    def push_destination(self, name: str, /, callback: Callable[[Any], object] | None = None, **arguments: Any) -> None:
        """Open a destination's screen on top of this one (esc comes back here), built with `arguments`."""

    def preload(self, name: str) -> None:
        """Import destination `name`'s screen in a thread worker now, without waiting for it."""

    def action_get_help(self) -> None: ...

    def action_lock(self) -> None: ...

    def has_safety_plan(self) -> bool: ...

    def apply_config(self, config: Config) -> None:
        """Use new preferences now (the caller has written them to disk)."""

    def note_activity(self) -> None:
        """Something was done: the idle lock counts from now."""

    def request_save(self) -> None:
        """Save after a quiet moment (writes through the services already do this by themselves)."""

    def schedule_draft_flush(self) -> None:
        """Typing happened: ask the screens that keep drafts to write them a moment from now."""

    def held_vault_message(self) -> str | None: ...

    def retry_held_save(self) -> None: ...


class JournalLocked(RuntimeError):
    """A screen reached for the open journal's services while the journal is locked (a bug, said plainly)."""


def app_context(node: DOMNode) -> AppContext:
    """The running copingkit app, as the context a screen or widget may use."""
    return cast("AppContext", node.app)


def open_services(node: DOMNode) -> Services:
    """The open journal's services, for a screen that only ever runs while the journal is open.

    Raises JournalLocked when it is locked, rather than letting `None` through to fail further on.
    """
    services = app_context(node).services
    if services is None:
        raise JournalLocked(f"{type(node).__name__} needs the open journal, and the journal is locked")
    return services
