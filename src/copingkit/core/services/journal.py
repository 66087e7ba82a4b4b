"""Journal entries: write, edit, list, search, soft delete with undo, and delete forever."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, col, delete, select

from copingkit.core.errors import InvalidInput
from copingkit.core.models import EntryTag, JournalEntry, Revision
from copingkit.core.services._common import (
    UNSET,
    Cleaners,
    apply_changes,
    aware,
    drop_unused_tags,
    ensure_tags,
    given_changes,
    load_row,
    optional_text,
    preview_of,
    raw_connection,
    replace_tags,
    tag_names,
)
from copingkit.core.services.journal_read import ENTRY_MISSING, entry_by_id, tags_of
from copingkit.core.services.journal_write import (
    BODY_MAX,
    TITLE_MAX,
    JournalWriter,
    clean_body,
    clean_kind,
    clean_title,
)
from copingkit.core.services.readmodels import Entry, EntryRevision
from copingkit.core.thought_record import KIND as RECORD_KIND
from copingkit.core.thought_record import ThoughtRecord
from copingkit.core.thought_record import parse as parse_record
from copingkit.core.thought_record import render as render_record

__all__ = ["BODY_MAX", "TITLE_MAX", "JournalService"]
_CREATE_FIELDS = frozenset({"body", "title", "tags", "at", "kind", "prompt_id", "starred", "shared"})


class JournalService(JournalWriter):
    """Editing, deleting and bulk-writing entries; `create`, `get`, listing, counting and searching come
    from JournalWriter and JournalReader (plain SQL)."""

    def create_many(self, entries: Iterable[Mapping[str, Any]]) -> list[int]:
        """Write many entries in one transaction (an import, a benchmark); returns their ids in order.

        Each item takes `create`'s keyword arguments (`body` required). All or nothing: one bad item
        raises InvalidInput and nothing is written.
        """
        now = self.now()
        rows, names_per_row = [], []
        for item in entries:
            if not isinstance(item, Mapping):
                raise InvalidInput("Each entry needs to be a set of named fields.")
            unknown = set(item) - _CREATE_FIELDS
            if unknown:
                raise InvalidInput(f"An entry has no field called {sorted(unknown)[0]!r}.")
            body = _body(item.get("body"))
            kind = clean_kind(item.get("kind", "free"))
            at = item.get("at")
            rows.append(
                {
                    "title": _title(item.get("title")),
                    "body": body,
                    "preview": preview_of(body),
                    "kind": kind,
                    "prompt_id": optional_text(item.get("prompt_id"), "prompt"),
                    "starred": bool(item.get("starred", False)),
                    "shared_with_therapist": bool(item.get("shared", False)),
                    "created_at": now if at is None else aware(at, "entry time"),
                }
            )
            names_per_row.append(tag_names(item.get("tags", ())))
        if not rows:
            return []
        with self.database.session() as session:
            connection = session.connection()
            statement = insert(JournalEntry.__table__).returning(
                JournalEntry.__table__.c.id, sort_by_parameter_order=True
            )
            ids = list(connection.execute(statement, rows).scalars().all())
            all_names = list(dict.fromkeys(name for names in names_per_row for name in names))
            tag_ids = {tag.name: tag.id for tag in ensure_tags(session, all_names)}
            links = [
                {"entry_id": entry_id, "tag_id": tag_ids[name]}
                for entry_id, names in zip(ids, names_per_row, strict=True)
                for name in names
            ]
            if links:
                connection.execute(insert(EntryTag.__table__), links)
        return ids

    def revisions(self, entry_id: int) -> list[EntryRevision]:
        """Earlier versions of an entry that a merge or an import kept, newest first."""
        with self.database.session() as session:
            entry = _load(session, entry_id)
            rows = session.exec(
                select(Revision)
                .where(Revision.row_uid == entry.uid, Revision.table_name == "journal_entry")
                .order_by(col(Revision.written_at).desc(), col(Revision.id).desc())
            ).all()
            return [
                EntryRevision(
                    title=row.content.get("title"),
                    body=row.content.get("body") or "",
                    written_at=row.written_at,
                    kept_at=row.kept_at,
                )
                for row in rows
            ]

    def update(
        self,
        entry_id: int,
        *,
        body: Any = UNSET,
        title: Any = UNSET,
        tags: Any = UNSET,
        starred: Any = UNSET,
        shared: Any = UNSET,
        at: Any = UNSET,
    ) -> Entry:
        """Change what was given; `title=None` clears the title. Sets `edited_at` if anything changed."""
        given = {"body": body, "title": title, "starred": starred, "shared": shared, "at": at}
        with self.database.session() as session:
            entry = _load(session, entry_id)
            columns = apply_changes(entry, given_changes(_UPDATES, given))
            if "body" in columns:
                entry.preview = preview_of(entry.body)
            changed = bool(columns)
            if tags is not UNSET:
                names = tag_names(tags)
                if names != _tags_of(session, [entry.id]).get(entry.id, []):
                    _set_tags(session, entry.id, names)
                    changed = True
            if changed:
                entry.edited_at = self.now()
                session.add(entry)
            session.flush()
            return _entry(session, entry)

    # --- thought records: an entry whose body holds the record's fields (core/thought_record.py) ---

    def create_thought_record(
        self,
        record: ThoughtRecord,
        *,
        title: str | None = None,
        tags: Iterable[str] = (),
        at: datetime | None = None,
        starred: bool = False,
        shared: bool = False,
    ) -> Entry:
        """Write a thought record as a new entry of kind "thought_record"."""
        return self.create(
            _record_body(record), title=title, tags=tags, at=at, kind=RECORD_KIND, starred=starred, shared=shared
        )

    def thought_record(self, entry_id: int) -> ThoughtRecord:
        """The fields of a thought record entry."""
        entry = self.get(entry_id)
        if entry.kind != RECORD_KIND:
            raise InvalidInput("That entry is not a thought record.")
        return parse_record(entry.body)

    def update_thought_record(self, entry_id: int, record: ThoughtRecord, **changes: Any) -> Entry:
        """Put new fields in a thought record; `changes` are `update`'s other arguments (title, tags, …)."""
        self.thought_record(entry_id)
        return self.update(entry_id, body=_record_body(record), **changes)

    def delete(self, entry_id: int) -> Entry:
        """Move an entry to the trash; `restore` undoes it."""
        with self.database.session() as session:
            entry = _load(session, entry_id)
            if entry.deleted_at is None:
                entry.deleted_at = self.now()
                session.add(entry)
                session.flush()
            return _entry(session, entry)

    def restore(self, entry_id: int) -> Entry:
        with self.database.session() as session:
            entry = _load(session, entry_id)
            if entry.deleted_at is not None:
                entry.deleted_at = None
                session.add(entry)
                session.flush()
            return _entry(session, entry)

    def purge(self, entry_id: int) -> None:
        """Delete forever: the entry, its tag links, tags nobody else uses, and its index rows.

        FTS5 keeps deleted tokens in old segments until they merge, so the index is optimised
        (rewritten) here; with `secure_delete` on, the freed pages are zeroed.
        """
        with self.database.session() as session:
            entry = _load(session, entry_id)
            tag_ids = list(session.exec(select(EntryTag.tag_id).where(EntryTag.entry_id == entry.id)).all())
            session.exec(delete(EntryTag).where(col(EntryTag.entry_id) == entry.id))
            session.delete(entry)
            session.flush()
            drop_unused_tags(session, tag_ids)
            session.execute(text("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')"))

    def empty_trash(self) -> int:
        """Purge every soft-deleted entry; returns how many."""
        with self.database.session() as session:
            ids = list(session.exec(select(JournalEntry.id).where(col(JournalEntry.deleted_at).is_not(None))).all())
        for entry_id in ids:
            self.purge(entry_id)
        return len(ids)


