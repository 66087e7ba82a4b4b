"""The editor: typing is saved into the journal (debounced), nothing asks to discard, prompts are gentle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import TextArea

from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.drafts import FLUSH_SECONDS as AUTOSAVE_SECONDS
from copingkit.tui.modals.prompt_picker import PromptPicker
from copingkit.tui.screens.editor import EditorScreen
from copingkit.tui.screens.home import HomeScreen

SIZE = (100, 32)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


async def open_editor(pilot, ui, entry_id: int | None = None) -> EditorScreen:
    """From home: n for a new entry, or the editor pushed for an existing one."""
    await ui.settle(pilot)
    if entry_id is None:
        await pilot.press("n")
    else:
        pilot.app.push_screen(EditorScreen.for_entry(entry_id))
    await pilot.pause()
    assert isinstance(pilot.app.screen, EditorScreen)
    return pilot.app.screen


async def test_typing_creates_an_entry_after_a_quiet_second(demo, ui, test_time) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        await pilot.press(*"Slept badly but the walk helped")
        await test_time.advance(pilot, AUTOSAVE_SECONDS - 0.01)
        assert services.journal.count() == 0, "not before the debounce"
        await test_time.advance(pilot, 0.01)
        assert editor.entry_id is not None
        entry = services.journal.get(editor.entry_id)
        assert entry.body == "Slept badly but the walk helped"
        assert app.saves == 1

        await pilot.press(*". Tea too.")
        await test_time.advance(pilot, AUTOSAVE_SECONDS)
        assert services.journal.count() == 1, "later typing updates the same entry"
        assert services.journal.get(editor.entry_id).body == "Slept badly but the walk helped. Tea too."


async def test_ctrl_s_saves_title_tags_backdate_star_and_share_now(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        await pilot.press(*"Group night")
        editor.query_one("#editor-title").focus()
        await pilot.press(*"After group")
        editor.query_one("#editor-tags").focus()
        await pilot.press(*"group, #Peer Support")
        editor.query_one("#editor-when").focus()
        await pilot.press(*"yesterday")
        await pilot.press("ctrl+r", "ctrl+t", "ctrl+s")
        await pilot.pause()
        entry = services.journal.get(editor.entry_id)
        assert entry.body == "Group night"
        assert entry.title == "After group"
        assert entry.tags == ("group", "peer support")
        assert entry.created_at == NOW - timedelta(days=1)
        assert entry.starred and entry.shared


async def test_escape_keeps_what_was_typed_and_never_asks(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot, ui)
        await pilot.press(*"just this", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [summary.preview for summary in services.journal.list()] == ["just this"]


async def test_nothing_is_created_for_an_empty_body(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        editor.query_one("#editor-title").focus()
        await pilot.press(*"only a title", "ctrl+s", "escape")
        await pilot.pause()
        assert services.journal.count() == 0


async def test_an_existing_entry_is_updated_in_place(demo, ui) -> None:
    ids = {}

    def seed(services: Services) -> None:
        ids["entry"] = services.journal.create("first words", title="Monday", tags=["work"]).id

    app, services = demo(seed)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui, ids["entry"])
        before = services.journal.get(ids["entry"])
        assert editor.query_one(TextArea).text == "first words"
        assert editor.query_one("#editor-tags").value == "work"
        await pilot.press("end", *" and more", "ctrl+s")
        await pilot.pause()
        stored = services.journal.get(ids["entry"])
        assert stored.body == "first words and more"
        assert stored.title == "Monday" and stored.tags == ("work",)
        assert stored.created_at == before.created_at, "editing never moves an entry in time"
        assert services.journal.count() == 1


async def test_lock_commits_pending_typing(make_app, existing_vault, ui) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ui.unlock(pilot)
        await open_editor(pilot, ui)
        await pilot.press(*"before the lock", "ctrl+l")
        await ui.settle(pilot)
        assert not app.unlocked
    vault = Vault.open(existing_vault, passphrase=ui.PASSPHRASE)
    try:
        services = Services(vault.database)
        assert [summary.preview for summary in services.journal.list()] == ["before the lock"]
    finally:
        vault.close()


async def test_prompt_with_content_note_offers_ground_first(demo, ui) -> None:
    from copingkit.core.content import load_prompts
    from copingkit.tui.screens.tools import ToolsScreen

    noted = next(prompt for prompt in load_prompts() if prompt.content_note)
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PromptPicker)
        picker.query_one("#prompt-list").highlighted = picker.prompts.index(noted)
        await pilot.pause()
        assert "Content note" in str(picker.query_one("#prompt-note").content)
        await pilot.press("g")
        await ui.settle(pilot)
        assert isinstance(app.screen, ToolsScreen), "the grounding tools open on top of the editor"
        await app.pop_screen()
        await pilot.pause()
        assert app.screen is editor
        assert noted.text in editor.query_one(TextArea).text
        assert editor.prompt_id == noted.id and editor.kind == "prompt"
        editor.query_one(TextArea).focus()
        await pilot.press(*"I can write now", "ctrl+s")
        await pilot.pause()
        entry = services.journal.get(editor.entry_id)
        assert entry.kind == "prompt" and entry.prompt_id == noted.id
        assert entry.body.endswith("I can write now")


async def test_prompt_without_note_is_used_with_enter_and_escape_closes_the_picker(demo, ui) -> None:
    app, _ = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        plain = next(i for i, prompt in enumerate(picker.prompts) if not prompt.content_note)
        picker.query_one("#prompt-list").highlighted = plain
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is editor
        assert picker.prompts[plain].text in editor.query_one(TextArea).text


async def test_an_unreadable_date_is_named_and_the_words_are_still_saved(demo, ui) -> None:
    app, services = demo()
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_editor(pilot, ui)
        await pilot.press(*"words first")
        editor.query_one("#editor-when").focus()
        await pilot.press(*"someday", "ctrl+s")
        await pilot.pause()
        entry = services.journal.get(editor.entry_id)
        assert entry.body == "words first" and entry.created_at == NOW
        status = str(editor.query_one("#editor-status").content)
        assert "couldn't read the date" in status and "Everything else is saved" in status
