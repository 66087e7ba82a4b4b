"""Dates and times typed by a person: ISO, "today", "yesterday", "N days ago" (DESIGN.md §4).

The one place where local wall times become UTC. A local time means the zone rules of *that*
date in the person's IANA zone (TZ, else the system's, found by tzlocal), never today's offset:
09:00 on 1 July in New York is 13:00Z even when it is typed in December. A time inside a
spring-forward gap moves forward by the gap; an ambiguous autumn time takes the first (fold=0).
"Now" always comes from the caller's clock, so tests and the demo can fix it.
"""

from __future__ import annotations

import os
import re
import time as _time
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from copingkit.core.errors import InvalidInput

FUTURE_GRACE = timedelta(minutes=5)
"""How far past "now" a typed time may be (a clock a little ahead); beyond it is refused."""

_AGO = re.compile(r"^(\d+)\s+(day|days|week|weeks)\s+ago$")
_HINT = "Try 2026-03-01, 2026-03-01 21:30, today, yesterday or '3 days ago'."


class _LibcZone(tzinfo):
    """The C library's local time, for a TZ that is not an IANA name (a POSIX rule such as "EST5EDT,M3.2.0,M11.1.0").

    It follows the same PEP 495 rules as zoneinfo: in a gap fold=0 takes the offset from before it,
    in an overlap fold=0 the first occurrence.
    """

    def _offset_at(self, seconds: float) -> timedelta:
        return timedelta(seconds=_time.localtime(seconds).tm_gmtoff)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return self._offset_at(_time.time())
        wall = (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
        before, after = self._offset_at(wall - 86_400), self._offset_at(wall + 86_400)
        before_fits = self._offset_at(wall - before.total_seconds()) == before
        after_fits = self._offset_at(wall - after.total_seconds()) == after
        if dt.fold == 0:
            return before if before_fits or not after_fits else after
        return after if after_fits or not before_fits else before

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return _time.tzname[0]

    def fromutc(self, dt: datetime) -> datetime:
        seconds = (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
        offset = self._offset_at(seconds)
        wall = (dt + offset).replace(tzinfo=self)
        return wall if wall.utcoffset() == offset else wall.replace(fold=1)


def local_zone() -> tzinfo:
    """The person's zone: TZ when it names an IANA zone (or a zone file), else the system's.

    Read on every call, so a TZ set for one process or one test is honoured.
    """
    configured = os.environ.get("TZ", "").strip().removeprefix(":")
    if configured:
        try:
            if configured.startswith("/"):
                with open(configured, "rb") as handle:
                    return ZoneInfo.from_file(handle, key=configured)
            return ZoneInfo(configured)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            return _LibcZone()
    import tzlocal

    try:
        return tzlocal.get_localzone()
    except (ZoneInfoNotFoundError, ValueError, LookupError):
        return _LibcZone()


def _shown(text: str) -> str:
    """What was typed, quoted and short enough for one line."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _too_far(text: str) -> InvalidInput:
    return InvalidInput(f"{_shown(text)} is too far in the past or the future to use. {_HINT}")


def to_utc(wall: datetime, zone: tzinfo | None = None, *, typed: str | None = None) -> datetime:
    """A naive local wall time as aware UTC, with the rules of that date (gap: forward; overlap: first)."""
    try:
        return wall.replace(tzinfo=zone or local_zone(), fold=0).astimezone(UTC)
    except (OverflowError, OSError):
        raise _too_far(typed or wall.isoformat(sep=" ", timespec="minutes")) from None


def to_local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """An aware moment in the person's zone, for showing it."""
    return moment.astimezone(zone or local_zone())


def today(now: datetime, zone: tzinfo | None = None) -> date:
    """The person's calendar day at `now` (aware)."""
    return now.astimezone(zone or local_zone()).date()


def parse_day(text: str, now: datetime, zone: tzinfo | None = None) -> date:
    """A calendar day (local) from ISO 'YYYY-MM-DD', 'today', 'yesterday' or 'N days ago'."""
    cleaned = " ".join(text.strip().lower().split())
    current = today(now, zone)
    if cleaned == "today":
        return current
    if cleaned == "yesterday":
        return current - timedelta(days=1)
    match = _AGO.match(cleaned)
    if match:
        digits, unit = match.groups()
        if len(digits.lstrip("0")) > 7:  # more days than the calendar holds
            raise _too_far(text)
        try:
            return current - timedelta(days=int(digits) * (7 if unit.startswith("week") else 1))
        except OverflowError:
            raise _too_far(text) from None
    for reader in (date.fromisoformat, lambda value: datetime.fromisoformat(value).date()):
        try:
            return reader(cleaned)
        except ValueError:
            continue
    raise InvalidInput(f"I couldn't read the date {_shown(text)}. {_HINT}")


def parse_when(text: str, now: datetime, zone: tzinfo | None = None) -> datetime:
    """A moment (aware UTC) that has happened. A bare day keeps the current time of day; a naive time is local.

    A moment more than FUTURE_GRACE after `now` is refused: a check-in or an entry is about what was.
    """
    cleaned = " ".join(text.strip().split())
    zone = zone or local_zone()
    if cleaned.lower() == "now":
        return now.astimezone(UTC)
    parsed: datetime | None = None
    if ":" in cleaned:
        try:
            parsed = datetime.fromisoformat(cleaned)
        except ValueError:
            parsed = None
    if parsed is not None:
        if parsed.tzinfo is None:
            moment = to_utc(parsed, zone, typed=text)
        else:
            try:
                moment = parsed.astimezone(UTC)
            except OverflowError:
                raise _too_far(text) from None
    else:
        day = parse_day(cleaned, now, zone)
        clock_time = now.astimezone(zone).time().replace(microsecond=0)
        moment = to_utc(datetime.combine(day, clock_time), zone, typed=text)
    if moment > now + FUTURE_GRACE:
        raise InvalidInput(f"{_shown(text)} is in the future. Leave it out to use now, or give a time that has passed.")
    return moment


def day_start(day: date, zone: tzinfo | None = None) -> datetime:
    """The first moment (UTC) of a local calendar day."""
    return to_utc(datetime.combine(day, time.min), zone, typed=day.isoformat())


def day_end(day: date, zone: tzinfo | None = None) -> datetime | None:
    """The first moment (UTC) after a local calendar day: an exclusive bound; None past the last day there is."""
    try:
        following = day + timedelta(days=1)
        return datetime.combine(following, time.min).replace(tzinfo=zone or local_zone(), fold=0).astimezone(UTC)
    except (OverflowError, OSError):
        return None
