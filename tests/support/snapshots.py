"""What the SVG snapshot tests share: the demo app on a fixed clock and theme, and a still screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import Vault

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def demo_app(
    seed: Callable[[Services], object] | None = None,
    *,
    config_path: Path | None = None,
    theme: str = "copingkit-calm",
):  # type: ignore[no-untyped-def]
    """The real app on an in-memory demo journal (written by `seed`), at `AT`, with no animation."""
    from copingkit.tui.app import CopingkitApp

    clock = FixedClock(AT)
    vault = Vault.in_memory()
    if seed is not None:
        seed(Services(vault.database, clock=clock))
    app = CopingkitApp(
        vault_path=None,
        config=Config(theme=theme, auto_lock_minutes=10, country="GB", backups_keep=7),
        config_path=config_path,
        clock=clock,
        demo_vault=vault,
    )
    app.animation_level = "none"
    return app


async def still(pilot: Pilot) -> None:
    """Wait for the screen's workers, and stop every cursor blinking, so the picture is the same each run."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()
