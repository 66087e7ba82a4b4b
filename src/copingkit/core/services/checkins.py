"""Mood check-ins: mood 1-5, optional emotions, energy, sleep, coping confidence, note, tags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, insert, text
from sqlmodel import Session, col, delete, select

from copingkit.core import dates
from copingkit.core.errors import InvalidInput
from copingkit.core.models import CheckInEmotion, CheckInTag, MoodCheckIn
from copingkit.core.services._common import (
    UNSET,
    Cleaners,
    Service,
    apply_changes,
    aware,
    drop_unused_tags,
    ensure_tags,
    fts_query,
    given_changes,
    load_row,
    optional_text,
    page,
    read_model,
    replace_tags,
    tag_names,
    tagged_with,
    tags_by_owner,
    whole_number,
    window,
)
from copingkit.core.services.readmodels import CheckIn, DayMood, Emotion
from copingkit.core.utc import from_utc_text, to_utc_text

NOTE_MAX = 20_000
EMOTION_MAX = 40
_CREATE_FIELDS = frozenset({"mood", "note", "tags", "at", "emotions", "energy", "sleep_hours", "coping_confidence"})


class CheckInService(Service):
    def create(
        self,
        mood: int,
        *,
        note: str | None = None,
        tags: Iterable[str] = (),
        at: datetime | None = None,
        emotions: Any = (),
        energy: int | None = None,
        sleep_hours: float | None = None,
        coping_confidence: int | None = None,
        shared: bool = False,
    ) -> CheckIn:
        """`emotions` is a mapping {name: intensity} or pairs / `Emotion`s; intensity 0-10.

        `shared` marks it for the therapist copy (`export --shared-only`); off unless asked."""
        values = {
            "mood": _mood(mood),
            "note": _note(note),
            "energy": _energy(energy),
            "sleep_hours": _sleep(sleep_hours),
            "coping_confidence": _confidence(coping_confidence),
        }
        feelings = _emotions(emotions)
        names = tag_names(tags)
        now = self.now()
        when = now if at is None else aware(at, "check-in time")
        with self.database.session() as session:
            checkin = MoodCheckIn(at=when, created_at=now, shared_with_therapist=bool(shared), **values)
            session.add(checkin)
            session.flush()
            _set_emotions(session, checkin.id, feelings)
            _set_tags(session, checkin.id, names)
            return _read(session, [checkin])[0]

    def create_many(self, checkins: Iterable[Mapping[str, Any]]) -> list[int]:
        """Record many check-ins in one transaction; returns their ids in order.

        Each item takes `create`'s arguments by name (`mood` required). All or nothing: one bad item
        raises InvalidInput and nothing is written.
        """
        now = self.now()
        rows, feelings_per_row, names_per_row = [], [], []
        for item in checkins:
            if not isinstance(item, Mapping):
                raise InvalidInput("Each check-in needs to be a set of named fields.")
            unknown = set(item) - _CREATE_FIELDS
            if unknown:
                raise InvalidInput(f"A check-in has no field called {sorted(unknown)[0]!r}.")
            at = item.get("at")
            rows.append(
                {
                    "mood": _mood(item.get("mood")),
                    "note": _note(item.get("note")),
                    "energy": _energy(item.get("energy")),
                    "sleep_hours": _sleep(item.get("sleep_hours")),
                    "coping_confidence": _confidence(item.get("coping_confidence")),
                    "at": now if at is None else aware(at, "check-in time"),
                    "created_at": now,
                }
            )
            feelings_per_row.append(_emotions(item.get("emotions", ())))
            names_per_row.append(tag_names(item.get("tags", ())))
        if not rows:
            return []
        with self.database.session() as session:
            connection = session.connection()
            statement = insert(MoodCheckIn.__table__).returning(
                MoodCheckIn.__table__.c.id, sort_by_parameter_order=True
            )
            ids = list(connection.execute(statement, rows).scalars().all())
            emotions = [
                {"checkin_id": checkin_id, "emotion": name, "intensity": intensity}
                for checkin_id, feelings in zip(ids, feelings_per_row, strict=True)
                for name, intensity in feelings.items()
            ]
            if emotions:
                connection.execute(insert(CheckInEmotion.__table__), emotions)
            all_names = list(dict.fromkeys(name for names in names_per_row for name in names))
            tag_ids = {tag.name: tag.id for tag in ensure_tags(session, all_names)}
            links = [
                {"checkin_id": checkin_id, "tag_id": tag_ids[name]}
                for checkin_id, names in zip(ids, names_per_row, strict=True)
                for name in names
            ]
            if links:
                connection.execute(insert(CheckInTag.__table__), links)
        return ids

    def get(self, checkin_id: int) -> CheckIn:
        with self.database.session() as session:
            return _read(session, [_load(session, checkin_id)])[0]

    def update(
        self,
        checkin_id: int,
        *,
        mood: Any = UNSET,
        note: Any = UNSET,
        tags: Any = UNSET,
        at: Any = UNSET,
        emotions: Any = UNSET,
        energy: Any = UNSET,
        sleep_hours: Any = UNSET,
        coping_confidence: Any = UNSET,
        shared: Any = UNSET,
    ) -> CheckIn:
        """Change what was given; `None` clears an optional field."""
        given = {
            "mood": mood,
            "note": note,
            "energy": energy,
            "sleep_hours": sleep_hours,
            "coping_confidence": coping_confidence,
            "at": at,
            "shared": shared,
        }
        with self.database.session() as session:
            checkin = _load(session, checkin_id)
            apply_changes(checkin, given_changes(_UPDATES, given))
            if emotions is not UNSET:
                _set_emotions(session, checkin.id, _emotions(emotions))
            if tags is not UNSET:
                _set_tags(session, checkin.id, tag_names(tags))
            checkin.edited_at = self.now()
            session.add(checkin)
            session.flush()
            return _read(session, [checkin])[0]

    def delete(self, checkin_id: int) -> None:
        """Delete a check-in for good (with its emotions, tag links and index rows)."""
        with self.database.session() as session:
            checkin = _load(session, checkin_id)
            tag_ids = list(session.exec(select(CheckInTag.tag_id).where(CheckInTag.checkin_id == checkin.id)).all())
            session.exec(delete(CheckInEmotion).where(col(CheckInEmotion.checkin_id) == checkin.id))
            session.exec(delete(CheckInTag).where(col(CheckInTag.checkin_id) == checkin.id))
            session.delete(checkin)
            session.flush()
            drop_unused_tags(session, tag_ids)
            session.execute(text("INSERT INTO checkin_fts(checkin_fts) VALUES ('optimize')"))

    def list(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        tag: str | None = None,
    ) -> list[CheckIn]:
        """Newest first."""
        limit, offset = page(limit, offset)
        with self.database.session() as session:
            query = _filtered(select(MoodCheckIn), date_from, date_to, tag)
            if query is None:
                return []
            query = query.order_by(col(MoodCheckIn.at).desc(), col(MoodCheckIn.id).desc())
            return _read(session, list(session.exec(query.limit(limit).offset(offset)).all()))

    def count(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        tag: str | None = None,
    ) -> int:
        with self.database.session() as session:
            query = _filtered(select(func.count(col(MoodCheckIn.id))), date_from, date_to, tag)
            return 0 if query is None else int(session.exec(query).one())

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> list[CheckIn]:
        """Check-ins whose note matches every word (same rules as journal search), best first."""
        limit, offset = page(limit, offset)
        match = fts_query(query)
        if match is None:
            return []
        with self.database.session() as session:
            ids = [
                row[0]
                for row in session.execute(
                    text(
                        "SELECT rowid FROM checkin_fts WHERE checkin_fts MATCH :match"
                        " ORDER BY bm25(checkin_fts) LIMIT :limit OFFSET :offset"
                    ),
                    {"match": match, "limit": limit, "offset": offset},
                ).all()
            ]
            rows = {row.id: row for row in session.exec(select(MoodCheckIn).where(col(MoodCheckIn.id).in_(ids))).all()}
            return _read(session, [rows[checkin_id] for checkin_id in ids if checkin_id in rows])

    def mood_by_day(self, days: int = 14, *, tz: tzinfo | None = None) -> list[DayMood]:
        """One `DayMood` per calendar day (in `tz`, default the person's zone), oldest first, ending today.

        Plain SQL, like the journal's reads (services/journal_read.py): Home shows this the moment the
        journal opens, and the ORM's first query (mapping and compiling) would add a tenth of a second.
        """
        days_n = whole_number(days, 1, 3660, "Pick between 1 and 3,660 days.", optional=False)
        assert days_n is not None
        zone = tz or dates.local_zone()
        today = self.now().astimezone(zone).date()
        first = today - timedelta(days=days_n - 1)
        start = dates.day_start(first, zone)
        end = dates.day_end(today, zone)
        with self.database.lock:
            rows = self.database.connection.execute(
                f"SELECT at, mood FROM {MoodCheckIn.__tablename__} WHERE at >= ? AND at < ?",
                (to_utc_text(start), to_utc_text(end)),
            ).fetchall()
        by_day: dict[date, list[int]] = {}
        for at, mood in rows:
            by_day.setdefault(from_utc_text(at).astimezone(zone).date(), []).append(mood)
        result = []
        for offset in range(days_n):
            day = first + timedelta(days=offset)
            moods = by_day.get(day, [])
            result.append(
                DayMood(
                    day=day,
                    mean=sum(moods) / len(moods) if moods else None,
                    low=min(moods) if moods else None,
                    high=max(moods) if moods else None,
                    count=len(moods),
                )
            )
        return result


def _mood(value: Any) -> int:
    mood = whole_number(value, 1, 5, "Mood is a number from 1 to 5.", optional=False)
    assert mood is not None
    return mood


def _energy(value: Any) -> int | None:
    return whole_number(value, 1, 5, "Energy is a number from 1 to 5.")


def _confidence(value: Any) -> int | None:
    return whole_number(value, 0, 10, "Coping confidence is a number from 0 to 10.")


def _sleep(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 24:
        raise InvalidInput("Sleep is a number of hours from 0 to 24.")
    return float(value)


def _note(value: Any) -> str | None:
    note = optional_text(value, "note")
    if note is not None and len(note) > NOTE_MAX:
        raise InvalidInput(f"A check-in note can be at most {NOTE_MAX:,} characters; the journal has room for more.")
    return note


def _emotions(value: Any) -> dict[str, int]:
    if value is None:
        return {}
    pairs: Iterable[Any] = value.items() if isinstance(value, Mapping) else value
    found: dict[str, int] = {}
    for item in pairs:
        if isinstance(item, Emotion):
            name, intensity = item.name, item.intensity
        elif isinstance(item, Mapping):
            name, intensity = item.get("name"), item.get("intensity")
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
            name, intensity = item
        else:
            raise InvalidInput("Each emotion needs a name and an intensity from 0 to 10.")
        if not isinstance(name, str) or not name.strip():
            raise InvalidInput("Each emotion needs a name.")
        name = " ".join(name.split()).lower()
        if len(name) > EMOTION_MAX:
            raise InvalidInput(f"An emotion's name can be at most {EMOTION_MAX} characters.")
        found[name] = whole_number(intensity, 0, 10, "Emotion intensity is a number from 0 to 10.", optional=False)  # type: ignore[assignment]
    return found


def _load(session: Session, checkin_id: Any) -> MoodCheckIn:
    return load_row(session, MoodCheckIn, checkin_id, "That check-in is not in this journal.")


_UPDATES: Cleaners = {
    "mood": ("mood", _mood),
    "note": ("note", _note),
    "energy": ("energy", _energy),
    "sleep_hours": ("sleep_hours", _sleep),
    "coping_confidence": ("coping_confidence", _confidence),
    "at": ("at", lambda at: aware(at, "check-in time")),
    "shared": ("shared_with_therapist", bool),
}


def _filtered(query: Any, date_from: Any, date_to: Any, tag: Any) -> Any:
    start, end = window(date_from, date_to)
    if start is not None:
        query = query.where(col(MoodCheckIn.at) >= start)
    if end is not None:
        query = query.where(col(MoodCheckIn.at) < end)
    if tag is not None:
        tagged = tagged_with(CheckInTag, "checkin_id", tag)
        if tagged is None:
            return None
        query = query.where(col(MoodCheckIn.id).in_(tagged))
    return query


def _set_emotions(session: Session, checkin_id: int | None, feelings: dict[str, int]) -> None:
    session.exec(delete(CheckInEmotion).where(col(CheckInEmotion.checkin_id) == checkin_id))
    for name, intensity in feelings.items():
        assert checkin_id is not None
        session.add(CheckInEmotion(checkin_id=checkin_id, emotion=name, intensity=intensity))
    session.flush()


def _set_tags(session: Session, checkin_id: int | None, names: list[str]) -> None:
    replace_tags(session, CheckInTag, "checkin_id", checkin_id, names)


def _read(session: Session, checkins: list[MoodCheckIn]) -> list[CheckIn]:
    ids = [checkin.id for checkin in checkins]
    emotions: dict[int, list[Emotion]] = {}
    tags: dict[int, list[str]] = {}
    if ids:
        for row in session.exec(
            select(CheckInEmotion).where(col(CheckInEmotion.checkin_id).in_(ids)).order_by(col(CheckInEmotion.id))
        ).all():
            emotions.setdefault(row.checkin_id, []).append(Emotion(row.emotion, row.intensity))
        tags = tags_by_owner(session, CheckInTag, "checkin_id", ids)
    return [
        read_model(
            CheckIn,
            checkin,
            tags=tuple(tags.get(checkin.id, ())),
            emotions=tuple(emotions.get(checkin.id, ())),
            shared=bool(checkin.shared_with_therapist),
            uid=checkin.uid or "",
        )
        for checkin in checkins
    ]
