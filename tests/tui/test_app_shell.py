"""The shell: keys that work everywhere, navigation, the command palette, themes, demo, settings, quit."""

from __future__ import annotations

import re
import tomllib

import pytest
from textual.widgets import Input

from copingkit.core.vault import Vault, errors
from copingkit.tui.app import CopingkitApp
from copingkit.tui.navigation import PLACES, CopingkitCommands, load_screen_class
from copingkit.tui.screens.create import CreateScreen
from copingkit.tui.screens.get_help import GetHelpScreen
from copingkit.tui.screens.unlock import UnlockScreen

SIZE = (100, 32)


def screen_name(app) -> str:
    return type(app.screen).__name__


def shown_keys(app) -> dict[str, str]:
    """Key -> description for the bindings the footer shows on the current screen."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def make_editor():
    from copingkit.tui.screens.editor import EditorScreen

    return EditorScreen()


EVERY_DESTINATION = [item.name for item in PLACES]


@pytest.mark.parametrize("destination", EVERY_DESTINATION)
async def test_f1_reaches_get_help_and_ctrl_l_locks_from_every_screen(
    make_app, existing_vault, ui, destination
) -> None:
    from copingkit.tui.navigation import destination as find

    screen_class = load_screen_class(find(destination))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go(destination)
        await ui.settle(pilot)
        assert isinstance(app.screen, screen_class)
        expected = type(app.screen).__name__
        keys = shown_keys(app)
        assert keys.get("f1") == "Get help" and keys.get("ctrl+l") == "Lock" and keys.get("f12") == "Panic lock"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == expected
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert list(app._screen_stacks) == ["_default"]


async def test_f1_and_ctrl_l_work_while_typing_in_the_editor(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await app.push_screen(make_editor())
        await ui.settle(pilot)
        await pilot.press("h", "i")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
    reopened = Vault.open(existing_vault, ui.PASSPHRASE, kdf=app.kdf)
    try:
        from copingkit.core.services import Services

        previews = [summary.preview for summary in Services(reopened.database).journal.list()]
        assert previews == ["hi"], "the editor's text was saved before the lock"
    finally:
        reopened.close()


@pytest.mark.parametrize("door", ["create", "unlock"])
async def test_get_help_from_the_door_needs_no_journal(make_app, request, ui, door) -> None:
    if door == "unlock":
        request.getfixturevalue("existing_vault")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, CreateScreen if door == "create" else UnlockScreen)
        keys = shown_keys(app)
        assert keys.get("f1") == "Get help"
        assert "ctrl+l" not in keys
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)
        assert "Samaritans" in ui.screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CreateScreen if door == "create" else UnlockScreen)


async def test_navigation_keys_when_nothing_is_being_typed(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert screen_name(app) == "HomeScreen"
        app.screen.set_focus(None)
        await pilot.press("j")
        await ui.settle(pilot)
        assert screen_name(app) == "JournalScreen"
        await pilot.press("escape")  # the journal has a search box: there, letters are for writing
        await ui.settle(pilot)
        await pilot.press("t")
        await ui.settle(pilot)
        assert screen_name(app) == "ToolsScreen"
        await pilot.press("h")
        await ui.settle(pilot)
        assert screen_name(app) == "HomeScreen"
        assert len(app.screen_stack) == 1


async def test_navigation_letters_type_into_inputs(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        box = app.screen.query_one("#settings-country", Input)
        box.value = ""
        box.focus()
        await pilot.press("h", "j")
        await pilot.pause()
        assert screen_name(app) == "SettingsScreen"
        assert box.value == "hj"


async def test_locked_door_ignores_navigation_letters(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(None)
        await pilot.press("h", "j", "c")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert app.services is None


def test_bindings_have_kebab_case_ids() -> None:
    ids = [binding.id for binding in CopingkitApp.BINDINGS]
    assert {"get-help", "lock", "panic-lock", "go-home", "go-journal", "go-checkin"} <= set(ids)
    assert all(binding_id and re.fullmatch(r"[a-z]+(-[a-z]+)*", binding_id) for binding_id in ids)
    keys = {binding.id: binding.key for binding in CopingkitApp.BINDINGS}
    assert (keys["get-help"], keys["lock"], keys["panic-lock"]) == ("f1", "ctrl+l", "f12")


async def test_palette_has_no_screenshot_and_offers_the_shell_commands(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Quit" in titles
        assert not any("screenshot" in title.lower() for title in titles)
        locked = [hit.text async for hit in CopingkitCommands(app.screen).discover()]
        assert locked == ["Get help"]

        await ui.unlock(pilot)
        names = [hit.text async for hit in CopingkitCommands(app.screen).discover()]
        assert {"Get help", "Lock", "Home", "Journal", "Check in", "Settings"} <= set(names)

        from textual.command import CommandPalette

        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"screenshot")
        await ui.settle(pilot)
        listed = " ".join(str(option.prompt) for option in app.screen.query_one("CommandList").options)
        assert "screenshot" not in listed.lower()
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"get help")
        await ui.settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GetHelpScreen)


async def test_screenshot_action_writes_nothing(make_app, existing_vault, ui, tmp_path, monkeypatch) -> None:
    app = make_app()
    delivered = []
    monkeypatch.setattr(app, "deliver_screenshot", lambda *args, **kwargs: delivered.append(args))
    monkeypatch.setattr(app, "save_screenshot", lambda *args, **kwargs: delivered.append(args))
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.action_screenshot(filename="shot.svg", path=str(tmp_path))
        await ui.settle(pilot)
        assert delivered == []
        assert not (tmp_path / "shot.svg").exists()


async def test_themes_are_registered_and_the_configured_one_is_used(make_app, config) -> None:
    app = make_app(config=config.with_changes(theme="copingkit-high-contrast"))
    async with app.run_test(size=SIZE):
        assert {"copingkit-calm", "copingkit-dark", "copingkit-high-contrast"} <= set(app.available_themes)
        assert app.theme == "copingkit-high-contrast"
    app = make_app(config=config.with_changes(theme="no-such-theme"))
    async with app.run_test(size=SIZE):
        assert app.theme == "copingkit-calm"


async def test_no_color_is_respected(make_app, monkeypatch) -> None:
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE):
        assert app.no_color
        assert any(isinstance(f, (Monochrome, NoColor)) for f in app._filters)


async def test_no_animation_when_the_level_is_none(make_app) -> None:
    from textual.widgets import LoadingIndicator

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        spinner = app.screen.query_one(LoadingIndicator)
        assert str(spinner.render()) == "Loading..."
        await pilot.pause()


async def test_settings_are_saved_to_config_toml_and_applied(make_app, existing_vault, config_path, ui) -> None:
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("settings")
        await ui.settle(pilot)
        screen = app.screen
        screen.query_one("#settings-theme", Select).value = "copingkit-high-contrast"
        screen.query_one("#settings-auto-lock", Input).value = "5"
        screen.query_one("#settings-country", Input).value = "us"
        screen.query_one("#settings-backups", Input).value = "12"
        screen.query_one("#settings-save").scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#settings-save")
        await pilot.pause()
        assert app.theme == "copingkit-high-contrast"
        assert app.config.auto_lock_minutes == 5
        assert app.vault.backups_keep == 12
        assert "Saved." in ui.screen_text(app)
    stored = tomllib.loads(config_path.read_text())
    assert stored == {
        "theme": "copingkit-high-contrast",
        "auto_lock_minutes": 5,
        "country": "US",
        "backups_keep": 12,
    }


async def test_demo_shows_it_is_not_saved_and_never_asks_for_a_passphrase(make_app, vault_path, ui) -> None:
    from copingkit.core.services import Services

    demo = Vault.in_memory()
    Services(demo.database).journal.create("a demo entry about tea")
    app = make_app(vault_path=None, demo_vault=demo)
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        assert app.unlocked and app.demo
        assert "Demo — nothing is saved" in ui.dom_text(app)
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        assert isinstance(app.screen, UnlockScreen)
        assert "a demo entry about tea" not in ui.dom_text(app)
        await pilot.click("#open-demo")
        await ui.settle(pilot)
        assert app.unlocked
    assert not vault_path.exists()
    assert not any(vault_path.parent.glob("*")) if vault_path.parent.exists() else True


async def test_quit_saves_first(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("saved on the way out")
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
    reopened = Vault.open(existing_vault, ui.PASSPHRASE, kdf=app.kdf)
    try:
        from copingkit.core.services import Services

        assert [s.id for s in Services(reopened.database).journal.list()]
    finally:
        reopened.close()


async def test_quit_with_a_failing_save_asks_and_can_stay(make_app, existing_vault, ui, monkeypatch) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    def failing(*args, **kwargs):
        raise errors.SaveFailed("disk full")

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("only in memory")
        monkeypatch.setattr(app.vault, "save", failing)
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert app.unlocked
        assert app.is_running


async def test_save_status_is_shown_on_journal_screens(make_app, existing_vault, ui) -> None:
    from copingkit.tui.widgets.save_status import SaveStatus

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.go("journal")
        await ui.settle(pilot)
        status = app.screen.query_one(SaveStatus)
        assert str(status.render()) == "Saved"
        app.saver.debounce_seconds = 5
        app.services.journal.create("x")
        app.request_save()
        await pilot.pause()
        assert str(status.render()) == "Saving…"
        app.saver.save_now()
        await ui.settle(pilot)
        assert str(status.render()) == "Saved"


async def test_demo_settings_apply_but_write_nothing(make_app, ui, isolated_environment) -> None:
    from copingkit.core.sample_data import build_demo_vault

    app = make_app(vault_path=None, config_path=None, demo_vault=build_demo_vault())
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.go("settings")
        await ui.settle(pilot)
        app.screen.query_one("#settings-auto-lock", Input).value = "3"
        await pilot.click("#settings-save")
        await pilot.pause()
        assert app.config.auto_lock_minutes == 3
        assert "nothing is saved" in ui.screen_text(app)
    written = [path for path in isolated_environment.rglob("*") if path.is_file()]
    assert written == []
