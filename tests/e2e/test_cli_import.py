"""The real `copingkit import` in a subprocess: an encrypted jrnl journal (made by jrnl 4.6) imports with
its password and nothing plaintext is written anywhere the process could write (its home, data, config,
cache, state, work and temp folders). The second run adding nothing is shown in-process
(tests/unit/test_cli_import.py)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Home

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
MARKERS = (b"Walked by the river", b"Second paragraph after a blank line", b"Sun on my face", b"Lunch outside")


def _files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def test_an_encrypted_jrnl_journal_imports_and_nothing_plaintext_is_written(initialised: Home) -> None:
    h = initialised
    source = FIXTURES / "jrnl-v3.txt"
    assert not source.is_relative_to(h.root)
    password = h.root / "secrets" / "jrnl-password"
    password.write_text("river stones 42\n")
    args = ("import", "--format", "jrnl-encrypted", str(source), "--source-passphrase-file", str(password))
    first = h.run(*args, env={"TZ": "UTC"})
    assert first.returncode == 0, first.stderr
    assert "Importing jrnl-v3.txt adds 4 entries." in first.stderr
    listed = json.loads(h.run("list", "--format", "json").stdout)["entries"]
    assert sorted(e["title"] or e["preview"] for e in listed) == [
        "A long one.",
        "First morning.",
        "Hard evening",
        "Lunch outside",
    ]
    written = _files(h.root)
    assert h.vault in written
    holding = [str(path) for path in written for marker in MARKERS if marker in path.read_bytes()]
    assert holding == []
    assert list((h.root / "tmp").iterdir()) == []
