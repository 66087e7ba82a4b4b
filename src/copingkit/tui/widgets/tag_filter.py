"""Narrow the journal list by tag, date range and starred; posts `TagFilter.Changed`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from copingkit.tui.widgets.tick_box import TickBox
from copingkit.tui.widgets.when_input import WhenInput


@dataclass(frozen=True)
class JournalFilter:
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    starred: bool | None = None

    @property
    def active(self) -> bool:
        return self != JournalFilter()


class TagFilter(Horizontal):
    """Tag, from, to and "starred only"; any field left empty means "all"."""

    DEFAULT_CSS = """
    TagFilter { height: auto; }
    TagFilter > #filter-tag { width: 20; }
    TagFilter > WhenInput { width: 1fr; max-width: 26; }
    TagFilter > Checkbox { width: auto; }
    """

    class Changed(Message):
        def __init__(self, tag_filter: TagFilter, value: JournalFilter) -> None:
            super().__init__()
            self.tag_filter = tag_filter
            self.value = value

        @property
        def control(self) -> TagFilter:
            return self.tag_filter

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.value = JournalFilter()

    def compose(self) -> ComposeResult:
        yield Select[str]([], prompt="any tag", id="filter-tag", compact=True)
        yield WhenInput(placeholder="from: 30 days ago", id="filter-from", compact=True, days=True)
        yield WhenInput(placeholder="to: today", id="filter-to", compact=True, days=True)
        yield TickBox("starred only", id="filter-starred", compact=True)

    def set_tags(self, names: Sequence[str]) -> None:
        select = self.query_one("#filter-tag", Select)
        current = select.value
        select.set_options([(f"#{name}", name) for name in names])
        if current in names:
            select.value = current

    def _read(self) -> JournalFilter | None:
        tag = self.query_one("#filter-tag", Select).value
        dates: list[date | None] = []
        for field_id in ("#filter-from", "#filter-to"):
            field = self.query_one(field_id, WhenInput)
            try:
                dates.append(field.day())
            except ValueError:
                return None
        starred = self.query_one("#filter-starred", Checkbox).value
        return JournalFilter(
            tag=tag if isinstance(tag, str) else None,
            date_from=dates[0],
            date_to=dates[1],
            starred=True if starred else None,
        )

    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Input.Submitted)
    @on(Input.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        value = self._read()
        if value is not None and value != self.value:
            self.value = value
            self.post_message(self.Changed(self, value))
