"""Run a command on a pseudo-terminal that is its controlling terminal, answering its prompts."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

Answer = tuple[bytes, bytes]
"""(what to wait for in the output, what to type once it appeared)."""


def run_on_a_terminal(argv: Sequence[str], env: dict[str, str], cwd: Path, answers: Sequence[Answer] = ()) -> bytes:
    """Everything the command wrote to its terminal. Each answer is typed once its prompt appears.

    The deadline is only a safety net against a hung child; no result depends on timing.
    """
    import pty

    pid, master = pty.fork()
    if pid == 0:  # the child: the pty is its stdin, stdout, stderr and /dev/tty
        try:
            os.chdir(cwd)
            command = [sys.executable if argv[0] == "python" else argv[0], *argv[1:]]
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    output = bytearray()
    pending = list(answers)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if pending and pending[0][0] in output:
                os.write(master, pending.pop(0)[1])
            if not select.select([master], [], [], 0.2)[0]:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(master)
    return bytes(output).replace(b"\r\n", b"\n")
