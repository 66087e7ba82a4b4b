"""The Insights aggregates on hand-made data: local weekdays, tags, strategies' signs and shares,
periods, the date range and the sentences."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.services.insights import period_kind, period_of
from tests.support import insights_data
from tests.support.insights_data import EXPECTED, ZONE

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def filled(database: Database) -> Services:
    services = Services(database, clock=FixedClock(NOW))
    insights_data.fill(services)
    return services


def test_hand_computed_figures(filled: Services) -> None:
    assert filled.insights.compute(zone=ZoneInfo(ZONE)).as_json() == EXPECTED


def test_weekdays_follow_the_local_zone(filled: Services) -> None:
    in_utc = filled.insights.compute(zone=UTC).mood_by_weekday
    assert [(item["weekday"], item["count"]) for item in in_utc if item["count"]] == [
        ("Monday", 1),
        ("Tuesday", 2),
        ("Wednesday", 1),
        ("Sunday", 1),
    ]


def test_range_keeps_only_days_inside(filled: Services) -> None:
    figures = filled.insights.compute(date_from=date(2026, 11, 9), zone=ZoneInfo(ZONE)).as_json()
    assert figures["year_in_pixels"] == [{"date": "2026-11-10", "average": 1.0}]
    assert figures["strategies"] == []
    assert figures["groups"] == []
    assert figures["assessments"] == []


def test_empty_journal_has_seven_null_weekdays(database: Database) -> None:
    figures = Services(database, clock=FixedClock(NOW)).insights.compute(zone=UTC)
    assert [(item["average"], item["count"]) for item in figures.mood_by_weekday] == [(None, 0)] * 7
    assert figures.sentences()["mood_by_weekday"] == "No check-ins yet, so there is no pattern by weekday."


def test_sentences_say_patterns_not_causes(filled: Services) -> None:
    sentences = filled.insights.compute(zone=ZoneInfo(ZONE)).sentences()
    assert sentences["mood_by_weekday"] == (
        "Your mood was highest on Wednesdays (average 5.0) and lowest on Tuesdays (average 1.0);"
        " these are patterns, not causes."
    )
    assert sentences["mood_by_tag"] == (
        "Check-ins tagged walk had the highest average mood (5.0 over 1); these are patterns, not causes."
    )
    assert sentences["strategies"] == (
        "Box breathing lowered your distress in 67% of the rated uses (average change -2.0 on a 0-10 scale)."
    )


@pytest.mark.parametrize(
    ("days", "kind"),
    [
        ([date(2026, 1, 1), date(2026, 4, 3)], "week"),
        ([date(2026, 1, 1), date(2026, 4, 4)], "month"),
        ([date(2020, 1, 1), date(2026, 1, 1)], "year"),
    ],
)
def test_period_kind_follows_the_span(days: list[date], kind: str) -> None:
    assert period_kind(days) == kind


def test_iso_week_at_the_year_turn() -> None:
    assert period_of(date(2027, 1, 1), "week") == "2026-W53"


def test_insights_import_no_orm(tmp_path) -> None:
    """`copingkit insights` is a read path: plain SQL, no SQLAlchemy, SQLModel or models (DESIGN.md §1)."""
    import os
    import subprocess
    import sys

    from copingkit.core.vault import TEST_KDF, Vault

    path = tmp_path / "journal.vault"
    vault, _ = Vault.create(path, "plain reads are enough", kdf=TEST_KDF)
    insights_data.fill(Services(vault.database, clock=FixedClock(NOW)))
    vault.close()
    program = (
        "import sys\n"
        "from copingkit.core.services import Services\n"
        "from copingkit.core.vault import TEST_KDF, Vault\n"
        f"vault = Vault.open({str(path)!r}, 'plain reads are enough', kdf=TEST_KDF)\n"
        "figures = Services(vault.database).insights.compute()\n"
        "print(len(figures.year_in_pixels))\n"
        "vault.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel')"
        " or m == 'copingkit.core.models'))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), "TZ": ZONE}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines() == ["4", "[]"]


def test_each_figure_has_its_own_method(filled: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark runner times `services.insights.<figure>()` one by one."""
    monkeypatch.setenv("TZ", ZONE)
    assert {name: getattr(filled.insights, name)() for name in EXPECTED} == EXPECTED


def test_a_chosen_period_groups_the_figures_over_time(filled: Services) -> None:
    by_month = filled.insights.compute(zone=ZoneInfo(ZONE), period="month")
    assert by_month.period == "month"
    assert by_month.mood_over_time == [{"period": "2026-11", "average": 3.0, "count": 5}]
    assert by_month.groups == [{"period": "2026-11", "sessions": 2, "average_connectedness": 7.5}]
    assert filled.insights.compute(zone=ZoneInfo(ZONE), period="year").coping_confidence == [
        {"period": "2026", "average": 3.5, "count": 2}
    ]
    assert filled.insights.compute(zone=ZoneInfo(ZONE)).period == "week"
    with pytest.raises(ValueError, match="period"):
        filled.insights.compute(period="decade")
