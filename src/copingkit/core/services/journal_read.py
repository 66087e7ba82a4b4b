"""Reading the journal with plain SQL on the vault's own sqlite3 connection (DESIGN.md §1).

Listing, counting, searching and getting one entry are the CLI's read paths: done here with the
standard library only, they need neither SQLAlchemy nor the models, so `copingkit list` and
`copingkit search` never import them. `JournalService` inherits these, so the TUI reads the same way,
and every Entry any service hands out is made by `entry_by_id`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from copingkit.core.errors import NotFound
from copingkit.core.services._common import (
    Service,
    fts_query,
    mark_snippet,
    page,
    snippet_markers,
    tag_name,
    window,
)
from copingkit.core.services.journal_models import Entry, EntrySummary, SearchHit
from copingkit.core.utc import from_utc_text, to_utc_text

_SUMMARY = (
    "SELECT e.id, e.title, e.preview, e.kind, e.starred, e.shared_with_therapist,"
    " e.created_at, e.edited_at, e.deleted_at, e.uid FROM journal_entry AS e"
)
_ENTRY = (
    "SELECT e.id, e.title, e.body, e.kind, e.prompt_id, e.starred, e.shared_with_therapist,"
    " e.created_at, e.edited_at, e.deleted_at, e.uid FROM journal_entry AS e WHERE e.id = ?"
)
ENTRY_MISSING = "That entry is not in this journal."
_SEARCH = (
    "SELECT e.id, e.title, e.created_at, e.uid,"
    " snippet(entry_fts, -1, :opener, :closer, '…', 16) AS snip,"
    " bm25(entry_fts, 2.0, 1.0) AS score"
    " FROM entry_fts JOIN journal_entry AS e ON e.id = entry_fts.rowid"
    " WHERE entry_fts MATCH :match AND e.deleted_at IS NULL"
    " ORDER BY score, e.created_at DESC LIMIT :limit OFFSET :offset"
)


class JournalReader(Service):
    """The journal's read paths: `list`, `count`, `search` and `get`."""

    def get(self, entry_id: int) -> Entry:
        """One entry, in the trash or not; NotFound when there is no such entry."""
        with self.database.lock:
            return entry_by_id(self.database.connection, entry_id)

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        tag: str | None = None,
        starred: bool | None = None,
        deleted: bool | None = False,
    ) -> list[EntrySummary]:
        """Newest first. `deleted=False` hides the trash, `True` shows only the trash, `None` both."""
        limit, offset = page(limit, offset)
        where = _where(date_from, date_to, tag, starred, deleted)
        if where is None:
            return []
        clause, params = where
        sql = f"{_SUMMARY}{clause} ORDER BY e.created_at DESC, e.id DESC LIMIT ? OFFSET ?"
        with self.database.lock:
            connection = self.database.connection
            rows = connection.execute(sql, (*params, limit, offset)).fetchall()
            tags = tags_of(connection, [row[0] for row in rows])
        return [
            EntrySummary(
                id=row[0],
                title=row[1],
                preview=row[2],
                kind=row[3],
                starred=bool(row[4]),
                shared=bool(row[5]),
                created_at=from_utc_text(row[6]),
                edited_at=_moment(row[7]),
                deleted_at=_moment(row[8]),
                tags=tuple(tags.get(row[0], ())),
                uid=row[9] or "",
            )
            for row in rows
        ]

    def count(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        tag: str | None = None,
        starred: bool | None = None,
        deleted: bool | None = False,
    ) -> int:
        where = _where(date_from, date_to, tag, starred, deleted)
        if where is None:
            return 0
        clause, params = where
        with self.database.lock:
            return int(
                self.database.connection.execute(
                    f"SELECT count(e.id) FROM journal_entry AS e{clause}", params
                ).fetchone()[0]
            )

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        """Entries matching every word, best first (bm25, titles weigh double); trash excluded."""
        limit, offset = page(limit, offset)
        match = fts_query(query)
        if match is None:
            return []
        opener, closer = snippet_markers()
        params = {"opener": opener, "closer": closer, "match": match, "limit": limit, "offset": offset}
        with self.database.lock:
            rows = self.database.connection.execute(_SEARCH, params).fetchall()
        hits = []
        for entry_id, title, created, uid, raw, score in rows:
            snippet, spans = mark_snippet(raw or "")
            hits.append(
                SearchHit(
                    entry_id=entry_id,
                    title=title,
                    snippet=snippet,
                    spans=spans,
                    created_at=from_utc_text(created),
                    rank=float(score),
                    uid=uid or "",
                )
            )
        return hits


def entry_by_id(connection: sqlite3.Connection, entry_id: Any) -> Entry:
    """The Entry read model of row `entry_id` as the connection sees it (inside a write too); NotFound
    for a missing row or an id that isn't a whole number."""
    row = None
    if isinstance(entry_id, int) and not isinstance(entry_id, bool):
        row = connection.execute(_ENTRY, (entry_id,)).fetchone()
    if row is None:
        raise NotFound(ENTRY_MISSING)
    return Entry(
        id=row[0],
        title=row[1],
        body=row[2],
        kind=row[3],
        prompt_id=row[4],
        starred=bool(row[5]),
        shared=bool(row[6]),
        created_at=from_utc_text(row[7]),
        edited_at=_moment(row[8]),
        deleted_at=_moment(row[9]),
        tags=tuple(tags_of(connection, [row[0]]).get(row[0], ())),
        uid=row[10] or "",
    )


def tags_of(connection: sqlite3.Connection, entry_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each entry's tag names, alphabetical."""
    found: dict[int, list[str]] = {}
    if not entry_ids:
        return found
    marks = ", ".join("?" * len(entry_ids))
    rows = connection.execute(
        "SELECT et.entry_id, t.name FROM entry_tag AS et JOIN tag AS t ON t.id = et.tag_id"
        f" WHERE et.entry_id IN ({marks}) ORDER BY t.name",
        list(entry_ids),
    )
    for entry_id, name in rows:
        found.setdefault(entry_id, []).append(name)
    return found


def _moment(value: str | None) -> datetime | None:
    return None if value is None else from_utc_text(value)


def _where(date_from: Any, date_to: Any, tag: Any, starred: Any, deleted: Any) -> tuple[str, list[Any]] | None:
    """The WHERE clause and its parameters for the list filters; None when nothing can match."""
    start, end = window(date_from, date_to)
    clauses: list[str] = []
    params: list[Any] = []
    if start is not None:
        clauses.append("e.created_at >= ?")
        params.append(to_utc_text(start))
    if end is not None:
        clauses.append("e.created_at < ?")
        params.append(to_utc_text(end))
    if deleted is False:
        clauses.append("e.deleted_at IS NULL")
    elif deleted is True:
        clauses.append("e.deleted_at IS NOT NULL")
    if starred is not None:
        clauses.append("e.starred = ?")
        params.append(int(bool(starred)))
    if tag is not None:
        name = tag_name(tag)
        if name is None:
            return None
        clauses.append(
            "e.id IN (SELECT et.entry_id FROM entry_tag AS et JOIN tag AS t ON t.id = et.tag_id WHERE t.name = ?)"
        )
        params.append(name)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
