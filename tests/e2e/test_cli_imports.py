"""What a command loads (issue 13, DESIGN.md §1): `list` and `search` read and `write` adds with plain
SQL, so the real command line runs them without importing SQLAlchemy, SQLModel, pydantic,
Textual, the report's templates or the bundled content, and imports no command module but its
own and no service but the journal's plain-SQL ones; with the key agent holding the key, the same."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import Home

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "textual", "jinja2", "markdown_it", "plotext", "rich", "pygments")
"""Third-party packages none of the journal's commands needs."""
OURS = (
    "copingkit.tui",
    "copingkit.config",
    "copingkit.core.models",
    "copingkit.core.content",
    "copingkit.core.importers",
    "copingkit.core.rendering",
    "copingkit.core.services.",
    "copingkit.cli.",
)
"""Our modules a journal command must not load, but for the ones in ALLOWED."""
ALLOWED = {
    "copingkit.cli.app",
    "copingkit.cli.common",
    "copingkit.cli.secrets",
    "copingkit.cli.journal",
    "copingkit.core.services._common",
    "copingkit.core.services.journal_models",
    "copingkit.core.services.journal_read",
}
PROGRAM = """
import json, sys
from copingkit import cli, hardening
from copingkit.cli import common
from copingkit.core.vault import TEST_KDF

hardening.apply()
common.KDF_PROFILE = TEST_KDF
try:
    cli.main(args=sys.argv[1:], prog_name="copingkit")
except SystemExit as done:
    assert not done.code, done.code
heavy = sorted({{name.split(".")[0] for name in sys.modules if name.split(".")[0] in {HEAVY!r}}})
ours = sorted(name for name in sys.modules if name.startswith({OURS!r}) and name not in {ALLOWED!r})
print(json.dumps([heavy, ours]), file=sys.stderr)
"""


def _loaded(home: Home, *args: str, env: dict[str, str] | None = None) -> tuple[str, list[str], list[str]]:
    """stdout, and the heavy packages and our modules the command loaded that it shouldn't."""
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(HEAVY=HEAVY, OURS=OURS, ALLOWED=ALLOWED), *args],
        capture_output=True,
        text=True,
        env={**home.env, **(env or {})},
        cwd=home.root / "work",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    heavy, ours = json.loads(result.stderr.strip().splitlines()[-1])
    return result.stdout, heavy, ours


@pytest.mark.parametrize(
    ("args", "shown"),
    [(("list", "--limit", "10"), "slow breathing"), (("search", "breathing"), "[breathing]")],
)
def test_list_and_search_load_only_the_plain_sql_reader(initialised: Home, args, shown):
    assert initialised.run("write", "A morning of slow breathing.").returncode == 0
    out, heavy, ours = _loaded(initialised, *args)
    assert shown in out
    assert (heavy, ours) == ([], [])


def test_write_adds_its_entry_without_the_orm(initialised: Home):
    """`write` adds through services.writer (plain SQL); it still reads the config (plain dataclasses)
    for the number of backups to keep when it saves."""
    _, heavy, ours = _loaded(initialised, "write", "One more line.", "--tag", "Evening")
    assert (heavy, ours) == ([], ["copingkit.config", "copingkit.core.services.journal_write"])
    listed = initialised.run("list", "--format", "json")
    (entry,) = [e for e in json.loads(listed.stdout)["entries"] if e["preview"] == "One more line."]
    assert entry["tags"] == ["evening"]
    assert len(entry["uid"]) == 36


def test_list_with_the_agent_holding_the_key_loads_the_same(initialised: Home):
    assert initialised.run("write", "A morning of slow breathing.").returncode == 0
    assert initialised.run("unlock", "--for", "5m").returncode == 0
    try:
        out, heavy, ours = _loaded(initialised, "list", env={"COPINGKIT_PASSPHRASE_FILE": "/nonexistent"})
    finally:
        assert initialised.run("lock").returncode == 0
    assert "slow breathing" in out  # opened with the agent's key: the passphrase file isn't there
    assert (heavy, ours) == ([], [])


def test_the_check_can_see_an_import(initialised: Home):
    """A command that uses the ORM shows it: `checkin` writes through the CheckInService's session."""
    _, heavy, ours = _loaded(initialised, "checkin", "3")
    assert heavy == ["pydantic", "sqlalchemy", "sqlmodel"]
    assert {"copingkit.cli.checkins", "copingkit.core.models", "copingkit.core.services.checkins"} <= set(ours)
