"""Ranked search hits with the matched words highlighted in each snippet."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from copingkit.core.services.readmodels import SearchHit
from copingkit.tui.widgets.entry_list import when_text

MATCH_STYLE = "bold reverse"


def highlighted_snippet(hit: SearchHit) -> Content:
    """The snippet without its `[` `]` markers, each matched span styled instead."""
    plain, spans = strip_markers(hit.snippet, hit.spans)
    content = Content(plain.replace("\r", " ").replace("\n", " "))
    for start, end in spans:
        content = content.stylize(MATCH_STYLE, start, end)
    return content


def strip_markers(snippet: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Drop the bracket around each span (spans exclude their brackets) and shift the spans to match."""
    out: list[str] = []
    moved: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    for start, end in sorted(spans):
        if start < 1 or end >= len(snippet) or snippet[start - 1] != "[" or snippet[end] != "]" or start <= cursor:
            continue
        out.append(snippet[cursor : start - 1])
        length += start - 1 - cursor
        out.append(snippet[start:end])
        moved.append((length, length + end - start))
        length += end - start
        cursor = end + 1
    out.append(snippet[cursor:])
    return "".join(out), moved


def hit_prompt(hit: SearchHit) -> Content:
    head = Content.assemble((when_text(hit.created_at), "dim"), "  ", (hit.title or "", "bold"))
    return Content("\n").join([head, Content("   ") + highlighted_snippet(hit)])


class SearchResults(OptionList):
    """Hits in rank order; enter posts `SearchResults.Opened`."""

    DEFAULT_CSS = """
    SearchResults { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    class Opened(Message):
        def __init__(self, results: SearchResults, entry_id: int) -> None:
            super().__init__()
            self.results = results
            self.entry_id = entry_id

        @property
        def control(self) -> SearchResults:
            return self.results

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[SearchHit] = []
        self.query = ""

    def show_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        self.query = query
        seen: set[int] = set()
        self.hits = [hit for hit in hits if not (hit.entry_id in seen or seen.add(hit.entry_id))]
        self.clear_options()
        self.add_options([Option(hit_prompt(hit), id=str(hit.entry_id)) for hit in self.hits])
        if self.hits:
            self.highlighted = 0

    @property
    def current_id(self) -> int | None:
        option = self.highlighted_option
        return None if option is None or option.id is None else int(option.id)

    def remove_entry(self, entry_id: int) -> None:
        try:
            self.remove_option(str(entry_id))
        except OptionDoesNotExist:
            return
        self.hits = [hit for hit in self.hits if hit.entry_id != entry_id]

    def action_select(self) -> None:
        entry_id = self.current_id
        if entry_id is not None:
            self.post_message(self.Opened(self, entry_id))
