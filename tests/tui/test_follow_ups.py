"""Gentle follow-ups: a check-in of 1 offers coping and Get help in one quiet line; reaching out comes
first when distress rose, or stays at 8 or more after two strategies."""

from __future__ import annotations

from copingkit.core.builtin_content import sync_builtin_content
from copingkit.core.help import LOW_CHECKIN, REACH_OUT_FIRST, reach_out_first
from copingkit.tui.screens.coping import CopingScreen

SIZE = (100, 32)


def flat(text: str) -> str:
    return " ".join(text.split())


def result_keys_text(screen) -> str:
    return flat(str(screen.query_one("#coping-result-keys").render()))


def test_when_reaching_out_comes_first() -> None:
    assert reach_out_first(6, 7, 1) and reach_out_first(9, 8, 2)
    assert not reach_out_first(9, 8, 1) and not reach_out_first(5, 5, 3) and not reach_out_first(None, None, 2)


async def test_a_check_in_of_one_offers_coping_and_get_help_in_one_quiet_line(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert flat(LOW_CHECKIN) in flat(ui.screen_text(app))
        await pilot.press("3")
        await pilot.pause()
        assert flat(LOW_CHECKIN) not in flat(ui.screen_text(app))


async def test_rising_distress_puts_reaching_out_first(demo, ui) -> None:
    app, _ = demo(sync_builtin_content)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("o")
        await ui.settle(pilot)
        screen = app.screen
        assert isinstance(screen, CopingScreen)
        screen.start("anxiety-panic")
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("d", "7")
        await pilot.pause()
        assert screen.stage == "result"
        text = result_keys_text(screen)
        assert flat(REACH_OUT_FIRST) in text
        assert text.index("r reach out") < text.index("n try another")


async def test_a_drop_keeps_trying_another_first(demo, ui) -> None:
    app, _ = demo(sync_builtin_content)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        await pilot.press("o")
        await ui.settle(pilot)
        screen = app.screen
        screen.start("anxiety-panic")
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("d", "4")
        await pilot.pause()
        assert (screen.stage, screen.before, screen.after) == ("result", 6, 4)
        text = result_keys_text(screen)
        assert flat(REACH_OUT_FIRST) not in text
        assert text.index("n try another") < text.index("r reach out")
