"""Every destination screen (and the safety plan) at 80×24 and 100×32: nothing cut mid-word.

Plain `def` tests (snap_compare runs its own event loop); a fixed clock, theme and time zone, no
animation, no cursor blink, and the same small journal every time. The screens open as a person
opens them, so the focus (and the footer it brings) is the one they see.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from copingkit.core.services import Services
from copingkit.tui.navigation import PLACES
from tests.support.snapshots import AT, demo_app, still

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


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", NAMES)
def test_destination(snap_compare, isolated_home: Path, name: str, size: str) -> None:
    async def open_it(pilot: Pilot) -> None:
        await still(pilot)
        if name != "home":
            pilot.app.go(name)
        await still(pilot)

    assert snap_compare(
        demo_app(seed, config_path=isolated_home / "config.toml"), terminal_size=SIZES[size], run_before=open_it
    )
