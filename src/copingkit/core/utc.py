"""How copingkit stores a moment: fixed-width ISO-8601 UTC text (always microseconds, always +00:00),
so text order is time order. The standard library only: plain-SQL read paths use it without the ORM."""

from __future__ import annotations

from datetime import UTC, datetime


def to_utc_text(value: datetime) -> str:
    """Fixed-width ISO-8601 UTC text for an aware datetime."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime; copingkit stores timezone-aware UTC times only")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_utc_text(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
