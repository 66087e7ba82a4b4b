"""Privacy hardening that runs before textual is imported (DESIGN.md §6).

- TEXTUAL* variables are removed: they switch on devtools, key logging and log files.
  TEXTUAL_ANIMATIONS is kept: it only turns animation down, which some people need.
- umask 077, so anything created is private to this user.
- No core dumps, which would hold decrypted journal text, and (Linux) not dumpable: another process of
  the same user can't attach to this one or read its memory.
- An audit hook that refuses every socket family but AF_UNIX (asyncio's wake-up pipe), and DNS.
"""

from __future__ import annotations

import _socket  # the constants without the socket module (~6 ms, on the way to every command)
import os
import sys

KEPT_TEXTUAL_VARIABLES = frozenset({"TEXTUAL_ANIMATIONS"})
_ALLOWED_FAMILIES = frozenset(filter(None, [getattr(_socket, "AF_UNIX", None)]))
_UNKNOWN_FAMILY = -1
"""socket.socket(fileno=...) reports -1 until it asks the descriptor; its use is checked by family later."""
PR_SET_DUMPABLE = 4
_BLOCKED_EVENTS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.sethostname",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "telnetlib.Telnet.open",
        "webbrowser.open",
    }
)
_installed = False


class NetworkRefused(PermissionError):
    """copingkit never talks to a network; this is raised when something tries."""


def _audit(event: str, args: tuple) -> None:
    if event in _BLOCKED_EVENTS:
        raise NetworkRefused(f"copingkit does not use the network ({event})")
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family not in _ALLOWED_FAMILIES and family != _UNKNOWN_FAMILY:
            raise NetworkRefused(f"copingkit does not use the network (socket family {family})")
    elif event in ("socket.connect", "socket.sendto", "socket.bind", "socket.sendmsg"):
        family = getattr(args[0], "family", None)
        if family not in _ALLOWED_FAMILIES:
            raise NetworkRefused(f"copingkit does not use the network ({event})")


def scrub_environment(environ: dict[str, str] | None = None) -> list[str]:
    """Remove TEXTUAL* variables (except the animation level); returns the names removed."""
    environ = os.environ if environ is None else environ
    removed = [
        name for name in list(environ) if name.upper().startswith("TEXTUAL") and name not in KEPT_TEXTUAL_VARIABLES
    ]
    for name in removed:
        environ.pop(name, None)
    return removed


def disable_core_dumps() -> None:
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def clear_dumpable() -> bool:
    """prctl(PR_SET_DUMPABLE, 0) on Linux; returns whether it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def install_network_guard() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True


def apply() -> None:
    """Everything above, in order. Call before anything imports textual."""
    scrub_environment()
    os.umask(0o077)
    disable_core_dumps()
    clear_dumpable()
    install_network_guard()
