"""A full disk and failing I/O: the save fails calmly, the old file stays byte-for-byte, no temp file
is left, the edits stay in memory and are saved once the fault is gone."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from copingkit.core.error_words import full_words
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault, store
from copingkit.core.vault.errors import SaveFailed
from tests.support.seal_faults import FaultyEncryption

PASSPHRASE = "disk fault passphrase"


def temp_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if store.TEMP_MARK in path.name]


def bodies(path: Path) -> list[str]:
    vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF)
    try:
        services = Services(vault.database)
        return sorted(services.journal.get(e.id).body for e in services.journal.list(limit=100))
    finally:
        vault.close(save=False)


def assert_failed_calmly(error: SaveFailed, words: str, path: Path, before: bytes) -> None:
    message = full_words(error)
    assert "Your writing is safe in memory" in message and words in message, message
    assert path.read_bytes() == before, "the old file changed"
    assert temp_files(path.parent) == [], "a temp file was left behind"


# ---- a real full disk ------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MiB tmpfs (room for a vault, a backup and one temp copy) (root only); unmounted by a finaliser."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except FileNotFoundError:
        pytest.skip("no `mount` command here, so no small filesystem for a real ENOSPC")
    if done.returncode != 0:
        pytest.skip(f"mounting a 1 MiB tmpfs is not permitted here: {done.stderr.strip() or done.returncode}")
    yield mount_point
    result = subprocess.run(["umount", str(mount_point)], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, timeout=30)


def fill(folder: Path) -> Path:
    """Write a filler file until the filesystem refuses with ENOSPC."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        chunk = b"\0" * 4096
        while True:
            try:
                os.write(fd, chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
                return filler
    finally:
        os.close(fd)


@pytest.mark.parametrize("backups_keep", [0, 3])
def test_a_really_full_disk(small_disk: Path, backups_keep: int):
    path = small_disk / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=backups_keep)
    services = Services(vault.database)
    services.journal.create("before the disk filled")
    vault.save()
    before = path.read_bytes()
    filler = fill(small_disk)

    services.journal.create("written while the disk was full")
    with pytest.raises(SaveFailed) as failed:
        vault.save()
    assert_failed_calmly(failed.value, "No space left on device", path, before)
    assert vault.dirty
    with pytest.raises(SaveFailed):
        vault.save()  # still full: fails the same calm way, again leaving nothing behind
    assert path.read_bytes() == before and temp_files(small_disk) == []
    assert services.journal.count() == 2

    filler.unlink()
    assert vault.save()
    vault.close()
    assert bodies(path) == ["before the disk filled", "written while the disk was full"]


def test_the_cli_on_a_full_disk_exits_1_and_keeps_the_journal(small_disk: Path, home):
    vault_path = small_disk / "journal.vault"
    env = {"COPINGKIT_VAULT": str(vault_path)}
    assert home.run("init", env=env).returncode == 0
    assert home.run("write", "the first page", env=env).returncode == 0
    before = vault_path.read_bytes()
    filler = fill(small_disk)
    result = home.run("write", "a page for a full disk", env=env)
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert "safe in memory" not in result.stderr, "the CLI exits: what it was given is not kept anywhere"
    assert vault_path.read_bytes() == before and temp_files(small_disk) == []
    filler.unlink()
    assert home.run("write", "after some space was freed", env=env).returncode == 0
    listed = home.run("list", env=env).stdout
    assert "the first page" in listed and "after some space was freed" in listed


# ---- simulated faults on write, fsync and replace --------------------------------------------


def _is_temp(fd: int) -> bool:
    try:
        return store.TEMP_MARK in os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return False


def _is_folder(fd: int) -> bool:
    return stat.S_ISDIR(os.fstat(fd).st_mode)


