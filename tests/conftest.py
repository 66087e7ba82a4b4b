"""Settings for the whole suite."""

from __future__ import annotations

import os


def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: one worker more than the cores. A third of a worker's time is spent waiting (on the CLI and
    key-derivation subprocesses, on Chromium, on the event loop between frames), so on 2 cores a third worker
    took the suite from 420 s to 367 s of wall time (CI, `bash .ci/run`)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1
