"""A real headless Chromium (the system's package) that prints pages to PDF, for the print tests.

It is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: it reads commands on
fd 3 and answers on fd 4), so the test process opens no network socket and one browser prints every
page on every paper size (`Page.printToPDF` with the paper's width and height; the pages' own CSS
sets no size, as a person's print dialog would choose it). `.ci/run` installs Chromium when
/usr/bin/chromium is missing; a missing browser fails these tests, it never skips them.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-default-browser-check",
    "--remote-debugging-pipe",
)
STUCK_AFTER_S = 120.0
"""Not a speed limit: how long an answer may take before the test fails instead of hanging."""


class ChromiumGone(RuntimeError):
    """The browser closed its end of the pipe."""


@dataclass(frozen=True)
class Paper:
    name: str
    width_in: float
    height_in: float
    points: tuple[float, float]
    """The PDF page's size in points (Chromium rounds it to its pixels: within 1 pt)."""


A4 = Paper("A4", 210 / 25.4, 297 / 25.4, (595.28, 841.89))
LETTER = Paper("Letter", 8.5, 11.0, (612.0, 792.0))


class Chromium:
    """One headless browser; `print_pdf(path, paper)` gives the PDF's bytes."""

    def __init__(self, profile: Path) -> None:
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        commands_read, answers_write = _above_4(commands_read), _above_4(answers_write)
        home = profile / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "LANG": "C.UTF-8",
        }
        self._log = profile / "chromium.log"
        self._log_file = self._log.open("wb")
        self._process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                f'exec "$0" "$@" 3<&{commands_read} 4>&{answers_write}',
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={profile / 'data'}",
                "about:blank",
            ],
            pass_fds=(commands_read, answers_write),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log_file,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- the protocol --------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self._events.append(answer)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], STUCK_AFTER_S)
            if not ready:
                raise RuntimeError(f"Chromium gave no answer in {STUCK_AFTER_S:.0f} s")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise ChromiumGone(f"Chromium exited; its log ends: {self._log_tail()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _wait_for(self, method: str, session: str) -> None:
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self._events[index]
                    return
            self._events.append(self._read())

    def _log_tail(self) -> str:
        return self._log.read_text(errors="replace")[-2000:]

    # -- printing --------------------------------------------------------------------------------

    def print_pdf(self, page: Path, paper: Paper) -> bytes:
        """`page` (a local file) opened in a new tab and printed on `paper` with its backgrounds."""
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self._send("Page.enable", session=session)
            self._send("Page.navigate", {"url": page.absolute().as_uri()}, session=session)
            self._wait_for("Page.loadEventFired", session)
            printed = self._send(
                "Page.printToPDF",
                {
                    "paperWidth": paper.width_in,
                    "paperHeight": paper.height_in,
                    "preferCSSPageSize": False,
                    "printBackground": True,
                },
                session=session,
            )
        finally:
            self._send("Target.closeTarget", {"targetId": target})
        return base64.b64decode(printed["data"])

    def close(self) -> None:
        try:
            self._send("Browser.close")
        except ChromiumGone:
            pass  # it closed the pipe before answering
        finally:
            try:
                self._process.wait(timeout=STUCK_AFTER_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            os.close(self._commands)
            os.close(self._answers)
            self._log_file.close()


def _above_4(fd: int) -> int:
    """The same pipe end on a descriptor above 4, so bash's `3<&N 4>&M` cannot overwrite it."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved
