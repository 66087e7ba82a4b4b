"""SVG snapshots of the first screens a person sees: create, unlock, and Get help.

Plain `def` tests (snap_compare runs its own event loop), fixed size, theme, clock, no animation,
no cursor blink, and the journal inside a temporary home so the path shown is always the same.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.vault import TEST_KDF, Vault

SIZE = (100, 32)
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def make_app(home: Path, *, country: str = "GB", theme: str = "copingkit-calm"):
    from copingkit.tui.app import CopingkitApp

    app = CopingkitApp(
        vault_path=home / "journal" / "journal.vault",
        config=Config(theme=theme, auto_lock_minutes=10, country=country, backups_keep=7),
        config_path=home / "config.toml",
        clock=FixedClock(AT),
        kdf=TEST_KDF,
    )
    app.animation_level = "none"
    return app


async def still(pilot: Pilot) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def test_create_screen(snap_compare, isolated_home: Path) -> None:
    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=still)


def test_unlock_screen(snap_compare, isolated_home: Path) -> None:
    vault, _ = Vault.create(isolated_home / "journal" / "journal.vault", "snapshot passphrase", kdf=TEST_KDF)
    vault.close()
    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=still)


def test_get_help_screen(snap_compare, isolated_home: Path) -> None:
    async def open_help(pilot: Pilot) -> None:
        await pilot.press("f1")
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZE, run_before=open_help)


def test_create_screen_high_contrast(snap_compare, isolated_home: Path) -> None:
    app = make_app(isolated_home, theme="copingkit-high-contrast")
    assert snap_compare(app, terminal_size=SIZE, run_before=still)
