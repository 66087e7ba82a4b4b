"""What screens and widgets may use of the app, typed: the application context.

Screens never import the app module (they are siblings below it); they reach the app through this
protocol, which `CopingkitApp` implements (checked in tui/app.py). No defaults hide a missing piece:
a screen that asks for something the app doesn't have fails loudly in the tests.
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

    def note_activity(self) -> None: ...

    def held_vault_message(self) -> str | None: ...

    def retry_held_save(self) -> None: ...


def app_context(node: DOMNode) -> AppContext:
    """The running copingkit app, as the context a screen or widget may use."""
    return cast("AppContext", node.app)
