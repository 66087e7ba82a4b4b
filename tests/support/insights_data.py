"""Hand-made data for the Insights tests, with its hand-computed figures.

Times are UTC; in America/New_York (UTC-5 in November 2026) the check-in at 02:00 on 3 November is
Monday evening, so a weekday taken in UTC would show it as a Tuesday.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from benchmarks import generate
from copingkit.core.services import Services

ZONE = "America/New_York"


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def fill(services: Services) -> None:
    checkins = services.checkins
    checkins.create(4, at=at(3, 2), tags=["work"])  # Monday 2 Nov, 21:00 local
    checkins.create(2, at=at(2, 15), tags=["work"])  # Monday 2 Nov, 10:00 local
    checkins.create(5, at=at(4, 15), tags=["work", "walk"], coping_confidence=3)  # Wednesday
    checkins.create(3, at=at(8, 15), coping_confidence=4)  # Sunday 8 Nov (still ISO week 45)
    checkins.create(1, at=at(10, 15))  # Tuesday 10 Nov, week 46
    breathing = services.coping.create("Box breathing", ["Breathe in for four."])
    walking = services.coping.create("Walk outside", ["Walk for ten minutes."])
    for before, after in ((8, 5), (6, 6), (7, 4), (None, 3)):
        services.coping.record_use(breathing.id, distress_before=before, distress_after=after, at=at(5, 12))
    services.coping.record_use(walking.id, distress_before=5, distress_after=6, at=at(5, 13))
    services.assessments.record("phq9", [1, 2, 1, 2, 1, 2, 1, 2, 0], at=at(6, 12))
    services.groups.log("Tuesday circle", at=at(3, 18), connectedness=6)
    services.groups.log("Tuesday circle", at=at(5, 18), connectedness=9)


def weekdays(**figures: tuple[float, int]) -> list[dict]:
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    return [
        {"weekday": name, "average": figures[name][0], "count": figures[name][1]}
        if name in figures
        else {"weekday": name, "average": None, "count": 0}
        for name in names
    ]


EXPECTED = {
    "mood_by_weekday": weekdays(Monday=(3.0, 2), Tuesday=(1.0, 1), Wednesday=(5.0, 1), Sunday=(3.0, 1)),
    "mood_by_tag": [{"tag": "work", "average": 3.67, "count": 3}, {"tag": "walk", "average": 5.0, "count": 1}],
    "strategies": [
        {"name": "Box breathing", "uses": 4, "average_change": -2.0, "lowered_share": 0.67},
        {"name": "Walk outside", "uses": 1, "average_change": 1.0, "lowered_share": 0.0},
    ],
    "coping_confidence": [{"period": "2026-W45", "average": 3.5, "count": 2}],
    "mood_over_time": [
        {"period": "2026-W45", "average": 3.5, "count": 4},
        {"period": "2026-W46", "average": 1.0, "count": 1},
    ],
    "year_in_pixels": [
        {"date": "2026-11-02", "average": 3.0},
        {"date": "2026-11-04", "average": 5.0},
        {"date": "2026-11-08", "average": 3.0},
        {"date": "2026-11-10", "average": 1.0},
    ],
    "assessments": [{"instrument": "phq9", "date": "2026-11-06", "score": 12, "band": "moderate"}],
    "groups": [{"period": "2026-W45", "sessions": 2, "average_connectedness": 7.5}],
}
"""The figures worked out by hand for `fill`'s data in ZONE, with no date range."""


def generated(services: Services, now: datetime) -> None:
    """benchmarks' generated journal (ten years of check-ins up to `now`), three PHQ-9 results in its
    last twelve weeks, and a group every five weeks for two years: every fourth time with a second
    session two days later, how connected it felt going from 4 up to 8 (every seventh not rated)."""
    generate.populate(services, entries=200, now=now)
    for weeks, answers in (
        (12, [2, 2, 2, 2, 1, 2, 1, 2, 0]),
        (6, [1, 2, 1, 2, 1, 1, 1, 1, 0]),
        (1, [1, 1, 1, 0, 1, 0, 1, 0, 0]),
    ):
        services.assessments.record("phq9", answers, at=now - timedelta(weeks=weeks))
    for number in range(21):
        connectedness = None if number % 7 == 3 else 4 + number * 4 // 20
        at = now - timedelta(weeks=5 * (20 - number), days=2, hours=15)
        for extra in range(2 if number % 4 == 0 else 1):
            services.groups.log("Tuesday circle", at=at + timedelta(days=2 * extra), connectedness=connectedness)
