"""The benchmark runner runs (a smoke test at a tiny size: budgets are for the runner at full size,
never for a test). A change that breaks one of its measures is seen here, not at the next bench run."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURED = (
    "open, key known",
    "save after one edit",
    "search top 50",
    "list latest 50",
    "insights: mood_by_weekday",
    "insights: groups",
    "KDF alone (floor: 64 MiB, t 3, p 4)",
    "copingkit write, end to end",
    "copingkit list --limit 10, end to end",
    "copingkit search breathing, end to end",
    "TUI first paint",
    "TUI unlock → home, after the KDF",
    "peak memory, copingkit write",
)


def test_every_measure_of_the_runner_gives_a_number(tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p), "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--entries", "300", "--big", "0", "--repeat", "1", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: a budget missed, which a tiny journal may well do
    rows = {row["name"]: row for row in json.loads(done.stdout)["rows"]}
    for name in MEASURED:  # a number, not a size: "after the KDF" is a difference, which load can make negative
        value = rows[name]["value"]
        assert isinstance(value, (int, float)) and math.isfinite(value), (name, rows[name])
