"""Reading other journaling apps' files into plain records; nothing here touches a journal.

One module per format, each with `parse(data: bytes, options: Options) -> Parsed`:

- `jrnl_txt`: jrnl's plain journal (`[2026-01-01 09:00:00 AM] title`), also what `jrnl_encrypted` decrypts to;
- `jrnl_json`: jrnl's `--format json` export;
- `jrnl_encrypted`: a journal jrnl encrypted itself (v3, v2, v1), read with its password in memory;
- `daylio_csv`: Daylio's CSV export (check-ins: mood, activities, note);
- `dayone_json`: Day One's JSON export, or the zip it comes in.

A record that cannot be read becomes a `Problem` naming its line (or entry number) and the rest are
still read. Storing the records (what is new, what is already there) is the transfer service's work
(`TransferService.preview_import` / `apply_import`). Costs a file controls are bounded before the
work: the file's size (`MAX_FILE_BYTES`, checked by whoever reads it, and again here), the number of
records (`MAX_RECORDS`), and for an encrypted jrnl journal its header before any key is derived.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from copingkit.core.errors import InvalidInput

FORMATS = ("jrnl-txt", "jrnl-json", "jrnl-encrypted", "daylio-csv", "dayone-json")
"""Formats read here; `copingkit-json` (a copingkit export) is read by the transfer service itself."""
ALL_FORMATS = ("copingkit-json", *FORMATS)
NEEDS_PASSPHRASE = frozenset({"jrnl-encrypted"})
MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest file an import reads (a ten-year journal is far smaller)."""
MAX_RECORDS = 200_000
"""The most records one file may hold: 50 a day for ten years."""
TAG_MAX = 60
"""A tag longer than this is left in the text only (the journal's own limit on tag names)."""


class WrongSourcePassphrase(InvalidInput):
    """The password given did not open the other app's encrypted journal."""


class PassphraseNeeded(InvalidInput):
    """The file is encrypted and no password was given."""


@dataclass(frozen=True)
class Options:
    time_format: str | None = None
    """jrnl-txt: the journal's `timeformat` when it is not one recognised on its own."""
    passphrase: str | None = field(default=None, repr=False)
    """jrnl-encrypted: the journal's password (kept in memory only)."""
    zone: tzinfo | None = None
    """The zone of times written without one (jrnl, Daylio); None: the person's local zone."""


@dataclass(frozen=True)
class EntryRecord:
    where: str
    """Where it was found: "line 12" or "entry 3"."""
    at: datetime
    """Aware UTC."""
    body: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    starred: bool = False
    source_id: str | None = None
    """The other app's own id for it (Day One's uuid), so a second import knows it by that."""


@dataclass(frozen=True)
class CheckInRecord:
    where: str
    at: datetime
    mood_name: str
    """The other app's word for the mood, lower case (Daylio: rad, good, meh, bad, awful, or a custom one)."""
    note: str | None = None
    tags: tuple[str, ...] = ()
    extra: str | None = None
    """Words the other app kept beside the note (Daylio's scales, "Daylio scales: sleep 2"); stored
    as the note's last paragraph, but not part of what recognises the record on a second import."""


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Parsed:
    format: str
    entries: tuple[EntryRecord, ...] = ()
    checkins: tuple[CheckInRecord, ...] = ()
    problems: tuple[Problem, ...] = ()
    left_out: tuple[tuple[str, int], ...] = ()
    """What the file holds that copingkit does not keep, counted: (("photo", 3), ("video", 1)) for Day One."""

    @property
    def records(self) -> int:
        return len(self.entries) + len(self.checkins)

    def left_out_words(self) -> str:
        """ "3 photos and 1 video were left out: …", or "" when nothing was."""
        return left_out_words(self.left_out)


_PLURALS = {"photo": "photos", "video": "videos", "audio recording": "audio recordings", "PDF": "PDFs"}


def left_out_words(counts: tuple[tuple[str, int], ...]) -> str:
    parts = [f"{n} {kind if n == 1 else _PLURALS.get(kind, kind + 's')}" for kind, n in counts if n]
    if not parts:
        return ""
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "was" if len(parts) == 1 and said.startswith("1 ") else "were"
    return f"{said} {verb} left out: copingkit keeps the words only, and the file you imported from still has them."


def parse(fmt: str, data: bytes, options: Options | None = None) -> Parsed:
    """The records in a file of format `fmt` (one of FORMATS); InvalidInput if it is not that format at all."""
    options = options or Options()
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput(f"That file is more than copingkit imports at once ({MAX_FILE_BYTES // 2**20} MiB).")
    reader = _readers().get(fmt)
    if reader is None:
        raise InvalidInput(f"copingkit can't import the format {fmt!r}; it knows {', '.join(ALL_FORMATS)}.")
    return reader(data, options)


def _readers() -> dict[str, Callable[[bytes, Options], Parsed]]:
    from copingkit.core.importers import daylio_csv, dayone_json, jrnl_encrypted, jrnl_json, jrnl_txt

    return {
        "jrnl-txt": jrnl_txt.parse,
        "jrnl-json": jrnl_json.parse,
        "jrnl-encrypted": jrnl_encrypted.parse,
        "daylio-csv": daylio_csv.parse,
        "dayone-json": dayone_json.parse,
    }


# --- shared by the readers ----------------------------------------------------------------------


def text_of(data: bytes, what: str) -> str:
    """A file's text: strict UTF-8 (a byte-order mark dropped), newlines made \\n."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"That file is not UTF-8 text, so it is not {what}.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def count_guard(n: int) -> None:
    if n > MAX_RECORDS:
        raise InvalidInput(f"That file holds more than {MAX_RECORDS:,} records, more than copingkit imports at once.")


def clean_tags(raw: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tag names as the journal keeps them: no leading @ or #, lower case, single spaces; each once."""
    names: list[str] = []
    for item in raw:
        name = " ".join(item.strip().lstrip("@#").split()).lower()
        if name and len(name) <= TAG_MAX and name not in names:
            names.append(name)
    return tuple(names)


_HEADING_SPLIT = re.compile(r"\s+")


def one_line(text: str, limit: int = 40) -> str:
    """A short, single-line quote of something found in a file, for a problem's words."""
    text = " ".join(_HEADING_SPLIT.split(text.strip()))
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


__all__ = [
    "ALL_FORMATS",
    "FORMATS",
    "MAX_FILE_BYTES",
    "MAX_RECORDS",
    "NEEDS_PASSPHRASE",
    "CheckInRecord",
    "EntryRecord",
    "Options",
    "Parsed",
    "PassphraseNeeded",
    "Problem",
    "WrongSourcePassphrase",
    "parse",
]
