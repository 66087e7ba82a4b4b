"""Merge another copy of this journal (or a copingkit export) into this one, losing nothing.

DESIGN.md §2.3: rows are matched by `uid`, and rows with natural keys (tag name, strategy slug,
pack slug, setting key, prompt id) by that key. A row in one copy only is added; a row in both
takes the later `updated_at` (a tie keeps this journal's). Wherever the losing version holds text a
person wrote, that text is kept as a revision. A deletion forever is a tombstone, an edit at its
time: it removes the other copy's row only if that row was not changed after it. Merging the same
copy twice changes nothing, because every decision depends only on the two copies' contents (and
revisions have uids derived from what they hold).

Both sides are compared as export documents (`TransferService.export_document`), so merging a
vault and importing an export are one mechanism. `plan` reads only; `apply` writes the plan in
one transaction.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import insert, text, update
from sqlalchemy import select as sa_select
from sqlalchemy.exc import SQLAlchemyError

from copingkit.core.errors import InvalidInput
from copingkit.core.models import from_utc_text, to_utc_text
from copingkit.core.services._common import Service, drop_unused_tags, preview_of

# Tables merged row by row, every table after the tables it points at; the natural key if it has one.
ENTITIES: tuple[tuple[str, str | None], ...] = (
    ("homework_pack", "slug"),
    ("coping_strategy", "slug"),
    ("journal_entry", None),
    ("mood_checkin", None),
    ("strategy_use", None),
    ("assessment", None),
    ("safety_plan_item", None),
    ("support_contact", None),
    ("group_session", None),
    ("homework_assignment", None),
    ("homework_completion", None),
    ("prompt_state", "prompt_id"),
    ("vault_setting", "key"),
)
# Rows that are part of their parent's content: (table, column pointing at the parent).
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "journal_entry": (("entry_tag", "entry_id"),),
    "mood_checkin": (("checkin_emotion", "checkin_id"), ("checkin_tag", "checkin_id")),
}
# Fields that hold text a person wrote: a losing version of these is kept as a revision.
WRITTEN: dict[str, tuple[str, ...]] = {
    "journal_entry": ("title", "body"),
    "mood_checkin": ("note",),
    "group_session": ("what_i_shared", "what_i_heard", "takeaways"),
    "safety_plan_item": ("text",),
    "support_contact": ("name", "how_to_reach", "note"),
    "strategy_use": ("note",),
    "homework_completion": ("note",),
}
NOUNS: dict[str, tuple[str, str]] = {
    "journal_entry": ("entry", "entries"),
    "mood_checkin": ("check-in", "check-ins"),
    "strategy_use": ("strategy use", "strategy uses"),
    "coping_strategy": ("strategy", "strategies"),
    "assessment": ("assessment", "assessments"),
    "safety_plan_item": ("safety plan line", "safety plan lines"),
    "support_contact": ("support contact", "support contacts"),
    "group_session": ("group session", "group sessions"),
    "homework_pack": ("homework pack", "homework packs"),
    "homework_assignment": ("homework assignment", "homework assignments"),
    "homework_completion": ("homework done", "homework done"),
    "prompt_state": ("prompt setting", "prompt settings"),
    "vault_setting": ("setting", "settings"),
}
_NOT_CONTENT = {"id", "uid", "updated_at", "preview"}
_REVISION_NAMESPACE = uuid.UUID("6f1c6a4e-5d0b-4f58-9a53-0c8d2b7f4e11")
_V1_NAMESPACE = uuid.UUID("0b6d8e2a-93f4-4c1e-8f7a-5e2d1c3b4a59")


@dataclass(frozen=True)
class Step:
    kind: str  # "add", "update", "remove", "revision", "tombstone", "forget-tombstone"
    table: str
    row: Mapping[str, Any] | None = None  # the other copy's row (export JSON), or a revision / tombstone row
    local: Any = None  # this journal's primary key value for update / remove
    children: Mapping[str, Any] | None = None
    when: str | None = None


@dataclass(frozen=True)
class MergeSummary:
    """What a merge or an import changes: per table, rows added, updated and removed."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    revisions: int = 0
    deletions_learned: int = 0
    """Tombstones of rows this journal never had, kept so the deletion travels on to other copies."""

    @property
    def changes_nothing(self) -> bool:
        return not (self.added or self.updated or self.removed or self.revisions or self.deletions_learned)

    def describe(self) -> str:
        """ "adds 3 entries and 2 check-ins; updates 1 entry; keeps 1 earlier version" (or nothing)."""
        if self.changes_nothing:
            return "nothing to change: this journal already has everything in it"
        parts = []
        for verb, counts in (("adds", self.added), ("updates", self.updated), ("removes", self.removed)):
            words = [_count(table, n) for table, n in _in_order(counts)]
            if words:
                parts.append(f"{verb} {_and(words)}")
        if self.revisions:
            kept = "earlier version" if self.revisions == 1 else "earlier versions"
            parts.append(f"keeps {self.revisions} {kept} of what was written")
        return "; ".join(parts)


