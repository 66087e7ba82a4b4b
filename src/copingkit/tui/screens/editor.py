"""Write an entry. Everything saves as you type, so leaving never asks "discard changes?".

A moment after the last change (the app's draft flush, tui/drafts.py) the entry is created (once
there are words) or updated through the journal service; the vault saves itself after that.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Static, TextArea

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.tags import split_tags
from copingkit.tui.context import app_context, open_services
from copingkit.tui.drafts import WritingScreen
from copingkit.tui.modals.prompt_picker import DEFAULT_NOTE, PromptChoice, PromptPicker
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.tick_box import TickBox
from copingkit.tui.widgets.when_input import WhenInput


def body_language() -> str | None:
    """Markdown highlighting when tree-sitter and its markdown grammar are installed; else plain."""
    if find_spec("tree_sitter") and find_spec("tree_sitter_markdown"):
        return "markdown"
    return None


@dataclass(frozen=True)
class Draft:
    body: str
    title: str | None
    tags: tuple[str, ...]
    when: str
    starred: bool
    shared: bool


class EditorScreen(WritingScreen):
    """A new entry, or an existing one when `entry_id` is set before the screen is pushed."""

    CSS_PATH = "editor.tcss"
    AUTO_FOCUS = "#editor-body"

    BINDINGS = [
        Binding("escape", "back", "Back", id="editor-back"),
        Binding("ctrl+s", "save_now", "Save now", id="editor-save-now"),
        Binding("ctrl+o", "pick_prompt", "Prompt", id="editor-pick-prompt"),
        Binding("ctrl+r", "toggle_star", "Star", id="editor-toggle-star"),
        Binding("ctrl+t", "toggle_share", "Share", id="editor-toggle-share"),
        Binding("ctrl+g", "earlier_versions", "Earlier versions", id="editor-earlier-versions"),
    ]

    def __init__(self, entry_id: int | None = None) -> None:
        """A new entry, or the entry `entry_id` to read and change."""
        super().__init__()
        self.entry_id = entry_id
        self.kind = "free"
        self.prompt_id: str | None = None
        self._prompt_text = ""
        self._saved: Draft | None = None
        self._loaded_when = ""

    @classmethod
    def for_entry(cls, entry_id: int) -> EditorScreen:
        return cls(entry_id=entry_id)

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-form"):
            yield Input(placeholder="Title (optional)", id="editor-title")
            yield Static("", id="editor-prompt")
            yield TextArea(
                "",
                language=body_language(),
                soft_wrap=True,
                tab_behavior="focus",
                placeholder="Write whatever you like. It saves as you type.",
                id="editor-body",
            )
            with Horizontal(id="editor-meta"):
                yield Input(placeholder="tags, comma separated (optional)", id="editor-tags")
                yield WhenInput(id="editor-when")
            with Horizontal(id="editor-flags"):
                yield TickBox("Starred", id="editor-starred")
                yield TickBox("Share with my therapist", id="editor-shared")
            yield Static("", id="editor-status")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self.query_one("#editor-prompt", Static).display = False
        self.query_one("#editor-title", Input).border_title = "Title"
        self.query_one("#editor-tags", Input).border_title = "Tags"
        self.query_one("#editor-when", WhenInput).border_title = "When"
        if self.entry_id is None:
            self._status("New entry — it is saved once you write something.")
            return
        try:
            entry = open_services(self).journal.get(self.entry_id)
        except NotFound:
            self.entry_id = None
            self._status("That entry is no longer in your journal; this is a new one.")
            return
        self.kind = entry.kind
        self.prompt_id = entry.prompt_id
        self.query_one("#editor-title", Input).value = entry.title or ""
        self.query_one("#editor-body", TextArea).load_text(entry.body)
        self.query_one("#editor-tags", Input).value = ", ".join(entry.tags)
        when = self.query_one("#editor-when", WhenInput)
        when.set_moment(entry.created_at)
        self._loaded_when = when.value.strip()
        self.query_one("#editor-starred", Checkbox).value = entry.starred
        self.query_one("#editor-shared", Checkbox).value = entry.shared
        self._saved = self._draft()
        kept = len(open_services(self).journal.revisions(entry.id))
        versions = f" {kept} earlier version{'' if kept == 1 else 's'} kept: ctrl+g shows them." if kept else ""
        self._status(f"Written {entry.created_at.astimezone():%d %b %Y, %H:%M}. Changes save as you type.{versions}")

    # -- autosave -------------------------------------------------------------------------------

    def _draft(self) -> Draft:
        return Draft(
            body=self.query_one("#editor-body", TextArea).text,
            title=self.query_one("#editor-title", Input).value.strip() or None,
            tags=tuple(split_tags(self.query_one("#editor-tags", Input).value)),
            when=self.query_one("#editor-when", WhenInput).value.strip(),
            starred=self.query_one("#editor-starred", Checkbox).value,
            shared=self.query_one("#editor-shared", Checkbox).value,
        )

    def save_draft(self) -> bool:
        """Create or update the entry from what is on screen; True when the journal now matches it."""
        draft = self._draft()
        if draft == self._saved:
            return True
        problem = ""
        try:
            at = self.query_one("#editor-when", WhenInput).when()
        except ValueError as error:
            problem, at = str(error), None
        journal = open_services(self).journal
        has_words = bool(draft.body.strip()) and draft.body.strip() != self._prompt_text.strip()
        try:
            if self.entry_id is None:
                if not has_words:
                    return False
                entry = journal.create(
                    draft.body,
                    title=draft.title,
                    tags=draft.tags,
                    at=at,
                    kind=self.kind,
                    prompt_id=self.prompt_id,
                    starred=draft.starred,
                    shared=draft.shared,
                )
                self.entry_id = entry.id
                self._loaded_when = draft.when
            else:
                changes: dict[str, Any] = {
                    "title": draft.title,
                    "tags": draft.tags,
                    "starred": draft.starred,
                    "shared": draft.shared,
                }
                if draft.body.strip():
                    changes["body"] = draft.body
                if at is not None and draft.when != self._loaded_when:
                    changes["at"] = at
                    self._loaded_when = draft.when
                journal.update(self.entry_id, **changes)
        except InvalidInput as error:
            self._status(str(error))
            return False
        except NotFound:
            self.entry_id = None
            self._status("This entry was deleted elsewhere; keep typing to save it as a new one.")
            return False
        self._saved = draft
        if problem:
            self._status(f"{problem} Everything else is saved.")
        elif draft.body.strip():
            self._status(self.saved_words())
        else:
            self._status("An entry needs some words, so the last words you wrote are kept.")
        return True

    def _status(self, text: str) -> None:
        self.query_one("#editor-status", Static).update(text)

    # -- actions --------------------------------------------------------------------------------

    def action_toggle_star(self) -> None:
        box = self.query_one("#editor-starred", Checkbox)
        box.value = not box.value

    def action_toggle_share(self) -> None:
        box = self.query_one("#editor-shared", Checkbox)
        box.value = not box.value

    def action_earlier_versions(self) -> None:
        """Earlier versions of this entry kept by a merge or an import (DESIGN.md §2.3)."""
        from copingkit.tui.modals.revisions import RevisionsModal

        revisions = open_services(self).journal.revisions(self.entry_id) if self.entry_id is not None else []
        if not revisions:
            self.notify("There are no earlier versions of this entry.", timeout=4)
            return
        self.app.push_screen(RevisionsModal(revisions))

    def action_pick_prompt(self) -> None:
        try:
            from copingkit.core import content

            prompts = list(content.load_prompts())
        except (ImportError, AttributeError, OSError, ValueError):
            self.notify("Prompts aren't available right now. You can write freely.", timeout=4)
            return
        try:
            note = content.content_note_text()
        except (AttributeError, OSError, ValueError):
            note = DEFAULT_NOTE
        self.app.push_screen(PromptPicker(prompts, note=note), self._use_prompt)

    def _use_prompt(self, choice: PromptChoice | None) -> None:
        if choice is None:
            return
        prompt = choice.prompt
        text = str(getattr(prompt, "text", prompt))
        self.prompt_id = getattr(prompt, "id", None)
        if self.entry_id is None:
            self.kind = "prompt"
        self._prompt_text = f"> {text}\n\n"
        shown = self.query_one("#editor-prompt", Static)
        shown.update(f"Prompt: {text}")
        shown.display = True
        body = self.query_one("#editor-body", TextArea)
        if not body.text.strip():
            body.load_text(self._prompt_text)
            body.move_cursor(body.document.end)
        body.focus()
        if choice.ground_first:
            self._ground_first()

    def _ground_first(self) -> None:
        """Open the grounding and breathing tools on top of the editor, so the prompt waits here."""
        app_context(self).push_destination("tools")
