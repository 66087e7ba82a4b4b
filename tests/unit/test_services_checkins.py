"""Mood check-ins: validation, emotions, tags, lists, mood by day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services import Services
from copingkit.core.services.readmodels import CheckIn, Emotion
from tests.support.journal_data import START


def test_create_with_everything(services: Services) -> None:
    checkin = services.checkins.create(
        4,
        note=" calmer after lunch ",
        tags=["Work"],
        emotions={"Hopeful": 6, "tired": 3},
        energy=3,
        sleep_hours=6.5,
        coping_confidence=7,
    )
    assert isinstance(checkin, CheckIn)
    assert checkin.mood == 4 and checkin.mood_word == "good"
    assert checkin.note == "calmer after lunch"
    assert checkin.tags == ("work",)
    assert checkin.emotions == (Emotion("hopeful", 6), Emotion("tired", 3))
    assert (checkin.energy, checkin.sleep_hours, checkin.coping_confidence) == (3, 6.5, 7)
    assert checkin.at == START
    assert services.checkins.get(checkin.id) == checkin


def test_emotions_accept_pairs_and_read_models(services: Services) -> None:
    a = services.checkins.create(3, emotions=[("sad", 4), Emotion("angry", 2), {"name": "calm", "intensity": 0}])
    assert [e.name for e in a.emotions] == ["sad", "angry", "calm"]


@pytest.mark.parametrize("mood", [0, 6, -1, 2.5, "3", None, True])
def test_mood_must_be_1_to_5(services: Services, mood) -> None:
    with pytest.raises(InvalidInput, match="Mood is a number from 1 to 5."):
        services.checkins.create(mood)
    assert services.checkins.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"emotions": {"sad": 11}}, "intensity"),
        ({"emotions": {"sad": -1}}, "intensity"),
        ({"emotions": {" ": 3}}, "name"),
        ({"emotions": ["sad"]}, "emotion"),
        ({"energy": 0}, "Energy"),
        ({"energy": 6}, "Energy"),
        ({"sleep_hours": 25}, "Sleep"),
        ({"sleep_hours": -1}, "Sleep"),
        ({"coping_confidence": 11}, "confidence"),
        ({"coping_confidence": -1}, "confidence"),
        ({"at": datetime(2026, 1, 1)}, "timezone"),
        ({"tags": [5]}, "tag"),
    ],
)
def test_checkin_validation(services: Services, kwargs, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.checkins.create(3, **kwargs)
    assert services.checkins.count() == 0


def test_boundaries_are_allowed(services: Services) -> None:
    low = services.checkins.create(1, emotions={"x": 0}, energy=1, sleep_hours=0, coping_confidence=0)
    high = services.checkins.create(5, emotions={"x": 10}, energy=5, sleep_hours=24, coping_confidence=10)
    assert low.mood == 1 and high.emotions[0].intensity == 10


def test_backdate_update_and_delete(services: Services, clock) -> None:
    checkin = services.checkins.create(2, at=START - timedelta(days=2), emotions={"sad": 5}, tags=["rain"])
    assert checkin.at == START - timedelta(days=2)
    clock.advance(minutes=1)
    updated = services.checkins.update(checkin.id, mood=3, emotions={}, note="better", energy=None, tags=["sun"])
    assert (updated.mood, updated.emotions, updated.note, updated.tags) == (3, (), "better", ("sun",))
    assert updated.edited_at == START + timedelta(minutes=1)
    assert updated.at == checkin.at
    with pytest.raises(InvalidInput):
        services.checkins.update(checkin.id, mood=9)
    assert services.checkins.get(checkin.id).mood == 3
    services.checkins.delete(checkin.id)
    with pytest.raises(NotFound):
        services.checkins.get(checkin.id)
    assert services.tags.list() == []


def test_deleted_checkin_note_leaves_the_image(services: Services, database) -> None:
    checkin = services.checkins.create(2, note="Plumbergast worries", tags=["Snorbleton"])
    services.checkins.delete(checkin.id)
    image = database.image()
    for needle in (b"Plumbergast", b"plumbergast", b"snorbleton"):
        assert needle not in image


def test_list_filters_and_paging(services: Services) -> None:
    for i in range(6):
        services.checkins.create(1 + i % 5, at=START - timedelta(days=i), tags=["odd"] if i % 2 else [])
    listed = services.checkins.list(limit=4)
    assert [c.at for c in listed] == [START - timedelta(days=i) for i in range(4)]
    assert len(services.checkins.list(limit=4, offset=4)) == 2
    assert [c.mood for c in services.checkins.list(tag="odd")] == [2, 4, 1]
    ranged = services.checkins.list(
        date_from=(START - timedelta(days=3)).date(), date_to=(START - timedelta(days=1)).date()
    )
    assert len(ranged) == 3
    assert services.checkins.count(tag="odd") == 3


def test_mood_by_day(services: Services) -> None:
    services.checkins.create(2, at=START - timedelta(hours=1))
    services.checkins.create(4, at=START - timedelta(minutes=30))
    services.checkins.create(5, at=START - timedelta(days=2))
    services.checkins.create(1, at=START - timedelta(days=30))  # outside the window
    days = services.checkins.mood_by_day(7)
    assert len(days) == 7
    assert days[-1].day == START.date() and days[0].day == START.date() - timedelta(days=6)
    assert (days[-1].mean, days[-1].low, days[-1].high, days[-1].count) == (3.0, 2, 4, 2)
    assert days[-3].mean == 5.0
    assert days[-2].mean is None and days[-2].count == 0


def test_mood_by_day_reads_with_plain_sql(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home shows it as the journal opens: no ORM session (whose first query maps and compiles)."""
    services.checkins.create(2, at=START - timedelta(hours=1))
    services.checkins.create(4, at=START - timedelta(days=1))

    def no_session(*_: object) -> None:
        raise AssertionError("mood_by_day opened an ORM session")

    monkeypatch.setattr(Database, "session", no_session)
    assert [day.mean for day in services.checkins.mood_by_day(3)] == [None, 4.0, 2.0]


def test_mood_by_day_in_a_local_timezone(services: Services) -> None:
    # 09:30 UTC on 1 March is still 28 February in Honolulu (UTC-10)
    services.checkins.create(3, at=START)
    honolulu = timezone(timedelta(hours=-10))
    days = services.checkins.mood_by_day(2, tz=honolulu)
    assert [d.day for d in days] == [date(2026, 2, 27), date(2026, 2, 28)]
    assert days[-1].count == 1


def test_times_come_back_aware_utc(services: Services) -> None:
    at = datetime(2026, 2, 1, 23, 0, tzinfo=timezone(timedelta(hours=-3)))
    checkin = services.checkins.create(3, at=at)
    again = services.checkins.get(checkin.id)
    assert again.at == at and again.at.tzinfo is UTC


def test_search_notes(services: Services) -> None:
    tense = services.checkins.create(2, note="Tense before the dentist")
    services.checkins.create(4, note="Lovely walk")
    services.checkins.create(3)
    assert [c.id for c in services.checkins.search("dentist")] == [tense.id]
    assert [c.id for c in services.checkins.search("tens")] == [tense.id]
    assert services.checkins.search("a AND (") == [] and services.checkins.search("") == []
    services.checkins.update(tense.id, note="calm now")
    assert services.checkins.search("dentist") == []
    assert [c.id for c in services.checkins.search("calm")] == [tense.id]
