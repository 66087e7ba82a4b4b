"""Helpers the services share: validation, time windows, tags and safe FTS5 queries."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final, TypeVar

from copingkit.core import dates
from copingkit.core.clock import Clock
from copingkit.core.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    # The ORM is imported inside the helpers that use it, so a plain-SQL read path (journal_read)
    # can use the rest of this module without loading SQLAlchemy (DESIGN.md §1).
    from sqlmodel import Session

    from copingkit.core.database import Database
    from copingkit.core.models import CheckInTag, EntryTag, Tag


class _Unset:
    """Marks an argument that was not given (so `None` can mean "clear it")."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = _Unset()

T = TypeVar("T")
R = TypeVar("R")

PREVIEW_CHARS = 160
TAG_MAX = 60


class Service:
    """Base for a service: a database, a clock and nothing else."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    def now(self) -> datetime:
        return aware(self.clock(), "now")


def aware(value: Any, what: str = "time") -> datetime:
    """An aware UTC datetime, or InvalidInput for anything else."""
    if not isinstance(value, datetime):
        raise InvalidInput(f"The {what} needs to be a date and time.")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(f"The {what} needs a timezone.")
    return value.astimezone(UTC)


def window(
    date_from: date | datetime | None, date_to: date | datetime | None
) -> tuple[datetime | None, datetime | None]:
    """(start inclusive, end exclusive) in UTC for a date range filter.

    Dates mean whole local days (`copingkit.core.dates`), so `date_to=date(2026, 1, 31)` includes
    all of the person's 31 January; a `date_to` past the calendar's end means no upper limit.
    Datetimes are exact and `date_to` is inclusive.
    """
    start = end = None
    if date_from is not None:
        start = _start_of(date_from, "start date")
    if date_to is not None:
        if isinstance(date_to, datetime):
            end = aware(date_to, "end date") + timedelta(microseconds=1)
        elif isinstance(date_to, date):
            end = dates.day_end(date_to)
        else:
            raise InvalidInput("The end date needs to be a date.")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("The end date is before the start date.")
    return start, end


def _start_of(value: date | datetime, what: str) -> datetime:
    if isinstance(value, datetime):
        return aware(value, what)
    if isinstance(value, date):
        return dates.day_start(value)
    raise InvalidInput(f"The {what} needs to be a date.")


def whole_number(value: Any, low: int, high: int, message: str, *, optional: bool = True) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise InvalidInput(message)
    if not low <= value <= high:
        raise InvalidInput(message)
    return value


def optional_text(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"The {what} needs to be text.")
    value = value.strip()
    return value or None


def preview_of(body: str) -> str:
    """The list preview; the same rule as the v2 migration's backfill."""
    return body.replace("\r", " ").replace("\n", " ").replace("\t", " ")[:PREVIEW_CHARS].strip(" ")


# --- rows: load one, change what was given, read it out --------------------------------------


def load_row(session: Session, model: type[T], row_id: Any, missing: str) -> T:
    """The row of `model` with that id, or NotFound(`missing`) (a non-integer id is never found)."""
    row = None
    if isinstance(row_id, int) and not isinstance(row_id, bool):
        row = session.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row


Cleaners = Mapping[str, tuple[str, Callable[[Any], Any]]]
"""An update's arguments: argument name -> (column it sets, the function that checks and cleans it)."""


