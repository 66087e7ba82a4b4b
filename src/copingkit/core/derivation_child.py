"""The child process that runs one Argon2id derivation (or times a few) for core/derivation.py.

`python -m copingkit.core.derivation_child`: the request (JSON, one line) comes on standard input,
the answer goes to standard output, and nothing else is said. The secret is in the request, never in
argv or the environment. This module imports only what that takes (`json`, `sys`, `time` and
`cryptography`'s Argon2id), since every unlock with a passphrase waits for this interpreter to start.
"""

from __future__ import annotations

import json
import sys
import time


def _not_dumpable() -> None:
    """The child holds the secret too: keep other same-user processes from reading its memory (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def main() -> None:
    _not_dumpable()
    try:  # before the request is read: a child started ahead of its request (prespawn) is ready sooner
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    except BaseException as error:  # noqa: BLE001 - reported as the answer, by its name only
        Argon2id, failed = None, {"failed": type(error).__name__}
    line = sys.stdin.buffer.readline()
    if not line:
        return  # ended before it was asked anything
    answer = failed if Argon2id is None else _answer(Argon2id, json.loads(line))
    sys.stdout.write(json.dumps(answer))
    sys.stdout.flush()


def _answer(argon2id: type, request: dict) -> dict[str, object]:
    try:
        secret, salt = bytes.fromhex(request["secret"]), bytes.fromhex(request["salt"])

        def once() -> bytes:
            return argon2id(
                salt=salt, length=32, iterations=request["t"], lanes=request["p"], memory_cost=request["m"]
            ).derive(secret)

        if request["kind"] == "derive":
            answer: dict[str, object] = {"ok": once().hex()}
        else:
            times = []
            for _ in range(request["runs"]):
                started = time.perf_counter()
                once()
                times.append(time.perf_counter() - started)
            answer = {"ok": times}
    except MemoryError:
        answer = {"memory": True}
    except BaseException as error:  # noqa: BLE001 - a Rust panic is a BaseException; report its name only
        answer = {"failed": type(error).__name__}
    return answer


if __name__ == "__main__":
    main()
