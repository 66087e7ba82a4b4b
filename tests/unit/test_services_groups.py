"""Peer-support group sessions: logging, defaults, validation, listing, and strategies learned there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services import Services
from copingkit.core.services.groups import TYPICAL_MINUTES


def test_log_a_session_with_defaults(services: Services, clock) -> None:
    logged = services.groups.log("  Tuesday   peer group ")
    assert logged.group_name == "Tuesday peer group"
    assert logged.minutes == TYPICAL_MINUTES == 90
    assert logged.at == clock()
    assert (logged.what_i_shared, logged.what_i_heard, logged.takeaways, logged.connectedness) == (None,) * 4


def test_log_everything_and_read_it_back(services: Services) -> None:
    at = datetime(2026, 2, 24, 18, 0, tzinfo=UTC)
    logged = services.groups.log(
        "Survivors circle",
        at=at,
        minutes=75,
        what_i_shared="The nightmares are back.",
        what_i_heard="Others have them too.",
        takeaways="Ask about the container exercise.",
        connectedness=8,
    )
    assert services.groups.get(logged.id) == logged
    updated = services.groups.update(logged.id, connectedness=9, takeaways=None)
    assert (updated.connectedness, updated.takeaways, updated.minutes) == (9, None, 75)


@pytest.mark.parametrize(
    "kwargs",
    [{"connectedness": 11}, {"connectedness": -1}, {"minutes": 0}, {"minutes": "ninety"}, {"at": datetime(2026, 1, 1)}],
)
def test_bad_values_are_refused(services: Services, kwargs) -> None:
    with pytest.raises(InvalidInput):
        services.groups.log("Group", **kwargs)
    with pytest.raises(InvalidInput):
        services.groups.log("   ")


def test_list_newest_first_with_filters_groups_and_delete(services: Services, clock) -> None:
    start = clock()
    first = services.groups.log("Circle", at=start - timedelta(days=14))
    second = services.groups.log("Walk and talk", at=start - timedelta(days=7))
    third = services.groups.log("Circle", at=start)
    assert [s.id for s in services.groups.list()] == [third.id, second.id, first.id]
    assert [s.id for s in services.groups.list(group="circle ".title().strip())] == [third.id, first.id]
    assert [s.id for s in services.groups.list(date_from=start - timedelta(days=8))] == [third.id, second.id]
    assert services.groups.groups() == ["Circle", "Walk and talk"]
    assert services.groups.count() == 3
    services.groups.delete(second.id)
    with pytest.raises(NotFound):
        services.groups.get(second.id)
    assert services.groups.count() == 2


def test_a_strategy_learned_from_the_group_is_marked_so(services: Services) -> None:
    learned = services.groups.learn_strategy(
        "Hold a warm mug",
        ["Make a hot drink", "Hold it with both hands", "Notice the warmth"],
        reactions=["numb-disconnected"],
    )
    assert learned.source == "group"
    direct = services.coping.create("Count the blue things", ["Look around", "Count blue things"], source="group")
    assert {s.title for s in services.coping.strategies() if s.source == "group"} == {learned.title, direct.title}


def test_sessions_survive_export_and_import(services: Services, clock) -> None:
    from copingkit.core.database import Database

    services.groups.log("Circle", what_i_heard="You are not alone.", connectedness=7)
    document = services.transfer.export_document()
    fresh = Database.new()
    try:
        other = Services(fresh, clock=clock)
        other.transfer.import_document(document)
        [copy] = other.groups.list()
        assert (copy.group_name, copy.what_i_heard, copy.connectedness, copy.minutes) == (
            "Circle",
            "You are not alone.",
            7,
            90,
        )
    finally:
        fresh.close()
