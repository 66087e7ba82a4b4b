"""Storage types: aware UTC datetimes in and out, JSON columns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlmodel import select

from copingkit.core.models import TABLES, JournalEntry, UTCDateTime, VaultSetting, from_utc_text, to_utc_text


def test_utc_text_is_fixed_width_and_sorts_like_time() -> None:
    times = [
        datetime(2026, 1, 1, 0, 0, tzinfo=UTC),
        datetime(2026, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
        datetime(2026, 1, 1, 5, 0, tzinfo=timezone(timedelta(hours=-5))),  # 10:00 UTC
        datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
    ]
    texts = [to_utc_text(value) for value in times]
    assert {len(value) for value in texts} == {32}
    assert sorted(texts) == [texts[0], texts[1], texts[3], texts[2]]
    assert texts[2] == "2026-01-01T10:00:00.000000+00:00"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_utc_text(datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), None)


def test_offset_times_come_back_as_aware_utc(database) -> None:
    local = datetime(2026, 6, 1, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    with database.session() as session:
        session.add(JournalEntry(body="x", preview="x", created_at=local))
    with database.session() as session:
        stored = session.exec(select(JournalEntry)).one()
        raw = session.execute(text("SELECT created_at FROM journal_entry")).scalar_one()
    assert raw == "2026-06-01T21:30:00.000000+00:00"
    assert stored.created_at == local
    assert stored.created_at.tzinfo is UTC


def test_from_utc_text_treats_missing_offset_as_utc() -> None:
    assert from_utc_text("2026-01-01T10:00:00") == datetime(2026, 1, 1, 10, tzinfo=UTC)


def test_json_column_round_trips(database) -> None:
    value = {"body": "half a thought — ünïcode", "tags": ["a", "b"], "n": 3}
    with database.session() as session:
        session.add(VaultSetting(key="draft", value=value))
    with database.session() as session:
        assert session.get(VaultSetting, "draft").value == value


def test_every_table_is_in_the_export_order_once() -> None:
    from sqlmodel import SQLModel

    names = [model.__tablename__ for model in TABLES]
    assert len(names) == len(set(names))
    assert set(names) == set(SQLModel.metadata.tables)
    # each table comes after every table it points at
    for position, model in enumerate(TABLES):
        for fk in model.__table__.foreign_keys:
            assert names.index(fk.column.table.name) < position, (model.__tablename__, fk.column.table.name)
