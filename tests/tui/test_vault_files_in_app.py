"""The vault's file rules through the real app: a same-generation copy synced in under the open app is
never overwritten (a conflict copy is written instead), a read-only journal opens and says so, and a
folder someone else could change is refused unless --trust-folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, read_identity
from copingkit.tui.saving import SaveState
from copingkit.tui.screens.locked_error import LockedErrorScreen
from tests.support.read_only import read_only_mount

SIZE = (100, 32)


async def test_a_same_generation_copy_synced_in_under_the_open_app_is_kept_byte_for_byte(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    laptop = tmp_path / "laptop" / "journal.vault"
    laptop.parent.mkdir(mode=0o700)
    shutil.copy2(existing_vault, laptop)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("written in the app")
        app.saver.save_now()
        await ui.settle(pilot)
        with Vault.open(laptop, ui.PASSPHRASE, kdf=TEST_KDF) as there:
            Services(there.database).journal.create("written on the laptop")
        assert read_identity(laptop) == read_identity(existing_vault)
        shutil.copy2(laptop, existing_vault)
        synced = existing_vault.read_bytes()

        app.services.journal.create("more in the app")
        app.saver.save_now()
        await ui.settle(pilot)

        assert app.saver.state is SaveState.CONFLICT
        assert existing_vault.read_bytes() == synced
        copies = sorted(existing_vault.parent.glob("journal.conflict-*.vault"))
        assert len(copies) == 1
    with Vault.open(copies[0], ui.PASSPHRASE, kdf=TEST_KDF) as mine:
        previews = sorted(entry.preview for entry in Services(mine.database).journal.list())
    assert previews == ["more in the app", "written in the app"]


async def test_a_read_only_journal_opens_and_says_changes_cant_be_saved(make_app, existing_vault: Path, ui) -> None:
    app = make_app()
    with read_only_mount(existing_vault.parent):
        async with app.run_test(size=SIZE) as pilot:
            await ui.unlock(pilot)
            assert app.unlocked and app.vault.read_only
            notices = [str(n.message) for n in app._notifications]
            assert any("changes can't be saved here" in notice for notice in notices), notices
            await pilot.press("ctrl+l")
            await ui.settle(pilot)
            assert not app.unlocked


async def test_a_change_to_a_read_only_journal_says_so_and_is_never_retried(
    make_app, existing_vault: Path, ui, test_time
) -> None:
    from copingkit.tui.saving import READ_ONLY_TEXT, SaveState

    app = make_app()
    with read_only_mount(existing_vault.parent):
        async with app.run_test(size=SIZE) as pilot:
            await ui.unlock(pilot)
            assert app.saver.state is SaveState.READ_ONLY
            app.services.checkins.create(3)
            await test_time.advance(pilot, app.saver.max_wait_seconds)
            await ui.settle(pilot)
            assert app.saver.state is SaveState.READ_ONLY
            assert app.save_status == READ_ONLY_TEXT


async def test_a_folder_owned_by_another_user_is_refused_in_the_app_unless_trusted(
    make_app, existing_vault: Path, ui
) -> None:
    os.chown(existing_vault.parent, 4242, -1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert isinstance(app.screen, LockedErrorScreen)
        assert f"won't use the folder {existing_vault.parent}" in ui.screen_text(app)
        assert not app.unlocked
    trusted = make_app(trust_folder=True)
    async with trusted.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        assert trusted.unlocked
