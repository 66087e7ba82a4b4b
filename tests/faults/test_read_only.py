"""A journal whose file or folder can't be written opens read-only: it reads, a change is refused with
calm words (exit 1), and deferred work (a weak slot's re-wrap, a format update's save and its
backup) waits for a writable open.

The folder is a real read-only mount (tests/support/read_only.py): root, which runs these tests,
ignores a chmod 0500, but not EROFS."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from copingkit.core import schema
from copingkit.core.vault import TEST_KDF, Vault, costs
from copingkit.core.vault import format as fmt
from tests.legacy.build_v1 import build_v1_image
from tests.support.read_only import run_with_read_only_folder

from .conftest import RUNNER, subprocess_env

PASSPHRASE = "read only passphrase"


def test_the_cli_reads_a_read_only_journal_and_refuses_to_change_it(initialised) -> None:
    home = initialised
    assert home.run("write", "written while it could still be written").returncode == 0
    before = home.vault.read_bytes()

    def run(*args: str):
        return run_with_read_only_folder(
            home.vault.parent,
            [sys.executable, str(RUNNER), *args],
            capture_output=True,
            text=True,
            env=home.env,
            cwd=home.root / "work",
            timeout=120,
        )

    listed = run("list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [e["preview"] for e in json.loads(listed.stdout)["entries"]] == ["written while it could still be written"]
    assert "changes can't be saved here" in listed.stderr

    refused = run("write", "a change it can't keep")
    assert refused.returncode == 1
    assert "This journal can be read here but not changed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert home.vault.read_bytes() == before

    doctor = run("doctor")
    assert "it opens read-only, changes can't be saved" in doctor.stdout


def test_a_weak_slot_is_rewrapped_only_at_the_next_writable_open(tmp_path: Path) -> None:
    folder = tmp_path / "medium"
    path = folder / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, params=costs.KdfParams(m_kib=8, t=1, p=1))
    with vault.database.connection as connection:
        connection.execute("CREATE TABLE probe(x TEXT)")
        connection.execute("INSERT INTO probe VALUES ('kept')")
    vault.close()
    before = path.read_bytes()
    probe = textwrap.dedent(
        f"""
        import json
        from copingkit.core.error_words import full_words
        from copingkit.core.vault import TEST_KDF, Vault, errors
        vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF)
        report = {{"read_only": vault.read_only, "kinds": [w.kind.value for w in vault.warnings]}}
        report["rows"] = [row[0] for row in vault.database.connection.execute("SELECT x FROM probe")]
        with vault.database.connection as connection:
            connection.execute("INSERT INTO probe VALUES ('not kept')")
        try:
            vault.save()
        except errors.ReadOnly as error:
            report["save"] = full_words(error)
        vault.close(save=False)
        print(json.dumps(report))
        """
    )
    result = run_with_read_only_folder(
        folder,
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["read_only"] is True and report["kinds"] == ["read-only"]
    assert report["rows"] == ["kept"]
    assert report["save"].startswith("This journal can be read here but not changed")
    assert path.read_bytes() == before

    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF) as writable:
        assert writable.read_only is False
    slot = fmt.parse_header(path.read_bytes()).slots[0]
    assert (slot.m_kib, slot.t, slot.p) == (32, 1, 1)


def test_a_format_update_waits_for_a_writable_open_and_a_read_only_open_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "medium"
    path = folder / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    with vault.database.lock:
        vault.database.connection.deserialize(build_v1_image())
    vault.save(force=True)
    vault.close()
    before = path.read_bytes()
    listing = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    probe = textwrap.dedent(
        f"""
        import json
        from copingkit.core import schema
        from copingkit.core.vault import TEST_KDF, Vault
        vault = Vault.open({str(path)!r}, {PASSPHRASE!r}, kdf=TEST_KDF, backups_keep=0)
        report = {{"read_only": vault.read_only, "version": schema.user_version(vault.database.connection)}}
        vault.close()
        print(json.dumps(report))
        """
    )
    result = run_with_read_only_folder(
        folder,
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"read_only": True, "version": schema.latest_version()}
    assert path.read_bytes() == before
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == listing

    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0) as writable:
        assert len(writable.backups()) == 1
    assert path.read_bytes() != before
