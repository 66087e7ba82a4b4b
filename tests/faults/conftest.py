"""Shared helpers for the fault, tamper, leak and volume tests (`home` and `initialised` are in tests/conftest.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.support.cli_home import RUNNER

__all__ = ["RUNNER", "subprocess_env"]

SRC = Path(__file__).resolve().parents[2] / "src"
REPO = SRC.parent


def subprocess_env(**extra: str) -> dict[str, str]:
    """This interpreter's environment with copingkit and the repo importable, nothing from TEXTUAL*/COPINGKIT*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COPINGKIT", "TEXTUAL"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), str(REPO), env.get("PYTHONPATH", "")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


@pytest.fixture
def python() -> str:
    return sys.executable
