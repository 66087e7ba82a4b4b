"""The command line as a person (or a script) uses it: real subprocesses, real files."""

from __future__ import annotations

import json
import platform
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from copingkit.core.vault import TEST_KDF, Vault

from .conftest import PASSPHRASE, RUNNER, Home


def test_init_prints_only_the_recovery_key_on_stdout(home: Home):
    result = home.run("init")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}\n", result.stdout)
    assert "only this once" in result.stderr
    assert home.vault.exists()
    again = home.run("init")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_write_checkin_list_search_round_trip(initialised: Home):
    h = initialised
    assert h.run("write", "the river was calm today", "--tag", "walk", "--title", "Evening").returncode == 0
    assert h.run("write", "-", input="a note from a pipe\nsecond line\n").returncode == 0
    assert h.run("write", "an older memory", "--at", "3 days ago").returncode == 0
    assert h.run("checkin", "4", "--note", "steady", "--tag", "sleep").returncode == 0
    listed = h.run("list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)["entries"]
    assert [e["preview"] for e in entries] == [
        "a note from a pipe second line",
        "the river was calm today",
        "an older memory",
    ]
    assert [e["title"] for e in entries] == [None, "Evening", None]
    older = h.run("list", "--from", "4 days ago", "--to", "2 days ago", "--format", "json")
    assert [e["preview"] for e in json.loads(older.stdout)["entries"]] == ["an older memory"]
    tagged = h.run("list", "--tag", "walk", "--format", "json")
    assert [e["title"] for e in json.loads(tagged.stdout)["entries"]] == ["Evening"]
    found = h.run("search", "river", "--format", "json")
    results = json.loads(found.stdout)["results"]
    assert len(results) == 1 and "river" in results[0]["snippet"]
    text = h.run("search", "river")
    assert "[river]" in text.stdout


def test_passphrase_from_stdin_dash(initialised: Home):
    h = initialised
    env = {"COPINGKIT_PASSPHRASE_FILE": ""}
    result = h.run("--passphrase-file", "-", "write", "-", input=PASSPHRASE + "\nwords after the passphrase\n", env=env)
    assert result.returncode == 0, result.stderr
    listed = h.run("list", "--format", "json")
    assert json.loads(listed.stdout)["entries"][0]["preview"] == "words after the passphrase"


def test_wrong_passphrase_exits_3_without_saying_damaged(initialised: Home, tmp_path: Path):
    h = initialised
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    before = h.vault.read_bytes()
    result = h.run("--passphrase-file", str(wrong), "list")
    assert result.returncode == 3
    lowered = result.stderr.lower()
    assert "didn't open" in lowered and "corrupt" not in lowered and "damaged" not in lowered
    assert h.vault.read_bytes() == before


def test_tampered_body_exits_4(initialised: Home):
    h = initialised
    data = bytearray(h.vault.read_bytes())
    data[-100] ^= 0x10
    h.vault.write_bytes(bytes(data))
    result = h.run("list")
    assert result.returncode == 4
    assert "changed outside copingkit" in result.stderr


def test_passwd_then_recover(initialised: Home, tmp_path: Path):
    h = initialised
    h.run("write", "kept through every change")
    new = tmp_path / "new"
    new.write_text("a new passphrase for winter\n")
    changed = h.run("passwd", "--new-passphrase-file", str(new))
    assert changed.returncode == 0, changed.stderr
    new_recovery_key = changed.stdout.strip()
    assert len(new_recovery_key.split("-")) == 8 and new_recovery_key != h.recovery_key
    assert "old recovery key stops working" in changed.stderr
    assert h.run("list").returncode == 3
    listed = h.run("--passphrase-file", str(new), "list", "--format", "json")
    assert json.loads(listed.stdout)["entries"][0]["preview"] == "kept through every change"
    old_key = tmp_path / "old-key"
    old_key.write_text(h.recovery_key + "\n")
    third = tmp_path / "third"
    third.write_text("after recovery\n")
    assert h.run("recover", "--recovery-key-file", str(old_key), "--new-passphrase-file", str(third)).returncode == 3
    key = tmp_path / "key"
    key.write_text(new_recovery_key + "\n")
    result = h.run("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(third))
    assert result.returncode == 0, result.stderr
    assert h.run("--passphrase-file", str(new), "list").returncode == 3
    listed = h.run("--passphrase-file", str(third), "list", "--format", "json")
    assert json.loads(listed.stdout)["entries"][0]["preview"] == "kept through every change"
    bad_key = tmp_path / "bad"
    bad_key.write_text("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n")
    assert h.run("recover", "--recovery-key-file", str(bad_key), "--new-passphrase-file", str(third)).returncode == 3


def test_passwd_with_the_current_recovery_key_keeps_it(initialised: Home, tmp_path: Path):
    h = initialised
    new, key = tmp_path / "new", tmp_path / "key"
    new.write_text("a new passphrase for spring\n")
    key.write_text(h.recovery_key + "\n")
    changed = h.run("passwd", "--new-passphrase-file", str(new), "--recovery-key-file", str(key))
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout == ""
    again = tmp_path / "again"
    again.write_text("and once more\n")
    result = h.run("recover", "--recovery-key-file", str(key), "--new-passphrase-file", str(again))
    assert result.returncode == 0, result.stderr


def test_second_process_exits_5_and_leaves_the_file(initialised: Home):
    h = initialised
    before = h.vault.read_bytes()
    with Vault.open(h.vault, PASSPHRASE, kdf=TEST_KDF):
        result = h.run("write", "should not land")
    assert result.returncode == 5
    assert "already open in another window" in result.stderr
    assert h.vault.read_bytes() == before


_READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}


def _wait_until_reading_stdin(process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Block until the process sits in read(0, ...): `write -` reads its words only after opening the vault.

    Waiting for the lock is not enough: the CLI takes the lock before it reads the file, so a replacement
    landing between the two was read as the journal itself (seen under load).
    """
    read = _READ_SYSCALL[platform.machine()]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the CLI ended before it read its words"
        fields = Path(f"/proc/{process.pid}/syscall").read_text().split()
        if fields[:2] == [read, "0x0"]:
            return
        time.sleep(0.02)
    raise AssertionError("the CLI never started reading its words")


def test_vault_replaced_while_open_makes_save_exit_6(initialised: Home, tmp_path: Path):
    h = initialised
    other, _ = Vault.create(tmp_path / "other" / "j.vault", PASSPHRASE, kdf=TEST_KDF)
    other.close()
    replacement = (tmp_path / "other" / "j.vault").read_bytes()
    process = subprocess.Popen(
        [sys.executable, str(RUNNER), "write", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=h.env,
        cwd=h.root / "work",
    )
    _wait_until_reading_stdin(process)
    h.vault.write_bytes(replacement)
    _, err = process.communicate("words written while someone else replaced the file\n", timeout=60)
    assert process.returncode == 6, err
    assert "your version was saved beside it" in err
    assert h.vault.read_bytes() == replacement
    copies = list(h.vault.parent.glob("journal.conflict-*.vault"))
    assert len(copies) == 1
    with Vault.open(copies[0], PASSPHRASE, kdf=TEST_KDF) as vault:
        from copingkit.core.services import Services

        assert Services(vault.database).journal.list()[0].preview.startswith("words written while")


def test_export_import_export_is_the_same_document(initialised: Home, tmp_path: Path):
    h = initialised
    h.run("write", "first entry about the sea", "--tag", "sea", "--title", "Sea")
    h.run("write", "second entry", "--at", "yesterday")
    h.run("checkin", "2", "--note", "heavy day", "--tag", "work")
    first = tmp_path / "first.json"
    result = h.run("export", "--format", "json", "--output", str(first))
    assert result.returncode == 0 and "plaintext" in result.stderr.lower()
    assert (first.stat().st_mode & 0o777) == 0o600
    fresh = {"COPINGKIT_VAULT": str(tmp_path / "fresh" / "journal.vault")}
    assert h.run("init", env=fresh).returncode == 0
    assert h.run("import", "--format", "copingkit-json", str(first), env=fresh).returncode == 0
    second = tmp_path / "second.json"
    assert h.run("export", "--format", "json", "--output", str(second), env=fresh).returncode == 0

    def normal(path: Path) -> object:
        from tests.support.export_normaliser import normalise

        return normalise(json.loads(path.read_text()))

    a = json.loads(first.read_text())
    assert a["format"] == "copingkit-export" and a["version"] == 2
    assert normal(first) == normal(second)
    again = h.run("export", "--format", "json", "--output", str(first))
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.parametrize("fmt", ["markdown", "csv", "html"])
def test_other_export_formats(initialised: Home, tmp_path: Path, fmt: str):
    h = initialised
    h.run("write", "an entry <b>with</b> markup", "--title", "Markup")
    out = tmp_path / f"out.{'zip' if fmt == 'csv' else fmt}"
    assert h.run("export", "--format", fmt, "--output", str(out)).returncode == 0
    if fmt == "csv":
        with zipfile.ZipFile(out) as archive:
            text = archive.read("entries.csv").decode("utf-8-sig")
    else:
        text = out.read_text()
    assert "Markup" in text
    if fmt == "html":
        assert "<b>with</b>" not in text


def test_backup_and_restore(initialised: Home, tmp_path: Path):
    h = initialised
    h.run("write", "before the backup")
    copy = tmp_path / "copy.vault"
    assert h.run("backup", str(copy)).returncode == 0
    h.run("write", "after the backup")
    shown = h.run("restore", str(copy), input="n\n")
    assert shown.returncode == 1 and "entries: 1" in shown.stderr
    listed = json.loads(h.run("list", "--format", "json").stdout)["entries"]
    assert len(listed) == 2
    restored = h.run("restore", str(copy), "--yes")
    assert restored.returncode == 0, restored.stderr
    listed = json.loads(h.run("list", "--format", "json").stdout)["entries"]
    assert [e["preview"] for e in listed] == ["before the backup"]
    assert list(h.vault.parent.glob("journal.before-restore-*.vault"))


def _bad(h: Home, *args: str, code: int, input: str | None = None, env=None) -> str:
    before = h.vault.read_bytes()
    result = h.run(*args, input=input, env=env)
    assert result.returncode == code, (args, result.returncode, result.stderr)
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert h.vault.read_bytes() == before
    return lines[0]


def test_bad_input_gives_one_line_and_changes_nothing(initialised: Home, tmp_path: Path):
    h = initialised
    assert "1 (very low) to 5" in _bad(h, "checkin", "7", code=1)
    assert "couldn't read the date" in _bad(h, "write", "words", "--at", "someday soon", code=1)
    assert "needs some words" in _bad(h, "write", "   ", code=1)
    assert "needs some words" in _bad(h, "write", "-", input="", code=1)
    assert "no file" in _bad(h, "import", "--format", "copingkit-json", str(tmp_path / "missing.json"), code=1).lower()
    notes = tmp_path / "notes.txt"
    notes.write_text("just some text, not a journal\n" * 10)
    assert "not a copingkit journal" in _bad(h, "--vault", str(notes), "list", code=1)
    stranger_path = tmp_path / "stranger" / "journal.vault"
    stranger, _ = Vault.create(stranger_path, PASSPHRASE, kdf=TEST_KDF)
    stranger.close()
    message = _bad(h, "restore", str(stranger_path), "--yes", code=1)
    assert "different journal" in message


def test_no_stray_files_during_a_session(home: Home, tmp_path: Path):
    h = home
    watched = [tmp_path / name for name in ("data", "config", "cache", "state", "tmp", "work", "home")]
    system = [Path("/var/tmp"), Path("/tmp")]

    def snapshot() -> set[Path]:
        seen = set()
        for folder in watched:
            seen.update(folder.rglob("*"))
        return seen

    def system_snapshot() -> set[Path]:
        seen = set()
        for folder in system:
            try:
                seen.update(
                    p for p in folder.iterdir() if p.name.startswith(("etilqs", "copingkit", ".journal", "sqlite"))
                )
            except OSError:
                pass
        return seen

    before, system_before = snapshot(), system_snapshot()
    assert h.run("init").returncode == 0
    h.run("write", "private words", "--tag", "t")
    h.run("checkin", "3", "--note", "a note")
    h.run("list")
    h.run("search", "private")
    h.run("doctor")
    vault = h.vault
    backups = vault.parent / "backups" / "journal"
    allowed = {vault, Path(str(vault) + ".lock"), vault.parent, vault.parent.parent, backups.parent, backups}
    new = snapshot() - before
    unexpected = {p for p in new if p not in allowed and p.parent != backups}
    assert unexpected == set()
    assert system_snapshot() == system_before
    for path in new:
        if path.is_file():
            assert b"private words" not in path.read_bytes()


def test_json_output_is_only_json(initialised: Home):
    h = initialised
    h.run("write", "hello")
    for args in (("list", "--format", "json"), ("search", "hello", "--format", "json")):
        result = h.run(*args)
        json.loads(result.stdout)


def test_version_and_help(home: Home):
    assert home.run("--version").stdout.startswith("copingkit, version")
    assert "export" in home.run("--help").stdout


def test_usage_error_exits_2(home: Home):
    assert home.run("checkin").returncode == 2
    assert home.run("nonsense-command").returncode == 2


def test_doctor_prints_no_personal_data(initialised: Home):
    h = initialised
    h.run("write", "a very private sentence")
    result = h.run("doctor")
    assert "a very private sentence" not in result.stdout + result.stderr
    assert "journal header ok" in result.stdout
