"""Insights: the patterns in a person's own data, read with plain SQL (DESIGN.md §1, §4).

```python
report = services.insights.compute(date_from=date(2026, 1, 1), date_to=None)
report.as_json()      # DESIGN.md §4's `insights --format json` document
report.sentences()    # one plain sentence per figure, for people who don't read charts
```

Days and weekdays are the person's local days (`core.dates.local_zone`). Averages are rounded to 2
decimals and are None when nothing was counted. `average_change` is after − before (negative: distress
went down); `lowered_share` is the fraction 0–1 of the uses that have both ratings where after < before.
Periods are ISO weeks ("2026-W45") when the data spans at most 92 days, months ("2026-11") up to three
years, years beyond; the same kind is used for mood, coping confidence and group sessions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from copingkit.core.dates import local_zone
from copingkit.core.services._common import Service, window
from copingkit.core.utc import from_utc_text, to_utc_text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERIODS = ("week", "month", "year")
WEEKS_UP_TO_DAYS = 92
MONTHS_UP_TO_DAYS = 3 * 366
TITLES = {
    "mood_over_time": "Mood over time",
    "coping_confidence": "Coping confidence over time",
    "year_in_pixels": "Days with a check-in",
    "mood_by_weekday": "Mood by weekday",
    "mood_by_tag": "Mood by tag",
    "strategies": "What helps: strategies",
    "assessments": "Questionnaires",
    "groups": "Group sessions",
}
"""Each figure's heading, in the order the CLI and the screen show them."""
_HEADINGS = {"average_change": "change", "lowered_share": "lowered", "average_connectedness": "connectedness"}


def average(values: Iterable[float]) -> float | None:
    """The mean rounded to 2 decimals; None for no values."""
    items = list(values)
    return round(sum(items) / len(items), 2) if items else None


def period_kind(days: Iterable[date]) -> str:
    """'week', 'month' or 'year' for data spanning these days (see the module docstring)."""
    items = list(days)
    if not items:
        return "month"
    span = (max(items) - min(items)).days
    if span <= WEEKS_UP_TO_DAYS:
        return "week"
    return "month" if span <= MONTHS_UP_TO_DAYS else "year"


def period_of(day: date, kind: str) -> str:
    if kind == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


@dataclass(frozen=True)
class Insights:
    """Every figure of DESIGN.md §4's `insights` document, as plain lists of dicts."""

    mood_by_weekday: list[dict[str, Any]] = field(default_factory=list)
    mood_by_tag: list[dict[str, Any]] = field(default_factory=list)
    strategies: list[dict[str, Any]] = field(default_factory=list)
    coping_confidence: list[dict[str, Any]] = field(default_factory=list)
    mood_over_time: list[dict[str, Any]] = field(default_factory=list)
    year_in_pixels: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    period: str = "month"
    """The kind of period the figures over time are grouped by (not part of the JSON document)."""

    def as_json(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "mood_by_weekday": self.mood_by_weekday,
            "mood_by_tag": self.mood_by_tag,
            "strategies": self.strategies,
            "coping_confidence": self.coping_confidence,
            "mood_over_time": self.mood_over_time,
            "year_in_pixels": self.year_in_pixels,
            "assessments": self.assessments,
            "groups": self.groups,
        }

    def table(self, name: str, *, last: int | None = None) -> list[str]:
        """Figure `name` as the lines of a small plain-text table (no lines when it is empty);
        `last` keeps only its last rows (the year in pixels)."""
        rows = self.as_json()[name]
        if last is not None:
            rows = rows[-last:]
        if not rows:
            return []
        columns = list(rows[0])
        headings = [_HEADINGS.get(column, column) for column in columns]
        cells = [["—" if row[column] is None else str(row[column]) for column in columns] for row in rows]
        widths = [max(len(headings[i]), *(len(line[i]) for line in cells)) for i in range(len(columns))]
        return ["  ".join(text.ljust(widths[i]) for i, text in enumerate(line)).rstrip() for line in [headings, *cells]]

    def sentences(self) -> dict[str, str]:
        """figure name -> one plain sentence describing it."""
        return {
            "mood_by_weekday": _weekday_sentence(self.mood_by_weekday),
            "mood_by_tag": _tag_sentence(self.mood_by_tag),
            "strategies": _strategy_sentence(self.strategies),
            "coping_confidence": _series_sentence(
                self.coping_confidence, "Coping confidence", "check-ins that rated it"
            ),
            "mood_over_time": _series_sentence(self.mood_over_time, "Mood", "check-ins"),
            "year_in_pixels": _pixels_sentence(self.year_in_pixels),
            "assessments": _assessment_sentence(self.assessments),
            "groups": _group_sentence(self.groups),
        }