@dataclass(frozen=True)
class MergePlan:
    steps: tuple[Step, ...]
    summary: MergeSummary
    their_rows: Mapping[str, Mapping[Any, Mapping[str, Any]]] = field(default_factory=dict)
    """The other copy's rows by table and id, so links can be followed while writing."""
    their_tags: Mapping[Any, Mapping[str, Any]] = field(default_factory=dict)
    """The other copy's tags by id."""


class MergeService(Service):
    def plan(self, other: Any) -> MergePlan:
        """What merging the export document `other` into this journal would do; writes nothing."""
        from copingkit.core.services.transfer import TransferService, validate

        theirs = validate(other)
        mine = TransferService(self.database, self.clock).export_document()["tables"]
        if not _has_identity(theirs):
            theirs = _with_identity(theirs, mine)
        return _Planner(mine, theirs).plan()

    def apply(self, plan: MergePlan) -> MergeSummary:
        """Write a plan in one transaction (all or nothing); returns its summary."""
        if plan.summary.changes_nothing:
            return plan.summary
        try:
            with self.database.session() as session:
                _Writer(session.connection(), self.now(), plan).run(plan.steps)
                drop_unused_tags(session, [row[0] for row in session.execute(text("SELECT id FROM tag")).all()])
        except SQLAlchemyError as error:
            raise InvalidInput("It looks damaged or incomplete, so nothing was changed.") from error
        return plan.summary

    def merge(self, other: Any) -> MergeSummary:
        return self.apply(self.plan(other))


def read_copy(
    data: bytes, passphrase: str, clock: Any = None, *, allow_costly: bool = False
) -> tuple[bytes, dict[str, Any]]:
    """(vault_id, export document) of another vault file's bytes, opened in memory only.

    Nothing is written, no lock is taken and the file is not migrated on disk, so a conflict copy
    stays as it was. Raises the vault's errors (WrongSecret for another passphrase).
    """
    from copingkit.core.vault import unseal

    header, _, image = unseal(data, passphrase=passphrase, allow_costly=allow_costly)
    return header.vault_id, document_of_image(image, header.vault_id, clock)


def document_of_image(image: bytes, vault_id: bytes, clock: Any = None) -> dict[str, Any]:
    """The export document of a decrypted copy's SQLite image (e.g. from `Vault.open_copy`), in memory only."""
    from copingkit.core.clock import system_now
    from copingkit.core.database import Database
    from copingkit.core.services.transfer import TransferService

    database = Database.from_image(image, vault_id=vault_id)
    try:
        return TransferService(database, clock or system_now).export_document()
    finally:
        database.close()


# --- planning -----------------------------------------------------------------------------------


def _stamp(value: Any) -> str:
    """Fixed-width UTC text for comparing times; an unknown time is older than any."""
    if not value:
        return ""
    return to_utc_text(from_utc_text(value))


