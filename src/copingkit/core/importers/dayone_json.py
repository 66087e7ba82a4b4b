"""Day One's JSON export: a `Journal.json`, or the zip Day One makes (one JSON file per journal).

`{"metadata": {...}, "entries": [{"uuid", "creationDate": "2026-01-01T09:00:00Z", "timeZone":
"Europe/London", "text", "tags": [...], "starred": false, ...}]}`. The moment is kept exactly; a
creation date written without an offset is read in the entry's own time zone. Day One escapes
markdown punctuation (`\\.`, `\\!`); the escapes are removed. Photos and other media stay behind
(their placeholders are left out of the text) and are counted, so the import says how many were
left out (`Parsed.left_out`). An entry is known on a second import by its uuid.

A zip is bounded before it is read: at most `MAX_MEMBERS` names, and the JSON files in it no larger
together than the import ceiling (by their declared sizes, and again while reading).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from copingkit.core import dates
from copingkit.core.errors import InvalidInput
from copingkit.core.importers import (
    MAX_FILE_BYTES,
    EntryRecord,
    Options,
    Parsed,
    Problem,
    clean_tags,
    count_guard,
    text_of,
)

MAX_MEMBERS = 100_000
_ESCAPE = re.compile(r"\\([.!()\[\]\-+#*_>`{}|~])")
_MEDIA = re.compile(r"!\[\]\(dayone-moment:/+[^)\s]*\)\n?")
_MEDIA_KIND = re.compile(r"!\[\]\(dayone-moment:/+(?:(video|audio|pdfAttachment)/)?[^)\s]*\)")
MEDIA = (("photos", "photo"), ("videos", "video"), ("audios", "audio recording"), ("pdfAttachments", "PDF"))
"""Day One's lists of an entry's media (its JSON keys) and what each is called when counted."""
_PLACEHOLDER_KIND = {"": "photo", "video": "video", "audio": "audio recording", "pdfAttachment": "PDF"}


def parse(data: bytes, options: Options) -> Parsed:
    if data.startswith(b"PK\x03\x04"):
        documents = _from_zip(data)
    else:
        documents = [("", data)]
    entries: list[EntryRecord] = []
    problems: list[Problem] = []
    left_out = dict.fromkeys((kind for _, kind in MEDIA), 0)
    for name, raw in documents:
        try:
            doc = json.loads(text_of(raw, "a Day One export"))
        except (ValueError, RecursionError):
            raise InvalidInput(f"{name or 'That file'} is not JSON, so it is not a Day One export.") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
            raise InvalidInput(f"{name or 'That file'} is not a Day One export (it has no list of entries).")
        count_guard(len(entries) + len(doc["entries"]))
        prefix = f"{name} " if len(documents) > 1 else ""
        for number, item in enumerate(doc["entries"], start=1):
            where = f"{prefix}entry {number}"
            for kind, n in _media(item).items():
                left_out[kind] += n
            try:
                entries.append(_entry(where, item, options))
            except InvalidInput as error:
                problems.append(Problem(where, str(error)))
    return Parsed(
        "dayone-json",
        entries=tuple(entries),
        problems=tuple(problems),
        left_out=tuple((kind, n) for kind, n in left_out.items() if n),
    )


def _media(item: Any) -> dict[str, int]:
    """An entry's photos, videos, audio and PDFs: from Day One's lists, or else its text's placeholders."""
    if not isinstance(item, dict):
        return {}
    listed = {kind: len(item[key]) for key, kind in MEDIA if isinstance(item.get(key), list)}
    if listed:
        return listed
    counts: dict[str, int] = {}
    text = item.get("text")
    for match in _MEDIA_KIND.finditer(text if isinstance(text, str) else ""):
        kind = _PLACEHOLDER_KIND[match.group(1) or ""]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _from_zip(data: bytes) -> list[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise InvalidInput("That zip file is damaged, so it can't be read as a Day One export.") from None
    if len(infos) > MAX_MEMBERS:
        raise InvalidInput("That zip file holds more files than a Day One export does.")
    chosen = [info for info in infos if info.filename.lower().endswith(".json") and not info.is_dir()]
    chosen = [info for info in chosen if "/" not in info.filename.strip("/")] or chosen
    if not chosen:
        raise InvalidInput("That zip file has no Day One journal in it (no .json file).")
    if sum(info.file_size for info in chosen) > MAX_FILE_BYTES:
        raise InvalidInput(
            f"The journals in that zip are more than copingkit imports at once ({MAX_FILE_BYTES // 2**20} MiB)."
        )
    documents, total = [], 0
    for info in chosen:
        try:
            with archive.open(info) as handle:
                raw = handle.read(MAX_FILE_BYTES - total + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
            raise InvalidInput(f"{info.filename} in that zip can't be read.") from None
        total += len(raw)
        if total > MAX_FILE_BYTES:
            raise InvalidInput(
                f"The journals in that zip are more than copingkit imports at once ({MAX_FILE_BYTES // 2**20} MiB)."
            )
        documents.append((info.filename, raw))
    return documents


def _entry(where: str, item: Any, options: Options) -> EntryRecord:
    if not isinstance(item, dict):
        raise InvalidInput("this entry is not a set of named fields")
    text = item.get("text")
    if not isinstance(text, str):
        raise InvalidInput("this entry has no text (a photo-only entry is not imported)")
    body = _MEDIA.sub("", _ESCAPE.sub(r"\1", text.replace("\r\n", "\n"))).strip()
    if not body:
        raise InvalidInput("this entry has no words (a photo-only entry is not imported)")
    created = item.get("creationDate")
    if not isinstance(created, str):
        raise InvalidInput("this entry has no creation date")
    try:
        moment = datetime.fromisoformat(created.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"{created[:40]!r} is not a date copingkit can read") from None
    if moment.tzinfo is None:
        moment = dates.to_utc(moment, _zone(item.get("timeZone")) or options.zone, typed=created)
    moment = moment.astimezone(UTC)
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise InvalidInput("this entry's tags are not a list of words")
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise InvalidInput("this entry's starred mark is not true or false")
    uuid = item.get("uuid")
    source = "dayone:" + uuid.strip().upper() if isinstance(uuid, str) and uuid.strip() else None
    return EntryRecord(where=where, at=moment, body=body, tags=clean_tags(tags), starred=starred, source_id=source)


def _zone(name: Any) -> ZoneInfo | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None
