"""Daylio's CSV export: one mood check-in per row.

Both layouts seen in the wild are read by their column names: `full_date,date,weekday,time,mood,
activities,note_title,note` and the same with a `scales` column. Its ratings (`sleep: 2 | stress: 4`,
scales a person made up, each with its own range) fit no check-in field, so they are kept as words,
the note's last paragraph ("Daylio scales: sleep 2; stress 4"). Times
are 12-hour (`9:30 PM`) or 24-hour (`21:30`) local wall times. Activities are separated by `|` and
become tags. Notes keep their quoted newlines; the title, when there is one, is the note's first
line; Daylio's light formatting (`<br>`, `<b>`, list items) becomes plain text.

Daylio's five mood words map to copingkit's 1–5 (rad 5, good 4, meh 3, bad 2, awful 1). A person
who renamed their moods or added their own gives them best first (`mood_numbers`), or answers for
each; a check-in keeps Daylio's word only to say which it was. A row that can't be read is reported
with the line it starts on and the rest are read.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time

from copingkit.core import dates
from copingkit.core.errors import InvalidInput
from copingkit.core.importers import (
    CheckInRecord,
    Options,
    Parsed,
    Problem,
    clean_tags,
    count_guard,
    one_line,
    text_of,
)

DAYLIO_MOODS: Mapping[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
_REQUIRED = ("full_date", "time", "mood")
_TIME_FORMATS = ("%H:%M", "%I:%M %p", "%H:%M:%S", "%I:%M:%S %p", "%I:%M%p")
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</li>", re.IGNORECASE)
_ITEM = re.compile(r"<li>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|p|div|span|ul|ol|strike|del|h[1-6])(?:\s[^>]*)?>", re.IGNORECASE)
csv.field_size_limit(8 * 1024 * 1024)


def parse(data: bytes, options: Options) -> Parsed:
    text = text_of(data, "a Daylio export")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("That file is empty, so it is not a Daylio export.") from None
    except csv.Error:
        raise InvalidInput("That file is not a CSV file, so it is not a Daylio export.") from None
    columns = {name.strip().lower(): index for index, name in enumerate(header)}
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        raise InvalidInput(
            "That file is not a Daylio export: it has no "
            + " or ".join(repr(name) for name in missing)
            + " column (Daylio's begin full_date,date,weekday,time,mood,activities,note_title,note)."
        )
    checkins: list[CheckInRecord] = []
    problems: list[Problem] = []
    line = reader.line_num + 1
    while True:
        start = line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(f"line {start}", f"this row can't be read as CSV ({error})"))
            line = reader.line_num + 1
            continue
        line = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        count_guard(len(checkins) + 1)
        where = f"line {start}"
        try:
            checkins.append(_checkin(where, row, columns, options))
        except InvalidInput as error:
            problems.append(Problem(where, str(error)))
    return Parsed("daylio-csv", checkins=tuple(checkins), problems=tuple(problems))


def _cell(row: list[str], columns: Mapping[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _checkin(where: str, row: list[str], columns: Mapping[str, int], options: Options) -> CheckInRecord:
    if len(row) < len(columns) - 1:
        raise InvalidInput(f"this row has {len(row)} columns where the header names {len(columns)}")
    day_text, time_text = _cell(row, columns, "full_date").strip(), _space(_cell(row, columns, "time"))
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise InvalidInput(f"{one_line(day_text)} is not a date (Daylio's full_date is like 2026-01-31)") from None
    at = _time(time_text)
    if at is None:
        raise InvalidInput(f"{one_line(time_text)} is not a time (like 21:30 or 9:30 PM)")
    mood = " ".join(_cell(row, columns, "mood").split()).lower()
    if not mood:
        raise InvalidInput("this row has no mood")
    activities = [part for part in _cell(row, columns, "activities").split("|") if part.strip()]
    title = _plain(_cell(row, columns, "note_title")).strip()
    note = _plain(_cell(row, columns, "note")).strip()
    words = "\n\n".join(part for part in (title, note) if part) or None
    moment = dates.to_utc(datetime.combine(day, at), options.zone, typed=f"{day_text} {time_text}")
    return CheckInRecord(
        where=where,
        at=moment,
        mood_name=mood,
        note=words,
        tags=clean_tags(activities),
        extra=_scales(_cell(row, columns, "scales")),
    )


def _scales(text: str) -> str | None:
    """Daylio's `scales` cell (`sleep: 2 | stress: 4`) as one line of words, or None when empty."""
    parts = []
    for part in _plain(text).split("|"):
        name, colon, value = (" ".join(part.split())).partition(":")
        name, value = name.strip(), value.strip()
        if name:
            parts.append(f"{name} {value}" if colon and value else name)
    return "Daylio scales: " + "; ".join(parts) if parts else None


def _space(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _time(text: str) -> time | None:
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None


def _plain(text: str) -> str:
    """Daylio's note markup as plain text: breaks and list items as lines, other tags dropped, entities read."""
    if "<" not in text and "&" not in text:
        return text
    text = _ITEM.sub("- ", _BREAK.sub("\n", text))
    return html.unescape(_TAG.sub("", text))


def mood_names(parsed: Parsed) -> tuple[str, ...]:
    """The mood words in a parsed file that are not Daylio's five, in the order first seen."""
    return tuple(dict.fromkeys(c.mood_name for c in parsed.checkins if c.mood_name not in DAYLIO_MOODS))


def mood_numbers(best_first: Iterable[str]) -> dict[str, int]:
    """A person's own five mood words, best first, as copingkit's 5 to 1."""
    names = [" ".join(name.split()).lower() for name in best_first if name.strip()]
    if len(names) != 5 or len(set(names)) != 5:
        raise InvalidInput(
            "Give your five Daylio moods, best first, separated by commas (for example rad,good,meh,bad,awful)."
        )
    return {name: 5 - index for index, name in enumerate(names)}


def parse_mood_map(text: str) -> dict[str, int]:
    """`NAME=N,…` (each N 1–5), or five names best first."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if parts and all("=" in part for part in parts):
        found: dict[str, int] = {}
        for part in parts:
            name, _, number = part.rpartition("=")
            name = " ".join(name.split()).lower()
            if not name or number.strip() not in ("1", "2", "3", "4", "5"):
                raise InvalidInput(f"{one_line(part)} is not a mood and a number 1–5 (like ecstatic=5).")
            found[name] = int(number)
        return found
    return mood_numbers(parts)
