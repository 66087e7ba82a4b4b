"""Run a copingkit entry point with an audit recorder installed first.

usage: leak_probe.py RECORD_FILE (module copingkit | runner PATH) ARGS...

The recorder (installed before copingkit's own hardening, so it sees every attempt even when the
hardening refuses it) appends one line per network attempt to RECORD_FILE: socket creation for
AF_INET/AF_INET6, connect/sendto to a network address, DNS look-ups, and any attempt to import
Textual's devtools client (`textual_dev`), which is how Textual starts a devtools connection; it
counts even where textual-dev is not installed.
"""

from __future__ import annotations

import runpy
import socket
import sys

RECORD = sys.argv[1]
NETWORK = {socket.AF_INET, socket.AF_INET6}
DNS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}


def record(event: str, args: tuple) -> None:
    line = None
    if event == "socket.__new__" and len(args) > 1 and args[1] in NETWORK:
        line = f"{event} family={args[1]}"
    elif event in ("socket.connect", "socket.sendto", "socket.sendmsg") and getattr(args[0], "family", None) in NETWORK:
        line = f"{event} {args[1]!r}"
    elif event == "import" and str(args[0]).startswith("textual_dev"):
        line = f"devtools import {args[0]}"
    elif event in DNS or event in ("urllib.Request", "http.client.connect"):
        line = f"{event} {args[:2]!r}"
    if line is not None:
        with open(RECORD, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


sys.addaudithook(record)
kind, target, *rest = sys.argv[2:]
if kind == "module":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = [target, *rest]
    runpy.run_path(target, run_name="__main__")
