"""The e2e fixtures: a private home (tests/support/cli_home.py), fresh or with a journal made by `init`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_home import PASSPHRASE, RUNNER, Home, initialise, make_home

__all__ = ["PASSPHRASE", "RUNNER", "Home"]


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return make_home(tmp_path)


@pytest.fixture
def initialised(home: Home) -> Home:
    return initialise(home)
