"""Argon2id where it can be stopped: in a child process that ctrl-c or quitting ends at once (DESIGN.md §2.2).

A thread can't be interrupted in the middle of a derivation and Python joins threads at exit, so a
costly derivation runs in a child started with the 'spawn' context: a fresh interpreter, with no
locks copied from the app's threads. The secret reaches the child over a pipe, never in argv or the
environment. `cancel_all` (quit, a signal) kills every running child; the waiting thread notices
within POLL_SECONDS and raises `Stopped`, which says nothing about whether the secret was right.

This module imports only the standard library and `cryptography`, so the child starts light; the
vault's error types are the caller's business (`copingkit.core.vault.crypto` maps these).
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

POLL_SECONDS = 0.1


class Stopped(Exception):
    """The derivation was cancelled before it finished."""


class OutOfMemory(Exception):
    """The child ran out of memory, or the system ended it (the OOM killer) before it answered."""


class LibraryFailed(Exception):
    """`cryptography` raised inside the child; the message is only the exception's type name."""


@dataclass(eq=False)
class _Child:
    process: Any
    cancelled: bool = field(default=False)


_running: set[_Child] = set()
_changed = threading.Condition()


def cancel_all() -> int:
    """Kill every derivation running in a child; returns how many were running."""
    with _changed:
        children = list(_running)
        for child in children:
            child.cancelled = True
            if child.process.pid is not None:
                child.process.kill()
        _changed.notify_all()
    return len(children)


def running_pids() -> list[int]:
    with _changed:
        return [child.process.pid for child in _running if child.process.pid is not None]


def wait_until_running(timeout: float) -> bool:
    """Block until some derivation's child has started (for tests and diagnostics)."""
    with _changed:
        return _changed.wait_for(lambda: any(c.process.pid is not None for c in _running), timeout)


def derive(secret: bytes, salt: bytes, m_kib: int, t: int, p: int) -> bytes:
    """Argon2id(secret, salt, m, t, p) -> 32 bytes, computed in a child process."""
    return _in_child(("derive", secret, salt, m_kib, t, p, 0))


def time_runs(m_kib: int, t: int, p: int, runs: int) -> list[float]:
    """Seconds each of `runs` Argon2id derivations at this cost takes, timed inside one child."""
    return _in_child(("time", b"calibration", b"\0" * 16, m_kib, t, p, runs))


def _in_child(request: tuple) -> Any:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = _Child(context.Process(target=_child_main, args=(theirs,), daemon=True, name="copingkit-kdf"))
    with _changed:
        _running.add(child)
    try:
        child.process.start()
        with _changed:
            _changed.notify_all()
            if child.cancelled:
                child.process.kill()
        theirs.close()
        ours.send(request)
        while not ours.poll(POLL_SECONDS):
            if child.cancelled:
                raise Stopped("cancelled")
        try:
            status, value = ours.recv()
        except (EOFError, OSError):
            if child.cancelled:
                raise Stopped("cancelled") from None
            raise OutOfMemory("the derivation ended without an answer") from None
        if status == "ok":
            return value
        if status == "memory":
            raise OutOfMemory("MemoryError in the derivation")
        raise LibraryFailed(str(value))
    finally:
        ours.close()
        if child.process.pid is not None:
            if child.process.is_alive():
                child.process.kill()
            child.process.join()
        with _changed:
            _running.discard(child)
            _changed.notify_all()


def _not_dumpable() -> None:
    """The child holds the secret too: keep other same-user processes from reading its memory (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def _child_main(connection: Any) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl-c reaches the whole process group: the parent ends us
    _not_dumpable()
    try:
        kind, secret, salt, m_kib, t, p, runs = connection.recv()
        try:
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

            def once(value: bytes) -> bytes:
                return Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m_kib).derive(value)

            if kind == "derive":
                connection.send(("ok", once(secret)))
            else:
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    once(secret)
                    times.append(time.perf_counter() - started)
                connection.send(("ok", times))
        except MemoryError:
            connection.send(("memory", ""))
        except BaseException as error:  # noqa: BLE001 - a Rust panic is a BaseException; report its name only
            connection.send(("failed", type(error).__name__))
    finally:
        connection.close()
