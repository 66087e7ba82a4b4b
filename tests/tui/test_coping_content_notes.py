"""Strategies with a content note say so, offer grounding first, and come "when you're calmer"."""

from __future__ import annotations

from copingkit.core import content
from copingkit.core.builtin_content import sync_builtin_content
from copingkit.tui.screens.coping import CopingScreen
from copingkit.tui.screens.library import LibraryScreen
from copingkit.tui.screens.tools.grounding import GroundingScreen

SIZE = (100, 32)


def flat(text: str) -> str:
    return " ".join(text.split())


async def show_in_coping(pilot, ui, slug: str) -> CopingScreen:
    app = pilot.app
    await ui.settle(pilot)
    await pilot.press("o")
    await ui.settle(pilot)
    screen = app.screen
    assert isinstance(screen, CopingScreen)
    screen.reaction = "avoidance"
    screen.queue = [app.services.coping.get_by_slug(slug)]
    screen.index = 0
    screen.show_strategy()
    await pilot.pause()
    return screen


async def test_a_noted_strategy_shows_its_note_and_b_grounds_first(demo, ui) -> None:
    app, _ = demo(sync_builtin_content)
    async with app.run_test(size=SIZE) as pilot:
        await show_in_coping(pilot, ui, "small-step-toward")
        text = flat(ui.screen_text(app))
        assert flat(content.strategy_note_text()) in text
        assert "when you're calmer" in text and "b ground first (5-4-3-2-1)" in text
        assert text.index("Content note") < text.index("1. Leaving is always fine")
        await pilot.press("b")
        await ui.settle(pilot)
        assert isinstance(app.screen, GroundingScreen)


async def test_a_settling_strategy_has_no_note_and_no_ground_first_key(demo, ui) -> None:
    app, _ = demo(sync_builtin_content)
    async with app.run_test(size=SIZE) as pilot:
        screen = await show_in_coping(pilot, ui, "paced-breathing")
        text = flat(ui.screen_text(app))
        assert "Content note" not in text and "when you're calmer" not in text
        assert "b" not in {
            key
            for key, binding in screen.active_bindings.items()
            if binding.binding.action == "ground_first" and binding.enabled
        }
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is screen


async def test_the_library_shows_the_note_and_offers_grounding_first(demo, ui) -> None:
    app, services = demo(sync_builtin_content)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("l")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        from textual.widgets import OptionList

        options = screen.query_one(OptionList)
        target = services.coping.get_by_slug("hindsight-check")
        options.focus()
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == f"strategy-{target.id}"
        )
        await pilot.pause()
        text = flat(ui.screen_text(app))
        assert flat(content.strategy_note_text()) in text and "b ground first" in text
        await pilot.press("b")
        await ui.settle(pilot)
        assert isinstance(app.screen, GroundingScreen)
