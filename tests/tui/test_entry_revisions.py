"""An entry's earlier versions (kept by a merge) are readable from the editor with ctrl+g."""

from __future__ import annotations

from datetime import UTC, datetime

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.tui.modals.revisions import RevisionsModal
from copingkit.tui.screens.editor import EditorScreen

SIZE = (100, 32)


def _merged_edit(services: Services) -> int:
    entry = services.journal.create("What I wrote on the desktop")
    laptop_db = Database.from_image(services.database.image())
    try:
        laptop = Services(laptop_db, clock=FixedClock(datetime(2030, 1, 1, tzinfo=UTC)))
        laptop.journal.update(entry.id, body="What I wrote later on the laptop")
        services.merge.merge(laptop.transfer.export_document())
    finally:
        laptop_db.close()
    return entry.id


async def test_ctrl_e_shows_the_version_the_merge_kept(demo, ui) -> None:
    ids: list[int] = []
    app, services = demo(seed=lambda s: ids.append(_merged_edit(s)))
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.push_screen(EditorScreen.for_entry(ids[0]))
        await ui.settle(pilot)
        editor = app.screen
        assert editor.query_one("#editor-body").text == "What I wrote later on the laptop"
        assert "1 earlier version kept: ctrl+g" in str(editor.query_one("#editor-status").render())
        await pilot.press("ctrl+g")
        await ui.settle(pilot)
        assert isinstance(app.screen, RevisionsModal)
        bodies = [str(s.render()) for s in app.screen.query(".revision-body")]
        assert bodies == ["What I wrote on the desktop"]
        await pilot.press("escape")
        await ui.settle(pilot)
        assert app.screen is editor


async def test_an_entry_without_earlier_versions_says_so(demo, ui) -> None:
    app, services = demo()
    entry = services.journal.create("Only one version")
    async with app.run_test(size=SIZE) as pilot:
        await ui.settle(pilot)
        app.push_screen(EditorScreen.for_entry(entry.id))
        await ui.settle(pilot)
        await pilot.press("ctrl+g")
        await ui.settle(pilot)
        assert isinstance(app.screen, EditorScreen)
