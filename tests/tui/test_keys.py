"""Keys in the app: Settings' passphrase and recovery-key modal, and derivations in a child process."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Button, Checkbox, Static

from copingkit.core import derivation
from copingkit.core.vault import TEST_KDF, Vault, crypto, errors
from copingkit.core.vault import format as fmt
from copingkit.core.vault.store import unseal
from copingkit.tui.modals.change_keys import ChangeKeysModal
from copingkit.tui.screens.unlock import UnlockScreen

NEW = "winter light over the hills"


async def _open_modal(pilot, ui, button: str) -> None:
    app = pilot.app
    app.go("settings")
    await ui.settle(pilot)
    app.screen.query_one(button, Button).press()
    await ui.settle(pilot)
    assert isinstance(app.screen, ChangeKeysModal)


async def _press(pilot, ui, selector: str) -> None:
    pilot.app.screen.query_one(selector, Button).press()
    await ui.settle(pilot)


def _shown_key(app) -> str:
    return str(app.screen.query_one("#keys-recovery-key", Static).render()).replace("  ", "-").replace("\n", "-")


async def test_changing_the_passphrase_shows_a_new_key_before_anything_is_written(
    make_app, existing_vault_with_key, ui
) -> None:
    vault_path, old_key = existing_vault_with_key
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        await _open_modal(pilot, ui, "#settings-passwd")
        await ui.type_into(pilot, "#keys-current", ui.PASSPHRASE)
        await ui.type_into(pilot, "#keys-new", NEW)
        await ui.type_into(pilot, "#keys-again", NEW)
        before = vault_path.read_bytes()
        await _press(pilot, ui, "#keys-go")
        new_key = _shown_key(app)
        assert crypto.parse_recovery_key(new_key) is not None
        assert vault_path.read_bytes() == before
        assert app.screen.query_one("#keys-continue", Button).disabled
        app.screen.query_one("#keys-written", Checkbox).value = True
        await pilot.pause()
        await _press(pilot, ui, "#keys-continue")
        assert not isinstance(app.screen, ChangeKeysModal)
        assert str(app.screen.query_one("#settings-keys-message", Static).render()) == "Passphrase changed."
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
    with pytest.raises(errors.WrongSecret):
        Vault.open(vault_path, ui.PASSPHRASE, kdf=TEST_KDF)
    with pytest.raises(errors.WrongSecret):
        Vault.open(vault_path, recovery_key=old_key, kdf=TEST_KDF)
    Vault.open(vault_path, NEW, kdf=TEST_KDF).close()
    Vault.open(vault_path, recovery_key=new_key, kdf=TEST_KDF).close()


async def test_leaving_before_written_down_changes_nothing(make_app, existing_vault_with_key, ui) -> None:
    vault_path, old_key = existing_vault_with_key
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        await _open_modal(pilot, ui, "#settings-new-recovery")
        await ui.type_into(pilot, "#keys-current", "not my passphrase")
        await _press(pilot, ui, "#keys-go")
        assert "That isn't your passphrase now" in ui.screen_text(app)
        await ui.type_into(pilot, "#keys-current", ui.PASSPHRASE)
        await _press(pilot, ui, "#keys-go")
        assert crypto.parse_recovery_key(_shown_key(app)) is not None
        before = vault_path.read_bytes()
        await pilot.press("escape")
        await ui.settle(pilot)
        assert str(app.screen.query_one("#settings-keys-message", Static).render()) == "Nothing was changed."
        assert vault_path.read_bytes() == before
    Vault.open(vault_path, recovery_key=old_key, kdf=TEST_KDF).close()


async def test_unlock_works_with_the_derivation_in_a_child(make_app, existing_vault, ui, monkeypatch) -> None:
    monkeypatch.setattr(derivation, "IN_PROCESS_WORK", 0)
    started: list[int] = []
    real = derivation.derive
    monkeypatch.setattr(derivation, "derive", lambda *args: started.append(1) or real(*args))
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        assert app.unlocked
    assert started == [1]


async def test_quitting_while_a_key_is_derived_ends_the_child(make_app, existing_vault, ui, monkeypatch) -> None:
    """A passphrase slot that takes many seconds; ctrl+q while it runs kills the child at once."""
    header, dek, image = unseal(existing_vault.read_bytes(), passphrase=ui.PASSPHRASE)
    costly = fmt.Keyslot(fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, 262_144, 16, 1, b"k" * 16, b"n" * 12, b"w" * 48)
    header = header.with_changes(slots=(costly, *header.slots), body_salt=b"s" * 16)
    existing_vault.write_bytes(header.to_bytes() + crypto.seal_body(dek, header, image))
    ended: list[int] = []
    real_cancel = derivation.cancel_all
    monkeypatch.setattr(derivation, "cancel_all", lambda: ended.append(real_cancel()) or ended[-1])
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await ui.type_into(pilot, "#passphrase", ui.PASSPHRASE)
        await pilot.press("enter")
        assert await asyncio.to_thread(derivation.wait_until_running, 120)
        await pilot.press("ctrl+q")
    assert 1 in ended
    assert await asyncio.to_thread(derivation.wait_until_idle, 120)


async def test_the_create_screen_shows_the_chosen_cost(make_app, vault_path, ui) -> None:
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.type_into(pilot, "#passphrase", ui.PASSPHRASE)
        await ui.type_into(pilot, "#passphrase-again", ui.PASSPHRASE)
        app.screen.query_one("#create", Button).press()
        await ui.settle(pilot)
        shown = str(app.screen.query_one("#create-cost", Static).render())
        assert shown == "Your passphrase is protected by Argon2id, 32 KiB, 1 pass, 1 lane."


def _three_passphrase_slots(path, passphrase: str) -> None:
    """Two extra passphrase slots that open nothing, before the real one: more than copingkit tries."""
    header, dek, image = unseal(path.read_bytes(), passphrase=passphrase)
    extra = fmt.Keyslot(fmt.SLOT_PASSPHRASE, fmt.KDF_ARGON2ID, 32, 1, 1, b"k" * 16, b"n" * 12, b"w" * 48)
    header = header.with_changes(slots=(extra, extra, *header.slots), body_salt=b"s" * 16)
    path.write_bytes(header.to_bytes() + crypto.seal_body(dek, header, image))


async def test_too_costly_is_said_calmly_and_allow_costly_kdf_reaches_the_unlock(make_app, existing_vault, ui) -> None:
    _three_passphrase_slots(existing_vault, ui.PASSPHRASE)
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        assert not app.unlocked
        assert "This journal asks for more work than copingkit allows" in ui.screen_text(app)
    app = make_app(allow_costly_kdf=True)
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        assert app.unlocked


async def test_a_short_new_passphrase_is_asked_about_first(make_app, existing_vault_with_key, ui) -> None:
    from copingkit.tui.modals.confirm import ConfirmModal

    vault_path, recovery_key = existing_vault_with_key
    app = make_app()
    async with app.run_test(size=ui.SIZE) as pilot:
        await ui.unlock(pilot)
        await _open_modal(pilot, ui, "#settings-passwd")
        await ui.type_into(pilot, "#keys-current", ui.PASSPHRASE)
        await ui.type_into(pilot, "#keys-new", "short")
        await ui.type_into(pilot, "#keys-again", "short")
        await ui.type_into(pilot, "#keys-recovery", recovery_key)
        before = vault_path.read_bytes()
        await _press(pilot, ui, "#keys-go")
        assert isinstance(app.screen, ConfirmModal)
        assert vault_path.read_bytes() == before
        await _press(pilot, ui, "#confirm-yes")
        assert str(app.screen.query_one("#settings-keys-message", Static).render()) == "Passphrase changed."
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
    Vault.open(vault_path, "short", kdf=TEST_KDF).close()
    Vault.open(vault_path, recovery_key=recovery_key, kdf=TEST_KDF).close()
