"""The coping loop end to end: reaction → distress → strategy → re-rate → stored; what helped comes first."""

from __future__ import annotations

from copingkit.core.builtin_content import sync_builtin_content
from copingkit.core.services import Services
from copingkit.tui.screens.coping import CopingScreen

SIZE = (100, 32)


async def open_coping(pilot, ui) -> CopingScreen:
    await ui.settle(pilot)
    await pilot.press("o")
    await ui.settle(pilot)
    assert isinstance(pilot.app.screen, CopingScreen)
    return pilot.app.screen


async def pick_reaction(pilot, screen: CopingScreen, reaction_id: str) -> None:
    from textual.widgets import OptionList

    options = screen.query_one("#coping-reactions", OptionList)
    options.focus()
    options.highlighted = options.get_option_index(reaction_id)
    await pilot.press("enter")
    await pilot.pause()


async def test_the_loop_end_to_end_stores_both_ratings(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coping(pilot, ui)
        assert "I'm struggling with" in ui.screen_text(app)
        await pick_reaction(pilot, screen, "anxiety-panic")
        assert screen.stage == "before" and "Anxiety and panic" in ui.screen_text(app)
        await pilot.press("7")
        await pilot.pause()
        assert screen.stage == "strategy"
        first = screen.strategy
        assert first is not None and "anxiety-panic" in first.reactions
        text = ui.screen_text(app)
        assert first.title in text and " 1.\n" + first.steps[0] in text
        assert "not a substitute for professional care" in text
        await pilot.press("d")
        await pilot.pause()
        assert screen.stage == "after"
        await pilot.press("4")
        await pilot.pause()
        assert screen.stage == "result"
        assert "From 7 to 4" in ui.screen_text(app)
        [use] = services.coping.history()
        assert (use.strategy_id, use.reaction, use.distress_before, use.distress_after) == (
            first.id,
            "anxiety-panic",
            7,
            4,
        )
        assert app.saves >= 1
        # try another: starts from the last rating; favourite; a second pair is stored
        await pilot.press("n")
        await pilot.pause()
        second = screen.strategy
        assert screen.stage == "strategy" and second is not None and second.id != first.id
        assert "Starting from 4" in ui.screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert services.coping.get(second.id).favourite
        await pilot.press("d", "s")
        await pilot.pause()
        newest = services.coping.history()[0]
        assert (newest.strategy_id, newest.distress_before, newest.distress_after) == (second.id, 4, None)


async def test_a_strategy_that_lowered_distress_is_offered_first_next_time(demo, ui) -> None:
    def seed(services: Services) -> None:
        sync_builtin_content(services)

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coping(pilot, ui)
        await pick_reaction(pilot, screen, "on-edge")
        untouched_first = services.coping.suggest("on-edge")[0]
        await pilot.press("s")  # skip the first rating
        await pilot.pause()
        await pilot.press("n", "n")  # not the first suggestion: the third one
        await pilot.pause()
        helped = screen.strategy
        assert helped is not None and helped.id != untouched_first.id
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert services.coping.history()[0].distress_before is None
        # rate this one properly: 8 -> 3
        await pilot.press("escape")
        await ui.settle(pilot)
        screen = await open_coping(pilot, ui)
        await pick_reaction(pilot, screen, "on-edge")
        await pilot.press("8")
        await pilot.pause()
        while screen.strategy.id != helped.id:
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("d", "3")
        await pilot.pause()
        await pilot.press("escape")
        await ui.settle(pilot)
        screen = await open_coping(pilot, ui)
        await pick_reaction(pilot, screen, "on-edge")
        await pilot.press("6")
        await pilot.pause()
        assert screen.strategy.id == helped.id
        assert "helped you before" in ui.screen_text(app)


async def test_reach_out_opens_get_help_from_every_stage(demo, ui) -> None:
    from copingkit.tui.screens.get_help import GetHelpScreen

    app, services = demo(lambda s: s.safety.add_contact("Sam (sister)", how_to_reach="07700 900123"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coping(pilot, ui)
        for keys in ((), ("enter",), ("5",), ("d",), ("2",)):
            if keys:
                await pilot.press(*keys)
                await pilot.pause()
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, GetHelpScreen), screen.stage
            text = ui.screen_text(app)
            assert text.index("Sam (sister)") < text.index("Samaritans")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
