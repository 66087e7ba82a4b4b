"""Privacy hardening that runs before textual is imported (DESIGN.md §6).

- TEXTUAL* variables are removed: they switch on devtools, key logging and log files.
  TEXTUAL_ANIMATIONS is kept: it only turns animation down, which some people need.
- umask 077, so anything created is private to this user.
- No core dumps, which would hold decrypted journal text.
- An audit hook that refuses network sockets and DNS; AF_UNIX stays allowed for asyncio.
"""

from __future__ import annotations

import os
import socket
import sys

KEPT_TEXTUAL_VARIABLES = frozenset({"TEXTUAL_ANIMATIONS"})
_NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
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


def _family_of(address: object) -> int | None:
    if isinstance(address, (str, bytes)):
        return getattr(socket, "AF_UNIX", None)
    if isinstance(address, tuple):
        return socket.AF_INET6 if len(address) == 4 else socket.AF_INET
    return None


def _audit(event: str, args: tuple) -> None:
    if event in _BLOCKED_EVENTS:
        raise NetworkRefused(f"copingkit does not use the network ({event})")
    if event == "socket.__new__":
        family = args[1] if len(args) > 1 else None
        if family in _NETWORK_FAMILIES:
            raise NetworkRefused("copingkit does not use the network (socket)")
    elif event in ("socket.connect", "socket.sendto", "socket.bind", "socket.sendmsg"):
        sock = args[0]
        family = getattr(sock, "family", None)
        if family in _NETWORK_FAMILIES:
            raise NetworkRefused(f"copingkit does not use the network ({event})")


def scrub_environment(environ: dict[str, str] | None = None) -> list[str]:
    """Remove TEXTUAL* variables (except the animation level); returns the names removed."""
    environ = os.environ if environ is None else environ
    removed = [name for name in list(environ) if name.upper().startswith("TEXTUAL") and name not in KEPT_TEXTUAL_VARIABLES]
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
    install_network_guard()