_body, _title = clean_body, clean_title


def _record_body(record: Any) -> str:
    if not isinstance(record, ThoughtRecord):
        raise InvalidInput("A thought record needs its fields.")
    if record.is_empty:
        raise InvalidInput("A thought record needs some words in one of its parts.")
    return _body(render_record(record))


def _load(session: Session, entry_id: Any) -> JournalEntry:
    return load_row(session, JournalEntry, entry_id, ENTRY_MISSING)


_UPDATES: Cleaners = {
    "body": ("body", _body),
    "title": ("title", _title),
    "starred": ("starred", bool),
    "shared": ("shared_with_therapist", bool),
    "at": ("created_at", lambda at: aware(at, "entry time")),
}


def _tags_of(session: Session, entry_ids: Sequence[int]) -> dict[int, list[str]]:
    """journal_read.tags_of (the one query for an entry's tags) on the session's own connection."""
    return tags_of(raw_connection(session), entry_ids)


def _set_tags(session: Session, entry_id: int | None, names: list[str]) -> None:
    replace_tags(session, EntryTag, "entry_id", entry_id, names)


def _entry(session: Session, entry: JournalEntry) -> Entry:
    """The Entry read model of `entry` as this session has it (journal_read.entry_by_id, the one maker of Entry)."""
    return entry_by_id(raw_connection(session), entry.id)
