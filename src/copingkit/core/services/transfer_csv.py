"""The csv export: a zip of one CSV per table, built from the same rows as the JSON export.

Each file holds one kind of record, oldest first, with its stable `uid` and ISO-8601 UTC times;
links between files are uids (`strategy_uid`), never the journal's local ids. Tags and a check-in's
emotions are a column of their row (`work;sleep`, `anxious:7;tired:5`), not files of their own.
Left out, as from any export meant for reading: the trash, drafts, prompt state, earlier versions
and deletions (the JSON export keeps those). A `--shared-only` zip holds only entries.csv and
checkins.csv. Cells a spreadsheet would run as a formula get a leading `'`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from copingkit.core.services.readmodels import MOOD_WORDS

Row = Mapping[str, Any]
Tables = Mapping[str, list[dict[str, Any]]]

ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, so spreadsheets (Excel above all) read accents and emoji right."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "entries.csv": (
        "uid", "created_at", "edited_at", "title", "body", "kind", "prompt_id", "tags", "starred", "shared",
    ),
    "checkins.csv": (
        "uid", "at", "mood", "mood_word", "energy", "sleep_hours", "coping_confidence", "emotions", "note",
        "tags", "shared", "created_at", "edited_at",
    ),
    "strategies.csv": (
        "uid", "slug", "title", "steps", "minutes", "reactions", "source", "pack_uid", "favourite", "hidden",
        "created_at",
    ),
    "strategy_uses.csv": (
        "uid", "at", "strategy_uid", "strategy", "reaction", "distress_before", "distress_after", "note",
    ),
    "assessments.csv": (
        "uid", "at", "instrument", "instrument_version", "answers", "score", "band", "difficulty",
        "crisis_shown_at",
    ),
    "packs.csv": ("uid", "slug", "kind", "title", "author", "version", "description", "imported_at"),
    "homework.csv": (
        "uid", "pack_uid", "kind", "title", "instructions", "strategy_uid", "prompt_id", "instrument",
        "times_per_week", "every_days", "due_at", "archived", "created_at",
    ),
    "homework_done.csv": ("uid", "at", "assignment_uid", "assignment", "entry_uid", "note"),
    "group_sessions.csv": (
        "uid", "at", "group_name", "minutes", "connectedness", "what_i_shared", "what_i_heard", "takeaways",
    ),
    "safety_plan.csv": ("uid", "step", "position", "text"),
    "support_contacts.csv": ("uid", "name", "how_to_reach", "note", "position"),
}  # fmt: skip
"""Each file of the zip and its header, in the zip's order."""

SHARED_FILES = ("entries.csv", "checkins.csv")
"""What a `--shared-only` zip holds."""


