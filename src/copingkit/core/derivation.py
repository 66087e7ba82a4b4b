"""Argon2id where it can be stopped: in a child process that ctrl-c or quitting ends at once (DESIGN.md §2.2).

A thread can't be interrupted in the middle of a derivation and Python joins threads at exit, so a
costly derivation runs in a child: a fresh interpreter (`python -m copingkit.core.derivation_child`, which
imports only `cryptography`), in its own session so a ctrl-c at the terminal reaches only us. The
secret goes to the child over its stdin pipe, never in argv or the environment. `cancel_all` (quit,
a signal) kills every running child, which ends the waiting thread's read of its answer at once; it
raises `Stopped`, which says nothing about whether the secret was right.

The child is core/derivation_child.py, which imports nothing of copingkit's and nothing of the
standard library's that it doesn't use: its start is on the way to every unlock.

A plain subprocess rather than multiprocessing: multiprocessing's spawn starts a resource tracker
that needs a real stderr file descriptor, which an app running under Textual doesn't have.

Ahead of time (the command line, whose every run derives one key, core/vault/ahead.py): `begin(...)`
hands a derivation to a child at once, and the `derive(...)` with the same inputs takes that child's
answer instead of starting another, so the child's start, its import of `cryptography` and the
derivation itself run while this process goes on loading; `discard_ahead()` ends what was not taken.
Nothing about the outcome changes: the same child, the same answer, the same errors, and `cancel_all`
ends these children too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any


class Stopped(Exception):
    """The derivation was cancelled before it finished."""


class OutOfMemory(Exception):
    """The child ran out of memory, or the system ended it (the OOM killer) before it answered."""


class LibraryFailed(Exception):
    """`cryptography` raised inside the child; the message is only the exception's type name."""


class _Child:
    """One child process (a plain class: dataclasses' import is on the way to every unlock)."""

    __slots__ = ("cancelled", "process")

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.cancelled = False


IN_PROCESS_WORK = 65_536
"""m_kib × t at or below which a derivation (well under 0.1 s) runs in the asking process rather than in a child."""

_running: set[_Child] = set()
_changed = threading.Condition()
_ahead: dict[tuple[bytes, bytes, int, int, int], _Child] = {}
"""Derivations `begin()` handed to a child, by their inputs, until `derive()` takes one (guarded by `_changed`)."""
_waiting: list[_Child] = []
"""Children `prespawn()` started that have no request yet (guarded by `_changed`)."""


def cancel_all() -> int:
    """Kill every derivation running in a child; returns how many were running."""
    with _changed:
        children = list(_running)
        for child in children:
            child.cancelled = True
            if child.process is not None:
                child.process.kill()
        _changed.notify_all()
    return len(children)


def running_pids() -> list[int]:
    with _changed:
        return [child.process.pid for child in _running if child.process is not None]


def wait_until_running(timeout: float) -> bool:
    """Block until some derivation's child has started (for tests and diagnostics)."""
    with _changed:
        return _changed.wait_for(lambda: any(c.process is not None for c in _running), timeout)


def wait_until_idle(timeout: float) -> bool:
    """Block until no derivation is running (its child ended and was reaped)."""
    with _changed:
        return _changed.wait_for(lambda: not _running, timeout)


def derive(secret: bytes, salt: bytes, m_kib: int, t: int, p: int) -> bytes:
    """Argon2id(secret, salt, m, t, p) -> 32 bytes, computed in a child process (the one `begin` gave
    these same inputs, if it did)."""
    with _changed:
        child = _ahead.pop((secret, salt, m_kib, t, p), None)
    if child is None:
        child = _start(_derive_request(secret, salt, m_kib, t, p))
    return bytes.fromhex(_answer(child))


def begin(secret: bytes, salt: bytes, m_kib: int, t: int, p: int) -> None:
    """Hand Argon2id(secret, salt, m, t, p) to a child now; `derive` with the same inputs takes its answer.

    Only for a derivation the caller is about to ask for, with inputs it has already checked (the vault's
    header parsed, its costs within policy): this starts the same work earlier, nothing else."""
    inputs = (secret, salt, m_kib, t, p)
    with _changed:
        if inputs in _ahead:
            return  # begun already (the command line begins as soon as it can, and again before the open)
    child = _start(_derive_request(*inputs))
    with _changed:
        old = _ahead.pop(inputs, None)
        _ahead[inputs] = child
    if old is not None:
        _end(old)


