"""jrnl's JSON export (`jrnl --format json`).

`{"tags": {...}, "entries": [{"title", "body", "date": "2026-01-01", "time": "09:00", "tags": ["@maya"],
"starred": false}, ...]}`; an entry from a Day One journal also has its `uuid`. Times are local wall
times. A bad entry is reported by its number (1 = the first) and the rest are read.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from copingkit.core import dates
from copingkit.core.errors import InvalidInput
from copingkit.core.importers import EntryRecord, Options, Parsed, Problem, clean_tags, count_guard, text_of
from copingkit.core.importers.jrnl_txt import record_of


def parse(data: bytes, options: Options) -> Parsed:
    try:
        doc = json.loads(text_of(data, "a jrnl JSON export"))
    except (ValueError, RecursionError):
        raise InvalidInput("That file is not JSON, so it is not a jrnl JSON export.") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise InvalidInput("That file is not a jrnl JSON export (it has no list of entries).")
    items = doc["entries"]
    count_guard(len(items))
    entries: list[EntryRecord] = []
    problems: list[Problem] = []
    for number, item in enumerate(items, start=1):
        where = f"entry {number}"
        try:
            record = _entry(where, item, options)
        except (InvalidInput, TypeError, ValueError) as error:
            problems.append(Problem(where, str(error) if isinstance(error, InvalidInput) else _reason(error)))
            continue
        if record is None:
            problems.append(Problem(where, "this entry has no words"))
            continue
        entries.append(record)
    return Parsed("jrnl-json", entries=tuple(entries), problems=tuple(problems))


def _entry(where: str, item: Any, options: Options) -> EntryRecord | None:
    if not isinstance(item, dict):
        raise InvalidInput("this entry is not a set of named fields")
    title, body = item.get("title", ""), item.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        raise InvalidInput("this entry's title or body is not text")
    day, time = item.get("date"), item.get("time", "00:00")
    if not isinstance(day, str) or not isinstance(time, str):
        raise InvalidInput("this entry has no date")
    try:
        wall = datetime.strptime(f"{day.strip()} {time.strip()}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput(f"{day} {time} is not a date and time copingkit can read") from None
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise InvalidInput("this entry's starred mark is not true or false")
    record = record_of(where, dates.to_utc(wall, options.zone, typed=f"{day} {time}"), title, body, starred)
    if record is None:
        return None
    tags = item.get("tags")
    if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        record = EntryRecord(**{**record.__dict__, "tags": clean_tags([*tags, *record.tags])})
    uuid = item.get("uuid")
    if isinstance(uuid, str) and uuid.strip():
        record = EntryRecord(**{**record.__dict__, "source_id": "dayone:" + uuid.strip().upper()})
    return record


def _reason(error: Exception) -> str:
    return "this entry could not be read"
