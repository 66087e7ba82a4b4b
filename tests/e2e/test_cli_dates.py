"""--at, --from and --to through the real command line, with the process's own TZ (DESIGN.md §4)."""

from __future__ import annotations

import json

import pytest

from .conftest import Home

NEW_YORK = {"TZ": "America/New_York"}


def _stored(h: Home) -> list[str]:
    listed = h.run("list", "--format", "json", env=NEW_YORK)
    assert listed.returncode == 0, listed.stderr
    return sorted(entry["created_at"] for entry in json.loads(listed.stdout)["entries"])


def test_a_local_time_is_stored_with_the_offset_of_its_own_date(initialised: Home):
    h = initialised
    assert h.run("write", "summer morning", "--at", "2026-07-01 09:00", env=NEW_YORK).returncode == 0
    assert h.run("write", "winter morning", "--at", "2026-01-15 09:00", env=NEW_YORK).returncode == 0
    assert _stored(h) == ["2026-01-15T14:00:00+00:00", "2026-07-01T13:00:00+00:00"]


def test_from_and_to_are_local_days_and_to_past_the_calendar_has_no_limit(initialised: Home):
    h = initialised
    # 23:30 on 30 June in New York is already 1 July in UTC.
    assert h.run("write", "late in June", "--at", "2026-06-30 23:30", env=NEW_YORK).returncode == 0
    june = h.run("list", "--from", "2026-06-30", "--to", "2026-06-30", "--format", "json", env=NEW_YORK)
    july = h.run("list", "--from", "2026-07-01", "--to", "2026-07-01", "--format", "json", env=NEW_YORK)
    endless = h.run("list", "--from", "2026-06-01", "--to", "9999-12-31", "--format", "json", env=NEW_YORK)
    assert [len(json.loads(r.stdout)["entries"]) for r in (june, july, endless)] == [1, 0, 1]


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (("checkin", "2", "--at", "2031-01-01"), {}, "is in the future"),
        (("write", "words", "--at", "0001-01-01 08:59"), {"TZ": "Asia/Tokyo"}, "too far in the past or the future"),
        (("write", "words", "--at", "9" * 5000), {}, "couldn't read the date"),
        (("list", "--from", "0001-01-01"), {"TZ": "Asia/Tokyo"}, "too far in the past or the future"),
    ],
)
def test_a_date_that_cannot_be_used_is_one_line_and_exit_1(initialised: Home, args, env, words):
    h = initialised
    before = h.vault.read_bytes()
    result = h.run(*args, env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert words in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert h.vault.read_bytes() == before
