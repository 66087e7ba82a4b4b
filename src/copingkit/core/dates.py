"""Dates and times typed by a person: ISO, "today", "yesterday", "N days ago"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from copingkit.core.errors import InvalidInput

_AGO = re.compile(r"^(\d{1,5})\s+(day|days|week|weeks)\s+ago$")


def _local_tz():
    return datetime.now().astimezone().tzinfo


def parse_day(text: str, now: datetime) -> date:
    """A calendar day (local) from ISO 'YYYY-MM-DD', 'today', 'yesterday' or 'N days ago'."""
    cleaned = " ".join(text.strip().lower().split())
    today = now.astimezone(_local_tz()).date()
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    match = _AGO.match(cleaned)
    if match:
        amount = int(match.group(1)) * (7 if match.group(2).startswith("week") else 1)
        return today - timedelta(days=amount)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(cleaned).date()
    except ValueError:
        raise InvalidInput(
            f"I couldn't read the date {text!r}. Try 2026-03-01, today, yesterday or '3 days ago'."
        ) from None


def parse_when(text: str, now: datetime) -> datetime:
    """A moment (aware UTC). A bare day keeps the current time of day; a naive time is local."""
    cleaned = text.strip()
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        parsed = None
    if parsed is not None and (":" in cleaned):
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=_local_tz())
        return parsed.astimezone(UTC)
    day = parse_day(cleaned, now)
    local_now = now.astimezone(_local_tz())
    moment = datetime.combine(day, local_now.time().replace(microsecond=0), tzinfo=_local_tz())
    return moment.astimezone(UTC)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=_local_tz()).astimezone(UTC)


def day_end(day: date) -> datetime:
    """The first moment after `day` (an exclusive bound)."""
    return day_start(day + timedelta(days=1))
