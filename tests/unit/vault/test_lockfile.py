"""The `<vault>.lock` (core/vault/lockfile.py): exclusive across processes and within one, released
from any thread, held against `copingkit doctor`'s filelock probe, and done by filelock where flock
is refused."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from copingkit.core.vault import TEST_KDF, Vault, errors, lockfile
from copingkit.core.vault.lockfile import LockHeld, VaultLock

from .conftest import PASSPHRASE


def test_a_second_lock_is_refused_in_this_process_and_free_after_release(tmp_path: Path):
    path = str(tmp_path / "journal.vault.lock")
    first, second = VaultLock(path), VaultLock(path)
    first.acquire()
    with pytest.raises(LockHeld):
        second.acquire()
    releaser = threading.Thread(target=first.release)  # any thread may let it go
    releaser.start()
    releaser.join()
    second.acquire()
    assert second.is_locked and not first.is_locked
    second.release()
    assert (Path(path).stat().st_mode & 0o777) == 0o600


def test_another_process_holding_it_is_refused_and_filelock_sees_it_held(tmp_path: Path):
    path = str(tmp_path / "journal.vault.lock")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600);"
         " fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()", path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(LockHeld):
            VaultLock(path).acquire()
    finally:
        holder.communicate("")
    mine = VaultLock(path)
    mine.acquire()
    with pytest.raises(Timeout):
        FileLock(path).acquire(blocking=False)  # what `copingkit doctor` checks
    mine.release()


def test_two_opens_of_one_vault_the_second_is_locked_out(made_vault):
    path, _ = made_vault
    with Vault.open(path, PASSPHRASE, kdf=TEST_KDF):
        with pytest.raises(errors.Locked):
            Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    Vault.open(path, PASSPHRASE, kdf=TEST_KDF).close()


def test_where_flock_is_refused_filelock_does_the_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refused(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "no flock here")

    monkeypatch.setattr(lockfile.fcntl, "flock", refused)
    path = str(tmp_path / "journal.vault.lock")
    first = VaultLock(path)
    first.acquire()
    with pytest.raises(LockHeld):
        VaultLock(path).acquire()
    first.release()
    again = VaultLock(path)
    again.acquire()
    again.release()