class InsightsService(Service):
    """Aggregates for the Insights screen and `copingkit insights`; reads only, with plain SQL."""

    def compute(
        self,
        *,
        date_from: date | datetime | None = None,
        date_to: date | datetime | None = None,
        zone: tzinfo | None = None,
        period: str | None = None,
    ) -> Insights:
        """Every figure; `period` ('week', 'month' or 'year') groups the figures over time by that
        kind, and None picks it from the data's span (what `copingkit insights` does)."""
        if period is not None and period not in PERIODS:
            raise ValueError(f"period must be one of {PERIODS}")
        zone = zone or local_zone()
        start, end = window(date_from, date_to)
        with self.database.lock:
            connection = self.database.connection
            checkins = _rows(connection, "SELECT id, at, mood, coping_confidence FROM mood_checkin", "at", start, end)
            tags = connection.execute(
                "SELECT ct.checkin_id, t.name FROM checkin_tag AS ct JOIN tag AS t ON t.id = ct.tag_id"
            ).fetchall()
            uses = _rows(
                connection,
                "SELECT s.title, u.distress_before, u.distress_after, u.at"
                " FROM strategy_use AS u JOIN coping_strategy AS s ON s.id = u.strategy_id",
                "u.at",
                start,
                end,
            )
            forms = _rows(
                connection,
                "SELECT instrument_id, at, score, band FROM assessment",
                "at",
                start,
                end,
                extra="score IS NOT NULL",
                order="at, id",
            )
            sessions = _rows(connection, "SELECT at, connectedness FROM group_session", "at", start, end)

        days = {row[0]: _local_day(row[1], zone) for row in checkins}
        session_days = [from_utc_text(row[0]).astimezone(zone).date() for row in sessions]
        kind = period or period_kind([*days.values(), *session_days])
        periods = {day: period_of(day, kind) for day in {*days.values(), *session_days}}

        by_weekday: dict[int, list[int]] = defaultdict(list)
        by_day: dict[date, list[int]] = defaultdict(list)
        mood_by_period: dict[str, list[int]] = defaultdict(list)
        confidence_by_period: dict[str, list[int]] = defaultdict(list)
        mood_of: dict[int, int] = {}
        for checkin_id, _, mood, confidence in checkins:
            day = days[checkin_id]
            mood_of[checkin_id] = mood
            by_weekday[day.weekday()].append(mood)
            by_day[day].append(mood)
            mood_by_period[periods[day]].append(mood)
            if confidence is not None:
                confidence_by_period[periods[day]].append(confidence)

        by_tag: dict[str, list[int]] = defaultdict(list)
        for checkin_id, name in tags:
            if checkin_id in mood_of:
                by_tag[name].append(mood_of[checkin_id])

        strategy_uses: dict[str, list[tuple[int | None, int | None]]] = defaultdict(list)
        for title, before, after, _ in uses:
            strategy_uses[title].append((before, after))

        group_periods: dict[str, list[int | None]] = defaultdict(list)
        for day, (_, connectedness) in zip(session_days, sessions, strict=True):
            group_periods[periods[day]].append(connectedness)

        return Insights(
            period=kind,
            mood_by_weekday=[
                {"weekday": name, "average": average(by_weekday[index]), "count": len(by_weekday[index])}
                for index, name in enumerate(WEEKDAYS)
            ],
            mood_by_tag=sorted(
                ({"tag": name, "average": average(moods), "count": len(moods)} for name, moods in by_tag.items()),
                key=lambda item: (-item["count"], item["tag"]),
            ),
            strategies=sorted(
                (_strategy(name, pairs) for name, pairs in strategy_uses.items()),
                key=lambda item: (-item["uses"], item["name"]),
            ),
            coping_confidence=_series(confidence_by_period),
            mood_over_time=_series(mood_by_period),
            year_in_pixels=[{"date": day.isoformat(), "average": average(by_day[day])} for day in sorted(by_day)],
            assessments=[
                {
                    "instrument": instrument,
                    "date": from_utc_text(at).astimezone(zone).date().isoformat(),
                    "score": score,
                    "band": band,
                }
                for instrument, at, score, band in forms
            ],
            groups=[
                {
                    "period": period,
                    "sessions": len(values),
                    "average_connectedness": average(v for v in values if v is not None),
                }
                for period, values in sorted(group_periods.items())
            ],
        )


def _one_figure(name: str) -> Any:
    def figure(
        self: InsightsService, *, date_from: date | datetime | None = None, date_to: date | datetime | None = None
    ) -> list[dict[str, Any]]:
        return getattr(self.compute(date_from=date_from, date_to=date_to), name)

    figure.__name__ = name
    figure.__doc__ = f"`compute(...).{name}` (all figures come from one read; this computes them all)."
    return figure


for _name in TITLES:
    setattr(InsightsService, _name, _one_figure(_name))


