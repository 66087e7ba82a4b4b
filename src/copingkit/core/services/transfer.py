"""Export and import: the copingkit JSON document, plus Markdown, CSV and HTML for reading.

Exports are plaintext; the CLI and TUI say so before writing one.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Float, Integer, String
from sqlalchemy import select as sa_select
from sqlalchemy.sql.schema import Table
from sqlmodel import col, select

from copingkit.core.errors import InvalidInput
from copingkit.core.models import (
    TABLES,
    CheckInEmotion,
    CheckInTag,
    EntryTag,
    JournalEntry,
    JSONText,
    MoodCheckIn,
    Tag,
    UTCDateTime,
    from_utc_text,
    to_utc_text,
)
from copingkit.core.services._common import Service, ensure_tags, preview_of, window
from copingkit.core.services.readmodels import MOOD_WORDS, ImportSummary

if TYPE_CHECKING:
    from copingkit.core.importers import CheckInRecord, EntryRecord, Problem
    from copingkit.core.services.merge import MergePlan

FORMAT = "copingkit-export"
VERSION = 2
"""v2 carries every row's `uid` and `updated_at`, tombstones and revisions; v1 exports still import."""
READABLE_VERSIONS = (1, 2)

# Time column that a date range filters on, per table.
_TIME_COLUMN = {
    "journal_entry": "created_at",
    "mood_checkin": "at",
    "strategy_use": "at",
    "assessment": "at",
    "group_session": "at",
    "homework_completion": "at",
}
# Tables left out of any filtered export (a therapist copy): private by nature, or only about this copy.
_PRIVATE = {"prompt_state", "vault_setting", "revision", "tombstone"}
_TABLES: dict[str, Table] = {model.__tablename__: model.__table__ for model in TABLES}  # type: ignore[misc]
# What a shared-only export holds: the entries and check-ins marked to share, their tags and details.
_SHARED = {"journal_entry", "entry_tag", "tag", "mood_checkin", "checkin_emotion", "checkin_tag"}
_NOT_SHARED = set(_TABLES) - _SHARED
TABLES_BY_NAME = _TABLES


