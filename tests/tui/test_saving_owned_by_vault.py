"""No screen asks for a save: any write to the open journal schedules one, and typing reaches the
journal a moment after the last key."""

from __future__ import annotations

from copingkit.core.vault import read_identity
from copingkit.tui.drafts import FLUSH_SECONDS
from copingkit.tui.screens.editor import EditorScreen

SIZE = (100, 32)


async def test_a_write_through_any_service_is_saved_without_anyone_asking(
    make_app, existing_vault, ui, test_time
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        generation = read_identity(existing_vault)[1]
        app.services.checkins.create(4, note="written by a worker or a screen that forgot to ask")
        await ui.settle(pilot)
        assert read_identity(existing_vault)[1] == generation, "not before the quiet moment"
        await test_time.advance(pilot, app.saver.debounce_seconds)
        await ui.settle(pilot)
        assert read_identity(existing_vault)[1] == generation + 1


async def test_changes_that_keep_coming_are_saved_within_the_longest_wait(
    make_app, existing_vault, ui, test_time
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        generation = read_identity(existing_vault)[1]
        steps = int(app.saver.max_wait_seconds / 1.0) + 1
        for step in range(steps):  # a change every second: the debounce alone would never fire
            app.services.journal.create(f"line {step}")
            await ui.settle(pilot)
            await test_time.advance(pilot, 1.0)
        await ui.settle(pilot)
        assert read_identity(existing_vault)[1] > generation


async def test_typed_words_reach_the_journal_a_moment_after_the_last_key(
    make_app, existing_vault, ui, test_time
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await ui.settle(pilot)
        await pilot.press("n")
        await ui.settle(pilot)
        assert isinstance(app.screen, EditorScreen)
        await pilot.press(*"Dear diary")
        await test_time.advance(pilot, FLUSH_SECONDS - 0.05)
        assert app.services.journal.count() == 0
        await test_time.advance(pilot, 0.05)
        assert [entry.preview for entry in app.services.journal.list(limit=5)] == ["Dear diary"]
