"""copingkit's Textual timers follow test time (tests/support/timers.py); Textual's own keep real time."""

from __future__ import annotations

from copingkit.tui.app import CopingkitApp
from copingkit.tui.screens.unlock import UnlockScreen
from tests.support.timers import is_copingkit_timer

SIZE = (100, 32)


async def test_the_idle_check_fires_when_test_time_reaches_it_and_not_before(
    make_app, existing_vault, clock, ui, test_time
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        clock.advance(minutes=11)
        assert test_time.waiting >= 1
        await test_time.advance(pilot, CopingkitApp.IDLE_CHECK_SECONDS - 0.01)
        assert app.unlocked
        await test_time.advance(pilot, 0.01)
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)


async def test_advancing_test_time_moves_the_injected_clock(make_app, clock, test_time) -> None:
    app = make_app()
    before = clock()
    async with app.run_test(size=SIZE) as pilot:
        await test_time.advance(pilot, 90)
    assert (clock() - before).total_seconds() == 90


async def test_only_timers_that_call_copingkit_code_are_on_test_time(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        ours = app.set_timer(60, app.check_idle_lock)
        textuals = app.set_timer(60, app.refresh)
        assert is_copingkit_timer(ours)
        assert not is_copingkit_timer(textuals)
        ours.stop()
        textuals.stop()