class TransferService(Service):
    # --- JSON -------------------------------------------------------------------------------

    def export_document(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        shared_only: bool = False,
    ) -> dict[str, Any]:
        """Every table's rows as JSON-able dicts, oldest id first.

        With a date range or `shared_only` (a copy for a therapist): timestamped rows outside the
        range, entries in the trash, drafts, prompt state, revisions and tombstones are left out;
        with `shared_only`, only the entries and check-ins marked to share (with their tags and
        details), nothing else. Tags come along only if something exported uses them; links to
        rows left out become null.
        """
        start, end = window(date_from, date_to)
        filtered = start is not None or end is not None or bool(shared_only)
        skipped = _NOT_SHARED if shared_only else _PRIVATE if filtered else set()
        tables: dict[str, list[dict[str, Any]]] = {}
        kept: dict[str, set[Any]] = {}
        with self.database.session() as session:
            connection = session.connection()
            for name, table in _TABLES.items():
                if name in skipped:
                    tables[name] = []
                    kept[name] = set()
                    continue
                statement = sa_select(table).order_by(*table.primary_key.columns)
                time_column = _TIME_COLUMN.get(name)
                if time_column is not None:
                    if start is not None:
                        statement = statement.where(table.c[time_column] >= start)
                    if end is not None:
                        statement = statement.where(table.c[time_column] < end)
                if name == "journal_entry" and filtered:
                    statement = statement.where(table.c.deleted_at.is_(None))
                if name in ("journal_entry", "mood_checkin") and shared_only:
                    statement = statement.where(table.c.shared_with_therapist.is_(True))
                rows = []
                for row in connection.execute(statement).mappings():
                    values = dict(row)
                    if not _keep_links(table, values, kept):
                        continue
                    rows.append({key: _to_json(table.c[key], value) for key, value in values.items()})
                tables[name] = rows
                kept[name] = {row["id"] for row in rows} if "id" in table.c else set()
        if filtered:
            used = {row["tag_id"] for row in tables["entry_tag"]} | {row["tag_id"] for row in tables["checkin_tag"]}
            tables["tag"] = [row for row in tables["tag"] if row["id"] in used]
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": to_utc_text(self.now()),
            "filters": {
                "from": None if date_from is None else date_from.isoformat(),
                "to": None if date_to is None else date_to.isoformat(),
                "shared_only": bool(shared_only),
            },
            "tables": tables,
        }

    def import_document(self, doc: Any) -> ImportSummary:
        """Bring an export into this journal, like a merge (services/merge.py); all or nothing.

        Rows are matched by uid (v2) or, for a v1 export, by created time and text; a row already
        here takes the newer version and keeps the other's text as a revision, so importing the
        same export twice changes nothing. Tags, strategies, packs and settings match by name.
        """
        from copingkit.core.services.merge import MergeService

        summary = MergeService(self.database, self.clock).merge(doc)
        counts = dict(summary.added)
        for table, n in summary.updated.items():
            counts[table] = counts.get(table, 0) + n
        return ImportSummary(counts=counts)

    # --- other apps' files (core/importers) and copingkit exports -------------------------------

    def preview_import(
        self,
        fmt: str,
        data: bytes,
        *,
        time_format: str | None = None,
        passphrase: str | None = None,
        moods: Mapping[str, int] | None = None,
        zone: tzinfo | None = None,
    ) -> ImportPreview:
        """What importing `data` (a file of format `fmt`) would add; reads the file, writes nothing.

        Records already here are left out: known by their uid (a second import of the same file), or
        by their date (to the minute) and words (an entry written here by hand, or imported from the
        same journal in another of its formats). Records that could not be read are listed with their
        line or entry number. Daylio moods other than its five need `moods` (name -> 1-5); until then
        they are listed in `unknown_moods` and the preview can't be applied.
        """
        from copingkit.core import importers

        if fmt == "copingkit-json":
            return self._preview_export(data)
        options = importers.Options(time_format=time_format, passphrase=passphrase, zone=zone)
        parsed = importers.parse(fmt, data, options)
        preview = _ImportPlanner(self, fmt, moods or {}).plan(parsed.entries, parsed.checkins, parsed.problems)
        return replace(preview, left_out=parsed.left_out_words())

    def apply_import(self, preview: ImportPreview, progress: Callable[[int, int], None] | None = None) -> ImportSummary:
        """Add what a preview found new, in one transaction; `progress(done, total)` as it goes."""
        if preview.unknown_moods:
            raise InvalidInput("Some Daylio moods have no number yet, so nothing was imported.")
        if preview.merge_plan is not None:
            from copingkit.core.services.merge import MergeService

            summary = MergeService(self.database, self.clock).apply(preview.merge_plan)
            counts = dict(summary.added)
            for table, n in summary.updated.items():
                counts[table] = counts.get(table, 0) + n
            if progress is not None:
                progress(1, 1)
            return ImportSummary(counts=counts)
        return _write_import(self, preview, progress)

    def _preview_export(self, data: bytes) -> ImportPreview:
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (ValueError, RecursionError):  # not UTF-8 or not JSON, nested past Python's stack, a huge integer
            raise InvalidInput("That file is not a copingkit JSON export.") from None
        return self.preview_document(document)

    def preview_document(self, document: Any) -> ImportPreview:
        """What importing a copingkit export document would change (a merge plan); writes nothing."""
        from copingkit.core.services.merge import MergeService

        plan = MergeService(self.database, self.clock).plan(document)
        added = plan.summary.added
        return ImportPreview(
            format="copingkit-json",
            entries=added.get("journal_entry", 0),
            checkins=added.get("mood_checkin", 0),
            words=plan.summary.describe(),
            changes_nothing=plan.summary.changes_nothing,
            merge_plan=plan,
        )

    def shared_counts(
        self, *, date_from: date | datetime | None = None, date_to: date | datetime | None = None
    ) -> tuple[int, int]:
        """(entries, check-ins) marked to share in the range: what a shared-only export holds."""
        entries, checkins = self.readable(date_from, date_to, True)
        return len(entries), len(checkins)

    # --- readable formats --------------------------------------------------------------------

    def export_markdown(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        shared_only: bool = False,
    ) -> str:
        entries, checkins = self.readable(date_from, date_to, shared_only)
        out = ["# copingkit journal", "", f"Exported {_when(self.now())}. This file is not encrypted.", ""]
        out += ["## Journal", ""]
        if not entries:
            out += ["No entries.", ""]
        for entry in entries:
            heading = _when(entry["created_at"])
            if entry["title"]:
                heading += f" — {entry['title']}"
            marks = [label for flag, label in ((entry["starred"], "starred"), (entry["shared"], "shared")) if flag]
            out.append(f"### {heading}")
            out.append("")
            if entry["tags"] or marks:
                out.append("_" + " · ".join([*("#" + tag for tag in entry["tags"]), *marks]) + "_")
                out.append("")
            out.append(entry["body"].rstrip())
            out.append("")
        out += ["## Check-ins", ""]
        if not checkins:
            out += ["No check-ins.", ""]
        for checkin in checkins:
            line = f"- {_when(checkin['at'])}: mood {checkin['mood']} ({MOOD_WORDS[checkin['mood']]})"
            extras = checkin_details(checkin)
            if extras:
                line += "; " + "; ".join(extras)
            if checkin["note"]:
                line += " — " + " ".join(checkin["note"].split())
            out.append(line)
        out.append("")
        return "\n".join(out)

    def export_csv(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        shared_only: bool = False,
    ) -> bytes:
        """A zip of one CSV per table (`transfer_csv.COLUMNS`), from the rows the JSON export holds
        for the same range: uids, ISO UTC times, formula-like cells escaped, nothing from the trash."""
        from copingkit.core.services.transfer_csv import csv_zip

        return csv_zip(self.csv_files(date_from=date_from, date_to=date_to, shared_only=shared_only), self.now())

    def csv_files(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        shared_only: bool = False,
    ) -> dict[str, str]:
        """What the csv export's zip holds: file name -> CSV text."""
        from copingkit.core.services.transfer_csv import csv_files

        document = self.export_document(date_from=date_from, date_to=date_to, shared_only=shared_only)
        return csv_files(document["tables"], shared_only=shared_only)

    def export_html(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        shared_only: bool = False,
    ) -> str:
        """A self-contained HTML page (`copingkit.core.rendering`): entries' markdown rendered with
        raw HTML escaped, every other piece of text escaped, no scripts, nothing loaded from elsewhere."""
        from copingkit.core.rendering import render

        entries, checkins = self.readable(date_from, date_to, shared_only)
        return render(
            "export.html",
            title="copingkit journal",
            exported=_when(self.now()),
            entries=[
                {
                    "when": _when(entry["created_at"]),
                    "title": entry["title"],
                    "meta": " · ".join(
                        [
                            *("#" + tag for tag in entry["tags"]),
                            *(
                                label
                                for flag, label in ((entry["starred"], "starred"), (entry["shared"], "shared"))
                                if flag
                            ),
                        ]
                    ),
                    "body": entry["body"].rstrip(),
                }
                for entry in entries
            ],
            checkins=[
                {
                    "when": _when(checkin["at"]),
                    "mood": f"{checkin['mood']} ({MOOD_WORDS[checkin['mood']]})",
                    "details": "; ".join(checkin_details(checkin)),
                    "note": checkin["note"] or "",
                }
                for checkin in checkins
            ],
        )

    def readable(
        self, date_from: Any, date_to: Any, shared_only: bool
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Entries (not in the trash) and check-ins in the range, oldest first, as plain dicts."""
        start, end = window(date_from, date_to)
        with self.database.session() as session:
            query = select(JournalEntry).where(col(JournalEntry.deleted_at).is_(None))
            if start is not None:
                query = query.where(col(JournalEntry.created_at) >= start)
            if end is not None:
                query = query.where(col(JournalEntry.created_at) < end)
            if shared_only:
                query = query.where(col(JournalEntry.shared_with_therapist).is_(True))
            query = query.order_by(col(JournalEntry.created_at), col(JournalEntry.id))
            entry_tags: dict[int, list[str]] = {}
            for entry_id, name in session.exec(
                select(EntryTag.entry_id, Tag.name)
                .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
                .order_by(col(Tag.name))
            ).all():
                entry_tags.setdefault(entry_id, []).append(name)
            entries = [
                {
                    "created_at": row.created_at,
                    "title": row.title,
                    "body": row.body,
                    "tags": entry_tags.get(row.id or 0, []),
                    "starred": bool(row.starred),
                    "shared": bool(row.shared_with_therapist),
                }
                for row in session.exec(query).all()
            ]
            checkin_query = select(MoodCheckIn)
            if shared_only:
                checkin_query = checkin_query.where(col(MoodCheckIn.shared_with_therapist).is_(True))
            if start is not None:
                checkin_query = checkin_query.where(col(MoodCheckIn.at) >= start)
            if end is not None:
                checkin_query = checkin_query.where(col(MoodCheckIn.at) < end)
            checkin_query = checkin_query.order_by(col(MoodCheckIn.at), col(MoodCheckIn.id))
            checkin_tags: dict[int, list[str]] = {}
            for checkin_id, name in session.exec(
                select(CheckInTag.checkin_id, Tag.name)
                .join(Tag, col(Tag.id) == col(CheckInTag.tag_id))
                .order_by(col(Tag.name))
            ).all():
                checkin_tags.setdefault(checkin_id, []).append(name)
            emotions: dict[int, list[tuple[str, int]]] = {}
            for row in session.exec(select(CheckInEmotion).order_by(col(CheckInEmotion.id))).all():
                emotions.setdefault(row.checkin_id, []).append((row.emotion, row.intensity))
            checkins = [
                {
                    "at": row.at,
                    "mood": row.mood,
                    "note": row.note,
                    "energy": row.energy,
                    "sleep_hours": row.sleep_hours,
                    "coping_confidence": row.coping_confidence,
                    "tags": checkin_tags.get(row.id or 0, []),
                    "emotions": emotions.get(row.id or 0, []),
                }
                for row in session.exec(checkin_query).all()
            ]
        return entries, checkins


# --- importing other apps' files ----------------------------------------------------------------

IMPORT_NAMESPACE = uuid.UUID("3d0f7a52-8c1e-4b6a-9f27-6e5d4c3b2a18")
"""Imported records' uids are UUIDv5 in this namespace, of the other app's id or of date + words,
so the same file imported twice (into this journal or a copy of it) gives the same uids."""
_BATCH = 500


@dataclass(frozen=True)
class ImportPreview:
    """What an import would add, shown before anything is written (`TransferService.preview_import`)."""

    format: str
    entries: int = 0
    checkins: int = 0
    already: int = 0
    """Records in the file that this journal already has (or that the file holds twice)."""
    problems: tuple[Problem, ...] = ()
    """Records that could not be read, with their line or entry number; the rest are imported."""
    unknown_moods: tuple[str, ...] = ()
    left_out: str = ""
    """What the file holds that is not imported, in words ("2 photos were left out: …"), or ""."""
    words: str = ""
    changes_nothing: bool = True
    entry_rows: tuple[tuple[dict[str, Any], tuple[str, ...]], ...] = field(default=(), repr=False)
    checkin_rows: tuple[tuple[dict[str, Any], tuple[str, ...]], ...] = field(default=(), repr=False)
    merge_plan: MergePlan | None = field(default=None, repr=False)

    def describe(self) -> str:
        """ "adds 3 entries and 2 check-ins (4 already here; 1 could not be read)" """
        parts = []
        if self.already:
            parts.append(f"{self.already} already here")
        if self.problems:
            parts.append(f"{len(self.problems)} could not be read")
        tail = f" ({'; '.join(parts)})" if parts else ""
        return (self.words or "nothing to add") + tail


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _minute(moment: datetime) -> str:
    return to_utc_text(moment.replace(second=0, microsecond=0))


def entry_fingerprint(moment: datetime, title: str | None, body: str) -> str:
    """An entry's date (to the minute, as jrnl keeps it) and words, whitespace aside."""
    words = _norm((title or "") + " " + body)
    return f"{_minute(moment)}\n{words}"


def checkin_fingerprint(moment: datetime, mood: int, note: str | None) -> str:
    return f"{_minute(moment)}\n{mood}\n{_norm(note)}"


def _count_words(entries: int, checkins: int) -> str:
    parts = []
    if entries:
        parts.append(f"{entries} entr{'y' if entries == 1 else 'ies'}")
    if checkins:
        parts.append(f"{checkins} check-in{'' if checkins == 1 else 's'}")
    return "adds " + " and ".join(parts) if parts else ""


class _ImportPlanner:
    def __init__(self, service: TransferService, fmt: str, moods: Mapping[str, int]) -> None:
        self.service, self.fmt = service, fmt
        self.moods = dict(moods)

    def plan(
        self, entries: tuple[EntryRecord, ...], checkins: tuple[CheckInRecord, ...], problems: tuple[Problem, ...]
    ) -> ImportPreview:
        from copingkit.core.importers import Problem
        from copingkit.core.importers.daylio_csv import DAYLIO_MOODS
        from copingkit.core.services.checkins import NOTE_MAX
        from copingkit.core.services.journal import BODY_MAX

        known_uids, entry_prints, checkin_prints = self._known()
        found = list(problems)
        already = 0
        now = self.service.now()
        entry_rows: list[tuple[dict[str, Any], tuple[str, ...]]] = []
        for record in entries:
            if len(record.body) > BODY_MAX:
                found.append(Problem(record.where, "this entry is too long to keep in one piece"))
                continue
            print_ = entry_fingerprint(record.at, record.title, record.body)
            uid = str(uuid.uuid5(IMPORT_NAMESPACE, record.source_id or "entry:" + print_))
            if uid in known_uids or print_ in entry_prints:
                already += 1
                continue
            known_uids.add(uid)
            entry_prints.add(print_)
            row = {
                "uid": uid,
                "title": record.title,
                "body": record.body,
                "preview": preview_of(record.body),
                "kind": "free",
                "starred": bool(record.starred),
                "shared_with_therapist": False,
                "created_at": record.at,
            }
            entry_rows.append((row, record.tags))
        moods = {**DAYLIO_MOODS, **self.moods}
        unknown = tuple(dict.fromkeys(r.mood_name for r in checkins if r.mood_name not in moods))
        checkin_rows: list[tuple[dict[str, Any], tuple[str, ...]]] = []
        for record in checkins:
            mood = moods.get(record.mood_name)
            if mood is None:
                continue
            note = "\n\n".join(part for part in (record.note, record.extra) if part) or None
            if note is not None and len(note) > NOTE_MAX:
                found.append(
                    Problem(record.where, f"this note is longer than a check-in keeps ({NOTE_MAX:,} characters)")
                )
                continue
            print_ = checkin_fingerprint(record.at, mood, note)
            key = f"checkin:{_minute(record.at)}\n{record.mood_name}\n{_norm(record.note)}"
            uid = str(uuid.uuid5(IMPORT_NAMESPACE, key))
            if uid in known_uids or print_ in checkin_prints:
                already += 1
                continue
            known_uids.add(uid)
            checkin_prints.add(print_)
            row = {"uid": uid, "mood": mood, "note": note, "at": record.at, "created_at": now}
            checkin_rows.append((row, record.tags))
        words = _count_words(len(entry_rows), len(checkin_rows))
        return ImportPreview(
            format=self.fmt,
            entries=len(entry_rows),
            checkins=len(checkin_rows),
            already=already,
            problems=tuple(found),
            unknown_moods=unknown,
            words=words,
            changes_nothing=not (entry_rows or checkin_rows),
            entry_rows=tuple(entry_rows),
            checkin_rows=tuple(checkin_rows),
        )

    def _known(self) -> tuple[set[str], set[str], set[str]]:
        """Uids here (rows and tombstones: deleted forever stays deleted) and fingerprints of what is here."""
        from sqlalchemy import text

        uids: set[str] = set()
        entry_prints: set[str] = set()
        checkin_prints: set[str] = set()
        with self.service.database.session() as session:
            connection = session.connection()
            for table in ("journal_entry", "mood_checkin", "tombstone"):
                uids.update(row[0] for row in connection.execute(text(f"SELECT uid FROM {table}")))
            for created, title, body in connection.execute(text("SELECT created_at, title, body FROM journal_entry")):
                entry_prints.add(entry_fingerprint(from_utc_text(created), title, body))
            for at, mood, note in connection.execute(text("SELECT at, mood, note FROM mood_checkin")):
                checkin_prints.add(checkin_fingerprint(from_utc_text(at), mood, note))
        return uids, entry_prints, checkin_prints


def _write_import(
    service: TransferService, preview: ImportPreview, progress: Callable[[int, int], None] | None
) -> ImportSummary:
    from sqlalchemy import insert, text

    total = len(preview.entry_rows) + len(preview.checkin_rows)
    if total == 0:
        return ImportSummary(counts={})
    done = 0
    counts = {"journal_entry": 0, "mood_checkin": 0}
    with service.database.session() as session:
        connection = session.connection()
        here = {row[0] for table in ("journal_entry", "mood_checkin", "tombstone")
                for row in connection.execute(text(f"SELECT uid FROM {table}"))}  # fmt: skip
        names = sorted({name for _, tags in (*preview.entry_rows, *preview.checkin_rows) for name in tags})
        tag_ids = {tag.name: tag.id for tag in ensure_tags(session, names)}
        for table, link_table, column, rows in (
            (JournalEntry.__table__, EntryTag.__table__, "entry_id", preview.entry_rows),
            (MoodCheckIn.__table__, CheckInTag.__table__, "checkin_id", preview.checkin_rows),
        ):
            fresh = [(row, tags) for row, tags in rows if row["uid"] not in here]
            for start in range(0, len(fresh), _BATCH):
                batch = fresh[start : start + _BATCH]
                connection.execute(insert(table), [row for row, _ in batch])  # one executemany, no RETURNING
                uids = [row["uid"] for row, _ in batch]
                ids = dict(connection.execute(sa_select(table.c.uid, table.c.id).where(table.c.uid.in_(uids))).all())  # type: ignore[attr-defined]
                links = [{column: ids[row["uid"]], "tag_id": tag_ids[name]} for row, tags in batch for name in tags]
                if links:
                    connection.execute(insert(link_table), links)
                counts[table.name] += len(batch)  # type: ignore[attr-defined]
                done += len(batch)
                if progress is not None:
                    progress(done, total)
        unused = [tag_id for name, tag_id in tag_ids.items() if tag_id is not None]
        from copingkit.core.services._common import drop_unused_tags

        drop_unused_tags(session, unused)
    if progress is not None and done < total:
        progress(total, total)
    return ImportSummary(counts={table: n for table, n in counts.items() if n})


# --- helpers ----------------------------------------------------------------------------------


def _foreign_keys(table: Table) -> dict[str, str]:
    """column name -> referenced table name."""
    return {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}


def _keep_links(table: Table, values: dict[str, Any], kept: dict[str, set[Any]]) -> bool:
    """Null links to rows that were not exported; drop the row if such a link is required."""
    for column_name, target in _foreign_keys(table).items():
        value = values.get(column_name)
        if value is None or value in kept.get(target, set()):
            continue
        if table.c[column_name].nullable:
            values[column_name] = None
        else:
            return False
    return True


def _to_json(column: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UTCDateTime):
        return to_utc_text(value)
    if isinstance(column.type, Boolean):
        return bool(value)
    return value


def _from_json(table_name: str, column: Any, value: Any) -> Any:
    """Check and convert one imported value to what the column holds."""
    where = f"{table_name}.{column.name}"
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, UTCDateTime):
            if not isinstance(value, str):
                raise TypeError
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError
            return from_utc_text(value)
        if isinstance(kind, JSONText):
            return value
        if isinstance(kind, Boolean):
            if isinstance(value, bool) or value in (0, 1):
                return bool(value)
            raise TypeError
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError
            return float(value)
        if isinstance(kind, String):
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError):
        raise InvalidInput(f"This export has a value it cannot use ({where}).") from None
    return value


