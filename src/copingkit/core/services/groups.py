"""Peer-support group sessions: when, which group, what I shared and heard, and what I took away.

A strategy learned from the group goes into the library with `source="group"`
(`GroupService.learn_strategy`, or `coping.create(..., source="group")`), marked "learned from my group".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from copingkit.core.errors import InvalidInput
from copingkit.core.models import GroupSession as GroupSessionRow
from copingkit.core.services._common import (
    UNSET,
    Cleaners,
    Service,
    apply_changes,
    aware,
    given_changes,
    load_row,
    optional_text,
    page,
    read_model,
    whole_number,
    window,
)
from copingkit.core.services.coping import CopingService
from copingkit.core.services.readmodels import GroupSession, Strategy

TYPICAL_MINUTES = 90
"""A typical peer-support session lasts about 90 minutes (CONTENT.md)."""
GROUP_NAME_MAX = 120
TEXT_MAX = 20_000


class GroupService(Service):
    def log(
        self,
        group_name: str,
        *,
        at: datetime | None = None,
        minutes: int | None = TYPICAL_MINUTES,
        what_i_shared: str | None = None,
        what_i_heard: str | None = None,
        takeaways: str | None = None,
        connectedness: int | None = None,
    ) -> GroupSession:
        """Record a session; only the group's name is needed."""
        row = GroupSessionRow(
            at=self.now() if at is None else aware(at, "time"),
            group_name=_group_name(group_name),
            minutes=_minutes(minutes),
            what_i_shared=_text(what_i_shared, "what you shared"),
            what_i_heard=_text(what_i_heard, "what you heard"),
            takeaways=_text(takeaways, "takeaways"),
            connectedness=_connectedness(connectedness),
        )
        with self.database.session() as session:
            session.add(row)
            session.flush()
            return _read(row)

    def get(self, session_id: int) -> GroupSession:
        with self.database.session() as session:
            return _read(_load(session, session_id))

    def update(
        self,
        session_id: int,
        *,
        group_name: Any = UNSET,
        at: Any = UNSET,
        minutes: Any = UNSET,
        what_i_shared: Any = UNSET,
        what_i_heard: Any = UNSET,
        takeaways: Any = UNSET,
        connectedness: Any = UNSET,
    ) -> GroupSession:
        changes = given_changes(
            _UPDATES,
            {
                "group_name": group_name,
                "at": at,
                "minutes": minutes,
                "what_i_shared": what_i_shared,
                "what_i_heard": what_i_heard,
                "takeaways": takeaways,
                "connectedness": connectedness,
            },
        )
        with self.database.session() as session:
            row = _load(session, session_id)
            if apply_changes(row, changes):
                session.add(row)
                session.flush()
            return _read(row)

    def delete(self, session_id: int) -> None:
        with self.database.session() as session:
            session.delete(_load(session, session_id))

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        group: str | None = None,
    ) -> list[GroupSession]:
        """Sessions, newest first."""
        limit, offset = page(limit, offset)
        start, end = window(date_from, date_to)
        with self.database.session() as session:
            statement = select(GroupSessionRow)
            if start is not None:
                statement = statement.where(col(GroupSessionRow.at) >= start)
            if end is not None:
                statement = statement.where(col(GroupSessionRow.at) < end)
            if group is not None:
                statement = statement.where(GroupSessionRow.group_name == _group_name(group))
            statement = statement.order_by(col(GroupSessionRow.at).desc(), col(GroupSessionRow.id).desc())
            return [_read(row) for row in session.exec(statement.limit(limit).offset(offset)).all()]

    def count(self) -> int:
        with self.database.session() as session:
            return int(session.exec(select(func.count()).select_from(GroupSessionRow)).one())

    def groups(self) -> list[str]:
        """The names of groups a person has logged, most recently attended first."""
        with self.database.session() as session:
            rows = session.exec(
                select(GroupSessionRow.group_name, func.max(GroupSessionRow.at))
                .group_by(col(GroupSessionRow.group_name))
                .order_by(func.max(GroupSessionRow.at).desc())
            ).all()
        return [name for name, _ in rows]

    def learn_strategy(
        self,
        title: str,
        steps: Iterable[str],
        *,
        minutes: int | None = None,
        reactions: Iterable[str] = (),
        approach: str | None = None,
    ) -> Strategy:
        """Add a strategy heard at a group to the library, marked "learned from my group"."""
        return CopingService(self.database, self.clock).create(
            title, steps, minutes=minutes, reactions=reactions, approach=approach, source="group"
        )


def _group_name(value: Any) -> str:
    name = optional_text(value, "group's name")
    if name is None:
        raise InvalidInput("A group session needs the group's name.")
    name = " ".join(name.split())
    if len(name) > GROUP_NAME_MAX:
        raise InvalidInput(f"A group's name can be at most {GROUP_NAME_MAX} characters.")
    return name


def _minutes(value: Any) -> int | None:
    return whole_number(value, 1, 24 * 60, "Minutes is a whole number from 1 to 1,440.")


def _connectedness(value: Any) -> int | None:
    return whole_number(value, 0, 10, "How connected you felt is a number from 0 to 10.")


def _text(value: Any, what: str) -> str | None:
    text = optional_text(value, what)
    if text is not None and len(text) > TEXT_MAX:
        raise InvalidInput(f"The {what} can be at most {TEXT_MAX:,} characters.")
    return text


def _load(session: Session, session_id: Any) -> GroupSessionRow:
    return load_row(session, GroupSessionRow, session_id, "That group session is not in this journal.")


def _read(row: GroupSessionRow) -> GroupSession:
    assert row.id is not None
    return read_model(GroupSession, row)


_UPDATES: Cleaners = {
    "group_name": ("group_name", _group_name),
    "at": ("at", lambda at: aware(at, "time")),
    "minutes": ("minutes", _minutes),
    "what_i_shared": ("what_i_shared", lambda text: _text(text, "what you shared")),
    "what_i_heard": ("what_i_heard", lambda text: _text(text, "what you heard")),
    "takeaways": ("takeaways", lambda text: _text(text, "takeaways")),
    "connectedness": ("connectedness", _connectedness),
}


__all__ = ["TYPICAL_MINUTES", "GroupService"]
