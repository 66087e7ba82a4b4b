"""The journal's read models: an entry, a row of the list, a search hit (frozen, timezone-aware UTC).

Apart from readmodels (which names them too) so that `copingkit list`, `search` and `write`, reading
and writing through journal_read and journal_write, don't build every other read model at startup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ENTRY_KINDS = ("free", "prompt", "thought_record", "group_reflection")
"""What an entry can be (Entry.kind); the journal_entry table's `kind` holds one of these."""


@dataclass(frozen=True, kw_only=True)
class _EntryHead:
    """What an entry and its list row both carry."""

    id: int
    title: str | None
    tags: tuple[str, ...]
    kind: str
    starred: bool
    shared: bool
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    uid: str = ""

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True, kw_only=True)
class Entry(_EntryHead):
    body: str
    prompt_id: str | None


@dataclass(frozen=True, kw_only=True)
class EntrySummary(_EntryHead):
    """One row of the journal list: a short preview instead of the body."""

    preview: str


@dataclass(frozen=True)
class SearchHit:
    """A ranked search result. `snippet` shows matches as `[word]`; `spans` are (start, end)
    offsets of each matched text inside `snippet`, brackets excluded."""

    entry_id: int
    title: str | None
    snippet: str
    spans: tuple[tuple[int, int], ...]
    created_at: datetime
    rank: float
    uid: str = ""