def given_changes(cleaners: Cleaners, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """Each argument that was given (not UNSET), cleaned, by the column it sets; in `cleaners`' order."""
    return {
        column: clean(arguments[name])
        for name, (column, clean) in cleaners.items()
        if arguments.get(name, UNSET) is not UNSET
    }


def apply_changes(row: Any, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Set on `row` the values that differ from what it holds, and return just those."""
    changed = {column: value for column, value in changes.items() if getattr(row, column) != value}
    for column, value in changed.items():
        setattr(row, column, value)
    return changed


def read_model(model: type[R], row: Any, **computed: Any) -> R:
    """The frozen read model `model` made from `row`: each field from the row's attribute of the
    same name, unless `computed` gives it (a renamed column, tags from another table, a tuple)."""
    values = {
        field.name: computed[field.name] if field.name in computed else getattr(row, field.name)
        for field in dataclasses.fields(model)  # type: ignore[arg-type]
    }
    return model(**values)


# --- tags -------------------------------------------------------------------------------------


def tag_name(raw: Any) -> str | None:
    """`#Work ` -> `work`; empty -> None."""
    if not isinstance(raw, str):
        raise InvalidInput("A tag needs to be text.")
    name = " ".join(raw.strip().lstrip("#").split()).lower()
    if len(name) > TAG_MAX:
        raise InvalidInput(f"A tag can be at most {TAG_MAX} characters.")
    return name or None


def tag_names(raw: Iterable[str] | str | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    names: list[str] = []
    for item in raw:
        name = tag_name(item)
        if name and name not in names:
            names.append(name)
    return names


def tag_ids(connection: sqlite3.Connection, names: Sequence[str]) -> dict[str, int]:
    """name -> tag id for each of `names` (already cleaned by tag_names), making the missing ones in
    that order; plain SQL on the connection of the write it is part of. The database's insert trigger
    gives a new tag its uid and time (DESIGN.md §3)."""
    if not names:
        return {}
    connection.executemany("INSERT OR IGNORE INTO tag (name) VALUES (?)", [(name,) for name in names])
    marks = ", ".join("?" * len(names))
    return dict(connection.execute(f"SELECT name, id FROM tag WHERE name IN ({marks})", list(names)).fetchall())


def raw_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session, its pending changes flushed, inside the session's transaction."""
    session.flush()
    return session.connection().connection.driver_connection


def ensure_tags(session: Session, names: list[str]) -> list[Tag]:
    """The Tag rows for `names`, in that order, the missing ones made (by tag_ids, the one place that does)."""
    from sqlmodel import col, select

    from copingkit.core.models import Tag

    ids = tag_ids(raw_connection(session), names)
    if not ids:
        return []
    rows = {tag.id: tag for tag in session.exec(select(Tag).where(col(Tag.id).in_(list(ids.values())))).all()}
    return [rows[ids[name]] for name in names]


def drop_unused_tags(session: Session, tag_ids: Iterable[int]) -> None:
    """Remove tags that no entry or check-in uses any more (a tag name is personal text too)."""
    from sqlmodel import select

    from copingkit.core.models import CheckInTag, EntryTag, Tag

    for tag_id in set(tag_ids):
        used = session.exec(select(EntryTag.tag_id).where(EntryTag.tag_id == tag_id).limit(1)).first()
        used = used or session.exec(select(CheckInTag.tag_id).where(CheckInTag.tag_id == tag_id).limit(1)).first()
        if used is None:
            tag = session.get(Tag, tag_id)
            if tag is not None:
                session.delete(tag)
    session.flush()


if TYPE_CHECKING:
    TagLink = type[EntryTag] | type[CheckInTag]
    """A table that links tags to what they are on; its other column is named by `owner`."""


def tags_by_owner(session: Session, link: TagLink, owner: str, owner_ids: Sequence[int]) -> dict[int, list[str]]:
    """owner id -> its tag names in name order, for each of `owner_ids` that has any."""
    from sqlmodel import col, select

    from copingkit.core.models import Tag

    found: dict[int, list[str]] = {}
    if not owner_ids:
        return found
    owner_column = col(getattr(link, owner))
    rows = session.exec(
        select(owner_column, Tag.name)
        .join(Tag, col(Tag.id) == col(link.tag_id))
        .where(owner_column.in_(list(owner_ids)))
        .order_by(col(Tag.name))
    ).all()
    for owner_id, name in rows:
        found.setdefault(owner_id, []).append(name)
    return found


def replace_tags(session: Session, link: TagLink, owner: str, owner_id: int | None, names: list[str]) -> None:
    """Give one entry or check-in exactly these tags; tags nobody uses any more are dropped."""
    from sqlmodel import col, delete, select

    assert owner_id is not None
    owner_column = col(getattr(link, owner))
    old = list(session.exec(select(link.tag_id).where(owner_column == owner_id)).all())
    session.exec(delete(link).where(owner_column == owner_id))
    for tag in ensure_tags(session, names):
        session.add(link(**{owner: owner_id, "tag_id": tag.id}))
    session.flush()
    drop_unused_tags(session, old)


def tagged_with(link: TagLink, owner: str, raw: Any) -> Any:
    """A subquery of the owner ids tagged `raw`; None when `raw` names no tag (so nothing matches)."""
    from sqlmodel import col, select

    from copingkit.core.models import Tag

    name = tag_name(raw)
    if name is None:
        return None
    return select(getattr(link, owner)).join(Tag, col(Tag.id) == col(link.tag_id)).where(Tag.name == name)


# --- full-text search -------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")
_OPEN, _CLOSE = "\x02", "\x03"


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """A safe FTS5 MATCH expression for words a person typed; None if there is nothing to find.

    Every word becomes a quoted phrase of its tokens (so `don't`, `AND`, `(` or `"` are just
    text), all words must match, and the last word matches as a prefix while it is being typed.
    """
    if not isinstance(text, str):
        raise InvalidInput("Search needs some text.")
    phrases = []
    for word in text.split():
        tokens = _TOKEN.findall(word)
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    if not phrases:
        return None
    if prefix and not text[-1:].isspace():
        phrases[-1] += "*"
    return " ".join(phrases)


def snippet_markers() -> tuple[str, str]:
    return _OPEN, _CLOSE


def mark_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Turn FTS5's private markers into `[`…`]` and report where each match sits."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in raw:
        if char == _OPEN:
            out.append("[")
            length += 1
            start = length
        elif char == _CLOSE:
            if start is not None:
                spans.append((start, length))
                start = None
            out.append("]")
            length += 1
        else:
            out.append(char)
            length += 1
    return "".join(out), tuple(spans)


def page(limit: Any, offset: Any) -> tuple[int, int]:
    limit = whole_number(limit, 1, 10_000, "The page size needs to be between 1 and 10,000.", optional=False)
    offset = whole_number(offset, 0, 10**12, "The page offset needs to be zero or more.", optional=False)
    assert limit is not None and offset is not None
    return limit, offset
