"""Assessments taken: storing results, reading them back with their items, and history with trend.

The instruments and scoring live in `copingkit.core.assessments`; this service stores what a
person answered (instrument id and version, every answer, the difficulty item, score, band, and
when the item-9 crisis screen was shown) and is how the CLI, the TUI, the session report and
Insights read results:

```python
result = services.assessments.record("phq9", [1, 2, 1, 2, 1, 2, 1, 2, 0], difficulty=1)
result.score, result.band, result.flags               # 12, "moderate", ()
services.assessments.list(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
services.assessments.history("pcl5").latest.words     # "12 lower than last time — a meaningful ..."
```

Every result read carries its items (the form's wording beside each answer), band and flags,
so a reader never re-scores. A score is not a diagnosis: show `assessments.not_a_diagnosis()`
with any result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from copingkit.core import assessments
from copingkit.core.errors import InvalidInput
from copingkit.core.models import Assessment
from copingkit.core.services._common import Service, aware, load_row, page, window
from copingkit.core.services.readmodels import (
    AssessmentChange,
    AssessmentHistory,
    AssessmentItem,
    AssessmentPoint,
    AssessmentResult,
)

HISTORY_MAX = 500
"""The most results one history holds (the newest ones)."""


class AssessmentService(Service):
    def instruments(self) -> tuple[assessments.Instrument, ...]:
        """The questionnaires a person can take, in the order they are offered."""
        return assessments.load_instruments()

    def check(
        self, instrument_id: str, answers: Sequence[Any], *, difficulty: Any = None, allow_blank: bool = False
    ) -> assessments.Scored:
        """Score without storing: `InvalidInput` for an unknown instrument, a wrong number of
        answers, or an answer out of range (so a caller can refuse before asking for anything)."""
        return assessments.score(
            assessments.instrument(instrument_id), answers, difficulty=difficulty, allow_blank=allow_blank
        )

    def record(
        self,
        instrument_id: str,
        answers: Sequence[Any],
        *,
        difficulty: Any = None,
        at: datetime | None = None,
        allow_blank: bool = False,
        crisis_shown_at: datetime | None = None,
    ) -> AssessmentResult:
        """Score and store one form; nothing is stored when `InvalidInput` is raised.

        `allow_blank` (the TUI): None answers are kept and the result has no score or band.
        `crisis_shown_at`: when the item-9 crisis screen was shown (given only when it was).
        Homework that asks for this questionnaire is marked done with it (a form with blanks
        counts: every question may be skipped).
        """
        scored = self.check(instrument_id, answers, difficulty=difficulty, allow_blank=allow_blank)
        shown = None if crisis_shown_at is None else aware(crisis_shown_at, "time the help screen was shown")
        row = Assessment(
            instrument_id=scored.instrument_id,
            instrument_version=scored.version,
            answers=list(scored.answers),
            score=scored.score,
            band=scored.band,
            difficulty=scored.difficulty,
            at=self.now() if at is None else aware(at, "time"),
            crisis_shown_at=shown,
        )
        from copingkit.core.services.homework import complete_assessment_homework

        with self.database.session() as session:
            session.add(row)
            session.flush()
            complete_assessment_homework(session, row.instrument_id, row.at)
            return _read(row)

    def mark_crisis_shown(self, result_id: int, *, at: datetime | None = None) -> AssessmentResult:
        """Record that the item-9 crisis screen was shown for a stored result (the first time counts)."""
        with self.database.session() as session:
            row = _load(session, result_id)
            if row.crisis_shown_at is None:
                row.crisis_shown_at = self.now() if at is None else aware(at, "time")
                session.add(row)
                session.flush()
            return _read(row)

    def get(self, result_id: int) -> AssessmentResult:
        with self.database.session() as session:
            return _read(_load(session, result_id))

    def delete(self, result_id: int) -> None:
        with self.database.session() as session:
            session.delete(_load(session, result_id))

    def list(
        self,
        *,
        instrument_id: str | None = None,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        oldest_first: bool = False,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[AssessmentResult]:
        """Results in a date range (dates are whole local days, `date_to` included), each with its
        items, band and flags; newest first unless `oldest_first` (a report's order)."""
        limit, offset = page(limit, offset)
        start, end = window(date_from, date_to)
        if instrument_id is not None:
            assessments.instrument(instrument_id)
        with self.database.session() as session:
            statement = select(Assessment)
            if instrument_id is not None:
                statement = statement.where(Assessment.instrument_id == instrument_id)
            if start is not None:
                statement = statement.where(col(Assessment.at) >= start)
            if end is not None:
                statement = statement.where(col(Assessment.at) < end)
            if oldest_first:
                statement = statement.order_by(col(Assessment.at), col(Assessment.id))
            else:
                statement = statement.order_by(col(Assessment.at).desc(), col(Assessment.id).desc())
            return [_read(row) for row in session.exec(statement.limit(limit).offset(offset)).all()]

    def count(self, instrument_id: str | None = None) -> int:
        with self.database.session() as session:
            statement = select(func.count()).select_from(Assessment)
            if instrument_id is not None:
                statement = statement.where(Assessment.instrument_id == instrument_id)
            return int(session.exec(statement).one())

    def history(
        self,
        instrument_id: str,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
    ) -> AssessmentHistory:
        """One instrument's results, oldest first (the newest `HISTORY_MAX`), each with its change
        from the scored result before it; the change counted as meaningful is CONTENT.md's."""
        form = assessments.instrument(instrument_id)
        newest = self.list(instrument_id=instrument_id, date_from=date_from, date_to=date_to, limit=HISTORY_MAX)
        results = list(reversed(newest))
        points: list[AssessmentPoint] = []
        previous: AssessmentResult | None = None
        first: AssessmentResult | None = None
        for result in results:
            moved = None
            if result.value is not None:
                if previous is not None and previous.value is not None:
                    moved = _change(form, previous.value, result.value)
                previous = result
                first = first or result
            points.append(AssessmentPoint(result=result, change=moved))
        latest = points[-1].change if points else None
        since_first = None
        if first is not None and previous is not None and previous is not first:
            assert first.value is not None and previous.value is not None
            since_first = _change(form, first.value, previous.value, since="the first time")
        return AssessmentHistory(
            instrument_id=form.id,
            name=form.name,
            points=tuple(points),
            latest=latest,
            since_first=since_first,
            meaningful_rule=assessments.meaningful_words(form),
            higher_means=form.higher_means,
        )


def _change(form: assessments.Instrument, earlier: int, later: int, *, since: str = "last time") -> AssessmentChange:
    moved = assessments.change(form, earlier, later)
    return AssessmentChange(
        delta=moved.delta,
        meaningful=moved.meaningful,
        response=moved.response,
        words=assessments.change_words(form, moved, since=since),
    )


def _load(session: Any, result_id: Any) -> Assessment:
    return load_row(session, Assessment, result_id, "That assessment is not in this journal.")


def _read(row: Assessment) -> AssessmentResult:
    assert row.id is not None
    answers = tuple(answer if isinstance(answer, int) else None for answer in (row.answers or []))
    try:
        form: assessments.Instrument | None = assessments.instrument(row.instrument_id)
    except InvalidInput:
        form = None  # made by a copingkit that knows more instruments: shown as stored
    items: tuple[AssessmentItem, ...] = ()
    flags: tuple[str, ...] = ()
    percent = None
    difficulty_label = None
    if form is not None:
        items = tuple(
            AssessmentItem(
                number=number,
                text=form.items[number - 1] if number <= len(form.items) else "",
                answer=answer,
                label=_label(form, answer),
            )
            for number, answer in enumerate(answers, start=1)
        )
        flags = assessments.flags_of(form, answers, row.score)
        if form.percent_factor is not None and row.score is not None:
            percent = row.score * form.percent_factor
        if form.difficulty is not None and row.difficulty is not None:
            difficulty_label = _difficulty_label(form, row.difficulty)
    return AssessmentResult(
        id=row.id,
        uid=row.uid or "",
        instrument_id=row.instrument_id,
        instrument_version=row.instrument_version,
        name=form.name if form is not None else row.instrument_id,
        at=row.at,
        answers=answers,
        items=items,
        difficulty=row.difficulty,
        difficulty_label=difficulty_label,
        score=row.score,
        max_score=form.max_score if form is not None else None,
        band=row.band,
        percent=percent,
        flags=flags,
        crisis_shown_at=row.crisis_shown_at,
    )


def _label(form: assessments.Instrument, answer: int | None) -> str | None:
    if answer is None:
        return None
    return next((option.label for option in form.options if option.value == answer), None)


def _difficulty_label(form: assessments.Instrument, value: int) -> str | None:
    assert form.difficulty is not None
    return next((option.label for option in form.difficulty.options if option.value == value), None)


__all__ = ["HISTORY_MAX", "AssessmentService"]
