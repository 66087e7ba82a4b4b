"""`copingkit insights`: DESIGN.md §4's JSON with the hand-computed figures, the range, and the text form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support import insights_data
from tests.support.cli import NOW, PASSPHRASE, InProcessCli, make_home
from tests.support.insights_data import EXPECTED, ZONE


@pytest.fixture
def home(tmp_path: Path) -> InProcessCli:
    home = make_home(tmp_path)
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        insights_data.fill(Services(vault.database, clock=FixedClock(NOW)))
    finally:
        vault.close()
    return home


def test_json_has_the_hand_computed_figures(home: InProcessCli) -> None:
    result = home.run("insights", "--format", "json", env={"TZ": ZONE})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED


def test_json_keys_in_the_documented_order(home: InProcessCli) -> None:
    result = home.run("insights", "--format", "json", env={"TZ": ZONE})
    assert list(json.loads(result.stdout)) == [
        "mood_by_weekday",
        "mood_by_tag",
        "strategies",
        "coping_confidence",
        "mood_over_time",
        "year_in_pixels",
        "assessments",
        "groups",
    ]


def test_range_is_local_days(home: InProcessCli) -> None:
    result = home.run("insights", "--from", "2026-11-04", "--to", "2026-11-08", "--format", "json", env={"TZ": ZONE})
    document = json.loads(result.stdout)
    assert [day["date"] for day in document["year_in_pixels"]] == ["2026-11-04", "2026-11-08"]


def test_text_has_sentences_and_tables(home: InProcessCli) -> None:
    result = home.run("insights", env={"TZ": ZONE})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "  Box breathing  4     -2.0    0.67" in lines
    assert "  Monday     3.0      2" in lines
    assert "  Your latest scores: PHQ-9 12 (moderate) on 2026-11-06." in lines
    assert max(len(line) for line in lines) <= 80


def test_bad_date_is_refused(home: InProcessCli) -> None:
    result = home.run("insights", "--from", "not a date")
    assert result.exit_code == 1


def test_wrong_passphrase_exits_3(home: InProcessCli) -> None:
    home.passphrase_file.write_text("not the passphrase\n")
    assert home.run("insights").exit_code == 3
