"""A reader that stops reading (`copingkit help-now | head -1`) ends the command quietly: no message, no
traceback, the exit status a shell shows for a program a closed pipe ended (128 + SIGPIPE)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from copingkit.cli.app import PIPE_CLOSED

from .conftest import RUNNER, Home


def _run_into_a_closed_pipe(home: Home, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run with standard output a pipe whose reading end is already closed: every write meets EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, str(RUNNER), *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=home.env,
            cwd=home.root / "work",
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [("help-now",), ("list",), ("search", "river"), ("list", "--format", "json"), ("--help",), ("write", "--help")],
)
def test_a_closed_pipe_ends_the_command_quietly(initialised: Home, args: tuple[str, ...]):
    assert initialised.run("write", "A walk by the river.").returncode == 0
    result = _run_into_a_closed_pipe(initialised, *args)
    assert result.stderr == b""
    assert result.returncode == PIPE_CLOSED


def test_a_closed_pipe_after_a_write_keeps_what_was_written(initialised: Home):
    """`write` prints only to stderr; its entry is saved whatever happens to stdout."""
    result = _run_into_a_closed_pipe(initialised, "write", "Written with nobody reading.")
    assert result.returncode == 0, result.stderr
    assert "Written with nobody reading." in initialised.run("list").stdout
