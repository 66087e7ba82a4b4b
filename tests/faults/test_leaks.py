"""Textual's debugging switches in the environment turn nothing on: no key log, no log file, no
screenshot, no devtools connection (not even an attempt to load Textual's devtools client). A crash report shows no local variables. The clipboard is used
only when a person asks (see test_canary.py: `copy_to_clipboard` is never called in a scripted session)."""

from __future__ import annotations

import os
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .canary import contains, new_canary
from .conftest import subprocess_env

HERE = Path(__file__).parent
PROBE = HERE / "leak_probe.py"
RUNNER = HERE.parent / "e2e" / "run_cli.py"


def textual_switches(folder: Path) -> dict[str, str]:
    return {
        "TEXTUAL": "devtools,debug",
        "TEXTUAL_DEBUG": "1",
        "TEXTUAL_LOG": str(folder / "textual.log"),
        "TEXTUAL_DEVTOOLS_HOST": "127.0.0.1",
        "TEXTUAL_DEVTOOLS_PORT": "8081",
        "TEXTUAL_SCREENSHOT": "0.3",
        "TEXTUAL_SCREENSHOT_LOCATION": str(folder),
        "TEXTUAL_SCREENSHOT_FILENAME": "screen.svg",
        "TEXTUAL_SHOW_RETURN": "1",
    }


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def run_in_a_terminal(argv: list[str], env: dict[str, str], cwd: Path, *, keys: bytes, ready: bytes) -> bytes:
    """Run `argv` on a 100x32 pseudo-terminal, type `keys` once `ready` was drawn, return all output."""
    import fcntl
    import pty
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, close_fds=True)
    os.close(slave)
    output = bytearray()
    started, sent = time.monotonic(), False
    try:
        while time.monotonic() - started < 60:
            if not sent and ready in output:
                time.sleep(0.5)
                os.write(master, keys)
                sent = True
            readable = select.select([master], [], [], 0.1)[0]
            if readable:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return bytes(output)


@pytest.fixture
def isolated(home):
    """The e2e `home` with Textual's switches set and a record file for network attempts."""
    switches = home.root / "switches"
    switches.mkdir()
    record = home.root / "network-attempts.txt"
    env = {**home.env, **textual_switches(switches), "PYTHONPATH": subprocess_env()["PYTHONPATH"]}
    return home, env, switches, record


@pytest.mark.skipif(sys.platform == "win32", reason="runs the TUI on a POSIX pseudo-terminal")
def test_the_tui_entry_point_ignores_textual_switches(isolated):
    home, env, switches, record = isolated
    before = files_in(home.root)
    output = run_in_a_terminal(
        [sys.executable, str(PROBE), str(record), "module", "copingkit", "demo"],
        env,
        home.root / "work",
        keys=b"\x11",
        ready=b"Demo",
    )
    assert b"Demo" in output, output[-2000:]
    assert not record.exists(), record.read_text()
    assert files_in(switches) == set(), "Textual wrote a log or a screenshot"
    assert files_in(home.root) - before == set()


def test_the_cli_entry_point_ignores_textual_switches(isolated):
    home, env, switches, record = isolated
    probe = [sys.executable, str(PROBE), str(record), "runner", str(RUNNER)]
    for args in (["init"], ["write", "a line for the log that must not exist"], ["list"]):
        result = subprocess.run(
            [*probe, *args], capture_output=True, text=True, env=env, cwd=home.root / "work", timeout=120
        )
        assert result.returncode == 0, result.stderr
    assert not record.exists(), record.read_text()
    assert files_in(switches) == set()


@pytest.mark.parametrize("where", ["handler", "worker"])
def test_a_crash_report_shows_no_local_variables(tmp_path: Path, where: str):
    canary = new_canary()
    result = subprocess.run(
        [sys.executable, str(HERE / "crash_in_handler.py"), canary, where],
        capture_output=True,
        text=True,
        env=subprocess_env(TERM="xterm-256color", COLUMNS="120"),
        cwd=tmp_path,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "RuntimeError" in output and "a handler failed" in output, output[-3000:]
    assert not contains(output, canary), "a local variable was printed in the crash report"
