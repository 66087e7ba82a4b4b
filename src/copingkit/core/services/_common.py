"""Helpers the services share: validation, time windows, tags and safe FTS5 queries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlmodel import Session, select

from copingkit.core import dates
from copingkit.core.clock import Clock
from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput
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


def ensure_tags(session: Session, names: list[str]) -> list[Tag]:
    if not names:
        return []
    existing = {tag.name: tag for tag in session.exec(select(Tag).where(Tag.name.in_(names))).all()}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            existing[name] = tag
        tags.append(tag)
    return tags


def drop_unused_tags(session: Session, tag_ids: Iterable[int]) -> None:
    """Remove tags that no entry or check-in uses any more (a tag name is personal text too)."""
    for tag_id in set(tag_ids):
        used = session.exec(select(EntryTag.tag_id).where(EntryTag.tag_id == tag_id).limit(1)).first()
        used = used or session.exec(select(CheckInTag.tag_id).where(CheckInTag.tag_id == tag_id).limit(1)).first()
        if used is None:
            tag = session.get(Tag, tag_id)
            if tag is not None:
                session.delete(tag)
    session.flush()


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
