"""The editor: typing is saved into the journal (debounced), nothing asks to discard, prompts are gentle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from textual.app import App
from textual.screen import Screen
from textual.widgets import TextArea

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import Vault
from copingkit.tui.modals.prompt_picker import PromptPicker
from copingkit.tui.screens.editor import AUTOSAVE_SECONDS, EditorScreen

NOW = datetime(2026, 11, 29, 14, 0, tzinfo=UTC)


class Home(Screen):
    """Something to go back to."""


class ScreenHarness(App):
    """Just what screens use of the real app: services, clock, vault, request_save, note_activity."""

    def __init__(self, make_screen: Callable[[], Screen], services: Services, vault: Vault) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.services = services
        self.clock = services.clock
        self.vault = vault
        self.saves = 0
        self.helped = 0

    def request_save(self) -> None:
        self.saves += 1

    def note_activity(self) -> None:
        pass

    def action_get_help(self) -> None:
        self.helped += 1

    def on_mount(self) -> None:
        self.push_screen(Home())
        self.push_screen(self.make_screen())


def harness(make_screen: Callable[[], Screen] = EditorScreen) -> ScreenHarness:
    database = Database.new()
    return ScreenHarness(make_screen, Services(database, clock=FixedClock(NOW)), Vault.in_memory(database))


async def test_typing_creates_an_entry_after_a_quiet_second() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"Slept badly but the walk helped")
        await pilot.pause()
        assert app.services.journal.count() == 0, "not before the debounce"
        await pilot.pause(AUTOSAVE_SECONDS + 0.3)
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.entry_id is not None
        entry = app.services.journal.get(editor.entry_id)
        assert entry.body == "Slept badly but the walk helped"
        assert app.saves == 1

        await pilot.press(*". Tea too.")
        await pilot.pause(AUTOSAVE_SECONDS + 0.3)
        assert app.services.journal.count() == 1, "later typing updates the same entry"
        assert app.services.journal.get(editor.entry_id).body == "Slept badly but the walk helped. Tea too."


async def test_ctrl_s_saves_title_tags_backdate_star_and_share_now() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = app.screen
        await pilot.press(*"Group night")
        editor.query_one("#editor-title").focus()
        await pilot.press(*"After group")
        editor.query_one("#editor-tags").focus()
        await pilot.press(*"group, #Peer Support")
        editor.query_one("#editor-when").focus()
        await pilot.press(*"yesterday")
        await pilot.press("ctrl+r", "ctrl+t", "ctrl+s")
        await pilot.pause()
        entry = app.services.journal.get(editor.entry_id)
        assert entry.body == "Group night"
        assert entry.title == "After group"
        assert entry.tags == ("group", "peer support")
        assert entry.created_at == NOW - timedelta(days=1)
        assert entry.starred and entry.shared


async def test_escape_keeps_what_was_typed_and_never_asks() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"just this", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Home)
        assert [summary.preview for summary in app.services.journal.list()] == ["just this"]


async def test_nothing_is_created_for_an_empty_body() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        app.screen.query_one("#editor-title").focus()
        await pilot.press(*"only a title", "ctrl+s", "escape")
        await pilot.pause()
        assert app.services.journal.count() == 0


async def test_an_existing_entry_is_updated_in_place() -> None:
    app = harness()
    entry = app.services.journal.create("first words", title="Monday", tags=["work"])
    app.make_screen = lambda: EditorScreen.for_entry(entry.id)
    async with app.run_test(size=(100, 32)) as pilot:
        editor = app.screen
        assert editor.query_one(TextArea).text == "first words"
        assert editor.query_one("#editor-tags").value == "work"
        await pilot.press("end", *" and more", "ctrl+s")
        await pilot.pause()
        stored = app.services.journal.get(entry.id)
        assert stored.body == "first words and more"
        assert stored.title == "Monday" and stored.tags == ("work",)
        assert app.services.journal.count() == 1


async def test_lock_commits_pending_typing() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"before the lock")
        app.screen.commit_pending_edits()
        assert [summary.preview for summary in app.services.journal.list()] == ["before the lock"]


async def test_prompt_with_content_note_offers_ground_first() -> None:
    from copingkit.core.content import load_prompts

    noted = next(prompt for prompt in load_prompts() if prompt.content_note)
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PromptPicker)
        options = picker.query_one("#prompt-list")
        options.highlighted = picker.prompts.index(noted)
        await pilot.pause()
        assert "Content note" in str(picker.query_one("#prompt-note").content)
        await pilot.press("g")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert app.helped == 1, "no grounding screen yet, so Get help opens"
        assert noted.text in editor.query_one(TextArea).text
        assert editor.prompt_id == noted.id and editor.kind == "prompt"
        await pilot.press(*"I can write now", "ctrl+s")
        await pilot.pause()
        entry = app.services.journal.get(editor.entry_id)
        assert entry.kind == "prompt" and entry.prompt_id == noted.id


async def test_prompt_without_note_is_used_with_enter_and_escape_closes_the_picker() -> None:
    app = harness()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        plain = next(i for i, prompt in enumerate(picker.prompts) if not prompt.content_note)
        picker.query_one("#prompt-list").highlighted = plain
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert picker.prompts[plain].text in app.screen.query_one(TextArea).text
        assert app.helped == 0
