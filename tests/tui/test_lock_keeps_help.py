"""The lock keeps help: an idle lock on Get help leaves the bundled lines, hides the person's own."""

from __future__ import annotations

from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.unlock import UnlockScreen

SIZE = (100, 32)


async def on_get_help_with_a_contact(pilot, ui) -> None:
    app = pilot.app
    await ui.unlock(pilot)
    app.services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123")
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(app.screen, GetHelpScreen) and "Sam (sister)" in ui.screen_text(app)


async def test_the_idle_lock_on_get_help_keeps_the_bundled_lines_and_hides_own_contacts(
    make_app, existing_vault, clock, ui
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_get_help_with_a_contact(pilot, ui)
        clock.advance(minutes=10, seconds=1)
        app.check_idle_lock()
        await ui.settle(pilot)
        assert app.vault is None and not app.unlocked
        assert isinstance(app.screen, GetHelpScreen)
        text = " ".join(ui.screen_text(app).split())
        assert "Samaritans" in text and "116 123" in text and "call 999" in text
        assert "Sam (sister)" not in text and "Your people" not in text
        assert "Your safety plan is one unlock away." in text
        assert isinstance(app.screen_stack[-2], UnlockScreen), "the unlock is right below"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)


async def test_the_panic_key_on_get_help_still_hides_everything(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_get_help_with_a_contact(pilot, ui)
        await pilot.press("f12")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)


async def test_ctrl_f_opens_get_help_too_even_from_a_text_box(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        app.screen.query_one("#settings-country").focus()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)


async def test_esc_from_the_plan_opened_through_get_help_returns_to_get_help(make_app, existing_vault, ui) -> None:
    from copingkit.tui.screens.safety_plan import SafetyPlanScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.safety.set_items("reasons_to_live", ["My dog, Biscuit"])
        await pilot.press("f1")
        await pilot.pause()
        assert "Reasons to keep going" in ui.screen_text(app) and "My dog, Biscuit" in ui.screen_text(app)
        await pilot.press("s")
        await ui.settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen)
        await pilot.press("escape")
        await ui.settle(pilot)
        assert isinstance(app.screen, GetHelpScreen)