def csv_files(tables: Tables, *, shared_only: bool) -> dict[str, str]:
    """file name -> CSV text, from an export document's `tables` (TransferService.export_document)."""
    uids = {name: {row["id"]: row["uid"] for row in rows if "id" in row} for name, rows in tables.items()}

    def uid_of(table: str, row_id: Any) -> str:
        return "" if row_id is None else uids.get(table, {}).get(row_id, "")

    tag_names = {row["id"]: row["name"] for row in tables.get("tag", [])}
    entry_tags = _grouped(tables.get("entry_tag", []), "entry_id", lambda link: tag_names[link["tag_id"]])
    checkin_tags = _grouped(tables.get("checkin_tag", []), "checkin_id", lambda link: tag_names[link["tag_id"]])
    emotions = _grouped(
        tables.get("checkin_emotion", []), "checkin_id", lambda row: f"{row['emotion']}:{row['intensity']}"
    )
    strategies = {row["id"]: row for row in tables.get("coping_strategy", [])}
    assignments = {row["id"]: row for row in tables.get("homework_assignment", [])}
    uses = tables.get("strategy_use", [])
    in_use = {row["strategy_id"] for row in uses} | {row["strategy_id"] for row in assignments.values()}

    rows: dict[str, Iterable[dict[str, Any]]] = {
        "entries.csv": (
            {
                **_pick(entry, "uid", "created_at", "edited_at", "title", "body", "kind", "prompt_id", "starred"),
                "tags": ";".join(sorted(entry_tags.get(entry["id"], []))),
                "shared": entry["shared_with_therapist"],
            }
            for entry in _oldest_first(tables.get("journal_entry", []), "created_at")
            if entry["deleted_at"] is None
        ),
        "checkins.csv": (
            {
                **_pick(checkin, "uid", "at", "mood", "energy", "sleep_hours", "coping_confidence", "note"),
                **_pick(checkin, "created_at", "edited_at"),
                "mood_word": MOOD_WORDS.get(checkin["mood"], ""),
                "emotions": ";".join(emotions.get(checkin["id"], [])),
                "tags": ";".join(sorted(checkin_tags.get(checkin["id"], []))),
                "shared": checkin["shared_with_therapist"],
            }
            for checkin in _oldest_first(tables.get("mood_checkin", []), "at")
        ),
        "strategies.csv": (
            {
                **_pick(strategy, "uid", "slug", "title", "minutes", "source", "favourite", "hidden", "created_at"),
                "steps": "\n".join(strategy["steps"] or []),
                "reactions": ";".join(strategy["reactions"] or []),
                "pack_uid": uid_of("homework_pack", strategy["pack_id"]),
            }
            for strategy in strategies.values()
            if _persons_own(strategy) or strategy["id"] in in_use
        ),
        "strategy_uses.csv": (
            {
                **_pick(use, "uid", "at", "reaction", "distress_before", "distress_after", "note"),
                "strategy_uid": uid_of("coping_strategy", use["strategy_id"]),
                "strategy": strategies[use["strategy_id"]]["title"] if use["strategy_id"] in strategies else "",
            }
            for use in _oldest_first(uses, "at")
        ),
        "assessments.csv": (
            {
                **_pick(result, "uid", "at", "instrument_version", "score", "band", "difficulty", "crisis_shown_at"),
                "instrument": result["instrument_id"],
                "answers": ";".join("" if answer is None else str(answer) for answer in result["answers"] or []),
            }
            for result in _oldest_first(tables.get("assessment", []), "at")
        ),
        "packs.csv": (
            _pick(pack, "uid", "slug", "kind", "title", "author", "version", "description", "imported_at")
            for pack in tables.get("homework_pack", [])
        ),
        "homework.csv": (
            {
                **_pick(item, "uid", "kind", "title", "instructions", "prompt_id", "instrument", "times_per_week"),
                **_pick(item, "every_days", "due_at", "archived", "created_at"),
                "pack_uid": uid_of("homework_pack", item["pack_id"]),
                "strategy_uid": uid_of("coping_strategy", item["strategy_id"]),
            }
            for item in assignments.values()
        ),
        "homework_done.csv": (
            {
                **_pick(done, "uid", "at", "note"),
                "assignment_uid": uid_of("homework_assignment", done["assignment_id"]),
                "assignment": assignments[done["assignment_id"]]["title"],
                "entry_uid": uid_of("journal_entry", done["entry_id"]),
            }
            for done in _oldest_first(tables.get("homework_completion", []), "at")
        ),
        "group_sessions.csv": (
            _pick(group, *COLUMNS["group_sessions.csv"])
            for group in _oldest_first(tables.get("group_session", []), "at")
        ),
        "safety_plan.csv": (
            _pick(item, *COLUMNS["safety_plan.csv"])
            for item in sorted(tables.get("safety_plan_item", []), key=lambda row: (row["step"], row["position"]))
        ),
        "support_contacts.csv": (
            _pick(contact, *COLUMNS["support_contacts.csv"])
            for contact in sorted(tables.get("support_contact", []), key=lambda row: row["position"])
        ),
    }
    names = SHARED_FILES if shared_only else tuple(COLUMNS)
    return {name: _csv_text(COLUMNS[name], rows[name]) for name in names}


def csv_zip(files: Mapping[str, str], made_at: datetime) -> bytes:
    """The files in one zip (deflated), each dated `made_at` and marked readable only by its owner."""
    buffer = io.BytesIO()
    stamp = made_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100600 << 16
            archive.writestr(info, text.encode(ENCODING))
    return buffer.getvalue()


def cell(value: Any) -> Any:
    """A value as a spreadsheet should see it: text that would run as a formula gets a leading `'`,
    true/false are 1/0, nothing is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_text(columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def _pick(row: Row, *keys: str) -> dict[str, Any]:
    return {key: row[key] for key in keys}


def _oldest_first(rows: list[dict[str, Any]], time_key: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (row[time_key], row["id"]))


def _grouped(rows: Iterable[Row], key: str, value: Callable[[Row], str]) -> dict[Any, list[str]]:
    grouped: dict[Any, list[str]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(value(row))
    return grouped


def _persons_own(strategy: Row) -> bool:
    """A strategy that says something about this person: not a bundled one left as it came."""
    return strategy["source"] != "builtin" or strategy["user_edited"] or strategy["favourite"] or strategy["hidden"]
