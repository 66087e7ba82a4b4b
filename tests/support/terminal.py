"""Run a command on a pseudo-terminal that is its controlling terminal, answering its prompts."""

from __future__ import annotations

import contextlib
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


class TerminalSession:
    """A full-screen program on a pseudo-terminal of a fixed size: wait for words, type, signal, wait."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], cwd: Path, *, size: tuple[int, int] = (100, 32)
    ) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.pid, self.master = pty.fork()
        if self.pid == 0:
            try:
                os.chdir(cwd)
                command = [sys.executable if argv[0] == "python" else argv[0], *argv[1:]]
                os.execve(command[0], command, env)
            finally:
                os._exit(127)
        columns, rows = size
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = bytearray()
        self.status: int | None = None

    def _read(self, timeout: float) -> bool:
        if not select.select([self.master], [], [], timeout)[0]:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed its terminal
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: bytes, *, deadline: float = 60) -> None:
        """Read until `text` has been drawn (the deadline only guards against a hung program)."""
        start = len(self.output)
        end = time.monotonic() + deadline
        while text not in self.output[start:]:
            if time.monotonic() > end or not self._read(0.2):
                import re

                shown = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]", b" ", bytes(self.output))
                words = b" ".join(shown.split())[-1500:].decode(errors="replace")
                raise AssertionError(f"{text!r} never appeared; the screen last said: {words}")

    def type(self, text: bytes) -> None:
        os.write(self.master, text)

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def close_terminal(self) -> None:
        """As when the window is closed: the terminal goes away (the program gets SIGHUP)."""
        os.close(self.master)
        self.master = -1

    def wait(self, *, deadline: float = 60) -> int:
        """The exit status, reading (and so not blocking) the program's output meanwhile."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            if self.master >= 0:
                self._read(0.1)
            else:
                time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the program did not exit")

    def __enter__(self) -> TerminalSession:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is None:
            with contextlib.suppress(ChildProcessError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        if self.master >= 0:
            os.close(self.master)
