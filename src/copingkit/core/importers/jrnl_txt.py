"""jrnl's plain journal file.

Each entry starts on a new line with its date in brackets and a space, then its title; the lines
after it, up to the next such line, are its body (blank lines and all):

    [2026-01-01 09:00:00 AM] First morning. *
    Walked by the river with @Maya.

The date is written in the journal's `timeformat`: jrnl's default `%F %r` and the common
`%Y-%m-%d %H:%M` are recognised on their own; any other is given with `--time-format`. Times are
local wall times (of the person's zone). A title ending in `*` is starred. Tags are words starting
with `@` or `#` (jrnl's default tag symbols), as jrnl finds them: after a space or at the start of
a line, made of letters, digits and `- + * # /`; they are kept lower case without the symbol.

A bracketed line that starts with a digit but is not a date in the format is reported with its
line number and that entry is left out; other bracketed text that is not a date (a markdown `[x]`)
is body text, as jrnl reads it.
"""

from __future__ import annotations

import re
from datetime import datetime

from copingkit.core import dates
from copingkit.core.errors import InvalidInput
from copingkit.core.importers import (
    EntryRecord,
    Options,
    Parsed,
    Problem,
    clean_tags,
    count_guard,
    one_line,
    text_of,
)

DEFAULT_FORMATS = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
_HEADER = re.compile(r"(?:^|\n)\[([^\]\n]{1,80})\] ?")
_TAG = re.compile(r"(?<!\S)([@#][-+*#/\w]+)")
TITLE_MAX = 200


def parse(data: bytes, options: Options) -> Parsed:
    return parse_text(text_of(data, "a jrnl journal"), options, "jrnl-txt")


def parse_text(text: str, options: Options, fmt: str = "jrnl-txt") -> Parsed:
    formats = (options.time_format,) if options.time_format else DEFAULT_FORMATS
    entries: list[EntryRecord] = []
    problems: list[Problem] = []
    heads: list[tuple[int, int, int, datetime | None, str]] = []  # (line, header start, text start, time, blob)
    line, scanned = 1, 0
    for match in _HEADER.finditer(text):
        blob = match.group(1)
        start = match.start() + (1 if text[match.start()] == "\n" else 0)
        wall = _wall(blob, formats)
        if wall is None and not blob[:1].isdigit():
            continue  # bracketed text inside an entry (a markdown [x]), as jrnl reads it
        line += text.count("\n", scanned, start)
        scanned = start
        heads.append((line, match.start(), match.end(), wall, blob))
        count_guard(len(heads))
    if not heads or (not options.time_format and all(head[3] is None for head in heads)):
        if text.strip():
            raise InvalidInput(
                "No dated entries were found in that file. If it is a jrnl journal with its own time format, "
                "give it with --time-format (for example --time-format '%d.%m.%Y %H:%M')."
            )
        return Parsed(fmt)
    if text[: heads[0][1]].strip():
        problems.append(Problem("line 1", "text before the first dated entry was left out"))
    for index, (number, _, begin, wall, blob) in enumerate(heads):
        end = heads[index + 1][1] if index + 1 < len(heads) else len(text)
        where = f"line {number}"
        if wall is None:
            hint = (
                "" if options.time_format else " (if the journal uses its own time format, give it with --time-format)"
            )
            problems.append(Problem(where, f"{one_line(blob)} is not a date copingkit can read{hint}"))
            continue
        try:
            at = dates.to_utc(wall, options.zone, typed=blob)
        except InvalidInput as error:
            problems.append(Problem(where, str(error)))
            continue
        record = entry_of(where, at, text[begin:end])
        if record is None:
            problems.append(Problem(where, "this entry has no words"))
            continue
        entries.append(record)
    return Parsed(fmt, entries=tuple(entries), problems=tuple(problems))


def _wall(blob: str, formats: tuple[str, ...]) -> datetime | None:
    for pattern in formats:
        try:
            return datetime.strptime(blob.strip(), pattern)
        except ValueError:
            continue
    return None


def entry_of(where: str, at: datetime, raw: str) -> EntryRecord | None:
    """One entry from its text after the date: the first line its title (a trailing `*` stars it)."""
    lines = raw.split("\n")
    first = lines[0].rstrip()
    starred = first.endswith("*")
    if starred:
        first = first.strip(" *")
    body = "\n".join(lines[1:]).strip("\n").rstrip()
    return record_of(where, at, first.strip(), body, starred)


def record_of(
    where: str, at: datetime, title: str, body: str, starred: bool, source_id: str | None = None
) -> EntryRecord | None:
    """An entry from jrnl's title and body: an entry with only a title keeps it as its words."""
    title = " ".join(title.split())
    tags = clean_tags(_TAG.findall(title + "\n" + body))
    if not body.strip():
        if not title:
            return None
        title, body = "", title
    if len(title) > TITLE_MAX:
        title, body = "", f"{title}\n\n{body}"
    return EntryRecord(
        where=where, at=at, body=body, title=title or None, tags=tags, starred=starred, source_id=source_id
    )
