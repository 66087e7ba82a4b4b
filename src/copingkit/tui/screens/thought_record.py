"""A thought record: its own form, saved as a journal entry as you type (like the editor).

Situation, automatic thought, emotions with how strong each is (0–100), evidence for, evidence
against, a balanced thought, and the emotions rated again. Every part is optional; the entry is
made once any part has words, and each change reaches the journal through the app's draft flush
(tui/drafts.py), so leaving never asks "discard changes?".
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.thought_record import HEADINGS, ThoughtRecord, feelings, feelings_text
from copingkit.tui.context import open_services
from copingkit.tui.drafts import WritingScreen
from copingkit.tui.typing_guard import FIRST_TEXT_BOX
from copingkit.tui.widgets.footer import CopingkitFooter
from copingkit.tui.widgets.tick_box import TickBox

TEXT_FIELDS = ("situation", "automatic_thought", "evidence_for", "evidence_against", "balanced_thought")
EMOTION_FIELDS = ("emotions", "emotions_after")
LABELS = {
    **HEADINGS,
    "emotions": "Emotions, with how strong each is from 0 to 100",
    "emotions_after": "Emotions re-rated, 0 to 100",
    "other": "Other notes",
}
ORDER = tuple(HEADINGS)


def field_id(name: str) -> str:
    return "record-" + name.replace("_", "-")


@dataclass(frozen=True)
class Draft:
    texts: tuple[str, ...]
    shared: bool


class ThoughtRecordScreen(WritingScreen):
    """A new thought record, or an existing one (`entry_id`); reached by name as "thought-record"."""

    CSS_PATH = "thought_record.tcss"
    AUTO_FOCUS = FIRST_TEXT_BOX

    BINDINGS = [
        Binding("escape", "back", "Back", id="record-back"),
        Binding("ctrl+s", "save_now", "Save now", id="record-save-now"),
        Binding("ctrl+t", "toggle_share", "Share", id="record-toggle-share"),
    ]

    def __init__(self, entry_id: int | None = None) -> None:
        """A new thought record, or the record in entry `entry_id` to read and change."""
        super().__init__()
        self.entry_id = entry_id
        self._saved: Draft | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="record-form"):
            yield Static("Thought record", id="record-title")
            yield Static(
                "For you alone. Every part is optional, and it saves as you type.\n"
                "Emotions: a name and a number, like “anxious 80, sad 40”.",
                id="record-lead",
            )
            for name in ORDER:
                yield Label(LABELS[name], classes="record-label")
                if name in EMOTION_FIELDS:
                    placeholder = "e.g. anxious 80, sad 40" if name == "emotions" else "the same emotions, rated now"
                    yield Input(placeholder=placeholder, id=field_id(name), classes="record-emotions")
                else:
                    yield TextArea("", soft_wrap=True, tab_behavior="focus", id=field_id(name), classes="record-text")
            yield Label(LABELS["other"], id="record-other-label", classes="record-label")
            yield TextArea("", soft_wrap=True, tab_behavior="focus", id=field_id("other"), classes="record-text")
            yield TickBox("Share with my therapist", id="record-shared")
        yield Static("", id="record-status")
        yield CopingkitFooter()

    def on_mount(self) -> None:
        self._show_other(False)
        if self.entry_id is None:
            self._status("A new thought record. It is saved once any part has words.")
            return
        try:
            record = open_services(self).journal.thought_record(self.entry_id)
            entry = open_services(self).journal.get(self.entry_id)
        except (NotFound, InvalidInput):
            self.entry_id = None
            self._status("That thought record is no longer in your journal; this is a new one.")
            return
        for name in TEXT_FIELDS:
            self.query_one(f"#{field_id(name)}", TextArea).load_text(getattr(record, name))
        for name in EMOTION_FIELDS:
            self.query_one(f"#{field_id(name)}", Input).value = feelings_text(getattr(record, name))
        if record.other:
            self.query_one(f"#{field_id('other')}", TextArea).load_text(record.other)
            self._show_other(True)
        self.query_one("#record-shared", Checkbox).value = entry.shared
        self._saved = self._draft()
        self._status(f"Written {entry.created_at.astimezone():%d %b %Y, %H:%M}. Changes save as you type.")

    def _show_other(self, shown: bool) -> None:
        self.query_one("#record-other-label").display = shown
        self.query_one(f"#{field_id('other')}").display = shown

    # -- saving ---------------------------------------------------------------------------------

    def _text(self, name: str) -> str:
        if name in EMOTION_FIELDS:
            return self.query_one(f"#{field_id(name)}", Input).value
        return self.query_one(f"#{field_id(name)}", TextArea).text

    def _draft(self) -> Draft:
        return Draft(
            texts=tuple(self._text(name) for name in (*ORDER, "other")),
            shared=self.query_one("#record-shared", Checkbox).value,
        )

    def _record(self) -> tuple[ThoughtRecord, str]:
        """The form as a record, and the first problem with it. An emotions box that doesn't read
        (a number above 100) is kept word for word under "Other notes", so nothing typed is lost."""
        values: dict[str, object] = {name: self._text(name).strip() for name in TEXT_FIELDS}
        other = [self._text("other").strip()]
        problem = ""
        for name in EMOTION_FIELDS:
            text = self._text(name)
            try:
                values[name] = feelings(text)
            except InvalidInput as error:
                problem = problem or str(error)
                values[name] = ()
                other.append(f"## {HEADINGS[name]}\n\n{text.strip()}")
        return ThoughtRecord(other="\n\n".join(filter(None, other)), **values), problem  # type: ignore[arg-type]

    def save_draft(self) -> bool:
        """Create or update the entry from the form; True when the journal now matches it."""
        draft = self._draft()
        if draft == self._saved:
            return True
        record, problem = self._record()
        journal = open_services(self).journal
        try:
            if self.entry_id is None:
                if record.is_empty:
                    return False
                entry = journal.create_thought_record(record, shared=draft.shared)
                self.entry_id = entry.id
            elif record.is_empty:
                self._status("A thought record needs some words, so the last words you wrote are kept.")
                return False
            else:
                journal.update_thought_record(self.entry_id, record, shared=draft.shared)
        except InvalidInput as error:
            self._status(str(error))
            return False
        except NotFound:
            self.entry_id = None
            self._status("This thought record was deleted elsewhere; keep typing to save it as a new one.")
            return False
        self._saved = draft
        if problem:
            self._status(f"{problem} Everything else is saved.")
        else:
            self._status(self.saved_words())
        return True

    def _status(self, text: str) -> None:
        self.query_one("#record-status", Static).update(text)

    # -- actions --------------------------------------------------------------------------------

    def action_toggle_share(self) -> None:
        box = self.query_one("#record-shared", Checkbox)
        box.value = not box.value


__all__ = ["ThoughtRecordScreen"]
