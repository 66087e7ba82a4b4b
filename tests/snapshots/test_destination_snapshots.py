"""Every destination screen (and the safety plan) at 80×24 and 100×32: nothing cut mid-word.

Plain `def` tests (snap_compare runs its own event loop); a fixed clock, theme and time zone, no
animation, no cursor blink, and the same small journal every time. The screens open as a person
opens them, so the focus (and the footer it brings) is the one they see.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.navigation import PLACES

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
SIZES = {"80x24": (80, 24), "100x32": (100, 32)}
NAMES = [item.name for item in PLACES]


def seed(services: Services) -> None:
    services.journal.create(
        "Walked by the river after group. Sam talked about sleeping with the light on.",
        title="After group",
        tags=["group", "walk"],
        at=AT - timedelta(hours=15),
        shared=True,
    )
    services.journal.create("Bad dream again. Did the 5-4-3-2-1 thing and made tea.", at=AT - timedelta(days=1))
    for days, mood in ((0, 3), (1, 2), (3, 4), (6, 3)):
        services.checkins.create(mood, at=AT - timedelta(days=days, hours=2))
    services.safety.add_item("warning_signs", "Not sleeping for two nights")
    services.safety.add_contact("Sam", how_to_reach="07700 900123")


def make_app(home: Path):
    from copingkit.tui.app import CopingkitApp

    clock = FixedClock(AT)
    vault = Vault.in_memory()
    seed(Services(vault.database, clock=clock))
    app = CopingkitApp(
        vault_path=None,
        config=Config(theme="copingkit-calm", auto_lock_minutes=10, country="GB", backups_keep=7),
        config_path=home / "config.toml",
        clock=clock,
        demo_vault=vault,
    )
    app.animation_level = "none"
    return app


async def still(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", NAMES)
def test_destination(snap_compare, isolated_home: Path, name: str, size: str) -> None:
    async def open_it(pilot: Pilot) -> None:
        await still(pilot)
        if name != "home":
            pilot.app.go(name)
        await still(pilot)

    assert snap_compare(make_app(isolated_home), terminal_size=SIZES[size], run_before=open_it)