def _validate(doc: Any) -> dict[str, list[dict[str, Any]]]:
    """The tables of a copingkit export, every value checked, or InvalidInput; changes nothing."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise InvalidInput("This is not a copingkit export.")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidInput("This copingkit export has no version number.")
    if version not in READABLE_VERSIONS:
        raise InvalidInput("This export was made by a newer copingkit; please update copingkit to import it.")
    tables = doc.get("tables")
    if not isinstance(tables, Mapping):
        raise InvalidInput("This copingkit export has no tables in it.")
    for name, rows in tables.items():
        if name not in _TABLES:
            raise InvalidInput(f"This export has a table copingkit does not know ({name}).")
        if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
            raise InvalidInput(f"This export's {name} table is damaged.")
        table = _TABLES[name]
        known = set(table.c.keys())
        required = [
            column.name
            for column in table.c
            if not column.nullable
            and not (column.primary_key and column.name == "id")
            and (column.default is None or callable(column.default.arg))
            and column.server_default is None
            and column.name not in ("uid", "preview")
        ]
        for row in rows:
            unknown = set(row) - known
            if unknown:
                raise InvalidInput(f"This export has a column copingkit does not know ({name}.{sorted(unknown)[0]}).")
            for key, value in row.items():
                _from_json(name, table.c[key], value)
            for column_name in required:
                if row.get(column_name) is None:
                    raise InvalidInput(f"This export is missing something copingkit needs ({name}.{column_name}).")
    ids = {name: {row.get("id") for row in tables.get(name, [])} for name in _TABLES if "id" in _TABLES[name].c}
    for name, rows in tables.items():
        for column_name, target in _foreign_keys(_TABLES[name]).items():
            for row in rows:
                value = row.get(column_name)
                if value is not None and value not in ids.get(target, set()):
                    raise InvalidInput(f"This export points at a row that is not in it ({name}.{column_name}).")
    return {name: list(rows) for name, rows in tables.items()}


validate = _validate
from_json = _from_json


def foreign_keys(name: str) -> dict[str, str]:
    """column name -> referenced table name, for one table by name."""
    return _foreign_keys(_TABLES[name])


def _when(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC")


def checkin_details(checkin: Mapping[str, Any]) -> list[str]:
    extras = []
    if checkin["emotions"]:
        extras.append(", ".join(f"{name} {level}/10" for name, level in checkin["emotions"]))
    if checkin["energy"] is not None:
        extras.append(f"energy {checkin['energy']}/5")
    if checkin["sleep_hours"] is not None:
        extras.append(f"slept {checkin['sleep_hours']:g} h")
    if checkin["coping_confidence"] is not None:
        extras.append(f"coping confidence {checkin['coping_confidence']}/10")
    if checkin["tags"]:
        extras.append(" ".join("#" + tag for tag in checkin["tags"]))
    return extras
