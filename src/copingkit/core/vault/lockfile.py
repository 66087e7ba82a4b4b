"""The `<vault>.lock` beside an open vault: one exclusive, non-blocking lock (DESIGN.md §2.3).

On POSIX it is flock(2) on a 0600 file: a second open of the same vault, by another process or by
this one (each open has its own file description), is refused at once, and the system drops the
lock when the process ends, however it ends. The file stays in place on release, as filelock leaves
it, so everyone locks the same inode. Only the standard library: filelock costs about as much to
import as click, on every command. Where flock isn't there (Windows, or a file system that refuses
it) filelock does the same job, imported then.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_NO_FLOCK = {errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}


class LockHeld(Exception):
    """Someone (another window, another program, this one) holds the lock now."""


class VaultLock:
    """`acquire()` the lock at `path` or raise LockHeld (an OSError when the file can't be made);
    `release()` lets it go. Released from any thread."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None
        self._fallback: Any = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None or self._fallback is not None

    def acquire(self) -> None:
        if self.is_locked:
            return
        if fcntl is None or sys.platform == "win32":
            self._acquire_with_filelock()
            return
        flags = os.O_RDWR | getattr(os, "O_CLOEXEC", 0)
        try:
            fd, created = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, 0o600), True
        except FileExistsError:
            fd, created = os.open(self.path, flags), False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            os.close(fd)
            raise LockHeld(self.path) from error
        except OSError as error:
            os.close(fd)
            if error.errno not in _NO_FLOCK:
                raise
            if created:  # filelock's own way there is a file that exists only while it is held
                os.unlink(self.path)
            self._acquire_with_filelock()
            return
        self._fd = fd

    def _acquire_with_filelock(self) -> None:
        from filelock import FileLock, Timeout

        lock = FileLock(self.path, mode=0o600, thread_local=False)
        try:
            lock.acquire(blocking=False)
        except Timeout as error:
            raise LockHeld(self.path) from error
        self._fallback = lock

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        fallback, self._fallback = self._fallback, None
        if fallback is not None:
            fallback.release()
