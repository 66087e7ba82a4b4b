"""The session report: one self-contained HTML page a person can bring to a therapist.

It holds exactly what DESIGN.md §3 (Sharing) lists, for a date range:

- the entries and check-ins marked to share, with their text;
- mood and coping-confidence trends drawn from *all* check-ins, as numbers only (no notes, no
  tags), as inline SVG charts and a table; `trends=False` leaves them out;
- assessment scores and answers;
- strategy uses with distress before and after (no notes);
- homework done (what and when, no notes);
- group sessions as date, minutes and connectedness only, never what was heard (or said, or the
  group's name).

```python
report = services.report.build(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
page = render_report_html(report)
```

`build` reads; `render_report_html` is `copingkit.core.rendering` (escaped, no scripts, nothing
loaded from elsewhere). The page is plaintext: the CLI and the TUI say so before writing it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from statistics import fmean
from typing import Any

from sqlmodel import col, select

from copingkit.core import assessments, dates
from copingkit.core.assessments import not_a_diagnosis
from copingkit.core.errors import InvalidInput
from copingkit.core.models import (
    CopingStrategy,
    GroupSession,
    HomeworkAssignment,
    HomeworkCompletion,
    HomeworkPack,
    MoodCheckIn,
)
from copingkit.core.models import StrategyUse as StrategyUseRow
from copingkit.core.services._common import Service, window
from copingkit.core.services.assessments import AssessmentService
from copingkit.core.services.readmodels import MOOD_WORDS, AssessmentResult
from copingkit.core.services.transfer import TransferService, checkin_details

ASSESSMENTS_MOST = 10_000
"""The most questionnaire results one report lists (a weekly PHQ-9 for 190 years)."""
WEEKLY_UP_TO_DAYS = 183
"""Trends over up to about six months are tabled by ISO week, longer ranges by month."""


@dataclass(frozen=True)
class SharedEntry:
    when: str
    title: str | None
    tags: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class SharedCheckIn:
    when: str
    mood: int
    mood_word: str
    details: str
    note: str | None


@dataclass(frozen=True)
class TrendDay:
    day: date
    mood: float
    confidence: float | None
    count: int


@dataclass(frozen=True)
class TrendPeriod:
    label: str
    count: int
    mood: float
    confidence: float | None


@dataclass(frozen=True)
class Trends:
    count: int
    mood_mean: float
    mood_low: int
    mood_high: int
    confidence_mean: float | None
    days: tuple[TrendDay, ...]
    period_name: str
    periods: tuple[TrendPeriod, ...]


@dataclass(frozen=True)
class AssessmentLine:
    when: str
    result: AssessmentResult
    """`AssessmentService`'s result: the form's name, score, band, percent, flags and every item."""
    notes: tuple[str, ...] = ()
    """What its flags mean, in the form's own words (PCL-5's threshold) or as plain fact (item 9)."""


@dataclass(frozen=True)
class StrategyUseLine:
    when: str
    strategy: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class HomeworkDone:
    when: str
    title: str
    pack: str | None
    """The title of the pack it came in ("Sleep week"), if any."""


@dataclass(frozen=True)
class GroupLine:
    when: str
    minutes: int | None
    connectedness: int | None


@dataclass(frozen=True)
class SessionReport:
    made_at: str
    period: str
    entries: tuple[SharedEntry, ...]
    checkins: tuple[SharedCheckIn, ...]
    trends: Trends | None
    trends_asked: bool
    assessments: tuple[AssessmentLine, ...]
    strategy_uses: tuple[StrategyUseLine, ...]
    homework: tuple[HomeworkDone, ...]
    groups: tuple[GroupLine, ...]

    def summary(self) -> tuple[str, ...]:
        """One line per section, what it holds: the preview before writing."""

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        lines = [
            f"Shared entries: {n(len(self.entries), 'entry', 'entries')} marked to share",
            f"Shared check-ins: {n(len(self.checkins), 'check-in', 'check-ins')} marked to share",
        ]
        if not self.trends_asked:
            lines.append("Trends: left out")
        elif self.trends is None:
            lines.append("Trends: no check-ins in this period")
        else:
            lines.append(f"Trends: numbers from {n(self.trends.count, 'check-in', 'check-ins')} (no notes, no tags)")
        lines += [
            f"Questionnaires: {n(len(self.assessments), 'result', 'results')} with their answers",
            f"Coping strategies: {n(len(self.strategy_uses), 'use', 'uses')}, distress before and after",
            f"Homework done: {n(len(self.homework), 'item', 'items')}",
            f"Group sessions: {n(len(self.groups), 'session', 'sessions')} (date, minutes, connectedness only)",
        ]
        return tuple(lines)


class ReportService(Service):
    def build(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        trends: bool = True,
        zone: tzinfo | None = None,
    ) -> SessionReport:
        """What the report holds for the range (whole local days for dates; `zone` for showing times)."""
        zone = zone or dates.local_zone()
        start, end = window(date_from, date_to)

        def when(moment: datetime) -> str:
            return dates.to_local(moment, zone).strftime("%Y-%m-%d %H:%M")

        def within(column: Any, statement: Any) -> Any:
            if start is not None:
                statement = statement.where(col(column) >= start)
            if end is not None:
                statement = statement.where(col(column) < end)
            return statement

        entries, checkins = TransferService(self.database, self.clock).readable(date_from, date_to, True)
        results = tuple(
            AssessmentLine(when(result.at), result, _assessment_notes(result))
            for result in AssessmentService(self.database, self.clock).list(
                date_from=date_from, date_to=date_to, oldest_first=True, limit=ASSESSMENTS_MOST
            )
        )
        with self.database.session() as session:
            moods = session.exec(
                within(MoodCheckIn.at, select(MoodCheckIn.at, MoodCheckIn.mood, MoodCheckIn.coping_confidence))
            ).all()
            uses = tuple(
                StrategyUseLine(when(at), title, before, after)
                for at, title, before, after in session.exec(
                    within(
                        StrategyUseRow.at,
                        select(
                            StrategyUseRow.at,
                            CopingStrategy.title,
                            StrategyUseRow.distress_before,
                            StrategyUseRow.distress_after,
                        ).join(CopingStrategy, col(CopingStrategy.id) == col(StrategyUseRow.strategy_id)),
                    ).order_by(col(StrategyUseRow.at), col(StrategyUseRow.id))
                ).all()
            )
            homework = tuple(
                HomeworkDone(when(at), title, pack)
                for at, title, pack in session.exec(
                    within(
                        HomeworkCompletion.at,
                        select(HomeworkCompletion.at, HomeworkAssignment.title, HomeworkPack.title)
                        .join(HomeworkAssignment, col(HomeworkAssignment.id) == col(HomeworkCompletion.assignment_id))
                        .join(HomeworkPack, col(HomeworkPack.id) == col(HomeworkAssignment.pack_id), isouter=True),
                    ).order_by(col(HomeworkCompletion.at), col(HomeworkCompletion.id))
                ).all()
            )
            groups = tuple(
                GroupLine(when(at), minutes, connectedness)
                for at, minutes, connectedness in session.exec(
                    within(
                        GroupSession.at, select(GroupSession.at, GroupSession.minutes, GroupSession.connectedness)
                    ).order_by(col(GroupSession.at), col(GroupSession.id))
                ).all()
            )
        return SessionReport(
            made_at=when(self.now()),
            period=_period(date_from, date_to, zone),
            entries=tuple(
                SharedEntry(when(e["created_at"]), e["title"], tuple(e["tags"]), e["body"].rstrip()) for e in entries
            ),
            checkins=tuple(
                SharedCheckIn(when(c["at"]), c["mood"], MOOD_WORDS[c["mood"]], "; ".join(checkin_details(c)), c["note"])
                for c in checkins
            ),
            trends=_trends(moods, zone) if trends else None,
            trends_asked=trends,
            assessments=results,
            strategy_uses=uses,
            homework=homework,
            groups=groups,
        )


def _assessment_notes(result: AssessmentResult) -> tuple[str, ...]:
    notes = []
    if "item9" in result.flags:
        shown = "; the crisis lines were shown before the total" if result.crisis_shown_at is not None else ""
        notes.append(f"Item 9 was answered above “not at all”{shown}.")
    try:
        threshold = assessments.instrument(result.instrument_id).threshold
    except InvalidInput:  # made by a copingkit that knows more instruments
        threshold = None
    if threshold is not None and threshold.flag in result.flags:
        notes.append(threshold.words)
    return tuple(notes)


def _period(date_from: Any, date_to: Any, zone: tzinfo) -> str:
    def shown(value: Any) -> str:
        if isinstance(value, datetime):
            return dates.to_local(value, zone).strftime("%Y-%m-%d %H:%M")
        return value.isoformat()

    if date_from is None and date_to is None:
        return "Everything in the journal"
    if date_to is None:
        return f"From {shown(date_from)}"
    if date_from is None:
        return f"Up to {shown(date_to)}"
    return f"From {shown(date_from)} to {shown(date_to)}"


def _trends(rows: Any, zone: tzinfo) -> Trends | None:
    if not rows:
        return None
    by_day: dict[date, list[tuple[int, int | None]]] = defaultdict(list)
    for at, mood, confidence in rows:
        by_day[dates.to_local(at, zone).date()].append((mood, confidence))
    days = tuple(
        TrendDay(day, round(fmean(m for m, _ in values), 2), _mean(c for _, c in values), len(values))
        for day, values in sorted(by_day.items())
    )
    weekly = (days[-1].day - days[0].day).days <= WEEKLY_UP_TO_DAYS
    by_period: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for day, values in sorted(by_day.items()):
        year, week, _ = day.isocalendar()
        label = f"{year}-W{week:02d}" if weekly else f"{day.year}-{day.month:02d}"
        by_period[label].extend(values)
    periods = tuple(
        TrendPeriod(label, len(values), round(fmean(m for m, _ in values), 2), _mean(c for _, c in values))
        for label, values in by_period.items()
    )
    moods = [mood for _, mood, _ in rows]
    return Trends(
        count=len(rows),
        mood_mean=round(fmean(moods), 2),
        mood_low=min(moods),
        mood_high=max(moods),
        confidence_mean=_mean(confidence for _, _, confidence in rows),
        days=days,
        period_name="Week" if weekly else "Month",
        periods=periods,
    )


def _mean(values: Any) -> float | None:
    given = [value for value in values if value is not None]
    return round(fmean(given), 2) if given else None


# --- the page -------------------------------------------------------------------------------------

_WIDTH, _HEIGHT = 640, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 28, 36


@dataclass(frozen=True)
class Chart:
    """An inline SVG line chart's geometry, numbers only: the template draws it."""

    title: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    points: tuple[tuple[float, float], ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


def chart(title: str, values: list[tuple[date, float]], low: int, high: int, ticks: range) -> Chart:
    """Daily values on a fixed scale (`low`..`high`), first and last day (and a middle one) labelled."""
    first, last = values[0][0], values[-1][0]
    span = max((last - first).days, 1)
    inner_w = _WIDTH - _LEFT - _RIGHT
    inner_h = _HEIGHT - _TOP - _BOTTOM

    def x(day: date) -> float:
        return _LEFT + (inner_w / 2 if first == last else inner_w * (day - first).days / span)

    def y(value: float) -> float:
        return _TOP + inner_h * (high - value) / (high - low)

    labelled = [first] if first == last else [first, last]
    if (last - first).days >= 14:
        labelled.insert(1, first + (last - first) / 2)
    return Chart(
        title=title,
        width=_WIDTH,
        height=_HEIGHT,
        left=_LEFT,
        right=_WIDTH - _RIGHT,
        top=_TOP,
        bottom=_HEIGHT - _BOTTOM,
        y_ticks=tuple((y(tick), str(tick)) for tick in ticks),
        x_ticks=tuple((x(day), day.isoformat()) for day in labelled),
        points=tuple((x(day), y(value)) for day, value in values),
    )


def render_report_html(report: SessionReport) -> str:
    """The report as one self-contained page (`copingkit.core.rendering`)."""
    from copingkit.core.rendering import render

    charts: list[Chart] = []
    if report.trends is not None:
        days = report.trends.days
        charts.append(
            chart("Mood, daily average (1 very low to 5 very good)", [(d.day, d.mood) for d in days], 1, 5, range(1, 6))
        )
        confidence = [(d.day, d.confidence) for d in days if d.confidence is not None]
        if confidence:
            charts.append(
                chart("Coping confidence, daily average (0 to 10)", confidence, 0, 10, range(0, 11, 2))  # type: ignore[arg-type]
            )
    return render(
        "report.html",
        title="copingkit session report",
        report=report,
        charts=charts,
        not_a_diagnosis=not_a_diagnosis(),
    )


__all__ = ["ReportService", "SessionReport", "render_report_html"]
