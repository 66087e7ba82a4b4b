"""SQLModel tables: what a person's journal is made of.

These classes are the storage layer only. Services turn them into read models
(`copingkit.core.services.readmodels`); nothing outside `core.services` should
hold one of these objects.

The tables are created by the SQL migrations in `copingkit.core.migrations`, not
by `metadata.create_all`; a test checks that both agree.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, Text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from copingkit.core.services.journal_models import ENTRY_KINDS
from copingkit.core.utc import from_utc_text, to_utc_text

STRATEGY_SOURCES = ("builtin", "mine", "pack", "group")
SAFETY_PLAN_STEPS = (
    "warning_signs",
    "internal_coping",
    "social_distraction",
    "people_to_ask",
    "professionals",
    "safe_environment",
    "reasons_to_live",
)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime stored as fixed-width ISO-8601 text.

    Fixed width (always microseconds, always `+00:00`) so text order is time
    order and indexes on these columns sort correctly. Naive datetimes are
    refused rather than guessed at.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        return to_utc_text(value)

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return from_utc_text(value)


class JSONText(TypeDecorator[Any]):
    """A JSON value stored as compact text (steps, reactions, answers, setting values)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        if value is None:
            return None
        return json.loads(value)


def _utc(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json(*, nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(JSONText(), nullable=nullable))


def new_uid() -> str:
    """A random UUID4 as text: the identity of a new row, the same in every copy of the journal."""
    return str(uuid.uuid4())


class Identity(SQLModel):
    """Every table's stable identity (schema v3, DESIGN.md §3).

    `uid` is random for a new row (set here, or by the database's insert trigger for rows written
    with plain SQL); `updated_at` is stamped by the database's triggers with the journal's clock
    whenever a row changes, unless the writer sets it (a merge keeps the winning copy's time).
    """

    uid: str | None = Field(default_factory=new_uid, unique=True, index=True)
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


# --- journal ----------------------------------------------------------------------------------


class Tag(Identity, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class JournalEntry(Identity, table=True):
    """A journal entry. `deleted_at` is the soft delete that undo reverses."""

    __tablename__ = "journal_entry"
    __table_args__ = (Index("ix_journal_entry_deleted_created", "deleted_at", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    body: str
    # The first characters of the body, so lists never read whole bodies (added in schema v2).
    preview: str = ""
    kind: str = "free"
    prompt_id: str | None = None
    starred: bool = False
    shared_with_therapist: bool = False
    created_at: datetime = _utc(index=True)
    edited_at: datetime | None = _utc(nullable=True)
    deleted_at: datetime | None = _utc(nullable=True)


class EntryTag(Identity, table=True):
    __tablename__ = "entry_tag"
    __table_args__ = (Index("ix_entry_tag_tag", "tag_id"),)

    entry_id: int = Field(foreign_key="journal_entry.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class PromptState(Identity, table=True):
    """Which bundled journal prompts a person has used or hidden."""

    __tablename__ = "prompt_state"

    prompt_id: str = Field(primary_key=True)
    used_count: int = 0
    last_used_at: datetime | None = _utc(nullable=True)
    hidden: bool = False


class VaultSetting(Identity, table=True):
    """Preferences that are personal enough to live inside the vault (e.g. an unsaved draft)."""

    __tablename__ = "vault_setting"

    key: str = Field(primary_key=True)
    value: Any = _json(nullable=True)


# --- check-ins --------------------------------------------------------------------------------


class MoodCheckIn(Identity, table=True):
    __tablename__ = "mood_checkin"

    id: int | None = Field(default=None, primary_key=True)
    mood: int
    energy: int | None = None
    sleep_hours: float | None = None
    coping_confidence: int | None = None
    note: str | None = None
    at: datetime = _utc(index=True)
    created_at: datetime = _utc()
    edited_at: datetime | None = _utc(nullable=True)
    shared_with_therapist: bool = False


class CheckInEmotion(Identity, table=True):
    __tablename__ = "checkin_emotion"

    id: int | None = Field(default=None, primary_key=True)
    checkin_id: int = Field(foreign_key="mood_checkin.id", index=True, ondelete="CASCADE")
    emotion: str
    intensity: int


class CheckInTag(Identity, table=True):
    __tablename__ = "checkin_tag"
    __table_args__ = (Index("ix_checkin_tag_tag", "tag_id"),)

    checkin_id: int = Field(foreign_key="mood_checkin.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


# --- coping -----------------------------------------------------------------------------------


class HomeworkPack(Identity, table=True):
    """A homework pack a therapist handed over (imported from TOML)."""

    __tablename__ = "homework_pack"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True)
    title: str
    author: str | None = None
    version: int = 1
    description: str | None = None
    imported_at: datetime = _utc()
    kind: str = "pack"
    """pack or card (docs/packs.md)."""


class CopingStrategy(Identity, table=True):
    """A coping strategy. Builtin rows carry `builtin_version`; once a person edits one,
    `user_edited` is set and builtin updates leave its content alone."""

    __tablename__ = "coping_strategy"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True)
    title: str
    steps: list[str] = _json()
    minutes: int | None = None
    reactions: list[str] = _json()
    approach: str | None = None
    source: str = "mine"
    pack_id: int | None = Field(default=None, foreign_key="homework_pack.id", ondelete="SET NULL")
    favourite: bool = False
    hidden: bool = False
    user_edited: bool = False
    builtin_version: int | None = None
    created_at: datetime = _utc()
    updated_at: datetime | None = _utc(nullable=True)


class StrategyUse(Identity, table=True):
    __tablename__ = "strategy_use"

    id: int | None = Field(default=None, primary_key=True)
    strategy_id: int = Field(foreign_key="coping_strategy.id", index=True, ondelete="CASCADE")
    reaction: str | None = None
    distress_before: int | None = None
    distress_after: int | None = None
    note: str | None = None
    at: datetime = _utc()


# --- assessments, safety plan, contacts, groups, homework -------------------------------------


class Assessment(Identity, table=True):
    """One questionnaire taken (schema v4). `answers` may hold None for a question left blank; a
    form with a blank has no `score` and no `band`. `crisis_shown_at`: when the PHQ-9 item-9 crisis
    screen (or the CLI's item-9 text) was shown for this result."""

    __tablename__ = "assessment"

    id: int | None = Field(default=None, primary_key=True)
    instrument_id: str = Field(index=True)
    instrument_version: int = 1
    answers: list[int | None] = _json()
    score: int | None = None
    band: str | None = None
    at: datetime = _utc(index=True)
    difficulty: int | None = None
    crisis_shown_at: datetime | None = Field(default=None, sa_type=UTCDateTime, nullable=True)


class SafetyPlanItem(Identity, table=True):
    """One line of the Stanley-Brown safety plan (one row per item, ordered within a step)."""

    __tablename__ = "safety_plan_item"

    id: int | None = Field(default=None, primary_key=True)
    step: str
    text: str
    position: int = 0


class SupportContact(Identity, table=True):
    __tablename__ = "support_contact"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    how_to_reach: str | None = None
    note: str | None = None
    position: int = 0


class GroupSession(Identity, table=True):
    """A peer-support group meeting and what a person took from it."""

    __tablename__ = "group_session"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _utc()
    group_name: str
    minutes: int | None = None
    what_i_shared: str | None = None
    what_i_heard: str | None = None
    takeaways: str | None = None
    connectedness: int | None = None


class HomeworkAssignment(Identity, table=True):
    __tablename__ = "homework_assignment"

    id: int | None = Field(default=None, primary_key=True)
    pack_id: int | None = Field(default=None, foreign_key="homework_pack.id", ondelete="CASCADE")
    strategy_id: int | None = Field(default=None, foreign_key="coping_strategy.id", ondelete="SET NULL")
    prompt_id: str | None = None
    title: str
    instructions: str | None = None
    times_per_week: int | None = None
    due_at: datetime | None = _utc(nullable=True)
    archived: bool = False
    created_at: datetime = _utc()
    kind: str = "prompt"
    """prompt, strategy, assessment or checkin."""
    instrument: str | None = None
    every_days: int | None = None


class HomeworkCompletion(Identity, table=True):
    __tablename__ = "homework_completion"

    id: int | None = Field(default=None, primary_key=True)
    assignment_id: int = Field(foreign_key="homework_assignment.id", index=True, ondelete="CASCADE")
    entry_id: int | None = Field(default=None, foreign_key="journal_entry.id", ondelete="SET NULL")
    note: str | None = None
    at: datetime = _utc()


# --- identity: deletions and kept versions ------------------------------------------------------


class Tombstone(Identity, table=True):
    """A row deleted forever: its uid and when, so a merge can tell deleted from never seen.

    The database's delete triggers write these; nothing of the row's content is kept."""

    __tablename__ = "tombstone"

    uid: str = Field(primary_key=True)
    table_name: str
    deleted_at: datetime = _utc()


class Revision(Identity, table=True):
    """An earlier version of text a person wrote, kept when a merge or import chose another one.

    `content` holds that version's text fields (e.g. title and body); `written_at` is when that
    version was last changed. Purged with the row by delete forever (a trigger)."""

    __tablename__ = "revision"

    id: int | None = Field(default=None, primary_key=True)
    table_name: str
    row_uid: str = Field(index=True)
    content: dict[str, Any] = _json()
    written_at: datetime | None = _utc(nullable=True)
    kept_at: datetime = _utc()


# Export / import order: every table after the tables it points at.
TABLES: tuple[type[SQLModel], ...] = (
    Tag,
    JournalEntry,
    EntryTag,
    MoodCheckIn,
    CheckInEmotion,
    CheckInTag,
    HomeworkPack,
    CopingStrategy,
    StrategyUse,
    Assessment,
    SafetyPlanItem,
    SupportContact,
    GroupSession,
    HomeworkAssignment,
    HomeworkCompletion,
    PromptState,
    VaultSetting,
    Revision,
    Tombstone,
)

__all__ = [
    "ENTRY_KINDS",
    "SAFETY_PLAN_STEPS",
    "STRATEGY_SOURCES",
    "TABLES",
    "Assessment",
    "CheckInEmotion",
    "CheckInTag",
    "CopingStrategy",
    "EntryTag",
    "GroupSession",
    "HomeworkAssignment",
    "HomeworkCompletion",
    "HomeworkPack",
    "Identity",
    "JSONText",
    "JournalEntry",
    "MoodCheckIn",
    "PromptState",
    "Revision",
    "SafetyPlanItem",
    "StrategyUse",
    "SupportContact",
    "Tag",
    "Tombstone",
    "UTCDateTime",
    "VaultSetting",
    "new_uid",
]
