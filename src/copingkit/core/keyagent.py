"""The opt-in key agent (`copingkit unlock --for 15m`): a vault's unwrapped data key held in memory for a while.

What it is: a small process of this user, started by `unlock` in its own session, listening on a unix
socket (mode 0600) in a 0700 folder in the user's runtime folder (XDG_RUNTIME_DIR; else a private
folder in the temp folder, refused unless it is ours and 0700). Every connection's peer credentials
(SO_PEERCRED) are checked and another user id is refused without an answer; the client checks the
agent's credentials the same way, so a socket left by someone else is never trusted.

What it holds: per vault, keyed by the vault file's resolved path and its identity (the header's
vault id), the data key and a deadline. Nothing is written to disk; core dumps are off and the
process is not dumpable (another process of this user can't read its memory through ptrace).

What ends it: `lock` (wipe everything and exit), the deadline (each vault's own; the process exits
when it holds nothing), `forget` (sent by a passphrase change or key rotation; a CLI command that
finds the key no longer opens the vault sends it too), SIGHUP/SIGTERM/SIGINT, and the end of the
login session it was started from (its session leader is gone) or its socket being removed (logind
removes the runtime folder at logout).

Protocol: one JSON line per connection, one JSON line back, at most MAX_LINE bytes each way.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copingkit.core.agent_socket import AgentUnavailable, socket_path

MIN_SECONDS = 60
MAX_SECONDS = 8 * 3600
DEFAULT_SECONDS = 15 * 60
MAX_LINE = 4096
CLIENT_TIMEOUT = 2.0
CHECK_EVERY = 5.0
"""Seconds between checks that the login session and the socket are still there."""
_CRED = struct.Struct("3i")


def vault_key(path: Path, vault_id: bytes) -> str:
    """What the agent files a key under: the vault's resolved path and its identity."""
    return f"{Path(path).resolve()}\0{vault_id.hex()}"


# ---- peer credentials ---------------------------------------------------------------------------


def peer_uid(connection: socket.socket) -> int:
    """The user id of the process at the other end of a unix socket (SO_PEERCRED: pid, uid, gid)."""
    _pid, uid, _gid = _CRED.unpack(connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED.size))
    return uid


def peer_allowed(uid: int) -> bool:
    """Only this same user may talk to the agent (root included: root is refused by a user's agent)."""
    return uid == os.getuid()


def _read_line(connection: socket.socket) -> bytes:
    data = bytearray()
    while b"\n" not in data:
        chunk = connection.recv(MAX_LINE + 1 - len(data))
        if not chunk:
            break
        data.extend(chunk)
        if len(data) > MAX_LINE:
            raise ValueError("line too long")
    return bytes(data).split(b"\n", 1)[0]


# ---- the agent ----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Held:
    key: bytearray
    deadline: float

    def wipe(self) -> None:
        for i in range(len(self.key)):
            self.key[i] = 0


class Agent:
    """The agent's state and answers; `serve` runs it on a listening socket. The clock is injectable."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._held: dict[str, _Held] = {}
        self.stopping = False

    @property
    def empty(self) -> bool:
        return not self._held

    def next_deadline(self) -> float | None:
        return min((held.deadline for held in self._held.values()), default=None)

    def expire(self) -> None:
        now = self._clock()
        for name in [name for name, held in self._held.items() if held.deadline <= now]:
            self._held.pop(name).wipe()

    def wipe_all(self) -> None:
        for held in self._held.values():
            held.wipe()
        self._held.clear()

    def answer(self, request: Any) -> dict[str, Any]:
        self.expire()
        if not isinstance(request, dict):
            return {"error": "bad request"}
        op, name = request.get("op"), request.get("vault")
        if op == "lock":
            self.wipe_all()
            self.stopping = True
            return {"ok": True}
        if op == "status":
            return {"ok": True, "vaults": len(self._held)}
        if not isinstance(name, str) or len(name) > 2048:
            return {"error": "bad request"}
        if op == "get":
            held = self._held.get(name)
            if held is None:
                return {"ok": True}
            return {"ok": True, "key": held.key.hex(), "seconds_left": max(0.0, held.deadline - self._clock())}
        if op == "forget":
            held = self._held.pop(name, None)
            if held is not None:
                held.wipe()
            if self.empty:
                self.stopping = True
            return {"ok": True}
        if op == "put":
            seconds, key = request.get("seconds"), request.get("key")
            if not isinstance(seconds, int | float) or not MIN_SECONDS <= seconds <= MAX_SECONDS:
                return {"error": "bad time"}
            try:
                raw = bytearray.fromhex(key) if isinstance(key, str) and len(key) == 64 else None
            except ValueError:
                raw = None
            if raw is None:
                return {"error": "bad key"}
            old = self._held.pop(name, None)
            if old is not None:
                old.wipe()
            self._held[name] = _Held(raw, self._clock() + seconds)
            return {"ok": True}
        return {"error": "bad request"}

    def handle(self, connection: socket.socket) -> None:
        """Answer one connection; another user gets the connection closed and nothing else."""
        with connection:
            if not peer_allowed(peer_uid(connection)):
                return
            connection.settimeout(CLIENT_TIMEOUT)
            try:
                request = json.loads(_read_line(connection) or b"null")
            except (ValueError, OSError):
                return
            reply = self.answer(request)
            with contextlib.suppress(OSError):
                connection.sendall(json.dumps(reply).encode("ascii") + b"\n")

    def serve(self, listener: socket.socket, *, still_wanted: Callable[[], bool] = lambda: True) -> None:
        """Accept connections until locked, empty after expiry, or `still_wanted` says no (checked often)."""
        last_check = time.monotonic()
        while not self.stopping:
            self.expire()
            if self.empty:
                break
            deadline = self.next_deadline()
            assert deadline is not None
            timeout = max(0.0, min(CHECK_EVERY, deadline - self._clock()))
            ready, _, _ = select.select([listener], [], [], timeout)
            if ready:
                try:
                    connection, _ = listener.accept()
                except OSError:
                    continue
                self.handle(connection)
            if time.monotonic() - last_check >= CHECK_EVERY or not ready:
                last_check = time.monotonic()
                if not still_wanted():
                    break
        self.wipe_all()


def _harden() -> None:
    """No core dumps and (Linux) not dumpable: the key lives only in this process's memory."""
    os.umask(0o077)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0


