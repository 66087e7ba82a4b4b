"""What a command loads (issue 13, DESIGN.md §1): `list` and `search` read with plain SQL, so the real
command line runs them without importing SQLAlchemy, SQLModel, pydantic (the config file) or Textual."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import Home

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "textual")
PROGRAM = """
import sys
from copingkit import cli, hardening
from copingkit.cli import common
from copingkit.core.vault import TEST_KDF

hardening.apply()
common.KDF_PROFILE = TEST_KDF
try:
    cli.main(args=sys.argv[1:], prog_name="copingkit")
except SystemExit as done:
    assert not done.code, done.code
heavy = {HEAVY!r}
print(sorted({{name.split(".")[0] for name in sys.modules if name.split(".")[0] in heavy}}), file=sys.stderr)
"""


def _loaded(home: Home, *args: str) -> tuple[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(HEAVY=HEAVY), *args],
        capture_output=True,
        text=True,
        env=home.env,
        cwd=home.root / "work",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "shown"),
    [(("list", "--limit", "10"), "slow breathing"), (("search", "breathing"), "[breathing]")],
)
def test_list_and_search_load_no_orm_no_config_models_and_no_tui(initialised: Home, args, shown):
    assert initialised.run("write", "A morning of slow breathing.").returncode == 0
    out, loaded = _loaded(initialised, *args)
    assert shown in out
    assert loaded == "[]"


def test_write_adds_its_entry_without_the_orm(initialised: Home):
    """`write` adds through services.writer (plain SQL); it still reads the config (pydantic) for the
    number of backups to keep when it saves."""
    _, loaded = _loaded(initialised, "write", "One more line.", "--tag", "Evening")
    assert loaded == "['pydantic']"
    listed = initialised.run("list", "--format", "json")
    (entry,) = [e for e in json.loads(listed.stdout)["entries"] if e["preview"] == "One more line."]
    assert entry["tags"] == ["evening"]
    assert len(entry["uid"]) == 36


def test_the_check_can_see_an_import(initialised: Home):
    """A command that uses the ORM shows it: `checkin` writes through the CheckInService's session."""
    _, loaded = _loaded(initialised, "checkin", "3")
    assert loaded == "['pydantic', 'sqlalchemy', 'sqlmodel']"
