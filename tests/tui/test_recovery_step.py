"""The first-run recovery-key step: it can never be shown again, so leaving it asks first, and a lock
there brings the person back to it after unlock."""

from __future__ import annotations

from textual.widgets import Button, Static

from copingkit.tui.modals.confirm import ConfirmModal
from copingkit.tui.screens.create import CreateScreen
from copingkit.tui.screens.home import HomeScreen
from copingkit.tui.screens.unlock import UnlockScreen

SIZE = (100, 32)


async def reach_the_recovery_step(pilot, ui) -> str:
    app = pilot.app
    await ui.type_into(pilot, "#passphrase", ui.PASSPHRASE)
    await ui.type_into(pilot, "#passphrase-again", ui.PASSPHRASE)
    await pilot.click("#create")
    await ui.settle(pilot)
    assert isinstance(app.screen, CreateScreen)
    assert app.screen.on_recovery_step
    key = str(app.screen.query_one("#recovery-key", Static).render())
    assert key.strip()
    return key


async def test_ctrl_q_on_the_recovery_step_asks_and_staying_keeps_the_key_on_screen(make_app, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key = await reach_the_recovery_step(pilot, ui)
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert app.is_running
        await pilot.press("escape")  # the safe answer: stay
        await ui.settle(pilot)
        assert isinstance(app.screen, CreateScreen)
        assert str(app.screen.query_one("#recovery-key", Static).render()) == key
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert not app.is_running


async def test_escape_on_the_recovery_step_asks_before_going_on(make_app, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await reach_the_recovery_step(pilot, ui)
        await pilot.press("escape")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_f12_on_the_recovery_step_blanks_it_and_unlock_brings_the_same_key_back(make_app, vault_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key = await reach_the_recovery_step(pilot, ui)
        await pilot.press("f12")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert key.split()[0] not in ui.dom_text(app)
        assert vault_path.exists()
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert isinstance(app.screen, CreateScreen)
        assert str(app.screen.query_one("#recovery-key", Static).render()) == key
        await pilot.click("#written-down")
        await ui.settle(pilot)
        assert not app.screen.query_one("#continue", Button).disabled
        await pilot.click("#continue")
        await ui.settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.locking.pending_recovery_key is None


async def test_the_idle_lock_on_the_recovery_step_blanks_it_too(make_app, clock, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key = await reach_the_recovery_step(pilot, ui)
        clock.advance(minutes=app.config.auto_lock_minutes, seconds=1)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert key.split()[0] not in ui.dom_text(app)
