"""Get help from every coping screen: the person's own people first, then their lines, then the plan key."""

from __future__ import annotations

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.safety_plan import SafetyPlanScreen

SIZE = (100, 32)


def seeded_app(make_app, clock: FixedClock):
    vault = Vault.in_memory()
    services = Services(vault.database, clock=clock)
    services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123")
    services.safety.add_contact("Jo from group", how_to_reach="text 07700 900456")
    return make_app(demo_vault=vault)


@pytest.mark.parametrize("key", ["h", "o", "l", "t", "p", "question_mark"])
async def test_get_help_from_each_screen_lists_own_people_first(make_app, clock, ui, key: str) -> None:
    app = seeded_app(make_app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press(key)
        await ui.settle(pilot)
        under = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen), type(under).__name__
        text = ui.screen_text(app)
        assert text.index("Sam (sister)") < text.index("Jo from group") < text.index("Samaritans") < text.index("999")
        await pilot.press("s")
        await ui.settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen)


async def test_get_help_from_inside_the_coping_loop_and_a_tool(make_app, clock, ui) -> None:
    from copingkit.tui.screens.tools.breathing import BreathingScreen

    app = seeded_app(make_app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("o", "enter", "7")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = ui.screen_text(app)
        assert isinstance(app.screen, GetHelpScreen) and text.index("Sam (sister)") < text.index("Samaritans")
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(BreathingScreen())
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)


async def test_palette_offers_every_coping_and_safety_screen(make_app, clock, ui) -> None:
    from copingkit.tui.navigation import CopingkitCommands

    app = seeded_app(make_app, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        names = [hit.text async for hit in CopingkitCommands(app.screen).discover()]
        assert {"Coping", "Library", "Tools", "Learn", "Safety plan", "Get help"} <= set(names)