def prespawn() -> None:
    """Start a child now, before its request is known: the interpreter's start and its import of
    `cryptography` (~20 ms) then run while the caller reads the passphrase and the file's header. The
    next derivation in a child is given to it. `discard_ahead()` ends it if none comes."""
    with _changed:
        if _waiting:
            return
    child = _spawn()
    with _changed:
        _waiting.append(child)


def discard_ahead() -> None:
    """End the children `begin` or `prespawn` started that nobody took (after an unlock, or when it failed)."""
    with _changed:
        children = [*_ahead.values(), *_waiting]
        _ahead.clear()
        _waiting.clear()
    for child in children:
        _end(child)


def _derive_request(secret: bytes, salt: bytes, m_kib: int, t: int, p: int) -> dict[str, Any]:
    return {"kind": "derive", "secret": secret.hex(), "salt": salt.hex(), "m": m_kib, "t": t, "p": p}


def time_runs(m_kib: int, t: int, p: int, runs: int) -> list[float]:
    """Seconds each of `runs` Argon2id derivations at this cost takes, timed inside one child."""
    return _in_child(
        {
            "kind": "time",
            "secret": b"calibration".hex(),
            "salt": (b"\0" * 16).hex(),
            "m": m_kib,
            "t": t,
            "p": p,
            "runs": runs,
        }
    )


def _child_environment() -> dict[str, str]:
    """The parent's environment, with its import path, so the child imports this same copingkit."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(entry for entry in sys.path if entry)
    return environment


def _in_child(request: dict[str, Any]) -> Any:
    return _answer(_start(request))


def _spawn() -> _Child:
    """A new child (registered as running, so `cancel_all` ends it), not yet given its request."""
    child = _Child()
    with _changed:
        _running.add(child)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "copingkit.core.derivation_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_child_environment(),
            start_new_session=sys.platform != "win32",
        )
    except BaseException:
        _end(child)
        raise
    with _changed:
        child.process = process
        _changed.notify_all()
        if child.cancelled:
            process.kill()
    return child


def _start(request: dict[str, Any]) -> _Child:
    """A child working on `request`: one `prespawn` started if it is still there, else a new one."""
    with _changed:
        waiting = _waiting.pop() if _waiting else None
    if waiting is not None:
        if _give(waiting, request):
            return waiting
        _end(waiting)  # gone before it was asked anything: its end says nothing about this request
    child = _spawn()
    _give(child, request)  # if it is already gone, its exit status (in _answer) says why
    return child


def _give(child: _Child, request: dict[str, Any]) -> bool:
    """Send `request` to the child; False if it is no longer there to read it."""
    try:
        process = child.process
        assert process is not None and process.stdin is not None
        process.stdin.write((json.dumps(request) + "\n").encode("ascii"))
        process.stdin.close()
    except OSError:
        return False
    except BaseException:
        _end(child)
        raise
    return True


def _answer(child: _Child) -> Any:
    """The child's answer, read as it is given; the child is ended and forgotten whatever happens."""
    try:
        process = child.process
        assert process is not None and process.stdout is not None
        # Block on the answer itself: the child writes it and exits, and a cancel kills the child,
        # which ends the read at once too; no polling, so the answer is taken the moment it exists.
        output = process.stdout.read()
        process.wait()
        if child.cancelled:
            raise Stopped("cancelled")
        try:
            answer = json.loads(output or b"null")
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            raise OutOfMemory(f"the derivation ended without an answer (status {process.returncode})")
        if "ok" in answer:
            return answer["ok"]
        if answer.get("memory"):
            raise OutOfMemory("MemoryError in the derivation")
        raise LibraryFailed(str(answer.get("failed", "unknown")))
    finally:
        _end(child)


def _end(child: _Child) -> None:
    process = child.process
    if process is not None:
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass
    with _changed:
        _running.discard(child)
        _changed.notify_all()
