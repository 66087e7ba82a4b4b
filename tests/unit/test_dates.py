"""Local wall times become UTC with the zone rules of that date (DESIGN.md §4), never today's offset.

Every test names its zone: the machine's (and the snapshot suite's) UTC would hide the bugs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from copingkit.core import dates
from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput
from copingkit.core.services import Services

NEW_YORK = ZoneInfo("America/New_York")
DECEMBER = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")


@pytest.mark.usefixtures("new_york")
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-07-01 09:00", datetime(2026, 7, 1, 13, 0, tzinfo=UTC)),
        ("2026-01-15 09:00", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-07-01T09:00", datetime(2026, 7, 1, 13, 0, tzinfo=UTC)),
    ],
)
def test_a_local_time_uses_the_offset_of_its_own_date_not_todays(typed: str, stored: datetime) -> None:
    assert dates.parse_when(typed, DECEMBER) == stored


def test_tz_names_the_zone_and_is_read_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert dates.parse_when("2026-07-01 09:00", DECEMBER) == datetime(2026, 7, 1, 0, 0, tzinfo=UTC)
    monkeypatch.setenv("TZ", ":Europe/London")
    assert dates.parse_when("2026-07-01 09:00", DECEMBER) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_without_tz_the_system_zone_comes_from_tzlocal(monkeypatch: pytest.MonkeyPatch) -> None:
    import tzlocal

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(tzlocal, "get_localzone", lambda: ZoneInfo("Australia/Sydney"))
    assert dates.local_zone() == ZoneInfo("Australia/Sydney")


def test_a_time_in_the_spring_forward_gap_moves_forward_by_the_gap() -> None:
    # 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist and becomes 03:30 EDT.
    moment = dates.to_utc(datetime(2026, 3, 8, 2, 30), NEW_YORK)
    assert moment == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert dates.to_local(moment, NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


def test_an_ambiguous_autumn_time_takes_the_first_of_the_two() -> None:
    # 2026-11-01 01:30 happens twice: first in EDT (05:30Z), then in EST (06:30Z).
    assert dates.to_utc(datetime(2026, 11, 1, 1, 30), NEW_YORK) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_posix_tz_rule_follows_the_same_gap_and_fold_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "XST5XDT,M3.2.0,M11.1.0")
    time.tzset()
    try:
        assert dates.to_utc(datetime(2026, 7, 1, 9, 0)) == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
        assert dates.to_utc(datetime(2026, 1, 15, 9, 0)) == datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
        assert dates.to_utc(datetime(2026, 3, 8, 2, 30)) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
        assert dates.to_utc(datetime(2026, 11, 1, 1, 30)) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_local_day_spans_its_own_hours_on_the_days_the_clocks_change() -> None:
    spring = dates.day_end(date(2026, 3, 8), NEW_YORK) - dates.day_start(date(2026, 3, 8), NEW_YORK)
    autumn = dates.day_end(date(2026, 11, 1), NEW_YORK) - dates.day_start(date(2026, 11, 1), NEW_YORK)
    assert (spring.total_seconds() / 3600, autumn.total_seconds() / 3600) == (23, 25)
    assert dates.day_start(date(2026, 7, 1), NEW_YORK) == datetime(2026, 7, 1, 4, 0, tzinfo=UTC)


def test_words_are_days_in_the_local_zone_at_the_injected_now() -> None:
    late_evening = datetime(2026, 7, 2, 2, 0, tzinfo=UTC)  # 22:00 on 1 July in New York
    assert dates.parse_day("today", late_evening, NEW_YORK) == date(2026, 7, 1)
    assert dates.parse_day("yesterday", late_evening, NEW_YORK) == date(2026, 6, 30)
    assert dates.parse_day("2 weeks ago", late_evening, NEW_YORK) == date(2026, 6, 17)
    assert dates.parse_when("yesterday", late_evening, NEW_YORK) == datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


def test_a_time_more_than_five_minutes_ahead_is_refused() -> None:
    now = datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert dates.parse_when("2026-07-01 09:05", now, NEW_YORK) == datetime(2026, 7, 1, 13, 5, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="is in the future"):
        dates.parse_when("2026-07-01 09:06", now, NEW_YORK)
    with pytest.raises(InvalidInput, match="is in the future"):
        dates.parse_when("2031-01-01", now, NEW_YORK)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("0001-01-01", "Asia/Tokyo"),
        ("0001-01-01 08:00", "Asia/Tokyo"),
        ("0001-01-01T00:00+09:00", "UTC"),
        ("99999999 days ago", "UTC"),
        ("9999999 weeks ago", "UTC"),
        ("9" * 5000 + " days ago", "UTC"),
    ],
)
def test_a_date_python_cannot_hold_is_one_calm_invalid_input(typed: str, zone: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        dates.parse_when(typed, DECEMBER, ZoneInfo(zone))
    message = str(raised.value)
    assert "too far in the past or the future" in message
    assert "\n" not in message and len(message) < 200


def test_unreadable_text_is_quoted_short() -> None:
    with pytest.raises(InvalidInput) as raised:
        dates.parse_day("9" * 5000, DECEMBER, NEW_YORK)
    assert str(raised.value).startswith("I couldn't read the date '" + "9" * 39 + "…'")


def test_the_last_day_has_no_end_and_the_first_day_in_tokyo_has_no_start() -> None:
    assert dates.day_end(date(9999, 12, 31), NEW_YORK) is None
    with pytest.raises(InvalidInput, match="too far"):
        dates.day_start(date(1, 1, 1), ZoneInfo("Asia/Tokyo"))


@pytest.mark.usefixtures("new_york")
def test_services_read_date_filters_as_local_days() -> None:
    database = Database.new()
    try:
        services = Services(database, clock=FixedClock(DECEMBER))
        # 23:30 on 30 June in New York is 03:30Z on 1 July: it belongs to 30 June.
        services.journal.create("late on the last day of June", at=datetime(2026, 7, 1, 3, 30, tzinfo=UTC))
        services.checkins.create(3, at=datetime(2026, 7, 1, 3, 30, tzinfo=UTC))
        june = [e.preview for e in services.journal.list(date_from=date(2026, 6, 30), date_to=date(2026, 6, 30))]
        july = [e.preview for e in services.journal.list(date_from=date(2026, 7, 1), date_to=date(2026, 7, 1))]
        assert (june, july) == (["late on the last day of June"], [])
        assert services.checkins.count(date_from=date(2026, 6, 30), date_to=date(2026, 6, 30)) == 1
        assert len(services.journal.list(date_from=date(2026, 6, 1), date_to=date(9999, 12, 31))) == 1
    finally:
        database.close()


@pytest.mark.usefixtures("new_york")
def test_the_mood_chart_groups_check_ins_by_local_day() -> None:
    database = Database.new()
    try:
        services = Services(database, clock=FixedClock(datetime(2026, 7, 2, 12, 0, tzinfo=UTC)))
        services.checkins.create(2, at=datetime(2026, 7, 1, 3, 30, tzinfo=UTC))  # 30 June, 23:30 local
        by_day = {day.day: day.count for day in services.checkins.mood_by_day(days=3)}
        assert by_day == {date(2026, 6, 30): 1, date(2026, 7, 1): 0, date(2026, 7, 2): 0}
    finally:
        database.close()
