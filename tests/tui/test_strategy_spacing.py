"""A strategy's steps are followed by one blank line, whether or not it has approach text."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from copingkit.tui.screens.library import LibraryScreen

SIZE = (100, 32)


async def _tail_of(pilot, ui, title: str) -> str:
    await ui.settle(pilot)
    await pilot.press("l")
    await ui.settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    options = screen.query_one("#library-list", OptionList)
    options.focus()
    options.highlighted = [s.title for s in screen.strategies].index(title)
    await pilot.pause()
    return str(screen.query_one("#library-detail-body .strategy-tail", Static).render())


async def test_no_approach_text_leaves_one_blank_line_not_two(demo, ui) -> None:
    app, _ = demo(lambda services: services.coping.create("Walk to the shop", ["Shoes.", "Door.", "Walk."]))
    async with app.run_test(size=SIZE) as pilot:
        tail = await _tail_of(pilot, ui, "Walk to the shop")
    assert tail == "\nf favourite · x hide · ctrl+e edit · d delete"


async def test_approach_text_also_comes_after_one_blank_line(demo, ui) -> None:
    app, _ = demo(
        lambda services: services.coping.create(
            "Walk to the shop", ["Shoes.", "Door.", "Walk."], approach="Behavioural activation."
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        tail = await _tail_of(pilot, ui, "Walk to the shop")
    assert tail == "\nBehavioural activation.\n\nf favourite · x hide · ctrl+e edit · d delete"
