"""Run a command with one folder mounted read-only, in a private mount namespace.

Tests run as root, and root ignores permission bits: a chmod 0500 folder is still writable for it. A
read-only bind mount is not (EROFS), for root too. `unshare -rm` makes the mount visible to the command
only, so nothing outside the test sees it and nothing needs unmounting. `read_only_mount` does the
same inside the test process itself (for Pilot tests), and unmounts when the block ends.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

_MOUNT_READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'


def run_with_read_only_folder(folder: Path, command: Sequence[str], **kwargs: object) -> subprocess.CompletedProcess:
    """`subprocess.run(command, **kwargs)` where `folder` (and everything under it) can't be written."""
    return subprocess.run(["unshare", "-rm", "sh", "-c", _MOUNT_READ_ONLY, "sh", str(folder), *command], **kwargs)


@contextmanager
def read_only_mount(folder: Path) -> Iterator[Path]:
    """Bind-mount `folder` read-only over itself in this process's namespace for the `with` block (root only)."""
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True, timeout=30)
    try:
        subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(folder), str(folder)], check=True, capture_output=True, timeout=30
        )
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True, capture_output=True, timeout=30)
