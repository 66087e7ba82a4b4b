"""Shared fixtures for the headless unit tests: a fresh in-memory database and services on a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from tests.support.journal_data import START


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def database() -> Iterator[Database]:
    database = Database.new()
    yield database
    database.close()


@pytest.fixture
def services(database: Database, clock: FixedClock) -> Services:
    return Services(database, clock=clock)
