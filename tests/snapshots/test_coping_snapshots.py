"""SVG snapshots of the coping screens: the static breathing guide (animation off), the loop, safety plan.

Plain `def` tests (snap_compare runs its own event loop), fixed size, theme, clock and time zone,
no animation, on an in-memory demo vault.
"""

from __future__ import annotations

from textual.pilot import Pilot

from copingkit.core.services import Services
from tests.support.snapshots import demo_app, still

SIZE = (100, 32)


def test_breathing_static_guide(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        from copingkit.tui.screens.tools.breathing import BreathingScreen

        await still(pilot)
        pilot.app.push_screen(BreathingScreen("box"))
        await still(pilot)

    assert snap_compare(demo_app(), terminal_size=SIZE, run_before=run_before)


def test_coping_loop_strategy(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("o")
        await still(pilot)
        await pilot.press("enter", "6")  # the first reaction, distress 6
        await still(pilot)

    assert snap_compare(demo_app(), terminal_size=SIZE, run_before=run_before)


def test_safety_plan(snap_compare) -> None:
    def seed(services: Services) -> None:
        services.safety.set_items("warning_signs", ["Not sleeping", "Cancelling plans"])
        services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123")

    async def run_before(pilot: Pilot) -> None:
        await still(pilot)
        await pilot.press("p")
        await still(pilot)
        pilot.app.set_focus(None)
        await still(pilot)

    assert snap_compare(demo_app(seed), terminal_size=SIZE, run_before=run_before)
