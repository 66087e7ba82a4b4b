"""Saving belongs to the vault: the database says when a write was committed, whoever made it."""

from __future__ import annotations

import threading

import pytest

from copingkit.core.database import Database
from copingkit.core.services import Services


def test_every_committed_write_is_heard_and_a_read_or_a_failed_write_is_not() -> None:
    database = Database.new()
    services = Services(database)
    heard: list[str] = []
    database.add_change_listener(lambda: heard.append(threading.current_thread().name))

    services.journal.create("a first entry")
    assert len(heard) == 1
    services.journal.list(limit=5)
    services.journal.count()
    assert len(heard) == 1, "reading is not a change"
    with pytest.raises(Exception):
        with database.session():
            raise RuntimeError("the write failed")
    assert len(heard) == 1, "a rolled-back write is not a change"

    worker = threading.Thread(target=services.checkins.create, args=(3,), name="a-worker")
    worker.start()
    worker.join()
    assert heard == ["MainThread", "a-worker"]


def test_a_listener_can_be_removed_and_closing_drops_them_all() -> None:
    database = Database.new()
    services = Services(database)
    heard: list[int] = []

    def listener() -> None:
        heard.append(1)

    database.add_change_listener(listener)
    database.remove_change_listener(listener)
    services.journal.create("not heard")
    assert heard == []
