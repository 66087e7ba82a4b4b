"""Creating a journal, unlocking it, the wrong-passphrase path and the recovery key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input

from copingkit.core.vault import TEST_KDF, Vault, errors
from copingkit.tui.screens.create import CreateScreen
from copingkit.tui.screens.locked_error import LockedErrorScreen
from copingkit.tui.screens.unlock import UnlockScreen, wrong_passphrase_words

PASSPHRASE = "kind steady morning light"
SIZE = (100, 32)


async def test_first_run_creates_then_quit_then_unlock(make_app, vault_path: Path, ui) -> None:
    assert not vault_path.exists()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key = await ui.create_journal(pilot)
        assert vault_path.exists()
        assert app.unlocked
        assert len(key.replace("\n", "").replace(" ", "")) == 32
        app.services.journal.create("first words in the new journal")
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
    assert app.vault is None

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await ui.type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert app.unlocked
        bodies = [entry.body for entry in _all_entries(app)]
        assert bodies == ["first words in the new journal"]


def _all_entries(app):
    return [app.services.journal.get(summary.id) for summary in app.services.journal.list()]


async def test_recovery_key_is_not_kept_after_continue(make_app, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        key = await ui.create_journal(pilot)
        groups = key.split()
        assert app.unlocked
        assert not isinstance(app.screen, CreateScreen)
        assert not any(isinstance(screen, CreateScreen) for screen in app.screen_stack)
        for value in vars(app).values():
            assert not (isinstance(value, str) and groups[0] in value)
        assert groups[0] not in ui.screen_text(app)


async def test_short_passphrase_asks_before_using_it(make_app, vault_path: Path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", "short")
        await ui.type_into(pilot, "#passphrase-again", "short")
        await pilot.click("#create")
        await pilot.pause()
        from copingkit.tui.modals.confirm import ConfirmModal

        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-no")
        await ui.settle(pilot)
        assert isinstance(app.screen, CreateScreen)
        assert not vault_path.exists()


async def test_mismatched_passphrases_are_explained(make_app, vault_path: Path, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", PASSPHRASE)
        await ui.type_into(pilot, "#passphrase-again", PASSPHRASE + "x")
        await pilot.click("#create")
        await ui.settle(pilot)
        assert "aren't the same" in ui.screen_text(app)
        assert not vault_path.exists()


async def test_suggested_passphrase_fills_both_boxes(make_app, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#suggest")
        await pilot.pause()
        first = app.screen.query_one("#passphrase", Input).value
        assert len(first.split("-")) == 6
        assert app.screen.query_one("#passphrase-again", Input).value == first
        assert first in ui.screen_text(app)


async def test_wrong_passphrase_three_times_offers_recovery_key(make_app, existing_vault_with_key, ui) -> None:
    vault_path, recovery_key = existing_vault_with_key
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        use_recovery = app.screen.query_one("#use-recovery", Button)
        for attempt in range(3):
            assert not use_recovery.display
            await ui.type_into(pilot, "#passphrase", f"not it {attempt}")
            await pilot.press("enter")
            await ui.settle(pilot)
            assert wrong_passphrase_words() in ui.screen_text(app)
            assert "corrupt" not in ui.screen_text(app).lower()
        assert use_recovery.display
        await pilot.click("#use-recovery")
        await pilot.pause()
        await ui.type_into(pilot, "#recovery-key", recovery_key.lower())
        await pilot.press("enter")
        await ui.settle(pilot)
        assert not app.unlocked
        assert app.screen.query_one("#unlock-steps").current == "unlock-new-passphrase"
        await ui.type_into(pilot, "#new-passphrase", "a brand new river stone")
        await ui.type_into(pilot, "#new-passphrase-again", "a brand new river stone")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert app.unlocked
    # The new passphrase opens it; the old one no longer does.
    Vault.open(vault_path, "a brand new river stone", kdf=TEST_KDF).close()
    try:
        Vault.open(vault_path, PASSPHRASE, kdf=TEST_KDF).close()
    except errors.WrongSecret:
        pass
    else:
        raise AssertionError("the old passphrase still opens the journal")


async def test_wrong_recovery_key_is_gentle(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.misses = 3
        screen.query_one("#use-recovery", Button).display = True
        await pilot.click("#use-recovery")
        await ui.type_into(pilot, "#recovery-key", "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert "recovery key didn't open" in ui.screen_text(app)
        assert not app.unlocked


async def test_damaged_file_shows_calm_words_and_backups(make_app, existing_vault: Path, ui) -> None:
    data = bytearray(existing_vault.read_bytes())
    data[-40] ^= 0xFF
    existing_vault.write_bytes(bytes(data))
    backups = existing_vault.parent / "backups"
    backups.mkdir(exist_ok=True)
    (backups / "journal-20261119T000000Z.vault").write_bytes(b"x")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        text = ui.screen_text(app)
        assert "damaged or was changed outside copingkit" in text
        assert "journal-20261119T000000Z.vault" in text
        await pilot.click("#error-try-again")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)


async def test_not_a_vault_says_so_and_its_get_help_button_opens_get_help(make_app, vault_path: Path, ui) -> None:
    """The button once called the coroutine App.run_action without awaiting it, so it did nothing."""
    from copingkit.tui.screens.get_help import GetHelpScreen

    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"just some text, not a journal" * 10)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", PASSPHRASE)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        assert "not a copingkit journal" in ui.screen_text(app)
        await pilot.click("#error-get-help")
        await ui.settle(pilot)
        assert isinstance(app.screen, GetHelpScreen)


async def test_open_in_another_window(make_app, existing_vault: Path, ui) -> None:
    holder = Vault.open(existing_vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await ui.type_into(pilot, "#passphrase", PASSPHRASE)
            await pilot.press("enter")
            await ui.settle(pilot)
            assert isinstance(app.screen, LockedErrorScreen)
            assert "already open in another window" in ui.screen_text(app)
            holder.close()
            await pilot.click("#error-try-again")
            await pilot.pause()
            await ui.type_into(pilot, "#passphrase", PASSPHRASE)
            await pilot.press("enter")
            await ui.settle(pilot)
            assert app.unlocked
    finally:
        holder.close()


async def test_newer_version_says_update(make_app, existing_vault: Path, ui) -> None:
    data = bytearray(existing_vault.read_bytes())
    data[8:10] = (2).to_bytes(2, "little")
    existing_vault.write_bytes(bytes(data))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        text = ui.screen_text(app)
        assert "made by a newer copingkit" in text
        assert "pipx upgrade copingkit" in text


async def test_truncated_file_is_damaged_and_lists_backups(make_app, existing_vault: Path, ui) -> None:
    existing_vault.write_bytes(existing_vault.read_bytes()[:100])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        text = ui.screen_text(app)
        assert "damaged" in text
        assert "No backups were found beside it." in text
        assert "wrong passphrase" not in text.lower()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "GetHelpScreen"


async def test_backups_are_listed_once(make_app, existing_vault: Path, ui) -> None:
    existing_vault.write_bytes(existing_vault.read_bytes()[:100])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert ui.screen_text(app).count("No backups were found") == 1


async def test_get_help_opened_while_unlocking_is_closed_when_the_journal_opens(
    make_app, existing_vault, ui, monkeypatch
) -> None:
    import threading

    from copingkit.tui.screens.get_help import GetHelpScreen

    go_on = threading.Event()
    real_open = Vault.open

    def slow_open(*args, **kwargs):
        go_on.wait(120)  # released by the test below; the bound only keeps a failed test from hanging
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Vault, "open", slow_open)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await ui.type_into(pilot, "#passphrase", PASSPHRASE)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, GetHelpScreen)
        finally:
            go_on.set()
        await ui.settle(pilot)
        assert app.unlocked
        assert type(app.screen).__name__ == "HomeScreen"
        assert [type(s).__name__ for s in app._screen_stacks["_default"]] == ["BlankScreen"]


async def test_progress_is_visible_while_the_key_is_derived(make_app, vault_path: Path, ui, monkeypatch) -> None:
    import threading

    from textual.widgets import LoadingIndicator

    from copingkit.tui.screens import create
    from copingkit.tui.screens.create import WORKING

    go_on = threading.Event()
    real_create = Vault.create

    def slow_create(*args, **kwargs):
        go_on.wait(120)  # released by the test below; the bound only keeps a failed test from hanging
        return real_create(*args, **kwargs)

    monkeypatch.setattr(create.Vault, "create", slow_create)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        try:
            await ui.type_into(pilot, "#passphrase", PASSPHRASE)
            await ui.type_into(pilot, "#passphrase-again", PASSPHRASE)
            await pilot.click("#create")
            await pilot.pause()
            steps = app.screen.query_one("#create-steps")
            assert steps.current == "create-working"
            assert app.screen.query_one("#create-spinner", LoadingIndicator).display
            assert WORKING in app.export_screenshot().replace("&#160;", " ")
            assert PASSPHRASE not in ui.dom_text(app), "the passphrase boxes are emptied once used"
        finally:
            go_on.set()
        await ui.settle(pilot)
        assert steps.current == "create-recovery"
