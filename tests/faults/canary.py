"""A unique canary string and a scanner that looks for it, in the encodings a leak would use."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

SYSTEM_TEMP = (Path("/tmp"), Path("/var/tmp"))


def new_canary() -> str:
    return f"cnry{uuid.uuid4().hex[:16]}"


def forms(canary: str) -> list[bytes]:
    """UTF-8, UTF-16-LE, and base64 of the UTF-8 at each of the three alignments inside longer text."""
    raw = canary.encode("utf-8")
    found = [raw, canary.encode("utf-16-le")]
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        first = -(-shift // 3)  # base64 groups made only of canary bytes
        last = (shift + len(raw)) // 3
        found.append(encoded[4 * first : 4 * last])
    return [form for form in found if len(form) >= 12]


def contains(data: bytes | str, canary: str) -> bool:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return any(form in data for form in forms(canary))


def files_with(canary: str, roots: Iterable[Path], *, since: float, exclude: Iterable[Path] = ()) -> list[Path]:
    """Regular files under `roots` modified at or after `since` (epoch seconds) that hold the canary."""
    excluded = [Path(path).resolve() for path in exclude]
    hits: list[Path] = []
    seen: set[Path] = set()
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder, name)
                try:
                    resolved = path.resolve()
                    info = os.stat(path, follow_symlinks=False)
                except OSError:
                    continue
                if resolved in seen or any(resolved.is_relative_to(e) for e in excluded):
                    continue
                seen.add(resolved)
                if not path.is_file() or path.is_symlink() or info.st_mtime < since - 1:
                    continue
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                if contains(data, canary):
                    hits.append(path)
    return hits
