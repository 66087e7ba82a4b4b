"""Settings for the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.cli_home import Home, initialise, make_home


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: one worker more than the cores. A third of a worker's time is spent waiting (on the CLI and
    key-derivation subprocesses, on Chromium, on the event loop between frames), so on 2 cores a third worker
    took the suite from 420 s to 367 s of wall time (CI, `bash .ci/run`)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


@pytest.fixture
def home(tmp_path: Path) -> Home:
    """A private home for the real `copingkit` command in a subprocess (tests/support/cli_home.py); the
    in-process CLI tests in tests/unit define their own."""
    return make_home(tmp_path)


@pytest.fixture
def initialised(home: Home) -> Home:
    """`home` with a journal made by `copingkit init` (its recovery key in `home.recovery_key`)."""
    return initialise(home)