def _session_alive(session: int) -> bool:
    if session <= 1:
        return True
    try:
        os.kill(session, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _bind(path: Path) -> socket.socket:
    """Listen at `path` (0600); a stale socket nobody answers on is replaced, a live agent's is not."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            listener.bind(str(path))
        except OSError:
            if _ask(path, {"op": "status"}) is not None:
                raise
            path.unlink(missing_ok=True)
            listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen(8)
    except BaseException:
        listener.close()
        raise
    return listener


def _agent_main() -> None:
    _harden()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    request = json.loads(sys.stdin.buffer.readline(MAX_LINE + 1))
    sys.stdin.close()
    session = int(request.get("session", 0))
    agent = Agent()
    first = agent.answer({"op": "put", "vault": request["vault"], "key": request["key"], "seconds": request["seconds"]})
    request.clear()

    def stop(_signum: int, _frame: object) -> None:
        agent.wipe_all()
        agent.stopping = True
        raise SystemExit(0)

    for which in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(which, stop)
    path = socket_path(create=True)
    try:
        listener = _bind(path) if "ok" in first else None
    except OSError:
        listener = None
    sys.stdout.write("ready\n" if listener is not None else "failed\n")
    sys.stdout.flush()
    sys.stdout.close()
    if listener is None:
        agent.wipe_all()
        return
    identity = os.stat(path)
    os.chdir("/")

    def still_wanted() -> bool:
        try:
            now = os.stat(path)
        except OSError:
            return False
        return (now.st_ino, now.st_dev) == (identity.st_ino, identity.st_dev) and _session_alive(session)

    try:
        agent.serve(listener, still_wanted=still_wanted)
    finally:
        agent.wipe_all()
        listener.close()
        with contextlib.suppress(OSError):
            if (os.stat(path).st_ino, os.stat(path).st_dev) == (identity.st_ino, identity.st_dev):
                path.unlink()


# ---- the client ---------------------------------------------------------------------------------


def _ask(path: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """Send one request; None when nothing (or not this user's agent) answers."""
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError:
        return None
    with client:
        client.settimeout(CLIENT_TIMEOUT)
        try:
            client.connect(str(path))
            if not peer_allowed(peer_uid(client)):
                return None
            client.sendall(json.dumps(request).encode("ascii") + b"\n")
            reply = json.loads(_read_line(client) or b"null")
        except (OSError, ValueError):
            return None
    return reply if isinstance(reply, dict) else None


def ask(request: dict[str, Any]) -> dict[str, Any] | None:
    """One request to this user's agent, or None when there is none (or its folder isn't private)."""
    try:
        path = socket_path()
    except (AgentUnavailable, OSError):  # no folder yet, or one that isn't private: no agent to trust
        return None
    if not path.exists():
        return None
    return _ask(path, request)


def running() -> bool:
    return ask({"op": "status"}) is not None


def key_for(path: Path, vault_id: bytes) -> bytes | None:
    """The data key the agent holds for this vault, or None."""
    reply = ask({"op": "get", "vault": vault_key(path, vault_id)})
    if not reply or not isinstance(reply.get("key"), str):
        return None
    try:
        key = bytes.fromhex(reply["key"])
    except ValueError:
        return None
    return key if len(key) == 32 else None


def forget(path: Path, vault_id: bytes) -> None:
    """Tell the agent to drop this vault's key (a passphrase change, a key that no longer opens it)."""
    ask({"op": "forget", "vault": vault_key(path, vault_id)})


def lock() -> bool:
    """Ask the agent to wipe every key and exit; whether one was running."""
    return ask({"op": "lock"}) is not None


def hold(path: Path, vault_id: bytes, key: bytes, seconds: int, *, python: str = sys.executable) -> int | None:
    """Keep `key` for this vault for `seconds`: in the running agent, else in a new one (its pid returned).

    The key reaches a new agent over its stdin pipe, never argv or the environment.
    """
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise ValueError("seconds out of range")
    request = {"op": "put", "vault": vault_key(path, vault_id), "key": key.hex(), "seconds": seconds}
    reply = ask(request)
    if reply is not None and reply.get("ok"):
        return None
    import subprocess

    socket_path(create=True)  # the private folder, made (or refused) here, before a child is started
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(entry for entry in sys.path if entry)
    try:
        process = subprocess.Popen(
            [python, "-m", "copingkit.core.keyagent"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
            close_fds=True,
            cwd="/",
        )
    except OSError as error:
        raise AgentUnavailable(str(error)) from error
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write((json.dumps({**request, "session": os.getsid(0)}) + "\n").encode("ascii"))
        process.stdin.close()
    except OSError:
        pass
    answer = process.stdout.readline()
    process.stdout.close()
    if answer.strip() != b"ready":
        with contextlib.suppress(OSError):
            process.kill()
        process.wait()
        raise AgentUnavailable("the agent did not start")
    return process.pid


if __name__ == "__main__":
    _agent_main()
