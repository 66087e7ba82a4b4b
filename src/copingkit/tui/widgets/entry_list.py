"""The journal list: one page at a time, asking for the next page as the person nears the end.

The widget never reads the journal itself; it posts `EntryList.NeedMore` and the screen answers
with `append_page`. Only one request is outstanding at a time, so scrolling fast never floods
the service with calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from copingkit.core.services.readmodels import Entry, EntrySummary
from copingkit.core.thought_record import KIND as RECORD_KIND

NEAR_END = 3
"""Ask for the next page when the cursor is this many rows from the end of what is loaded."""


def when_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%a %d %b %Y  %H:%M")


def time_first_text(moment: datetime) -> str:
    """The time first, in room of its own, so a narrow list cuts the date's end, never the time."""
    return moment.astimezone().strftime("%H:%M  %a %d %b %Y")


def entry_title(entry: EntrySummary | Entry) -> str:
    """The entry's own title; a thought record without one is called that."""
    return entry.title or ("Thought record" if entry.kind == RECORD_KIND else "")


def entry_label(entry: EntrySummary | Entry) -> str:
    """How a person recognises an entry: its title, else the start of what they wrote."""
    if entry_title(entry):
        return entry_title(entry)
    words = " ".join((entry.preview if isinstance(entry, EntrySummary) else entry.body).split())
    return words[:60] + ("…" if len(words) > 60 else "") if words else "(empty entry)"


def entry_prompt(entry: EntrySummary) -> Content:
    marks = ("★" if entry.starred else " ") + ("⇄" if entry.shared else " ")
    head = Content.assemble(
        (time_first_text(entry.created_at), "dim"),
        "  ",
        (marks, "$accent"),
        " ",
        (entry_title(entry), "bold"),
    )
    preview = " ".join(entry.preview.replace("## ", "").split() if entry.kind == RECORD_KIND else entry.preview.split())
    tags = "  ".join(f"#{tag}" for tag in entry.tags)
    second = Content.assemble("   ", preview or "(empty entry)", ("   " + tags) if tags else "")
    return Content("\n").join([head, second])


class EntryList(OptionList):
    """Entry summaries, newest first; `NeedMore` asks for the page after those loaded."""

    DEFAULT_CSS = """
    EntryList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class NeedMore(Message):
        def __init__(self, entry_list: EntryList, offset: int) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.offset = offset

        @property
        def control(self) -> EntryList:
            return self.entry_list

    class Opened(Message):
        def __init__(self, entry_list: EntryList, entry_id: int) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry_id = entry_id

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: dict[int, EntrySummary] = {}
        self.total = 0
        self._waiting = False

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._check_scroll, init=False)

    @property
    def loaded(self) -> int:
        return self.option_count

    @property
    def exhausted(self) -> bool:
        return self.loaded >= self.total

    @property
    def current(self) -> EntrySummary | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else self.entries.get(int(option.id))

    def show_page(self, entries: Sequence[EntrySummary], total: int) -> None:
        """Replace everything with a first page."""
        self.entries = {}
        self.clear_options()
        self._waiting = False
        self.append_page(entries, total)
        if self.option_count:
            self.highlighted = 0

    def append_page(self, entries: Sequence[EntrySummary], total: int) -> None:
        new = [entry for entry in entries if entry.id not in self.entries]
        for entry in new:
            self.entries[entry.id] = entry
        self.add_options([Option(entry_prompt(entry), id=str(entry.id)) for entry in new])
        self.total = total if entries else self.loaded
        self._waiting = False

    def select_entry(self, entry_id: int) -> bool:
        """Put the cursor on `entry_id` if it is loaded."""
        if entry_id not in self.entries:
            return False
        self.highlighted = self.get_option_index(str(entry_id))
        return True

    def update_entry(self, entry: EntrySummary) -> None:
        if entry.id in self.entries:
            self.entries[entry.id] = entry
            self.replace_option_prompt(str(entry.id), entry_prompt(entry))

    def remove_entry(self, entry_id: int) -> None:
        if self.entries.pop(entry_id, None) is not None:
            self.remove_option(str(entry_id))
            self.total = max(0, self.total - 1)

    def retry(self) -> None:
        """The page asked for no longer fits (an entry went meanwhile) or failed: ask again."""
        self._waiting = False
        self._want_more()

    def give_up(self) -> None:
        """Loading failed; the next scroll or cursor move to the end asks again."""
        self._waiting = False

    def _want_more(self) -> None:
        if self._waiting or self.exhausted:
            return
        self._waiting = True
        self.post_message(self.NeedMore(self, self.loaded))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= self.option_count - NEAR_END:
            self._want_more()

    def _check_scroll(self, scroll_y: float) -> None:
        if self.max_scroll_y > 0 and scroll_y >= self.max_scroll_y - 1:
            self._want_more()

    def action_select(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Opened(self, entry.id))
