"""Get help: own people first, local lines, anywhere, the emergency number, stale data, safety plan."""

from __future__ import annotations

from datetime import UTC, datetime

from copingkit.core.clock import FixedClock
from copingkit.tui.screens.get_help import GetHelpScreen

SIZE = (100, 32)


async def open_get_help(pilot) -> str:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GetHelpScreen)
    return pilot.app.screen


async def test_locked_get_help_shows_local_lines_anywhere_and_emergency(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        text = ui.screen_text(app)
        assert "Samaritans" in text and "116 123" in text
        assert "Shout" in text
        assert "Find A Helpline" in text
        assert "https://findahelpline.com/" in text
        assert "988 Suicide" not in text, "US lines are not shown for GB"
        assert "999" in text
        assert "Rarely, when a life is at immediate risk" in text
        assert "Your people" not in text
        assert text.index("Samaritans") < text.index("Anywhere") < text.index("Emergency")
        assert "last checked more than a year ago" not in text
        assert "Showing help for United Kingdom (GB), from your settings." in " ".join(text.split())
        assert "Your safety plan is one unlock away." in " ".join(text.split())


async def test_us_lines_and_911(make_app, existing_vault, config, ui) -> None:
    app = make_app(config=config.with_changes(country="US"))
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        text = ui.screen_text(app)
        assert "988 Suicide & Crisis Lifeline" in text
        assert "741741" in text
        assert "911" in text


async def test_unknown_country_shows_the_directory_and_how_to_set_it(
    make_app, existing_vault, config, ui, monkeypatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = make_app(config=config.with_changes(country=""))
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        text = ui.screen_text(app)
        assert "Find A Helpline" in text and "International directory" in text
        assert "988" not in text and "911" not in text and "Samaritans" not in text
        assert "To set your country: Settings" in text
        assert text.count("call your local emergency number") == 1


async def test_a_guessed_country_is_labelled_as_a_guess(make_app, existing_vault, config, ui, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = make_app(config=config.with_changes(country=""))
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        text = " ".join(ui.screen_text(app).split())
        assert "United States (US, from your system's language setting — a guess)" in text
        assert "988 Suicide & Crisis Lifeline" in text


async def test_stale_crisis_data_is_flagged(make_app, existing_vault, ui) -> None:
    app = make_app(clock=FixedClock(datetime(2028, 6, 1, tzinfo=UTC)))
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        assert "last checked more than a year ago" in ui.screen_text(app)


async def test_own_support_contacts_come_first_and_vanish_on_lock(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.safety.add_contact("Sam (sister)", how_to_reach="07700 900123", note="Evenings are best")
        app.services.safety.add_contact("Dr Ade", how_to_reach="clinic line")
        await open_get_help(pilot)
        text = ui.screen_text(app)
        assert "Your people" in text
        assert text.index("Sam (sister)") < text.index("Dr Ade") < text.index("Samaritans")
        assert "Evenings are best" in text
        await pilot.press("escape")
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        await open_get_help(pilot)
        text = ui.screen_text(app)
        assert "Sam (sister)" not in text and "Your people" not in text
        assert "Samaritans" in text


async def test_safety_plan_key_opens_the_real_plan_only_once_unlocked(make_app, existing_vault, ui) -> None:
    from copingkit.tui.screens.safety_plan import SafetyPlanScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_get_help(pilot)
        assert "s" not in app.screen.active_bindings, "no plan key while the journal is locked"
        await pilot.press("escape")
        await pilot.pause()
        await ui.unlock(pilot)
        await open_get_help(pilot)
        assert app.screen.active_bindings["s"].binding.description == "Safety plan"
        await pilot.press("s")
        await ui.settle(pilot)
        assert isinstance(app.screen, SafetyPlanScreen)
