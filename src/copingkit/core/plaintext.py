"""The only plaintext copingkit writes: a file the person asked for (an export, a printable plan, a report).

It is the person's own (0600) and never lands over a file that is there unless they said so:
`write_plaintext(path, text)` (text, or the bytes of a zip) raises FileExistsError for an existing path (checked by the create
itself, so nothing can slip in between a check and the write); `replace=True` swaps the file in
atomically. A write that fails part-way leaves no half file behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_plaintext(path: Path, text: str | bytes, *, replace: bool = False) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if replace:
        from copingkit.core.vault.store import write_file_atomically

        write_file_atomically(path, data)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)


__all__ = ["write_plaintext"]
