"""Open, save and lock a vault: one sealed file, an in-memory database, atomic saves (DESIGN.md §2.3)."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import queue
import re
import secrets
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from copingkit.core.database import Database, IntegrityFailure
from copingkit.core.errors import SchemaTooNew
from copingkit.core.passphrase import normalise_passphrase
from copingkit.core.vault import costs, crypto, policy
from copingkit.core.vault import format as fmt
from copingkit.core.vault.costs import REAL_KDF, KdfParams, KdfProfile
from copingkit.core.vault.errors import (
    AlreadyExists,
    Conflict,
    KeyNotAccepted,
    Malformed,
    NotEnoughMemory,
    ReadOnly,
    RecoveryKeyShape,
    SaveFailed,
    Secret,
    Tampered,
    UnsupportedVersion,
    VaultError,
    VaultMissing,
    VaultWarning,
    WrongSecret,
)
from copingkit.core.vault.errors import Locked as LockedError
from copingkit.core.vault.folders import can_write, check_folder, make_private_folder
from copingkit.core.vault.lockfile import LockHeld, VaultLock

BACKUP_DIR = "backups"
TEMP_MARK = ".tmp-"


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{secrets.token_hex(6)}")


def stale_temp_files(path: Path) -> list[Path]:
    """Temp files a killed save of this vault can leave: of the vault, its conflict copies and its backups."""
    path = Path(path).resolve()
    stem, tail = re.escape(path.stem), re.escape(TEMP_MARK) + r"[0-9a-f]{12}"
    backup = re.compile(rf"\.{stem}-{_BACKUP_STAMP}\.vault{tail}")
    patterns = (
        (path.parent, re.compile(re.escape(f".{path.name}") + tail)),
        (path.parent, re.compile(rf"\.{stem}\.conflict-\d{{8}}T\d{{12}}Z\.vault{tail}")),
        (path.parent / BACKUP_DIR, backup),
        (backup_folder(path), backup),
    )
    found = []
    for folder, pattern in patterns:
        with contextlib.suppress(OSError):
            found.extend(entry for entry in folder.iterdir() if pattern.fullmatch(entry.name))
    return sorted(found)


def write_atomically(path: Path, fill: Callable[[int], object]) -> None:
    """Make `path` hold what `fill` writes: into a 0600 temp file beside it (given to `fill` as an open
    descriptor), fsync, replace, fsync the folder.

    On any failure before the replace (in `fill` too) the temp file is removed and the old file is
    untouched; a failed folder fsync after it raises FolderNotSynced (the new file is already in place).

    Freeing the replaced file (its blocks and cached pages: ~12 ms for 48 MiB here, most of it waiting
    on the filesystem's journal) is no part of the replace: on POSIX the old file is held open across
    the rename and let go on a thread of its own, so the save doesn't wait for it.
    """
    temp = temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    replaced = None
    try:
        try:
            fill(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        replaced = _hold(path)
        for attempt in range(10):
            try:
                os.replace(temp, path)
                break
            except PermissionError:
                if sys.platform != "win32" or attempt == 9:
                    raise
                time.sleep(0.05 * (attempt + 1))
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        if replaced is not None:
            os.close(replaced)
        raise
    if replaced is not None:
        threading.Thread(target=os.close, args=(replaced,), name="copingkit-let-go", daemon=True).start()
    try:
        _fsync_dir(path.parent)
    except OSError as error:
        raise FolderNotSynced(error.errno, error.strerror) from error


HOLD_FROM = 4 << 20
"""From this size a file being replaced is let go of on a thread of its own (write_atomically)."""


def _hold(path: Path) -> int | None:
    """A descriptor of the regular file of at least HOLD_FROM bytes at `path`, about to be replaced, so
    it is freed when that is closed rather than by the rename (POSIX only: Windows refuses to replace
    a file held open). None for anything else."""
    if os.name != "posix":
        return None
    try:
        if not stat.S_ISREG((info := os.lstat(path)).st_mode) or info.st_size < HOLD_FROM:
            return None
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None


def write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    """os.write until every byte of `data` is written (a short write is not an error)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


WRITEBACK_STEP = 4 << 20
"""How many written bytes at a time a streamed write asks the kernel to start putting on the disk."""


class StreamWriter:
    """Writes a long file a chunk at a time and has the kernel start writing each WRITEBACK_STEP of it
    to the disk while the next is being made, so the fsync at the end waits for the last few MiB
    rather than the whole file (the disk is idle otherwise until the fsync).

    The start is POSIX_FADV_DONTNEED on what was written: Linux begins the writeback of those pages
    (and keeps the ones still being written in its cache); durability is still the fsync's alone.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.written = 0
        self._started = 0

    def __call__(self, data: bytes | bytearray | memoryview) -> None:
        write_all(self.fd, data)
        self.written += len(data)
        if self.written - self._started >= WRITEBACK_STEP and hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(self.fd, self._started, self.written - self._started, os.POSIX_FADV_DONTNEED)
            self._started = self.written


class DirectSink:
    """A crypto.Sink that writes each buffer as it is given, with one buffer (small files)."""

    def __init__(self, fd: int) -> None:
        self._out = StreamWriter(fd)
        self._buffer = bytearray(crypto.SEAL_BUFFER)

    def take(self) -> bytearray:
        return self._buffer

    def give(self, buffer: bytearray, length: int) -> None:
        with memoryview(buffer) as view:
            self._out(view[:length])

    def close(self, *, abandon: bool = False) -> None:
        return None


class ThreadedSink:
    """A crypto.Sink that writes on a thread of its own while the next buffer is being sealed.

    os.write and the AES-GCM of `cryptography` both let go of the GIL, so copying one chunk into the
    page cache overlaps encrypting and checking the next. A few buffers go round: `take` waits for one
    the writer has finished with. The first write that fails stops all writing; `take` and `close`
    raise that error in the saving thread. `close` always waits for the writer to end.
    """

    BUFFERS = 3

    def __init__(self, fd: int) -> None:
        self._out = StreamWriter(fd)
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        for _ in range(self.BUFFERS):
            self._free.put(bytearray(crypto.SEAL_BUFFER))
        self._work: queue.SimpleQueue[tuple[bytearray, int] | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="copingkit-save-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._work.get()) is not None:
            buffer, length = item
            if self._error is None:
                try:
                    with memoryview(buffer) as view:
                        self._out(view[:length])
                except BaseException as error:  # handed to the saving thread
                    self._error = error
            self._free.put(buffer)

    def take(self) -> bytearray:
        buffer = self._free.get()
        if self._error is not None:
            raise self._error
        return buffer

    def give(self, buffer: bytearray, length: int) -> None:
        self._work.put((buffer, length))

    def close(self, *, abandon: bool = False) -> None:
        """Wait for every buffer given to be written (or the writer to have stopped at an error);
        with `abandon` (the seal failed: the temp file is going) nothing more is written."""
        if abandon and self._error is None:
            self._error = SaveFailed("the save stopped before its file was written")
        self._work.put(None)
        self._thread.join()
        if self._error is not None and not abandon:
            raise self._error


THREADED_FROM = 4 << 20
"""From this many bytes a sealed file is written on a thread of its own (ThreadedSink)."""


def sink_for(fd: int, length: int) -> DirectSink | ThreadedSink:
    return ThreadedSink(fd) if length >= THREADED_FROM else DirectSink(fd)


def write_file_atomically(path: Path, data: bytes | bytearray | memoryview) -> None:
    """Write `data` to `path` atomically (write_atomically): temp file, fsync, replace, fsync the folder."""
    write_atomically(path, functools.partial(write_all, data=data))


class CopyChanged(OSError):
    """The file being copied is not the one expected (another length, header or tag)."""

    def __init__(self) -> None:
        super().__init__(errno.ESTALE, "the journal changed on disk while it was copied")


def copy_file_atomically(source: Path, target: Path, expect: OnDisk | None = None) -> None:
    """Copy the file at `source` to `target` atomically, STREAM_CHUNK at a time (never whole in memory).

    With `expect`, the bytes copied must be that file (its length, header and last 16 bytes), else
    CopyChanged and nothing is written: a backup of the file a save just wrote is that file.
    """

    def fill(fd: int) -> None:
        out = StreamWriter(fd)
        with open(source, "rb", buffering=0) as handle:
            buffer = bytearray(crypto.STREAM_CHUNK)
            view, head, tail, copied = memoryview(buffer), b"", b"", 0
            while got := handle.readinto(view):
                chunk = view[:got]
                if expect is not None:
                    if len(head) < len(expect.header):
                        head += bytes(chunk[: len(expect.header) - len(head)])
                    tail = bytes(chunk[-fmt.TAG_LEN :]) if got >= fmt.TAG_LEN else (tail + bytes(chunk))[-fmt.TAG_LEN :]
                out(chunk)
                copied += got
            if expect is not None and (copied, head, tail) != (expect.length, expect.header, expect.tag):
                raise CopyChanged()

    write_atomically(target, fill)


class FolderNotSynced(OSError):
    """The new file is in place, but fsyncing its folder failed: written, not yet known to be durable."""


_BACKUP_STAMP = r"(\d{8}(?:T\d{6}Z)?)"
"""A daily backup's date (YYYYMMDD), or `backup`'s UTC time (YYYYMMDDTHHMMSSZ)."""


def backup_folder(path: Path) -> Path:
    """Where this vault's backups go: backups/<stem>/ beside it."""
    return path.parent / BACKUP_DIR / path.stem


def list_backups(path: Path) -> list[Path]:
    """This vault's backups, oldest first, matched exactly so a sibling vault's are never listed.

    Read from backups/<stem>/ and from the older flat backups/ folder: `<stem>-YYYYMMDD.vault` (daily)
    and `<stem>-YYYYMMDDTHHMMSSZ.vault` (`backup`).
    """
    path = Path(path).resolve()
    pattern = re.compile(rf"{re.escape(path.stem)}-{_BACKUP_STAMP}\.vault")
    found = []
    for folder in (path.parent / BACKUP_DIR, backup_folder(path)):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match and entry.is_file():
                found.append((match.group(1), str(entry), entry))
    return [entry for *_, entry in sorted(found)]


def _daily(backup: Path) -> bool:
    return "T" not in backup.stem.rsplit("-", 1)[-1]


@dataclass(frozen=True)
class OnDisk:
    """What a vault file looked like when it was loaded or saved: every save has a fresh salt in its
    header and its own GCM tag, so length + header + tag tell two saves apart without hashing the body."""

    length: int
    header: bytes
    tag: bytes

    @classmethod
    def of(cls, data: bytes, header_len: int) -> OnDisk:
        return cls(len(data), bytes(data[:header_len]), bytes(data[-fmt.TAG_LEN :]))

    @classmethod
    def read(cls, path: Path, header_len: int) -> OnDisk | None:
        """The same three things of the file at `path` now, from one open file; None when it is gone."""
        try:
            with open(path, "rb") as handle:
                length = os.fstat(handle.fileno()).st_size
                header = handle.read(header_len)
                handle.seek(max(length - fmt.TAG_LEN, 0))
                tag = handle.read(fmt.TAG_LEN)
        except OSError:
            return None
        return cls(length, header, tag)


def copies_of(path: Path) -> list[Path]:
    """Every sealed copy of the vault at `path` copingkit wrote: its backups, conflict copies and
    before-restore copies, each matched by its exact name pattern (a sibling vault's never match)."""
    stem = re.escape(path.stem)
    beside = re.compile(rf"{stem}\.(conflict-\d{{8}}T\d{{12}}Z|before-restore-\d{{8}}T\d{{6}})\.vault")
    found = list(list_backups(path))
    with contextlib.suppress(OSError):
        found.extend(sorted(entry for entry in path.parent.iterdir() if beside.fullmatch(entry.name)))
    return found


@dataclass(frozen=True, repr=False)
class KeyRotation:
    """A new data key and the two slots wrapping it, made but not yet written (Vault.prepare_rotation)."""

    dek: bytes
    slots: tuple[fmt.Keyslot, ...]
    recovery_key: str | None
    """A new recovery key to show once before apply_rotation, or None when the current one is kept."""
    recovery_secret: bytes


class Vault:
    """One open journal: its key, its in-memory database, its lock, and the identity it was loaded at."""

    def __init__(
        self,
        *,
        path: Path | None,
        database: Database,
        header: fmt.Header | None,
        dek: bytes | None,
        lock: VaultLock | None,
        profile: KdfProfile,
        backups_keep: int | Callable[[], int] = 7,
    ) -> None:
        self.path = path
        self.database = database
        self._header = header
        self._dek = bytearray(dek) if dek is not None else None
        self._lock = lock
        self._profile = profile
        self._backups_keep = backups_keep
        self._saved_changes = database.changes
        self._header_dirty = False
        self._on_disk: OnDisk | None = None
        self._read_only = False
        self._recovery_secret: bytearray | None = None
        self.warnings: list[VaultWarning] = []
        self.closed = False

    # ---- creating and opening -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        kdf: KdfProfile | None = None,
        params: KdfParams | None = None,
        backups_keep: int | Callable[[], int] = 7,
        database: Database | None = None,
        trust_folder: bool = False,
    ) -> tuple[Vault, str]:
        """Make a new vault file; returns the open vault and the recovery key (shown once, never stored).

        Through a symlink the file is made at the link's target. A missing folder is made 0700; an
        existing one is checked (FolderNotTrusted) and never chmod-ed.
        """
        profile = kdf or REAL_KDF
        path = Path(path).resolve()
        if path.exists():
            raise AlreadyExists(str(path))
        warnings = check_folder(path.parent, trust=trust_folder) if path.parent.exists() else []
        make_private_folder(path.parent)
        lock = cls._take_lock(path)
        try:
            params = params or crypto.calibrate(profile)
            vault_id = os.urandom(16)
            dek = os.urandom(crypto.DEK_LEN)
            recovery_secret = crypto.new_recovery_secret()
            slots = (
                crypto.make_slot(fmt.SLOT_PASSPHRASE, vault_id, dek, normalise_passphrase(passphrase), params),
                crypto.make_slot(fmt.SLOT_RECOVERY, vault_id, dek, recovery_secret, None),
            )
            header = fmt.Header(vault_id=vault_id, generation=0, body_len=0, body_salt=bytes(16), slots=slots)
            vault = cls(
                path=path,
                database=database or Database.new(),
                header=header,
                dek=dek,
                lock=lock,
                profile=profile,
                backups_keep=backups_keep,
            )
            vault.warnings.extend(warnings)
            vault._write(expect_existing=False)
        except BaseException:
            lock.release()
            raise
        return vault, crypto.format_recovery_key(recovery_secret)

    @classmethod
    def in_memory(cls, database: Database | None = None) -> Vault:
        """A vault that lives only in memory (the demo); saving writes nothing."""
        return cls(path=None, database=database or Database.new(), header=None, dek=None, lock=None, profile=REAL_KDF)

    @staticmethod
    def _take_lock(path: Path, *, required: bool = True) -> VaultLock | None:
        """The non-blocking `<vault>.lock`; a read-only folder may not hold one (then None: nothing writes)."""
        lock = VaultLock(str(path) + ".lock")
        try:
            lock.acquire()
        except LockHeld as error:
            raise LockedError(str(path)) from error
        except OSError:
            if required:
                raise
            return None
        return lock

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str | None = None,
        *,
        recovery_key: str | None = None,
        kdf: KdfProfile | None = None,
        backups_keep: int | Callable[[], int] = 7,
        trust_folder: bool = False,
        allow_costly_kdf: bool = False,
        data_key: bytes | None = None,
    ) -> Vault:
        """Unlock the vault at `path` with a passphrase, a recovery key, or its already-unwrapped data key.

        `data_key` (the key agent's) skips the KDF; everything else is checked as with a passphrase,
        and a key that doesn't open the body (authenticated by AES-GCM) raises KeyNotAccepted.

        Costs are bounded before any work (policy.py); a MemoryError anywhere is NotEnoughMemory.

        The path is resolved once: through a symlink, saves, temp files, the lock and backups live beside
        the real file. Where the file or its folder can't be written the vault opens read-only, and
        deferred work (a migration's save, a weak slot's re-wrap) waits for a writable open.
        """
        profile = kdf or REAL_KDF
        path = Path(path).resolve()
        if not path.exists():
            raise VaultMissing(str(path))
        if sum(secret is not None for secret in (passphrase, recovery_key, data_key)) != 1:
            raise ValueError("give exactly one of passphrase, recovery_key or data_key")
        warnings = check_folder(path.parent, trust=trust_folder)
        writable = can_write(path)
        lock = cls._take_lock(path, required=writable)
        try:
            if writable:
                for stale in stale_temp_files(path):
                    with contextlib.suppress(OSError):
                        stale.unlink()
                warnings.extend(_tighten_file(path))
            backups = list_backups(path)
            header, dek, image, opened_slot, on_disk = _open_file(
                path,
                passphrase=passphrase,
                recovery_key=recovery_key,
                backups=backups,
                allow_costly=allow_costly_kdf,
                data_key=data_key,
            )
            try:
                before_migrating = functools.partial(_backup_before_migrating, path, on_disk) if writable else None
                database = Database.from_image(image, vault_id=header.vault_id, before_migrating=before_migrating)
            except MemoryError as error:
                raise NotEnoughMemory("database") from error
            except IntegrityFailure as error:
                raise Malformed(f"database check failed: {error}", backups=tuple(list_backups(path))) from error
            except SchemaTooNew as error:
                raise UnsupportedVersion(str(error)) from error
            finally:
                image.release()  # the decrypted frame goes now: SQLite holds its own copy
            vault = cls(
                path=path,
                database=database,
                header=header,
                dek=dek,
                lock=lock,
                profile=profile,
                backups_keep=backups_keep,
            )
            vault.warnings.extend(warnings)
            vault._on_disk = on_disk
            if recovery_key is not None:
                vault._recovery_secret = bytearray(crypto.parse_recovery_key(recovery_key) or b"")
            if not writable:
                vault._read_only = True
                vault.warnings.append(VaultWarning.read_only(path))
            else:
                vault._header_dirty = database.migrated
                if passphrase is not None:
                    vault._upgrade_weak_slot(passphrase, opened_slot)
                if vault.dirty:
                    vault.save()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return vault

    def _upgrade_weak_slot(self, passphrase: str, index: int) -> None:
        """Re-wrap the passphrase slot that just opened (slot `index`) if its cost is below the policy
        minimum. Only that slot: another passphrase slot belongs to another passphrase."""
        assert self._header is not None and self._dek is not None
        slots = list(self._header.slots)
        slot = slots[index]
        if slot.slot_type != fmt.SLOT_PASSPHRASE or slot.kdf_id != fmt.KDF_ARGON2ID:
            return
        if not KdfParams(slot.m_kib, slot.t, slot.p).at_least(self._profile.minimum):
            params = crypto.calibrate(self._profile)
            slots[index] = crypto.make_slot(
                fmt.SLOT_PASSPHRASE,
                self._header.vault_id,
                bytes(self._dek),
                normalise_passphrase(passphrase),
                params,
            )
            self._header = self._header.with_changes(slots=tuple(slots))
            self._header_dirty = True

    # ---- state --------------------------------------------------------------------------

    @property
    def backups_keep(self) -> int:
        """How many daily backups to keep. Given as a function (the CLI's config file), it is called
        at the first save, so a command that only reads never loads the config for it."""
        if callable(self._backups_keep):
            self._backups_keep = int(self._backups_keep())
        return self._backups_keep

    @backups_keep.setter
    def backups_keep(self, value: int | Callable[[], int]) -> None:
        self._backups_keep = value

    @property
    def read_only(self) -> bool:
        """Opened where the file or its folder can't be written: it reads, and any change raises ReadOnly."""
        return self._read_only

    @property
    def is_demo(self) -> bool:
        return self.path is None

    @property
    def dirty(self) -> bool:
        return self._header_dirty or self.database.changes != self._saved_changes

    @property
    def generation(self) -> int:
        return self._header.generation if self._header else 0

    @property
    def vault_id(self) -> bytes | None:
        return self._header.vault_id if self._header else None

    def unwrapped_key(self) -> bytes:
        """A copy of the data key (for the key agent, `copingkit unlock`); SaveFailed for the demo."""
        self._check_open()
        if self._dek is None or self._header is None:
            raise SaveFailed("the demo has no keys")
        return bytes(self._dek)

    @property
    def passphrase_params(self) -> KdfParams | None:
        if not self._header:
            return None
        for slot in self._header.slots:
            if slot.slot_type == fmt.SLOT_PASSPHRASE:
                return KdfParams(slot.m_kib, slot.t, slot.p)
        return None

    def backups(self) -> list[Path]:
        return list_backups(self.path) if self.path else []

    # ---- saving -------------------------------------------------------------------------

    def save(self, *, force: bool = False) -> bool:
        """Seal and atomically replace the file. Returns True if something was written.

        Raises Conflict when the file changed on disk since it was loaded, SaveFailed on I/O errors;
        in both cases the in-memory data is kept and the file on disk is untouched.
        """
        self._check_open()
        if self.path is None:
            self._saved_changes = self.database.changes
            return False
        if not (force or self.dirty):
            return False
        if self.read_only:
            raise ReadOnly(str(self.path))
        with self.database.lock:
            if self.database.in_transaction:
                raise SaveFailed("a change is still being written")
            self._check_identity()
            on_disk = self._write(expect_existing=True)
        self._rotate_backups(on_disk)
        return True

    def open_copy(self, data: bytes) -> bytes | None:
        """The SQLite image of another copy of this journal (the file on disk after a conflict, a
        conflict copy) when this vault's own data key opens it; None when it doesn't (another journal,
        or a copy from after a key change: then its passphrase is needed)."""
        self._check_open()
        assert self._header is not None and self._dek is not None
        header = fmt.parse_header(data)
        policy.check_body(header)
        if header.vault_id != self._header.vault_id:
            return None
        try:
            return crypto.open_body(
                bytes(self._dek), header, bytes(data[: header.header_len]), memoryview(data)[header.header_len :]
            )
        except crypto.BodyFailed:
            return None

    def adopt_disk_copy(self, data: bytes) -> None:
        """Take `data` (the bytes of the file on disk, read after a Conflict) as what was loaded.

        Only for after a merge has brought that file's content into this journal: the next save then
        replaces it (with a generation past both) instead of conflicting again. If the file changes once
        more before that save, the save still finds the difference and conflicts.
        """
        self._check_open()
        assert self._header is not None
        header = fmt.parse_header(data)
        if header.vault_id != self._header.vault_id:
            raise ValueError("not a copy of this journal")
        self._on_disk = OnDisk.of(data, header.header_len)
        self._header = self._header.with_changes(generation=max(self._header.generation, header.generation))
        self._header_dirty = True

    def _check_identity(self) -> None:
        """Conflict (after writing our version beside it) unless the file on disk is the one we loaded or saved.

        Length, whole header and GCM tag: another generation, the same generation with other content,
        a rollback, a replaced or missing file all differ in at least one of them.
        """
        assert self.path is not None and self._on_disk is not None
        if OnDisk.read(self.path, len(self._on_disk.header)) != self._on_disk:
            copy = self._write_conflict_copy()
            raise Conflict(str(self.path), conflict_copy=copy)

    def _next_header(self, image_len: int) -> fmt.Header:
        assert self._header is not None
        return self._header.with_changes(
            generation=self._header.generation + 1,
            body_salt=os.urandom(16),
            body_len=crypto.body_length_for(image_len),
        )

    def _sealer(
        self,
        sealed: list[tuple[fmt.Header, bytes]],
        image: bytes | memoryview | None = None,
        header: fmt.Header | None = None,
    ) -> Callable[[int], None]:
        """What write_atomically calls to stream the sealed file into its temp file (crypto.seal_to):
        every chunk is checked to decrypt back to the image before it is written, so a seal that would
        not open (the wrong key or header, a fault in the encryption) never reaches the rename. The
        header and tag go into `sealed`: with the length they are what the file on disk now is.

        Without `image`, the database is serialised here and let go of as soon as its last chunk is
        sealed: freeing a file-sized buffer then overlaps the last writes and the disk's writeback
        instead of coming after the fsync. Without `header`, the next generation's is used.
        """
        assert self._dek is not None
        dek = bytes(self._dek)
        given = [image] if image is not None else []

        def fill(fd: int) -> None:
            held = [given.pop() if given else self.database.image()]
            sealing = header or self._next_header(len(held[0]))
            sink = sink_for(fd, sealing.header_len + sealing.body_len)
            try:
                tag = crypto.seal_to(sink, dek, sealing, held.pop())
            except BaseException:
                sink.close(abandon=True)
                raise
            sink.close()
            sealed.append((sealing, tag))

        return fill

    def _write(self, *, expect_existing: bool) -> OnDisk:
        """Seal and write atomically, each chunk checked in memory before it is written; returns what
        is now on disk. No file-sized sealed buffer exists: the image is encrypted a chunk at a time."""
        assert self.path is not None and self._header is not None
        if not expect_existing and self.path.exists():
            raise AlreadyExists(str(self.path))
        sealed: list[tuple[fmt.Header, bytes]] = []
        try:
            write_atomically(self.path, self._sealer(sealed))
        except FolderNotSynced as error:
            self.warnings.append(VaultWarning.folder_not_synced(error.strerror or str(error)))
        except crypto.SealNotVerified as error:
            raise SaveFailed("the sealed copy did not verify") from error
        except OSError as error:
            raise SaveFailed(error.strerror or str(error)) from error
        ((header, tag),) = sealed
        self._header = header
        self._on_disk = OnDisk(header.header_len + header.body_len, header.to_bytes(), tag)
        self._saved_changes = self.database.changes
        self._header_dirty = False
        return self._on_disk

    def _write_conflict_copy(self) -> Path | None:
        assert self.path is not None and self._header is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = self.path.with_name(f"{self.path.stem}.conflict-{stamp}.vault")
        try:
            write_atomically(target, self._sealer([]))
        except (OSError, crypto.SealNotVerified):
            return None
        return target

    def _rotate_backups(self, saved: OnDisk) -> None:
        """Keep one sealed copy a day in backups/<stem>/, the newest `backups_keep` daily ones: a copy
        of the file just saved (`saved`), read back from it a chunk at a time.

        Only this vault's daily backups (both layouts, matched exactly) ever rotate out; `backup`'s
        timestamped copies and a sibling vault's files are never touched.
        """
        if self.path is None:
            return
        folder = backup_folder(self.path)
        today = datetime.now(UTC).strftime("%Y%m%d")
        target = folder / f"{self.path.stem}-{today}.vault"
        try:
            keep = self.backups_keep
            if keep <= 0:
                return
            if not target.exists():
                make_private_folder(folder)
                copy_file_atomically(self.path, target, saved)
            daily = [backup for backup in list_backups(self.path) if _daily(backup)]
            for old in daily[:-keep]:
                old.unlink()
        except OSError as error:
            self.warnings.append(VaultWarning.backup_not_written(str(error.strerror or error)))

    def backup_now(self, destination: Path | None = None) -> Path:
        """Save, then copy the sealed file to `destination` (default: a timestamped copy in backups/<stem>/).

        An explicit destination's folder must exist and is never chmod-ed.
        """
        self._check_open()
        if self.path is None:
            raise SaveFailed("the demo has nothing to back up")
        self.save()
        if destination is None:
            destination = _stamped_backup(self.path)
            make_private_folder(destination.parent)
        destination = Path(destination)
        if not destination.parent.is_dir():
            raise SaveFailed(f"the folder {destination.parent} does not exist")
        with self.database.lock:
            self._check_identity()
            copy_file_atomically(self.path, destination, self._on_disk)
        return destination

    # ---- keys ---------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, *, recovery_key: str | None = None) -> str | None:
        """Rotate the data key under a new passphrase (see `apply_rotation`).

        The recovery slot keeps the current recovery key when it is given (or this vault was opened
        with it); otherwise a new one is made, and returned so it can be shown once.
        """
        rotation = self.prepare_rotation(new_passphrase, recovery_key=recovery_key)
        self.apply_rotation(rotation)
        return rotation.recovery_key

    def new_recovery_key(self, passphrase: str) -> str:
        """A new recovery key (the old one stops working): checks `passphrase`, then rotates the data key."""
        rotation = self.prepare_rotation(passphrase, new_recovery=True, current_passphrase=passphrase)
        self.apply_rotation(rotation)
        assert rotation.recovery_key is not None
        return rotation.recovery_key

    def prepare_rotation(
        self,
        passphrase: str,
        *,
        recovery_key: str | None = None,
        new_recovery: bool = False,
        current_passphrase: str | None = None,
    ) -> KeyRotation:
        """A new data key wrapped for `passphrase` and a recovery key; the KDF work, nothing written.

        The recovery key is the one given (checked against this vault: WrongSecret(Secret.RECOVERY_KEY) if it
        doesn't open it), else the one this vault was opened with, else (or with `new_recovery`) a
        new one, in `KeyRotation.recovery_key`, to be shown before `apply_rotation` writes anything.
        A `current_passphrase` must open this vault's passphrase slot now (WrongSecret otherwise); when
        it is also the new one, that slot's cost is kept rather than calibrated again.
        """
        self._check_open()
        if self._header is None or self._dek is None:
            raise SaveFailed("the demo has no keys")
        vault_id, dek = self._header.vault_id, bytes(self._dek)
        params = None
        if current_passphrase is not None:
            opened = self._slot_opened_by(fmt.SLOT_PASSPHRASE, normalise_passphrase(current_passphrase))
            if opened is None:
                raise WrongSecret(Secret.PASSPHRASE)
            kept = policy.slot_params(opened)
            if (
                current_passphrase == passphrase
                and kept.at_least(self._profile.minimum)
                and kept.within(costs.POLICY_MAX)
            ):
                params = kept
        shown = None
        if recovery_key is not None and not new_recovery:
            secret = crypto.parse_recovery_key(recovery_key)
            if secret is None:
                raise RecoveryKeyShape()
            if self._slot_opened_by(fmt.SLOT_RECOVERY, secret) is None:
                raise WrongSecret(Secret.RECOVERY_KEY)
        elif self._recovery_secret and not new_recovery:
            secret = bytes(self._recovery_secret)
        else:
            secret = crypto.new_recovery_secret()
            shown = crypto.format_recovery_key(secret)
        new_dek = os.urandom(crypto.DEK_LEN)
        slots = (
            crypto.make_slot(
                fmt.SLOT_PASSPHRASE,
                vault_id,
                new_dek,
                normalise_passphrase(passphrase),
                params or crypto.calibrate(self._profile),
            ),
            crypto.make_slot(fmt.SLOT_RECOVERY, vault_id, new_dek, secret, None),
        )
        del dek
        return KeyRotation(dek=new_dek, slots=slots, recovery_key=shown, recovery_secret=secret)

    def _slot_opened_by(self, slot_type: int, secret: bytes) -> fmt.Keyslot | None:
        assert self._header is not None and self._dek is not None
        for slot in self._header.slots:
            if slot.slot_type == slot_type and crypto.unwrap_slot(slot, self._header.vault_id, secret) == bytes(
                self._dek
            ):
                return slot
        return None

    def apply_rotation(self, rotation: KeyRotation) -> None:
        """Write this vault under the rotation's new data key, then re-seal every copy of it.

        Order and what holds after a failure or a kill at any point:
        1. The vault file is replaced atomically (temp file, fsync, os.replace) after the same conflict
           check as a save. Before the replace: nothing changed; the old passphrase and recovery key
           open everything (a new recovery key already shown never came into use). After it: the
           vault opens with the new passphrase and the new (or kept) recovery key only.
        2. Then each backup, conflict copy and before-restore copy of this vault that the old data
           key opens is re-sealed under the new keys, one atomic replace per file, keeping its own
           content, generation and modification time. A copy not yet re-sealed (a crash, a full
           disk, a read-only folder) still opens with the old passphrase and the old recovery key;
           `warnings` says how many. Copies sealed under some other key are left as they are.
        So every file is always whole and opens with one secret the person knows.
        """
        self._check_open()
        assert self.path is not None and self._header is not None and self._dek is not None
        if self.read_only:
            raise ReadOnly(str(self.path))
        previous_header, previous_dek = self._header, self._dek
        with self.database.lock:
            if self.database.in_transaction:
                raise SaveFailed("a change is still being written")
            self._check_identity()
            self._header = previous_header.with_changes(slots=rotation.slots)
            self._dek = bytearray(rotation.dek)
            try:
                self._write(expect_existing=True)
            except BaseException:
                self._header, self._dek = previous_header, previous_dek
                raise
        self._recovery_secret = bytearray(rotation.recovery_secret)
        from copingkit.core import keyagent

        keyagent.forget(self.path, self._header.vault_id)  # the agent's copy of the old key ends here
        try:
            failed = self._reseal_copies(bytes(previous_dek))
        finally:
            for i in range(len(previous_dek)):
                previous_dek[i] = 0
        if failed:
            self.warnings.append(VaultWarning.backups_not_resealed(len(failed)))

    def _reseal_copies(self, old_dek: bytes) -> list[Path]:
        """Re-seal each copy of this vault that `old_dek` opens; returns the ones that failed."""
        assert self.path is not None and self._header is not None and self._dek is not None
        failed = []
        for copy in copies_of(self.path):
            try:
                data = read_sealed(copy)
                header = fmt.parse_header(data)
                if header.vault_id != self._header.vault_id:
                    continue
                try:
                    image = crypto.open_body(
                        old_dek, header, bytes(data[: header.header_len]), memoryview(data)[header.header_len :]
                    )
                except crypto.BodyFailed:
                    continue  # sealed under another key: the old data key never opened it
                del data
                resealed = header.with_changes(
                    slots=self._header.slots, body_salt=os.urandom(16), body_len=crypto.body_length_for(len(image))
                )
                times = copy.stat()
                try:
                    write_atomically(copy, self._sealer([], image, resealed))
                finally:
                    image.release()
                with contextlib.suppress(OSError):
                    os.utime(copy, ns=(times.st_atime_ns, times.st_mtime_ns))
            except (OSError, VaultError, crypto.SealNotVerified):
                failed.append(copy)
        return failed

    # ---- closing ------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self.closed:
            raise SaveFailed("the journal is locked")

    def close(self, *, save: bool = True) -> None:
        """Save if dirty, then close the database, drop the key and release the lock.

        If the save fails the vault stays open (and the error propagates) so nothing is lost.
        """
        if self.closed:
            return
        if save and self.dirty:
            self.save()
        self.database.close()
        if self._recovery_secret is not None:
            for i in range(len(self._recovery_secret)):
                self._recovery_secret[i] = 0
            self._recovery_secret = None
        if self._dek is not None:
            for i in range(len(self._dek)):
                self._dek[i] = 0
            self._dek = None
        if self._lock is not None:
            self._lock.release()
        self.closed = True

    lock = close

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stamped_backup(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_folder(path) / f"{path.stem}-{stamp}.vault"


def _backup_before_migrating(path: Path, loaded: OnDisk) -> None:
    """A timestamped copy of the file as it was loaded (`loaded`: CopyChanged if it is not that file
    any more), written before a schema migration changes anything."""
    destination = _stamped_backup(path)
    try:
        make_private_folder(destination.parent)
        copy_file_atomically(path, destination, loaded)
    except OSError as error:
        raise SaveFailed(
            f"Couldn't write a backup before updating this journal's format ({error.strerror or error}); nothing was changed."
        ) from error


def read_sealed(path: Path, *, allow_costly: bool = False, backups: list[Path] | None = None) -> bytearray:
    """Every byte of the vault file at `path`, read in one pass once its header has checked out.

    The header is read and parsed first; the declared body length is checked against the file's
    size and the ceiling (policy.check_body) before the body is read or memory is set aside for it.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(fmt.MAX_HEADER_LEN)
        try:
            header = fmt.parse_header(head, file_size=size)
        except Malformed as error:
            error.backups = tuple(backups or ())
            raise
        policy.check_body(header, allow_costly=allow_costly)
        try:
            data = bytearray(size)
        except MemoryError as error:
            raise NotEnoughMemory("body") from error
        data[: len(head)] = head
        view, filled = memoryview(data), len(head)
        while filled < size:
            got = handle.readinto(view[filled:])
            if not got:
                raise Malformed("the file got shorter while it was read", backups=tuple(backups or ()))
            filled += got
        if handle.read(1):
            raise Malformed("the file got longer while it was read", backups=tuple(backups or ()))
    return data


def unseal(
    data: bytes,
    *,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    backups: list[Path] | None = None,
    allow_costly: bool = False,
) -> tuple[fmt.Header, bytes, bytes]:
    """Parse, unwrap and decrypt a whole vault file. Returns (header, dek, sqlite image)."""
    header, dek, image, _ = _unseal(
        data, passphrase=passphrase, recovery_key=recovery_key, backups=backups, allow_costly=allow_costly
    )
    return header, dek, image


def _unseal(
    data: bytes,
    *,
    passphrase: str | None,
    recovery_key: str | None,
    backups: list[Path] | None,
    allow_costly: bool,
    data_key: bytes | None = None,
) -> tuple[fmt.Header, bytes, memoryview, int]:
    """unseal, plus the index of the slot that opened (-1 for a `data_key`). Every cost is checked
    before any KDF runs; a `data_key` skips the slots and must open the authenticated body."""
    backups_tuple = tuple(backups or ())
    try:
        header = fmt.parse_header(data)
    except Malformed as error:
        error.backups = backups_tuple
        raise
    policy.check_body(header, allow_costly=allow_costly)
    header_bytes = bytes(data[: header.header_len])
    dek, opened = _unlock(
        header, passphrase=passphrase, recovery_key=recovery_key, data_key=data_key, allow_costly=allow_costly
    )
    with _body_failures(data_key is not None, backups_tuple):
        image = crypto.open_body(dek, header, header_bytes, memoryview(data)[header.header_len :])
    return header, dek, image, opened


def _unlock(
    header: fmt.Header,
    *,
    passphrase: str | None,
    recovery_key: str | None,
    data_key: bytes | None,
    allow_costly: bool,
) -> tuple[bytes, int]:
    """(the data key, the index of the slot that opened it, -1 for a `data_key`) from the header alone;
    WrongSecret when no slot opens. Costs are checked (policy) before any KDF runs."""
    if data_key is not None:
        return bytes(data_key), -1
    if passphrase is not None:
        secret, wanted, which = normalise_passphrase(passphrase), fmt.SLOT_PASSPHRASE, Secret.PASSPHRASE
    else:
        secret = crypto.parse_recovery_key(recovery_key or "")
        wanted, which = fmt.SLOT_RECOVERY, Secret.RECOVERY_KEY
        if secret is None:
            raise RecoveryKeyShape()
    policy.check_slots_tried(header, wanted, allow_costly=allow_costly)
    for index, slot in enumerate(header.slots):
        if slot.slot_type == wanted:
            dek = crypto.unwrap_slot(slot, header.vault_id, secret)
            if dek is not None:
                return dek, index
    raise WrongSecret(which)


@contextlib.contextmanager
def _body_failures(given_key: bool, backups: tuple[Path, ...]) -> Iterator[None]:
    """A body that doesn't authenticate: KeyNotAccepted for a key given as it is (the agent's), else
    Tampered (a slot opened, so the key is right and the body is not what was sealed)."""
    try:
        yield
    except crypto.BodyFailed as error:
        if given_key:
            raise KeyNotAccepted() from error
        raise Tampered(str(error), backups=backups) from error


def _open_file(
    path: Path,
    *,
    passphrase: str | None,
    recovery_key: str | None,
    backups: list[Path],
    allow_costly: bool,
    data_key: bytes | None,
) -> tuple[fmt.Header, bytes, memoryview, int, OnDisk]:
    """Open the vault file at `path` without holding it whole: (header, dek, image, opened slot, what was loaded).

    The header is read and checked (and the body's length against the ceilings) first, then the
    nonce and the tag, then the key is unwrapped, and only then is the body read, STREAM_CHUNK at a
    time into one small buffer, and decrypted into the frame (crypto.open_body_chunks), which is
    looked at only once its tag has checked out. So an open holds the frame, not the file as well.
    """
    backups_tuple = tuple(backups)
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        head = _read_exactly(handle, 0, min(size, fmt.MAX_HEADER_LEN), backups_tuple)
        try:
            header = fmt.parse_header(head, file_size=size)
        except Malformed as error:
            error.backups = backups_tuple
            raise
        policy.check_body(header, allow_costly=allow_costly)
        header_bytes = head[: header.header_len]
        nonce = _read_exactly(handle, header.header_len, fmt.NONCE_LEN, backups_tuple)
        tag = _read_exactly(handle, size - fmt.TAG_LEN, fmt.TAG_LEN, backups_tuple)
        # With a passphrase, the frame's pages are touched before waiting for its key: the derivation's
        # child works meanwhile. (A key already known has no wait to hide them behind.)
        frame = crypto.frame_for(header, touched=passphrase is not None)
        try:
            dek, opened = _unlock(
                header, passphrase=passphrase, recovery_key=recovery_key, data_key=data_key, allow_costly=allow_costly
            )
            start, end = header.header_len + fmt.NONCE_LEN, size - fmt.TAG_LEN
            with _body_failures(data_key is not None, backups_tuple):
                image = crypto.open_body_chunks(
                    dek, header, header_bytes, nonce, tag, _chunks_of(handle, start, end, backups_tuple), frame
                )
        except BaseException:
            with contextlib.suppress(BufferError):  # a view of it still held (in a traceback): unmapped with it
                frame.close()
            raise
        del frame  # the image's view keeps the buffer; it is unmapped when that view goes
        try:
            if handle.read(fmt.TAG_LEN + 1) != tag:
                raise Malformed("the file changed while it was read", backups=backups_tuple)
        except BaseException:
            image.release()
            raise
    return header, dek, image, opened, OnDisk(size, header_bytes, tag)


def _read_exactly(handle, at: int, count: int, backups: tuple[Path, ...]) -> bytes:
    handle.seek(at)
    data = handle.read(count)
    if len(data) != count:
        raise Malformed("the file got shorter while it was read", backups=backups)
    return data


def _chunks_of(handle, start: int, end: int, backups: tuple[Path, ...]) -> Iterator[memoryview]:
    """Bytes start..end of the open file, STREAM_CHUNK at a time, each read into the same buffer (each
    view is good until the next is asked for)."""
    buffer = bytearray(min(crypto.STREAM_CHUNK, max(end - start, 1)))
    view = memoryview(buffer)
    handle.seek(start)
    at = start
    while at < end:
        got = handle.readinto(view[: min(len(buffer), end - at)])
        if not got:
            raise Malformed("the file got shorter while it was read", backups=backups)
        yield view[:got]
        at += got


def read_identity(path: Path) -> tuple[bytes, int]:
    """(vault_id, generation) of the vault at `path`, after checking its whole header (the body is not read)."""
    header = read_header(path)
    return header.vault_id, header.generation


def read_header(path: Path) -> fmt.Header:
    """The checked header of the vault file at `path`, read without its body."""
    return fmt.read_file_header(path)


def _tighten_file(path: Path) -> list[VaultWarning]:
    """The vault file itself is 0600: tighten a looser one and say so. Its folder is never chmod-ed."""
    if sys.platform == "win32":
        return []
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, 0o600)
            return [VaultWarning.file_tightened(path, mode)]
    except OSError:
        pass
    return []
