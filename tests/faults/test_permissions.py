"""Files 0600 and the folders copingkit makes 0700 whatever the umask: the vault, backups, a conflict
copy, exports and config.toml; a vault file made readable by others is tightened, and the CLI says so;
a folder copingkit did not make is never chmod-ed (a warning instead)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from copingkit import config
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from copingkit.core.vault.errors import Conflict

from .conftest import RUNNER

PASSPHRASE = "permission passphrase"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_the_library_keeps_files_private_under_umask_000(tmp_path: Path, loose_umask) -> None:
    path = tmp_path / "fresh" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=3)
    services = Services(vault.database)
    services.journal.create("first")
    vault.save()
    before = path.read_bytes()
    services.journal.create("second")
    vault.save()
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    copy = vault.backup_now(tmp_path / "elsewhere" / "copy.vault")

    # Another program puts an older copy back: the next save writes a conflict copy beside it.
    outside = tmp_path / "outside.vault"
    outside.write_bytes(before)
    os.replace(outside, path)
    os.chmod(path, 0o600)
    services.journal.create("third")
    with pytest.raises(Conflict) as conflict:
        vault.save()
    vault.close(save=False)

    config_file = tmp_path / "config-home" / "copingkit" / "config.toml"
    config.save(config.Config(country="GB"), config_file)

    files = [path, copy, conflict.value.conflict_copy, config_file, *vault.backups()]
    assert len(vault.backups()) == 1 and conflict.value.conflict_copy is not None
    assert {str(file): oct(mode(file)) for file in files} == {str(file): "0o600" for file in files}
    folders = [path.parent, path.parent / "backups", path.parent / "backups" / "journal", config_file.parent]
    assert {str(folder): oct(mode(folder)) for folder in folders} == {str(folder): "0o700" for folder in folders}


def test_the_cli_keeps_files_private_under_umask_000(home) -> None:
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(RUNNER), *args],
            capture_output=True,
            text=True,
            env=home.env,
            cwd=home.root / "work",
            timeout=120,
            preexec_fn=lambda: os.umask(0),
        )

    assert run("init").returncode == 0
    assert run("write", "a private line").returncode == 0
    exports = home.root / "work" / "exports"
    exports.mkdir()
    (home.root / "work" / "copies").mkdir()
    for fmt in ("json", "html"):
        result = run("export", "--format", fmt, "--output", str(exports / f"export.{fmt}"))
        assert result.returncode == 0, result.stderr
    assert run("backup", str(home.root / "work" / "copies" / "copy.vault")).returncode == 0
    files = [
        home.vault,
        *home.vault.parent.joinpath("backups", "journal").iterdir(),
        *exports.iterdir(),
        home.root / "work" / "copies" / "copy.vault",
    ]
    assert {str(f): oct(mode(f)) for f in files} == {str(f): "0o600" for f in files}
    folders = [home.vault.parent, home.vault.parent / "backups", home.vault.parent / "backups" / "journal"]
    assert {str(f): oct(mode(f)) for f in folders} == {str(f): "0o700" for f in folders}


def test_a_vault_file_made_readable_by_others_is_repaired_and_the_cli_says_so(initialised) -> None:
    home = initialised
    os.chmod(home.vault, 0o640)
    result = home.run("list")
    assert result.returncode == 0, result.stderr
    assert "readable by others (640); it is now 600" in result.stderr
    assert mode(home.vault) == 0o600
    again = home.run("list")
    assert "readable by others" not in again.stderr


def test_an_existing_0755_vault_folder_stays_0755_and_the_cli_warns(initialised) -> None:
    home = initialised
    os.chmod(home.vault.parent, 0o755)
    result = home.run("write", "words in a folder others can look into")
    assert result.returncode == 0, result.stderr
    assert f"Others on this computer can look into {home.vault.parent} (755)" in result.stderr
    assert mode(home.vault.parent) == 0o755
    doctor = home.run("doctor")
    assert "journal folder permissions 755 (want 700); others can look in" in doctor.stdout