def _local_day(text: str, zone: tzinfo) -> date:
    """The local day of a stored UTC time (stored texts always carry their offset)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def _rows(
    connection: Any,
    select: str,
    column: str,
    start: datetime | None,
    end: datetime | None,
    *,
    extra: str | None = None,
    order: str | None = None,
) -> list[tuple[Any, ...]]:
    clauses: list[str] = [extra] if extra else []
    params: list[str] = []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(to_utc_text(start))
    if end is not None:
        clauses.append(f"{column} < ?")
        params.append(to_utc_text(end))
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    suffix = f" ORDER BY {order}" if order else ""
    return connection.execute(f"{select}{where}{suffix}", params).fetchall()


def _strategy(name: str, pairs: list[tuple[int | None, int | None]]) -> dict[str, Any]:
    rated = [(before, after) for before, after in pairs if before is not None and after is not None]
    lowered = sum(1 for before, after in rated if after < before)
    return {
        "name": name,
        "uses": len(pairs),
        "average_change": average(after - before for before, after in rated),
        "lowered_share": round(lowered / len(rated), 2) if rated else None,
    }


def _series(values: dict[str, list[int]]) -> list[dict[str, Any]]:
    return [
        {"period": period, "average": average(items), "count": len(items)} for period, items in sorted(values.items())
    ]


# ---- the sentences -------------------------------------------------------------------------


def _weekday_sentence(items: list[dict[str, Any]]) -> str:
    counted = [item for item in items if item["count"]]
    if not counted:
        return "No check-ins yet, so there is no pattern by weekday."
    best = max(counted, key=lambda item: item["average"])
    low = min(counted, key=lambda item: item["average"])
    if best is low or best["average"] == low["average"]:
        return f"Your mood averaged {best['average']} on the days you checked in; these are patterns, not causes."
    return (
        f"Your mood was highest on {best['weekday']}s (average {best['average']}) and lowest on "
        f"{low['weekday']}s (average {low['average']}); these are patterns, not causes."
    )


def _tag_sentence(items: list[dict[str, Any]]) -> str:
    if not items:
        return "No tagged check-ins yet, so there is no pattern by tag."
    best = max(items, key=lambda item: (item["average"], item["count"]))
    return (
        f"Check-ins tagged {best['tag']} had the highest average mood ({best['average']} over "
        f"{best['count']}); these are patterns, not causes."
    )


def _strategy_sentence(items: list[dict[str, Any]]) -> str:
    rated = [item for item in items if item["lowered_share"] is not None]
    if not rated:
        if items:
            return "You have used strategies, but none with distress rated before and after yet."
        return "No strategy uses recorded in this range."
    best = max(rated, key=lambda item: (item["lowered_share"], item["uses"]))
    return (
        f"{best['name']} lowered your distress in {round(best['lowered_share'] * 100)}% of the rated uses "
        f"(average change {best['average_change']} on a 0-10 scale)."
    )


def _series_sentence(items: list[dict[str, Any]], what: str, counted: str) -> str:
    if not items:
        return f"No {counted} in this range yet."
    if len(items) == 1:
        only = items[0]
        return f"{what} averaged {only['average']} in {only['period']} ({only['count']} {counted})."
    first, last = items[0], items[-1]
    return f"{what} averaged {first['average']} in {first['period']} and {last['average']} in {last['period']}."


def _pixels_sentence(items: list[dict[str, Any]]) -> str:
    if not items:
        return "No days with a check-in yet."
    return f"You checked in on {len(items)} day{'s' if len(items) != 1 else ''}; each day shows its average mood."


def _assessment_sentence(items: list[dict[str, Any]]) -> str:
    if not items:
        return "No questionnaires completed in this range."
    latest: dict[str, dict[str, Any]] = {}
    for item in items:
        latest[item["instrument"]] = item
    parts = [
        f"{_instrument_name(name)} {item['score']}"
        + (f" ({item['band']})" if item["band"] else "")
        + f" on {item['date']}"
        for name, item in sorted(latest.items())
    ]
    return "Your latest scores: " + "; ".join(parts) + "."


def _instrument_name(instrument_id: str) -> str:
    from copingkit.core.assessments import instrument
    from copingkit.core.errors import InvalidInput

    try:
        return instrument(instrument_id).name
    except InvalidInput:
        return instrument_id.upper()


def _group_sentence(items: list[dict[str, Any]]) -> str:
    if not items:
        return "No group sessions recorded in this range."
    total = sum(item["sessions"] for item in items)
    rated = [item for item in items if item["average_connectedness"] is not None]
    tail = f"; connectedness averaged {rated[-1]['average_connectedness']} in {rated[-1]['period']}" if rated else ""
    return f"You went to {total} group session{'s' if total != 1 else ''}{tail}."
