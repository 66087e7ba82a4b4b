"""The whole first journey with the keyboard: create, write, check in, quit, come back."""

from __future__ import annotations

from pathlib import Path

from copingkit.tui.drafts import FLUSH_SECONDS as AUTOSAVE_SECONDS
from copingkit.tui.screens.editor import EditorScreen
from copingkit.tui.screens.unlock import UnlockScreen

SIZE = (100, 32)


async def test_create_write_check_in_quit_and_open_again(make_app, vault_path: Path, ui, test_time) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.create_journal(pilot)
        assert app.unlocked
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"The walk by the river helped")
        await test_time.advance(pilot, AUTOSAVE_SECONDS)
        await ui.settle(pilot)
        await pilot.press("escape")
        await ui.settle(pilot)
        await pilot.press("4")
        await ui.settle(pilot)
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
    assert app.vault is None
    assert b"The walk by the river" not in vault_path.read_bytes()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        await ui.type_into(pilot, "#passphrase", ui.PASSPHRASE)
        await pilot.press("enter")
        await ui.settle(pilot)
        assert app.unlocked
        entries = app.services.journal.list()
        assert [app.services.journal.get(e.id).body for e in entries] == ["The walk by the river helped"]
        assert [c.mood for c in app.services.checkins.list()] == [4]
        await pilot.press("ctrl+q")
        await ui.settle(pilot)
