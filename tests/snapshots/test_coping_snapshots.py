"""SVG snapshots of the coping screens: the static breathing guide (animation off), the loop, safety plan.

Plain `def` tests (snap_compare runs its own event loop), fixed size, theme, clock and time zone,
no animation, on an in-memory demo vault.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.pilot import Pilot
from textual.widgets import Input

from copingkit.config import Config
from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import Vault

SIZE = (100, 32)
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def make_app(seed=None):
    from copingkit.tui.app import CopingkitApp

    clock = FixedClock(AT)
    vault = Vault.in_memory()
    if seed is not None:
        seed(Services(vault.database, clock=clock))
    app = CopingkitApp(
        vault_path=None,
        config=Config(theme="copingkit-calm", auto_lock_minutes=10, country="GB", backups_keep=7),
        config_path=None,
        clock=clock,
        demo_vault=vault,
    )
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()
    await pilot.pause()


def test_breathing_static_guide(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        from copingkit.tui.screens.tools.breathing import BreathingScreen

        await settle(pilot)
        pilot.app.push_screen(BreathingScreen("box"))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_coping_loop_strategy(snap_compare) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter", "6")  # the first reaction, distress 6
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_safety_plan(snap_compare) -> None:
    def seed(services: Services) -> None:
        services.safety.set_items("warning_signs", ["Not sleeping", "Cancelling plans"])
        services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        pilot.app.set_focus(None)
        await settle(pilot)

    assert snap_compare(make_app(seed), terminal_size=SIZE, run_before=run_before)
