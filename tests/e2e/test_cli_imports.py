"""What a command loads (issue 13, DESIGN.md §1): `list` and `search` read with plain SQL, so the real
command line runs them without importing SQLAlchemy, SQLModel, pydantic (the config file) or Textual."""

from __future__ import annotations

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


def test_write_still_loads_the_orm_it_writes_with(initialised: Home):
    """The check above can see an import: `write` uses the ORM and the config (for backups)."""
    _, loaded = _loaded(initialised, "write", "One more line.")
    assert loaded == "['pydantic', 'sqlalchemy', 'sqlmodel']"
