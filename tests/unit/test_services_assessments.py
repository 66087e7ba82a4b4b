"""AssessmentService: storing results, nothing stored on bad input, the read model, history, v4 migration."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from copingkit.core import schema
from copingkit.core.database import Database
from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services import Services


def test_record_stores_answers_score_band_and_reads_items(services: Services, clock) -> None:
    result = services.assessments.record("phq9", [1, 2, 1, 2, 1, 2, 1, 2, 0], difficulty=1)
    assert (result.instrument_id, result.instrument_version, result.name) == ("phq9", 1, "PHQ-9")
    assert (result.score, result.max_score, result.band, result.flags, result.percent) == (12, 27, "moderate", (), None)
    assert (result.difficulty, result.difficulty_label) == (1, "Somewhat difficult")
    assert result.at == clock()
    assert result.uid
    assert result.crisis_shown_at is None
    assert result.items[1].number == 2
    assert result.items[1].text == "Feeling down, depressed, or hopeless"
    assert (result.items[1].answer, result.items[1].label) == (2, "More than half the days")
    assert services.assessments.get(result.id) == result


@pytest.mark.parametrize(
    ("instrument_id", "answers", "kwargs"),
    [
        ("phq9", [1] * 8, {}),
        ("phq9", [1] * 8 + [4], {}),
        ("gad7", [0] * 7, {"difficulty": 4}),
        ("pcl5", [0] * 20, {"difficulty": 0}),
        ("who5", [1, None, 1, 1, 1], {}),
        ("nope", [1], {}),
    ],
)
def test_bad_input_stores_nothing(services: Services, instrument_id, answers, kwargs) -> None:
    with pytest.raises(InvalidInput):
        services.assessments.record(instrument_id, answers, **kwargs)
    assert services.assessments.count() == 0


def test_a_partly_blank_form_is_stored_without_a_score(services: Services) -> None:
    result = services.assessments.record("phq9", [None, 1, 1, 1, 1, 1, 1, 1, 1], allow_blank=True)
    assert (result.score, result.band, result.complete) == (None, None, False)
    assert result.answers[0] is None and result.items[0].label is None
    assert result.flags == ("item9",)
    assert services.assessments.get(result.id).answers == result.answers


def test_crisis_screen_shown_is_recorded(services: Services, clock) -> None:
    shown = clock() - timedelta(minutes=2)
    result = services.assessments.record("phq9", [0] * 8 + [2], crisis_shown_at=shown)
    assert result.flags == ("item9",)
    assert services.assessments.get(result.id).crisis_shown_at == shown
    other = services.assessments.record("phq9", [0] * 8 + [1])
    assert services.assessments.mark_crisis_shown(other.id).crisis_shown_at == clock()
    assert services.assessments.mark_crisis_shown(other.id, at=clock() + timedelta(hours=1)).crisis_shown_at == clock()


def test_who5_result_has_percent_and_pcl5_its_flag(services: Services) -> None:
    who5 = services.assessments.record("who5", [2, 2, 1, 1, 1])
    assert (who5.score, who5.percent, who5.value, who5.band) == (7, 28, 28, "likely depression")
    pcl5 = services.assessments.record("pcl5", [2] * 16 + [1, 0, 0, 0])
    assert (pcl5.score, pcl5.band, pcl5.flags) == (33, None, ("pcl5_threshold",))


def test_list_in_a_date_range(services: Services) -> None:
    days = [datetime(2026, 11, day, 12, tzinfo=UTC) for day in (1, 10, 20)]
    made = [services.assessments.record("gad7", [day.day % 4] * 7, at=day) for day in days]
    services.assessments.record("who5", [5] * 5, at=days[1])
    inside = services.assessments.list(date_from=date(2026, 11, 5), date_to=date(2026, 11, 20), oldest_first=True)
    assert [(result.instrument_id, result.at.day) for result in inside] == [("gad7", 10), ("who5", 10), ("gad7", 20)]
    gad7 = services.assessments.list(instrument_id="gad7")
    assert [result.id for result in gad7] == [made[2].id, made[1].id, made[0].id]
    assert services.assessments.count("gad7") == 3
    with pytest.raises(InvalidInput):
        services.assessments.list(instrument_id="nope")


def test_history_with_trend_and_meaningful_change(services: Services) -> None:
    start = datetime(2026, 10, 1, 9, tzinfo=UTC)
    totals = [50, 45, 44, 30]
    for week, total in enumerate(totals):
        answers = [4] * (total // 4) + [total % 4] + [0] * (19 - total // 4)
        services.assessments.record("pcl5", answers, at=start + timedelta(weeks=week))
    services.assessments.record("pcl5", [None] * 20, allow_blank=True, at=start + timedelta(weeks=4))
    history = services.assessments.history("pcl5")
    assert history.trend == (50, 45, 44, 30)
    changes = [point.change for point in history.points]
    assert changes[0] is None and changes[4] is None
    assert [(c.delta, c.meaningful, c.response) for c in changes[1:4]] == [
        (-5, False, True),
        (-1, False, False),
        (-14, True, True),
    ]
    assert changes[3].words == "14 lower than last time — a meaningful change (10 or more)"
    assert history.latest is None  # the newest has no score
    assert history.since_first is not None
    assert history.since_first.words == "20 lower than the first time — a meaningful change (10 or more)"
    assert history.meaningful_rule == "A change of 10 or more counts as meaningful; 5 or more as a response."


def test_history_of_phq9_gives_no_meaningful_change(services: Services) -> None:
    services.assessments.record("phq9", [3] * 8 + [0], at=datetime(2026, 10, 1, tzinfo=UTC))
    services.assessments.record("phq9", [1] * 8 + [0], at=datetime(2026, 10, 15, tzinfo=UTC))
    history = services.assessments.history("phq9")
    assert history.latest is not None
    assert (history.latest.delta, history.latest.meaningful, history.latest.words) == (
        -16,
        None,
        "16 lower than last time",
    )
    assert history.meaningful_rule is None


def test_history_of_nothing(services: Services) -> None:
    history = services.assessments.history("who5")
    assert (history.points, history.latest, history.since_first, history.trend) == ((), None, None, ())


def test_delete_and_not_found(services: Services) -> None:
    result = services.assessments.record("gad7", [0] * 7)
    services.assessments.delete(result.id)
    with pytest.raises(NotFound):
        services.assessments.get(result.id)


def test_v3_assessment_rows_survive_the_v4_rebuild() -> None:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    schema.register_functions(connection)
    schema.migrate(connection, target=3)
    connection.execute(
        "INSERT INTO assessment (instrument_id, instrument_version, answers, score, band, at, uid, updated_at)"
        " VALUES ('phq9', 1, '[1,2,0,1,0,0,1,0,0]', 5, 'mild', '2026-11-01T09:00:00.000000+00:00', 'u-1',"
        " '2026-11-01T09:00:00.000000+00:00')"
    )
    image = connection.serialize()
    database = Database.from_image(image)
    try:
        services = Services(database)
        [result] = services.assessments.list()
        assert (result.uid, result.score, result.band, result.answers) == (
            "u-1",
            5,
            "mild",
            (1, 2, 0, 1, 0, 0, 1, 0, 0),
        )
        assert (result.difficulty, result.crisis_shown_at) == (None, None)
        tombstones = database.connection.execute("SELECT count(*) FROM tombstone").fetchone()[0]
        assert tombstones == 0
        # the identity triggers were made again: a new row gets a uid, a delete leaves a tombstone
        fresh = services.assessments.record("gad7", [0] * 7)
        assert fresh.uid
        services.assessments.delete(result.id)
        assert database.connection.execute("SELECT uid FROM tombstone").fetchall() == [("u-1",)]
    finally:
        database.close()
