"""The country: a skippable first-run step after the create flow, and the same list in Settings."""

from __future__ import annotations

import tomllib

from textual.widgets import Input

from copingkit.core.vault import TEST_KDF, Vault
from copingkit.tui.screens.country import CountryScreen
from copingkit.tui.screens.create import CreateScreen
from copingkit.tui.screens.get_help import GetHelpScreen

SIZE = (100, 32)


def listed(app, list_id: str) -> list[str]:
    """The country names the picker's list shows right now."""
    from textual.widgets import OptionList

    options = app.screen.query_one(f"#{list_id}", OptionList)
    assert options.display, "the list is shown while the picker has focus"
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def finish_create(pilot, ui, vault_path) -> None:
    """The create flow's end: its screen hands the app a new, open journal."""
    screen = pilot.app.screen
    assert isinstance(screen, CreateScreen)
    vault, _key = Vault.create(vault_path, ui.PASSPHRASE, kdf=TEST_KDF)
    screen.dismiss(vault)
    await ui.settle(pilot)


async def test_after_create_the_country_step_asks_and_keeps_the_answer(
    make_app, vault_path, config, config_path, ui, monkeypatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    app = make_app(config=config.with_changes(country=""))
    async with app.run_test(size=SIZE) as pilot:
        await finish_create(pilot, ui, vault_path)
        assert isinstance(app.screen, CountryScreen)
        assert app.unlocked
        await pilot.press(*"new zeal")
        await pilot.pause()
        assert listed(app, "country-search-list") == ["New Zealand (NZ)"]
        await pilot.press("enter")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.config.country == "NZ"
    assert tomllib.loads(config_path.read_text())["country"] == "NZ"


async def test_the_country_step_can_be_skipped_and_help_then_says_how_to_set_it(
    make_app, vault_path, config, config_path, ui, monkeypatch
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    app = make_app(config=config.with_changes(country=""))
    async with app.run_test(size=SIZE) as pilot:
        await finish_create(pilot, ui, vault_path)
        assert isinstance(app.screen, CountryScreen)
        await pilot.press("escape")
        await ui.settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        assert "To set your country: Settings" in ui.screen_text(app)
    assert app.config.country == ""
    assert not config_path.exists()


async def test_no_country_step_when_a_country_is_set(make_app, vault_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await finish_create(pilot, ui, vault_path)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_settings_uses_the_same_searchable_list(make_app, existing_vault, config_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        box = app.screen.query_one("#settings-country", Input)
        assert box.value == "United Kingdom"
        box.focus()
        box.value = ""
        await pilot.press(*"braz")
        await pilot.pause()
        assert listed(app, "settings-country-list") == ["Brazil (BR)"]
        await pilot.press("enter")
        await ui.settle(pilot)
        assert app.config.country == "BR"
        assert tomllib.loads(config_path.read_text())["country"] == "BR"
        box.value = "atlantis"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert app.config.country == "BR"
        assert "No country matches that; the country wasn't changed." in ui.screen_text(app)


async def test_a_bundled_line_hidden_in_settings_is_gone_from_get_help_and_named(
    make_app, existing_vault, config_path, ui
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        app.screen.query_one("#settings-hidden-lines", Input).value = "shout"
        await pilot.press("ctrl+s")
        await ui.settle(pilot)
        assert tomllib.loads(config_path.read_text())["hidden_lines"] == ["shout"]
        await pilot.press("f1")
        await pilot.pause()
        text = " ".join(ui.screen_text(app).split())
        assert "85258" not in text and "Samaritans" in text
        assert "You chose to hide: Shout." in text


async def test_a_modals_footer_shows_get_help_and_lock_and_f1_works_there(make_app, existing_vault, ui) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.push_screen(CountryScreen())
        await pilot.pause()
        assert [key.key for key in app.screen.query(FooterKey)] == ["f1", "ctrl+l", "f12", "escape"]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