class _Index:
    """One side's rows: by key, by id, with each row's children and links as identities."""

    def __init__(self, tables: Mapping[str, list[Mapping[str, Any]]]) -> None:
        self.tables = tables
        self.tag_names = {row["id"]: row["name"] for row in tables.get("tag", [])}
        self.by_id: dict[str, dict[Any, Mapping[str, Any]]] = {}
        for name, natural in ENTITIES:
            pk = "id" if name not in ("prompt_state", "vault_setting") else natural
            self.by_id[name] = {row[pk]: row for row in tables.get(name, [])}
        self.children: dict[str, dict[Any, dict[str, Any]]] = {}
        self.empty: dict[str, Any] = {"tags": [], "emotions": [], "rows": []}
        for parent, kinds in CHILDREN.items():
            grouped: dict[Any, dict[str, Any]] = {}
            for child, column in kinds:
                for row in tables.get(child, []):
                    slot = grouped.setdefault(row[column], {"tags": [], "emotions": [], "rows": []})
                    slot["rows"].append((child, row))
                    if child == "checkin_emotion":
                        slot["emotions"].append([row["emotion"], row["intensity"]])
                    else:
                        slot["tags"].append(self.tag_names.get(row["tag_id"]))
            for slot in grouped.values():
                slot["tags"] = sorted(name for name in slot["tags"] if name is not None)
            self.children[parent] = grouped
        self.graves = {row["uid"]: row for row in tables.get("tombstone", [])}
        self.revisions = {row["uid"]: row for row in tables.get("revision", []) if row.get("uid")}

    def identity(self, table: str, value: Any) -> Any:
        """What a link points at, independent of local ids: the target's natural key or uid."""
        natural = dict(ENTITIES).get(table)
        row = self.by_id.get(table, {}).get(value)
        if row is None:
            return None
        return ("key", row[natural]) if natural else row.get("uid")

    def kids(self, table: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
        if table not in CHILDREN:
            return None
        return self.children[table].get(row.get("id"), self.empty)


def _links(table: str) -> dict[str, str]:
    from copingkit.core.services.transfer import foreign_keys

    return {column: target for column, target in foreign_keys(table).items() if target in dict(ENTITIES)}


def _content(index: _Index, table: str, row: Mapping[str, Any]) -> str:
    links = _links(table)
    values = {}
    for key, value in row.items():
        if key in _NOT_CONTENT:
            continue
        values[key] = index.identity(links[key], value) if key in links and value is not None else value
    kids = index.kids(table, row)
    values["__children"] = None if kids is None else {"tags": kids["tags"], "emotions": kids["emotions"]}
    return json.dumps(values, sort_keys=True, default=str)


def _written(table: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
    fields = WRITTEN.get(table)
    if not fields:
        return None
    written = {name: row.get(name) for name in fields}
    return written if any(value for value in written.values()) else None


def revision_uid(table: str, row_uid: str, written_at: str | None, content: Mapping[str, Any]) -> str:
    name = f"{table}:{row_uid}:{written_at or ''}:{json.dumps(content, sort_keys=True)}"
    return str(uuid.uuid5(_REVISION_NAMESPACE, name))


class _Planner:
    def __init__(
        self, mine: Mapping[str, list[Mapping[str, Any]]], theirs: Mapping[str, list[Mapping[str, Any]]]
    ) -> None:
        self.mine, self.theirs = _Index(mine), _Index(theirs)
        self.steps: list[Step] = []
        self.added: dict[str, int] = {}
        self.updated: dict[str, int] = {}
        self.removed: dict[str, int] = {}
        self.revisions = 0
        self.learned = 0
        self.added_keys: set[tuple[str, Any]] = set()
        self.kept_revisions: set[str] = set(self.mine.revisions)
        self.gone: set[str] = set(self.mine.graves)  # uids deleted forever here after the merge
        self.alive: set[str] = {
            row["uid"] for table, _ in ENTITIES for row in mine.get(table, []) if row.get("uid")
        }  # uids of rows here after the merge

    def plan(self) -> MergePlan:
        for table, natural in ENTITIES:
            self._table(table, natural)
        for uid, grave in self.theirs.graves.items():
            # Deletions travel on (a third copy learns of them too), unless the row lives on here.
            if uid not in self.mine.graves and uid not in self.alive:
                self.steps.append(Step("tombstone", "tombstone", row=grave))
                self.gone.add(uid)
                self.learned += 1
        for uid, revision in self.theirs.revisions.items():
            if uid not in self.kept_revisions and revision["row_uid"] not in self.gone:
                self.kept_revisions.add(uid)
                self.steps.append(Step("revision", "revision", row=revision))
                self.revisions += 1
        summary = MergeSummary(
            added=self.added,
            updated=self.updated,
            removed=self.removed,
            revisions=self.revisions,
            deletions_learned=self.learned,
        )
        return MergePlan(
            steps=tuple(self.steps),
            summary=summary,
            their_rows=self.theirs.by_id,
            their_tags={row["id"]: row for row in self.theirs.tables.get("tag", [])},
        )

    def _table(self, table: str, natural: str | None) -> None:
        key_of = (lambda row: row.get(natural)) if natural else (lambda row: row.get("uid"))
        mine = {key_of(row): row for row in self.mine.tables.get(table, [])}
        mine_by_uid = {row.get("uid"): row for row in self.mine.tables.get(table, [])}
        pk = natural if table in ("prompt_state", "vault_setting") else "id"
        seen: set[Any] = set()
        for row in self.theirs.tables.get(table, []):
            key = key_of(row)
            if key is None or key in seen:
                continue
            seen.add(key)
            here = mine.get(key)
            theirs_time = _stamp(row.get("updated_at"))
            if here is None:
                if not self._linkable(table, row):
                    continue  # what it belongs to is gone here (deleted forever later than it changed)
                grave = self.mine.graves.get(row.get("uid"))
                if grave is not None and _stamp(grave["deleted_at"]) >= theirs_time:
                    continue  # deleted forever here after their last change: stays deleted
                self.steps.append(Step("add", table, row=row, children=self.theirs.kids(table, row)))
                self._count(self.added, table)
                self.alive.add(row.get("uid"))
                self.added_keys.add((table, key))
                if grave is not None:
                    self.gone.discard(row["uid"])
                    self.steps.append(Step("forget-tombstone", "tombstone", row=grave))
                continue
            here_time = _stamp(here.get("updated_at"))
            if _content(self.mine, table, here) == _content(self.theirs, table, row):
                continue
            if theirs_time > here_time:
                self._keep(table, here, here_time, winner=row)
                self.steps.append(Step("update", table, row=row, local=here[pk], children=self.theirs.kids(table, row)))
                self._count(self.updated, table)
            else:
                self._keep(table, row, theirs_time, winner=here, row_uid=here.get("uid"))
        for uid, grave in self.theirs.graves.items():
            if grave.get("table_name") != table or uid not in mine_by_uid:
                continue
            here = mine_by_uid[uid]
            if _stamp(grave["deleted_at"]) > _stamp(here.get("updated_at")):
                self.steps.append(Step("remove", table, local=here[pk], when=grave["deleted_at"], row=grave))
                self._count(self.removed, table)
                self.gone.add(uid)
                self.alive.discard(uid)

    def _linkable(self, table: str, row: Mapping[str, Any]) -> bool:
        """Whether every row this one must point at will be in this journal after the merge."""
        from copingkit.core.services.transfer import TABLES_BY_NAME

        columns = TABLES_BY_NAME[table].c
        for column, target in _links(table).items():
            value = row.get(column)
            if value is None or columns[column].nullable:
                continue
            identity = self.theirs.identity(target, value)
            if isinstance(identity, tuple):
                natural = dict(ENTITIES)[target]
                mine = {r.get(natural) for r in self.mine.tables.get(target, [])}
                if identity[1] not in mine and (target, identity[1]) not in self.added_keys:
                    return False
            elif identity not in self.alive:
                return False
        return True

    def _keep(
        self,
        table: str,
        loser: Mapping[str, Any],
        written_at: str,
        *,
        winner: Mapping[str, Any],
        row_uid: str | None = None,
    ) -> None:
        """Keep the losing version's written text as a revision of the row (once), if it differs."""
        content = _written(table, loser)
        row_uid = row_uid or loser.get("uid")
        if content is None or row_uid is None or content == _written(table, winner):
            return
        uid = revision_uid(table, row_uid, written_at or None, content)
        if uid in self.kept_revisions:
            return
        self.kept_revisions.add(uid)
        revision = {
            "uid": uid,
            "table_name": table,
            "row_uid": row_uid,
            "content": content,
            "written_at": written_at or None,
            "updated_at": written_at or None,
        }
        self.steps.append(Step("revision", "revision", row=revision))
        self.revisions += 1

    @staticmethod
    def _count(counts: dict[str, int], table: str) -> None:
        counts[table] = counts.get(table, 0) + 1


# --- a v1 export: rows without uids -----------------------------------------------------------


def _has_identity(tables: Mapping[str, list[Mapping[str, Any]]]) -> bool:
    return all("uid" in row for table, _ in ENTITIES for row in tables.get(table, []))


def _with_identity(
    theirs: Mapping[str, list[Mapping[str, Any]]], mine: Mapping[str, list[Mapping[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """Give a v1 export's rows identities: an entry or check-in already here (same created time and
    text) takes that row's uid and time; any other row a uid derived from what it holds, so the same
    export imported twice is recognised."""
    known = {
        "journal_entry": {(_stamp(r["created_at"]), r.get("body")): r for r in mine.get("journal_entry", [])},
        "mood_checkin": {(_stamp(r["created_at"]), r.get("note")): r for r in mine.get("mood_checkin", [])},
    }
    text_of = {"journal_entry": "body", "mood_checkin": "note"}
    out: dict[str, list[dict[str, Any]]] = {}
    for table, rows in theirs.items():
        out[table] = []
        for row in rows:
            row = dict(row)
            if row.get("uid") is None:
                match = None
                if table in known:
                    match = known[table].get((_stamp(row.get("created_at")), row.get(text_of[table])))
                if match is not None:
                    row["uid"], row["updated_at"] = match["uid"], match.get("updated_at")
                else:
                    canonical = json.dumps(row, sort_keys=True, default=str)
                    row["uid"] = str(uuid.uuid5(_V1_NAMESPACE, f"{table}:{canonical}"))
                    row.setdefault("updated_at", _v1_time(row))
            out[table].append(row)
    return out


def _v1_time(row: Mapping[str, Any]) -> str | None:
    times = [row.get(name) for name in ("created_at", "edited_at", "deleted_at", "at", "imported_at")]
    times = [_stamp(value) for value in times if value]
    return max(times) if times else None


# --- writing ----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, connection: Any, now: Any, plan: MergePlan) -> None:
        from copingkit.core.services.transfer import TABLES_BY_NAME

        self.connection = connection
        self.now = now
        self.tables = TABLES_BY_NAME
        self.their_rows = plan.their_rows
        self.tag_names = {tag_id: row["name"] for tag_id, row in plan.their_tags.items()}
        self.their_tags = {row["name"]: row for row in plan.their_tags.values()}
        self.removed_any = False

    def run(self, steps: tuple[Step, ...]) -> None:
        for step in steps:
            getattr(self, "_" + step.kind.replace("-", "_"))(step)
        if self.removed_any:
            for index in ("entry_fts", "checkin_fts", "strategy_fts"):
                self.connection.execute(text(f"INSERT INTO {index}({index}) VALUES ('optimize')"))

    def _values(self, table_name: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
        from copingkit.core.services.transfer import from_json

        table = self.tables[table_name]
        values = {}
        for key, value in row.items():
            if key == "id" or key not in table.c:
                continue
            values[key] = from_json(table_name, table.c[key], value)
        for column, target in _links(table_name).items():
            their = row.get(column)
            if their is None:
                continue
            local = self._local_id(target, their)
            if local is None and not table.c[column].nullable:
                return None
            values[column] = local
        if table_name == "journal_entry":
            values["preview"] = preview_of(values["body"])
        return values

    def _local_id(self, target: str, their_id: Any) -> Any:
        """This journal's id of the row the other copy's `their_id` points at (merged earlier)."""
        parent = self.their_rows.get(target, {}).get(their_id)
        if parent is None:
            return None
        table = self.tables[target]
        natural = dict(ENTITIES)[target]
        column = table.c[natural] if natural else table.c.uid
        return self.connection.execute(
            sa_select(table.c.id).where(column == parent[natural or "uid"])
        ).scalar_one_or_none()

    def _add(self, step: Step) -> None:
        assert step.row is not None
        values = self._values(step.table, step.row)
        if values is None:
            return
        local = self._insert_keeping_uid(step.table, values)
        self._children(step, local)

    def _update(self, step: Step) -> None:
        table = self.tables[step.table]
        assert step.row is not None
        values = self._values(step.table, step.row)
        if values is None:
            return
        values.pop("uid", None)
        pk = next(iter(table.primary_key.columns))
        self.connection.execute(update(table).where(pk == step.local).values(**values))
        self._children(step, step.local)

    def _children(self, step: Step, local: Any) -> None:
        """Replace a row's tags and emotions by the other copy's, keeping their uids where free."""
        if step.children is None or local is None:
            return
        for child, column in CHILDREN[step.table]:
            table = self.tables[child]
            self.connection.execute(sa_delete(table).where(table.c[column] == local))
        for child, row in step.children["rows"]:
            values = (
                self._values(child, {key: value for key, value in row.items() if key in ("uid", "updated_at")}) or {}
            )
            if child == "checkin_emotion":
                values.update(checkin_id=local, emotion=row["emotion"], intensity=row["intensity"])
            else:
                name = self.tag_names.get(row["tag_id"])
                if name is None:
                    continue
                values.update({CHILDREN[step.table][-1][1]: local, "tag_id": self._tag(name)})
            self._insert_keeping_uid(child, values)

    def _tag(self, name: str) -> int:
        table = self.tables["tag"]
        tag_id = self.connection.execute(sa_select(table.c.id).where(table.c.name == name)).scalar_one_or_none()
        if tag_id is not None:
            return tag_id
        theirs = self.their_tags.get(name, {})
        values = (
            self._values("tag", {key: value for key, value in theirs.items() if key in ("uid", "updated_at")}) or {}
        )
        values["name"] = name
        return self._insert_keeping_uid("tag", values)

    def _insert_keeping_uid(self, table_name: str, values: dict[str, Any]) -> Any:
        table = self.tables[table_name]
        if (
            values.get("uid")
            and self.connection.execute(sa_select(table.c.uid).where(table.c.uid == values["uid"])).first()
        ):
            values.pop("uid")
        if "id" in table.c:
            return self.connection.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
        self.connection.execute(insert(table).values(**values))
        return None

    def _remove(self, step: Step) -> None:
        table = self.tables[step.table]
        pk = next(iter(table.primary_key.columns))
        uid = self.connection.execute(sa_select(table.c.uid).where(pk == step.local)).scalar_one_or_none()
        self.connection.execute(sa_delete(table).where(pk == step.local))
        graves = self.tables["tombstone"]
        when = from_utc_text(step.when) if step.when else self.now
        self.connection.execute(update(graves).where(graves.c.uid == uid).values(deleted_at=when, updated_at=when))
        self.removed_any = True

    def _revision(self, step: Step) -> None:
        table = self.tables["revision"]
        assert step.row is not None
        values = self._values("revision", step.row) or {}
        values.setdefault("kept_at", self.now)
        values["kept_at"] = values["kept_at"] or self.now
        if self.connection.execute(sa_select(table.c.uid).where(table.c.uid == values["uid"])).first() is None:
            self.connection.execute(insert(table).values(**values))

    def _tombstone(self, step: Step) -> None:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        table = self.tables["tombstone"]
        assert step.row is not None
        values = self._values("tombstone", step.row) or {}
        self.connection.execute(sqlite_insert(table).values(**values).on_conflict_do_nothing(index_elements=["uid"]))

    def _forget_tombstone(self, step: Step) -> None:
        table = self.tables["tombstone"]
        assert step.row is not None
        self.connection.execute(sa_delete(table).where(table.c.uid == step.row["uid"]))


# --- words ------------------------------------------------------------------------------------


def _in_order(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    order = [table for table, _ in ENTITIES]
    return sorted(((t, n) for t, n in counts.items() if n), key=lambda item: order.index(item[0]))


def _count(table: str, n: int) -> str:
    one, many = NOUNS.get(table, (table, table))
    return f"{n} {one if n == 1 else many}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["MergePlan", "MergeService", "MergeSummary", "Step", "document_of_image", "read_copy", "revision_uid"]
