"""Run a command with one folder mounted read-only, in a private mount namespace.

Tests run as root, and root ignores permission bits: a chmod 0500 folder is still writable for it. A
read-only bind mount is not (EROFS), for root too. `unshare -rm` makes the mount visible to the command
only, so nothing outside the test sees it and nothing needs unmounting.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

_MOUNT_READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'


def run_with_read_only_folder(
    folder: Path, command: Sequence[str], **kwargs: object
) -> subprocess.CompletedProcess:
    """`subprocess.run(command, **kwargs)` where `folder` (and everything under it) can't be written."""
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", _MOUNT_READ_ONLY, "sh", str(folder), *command], **kwargs
    )