class Faults:
    """Wraps os.write / os.fsync / os.replace so the chosen call on a save's files fails."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.hits = 0

    def fail(self, call: str, code: int, *, target: str = "temp", after_bytes: int = 0) -> None:
        real = getattr(os, call)
        written = 0

        def wrapper(*args, **kwargs):
            nonlocal written
            if call == "replace":
                aimed = store.TEMP_MARK in os.fspath(args[0])
            elif target == "folder":
                aimed = _is_folder(args[0])
            else:
                aimed = _is_temp(args[0])
            if not aimed:
                return real(*args, **kwargs)
            if call == "write" and written < after_bytes:  # a partial write first
                count = real(args[0], bytes(args[1][: after_bytes - written]))
                written += count
                return count
            self.hits += 1
            raise OSError(code, os.strerror(code))

        self.monkeypatch.setattr(os, call, wrapper)

    def clear(self) -> None:
        self.monkeypatch.undo()


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> Faults:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd to tell a save's temp file from every other file")
    return Faults(monkeypatch)


@pytest.fixture
def open_vault(tmp_path: Path):
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database)
    services.journal.create("saved before the fault")
    vault.save()
    yield path, vault, services
    if not vault.closed:
        vault.close(save=False)


@pytest.mark.parametrize(
    ("call", "code", "target", "after_bytes"),
    [
        ("write", errno.ENOSPC, "temp", 0),
        ("write", errno.ENOSPC, "temp", 70_000),
        ("write", errno.EIO, "temp", 0),
        ("fsync", errno.ENOSPC, "temp", 0),
        ("fsync", errno.EIO, "temp", 0),
        ("replace", errno.EIO, "temp", 0),
        ("replace", errno.ENOSPC, "temp", 0),
        ("replace", errno.EXDEV, "temp", 0),
    ],
    ids=lambda value: errno.errorcode.get(value, str(value)) if isinstance(value, int) and value < 200 else str(value),
)
def test_a_failing_call_keeps_the_old_file_and_the_edits(open_vault, faults: Faults, call, code, target, after_bytes):
    path, vault, services = open_vault
    before = path.read_bytes()
    services.journal.create("written while the disk misbehaved")
    faults.fail(call, code, target=target, after_bytes=after_bytes)
    with pytest.raises(SaveFailed) as failed:
        vault.save()
    assert faults.hits == 1
    faults.clear()
    assert_failed_calmly(failed.value, os.strerror(code), path, before)
    assert vault.dirty and services.journal.count() == 2
    assert vault.save()
    vault.close()
    assert bodies(path) == ["saved before the fault", "written while the disk misbehaved"]


def test_a_failing_folder_fsync_after_the_replace_is_not_a_conflict_next_time(open_vault, faults: Faults):
    """The new file is already in place when the folder's fsync fails: saying so is fine, but the next
    save must not mistake the vault's own write for another program's (Conflict) and fork a copy."""
    path, vault, services = open_vault
    services.journal.create("written before the folder fsync failed")
    faults.fail("fsync", errno.EIO, target="folder")
    try:
        vault.save()
    except SaveFailed as error:
        said = full_words(error)
    else:
        said = " ".join(map(str, vault.warnings))
    assert os.strerror(errno.EIO) in said, "the failed fsync is not mentioned anywhere"
    faults.clear()
    assert temp_files(path.parent) == []
    services.journal.create("written after")
    vault.save()
    vault.close()
    assert [p.name for p in path.parent.iterdir() if "conflict" in p.name] == []
    assert bodies(path) == ["saved before the fault", "written after", "written before the folder fsync failed"]


def test_a_conflict_on_a_full_disk_does_not_claim_a_copy_was_saved(open_vault, faults: Faults, tmp_path: Path):
    """The file changed on disk and the conflict copy cannot be written either: the words must not say
    "your version was saved beside it", and the edits stay in memory."""
    from copingkit.core.vault.errors import Conflict

    path, vault, services = open_vault
    other = tmp_path / "other.vault"
    Vault.create(other, PASSPHRASE, kdf=TEST_KDF)[0].close()
    replaced = other.read_bytes()
    path.write_bytes(replaced)  # another program's file now sits where ours was
    services.journal.create("written before the conflict")
    faults.fail("write", errno.ENOSPC)
    with pytest.raises(Conflict) as conflict:
        vault.save()
    faults.clear()
    assert conflict.value.conflict_copy is None and temp_files(path.parent) == []
    message = full_words(conflict.value)
    assert "your version was saved beside it" not in message and "couldn't be written" in message, message
    assert path.read_bytes() == replaced and vault.dirty and services.journal.count() == 2
    with pytest.raises(Conflict) as again:  # once there is room, the copy is written
        vault.save()
    assert again.value.conflict_copy is not None and again.value.conflict_copy.exists()
    assert str(again.value.conflict_copy) in full_words(again.value)


@pytest.mark.parametrize("command", ["backup", "export"])
def test_a_full_disk_under_a_backup_or_an_export_is_a_calm_error(small_disk: Path, initialised, command: str):
    home = initialised
    assert home.run("write", "a page to copy").returncode == 0
    target = small_disk / f"copy.{'vault' if command == 'backup' else 'json'}"
    fill(small_disk)
    args = [str(target)] if command == "backup" else ["--format", "json", "--output", str(target)]
    result = home.run(command, *args)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "No space left on device" in result.stderr, result.stderr
    assert "couldn't use that file: No space left on device." in result.stderr
    assert not target.exists() and temp_files(small_disk) == [], result.stderr


# ---- a failure in the middle of a streamed save ------------------------------------------------


@pytest.fixture
def big_open_vault(tmp_path: Path):
    """An open vault whose file (about 6 MiB) is sealed and written a chunk at a time on the writer
    thread (store.ThreadedSink), so a fault can land with part of the temp file already written."""
    path = tmp_path / "data" / "journal.vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
    services = Services(vault.database)
    for _ in range(16):
        services.journal.create(os.urandom(240 * 1024).hex())
    services.journal.create("saved before the fault")
    vault.save()
    assert path.stat().st_size > store.THREADED_FROM + 2 * 2**20
    yield path, vault, services
    if not vault.closed:
        vault.close(save=False)


def _writer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "copingkit-save-writer"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_a_write_failing_midway_keeps_the_old_file_and_the_edits(big_open_vault, faults: Faults, code: int):
    path, vault, services = big_open_vault
    before = path.read_bytes()
    services.journal.create("written while the disk misbehaved")
    faults.fail("write", code, after_bytes=3 * 2**20)
    with pytest.raises(SaveFailed) as failed:
        vault.save()
    assert faults.hits == 1, "writing went on after the first failed write"
    faults.clear()
    assert_failed_calmly(failed.value, os.strerror(code), path, before)
    assert _writer_threads() == []
    assert vault.dirty and services.journal.count() == 18
    assert vault.save()
    assert _writer_threads() == []
    vault.close()
    assert "written while the disk misbehaved" in bodies(path)


def test_a_seal_failing_its_check_midway_keeps_the_old_file_and_the_edits(big_open_vault, monkeypatch):
    """A chunk that would not decrypt back to the journal, found after earlier chunks were written: the
    temp file goes, the old file stays byte for byte, the edits stay in memory."""
    path, vault, services = big_open_vault
    before = path.read_bytes()
    services.journal.create("written while the encryption misbehaved")
    fault = FaultyEncryption(monkeypatch).flip(call=5)
    with pytest.raises(SaveFailed) as failed:
        vault.save()
    assert fault.flipped == 1
    monkeypatch.undo()
    assert path.read_bytes() == before and temp_files(path.parent) == []
    assert "Your writing is safe in memory" in full_words(failed.value)
    assert _writer_threads() == []
    assert vault.dirty and vault.save()
    vault.close()
    assert "written while the encryption misbehaved" in bodies(path)


def test_the_replaced_file_is_let_go_of_off_the_saving_thread(big_open_vault, monkeypatch):
    """Freeing the old file's blocks is no part of the replace: the save holds it open across the
    rename and a thread of its own closes it, after which it is gone."""
    path, vault, services = big_open_vault
    old_inode = path.stat().st_ino
    closed: list[tuple[str, int, int]] = []
    real_close = os.close

    def close(fd):
        info = os.fstat(fd)
        closed.append((threading.current_thread().name, info.st_ino, info.st_nlink))
        real_close(fd)

    monkeypatch.setattr(os, "close", close)
    services.journal.create("one more")
    vault.save()
    for thread in threading.enumerate():
        if thread.name == "copingkit-let-go":
            thread.join()
    monkeypatch.undo()
    assert path.stat().st_ino != old_inode
    assert [(name, links) for name, inode, links in closed if inode == old_inode] == [("copingkit-let-go", 0)]


def test_a_failed_replace_leaves_no_descriptor_open(big_open_vault, faults: Faults):
    path, vault, services = big_open_vault
    before = sorted(os.listdir("/proc/self/fd"))
    services.journal.create("written while the disk misbehaved")
    faults.fail("replace", errno.EIO)
    with pytest.raises(SaveFailed):
        vault.save()
    faults.clear()
    assert sorted(os.listdir("/proc/self/fd")) == before
    assert vault.save()
