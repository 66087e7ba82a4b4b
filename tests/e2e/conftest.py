"""The e2e tests' names for tests/support/cli_home.py; their `home` and `initialised` fixtures are in tests/conftest.py."""

from __future__ import annotations

from tests.support.cli_home import PASSPHRASE, RUNNER, Home

__all__ = ["PASSPHRASE", "RUNNER", "Home"]
