"""Merging in the app (DESIGN.md §2.3, §5): after a conflict the banner merges the file on disk and
saving resumes; a conflict copy beside the journal is offered after unlock, merged and filed away."""

from __future__ import annotations

import shutil
from pathlib import Path

from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, conflicts
from copingkit.tui.merging import BANNER_TEXT, ConflictBanner
from copingkit.tui.modals.confirm import ConfirmModal
from copingkit.tui.saving import SaveState

SIZE = (100, 32)


def _previews(path: Path, passphrase: str) -> list[str]:
    with Vault.open(path, passphrase, kdf=TEST_KDF) as vault:
        return sorted(entry.preview for entry in Services(vault.database).journal.list())


def _write_on_laptop(existing_vault: Path, tmp_path: Path, passphrase: str, text: str) -> Path:
    """A copy of the journal on another device, with one entry written there (same generation as ours)."""
    laptop = tmp_path / "laptop" / "journal.vault"
    laptop.parent.mkdir(mode=0o700)
    shutil.copy2(existing_vault, laptop)
    with Vault.open(laptop, passphrase, kdf=TEST_KDF) as there:
        Services(there.database).journal.create(text)
    return laptop


async def test_after_a_conflict_the_banner_merges_the_file_on_disk_and_saving_resumes(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("written in the app")
        shutil.copy2(laptop, existing_vault)  # the sync tool copies the laptop's file over ours
        app.saver.save_now()
        await ui.settle(pilot)

        assert app.saver.state is SaveState.CONFLICT
        app.services.journal.create("more in the app")
        await ui.settle(pilot)
        assert app.saver.state is SaveState.CONFLICT  # autosave stays paused
        assert app.screen.query(ConflictBanner)
        assert BANNER_TEXT in ui.screen_text(app)

        await pilot.click("#conflict-merge")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "adds 1 entry" in ui.screen_text(app)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)

        assert app.saver.state is SaveState.IDLE
        assert not app.screen.query(ConflictBanner)
    assert _previews(existing_vault, ui.PASSPHRASE) == [
        "more in the app",
        "written in the app",
        "written on the laptop",
    ]


async def test_not_merging_keeps_the_file_on_disk_and_saving_paused(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("written in the app")
        shutil.copy2(laptop, existing_vault)
        synced = existing_vault.read_bytes()
        app.saver.save_now()
        await ui.settle(pilot)
        await pilot.press("f5")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await ui.settle(pilot)

        assert app.saver.state is SaveState.CONFLICT
        assert app.screen.query(ConflictBanner)
        assert existing_vault.read_bytes() == synced


async def test_save_as_a_copy_writes_this_version_beside_the_file_and_stays_paused(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        app.services.journal.create("written in the app")
        shutil.copy2(laptop, existing_vault)
        synced = existing_vault.read_bytes()
        app.saver.save_now()
        await ui.settle(pilot)
        app.services.journal.create("after the conflict")
        await ui.settle(pilot)

        await pilot.press("f6")
        await ui.settle(pilot)

        assert app.saver.state is SaveState.CONFLICT
        copy = app.saver.last_error.conflict_copy
        assert str(copy) in " ".join(str(n.message) for n in app._notifications)
        assert existing_vault.read_bytes() == synced
    assert _previews(copy, ui.PASSPHRASE) == ["after the conflict", "written in the app"]


async def test_a_conflict_copy_beside_the_journal_is_offered_merged_and_not_offered_again(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    with Vault.open(existing_vault, ui.PASSPHRASE, kdf=TEST_KDF) as here:
        Services(here.database).journal.create("written here")
    copy = existing_vault.with_name("journal.sync-conflict-20261201-101500-ABCDEF1.vault")
    shutil.copy2(laptop, copy)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert copy.name in ui.screen_text(app)
        assert "adds 1 entry" in ui.screen_text(app)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert not copy.exists()
        assert conflicts.conflict_copies(existing_vault) == []
        await pilot.press("ctrl+l")
        await ui.settle(pilot)
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
    assert _previews(existing_vault, ui.PASSPHRASE) == ["written here", "written on the laptop"]


async def test_not_now_leaves_the_conflict_copy_where_it_is(make_app, existing_vault: Path, ui, tmp_path: Path) -> None:
    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    copy = existing_vault.with_name("journal (Sam's conflicted copy 2026-12-01).vault")
    shutil.copy2(laptop, copy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-no")
        await ui.settle(pilot)
        assert copy.exists()
    assert _previews(existing_vault, ui.PASSPHRASE) == []


async def test_a_copy_under_another_passphrase_asks_for_it_and_merges(
    make_app, existing_vault: Path, ui, tmp_path: Path
) -> None:
    from copingkit.tui.modals.text_prompt import TextPromptModal

    laptop = _write_on_laptop(existing_vault, tmp_path, ui.PASSPHRASE, "written on the laptop")
    with Vault.open(laptop, ui.PASSPHRASE, kdf=TEST_KDF) as there:
        there.change_passphrase("the laptop's own passphrase")  # a new data key, too
    copy = existing_vault.with_name("journal.sync-conflict-20261201-101500-ABCDEF1.vault")
    shutil.copy2(laptop, copy)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        assert isinstance(app.screen, TextPromptModal)
        assert copy.name in ui.screen_text(app)
        await ui.type_into(pilot, "#text-prompt-input", "the laptop's own passphrase")
        await pilot.press("enter")
        await ui.settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await ui.settle(pilot)
        assert not copy.exists()
    assert _previews(existing_vault, ui.PASSPHRASE) == ["written on the laptop"]
